"""Recovery sites and remains with their post-mortem findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from casework.core.audit import audit_record
from casework.core.errors import ValidationFailed
from casework.core.flows import Actor, flow
from casework.remains.models import RecoverySite, Remains

PERMISSION = "remains.add_remains"


@flow("remains.site.register", permission=PERMISSION)
def site_register(
    *,
    code: str,
    kind: str,
    by: Actor,
    latitude: float | None = None,
    longitude: float | None = None,
    exhumed_on: dt.date | None = None,
    notes: str = "",
) -> RecoverySite:
    code = code.strip().upper()
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = ["Give the site's code."]
    elif RecoverySite.objects.filter(code=code).exists():
        errors["code"] = [f"Site {code} exists."]
    if kind not in RecoverySite.Kind.values:
        errors["kind"] = [f"unknown site kind {kind!r}"]
    if latitude is not None and not -90 <= latitude <= 90:
        errors["latitude"] = ["Latitude is between −90 and 90."]
    if longitude is not None and not -180 <= longitude <= 180:
        errors["longitude"] = ["Longitude is between −180 and 180."]
    if exhumed_on and exhumed_on > dt.date.today():
        errors["exhumed_on"] = ["The exhumation date is in the future."]
    if errors:
        raise ValidationFailed(errors)
    site = RecoverySite.objects.create(
        code=code,
        kind=kind,
        latitude=latitude,
        longitude=longitude,
        exhumed_on=exhumed_on,
        notes=notes,
    )
    audit_record(by=by, action="remains.site.register", obj=site, changes={"code": code})
    return site


def _site(site_id: Any) -> RecoverySite | None:
    try:
        return RecoverySite.objects.filter(pk=int(site_id)).first()
    except (TypeError, ValueError, OverflowError):
        return None


@flow("remains.remains.register", permission=PERMISSION)
def remains_register(
    *,
    site_id: int,
    code: str,
    sample_barcode: str,
    kind: str,
    by: Actor,
    pm_sex: str = "U",
    pm_age_min: int | None = None,
    pm_age_max: int | None = None,
    pm_stature_min: int | None = None,
    pm_stature_max: int | None = None,
    pm_dental: str = "",
    pm_effects: str = "",
) -> Remains:
    code, barcode = code.strip().upper(), sample_barcode.strip().upper()
    errors: dict[str, list[str]] = {}
    site = _site(site_id)
    if site is None:
        errors["site"] = [_("No such recovery site.")]
    if kind not in Remains.Kind.values:
        errors["kind"] = [_("Unknown kind of remains %(k)r.") % {"k": kind}]
    if pm_sex not in ("M", "F", "U"):
        errors["pm_sex"] = [_("PM sex is M, F or U.")]
    if not code:
        errors["code"] = ["Give the remains' code."]
    elif Remains.objects.filter(code=code).exists():
        errors["code"] = [f"Remains {code} exist."]
    if not barcode:
        errors["sample_barcode"] = ["Give the DNA sample's barcode."]
    elif Remains.objects.filter(sample_barcode=barcode).exists():
        errors["sample_barcode"] = ["This barcode is already used."]
    for lo, hi, name in (
        (pm_age_min, pm_age_max, "pm_age_max"),
        (pm_stature_min, pm_stature_max, "pm_stature_max"),
    ):
        if lo is not None and hi is not None and lo > hi:
            errors[name] = ["The maximum is below the minimum."]
    if errors:
        raise ValidationFailed(errors)
    assert site is not None
    remains = Remains.objects.create(
        site=site,
        code=code,
        sample_barcode=barcode,
        kind=kind,
        pm_sex=pm_sex,
        pm_age_min=pm_age_min,
        pm_age_max=pm_age_max,
        pm_stature_min=pm_stature_min,
        pm_stature_max=pm_stature_max,
        pm_dental=pm_dental,
        pm_effects=pm_effects,
    )
    audit_record(
        by=by,
        action="remains.register",
        obj=remains,
        changes={"code": code, "site": site.code, "barcode": barcode},
    )
    return remains
