"""Every GET page of identification, antemortem, remains and samples writes nothing but
read-audit entries: table row counts are unchanged and every new audit entry is a
declared read (one world for all pages; the role matrix repeats this per role)."""

import pytest
from django.apps import apps
from django.test import Client

from casework.core.audit import READ_ACTIONS
from casework.core.models import AuditEntry
from tests.casework.access import identification as routes
from tests.casework.access.spec import World
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
UNCOUNTED = {"core.auditentry", "core.auditchainhead", "sessions.session"}


def counts():
    return {
        m._meta.label_lower: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label_lower not in UNCOUNTED and not m._meta.proxy
    }


def test_get_pages_write_only_read_audits():
    world = World()
    gets = [r for r in routes.ROUTES if r.method == "GET"]
    requests = [(r, r.build(world)) for r in gets]
    assert len(requests) >= 10
    for route, request in requests:
        client = Client()
        client.force_login(user_with_role(sorted(route.allowed)[0]))
        before, last = counts(), AuditEntry.objects.order_by("-seq").first()
        response = client.get(request.url)
        assert response.status_code == 200, (request.url, response.status_code)
        after = counts()
        assert after == before, (
            request.url,
            {k: (before[k], after[k]) for k in before if before[k] != after[k]},
        )
        new = set(AuditEntry.objects.filter(seq__gt=last.seq).values_list("action", flat=True))
        assert new <= READ_ACTIONS, (request.url, new)


def test_opening_the_dna_page_of_a_case_without_pedigree_creates_none():
    from casework.samples.models import FamilyPedigree, PedigreeMember

    world = World()
    case = world.ident_bare_case
    client = Client()
    client.force_login(user_with_role("tracing officer"))
    before = (FamilyPedigree.objects.count(), PedigreeMember.objects.count())
    assert client.get(f"/cases/{case.pk}/dna/").status_code == 200
    assert (FamilyPedigree.objects.count(), PedigreeMember.objects.count()) == before
