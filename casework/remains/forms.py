from __future__ import annotations

from django import forms

from casework.remains.models import RecoverySite, Remains


class SiteForm(forms.Form):
    code = forms.CharField(max_length=40)
    kind = forms.ChoiceField(choices=RecoverySite.Kind.choices)
    latitude = forms.FloatField(required=False)
    longitude = forms.FloatField(required=False)
    exhumed_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RemainsForm(forms.Form):
    site = forms.ModelChoiceField(queryset=RecoverySite.objects.order_by("code"))
    code = forms.CharField(max_length=40)
    sample_barcode = forms.CharField(max_length=40, label="DNA sample barcode")
    kind = forms.ChoiceField(choices=Remains.Kind.choices)
    pm_sex = forms.ChoiceField(
        label="PM sex", choices=[("U", "undetermined"), ("M", "male"), ("F", "female")]
    )
    pm_age_min = forms.IntegerField(required=False, min_value=0, max_value=120, label="PM age from")
    pm_age_max = forms.IntegerField(required=False, min_value=0, max_value=120, label="to")
    pm_stature_min = forms.IntegerField(
        required=False, min_value=40, max_value=230, label="Stature from (cm)"
    )
    pm_stature_max = forms.IntegerField(required=False, min_value=40, max_value=230, label="to")
    pm_dental = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Dental findings"
    )
    pm_effects = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Clothing and effects"
    )
