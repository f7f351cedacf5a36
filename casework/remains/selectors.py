"""Reads of recovery sites and remains (their candidates are read in identification)."""

from __future__ import annotations

from dataclasses import dataclass

from casework.core.flows import Actor, flow
from casework.remains.models import RecoverySite


@dataclass(frozen=True)
class RegisterPage:
    sites: list[RecoverySite]


@flow("remains.register.page", permission="remains.add_remains", kind="read")
def remains_register_page(*, viewer: Actor) -> RegisterPage:
    """The registration page: the known recovery sites to choose from."""
    return RegisterPage(sites=list(RecoverySite.objects.order_by("code")))
