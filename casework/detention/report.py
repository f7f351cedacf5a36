"""The monthly situation report (PDF, WeasyPrint): detainees by status and place,
isolation, upcoming hearings, open consular requests, dossiers with pending deadlines.

:func:`monthly_report` is the read flow; producing the report is audited
(``detention.report.monthly``), since it lists detainees by name."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.core.audit import audit_record
from casework.core.errors import ValidationFailed
from casework.core.flows import Actor, flow
from casework.detention.isolation import compute_alerts, default_threshold
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    Hearing,
    Placement,
    Submission,
)

MONTH_INVALID = gettext_noop("Give the month as YYYY-MM (for example 2025-03).")
MONTH_FORMAT = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str | None) -> tuple[int, int]:
    """``"2025-03"`` → (2025, 3); empty → the current month; anything else is a
    validation error (the page answers 400, the CLI a clean message)."""
    if not text:
        today = dt.date.today()
        return today.year, today.month
    m = MONTH_FORMAT.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
        raise ValidationFailed({"month": [_(MONTH_INVALID)]}, message=_(MONTH_INVALID))
    return int(m.group(1)), int(m.group(2))


def monthly_context(year: int, month: int) -> dict[str, Any]:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    held = Detainee.objects.filter(captured_on__lte=last).exclude(released_on__lte=last)
    by_status = dict(held.values_list("status").annotate(n=Count("id")))
    by_place = (
        Placement.objects.filter(detainee__in=held, from_date__lte=last)
        .exclude(to_date__lt=last)
        .values_list("place__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    alerts = compute_alerts(as_of=last)
    return {
        "year": year,
        "month": month,
        "month_name": calendar.month_name[month],
        "as_of": last,
        "generated": timezone.now(),
        "total": held.count(),
        "by_status": [(label, by_status.get(v, 0)) for v, label in Detainee.Status.choices],
        "by_place": list(by_place),
        "threshold": default_threshold(),
        "alerts": alerts[:100],
        "n_alerts": len(alerts),
        "hearings": list(
            Hearing.objects.filter(date__gt=last, date__lte=last + dt.timedelta(days=60))
            .select_related("proceeding__detainee__person")
            .order_by("date")
        ),
        "consular": list(
            ConsularRequest.objects.filter(
                requested_on__lte=last, status__in=["requested", "accepted"]
            ).select_related("detainee__person")
        ),
        "deadlines": list(
            Submission.objects.filter(deadline__gte=last, response_on__isnull=True)
            .select_related("dossier__person")
            .order_by("deadline")
        ),
    }


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    pdf: bytes

    @property
    def filename(self) -> str:
        return f"detention-{self.year}-{self.month:02d}.pdf"


@flow("detention.report.monthly", permission="detention.view_detainee", kind="read")
def monthly_report(*, viewer: Actor, month: str | None = None) -> MonthlyReport:
    """The situation report of ``month`` (``YYYY-MM``; empty: this month) as a PDF."""
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only to render a report

    year, mon = parse_month(month)
    html = render_to_string("detention/monthly_report.html", monthly_context(year, mon))
    audit_record(
        by=viewer,
        action="detention.report.monthly",
        object_type="report",
        object_id=f"{year:04d}-{mon:02d}",
    )
    return MonthlyReport(year, mon, HTML(string=html).write_pdf())
