"""The reference side of DNA identification: a missing person's family pedigree and
its members (the donors), their reference samples with consent and tombstones, each
sample's chain of custody, and the laboratory's DNA profiles (of reference samples and
of remains, tied to them by barcode only).

These models moved here from ``antemortem`` and ``identification`` (decision 0004);
their tables keep their old names, so no row was copied or lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casework.persons.models import Person
from casework.tracing.models import Case


class FamilyPedigree(models.Model):
    """The pedigree of one missing person's family: who is related how, who gave a
    reference sample. One per case (the MP)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="pedigree")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "antemortem_familypedigree"

    def __str__(self) -> str:
        return f"pedigree of {self.case.case_number}"


class PedigreeMember(models.Model):
    pedigree = models.ForeignKey(FamilyPedigree, on_delete=models.CASCADE, related_name="members")
    label = models.CharField(max_length=40, help_text="e.g. MP, FA, MO, S1")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="pedigree_positions"
    )
    sex = models.CharField(max_length=1, choices=[("M", "male"), ("F", "female")])
    father = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mother = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_missing = models.BooleanField(default=False)

    class Meta:
        db_table = "antemortem_pedigreemember"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["pedigree", "label"], name="uniq_member_label")
        ]

    def __str__(self) -> str:
        return self.label


class ReferenceSample(models.Model):
    """A relative's biological reference sample, known to the laboratory by its
    barcode only."""

    class Status(models.TextChoices):
        ACTIVE = "active", "active"
        WITHDRAWN = "withdrawn", "consent withdrawn (profile destroyed)"

    barcode = models.CharField(max_length=40, unique=True)
    member = models.ForeignKey(PedigreeMember, on_delete=models.PROTECT, related_name="samples")
    collected_on = models.DateField()
    consent_identification_only = models.BooleanField(
        default=True, help_text="Use for identification of the missing relative only"
    )
    retention_until = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    tombstone = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "antemortem_referencesample"
        ordering = ["barcode"]

    def __str__(self) -> str:
        return self.barcode


class CustodyEvent(models.Model):
    """One step of a sample's chain of custody."""

    class Step(models.TextChoices):
        COLLECTED = "collected", "collected"
        SENT = "sent", "sent to the laboratory"
        RECEIVED = "received", "received by the laboratory"
        PROFILED = "profiled", "profiled"
        STORED = "stored", "stored"
        DESTROYED = "destroyed", "destroyed"

    sample = models.ForeignKey(ReferenceSample, on_delete=models.PROTECT, related_name="custody")
    step = models.CharField(max_length=20, choices=Step.choices)
    at = models.DateTimeField()
    holder = models.CharField(max_length=200, help_text="who holds the sample after this step")
    place = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        db_table = "antemortem_custodyevent"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.sample_id} {self.step}"


class DNAProfile(models.Model):
    """A laboratory's STR profile of one sample, tied to the sample by barcode only.

    A barcode may have several versions; the newest one not destroyed is current,
    older ones are kept (a replacement never deletes)."""

    class Kind(models.TextChoices):
        REFERENCE = "reference", "reference (relative)"
        REMAINS = "remains", "remains"

    barcode = models.CharField(max_length=40, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    genotypes = models.JSONField(help_text="marker → [allele, allele] (one allele: hemizygous)")
    amelogenin = models.CharField(max_length=10, blank=True)
    laboratory = models.CharField(max_length=200, blank=True)
    source_file = models.CharField(max_length=300, blank=True)
    digest = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    destroyed = models.BooleanField(default=False)

    class Meta:
        db_table = "identification_dnaprofile"
        ordering = ["barcode", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["barcode", "digest"], name="uniq_profile_version")
        ]

    def __str__(self) -> str:
        return f"profile {self.barcode}"
