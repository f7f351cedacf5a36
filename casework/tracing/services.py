"""Writes on tracing requests and cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.counters import counter_next
from casework.core.errors import InvalidTransition, ValidationFailed
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
    consent_given: bool = True
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


def tracing_request_open(*, data: RequestInput, by: Any) -> TracingRequest:
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
            created_by=by if getattr(by, "pk", None) else None,
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
                by=by if getattr(by, "pk", None) else None,
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


def case_update(*, case: Case, data: CircumstancesInput, by: Any, reason: str = "") -> Case:
    """Change the circumstances of a case (not its person, not its status)."""
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
    only by the flow that records what establishes it."""
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
    confirmed. Called by the identification app inside the confirmation's transaction."""
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
            by=by if getattr(by, "pk", None) else None,
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
