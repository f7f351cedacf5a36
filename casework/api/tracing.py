"""Tracing: the registry, cases, requests, status changes, merges and outcome
evidence. Each endpoint parses, calls one flow, returns."""

from __future__ import annotations

from django.core.paginator import Paginator
from ninja import Query, Router, Schema

from casework.api.persons import person_out
from casework.api.schemas import (
    CaseOut,
    EvidenceIn,
    EvidenceOut,
    MergeUndoIn,
    Page,
    PersonIn,
    RequestIn,
    RequestOut,
    ReviewIn,
    StatusIn,
)
from casework.core.errors import ValidationFailed
from casework.persons.partial_dates import parse_optional
from casework.persons.services import NameInput, PersonInput
from casework.tracing.models import Case, OutcomeEvidence
from casework.tracing.selectors import RegistryFilters, case_open, registry_list
from casework.tracing.services import (
    EvidenceInput,
    RequestInput,
    SoughtInput,
    case_merge_undo,
    case_status_change,
    outcome_evidence_record,
    outcome_evidence_review,
    tracing_request_open,
)

router = Router(tags=["tracing"])


def case_out(c: Case) -> CaseOut:
    return CaseOut(
        id=c.pk,
        case_number=c.case_number,
        status=c.status,
        person=person_out(c.person),
        disappearance=str(c.disappearance) if c.disappearance else None,
        disappearance_place=str(c.disappearance_place) if c.disappearance_place else None,
        event=c.event.name if c.event else None,
        last_seen_where=c.last_seen_where,
        request_reference=c.request.reference,
    )


def evidence_out(e: OutcomeEvidence) -> EvidenceOut:
    return EvidenceOut(
        id=e.pk,
        case_number=e.case.case_number,
        outcome=e.outcome,
        source=e.source,
        information_date=e.information_date,
        kind=e.kind,
        reference=e.reference,
        status=e.status,
        recorded_by=e.recorded_by.username,
        reviewed_by=e.reviewed_by.username if e.reviewed_by else None,
        review_note=e.review_note,
        case_status=e.case.status,
    )


class CasePage(Page):
    results: list[CaseOut]


class CaseFilters(Schema):
    q: str = ""
    status: list[str] = []
    event: int | None = None
    place: int | None = None
    region: str = ""
    sex: str = ""
    disappeared_from: int | None = None
    disappeared_to: int | None = None
    page: int = 1


@router.get("/cases", response=CasePage, summary="The registry, filtered")
def list_cases(request, filters: Query[CaseFilters]):
    data = filters.dict()
    page = data.pop("page")
    qs = registry_list(viewer=request.user, filters=RegistryFilters.from_dict(data))
    qs = qs.select_related("request").prefetch_related("person__names")
    p = Paginator(qs, 50).get_page(page)
    return CasePage(
        count=p.paginator.count,
        page=p.number,
        pages=p.paginator.num_pages,
        results=[case_out(c) for c in p],
    )


@router.get("/cases/{case_id}", response=CaseOut, summary="One case (the read is audited)")
def get_case(request, case_id: int):
    return case_out(case_open(viewer=request.user, case_id=case_id))


def _person_input(p: PersonIn, field: str) -> PersonInput:
    try:
        birth = parse_optional(p.birth)
    except ValueError as exc:
        raise ValidationFailed({f"{field}.birth": [str(exc)]}) from None
    return PersonInput(
        names=[NameInput(n.script, n.given, n.patronymic, n.family, n.primary) for n in p.names],
        sex=p.sex,
        birth=birth,
        phone=p.phone,
        email=p.email,
        address=p.address,
    )


def _request_input(payload: RequestIn) -> RequestInput:
    sought = []
    for i, s in enumerate(payload.sought):
        try:
            disappearance = parse_optional(s.disappearance)
        except ValueError as exc:
            raise ValidationFailed({f"sought[{i}].disappearance": [str(exc)]}) from None
        sought.append(
            SoughtInput(
                person=_person_input(s.person, f"sought[{i}]"),
                disappearance=disappearance,
                disappearance_place=s.disappearance_place,
                event=s.event,
                last_seen_where=s.last_seen_where,
                last_seen_when=s.last_seen_when,
                last_seen_by=s.last_seen_by,
                circumstances=s.circumstances,
            )
        )
    return RequestInput(
        enquirer=_person_input(payload.enquirer, "enquirer"),
        enquirer_relationship=payload.enquirer_relationship,
        sought=sought,
        received_on=payload.received_on,
        legal_basis=payload.legal_basis,
        purpose=payload.purpose,
        consent_given=payload.consent_given,
        consent_date=payload.consent_date,
    )


@router.post("/requests", response={201: RequestOut}, summary="Open a tracing request")
def open_request(request, payload: RequestIn):
    tr = tracing_request_open(data=_request_input(payload), by=request.user)
    return 201, RequestOut(
        reference=tr.reference, cases=sorted(c.case_number for c in tr.cases.all())
    )


@router.post(
    "/cases/{case_id}/status",
    response=CaseOut,
    summary="Move a case along its lifecycle (never to a recorded outcome)",
)
def set_status(request, case_id: int, payload: StatusIn):
    case = case_status_change(
        case_id=case_id,
        to_status=payload.to_status,
        reason=payload.reason,
        close_reason=payload.close_reason,
        merged_into=payload.merged_into or "",
        by=request.user,
    )
    return case_out(case)


@router.post(
    "/cases/{case_id}/merge-undo",
    response=CaseOut,
    summary="Undo a merge: the duplicate returns to its status before the merge",
)
def merge_undo(request, case_id: int, payload: MergeUndoIn):
    return case_out(case_merge_undo(case_id=case_id, reason=payload.reason, by=request.user))


@router.post(
    "/cases/{case_id}/outcome-evidence",
    response={201: EvidenceOut},
    summary="Record evidence that the person was found alive or died (reviewed by another officer)",
)
def record_evidence(request, case_id: int, payload: EvidenceIn):
    evidence = outcome_evidence_record(
        case_id=case_id,
        data=EvidenceInput(
            outcome=payload.outcome,
            source=payload.source,
            information_date=payload.information_date,
            kind=payload.kind,
            reference=payload.reference,
            details=payload.details,
        ),
        by=request.user,
    )
    return 201, evidence_out(evidence)


@router.post(
    "/outcome-evidence/{evidence_id}/review",
    response=EvidenceOut,
    summary="Confirm (the case moves to the outcome) or reject evidence: a second officer",
)
def review_evidence(request, evidence_id: int, payload: ReviewIn):
    evidence = outcome_evidence_review(
        evidence_id=evidence_id, decision=payload.decision, note=payload.note, by=request.user
    )
    return evidence_out(evidence)
