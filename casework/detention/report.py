"""The monthly situation report (PDF, WeasyPrint): detainees by status and place,
isolation, upcoming hearings, open consular requests, dossiers with pending deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from casework.core.access import require_perm
from casework.core.audit import audit_record
from casework.detention.isolation import default_threshold, isolation_alerts
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    Hearing,
    Placement,
    Submission,
)


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
    alerts = isolation_alerts(as_of=last)
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
        "hearings": Hearing.objects.filter(date__gt=last, date__lte=last + dt.timedelta(days=60))
        .select_related("proceeding__detainee__person")
        .order_by("date"),
        "consular": ConsularRequest.objects.filter(
            requested_on__lte=last, status__in=["requested", "accepted"]
        ).select_related("detainee__person"),
        "deadlines": Submission.objects.filter(deadline__gte=last, response_on__isnull=True)
        .select_related("dossier__person")
        .order_by("deadline"),
    }


def monthly_report_pdf(*, year: int, month: int, by: Any) -> bytes:
    from weasyprint import HTML

    require_perm(by, "detention.view_detainee")
    html = render_to_string("detention/monthly_report.html", monthly_context(year, month))
    with transaction.atomic():
        audit_record(
            by=by,
            action="detention.report.monthly",
            object_type="report",
            object_id=f"{year:04d}-{month:02d}",
        )
    return HTML(string=html).write_pdf()
