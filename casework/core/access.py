"""Access helpers shared by every domain.

A record the user may not see raises the same ``NotFound`` as a record that does not
exist, so no page, endpoint or error message reveals that it exists.
"""

from __future__ import annotations

from typing import Any

from casework.core.errors import NotFound


def require_perm(user: Any, perm: str) -> None:
    """Raise NotFound unless the (logged-in) user holds ``perm``."""
    if not (user and user.is_authenticated and user.is_active and user.has_perm(perm)):
        raise NotFound()


def has_perm(user: Any, perm: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(perm))
