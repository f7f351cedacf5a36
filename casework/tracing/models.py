"""Tracing requests, the registry of cases (one per sought person), the case
lifecycle, and list editions submitted to an authority."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.persons.models import Person, Place, get_partial


class Event(models.Model):
    """A disappearance event (an attack, a battle, a flight) that groups cases."""

    name = models.CharField(max_length=200, unique=True)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["year", "name"]

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.TextChoices):
    CONSENT = "consent", "consent of the data subject or family"
    VITAL_INTEREST = "vital_interest", "vital interest of the person sought"
    PUBLIC_INTEREST = "public_interest", "important public interest / humanitarian mandate"
    LEGAL_OBLIGATION = "legal_obligation", "legal obligation"


class TracingRequest(models.Model):
    """An enquirer's request to find one or more sought persons."""

    reference = models.CharField(max_length=40, unique=True)
    source_ref = models.CharField(
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text="Identifier in the file it was imported from (makes re-imports idempotent).",
    )
    source_digest = models.CharField(max_length=64, blank=True)
    enquirer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="requests_made")
    enquirer_relationship = models.CharField(max_length=30)
    received_on = models.DateField()
    legal_basis = models.CharField(max_length=30, choices=LegalBasis.choices)
    purpose = models.TextField(default="Tracing the sought person and informing the family.")
    consent_given = models.BooleanField(default=False)
    consent_date = models.DateField(null=True, blank=True)
    consent_scope = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.reference


class CaseStatus(models.TextChoices):
    OPEN = "open", "open"
    BEING_TRACED = "being_traced", "being traced"
    AM_COLLECTED = "am_collected", "AM data collected"
    SAMPLES_COLLECTED = "samples_collected", "reference samples collected"
    MATCH_PROPOSED = "match_proposed", "match proposed"
    IDENTIFIED = "identified", "identified"
    FOUND_ALIVE = "found_alive", "found alive"
    DEATH_CONFIRMED = "death_confirmed", "death confirmed"
    ENDED_WITHOUT_RESULT = "ended_without_result", "tracing ended without result"
    CLOSED = "closed", "closed"


class CloseReason(models.TextChoices):
    RESOLVED = "resolved", "resolved (outcome communicated to the family)"
    WITHDRAWN = "withdrawn", "withdrawn by the enquirer"
    MERGED = "merged", "merged into another case (duplicate)"
    NO_CONSENT = "no_consent", "consent withdrawn"
    OUT_OF_MANDATE = "out_of_mandate", "outside the mandate"


class Case(models.Model):
    """One sought person of one tracing request: a line of the registry, with a
    case number that never changes."""

    case_number = models.CharField(max_length=20, unique=True)
    request = models.ForeignKey(TracingRequest, on_delete=models.PROTECT, related_name="cases")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(
        max_length=30, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    close_reason = models.CharField(max_length=30, choices=CloseReason.choices, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    # Circumstances of disappearance.
    disappearance_year = models.PositiveSmallIntegerField(null=True, blank=True)
    disappearance_month = models.PositiveSmallIntegerField(null=True, blank=True)
    disappearance_day = models.PositiveSmallIntegerField(null=True, blank=True)
    disappearance_approx = models.BooleanField(default=False)
    disappearance_key = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    disappearance_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    last_seen_where = models.CharField(max_length=300, blank=True)
    last_seen_when = models.CharField(max_length=40, blank=True)
    last_seen_by = models.CharField(max_length=300, blank=True)
    circumstances = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_number"]
        permissions = [("import_tracing", "Can import tracing requests from files")]
        indexes = [models.Index(fields=["status", "case_number"])]

    def __str__(self) -> str:
        return self.case_number

    @property
    def disappearance(self):
        return get_partial(self, "disappearance")


class CaseStatusChange(models.Model):
    """The lifecycle history of a case (also in the audit log)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=CaseStatus.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


class ListEdition(models.Model):
    """A frozen, numbered snapshot of the registry (or of a filter of it)."""

    number = models.PositiveIntegerField(unique=True)
    edition_date = models.DateField()
    recipient = models.CharField(max_length=300)
    criteria = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    frozen_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Edition {self.number}"


class ListEditionEntry(models.Model):
    """One case as it stood when the edition was frozen. ``data`` is the exported row."""

    edition = models.ForeignKey(ListEdition, on_delete=models.PROTECT, related_name="entries")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="edition_entries")
    case_number = models.CharField(max_length=20)
    data = models.JSONField()

    class Meta:
        ordering = ["case_number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "case"], name="uniq_edition_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_number} in edition {self.edition_id}"


class AuthorityResponse(models.Model):
    class Kind(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", "acknowledged"
        MATCHED = "matched", "matched with the authority's records"
        QUERY = "query", "query (more information requested)"
        INFORMATION = "information", "information provided on the fate"
        REJECTED = "rejected", "not accepted"

    entry = models.ForeignKey(ListEditionEntry, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    received_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.received_on})"


class OutcomeEvidence(models.Model):
    """What establishes that a sought person was found alive or that their death is
    confirmed: the source, when the information dates from, a document or a witness,
    who recorded it — and a second officer's review. Only a confirmed record moves the
    case to its outcome (four eyes, as for an identification)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "document"
        WITNESS = "witness", "witness statement"
        OFFICIAL = "official", "official notification"
        OTHER = "other", "other"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "proposed (awaiting review)"
        CONFIRMED = "confirmed", "confirmed"
        REJECTED = "rejected", "rejected"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="outcome_evidence")
    outcome = models.CharField(max_length=30, choices=CaseStatus.choices)
    source = models.CharField(max_length=300)
    information_date = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reference = models.CharField(
        max_length=300, blank=True, help_text="Document reference, or the witness's name."
    )
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        permissions = [
            ("review_outcomeevidence", "Can confirm or reject evidence of a case's outcome")
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} evidence for case {self.case_id}"
