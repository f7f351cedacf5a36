"""Use cases of the reference side: start a family pedigree, add relatives, register
reference samples, record their chain of custody, withdraw consent.

Each is a flow (``casework.core.flows.flow``): the actor's permission is declared, the
compartment is checked on the record (the case must be visible to the actor), input is
validated, and the write and its audit entry commit in one transaction. Tracing
officers run all of them; none of them shows a genotype.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from casework.core.audit import audit_record
from casework.core.errors import InvalidTransition, NotFound, ValidationFailed
from casework.core.flows import Actor, flow, require_actor
from casework.persons.selectors import access_person_by_id
from casework.samples.models import (
    CustodyEvent,
    DNAProfile,
    FamilyPedigree,
    PedigreeMember,
    ReferenceSample,
)
from casework.samples.selectors import access_case, access_pedigree, access_sample
from casework.tracing.models import Case
from kinship import KinshipError
from kinship.pedigree import Individual, Pedigree

S = CustodyEvent.Step
# The allowed order of a sample's chain of custody: step → the steps that may follow.
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
STEP_ORDER = "After “{last}” the next step cannot be “{step}”."
STEP_BEFORE_LAST = "A custody step cannot be dated before the previous step ({last})."
STEP_IN_FUTURE = "A custody step cannot be dated in the future."
MP_CANNOT_GIVE = "The missing person cannot give a reference sample."
NO_SUCH_PERSON = "No such person."
NO_SUCH_MEMBER = "No such member in this pedigree."
VIEW_CASE = "tracing.view_case"


def kinship_pedigree(ped: FamilyPedigree) -> Pedigree:
    """The family pedigree as the kinship engine's :class:`~kinship.pedigree.Pedigree`
    (members by label)."""
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


def custody_last_step(sample: ReferenceSample) -> str | None:
    last = sample.custody.order_by("-at", "-id").first()
    return last.step if last else None


def check_custody_step(
    sample: ReferenceSample, step: str, when: dt.datetime, last: CustodyEvent | None
) -> None:
    """The chain-of-custody rule (``NEXT_STEPS``), shared by every path that records a
    custody step: raises :class:`InvalidTransition` when ``step`` may not follow."""
    if sample.status == ReferenceSample.Status.WITHDRAWN and step != S.DESTROYED:
        raise InvalidTransition(WITHDRAWN, field="step")
    if step not in S.values:
        raise ValidationFailed({"step": [_("Unknown custody step %(s)r.") % {"s": step}]})
    if step == S.PROFILED and not sample.custody.filter(step=S.RECEIVED).exists():
        raise InvalidTransition(PROFILING_BEFORE_RECEIPT, field="step")
    prev = last.step if last else None
    if step not in NEXT_STEPS.get(prev, []):
        raise InvalidTransition(
            STEP_ORDER.format(last=S(prev).label if prev else "nothing", step=S(step).label),
            field="step",
        )
    if when > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationFailed({"at": [STEP_IN_FUTURE]})
    if last is not None and when < last.at:
        raise ValidationFailed({"at": [STEP_BEFORE_LAST.format(last=last.at.date())]})


def _last_event(sample: ReferenceSample) -> CustodyEvent | None:
    return sample.custody.order_by("-at", "-id").first()


def _create_pedigree(case: Any) -> FamilyPedigree:
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
    return ped


@flow("samples.pedigree.create", permission="samples.add_familypedigree")
def pedigree_start(*, case_id: int, by: Actor) -> FamilyPedigree:
    """Start the family pedigree of a case: the missing person (MP) and both parents
    (FA, MO, untyped founders). An explicit action — opening a page never creates one.
    Starting it again returns the existing pedigree unchanged."""
    case = access_case(by, case_id)
    existing = FamilyPedigree.objects.filter(case=case).first()
    if existing:
        return existing
    ped = _create_pedigree(case)
    audit_record(
        by=by, action="samples.pedigree.create", obj=ped, changes={"case": case.case_number}
    )
    return ped


def _member(ped: FamilyPedigree, member_id: Any, field: str) -> PedigreeMember | None:
    if member_id in (None, ""):
        return None
    try:
        return ped.members.get(pk=int(member_id))
    except (PedigreeMember.DoesNotExist, ValueError, TypeError, OverflowError):
        raise ValidationFailed({field: [NO_SUCH_MEMBER]}) from None


@flow("samples.pedigree.member_add", permission="samples.change_familypedigree")
def pedigree_member_add(
    *,
    case_id: int,
    label: str,
    sex: str,
    by: Actor,
    father_id: int | None = None,
    mother_id: int | None = None,
    person_id: int | None = None,
) -> PedigreeMember:
    """Add a relative to a case's pedigree; the result must still be a valid pedigree
    (both parents or neither, fathers male, mothers female, no cycles). A linked person
    record must be one the actor may open."""
    ped = access_pedigree(by, case_id)
    label = label.strip()
    errors: dict[str, list[str]] = {}
    if not label:
        errors["label"] = [_("Give a short label (e.g. S1, GF).")]
    elif ped.members.filter(label=label).exists():
        errors["label"] = [
            _("Label %(label)s is already used in this pedigree.") % {"label": label}
        ]
    if sex not in ("M", "F"):
        errors["sex"] = [_("A pedigree member is male or female.")]
    person = None
    if person_id:
        try:
            person = access_person_by_id(by, person_id)
        except NotFound:
            errors["person"] = [NO_SUCH_PERSON]
    if errors:
        raise ValidationFailed(errors)
    father = _member(ped, father_id, "father")
    mother = _member(ped, mother_id, "mother")
    try:
        Pedigree(
            [
                *kinship_pedigree(ped),
                Individual(
                    label, father.label if father else None, mother.label if mother else None, sex
                ),
            ]
        )
    except KinshipError as exc:
        raise ValidationFailed({"father": [str(exc)]}) from None
    member = PedigreeMember.objects.create(
        pedigree=ped, label=label, sex=sex, father=father, mother=mother, person=person
    )
    audit_record(
        by=by,
        action="samples.pedigree.member_add",
        obj=ped,
        changes={
            "member": label,
            "father": father.label if father else None,
            "mother": mother.label if mother else None,
        },
    )
    return member


def _validate_sample(
    member: PedigreeMember, barcode: str, collected_on: dt.date, taken: set[str]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if member.is_missing:
        errors["member"] = [MP_CANNOT_GIVE]
    if not barcode:
        errors["barcode"] = [_("Give the sample's barcode.")]
    elif barcode in taken or ReferenceSample.objects.filter(barcode=barcode).exists():
        errors["barcode"] = [BARCODE_TAKEN]
    if collected_on > dt.date.today():
        errors["collected_on"] = [_("The collection date is in the future.")]
    return errors


@flow("samples.sample.register", permission="samples.add_referencesample")
def sample_register(
    *,
    case_id: int,
    member_id: int,
    barcode: str,
    collected_on: dt.date,
    holder: str,
    place: str,
    by: Actor,
    identification_only: bool = False,
    retention_until: dt.date | None = None,
) -> ReferenceSample:
    """Register a reference sample given by a pedigree member of the case (never the
    MP), with its first custody step, "collected". The consent to use it for the
    identification of the missing relative only is what the donor said — never assumed."""
    ped = access_pedigree(by, case_id)
    member = _member(ped, member_id, "member")
    if member is None:
        raise ValidationFailed({"member": [NO_SUCH_MEMBER]})
    barcode = barcode.strip().upper()
    errors = _validate_sample(member, barcode, collected_on, set())
    if not holder.strip():
        errors["holder"] = [_("Say who holds the sample after this step.")]
    if errors:
        raise ValidationFailed(errors)
    sample = ReferenceSample.objects.create(
        barcode=barcode,
        member=member,
        collected_on=collected_on,
        consent_identification_only=identification_only,
        retention_until=retention_until,
        created_by=by,
    )
    CustodyEvent.objects.create(
        sample=sample,
        step=S.COLLECTED,
        at=timezone.make_aware(dt.datetime.combine(collected_on, dt.time(12))),
        holder=holder.strip(),
        place=place,
        recorded_by=by,
    )
    audit_record(
        by=by,
        action="samples.sample.register",
        obj=sample,
        changes={"barcode": barcode, "member": member.label, "case": ped.case.case_number},
    )
    return sample


@flow("samples.custody.transfer", permission="samples.change_referencesample")
def sample_custody_transfer(
    *,
    sample_id: int,
    step: str,
    holder: str,
    by: Actor,
    place: str = "",
    at: dt.datetime | None = None,
    note: str = "",
) -> CustodyEvent:
    """Record the next custody step of a sample; the chain's order (``NEXT_STEPS``) is
    enforced, and a step is never dated before the previous one or in the future."""
    sample = access_sample(by, sample_id)
    if not holder.strip():
        raise ValidationFailed({"holder": [_("Say who holds the sample after this step.")]})
    last = _last_event(sample)
    when = at or timezone.now()
    check_custody_step(sample, step, when, last)
    event = CustodyEvent.objects.create(
        sample=sample,
        step=step,
        at=when,
        holder=holder.strip(),
        place=place,
        note=note,
        recorded_by=by,
    )
    audit_record(
        by=by,
        action="samples.custody.transfer",
        obj=sample,
        changes={"step": [last.step if last else None, step], "holder": holder, "place": place},
    )
    return event


@flow("samples.consent.withdraw", permission="samples.change_referencesample")
def sample_withdraw_consent(*, sample_id: int, reason: str, by: Actor) -> ReferenceSample:
    """The donor withdraws consent: every profile of the sample is destroyed (its
    genotypes erased), the sample is marked withdrawn and destroyed in custody, and a
    tombstone keeps only what proves that it happened."""
    sample = access_sample(by, sample_id)
    if sample.status == ReferenceSample.Status.WITHDRAWN:
        raise InvalidTransition(WITHDRAWN)
    if not reason.strip():
        raise ValidationFailed({"reason": [_("Record how the withdrawal was expressed.")]})
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
    last = _last_event(sample)
    if last is None or last.step != S.DESTROYED:
        CustodyEvent.objects.create(
            sample=sample,
            step=S.DESTROYED,
            at=max(timezone.now(), last.at) if last else timezone.now(),
            holder="destroyed",
            note="consent withdrawn",
            recorded_by=by,
        )
    audit_record(
        by=by,
        action="samples.consent.withdraw",
        obj=sample,
        changes={"profiles_destroyed": n},
        reason=reason,
    )
    return sample


# -- bulk registration (the demo, and imports of a whole field campaign) --------------


@dataclass(frozen=True)
class DonorInput:
    """A relative to add (``father``/``mother`` are labels in the same pedigree, or
    the founders FA/MO) and, if they gave one, their sample with its custody steps
    after "collected": ``[(step, holder, at), ...]``."""

    label: str
    sex: str
    father: str | None = None
    mother: str | None = None
    barcode: str = ""
    collected_on: dt.date | None = None
    holder: str = "field team"
    custody: tuple[tuple[str, str, dt.datetime], ...] = ()
    identification_only: bool = False


@dataclass(frozen=True)
class FamilyInput:
    """One case's family side: the relatives to add and sample. The founders FA and MO
    (created with the pedigree) may be named as donors without being added again."""

    case_id: int
    donors: tuple[DonorInput, ...]


@flow(
    "samples.bulk.register",
    permission=("samples.add_familypedigree", "samples.add_referencesample"),
)
def families_register_bulk(*, families: list[FamilyInput], by: Actor) -> dict[str, int]:
    """Start the pedigrees of many cases, add their relatives and register their
    samples with their custody steps, in one transaction — the same rules as the
    single flows (valid pedigree, no sample from the MP, unique barcodes, the custody
    order of ``NEXT_STEPS``, no step before the previous one), checked for every row
    before anything is written; one audit entry per pedigree lists what was added.

    Raises :class:`ValidationFailed` with ``"case N: ..."`` keys and writes nothing
    when any family has a problem."""
    errors: dict[str, list[str]] = {}
    # The compartment of access_case (tracing.view_case on the registry), for all at once.
    require_actor(by, VIEW_CASE)
    cases = Case.objects.select_related("person").in_bulk([f.case_id for f in families])
    for fam in families:
        if fam.case_id not in cases:
            errors[f"case {fam.case_id}"] = [_("No such case.")]
    existing = set(
        FamilyPedigree.objects.filter(case_id__in=list(cases)).values_list("case_id", flat=True)
    )
    taken: set[str] = set()
    barcodes = [d.barcode.strip().upper() for f in families for d in f.donors if d.barcode]
    already = set(
        ReferenceSample.objects.filter(barcode__in=barcodes).values_list("barcode", flat=True)
    )
    for fam in families:
        key = f"case {fam.case_id}"
        if fam.case_id in existing:
            errors.setdefault(key, []).append(_("The case already has a pedigree."))
            continue
        case = cases.get(fam.case_id)
        if case is None:
            continue
        mp_sex = case.person.sex if case.person.sex in ("M", "F") else "M"
        inds = [
            Individual("FA", sex="M"),
            Individual("MO", sex="F"),
            Individual("MP", "FA", "MO", mp_sex),
        ]
        for d in fam.donors:
            if d.label not in ("FA", "MO"):
                inds.append(Individual(d.label, d.father, d.mother, d.sex))
        try:
            Pedigree(inds)
        except KinshipError as exc:
            errors.setdefault(key, []).append(str(exc))
        for d in fam.donors:
            if not d.barcode:
                continue
            bc = d.barcode.strip().upper()
            if d.label == "MP":
                errors.setdefault(key, []).append(MP_CANNOT_GIVE)
            if bc in taken or bc in already:
                errors.setdefault(key, []).append(f"{bc}: {BARCODE_TAKEN}")
            taken.add(bc)
            if d.collected_on is None or d.collected_on > dt.date.today():
                errors.setdefault(key, []).append(
                    f"{bc}: {_('The collection date is in the future.')}"
                )
                continue
            prev_step: str = S.COLLECTED
            prev_at = timezone.make_aware(dt.datetime.combine(d.collected_on, dt.time(12)))
            received = False
            for step, _holder, at in d.custody:
                if step == S.PROFILED and not received:
                    errors.setdefault(key, []).append(f"{bc}: {PROFILING_BEFORE_RECEIPT}")
                elif step not in NEXT_STEPS.get(prev_step, []):
                    errors.setdefault(key, []).append(
                        f"{bc}: " + STEP_ORDER.format(last=S(prev_step).label, step=S(step).label)
                    )
                elif at < prev_at or at > timezone.now():
                    errors.setdefault(key, []).append(
                        f"{bc}: " + STEP_BEFORE_LAST.format(last=prev_at.date())
                    )
                received = received or step == S.RECEIVED
                prev_step, prev_at = step, at
    if errors:
        raise ValidationFailed(errors)
    counts = {"pedigrees": 0, "members": 0, "samples": 0, "custody": 0}
    for fam in families:
        case = cases[fam.case_id]
        ped = _create_pedigree(case)
        counts["pedigrees"] += 1
        members = {m.label: m for m in ped.members.all()}
        for d in fam.donors:
            if d.label not in members:
                members[d.label] = PedigreeMember.objects.create(
                    pedigree=ped,
                    label=d.label,
                    sex=d.sex,
                    father=members.get(d.father or ""),
                    mother=members.get(d.mother or ""),
                )
                counts["members"] += 1
        added = []
        events: list[CustodyEvent] = []
        donors = [d for d in fam.donors if d.barcode and d.collected_on is not None]
        created = ReferenceSample.objects.bulk_create(
            [
                ReferenceSample(
                    barcode=d.barcode.strip().upper(),
                    member=members[d.label],
                    collected_on=d.collected_on or dt.date.today(),  # None filtered out above
                    consent_identification_only=d.identification_only,
                    created_by=by,
                )
                for d in donors
            ]
        )
        for d, sample in zip(donors, created, strict=True):
            assert d.collected_on is not None and sample.pk
            added.append(sample.barcode)
            events.append(
                CustodyEvent(
                    sample=sample,
                    step=S.COLLECTED,
                    at=timezone.make_aware(dt.datetime.combine(d.collected_on, dt.time(12))),
                    holder=d.holder,
                    recorded_by=by,
                )
            )
            events += [
                CustodyEvent(sample=sample, step=step, at=at, holder=holder, recorded_by=by)
                for step, holder, at in d.custody
            ]
        CustodyEvent.objects.bulk_create(events)
        counts["samples"] += len(added)
        counts["custody"] += len(events)
        audit_record(
            by=by,
            action="samples.bulk.register",
            obj=ped,
            changes={
                "case": case.case_number,
                "members": [d.label for d in fam.donors if d.label not in ("FA", "MO", "MP")],
                "samples": added,
            },
        )
    return counts
