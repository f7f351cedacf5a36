"""List editions: freeze, export, diff, authority responses.

An edition is a frozen copy of the registry rows (or a filter of them) at one
moment. Rows are stored as exported, so an edition exported today is byte-for-byte
the list that was sent, whatever happened to the cases since. Case numbers never
change, so editions can be compared line by line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from casework.core.access import require_perm
from casework.core.audit import audit_record
from casework.core.errors import NotFound, ValidationFailed
from casework.persons.models import PersonName, Script
from casework.tracing.models import (
    AuthorityResponse,
    Case,
    CaseStatus,
    CaseStatusChange,
    CloseReason,
    ListEdition,
    ListEditionEntry,
)
from casework.tracing.selectors import ACTIVE_CRITERIA, RegistryFilters, filter_cases

COLUMNS = [
    ("case_number", "Case number"),
    ("family_name", "Family name"),
    ("given_name", "Given name"),
    ("patronymic", "Patronymic"),
    ("name_az", "Name (Azerbaijani Latin)"),
    ("name_ru", "Name (Cyrillic)"),
    ("name_hy", "Name (Armenian)"),
    ("name_en", "Name (English/passport)"),
    ("sex", "Sex"),
    ("birth", "Date of birth"),
    ("disappearance_date", "Date of disappearance"),
    ("disappearance_place", "Place of disappearance"),
    ("region", "Region"),
    ("event", "Event"),
    ("last_seen_where", "Last seen where"),
    ("status", "Status"),
]
COLUMN_KEYS = [c for c, _ in COLUMNS]
RECIPIENT_REQUIRED = "Name the authority that receives this edition."
EMPTY_EDITION = "No case matches these criteria; an empty edition is not created."

_SCRIPT_COLUMN = {
    Script.AZ_LATIN: "name_az",
    Script.CYRILLIC: "name_ru",
    Script.ARMENIAN: "name_hy",
    Script.ENGLISH: "name_en",
}


def edition_row(case: Case) -> dict[str, str]:
    names = list(case.person.names.all())
    primary = next((n for n in names if n.primary), names[0] if names else None)
    row = dict.fromkeys(COLUMN_KEYS, "")
    row["case_number"] = case.case_number
    if primary:
        row.update(
            family_name=primary.family, given_name=primary.given, patronymic=primary.patronymic
        )
    for n in names:
        col = _SCRIPT_COLUMN.get(Script(n.script))
        if col and not row[col]:
            row[col] = str(n)
    row["sex"] = case.person.sex
    row["birth"] = str(case.person.birth or "")
    row["disappearance_date"] = str(case.disappearance or "")
    place = case.disappearance_place
    row["disappearance_place"] = place.name if place else ""
    row["region"] = place.region if place else ""
    row["event"] = case.event.name if case.event else ""
    row["last_seen_where"] = case.last_seen_where
    row["status"] = CaseStatus(case.status).label
    return row


def _cases_for(criteria: RegistryFilters):
    qs = Case.objects.select_related("person", "event", "disappearance_place").prefetch_related(
        Prefetch("person__names", queryset=PersonName.objects.order_by("-primary", "script", "id"))
    )
    return filter_cases(qs, criteria).order_by("case_number")


def edition_create(
    *,
    recipient: str,
    edition_date: dt.date,
    by: Any,
    criteria: RegistryFilters | None = None,
    note: str = "",
    number: int | None = None,
    frozen_at: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ListEdition:
    """Freeze the cases matching ``criteria`` (default: every active case) as the
    next edition."""
    criteria = criteria or ACTIVE_CRITERIA
    if not recipient.strip():
        raise ValidationFailed({"recipient": [RECIPIENT_REQUIRED]})
    with transaction.atomic():
        last = ListEdition.objects.aggregate(m=Max("number"))["m"] or 0
        number = number or last + 1
        if ListEdition.objects.filter(number=number).exists():
            raise ValidationFailed({"number": [f"Edition {number} already exists."]})
        cases = list(_cases_for(criteria))
        if not cases:
            raise ValidationFailed({"criteria": [EMPTY_EDITION]})
        edition = ListEdition.objects.create(
            number=number,
            edition_date=edition_date,
            recipient=recipient.strip(),
            criteria=criteria.as_dict(),
            note=note,
            frozen_at=frozen_at or timezone.now(),
            created_by=by if getattr(by, "pk", None) else None,
        )
        entries = []
        for i, case in enumerate(cases, 1):
            entries.append(
                ListEditionEntry(
                    edition=edition, case=case, case_number=case.case_number, data=edition_row(case)
                )
            )
            if progress and i % 500 == 0:
                progress(i, len(cases))
        ListEditionEntry.objects.bulk_create(entries, batch_size=1000)
        if progress:
            progress(len(cases), len(cases))
        audit_record(
            by=by,
            action="tracing.edition.create",
            obj=edition,
            changes={
                "number": number,
                "entries": len(entries),
                "recipient": edition.recipient,
                "criteria": edition.criteria,
            },
        )
    return edition


def access_edition(user: Any, number: int) -> ListEdition:
    require_perm(user, "tracing.view_listedition")
    try:
        return ListEdition.objects.get(number=number)
    except (ListEdition.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def editions_list(*, viewer: Any):
    require_perm(viewer, "tracing.view_listedition")
    from django.db.models import Count

    return ListEdition.objects.annotate(n_entries=Count("entries")).order_by("-number")


# --- export -------------------------------------------------------------------


def _rows(edition: ListEdition) -> Iterable[list[str]]:
    for data in edition.entries.order_by("case_number").values_list("data", flat=True).iterator():
        yield [str(data.get(k, "")) for k in COLUMN_KEYS]


def edition_export_csv(edition: ListEdition, *, by: Any) -> bytes:
    """UTF-8 with a byte-order mark so that spreadsheet programs show every script."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([label for _, label in COLUMNS])
    writer.writerows(_rows(edition))
    with transaction.atomic():
        audit_record(by=by, action="tracing.edition.export", obj=edition, changes={"format": "csv"})
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def edition_export_xlsx(edition: ListEdition, *, by: Any) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None
    ws.title = f"Edition {edition.number}"
    ws.append([label for _, label in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in _rows(edition):
        ws.append(row)
    ws.freeze_panes = "B2"
    meta = wb.create_sheet("About")
    meta.append(["Edition", edition.number])
    meta.append(["Date", edition.edition_date.isoformat()])
    meta.append(["Recipient", edition.recipient])
    meta.append(["Criteria", RegistryFilters.from_dict(edition.criteria).describe()])
    meta.append(["Cases", edition.entries.count()])
    out = io.BytesIO()
    wb.save(out)
    with transaction.atomic():
        audit_record(
            by=by, action="tracing.edition.export", obj=edition, changes={"format": "xlsx"}
        )
    return out.getvalue()


# --- diff ---------------------------------------------------------------------

REMOVAL_REASON = {
    CaseStatus.IDENTIFIED: "identified",
    CaseStatus.FOUND_ALIVE: "found alive",
    CaseStatus.DEATH_CONFIRMED: "death confirmed",
    CaseStatus.ENDED_WITHOUT_RESULT: "tracing ended without result",
}
CLOSE_REMOVAL_REASON = {
    CloseReason.WITHDRAWN: "withdrawn",
    CloseReason.MERGED: "merged",
    CloseReason.NO_CONSENT: "withdrawn (consent withdrawn)",
    CloseReason.OUT_OF_MANDATE: "closed (outside the mandate)",
    CloseReason.RESOLVED: "closed (resolved)",
}
NOT_IN_CRITERIA = "no longer within the edition's criteria"


@dataclass
class Amendment:
    case_number: str
    case_id: int
    changes: dict[str, tuple[str, str]]


@dataclass
class Removal:
    case_number: str
    case_id: int
    reason: str
    row: dict[str, str]


@dataclass
class EditionDiff:
    old: ListEdition
    new: ListEdition
    added: list[dict[str, str]]
    removed: list[Removal]
    amended: list[Amendment]
    unchanged: int

    def summary(self) -> str:
        return (
            f"Edition {self.old.number} → {self.new.number}: {len(self.added)} added, "
            f"{len(self.removed)} removed, {len(self.amended)} amended, "
            f"{self.unchanged} unchanged"
        )


def _status_as_of(case_ids: list[int], when: dt.datetime) -> dict[int, CaseStatusChange]:
    last: dict[int, CaseStatusChange] = {}
    for change in CaseStatusChange.objects.filter(case_id__in=case_ids, at__lte=when).order_by(
        "at", "id"
    ):
        last[change.case_id] = change
    return last


def _removal_reason(change: CaseStatusChange | None, case: Case) -> str:
    if change is None:
        return NOT_IN_CRITERIA
    status = CaseStatus(change.to_status)
    if status in REMOVAL_REASON:
        return REMOVAL_REASON[status]
    if status == CaseStatus.CLOSED:
        code = change.reason.split(":", 1)[0] if change.reason else case.close_reason
        try:
            reason = CLOSE_REMOVAL_REASON[CloseReason(code)]
        except ValueError:
            reason = "closed"
        if code == CloseReason.MERGED and case.merged_into_id:
            reason += f" into {case.merged_into.case_number}"  # type: ignore[union-attr]
        return reason
    return NOT_IN_CRITERIA


def edition_diff(old: ListEdition, new: ListEdition) -> EditionDiff:
    """Cases added, removed (with why) and amended (field by field) from ``old`` to ``new``."""
    old_rows = {
        e.case_id: (e.case_number, e.data)
        for e in old.entries.only("case_id", "case_number", "data")
    }
    new_rows = {
        e.case_id: (e.case_number, e.data)
        for e in new.entries.only("case_id", "case_number", "data")
    }
    added = [
        new_rows[cid][1]
        for cid in sorted(new_rows.keys() - old_rows.keys(), key=lambda c: new_rows[c][0])
    ]
    removed_ids = sorted(old_rows.keys() - new_rows.keys(), key=lambda c: old_rows[c][0])
    as_of = _status_as_of(removed_ids, new.frozen_at)
    cases = Case.objects.select_related("merged_into").in_bulk(removed_ids)
    removed = [
        Removal(
            old_rows[cid][0], cid, _removal_reason(as_of.get(cid), cases[cid]), old_rows[cid][1]
        )
        for cid in removed_ids
    ]
    amended: list[Amendment] = []
    unchanged = 0
    for cid in sorted(old_rows.keys() & new_rows.keys(), key=lambda c: new_rows[c][0]):
        a, b = old_rows[cid][1], new_rows[cid][1]
        changes = {
            k: (str(a.get(k, "")), str(b.get(k, "")))
            for k in COLUMN_KEYS
            if str(a.get(k, "")) != str(b.get(k, ""))
        }
        if changes:
            amended.append(Amendment(new_rows[cid][0], cid, changes))
        else:
            unchanged += 1
    return EditionDiff(old, new, added, removed, amended, unchanged)


def edition_diff_for(*, viewer: Any, old_number: int, new_number: int) -> EditionDiff:
    old = access_edition(viewer, old_number)
    new = access_edition(viewer, new_number)
    return edition_diff(old, new)


# --- authority responses ---------------------------------------------------------


def authority_response_record(
    *, edition: ListEdition, case_number: str, kind: str, received_on: dt.date, note: str, by: Any
) -> AuthorityResponse:
    errors: dict[str, list[str]] = {}
    entry = edition.entries.filter(case_number=case_number).first()
    if entry is None:
        errors["case_number"] = [f"Case {case_number} is not in edition {edition.number}."]
    if kind not in AuthorityResponse.Kind.values:
        errors["kind"] = [f"unknown response {kind!r}"]
    if received_on < edition.edition_date:
        errors["received_on"] = ["A response cannot predate the edition it answers."]
    if received_on > dt.date.today():
        errors["received_on"] = ["A response cannot be received in the future."]
    if errors:
        raise ValidationFailed(errors)
    assert entry is not None
    with transaction.atomic():
        response = AuthorityResponse.objects.create(
            entry=entry,
            kind=kind,
            received_on=received_on,
            note=note,
            recorded_by=by if getattr(by, "pk", None) else None,
        )
        audit_record(
            by=by,
            action="tracing.edition.response",
            obj=response,
            changes={
                "edition": edition.number,
                "case_number": case_number,
                "kind": kind,
                "received_on": received_on.isoformat(),
            },
        )
    return response
