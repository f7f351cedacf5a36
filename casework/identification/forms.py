from __future__ import annotations

import datetime as dt

from django import forms


class ProposeForm(forms.Form):
    override_reason = forms.CharField(
        label="Override reason (only when the posterior is below the threshold)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "confirm"), ("reject", "reject")])
    note = forms.CharField(
        label="Note (required to reject)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(
        choices=[
            ("notified", "family notified"),
            ("handed_over", "remains handed over to the family"),
        ]
    )
    on = forms.DateField(initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"}))
