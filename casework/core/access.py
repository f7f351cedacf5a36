"""Access helpers shared by every domain (kept for the templates' navigation and older
call sites; new code uses ``casework.core.flows``).

A record the user may not see raises the same ``NotFound`` as a record that does not
exist, so no page, endpoint or error message reveals that it exists.
"""

from __future__ import annotations

from typing import Any

from casework.core.errors import NotFound
from casework.core.flows import actor_may, require_actor

MAX_ID = 2**63 - 1  # the largest id a 64-bit primary key holds


def require_perm(user: Any, perm: str) -> None:
    """Raise NotFound unless the (logged-in) user holds ``perm``."""
    require_actor(user, perm)


def has_perm(user: Any, perm: str) -> bool:
    return actor_may(user, perm)


def parse_id(value: Any) -> int:
    """A database id from a URL, form or CLI value; ``NotFound`` for anything else
    (text, a boolean, negative, zero, beyond 64 bits), like a missing record."""
    if isinstance(value, bool):
        raise NotFound()
    try:
        pk = int(value)
    except (TypeError, ValueError, OverflowError):
        raise NotFound() from None
    if not 0 < pk <= MAX_ID:
        raise NotFound()
    return pk
