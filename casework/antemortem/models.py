"""Family pedigrees of missing persons, reference samples, consent and custody."""

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
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.sample_id} {self.step}"


# FDI two-digit tooth numbers, permanent dentition, quadrants 1–4.
TEETH = [q * 10 + t for q in (1, 2, 3, 4) for t in range(1, 9)]


class ToothStatus(models.TextChoices):
    UNKNOWN = "", "unknown"
    PRESENT = "present", "present, sound"
    FILLED = "filled", "filled"
    CROWN = "crown", "crown"
    BRIDGE = "bridge", "bridge"
    ROOT_CANAL = "root_canal", "root canal treated"
    MISSING_AM = "missing", "missing (extracted before disappearance)"
    DENTURE = "denture", "denture"


class AMRecord(models.Model):
    """Ante-mortem data of one missing person, following the sections of the INTERPOL
    DVI ante-mortem form: physical description, distinctive marks, medical history,
    dental history (chart), clothing and personal effects, photographs."""

    class Build(models.TextChoices):
        UNKNOWN = "", "unknown"
        SLIM = "slim", "slim"
        MEDIUM = "medium", "medium"
        STOCKY = "stocky", "stocky / heavy"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="am_record")
    informant = models.CharField(max_length=200, help_text="who gave the information")
    informant_relationship = models.CharField(max_length=60, blank=True)
    interviewed_on = models.DateField()
    # Physical description
    age_at_disappearance = models.PositiveSmallIntegerField(null=True, blank=True)
    stature_min = models.PositiveSmallIntegerField(null=True, blank=True, help_text="cm")
    stature_max = models.PositiveSmallIntegerField(null=True, blank=True, help_text="cm")
    build = models.CharField(max_length=10, choices=Build.choices, blank=True)
    hair = models.CharField(max_length=100, blank=True, help_text="colour, length, type")
    eyes = models.CharField(max_length=60, blank=True)
    # Distinctive marks, medical, dental, clothing
    marks = models.TextField(blank=True, help_text="scars, tattoos, birthmarks, amputations")
    medical = models.TextField(blank=True, help_text="fractures, surgery, implants, illnesses")
    dental_chart = models.JSONField(default=dict, blank=True, help_text="FDI tooth → status")
    dental_notes = models.TextField(blank=True)
    dentist = models.CharField(max_length=200, blank=True)
    clothing = models.TextField(blank=True)
    effects = models.TextField(blank=True, help_text="jewellery, documents, personal effects")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"AM data of {self.case_id}"


class AMPhoto(models.Model):
    record = models.ForeignKey(AMRecord, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="am-photos/%Y/")
    caption = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"
