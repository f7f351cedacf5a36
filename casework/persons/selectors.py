"""Reads on persons. A person the viewer may not see is NotFound, like a missing one."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from casework.core.access import require_perm
from casework.core.audit import audit_record
from casework.core.errors import NotFound
from casework.persons.compartments import visible_persons
from casework.persons.models import Person, Relationship
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


def person_open(*, viewer: Any, person_id: int) -> Person:
    """Open a person's record: access check, and the read is audited."""
    with transaction.atomic():
        person = access_person_by_id(viewer, person_id)
        audit_record(by=viewer, action="persons.person.view", obj=person)
    return person


def persons_search(*, viewer: Any, q: str = "") -> QuerySet[Person]:
    require_perm(viewer, "persons.view_person")
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
