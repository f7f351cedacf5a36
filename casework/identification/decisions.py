"""Identification decisions: propose, confirm or reject (four eyes), record the
notification of the family and the handover of the remains, and the report.

Rules:
* Only a user holding ``identification.decide_identification`` (forensic specialists)
  may propose, confirm or reject.
* A proposal needs the candidate's posterior to reach the configured threshold
  (``KINTRACE_ID_POSTERIOR_THRESHOLD``), or a written override reason.
* The confirmation must come from a *different* specialist; then, in the same
  transaction, the case becomes "identified".
* Remains and missing person can each have at most one proposed-or-confirmed
  identification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.errors import InvalidTransition, ValidationFailed
from casework.core.flows import Actor, require_actor
from casework.identification.matching import explain
from casework.identification.models import Candidate, Identification
from casework.tracing import lifecycle
from casework.tracing.models import CaseStatus
from casework.tracing.services import case_outcome_identified, case_set_status

PERM = "identification.decide_identification"
BELOW_THRESHOLD = (
    "The posterior probability {posterior:.6f} is below the threshold {threshold}; "
    "give a written reason to override."
)
SAME_SPECIALIST = "A second forensic specialist must confirm: you proposed this identification."
ALREADY = "These remains or this missing person already have an identification in progress."
NOT_PROPOSED = "Only a proposed identification can be confirmed or rejected."


def posterior_threshold() -> float:
    return float(getattr(settings, "KINTRACE_ID_POSTERIOR_THRESHOLD", 0.9999))


def _require(user: Actor) -> None:
    require_actor(user, PERM)


@dataclass
class ProposeIdentification:
    candidate: Candidate
    by: Actor
    override_reason: str = ""

    def check(self) -> None:
        _require(self.by)
        c = self.candidate
        threshold = posterior_threshold()
        if c.posterior < threshold and not self.override_reason.strip():
            raise ValidationFailed(
                {
                    "override_reason": [
                        BELOW_THRESHOLD.format(posterior=c.posterior, threshold=threshold)
                    ]
                }
            )
        open_ = Identification.objects.filter(
            status__in=[Identification.Status.PROPOSED, Identification.Status.CONFIRMED]
        )
        if open_.filter(remains=c.remains).exists() or open_.filter(case=c.case).exists():
            raise InvalidTransition(ALREADY)
        if not lifecycle.is_active(c.case.status):
            raise InvalidTransition(f"Case {c.case.case_number} is {c.case.get_status_display()}.")

    def execute(self) -> Identification:
        self.check()
        c = self.candidate
        with transaction.atomic():
            ident = Identification.objects.create(
                candidate=c,
                remains=c.remains,
                case=c.case,
                log10_lr=c.log10_lr,
                posterior=c.posterior,
                threshold=posterior_threshold(),
                override_reason=self.override_reason.strip(),
                proposed_by=self.by,
                proposed_at=timezone.now(),
            )
            if c.case.status != CaseStatus.MATCH_PROPOSED:
                case_set_status(
                    case=c.case,
                    to_status=CaseStatus.MATCH_PROPOSED,
                    by=self.by,
                    reason=f"DNA match proposed with remains {c.remains.code}",
                )
            audit_record(
                by=self.by,
                action="identification.propose",
                obj=ident,
                changes={
                    "remains": c.remains.code,
                    "case": c.case.case_number,
                    "log10_lr": c.log10_lr,
                    "posterior": c.posterior,
                },
                reason=self.override_reason,
            )
        return ident


@dataclass
class ConfirmIdentification:
    identification: Identification
    by: Actor
    note: str = ""

    def check(self) -> None:
        _require(self.by)
        if self.identification.status != Identification.Status.PROPOSED:
            raise InvalidTransition(NOT_PROPOSED)
        if self.identification.proposed_by_id == self.by.pk:
            raise InvalidTransition(SAME_SPECIALIST)

    def execute(self) -> Identification:
        self.check()
        ident = self.identification
        with transaction.atomic():
            ident.status = Identification.Status.CONFIRMED
            ident.decided_by = self.by
            ident.decided_at = timezone.now()
            ident.decision_note = self.note
            ident.save()
            case_outcome_identified(
                case=ident.case,
                identification=ident,
                by=self.by,
                reason=f"identified as remains {ident.remains.code} "
                f"(confirmed by a second specialist)",
            )
            audit_record(
                by=self.by,
                action="identification.confirm",
                obj=ident,
                changes={"status": ["proposed", "confirmed"]},
                reason=self.note,
            )
        return ident


@dataclass
class RejectIdentification:
    identification: Identification
    by: Actor
    note: str

    def check(self) -> None:
        _require(self.by)
        if self.identification.status != Identification.Status.PROPOSED:
            raise InvalidTransition(NOT_PROPOSED)
        if not self.note.strip():
            raise ValidationFailed({"note": ["Say why the proposal is rejected."]})

    def execute(self) -> Identification:
        self.check()
        ident = self.identification
        with transaction.atomic():
            ident.status = Identification.Status.REJECTED
            ident.decided_by = self.by
            ident.decided_at = timezone.now()
            ident.decision_note = self.note
            ident.save()
            if ident.case.status == CaseStatus.MATCH_PROPOSED:
                case_set_status(
                    case=ident.case,
                    to_status=CaseStatus.SAMPLES_COLLECTED,
                    by=self.by,
                    reason=f"proposed match rejected: {self.note}",
                )
            audit_record(
                by=self.by,
                action="identification.reject",
                obj=ident,
                changes={"status": ["proposed", "rejected"]},
                reason=self.note,
            )
        return ident


def identification_record_step(
    *, identification: Identification, step: str, on: dt.date, by: Actor
) -> Identification:
    """Record the notification of the family or the handover of the remains."""
    _require(by)
    if identification.status != Identification.Status.CONFIRMED:
        raise InvalidTransition("Only a confirmed identification has these steps.")
    fields = {"notified": "family_notified_on", "handed_over": "remains_handed_over_on"}
    if step not in fields:
        raise ValidationFailed({"step": [f"unknown step {step!r}"]})
    decided = identification.decided_at.date() if identification.decided_at else on
    if on < decided or on > dt.date.today():
        raise ValidationFailed({"on": ["The date must be between the confirmation and today."]})
    if step == "handed_over" and not identification.family_notified_on:
        raise ValidationFailed({"on": ["Record the notification of the family first."]})
    with transaction.atomic():
        setattr(identification, fields[step], on)
        identification.save(update_fields=[fields[step]])
        audit_record(
            by=by,
            action=f"identification.{step}",
            obj=identification,
            changes={fields[step]: on.isoformat()},
        )
    return identification


def identification_report_pdf(identification: Identification, *, by: Actor) -> bytes:
    """The identification report as PDF (WeasyPrint), audited as a sensitive read."""
    # WeasyPrint is imported here only: it loads Pango/Cairo (slow, and absent from
    # processes that never render a PDF). No cycle is involved.
    from weasyprint import HTML

    _require(by)
    ident = identification
    html = render_to_string(
        "identification/report.html",
        {
            "ident": ident,
            "case": ident.case,
            "remains": ident.remains,
            "candidate": ident.candidate,
            "run": ident.candidate.run,
            "names": list(ident.case.person.names.all()),
            "sentence": explain(ident.log10_lr, ident.case.person.display_name),
            "generated": timezone.now(),
        },
    )
    with transaction.atomic():
        audit_record(by=by, action="identification.report", obj=ident)
    return HTML(string=html).write_pdf()
