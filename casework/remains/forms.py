from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.remains.models import RecoverySite, Remains


class SiteForm(forms.Form):
    code = forms.CharField(max_length=40)
    kind = forms.ChoiceField(choices=RecoverySite.Kind.choices)
    latitude = forms.FloatField(required=False)
    longitude = forms.FloatField(required=False)
    exhumed_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RemainsForm(forms.Form):
    site_id = forms.ChoiceField(label=_("Site"))
    code = forms.CharField(max_length=40)
    sample_barcode = forms.CharField(max_length=40, label=_("DNA sample barcode"))
    kind = forms.ChoiceField(choices=Remains.Kind.choices)
    pm_sex = forms.ChoiceField(
        label=_("PM sex"),
        choices=[("U", _("undetermined")), ("M", _("male")), ("F", _("female"))],
    )
    pm_age_min = forms.IntegerField(
        required=False, min_value=0, max_value=120, label=_("PM age from")
    )
    pm_age_max = forms.IntegerField(required=False, min_value=0, max_value=120, label=_("to"))
    pm_stature_min = forms.IntegerField(
        required=False, min_value=40, max_value=230, label=_("Stature from (cm)")
    )
    pm_stature_max = forms.IntegerField(required=False, min_value=40, max_value=230, label=_("to"))
    pm_dental = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Dental findings")
    )
    pm_effects = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Clothing and effects")
    )

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["site_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.pk, s.code) for s in sites]
