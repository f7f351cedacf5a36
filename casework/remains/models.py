"""Recovery sites, recovered remains and their post-mortem findings."""

from __future__ import annotations

from django.db import models

from casework.persons.models import Place


class RecoverySite(models.Model):
    class Kind(models.TextChoices):
        GRAVE = "grave", "individual grave"
        MASS_GRAVE = "mass_grave", "mass grave"
        SURFACE = "surface", "surface recovery"
        OTHER = "other", "other"

    code = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    exhumed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Remains(models.Model):
    class Kind(models.TextChoices):
        BODY = "body", "body"
        PART = "part", "body part"
        COMMINGLED = "commingled", "commingled remains"

    code = models.CharField(max_length=40, unique=True)
    sample_barcode = models.CharField(
        max_length=40, unique=True, help_text="barcode of the DNA sample sent to the lab"
    )
    site = models.ForeignKey(RecoverySite, on_delete=models.PROTECT, related_name="remains")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BODY)
    pm_sex = models.CharField(
        max_length=1, choices=[("M", "male"), ("F", "female"), ("U", "undetermined")], default="U"
    )
    pm_age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    pm_age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    pm_stature_min = models.PositiveSmallIntegerField(null=True, blank=True, help_text="cm")
    pm_stature_max = models.PositiveSmallIntegerField(null=True, blank=True, help_text="cm")
    pm_dental = models.TextField(blank=True)
    pm_effects = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "remains"
        permissions = [("view_genetics", "Can see genotypes, LRs and candidate matches")]

    def __str__(self) -> str:
        return self.code
