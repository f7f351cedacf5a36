"""The role matrix, generated from the URL resolver and the OpenAPI schema.

Every page method and API operation is declared in a domain module beside this one
(``ROUTES``; see ``spec.py``) with a *valid* request. For each route:

* anonymous: pages redirect to the login page, the API answers 401;
* every refused role sends the same valid request and gets exactly 404 — the answer
  for a record that does not exist;
* every allowed role's request succeeds with the declared status;
* a GET writes nothing but read-audit entries (row counts of every table unchanged;
  new audit entries are all declared reads);
* a page method no route declares answers 405.

A resolver pattern or an OpenAPI operation without a route fails ``test_every_route_is_declared``,
so a new page or endpoint cannot be forgotten.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from casework.core import roles as R
from casework.core.audit import READ_ACTIONS
from casework.core.models import AuditEntry
from tests.casework.access.spec import Route, World
from tests.factories import ROLE_USER, example_user

pytestmark = pytest.mark.django_db

_HERE = Path(__file__).parent
MODULES = [
    importlib.import_module(f"tests.casework.access.{m.name}")
    for m in pkgutil.iter_modules([str(_HERE)])
    if m.name not in ("spec",) and not m.name.startswith("test_")
]
ROUTES: list[Route] = [r for m in MODULES for r in getattr(m, "ROUTES", [])]
PUBLIC: set[tuple[str, str]] = set().union(*(getattr(m, "PUBLIC", set()) for m in MODULES))
UNCOUNTED = {"core.auditentry", "core.auditchainhead", "sessions.session"}


def resolver_patterns() -> set[str]:
    """Every page route as the resolver spells it (the API is covered by its schema)."""
    out: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if str(p.pattern) == "api/":
                    continue
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                out.add(prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "")
    return out


def api_operations() -> set[tuple[str, str]]:
    from casework.api.api import api

    schema = api.get_openapi_schema(path_prefix="/api/")
    ops = {(m.upper(), path) for path, item in schema["paths"].items() for m in item}
    return ops | {("GET", "/api/openapi.json")}


def test_every_route_is_declared():
    declared = {r.key for r in ROUTES if not r.api} | PUBLIC
    declared_patterns = {pattern for _, pattern in declared}
    missing_pages = sorted(resolver_patterns() - declared_patterns)
    stale_pages = sorted(declared_patterns - resolver_patterns())
    declared_api = {r.key for r in ROUTES if r.api}
    missing_api = sorted(api_operations() - declared_api)
    stale_api = sorted(declared_api - api_operations())
    assert not missing_pages, f"pages without a route in tests/casework/access: {missing_pages}"
    assert not missing_api, f"API operations without a route: {missing_api}"
    stale = stale_pages + stale_api
    assert not stale, f"routes that no longer exist: {stale}"
    keys = [r.key for r in ROUTES]
    assert len(keys) == len(set(keys)), "a route is declared twice"


def _send(client: Client, route: Route, url: str, data, files):
    if route.api:
        if data is None:
            return getattr(client, route.method.lower())(url)
        return getattr(client, route.method.lower())(
            url, data=json.dumps(data), content_type="application/json"
        )
    if route.method == "GET":
        return client.get(url)
    return client.post(url, data={**(data or {}), **files})


def _counts() -> dict[str, int]:
    return {
        m._meta.label_lower: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label_lower not in UNCOUNTED and not m._meta.proxy
    }


def _users():
    return {role: example_user(name) for role, name in ROLE_USER.items()}


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method} {r.pattern or '/'}" for r in ROUTES])
def test_route(route: Route):
    users = _users()
    world = World()
    request = route.build(world)

    anonymous = _send(Client(), route, request.url, request.data, dict(request.files))
    if route.pattern == "/api/openapi.json" or route.api:
        assert anonymous.status_code == 401, f"anonymous: {anonymous.status_code}"
    else:
        assert anonymous.status_code == 302, f"anonymous: {anonymous.status_code}"
        assert anonymous["Location"].startswith("/login/")

    for role in R.ALL_ROLES:
        with transaction.atomic():
            client = Client()
            client.force_login(users[role])
            before = _counts() if route.method == "GET" else None
            last_seq = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
            for f in request.files.values():
                f.seek(0)
            response = _send(client, route, request.url, request.data, dict(request.files))
            expected = route.ok if role in route.allowed else 404
            detail = response.content[:600].decode(errors="replace")
            assert response.status_code == expected, (
                f"{role} {route.method} {request.url}: {response.status_code}, "
                f"expected {expected}\n{detail}"
            )
            if before is not None:
                after = _counts()
                changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
                assert not changed, f"{role} GET {request.url} wrote rows: {changed}"
                new = AuditEntry.objects.filter(seq__gt=last_seq or 0)
                writes = sorted(set(new.values_list("action", flat=True)) - READ_ACTIONS)
                assert not writes, f"{role} GET {request.url} audited writes: {writes}"
            if role not in route.allowed:
                assert not AuditEntry.objects.filter(seq__gt=last_seq or 0).exists(), (
                    f"a refused request by {role} left audit entries"
                )
            transaction.set_rollback(True)


PAGE_ROUTES: dict[str, list[Route]] = {}
for _r in ROUTES:
    if not _r.api:
        PAGE_ROUTES.setdefault(_r.pattern, []).append(_r)


@pytest.mark.parametrize("pattern", sorted(PAGE_ROUTES), ids=lambda p: p or "/")
def test_undeclared_methods_answer_405(pattern: str):
    declared = {r.method for r in PAGE_ROUTES[pattern]}
    route = PAGE_ROUTES[pattern][0]
    users = _users()
    request = route.build(World())
    allowed_role = next(iter(sorted(route.allowed)))
    client = Client()
    client.force_login(users[allowed_role])
    for method in {"GET", "POST"} - declared:
        response = getattr(client, method.lower())(request.url)
        assert response.status_code == 405, f"{method} {request.url}: {response.status_code}"


def test_public_routes():
    client = Client()
    assert client.get("/login/").status_code == 200
    assert client.post("/login/", {"username": "nobody", "password": "x"}).status_code == 200
    assert client.post("/logout/").status_code == 302
