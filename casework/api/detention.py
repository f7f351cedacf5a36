"""The detention API: translators over the same read flows as the pages
(:mod:`casework.detention.selectors`). Opening one detainee is audited, exactly as
the page is (``detention.detainee.view``)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from casework.detention import selectors as sel
from casework.detention.isolation import isolation_alerts
from casework.detention.models import Detainee

router = Router(tags=["detention"])

API_DETAINEES_LIMIT = 500


class IsolationOut(Schema):
    reference: str
    name: str
    status: str
    place: str
    captured_on: dt.date
    last_visit: dt.date | None
    last_family_contact: dt.date | None
    days_since_visit: int
    days_since_family_contact: int
    isolation_days: int


class DetaineeOut(Schema):
    id: int
    reference: str
    name: str
    status: str
    captured_on: dt.date
    released_on: dt.date | None


class HearingOut(Schema):
    date: dt.date
    detainee: str
    case_reference: str
    court: str


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    authority: str
    location: str
    capacity: int | None


class ConsularOut(Schema):
    id: int
    requesting_state: str
    protecting_power: str
    detainee: str
    requested_on: dt.date
    status: str
    visited_on: dt.date | None


class DossierOut(Schema):
    id: int
    reference: str
    name: str
    last_seen_on: dt.date
    last_seen_where: str
    pending_deadlines: list[dt.date]


def detainee_out(d: Detainee) -> DetaineeOut:
    return DetaineeOut(
        id=d.pk,
        reference=d.reference,
        name=d.person.display_name,
        status=d.status,
        captured_on=d.captured_on,
        released_on=d.released_on,
    )


@router.get("/isolation", response=list[IsolationOut], summary="Isolation alerts")
def isolation(request, days: int | None = None):
    return [IsolationOut(**r.as_dict()) for r in isolation_alerts(viewer=request.user, days=days)]


@router.get("/detainees", response=list[DetaineeOut], summary="Detainees held")
def detainees(request, q: str = "", status: str = "", all: bool = False):
    filters = sel.DetaineeFilters(q=q, status=status, held=not all)
    qs = sel.detainees_list(viewer=request.user, filters=filters)
    return [detainee_out(d) for d in qs[:API_DETAINEES_LIMIT]]


@router.get(
    "/detainees/{detainee_id}", response=DetaineeOut, summary="One detainee (the read is audited)"
)
def detainee(request, detainee_id: int):
    return detainee_out(sel.detainee_page(viewer=request.user, detainee_id=detainee_id).detainee)


@router.get("/hearings", response=list[HearingOut], summary="Upcoming hearings")
def hearings(request, days: int = 90):
    return [
        HearingOut(
            date=h.date,
            detainee=h.proceeding.detainee.reference,
            case_reference=h.proceeding.case_reference,
            court=h.proceeding.court,
        )
        for h in sel.hearings_list(viewer=request.user, days=days)
    ]


@router.get("/places", response=list[PlaceOut], summary="Places of detention")
def places(request):
    return [
        PlaceOut(
            id=p.pk,
            name=p.name,
            kind=p.kind,
            authority=p.authority,
            location=p.location,
            capacity=p.capacity,
        )
        for p in sel.places_list(viewer=request.user).places
    ]


@router.get("/consular", response=list[ConsularOut], summary="Consular-access requests")
def consular(request):
    return [
        ConsularOut(
            id=c.pk,
            requesting_state=c.requesting_state,
            protecting_power=c.protecting_power,
            detainee=c.detainee.reference,
            requested_on=c.requested_on,
            status=c.status,
            visited_on=c.visited_on,
        )
        for c in sel.consular_list(viewer=request.user).requests
    ]


@router.get("/dossiers", response=list[DossierOut], summary="Enforced-disappearance dossiers")
def dossiers(request):
    return [
        DossierOut(
            id=d.pk,
            reference=d.reference,
            name=d.person.display_name,
            last_seen_on=d.last_seen_on,
            last_seen_where=d.last_seen_where,
            pending_deadlines=[
                s.deadline for s in d.submissions.all() if s.deadline and not s.response_on
            ],
        )
        for d in sel.dossiers_list(viewer=request.user).dossiers
    ]
