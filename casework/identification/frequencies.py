"""Allele-frequency tables: import (versioned, with citation) and conversion to the
kinship engine's markers."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import numpy as np
from django.conf import settings

from casework.core.audit import audit_record
from casework.core.errors import ImportRejected, KintraceError
from casework.core.flows import Actor
from casework.identification.models import FrequencyTable
from kinship.markers import Marker, allele_sort_key
from kinship.mutation import MutationModel

DEMO_TABLE = Path(__file__).resolve().parent / "data" / "norwegian_dupuy2013.csv"
SHIPPED_TABLE = DEMO_TABLE
SHIPPED_NAME = "Norwegian (Dupuy et al. 2013)"
SHIPPED_VERSION = "1"
DEMO_CITATION = (
    "Dupuy BM et al. (2013). Frequency data for 35 autosomal STR markers in a Norwegian, "
    "an East African, an East Asian and Middle Asian population. FSI: Genetics Supplement "
    "Series 4(1). Norwegian population."
)
# Default mutation model: stepwise, sex-specific (commonly used rates for STRs).
DEFAULT_MUTATION = {
    "model": "stepwise",
    "rate": {"female": 0.001, "male": 0.003},
    "rate2": 1e-6,
    "range": 0.1,
}
TOLERANCE = 0.01


def parse_frequency_csv(text: str, source: str) -> dict[str, dict[str, list]]:
    problems: list[str] = []
    rows = list(csv.DictReader(io.StringIO(text)))
    table: dict[str, dict[str, float]] = {}
    for n, row in enumerate(rows, start=2):
        marker = (row.get("marker") or "").strip()
        allele = (row.get("allele") or "").strip()
        if not marker:
            problems.append(f"row {n}: marker: empty")
            continue
        if not allele:
            problems.append(f"row {n}: allele: empty")
            continue
        try:
            freq = float(row.get("frequency") or "")
        except ValueError:
            problems.append(f"row {n}: frequency: {row.get('frequency')!r} is not a number")
            continue
        if not 0 < freq <= 1:
            problems.append(f"row {n}: frequency: {freq} is not in (0, 1]")
            continue
        if allele in table.setdefault(marker, {}):
            problems.append(f"row {n}: allele: {marker} {allele} repeats an earlier row")
            continue
        table[marker][allele] = freq
    for marker, freqs in table.items():
        total = sum(freqs.values())
        if abs(total - 1) > TOLERANCE:
            problems.append(f"{source}: marker {marker}: frequencies sum to {total:.4f}, not 1")
    if not table and not problems:
        problems.append(f"{source}: no rows (expected columns marker,allele,frequency)")
    if problems:
        raise ImportRejected(problems)
    out = {}
    for marker, freqs in table.items():
        order = allele_sort_key(list(freqs))
        afreq = np.array([freqs[a] for a in order])
        out[marker] = {"alleles": order, "afreq": list(afreq / afreq.sum())}
    return out


def frequency_table_store(
    *, path: str | Path, name: str, version: str, citation: str, by: Actor
) -> FrequencyTable:
    """Store a ``marker,allele,frequency`` CSV as a new table version (the body of the
    ``identification.frequencies.import`` flow, which checks the actor). Frequencies are
    normalised to sum to 1 per marker (after a ±1 % check). Importing the same content
    again returns the existing table (idempotent, no audit entry)."""
    if not Path(path).exists():
        raise ImportRejected([f"file: {path} does not exist"])
    text = Path(path).read_text(encoding="utf-8-sig")
    data = parse_frequency_csv(text, Path(path).name)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    existing = FrequencyTable.objects.filter(digest=digest).first()
    if existing:
        return existing
    if FrequencyTable.objects.filter(name=name, version=version).exists():
        raise ImportRejected([f"table {name} version {version} exists with other content"])
    table = FrequencyTable.objects.create(
        name=name, version=version, citation=citation, digest=digest, data=data
    )
    audit_record(
        by=by,
        action="identification.frequencies.import",
        obj=table,
        changes={"name": name, "version": version, "markers": len(data)},
    )
    return table


class FrequencyTableMissing(KintraceError):
    """The frequency table named in settings has not been imported."""

    code = "frequency_table_missing"
    status = 409


TABLE_SETTING_MALFORMED = (
    'KINTRACE_FREQUENCY_TABLE is {value!r}; write it as "name@version", '
    'e.g. "Norwegian (Dupuy et al. 2013)@1".'
)
TABLE_NOT_IMPORTED = (
    "The allele frequency table {name!r} version {version!r} named in "
    "KINTRACE_FREQUENCY_TABLE is not imported. Import it with `kintrace import "
    "frequencies FILE --name NAME --version VERSION --citation TEXT --as USER` "
    "(the shipped table: {shipped})."
)


def active_table_name() -> tuple[str, str]:
    """(name, version) of the active table, from ``settings.KINTRACE_FREQUENCY_TABLE``
    ("name@version"; the version is after the last "@")."""
    value = str(getattr(settings, "KINTRACE_FREQUENCY_TABLE", "") or "")
    name, sep, version = value.rpartition("@")
    if not sep or not name.strip() or not version.strip():
        raise FrequencyTableMissing(TABLE_SETTING_MALFORMED.format(value=value))
    return name.strip(), version.strip()


def active_frequency_table() -> FrequencyTable:
    """The allele-frequency table named in ``settings.KINTRACE_FREQUENCY_TABLE``.
    Never imports: when that table is not in the database this raises
    :class:`FrequencyTableMissing` with the command that imports it."""
    name, version = active_table_name()
    table = FrequencyTable.objects.filter(name=name, version=version).first()
    if table is None:
        raise FrequencyTableMissing(
            TABLE_NOT_IMPORTED.format(name=name, version=version, shipped=SHIPPED_TABLE)
        )
    return table


def table_markers(
    table: FrequencyTable, mutation: dict | None, names: list[str] | None = None
) -> list[Marker]:
    """The table's markers (all, or ``names`` in that order) with the mutation model."""
    out = []
    for name in names or list(table.data):
        entry = table.data[name]
        alleles = list(entry["alleles"])
        afreq = np.array(entry["afreq"])
        model = MutationModel.from_spec(mutation, alleles, afreq, name) if mutation else None
        out.append(Marker(name, tuple(alleles), afreq, "autosomal", model))
    return out
