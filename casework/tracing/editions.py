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

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.errors import NotFound, ValidationFailed
from casework.core.flows import Actor, actor_may, flow, require_actor
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


def edition_row(case: Case, status: str | None = None) -> dict[str, str]:
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
    row["status"] = CaseStatus(status or case.status).label
    return row


def _cases_for(
    criteria: RegistryFilters, as_of: dt.datetime | None = None
) -> list[tuple[Case, str]]:
    """The cases matching ``criteria`` with their status — today's, or as it stood at
    ``as_of`` (read from the status history)."""
    qs = Case.objects.select_related("person", "event", "disappearance_place").prefetch_related(
        Prefetch("person__names", queryset=PersonName.objects.order_by("-primary", "script", "id"))
    )
    if as_of is None:
        return [(c, c.status) for c in filter_cases(qs, criteria).order_by("case_number")]
    wanted = set(criteria.status)
    without_status = RegistryFilters(**{**criteria.__dict__, "status": []})
    status_then: dict[int, str] = {}
    for case_id, to_status in (
        CaseStatusChange.objects.filter(at__lte=as_of)
        .order_by("at", "id")
        .values_list("case_id", "to_status")
    ):
        status_then[case_id] = to_status
    ids = [pk for pk, st in status_then.items() if not wanted or st in wanted]
    qs = filter_cases(qs, without_status).filter(pk__in=ids).order_by("case_number")
    return [(c, status_then[c.pk]) for c in qs]


AS_OF_FUTURE = "An edition cannot be frozen as of a moment in the future."


@flow("tracing.edition.create", permission="tracing.add_listedition")
def edition_create(
    *,
    recipient: str,
    edition_date: dt.date,
    by: Actor,
    criteria: RegistryFilters | None = None,
    note: str = "",
    as_of: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ListEdition:
    """Freeze the cases matching ``criteria`` (default: every active case) as the
    next edition. ``as_of`` reconstructs the registry as it stood at that moment
    (statuses from the status history) — the edition records it as its freezing time;
    used to rebuild an edition sent before the registry was kept here."""
    criteria = criteria or ACTIVE_CRITERIA
    if not recipient.strip():
        raise ValidationFailed({"recipient": [RECIPIENT_REQUIRED]})
    now = timezone.now()
    if as_of is not None and as_of > now:
        raise ValidationFailed({"as_of": [AS_OF_FUTURE]})
    last = ListEdition.objects.select_for_update().aggregate(m=Max("number"))["m"] or 0
    number = last + 1
    cases = _cases_for(criteria, as_of)
    if not cases:
        raise ValidationFailed({"criteria": [EMPTY_EDITION]})
    edition = ListEdition.objects.create(
        number=number,
        edition_date=edition_date,
        recipient=recipient.strip(),
        criteria=criteria.as_dict(),
        note=note,
        frozen_at=as_of or now,
        created_by=by,
    )
    entries = []
    for i, (case, status) in enumerate(cases, 1):
        entries.append(
            ListEditionEntry(
                edition=edition,
                case=case,
                case_number=case.case_number,
                data=edition_row(case, status),
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
            **({"as_of": as_of.isoformat()} if as_of else {}),
        },
    )
    return edition


def access_edition(user: Any, number: int) -> ListEdition:
    require_actor(user, "tracing.view_listedition")
    try:
        return ListEdition.objects.get(number=int(number))
    except (ListEdition.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


@flow("tracing.edition.form", permission="tracing.add_listedition", kind="read")
def edition_form_open(*, viewer: Actor) -> None:
    """The new-edition form is for those who may freeze an edition (else NotFound)."""


@flow("tracing.edition.response_form", permission="tracing.add_authorityresponse", kind="read")
def edition_for_response(*, viewer: Actor, number: int) -> ListEdition:
    """The edition an authority response is recorded for."""
    return access_edition(viewer, number)


@flow("tracing.edition.list", permission="tracing.view_listedition", kind="read")
def editions_list(*, viewer: Actor) -> QuerySet[ListEdition]:
    return ListEdition.objects.annotate(n_entries=Count("entries")).order_by("-number")


@flow("tracing.edition.get", permission="tracing.view_listedition", kind="read")
def edition_get(*, viewer: Actor, number: int) -> ListEdition:
    """An edition's header (number, date, recipient, criteria, size); no names."""
    return access_edition(viewer, number)


@dataclass(frozen=True)
class EditionPage:
    edition: ListEdition
    page: Page
    previous: ListEdition | None
    others: list[ListEdition]
    criteria: str
    can_respond: bool
    q: str


@flow("tracing.edition.page", permission="tracing.view_listedition", kind="read")
def edition_page(*, viewer: Actor, number: int, q: str = "", page: Any = 1) -> EditionPage:
    """An edition's page: its rows (names of missing persons), paginated; the read
    of a name list is audited."""
    edition = access_edition(viewer, number)
    audit_record(by=viewer, action="tracing.edition.view", obj=edition)
    entries = edition.entries.prefetch_related("responses").order_by("case_number")
    if q:
        entries = entries.filter(case_number__icontains=q)
    return EditionPage(
        edition=edition,
        page=Paginator(entries, 100).get_page(page),
        previous=ListEdition.objects.filter(number__lt=edition.number).order_by("-number").first(),
        others=list(ListEdition.objects.exclude(pk=edition.pk).order_by("number")),
        criteria=RegistryFilters.from_dict(edition.criteria).describe(),
        can_respond=actor_may(viewer, "tracing.add_authorityresponse"),
        q=q,
    )


# --- export -------------------------------------------------------------------


def _rows(edition: ListEdition) -> Iterable[list[str]]:
    for data in edition.entries.order_by("case_number").values_list("data", flat=True).iterator():
        yield [str(data.get(k, "")) for k in COLUMN_KEYS]


def _export_csv(edition: ListEdition) -> bytes:
    """UTF-8 with a byte-order mark so that spreadsheet programs show every script."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([label for _, label in COLUMNS])
    writer.writerows(_rows(edition))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _export_xlsx(edition: ListEdition) -> bytes:
    from openpyxl import Workbook  # heavy; loaded only to write a workbook
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
    return out.getvalue()


EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", _export_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _export_xlsx),
}


@dataclass(frozen=True)
class EditionExport:
    filename: str
    content_type: str
    body: bytes
    entries: int


@flow("tracing.edition.export", permission="tracing.view_listedition", kind="read")
def edition_export(*, viewer: Actor, number: int, fmt: str) -> EditionExport:
    """The edition as CSV or XLSX, byte for byte the list that was sent. A name list
    leaves the system: the export is an audited read. An unknown format is NotFound."""
    if fmt not in EXPORT_FORMATS:
        raise NotFound()
    edition = access_edition(viewer, number)
    content_type, write = EXPORT_FORMATS[fmt]
    body = write(edition)
    audit_record(by=viewer, action="tracing.edition.export", obj=edition, changes={"format": fmt})
    return EditionExport(
        filename=f"kintrace-edition-{edition.number:02d}.{fmt}",
        content_type=content_type,
        body=body,
        entries=edition.entries.count(),
    )


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


@flow("tracing.edition.diff", permission="tracing.view_listedition", kind="read")
def edition_diff_for(*, viewer: Actor, old_number: int, new_number: int) -> EditionDiff:
    """What changed between two editions (names of the cases added and removed):
    an audited read."""
    old = access_edition(viewer, old_number)
    new = access_edition(viewer, new_number)
    diff = edition_diff(old, new)
    audit_record(
        by=viewer,
        action="tracing.edition.diff",
        obj=new,
        changes={"old": old.number, "new": new.number},
    )
    return diff


# --- authority responses ---------------------------------------------------------


@flow("tracing.edition.response", permission="tracing.add_authorityresponse")
def authority_response_record(
    *, number: int, case_number: str, kind: str, received_on: dt.date, note: str, by: Actor
) -> AuthorityResponse:
    """Record the authority's answer about one case of edition ``number``."""
    edition = access_edition(by, number)
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
    response = AuthorityResponse.objects.create(
        entry=entry, kind=kind, received_on=received_on, note=note, recorded_by=by
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
