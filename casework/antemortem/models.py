"""Ante-mortem data of missing persons (INTERPOL DVI AM form): description, dental
chart, photographs. The family pedigrees and reference samples are in ``samples``."""

from __future__ import annotations

from django.db import models

from casework.tracing.models import Case

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
