"""LR tables: per AM family and MP, the log LR of every possible observation.

For one MP and one marker the joint genotype table T[a, b] = P(data_f, MP = (a, b))
(``likelihood.genotype_table``) gives, by the identity of lr.py,

    LR(obs) = Σ_{g∈G(obs)} T[g] / (L(f) · Σ_{g∈G(obs)} P_HW(g))

for every observation at once: complete genotypes a ≤ b, partial ``a/-``,
hemizygous ``a``, untyped (LR 1) — the *observation columns* (``_columns``). The
log LRs of every column of every marker, concatenated, form one column of
``LogLRTables.values``; a PM sample is then a gather of one row per marker and a sum
(``LogLRTables.log_lr``).

Families of the same *signature* (pedigree shape, MP position, typed positions;
sexes at X markers) share one elimination plan and are eliminated together as a
batch (``group_tables``): typed references with complete genotypes enter as allele
*slots* (their variables range over their own two alleles per family), the others as
dense indicator evidence. The batched results equal the one-family results
(``mp_tables``; tests). With a rounded frequency table the pedtools merged-class
convention is followed through a phantom allele (``likelihood.needs_phantom_allele``).

Arrays: float64; ``values`` (Σ_markers columns, MPs); −inf = exclusion, NaN =
impossible observation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kinship.dvi.data import DVIData, Family
from kinship.likelihood import (
    Evidence,
    Obs,
    build_factors,
    eliminate,
    genotype_table,
    marker_likelihood,
    needs_phantom_allele,
)
from kinship.markers import MISSING, Marker


def _columns(n: int) -> int:
    """Per-marker observation space of a marker with n alleles: the n(n+1)/2 complete
    genotypes a ≤ b (row-major upper triangle), n partial ``a/-``, n hemizygous
    ``a``, one untyped: n(n+1)/2 + 2n + 1 columns."""
    return n * (n + 1) // 2 + 2 * n + 1


def _tri(n: int) -> int:
    return n * (n + 1) // 2


def observation_column(obs: Obs | None, n: int) -> int:
    """The column (see ``_columns``) of one observation (``Marker.parse`` tuple, or
    None for untyped)."""
    t = _tri(n)
    if obs is None or all(a == MISSING for a in obs):
        return t + 2 * n
    if len(obs) == 1:
        return t + n + obs[0]
    a, b = obs
    if b == MISSING:
        return t + a
    a, b = min(a, b), max(a, b)
    return a * n - a * (a - 1) // 2 + (b - a)


def log_lr_vector(table: np.ndarray, lik_family: float, marker: Marker) -> np.ndarray:
    """Natural-log LR for every observation column (see ``_columns``) of one MP and
    marker: log(Σ_{g∈G} T[g] / (L(family) · Σ_{g∈G} P_HW(g))) for the ordered
    genotypes G compatible with the column's observation (lr.py). ``table`` is the
    MP's joint genotype table T (n×n ordered, or n for an X male); −inf is an
    exclusion, NaN an observation impossible for this MP (a heterozygous X male)."""
    return _log_lr_batch(table[None], np.array([lik_family]), marker)[0]


@dataclass
class LogLRTables:
    """log LR vectors of many (family, MP) columns, markers concatenated:
    ``values`` float64 (total observation columns, number of MPs); marker j's
    columns start at ``offsets[j]`` (``marker_offsets``)."""

    mps: list[str]
    markers: list[Marker]
    offsets: np.ndarray
    values: np.ndarray

    def victim_columns(self, genotypes: Sequence[dict[str, Obs]]) -> np.ndarray:
        """(PM samples, markers) int64 indices into ``values`` rows."""
        cols = np.empty((len(genotypes), len(self.markers)), dtype=np.int64)
        for j, m in enumerate(self.markers):
            n, off, name = m.n_alleles, int(self.offsets[j]), m.name
            cols[:, j] = [off + observation_column(g.get(name), n) for g in genotypes]
        return cols

    def log_lr(self, cols: np.ndarray) -> np.ndarray:
        """(PM samples, MPs) natural-log LRs: the gather-and-sum over markers
        (independent markers: the log LRs add)."""
        acc = np.zeros((cols.shape[0], self.values.shape[1]))
        for j in range(cols.shape[1]):
            acc += self.values[cols[:, j]]
        return acc


def mp_tables(family: Family, mp: str, markers: Sequence[Marker]) -> np.ndarray:
    """Concatenated log-LR vectors of one MP over all markers (one family alone; the
    reference for the batched ``group_tables``)."""
    parts = []
    for m in markers:
        g = {i: gm[m.name] for i, gm in family.genotypes.items() if m.name in gm and i != mp}
        table = genotype_table(family.pedigree, m, g, mp)
        lik = marker_likelihood(family.pedigree, m, g)
        parts.append(log_lr_vector(table, lik, m))
    return np.concatenate(parts)


def _log_lr_batch(table: np.ndarray, lik: np.ndarray, marker: Marker) -> np.ndarray:
    """``log_lr_vector`` for a batch: table (B, n, n) or (B, n), lik (B,) → (B, C)."""
    n = marker.n_alleles
    t = _tri(n)
    p = marker.afreq
    b = table.shape[0]
    out = np.full((b, _columns(n)), np.nan)
    lik = lik[:, None]
    iu, ju = np.triu_indices(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        if table.ndim == 3:
            diag = np.einsum("bii->bi", table)
            sym = table + table.transpose(0, 2, 1)
            idx = np.arange(n)
            sym[:, idx, idx] = diag
            hw = 2 * np.outer(p, p)
            np.fill_diagonal(hw, p * p)
            out[:, :t] = np.log(sym[:, iu, ju] / (lik * hw[iu, ju][None, :]))
            partial = table.sum(axis=2) + table.sum(axis=1) - diag
            out[:, t : t + n] = np.log(partial / (lik * (2 * p - p * p)[None, :]))
        else:
            hemi = np.log(table / (lik * p[None, :]))
            tri = np.full((b, t), np.nan)
            tri[:, iu == ju] = hemi  # a male typed a/a at an X marker
            out[:, :t] = tri
            out[:, t : t + n] = hemi
            out[:, t + n : t + 2 * n] = hemi
    out[:, -1] = 0.0
    return out


def _signature(fam: Family, mp: str, with_sex: bool) -> tuple:
    """Pedigree shape with the MP and the typed members marked: families with the same
    signature share one elimination plan. Sex matters beyond parenthood only at X
    markers."""
    ped = fam.pedigree
    pos = {i: k for k, i in enumerate(ped.ids)}
    typed = {i for i, g in fam.genotypes.items() if g and i != mp}
    return tuple(
        (
            pos.get(ind.father, -1),
            pos.get(ind.mother, -1),
            ind.sex if with_sex else "",
            ind.id == mp,
            ind.id in typed,
        )
        for ind in ped
    )


def _evidence(obs_list: Sequence[Obs | None], n_eff: int, hemizygous: bool) -> np.ndarray:
    """Indicator arrays (B, n, n) — or (B, n) for an X male — of a batch of observations."""
    b = len(obs_list)
    if hemizygous:
        e = np.zeros((b, n_eff))
        for k, o in enumerate(obs_list):
            if o is None or o[0] == MISSING:
                e[k] = 1.0
            else:
                e[k, o[0]] = 1.0
        return e
    e = np.zeros((b, n_eff, n_eff))
    for k, o in enumerate(obs_list):
        if o is None or all(a == MISSING for a in o):
            e[k] = 1.0
        elif len(o) == 1 or o[1] == MISSING:
            e[k, o[0], :] = 1.0
            e[k, :, o[0]] = 1.0
        else:
            e[k, o[0], o[1]] = 1.0
            e[k, o[1], o[0]] = 1.0
    return e


def _complete(o: Obs | None, hemizygous: bool) -> bool:
    if o is None:
        return False
    if hemizygous:
        return o[0] != MISSING
    return len(o) == 2 and MISSING not in o


def _batch_table(
    template: Family,
    mp: str,
    m: Marker,
    typed: list[str],
    members: Sequence[tuple[Family, str]],
    use_slots: bool,
    phantom: bool,
):
    """MP joint tables (B, n, n)/(B, n) and family likelihoods (B,) for one marker,
    for B families of one signature: two batched eliminations (with and without the
    MP kept)."""
    ids = template.pedigree.ids
    n_eff = m.n_alleles + phantom
    dense: dict[str, np.ndarray] = {}
    slots: dict[str, np.ndarray] = {}
    for i in typed:
        k = ids.index(i)
        obs = [f.genotypes.get(f.pedigree.ids[k], {}).get(m.name) for f, _ in members]
        hemi = m.is_x and template.pedigree.sex(i) == "M"
        if use_slots:
            slots[i] = np.array([o[:1] if hemi else o for o in obs], dtype=np.int64)  # type: ignore[index]
        else:
            dense[i] = _evidence(obs, n_eff, hemi)
    ev = Evidence({}, dense, slots)
    factors, sizes, kept, _ = build_factors(template.pedigree, m, ev, keep=[mp], phantom=phantom)
    table = eliminate(factors, sizes, kept)
    factors, sizes, _, _ = build_factors(template.pedigree, m, ev, phantom=phantom)
    lik = eliminate(factors, sizes).reshape(-1)
    b = len(members)
    table = np.broadcast_to(table, (b, *table.shape[1:]))
    n = m.n_alleles
    table = table[(slice(None),) + (slice(0, n),) * (table.ndim - 1)]
    return np.ascontiguousarray(table), np.broadcast_to(lik, (b,))


def group_tables(members: Sequence[tuple[Family, str]], markers: Sequence[Marker]) -> np.ndarray:
    """(C_total, B) log-LR columns for families of one signature, batched. Per marker,
    families whose typed members all have complete genotypes use allele slots; the
    rest use dense indicator evidence."""
    template, mp = members[0]
    ids = template.pedigree.ids
    typed = [i for i in ids if i != mp and template.genotypes.get(i)]
    # The genotypes of each typed position, per member family.
    member_geno = [
        [f.genotypes.get(f.pedigree.ids[ids.index(i)], {}) for i in typed] for f, _ in members
    ]
    parts = []
    for m in markers:
        phantom = needs_phantom_allele(m)
        hemi = [m.is_x and template.pedigree.sex(i) == "M" for i in typed]
        name = m.name
        complete = np.array(
            [
                all(_complete(g.get(name), h) for g, h in zip(gs, hemi, strict=True))
                for gs in member_geno
            ]
        )
        out = np.empty((len(members), _columns(m.n_alleles)))
        for flag in (True, False):
            sel = np.flatnonzero(complete == flag)
            if sel.size == 0:
                continue
            sub = [members[int(k)] for k in sel]
            table, lik = _batch_table(template, mp, m, typed, sub, flag, phantom)
            out[sel] = _log_lr_batch(table, np.asarray(lik), m)
        parts.append(out)
    return np.concatenate(parts, axis=1).T


def build_tables(dvi: DVIData, mps: Sequence[str] | None = None) -> LogLRTables:
    """log-LR tables of every MP (or of ``mps``); families of the same signature
    (``_signature``) are computed together as one batch."""
    mps = list(mps if mps is not None else dvi.missing)
    offsets = marker_offsets(dvi.markers)
    values = np.empty((int(sum(_columns(m.n_alleles) for m in dvi.markers)), len(mps)))
    groups: dict[tuple, list[int]] = {}
    with_sex = any(m.is_x for m in dvi.markers)
    for k, mp in enumerate(mps):
        groups.setdefault(_signature(dvi.family_of(mp), mp, with_sex), []).append(k)
    for ks in groups.values():
        members = [(dvi.family_of(mps[k]), mps[k]) for k in ks]
        if len(ks) == 1:
            values[:, ks[0]] = mp_tables(members[0][0], members[0][1], dvi.markers)
        else:
            values[:, ks] = group_tables(members, dvi.markers)
    return LogLRTables(mps, list(dvi.markers), offsets, values)


def marker_offsets(markers: Sequence[Marker]) -> np.ndarray:
    """int64 (markers,): the first row of each marker's columns in ``values``."""
    sizes = [_columns(m.n_alleles) for m in markers]
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
