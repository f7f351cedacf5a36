from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.core.access import require_perm
from casework.core.errors import ValidationFailed
from casework.remains.forms import RemainsForm, SiteForm
from casework.remains.services import remains_register, site_register


def register(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "remains.add_remains")
    which = request.POST.get("form", "") if request.method == "POST" else ""
    site_form = SiteForm(request.POST if which == "site" else None)
    remains_form = RemainsForm(request.POST if which == "remains" else None)
    form = site_form if which == "site" else remains_form
    if which and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            if which == "site":
                site_register(by=request.user, **d)
                messages.success(request, f"Site {d['code'].upper()} registered.")
            else:
                remains_register(by=request.user, **d)
                messages.success(request, f"Remains {d['code'].upper()} registered.")
        except ValidationFailed as exc:
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    form.add_error(key if key in form.fields else None, msg)
        else:
            return redirect("remains-register")
    return render(
        request, "remains/register.html", {"site_form": site_form, "remains_form": remains_form}
    )
