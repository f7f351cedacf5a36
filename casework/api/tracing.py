from __future__ import annotations

from django.core.paginator import Paginator
from ninja import Query, Router, Schema

from casework.api.persons import person_out
from casework.api.schemas import CaseOut, Page, PersonIn, RequestIn, RequestOut, StatusIn
from casework.core.access import require_perm
from casework.core.errors import ValidationFailed
from casework.persons.partial_dates import parse_optional
from casework.persons.services import NameInput, PersonInput
from casework.tracing.models import Case
from casework.tracing.selectors import (
    RegistryFilters,
    access_case_by_id,
    access_case_by_number,
    case_open,
    registry_list,
)
from casework.tracing.services import (
    RequestInput,
    SoughtInput,
    case_set_status,
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


@router.post("/requests", response={201: RequestOut}, summary="Open a tracing request")
def open_request(request, payload: RequestIn):
    require_perm(request.user, "tracing.add_tracingrequest")
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
    data = RequestInput(
        enquirer=_person_input(payload.enquirer, "enquirer"),
        enquirer_relationship=payload.enquirer_relationship,
        sought=sought,
        received_on=payload.received_on,
        legal_basis=payload.legal_basis,
        purpose=payload.purpose,
        consent_given=payload.consent_given,
        consent_date=payload.consent_date,
    )
    tr = tracing_request_open(data=data, by=request.user)
    return 201, RequestOut(
        reference=tr.reference, cases=[c.case_number for c in tr.cases.order_by("case_number")]
    )


@router.post("/cases/{case_id}/status", response=CaseOut, summary="Move a case along its lifecycle")
def set_status(request, case_id: int, payload: StatusIn):
    require_perm(request.user, "tracing.change_case")
    case = access_case_by_id(request.user, case_id)
    merged = (
        access_case_by_number(request.user, payload.merged_into) if payload.merged_into else None
    )
    case_set_status(
        case=case,
        to_status=payload.to_status,
        reason=payload.reason,
        close_reason=payload.close_reason,
        merged_into=merged,
        by=request.user,
    )
    return case_out(access_case_by_id(request.user, case_id))
