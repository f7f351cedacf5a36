"""Compartments: which person records an actor may open, and which parts of them.

A person record is shared by several domains (a sought person, an enquirer, a
detainee, a pedigree member). Each domain opens the persons it works with:

* the **registry** compartment (``persons.view_person``) opens every person record —
  tracing officers, forensic specialists, accompaniment officers, the DPO;
* a domain above ``persons`` registers its own compartment at start-up, e.g.
  detention (``detention.view_detainee``) opens only the persons linked to a detainee::

      register_compartment("detention", "detention.view_detainee", Q(detainee__isnull=False))

* **contact details** of families (phone, e-mail, address) need
  ``persons.view_contact`` (tracing and accompaniment roles only), whichever
  compartment opened the record.

``persons`` sits at the ground floor and imports no domain above it: the domains
register their compartments here (a lookup across a reverse relation is a string,
not an import). A person outside every compartment of the viewer is ``NotFound``,
exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from casework.core.flows import Actor, actor_may

REGISTRY_PERMISSION = "persons.view_person"
CONTACT_PERMISSION = "persons.view_contact"


@dataclass(frozen=True)
class Compartment:
    """A named set of person records opened by one permission."""

    name: str
    permission: str
    persons: Q


COMPARTMENTS: dict[str, Compartment] = {
    "registry": Compartment("registry", REGISTRY_PERMISSION, Q()),
}


def register_compartment(name: str, permission: str, persons: Q) -> None:
    """Declare a compartment (idempotent for the same declaration)."""
    new = Compartment(name, permission, persons)
    old = COMPARTMENTS.get(name)
    if old is not None and old != new:
        raise ValueError(f"Compartment {name!r} is declared twice, differently.")
    COMPARTMENTS[name] = new


def visible_persons(viewer: Actor) -> Q | None:
    """A filter over ``Person`` for the records ``viewer`` may open, or ``None`` when
    the viewer holds no compartment at all. ``Q()`` (everything) for the registry."""
    filters = [c.persons for c in COMPARTMENTS.values() if actor_may(viewer, c.permission)]
    if not filters:
        return None
    if any(not f for f in filters):  # an empty Q opens everything
        return Q()
    combined = filters[0]
    for f in filters[1:]:
        combined |= f
    return combined


def may_open_any_person(viewer: Actor) -> bool:
    return visible_persons(viewer) is not None


def may_see_contact(viewer: Actor) -> bool:
    """Phone, e-mail and address of a person: tracing and accompaniment roles only."""
    return actor_may(viewer, CONTACT_PERMISSION)
