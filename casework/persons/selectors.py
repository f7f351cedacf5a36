"""Reads on persons. A person the viewer may not see is NotFound, like a missing one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from casework.core.audit import audit_record
from casework.core.errors import NotFound
from casework.core.flows import Actor, actor_may, flow
from casework.persons.compartments import may_see_contact, visible_persons
from casework.persons.models import IdentityDocument, Person, PersonName, Relationship
from linkage.normalise import query_skeletons


def access_person_by_id(user: Any, person_id: int) -> Person:
    """The person, if one of the viewer's compartments opens it; ``NotFound`` for a
    missing and a forbidden record alike (see ``casework.persons.compartments``)."""
    visible = visible_persons(user)
    if visible is None:
        raise NotFound()
    try:
        return (
            Person.objects.filter(visible)
            .distinct()
            .select_related("birth_place")
            .get(pk=int(person_id))
        )
    except (Person.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


@flow("persons.person.open", permission=None, kind="read")
def person_open(*, viewer: Actor, person_id: int) -> Person:
    """Open a person's record: compartment check, and the read is audited. The
    returned record still holds the contact details; a caller that shows them asks
    :func:`casework.persons.compartments.may_see_contact` (see :func:`person_page`)."""
    person = access_person_by_id(viewer, person_id)
    audit_record(by=viewer, action="persons.person.view", obj=person)
    return person


@dataclass(frozen=True)
class Contact:
    """Contact details of a person; ``None`` when the viewer may not see them."""

    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class PersonPage:
    person: Person
    names: list[PersonName]
    documents: list[IdentityDocument]
    relatives: list[tuple[str, Person]]
    contact: Contact | None
    can_edit: bool
    cases: list[Any] = field(default_factory=list)
    requests: list[Any] = field(default_factory=list)


@flow("persons.person.page", permission=None, kind="read")
def person_page(*, viewer: Actor, person_id: int) -> PersonPage:
    """A person's page: names, documents, relatives the viewer may open, contact
    details only for ``persons.view_contact``, the cases the person is sought in and
    the requests they made (for viewers of the registry). One audited read."""
    person = access_person_by_id(viewer, person_id)
    audit_record(by=viewer, action="persons.person.view", obj=person)
    relatives = person_relatives(person)
    visible = visible_persons(viewer)
    if visible:  # a restricted compartment (an empty Q opens every person)
        ids = set(
            Person.objects.filter(visible, pk__in=[p.pk for _, p in relatives]).values_list(
                "pk", flat=True
            )
        )
        relatives = [(k, p) for k, p in relatives if p.pk in ids]
    return PersonPage(
        person=person,
        names=list(person.names.all()),
        documents=list(person.documents.all()),
        relatives=relatives,
        contact=contact_of(viewer, person),
        can_edit=actor_may(viewer, "persons.change_person"),
        # Reverse relations of the tracing app (no import: persons is the ground floor).
        cases=list(person.cases.all()) if actor_may(viewer, "tracing.view_case") else [],
        requests=list(person.requests_made.prefetch_related("cases"))
        if actor_may(viewer, "tracing.view_tracingrequest")
        else [],
    )


def contact_of(viewer: Actor, person: Person) -> Contact | None:
    """The person's contact details when the viewer may see them, else ``None``."""
    if not may_see_contact(viewer):
        return None
    return Contact(phone=person.phone, email=person.email, address=person.address)


@flow("persons.person.edit_form", permission="persons.change_person", kind="read")
def person_edit_open(*, viewer: Actor, person_id: int) -> PersonPage:
    """The person as the edit form shows it (an audited read)."""
    person = access_person_by_id(viewer, person_id)
    audit_record(by=viewer, action="persons.person.view", obj=person)
    return PersonPage(
        person=person,
        names=list(person.names.all()),
        documents=[],
        relatives=[],
        contact=contact_of(viewer, person),
        can_edit=True,
    )


@flow("persons.person.search", permission="persons.view_person", kind="read")
def persons_search(*, viewer: Actor, q: str = "") -> QuerySet[Person]:
    """Persons whose names (any variant, any script) match every word of ``q``."""
    qs = Person.objects.all()
    for sk in query_skeletons(q):
        qs = qs.filter(search_keys__contains=" " + sk)
    return qs.order_by("display_name", "id")


def person_relatives(person: Person) -> list[tuple[str, Person]]:
    """(relationship of the other person to this one, other person), both directions."""
    out: list[tuple[str, Person]] = []
    for rel in Relationship.objects.filter(to_person=person).select_related("from_person"):
        out.append((rel.get_kind_display(), rel.from_person))
    for rel in Relationship.objects.filter(from_person=person).select_related("to_person"):
        inverse = Relationship.INVERSE[rel.kind]
        out.append((Relationship.Kind(inverse).label, rel.to_person))
    return out
