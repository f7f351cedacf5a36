from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casework.core.access import has_perm, require_perm
from casework.core.models import AuditEntry
from casework.tracing.selectors import dashboard_counts


class LoginView(auth_views.LoginView):
    template_name = "login.html"
    redirect_authenticated_user = True


def dashboard(request: HttpRequest) -> HttpResponse:
    counts = dashboard_counts(viewer=request.user)
    alerts = None
    if has_perm(request.user, "detention.view_detainee"):
        from casework.detention.isolation import default_threshold, isolation_alerts

        alerts = {"rows": isolation_alerts(), "days": default_threshold()}
    return render(request, "dashboard.html", {"counts": counts, "alerts": alerts})


def audit_log(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "core.view_auditlog")
    qs = AuditEntry.objects.select_related("actor").order_by("-seq")
    action = request.GET.get("action", "").strip()
    if action:
        qs = qs.filter(action__startswith=action)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(request, "audit_log.html", {"page": page, "action": action})
