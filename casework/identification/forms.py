from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class ProposeForm(forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    override_reason = forms.CharField(
        label=_("Override reason (only when the posterior is below the threshold)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("confirm", _("confirm")), ("reject", _("reject"))]
    )
    note = forms.CharField(
        label=_("Note (required to reject)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(
        choices=[
            ("notified", _("family notified")),
            ("handed_over", _("remains handed over to the family")),
        ]
    )
    on = forms.DateField(initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"}))


class ProfilesUploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    lab = forms.CharField(label=_("Laboratory"), max_length=200, required=False)
    replace = forms.BooleanField(
        label=_(
            "Replace existing profiles that would lose markers or change alleles "
            "(the old versions are kept)"
        ),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the replacement"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
