"""Frequency tables, matching runs, candidates and identifications (the DNA profiles
are in ``samples``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.remains.models import Remains
from casework.tracing.models import Case


class FrequencyTable(models.Model):
    """An allele-frequency table, versioned, with its source citation. ``data`` is
    {marker: {"alleles": [...], "afreq": [...]}} in R's allele order."""

    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    citation = models.TextField()
    digest = models.CharField(max_length=64, unique=True)
    data = models.JSONField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="uniq_table")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class MatchingRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "finished"
        FAILED = "failed", "failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    frequency_table = models.ForeignKey(FrequencyTable, on_delete=models.PROTECT)
    mutation = models.JSONField(help_text="mutation model specification (pedmut style)")
    prior = models.FloatField(help_text="prior probability that given remains are a given MP")
    lr_report_threshold = models.FloatField(default=1.0)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    n_remains = models.PositiveIntegerField(default=0)
    n_families = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    provenance = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"matching run {self.pk}"


class Candidate(models.Model):
    """One remains–missing person pair from a run, with its LR and posterior."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="candidates")
    remains = models.ForeignKey(Remains, on_delete=models.PROTECT, related_name="candidates")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dna_candidates")
    log10_lr = models.FloatField()
    posterior = models.FloatField()
    rank = models.PositiveSmallIntegerField()
    per_marker = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["run", "remains", "rank"]
        indexes = [models.Index(fields=["run", "case"])]

    def __str__(self) -> str:
        return f"{self.remains_id} ~ {self.case_id} (run {self.run_id})"


class Identification(models.Model):
    """A decision that remains are a named missing person: proposed by one forensic
    specialist, confirmed by a second (four eyes)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "proposed (awaiting a second specialist)"
        CONFIRMED = "confirmed", "confirmed"
        REJECTED = "rejected", "rejected"

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    remains = models.ForeignKey(Remains, on_delete=models.PROTECT, related_name="identifications")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identifications")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    log10_lr = models.FloatField()
    posterior = models.FloatField()
    threshold = models.FloatField()
    override_reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    family_notified_on = models.DateField(null=True, blank=True)
    remains_handed_over_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        permissions = [("decide_identification", "Can propose and confirm identifications")]

    def __str__(self) -> str:
        return f"identification {self.pk}: {self.remains_id} = {self.case_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED
