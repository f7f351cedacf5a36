"""Reads of the detention domain; confidential findings need
``detention.view_confidential`` (the detention role) and are otherwise 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet

from casework.core.access import require_perm
from casework.core.errors import NotFound
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    Hearing,
    Visit,
)


def access_detainee_by_id(user: Any, detainee_id: int) -> Detainee:
    require_perm(user, "detention.view_detainee")
    try:
        return Detainee.objects.select_related("person").get(pk=detainee_id)
    except (Detainee.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_place_by_id(user: Any, place_id: int) -> DetentionPlace:
    require_perm(user, "detention.view_detentionplace")
    try:
        return DetentionPlace.objects.get(pk=place_id)
    except (DetentionPlace.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_visit_by_id(user: Any, visit_id: int) -> Visit:
    """Visits carry confidential findings: detention role only."""
    require_perm(user, "detention.view_confidential")
    try:
        return Visit.objects.select_related("place").get(pk=visit_id)
    except (Visit.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_dossier_by_id(user: Any, dossier_id: int) -> Dossier:
    require_perm(user, "detention.view_dossier")
    try:
        return Dossier.objects.select_related("person").get(pk=dossier_id)
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def detainees_list(
    *, viewer: Any, q: str = "", status: str = "", held: bool = True
) -> QuerySet[Detainee]:
    require_perm(viewer, "detention.view_detainee")
    from linkage.normalise import query_skeletons

    qs = Detainee.objects.select_related("person")
    if held:
        qs = qs.filter(released_on__isnull=True)
    if status:
        qs = qs.filter(status=status)
    for sk in query_skeletons(q):
        qs = qs.filter(person__search_keys__contains=" " + sk)
    return qs.order_by("reference")


def upcoming_hearings(
    *, viewer: Any, from_date: dt.date | None = None, days: int = 90
) -> QuerySet[Hearing]:
    """Hearings scheduled from ``from_date`` (today) for ``days`` days: both hearings
    already entered with that date and the announced next dates of past hearings."""
    require_perm(viewer, "detention.view_detainee")
    start = from_date or dt.date.today()
    end = start + dt.timedelta(days=days)
    return (
        Hearing.objects.filter(date__gte=start, date__lte=end)
        .select_related("proceeding__detainee__person")
        .order_by("date", "id")
    )


def status_counts(*, viewer: Any) -> list[tuple[str, int]]:
    require_perm(viewer, "detention.view_detainee")
    counts = dict(
        Detainee.objects.filter(released_on__isnull=True)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return [(label, counts.get(value, 0)) for value, label in Detainee.Status.choices]


def open_consular_requests(*, viewer: Any) -> QuerySet[ConsularRequest]:
    require_perm(viewer, "detention.view_consularrequest")
    return ConsularRequest.objects.filter(status__in=["requested", "accepted"]).select_related(
        "detainee__person"
    )
