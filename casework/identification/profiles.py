"""Import DNA profiles from laboratory exports.

Accepted layouts (CSV, XLSX, or tab-delimited text):

* **long**: one row per sample and marker — ``barcode`` (or ``sample``), ``marker``,
  ``allele1``, ``allele2`` (more allele columns are read to detect three alleles);
* **wide**: one row per sample — ``barcode`` (or ``sample``) and one column per marker
  holding ``15/16`` or ``15,16``;
* **GeneMapper ID-X** tab-delimited export — ``Sample Name``, ``Marker``,
  ``Allele 1``, ``Allele 2``, … (other columns ignored). A single allele is a
  homozygote, as GeneMapper prints it.

Marker names are normalised (``vWA``/``VWA``, ``TH01``/``THO1``, ``Penta D``/
``PENTA_D``); amelogenin is kept apart. Every problem is reported as
``row N: field: problem`` — an off-ladder allele (``OL``), three or more alleles, an
unknown marker, an allele absent from the frequency table, an unknown barcode, a
reference sample not yet received by the laboratory — and then nothing is written.
Profiles are tied to samples by barcode only. Importing a file again is a no-op; a
changed profile for a barcode is added as a new version (the newest is used; older
ones are kept).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.antemortem.models import CustodyEvent, ReferenceSample
from casework.antemortem.services import custody_last_step
from casework.core.audit import audit_record
from casework.core.errors import ImportRejected
from casework.core.tables import xlsx_values
from casework.identification.models import DNAProfile, FrequencyTable
from casework.remains.models import Remains

AMELOGENIN = "AMEL"
_ALIASES = {"THO1": "TH01", "AMELOGENIN": AMELOGENIN, "AMEL": AMELOGENIN, "AM": AMELOGENIN}


def marker_key(name: str) -> str:
    key = re.sub(r"[\s_\-.]", "", name).upper()
    return _ALIASES.get(key, key)


@dataclass
class ParsedProfile:
    barcode: str
    first_row: int
    genotypes: dict[str, list[str]] = field(default_factory=dict)
    amelogenin: str = ""
    has_problems: bool = False


@dataclass
class ProfileImportReport:
    new: list[str]
    unchanged: list[str]
    new_versions: list[str]

    def message(self) -> str:
        return (
            f"{len(self.new)} new profile(s), {len(self.new_versions)} new version(s), "
            f"{len(self.unchanged)} unchanged."
        )


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        raw = [["" if v is None else str(v) for v in r] for r in xlsx_values(path)]
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="latin-1")
        first = text.splitlines()[0] if text else ""
        delimiter = "\t" if "\t" in first else ","
        raw = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not raw:
        raise ImportRejected(["file: the file is empty"])
    header = [h.strip() for h in raw[0]]
    rows = [
        (i, dict(zip(header, [c.strip() for c in r], strict=False)))
        for i, r in enumerate(raw[1:], start=2)
        if any(c.strip() for c in r)
    ]
    return header, rows


def _allele_columns(header: list[str]) -> list[str]:
    cols = [h for h in header if re.fullmatch(r"(?i)allele\s*_?\d+", h)]
    return sorted(cols, key=lambda h: int(re.sub(r"\D", "", h)))


def parse_profiles(path: Path, table: FrequencyTable) -> tuple[list[ParsedProfile], list[str]]:
    header, rows = _read_rows(path)
    lower = {h.lower(): h for h in header}
    barcode_col = lower.get("barcode") or lower.get("sample name") or lower.get("sample")
    problems: list[str] = []
    if barcode_col is None:
        return [], ["row 1: header: no barcode column (barcode, sample or Sample Name)"]
    markers = {marker_key(m): m for m in table.data}
    profiles: dict[str, ParsedProfile] = {}
    long_format = "marker" in lower
    allele_cols = _allele_columns(header)
    if long_format and not allele_cols:
        return [], ["row 1: header: no allele columns (allele1, allele2 or Allele 1, Allele 2)"]

    def add(n: int, barcode: str, marker_raw: str, alleles: list[str]) -> None:
        before = len(problems)
        _add(n, barcode, marker_raw, alleles)
        if len(problems) > before:
            profiles[barcode].has_problems = True

    def _add(n: int, barcode: str, marker_raw: str, alleles: list[str]) -> None:
        key = marker_key(marker_raw)
        prof = profiles.setdefault(barcode, ParsedProfile(barcode, n))
        alleles = [a for a in alleles if a]
        if key == AMELOGENIN:
            prof.amelogenin = ",".join(alleles)
            return
        if key not in markers:
            problems.append(f"row {n}: {marker_raw}: unknown marker (not in table {table})")
            return
        name = markers[key]
        if not alleles:
            return  # not typed (dropout)
        if any(a.upper() == "OL" for a in alleles):
            problems.append(f"row {n}: {name}: off-ladder allele (OL); resolve it before import")
            return
        if len(alleles) > 2:
            problems.append(
                f"row {n}: {name}: {len(alleles)} alleles "
                f"({', '.join(alleles)}); a single-source profile has at most two"
            )
            return
        known = set(table.data[name]["alleles"])
        for a in alleles:
            if not re.fullmatch(r"\d+(\.\d)?", a):
                problems.append(f"row {n}: {name}: {a!r} is not an allele designation")
                return
            if a not in known:
                problems.append(
                    f"row {n}: {name}: allele {a} is not in the frequency table {table}"
                )
                return
        if name in prof.genotypes:
            problems.append(f"row {n}: {name}: typed twice for {barcode}")
            return
        prof.genotypes[name] = alleles if len(alleles) == 2 else [alleles[0], alleles[0]]

    for n, row in rows:
        barcode = row.get(barcode_col, "").strip().upper()
        if not barcode:
            problems.append(f"row {n}: {barcode_col}: empty")
            continue
        if long_format:
            add(
                n,
                barcode,
                row.get(lower["marker"], ""),
                [row.get(c, "").strip() for c in allele_cols],
            )
        else:
            for col in header:
                if col == barcode_col or not col:
                    continue
                value = row.get(col, "").strip()
                add(
                    n, barcode, col, [v.strip() for v in re.split(r"[/,;]", value)] if value else []
                )
    return list(profiles.values()), problems


def _digest(p: ParsedProfile) -> str:
    return hashlib.sha256(
        json.dumps({"g": p.genotypes, "a": p.amelogenin}, sort_keys=True).encode()
    ).hexdigest()


def import_profiles(
    path: str | Path, *, table: FrequencyTable, by: Any, laboratory: str = ""
) -> ProfileImportReport:
    path = Path(path)
    if not path.exists():
        raise ImportRejected([f"file: {path} does not exist"])
    parsed, problems = parse_profiles(path, table)
    refs = {
        s.barcode: s
        for s in ReferenceSample.objects.filter(barcode__in=[p.barcode for p in parsed])
    }
    remains = set(
        Remains.objects.filter(sample_barcode__in=[p.barcode for p in parsed]).values_list(
            "sample_barcode", flat=True
        )
    )
    plan: list[tuple[ParsedProfile, str, ReferenceSample | None]] = []
    for p in parsed:
        where = f"row {p.first_row}: barcode"
        if not p.genotypes:
            if not p.has_problems:
                problems.append(f"{where}: {p.barcode} has no typed marker")
            continue
        if p.barcode in refs:
            sample = refs[p.barcode]
            if sample.status == ReferenceSample.Status.WITHDRAWN:
                problems.append(f"{where}: consent for sample {p.barcode} was withdrawn")
                continue
            if not sample.custody.filter(step=CustodyEvent.Step.RECEIVED).exists():
                problems.append(
                    f"{where}: sample {p.barcode} has not been received by the "
                    "laboratory (no profiling before receipt)"
                )
                continue
            plan.append((p, DNAProfile.Kind.REFERENCE, sample))
        elif p.barcode in remains:
            plan.append((p, DNAProfile.Kind.REMAINS, None))
        else:
            problems.append(f"{where}: no sample or remains with barcode {p.barcode}")
    if problems:
        raise ImportRejected(problems)
    report = ProfileImportReport([], [], [])
    with transaction.atomic():
        for p, kind, ref_sample in plan:
            digest = _digest(p)
            latest = (
                DNAProfile.objects.filter(barcode=p.barcode).order_by("-imported_at", "-id").first()
            )
            if latest and latest.digest == digest:
                report.unchanged.append(p.barcode)
                continue
            DNAProfile.objects.create(
                barcode=p.barcode,
                kind=kind,
                genotypes=p.genotypes,
                amelogenin=p.amelogenin,
                laboratory=laboratory,
                source_file=path.name,
                digest=digest,
            )
            (report.new_versions if latest else report.new).append(p.barcode)
            if (
                ref_sample is not None
                and custody_last_step(ref_sample) != CustodyEvent.Step.PROFILED
            ):
                CustodyEvent.objects.create(
                    sample=ref_sample,
                    step=CustodyEvent.Step.PROFILED,
                    at=timezone.now(),
                    holder=laboratory or "laboratory",
                    place="",
                    note=f"profile {path.name}",
                    recorded_by=by if getattr(by, "pk", None) else None,
                )
        audit_record(
            by=by,
            action="identification.profiles.import",
            object_type="file",
            object_id=path.name[:64],
            changes={
                "new": len(report.new),
                "new_versions": len(report.new_versions),
                "unchanged": len(report.unchanged),
                "table": str(table),
            },
        )
    return report


def current_profiles(kind: str) -> dict[str, DNAProfile]:
    """The newest non-destroyed profile of each barcode of one kind."""
    out: dict[str, DNAProfile] = {}
    for p in DNAProfile.objects.filter(kind=kind, destroyed=False).order_by("imported_at", "id"):
        out[p.barcode] = p
    return out
