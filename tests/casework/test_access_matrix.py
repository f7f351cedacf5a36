"""Every page and endpoint, and the roles that must be refused.

Refused means 404, exactly as for a record that does not exist; anonymous users are
sent to the login page (pages) or get 401 (API)."""

import datetime as dt
import re

import pytest
from django.test import Client

from casework.core import roles as R
from casework.tracing import editions as ed
from tests.factories import open_request, user_with_role

pytestmark = pytest.mark.django_db

ALL = set(R.ALL_ROLES)
REGISTRY = {
    R.ADMINISTRATOR,
    R.TRACING_OFFICER,
    R.FORENSIC_SPECIALIST,
    R.ACCOMPANIMENT_OFFICER,
    R.DATA_PROTECTION_OFFICER,
}
PERSONS = REGISTRY | {R.DETENTION_DELEGATE}
EDITORS = {R.ADMINISTRATOR, R.TRACING_OFFICER}
EDITIONS = {R.ADMINISTRATOR, R.TRACING_OFFICER, R.DATA_PROTECTION_OFFICER}
AUDIT = {R.ADMINISTRATOR, R.DATA_PROTECTION_OFFICER}

PAGES = [  # (url template, roles allowed)
    ("/", ALL),
    ("/registry/", REGISTRY),
    ("/registry/?q=Aliyev", REGISTRY),
    ("/cases/{case}/", REGISTRY),
    ("/cases/{case}/edit/", EDITORS),
    ("/cases/{case}/status/", EDITORS),
    ("/persons/{person}/", PERSONS),
    ("/persons/{person}/edit/", EDITORS),
    ("/persons/{person}/documents/new/", EDITORS),
    ("/persons/{person}/relationships/new/", EDITORS),
    ("/requests/new/", EDITORS),
    ("/editions/", EDITIONS),
    ("/editions/new/", EDITORS),
    ("/editions/1/", EDITIONS),
    ("/editions/1/diff/1/", EDITIONS),
    ("/editions/1/export.csv", EDITIONS),
    ("/editions/1/export.xlsx", EDITIONS),
    ("/editions/1/responses/new/", EDITORS),
    ("/audit/", AUDIT),
]
API = [  # (method, url template, roles allowed, body)
    ("get", "/api/persons", PERSONS, None),
    ("get", "/api/persons/{person}", PERSONS, None),
    ("get", "/api/cases", REGISTRY, None),
    ("get", "/api/cases/{case}", REGISTRY, None),
    ("post", "/api/requests", EDITORS, {}),
    ("post", "/api/cases/{case}/status", EDITORS, {}),
    ("get", "/api/editions", EDITIONS, None),
    ("get", "/api/editions/1", EDITIONS, None),
    ("get", "/api/editions/1/diff/1", EDITIONS, None),
    ("get", "/api/editions/1/export.csv", EDITIONS, None),
    ("post", "/api/editions", EDITORS, {}),
    ("post", "/api/editions/1/responses", EDITORS, {}),
    ("get", "/api/openapi.json", ALL, None),
]


def _without_csrf(body: bytes) -> bytes:
    """CSRF tokens are masked differently on every response."""
    return re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", body)


@pytest.fixture
def world(db):
    tomas = user_with_role(R.TRACING_OFFICER)
    case = open_request(by=tomas).cases.get()
    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    return {"case": case.pk, "person": case.person_id}


@pytest.mark.parametrize("url,allowed", PAGES, ids=[p[0] for p in PAGES])
def test_pages(world, url, allowed):
    url = url.format(**world)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    for role in R.ALL_ROLES:
        client = Client()
        client.force_login(user_with_role(role))
        status = client.get(url).status_code
        expected = 200 if role in allowed else 404
        assert status == expected, f"{role} on {url}: {status}, expected {expected}"


@pytest.mark.parametrize("method,url,allowed,body", API, ids=[f"{a[0]} {a[1]}" for a in API])
def test_api(world, method, url, allowed, body):
    url = url.format(**world)
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    assert getattr(Client(), method)(url, **kwargs).status_code == 401
    for role in R.ALL_ROLES:
        client = Client()
        client.force_login(user_with_role(role))
        status = getattr(client, method)(url, **kwargs).status_code
        if role in allowed:
            # allowed: success, or 400/422 for the deliberately empty body of a write
            assert status in ((200,) if method == "get" else (400, 422)), f"{role} {url}: {status}"
        else:
            assert status in ((404,) if method == "get" else (404, 422)), f"{role} {url}: {status}"


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


def test_login_page_and_logout():
    client = Client()
    assert client.get("/login/").status_code == 200
    assert client.post("/logout/").status_code == 302
