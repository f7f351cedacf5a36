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
