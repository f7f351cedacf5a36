"""Isolation of detainees: days since the last independent visit at which they were
seen, and since the last contact with their family.

For every detainee not released (as of the reference date):

* last visit = the latest end date of a visit in which the detainee was seen in an
  interview, or of a consular visit done for them; none → "never visited", counted
  from the capture date;
* last family contact = the latest delivered message (either direction) or the date of
  a call or family visit; none → counted from the capture date;
* isolation = days since the later of the two (no independent visit *and* no family
  contact since then); a detainee is on the alert list when both counts reach the
  threshold (default ``KINTRACE_ISOLATION_DAYS`` = 30). The list is sorted by the
  longest isolation.

Dates are calendar days (``(as_of − date).days``); future-dated records are ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q

from casework.detention.models import ConsularRequest, Detainee, FamilyContact, VisitInterview


def default_threshold() -> int:
    return int(getattr(settings, "KINTRACE_ISOLATION_DAYS", 30))


@dataclass(frozen=True)
class IsolationRow:
    detainee_id: int
    reference: str
    name: str
    status: str
    place: str
    captured_on: dt.date
    last_visit: dt.date | None
    last_contact: dt.date | None
    days_since_visit: int
    days_since_contact: int

    @property
    def isolation_days(self) -> int:
        return min(self.days_since_visit, self.days_since_contact)

    def as_dict(self) -> dict:
        return {
            "reference": self.reference,
            "name": self.name,
            "status": self.status,
            "place": self.place,
            "captured_on": self.captured_on.isoformat(),
            "last_visit": self.last_visit.isoformat() if self.last_visit else None,
            "last_family_contact": self.last_contact.isoformat() if self.last_contact else None,
            "days_since_visit": self.days_since_visit,
            "days_since_family_contact": self.days_since_contact,
            "isolation_days": self.isolation_days,
        }


def isolation_rows(*, as_of: dt.date | None = None) -> list[IsolationRow]:
    """Every detainee held on ``as_of`` with their two counts (not filtered)."""
    today = as_of or dt.date.today()
    held = (
        Detainee.objects.filter(captured_on__lte=today)
        .filter(Q(released_on__isnull=True) | Q(released_on__gt=today))
        .select_related("person")
    )
    ids = [d.pk for d in held]
    visits = dict(
        VisitInterview.objects.filter(detainee_id__in=ids, visit__end_date__lte=today)
        .values_list("detainee_id")
        .annotate(m=Max("visit__end_date"))
    )
    consular = dict(
        ConsularRequest.objects.filter(
            detainee_id__in=ids, visited_on__isnull=False, visited_on__lte=today
        )
        .values_list("detainee_id")
        .annotate(m=Max("visited_on"))
    )
    messages = dict(
        FamilyContact.objects.filter(
            detainee_id__in=ids,
            kind=FamilyContact.Kind.MESSAGE,
            delivered_on__isnull=False,
            delivered_on__lte=today,
        )
        .values_list("detainee_id")
        .annotate(m=Max("delivered_on"))
    )
    calls = dict(
        FamilyContact.objects.filter(detainee_id__in=ids, written_on__lte=today)
        .exclude(kind=FamilyContact.Kind.MESSAGE)
        .values_list("detainee_id")
        .annotate(m=Max("written_on"))
    )
    places = {}
    from casework.detention.models import Placement

    for p in (
        Placement.objects.filter(detainee_id__in=ids, from_date__lte=today)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .select_related("place")
    ):
        places[p.detainee_id] = p.place.name
    rows = []
    for d in held:
        lv = max(filter(None, [visits.get(d.pk), consular.get(d.pk)]), default=None)
        lc = max(filter(None, [messages.get(d.pk), calls.get(d.pk)]), default=None)
        rows.append(
            IsolationRow(
                d.pk,
                d.reference,
                d.person.display_name,
                d.get_status_display(),
                places.get(d.pk, ""),
                d.captured_on,
                lv,
                lc,
                (today - (lv or d.captured_on)).days,
                (today - (lc or d.captured_on)).days,
            )
        )
    return rows


def isolation_alerts(
    *, days: int | None = None, as_of: dt.date | None = None
) -> list[IsolationRow]:
    """Detainees with neither an independent visit nor family contact for ``days``
    days, longest isolation first."""
    threshold = default_threshold() if days is None else days
    rows = [
        r
        for r in isolation_rows(as_of=as_of)
        if r.days_since_visit >= threshold and r.days_since_contact >= threshold
    ]
    return sorted(rows, key=lambda r: (-r.isolation_days, r.reference))
