"""Forms of the family side of a case (pedigree members, samples, custody, consent)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.samples.models import CustodyEvent


def _choices(form: forms.Form, name: str, choices: list) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class MemberForm(forms.Form):
    label = forms.CharField(max_length=40, help_text="short label, e.g. S2, GF, C1")
    sex = forms.ChoiceField(choices=[("M", "male"), ("F", "female")])
    father = forms.ChoiceField(required=False)
    mother = forms.ChoiceField(required=False)
    person = forms.IntegerField(
        required=False,
        min_value=1,
        label="Person record (number, optional)",
        help_text="link the relative to their person record, e.g. the enquirer",
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(
            self,
            "father",
            [("", "— founder —")] + [(m.pk, m.label) for m in members if m.sex == "M"],
        )
        _choices(
            self,
            "mother",
            [("", "— founder —")] + [(m.pk, m.label) for m in members if m.sex == "F"],
        )


class SampleForm(forms.Form):
    member = forms.ChoiceField(label="Donor (pedigree member)")
    barcode = forms.CharField(max_length=40)
    collected_on = forms.DateField(
        initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    holder = forms.CharField(max_length=200, initial="field team")
    place = forms.CharField(max_length=200, required=False)
    # Consent is what the donor said: never pre-filled.
    identification_only = forms.BooleanField(
        required=False,
        label=_("Consent: use for identification of the missing relative only"),
    )
    retention_until = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "member", [(m.pk, m.label) for m in members if not m.is_missing])


class CustodyForm(forms.Form):
    sample = forms.ChoiceField()
    step = forms.ChoiceField(choices=CustodyEvent.Step.choices)
    holder = forms.CharField(max_length=200)
    place = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, samples=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "sample", [(s.pk, s.barcode) for s in samples])


class WithdrawForm(forms.Form):
    sample = forms.ChoiceField()
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="how and when the donor withdrew consent",
    )

    def __init__(self, *args, samples=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "sample", [(s.pk, s.barcode) for s in samples])
