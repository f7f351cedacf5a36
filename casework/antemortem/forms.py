"""Forms of the ante-mortem page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.antemortem.models import TEETH, AMRecord, ToothStatus


class AMForm(forms.Form):
    informant = forms.CharField(max_length=200, label=_("Information given by"))
    informant_relationship = forms.CharField(
        max_length=60, required=False, label=_("Relationship to the missing person")
    )
    interviewed_on = forms.DateField(
        initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    age_at_disappearance = forms.IntegerField(required=False, min_value=0, max_value=120)
    stature_min = forms.IntegerField(
        required=False, min_value=40, max_value=230, label=_("Stature from (cm)")
    )
    stature_max = forms.IntegerField(required=False, min_value=40, max_value=230, label=_("to"))
    build = forms.ChoiceField(choices=AMRecord.Build.choices, required=False)
    hair = forms.CharField(max_length=100, required=False)
    eyes = forms.CharField(max_length=60, required=False)
    marks = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Distinctive marks")
    )
    medical = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Medical history")
    )
    dental_notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    dentist = forms.CharField(max_length=200, required=False)
    clothing = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    effects = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Personal effects")
    )
    reason = forms.CharField(max_length=300, required=False, label=_("Reason for the change"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for tooth in TEETH:
            self.fields[f"tooth_{tooth}"] = forms.ChoiceField(
                choices=ToothStatus.choices, required=False, label=str(tooth)
            )

    def teeth(self):
        return [self[f"tooth_{t}"] for t in TEETH]

    @classmethod
    def initial_from(cls, record: AMRecord | None) -> dict[str, Any]:
        if record is None:
            return {}
        initial = {f: getattr(record, f) for f in cls.base_fields if hasattr(record, f)}
        initial.update({f"tooth_{k}": v for k, v in record.dental_chart.items()})
        return initial

    def record_data(self) -> tuple[dict[str, Any], str]:
        """(the data for ``am_record_save``, the reason) from the cleaned form."""
        d = dict(self.cleaned_data)
        d["dental_chart"] = {str(t): d.pop(f"tooth_{t}") for t in TEETH if d.get(f"tooth_{t}")}
        for t in TEETH:
            d.pop(f"tooth_{t}", None)
        reason = d.pop("reason")
        return d, reason


class PhotoForm(forms.Form):
    image = forms.FileField()
    caption = forms.CharField(max_length=200, required=False)
