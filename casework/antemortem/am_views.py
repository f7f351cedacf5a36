"""The ante-mortem data page of a case."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.antemortem.am import am_photo_add, am_record_save, completeness
from casework.antemortem.models import TEETH, AMPhoto, AMRecord, ToothStatus
from casework.core.access import has_perm, require_perm
from casework.core.audit import audit_record
from casework.core.errors import NotFound, ValidationFailed
from casework.tracing.selectors import access_case_by_id


class AMForm(forms.Form):
    informant = forms.CharField(max_length=200, label="Information given by")
    informant_relationship = forms.CharField(
        max_length=60, required=False, label="Relationship to the missing person"
    )
    interviewed_on = forms.DateField(
        initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    age_at_disappearance = forms.IntegerField(required=False, min_value=0, max_value=120)
    stature_min = forms.IntegerField(
        required=False, min_value=40, max_value=230, label="Stature from (cm)"
    )
    stature_max = forms.IntegerField(required=False, min_value=40, max_value=230, label="to")
    build = forms.ChoiceField(choices=AMRecord.Build.choices, required=False)
    hair = forms.CharField(max_length=100, required=False)
    eyes = forms.CharField(max_length=60, required=False)
    marks = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Distinctive marks"
    )
    medical = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Medical history"
    )
    dental_notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    dentist = forms.CharField(max_length=200, required=False)
    clothing = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    effects = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Personal effects"
    )
    reason = forms.CharField(max_length=300, required=False, label="Reason for the change")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for tooth in TEETH:
            self.fields[f"tooth_{tooth}"] = forms.ChoiceField(
                choices=ToothStatus.choices, required=False, label=str(tooth)
            )

    def teeth(self):
        return [self[f"tooth_{t}"] for t in TEETH]


class PhotoForm(forms.Form):
    image = forms.FileField()
    caption = forms.CharField(max_length=200, required=False)


def case_am(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request.user, "antemortem.view_amrecord")
    case = access_case_by_id(request.user, case_id)
    record = AMRecord.objects.filter(case=case).first()
    can_edit = has_perm(request.user, "antemortem.change_amrecord")
    initial = {}
    if record:
        initial = {f: getattr(record, f) for f in AMForm.base_fields if hasattr(record, f)}
        initial.update({f"tooth_{k}": v for k, v in record.dental_chart.items()})
    which = request.POST.get("form", "") if request.method == "POST" else ""
    form = AMForm(request.POST if which == "am" else None, initial=initial)
    photo_form = PhotoForm(
        request.POST if which == "photo" else None, request.FILES if which == "photo" else None
    )
    if which and not can_edit:
        raise NotFound()
    if which == "am" and form.is_valid():
        d = dict(form.cleaned_data)
        d["dental_chart"] = {str(t): d.pop(f"tooth_{t}") for t in TEETH if d.get(f"tooth_{t}")}
        for t in TEETH:
            d.pop(f"tooth_{t}", None)
        reason = d.pop("reason")
        try:
            am_record_save(case=case, data=d, by=request.user, reason=reason)
        except ValidationFailed as exc:
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    form.add_error(key if key in form.fields else None, msg)
        else:
            messages.success(request, "Ante-mortem data saved.")
            return redirect("case-am", case_id=case.pk)
    if which == "photo" and photo_form.is_valid():
        if record is None:
            photo_form.add_error(None, "Save the AM data before adding photographs.")
        else:
            try:
                am_photo_add(
                    record=record,
                    upload=photo_form.cleaned_data["image"],
                    caption=photo_form.cleaned_data["caption"],
                    by=request.user,
                )
            except ValidationFailed as exc:
                for msg in exc.errors["image"]:
                    photo_form.add_error("image", msg)
            else:
                messages.success(request, "Photograph added.")
                return redirect("case-am", case_id=case.pk)
    with transaction.atomic():
        audit_record(by=request.user, action="antemortem.record.view", obj=case)
    return render(
        request,
        "antemortem/case_am.html",
        {
            "case": case,
            "record": record,
            "form": form,
            "photo_form": photo_form,
            "can_edit": can_edit,
            "sections": completeness(record),
            "chart": [
                (t, ToothStatus(record.dental_chart.get(str(t), "")).label if record else "")
                for t in TEETH
            ],
        },
    )


def am_photo(request: HttpRequest, photo_id: int) -> FileResponse:
    require_perm(request.user, "antemortem.view_amrecord")
    try:
        photo = AMPhoto.objects.select_related("record__case").get(pk=photo_id)
    except AMPhoto.DoesNotExist:
        raise NotFound() from None
    access_case_by_id(request.user, photo.record.case_id)
    with transaction.atomic():
        audit_record(by=request.user, action="antemortem.photo.view", obj=photo.record)
    return FileResponse(photo.image.open("rb"))
