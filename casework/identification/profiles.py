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
profile that only adds markers is a new version; one that would lose markers or change
alleles is refused unless a replacement is asked with a reason (see
:func:`profiles_store`). The newest version is used; older ones are kept.
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

from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.errors import ImportRejected, KintraceError
from casework.core.flows import Actor
from casework.core.tables import xlsx_values
from casework.identification.models import FrequencyTable
from casework.remains.models import Remains
from casework.samples.models import CustodyEvent, DNAProfile, ReferenceSample
from casework.samples.services import check_custody_step, custody_last_step

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


def _marker_sets(genotypes: dict[str, list[str]], amelogenin: str) -> dict[str, tuple[str, ...]]:
    out = {m: tuple(sorted(a)) for m, a in genotypes.items()}
    if amelogenin:
        out[AMELOGENIN] = tuple(sorted(amelogenin.split(",")))
    return out


@dataclass(frozen=True)
class ProfileChange:
    """How a new profile differs from the current one of the same barcode."""

    barcode: str
    old_markers: int
    new_markers: int
    added: list[str]
    lost: list[str]
    changed: dict[str, list[str]]  # marker → ["15/16", "15/17"]

    @property
    def is_extension(self) -> bool:
        """Only markers added; every shared marker has the same alleles."""
        return not self.lost and not self.changed

    def summary(self) -> str:
        parts = []
        if self.added:
            parts.append(f"markers added: {', '.join(self.added)}")
        if self.lost:
            parts.append(f"markers lost: {', '.join(self.lost)}")
        if self.changed:
            parts.append(
                "alleles changed: "
                + ", ".join(f"{m} {old} → {new}" for m, (old, new) in self.changed.items())
            )
        return "; ".join(parts) or "no difference"

    def as_dict(self) -> dict[str, Any]:
        return {
            "markers": [self.old_markers, self.new_markers],
            "added": self.added,
            "lost": self.lost,
            "changed": self.changed,
        }


def profile_change(barcode: str, old: DNAProfile, new: ParsedProfile) -> ProfileChange:
    """The difference between the current profile ``old`` and ``new`` (amelogenin
    counts as a marker here)."""
    a = _marker_sets(old.genotypes, old.amelogenin)
    b = _marker_sets(new.genotypes, new.amelogenin)
    return ProfileChange(
        barcode=barcode,
        old_markers=len(old.genotypes),
        new_markers=len(new.genotypes),
        added=[m for m in b if m not in a],
        lost=[m for m in a if m not in b],
        changed={m: ["/".join(a[m]), "/".join(b[m])] for m in a if m in b and a[m] != b[m]},
    )


WOULD_REPLACE = (
    "row {row}: {barcode}: would replace a {old}-marker profile with a {new}-marker "
    "profile ({diff}); import with --replace and a --reason to replace it"
)
REPLACE_NEEDS_REASON = "reason: a replacement of a profile needs a written reason (--reason)"
EQUALS_OLD_VERSION = (
    "row {row}: {barcode}: this profile equals an earlier, replaced version; nothing to import"
)
CUSTODY_NOT_READY = "row {row}: barcode: sample {barcode}: {problem}"


@dataclass
class ProfileImportReport:
    new: list[str]
    unchanged: list[str]
    new_versions: list[str]
    extended: list[ProfileChange] = field(default_factory=list)
    replaced: list[ProfileChange] = field(default_factory=list)

    def message(self) -> str:
        text = (
            f"{len(self.new)} new profile(s), {len(self.new_versions)} new version(s), "
            f"{len(self.unchanged)} unchanged."
        )
        if self.replaced:
            text += f" {len(self.replaced)} replaced (the old versions are kept)."
        return text

    def lines(self) -> list[str]:
        """One line per changed barcode, with its difference."""
        return [
            *(f"{c.barcode}: extended ({c.summary()})" for c in self.extended),
            *(f"{c.barcode}: replaced ({c.summary()})" for c in self.replaced),
        ]


def profiles_store(
    path: str | Path,
    *,
    table: FrequencyTable,
    by: Actor,
    laboratory: str = "",
    replace: bool = False,
    reason: str = "",
) -> ProfileImportReport:
    """Check a laboratory export and store its profiles (the body of the
    ``identification.profiles.import`` flow, which checks the actor).

    All or nothing: any problem → :class:`ImportRejected` and nothing is written.

    Rule for a barcode that already has a current profile:

    * the same profile (same digest): unchanged, a no-op;
    * an **extension** — every marker of the current profile is in the new one with
      the same alleles (amelogenin included), and markers are only added: accepted as
      a new version without asking;
    * anything else (a marker lost, or an allele changed) would silently weaken or
      alter the evidence: refused with a line naming the barcode and the difference,
      unless ``replace`` is asked with a written ``reason``. Then the new profile
      becomes the current version, the old one is kept (never deleted), and an audit
      entry ``identification.profiles.replace`` records the reason and the difference.
    """
    path = Path(path)
    if not path.exists():
        raise ImportRejected([f"file: {path} does not exist"])
    if replace and not reason.strip():
        raise ImportRejected([REPLACE_NEEDS_REASON])
    parsed, problems = parse_profiles(path, table)
    barcodes = [p.barcode for p in parsed]
    refs = {s.barcode: s for s in ReferenceSample.objects.filter(barcode__in=barcodes)}
    remains = set(
        Remains.objects.filter(sample_barcode__in=barcodes).values_list("sample_barcode", flat=True)
    )
    versions: dict[str, list[DNAProfile]] = {}
    for version in DNAProfile.objects.filter(barcode__in=barcodes).order_by("imported_at", "id"):
        versions.setdefault(version.barcode, []).append(version)
    plan: list[tuple[ParsedProfile, str, ReferenceSample | None, ProfileChange | None]] = []
    unchanged: list[str] = []
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
            kind: str = DNAProfile.Kind.REFERENCE
        elif p.barcode in remains:
            sample, kind = None, DNAProfile.Kind.REMAINS
        else:
            problems.append(f"{where}: no sample or remains with barcode {p.barcode}")
            continue
        digest = _digest(p)
        known = versions.get(p.barcode, [])
        current = next((v for v in reversed(known) if not v.destroyed), None)
        if current is not None and current.digest == digest:
            unchanged.append(p.barcode)
            continue
        if any(v.digest == digest for v in known):
            problems.append(EQUALS_OLD_VERSION.format(row=p.first_row, barcode=p.barcode))
            continue
        change = profile_change(p.barcode, current, p) if current is not None else None
        if change is not None and not change.is_extension and not replace:
            problems.append(
                WOULD_REPLACE.format(
                    row=p.first_row,
                    barcode=p.barcode,
                    old=change.old_markers,
                    new=change.new_markers,
                    diff=change.summary(),
                )
            )
            continue
        if sample is not None and custody_last_step(sample) != CustodyEvent.Step.PROFILED:
            try:
                check_custody_step(
                    sample,
                    CustodyEvent.Step.PROFILED,
                    timezone.now(),
                    sample.custody.order_by("-at", "-id").first(),
                )
            except KintraceError as exc:
                problems.append(
                    CUSTODY_NOT_READY.format(
                        row=p.first_row, barcode=p.barcode, problem=exc.message
                    )
                )
                continue
        plan.append((p, kind, sample, change))
    if problems:
        raise ImportRejected(problems)
    report = ProfileImportReport([], unchanged, [])
    DNAProfile.objects.bulk_create(
        [
            DNAProfile(
                barcode=p.barcode,
                kind=kind,
                genotypes=p.genotypes,
                amelogenin=p.amelogenin,
                laboratory=laboratory,
                source_file=path.name,
                digest=_digest(p),
            )
            for p, kind, _sample, _change in plan
        ],
        batch_size=500,
    )
    profiled: list[CustodyEvent] = []
    for p, _kind, ref_sample, change in plan:
        if change is None:
            report.new.append(p.barcode)
        else:
            report.new_versions.append(p.barcode)
            if change.is_extension:
                report.extended.append(change)
            else:
                report.replaced.append(change)
                audit_record(
                    by=by,
                    action="identification.profiles.replace",
                    object_type="samples.dnaprofile",
                    object_id=p.barcode,
                    changes=change.as_dict(),
                    reason=reason,
                )
        if ref_sample is not None and custody_last_step(ref_sample) != CustodyEvent.Step.PROFILED:
            profiled.append(
                CustodyEvent(
                    sample=ref_sample,
                    step=CustodyEvent.Step.PROFILED,
                    at=timezone.now(),
                    holder=laboratory or "laboratory",
                    place="",
                    note=f"profile {path.name}",
                    recorded_by=by,
                )
            )
    CustodyEvent.objects.bulk_create(profiled, batch_size=500)
    audit_record(
        by=by,
        action="identification.profiles.import",
        object_type="file",
        object_id=path.name[:64],
        changes={
            "new": len(report.new),
            "new_versions": len(report.new_versions),
            "extended": [c.barcode for c in report.extended],
            "replaced": [c.barcode for c in report.replaced],
            "unchanged": len(report.unchanged),
            "table": str(table),
        },
        reason=reason if report.replaced else "",
    )
    return report
