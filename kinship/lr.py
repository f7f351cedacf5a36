"""Kinship likelihood ratio of one PM sample (the person of interest, POI: in
casework, remains) against one AM family with its missing person (MP): forrel
``missingPersonLR(reference, missing, poi)`` → ``missing_person_lr``.

    H1: the POI is the MP — the POI's genotypes are placed on the MP;
    H2: the POI is unrelated to the family;
    LR = L(H1) / L(H2),  L(H2) = L(family, MP untyped) · L(POI alone),

per marker, the total being the product (independent markers, no linkage), as
``forrel::missingPersonLR`` computes it (through ``kinshipLR``). An LR of 0 at any
marker is an exclusion.

With θ = 0 the engine uses the identity

    LR(G) = Σ_{g∈G} P(data, MP = g) / (L(family) · Σ_{g∈G} P_HW(g)),

where G is the set of ordered genotypes compatible with the POI's observation (two
for a heterozygote, one for a homozygote, 2n − 1 for a partial ``a/-``, one for a
hemizygous male) and P(data, MP = g) is the family's joint genotype table of the MP
(one variable elimination per marker). With θ > 0 the POI must share the family's
Pólya urn, so L(H1) and L(H2) are computed directly; H2 joins the POI to the urn as
an extra founder (equivalent to pedprobr's dummy-child construction, by the urn's
exchangeability and consistency). Founder inbreeding applies to the family only.

Assumptions: those of likelihood.py (Mendelian transmission with the markers'
mutation models, HW or θ founders, independent markers); the POI is either the MP
or unrelated to everyone in the family (no third hypothesis such as "a sibling of
the MP"). Valid while L(family) > 0 (reference data consistent with the pedigree and
the mutation models); otherwise the LR is undefined.

References: Vigeland MD, forrel (R/missingPersonLR.R, R/kinshipLR.R); Egeland T,
Kling D, Mostad P (2016) Relationship Inference with Familias and R.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kinship._compat import deprecated_alias
from kinship.likelihood import Obs, genotype_table, marker_likelihood
from kinship.markers import MISSING, Marker
from kinship.pedigree import Individual, Pedigree
from kinship.provenance import provenance


def compatible_mass(table: np.ndarray, obs: Obs) -> float:
    """Σ of an ordered genotype table over the genotypes compatible with ``obs``."""
    if table.ndim == 1:
        return float(table[obs[0]])
    a = obs[0]
    if len(obs) == 1:  # hemizygous observation against a two-allele table
        return float(table[a, :].sum() + table[:, a].sum() - table[a, a])
    b = obs[1]
    if b == MISSING:
        return float(table[a, :].sum() + table[:, a].sum() - table[a, a])
    if a == b:
        return float(table[a, a])
    return float(table[a, b] + table[b, a])


def hw_mass(freqs: np.ndarray, obs: Obs, hemizygous: bool) -> float:
    """Probability of the observation for an unrelated person (HW, θ = 0)."""
    a = obs[0]
    if hemizygous:
        return float(freqs[a])
    if len(obs) == 1 or obs[1] == MISSING:
        return float(2 * freqs[a] - freqs[a] ** 2)
    b = obs[1]
    return float(freqs[a] ** 2 if a == b else 2 * freqs[a] * freqs[b])


@dataclass
class MarkerLR:
    marker: str
    lr: float
    lik_h1: float
    lik_h2: float
    lik_family: float | None = None
    lik_poi: float | None = None

    @property
    def log10_lr(self) -> float | None:
        return math.log10(self.lr) if self.lr > 0 else None


@dataclass
class LRResult:
    per_marker: list[MarkerLR]
    provenance: dict = field(default_factory=dict)

    @property
    def lr_total(self) -> float:
        if any(m.lr == 0 for m in self.per_marker):
            return 0.0
        return float(10 ** sum(math.log10(m.lr) for m in self.per_marker))

    @property
    def log10_lr_total(self) -> float | None:
        if any(m.lr == 0 for m in self.per_marker):
            return None
        return float(sum(math.log10(m.lr) for m in self.per_marker))

    @property
    def excluded(self) -> bool:
        return any(m.lr == 0 for m in self.per_marker)

    def as_dict(self) -> dict:
        return {
            "lr_total": self.lr_total,
            "log10_lr_total": self.log10_lr_total,
            "excluded": self.excluded,
            "per_marker": [
                {
                    "marker": m.marker,
                    "lr": m.lr,
                    "log10_lr": m.log10_lr,
                    "lik_H1": m.lik_h1,
                    "lik_H2": m.lik_h2,
                    "lik_family": m.lik_family,
                    "lik_poi": m.lik_poi,
                }
                for m in self.per_marker
            ],
            "provenance": self.provenance,
        }


def missing_person_lr(
    family: Pedigree,
    missing: str,
    poi: Mapping[str, Obs],
    markers: Sequence[Marker],
    genotypes: Mapping[str, Mapping[str, Obs]],
    *,
    theta: float = 0.0,
    founder_inbreeding: Mapping[str, float] | None = None,
) -> LRResult:
    """forrel ``missingPersonLR``: the LR of the POI (genotypes ``poi``: marker →
    allele indices) being ``missing`` rather than unrelated, per marker and in total
    (see the module docstring). ``genotypes``: the family's typed members (the
    reference), id → marker → allele indices; a genotype given for ``missing``
    itself is ignored. A marker the POI is untyped at has LR 1."""
    hemizygous_mp = family.sex(missing) == "M"
    out: list[MarkerLR] = []
    for m in markers:
        fam = {i: gm[m.name] for i, gm in genotypes.items() if m.name in gm and i != missing}
        o = poi.get(m.name)
        if o is None or all(a == MISSING for a in o):
            lik = marker_likelihood(
                family, m, fam, theta=theta, founder_inbreeding=founder_inbreeding
            )
            out.append(
                MarkerLR(m.name, 1.0, lik, lik, None if theta else lik, None if theta else 1.0)
            )
            continue
        if theta > 0 or m.always_lumpable:  # MutationModel.always_lumpable (cached)
            # Direct L(H1), L(H2): needed for θ, and used for lumpable models so
            # that results follow pedprobr's allele lumping to the last digit.
            h1 = marker_likelihood(
                family, m, {**fam, missing: o}, theta=theta, founder_inbreeding=founder_inbreeding
            )
            if theta > 0:
                poi_id = _fresh_id(family)
                joined = family.with_individuals([Individual(poi_id, sex=family.sex(missing))])
                h2 = marker_likelihood(
                    joined,
                    m,
                    {**fam, poi_id: o},
                    theta=theta,
                    founder_inbreeding=founder_inbreeding,
                )
                out.append(MarkerLR(m.name, h1 / h2 if h2 > 0 else float("nan"), h1, h2))
            else:
                lik_family = marker_likelihood(
                    family, m, fam, founder_inbreeding=founder_inbreeding
                )
                lik_poi = hw_mass(m.afreq, o, m.is_x and hemizygous_mp)
                h2 = lik_family * lik_poi
                out.append(MarkerLR(m.name, h1 / h2, h1, h2, lik_family, lik_poi))
            continue
        table = genotype_table(family, m, fam, missing, founder_inbreeding=founder_inbreeding)
        if _simple_founder_near(family, missing, fam):
            # pedprobr sums a simple founder's untransmitted allele to exactly 1; the
            # table keeps the MP's full genotype, so L(family) gets its own
            # elimination to follow that convention to the last digit.
            lik_family = marker_likelihood(family, m, fam, founder_inbreeding=founder_inbreeding)
        else:
            lik_family = float(table.sum())
        lik_poi = hw_mass(m.afreq, o, m.is_x and hemizygous_mp)
        h1 = compatible_mass(table, o)
        h2 = lik_family * lik_poi
        out.append(MarkerLR(m.name, h1 / h2, h1, h2, lik_family, lik_poi))
    return LRResult(out, provenance(markers, theta=theta, hypothesis=f"POI = {missing}"))


#: Deprecated alias (renamed to forrel's name; forrel's ``kinshipLR`` is the general
#: comparison of hypotheses, which this is not).
kinship_lr = deprecated_alias(
    missing_person_lr, "kinship.lr.kinship_lr", "kinship.lr.missing_person_lr"
)


def _simple_founder_near(family: Pedigree, missing: str, typed: Mapping[str, Obs]) -> bool:
    """True when the MP, or a parent of the MP, is a founder with a single child."""
    candidates = [missing, *(family.parents(missing) or ())]
    return any(family[c].is_founder and len(family.children(c)) <= 1 for c in candidates)


def _fresh_id(ped: Pedigree) -> str:
    i = 0
    while f"_POI{i}" in ped:
        i += 1
    return f"_POI{i}"
