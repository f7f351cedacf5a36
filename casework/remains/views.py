"""Registering recovery sites and remains: translators over the remains flows."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.core.errors import InvalidTransition, ValidationFailed
from casework.core.forms import add_domain_errors
from casework.core.http import ActorRequest
from casework.remains.forms import RemainsForm, SiteForm
from casework.remains.selectors import remains_register_page
from casework.remains.services import remains_register, site_register


def _render(request: ActorRequest, site_form=None, remains_form=None) -> HttpResponse:
    page = remains_register_page(viewer=request.user)
    return render(
        request,
        "remains/register.html",
        {
            "site_form": site_form or SiteForm(),
            "remains_form": remains_form or RemainsForm(sites=page.sites),
        },
    )


@require_GET
def register(request: ActorRequest) -> HttpResponse:
    return _render(request)


@require_POST
def site_register_view(request: ActorRequest) -> HttpResponse:
    form = SiteForm(request.POST)
    if form.is_valid():
        try:
            site = site_register(by=request.user, **form.cleaned_data)
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Site %(code)s registered.") % {"code": site.code})
            return redirect("remains-register")
    return _render(request, site_form=form)


@require_POST
def remains_register_view(request: ActorRequest) -> HttpResponse:
    page = remains_register_page(viewer=request.user)
    form = RemainsForm(request.POST, sites=page.sites)
    if form.is_valid():
        try:
            remains = remains_register(by=request.user, **form.cleaned_data)
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Remains %(code)s registered.") % {"code": remains.code})
            return redirect("remains-register")
    return _render(request, remains_form=form)
