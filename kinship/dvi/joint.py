"""Joint DVI (dvir ``jointDVI``): every assignment of PM samples to AM families' MPs.

An *assignment* gives each PM sample either a distinct, sex-compatible MP or '*'
(none). Its likelihood is the product of the AM families' likelihoods with the
assigned PM samples' data on their MPs, times the Hardy–Weinberg likelihoods of the
unassigned PM samples:

    L(a) = Π_families L(f | PM data placed by a) · Π_{v: a(v) = *} P_HW(g_v),

LR(a) = L(a) / L(all '*'), posterior(a) = LR(a) / Σ_a' LR(a') (a flat prior over the
assignments evaluated) and LR0(a) the same LR with every reference genotype removed.
Pairs with pairwise LR 0 are dropped before the enumeration (dvir
``expand.grid.nodup``), which is exact: such an assignment has likelihood 0. With
``disable_mutations=None`` (dvir's ``NA``) mutation models are switched off in every
family whose reference data are consistent without them; True / False switch them
off / keep them everywhere. ``JointResult.posterior_pairing`` is dvir ``Bmarginal``.

The number of assignments grows super-exponentially (``dvi_grid_size``); the
enumeration is refused beyond ``max_assignments`` (dvir ``maxAssign``).

Reference: Vigeland MD, Egeland T (2021) Joint DNA-based disaster victim
identification, Sci Rep 11; dvir R/jointDVI.R, R/Bmarginal.R.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from math import comb, factorial

import numpy as np

from kinship import errors as E
from kinship.dvi.data import DVIData, Family, without_mutation
from kinship.dvi.pairwise import LRMatrix, pairwise_lr
from kinship.errors import KinshipError
from kinship.likelihood import Obs, marker_likelihood
from kinship.lr import hw_mass
from kinship.markers import MISSING, Marker
from kinship.provenance import provenance

#: dvir ``jointDVI(maxAssign = 1e5)``: beyond this many assignments the enumeration
#: is refused (memory and time grow linearly with it; pairwise LRs remain available).
MAX_ASSIGNMENTS = 100_000


@dataclass
class JointResult:
    """dvir ``jointDVI``'s table: one row per assignment (a tuple giving each PM
    sample's MP or '*'), with its log likelihood (natural log), LR against the
    all-'*' assignment, posterior (flat prior over the rows) and LR0 (the same LR
    with every reference genotype removed; dvir flags related PM samples with it)."""

    victims: list[str]
    assignments: list[tuple[str, ...]]
    loglik: np.ndarray
    lr: np.ndarray
    posterior: np.ndarray
    lr0: np.ndarray | None
    provenance: dict

    def top(self, k: int = 50) -> list[dict]:
        """The k best rows (highest log likelihood; ties in enumeration order) as
        dvir prints them."""
        order = np.lexsort((np.arange(len(self.loglik)), -self.loglik))[:k]
        rows = []
        for i in order:
            row: dict = dict(zip(self.victims, self.assignments[i], strict=True))
            row.update(
                loglik=float(self.loglik[i]),
                LR=float(self.lr[i]),
                posterior=float(self.posterior[i]),
            )
            if self.lr0 is not None:
                row["LR0"] = float(self.lr0[i])
            rows.append(row)
        return rows

    def posterior_pairing(self, missing: Sequence[str]) -> LRMatrix:
        """dvir ``Bmarginal`` ("posterior pairing probabilities", flat prior):
        P(PM sample v = m) = Σ of the posteriors of the rows assigning v to m, for
        every MP m and '*'; each row of the result sums to 1."""
        cols = [*missing, "*"]
        out = np.zeros((len(self.victims), len(cols)))
        for a, post in zip(self.assignments, self.posterior, strict=True):
            for i, m in enumerate(a):
                out[i, cols.index(m)] += post
        return LRMatrix(list(self.victims), cols, out)


def _family_loglik(
    fam: Family, markers: Sequence[Marker], placed: dict[str, dict[str, Obs]]
) -> float:
    """log L(family with the ``placed`` PM samples' genotypes on their MPs)."""
    total = 0.0
    for m in markers:
        g = {i: gm[m.name] for i, gm in fam.genotypes.items() if m.name in gm}
        for mp, vg in placed.items():
            if m.name in vg:
                g[mp] = vg[m.name]
        lik = marker_likelihood(fam.pedigree, m, g)
        if lik == 0:
            return -math.inf
        total += math.log(lik)
    return total


def _singleton_loglik(g: dict[str, Obs], markers: Sequence[Marker], sex: str) -> float:
    """log P_HW(an unassigned PM sample's genotypes): Σ_markers log P_HW(g)."""
    total = 0.0
    for m in markers:
        if m.name in g and any(a != MISSING for a in g[m.name]):
            total += math.log(hw_mass(m.afreq, g[m.name], m.is_x and sex == "M"))
    return total


def joint_dvi(
    dvi: DVIData,
    *,
    disable_mutations: bool | None = None,
    ignore_sex: bool = False,
    max_assignments: int = MAX_ASSIGNMENTS,
    compute_lr0: bool = True,
) -> JointResult:
    """dvir ``jointDVI``: enumerate and score every joint assignment (see the module
    docstring). Refuses (``TOO_MANY_ASSIGNMENTS``) beyond ``max_assignments``."""
    fam_markers: dict[str, list[Marker]] = {}
    plain = without_mutation(dvi.markers)
    for f in dvi.families:
        if disable_mutations is None:
            consistent = _family_loglik(f, plain, {}) > -math.inf
            fam_markers[f.id] = plain if consistent else list(dvi.markers)
        else:
            fam_markers[f.id] = plain if disable_mutations else list(dvi.markers)
    # Candidate MPs per PM sample: compatible, with pairwise LR > 0 under the models used.
    candidates: dict[str, list[str]] = {}
    lr_cache: dict[tuple[str, str], float] = {}
    for f in dvi.families:
        sub = DVIData(fam_markers[f.id], dvi.victims, dvi.victim_sex, dvi.victim_genotypes, [f])
        mat = pairwise_lr(sub, ignore_sex=ignore_sex)
        for i, v in enumerate(mat.rows):
            for j, m in enumerate(mat.cols):
                lr_cache[(v, m)] = mat.values[i, j]
    for v in dvi.victims:
        candidates[v] = [
            m for m in dvi.missing if not np.isnan(lr_cache[(v, m)]) and lr_cache[(v, m)] > 0
        ]
    assignments = list(_assignments(dvi.victims, candidates, max_assignments))

    def score(a: tuple[str, ...], fams: list[Family], cache: dict) -> float:
        total = 0.0
        for f in fams:
            placed = tuple(
                sorted((m, v) for v, m in zip(dvi.victims, a, strict=True) if m in f.missing)
            )
            key = (f.id, placed)
            if key not in cache:
                cache[key] = _family_loglik(
                    f, fam_markers[f.id], {m: dvi.victim_genotypes[v] for m, v in placed}
                )
            total += cache[key]
        for v, m in zip(dvi.victims, a, strict=True):
            if m == "*":
                total += _singleton_loglik(dvi.victim_genotypes[v], dvi.markers, dvi.pm_sex(v))
        return total

    cache: dict = {}
    loglik = np.array([score(a, dvi.families, cache) for a in assignments])
    null = score(tuple("*" for _ in dvi.victims), dvi.families, cache)
    lr = np.exp(loglik - null)
    posterior = lr / lr.sum()
    lr0 = None
    if compute_lr0:
        bare = [Family(f.id, f.pedigree, f.missing, {}) for f in dvi.families]
        cache0: dict = {}
        null0 = score(tuple("*" for _ in dvi.victims), bare, cache0)
        lr0 = np.exp(np.array([score(a, bare, cache0) for a in assignments]) - null0)
    return JointResult(
        list(dvi.victims),
        assignments,
        loglik,
        lr,
        posterior,
        lr0,
        provenance(
            dvi.markers,
            prior="flat over the assignments evaluated",
            disable_mutations=disable_mutations,
        ),
    )


def _assignments(victims: Sequence[str], candidates: dict[str, list[str]], limit: int):
    """dvir ``expand.grid.nodup``: every tuple giving each PM sample '*' or one of its
    candidates, no MP twice; in dvir's order ('*' first, then candidates in order)."""
    count = 0

    def rec(i: int, used: set[str], acc: list[str]):
        nonlocal count
        if i == len(victims):
            count += 1
            if count > limit:
                raise KinshipError(E.TOO_MANY_ASSIGNMENTS, limit=limit)
            yield tuple(acc)
            return
        yield from rec(i + 1, used, [*acc, "*"])
        for m in candidates[victims[i]]:
            if m not in used:
                yield from rec(i + 1, used | {m}, [*acc, m])

    yield from rec(0, set(), [])


def dvi_grid_size(dvi: DVIData, *, ignore_sex: bool = False) -> int:
    """A-priori number of joint assignments (dvir ``dviGridSize``, ``ncomb``): PM
    samples are assigned to distinct MPs of their sex or to none, so per sex group
    with V PM samples and M MPs the count is Σ_k C(V, k)·C(M, k)·k!, and the groups
    multiply (one group when ``ignore_sex``). PM samples or MPs of unknown sex are
    counted with the males, as a simplification (dvir requires known sexes)."""

    def count(v: int, m: int) -> int:
        return sum(comb(v, k) * comb(m, k) * factorial(k) for k in range(min(v, m) + 1))

    if ignore_sex:
        return count(len(dvi.victims), len(dvi.missing))
    total = 1
    for sex in ("M", "F"):
        v = sum(1 for x in dvi.victims if (dvi.pm_sex(x) == "F") == (sex == "F"))
        m = sum(1 for x in dvi.missing if (dvi.mp_sex(x) == "F") == (sex == "F"))
        total *= count(v, m)
    return total
