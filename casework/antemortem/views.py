"""The ante-mortem data page of a case: translators over the antemortem flows."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.antemortem.forms import AMForm, PhotoForm
from casework.antemortem.selectors import am_photo_open, case_am_page
from casework.antemortem.services import am_photo_add, am_record_save
from casework.core.errors import ValidationFailed
from casework.core.forms import add_domain_errors
from casework.core.http import ActorRequest


def _render(request, case_id: int, form=None, photo_form=None, status: int = 200):
    page = case_am_page(viewer=request.user, case_id=case_id)
    return render(
        request,
        "antemortem/case_am.html",
        {
            "page": page,
            "case": page.case,
            "record": page.record,
            "form": form or AMForm(initial=AMForm.initial_from(page.record)),
            "photo_form": photo_form or PhotoForm(),
        },
        status=status,
    )


@require_GET
def case_am(request: ActorRequest, case_id: int) -> HttpResponse:
    return _render(request, case_id)


@require_POST
def am_record_save_view(request: ActorRequest, case_id: int) -> HttpResponse:
    form = AMForm(request.POST)
    if form.is_valid():
        data, reason = form.record_data()
        try:
            am_record_save(case_id=case_id, data=data, by=request.user, reason=reason)
        except ValidationFailed as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Ante-mortem data saved."))
            return redirect("case-am", case_id=case_id)
    return _render(request, case_id, form=form)


@require_POST
def am_photo_add_view(request: ActorRequest, case_id: int) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            am_photo_add(
                case_id=case_id,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except ValidationFailed as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Photograph added."))
            return redirect("case-am", case_id=case_id)
    return _render(request, case_id, photo_form=form)


@require_GET
def am_photo(request: ActorRequest, photo_id: int) -> HttpResponse:
    photo = am_photo_open(viewer=request.user, photo_id=photo_id)
    kind = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    with photo.image.open("rb") as f:  # at most 10 MB (checked when added)
        return HttpResponse(f.read(), content_type=kind)
