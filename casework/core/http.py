"""Typing for the translators (views): the request a page view receives."""

from __future__ import annotations

from django.http import HttpRequest

from casework.core.models import User


class ActorRequest(HttpRequest):
    """A request past the login middleware: ``user`` is a logged-in user (the flows
    still check that it is an active actor holding the permission)."""

    user: User  # type: ignore[assignment]
