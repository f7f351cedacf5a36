"""Read-only pages above every domain. Views parse, call one selector, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.reports.selectors import dashboard_page


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/dashboard.html", {"page": dashboard_page(viewer=request.user)})
