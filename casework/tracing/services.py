"""Writes on tracing requests and cases: the flows (``@flow``) that pages, the API
and the CLI call, and the internal steps other apps' flows call inside their own
transactions (:func:`case_set_status`, :func:`case_outcome_identified`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.counters import counter_next
from casework.core.errors import InvalidTransition, NotFound, ValidationFailed
from casework.core.flows import Actor, flow
from casework.persons.models import Person, set_partial
from casework.persons.partial_dates import PartialDate
from casework.persons.services import (
    PersonInput,
    _validate_person,
    person_create,
    place_get_or_create,
)
from casework.tracing import lifecycle
from casework.tracing.models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    CloseReason,
    Event,
    LegalBasis,
    OutcomeEvidence,
    TracingRequest,
)

SOUGHT_REQUIRED = "A tracing request needs at least one sought person."
CONSENT_DATE_REQUIRED = "Give the date on which consent was given."
CONSENT_REQUIRED = "The legal basis is consent, but consent is not recorded."
FUTURE_DISAPPEARANCE = "The disappearance date is in the future."
DISAPPEARED_BEFORE_BIRTH = "The disappearance date is before the date of birth."


def format_case_number(n: int) -> str:
    return f"MP-{n:06d}"


def format_request_reference(n: int) -> str:
    return f"TR-{n:06d}"


@dataclass(kw_only=True)
class CircumstancesInput:
    """What is known of the disappearance."""

    disappearance: PartialDate | None = None
    disappearance_place: str = ""
    event: str = ""
    last_seen_where: str = ""
    last_seen_when: str = ""
    last_seen_by: str = ""
    circumstances: str = ""


@dataclass(kw_only=True)
class SoughtInput(CircumstancesInput):
    person: PersonInput


@dataclass
class RequestInput:
    enquirer: PersonInput | Person
    enquirer_relationship: str
    sought: list[SoughtInput]
    received_on: dt.date
    legal_basis: str = LegalBasis.CONSENT
    purpose: str = "Tracing the sought person and informing the family."
    consent_given: bool = False  # never presumed: the enquirer's consent is recorded
    consent_date: dt.date | None = None
    consent_scope: str = ""
    source_ref: str | None = None
    source_digest: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def validate_request(data: RequestInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if isinstance(data.enquirer, PersonInput):
        errors.update(_validate_person(data.enquirer, prefix="enquirer."))
    if not data.enquirer_relationship.strip():
        errors["enquirer_relationship"] = ["Say how the enquirer is related to the sought person."]
    if not data.sought:
        errors["sought"] = [SOUGHT_REQUIRED]
    if data.legal_basis not in LegalBasis.values:
        errors["legal_basis"] = [f"unknown legal basis {data.legal_basis!r}"]
    if data.legal_basis == LegalBasis.CONSENT and not data.consent_given:
        errors["consent_given"] = [CONSENT_REQUIRED]
    if data.consent_given and data.consent_date is None:
        errors["consent_date"] = [CONSENT_DATE_REQUIRED]
    if data.received_on > dt.date.today():
        errors["received_on"] = ["The request cannot be received in the future."]
    for i, s in enumerate(data.sought):
        prefix = f"sought[{i}]." if len(data.sought) > 1 else "sought."
        errors.update(_validate_person(s.person, prefix=prefix))
        if s.disappearance and s.disappearance.is_future():
            errors[f"{prefix}disappearance"] = [FUTURE_DISAPPEARANCE]
        elif (
            s.disappearance and s.person.birth and s.disappearance.latest < s.person.birth.earliest
        ):
            errors[f"{prefix}disappearance"] = [DISAPPEARED_BEFORE_BIRTH]
    return errors


def _event_get_or_create(name: str, by: Any) -> Event | None:
    name = (name or "").strip()
    if not name:
        return None
    event, created = Event.objects.get_or_create(name=name)
    if created:
        audit_record(by=by, action="tracing.event.create", obj=event, changes={"name": name})
    return event


@flow("tracing.request.open", permission="tracing.add_tracingrequest")
def tracing_request_open(*, data: RequestInput, by: Actor) -> TracingRequest:
    """Open a request: creates the enquirer (unless an existing person is given), each
    sought person and one case per sought person, in one transaction."""
    errors = validate_request(data)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        enquirer = (
            data.enquirer
            if isinstance(data.enquirer, Person)
            else person_create(data=data.enquirer, by=by)
        )
        request = TracingRequest.objects.create(
            reference=format_request_reference(counter_next("tracing_request")),
            source_ref=data.source_ref,
            source_digest=data.source_digest,
            enquirer=enquirer,
            enquirer_relationship=data.enquirer_relationship.strip(),
            received_on=data.received_on,
            legal_basis=data.legal_basis,
            purpose=data.purpose,
            consent_given=data.consent_given,
            consent_date=data.consent_date,
            consent_scope=data.consent_scope,
            created_by=by,
        )
        audit_record(
            by=by,
            action="tracing.request.open",
            obj=request,
            changes={
                "reference": request.reference,
                "enquirer": enquirer.pk,
                "source_ref": data.source_ref,
            },
        )
        for sought in data.sought:
            person = person_create(data=sought.person, by=by)
            case = Case(
                case_number=format_case_number(counter_next("case")),
                request=request,
                person=person,
                disappearance_place=place_get_or_create(name=sought.disappearance_place, by=by),
                event=_event_get_or_create(sought.event, by),
                last_seen_where=sought.last_seen_where,
                last_seen_when=sought.last_seen_when,
                last_seen_by=sought.last_seen_by,
                circumstances=sought.circumstances,
            )
            set_partial(case, "disappearance", sought.disappearance)
            case.save()
            CaseStatusChange.objects.create(
                case=case,
                from_status="",
                to_status=CaseStatus.OPEN,
                reason="request opened",
                at=timezone.now(),
                by=by,
            )
            audit_record(
                by=by,
                action="tracing.case.open",
                obj=case,
                changes={
                    "case_number": case.case_number,
                    "person": person.pk,
                    "request": request.reference,
                },
            )
    return request


CASE_FIELDS = [f.name for f in fields(CircumstancesInput)]


def _case_snapshot(case: Case) -> dict[str, Any]:
    return {
        "disappearance": str(case.disappearance) if case.disappearance else None,
        "disappearance_place": str(case.disappearance_place) if case.disappearance_place else None,
        "event": str(case.event) if case.event else None,
        "last_seen_where": case.last_seen_where,
        "last_seen_when": case.last_seen_when,
        "last_seen_by": case.last_seen_by,
        "circumstances": case.circumstances,
    }


def access_case_for_change(user: Actor, case_id: int) -> Case:
    """The case, for a change (locked for the transaction); ``NotFound`` otherwise."""
    try:
        return Case.objects.select_for_update().get(pk=int(case_id))
    except (Case.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


@flow("tracing.case.update", permission="tracing.change_case")
def case_update(*, case_id: int, data: CircumstancesInput, by: Actor, reason: str = "") -> Case:
    """Change the circumstances of a case (not its person, not its status)."""
    case = access_case_for_change(by, case_id)
    errors: dict[str, list[str]] = {}
    if data.disappearance and data.disappearance.is_future():
        errors["disappearance"] = [FUTURE_DISAPPEARANCE]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        before = _case_snapshot(case)
        set_partial(case, "disappearance", data.disappearance)
        case.disappearance_place = place_get_or_create(name=data.disappearance_place, by=by)
        case.event = _event_get_or_create(data.event, by)
        case.last_seen_where = data.last_seen_where
        case.last_seen_when = data.last_seen_when
        case.last_seen_by = data.last_seen_by
        case.circumstances = data.circumstances
        case.save()
        after = _case_snapshot(case)
        changes = {k: [before[k], after[k]] for k in CASE_FIELDS if before[k] != after[k]}
        if changes:
            audit_record(
                by=by, action="tracing.case.update", obj=case, changes=changes, reason=reason
            )
    return case


RECORDED_OUTCOMES = (CaseStatus.IDENTIFIED, CaseStatus.FOUND_ALIVE, CaseStatus.DEATH_CONFIRMED)
OUTCOME_NEEDS_RECORD = (
    "“{label}” cannot be set by a status change: it follows from the record that "
    "establishes it (a confirmed identification, or reviewed evidence of the person's fate)."
)
IDENTIFICATION_NOT_CONFIRMED = "Only a confirmed identification of this case makes it identified."


class ConfirmedIdentificationRef(Protocol):
    """What tracing needs to know of an identification (defined in the identification
    app, above this one): its id, its case and whether a second specialist confirmed it."""

    pk: Any
    case_id: Any

    @property
    def is_confirmed(self) -> bool: ...


def case_set_status(
    *,
    case: Case,
    to_status: str,
    by: Any,
    reason: str = "",
    close_reason: str = "",
    merged_into: Case | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Move a case along its lifecycle. Closing needs a close reason; every change
    needs a short written reason, kept in the history and the audit log. The recorded
    outcomes (identified, found alive, death confirmed) are refused here: each is set
    only by the flow that records what establishes it.

    Internal (no permission of its own): pages, the API and the CLI call the flow
    :func:`case_status_change`; the identification app calls this inside its own
    proposal and rejection flows, whose permission it holds."""
    if to_status in RECORDED_OUTCOMES:
        raise InvalidTransition(
            OUTCOME_NEEDS_RECORD.format(label=CaseStatus(to_status).label), field="to_status"
        )
    return _case_move(
        case=case,
        to_status=to_status,
        by=by,
        reason=reason,
        close_reason=close_reason,
        merged_into=merged_into,
        at=at,
    )


def case_outcome_identified(
    *,
    case: Case,
    identification: ConfirmedIdentificationRef,
    by: Any,
    reason: str,
    at: dt.datetime | None = None,
) -> Case:
    """The case becomes "identified" because ``identification`` (of this case) was
    confirmed. Internal (no ``@flow``, no permission of its own): called by the
    identification app inside its confirmation flow, which requires the second forensic
    specialist's ``identification.decide_identification``."""
    if identification.case_id != case.pk or not identification.is_confirmed:
        raise InvalidTransition(IDENTIFICATION_NOT_CONFIRMED, field="to_status")
    return _case_move(
        case=case,
        to_status=CaseStatus.IDENTIFIED,
        by=by,
        reason=reason,
        at=at,
        changes={"identification": identification.pk},
    )


def _case_move(
    *,
    case: Case,
    to_status: str,
    by: Any,
    reason: str = "",
    close_reason: str = "",
    merged_into: Case | None = None,
    at: dt.datetime | None = None,
    changes: dict[str, Any] | None = None,
) -> Case:
    """The one place a case's status changes: lifecycle rule, reason, history, audit."""
    if to_status not in CaseStatus.values:
        raise ValidationFailed({"to_status": [f"unknown status {to_status!r}"]})
    problem = lifecycle.transition_error(case.status, to_status)
    if problem:
        raise InvalidTransition(problem, field="to_status")
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [lifecycle.REASON_TEXT_REQUIRED]
    if to_status == CaseStatus.CLOSED:
        if close_reason not in CloseReason.values:
            errors["close_reason"] = [lifecycle.CLOSE_NEEDS_REASON]
        elif close_reason == CloseReason.MERGED and merged_into is None:
            errors["merged_into"] = ["Name the case this one was merged into."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        old = case.status
        case.status = to_status
        if to_status == CaseStatus.CLOSED:
            case.close_reason = close_reason
            case.merged_into = merged_into
        case.save(update_fields=["status", "close_reason", "merged_into", "updated_at"])
        CaseStatusChange.objects.create(
            case=case,
            from_status=old,
            to_status=to_status,
            reason=reason if not close_reason else f"{close_reason}: {reason}",
            at=at or timezone.now(),
            by=by,
        )
        action = "tracing.case.close" if to_status == CaseStatus.CLOSED else "tracing.case.status"
        audit_record(
            by=by,
            action=action,
            obj=case,
            changes={
                "status": [old, to_status],
                **({"close_reason": close_reason} if close_reason else {}),
                **(changes or {}),
            },
            reason=reason,
        )
    return case


NO_SUCH_CASE = "No case {number}."
GENERIC_TARGETS_ONLY = RECORDED_OUTCOMES


def generic_targets(current: str) -> list[str]:
    """The statuses a plain status change may move a case to (no recorded outcome)."""
    return [t for t in lifecycle.allowed_targets(current) if t not in RECORDED_OUTCOMES]


@flow("tracing.case.status", permission="tracing.change_case")
def case_status_change(
    *,
    case_id: int,
    to_status: str,
    reason: str,
    by: Actor,
    close_reason: str = "",
    merged_into: str = "",
) -> Case:
    """A status change from a page, the API or the CLI. ``merged_into`` is the case
    number of the case this one duplicates (closing with reason "merged"). The recorded
    outcomes are refused (:data:`OUTCOME_NEEDS_RECORD`)."""
    case = access_case_for_change(by, case_id)
    target = None
    number = (merged_into or "").strip().upper()
    if number:
        target = Case.objects.filter(case_number=number).first()
        if target is None:
            raise ValidationFailed({"merged_into": [NO_SUCH_CASE.format(number=number)]})
        if target.pk == case.pk:
            raise ValidationFailed({"merged_into": [MERGE_INTO_ITSELF]})
    return case_set_status(
        case=case,
        to_status=to_status,
        by=by,
        reason=reason,
        close_reason=close_reason,
        merged_into=target,
    )


MERGE_INTO_ITSELF = "A case cannot be merged into itself."
NOT_MERGED = "This case is not closed as merged into another case; there is no merge to undo."


@flow("tracing.case.merge_undo", permission="tracing.change_case")
def case_merge_undo(*, case_id: int, reason: str, by: Actor) -> Case:
    """Undo a merge: the case closed as a duplicate (close reason "merged") returns
    to the status it had before the merge (read from its status history), it is no
    longer merged into the other case, and both steps stay in the history and the
    audit log."""
    case = access_case_for_change(by, case_id)
    if case.status != CaseStatus.CLOSED or case.close_reason != CloseReason.MERGED:
        raise InvalidTransition(NOT_MERGED)
    if not reason.strip():
        raise ValidationFailed({"reason": [lifecycle.REASON_TEXT_REQUIRED]})
    closing = case.status_changes.filter(to_status=CaseStatus.CLOSED).order_by("-at", "-id").first()
    previous = closing.from_status if closing and closing.from_status else CaseStatus.OPEN
    merged_into = case.merged_into.case_number if case.merged_into else None
    case.status = previous
    case.close_reason = ""
    case.merged_into = None
    case.save(update_fields=["status", "close_reason", "merged_into", "updated_at"])
    CaseStatusChange.objects.create(
        case=case,
        from_status=CaseStatus.CLOSED,
        to_status=previous,
        reason=f"merge undone: {reason.strip()}",
        at=timezone.now(),
        by=by,
    )
    audit_record(
        by=by,
        action="tracing.case.merge_undo",
        obj=case,
        changes={"status": [CaseStatus.CLOSED, previous], "merged_into": [merged_into, None]},
        reason=reason,
    )
    return case


# --- outcomes backed by evidence ---------------------------------------------------

EVIDENCE_OUTCOMES = (CaseStatus.FOUND_ALIVE, CaseStatus.DEATH_CONFIRMED)
EVIDENCE_OUTCOME_ONLY = "Evidence is recorded for “found alive” or “death confirmed” only."
EVIDENCE_SOURCE_REQUIRED = "Name the source of the information."
EVIDENCE_DATE_FUTURE = "The information cannot date from the future."
EVIDENCE_DOCUMENT_REF = "Give the document's reference."
EVIDENCE_WITNESS_NAME = "Give the witness's name."
EVIDENCE_PENDING = "Evidence of an outcome of this case is already awaiting review."
EVIDENCE_SAME_OFFICER = "A second officer must review this evidence: you recorded it (four eyes)."
EVIDENCE_NOT_PROPOSED = "This evidence was already reviewed."
EVIDENCE_DECISION = "Decide “confirm” or “reject”."
EVIDENCE_REJECT_NOTE = "Say why the evidence is rejected."


@dataclass(kw_only=True)
class EvidenceInput:
    outcome: str
    source: str
    information_date: dt.date
    kind: str
    reference: str = ""
    details: str = ""


def _validate_evidence(case: Case, data: EvidenceInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.outcome not in EVIDENCE_OUTCOMES:
        errors["outcome"] = [EVIDENCE_OUTCOME_ONLY]
    else:
        problem = lifecycle.transition_error(case.status, data.outcome)
        if problem:
            errors["outcome"] = [problem]
    if not data.source.strip():
        errors["source"] = [EVIDENCE_SOURCE_REQUIRED]
    if data.information_date > dt.date.today():
        errors["information_date"] = [EVIDENCE_DATE_FUTURE]
    if data.kind not in OutcomeEvidence.Kind.values:
        errors["kind"] = [f"unknown kind of evidence {data.kind!r}"]
    elif data.kind == OutcomeEvidence.Kind.DOCUMENT and not data.reference.strip():
        errors["reference"] = [EVIDENCE_DOCUMENT_REF]
    elif data.kind == OutcomeEvidence.Kind.WITNESS and not data.reference.strip():
        errors["reference"] = [EVIDENCE_WITNESS_NAME]
    return errors


@flow("tracing.outcome_evidence.record", permission="tracing.add_outcomeevidence")
def outcome_evidence_record(
    *, case_id: int, data: EvidenceInput, by: Actor, at: dt.datetime | None = None
) -> OutcomeEvidence:
    """Record what establishes that the sought person was found alive or died. The
    case does not change yet: a second officer reviews the record
    (:func:`outcome_evidence_review`). ``at`` back-dates a record transcribed from
    earlier paper files (never into the future)."""
    case = access_case_for_change(by, case_id)
    errors = _validate_evidence(case, data)
    if case.outcome_evidence.filter(status=OutcomeEvidence.Status.PROPOSED).exists():
        errors.setdefault("outcome", []).append(EVIDENCE_PENDING)
    if errors:
        raise ValidationFailed(errors)
    evidence = OutcomeEvidence.objects.create(
        case=case,
        outcome=data.outcome,
        source=data.source.strip(),
        information_date=data.information_date,
        kind=data.kind,
        reference=data.reference.strip(),
        details=data.details,
        recorded_by=by,
        recorded_at=min(at or timezone.now(), timezone.now()),
    )
    audit_record(
        by=by,
        action="tracing.outcome_evidence.record",
        obj=evidence,
        changes={
            "case": case.case_number,
            "outcome": data.outcome,
            "source": evidence.source,
            "information_date": data.information_date.isoformat(),
            "kind": data.kind,
            "reference": evidence.reference,
        },
    )
    return evidence


def access_evidence_for_review(user: Actor, evidence_id: int) -> OutcomeEvidence:
    try:
        return (
            OutcomeEvidence.objects.select_for_update()
            .select_related("case")
            .get(pk=int(evidence_id))
        )
    except (OutcomeEvidence.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


@flow("tracing.outcome_evidence.review", permission="tracing.review_outcomeevidence")
def outcome_evidence_review(
    *,
    evidence_id: int,
    decision: str,
    note: str = "",
    by: Actor,
    case_id: int | None = None,
    at: dt.datetime | None = None,
) -> OutcomeEvidence:
    """A second officer (not the one who recorded it) confirms the evidence — the case
    then moves to its outcome, through the one lifecycle step :func:`_case_move` — or
    rejects it with a note (the case is unchanged). ``case_id``, when given (a page
    nested under the case), must be the evidence's case. ``at``: see
    :func:`outcome_evidence_record`."""
    evidence = access_evidence_for_review(by, evidence_id)
    if case_id is not None and evidence.case_id != case_id:
        raise NotFound()
    if evidence.status != OutcomeEvidence.Status.PROPOSED:
        raise InvalidTransition(EVIDENCE_NOT_PROPOSED)
    if evidence.recorded_by_id == by.pk:
        raise InvalidTransition(EVIDENCE_SAME_OFFICER)
    if decision not in ("confirm", "reject"):
        raise ValidationFailed({"decision": [EVIDENCE_DECISION]})
    if decision == "reject" and not note.strip():
        raise ValidationFailed({"note": [EVIDENCE_REJECT_NOTE]})
    when = min(at or timezone.now(), timezone.now())
    evidence.status = (
        OutcomeEvidence.Status.CONFIRMED
        if decision == "confirm"
        else OutcomeEvidence.Status.REJECTED
    )
    evidence.reviewed_by = by
    evidence.reviewed_at = when
    evidence.review_note = note
    evidence.save()
    if decision == "confirm":
        _case_move(
            case=evidence.case,  # locked with the evidence (select_for_update)
            to_status=evidence.outcome,
            by=by,
            reason=f"{evidence.get_kind_display()}: {evidence.source}"
            + (f" ({note.strip()})" if note.strip() else ""),
            at=when,
            changes={"evidence": evidence.pk},
        )
    audit_record(
        by=by,
        action="tracing.outcome_evidence.review",
        obj=evidence,
        changes={
            "case": evidence.case.case_number,
            "status": [OutcomeEvidence.Status.PROPOSED, evidence.status],
            "outcome": evidence.outcome,
        },
        reason=note,
    )
    return evidence


# --- bulk (the demo's volume) -------------------------------------------------------


def event_create(*, name: str, by: Actor, place: Any = None, year: int | None = None) -> Event:
    """An event that groups disappearances (internal; audited)."""
    if not name.strip():
        raise ValidationFailed({"event": ["Name the event."]})
    event = Event.objects.create(name=name.strip(), place=place, year=year)
    audit_record(by=by, action="tracing.event.create", obj=event, changes={"name": event.name})
    return event


@dataclass(kw_only=True)
class BulkCase(CircumstancesInput):
    """One sought person of a bulk request: an existing person, the circumstances,
    and the lifecycle history as ``(when, status, reason)`` steps, the first being
    ``open``. ``close_reason`` is needed when the history ends closed; ``merged_into``
    is the index, in the same batch, of the case a duplicate was merged into."""

    person_id: int
    place_id: int | None = None
    event_id: int | None = None
    history: list[tuple[dt.datetime, str, str]]
    close_reason: str = ""
    merged_into: int | None = None


@dataclass(kw_only=True)
class BulkRequest:
    enquirer_id: int
    enquirer_relationship: str
    received_on: dt.date
    consent_given: bool
    consent_date: dt.date | None
    legal_basis: str = LegalBasis.CONSENT
    cases: list[BulkCase]


BULK_HISTORY_START = "The history of a case starts with “open”."
BULK_HISTORY_ORDER = "The history of a case goes forward in time and never into the future."


def _validate_bulk(requests: list[BulkRequest]) -> list[str]:
    problems: list[str] = []
    n_cases = sum(len(r.cases) for r in requests)
    now = timezone.now()
    k = 0
    for i, r in enumerate(requests):
        where = f"request [{i}]"
        if not r.enquirer_relationship.strip():
            problems.append(f"{where}: the enquirer's relationship is missing")
        if r.legal_basis not in LegalBasis.values:
            problems.append(f"{where}: unknown legal basis {r.legal_basis!r}")
        if r.legal_basis == LegalBasis.CONSENT and not r.consent_given:
            problems.append(f"{where}: {CONSENT_REQUIRED}")
        if r.consent_given and r.consent_date is None:
            problems.append(f"{where}: {CONSENT_DATE_REQUIRED}")
        if r.received_on > dt.date.today():
            problems.append(f"{where}: received in the future")
        if not r.cases:
            problems.append(f"{where}: {SOUGHT_REQUIRED}")
        for c in r.cases:
            cw = f"{where} case [{k}]"
            if not c.history or c.history[0][1] != CaseStatus.OPEN:
                problems.append(f"{cw}: {BULK_HISTORY_START}")
                k += 1
                continue
            for (t0, s0, _), (t1, s1, why) in zip(c.history, c.history[1:], strict=False):
                if s1 in RECORDED_OUTCOMES:
                    problems.append(
                        f"{cw}: " + OUTCOME_NEEDS_RECORD.format(label=CaseStatus(s1).label)
                    )
                problem = lifecycle.transition_error(s0, s1)
                if problem:
                    problems.append(f"{cw}: {problem}")
                if t1 < t0:
                    problems.append(f"{cw}: {BULK_HISTORY_ORDER}")
                if not why.strip():
                    problems.append(f"{cw}: {lifecycle.REASON_TEXT_REQUIRED}")
            if c.history[-1][0] > now:
                problems.append(f"{cw}: {BULK_HISTORY_ORDER}")
            if c.history[-1][1] == CaseStatus.CLOSED:
                if c.close_reason not in CloseReason.values:
                    problems.append(f"{cw}: {lifecycle.CLOSE_NEEDS_REASON}")
                elif c.close_reason == CloseReason.MERGED and c.merged_into is None:
                    problems.append(f"{cw}: name the case this one was merged into")
            if (c.merged_into is not None and not (0 <= c.merged_into < n_cases)) or (
                c.merged_into == k
            ):
                problems.append(f"{cw}: merged into an unknown case")
            if c.disappearance and c.disappearance.is_future():
                problems.append(f"{cw}: {FUTURE_DISAPPEARANCE}")
            k += 1
    return problems


def tracing_requests_bulk_open(*, requests: list[BulkRequest], by: Actor) -> list[Case]:
    """Open many requests with their cases and back-filled status histories at once
    (the demo's thousands; a handover import). Every request and case is validated
    (consent, lifecycle steps, no recorded outcome — those come from their records),
    nothing is written if one is invalid, and the batch leaves one audit entry naming
    the request and case number ranges. Internal: called inside a flow holding
    ``tracing.add_tracingrequest``. Returns the cases in input order."""
    problems = _validate_bulk(requests)
    if problems:
        raise ValidationFailed({"requests": problems})
    with transaction.atomic():
        req_objs = []
        first_ref = counter_next("tracing_request", len(requests))
        first_case = counter_next("case", sum(len(r.cases) for r in requests))
        for i, r in enumerate(requests):
            req_objs.append(
                TracingRequest(
                    reference=format_request_reference(first_ref + i),
                    enquirer_id=r.enquirer_id,
                    enquirer_relationship=r.enquirer_relationship.strip(),
                    received_on=r.received_on,
                    legal_basis=r.legal_basis,
                    consent_given=r.consent_given,
                    consent_date=r.consent_date,
                    created_by=by,
                )
            )
        TracingRequest.objects.bulk_create(req_objs, batch_size=2000)
        pairs: list[tuple[Case, BulkCase]] = []
        for req, r in zip(req_objs, requests, strict=True):
            for c in r.cases:
                case = Case(
                    case_number=format_case_number(first_case + len(pairs)),
                    request_id=req.pk,
                    person_id=c.person_id,
                    status=c.history[-1][1],
                    close_reason=c.close_reason if c.history[-1][1] == CaseStatus.CLOSED else "",
                    disappearance_place_id=c.place_id,
                    event_id=c.event_id,
                    last_seen_where=c.last_seen_where,
                    last_seen_when=c.last_seen_when,
                    last_seen_by=c.last_seen_by,
                    circumstances=c.circumstances,
                )
                set_partial(case, "disappearance", c.disappearance)
                pairs.append((case, c))
        cases = [case for case, _ in pairs]
        Case.objects.bulk_create(cases, batch_size=2000)
        merged = []
        for case, c in pairs:
            if c.merged_into is not None and case.close_reason == CloseReason.MERGED:
                case.merged_into_id = cases[c.merged_into].pk
                merged.append(case)
        Case.objects.bulk_update(merged, ["merged_into"], batch_size=2000)
        CaseStatusChange.objects.bulk_create(
            (
                CaseStatusChange(
                    case_id=case.pk,
                    from_status=c.history[j - 1][1] if j else "",
                    to_status=status,
                    reason=reason,
                    at=when,
                    by=by,
                )
                for case, c in pairs
                for j, (when, status, reason) in enumerate(c.history)
            ),
            batch_size=5000,
        )
        audit_record(
            by=by,
            action="tracing.request.bulk_open",
            object_type="tracing.tracingrequest",
            object_id=f"{req_objs[0].reference}..{req_objs[-1].reference}" if req_objs else "",
            changes={
                "requests": len(req_objs),
                "cases": len(cases),
                "first_case": cases[0].case_number if cases else None,
                "last_case": cases[-1].case_number if cases else None,
                "merged": len(merged),
            },
        )
    return cases
