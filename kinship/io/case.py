"""The kinship case format ``kinship-case/1`` (see shared/kinship/FORMAT.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinship.markers import Marker, marker_from_dict
from kinship.pedigree import Pedigree


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
        return next(m for m in self.markers if m.name == name)


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
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return case_from_dict(raw)


def case_from_dict(raw: dict[str, Any]) -> Case:
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
