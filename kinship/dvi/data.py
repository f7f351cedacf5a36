"""DVI input data (dvir ``dviData(pm, am, missing)``): the PM samples, the AM
families with their missing persons, and the markers.

Words (see the package docstring): a *PM sample* is one post-mortem profile (dvir
``pm``; casework: remains; the fields keep dvir's older word ``victims``); an *AM
family* is a reference pedigree (dvir ``am``) whose missing persons (MPs) are
untyped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError
from kinship.likelihood import Obs
from kinship.markers import Marker
from kinship.pedigree import Pedigree

#: Sex unknown: compatible with both sexes (dvir ``generatePairings``).
UNKNOWN_SEX = "U"


def sex_compatible(pm_sex: Any, am_sex: Any) -> Any:
    """dvir ``generatePairings``: a PM sample may be an MP unless both sexes are known
    and differ; unknown sex ('U') is compatible with both. Works elementwise on
    scalars (returns a NumPy bool) and on broadcastable arrays of 'M'/'F'/'U'
    (returns a bool array), so the scalar check and the vectorised mass search use
    the same rule."""
    a, b = np.asarray(pm_sex), np.asarray(am_sex)
    return (a == b) | (a == UNKNOWN_SEX) | (b == UNKNOWN_SEX)


@dataclass
class Family:
    """One AM family (an element of dvir's ``am``): its pedigree, its untyped missing
    persons and the genotypes of its typed references (id → marker → allele-index
    tuple, ``Marker.parse``)."""

    id: str
    pedigree: Pedigree
    missing: list[str]
    genotypes: dict[str, dict[str, Obs]] = field(default_factory=dict)


@dataclass
class DVIData:
    """dvir ``dviData``: the markers, the PM samples (``victims``: dvir's ``pm``
    names, with their sexes and genotypes) and the AM families (dvir's ``am``).
    H0: every PM sample unrelated to everyone, every family untouched."""

    markers: list[Marker]
    victims: list[str]
    victim_sex: dict[str, str]
    victim_genotypes: dict[str, dict[str, Obs]]
    families: list[Family]
    # MP → family; a cache, not an init field (``replace`` builds a fresh one).
    _family_index: dict[str, Family] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def missing(self) -> list[str]:
        """dvir ``missing``: every MP, family by family."""
        return [m for f in self.families for m in f.missing]

    def family_of(self, mp: str) -> Family:
        index = self._family_index
        if index is None or mp not in index:
            index = {m: f for f in self.families for m in f.missing}
            self._family_index = index
        try:
            return index[mp]
        except KeyError:
            raise KinshipError(E.UNKNOWN_MISSING_PERSON, mp=mp) from None

    def mp_sex(self, mp: str) -> str:
        return self.family_of(mp).pedigree.sex(mp)

    def pm_sex(self, pm: str) -> str:
        """The PM sample's sex, 'U' when not given."""
        return self.victim_sex.get(pm, UNKNOWN_SEX)

    def compatible(self, pm: str, mp: str, ignore_sex: bool = False) -> bool:
        """Whether PM sample ``pm`` may be MP ``mp`` (``sex_compatible``)."""
        return ignore_sex or bool(sex_compatible(self.pm_sex(pm), self.mp_sex(mp)))

    def compatibility(self, mps: Sequence[str], ignore_sex: bool = False) -> np.ndarray:
        """(PM samples, ``mps``) bool matrix of ``compatible``, vectorised."""
        if ignore_sex:
            return np.ones((len(self.victims), len(mps)), dtype=bool)
        pm = np.array([self.pm_sex(v) for v in self.victims], dtype=object)
        am = np.array([self.mp_sex(m) for m in mps], dtype=object)
        return np.asarray(sex_compatible(pm[:, None], am[None, :]), dtype=bool).reshape(
            len(self.victims), len(mps)
        )

    @classmethod
    def from_case(cls, case) -> DVIData:
        """From a ``dvi`` / ``dvi_bulk`` case file (kinship-case/1: ``pm``, ``am``,
        ``missing``)."""
        raw = case.raw
        fams = []
        for fam in raw["am"]:
            ped = Pedigree(fam["individuals"])
            ids = set(ped.ids)
            fams.append(
                Family(
                    id=fam["family"],
                    pedigree=ped,
                    missing=[m for m in raw["missing"] if m in ids],
                    genotypes={i: g for i, g in case.genotypes.items() if i in ids},
                )
            )
        victims = [v["id"] for v in raw["pm"]]
        return cls(
            markers=case.markers,
            victims=victims,
            victim_sex={v["id"]: v.get("sex", UNKNOWN_SEX) for v in raw["pm"]},
            victim_genotypes={v: case.genotypes.get(v, {}) for v in victims},
            families=fams,
        )


def without_mutation(markers: Sequence[Marker]) -> list[Marker]:
    """The markers with their mutation models removed (dvir ``disableMutations``,
    forrel ``findExclusions``)."""
    return [replace(m, mutation=None) for m in markers]
