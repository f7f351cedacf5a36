"""Writes of the detention domain. Each validates, saves in one transaction and audits."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.counters import counter_next
from casework.core.errors import ValidationFailed
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    EvidenceItem,
    FamilyContact,
    Hearing,
    Movement,
    Placement,
    Proceeding,
    Recommendation,
    Submission,
    Visit,
    VisitInterview,
)
from casework.persons.models import Person
from casework.persons.services import PersonInput, person_create

FUTURE = "This date is in the future."


def _not_future(errors: dict, field: str, value: dt.date | None) -> None:
    if value is not None and value > dt.date.today():
        errors.setdefault(field, []).append(FUTURE)


def detainee_register(
    *,
    person: Person | PersonInput,
    status: str,
    captured_on: dt.date,
    place: DetentionPlace,
    by: Any,
    capture_place: str = "",
    notified_on: dt.date | None = None,
    health_concerns: str = "",
    vulnerability: str = "",
) -> Detainee:
    errors: dict[str, list[str]] = {}
    if status not in Detainee.Status.values:
        errors["status"] = [f"unknown status {status!r}"]
    _not_future(errors, "captured_on", captured_on)
    if notified_on and notified_on < captured_on:
        errors["notified_on"] = ["The notification cannot precede the capture."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        p = person if isinstance(person, Person) else person_create(data=person, by=by)
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
        Placement.objects.create(detainee=d, place=place, from_date=captured_on)
        audit_record(
            by=by,
            action="detention.detainee.register",
            obj=d,
            changes={"reference": d.reference, "status": status, "place": place.name},
        )
    return d


def detainee_transfer(*, detainee: Detainee, to: DetentionPlace, on: dt.date, by: Any) -> Placement:
    current = detainee.placements.filter(to_date__isnull=True).first()
    errors: dict[str, list[str]] = {}
    _not_future(errors, "on", on)
    if current and on < current.from_date:
        errors["on"] = ["The transfer cannot precede the current placement."]
    if current and current.place_id == to.pk:
        errors["to"] = ["The detainee is already held there."]
    if detainee.released_on:
        errors["to"] = ["The detainee was released."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        if current:
            current.to_date = on
            current.save(update_fields=["to_date"])
        placement = Placement.objects.create(detainee=detainee, place=to, from_date=on)
        audit_record(
            by=by,
            action="detention.detainee.transfer",
            obj=detainee,
            changes={"place": [current.place.name if current else None, to.name]},
        )
    return placement


def visit_record(
    *,
    place: DetentionPlace,
    start_date: dt.date,
    end_date: dt.date,
    team: str,
    seen: list[Detainee],
    by: Any,
    findings: dict[str, str] | None = None,
    recommendations: list[str] | None = None,
    private: bool = True,
) -> Visit:
    errors: dict[str, list[str]] = {}
    _not_future(errors, "end_date", end_date)
    if end_date < start_date:
        errors["end_date"] = ["The visit ends before it starts."]
    if not team.strip():
        errors["team"] = ["Name the visiting team."]
    held_there = set(
        Placement.objects.filter(place=place, from_date__lte=end_date)
        .exclude(to_date__lt=start_date)
        .values_list("detainee_id", flat=True)
    )
    strangers = [d.reference for d in seen if d.pk not in held_there]
    if strangers:
        errors["seen"] = [f"Not held at {place.name} during the visit: {', '.join(strangers)}"]
    if errors:
        raise ValidationFailed(errors)
    f = findings or {}
    with transaction.atomic():
        visit = Visit.objects.create(
            place=place,
            start_date=start_date,
            end_date=end_date,
            team=team.strip(),
            treatment=f.get("treatment", ""),
            material_conditions=f.get("material_conditions", ""),
            health=f.get("health", ""),
            judicial_guarantees=f.get("judicial_guarantees", ""),
            family_contact=f.get("family_contact", ""),
        )
        VisitInterview.objects.bulk_create(
            VisitInterview(visit=visit, detainee=d, private=private) for d in seen
        )
        for text in recommendations or []:
            if text.strip():
                Recommendation.objects.create(visit=visit, text=text.strip())
        audit_record(
            by=by,
            action="detention.visit.record",
            obj=visit,
            changes={
                "place": place.name,
                "seen": [d.reference for d in seen],
                "dates": [str(start_date), str(end_date)],
            },
        )
    return visit


def family_contact_record(
    *,
    detainee: Detainee,
    kind: str,
    direction: str,
    written_on: dt.date,
    by: Any,
    collected_on: dt.date | None = None,
    delivered_on: dt.date | None = None,
    reply_to: FamilyContact | None = None,
    note: str = "",
) -> FamilyContact:
    errors: dict[str, list[str]] = {}
    for field, value in (
        ("written_on", written_on),
        ("collected_on", collected_on),
        ("delivered_on", delivered_on),
    ):
        _not_future(errors, field, value)
    if collected_on and collected_on < written_on:
        errors["collected_on"] = ["A message cannot be collected before it is written."]
    if delivered_on and delivered_on < (collected_on or written_on):
        errors["delivered_on"] = ["A message cannot be delivered before it is collected."]
    if kind != FamilyContact.Kind.MESSAGE and (collected_on or delivered_on):
        errors["kind"] = ["Only written messages are collected and delivered."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        c = FamilyContact.objects.create(
            detainee=detainee,
            kind=kind,
            direction=direction,
            written_on=written_on,
            collected_on=collected_on,
            delivered_on=delivered_on,
            reply_to=reply_to,
            note=note,
        )
        audit_record(
            by=by,
            action="detention.contact.record",
            obj=detainee,
            changes={
                "kind": kind,
                "direction": direction,
                "written_on": str(written_on),
                "delivered_on": str(delivered_on) if delivered_on else None,
            },
        )
    return c


def proceeding_add(
    *, detainee: Detainee, case_reference: str, court: str, charges: str, by: Any
) -> Proceeding:
    if not case_reference.strip() or not court.strip():
        raise ValidationFailed({"case_reference": ["Give the case reference and the court."]})
    with transaction.atomic():
        p = Proceeding.objects.create(
            detainee=detainee,
            case_reference=case_reference.strip(),
            court=court.strip(),
            charges=charges,
        )
        audit_record(
            by=by,
            action="detention.proceeding.add",
            obj=detainee,
            changes={"case": p.case_reference, "court": p.court},
        )
    return p


def hearing_add(
    *,
    proceeding: Proceeding,
    date: dt.date,
    by: Any,
    outcome: str = "",
    next_date: dt.date | None = None,
) -> Hearing:
    if next_date and next_date <= date:
        raise ValidationFailed({"next_date": ["The next hearing must come after this one."]})
    with transaction.atomic():
        h = Hearing.objects.create(
            proceeding=proceeding, date=date, outcome=outcome, next_date=next_date
        )
        audit_record(
            by=by,
            action="detention.hearing.add",
            obj=proceeding.detainee,
            changes={
                "case": proceeding.case_reference,
                "date": str(date),
                "next_date": str(next_date) if next_date else None,
            },
        )
    return h


def movement_record(
    *,
    detainee: Detainee,
    kind: str,
    date: dt.date,
    by: Any,
    route: str = "",
    consent_recorded: bool = False,
) -> Movement:
    errors: dict[str, list[str]] = {}
    _not_future(errors, "date", date)
    if date < detainee.captured_on:
        errors["date"] = ["The movement cannot precede the capture."]
    if detainee.released_on:
        errors["kind"] = ["The detainee was already released."]
    if kind == Movement.Kind.REPATRIATION and not consent_recorded:
        errors["consent_recorded"] = [
            "Record that the detainee's wish was ascertained before a repatriation."
        ]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        m = Movement.objects.create(
            detainee=detainee, kind=kind, date=date, route=route, consent_recorded=consent_recorded
        )
        detainee.released_on = date
        detainee.save(update_fields=["released_on"])
        detainee.placements.filter(to_date__isnull=True).update(to_date=date)
        audit_record(
            by=by,
            action=f"detention.{kind}",
            obj=detainee,
            changes={"date": str(date), "route": route, "consent_recorded": consent_recorded},
        )
    return m


def consular_request_create(
    *,
    detainee: Detainee,
    requesting_state: str,
    protecting_power: str,
    requested_on: dt.date,
    by: Any,
    on_behalf_of: str = "",
) -> ConsularRequest:
    errors: dict[str, list[str]] = {}
    _not_future(errors, "requested_on", requested_on)
    if not requesting_state.strip() or not protecting_power.strip():
        errors["protecting_power"] = ["Name the requesting state and the protecting power."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        r = ConsularRequest.objects.create(
            detainee=detainee,
            requesting_state=requesting_state,
            protecting_power=protecting_power,
            on_behalf_of=on_behalf_of,
            requested_on=requested_on,
        )
        audit_record(
            by=by,
            action="detention.consular.request",
            obj=r,
            changes={"detainee": detainee.reference, "protecting_power": protecting_power},
        )
    return r


def consular_request_update(
    *, request: ConsularRequest, status: str, on: dt.date, by: Any, findings: str = ""
) -> ConsularRequest:
    order = [
        ConsularRequest.Status.REQUESTED,
        ConsularRequest.Status.ACCEPTED,
        ConsularRequest.Status.VISIT_DONE,
    ]
    errors: dict[str, list[str]] = {}
    _not_future(errors, "on", on)
    if on < request.requested_on:
        errors["on"] = ["The date precedes the request."]
    if request.status in (ConsularRequest.Status.REFUSED, ConsularRequest.Status.VISIT_DONE):
        errors["status"] = ["This request is closed."]
    elif status == ConsularRequest.Status.VISIT_DONE and request.status != order[1]:
        errors["status"] = ["A visit can only follow an accepted request."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        old = request.status
        request.status = status
        if status == ConsularRequest.Status.VISIT_DONE:
            request.visited_on = on
            request.findings = findings
        else:
            request.decided_on = on
        request.save()
        audit_record(
            by=by,
            action="detention.consular.update",
            obj=request,
            changes={"status": [old, status], "on": str(on)},
        )
    return request


def dossier_create(
    *, person: Person, last_seen_on: dt.date, last_seen_where: str, summary: str, by: Any
) -> Dossier:
    errors: dict[str, list[str]] = {}
    _not_future(errors, "last_seen_on", last_seen_on)
    if not last_seen_where.strip():
        errors["last_seen_where"] = ["Say where the person was last seen deprived of liberty."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        d = Dossier.objects.create(
            reference=f"ED-{counter_next('dossier'):05d}",
            person=person,
            last_seen_on=last_seen_on,
            last_seen_where=last_seen_where,
            summary=summary,
        )
        audit_record(
            by=by,
            action="detention.dossier.create",
            obj=d,
            changes={"reference": d.reference, "person": person.pk},
        )
    return d


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def evidence_add(
    *,
    dossier: Dossier,
    kind: str,
    description: str,
    name: str,
    content: bytes,
    received_on: dt.date,
    received_from: str,
    by: Any,
) -> EvidenceItem:
    """Store an evidence file with its SHA-256 and the first custody entry."""
    errors: dict[str, list[str]] = {}
    _not_future(errors, "received_on", received_on)
    if not content:
        errors["file"] = ["The file is empty."]
    if errors:
        raise ValidationFailed(errors)
    digest = sha256_of(content)
    with transaction.atomic():
        item = EvidenceItem(
            dossier=dossier,
            kind=kind,
            description=description,
            sha256=digest,
            received_on=received_on,
            received_from=received_from,
            custody=[
                {
                    "at": timezone.now().isoformat(),
                    "by": getattr(by, "username", "system"),
                    "action": "received",
                    "note": received_from,
                }
            ],
        )
        item.file.save(name, ContentFile(content), save=False)
        item.save()
        audit_record(
            by=by,
            action="detention.evidence.add",
            obj=dossier,
            changes={"item": description, "sha256": digest},
        )
    return item


def evidence_verify(item: EvidenceItem) -> bool:
    """True when the stored file still has the SHA-256 recorded on receipt."""
    with item.file.open("rb") as f:
        return sha256_of(f.read()) == item.sha256


def submission_add(
    *,
    dossier: Dossier,
    body: str,
    submitted_on: dt.date,
    by: Any,
    reference: str = "",
    deadline: dt.date | None = None,
) -> Submission:
    errors: dict[str, list[str]] = {}
    _not_future(errors, "submitted_on", submitted_on)
    if deadline and deadline < submitted_on:
        errors["deadline"] = ["The deadline precedes the submission."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        s = Submission.objects.create(
            dossier=dossier,
            body=body,
            submitted_on=submitted_on,
            reference=reference,
            deadline=deadline,
        )
        audit_record(
            by=by,
            action="detention.submission.add",
            obj=dossier,
            changes={"body": body, "submitted_on": str(submitted_on)},
        )
    return s


def notification_record(
    *, detainee: Detainee, direction: str, party: str, date: dt.date, subject: str, by: Any
):
    """Information exchanged between the parties about a detainee (sent or received)."""
    from casework.detention.models import Notification

    errors: dict[str, list[str]] = {}
    _not_future(errors, "date", date)
    if direction not in Notification.Direction.values:
        errors["direction"] = [f"unknown direction {direction!r}"]
    if not party.strip() or not subject.strip():
        errors["subject"] = ["Name the party and the subject."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        n = Notification.objects.create(
            detainee=detainee, direction=direction, party=party, date=date, subject=subject
        )
        audit_record(
            by=by,
            action="detention.notification.record",
            obj=detainee,
            changes={"direction": direction, "party": party, "date": str(date)},
        )
    return n


def recommendation_follow_up(
    *,
    recommendation: Recommendation,
    status: str,
    by: Any,
    response: str = "",
    response_on: dt.date | None = None,
) -> Recommendation:
    errors: dict[str, list[str]] = {}
    if status not in Recommendation.Status.values:
        errors["status"] = [f"unknown status {status!r}"]
    _not_future(errors, "response_on", response_on)
    if response_on and response_on < recommendation.visit.end_date:
        errors["response_on"] = ["A response cannot precede the visit."]
    if response.strip() and not response_on:
        errors["response_on"] = ["Give the date of the authority's response."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        old = recommendation.status
        recommendation.status = status
        recommendation.response = response
        recommendation.response_on = response_on
        recommendation.save()
        audit_record(
            by=by,
            action="detention.recommendation.follow_up",
            obj=recommendation.visit,
            changes={"recommendation": recommendation.pk, "status": [old, status]},
        )
    return recommendation


def place_create(
    *, name: str, kind: str, authority: str, location: str, by: Any, capacity: int | None = None
) -> DetentionPlace:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["Give the place's name."]
    elif DetentionPlace.objects.filter(name=name.strip()).exists():
        errors["name"] = ["A place with this name exists."]
    if kind not in DetentionPlace.Kind.values:
        errors["kind"] = [f"unknown kind {kind!r}"]
    if not authority.strip():
        errors["authority"] = ["Name the detaining authority."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        place = DetentionPlace.objects.create(
            name=name.strip(),
            kind=kind,
            authority=authority.strip(),
            location=location,
            capacity=capacity,
        )
        audit_record(by=by, action="detention.place.create", obj=place, changes={"name": name})
    return place


def proceeding_update(
    *,
    proceeding: Proceeding,
    by: Any,
    verdict: str = "",
    verdict_on: dt.date | None = None,
    sentence: str = "",
    appeal: str = "",
) -> Proceeding:
    errors: dict[str, list[str]] = {}
    _not_future(errors, "verdict_on", verdict_on)
    if verdict.strip() and not verdict_on:
        errors["verdict_on"] = ["Give the date of the verdict."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        before = {k: getattr(proceeding, k) for k in ("verdict", "sentence", "appeal")}
        proceeding.verdict, proceeding.verdict_on = verdict, verdict_on
        proceeding.sentence, proceeding.appeal = sentence, appeal
        proceeding.save()
        audit_record(
            by=by,
            action="detention.proceeding.update",
            obj=proceeding.detainee,
            changes={
                k: [before[k], getattr(proceeding, k)]
                for k in before
                if before[k] != getattr(proceeding, k)
            },
        )
    return proceeding


def evidence_custody_add(
    *, item: EvidenceItem, action: str, holder: str, by: Any, note: str = ""
) -> EvidenceItem:
    """Append a step to an evidence item's chain of custody (who took it, for what)."""
    if not action.strip() or not holder.strip():
        raise ValidationFailed({"action": ["Say what happened and who holds the item now."]})
    with transaction.atomic():
        entry = {
            "at": timezone.now().isoformat(),
            "by": getattr(by, "username", "system"),
            "action": action.strip(),
            "holder": holder.strip(),
            "note": note,
        }
        item.custody = [*item.custody, entry]
        item.save(update_fields=["custody"])
        audit_record(
            by=by,
            action="detention.evidence.custody",
            obj=item.dossier,
            changes={"item": item.pk, "custody": entry},
        )
    return item
