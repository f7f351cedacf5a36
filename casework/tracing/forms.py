"""Forms translate HTML input into service inputs; all rules live in the services.
Partial dates are parsed here so that a bad one is reported on its own field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from casework.persons.models import Script, Sex
from casework.persons.partial_dates import PartialDate
from casework.persons.services import NameInput, PersonInput
from casework.tracing.models import (
    AuthorityResponse,
    CaseStatus,
    CloseReason,
    LegalBasis,
    OutcomeEvidence,
)
from casework.tracing.services import (
    CASE_FIELDS,
    EVIDENCE_OUTCOMES,
    CircumstancesInput,
    EvidenceInput,
    SoughtInput,
)

RELATIONSHIPS = [
    ("", "— choose —"),
    ("mother", "mother"),
    ("father", "father"),
    ("wife", "wife"),
    ("husband", "husband"),
    ("son", "son"),
    ("daughter", "daughter"),
    ("sister", "sister"),
    ("brother", "brother"),
    ("grandparent", "grandparent"),
    ("grandchild", "grandchild"),
    ("uncle/aunt", "uncle or aunt"),
    ("nephew/niece", "nephew or niece"),
    ("cousin", "cousin"),
    ("other relative", "other relative"),
    ("not related", "not related"),
]


class PartialDateField(forms.CharField):
    default_error_messages = {"invalid": "Use YYYY, YYYY-MM or YYYY-MM-DD (prefix ~ for “about”)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "YYYY, YYYY-MM or YYYY-MM-DD; “~1992” for about")
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class RequestForm(forms.Form):
    received_on = forms.DateField(
        initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    e_script = forms.ChoiceField(
        label="Script of the names", choices=Script.choices, initial=Script.AZ_LATIN
    )
    e_given = forms.CharField(label="Given name", max_length=100, required=False)
    e_patronymic = forms.CharField(label="Patronymic", max_length=100, required=False)
    e_family = forms.CharField(label="Family name", max_length=100, required=False)
    e_sex = forms.ChoiceField(label="Sex", choices=Sex.choices, initial=Sex.UNKNOWN)
    e_phone = forms.CharField(label="Phone", max_length=50, required=False)
    e_email = forms.EmailField(label="Email", required=False)
    e_address = forms.CharField(
        label="Address", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    relationship = forms.ChoiceField(label="Enquirer is the sought person's", choices=RELATIONSHIPS)
    legal_basis = forms.ChoiceField(choices=LegalBasis.choices, initial=LegalBasis.CONSENT)
    # Consent is never presumed: the box starts unticked and the date empty.
    consent_given = forms.BooleanField(
        required=False,
        initial=False,
        label="Consent given for tracing and for sharing with the authority",
    )
    consent_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="Tracing the sought person and informing the family.",
    )

    def enquirer(self) -> PersonInput:
        d = self.cleaned_data
        return PersonInput(
            names=[NameInput(d["e_script"], d["e_given"], d["e_patronymic"], d["e_family"], True)],
            sex=d["e_sex"],
            phone=d["e_phone"],
            email=d["e_email"],
            address=d["e_address"],
        )


class SoughtForm(forms.Form):
    script = forms.ChoiceField(
        label="Script of the main name", choices=Script.choices, initial=Script.AZ_LATIN
    )
    given = forms.CharField(label="Given name", max_length=100, required=False)
    patronymic = forms.CharField(label="Patronymic", max_length=100, required=False)
    family = forms.CharField(label="Family name", max_length=100, required=False)
    given_cyr = forms.CharField(label="Given name (Cyrillic)", max_length=100, required=False)
    patronymic_cyr = forms.CharField(label="Patronymic (Cyrillic)", max_length=100, required=False)
    family_cyr = forms.CharField(label="Family name (Cyrillic)", max_length=100, required=False)
    given_en = forms.CharField(
        label="Given name (English/passport)", max_length=100, required=False
    )
    family_en = forms.CharField(
        label="Family name (English/passport)", max_length=100, required=False
    )
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.UNKNOWN)
    birth = PartialDateField(label="Date of birth")
    disappearance = PartialDateField(label="Date of disappearance")
    disappearance_place = forms.CharField(
        label="Place of disappearance", max_length=200, required=False
    )
    event = forms.CharField(
        max_length=200, required=False, help_text="The event the disappearance is linked to, if any"
    )
    last_seen_where = forms.CharField(max_length=300, required=False, label="Last seen where")
    last_seen_when = forms.CharField(max_length=40, required=False, label="Last seen when")
    last_seen_by = forms.CharField(max_length=300, required=False, label="Last seen by whom")
    circumstances = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def is_blank(self) -> bool:
        d = getattr(self, "cleaned_data", {})
        return not any(d.get(k) for k in ("given", "family", "given_cyr", "family_cyr"))

    def sought(self) -> SoughtInput:
        d = self.cleaned_data
        names = [NameInput(d["script"], d["given"], d["patronymic"], d["family"], True)]
        if d["given_cyr"] or d["family_cyr"]:
            names.append(
                NameInput(Script.CYRILLIC, d["given_cyr"], d["patronymic_cyr"], d["family_cyr"])
            )
        if d["given_en"] or d["family_en"]:
            names.append(NameInput(Script.ENGLISH, d["given_en"], "", d["family_en"]))
        return SoughtInput(
            person=PersonInput(names=names, sex=d["sex"], birth=d["birth"]),
            **_circumstances(d),
        )


SoughtFormSet = forms.formset_factory(SoughtForm, extra=2, max_num=5, min_num=1, validate_min=False)


class CaseEditForm(forms.Form):
    disappearance = PartialDateField(label="Date of disappearance")
    disappearance_place = forms.CharField(
        label="Place of disappearance", max_length=200, required=False
    )
    event = forms.CharField(max_length=200, required=False)
    last_seen_where = forms.CharField(max_length=300, required=False)
    last_seen_when = forms.CharField(max_length=40, required=False)
    last_seen_by = forms.CharField(max_length=300, required=False)
    circumstances = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(max_length=300, required=False, label="Reason for the change")

    def circumstances_input(self) -> CircumstancesInput:
        return CircumstancesInput(**_circumstances(self.cleaned_data))


def _circumstances(d: dict[str, Any]) -> dict[str, Any]:
    """The circumstances of a disappearance out of a form's cleaned data."""
    return {name: d[name] for name in CASE_FIELDS}


class StatusForm(forms.Form):
    """A plain status change: the select lists only the generic targets allowed from
    the case's status (never a recorded outcome)."""

    to_status = forms.ChoiceField(label="New status", choices=CaseStatus.choices)
    close_reason = forms.ChoiceField(
        label="Close reason (when closing)",
        choices=[("", "—"), *CloseReason.choices],
        required=False,
    )
    merged_into = forms.CharField(label="Merged into case number", max_length=20, required=False)
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, targets: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["to_status"].choices = [  # type: ignore[attr-defined]
                (t, CaseStatus(t).label) for t in targets
            ]


class EvidenceForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=[(o, CaseStatus(o).label) for o in EVIDENCE_OUTCOMES]
    )
    source = forms.CharField(
        max_length=300, required=False, help_text="Who or what gave the information"
    )
    information_date = forms.DateField(
        label="Date of the information", widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label="Kind of evidence", choices=OutcomeEvidence.Kind.choices)
    reference = forms.CharField(
        max_length=300,
        required=False,
        label="Document reference or witness name",
    )
    details = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def evidence_input(self) -> EvidenceInput:
        d = self.cleaned_data
        return EvidenceInput(
            outcome=d["outcome"],
            source=d["source"],
            information_date=d["information_date"],
            kind=d["kind"],
            reference=d["reference"],
            details=d["details"],
        )


class EvidenceReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", "confirm"), ("reject", "reject")], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note (required to reject)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class MergeUndoForm(forms.Form):
    reason = forms.CharField(
        label="Why the merge is undone", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class EditionForm(forms.Form):
    recipient = forms.CharField(
        max_length=300, required=False, initial="National Commission on Missing Persons"
    )
    edition_date = forms.DateField(
        initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    status = forms.MultipleChoiceField(
        choices=CaseStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty for every active case (open to match proposed).",
    )
    region = forms.CharField(max_length=200, required=False)
    disappeared_from = forms.IntegerField(required=False, min_value=1800, max_value=2100)
    disappeared_to = forms.IntegerField(required=False, min_value=1800, max_value=2100)


class ResponseForm(forms.Form):
    case_number = forms.CharField(max_length=20)
    kind = forms.ChoiceField(label="Response", choices=AuthorityResponse.Kind.choices)
    received_on = forms.DateField(
        initial=dt.date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
