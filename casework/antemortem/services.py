"""Use cases that write ante-mortem data: save the AM record of a case (the audit
entry lists every changed field with its old and new value) and add a photograph."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from casework.antemortem.models import TEETH, AMPhoto, AMRecord, ToothStatus
from casework.antemortem.selectors import access_am_case
from casework.core.audit import audit_record
from casework.core.errors import ValidationFailed
from casework.core.flows import Actor, flow

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
NULLABLE = ("age_at_disappearance", "stature_min", "stature_max")
ALLOWED_PHOTO = {".jpg", ".jpeg", ".png", ".webp"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024
SAVE_RECORD_FIRST = "Save the AM data before adding photographs."


def _snapshot(r: AMRecord) -> dict[str, Any]:
    return {
        f: (str(getattr(r, f)) if isinstance(getattr(r, f), dt.date) else getattr(r, f))
        for f in FIELDS
    }


def _validate(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    if not str(data.get("informant", "")).strip():
        errors["informant"] = [_("Say who gave the information.")]
    on = data.get("interviewed_on")
    if on is None:
        errors["interviewed_on"] = [_("Give the date of the interview.")]
    elif on > dt.date.today():
        errors["interviewed_on"] = [_("The interview date is in the future.")]
    lo, hi = data.get("stature_min"), data.get("stature_max")
    if lo is not None and hi is not None and lo > hi:
        errors["stature_max"] = [_("The maximum is below the minimum.")]
    chart = {str(k): v for k, v in (data.get("dental_chart") or {}).items() if v}
    bad = [
        k
        for k, v in chart.items()
        if not str(k).isdigit() or int(k) not in TEETH or v not in ToothStatus.values
    ]
    if bad:
        errors["dental_chart"] = [
            _("invalid tooth entries: %(teeth)s") % {"teeth": ", ".join(sorted(bad))}
        ]
    if errors:
        raise ValidationFailed(errors)
    return chart


@flow("antemortem.record.save", permission="antemortem.change_amrecord")
def am_record_save(*, case_id: int, data: dict[str, Any], by: Actor, reason: str = "") -> AMRecord:
    """Create or update the AM record of a case the actor may see; the audit entry
    lists every changed field with its old and new value."""
    case = access_am_case(by, case_id)
    chart = _validate(data)
    record = AMRecord.objects.filter(case=case).first()
    before = _snapshot(record) if record else {}
    record = record or AMRecord(case=case)
    for f in FIELDS:
        if f == "dental_chart":
            record.dental_chart = chart
        elif f in data:
            setattr(record, f, data[f] if data[f] is not None or f in NULLABLE else "")
    record.save()
    after = _snapshot(record)
    changes = {k: [before.get(k), after[k]] for k in FIELDS if before.get(k) != after[k]}
    audit_record(by=by, action="antemortem.record.save", obj=record, changes=changes, reason=reason)
    return record


@flow("antemortem.photo.add", permission="antemortem.change_amrecord")
def am_photo_add(*, case_id: int, upload: UploadedFile, caption: str, by: Actor) -> AMPhoto:
    """Add a photograph (JPEG, PNG or WebP, at most 10 MB) to a case's AM record."""
    case = access_am_case(by, case_id)
    record = AMRecord.objects.filter(case=case).first()
    if record is None:
        raise ValidationFailed({"image": [SAVE_RECORD_FIRST]})
    name = (upload.name or "").lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in ALLOWED_PHOTO:
        raise ValidationFailed(
            {"image": [_("Use a JPEG, PNG or WebP image, not %(s)s.") % {"s": suffix or name}]}
        )
    if upload.size and upload.size > MAX_PHOTO_BYTES:
        raise ValidationFailed({"image": [_("The image is larger than 10 MB.")]})
    photo = AMPhoto.objects.create(record=record, image=upload, caption=caption)
    audit_record(
        by=by,
        action="antemortem.photo.add",
        obj=record,
        changes={"photo": [None, photo.image.name]},
    )
    return photo
