from __future__ import annotations

import datetime as dt

from django import forms

from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    EvidenceItem,
    FamilyContact,
    Movement,
    Submission,
)
from casework.persons.models import Script, Sex

DATE = forms.DateInput(attrs={"type": "date"})


def date_field(**kw):
    return forms.DateField(widget=DATE, **kw)


class PlaceForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=DetentionPlace.Kind.choices)
    authority = forms.CharField(max_length=200, label="Detaining authority")
    location = forms.CharField(max_length=200)
    capacity = forms.IntegerField(required=False, min_value=0)


class DossierForm(forms.Form):
    person = forms.IntegerField(min_value=1, label="Person record (number)")
    last_seen_on = date_field(label="Last seen deprived of liberty on")
    last_seen_where = forms.CharField(max_length=300)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class VerdictForm(forms.Form):
    proceeding = forms.ChoiceField()
    verdict = forms.CharField(max_length=200, required=False)
    verdict_on = date_field(required=False)
    sentence = forms.CharField(max_length=200, required=False)
    appeal = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, proceedings=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proceeding"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.pk, f"{p.case_reference} ({p.court})") for p in proceedings]


class DetaineeForm(forms.Form):
    person = forms.IntegerField(
        required=False,
        min_value=1,
        label="Existing person record (number, optional)",
        help_text="leave empty to create the person from the names below",
    )
    script = forms.ChoiceField(choices=Script.choices, label="Script of the name")
    given = forms.CharField(max_length=100, required=False)
    patronymic = forms.CharField(max_length=100, required=False)
    family = forms.CharField(max_length=100, required=False)
    sex = forms.ChoiceField(choices=Sex.choices)
    status = forms.ChoiceField(choices=Detainee.Status.choices)
    captured_on = date_field()
    capture_place = forms.CharField(max_length=200, required=False)
    notified_on = date_field(required=False)
    place = forms.ModelChoiceField(
        queryset=DetentionPlace.objects.order_by("name"), label="Held at"
    )
    health_concerns = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    vulnerability = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


def _detainee_label(obj) -> str:
    return f"{obj.reference} {obj.person.display_name}"


class VisitForm(forms.Form):
    place = forms.ModelChoiceField(queryset=DetentionPlace.objects.order_by("name"))
    start_date = date_field(initial=dt.date.today)
    end_date = date_field(initial=dt.date.today)
    team = forms.CharField(max_length=300)
    seen = forms.ModelMultipleChoiceField(
        queryset=Detainee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Detainees seen in private interviews",
    )
    treatment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    material_conditions = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    health = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Health and access to care"
    )
    judicial_guarantees = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    family_contact = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Family contact"
    )
    recommendations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="one confidential recommendation per line",
    )

    def __init__(self, *args, place=None, **kwargs):
        super().__init__(*args, **kwargs)
        seen = self.fields["seen"]
        assert isinstance(seen, forms.ModelMultipleChoiceField)
        if place is not None:
            seen.queryset = (
                Detainee.objects.filter(
                    placements__place=place,
                    placements__to_date__isnull=True,
                    released_on__isnull=True,
                )
                .select_related("person")
                .order_by("reference")
            )
            seen.label_from_instance = _detainee_label  # type: ignore[method-assign]


class ContactForm(forms.Form):
    kind = forms.ChoiceField(choices=FamilyContact.Kind.choices)
    direction = forms.ChoiceField(choices=FamilyContact.Direction.choices)
    written_on = date_field(initial=dt.date.today, label="Written on / date of the call")
    collected_on = date_field(required=False)
    delivered_on = date_field(required=False)
    reply_to = forms.ChoiceField(required=False, label="In reply to")
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, messages=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reply_to"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—")] + [
            (m.pk, f"{m.get_direction_display()}, written {m.written_on}") for m in messages
        ]


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(
        queryset=DetentionPlace.objects.order_by("name"), label="Transferred to"
    )
    on = date_field(initial=dt.date.today)


class MovementForm(forms.Form):
    kind = forms.ChoiceField(choices=Movement.Kind.choices)
    date = date_field(initial=dt.date.today)
    route = forms.CharField(max_length=300, required=False)
    consent_recorded = forms.BooleanField(
        required=False, label="The detainee's wish was ascertained"
    )


class ProceedingForm(forms.Form):
    case_reference = forms.CharField(max_length=100)
    court = forms.CharField(max_length=200)
    charges = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class HearingForm(forms.Form):
    proceeding = forms.ChoiceField()
    date = date_field()
    outcome = forms.CharField(max_length=300, required=False)
    next_date = date_field(required=False)

    def __init__(self, *args, proceedings=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proceeding"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.pk, f"{p.case_reference} ({p.court})") for p in proceedings]


class NotificationForm(forms.Form):
    direction = forms.ChoiceField(choices=[("sent", "sent"), ("received", "received")])
    party = forms.CharField(max_length=200, help_text="the party or authority")
    date = date_field(initial=dt.date.today)
    subject = forms.CharField(max_length=300)


class FollowUpForm(forms.Form):
    recommendation = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=[
            ("open", "open"),
            ("in_progress", "in progress"),
            ("implemented", "implemented"),
            ("not_implemented", "not implemented"),
        ]
    )
    response = forms.CharField(max_length=500, required=False, label="Authority's response")
    response_on = date_field(required=False, label="Response date")


class ConsularForm(forms.Form):
    detainee = forms.CharField(max_length=20, label="Detainee reference (DT-…)")
    requesting_state = forms.CharField(max_length=100)
    protecting_power = forms.CharField(max_length=100)
    on_behalf_of = forms.CharField(max_length=200, required=False)
    requested_on = date_field(initial=dt.date.today)


class ConsularUpdateForm(forms.Form):
    status = forms.ChoiceField(
        choices=[c for c in ConsularRequest.Status.choices if c[0] != "requested"]
    )
    on = date_field(initial=dt.date.today)
    findings = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(choices=EvidenceItem.Kind.choices)
    description = forms.CharField(max_length=300)
    file = forms.FileField()
    received_on = date_field(initial=dt.date.today)
    received_from = forms.CharField(max_length=200)


class CustodyStepForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.CharField(max_length=100, help_text="e.g. copied for the submission")
    holder = forms.CharField(max_length=200, label="Now held by")
    note = forms.CharField(max_length=300, required=False)


class SubmissionForm(forms.Form):
    body = forms.ChoiceField(choices=Submission.Body.choices)
    submitted_on = date_field(initial=dt.date.today)
    reference = forms.CharField(max_length=100, required=False)
    deadline = date_field(required=False)
