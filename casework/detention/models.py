"""Places of detention, visits, detainees and their follow-up, family contact, legal
proceedings, releases, consular access and enforced-disappearance dossiers."""

from __future__ import annotations

from django.db import models

from casework.persons.models import Person


class DetentionPlace(models.Model):
    class Kind(models.TextChoices):
        PRISON = "prison", "prison"
        PRETRIAL = "pretrial", "pre-trial detention centre"
        POLICE = "police", "police station"
        MILITARY = "military", "military facility"
        HOSPITAL = "hospital", "hospital"
        CAMP = "camp", "camp"
        OTHER = "other", "other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    authority = models.CharField(max_length=200, help_text="detaining authority")
    location = models.CharField(max_length=200)
    capacity = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Detainee(models.Model):
    class Status(models.TextChoices):
        POW = "pow", "prisoner of war"
        CIVILIAN_INTERNEE = "civilian_internee", "civilian internee"
        SECURITY = "security", "security detainee"
        OTHER = "other", "other"

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="detentions")
    status = models.CharField(max_length=20, choices=Status.choices)
    captured_on = models.DateField()
    capture_place = models.CharField(max_length=200, blank=True)
    notified_on = models.DateField(
        null=True, blank=True, help_text="date the detaining authority notified the capture"
    )
    health_concerns = models.TextField(blank=True)
    vulnerability = models.TextField(blank=True)
    released_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["reference"]
        permissions = [("view_confidential", "Can see confidential visit findings")]

    def __str__(self) -> str:
        return self.reference


class Placement(models.Model):
    """Where a detainee was held, from when to when (a transfer ends one placement and
    starts the next)."""

    detainee = models.ForeignKey(Detainee, on_delete=models.CASCADE, related_name="placements")
    place = models.ForeignKey(DetentionPlace, on_delete=models.PROTECT, related_name="placements")
    from_date = models.DateField()
    to_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["from_date", "id"]

    def __str__(self) -> str:
        return f"{self.detainee_id} at {self.place_id}"


class Visit(models.Model):
    """An independent visit to a place of detention. Findings and recommendations are
    confidential (detention role only)."""

    place = models.ForeignKey(DetentionPlace, on_delete=models.PROTECT, related_name="visits")
    start_date = models.DateField()
    end_date = models.DateField()
    team = models.CharField(max_length=300)
    treatment = models.TextField(blank=True)
    material_conditions = models.TextField(blank=True)
    health = models.TextField(blank=True, help_text="health and access to care")
    judicial_guarantees = models.TextField(blank=True)
    family_contact = models.TextField(blank=True)
    seen: models.ManyToManyField = models.ManyToManyField(
        Detainee, through="VisitInterview", related_name="visits"
    )

    class Meta:
        ordering = ["-end_date", "-id"]

    def __str__(self) -> str:
        return f"visit {self.place_id} {self.start_date}"


class VisitInterview(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="interviews")
    detainee = models.ForeignKey(Detainee, on_delete=models.PROTECT, related_name="interviews")
    private = models.BooleanField(default=True, help_text="interview without witnesses")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "detainee"], name="uniq_seen")]

    def __str__(self) -> str:
        return f"{self.detainee_id} seen on {self.visit_id}"


class Recommendation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "open"
        IN_PROGRESS = "in_progress", "in progress"
        IMPLEMENTED = "implemented", "implemented"
        NOT_IMPLEMENTED = "not_implemented", "not implemented"

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(blank=True)
    response_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.text[:40]


class FamilyContact(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", "written message"
        PHONE = "phone", "phone call"
        VIDEO = "video", "video call"
        VISIT = "family_visit", "family visit"

    class Direction(models.TextChoices):
        FROM_DETAINEE = "from_detainee", "from the detainee to the family"
        TO_DETAINEE = "to_detainee", "from the family to the detainee"

    detainee = models.ForeignKey(Detainee, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    direction = models.CharField(max_length=20, choices=Direction.choices)
    written_on = models.DateField(help_text="date written, or of the call or visit")
    collected_on = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.written_on}"

    @property
    def contact_date(self):
        """The day the family and the detainee were in contact: delivery for a
        message, the day itself for a call or visit; None while undelivered."""
        return self.delivered_on if self.kind == self.Kind.MESSAGE else self.written_on


class Proceeding(models.Model):
    detainee = models.ForeignKey(Detainee, on_delete=models.CASCADE, related_name="proceedings")
    case_reference = models.CharField(max_length=100)
    court = models.CharField(max_length=200)
    charges = models.TextField()
    verdict = models.CharField(max_length=200, blank=True)
    verdict_on = models.DateField(null=True, blank=True)
    sentence = models.CharField(max_length=200, blank=True)
    appeal = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.case_reference


class Hearing(models.Model):
    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="hearings")
    date = models.DateField()
    outcome = models.CharField(max_length=300, blank=True)
    next_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"hearing {self.date}"


class Movement(models.Model):
    """A release, transfer between parties, or repatriation."""

    class Kind(models.TextChoices):
        RELEASE = "release", "release"
        TRANSFER = "transfer", "transfer to another party"
        REPATRIATION = "repatriation", "repatriation"

    detainee = models.ForeignKey(Detainee, on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    route = models.CharField(max_length=300, blank=True)
    consent_recorded = models.BooleanField(
        default=False, help_text="the detainee's wish was ascertained"
    )

    def __str__(self) -> str:
        return f"{self.kind} {self.date}"


class Notification(models.Model):
    """Information exchanged between the parties about a detainee."""

    class Direction(models.TextChoices):
        SENT = "sent", "sent"
        RECEIVED = "received", "received"

    detainee = models.ForeignKey(Detainee, on_delete=models.CASCADE, related_name="notifications")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    party = models.CharField(max_length=200)
    date = models.DateField()
    subject = models.CharField(max_length=300)

    def __str__(self) -> str:
        return self.subject


class ConsularRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "requested"
        ACCEPTED = "accepted", "accepted"
        REFUSED = "refused", "refused"
        VISIT_DONE = "visit_done", "visit done"

    requesting_state = models.CharField(max_length=100)
    protecting_power = models.CharField(max_length=100)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    detainee = models.ForeignKey(Detainee, on_delete=models.PROTECT, related_name="consular")
    requested_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    decided_on = models.DateField(null=True, blank=True)
    visited_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_on"]

    def __str__(self) -> str:
        return f"consular request {self.pk}"


class Dossier(models.Model):
    """An enforced-disappearance dossier: a person last seen deprived of liberty whose
    fate is not acknowledged."""

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ed_dossiers")
    last_seen_on = models.DateField()
    last_seen_where = models.CharField(max_length=300)
    summary = models.TextField()

    def __str__(self) -> str:
        return self.reference


class EvidenceItem(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "document"
        PHOTO = "photo", "photograph"
        VIDEO = "video", "video"
        STATEMENT = "statement", "witness statement"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300)
    file = models.FileField(upload_to="evidence/%Y/")
    sha256 = models.CharField(max_length=64)
    received_on = models.DateField()
    received_from = models.CharField(max_length=200)
    custody = models.JSONField(
        default=list, blank=True, help_text="[{at, by, action, note}] — the evidence's custody"
    )

    def __str__(self) -> str:
        return self.description


class Submission(models.Model):
    class Body(models.TextChoices):
        WGEID = "wgeid", "UN Working Group on Enforced or Involuntary Disappearances"
        CED = "ced", "UN Committee on Enforced Disappearances"
        COURT = "regional_court", "regional human-rights court"
        OTHER = "other", "other body"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="submissions")
    body = models.CharField(max_length=20, choices=Body.choices)
    submitted_on = models.DateField()
    reference = models.CharField(max_length=100, blank=True)
    deadline = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    response_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_on"]

    def __str__(self) -> str:
        return f"{self.body} {self.submitted_on}"
