"""Reads of the identification workflow, each a flow: the permission, the record's
access check, the read and its audit entry in one transaction. Genotypes, LRs and
candidates need ``remains.view_genetics``; a record the viewer may not see looks like
a missing one (404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator

from casework.core.access import parse_id
from casework.core.audit import audit_record
from casework.core.errors import NotFound
from casework.core.flows import Actor, actor_may, flow, require_actor
from casework.identification.decisions import PERM as DECIDE
from casework.identification.decisions import posterior_threshold
from casework.identification.frequencies import FrequencyTableMissing, active_frequency_table
from casework.identification.matching import explain, latest_run
from casework.identification.models import Candidate, Identification, MatchingRun
from casework.identification.nondna import Finding, compare
from casework.identification.power import family_power
from casework.remains.models import Remains
from casework.samples.models import FamilyPedigree, PedigreeMember, ReferenceSample
from casework.samples.pedigree_svg import pedigree_svg
from casework.samples.selectors import access_case, typed_labels
from casework.tracing.models import Case

GENETICS = "remains.view_genetics"
PAGE_SIZE = 50


def access_remains(user: Actor, remains_id: Any) -> Remains:
    require_actor(user, GENETICS)
    remains = Remains.objects.select_related("site__place").filter(pk=parse_id(remains_id)).first()
    if remains is None:
        raise NotFound()
    return remains


def access_run(user: Actor, run_id: Any) -> MatchingRun:
    require_actor(user, GENETICS)
    run = MatchingRun.objects.select_related("frequency_table").filter(pk=parse_id(run_id)).first()
    if run is None:
        raise NotFound()
    return run


def access_identification(user: Actor, ident_id: Any) -> Identification:
    require_actor(user, GENETICS)
    ident = (
        Identification.objects.select_related(
            "remains__site",
            "case__person",
            "candidate__run__frequency_table",
            "proposed_by",
            "decided_by",
        )
        .filter(pk=parse_id(ident_id))
        .first()
    )
    if ident is None:
        raise NotFound()
    return ident


def access_candidate(user: Actor, candidate_id: Any) -> Candidate:
    require_actor(user, GENETICS)
    cand = (
        Candidate.objects.select_related("remains", "case__person", "run")
        .filter(pk=parse_id(candidate_id))
        .first()
    )
    if cand is None:
        raise NotFound()
    return cand


def _latest_candidates(**filters: Any) -> list[Candidate]:
    run = latest_run()
    if run is None:
        return []
    return list(
        Candidate.objects.filter(run=run, **filters)
        .select_related("remains", "case__person")
        .order_by("rank", "-log10_lr")
    )


# -- the overview ---------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewPage:
    page: Page
    best: dict[int, Candidate]
    run: MatchingRun | None
    runs: list[MatchingRun]
    identifications: list[Identification]
    threshold: float
    can_run: bool


@flow("identification.overview.open", permission=GENETICS, kind="read")
def identification_overview(*, viewer: Actor, page: Any = 1) -> OverviewPage:
    """The remains with their best candidate in the latest run (audited: it lists
    candidates), the recent runs and identifications."""
    run = latest_run()
    remains = Paginator(Remains.objects.select_related("site").order_by("code"), PAGE_SIZE)
    shown = remains.get_page(page)
    best: dict[int, Candidate] = {}
    if run:
        for c in Candidate.objects.filter(
            run=run, rank=1, remains__in=[r.pk for r in shown]
        ).select_related("case__person"):
            best[c.remains_id] = c
    audit_record(
        by=viewer,
        action="identification.overview.view",
        object_type="identification.matchingrun",
        object_id=run.pk if run else "",
        changes={"page": shown.number},
    )
    return OverviewPage(
        page=shown,
        best=best,
        run=run,
        runs=list(MatchingRun.objects.order_by("-id")[:5]),
        identifications=list(
            Identification.objects.select_related("remains", "case__person").order_by(
                "-proposed_at"
            )[:20]
        ),
        threshold=posterior_threshold(),
        can_run=actor_may(viewer, "identification.add_matchingrun"),
    )


# -- matching runs --------------------------------------------------------------------


@dataclass(frozen=True)
class RunPage:
    run: MatchingRun
    percent: int
    n_candidates: int


def _run_page(run: MatchingRun) -> RunPage:
    pct = int(100 * run.progress_done / run.progress_total) if run.progress_total else 0
    return RunPage(run=run, percent=pct, n_candidates=run.candidates.count())


@flow("identification.run.open", permission=GENETICS, kind="read")
def run_page(*, viewer: Actor, run_id: int) -> RunPage:
    """Open a matching run (its provenance and outcome); audited."""
    run = access_run(viewer, run_id)
    audit_record(by=viewer, action="identification.run.view", obj=run)
    return _run_page(run)


@flow("identification.run.progress", permission=GENETICS, kind="read")
def run_progress(*, viewer: Actor, run_id: int) -> RunPage:
    """A run's status and progress counters only (polled every second by the run page;
    it shows no candidate, so it is not audited)."""
    return _run_page(access_run(viewer, run_id))


@dataclass(frozen=True)
class RemainsCandidates:
    remains: Remains
    run: MatchingRun | None
    candidates: list[Candidate]
    sentence: str


@flow("identification.candidates.list", permission=GENETICS, kind="read")
def remains_candidates_list(*, viewer: Actor, code: str) -> RemainsCandidates:
    """The ranked candidates of one set of remains (by code) in the latest run;
    audited (the CLI's ``match candidates``)."""
    remains = Remains.objects.filter(code=str(code).strip().upper()).first()
    if remains is None:
        raise NotFound()
    run = latest_run()
    candidates = _latest_candidates(remains=remains)
    top = candidates[0] if candidates else None
    audit_record(
        by=viewer,
        action="identification.candidates.view",
        obj=remains,
        changes={"run": run.pk if run else None, "candidates": len(candidates)},
    )
    return RemainsCandidates(
        remains=remains,
        run=run,
        candidates=candidates,
        sentence=explain(top.log10_lr, top.case.person.display_name) if top else "",
    )


# -- remains ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RemainsPage:
    remains: Remains
    candidates: list[Candidate]
    top: Candidate | None
    svg: str
    sentence: str
    nondna: list[Finding]
    threshold: float
    can_decide: bool
    open: Identification | None


@flow("identification.remains.open", permission=GENETICS, kind="read")
def remains_page(*, viewer: Actor, remains_id: int) -> RemainsPage:
    """Open remains with their candidates in the latest run, the best candidate's
    family pedigree and non-DNA comparison; audited."""
    remains = access_remains(viewer, remains_id)
    candidates = _latest_candidates(remains=remains)
    top = candidates[0] if candidates else None
    svg = ""
    if top:
        ped = FamilyPedigree.objects.filter(case=top.case).first()
        if ped:
            svg = pedigree_svg(ped, typed_labels(ped))
    audit_record(by=viewer, action="identification.remains.view", obj=remains)
    return RemainsPage(
        remains=remains,
        candidates=candidates,
        top=top,
        svg=svg,
        sentence=explain(top.log10_lr, top.case.person.display_name) if top else "",
        nondna=compare(remains, top.case) if top else [],
        threshold=posterior_threshold(),
        can_decide=actor_may(viewer, DECIDE),
        open=remains.identifications.exclude(status=Identification.Status.REJECTED).first(),
    )


# -- identifications ------------------------------------------------------------------


@dataclass(frozen=True)
class IdentificationPage:
    ident: Identification
    sentence: str
    can_decide: bool


@flow("identification.decision.open", permission=GENETICS, kind="read")
def identification_page(*, viewer: Actor, ident_id: int) -> IdentificationPage:
    """Open an identification (proposal or decision); audited."""
    ident = access_identification(viewer, ident_id)
    audit_record(by=viewer, action="identification.view", obj=ident)
    return IdentificationPage(
        ident=ident,
        sentence=explain(ident.log10_lr, ident.case.person.display_name),
        can_decide=actor_may(viewer, DECIDE),
    )


# -- the DNA side of a case -------------------------------------------------------------


@dataclass(frozen=True)
class CaseDNAPage:
    """The family side of a case: pedigree, samples and custody (never genotypes);
    for genetics holders also the case's candidates; on request the reference power."""

    case: Case
    pedigree: FamilyPedigree | None
    members: list[PedigreeMember]
    samples: list[ReferenceSample]
    active_samples: list[ReferenceSample]
    svg: str
    can_start: bool
    can_edit: bool
    can_register: bool
    candidates: list[Candidate]
    power: Any = None
    ranked: list[Any] | None = None
    lr_threshold: float | None = None


@flow("identification.case_dna.open", permission="samples.view_familypedigree", kind="read")
def case_dna_page(*, viewer: Actor, case_id: int, with_power: bool = False) -> CaseDNAPage:
    """Open the DNA side of a case (audited as ``samples.pedigree.view``). Opening it
    never creates a pedigree: that is the explicit ``samples.pedigree.create`` action.
    Candidates (LRs) only for ``remains.view_genetics`` holders."""
    case = access_case(viewer, case_id)
    ped = FamilyPedigree.objects.filter(case=case).first()
    members = list(ped.members.select_related("person")) if ped else []
    samples = (
        list(
            ReferenceSample.objects.filter(member__pedigree=ped)
            .select_related("member")
            .prefetch_related("custody")
        )
        if ped
        else []
    )
    power = ranked = lr_threshold = None
    if ped is not None and with_power:
        power, ranked, lr_threshold = family_power(ped)
    candidates = _latest_candidates(case=case) if actor_may(viewer, GENETICS) else []
    audit_record(by=viewer, action="samples.pedigree.view", obj=case)
    return CaseDNAPage(
        case=case,
        pedigree=ped,
        members=members,
        samples=samples,
        active_samples=[s for s in samples if s.status == ReferenceSample.Status.ACTIVE],
        svg=pedigree_svg(ped, typed_labels(ped)) if ped else "",
        can_start=ped is None and actor_may(viewer, "samples.add_familypedigree"),
        can_edit=ped is not None and actor_may(viewer, "samples.change_familypedigree"),
        can_register=ped is not None and actor_may(viewer, "samples.add_referencesample"),
        candidates=sorted(candidates, key=lambda c: -c.log10_lr),
        power=power,
        ranked=ranked,
        lr_threshold=lr_threshold,
    )


@dataclass(frozen=True)
class UploadPage:
    table: str
    table_problem: str


@flow("identification.profiles.upload_page", permission="samples.add_dnaprofile", kind="read")
def profiles_upload_page(*, viewer: Actor) -> UploadPage:
    """The profile-import page: which frequency table the import checks against."""
    try:
        return UploadPage(table=str(active_frequency_table()), table_problem="")
    except FrequencyTableMissing as exc:
        return UploadPage(table="", table_problem=exc.message)
