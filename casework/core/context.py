from __future__ import annotations

from casework.core.access import has_perm


def navigation(request):
    """Which navigation entries the current user may see."""
    user = getattr(request, "user", None)
    return {
        "nav": {
            "registry": has_perm(user, "tracing.view_case"),
            "new_request": has_perm(user, "tracing.add_tracingrequest"),
            "editions": has_perm(user, "tracing.view_listedition"),
            "audit": has_perm(user, "core.view_auditlog"),
            "identification": has_perm(user, "remains.view_genetics"),
            "detention": has_perm(user, "detention.view_detainee"),
        }
    }
