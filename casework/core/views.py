from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.core.http import ActorRequest
from casework.core.selectors import audit_log_page


class LoginView(auth_views.LoginView):
    template_name = "login.html"
    redirect_authenticated_user = True


@require_GET
def audit_log(request: ActorRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    page = audit_log_page(viewer=request.user, action=action, page=request.GET.get("page"))
    return render(request, "audit_log.html", {"page": page, "action": action.strip()})
