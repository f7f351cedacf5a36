"""Routes of the ground floor and the read-only top floor: dashboard, audit log, schema."""

from __future__ import annotations

from casework.core import roles as R
from tests.casework.access.spec import ALL, Request, api, page

AUDIT = {R.ADMINISTRATOR, R.DATA_PROTECTION_OFFICER}

ROUTES = [
    page("GET", "", ALL, lambda w: Request("/")),
    page("GET", "audit/", AUDIT, lambda w: Request("/audit/?action=tracing")),
    api("GET", "/api/openapi.json", ALL, lambda w: Request("/api/openapi.json")),
]

# Public by design (tested in test_matrix.test_public_routes): the login form and logout.
PUBLIC = {("GET", "login/"), ("POST", "login/"), ("POST", "logout/")}
