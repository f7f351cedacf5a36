from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from casework.detention import selectors as sel
from casework.detention.isolation import isolation_alerts

router = Router(tags=["detention"])


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


@router.get("/isolation", response=list[IsolationOut], summary="Isolation alerts")
def isolation(request, days: int | None = None):
    sel.status_counts(viewer=request.user)  # access check (detention role)
    return [IsolationOut(**r.as_dict()) for r in isolation_alerts(days=days)]


@router.get("/detainees", response=list[DetaineeOut], summary="Detainees held")
def detainees(request, q: str = "", status: str = ""):
    return [
        DetaineeOut(
            id=d.pk,
            reference=d.reference,
            name=d.person.display_name,
            status=d.status,
            captured_on=d.captured_on,
            released_on=d.released_on,
        )
        for d in sel.detainees_list(viewer=request.user, q=q, status=status)[:500]
    ]


@router.get("/detainees/{detainee_id}", response=DetaineeOut, summary="One detainee")
def detainee(request, detainee_id: int):
    d = sel.access_detainee_by_id(request.user, detainee_id)
    return DetaineeOut(
        id=d.pk,
        reference=d.reference,
        name=d.person.display_name,
        status=d.status,
        captured_on=d.captured_on,
        released_on=d.released_on,
    )


@router.get("/hearings", response=list[HearingOut], summary="Upcoming hearings")
def hearings(request, days: int = 90):
    return [
        HearingOut(
            date=h.date,
            detainee=h.proceeding.detainee.reference,
            case_reference=h.proceeding.case_reference,
            court=h.proceeding.court,
        )
        for h in sel.upcoming_hearings(viewer=request.user, days=days)
    ]


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


@router.get("/places", response=list[PlaceOut], summary="Places of detention")
def places(request):
    from casework.core.access import require_perm
    from casework.detention.models import DetentionPlace

    require_perm(request.user, "detention.view_detentionplace")
    return [
        PlaceOut(
            id=p.pk,
            name=p.name,
            kind=p.kind,
            authority=p.authority,
            location=p.location,
            capacity=p.capacity,
        )
        for p in DetentionPlace.objects.order_by("name")
    ]


@router.get("/consular", response=list[ConsularOut], summary="Consular-access requests")
def consular(request):
    from casework.core.access import require_perm
    from casework.detention.models import ConsularRequest

    require_perm(request.user, "detention.view_consularrequest")
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
        for c in ConsularRequest.objects.select_related("detainee")
    ]


@router.get("/dossiers", response=list[DossierOut], summary="Enforced-disappearance dossiers")
def dossiers(request):
    from casework.core.access import require_perm
    from casework.detention.models import Dossier

    require_perm(request.user, "detention.view_dossier")
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
        for d in Dossier.objects.select_related("person").prefetch_related("submissions")
    ]
