"""Pedigree likelihoods by variable elimination.

Model
-----
For one marker, every individual *i* carries a paternal allele P_i and a maternal
allele M_i (a male at an X marker carries only M_i). The likelihood of the observed
genotypes is the sum, over every assignment of alleles to these variables, of

* founders: p(P_i) · p(M_i) (Hardy–Weinberg); with founder inbreeding f the pair
  gets (1 − f) p_a p_b + f p_a δ_ab; an X male founder gets p(M_i);
* non-founders: the transmission probabilities
  P(P_i = c | father (a, b)) = ½ (Mm[a, c] + Mm[b, c]) with the male mutation
  matrix, and likewise M_i from the mother with the female matrix; at an X marker a
  daughter's P_i is her father's single allele passed through Mm, a son has no
  paternal allele;
* observations: 1 when the unordered pair {P_i, M_i} equals the typed genotype
  (for a partial genotype ``a/-``: when either allele is a; for a hemizygous male:
  when M_i = a), else 0. Untyped individuals contribute no factor.

With θ > 0 (Balding–Nichols) the founder factors are replaced by one joint factor:
all founder alleles are drawn sequentially from a Pólya urn, the j-th draw
(1-based) being allele a with probability (b_j θ + (1 − θ) p_a) / (1 + (j − 2) θ),
b_j = number of earlier draws equal to a (pedprobr ``likTheta``; Balding & Nichols
1994). Its cost grows exponentially with the number of founder alleles, as in
pedprobr.

This sum over a product of factors is computed exactly by variable elimination
(the general form of Elston–Stewart peeling; Lauritzen & Sheehan 2003): variables
are summed out one at a time, greedily choosing the one whose elimination creates
the smallest table. Loops (cousin marriages) need no loop breakers: they only make
the intermediate tables larger. All sums are exact (no approximation, no pruning
of non-zero terms). Float64 throughout.

Exact reductions applied before elimination:

* untyped individuals without typed or kept descendants are removed (they sum to 1);
  by the consistency of the Pólya urn this also holds with θ;
* a typed individual's variables range over its own alleles only;
* alleles seen in no typed individual are merged into one class when every
  mutation matrix is strongly lumpable for that set (none, equal, proportional;
  Kemeny & Snell 1960) — never when a genotype table is requested, and with θ the
  urn merges exactly too (aggregation property of the Dirichlet–multinomial). As in
  pedtools, the merged class gets frequency 1 − Σ(observed), which differs from
  Σ(unobserved) only when a rounded table does not sum to exactly 1.

Arrays: factor tables have one leading batch axis (size 1, or B for batched
evidence in mass search); allele axes follow. Likelihoods underflow only for
pedigrees far larger than forensic families (values below 1e-300).

References: Elston & Stewart (1971); Lauritzen & Sheehan (2003) Statistical Science
18(4); Vigeland, pedprobr (R/likelihood.R, R/peel.R, R/thetaCorrection.R).
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError
from kinship.markers import MISSING, Marker
from kinship.pedigree import Pedigree

Obs = tuple[int, ...]
_LETTERS = string.ascii_letters


@dataclass
class _Factor:
    vars: tuple[int, ...]
    table: np.ndarray  # shape (batch, *domain sizes)


@lru_cache(maxsize=65536)
def _subscripts(var_lists: tuple[tuple[int, ...], ...], out_vars: tuple[int, ...]) -> str:
    letters: dict[int, str] = {}
    for vs in var_lists:
        for v in vs:
            letters.setdefault(v, _LETTERS[len(letters)])
    subs = ",".join("..." + "".join(letters[v] for v in vs) for vs in var_lists)
    return subs + "->..." + "".join(letters[v] for v in out_vars)


def _work(factors: Sequence[_Factor]) -> int:
    """Product of every index's extent, batch included: the cost of a plain loop."""
    dims: dict[int, int] = {}
    batch = 1
    for f in factors:
        batch = max(batch, f.table.shape[0])
        for v, d in zip(f.vars, f.table.shape[1:], strict=True):
            dims[v] = d
    work = batch
    for d in dims.values():
        work *= d
    return work


_BIG = 200_000


def _einsum(factors: Sequence[_Factor], out_vars: Sequence[int]) -> np.ndarray:
    """Multiply factors and sum out the variables not in ``out_vars``. Large
    contractions go through einsum's path optimiser (BLAS-backed tensordot/matmul);
    small ones through the plain loop, pairwise, which has less overhead."""
    out_vars = tuple(out_vars)
    big = _work(factors) > _BIG
    if len(factors) <= 2 or big:
        subs = _subscripts(tuple(f.vars for f in factors), out_vars)
        ops = [f.table for f in factors]
        if not big:
            return np.einsum(subs, *ops)
        return np.einsum(subs, *ops, optimize="greedy" if len(ops) > 2 else True)
    fs = sorted(factors, key=lambda f: f.table.size)
    acc = fs[0]
    for k, f in enumerate(fs[1:], start=2):
        union = tuple(dict.fromkeys(acc.vars + f.vars))
        out = out_vars if k == len(fs) else union
        acc = _Factor(out, _einsum([acc, f], out))
    return acc.table


_ORDER_CACHE: dict[tuple, tuple[int, ...]] = {}


def _elimination_order(
    var_lists: list[tuple[int, ...]], sizes: Mapping[int, int], keep: Sequence[int]
) -> tuple[int, ...]:
    """Greedy min-size order (the variable whose elimination makes the smallest
    table goes first). Cached by structure; sizes enter only as 1, 2 or "many"."""
    cls = {v: min(sizes[v], 3) for vs in var_lists for v in vs}
    key = (tuple(var_lists), tuple(sorted(cls.items())), tuple(keep))
    hit = _ORDER_CACHE.get(key)
    if hit is not None:
        return hit
    weight = {v: (100 if c == 3 else c) for v, c in cls.items()}
    lists = [set(vs) for vs in var_lists]
    todo = set(cls) - set(keep)
    order = []
    while todo:
        best, best_cost = -1, -1
        for v in sorted(todo):
            union: set[int] = set()
            for vs in lists:
                if v in vs:
                    union |= vs
            union.discard(v)
            cost = 1
            for u in union:
                cost *= weight[u]
            if best_cost < 0 or cost < best_cost:
                best, best_cost = v, cost
        merged: set[int] = set()
        rest = []
        for vs in lists:
            if best in vs:
                merged |= vs
            else:
                rest.append(vs)
        merged.discard(best)
        rest.append(merged)
        lists = rest
        todo.discard(best)
        order.append(best)
    if len(_ORDER_CACHE) > 100_000:
        _ORDER_CACHE.clear()
    _ORDER_CACHE[key] = tuple(order)
    return tuple(order)


def eliminate(
    factors: list[_Factor], sizes: Mapping[int, int], keep: Sequence[int] = ()
) -> np.ndarray:
    """Sum out every variable not in ``keep``; returns a table over ``keep`` (in that
    order) with the leading batch axis."""
    factors = list(factors)
    for best in _elimination_order([f.vars for f in factors], sizes, keep):
        involved = [f for f in factors if best in f.vars]
        rest = [f for f in factors if best not in f.vars]
        out = tuple(sorted({u for f in involved for u in f.vars} - {best}))
        rest.append(_Factor(out, _einsum(involved, out)))
        factors = rest
    if not factors:
        return np.ones((1,) + tuple(sizes[v] for v in keep))
    return _einsum(factors, list(keep))


@dataclass
class Evidence:
    """Observations of one marker: individual id → allele-index tuple (single);
    for a batch of same-shaped families, id → indicator array (B, n, n) / (B, n)
    (``batched``), or id → the (B, 2) / (B, 1) allele indices of complete
    genotypes (``slots``, much cheaper)."""

    single: dict[str, Obs]
    batched: dict[str, np.ndarray]
    slots: dict[str, np.ndarray] = field(default_factory=dict)


def _observed_alleles(obs: Mapping[str, Obs]) -> set[int]:
    return {a for o in obs.values() for a in o if a != MISSING}


def _lump(marker: Marker, observed: set[int], allow: bool):
    """Allele classes: each observed allele alone, the others merged when exact."""
    n = marker.n_alleles
    unobserved = np.array(sorted(set(range(n)) - observed), dtype=int)
    mats = marker.matrices()
    # pedprobr lumps only for models lumpable for every set (none, equal,
    # proportional); a stepwise model keeps all alleles.
    if not allow or unobserved.size < 2 or not marker.always_lumpable:
        classes = [np.array([i]) for i in range(n)]
        return classes, marker.afreq, mats, np.arange(n)
    classes = [np.array([i]) for i in sorted(observed)] + [unobserved]
    freqs = np.array([marker.afreq[c].sum() for c in classes])
    # pedtools gives the merged class 1 − Σ(observed) (not Σ(unobserved)): the two
    # differ when a published table does not sum to exactly 1. Follow pedtools.
    freqs[-1] = 1.0 - freqs[:-1].sum()
    new_index = np.empty(n, dtype=int)
    for k, c in enumerate(classes):
        new_index[c] = k
    if mats is None:
        return classes, freqs, None, new_index
    lumped = []
    for m in mats:
        lm = np.empty((len(classes), len(classes)))
        for i, ci in enumerate(classes):
            for j, cj in enumerate(classes):
                lm[i, j] = m[ci[0], cj].sum()
        lumped.append(lm)
    return classes, freqs, (lumped[0], lumped[1]), new_index


def always_lumpable(marker: Marker) -> bool:
    """No model, or one lumpable for every set of alleles (equal, proportional):
    off-diagonal entries M[u, j] do not depend on u."""
    return marker.always_lumpable


def _always_lumpable(marker: Marker) -> bool:
    mats = marker.matrices()
    if mats is None:
        return True
    for m in mats:
        off = m.copy()
        np.fill_diagonal(off, np.nan)
        col_ref = np.nanmax(off, axis=0)
        if not np.allclose(
            np.where(np.isnan(off), col_ref[None, :], off), col_ref[None, :], rtol=1e-12, atol=0
        ):
            return False
    return True


def _with_phantom(marker: Marker):
    """Frequencies and matrices extended by a phantom allele Ω carrying the mass
    δ = 1 − Σp of a rounded table, never observed, entered from no allele, and
    leaving like any unobserved allele (M[Ω, j] = M[u, j], u ≠ j). For an always-
    lumpable model this reproduces pedtools' merged class of frequency
    1 − Σ(observed) for every set of observed alleles at once."""
    n = marker.n_alleles
    delta = 1.0 - float(marker.afreq.sum())
    freqs = np.append(marker.afreq, delta)
    mats = marker.matrices()
    if mats is None:
        return freqs, None
    out = []
    for m in mats:
        ext = np.zeros((n + 1, n + 1))
        ext[:n, :n] = m
        off = m.copy()
        np.fill_diagonal(off, np.nan)
        row = np.nanmax(off, axis=0) if n > 1 else np.zeros(n)
        ext[n, :n] = row
        ext[n, n] = 1.0 - row.sum()
        out.append(ext)
    return freqs, (out[0], out[1])


def _urn(domains: list[np.ndarray], freqs: np.ndarray, theta: float) -> np.ndarray:
    """Joint probability of sequential Pólya-urn draws over the given domains."""
    table = np.ones(())
    for k, dom in enumerate(domains):
        shape_prev = table.shape
        counts = np.zeros(shape_prev + (len(dom),))
        for i in range(k):
            eq = (domains[i][:, None] == dom[None, :]).astype(float)  # (d_i, d_k)
            shape = [1] * (k + 1)
            shape[i] = len(domains[i])
            shape[k] = len(dom)
            counts = counts + eq.reshape(shape)
        step = (counts * theta + (1 - theta) * freqs[dom]) / (1 + (k - 1) * theta)
        table = table[..., None] * step
    return table


def _is_nuclear(ped: Pedigree) -> bool:
    """One nuclear family (pedtools: a single peeling nucleus)."""
    unions = {(ped[i].father, ped[i].mother) for i in ped.nonfounders()}
    return len(unions) == 1 and len(ped.founders()) == 2


def _stationary(marker: Marker) -> bool:
    return marker.stationary


def _prune(ped: Pedigree, informative: set[str]) -> list[str]:
    """Individuals that matter: the informative ones and everyone needed to connect
    them (untyped childless individuals are removed repeatedly)."""
    alive = set(ped.ids)
    children = {i: set(ped.children(i)) for i in ped.ids}
    changed = True
    while changed:
        changed = False
        for i in list(alive):
            if i not in informative and not (children[i] & alive):
                alive.discard(i)
                changed = True
    # Founders whose only role was a parent of removed children are gone by now.
    return [i for i in ped.ids if i in alive]


def build_factors(
    ped: Pedigree,
    marker: Marker,
    evidence: Evidence,
    *,
    keep: Sequence[str] = (),
    theta: float = 0.0,
    founder_inbreeding: Mapping[str, float] | None = None,
    lump: bool = True,
    phantom: bool = False,
) -> tuple[list[_Factor], dict[int, int], list[int], dict[int, np.ndarray]]:
    """The factor graph of one marker. Returns factors, variable sizes, the kept
    variables (in order: for each kept id, P then M, or M alone for an X male) and
    each variable's allele domain: an index array of shape (1, d) shared by the
    batch, or (B, d) when it differs per batch element ("slots": a typed member of
    a batch of families ranges over its own alleles)."""
    finb = founder_inbreeding or {}
    x = marker.is_x
    obs = {k: v for k, v in evidence.single.items() if any(a != MISSING for a in v)}
    batched = set(evidence.batched) | set(evidence.slots)
    informative = set(obs) | batched | set(keep)
    if _is_nuclear(ped) and not _stationary(marker):
        # pedprobr keeps every child of a nuclear pedigree under a non-stationary
        # model. Mathematically the same, except that a simple founder then sums its
        # untransmitted allele to Σp: follow pedprobr to the last digit.
        informative |= set(ped.nonfounders())
    ids = _prune(ped, informative)
    observed = _observed_alleles(obs)
    allow_lump = lump and not keep and not batched
    _classes, freqs, mats, new_index = _lump(marker, observed, allow_lump)
    if phantom:
        freqs, mats = _with_phantom(marker)
    n = len(freqs)
    full = np.arange(n)[None, :]
    mm, mf = (mats[1], mats[0]) if mats is not None else (None, None)

    var_p: dict[str, int] = {}
    var_m: dict[str, int] = {}
    domains: dict[int, np.ndarray] = {}
    counter = itertools.count()
    alive = set(ids)

    def hemi(i: str) -> bool:
        return x and ped.sex(i) == "M"

    # "Simple founders" (pedprobr): a founder with one child, not kept, without θ or
    # inbreeding, is represented by the one allele it transmits, with weight
    # p_t (untyped), p_a·p_b on a and b (typed a/b), p_a·p_t and p_a on a itself
    # (partial a/-). This sums the untransmitted allele to exactly 1.
    simple: dict[str, np.ndarray] = {}
    for i in ids:
        ind = ped[i]
        kids = [c for c in ped.children(i) if c in alive]
        if (
            ind.is_founder
            and len(kids) == 1
            and i not in keep
            and i not in batched
            and theta == 0
            and not finb.get(i, 0)
            and not hemi(i)
        ):
            o = obs.get(i)
            if o is None:
                dom, w = full, freqs.copy()
            elif MISSING in o:
                a = int(new_index[o[0]])
                dom, w = full, freqs[a] * freqs
                w[a] = freqs[a]
            else:
                a, b = int(new_index[o[0]]), int(new_index[o[1]])
                dom = np.array([sorted({a, b})])
                w = np.full(dom.shape[1], freqs[a] * freqs[b])
            simple[i] = w[None, :]
            var_m[i] = next(counter)
            domains[var_m[i]] = dom

    slot_evidence: dict[str, np.ndarray] = {}
    for i in ids:
        if i in simple:
            continue
        o = obs.get(i)
        if i in evidence.slots:
            alleles = evidence.slots[i]  # (B, 2), or (B, 1) for an X male
            dom_p = alleles[:, :1] if not hemi(i) else None
            dom_m = alleles[:, 1:] if not hemi(i) else alleles
            if not hemi(i):
                # P ranges over both slots, M too; count (a, b) once, (b, a) only if a ≠ b.
                dom_p = dom_m = alleles
                e = np.zeros((len(alleles), 2, 2))
                e[:, 0, 1] = 1.0
                e[:, 1, 0] = alleles[:, 0] != alleles[:, 1]
                slot_evidence[i] = e
        elif o is not None and i not in evidence.batched:
            known = sorted({int(new_index[a]) for a in o if a != MISSING})
            dom_p = dom_m = np.array([known]) if MISSING not in o else full
        else:
            dom_p = dom_m = full
        if not hemi(i):
            var_p[i] = next(counter)
            domains[var_p[i]] = dom_p  # type: ignore[assignment]
        var_m[i] = next(counter)
        domains[var_m[i]] = dom_m

    factors: list[_Factor] = []
    founders = [i for i in ids if ped[i].is_founder and i not in simple]
    for i, w in simple.items():
        factors.append(_Factor((var_m[i],), w))
    founder_vars: list[int] = []
    for i in founders:
        if hemi(i):
            founder_vars.append(var_m[i])
        else:
            founder_vars.extend([var_p[i], var_m[i]])
    if theta > 0:
        if any(finb.get(i, 0) for i in founders):
            raise KinshipError(E.THETA_WITH_INBREEDING)
        doms = [domains[v][0] for v in founder_vars]
        factors.append(_Factor(tuple(founder_vars), _urn(doms, freqs, theta)[None]))
    else:
        for i in founders:
            f = finb.get(i, 0.0)
            if hemi(i):
                factors.append(_Factor((var_m[i],), freqs[domains[var_m[i]]]))
            elif f > 0 and not x:
                dp, dm = domains[var_p[i]], domains[var_m[i]]
                t = (1 - f) * freqs[dp][:, :, None] * freqs[dm][:, None, :] + f * (
                    (dp[:, :, None] == dm[:, None, :]) * freqs[dp][:, :, None]
                )
                factors.append(_Factor((var_p[i], var_m[i]), t))
            else:
                factors.append(_Factor((var_p[i],), freqs[domains[var_p[i]]]))
                factors.append(_Factor((var_m[i],), freqs[domains[var_m[i]]]))

    def single(mat, a_dom, c_dom) -> np.ndarray:
        """(B?, da, dc): P(transmitted c | parental allele a)."""
        if mat is None:
            return (a_dom[:, :, None] == c_dom[:, None, :]).astype(float)
        return mat[a_dom[:, :, None], c_dom[:, None, :]]

    def trans(mat, a_dom, b_dom, c_dom) -> np.ndarray:
        """(B?, da, db, dc): ½ (M[a, c] + M[b, c])."""
        ta, tb = single(mat, a_dom, c_dom), single(mat, b_dom, c_dom)
        return 0.5 * (ta[:, :, None, :] + tb[:, None, :, :])

    for i in ids:
        ind = ped[i]
        if ind.is_founder:
            continue
        fa, mo = ind.father, ind.mother
        assert fa is not None and mo is not None
        # maternal allele: from the mother's two alleles (she is never hemizygous)
        if mo in simple:
            t = single(mf, domains[var_m[mo]], domains[var_m[i]])
            factors.append(_Factor((var_m[mo], var_m[i]), t))
        else:
            t = trans(mf, domains[var_p[mo]], domains[var_m[mo]], domains[var_m[i]])
            factors.append(_Factor((var_p[mo], var_m[mo], var_m[i]), t))
        if x:
            if not hemi(i):  # a daughter gets her father's single allele
                t = single(mm, domains[var_m[fa]], domains[var_p[i]])
                factors.append(_Factor((var_m[fa], var_p[i]), t))
        elif fa in simple:
            t = single(mm, domains[var_m[fa]], domains[var_p[i]])
            factors.append(_Factor((var_m[fa], var_p[i]), t))
        else:
            t = trans(mm, domains[var_p[fa]], domains[var_m[fa]], domains[var_p[i]])
            factors.append(_Factor((var_p[fa], var_m[fa], var_p[i]), t))

    for i, o in obs.items():
        if i not in var_m or i in batched or i in simple or hemi(i):
            continue  # a hemizygous male's domain {a} is the observation
        dp, dm = domains[var_p[i]][0], domains[var_m[i]][0]
        a = int(new_index[o[0]])
        if o[1] == MISSING:
            e = ((dp[:, None] == a) | (dm[None, :] == a)).astype(float)
        else:
            b = int(new_index[o[1]])
            e = (
                ((dp[:, None] == a) & (dm[None, :] == b))
                | ((dp[:, None] == b) & (dm[None, :] == a))
            ).astype(float)
        if e.size > 1 or e.item() != 1.0:
            factors.append(_Factor((var_p[i], var_m[i]), e[None]))
    for i, e in slot_evidence.items():
        factors.append(_Factor((var_p[i], var_m[i]), e))
    for i, arr in evidence.batched.items():
        if i not in var_m:
            continue
        if hemi(i):
            factors.append(_Factor((var_m[i],), arr))
        else:
            factors.append(_Factor((var_p[i], var_m[i]), arr))

    sizes = {v: d.shape[1] for v, d in domains.items()}
    kept: list[int] = []
    for i in keep:
        if not hemi(i):
            kept.append(var_p[i])
        kept.append(var_m[i])
    return factors, sizes, kept, domains


def _check_theta(theta: float) -> None:
    if not 0 <= theta < 1:
        raise KinshipError(E.THETA_RANGE.format(theta=theta))


def marker_likelihood(
    ped: Pedigree,
    marker: Marker,
    genotypes: Mapping[str, Obs],
    *,
    theta: float = 0.0,
    founder_inbreeding: Mapping[str, float] | None = None,
) -> float:
    """P(observed genotypes at one marker | pedigree)."""
    _check_theta(theta)
    _check_inbreeding(ped, founder_inbreeding, theta)
    factors, sizes, _, _ = build_factors(
        ped,
        marker,
        Evidence(dict(genotypes), {}),
        theta=theta,
        founder_inbreeding=founder_inbreeding,
    )
    return float(eliminate(factors, sizes)[0])


def genotype_table(
    ped: Pedigree,
    marker: Marker,
    genotypes: Mapping[str, Obs],
    target: str,
    *,
    theta: float = 0.0,
    founder_inbreeding: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Joint table P(data, target's ordered genotype): (n, n) over (paternal,
    maternal) allele, or (n,) for a male at an X marker. Its sum is the likelihood."""
    _check_theta(theta)
    _check_inbreeding(ped, founder_inbreeding, theta)
    ped[target]
    phantom = theta == 0 and always_lumpable(marker) and abs(1.0 - float(marker.afreq.sum())) > 0
    factors, sizes, kept, domains = build_factors(
        ped,
        marker,
        Evidence(dict(genotypes), {}),
        keep=[target],
        theta=theta,
        founder_inbreeding=founder_inbreeding,
        phantom=phantom,
    )
    table = eliminate(factors, sizes, kept)[0]
    n = marker.n_alleles
    out = np.zeros((n + phantom,) * len(kept))
    out[np.ix_(*[domains[v][0] for v in kept])] = table
    return out[(slice(0, n),) * len(kept)]


def genotype_distribution(
    ped: Pedigree, marker: Marker, genotypes: Mapping[str, Obs], target: str, **kw
) -> dict[str, float]:
    """P(target's unordered genotype = g | data), labels "a/b" in allele order
    (single alleles for an X male); only genotypes with positive probability."""
    t = genotype_table(ped, marker, genotypes, target, **kw)
    total = t.sum()
    out: dict[str, float] = {}
    if t.ndim == 1:
        for a in range(len(t)):
            if t[a] > 0:
                out[marker.alleles[a]] = float(t[a] / total)
        return out
    for a in range(len(t)):
        for b in range(a, len(t)):
            v = t[a, a] if a == b else t[a, b] + t[b, a]
            if v > 0:
                out[f"{marker.alleles[a]}/{marker.alleles[b]}"] = float(v / total)
    return out


def _check_inbreeding(ped: Pedigree, finb: Mapping[str, float] | None, theta: float = 0.0) -> None:
    if theta > 0 and any((finb or {}).values()):
        raise KinshipError(E.THETA_WITH_INBREEDING)
    for i, f in (finb or {}).items():
        if i not in ped:
            raise KinshipError(E.UNKNOWN_INDIVIDUAL.format(id=i))
        if not ped[i].is_founder:
            raise KinshipError(E.INBREEDING_NOT_FOUNDER.format(id=i))
        if not 0 <= f <= 1:
            raise KinshipError(E.INBREEDING_RANGE.format(id=i, f=f))


@dataclass
class MarkerLikelihood:
    marker: str
    likelihood: float

    @property
    def log10_likelihood(self) -> float | None:
        return float(np.log10(self.likelihood)) if self.likelihood > 0 else None


@dataclass
class LikelihoodResult:
    per_marker: list[MarkerLikelihood]
    provenance: dict

    @property
    def log10_likelihood_total(self) -> float | None:
        if any(m.likelihood == 0 for m in self.per_marker):
            return None
        return float(sum(np.log10(m.likelihood) for m in self.per_marker))

    @property
    def loglik_total(self) -> float | None:
        t = self.log10_likelihood_total
        return None if t is None else t * float(np.log(10))

    def as_dict(self) -> dict:
        return {
            "per_marker": [
                {
                    "marker": m.marker,
                    "likelihood": m.likelihood,
                    "log10_likelihood": m.log10_likelihood,
                }
                for m in self.per_marker
            ],
            "log10_likelihood_total": self.log10_likelihood_total,
            "loglik_total": self.loglik_total,
            "provenance": self.provenance,
        }


def likelihood(
    ped: Pedigree,
    markers: Sequence[Marker],
    genotypes: Mapping[str, Mapping[str, Obs]],
    *,
    theta: float = 0.0,
    founder_inbreeding: Mapping[str, float] | None = None,
) -> LikelihoodResult:
    """Per-marker pedigree likelihoods (markers are independent: no linkage).
    ``genotypes``: id → marker name → allele-index tuple (see ``Marker.parse``)."""
    from kinship.provenance import provenance

    out = []
    for m in markers:
        g = {i: gm[m.name] for i, gm in genotypes.items() if m.name in gm}
        out.append(
            MarkerLikelihood(
                m.name,
                marker_likelihood(ped, m, g, theta=theta, founder_inbreeding=founder_inbreeding),
            )
        )
    return LikelihoodResult(out, provenance(markers, theta=theta))
