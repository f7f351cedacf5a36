"""Writes on persons. Every service validates, saves in one transaction and audits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from casework.core.audit import audit_record
from casework.core.errors import ValidationFailed
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


def place_get_or_create(*, name: str, region: str = "", by: Any) -> Place | None:
    name = (name or "").strip()
    if not name:
        return None
    place, created = Place.objects.get_or_create(name=name, region=region.strip())
    if created:
        audit_record(by=by, action="persons.place.create", obj=place, changes={"name": name})
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


def person_create(*, data: PersonInput, by: Any, audit: bool = True) -> Person:
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


def person_update(*, person: Person, data: PersonInput, by: Any, reason: str = "") -> Person:
    """Replace a person's core fields and name variants; the audit entry records
    each changed field with its old and new value."""
    errors = _validate_person(data)
    if errors:
        raise ValidationFailed(errors)
    names = [n for n in data.names if not n.is_empty()]
    if not any(n.primary for n in names):
        names[0].primary = True
    with transaction.atomic():
        before = {
            "sex": person.sex,
            "birth": str(person.birth) if person.birth else None,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "names": sorted(f"{n.script}: {n}" for n in person.names.all()),
        }
        person.sex = data.sex
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


def relationship_add(*, from_person: Person, to_person: Person, kind: str, by: Any) -> Relationship:
    if from_person.pk == to_person.pk:
        raise ValidationFailed({"to_person": [SELF_RELATIONSHIP]})
    if kind not in Relationship.Kind.values:
        raise ValidationFailed({"kind": [f"unknown relationship {kind!r}"]})
    with transaction.atomic():
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


DOCUMENT_EXISTS = "This document is already recorded."


def document_add(
    *, person: Person, kind: str, number: str, issuer: str = "", by: Any
) -> IdentityDocument:
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
    with transaction.atomic():
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
