"""Read-only pages above every domain. Views parse, call one selector, render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.core.http import ActorRequest
from casework.reports.selectors import dashboard_page


@require_GET
def dashboard(request: ActorRequest) -> HttpResponse:
    return render(request, "reports/dashboard.html", {"page": dashboard_page(viewer=request.user)})
