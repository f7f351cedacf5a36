"""The kinship case format ``kinship-case/1`` (see shared/kinship/FORMAT.md).

A case file that cannot be read, is not JSON, or lacks a key its ``kind`` needs is
refused with a ``KinshipError`` (``CASE_UNREADABLE``, ``CASE_NOT_JSON``,
``CASE_MISSING_KEY``) before any computation, so that the CLI can print one line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinship import errors as E
from kinship.errors import KinshipError
from kinship.markers import Marker, marker_from_dict
from kinship.pedigree import Pedigree

#: Keys each kind of case needs at the top level (beyond ``kind`` and ``markers``).
REQUIRED = {
    "kinship_lr": ("pedigree", "missing_person", "poi"),
    "pedigree_likelihood": ("pedigree",),
    "dvi": ("pm", "am", "missing"),
    "dvi_bulk": ("pm", "am", "missing"),
}


@dataclass
class Case:
    raw: dict[str, Any]
    kind: str
    markers: list[Marker]
    pedigree: Pedigree | None = None
    genotypes: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    sexes: dict[str, str] = field(default_factory=dict)

    @property
    def theta(self) -> float:
        return float(self.raw.get("theta") or 0.0)

    @property
    def founder_inbreeding(self) -> dict[str, float]:
        return {k: float(v) for k, v in (self.raw.get("founder_inbreeding") or {}).items()}

    def marker(self, name: str) -> Marker:
        for m in self.markers:
            if m.name == name:
                return m
        raise KinshipError(E.UNKNOWN_MARKER, marker=name)

    def require_pedigree(self) -> Pedigree:
        """The case's pedigree (``kinship_lr`` and ``pedigree_likelihood`` cases)."""
        if self.pedigree is None:
            raise KinshipError(E.CASE_MISSING_KEY, key="pedigree", what=f"a {self.kind} case")
        return self.pedigree


def _require(d: Any, keys: Sequence[str], what: str) -> None:
    if not isinstance(d, Mapping):
        raise KinshipError(E.CASE_MISSING_KEY, key=keys[0], what=what)
    for key in keys:
        if key not in d:
            raise KinshipError(E.CASE_MISSING_KEY, key=key, what=what)


def _require_each(items: Any, keys: Sequence[str], what: str) -> None:
    for item in items if isinstance(items, list) else [None]:
        _require(item, keys, what)


def parse_genotypes(
    raw: dict[str, dict[str, list]], markers: list[Marker], sexes: dict[str, str]
) -> dict[str, dict[str, tuple[int, ...]]]:
    by_name = {m.name: m for m in markers}
    out: dict[str, dict[str, tuple[int, ...]]] = {}
    for ind, per_marker in raw.items():
        out[ind] = {}
        for name, alleles in per_marker.items():
            if name not in by_name:
                continue
            out[ind][name] = by_name[name].parse(alleles, who=ind, sex=sexes.get(ind, "U"))
    return out


def load_case(path: str | Path) -> Case:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KinshipError(E.CASE_UNREADABLE, path=path, reason=reason) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KinshipError(
            E.CASE_NOT_JSON, path=path, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    return case_from_dict(raw)


def validate_case_dict(raw: Any) -> None:
    """The keys ``case_from_dict`` reads, per kind (FORMAT.md); ``CASE_MISSING_KEY``
    names the first one absent."""
    _require(raw, ("kind", "markers"), "any case")
    _require_each(raw["markers"], ("name", "alleles", "afreq"), "a marker")
    kind = raw["kind"]
    _require(raw, REQUIRED.get(kind, ()), f"a {kind} case")
    if "pedigree" in raw:
        _require(raw["pedigree"], ("individuals",), "the pedigree")
        _require_each(raw["pedigree"]["individuals"], ("id",), "an individual")
    if kind == "kinship_lr":
        _require(raw["poi"], ("id",), "the POI")
    if kind in ("dvi", "dvi_bulk"):
        _require_each(raw["am"], ("family", "individuals"), "an AM family")
        for fam in raw["am"] if isinstance(raw["am"], list) else []:
            _require_each(fam["individuals"], ("id",), "an individual")
        _require_each(raw["pm"], ("id",), "a PM sample")


def case_from_dict(raw: dict[str, Any]) -> Case:
    validate_case_dict(raw)
    markers = [marker_from_dict(m) for m in raw["markers"]]
    kind = raw["kind"]
    case = Case(raw=raw, kind=kind, markers=markers)
    if "pedigree" in raw:
        case.pedigree = Pedigree(raw["pedigree"]["individuals"])
        case.sexes = {i["id"]: i.get("sex", "U") for i in raw["pedigree"]["individuals"]}
    if kind in ("dvi", "dvi_bulk"):
        for fam in raw["am"]:
            for i in fam["individuals"]:
                case.sexes[i["id"]] = i.get("sex", "U")
        for v in raw["pm"]:
            case.sexes[v["id"]] = v.get("sex", "U")
    if raw.get("poi"):
        case.sexes[raw["poi"]["id"]] = raw["poi"].get("sex", "U")
    case.genotypes = parse_genotypes(raw.get("genotypes") or {}, markers, case.sexes)
    if raw.get("poi_genotypes") is not None:
        poi_id = raw["poi"]["id"]
        case.genotypes[poi_id] = parse_genotypes(
            {poi_id: raw["poi_genotypes"]}, markers, case.sexes
        )[poi_id]
    return case
