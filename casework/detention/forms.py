"""Forms of the detention pages. They parse and type the input; the rules (which
records may be named, which dates are possible) are the flows'. Choices that depend on
records (places, a detainee's messages and proceedings) come from the page's read
flow, never from a query here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.core.access import MAX_ID
from casework.detention.isolation import MAX_DAYS
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    EvidenceItem,
    FamilyContact,
    Movement,
    Notification,
    Recommendation,
    Submission,
)
from casework.persons.models import Script, Sex
from casework.persons.services import NameInput, PersonInput

DATE = forms.DateInput(attrs={"type": "date"})


def date_field(**kw):
    return forms.DateField(widget=DATE, **kw)


def id_field(**kw):
    return forms.IntegerField(min_value=1, max_value=MAX_ID, **kw)


class RecordChoiceField(forms.ChoiceField):
    """A select of records. Here any positive id parses (an int); whether the record
    may be named — a proceeding *of this detainee*, a place that exists — is the flow's
    rule, answered as a field error. The options shown come from :func:`offer_choices`."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            pk = int(value)
        except (TypeError, ValueError):
            pk = 0
        if not 0 < pk <= MAX_ID:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return pk

    def valid_value(self, value: Any) -> bool:
        return True


def _record_id(value: Any) -> int:
    pk = int(value)
    if not 0 < pk <= MAX_ID:
        raise ValueError(value)
    return pk


class RecordMultipleChoiceField(forms.TypedMultipleChoiceField):
    """Several records (ids); like :class:`RecordChoiceField`, the flow decides which
    may be named."""

    def __init__(self, **kwargs: Any):
        super().__init__(coerce=_record_id, **kwargs)

    def valid_value(self, value: Any) -> bool:
        return True


def offer_choices(
    form: forms.Form,
    *,
    places: Iterable[DetentionPlace] | None = None,
    proceedings: Iterable[Any] | None = None,
    messages: Iterable[FamilyContact] | None = None,
    held: Iterable[Detainee] | None = None,
) -> forms.Form:
    """Fill the options of the record selects of ``form`` from a page's read flow."""
    f = form.fields
    if places is not None:
        for name in ("place", "to"):
            if name in f:
                f[name].choices = [("", "—")] + [(p.pk, p.name) for p in places]  # type: ignore[attr-defined]
    if proceedings is not None and "proceeding" in f:
        f["proceeding"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.case_reference} ({p.court})") for p in proceedings
        ]
    if messages is not None and "reply_to" in f:
        f["reply_to"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (
                m.pk,
                _("%(direction)s, written %(date)s")
                % {"direction": m.get_direction_display(), "date": m.written_on},
            )
            for m in messages
        ]
    if held is not None and "seen" in f:
        f["seen"].choices = [  # type: ignore[attr-defined]
            (d.pk, f"{d.reference} {d.person.display_name}") for d in held
        ]
    return form


class DaysForm(forms.Form):
    """The isolation threshold of the dashboard (``?days=``)."""

    days = forms.IntegerField(required=False, min_value=0, max_value=MAX_DAYS)


class PlaceForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Name"))
    kind = forms.ChoiceField(choices=DetentionPlace.Kind.choices, label=_("Kind"))
    authority = forms.CharField(max_length=200, label=_("Detaining authority"))
    location = forms.CharField(max_length=200, label=_("Location"))
    capacity = forms.IntegerField(required=False, min_value=0, max_value=10**6, label=_("Capacity"))


class PersonFieldsForm(forms.Form):
    """An existing person record (by number) or the name of a new one."""

    person = id_field(
        required=False,
        label=_("Existing person record (number, optional)"),
        help_text=_("leave empty to create the person from the names below"),
    )
    script = forms.ChoiceField(choices=Script.choices, label=_("Script of the name"))
    given = forms.CharField(max_length=100, required=False, label=_("Given name"))
    patronymic = forms.CharField(max_length=100, required=False, label=_("Patronymic"))
    family = forms.CharField(max_length=100, required=False, label=_("Family name"))
    sex = forms.ChoiceField(choices=Sex.choices, label=_("Sex"))

    def person_value(self) -> PersonInput | int:
        """The person id, or the new person's data, for the flow."""
        d = self.cleaned_data
        if d["person"]:
            return int(d["person"])
        return PersonInput(
            names=[NameInput(d["script"], d["given"], d["patronymic"], d["family"], True)],
            sex=d["sex"],
        )

    def flow_data(self) -> dict[str, Any]:
        person_fields = set(PersonFieldsForm.base_fields)
        data = {k: v for k, v in self.cleaned_data.items() if k not in person_fields}
        return {"person": self.person_value(), **data}


class DossierForm(PersonFieldsForm):
    last_seen_on = date_field(label=_("Last seen deprived of liberty on"))
    last_seen_where = forms.CharField(max_length=300, label=_("Where"))
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Summary"))


class DetaineeForm(PersonFieldsForm):
    status = forms.ChoiceField(choices=Detainee.Status.choices, label=_("Status"))
    captured_on = date_field(label=_("Captured on"))
    capture_place = forms.CharField(max_length=200, required=False, label=_("Capture place"))
    notified_on = date_field(required=False, label=_("Notified on"))
    place = RecordChoiceField(label=_("Held at"))
    health_concerns = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Health concerns")
    )
    vulnerability = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Vulnerability")
    )


class VisitForm(forms.Form):
    place = RecordChoiceField(label=_("Place"))
    start_date = date_field(initial=dt.date.today, label=_("Start date"))
    end_date = date_field(initial=dt.date.today, label=_("End date"))
    team = forms.CharField(max_length=300, label=_("Team"))
    seen = RecordMultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Detainees seen in private interviews"),
    )
    treatment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Treatment")
    )
    material_conditions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Material conditions")
    )
    health = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=_("Health and access to care"),
    )
    judicial_guarantees = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Judicial guarantees")
    )
    family_contact = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Family contact")
    )
    recommendations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("Recommendations"),
        help_text=_("one confidential recommendation per line"),
    )

    def flow_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "place": d["place"],
            "start_date": d["start_date"],
            "end_date": d["end_date"],
            "team": d["team"],
            "seen": list(d["seen"]),
            "findings": {
                k: d[k]
                for k in (
                    "treatment",
                    "material_conditions",
                    "health",
                    "judicial_guarantees",
                    "family_contact",
                )
            },
            "recommendations": d["recommendations"].splitlines(),
        }


class ContactForm(forms.Form):
    kind = forms.ChoiceField(choices=FamilyContact.Kind.choices, label=_("Kind"))
    direction = forms.ChoiceField(choices=FamilyContact.Direction.choices, label=_("Direction"))
    written_on = date_field(initial=dt.date.today, label=_("Written on / date of the call"))
    collected_on = date_field(required=False, label=_("Collected on"))
    delivered_on = date_field(required=False, label=_("Delivered on"))
    reply_to = RecordChoiceField(required=False, label=_("In reply to"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class TransferForm(forms.Form):
    to = RecordChoiceField(label=_("Transferred to"))
    on = date_field(initial=dt.date.today, label=_("On"))


class MovementForm(forms.Form):
    kind = forms.ChoiceField(choices=Movement.Kind.choices, label=_("Kind"))
    date = date_field(initial=dt.date.today, label=_("Date"))
    route = forms.CharField(max_length=300, required=False, label=_("Route"))
    consent_recorded = forms.BooleanField(
        required=False, label=_("The detainee's wish was ascertained")
    )


class ProceedingForm(forms.Form):
    case_reference = forms.CharField(max_length=100, label=_("Case reference"))
    court = forms.CharField(max_length=200, label=_("Court"))
    charges = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Charges"))


class _ProceedingChoice(forms.Form):
    proceeding = RecordChoiceField(label=_("Proceeding"))


class HearingForm(_ProceedingChoice):
    date = date_field(label=_("Date"))
    outcome = forms.CharField(max_length=300, required=False, label=_("Outcome"))
    next_date = date_field(required=False, label=_("Next hearing"))


class VerdictForm(_ProceedingChoice):
    verdict = forms.CharField(max_length=200, required=False, label=_("Verdict"))
    verdict_on = date_field(required=False, label=_("Verdict on"))
    sentence = forms.CharField(max_length=200, required=False, label=_("Sentence"))
    appeal = forms.CharField(max_length=200, required=False, label=_("Appeal"))


class NotificationForm(forms.Form):
    direction = forms.ChoiceField(choices=Notification.Direction.choices, label=_("Direction"))
    party = forms.CharField(max_length=200, help_text=_("the party or authority"), label=_("Party"))
    date = date_field(initial=dt.date.today, label=_("Date"))
    subject = forms.CharField(max_length=300, label=_("Subject"))


class FollowUpForm(forms.Form):
    recommendation = id_field(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Recommendation.Status.choices, label=_("Status"))
    response = forms.CharField(max_length=500, required=False, label=_("Authority's response"))
    response_on = date_field(required=False, label=_("Response date"))


class ConsularForm(forms.Form):
    detainee = forms.CharField(max_length=20, label=_("Detainee reference (DT-…)"))
    requesting_state = forms.CharField(max_length=100, label=_("Requesting state"))
    protecting_power = forms.CharField(max_length=100, label=_("Protecting power"))
    on_behalf_of = forms.CharField(max_length=200, required=False, label=_("On behalf of"))
    requested_on = date_field(initial=dt.date.today, label=_("Requested on"))


class ConsularUpdateForm(forms.Form):
    status = forms.ChoiceField(
        choices=[c for c in ConsularRequest.Status.choices if c[0] != "requested"],
        label=_("Status"),
    )
    on = date_field(initial=dt.date.today, label=_("On"))
    findings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Findings")
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(choices=EvidenceItem.Kind.choices, label=_("Kind"))
    description = forms.CharField(max_length=300, label=_("Description"))
    file = forms.FileField(label=_("File"))
    received_on = date_field(initial=dt.date.today, label=_("Received on"))
    received_from = forms.CharField(max_length=200, label=_("Received from"))

    def flow_data(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        upload = d.pop("file")
        return {**d, "name": upload.name, "content": upload.read()}


class CustodyStepForm(forms.Form):
    item = id_field(widget=forms.HiddenInput)
    action = forms.CharField(
        max_length=100, help_text=_("e.g. copied for the submission"), label=_("Custody step")
    )
    holder = forms.CharField(max_length=200, label=_("Now held by"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class SubmissionForm(forms.Form):
    body = forms.ChoiceField(choices=Submission.Body.choices, label=_("Body"))
    submitted_on = date_field(initial=dt.date.today, label=_("Submitted on"))
    reference = forms.CharField(max_length=100, required=False, label=_("Reference"))
    deadline = date_field(required=False, label=_("Deadline"))
