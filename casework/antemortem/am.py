"""Ante-mortem records: save with an audited diff, completeness per section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from casework.antemortem.models import TEETH, AMPhoto, AMRecord, ToothStatus
from casework.core.audit import audit_record
from casework.core.errors import ValidationFailed
from casework.tracing.models import Case

FIELDS = [
    "informant",
    "informant_relationship",
    "interviewed_on",
    "age_at_disappearance",
    "stature_min",
    "stature_max",
    "build",
    "hair",
    "eyes",
    "marks",
    "medical",
    "dental_chart",
    "dental_notes",
    "dentist",
    "clothing",
    "effects",
]
ALLOWED_PHOTO = {".jpg", ".jpeg", ".png", ".webp"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    done: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.of) if self.of else 0


def completeness(record: AMRecord | None) -> list[Section]:
    """Per section of the AM form: how many of its elements are filled."""
    if record is None:
        return [
            Section(k, label, 0, n)
            for k, label, n in (
                ("physical", "Physical description", 5),
                ("marks", "Distinctive marks", 1),
                ("medical", "Medical history", 1),
                ("dental", "Dental history", 2),
                ("clothing", "Clothing and effects", 2),
                ("photos", "Photographs", 1),
            )
        ]
    r = record
    physical = [
        r.age_at_disappearance is not None,
        r.stature_min is not None,
        bool(r.build),
        bool(r.hair),
        bool(r.eyes),
    ]
    charted = any(v for v in (r.dental_chart or {}).values())
    return [
        Section("physical", "Physical description", sum(physical), len(physical)),
        Section("marks", "Distinctive marks", int(bool(r.marks.strip())), 1),
        Section("medical", "Medical history", int(bool(r.medical.strip())), 1),
        Section(
            "dental",
            "Dental history",
            int(charted) + int(bool(r.dental_notes.strip() or r.dentist.strip())),
            2,
        ),
        Section(
            "clothing",
            "Clothing and effects",
            int(bool(r.clothing.strip())) + int(bool(r.effects.strip())),
            2,
        ),
        Section("photos", "Photographs", int(r.photos.exists()), 1),
    ]


def _snapshot(r: AMRecord) -> dict[str, Any]:
    return {
        f: (str(getattr(r, f)) if isinstance(getattr(r, f), dt.date) else getattr(r, f))
        for f in FIELDS
    }


def am_record_save(*, case: Case, data: dict[str, Any], by: Any, reason: str = "") -> AMRecord:
    """Create or update the AM record of a case; the audit entry lists every changed
    field with its old and new value."""
    errors: dict[str, list[str]] = {}
    if not str(data.get("informant", "")).strip():
        errors["informant"] = ["Say who gave the information."]
    on = data.get("interviewed_on")
    if on is None:
        errors["interviewed_on"] = ["Give the date of the interview."]
    elif on > dt.date.today():
        errors["interviewed_on"] = ["The interview date is in the future."]
    lo, hi = data.get("stature_min"), data.get("stature_max")
    if lo is not None and hi is not None and lo > hi:
        errors["stature_max"] = ["The maximum is below the minimum."]
    chart = {str(k): v for k, v in (data.get("dental_chart") or {}).items() if v}
    bad = [k for k, v in chart.items() if int(k) not in TEETH or v not in ToothStatus.values]
    if bad:
        errors["dental_chart"] = [f"invalid tooth entries: {', '.join(sorted(bad))}"]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        record = AMRecord.objects.filter(case=case).first()
        before = _snapshot(record) if record else {}
        record = record or AMRecord(case=case)
        for f in FIELDS:
            if f == "dental_chart":
                record.dental_chart = chart
            elif f in data:
                setattr(
                    record,
                    f,
                    data[f]
                    if data[f] is not None
                    or f in ("age_at_disappearance", "stature_min", "stature_max")
                    else "",
                )
        record.save()
        after = _snapshot(record)
        changes = {k: [before.get(k), after[k]] for k in FIELDS if before.get(k) != after[k]}
        audit_record(
            by=by, action="antemortem.record.save", obj=record, changes=changes, reason=reason
        )
    return record


def am_photo_add(*, record: AMRecord, upload: UploadedFile, caption: str, by: Any) -> AMPhoto:
    name = (upload.name or "").lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in ALLOWED_PHOTO:
        raise ValidationFailed({"image": [f"Use a JPEG, PNG or WebP image, not {suffix or name}."]})
    if upload.size and upload.size > MAX_PHOTO_BYTES:
        raise ValidationFailed({"image": ["The image is larger than 10 MB."]})
    with transaction.atomic():
        photo = AMPhoto.objects.create(record=record, image=upload, caption=caption)
        audit_record(
            by=by,
            action="antemortem.photo.add",
            obj=record,
            changes={"photo": [None, photo.image.name]},
        )
    return photo
