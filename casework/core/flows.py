"""The flow layer's declarations: who acts, which use cases exist, what each needs.

Every use case of Kintrace is one function (or an action object) in an app's
``services.py`` (writes) or ``selectors.py`` (reads). It is declared with
:func:`flow`, which names, in one place, the permission the use case needs::

    @flow("detention.detainee.open", permission="detention.view_detainee", kind="read")
    def detainee_page(*, viewer: Actor, detainee_id: int) -> DetaineePage:
        ...  # compartment check, read, audit_record(...) — all in one transaction

The decorator

* requires the actor (the ``by`` keyword for writes, ``viewer`` for reads) to be a
  saved, active, logged-in user — never an anonymous request and never a nameless
  "system": the CLI acts as a named user (``--as USER``), a background job as the
  user who started it;
* requires the declared permission; a refusal raises the same :class:`NotFound` as a
  missing record, so no page, endpoint or command reveals that a record exists;
* runs the body in one transaction (``transaction.atomic``), so the change, or the
  read, and its audit entry commit or roll back together.

Compartment checks (which *records* of a kind the actor may see) stay inside the body,
next to the query they restrict. :data:`USE_CASES` lists every declared use case; the
role-matrix tests and ``docs/architecture.md`` read it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeAlias, TypeVar

from django.db import transaction

from casework.core.errors import NotFound

if TYPE_CHECKING:
    from casework.core.models import User

    Actor: TypeAlias = User
else:  # the model cannot be imported before the app registry is ready
    Actor: TypeAlias = Any

P = ParamSpec("P")
R = TypeVar("R")

NO_ACTOR = "A use case needs a named, active user as its actor (by= or viewer=)."
DUPLICATE_USE_CASE = "Use case {name!r} is declared twice."


@dataclass(frozen=True)
class UseCase:
    """One declared use case: a dotted name, the permission(s) it needs (all of them),
    whether it reads or writes, and the function that performs it."""

    name: str
    permissions: tuple[str, ...]
    kind: Literal["read", "write"]
    function: str


USE_CASES: dict[str, UseCase] = {}


def is_actor(user: Any) -> bool:
    """True for a saved, active, authenticated user."""
    return bool(
        user is not None
        and getattr(user, "pk", None)
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
    )


def actor_may(user: Any, *perms: str) -> bool:
    """True when ``user`` is an actor holding every permission in ``perms``."""
    return is_actor(user) and all(user.has_perm(p) for p in perms)


def require_actor(user: Any, *perms: str) -> None:
    """Raise :class:`NotFound` unless ``user`` is an actor holding every permission."""
    if not actor_may(user, *perms):
        raise NotFound()


def flow(
    name: str,
    *,
    permission: str | tuple[str, ...] | None,
    kind: Literal["read", "write"] = "write",
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a use case: its name, the permission it needs and whether it writes.

    ``permission=None`` means any actor (a logged-in, active user) may run it; the
    body then decides per record (compartments). The actor is the keyword argument
    ``by`` (writes) or ``viewer`` (reads).
    """
    perms: tuple[str, ...] = (
        () if permission is None else (permission,) if isinstance(permission, str) else permission
    )
    actor_kw = "by" if kind == "write" else "viewer"

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        if name in USE_CASES:
            raise RuntimeError(DUPLICATE_USE_CASE.format(name=name))
        USE_CASES[name] = UseCase(name, perms, kind, f"{fn.__module__}.{fn.__qualname__}")

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = kwargs.get(actor_kw)
            require_actor(actor, *perms)
            with transaction.atomic():
                return fn(*args, **kwargs)

        wrapper.use_case = USE_CASES[name]  # type: ignore[attr-defined]
        return wrapper

    return decorate
