"""Persons, their names in several scripts, documents and relationships."""

from __future__ import annotations

from django.db import models

from casework.persons.partial_dates import PartialDate


class Sex(models.TextChoices):
    MALE = "M", "male"
    FEMALE = "F", "female"
    UNKNOWN = "U", "unknown"


class Script(models.TextChoices):
    AZ_LATIN = "az-Latn", "Azerbaijani (Latin)"
    CYRILLIC = "ru-Cyrl", "Cyrillic"
    ARMENIAN = "hy-Armn", "Armenian"
    ENGLISH = "en-Latn", "English / passport"


def get_partial(obj: models.Model, prefix: str) -> PartialDate | None:
    year = getattr(obj, f"{prefix}_year")
    if year is None:
        return None
    return PartialDate(
        year,
        getattr(obj, f"{prefix}_month"),
        getattr(obj, f"{prefix}_day"),
        getattr(obj, f"{prefix}_approx"),
    )


def set_partial(obj: models.Model, prefix: str, value: PartialDate | None) -> None:
    setattr(obj, f"{prefix}_year", value.year if value else None)
    setattr(obj, f"{prefix}_month", value.month if value else None)
    setattr(obj, f"{prefix}_day", value.day if value else None)
    setattr(obj, f"{prefix}_approx", value.approximate if value else False)
    setattr(obj, f"{prefix}_key", value.sort_key if value else None)


class Place(models.Model):
    """A named place (village, town, district). ``region`` groups places for filters."""

    name = models.CharField(max_length=200)
    region = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="uniq_place")]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})" if self.region else self.name


class Person(models.Model):
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    # Space-separated search skeletons of every name part of every variant
    # (see linkage.normalise.name_skeleton), with a leading and trailing space.
    search_keys = models.TextField(blank=True, default="")
    display_name = models.CharField(max_length=300, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # A partial date is four columns plus a sortable key (see partial_dates.py).
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_approx = models.BooleanField(default=False)
    birth_key = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["display_name", "id"]
        permissions = [("view_contact", "Can see the contact details of families")]

    def __str__(self) -> str:
        return self.display_name or f"Person {self.pk}"

    @property
    def birth(self) -> PartialDate | None:
        return get_partial(self, "birth")


class PersonName(models.Model):
    """One rendering of a person's name in one script. ``primary`` marks the form
    used for display; every variant is searchable."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    script = models.CharField(max_length=10, choices=Script.choices)
    given = models.CharField(max_length=100)
    patronymic = models.CharField(max_length=100, blank=True)
    family = models.CharField(max_length=100, blank=True)
    primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-primary", "script", "id"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.family, self.given, self.patronymic) if p)


class IdentityDocument(models.Model):
    class Kind(models.TextChoices):
        PASSPORT = "passport", "passport"
        NATIONAL_ID = "national_id", "national identity card"
        BIRTH_CERT = "birth_certificate", "birth certificate"
        MILITARY_ID = "military_id", "military identity card"
        OTHER = "other", "other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    number = models.CharField(max_length=100)
    issuer = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "number", "issuer"], name="uniq_document")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Relationship(models.Model):
    """``from_person`` is the ``kind`` of ``to_person`` (e.g. from=A, kind=parent,
    to=B: A is B's parent). The inverse is derived, never stored twice."""

    class Kind(models.TextChoices):
        PARENT = "parent", "parent"
        CHILD = "child", "child"
        SIBLING = "sibling", "full sibling"
        HALF_SIBLING = "half_sibling", "half-sibling"
        SPOUSE = "spouse", "spouse"
        GRANDPARENT = "grandparent", "grandparent"
        GRANDCHILD = "grandchild", "grandchild"
        UNCLE_AUNT = "uncle_aunt", "uncle or aunt"
        NEPHEW_NIECE = "nephew_niece", "nephew or niece"
        COUSIN = "cousin", "cousin"
        OTHER = "other", "other relative"

    INVERSE = {
        "parent": "child",
        "child": "parent",
        "sibling": "sibling",
        "half_sibling": "half_sibling",
        "spouse": "spouse",
        "grandparent": "grandchild",
        "grandchild": "grandparent",
        "uncle_aunt": "nephew_niece",
        "nephew_niece": "uncle_aunt",
        "cousin": "cousin",
        "other": "other",
    }

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_out")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_person", "to_person", "kind"], name="uniq_rel"),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="rel_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person_id} is {self.kind} of {self.to_person_id}"
