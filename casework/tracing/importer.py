"""Import tracing requests from CSV or XLSX.

One data row is one tracing request with one sought person. The file is checked
completely before anything is written; any problem rejects the whole file with one
line per problem, ``row N: field: problem`` (N is the spreadsheet row, the header
being row 1). A file imported again is a no-op: each row's ``source_ref`` and a
digest of its content are stored; the same ref with the same content is skipped, the
same ref with different content is a problem (nothing is ever overwritten).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from casework.core.audit import audit_record
from casework.core.errors import ImportRejected, KintraceError, ValidationFailed
from casework.core.flows import Actor, flow
from casework.core.tables import xlsx_values
from casework.persons.models import Script, Sex
from casework.persons.partial_dates import PartialDate, parse_optional
from casework.persons.services import NameInput, PersonInput
from casework.tracing.models import LegalBasis, TracingRequest
from casework.tracing.services import (
    RequestInput,
    SoughtInput,
    tracing_request_open,
    validate_request,
)

REQUIRED = [
    "source_ref",
    "received_on",
    "enquirer_given",
    "enquirer_family",
    "enquirer_relationship",
    "sought_given",
    "sought_family",
    "sought_sex",
]
OPTIONAL = [
    "enquirer_patronymic",
    "enquirer_sex",
    "enquirer_phone",
    "enquirer_address",
    "name_script",
    "sought_patronymic",
    "sought_birth",
    "sought_given_cyrillic",
    "sought_patronymic_cyrillic",
    "sought_family_cyrillic",
    "sought_given_english",
    "sought_family_english",
    "disappearance_date",
    "disappearance_place",
    "event",
    "last_seen_where",
    "last_seen_when",
    "last_seen_by",
    "circumstances",
    "legal_basis",
    "consent_date",
]
ALL_COLUMNS = REQUIRED + OPTIONAL


@dataclass
class ImportReport:
    created: list[str]
    skipped: list[str]

    def message(self) -> str:
        return (
            f"{len(self.created)} request(s) imported, {len(self.skipped)} already present "
            "and unchanged (skipped)."
        )


CONSENT_NOT_PRESUMED = (
    "the legal basis is consent: give the date the enquirer consented (YYYY-MM-DD); "
    "consent is never presumed"
)


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(spreadsheet row number, row dict)]). Raises ImportRejected for
    unreadable files."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        raw = [["" if v is None else _cell(v) for v in r] for r in xlsx_values(path)]
    elif suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRejected(
                [f"file: not UTF-8 text ({exc.reason} at byte {exc.start})"]
            ) from None
        raw = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportRejected([f"file: unsupported type {suffix or '(none)'}: use .csv or .xlsx"])
    if not raw:
        raise ImportRejected(["file: the file is empty"])
    header = [h.strip() for h in raw[0]]
    rows = []
    for i, values in enumerate(raw[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        if len(values) > len(header) and any(str(v).strip() for v in values[len(header) :]):
            rows.append((i, {"__extra__": "x"}))
            continue
        rows.append((i, {h: str(v).strip() for h, v in zip(header, values, strict=False)}))
    return header, rows


def _cell(v: Any) -> str:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _digest(row: dict[str, str]) -> str:
    canonical = json.dumps({k: row.get(k, "") for k in ALL_COLUMNS}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _row_to_input(row: dict[str, str], problems: list[str], n: int) -> RequestInput | None:
    def bad(field: str, msg: str) -> None:
        problems.append(f"row {n}: {field}: {msg}")

    before = len(problems)
    for col in REQUIRED:
        if not row.get(col, "").strip():
            bad(col, "required value is empty")

    def pdate(col: str) -> PartialDate | None:
        try:
            return parse_optional(row.get(col))
        except ValueError as exc:
            bad(col, f"{row.get(col)!r}: {exc}")
            return None

    received = None
    if row.get("received_on"):
        try:
            received = dt.date.fromisoformat(row["received_on"])
        except ValueError:
            bad("received_on", f"{row['received_on']!r} is not a date (YYYY-MM-DD)")
    consent_date = None
    if row.get("consent_date"):
        try:
            consent_date = dt.date.fromisoformat(row["consent_date"])
        except ValueError:
            bad("consent_date", f"{row['consent_date']!r} is not a date (YYYY-MM-DD)")
    sex = (row.get("sought_sex") or "U").upper()
    if sex not in Sex.values:
        bad("sought_sex", f"{row.get('sought_sex')!r} is not M, F or U")
    esex = (row.get("enquirer_sex") or "U").upper()
    if esex not in Sex.values:
        bad("enquirer_sex", f"{row.get('enquirer_sex')!r} is not M, F or U")
    script = row.get("name_script") or Script.AZ_LATIN
    if script not in Script.values:
        bad("name_script", f"{script!r} is not one of {', '.join(Script.values)}")
    basis = row.get("legal_basis") or LegalBasis.CONSENT
    if basis == LegalBasis.CONSENT and not row.get("consent_date"):
        bad("consent_date", CONSENT_NOT_PRESUMED)
    if basis not in LegalBasis.values:
        bad("legal_basis", f"{basis!r} is not one of {', '.join(LegalBasis.values)}")
    birth = pdate("sought_birth")
    disappearance = pdate("disappearance_date")
    if len(problems) > before or received is None:
        return None
    names = [
        NameInput(
            script,
            row["sought_given"],
            row.get("sought_patronymic", ""),
            row["sought_family"],
            primary=True,
        )
    ]
    if row.get("sought_given_cyrillic") or row.get("sought_family_cyrillic"):
        names.append(
            NameInput(
                Script.CYRILLIC,
                row.get("sought_given_cyrillic", ""),
                row.get("sought_patronymic_cyrillic", ""),
                row.get("sought_family_cyrillic", ""),
            )
        )
    if row.get("sought_given_english") or row.get("sought_family_english"):
        names.append(
            NameInput(
                Script.ENGLISH,
                row.get("sought_given_english", ""),
                "",
                row.get("sought_family_english", ""),
            )
        )
    return RequestInput(
        enquirer=PersonInput(
            names=[
                NameInput(
                    script,
                    row["enquirer_given"],
                    row.get("enquirer_patronymic", ""),
                    row["enquirer_family"],
                    primary=True,
                )
            ],
            sex=esex,
            phone=row.get("enquirer_phone", ""),
            address=row.get("enquirer_address", ""),
        ),
        enquirer_relationship=row["enquirer_relationship"],
        sought=[
            SoughtInput(
                person=PersonInput(names=names, sex=sex, birth=birth),
                disappearance=disappearance,
                disappearance_place=row.get("disappearance_place", ""),
                event=row.get("event", ""),
                last_seen_where=row.get("last_seen_where", ""),
                last_seen_when=row.get("last_seen_when", ""),
                last_seen_by=row.get("last_seen_by", ""),
                circumstances=row.get("circumstances", ""),
            )
        ],
        received_on=received,
        legal_basis=basis,
        consent_given=consent_date is not None,
        consent_date=consent_date,
        source_ref=row["source_ref"],
        source_digest=_digest(row),
    )


@flow("tracing.import", permission="tracing.import_tracing")
def import_tracing_file(
    path: Path | str, *, by: Actor, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Check the whole file, then open one request per new row as ``by`` (each through
    :func:`tracing_request_open`), all in one transaction with one import entry."""
    path = Path(path)
    if not path.exists():
        raise ImportRejected([f"file: {path} does not exist"])
    header, rows = read_table(path)
    problems: list[str] = []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c and c not in ALL_COLUMNS]
    dupes = sorted({c for c in header if c and header.count(c) > 1})
    if missing:
        problems.append(f"row 1: header: missing column(s): {', '.join(missing)}")
    if unknown:
        problems.append(f"row 1: header: unknown column(s): {', '.join(unknown)}")
    if dupes:
        problems.append(f"row 1: header: repeated column(s): {', '.join(dupes)}")
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected(["file: no data rows below the header"])

    seen: dict[str, int] = {}
    existing = {
        r.source_ref: (r.source_digest, r.reference)
        for r in TracingRequest.objects.filter(
            source_ref__in=[row.get("source_ref", "") for _, row in rows]
        )
    }
    to_create: list[RequestInput] = []
    skipped: list[str] = []
    for n, row in rows:
        if "__extra__" in row:
            problems.append(f"row {n}: (line): more values than header columns")
            continue
        ref = row.get("source_ref", "")
        if ref in seen:
            problems.append(f"row {n}: source_ref: {ref!r} repeats row {seen[ref]}")
            continue
        if ref:
            seen[ref] = n
        data = _row_to_input(row, problems, n)
        if data is None:
            continue
        for field, msgs in validate_request(data).items():
            for msg in msgs:
                problems.append(f"row {n}: {field}: {msg}")
        if ref in existing:
            digest, reference = existing[ref]
            if digest == data.source_digest:
                skipped.append(ref)
            else:
                problems.append(
                    f"row {n}: source_ref: {ref!r} was already imported as {reference} with "
                    "different content; nothing is overwritten (amend that request instead)"
                )
            continue
        to_create.append(data)
    if problems:
        raise ImportRejected(problems)

    created: list[str] = []
    try:
        with transaction.atomic():
            for i, data in enumerate(to_create, 1):
                request = tracing_request_open(data=data, by=by)
                created.append(request.reference)
                if progress:
                    progress(i, len(to_create))
            audit_record(
                by=by,
                action="tracing.import",
                object_type="file",
                object_id=path.name[:64],
                changes={"created": len(created), "skipped": len(skipped)},
            )
    except ValidationFailed as exc:  # should have been caught above; never half-write
        raise ImportRejected([f"{k}: {'; '.join(v)}" for k, v in exc.errors.items()]) from None
    except KintraceError:
        raise
    return ImportReport(created, skipped)
