"""The declarations the role matrix is generated from (see test_matrix.py).

Each domain lists, in ``tests/casework/access/<domain>.py``, one :class:`Route` per
page method and per API operation: the roles allowed, and how to build a **valid**
request (URL and body) from the lazily built :class:`World`. The matrix test then
requires, for every route, that

* an anonymous request is sent to the login page (pages) or gets 401 (API);
* every refused role, sending that same valid request, gets exactly 404;
* every allowed role's request succeeds with the route's ``ok`` status;

and that every URL pattern of the resolver and every operation of the OpenAPI schema
has a route here (a page method not declared must answer 405), so nothing can be
forgotten. Each role's request runs in a savepoint that is rolled back, so every role
meets the same world.

Registering world parts::

    @part("detainee")
    def _detainee(w: World):
        return detainee_register(..., by=w.user("detention delegate"))

``w.detainee`` builds it on first use (and may use other parts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from casework.core import roles as R

ALL = frozenset(R.ALL_ROLES)


@dataclass(frozen=True)
class Request:
    """A concrete request: the URL, and the body (form data for pages, JSON for the
    API; ``None`` for a GET). ``files`` are uploads for a page POST."""

    url: str
    data: dict[str, Any] | None = None
    files: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    """One page method or API operation.

    ``pattern``: for pages, the resolver's full route (``"detainees/<int:detainee_id>/"``);
    for the API, the OpenAPI path (``"/api/detention/detainees/{detainee_id}"``).
    ``method``: ``"GET"`` or ``"POST"`` (pages), or the API method in capitals.
    ``ok``: the status an allowed role gets (200 for a GET; a page POST usually 302).
    """

    method: str
    pattern: str
    allowed: frozenset[str]
    build: Callable[[World], Request]
    ok: int = 200
    api: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.pattern)


def page(
    method: str, pattern: str, allowed: frozenset[str] | set[str], build, ok: int | None = None
) -> Route:
    return Route(
        method, pattern, frozenset(allowed), build, ok or (200 if method == "GET" else 302)
    )


def api(
    method: str, pattern: str, allowed: frozenset[str] | set[str], build, ok: int | None = None
) -> Route:
    return Route(
        method,
        pattern,
        frozenset(allowed),
        build,
        ok or (200 if method == "GET" else 201),
        api=True,
    )


PARTS: dict[str, Callable[[World], Any]] = {}


def part(name: str):
    """Register a lazily built part of the world."""

    def decorate(fn: Callable[[World], Any]):
        if name in PARTS:
            raise RuntimeError(f"world part {name!r} registered twice")
        PARTS[name] = fn
        return fn

    return decorate


class World:
    """Records shared by the routes' requests, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def user(self, role: str):
        from tests.factories import user_with_role

        return user_with_role(role)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._built:
            if name not in PARTS:
                raise AttributeError(f"no world part {name!r}")
            self._built[name] = PARTS[name](self)
        return self._built[name]
