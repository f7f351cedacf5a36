from __future__ import annotations

from django import forms

from casework.persons.models import IdentityDocument, Relationship, Script, Sex
from casework.persons.partial_dates import PartialDate


class PersonForm(forms.Form):
    sex = forms.ChoiceField(choices=Sex.choices)
    birth = forms.CharField(
        label="Date of birth",
        required=False,
        help_text="YYYY, YYYY-MM or YYYY-MM-DD; “~1950” for about",
    )
    phone = forms.CharField(max_length=50, required=False)
    email = forms.EmailField(required=False)
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reason = forms.CharField(max_length=300, required=False, label="Reason for the change")

    def __init__(self, *args, contact: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not contact:  # the actor may not see contact details: they are not offered
            for name in ("phone", "email", "address"):
                del self.fields[name]

    def clean_birth(self):
        value = self.cleaned_data["birth"].strip()
        if not value:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class NameForm(forms.Form):
    script = forms.ChoiceField(choices=Script.choices)
    given = forms.CharField(max_length=100, required=False)
    patronymic = forms.CharField(max_length=100, required=False)
    family = forms.CharField(max_length=100, required=False)
    primary = forms.BooleanField(required=False, label="Main name")


NameFormSet = forms.formset_factory(NameForm, extra=1, max_num=8)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=IdentityDocument.Kind.choices)
    number = forms.CharField(max_length=100)
    issuer = forms.CharField(max_length=200, required=False)


class RelationshipForm(forms.Form):
    kind = forms.ChoiceField(label="This person is the … of", choices=Relationship.Kind.choices)
    other = forms.CharField(
        label="Other person (case number, e.g. MP-000123, or person number)", max_length=40
    )
