from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class NameOut(Schema):
    script: str
    given: str
    patronymic: str
    family: str
    primary: bool


class PersonOut(Schema):
    """A person record. ``phone``, ``email`` and ``address`` are the contact details:
    they are filled only for a viewer who may see contact details (tracing and
    accompaniment officers, ``persons.view_contact``) and are ``null`` for everyone
    else — and in lists, where they are never sent."""

    id: int
    display_name: str
    sex: str
    birth: str | None
    names: list[NameOut]
    phone: str | None = Field(None, description="Contact detail: null unless persons.view_contact")
    email: str | None = Field(None, description="Contact detail: null unless persons.view_contact")
    address: str | None = Field(
        None, description="Contact detail: null unless persons.view_contact"
    )


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
    consent_given: bool = Field(
        ..., description="Required, never presumed: was the enquirer's consent given?"
    )
    consent_date: dt.date | None = Field(
        ..., description="Required (null when no consent was given): the date of consent"
    )


class RequestOut(Schema):
    reference: str
    cases: list[str]


class StatusIn(Schema):
    """A plain status change. The recorded outcomes (identified, found alive, death
    confirmed) are refused here (400): they follow from a confirmed identification or
    from reviewed outcome evidence."""

    to_status: str
    reason: str
    close_reason: str = ""
    merged_into: str | None = None


class MergeUndoIn(Schema):
    reason: str


class EvidenceIn(Schema):
    outcome: str = Field(..., description="found_alive or death_confirmed")
    source: str
    information_date: dt.date
    kind: str = Field(..., description="document, witness, official or other")
    reference: str = Field("", description="Document reference or the witness's name")
    details: str = ""


class EvidenceOut(Schema):
    id: int
    case_number: str
    outcome: str
    source: str
    information_date: dt.date
    kind: str
    reference: str
    status: str
    recorded_by: str
    reviewed_by: str | None
    review_note: str
    case_status: str


class ReviewIn(Schema):
    decision: str = Field(..., description="confirm or reject")
    note: str = ""


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
