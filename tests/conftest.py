import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


@pytest.fixture(autouse=True)
def _audit_triggers(request):
    """The audit log's append-only triggers must be in place for every database test;
    transactional tests remove them at teardown so the test database can be flushed
    (and the head row, which a flush deletes, is restored)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        yield
        return
    from django.db import connection

    from casework.core.models import AuditChainHead
    from casework.core.triggers import create_audit_triggers, drop_audit_triggers

    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    create_audit_triggers(connection)
    if transactional:  # an earlier transactional test flushed the migrations' data
        from django.contrib.auth.models import Group, Permission

        from casework.core.roles import ensure_roles

        ensure_roles(Group, Permission)
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": "0" * 64})
    yield
    if transactional:
        drop_audit_triggers(connection)


@pytest.fixture
def tomas(db):
    from tests.factories import example_user

    return example_user("tomas")


@pytest.fixture
def ada(db):
    from tests.factories import example_user

    return example_user("ada")
