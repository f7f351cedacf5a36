from __future__ import annotations

import datetime as dt

from ninja import Schema


class NameOut(Schema):
    script: str
    given: str
    patronymic: str
    family: str
    primary: bool


class PersonOut(Schema):
    id: int
    display_name: str
    sex: str
    birth: str | None
    names: list[NameOut]


class CaseOut(Schema):
    id: int
    case_number: str
    status: str
    person: PersonOut
    disappearance: str | None
    disappearance_place: str | None
    event: str | None
    last_seen_where: str
    request_reference: str


class NameIn(Schema):
    script: str = "az-Latn"
    given: str = ""
    patronymic: str = ""
    family: str = ""
    primary: bool = False


class PersonIn(Schema):
    names: list[NameIn]
    sex: str = "U"
    birth: str | None = None
    phone: str = ""
    email: str = ""
    address: str = ""


class SoughtIn(Schema):
    person: PersonIn
    disappearance: str | None = None
    disappearance_place: str = ""
    event: str = ""
    last_seen_where: str = ""
    last_seen_when: str = ""
    last_seen_by: str = ""
    circumstances: str = ""


class RequestIn(Schema):
    enquirer: PersonIn
    enquirer_relationship: str
    sought: list[SoughtIn]
    received_on: dt.date
    legal_basis: str = "consent"
    purpose: str = "Tracing the sought person and informing the family."
    consent_given: bool = True
    consent_date: dt.date | None = None


class RequestOut(Schema):
    reference: str
    cases: list[str]


class StatusIn(Schema):
    to_status: str
    reason: str
    close_reason: str = ""
    merged_into: str | None = None


class EditionOut(Schema):
    number: int
    edition_date: dt.date
    recipient: str
    criteria: dict
    entries: int


class EditionIn(Schema):
    recipient: str
    edition_date: dt.date
    criteria: dict | None = None
    note: str = ""


class RemovalOut(Schema):
    case_number: str
    reason: str


class AmendmentOut(Schema):
    case_number: str
    changes: dict[str, list[str]]


class DiffOut(Schema):
    old: int
    new: int
    added: list[str]
    removed: list[RemovalOut]
    amended: list[AmendmentOut]
    unchanged: int


class ResponseIn(Schema):
    case_number: str
    kind: str
    received_on: dt.date
    note: str = ""


class Page(Schema):
    count: int
    page: int
    pages: int
