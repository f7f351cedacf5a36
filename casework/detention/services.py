"""Writes of the detention domain, each a declared write flow.

Every flow checks the actor's permission (``@flow``), opens the records it works on
through the access functions of :mod:`casework.detention.selectors` (so a record the
actor may not see is ``NotFound``, like a missing one), checks that the records named
in a form belong to the record being changed (a reply to a message *of this
detainee*, a hearing of *this detainee's* proceeding), validates, saves and writes its
audit entry in one transaction. Records may be passed as model instances or as ids:
either way they are opened again through the access function as the actor.

The ``*_bulk_*`` functions serve volume (the demo, a later import): one call
validates every row, writes with ``bulk_create`` and leaves one audit entry per batch
naming the ids it created.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.core.audit import audit_record
from casework.core.counters import counter_next
from casework.core.errors import NotFound, ValidationFailed
from casework.core.flows import Actor, flow
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    EvidenceItem,
    FamilyContact,
    Hearing,
    Movement,
    Notification,
    Placement,
    Proceeding,
    Recommendation,
    Submission,
    Visit,
    VisitInterview,
)
from casework.detention.selectors import (
    access_consular_request_by_id,
    access_detainee_by_id,
    access_detainee_by_reference,
    access_dossier_by_id,
    access_evidence,
    access_message,
    access_place_by_id,
    access_proceeding,
    access_recommendation,
    access_visit_by_id,
    evidence_verify,
    parse_id,
    sha256_of,
)
from casework.persons.models import Person
from casework.persons.selectors import access_person_by_id
from casework.persons.services import PersonInput, person_create, persons_bulk_create

__all__ = ["evidence_verify", "sha256_of"]

FUTURE = gettext_noop("This date is in the future.")
NO_SUCH_PERSON = gettext_noop("No such person.")
NO_SUCH_PLACE = gettext_noop("No such place of detention.")
NO_SUCH_DETAINEE = gettext_noop("No such detainee.")
NO_SUCH_PROCEEDING = gettext_noop("No such proceeding for this detainee.")
NO_SUCH_MESSAGE = gettext_noop("No such message of this detainee.")
NO_SUCH_RECOMMENDATION = gettext_noop("No such recommendation of this visit.")
NO_SUCH_EVIDENCE = gettext_noop("No such evidence item in this dossier.")
NOTIFIED_BEFORE_CAPTURE = gettext_noop("The notification cannot precede the capture.")
TRANSFER_BEFORE_PLACEMENT = gettext_noop("The transfer cannot precede the current placement.")
ALREADY_HELD_THERE = gettext_noop("The detainee is already held there.")
RELEASED = gettext_noop("The detainee was released.")
ALREADY_RELEASED = gettext_noop("The detainee was already released.")
MOVEMENT_BEFORE_CAPTURE = gettext_noop("The movement cannot precede the capture.")
REPATRIATION_CONSENT = gettext_noop(
    "Record that the detainee's wish was ascertained before a repatriation."
)
VISIT_ENDS_BEFORE = gettext_noop("The visit ends before it starts.")
VISIT_TEAM = gettext_noop("Name the visiting team.")
NOT_HELD_THERE = gettext_noop("Not held at {place} during the visit: {refs}")
COLLECTED_BEFORE_WRITTEN = gettext_noop("A message cannot be collected before it is written.")
DELIVERED_BEFORE_COLLECTED = gettext_noop("A message cannot be delivered before it is collected.")
ONLY_MESSAGES_DELIVERED = gettext_noop("Only written messages are collected and delivered.")
CASE_AND_COURT = gettext_noop("Give the case reference and the court.")
NEXT_HEARING_AFTER = gettext_noop("The next hearing must come after this one.")
STATE_AND_POWER = gettext_noop("Name the requesting state and the protecting power.")
DATE_BEFORE_REQUEST = gettext_noop("The date precedes the request.")
REQUEST_CLOSED = gettext_noop("This request is closed.")
VISIT_AFTER_ACCEPTANCE = gettext_noop("A visit can only follow an accepted request.")
LAST_SEEN_WHERE = gettext_noop("Say where the person was last seen deprived of liberty.")
EMPTY_FILE = gettext_noop("The file is empty.")
DEADLINE_BEFORE = gettext_noop("The deadline precedes the submission.")
PARTY_AND_SUBJECT = gettext_noop("Name the party and the subject.")
RESPONSE_BEFORE_VISIT = gettext_noop("A response cannot precede the visit.")
RESPONSE_DATE = gettext_noop("Give the date of the authority's response.")
PLACE_NAME = gettext_noop("Give the place's name.")
PLACE_EXISTS = gettext_noop("A place with this name exists.")
AUTHORITY = gettext_noop("Name the detaining authority.")
VERDICT_DATE = gettext_noop("Give the date of the verdict.")
CUSTODY_STEP = gettext_noop("Say what happened and who holds the item now.")
UNKNOWN_CHOICE = gettext_noop("Unknown value {value!r}.")
PLACEMENTS_ORDER = gettext_noop(
    "Placements must start on the capture date and follow each other without gaps; "
    "only the last one may be open, and it ends on the release."
)

Errors = dict[str, list[str]]


def _add(errors: Errors, field_name: str, message: str) -> None:
    errors.setdefault(field_name, []).append(message)


def _not_future(errors: Errors, field_name: str, value: dt.date | None) -> None:
    if value is not None and value > dt.date.today():
        _add(errors, field_name, _(FUTURE))


def _choice(errors: Errors, field_name: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        _add(errors, field_name, _(UNKNOWN_CHOICE).format(value=value))


def _pk(record: Any) -> Any:
    return record.pk if hasattr(record, "pk") else record


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationFailed(errors)


def _ids(values: Sequence[Any], errors: Errors, key: str) -> list[int]:
    """Valid database ids of ``values``; a field error when one is not."""
    out = []
    for v in values:
        try:
            out.append(parse_id(v))
        except NotFound:
            _add(errors, key, _(NO_SUCH_DETAINEE))
            break
    return out


def _person_for(by: Actor, person: Person | PersonInput | int, errors: Errors) -> Person | None:
    """An existing person the actor may open (compartments), else a field error with
    the same message for a missing and a hidden record; ``None`` for new data."""
    if isinstance(person, PersonInput):
        return None
    try:
        return access_person_by_id(by, _pk(person))
    except NotFound:
        _add(errors, "person", _(NO_SUCH_PERSON))
        return None


def _place_for(by: Actor, place: DetentionPlace | int, errors: Errors, key: str = "place"):
    try:
        return access_place_by_id(by, _pk(place))
    except NotFound:
        _add(errors, key, _(NO_SUCH_PLACE))
        return None


# --- places and detainees ----------------------------------------------------------


@flow("detention.place.create", permission="detention.add_detentionplace")
def place_create(
    *, name: str, kind: str, authority: str, location: str, by: Actor, capacity: int | None = None
) -> DetentionPlace:
    errors: Errors = {}
    if not name.strip():
        _add(errors, "name", _(PLACE_NAME))
    elif DetentionPlace.objects.filter(name=name.strip()).exists():
        _add(errors, "name", _(PLACE_EXISTS))
    _choice(errors, "kind", kind, DetentionPlace.Kind.values)
    if not authority.strip():
        _add(errors, "authority", _(AUTHORITY))
    _raise(errors)
    place = DetentionPlace.objects.create(
        name=name.strip(),
        kind=kind,
        authority=authority.strip(),
        location=location.strip(),
        capacity=capacity,
    )
    audit_record(by=by, action="detention.place.create", obj=place, changes={"name": place.name})
    return place


@flow("detention.detainee.register", permission="detention.add_detainee")
def detainee_register(
    *,
    person: Person | PersonInput | int,
    status: str,
    captured_on: dt.date,
    place: DetentionPlace | int,
    by: Actor,
    capture_place: str = "",
    notified_on: dt.date | None = None,
    health_concerns: str = "",
    vulnerability: str = "",
) -> Detainee:
    """Register a detainee held at ``place`` since the capture. ``person`` is new data
    (a person record is created) or an existing person the actor may open: for a
    detention delegate, a person already linked to a detainee or a dossier; any other
    record answers "No such person.", like a missing one."""
    errors: Errors = {}
    existing = _person_for(by, person, errors)
    held_at = _place_for(by, place, errors)
    _choice(errors, "status", status, Detainee.Status.values)
    _not_future(errors, "captured_on", captured_on)
    if notified_on and notified_on < captured_on:
        _add(errors, "notified_on", _(NOTIFIED_BEFORE_CAPTURE))
    _raise(errors)
    assert held_at is not None
    p = existing or person_create(data=person, by=by)  # type: ignore[arg-type]
    d = Detainee.objects.create(
        reference=f"DT-{counter_next('detainee'):06d}",
        person=p,
        status=status,
        captured_on=captured_on,
        capture_place=capture_place,
        notified_on=notified_on,
        health_concerns=health_concerns,
        vulnerability=vulnerability,
    )
    Placement.objects.create(detainee=d, place=held_at, from_date=captured_on)
    audit_record(
        by=by,
        action="detention.detainee.register",
        obj=d,
        changes={
            "reference": d.reference,
            "person": p.pk,
            "status": status,
            "place": held_at.name,
        },
    )
    return d


@flow("detention.detainee.transfer", permission="detention.change_detainee")
def detainee_transfer(
    *, detainee: Detainee | int, to: DetentionPlace | int, on: dt.date, by: Actor
) -> Placement:
    det = access_detainee_by_id(by, _pk(detainee))
    errors: Errors = {}
    dest = _place_for(by, to, errors, key="to")
    current = det.placements.filter(to_date__isnull=True).select_related("place").first()
    _not_future(errors, "on", on)
    if current and on < current.from_date:
        _add(errors, "on", _(TRANSFER_BEFORE_PLACEMENT))
    if dest and current and current.place_id == dest.pk:
        _add(errors, "to", _(ALREADY_HELD_THERE))
    if det.released_on:
        _add(errors, "to", _(RELEASED))
    _raise(errors)
    assert dest is not None
    if current:
        current.to_date = on
        current.save(update_fields=["to_date"])
    placement = Placement.objects.create(detainee=det, place=dest, from_date=on)
    audit_record(
        by=by,
        action="detention.detainee.transfer",
        obj=det,
        changes={"place": [current.place.name if current else None, dest.name], "on": str(on)},
    )
    return placement


@flow("detention.movement.record", permission="detention.add_movement")
def movement_record(
    *,
    detainee: Detainee | int,
    kind: str,
    date: dt.date,
    by: Actor,
    route: str = "",
    consent_recorded: bool = False,
) -> Movement:
    """A release, a transfer to another party or a repatriation: the detention ends."""
    det = access_detainee_by_id(by, _pk(detainee))
    errors: Errors = {}
    _choice(errors, "kind", kind, Movement.Kind.values)
    _not_future(errors, "date", date)
    if date < det.captured_on:
        _add(errors, "date", _(MOVEMENT_BEFORE_CAPTURE))
    if det.released_on:
        _add(errors, "kind", _(ALREADY_RELEASED))
    if kind == Movement.Kind.REPATRIATION and not consent_recorded:
        _add(errors, "consent_recorded", _(REPATRIATION_CONSENT))
    _raise(errors)
    m = Movement.objects.create(
        detainee=det, kind=kind, date=date, route=route, consent_recorded=consent_recorded
    )
    det.released_on = date
    det.save(update_fields=["released_on"])
    det.placements.filter(to_date__isnull=True).update(to_date=date)
    audit_record(
        by=by,
        action=f"detention.{kind}",
        obj=det,
        changes={"date": str(date), "route": route, "consent_recorded": consent_recorded},
    )
    return m


# --- visits ---------------------------------------------------------------------------


FINDINGS = ("treatment", "material_conditions", "health", "judicial_guarantees", "family_contact")


def _visit_errors(
    place: DetentionPlace | None,
    start_date: dt.date,
    end_date: dt.date,
    team: str,
    seen_refs_not_held: list[str],
) -> Errors:
    errors: Errors = {}
    _not_future(errors, "end_date", end_date)
    if end_date < start_date:
        _add(errors, "end_date", _(VISIT_ENDS_BEFORE))
    if not team.strip():
        _add(errors, "team", _(VISIT_TEAM))
    if place is not None and seen_refs_not_held:
        _add(
            errors,
            "seen",
            _(NOT_HELD_THERE).format(place=place.name, refs=", ".join(seen_refs_not_held)),
        )
    return errors


@flow(
    "detention.visit.record",
    permission=("detention.add_visit", "detention.view_confidential", "detention.view_detainee"),
)
def visit_record(
    *,
    place: DetentionPlace | int,
    start_date: dt.date,
    end_date: dt.date,
    team: str,
    seen: Sequence[Detainee | int],
    by: Actor,
    findings: dict[str, str] | None = None,
    recommendations: list[str] | None = None,
    private: bool = True,
) -> Visit:
    """A visit to a place: the detainees seen (each held there during the visit), the
    confidential findings and recommendations."""
    errors: Errors = {}
    where = _place_for(by, place, errors)
    seen_ids = _ids([_pk(d) for d in seen], errors, "seen")
    dets = {d.pk: d for d in Detainee.objects.filter(pk__in=seen_ids)}
    if len(dets) != len(set(seen_ids)) and "seen" not in errors:
        _add(errors, "seen", _(NO_SUCH_DETAINEE))
    held_there = set(
        Placement.objects.filter(place=where, from_date__lte=end_date)
        .exclude(to_date__lt=start_date)
        .values_list("detainee_id", flat=True)
        if where
        else []
    )
    strangers = [d.reference for d in dets.values() if d.pk not in held_there]
    for k, v in _visit_errors(where, start_date, end_date, team, sorted(strangers)).items():
        errors.setdefault(k, []).extend(v)
    _raise(errors)
    assert where is not None
    f = findings or {}
    visit = Visit.objects.create(
        place=where,
        start_date=start_date,
        end_date=end_date,
        team=team.strip(),
        **{k: f.get(k, "") for k in FINDINGS},
    )
    VisitInterview.objects.bulk_create(
        VisitInterview(visit=visit, detainee=d, private=private) for d in dets.values()
    )
    for text in recommendations or []:
        if text.strip():
            Recommendation.objects.create(visit=visit, text=text.strip())
    audit_record(
        by=by,
        action="detention.visit.record",
        obj=visit,
        changes={
            "place": where.name,
            "seen": sorted(d.reference for d in dets.values()),
            "dates": [str(start_date), str(end_date)],
        },
    )
    return visit


@flow(
    "detention.recommendation.follow_up",
    permission=("detention.add_visit", "detention.view_confidential"),
)
def recommendation_follow_up(
    *,
    visit: Visit | int,
    recommendation: Recommendation | int,
    status: str,
    by: Actor,
    response: str = "",
    response_on: dt.date | None = None,
) -> Recommendation:
    """The authority's follow-up of one recommendation of this visit."""
    v = access_visit_by_id(by, _pk(visit))
    errors: Errors = {}
    try:
        rec = access_recommendation(v, _pk(recommendation))
    except NotFound:
        raise ValidationFailed({"recommendation": [_(NO_SUCH_RECOMMENDATION)]}) from None
    _choice(errors, "status", status, Recommendation.Status.values)
    _not_future(errors, "response_on", response_on)
    if response_on and response_on < v.end_date:
        _add(errors, "response_on", _(RESPONSE_BEFORE_VISIT))
    if response.strip() and not response_on:
        _add(errors, "response_on", _(RESPONSE_DATE))
    _raise(errors)
    old = rec.status
    rec.status = status
    rec.response = response
    rec.response_on = response_on
    rec.save()
    audit_record(
        by=by,
        action="detention.recommendation.follow_up",
        obj=v,
        changes={"recommendation": rec.pk, "status": [old, status]},
    )
    return rec


# --- family contact, proceedings, notifications ------------------------------------


def _contact_errors(
    kind: str,
    direction: str,
    written_on: dt.date,
    collected_on: dt.date | None,
    delivered_on: dt.date | None,
) -> Errors:
    errors: Errors = {}
    _choice(errors, "kind", kind, FamilyContact.Kind.values)
    _choice(errors, "direction", direction, FamilyContact.Direction.values)
    for name, value in (
        ("written_on", written_on),
        ("collected_on", collected_on),
        ("delivered_on", delivered_on),
    ):
        _not_future(errors, name, value)
    if collected_on and collected_on < written_on:
        _add(errors, "collected_on", _(COLLECTED_BEFORE_WRITTEN))
    if delivered_on and delivered_on < (collected_on or written_on):
        _add(errors, "delivered_on", _(DELIVERED_BEFORE_COLLECTED))
    if kind != FamilyContact.Kind.MESSAGE and (collected_on or delivered_on):
        _add(errors, "kind", _(ONLY_MESSAGES_DELIVERED))
    return errors


@flow("detention.contact.record", permission="detention.add_familycontact")
def family_contact_record(
    *,
    detainee: Detainee | int,
    kind: str,
    direction: str,
    written_on: dt.date,
    by: Actor,
    collected_on: dt.date | None = None,
    delivered_on: dt.date | None = None,
    reply_to: FamilyContact | int | None = None,
    note: str = "",
) -> FamilyContact:
    """A written message (written, collected, delivered), a call or a family visit.
    ``reply_to`` must be a written message of the same detainee."""
    det = access_detainee_by_id(by, _pk(detainee))
    errors = _contact_errors(kind, direction, written_on, collected_on, delivered_on)
    reply = None
    if reply_to not in (None, ""):
        try:
            reply = access_message(det, _pk(reply_to))
        except NotFound:
            _add(errors, "reply_to", _(NO_SUCH_MESSAGE))
    _raise(errors)
    c = FamilyContact.objects.create(
        detainee=det,
        kind=kind,
        direction=direction,
        written_on=written_on,
        collected_on=collected_on,
        delivered_on=delivered_on,
        reply_to=reply,
        note=note,
    )
    audit_record(
        by=by,
        action="detention.contact.record",
        obj=det,
        changes={
            "contact": c.pk,
            "kind": kind,
            "direction": direction,
            "written_on": str(written_on),
            "delivered_on": str(delivered_on) if delivered_on else None,
            "reply_to": reply.pk if reply else None,
        },
    )
    return c


@flow("detention.proceeding.add", permission="detention.add_proceeding")
def proceeding_add(
    *, detainee: Detainee | int, case_reference: str, court: str, charges: str, by: Actor
) -> Proceeding:
    det = access_detainee_by_id(by, _pk(detainee))
    if not case_reference.strip() or not court.strip():
        raise ValidationFailed({"case_reference": [_(CASE_AND_COURT)]})
    p = Proceeding.objects.create(
        detainee=det, case_reference=case_reference.strip(), court=court.strip(), charges=charges
    )
    audit_record(
        by=by,
        action="detention.proceeding.add",
        obj=det,
        changes={"proceeding": p.pk, "case": p.case_reference, "court": p.court},
    )
    return p


def _proceeding_of(det: Detainee, proceeding: Proceeding | int) -> Proceeding:
    try:
        return access_proceeding(det, _pk(proceeding))
    except NotFound:
        raise ValidationFailed({"proceeding": [_(NO_SUCH_PROCEEDING)]}) from None


@flow("detention.hearing.add", permission="detention.add_hearing")
def hearing_add(
    *,
    detainee: Detainee | int,
    proceeding: Proceeding | int,
    date: dt.date,
    by: Actor,
    outcome: str = "",
    next_date: dt.date | None = None,
) -> Hearing:
    """A hearing (held or scheduled) of one of this detainee's proceedings."""
    det = access_detainee_by_id(by, _pk(detainee))
    proc = _proceeding_of(det, proceeding)
    if next_date and next_date <= date:
        raise ValidationFailed({"next_date": [_(NEXT_HEARING_AFTER)]})
    h = Hearing.objects.create(proceeding=proc, date=date, outcome=outcome, next_date=next_date)
    audit_record(
        by=by,
        action="detention.hearing.add",
        obj=det,
        changes={
            "case": proc.case_reference,
            "date": str(date),
            "next_date": str(next_date) if next_date else None,
        },
    )
    return h


@flow("detention.proceeding.update", permission="detention.add_proceeding")
def proceeding_update(
    *,
    detainee: Detainee | int,
    proceeding: Proceeding | int,
    by: Actor,
    verdict: str = "",
    verdict_on: dt.date | None = None,
    sentence: str = "",
    appeal: str = "",
) -> Proceeding:
    """Verdict, sentence and appeal of one of this detainee's proceedings."""
    det = access_detainee_by_id(by, _pk(detainee))
    proc = _proceeding_of(det, proceeding)
    errors: Errors = {}
    _not_future(errors, "verdict_on", verdict_on)
    if verdict.strip() and not verdict_on:
        _add(errors, "verdict_on", _(VERDICT_DATE))
    _raise(errors)
    before = {k: getattr(proc, k) for k in ("verdict", "verdict_on", "sentence", "appeal")}
    proc.verdict, proc.verdict_on = verdict, verdict_on
    proc.sentence, proc.appeal = sentence, appeal
    proc.save()
    audit_record(
        by=by,
        action="detention.proceeding.update",
        obj=det,
        changes={
            "proceeding": proc.pk,
            **{k: [before[k], getattr(proc, k)] for k in before if before[k] != getattr(proc, k)},
        },
    )
    return proc


@flow("detention.notification.record", permission="detention.add_notification")
def notification_record(
    *,
    detainee: Detainee | int,
    direction: str,
    party: str,
    date: dt.date,
    subject: str,
    by: Actor,
) -> Notification:
    """Information exchanged between the parties about a detainee (sent or received)."""
    det = access_detainee_by_id(by, _pk(detainee))
    errors: Errors = {}
    _not_future(errors, "date", date)
    _choice(errors, "direction", direction, Notification.Direction.values)
    if not party.strip() or not subject.strip():
        _add(errors, "subject", _(PARTY_AND_SUBJECT))
    _raise(errors)
    n = Notification.objects.create(
        detainee=det, direction=direction, party=party.strip(), date=date, subject=subject.strip()
    )
    audit_record(
        by=by,
        action="detention.notification.record",
        obj=det,
        changes={"direction": direction, "party": n.party, "date": str(date)},
    )
    return n


# --- consular access -----------------------------------------------------------------


@flow(
    "detention.consular.request",
    permission=("detention.add_consularrequest", "detention.view_consularrequest"),
)
def consular_request_create(
    *,
    detainee: Detainee | int | str,
    requesting_state: str,
    protecting_power: str,
    requested_on: dt.date,
    by: Actor,
    on_behalf_of: str = "",
) -> ConsularRequest:
    """A request for consular access to a detainee through a protecting power.
    ``detainee`` may be given by its reference (``DT-000123``)."""
    errors: Errors = {}
    det = None
    try:
        if isinstance(detainee, str) and not detainee.strip().isdigit():
            det = access_detainee_by_reference(by, detainee)
        else:
            det = access_detainee_by_id(by, _pk(detainee))
    except NotFound:
        _add(errors, "detainee", _(NO_SUCH_DETAINEE))
    _not_future(errors, "requested_on", requested_on)
    if not requesting_state.strip() or not protecting_power.strip():
        _add(errors, "protecting_power", _(STATE_AND_POWER))
    _raise(errors)
    assert det is not None
    r = ConsularRequest.objects.create(
        detainee=det,
        requesting_state=requesting_state.strip(),
        protecting_power=protecting_power.strip(),
        on_behalf_of=on_behalf_of,
        requested_on=requested_on,
    )
    audit_record(
        by=by,
        action="detention.consular.request",
        obj=r,
        changes={"detainee": det.reference, "protecting_power": r.protecting_power},
    )
    return r


@flow(
    "detention.consular.update",
    permission=("detention.change_consularrequest", "detention.view_consularrequest"),
)
def consular_request_update(
    *,
    request: ConsularRequest | int,
    status: str,
    on: dt.date,
    by: Actor,
    findings: str = "",
) -> ConsularRequest:
    """Accepted or refused (on ``on``), then the visit done (with its findings)."""
    req = access_consular_request_by_id(by, _pk(request))
    S = ConsularRequest.Status
    errors: Errors = {}
    _choice(errors, "status", status, [S.ACCEPTED, S.REFUSED, S.VISIT_DONE])
    _not_future(errors, "on", on)
    if on < req.requested_on:
        _add(errors, "on", _(DATE_BEFORE_REQUEST))
    if req.status in (S.REFUSED, S.VISIT_DONE):
        _add(errors, "status", _(REQUEST_CLOSED))
    elif status == S.VISIT_DONE and req.status != S.ACCEPTED:
        _add(errors, "status", _(VISIT_AFTER_ACCEPTANCE))
    _raise(errors)
    old = req.status
    req.status = status
    if status == S.VISIT_DONE:
        req.visited_on = on
        req.findings = findings
    else:
        req.decided_on = on
    req.save()
    audit_record(
        by=by,
        action="detention.consular.update",
        obj=req,
        changes={"status": [old, status], "on": str(on)},
    )
    return req


# --- enforced-disappearance dossiers ------------------------------------------------


@flow("detention.dossier.create", permission="detention.add_dossier")
def dossier_create(
    *,
    person: Person | PersonInput | int,
    last_seen_on: dt.date,
    last_seen_where: str,
    summary: str,
    by: Actor,
) -> Dossier:
    """Open a dossier for a person last seen deprived of liberty: new person data, or
    a person the actor may open (same rule as :func:`detainee_register`)."""
    errors: Errors = {}
    existing = _person_for(by, person, errors)
    _not_future(errors, "last_seen_on", last_seen_on)
    if not last_seen_where.strip():
        _add(errors, "last_seen_where", _(LAST_SEEN_WHERE))
    _raise(errors)
    p = existing or person_create(data=person, by=by)  # type: ignore[arg-type]
    d = Dossier.objects.create(
        reference=f"ED-{counter_next('dossier'):05d}",
        person=p,
        last_seen_on=last_seen_on,
        last_seen_where=last_seen_where.strip(),
        summary=summary,
    )
    audit_record(
        by=by,
        action="detention.dossier.create",
        obj=d,
        changes={"reference": d.reference, "person": p.pk},
    )
    return d


@flow("detention.evidence.add", permission="detention.add_evidenceitem")
def evidence_add(
    *,
    dossier: Dossier | int,
    kind: str,
    description: str,
    name: str,
    content: bytes,
    received_on: dt.date,
    received_from: str,
    by: Actor,
) -> EvidenceItem:
    """Store an evidence file with its SHA-256 and the first custody entry."""
    dos = access_dossier_by_id(by, _pk(dossier))
    errors: Errors = {}
    _choice(errors, "kind", kind, EvidenceItem.Kind.values)
    _not_future(errors, "received_on", received_on)
    if not content:
        _add(errors, "file", _(EMPTY_FILE))
    _raise(errors)
    digest = sha256_of(content)
    item = EvidenceItem(
        dossier=dos,
        kind=kind,
        description=description,
        sha256=digest,
        received_on=received_on,
        received_from=received_from,
        custody=[
            {
                "at": timezone.now().isoformat(),
                "by": by.get_username(),
                "action": "received",
                "note": received_from,
            }
        ],
    )
    item.file.save(name or "evidence", ContentFile(content), save=False)
    item.save()
    audit_record(
        by=by,
        action="detention.evidence.add",
        obj=dos,
        changes={"item": item.pk, "description": description, "sha256": digest},
    )
    return item


@flow("detention.evidence.custody", permission="detention.add_evidenceitem")
def evidence_custody_add(
    *,
    dossier: Dossier | int,
    item: EvidenceItem | int,
    action: str,
    holder: str,
    by: Actor,
    note: str = "",
) -> EvidenceItem:
    """Append a step to the chain of custody of an evidence item of this dossier."""
    dos = access_dossier_by_id(by, _pk(dossier))
    try:
        it = access_evidence(dos, _pk(item))
    except NotFound:
        raise ValidationFailed({"item": [_(NO_SUCH_EVIDENCE)]}) from None
    if not action.strip() or not holder.strip():
        raise ValidationFailed({"action": [_(CUSTODY_STEP)]})
    entry = {
        "at": timezone.now().isoformat(),
        "by": by.get_username(),
        "action": action.strip(),
        "holder": holder.strip(),
        "note": note,
    }
    it.custody = [*it.custody, entry]
    it.save(update_fields=["custody"])
    audit_record(
        by=by,
        action="detention.evidence.custody",
        obj=dos,
        changes={"item": it.pk, "custody": entry},
    )
    return it


@flow("detention.submission.add", permission="detention.add_submission")
def submission_add(
    *,
    dossier: Dossier | int,
    body: str,
    submitted_on: dt.date,
    by: Actor,
    reference: str = "",
    deadline: dt.date | None = None,
) -> Submission:
    dos = access_dossier_by_id(by, _pk(dossier))
    errors: Errors = {}
    _choice(errors, "body", body, Submission.Body.values)
    _not_future(errors, "submitted_on", submitted_on)
    if deadline and deadline < submitted_on:
        _add(errors, "deadline", _(DEADLINE_BEFORE))
    _raise(errors)
    s = Submission.objects.create(
        dossier=dos, body=body, submitted_on=submitted_on, reference=reference, deadline=deadline
    )
    audit_record(
        by=by,
        action="detention.submission.add",
        obj=dos,
        changes={"body": body, "submitted_on": str(submitted_on)},
    )
    return s


# --- bulk writes (volume) ------------------------------------------------------------

BULK_AUDIT_BATCH = 1000  # ids named per audit entry


@dataclass(frozen=True)
class ReleaseInput:
    kind: str
    date: dt.date
    route: str = ""
    consent_recorded: bool = False


@dataclass
class DetaineeHistory:
    """A detainee with the whole history of their placements (and their release)."""

    person: PersonInput
    status: str
    captured_on: dt.date
    placements: list[tuple[DetentionPlace, dt.date, dt.date | None]]
    capture_place: str = ""
    notified_on: dt.date | None = None
    health_concerns: str = ""
    vulnerability: str = ""
    release: ReleaseInput | None = None


def _history_errors(h: DetaineeHistory, prefix: str) -> Errors:
    errors: Errors = {}
    _choice(errors, f"{prefix}status", h.status, Detainee.Status.values)
    _not_future(errors, f"{prefix}captured_on", h.captured_on)
    if h.notified_on and h.notified_on < h.captured_on:
        _add(errors, f"{prefix}notified_on", _(NOTIFIED_BEFORE_CAPTURE))
    end = h.release.date if h.release else None
    ok = bool(h.placements) and h.placements[0][1] == h.captured_on
    for k, (_place, start, until) in enumerate(h.placements):
        last = k == len(h.placements) - 1
        if until is not None and until < start:
            ok = False
        if not last and (until is None or h.placements[k + 1][1] != until):
            ok = False
        if last and until != end:
            ok = False
        _not_future(errors, f"{prefix}placements", until)
    if not ok:
        _add(errors, f"{prefix}placements", _(PLACEMENTS_ORDER))
    if h.release:
        r = h.release
        _choice(errors, f"{prefix}release", r.kind, Movement.Kind.values)
        _not_future(errors, f"{prefix}release", r.date)
        if r.date < h.captured_on:
            _add(errors, f"{prefix}release", _(MOVEMENT_BEFORE_CAPTURE))
        if r.kind == Movement.Kind.REPATRIATION and not r.consent_recorded:
            _add(errors, f"{prefix}release", _(REPATRIATION_CONSENT))
    return errors


def _audit_batches(*, by: Actor, action: str, ids: list[int], **extra: Any) -> None:
    for start in range(0, len(ids), BULK_AUDIT_BATCH):
        chunk = ids[start : start + BULK_AUDIT_BATCH]
        audit_record(
            by=by,
            action=action,
            object_type="detention.batch",
            object_id=f"{chunk[0]}-{chunk[-1]}",
            changes={"ids": chunk, "count": len(chunk), **extra},
        )


@flow(
    "detention.detainee.bulk_register",
    permission=("detention.add_detainee", "detention.add_movement", "persons.add_person"),
)
def detainees_bulk_register(*, rows: Sequence[DetaineeHistory], by: Actor) -> list[Detainee]:
    """Register many detainees, each with a new person record, the history of their
    placements and their release if any — the same rules as
    :func:`detainee_register`, :func:`detainee_transfer` and :func:`movement_record`,
    checked for every row before anything is written (the persons' names by
    ``persons_bulk_create``, which audits the persons it creates). Audit: one
    ``detention.detainee.bulk_register`` entry per batch naming the detainee ids."""
    errors: Errors = {}
    place_ids = {_pk(p) for h in rows for p, _s, _u in h.placements}
    places = {p.pk: p for p in DetentionPlace.objects.filter(pk__in=place_ids)}
    for i, h in enumerate(rows):
        for k, v in _history_errors(h, f"rows.{i}.").items():
            errors.setdefault(k, []).extend(v)
        if any(_pk(p) not in places for p, _s, _u in h.placements):
            _add(errors, f"rows.{i}.placements", _(NO_SUCH_PLACE))
    _raise(errors)
    if not rows:
        return []
    persons = persons_bulk_create(people=[h.person for h in rows], by=by)
    first = counter_next("detainee", len(rows))
    dets = Detainee.objects.bulk_create(
        (
            Detainee(
                reference=f"DT-{first + i:06d}",
                person=p,
                status=h.status,
                captured_on=h.captured_on,
                capture_place=h.capture_place,
                notified_on=h.notified_on,
                health_concerns=h.health_concerns,
                vulnerability=h.vulnerability,
                released_on=h.release.date if h.release else None,
            )
            for i, (h, p) in enumerate(zip(rows, persons, strict=True))
        ),
        batch_size=2000,
    )
    Placement.objects.bulk_create(
        (
            Placement(detainee=d, place=places[_pk(pl)], from_date=start, to_date=until)
            for h, d in zip(rows, dets, strict=True)
            for pl, start, until in h.placements
        ),
        batch_size=5000,
    )
    Movement.objects.bulk_create(
        (
            Movement(
                detainee=d,
                kind=h.release.kind,
                date=h.release.date,
                route=h.release.route,
                consent_recorded=h.release.consent_recorded,
            )
            for h, d in zip(rows, dets, strict=True)
            if h.release
        ),
        batch_size=5000,
    )
    _audit_batches(
        by=by,
        action="detention.detainee.bulk_register",
        ids=[d.pk for d in dets],
        persons=[persons[0].pk, persons[-1].pk],
    )
    return dets


@dataclass
class VisitInput:
    place: DetentionPlace | int
    start_date: dt.date
    end_date: dt.date
    team: str
    seen: list[Detainee | int] = field(default_factory=list)
    findings: dict[str, str] = field(default_factory=dict)
    private: bool = True


@flow(
    "detention.visit.bulk_record",
    permission=("detention.add_visit", "detention.view_confidential", "detention.view_detainee"),
)
def visits_bulk_record(*, rows: Sequence[VisitInput], by: Actor) -> list[Visit]:
    """Record many visits with the detainees seen, under the rules of
    :func:`visit_record` (everyone seen was held at the place during the visit),
    checked for every row first. One audit entry per batch naming the visit ids."""
    place_ids = {_pk(r.place) for r in rows}
    places = {p.pk: p for p in DetentionPlace.objects.filter(pk__in=place_ids)}
    spans: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    for pl in Placement.objects.filter(place_id__in=place_ids).values_list(
        "place_id", "detainee_id", "from_date", "to_date"
    ):
        spans.setdefault(pl[0], []).append(pl[1:])
    refs = dict(
        Detainee.objects.filter(pk__in={_pk(d) for r in rows for d in r.seen}).values_list(
            "pk", "reference"
        )
    )
    errors: Errors = {}
    for i, r in enumerate(rows):
        place = places.get(_pk(r.place))
        if place is None:
            _add(errors, f"rows.{i}.place", _(NO_SUCH_PLACE))
        held = {
            d
            for d, a, b in spans.get(_pk(r.place), [])
            if a <= r.end_date and (b is None or b >= r.start_date)
        }
        seen = [_pk(d) for d in r.seen]
        if any(d not in refs for d in seen):
            _add(errors, f"rows.{i}.seen", _(NO_SUCH_DETAINEE))
        strangers = sorted(refs[d] for d in seen if d in refs and d not in held)
        for k, v in _visit_errors(place, r.start_date, r.end_date, r.team, strangers).items():
            errors.setdefault(f"rows.{i}.{k}", []).extend(v)
    _raise(errors)
    if not rows:
        return []
    visits = Visit.objects.bulk_create(
        (
            Visit(
                place=places[_pk(r.place)],
                start_date=r.start_date,
                end_date=r.end_date,
                team=r.team.strip(),
                **{k: r.findings.get(k, "") for k in FINDINGS},
            )
            for r in rows
        ),
        batch_size=2000,
    )
    VisitInterview.objects.bulk_create(
        (
            VisitInterview(visit=v, detainee_id=d, private=r.private)
            for r, v in zip(rows, visits, strict=True)
            for d in dict.fromkeys(_pk(x) for x in r.seen)
        ),
        batch_size=5000,
    )
    _audit_batches(by=by, action="detention.visit.bulk_record", ids=[v.pk for v in visits])
    return visits


@dataclass
class ContactInput:
    detainee: Detainee | int
    kind: str
    direction: str
    written_on: dt.date
    collected_on: dt.date | None = None
    delivered_on: dt.date | None = None
    note: str = ""


@flow("detention.contact.bulk_record", permission="detention.add_familycontact")
def family_contacts_bulk_record(*, rows: Sequence[ContactInput], by: Actor) -> list[FamilyContact]:
    """Record many family contacts under the rules of :func:`family_contact_record`,
    checked for every row first. One audit entry per batch naming the contact ids."""
    det_ids = set(
        Detainee.objects.filter(pk__in={_pk(r.detainee) for r in rows}).values_list("pk", flat=True)
    )
    errors: Errors = {}
    for i, r in enumerate(rows):
        if _pk(r.detainee) not in det_ids:
            _add(errors, f"rows.{i}.detainee", _(NO_SUCH_DETAINEE))
        e = _contact_errors(r.kind, r.direction, r.written_on, r.collected_on, r.delivered_on)
        for k, v in e.items():
            errors.setdefault(f"rows.{i}.{k}", []).extend(v)
    _raise(errors)
    if not rows:
        return []
    contacts = FamilyContact.objects.bulk_create(
        (
            FamilyContact(
                detainee_id=_pk(r.detainee),
                kind=r.kind,
                direction=r.direction,
                written_on=r.written_on,
                collected_on=r.collected_on,
                delivered_on=r.delivered_on,
                note=r.note,
            )
            for r in rows
        ),
        batch_size=5000,
    )
    _audit_batches(by=by, action="detention.contact.bulk_record", ids=[c.pk for c in contacts])
    return contacts
