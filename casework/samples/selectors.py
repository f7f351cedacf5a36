"""Reads of the reference side: access functions (missing and forbidden look alike)
and the current DNA profiles. Genotypes are read only by flows that require
``remains.view_genetics``."""

from __future__ import annotations

from typing import Any

from casework.core.access import parse_id
from casework.core.errors import NotFound
from casework.core.flows import Actor, flow, require_actor
from casework.samples.models import DNAProfile, FamilyPedigree, PedigreeMember, ReferenceSample
from casework.tracing.models import Case
from casework.tracing.selectors import access_case_by_id

VIEW_PEDIGREE = "samples.view_familypedigree"
VIEW_SAMPLE = "samples.view_referencesample"


def access_case(user: Actor, case_id: Any) -> Case:
    """The case, if the user may see it and its family side (pedigree permission)."""
    require_actor(user, VIEW_PEDIGREE)
    return access_case_by_id(user, parse_id(case_id))


def access_pedigree(user: Actor, case_id: Any) -> FamilyPedigree:
    """The family pedigree of a case the user may see; ``NotFound`` if there is none."""
    case = access_case(user, case_id)
    ped = FamilyPedigree.objects.filter(case=case).select_related("case__person").first()
    if ped is None:
        raise NotFound()
    return ped


def access_sample(user: Actor, sample_id: Any) -> ReferenceSample:
    """A reference sample of a case the user may see."""
    require_actor(user, VIEW_SAMPLE)
    sample = (
        ReferenceSample.objects.select_related("member__pedigree__case")
        .filter(pk=parse_id(sample_id))
        .first()
    )
    if sample is None:
        raise NotFound()
    access_case(user, sample.member.pedigree.case_id)
    return sample


def current_profiles(kind: str) -> dict[str, DNAProfile]:
    """The newest non-destroyed profile of each barcode of one kind (internal: callers
    are flows that have checked ``remains.view_genetics`` or only use the barcodes)."""
    out: dict[str, DNAProfile] = {}
    for p in DNAProfile.objects.filter(kind=kind, destroyed=False).order_by("imported_at", "id"):
        out[p.barcode] = p
    return out


def current_profile(barcode: str) -> DNAProfile | None:
    """The current (newest, not destroyed) profile of one barcode."""
    return (
        DNAProfile.objects.filter(barcode=barcode, destroyed=False)
        .order_by("-imported_at", "-id")
        .first()
    )


def typed_labels(ped: FamilyPedigree) -> set[str]:
    """Labels of the pedigree members whose active sample has a current profile (no
    genotype leaves this function: only whether one exists)."""
    samples = list(
        ReferenceSample.objects.filter(
            member__pedigree=ped, status=ReferenceSample.Status.ACTIVE
        ).select_related("member")
    )
    typed = set(
        DNAProfile.objects.filter(
            barcode__in=[s.barcode for s in samples], destroyed=False
        ).values_list("barcode", flat=True)
    )
    return {s.member.label for s in samples if s.barcode in typed}


@flow("samples.pedigree.choices", permission=VIEW_PEDIGREE, kind="read")
def pedigree_choices(
    *, viewer: Actor, case_id: int
) -> tuple[list[PedigreeMember], list[ReferenceSample]]:
    """The members of a case's pedigree and its active samples (labels and barcodes
    only, no genotype): what the family-side forms offer to choose from. Not audited
    (it reveals nothing the opened page did not)."""
    case = access_case(viewer, case_id)
    ped = FamilyPedigree.objects.filter(case=case).first()
    if ped is None:
        return [], []
    return list(ped.members.all()), list(
        ReferenceSample.objects.filter(member__pedigree=ped, status=ReferenceSample.Status.ACTIVE)
    )
