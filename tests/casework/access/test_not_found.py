"""A forbidden record and a missing one give the same answer, byte for byte."""

import re

import pytest
from django.test import Client

from casework.core import roles as R
from tests.factories import open_request, user_with_role

pytestmark = pytest.mark.django_db


def _without_csrf(body: bytes) -> bytes:
    """CSRF tokens are masked differently on every response."""
    return re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", body)


@pytest.fixture
def world(db):
    tomas = user_with_role(R.TRACING_OFFICER)
    case = open_request(by=tomas).cases.get()
    return {"case": case.pk, "person": case.person_id}


def test_forbidden_and_missing_look_the_same(world):
    client = Client()
    client.force_login(user_with_role(R.PARTNER))
    forbidden = client.get(f"/cases/{world['case']}/")
    missing = client.get("/cases/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert _without_csrf(forbidden.content) == _without_csrf(missing.content)
    api_forbidden = client.get(f"/api/cases/{world['case']}")
    api_missing = client.get("/api/cases/999999")
    assert api_forbidden.status_code == api_missing.status_code == 404
    assert api_forbidden.json() == api_missing.json()
