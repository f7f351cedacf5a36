"""Writes on persons. Every service validates, saves in one transaction and audits."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from casework.core.audit import audit_record
from casework.core.errors import NotFound, ValidationFailed
from casework.core.flows import Actor, flow
from casework.persons.compartments import may_see_contact, visible_persons
from casework.persons.models import (
    IdentityDocument,
    Person,
    PersonName,
    Place,
    Relationship,
    Script,
    Sex,
    set_partial,
)
from casework.persons.partial_dates import PartialDate
from linkage.normalise import search_keys

NAME_REQUIRED = "A person needs at least one name with a given name or a family name."


@dataclass
class NameInput:
    script: str
    given: str = ""
    patronymic: str = ""
    family: str = ""
    primary: bool = False

    def parts(self) -> list[str]:
        return [self.given, self.patronymic, self.family]

    def is_empty(self) -> bool:
        return not (self.given.strip() or self.family.strip() or self.patronymic.strip())


@dataclass
class PersonInput:
    names: list[NameInput]
    sex: str = Sex.UNKNOWN
    birth: PartialDate | None = None
    birth_place: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    documents: list[tuple[str, str, str]] = field(default_factory=list)


def _validate_person(data: PersonInput, prefix: str = "") -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    names = [n for n in data.names if not n.is_empty()]
    if not names:
        errors[f"{prefix}names"] = [NAME_REQUIRED]
    for n in names:
        if n.script not in Script.values:
            errors.setdefault(f"{prefix}names", []).append(f"unknown script {n.script!r}")
    if data.sex not in Sex.values:
        errors[f"{prefix}sex"] = [f"unknown sex {data.sex!r}: use M, F or U"]
    if data.birth and data.birth.is_future():
        errors[f"{prefix}birth"] = ["a birth date cannot be in the future"]
    return errors


def place_get_or_create(
    *,
    name: str,
    region: str = "",
    by: Actor,
    latitude: float | None = None,
    longitude: float | None = None,
) -> Place | None:
    """The place of that name and region, created (and audited) when new. Internal:
    called by the flows that record a place (requests, cases, the demo)."""
    name = (name or "").strip()
    if not name:
        return None
    place, created = Place.objects.get_or_create(
        name=name,
        region=region.strip(),
        defaults={"latitude": latitude, "longitude": longitude},
    )
    if created:
        audit_record(
            by=by,
            action="persons.place.create",
            obj=place,
            changes={"name": name, "region": region},
        )
    return place


def display_name_of(names: list[NameInput]) -> str:
    chosen = next((n for n in names if n.primary), names[0])
    return " ".join(p for p in (chosen.family, chosen.given, chosen.patronymic) if p)


def person_refresh_search(person: Person) -> None:
    names = list(person.names.all())
    parts = [p for n in names for p in (n.given, n.patronymic, n.family)]
    person.search_keys = search_keys(parts)
    primary = next((n for n in names if n.primary), names[0] if names else None)
    person.display_name = str(primary) if primary else ""
    Person.objects.filter(pk=person.pk).update(
        search_keys=person.search_keys, display_name=person.display_name
    )


def _save_names(person: Person, names: list[NameInput]) -> None:
    PersonName.objects.bulk_create(
        PersonName(
            person=person,
            script=n.script,
            given=n.given.strip(),
            patronymic=n.patronymic.strip(),
            family=n.family.strip(),
            primary=n.primary,
        )
        for n in names
    )


def person_create(*, data: PersonInput, by: Actor, audit: bool = True) -> Person:
    """Create a person record. Internal: called inside the flows that register a
    person (a tracing request, a detainee), which hold the permission."""
    errors = _validate_person(data)
    if errors:
        raise ValidationFailed(errors)
    names = [n for n in data.names if not n.is_empty()]
    if not any(n.primary for n in names):
        names[0].primary = True
    with transaction.atomic():
        person = Person(
            sex=data.sex,
            phone=data.phone,
            email=data.email,
            address=data.address,
            birth_place=place_get_or_create(name=data.birth_place, by=by),
        )
        set_partial(person, "birth", data.birth)
        person.display_name = display_name_of(names)
        person.search_keys = search_keys([p for n in names for p in n.parts()])
        person.save()
        _save_names(person, names)
        for kind, number, issuer in data.documents:
            IdentityDocument.objects.create(person=person, kind=kind, number=number, issuer=issuer)
        if audit:
            audit_record(
                by=by,
                action="persons.person.create",
                obj=person,
                changes={
                    "display_name": person.display_name,
                    "sex": person.sex,
                    "birth": str(data.birth) if data.birth else None,
                    "names": [
                        str(PersonName(given=n.given, patronymic=n.patronymic, family=n.family))
                        for n in names
                    ],
                },
            )
    return person


def access_person_for_change(user: Actor, person_id: int) -> Person:
    """A person the actor may open (compartments), for a change; else NotFound."""
    visible = visible_persons(user)
    if visible is None:
        raise NotFound()
    try:
        return Person.objects.filter(visible).distinct().get(pk=int(person_id))
    except (Person.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


CONTACT_FIELDS = ("phone", "email", "address")


@flow("persons.person.update", permission="persons.change_person")
def person_update(*, person_id: int, data: PersonInput, by: Actor, reason: str = "") -> Person:
    """Replace a person's core fields and name variants; the audit entry records
    each changed field with its old and new value. Contact details (phone, e-mail,
    address) change only when the actor may see them; otherwise they are kept."""
    person = access_person_for_change(by, person_id)
    errors = _validate_person(data)
    if errors:
        raise ValidationFailed(errors)
    names = [n for n in data.names if not n.is_empty()]
    if not any(n.primary for n in names):
        names[0].primary = True
    contact = may_see_contact(by)
    before = {
        "sex": person.sex,
        "birth": str(person.birth) if person.birth else None,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "names": sorted(f"{n.script}: {n}" for n in person.names.all()),
    }
    person.sex = data.sex
    if contact:
        person.phone, person.email, person.address = data.phone, data.email, data.address
    set_partial(person, "birth", data.birth)
    person.save()
    person.names.all().delete()
    _save_names(person, names)
    person_refresh_search(person)
    after = {
        "sex": person.sex,
        "birth": str(data.birth) if data.birth else None,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "names": sorted(f"{n.script}: {n}" for n in person.names.all()),
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        audit_record(
            by=by, action="persons.person.update", obj=person, changes=changes, reason=reason
        )
    return person


SELF_RELATIONSHIP = "A person cannot be related to themselves."


NO_SUCH_PERSON = "No person or case {ref!r}."


def _person_by_reference(user: Actor, ref: str) -> Person:
    """A person the actor may open, named by a case number (``MP-000123``: the sought
    person of that case) or by a person number."""
    ref = (ref or "").strip()
    visible = visible_persons(user)
    if visible is None or not ref:
        raise NotFound()
    qs = Person.objects.filter(visible).distinct()
    if ref.upper().startswith("MP-"):
        found = qs.filter(cases__case_number=ref.upper()).first()
    elif ref.isdigit() and len(ref) < 12:
        found = qs.filter(pk=int(ref)).first()
    else:
        found = None
    if found is None:
        raise NotFound()
    return found


def _relationship_save(
    *, from_person: Person, to_person: Person, kind: str, by: Actor
) -> Relationship:
    if from_person.pk == to_person.pk:
        raise ValidationFailed({"to_person": [SELF_RELATIONSHIP]})
    if kind not in Relationship.Kind.values:
        raise ValidationFailed({"kind": [f"unknown relationship {kind!r}"]})
    rel, created = Relationship.objects.get_or_create(
        from_person=from_person, to_person=to_person, kind=kind
    )
    if created:
        audit_record(
            by=by,
            action="persons.relationship.add",
            obj=rel,
            changes={"from": from_person.pk, "to": to_person.pk, "kind": kind},
        )
    return rel


@flow("persons.relationship.add", permission="persons.change_person")
def relationship_add(*, from_person_id: int, other: str, kind: str, by: Actor) -> Relationship:
    """Record that person ``from_person_id`` is the ``kind`` of ``other`` (a case
    number or a person number). Both must be persons the actor may open."""
    from_person = access_person_for_change(by, from_person_id)
    try:
        to_person = _person_by_reference(by, other)
    except NotFound:
        raise ValidationFailed({"to_person": [NO_SUCH_PERSON.format(ref=other)]}) from None
    return _relationship_save(from_person=from_person, to_person=to_person, kind=kind, by=by)


def relationships_bulk_add(*, triples: list[tuple[int, int, str]], by: Actor) -> int:
    """Add many relationships ``(from person id, to person id, kind)`` at once (the
    demo's volume); each is validated, existing ones are kept, and the batch leaves
    one audit entry. Internal: called inside a flow that holds the permission."""
    errors: list[str] = []
    for i, (a, b, kind) in enumerate(triples):
        if a == b:
            errors.append(f"[{i}] {SELF_RELATIONSHIP}")
        if kind not in Relationship.Kind.values:
            errors.append(f"[{i}] unknown relationship {kind!r}")
    ids = {x for a, b, _ in triples for x in (a, b)}
    if len(ids) != Person.objects.filter(pk__in=ids).count():
        errors.append("a relationship names a person that does not exist")
    if errors:
        raise ValidationFailed({"relationships": errors})
    with transaction.atomic():
        created = Relationship.objects.bulk_create(
            (Relationship(from_person_id=a, to_person_id=b, kind=k) for a, b, k in triples),
            batch_size=5000,
            ignore_conflicts=True,
        )
        audit_record(
            by=by,
            action="persons.relationship.bulk_add",
            object_type="persons.relationship",
            object_id="batch",
            changes={"count": len(created)},
        )
    return len(created)


DOCUMENT_EXISTS = "This document is already recorded."


@flow("persons.document.add", permission="persons.change_person")
def document_add(
    *, person_id: int, kind: str, number: str, issuer: str = "", by: Actor
) -> IdentityDocument:
    person = access_person_for_change(by, person_id)
    errors: dict[str, list[str]] = {}
    if kind not in IdentityDocument.Kind.values:
        errors["kind"] = [f"unknown document kind {kind!r}"]
    if not number.strip():
        errors["number"] = ["Give the document number."]
    elif IdentityDocument.objects.filter(
        kind=kind, number=number.strip(), issuer=issuer.strip()
    ).exists():
        errors["number"] = [DOCUMENT_EXISTS]
    if errors:
        raise ValidationFailed(errors)
    doc = IdentityDocument.objects.create(
        person=person, kind=kind, number=number.strip(), issuer=issuer.strip()
    )
    audit_record(
        by=by,
        action="persons.document.add",
        obj=person,
        changes={"document": [None, f"{kind} {doc.number}"]},
    )
    return doc


BULK_BATCH = 2000


def persons_bulk_create(*, people: list[PersonInput], by: Actor) -> list[Person]:
    """Create many person records at once (the demo's thousands): every input is
    validated as by :func:`person_create`, nothing is written if one is invalid, and
    each batch of up to ``BULK_BATCH`` persons leaves one audit entry (ids and count).
    Internal: called inside a flow that holds the permission."""
    errors: dict[str, list[str]] = {}
    for i, data in enumerate(people):
        errors.update(_validate_person(data, prefix=f"[{i}]."))
    if errors:
        raise ValidationFailed(errors)
    out: list[Person] = []
    with transaction.atomic():
        for start in range(0, len(people), BULK_BATCH):
            chunk = people[start : start + BULK_BATCH]
            objs = []
            for data in chunk:
                names = [n for n in data.names if not n.is_empty()]
                if not any(n.primary for n in names):
                    names[0].primary = True
                p = Person(sex=data.sex, phone=data.phone, email=data.email, address=data.address)
                set_partial(p, "birth", data.birth)
                p.display_name = display_name_of(names)
                p.search_keys = search_keys([x for n in names for x in n.parts()])
                objs.append(p)
            Person.objects.bulk_create(objs)
            PersonName.objects.bulk_create(
                (
                    PersonName(
                        person=p,
                        script=n.script,
                        given=n.given.strip(),
                        patronymic=n.patronymic.strip(),
                        family=n.family.strip(),
                        primary=n.primary,
                    )
                    for p, data in zip(objs, chunk, strict=True)
                    for n in data.names
                    if not n.is_empty()
                ),
                batch_size=5000,
            )
            audit_record(
                by=by,
                action="persons.person.bulk_create",
                object_type="persons.person",
                object_id=f"{objs[0].pk}-{objs[-1].pk}",
                changes={"count": len(objs), "first": objs[0].pk, "last": objs[-1].pk},
            )
            out.extend(objs)
    return out
