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

:func:`isolation_alerts` is the read flow (page, API, CLI and the dashboard call it);
:func:`isolation_rows` and :func:`compute_alerts` are the computation, called only
inside flows that have already checked the viewer (the detainee page, the monthly
report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.core.errors import ValidationFailed
from casework.core.flows import Actor, flow
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    FamilyContact,
    Placement,
    VisitInterview,
)

MAX_DAYS = 36500  # a hundred years: any longer threshold is a typing error
DAYS_INVALID = gettext_noop("The threshold must be a whole number of days between 0 and 36500.")


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


FIELDS = list(
    IsolationRow(0, "", "", "", "", dt.date.min, None, None, 0, 0).as_dict()
)  # the column names of the CSV and JSON exports


def isolation_rows(
    *, as_of: dt.date | None = None, detainee_ids: Iterable[int] | None = None
) -> list[IsolationRow]:
    """Every detainee held on ``as_of`` (or only those in ``detainee_ids``) with their
    two counts, not filtered. No access check: call it from a flow."""
    today = as_of or dt.date.today()
    held = (
        Detainee.objects.filter(captured_on__lte=today)
        .filter(Q(released_on__isnull=True) | Q(released_on__gt=today))
        .select_related("person")
    )
    if detainee_ids is not None:
        held = held.filter(pk__in=list(detainee_ids))
    held_list = list(held)
    ids = [d.pk for d in held_list]
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
    for p in (
        Placement.objects.filter(detainee_id__in=ids, from_date__lte=today)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .select_related("place")
    ):
        places[p.detainee_id] = p.place.name
    rows = []
    for d in held_list:
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


def check_threshold(days: int | None) -> int:
    """The threshold to use: the default for ``None``; a clear error when out of range."""
    if days is None:
        return default_threshold()
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        raise ValidationFailed({"days": [_(DAYS_INVALID)]}, message=_(DAYS_INVALID))
    return days


def compute_alerts(*, days: int | None = None, as_of: dt.date | None = None) -> list[IsolationRow]:
    """Detainees with neither an independent visit nor family contact for ``days``
    days, longest isolation first. No access check: call it from a flow."""
    threshold = check_threshold(days)
    rows = [
        r
        for r in isolation_rows(as_of=as_of)
        if r.days_since_visit >= threshold and r.days_since_contact >= threshold
    ]
    return sorted(rows, key=lambda r: (-r.isolation_days, r.reference))


@flow("detention.isolation.list", permission="detention.view_detainee", kind="read")
def isolation_alerts(
    *, viewer: Actor, days: int | None = None, as_of: dt.date | None = None
) -> list[IsolationRow]:
    """The isolation alert list as ``viewer`` (page, API, CLI and dashboard alike)."""
    return compute_alerts(days=days, as_of=as_of)
