"""Family pedigrees, reference samples, consent and chain of custody."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.antemortem.models import (
    CustodyEvent,
    FamilyPedigree,
    PedigreeMember,
    ReferenceSample,
)
from casework.core.audit import audit_record
from casework.core.errors import InvalidTransition, ValidationFailed
from casework.persons.models import Person
from casework.tracing.models import Case
from kinship import KinshipError
from kinship.pedigree import Individual, Pedigree

S = CustodyEvent.Step
NEXT_STEPS: dict[str | None, list[str]] = {
    None: [S.COLLECTED],
    S.COLLECTED: [S.SENT, S.DESTROYED],
    S.SENT: [S.RECEIVED, S.DESTROYED],
    S.RECEIVED: [S.PROFILED, S.STORED, S.DESTROYED],
    S.PROFILED: [S.STORED, S.DESTROYED],
    S.STORED: [S.SENT, S.PROFILED, S.DESTROYED],
    S.DESTROYED: [],
}
PROFILING_BEFORE_RECEIPT = "A sample cannot be profiled before the laboratory has received it."
BARCODE_TAKEN = "This barcode is already used by another sample."
WITHDRAWN = "Consent for this sample was withdrawn; it can no longer be used."


def pedigree_for_case(*, case: Case, by: Any) -> FamilyPedigree:
    """The family pedigree of a case, created with the MP and both parents (untyped)
    the first time it is needed."""
    existing = FamilyPedigree.objects.filter(case=case).first()
    if existing:
        return existing
    with transaction.atomic():
        ped = FamilyPedigree.objects.create(case=case)
        sex = case.person.sex if case.person.sex in ("M", "F") else "M"
        fa = PedigreeMember.objects.create(pedigree=ped, label="FA", sex="M")
        mo = PedigreeMember.objects.create(pedigree=ped, label="MO", sex="F")
        PedigreeMember.objects.create(
            pedigree=ped,
            label="MP",
            sex=sex,
            father=fa,
            mother=mo,
            person=case.person,
            is_missing=True,
        )
        audit_record(
            by=by, action="samples.pedigree.create", obj=ped, changes={"case": case.case_number}
        )
    return ped


def kinship_pedigree(ped: FamilyPedigree) -> Pedigree:
    members = list(ped.members.all())
    by_id = {m.pk: m for m in members}
    return Pedigree(
        Individual(
            m.label,
            by_id[m.father_id].label if m.father_id else None,
            by_id[m.mother_id].label if m.mother_id else None,
            m.sex,
        )
        for m in members
    )


def pedigree_member_add(
    *,
    pedigree: FamilyPedigree,
    label: str,
    sex: str,
    father: PedigreeMember | None = None,
    mother: PedigreeMember | None = None,
    person: Person | None = None,
    by: Any,
) -> PedigreeMember:
    """Add a relative; the result must still be a valid pedigree (both parents or
    neither, fathers male, mothers female, no cycles)."""
    label = label.strip()
    errors: dict[str, list[str]] = {}
    if not label:
        errors["label"] = ["Give a short label (e.g. S1, GF)."]
    elif pedigree.members.filter(label=label).exists():
        errors["label"] = [f"Label {label} is already used in this pedigree."]
    if sex not in ("M", "F"):
        errors["sex"] = ["A pedigree member is male or female."]
    if errors:
        raise ValidationFailed(errors)
    trial = [*kinship_pedigree(pedigree)]
    try:
        Pedigree(
            [
                *trial,
                Individual(
                    label, father.label if father else None, mother.label if mother else None, sex
                ),
            ]
        )
    except KinshipError as exc:
        raise ValidationFailed({"father": [str(exc)]}) from None
    with transaction.atomic():
        member = PedigreeMember.objects.create(
            pedigree=pedigree, label=label, sex=sex, father=father, mother=mother, person=person
        )
        audit_record(
            by=by,
            action="samples.pedigree.member_add",
            obj=pedigree,
            changes={
                "member": label,
                "father": father.label if father else None,
                "mother": mother.label if mother else None,
            },
        )
    return member


def sample_register(
    *,
    member: PedigreeMember,
    barcode: str,
    collected_on: dt.date,
    holder: str,
    place: str,
    by: Any,
    identification_only: bool = True,
    retention_until: dt.date | None = None,
) -> ReferenceSample:
    """Register a reference sample given by a pedigree member (never the MP), with its
    first custody step, 'collected'."""
    barcode = barcode.strip().upper()
    errors: dict[str, list[str]] = {}
    if member.is_missing:
        errors["member"] = ["The missing person cannot give a reference sample."]
    if not barcode:
        errors["barcode"] = ["Give the sample's barcode."]
    elif ReferenceSample.objects.filter(barcode=barcode).exists():
        errors["barcode"] = [BARCODE_TAKEN]
    if collected_on > dt.date.today():
        errors["collected_on"] = ["The collection date is in the future."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        sample = ReferenceSample.objects.create(
            barcode=barcode,
            member=member,
            collected_on=collected_on,
            consent_identification_only=identification_only,
            retention_until=retention_until,
            created_by=by if getattr(by, "pk", None) else None,
        )
        CustodyEvent.objects.create(
            sample=sample,
            step=S.COLLECTED,
            at=timezone.make_aware(dt.datetime.combine(collected_on, dt.time(12))),
            holder=holder,
            place=place,
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        audit_record(
            by=by,
            action="samples.sample.register",
            obj=sample,
            changes={
                "barcode": barcode,
                "member": member.label,
                "case": member.pedigree.case.case_number,
            },
        )
    return sample


def custody_last_step(sample: ReferenceSample) -> str | None:
    last = sample.custody.order_by("-at", "-id").first()
    return last.step if last else None


def sample_custody_transfer(
    *,
    sample: ReferenceSample,
    step: str,
    holder: str,
    place: str = "",
    by: Any,
    at: dt.datetime | None = None,
    note: str = "",
) -> CustodyEvent:
    """Record the next custody step; the chain's order is enforced."""
    if sample.status == ReferenceSample.Status.WITHDRAWN and step != S.DESTROYED:
        raise InvalidTransition(WITHDRAWN, field="step")
    last = custody_last_step(sample)
    if step == S.PROFILED and not sample.custody.filter(step=S.RECEIVED).exists():
        raise InvalidTransition(PROFILING_BEFORE_RECEIPT, field="step")
    if step not in NEXT_STEPS.get(last, []):
        raise InvalidTransition(
            f"After “{S(last).label if last else 'nothing'}” the next step cannot be "
            f"“{S(step).label}”.",
            field="step",
        )
    if not holder.strip():
        raise ValidationFailed({"holder": ["Say who holds the sample after this step."]})
    when = at or timezone.now()
    with transaction.atomic():
        event = CustodyEvent.objects.create(
            sample=sample,
            step=step,
            at=when,
            holder=holder.strip(),
            place=place,
            note=note,
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        audit_record(
            by=by,
            action="samples.custody.transfer",
            obj=sample,
            changes={"step": [last, step], "holder": holder, "place": place},
        )
    return event


def sample_withdraw_consent(*, sample: ReferenceSample, reason: str, by: Any) -> ReferenceSample:
    """The donor withdraws consent: every profile of the sample is destroyed (its
    genotypes erased), the sample is marked withdrawn and destroyed in custody, and a
    tombstone keeps only what proves that it happened."""
    from casework.identification.models import DNAProfile

    if not reason.strip():
        raise ValidationFailed({"reason": ["Record how the withdrawal was expressed."]})
    with transaction.atomic():
        profiles = DNAProfile.objects.filter(barcode=sample.barcode, destroyed=False)
        n = profiles.count()
        profiles.update(genotypes={}, amelogenin="", destroyed=True)
        sample.status = ReferenceSample.Status.WITHDRAWN
        sample.withdrawn_at = timezone.now()
        sample.tombstone = {
            "withdrawn_at": sample.withdrawn_at.isoformat(),
            "profiles_destroyed": n,
            "reason": reason,
        }
        sample.save(update_fields=["status", "withdrawn_at", "tombstone"])
        if custody_last_step(sample) != S.DESTROYED:
            CustodyEvent.objects.create(
                sample=sample,
                step=S.DESTROYED,
                at=timezone.now(),
                holder="destroyed",
                note="consent withdrawn",
                recorded_by=by if getattr(by, "pk", None) else None,
            )
        audit_record(
            by=by,
            action="samples.consent.withdraw",
            obj=sample,
            changes={"profiles_destroyed": n},
            reason=reason,
        )
    return sample
