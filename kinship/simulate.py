"""Genotype simulation by gene dropping.

Founder alleles are drawn independently from the marker's frequencies
(Hardy–Weinberg, θ = 0); each child receives from each parent one of the parent's
two alleles with probability ½ (at an X marker a son receives nothing from his
father and a daughter her father's single allele), and the transmitted allele then
mutates according to the parent's sex-specific mutation matrix (row of M). Markers
are independent (no linkage). ``rng`` is a NumPy Generator, so results are
reproducible from a seed.

Conditional simulation (``conditional=``) keeps the given genotypes of typed
individuals and draws the others from their exact conditional distribution given
all typed data, marker by marker, by sequential sampling: individuals are visited in
order and each untyped one is drawn from the genotype distribution computed by
``likelihood.genotype_table`` with the individuals drawn so far added as data
(exact; cost one elimination per untyped individual and marker).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from kinship.likelihood import Obs, genotype_table
from kinship.markers import MISSING, Marker
from kinship.pedigree import Pedigree


def _transmit(rng: np.random.Generator, alleles: tuple[int, ...], mat: np.ndarray | None) -> int:
    a = alleles[0] if len(alleles) == 1 else alleles[rng.integers(2)]
    if mat is None:
        return a
    return int(rng.choice(len(mat), p=mat[a]))


def profile_sim(
    ped: Pedigree,
    markers: Sequence[Marker],
    rng: np.random.Generator,
    *,
    conditional: Mapping[str, Mapping[str, Obs]] | None = None,
) -> dict[str, dict[str, Obs]]:
    """One simulated profile for every individual: id → marker → allele tuple."""
    out: dict[str, dict[str, Obs]] = {i: {} for i in ped.ids}
    for m in markers:
        given = {i: g[m.name] for i, g in (conditional or {}).items() if m.name in g}
        if given:
            sim = _conditional(ped, m, given, rng)
        else:
            sim = _unconditional(ped, m, rng)
        for i, o in sim.items():
            out[i][m.name] = o
    return out


def _unconditional(ped: Pedigree, m: Marker, rng: np.random.Generator) -> dict[str, Obs]:
    mats = m.matrices()
    mf, mm = (mats[0], mats[1]) if mats is not None else (None, None)
    x = m.is_x
    sim: dict[str, tuple[int, ...]] = {}
    n = m.n_alleles
    for ind in ped:
        hemi = x and ind.sex == "M"
        if ind.is_founder:
            draws = rng.choice(n, size=1 if hemi else 2, p=m.afreq)
            sim[ind.id] = tuple(int(a) for a in draws)
            continue
        mat_allele = _transmit(rng, sim[ind.mother], mf)  # type: ignore[index]
        if hemi:
            sim[ind.id] = (mat_allele,)
            continue
        pat_allele = _transmit(rng, sim[ind.father], mm)  # type: ignore[index]
        sim[ind.id] = (pat_allele, mat_allele)
    return {i: (g if len(g) == 1 else (min(g), max(g))) for i, g in sim.items()}


def _conditional(
    ped: Pedigree, m: Marker, given: Mapping[str, Obs], rng: np.random.Generator
) -> dict[str, Obs]:
    data = dict(given)
    out: dict[str, Obs] = {}
    for i in ped.ids:
        if i in data and all(a != MISSING for a in data[i]):
            out[i] = data[i]
            continue
        table = genotype_table(ped, m, {k: v for k, v in data.items() if k != i}, i)
        if i in data:  # partial: keep compatible genotypes only
            a = data[i][0]
            mask = np.zeros_like(table)
            if table.ndim == 2:
                mask[a, :] = 1
                mask[:, a] = 1
            else:
                mask[a] = 1
            table = table * mask
        probs = table.ravel() / table.sum()
        k = int(rng.choice(len(probs), p=probs))
        g = (k,) if table.ndim == 1 else tuple(sorted(divmod(k, table.shape[0])))
        out[i] = g
        data[i] = g
    return out


def _draw_founders(rng, cdf: np.ndarray, n: int, count: int, k: int) -> np.ndarray:
    return np.minimum(np.searchsorted(cdf, rng.random((count, k)), side="right"), n - 1)


def _transmit_many(rng, parent: np.ndarray, cum: np.ndarray | None, n: int) -> np.ndarray:
    count = parent.shape[0]
    if parent.shape[1] == 1:
        a = parent[:, 0]
    else:
        a = parent[np.arange(count), rng.integers(0, 2, count)]
    if cum is None:
        return a
    u = rng.random(count)[:, None]
    return np.minimum((cum[a] < u).sum(axis=1), n - 1)


def profile_sim_many(
    ped: Pedigree, markers: Sequence[Marker], rng: np.random.Generator, count: int
) -> dict[str, dict[str, np.ndarray]]:
    """``count`` independent unconditional simulations of one pedigree, vectorised:
    id → marker → int array (count, 2) of sorted alleles, or (count, 1) for an X male.
    Same model as ``profile_sim``."""
    out: dict[str, dict[str, np.ndarray]] = {i: {} for i in ped.ids}
    for m in markers:
        n = m.n_alleles
        mats = m.matrices()
        cum_f = None if mats is None else np.cumsum(mats[0], axis=1)
        cum_m = None if mats is None else np.cumsum(mats[1], axis=1)
        cdf = np.cumsum(m.afreq)
        cdf[-1] = 1.0
        sim: dict[str, np.ndarray] = {}
        for ind in ped:
            hemi = m.is_x and ind.sex == "M"
            if ind.is_founder:
                sim[ind.id] = _draw_founders(rng, cdf, n, count, 1 if hemi else 2)
                continue
            mat_a = _transmit_many(rng, sim[ind.mother], cum_f, n)  # type: ignore[index]
            if hemi:
                sim[ind.id] = mat_a[:, None]
                continue
            pat_a = _transmit_many(rng, sim[ind.father], cum_m, n)  # type: ignore[index]
            sim[ind.id] = np.stack([pat_a, mat_a], axis=1)
        for i, arr in sim.items():
            out[i][m.name] = np.sort(arr, axis=1)
    return out
