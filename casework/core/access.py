"""Access helpers shared by every domain (kept for the templates' navigation and older
call sites; new code uses ``casework.core.flows``).

A record the user may not see raises the same ``NotFound`` as a record that does not
exist, so no page, endpoint or error message reveals that it exists.
"""

from __future__ import annotations

from typing import Any

from casework.core.flows import actor_may, require_actor


def require_perm(user: Any, perm: str) -> None:
    """Raise NotFound unless the (logged-in) user holds ``perm``."""
    require_actor(user, perm)


def has_perm(user: Any, perm: str) -> bool:
    return actor_may(user, perm)
