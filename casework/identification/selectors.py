"""Reads of the identification workflow. Genotypes, LRs and candidates need
``remains.view_genetics``; everything else looks like a missing record (404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from casework.antemortem.models import FamilyPedigree, ReferenceSample
from casework.core.access import require_perm
from casework.core.errors import NotFound
from casework.identification.matching import latest_run
from casework.identification.models import Candidate, Identification, MatchingRun
from casework.identification.profiles import current_profiles
from casework.remains.models import Remains

GENETICS = "remains.view_genetics"


def access_remains(user: Any, remains_id: int) -> Remains:
    require_perm(user, GENETICS)
    try:
        return Remains.objects.select_related("site").get(pk=remains_id)
    except (Remains.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_run(user: Any, run_id: int) -> MatchingRun:
    require_perm(user, GENETICS)
    try:
        return MatchingRun.objects.select_related("frequency_table").get(pk=run_id)
    except (MatchingRun.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_identification(user: Any, ident_id: int) -> Identification:
    require_perm(user, GENETICS)
    try:
        return Identification.objects.select_related(
            "remains__site",
            "case__person",
            "candidate__run__frequency_table",
            "proposed_by",
            "decided_by",
        ).get(pk=ident_id)
    except (Identification.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_candidate(user: Any, candidate_id: int) -> Candidate:
    require_perm(user, GENETICS)
    try:
        return Candidate.objects.select_related("remains", "case__person", "run").get(
            pk=candidate_id
        )
    except (Candidate.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def remains_overview(
    *, viewer: Any
) -> tuple[QuerySet[Remains], dict[int, Candidate], MatchingRun | None]:
    require_perm(viewer, GENETICS)
    run = latest_run()
    best: dict[int, Candidate] = {}
    if run:
        for c in Candidate.objects.filter(run=run, rank=1).select_related("case__person"):
            best[c.remains_id] = c
    return Remains.objects.select_related("site").order_by("code"), best, run


def remains_candidates(*, viewer: Any, remains: Remains) -> list[Candidate]:
    require_perm(viewer, GENETICS)
    run = latest_run()
    if run is None:
        return []
    return list(
        Candidate.objects.filter(run=run, remains=remains)
        .select_related("case__person")
        .order_by("rank")
    )


def typed_labels(ped: FamilyPedigree) -> set[str]:
    refs = current_profiles("reference")
    return {
        s.member.label
        for s in ReferenceSample.objects.filter(
            member__pedigree=ped, status=ReferenceSample.Status.ACTIVE
        ).select_related("member")
        if s.barcode in refs
    }
