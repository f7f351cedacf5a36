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

that is

    L = Σ_{P, M} Π_founders π(P_i, M_i) · Π_nonfounders τ_f(P_i | P_F, M_F) τ_m(M_i | P_M, M_M)
        · Π_typed 1[{P_i, M_i} = g_i].

With θ > 0 (Balding–Nichols) the founder factors are replaced by one joint factor:
all founder alleles are drawn sequentially from a Pólya urn, the j-th draw
(1-based) being allele a with probability (b_j θ + (1 − θ) p_a) / (1 + (j − 2) θ),
b_j = number of earlier draws equal to a (pedprobr ``likTheta``; Balding & Nichols
1994). Its cost grows exponentially with the number of founder alleles, as in
pedprobr.

Assumptions: Mendelian transmission with the given sex-specific mutation matrices;
Hardy–Weinberg founders (or θ, or founder inbreeding); markers independent (no
linkage: a multi-marker likelihood is the product); no silent alleles, dropout or
genotyping error.

Algorithm
---------
This sum over a product of factors is computed exactly by variable elimination
(the general form of Elston–Stewart peeling; Lauritzen & Sheehan 2003): variables
are summed out one at a time, greedily choosing the one whose elimination creates
the smallest table. Loops (cousin marriages) need no loop breakers: they only make
the intermediate tables larger. All sums are exact (no approximation, no pruning
of non-zero terms). Float64 throughout.

``build_factors`` builds the factor graph in named steps, each following one
pedprobr convention (see its docstring):

1. ``relevant_individuals`` — untyped individuals without typed or kept descendants
   are removed (they sum to 1; by the consistency of the Pólya urn also with θ);
   pedprobr's nuclear-pedigree rule for non-stationary models;
2. ``allele_classes`` — alleles seen in no typed individual are merged into one
   class when every mutation matrix is strongly lumpable for that set (none, equal,
   proportional: ``MutationModel.always_lumpable``; Kemeny & Snell 1960) — never
   when a genotype table is requested; with θ the urn merges exactly too
   (aggregation property of the Dirichlet–multinomial). As in pedtools the merged
   class gets frequency 1 − Σ(observed), which differs from Σ(unobserved) only when
   a rounded table does not sum to exactly 1 (``phantom`` allele for tables);
3. ``simple_founder_variables`` — a founder with one child is represented by the
   allele it transmits;
4. ``genotype_variables`` — a typed individual's variables range over its own
   alleles only;
5. ``founder_factors``, ``transmission_factors``, ``observation_factors``.

Arrays: factor tables have one leading batch axis (size 1, or B for batched
evidence in mass search); allele axes follow. Variable domains are index arrays of
shape (1, d) shared by the batch, or (B, d) per batch element. Likelihoods underflow
only for pedigrees far larger than forensic families (values below 1e-300).

References: Elston & Stewart (1971) Hum Hered 21; Lauritzen & Sheehan (2003)
Statistical Science 18(4); Balding & Nichols (1994) FSI 64; Kemeny & Snell (1960)
Finite Markov Chains; Vigeland, pedprobr (R/likelihood.R, R/peel.R, R/startdata.R,
R/informative.R, R/lumpAlleles.R, R/thetaCorrection.R).
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
from kinship.provenance import provenance

Obs = tuple[int, ...]

# --- tuning constants of the elimination engine ------------------------------------
# None of them changes a result; they trade time and memory.

#: einsum subscript letters: at most 52 distinct variables in one contraction (a
#: forensic family's largest elimination clique has far fewer).
_LETTERS = string.ascii_letters
#: A contraction whose plain-loop work (product of every index extent, batch
#: included) exceeds this goes through einsum's path optimiser (BLAS-backed
#: tensordot/matmul); below it the optimiser's fixed overhead (tens of µs) costs
#: more than it saves. Set on the bench/ cases (21–23 STRs, SE33 with 55 alleles).
EINSUM_OPTIMIZE_ABOVE = 200_000
#: Cached einsum subscript strings (one per factor-structure pattern; a mass search
#: sees a few hundred).
SUBSCRIPT_CACHE_SIZE = 65_536
#: Cached elimination orders; the cache is cleared when it grows past this, which
#: bounds its memory in long-running processes (each entry is a few hundred bytes).
ORDER_CACHE_LIMIT = 100_000
#: Domain sizes enter the greedy order only as 1, 2 or "many" (this value), so that
#: families of one shape with different typed alleles share one cached order.
SIZE_CLASS_MANY = 3
#: The weight of a "many"-allele variable in the greedy cost: of the order of an
#: untyped STR domain (10–55 alleles), so that untyped variables dominate the cost
#: and typed ones (1–2 alleles) are cheap.
MANY_ALLELES_WEIGHT = 100


@dataclass
class _Factor:
    """A non-negative table over variables: shape (batch, *domain sizes of vars)."""

    vars: tuple[int, ...]
    table: np.ndarray


@lru_cache(maxsize=SUBSCRIPT_CACHE_SIZE)
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


def _einsum(factors: Sequence[_Factor], out_vars: Sequence[int]) -> np.ndarray:
    """Multiply factors and sum out the variables not in ``out_vars``. Large
    contractions go through einsum's path optimiser (BLAS-backed tensordot/matmul);
    small ones through the plain loop, pairwise, which has less overhead."""
    out_vars = tuple(out_vars)
    big = _work(factors) > EINSUM_OPTIMIZE_ABOVE
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
    table goes first; ties to the lowest variable number). Cached by structure;
    sizes enter only as 1, 2 or "many" (``SIZE_CLASS_MANY``). The order changes the
    cost, never the value."""
    cls = {v: min(sizes[v], SIZE_CLASS_MANY) for vs in var_lists for v in vs}
    key = (tuple(var_lists), tuple(sorted(cls.items())), tuple(keep))
    hit = _ORDER_CACHE.get(key)
    if hit is not None:
        return hit
    weight = {v: (MANY_ALLELES_WEIGHT if c == SIZE_CLASS_MANY else c) for v, c in cls.items()}
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
    if len(_ORDER_CACHE) > ORDER_CACHE_LIMIT:
        _ORDER_CACHE.clear()
    _ORDER_CACHE[key] = tuple(order)
    return tuple(order)


def eliminate(
    factors: list[_Factor], sizes: Mapping[int, int], keep: Sequence[int] = ()
) -> np.ndarray:
    """Sum out every variable not in ``keep``: Σ_{vars ∉ keep} Π_f f. Returns a table
    (batch, *sizes of keep) over ``keep`` in that order; with ``keep`` empty, the
    likelihood per batch element, shape (batch,)."""
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
    """Observations of one marker.

    * ``single``: id → allele-index tuple (``Marker.parse``; ``MISSING`` = −1 for an
      unknown allele);
    * ``batched``: for a batch of B same-shaped families, id → indicator array
      (B, n, n) over (paternal, maternal) allele, or (B, n) for an X male;
    * ``slots``: id → the int64 allele indices (B, 2), or (B, 1) for an X male, of
      complete genotypes (much cheaper than ``batched``: the individual's variables
      range over its own two alleles per family).
    """

    single: dict[str, Obs]
    batched: dict[str, np.ndarray]
    slots: dict[str, np.ndarray] = field(default_factory=dict)


def _observed_alleles(obs: Mapping[str, Obs]) -> set[int]:
    """Allele indices seen in any (partial) genotype."""
    return {a for o in obs.values() for a in o if a != MISSING}


# --- the factor graph of one marker, step by step ----------------------------------


def _is_nuclear(ped: Pedigree) -> bool:
    """One nuclear family (pedtools: a single peeling nucleus)."""
    unions = {(ped[i].father, ped[i].mother) for i in ped.nonfounders()}
    return len(unions) == 1 and len(ped.founders()) == 2


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


def relevant_individuals(ped: Pedigree, marker: Marker, informative: set[str]) -> list[str]:
    """Step 1: the individuals kept in the factor graph, in pedigree order.

    pedprobr ``informativeSubnucs`` (R/informative.R): an untyped individual without
    informative descendants sums to 1 and is removed (repeatedly; by the urn's
    consistency this also holds with θ). ``informative`` = typed, batched or kept.

    pedprobr convention kept to the last digit: in a *nuclear* pedigree under a
    *non-stationary* model (``Marker.is_stationary`` false) pedprobr keeps every
    child. Mathematically the same, except that a simple founder then sums its
    untransmitted allele to Σp (not exactly 1) when a rounded table does not sum
    to 1.
    """
    if _is_nuclear(ped) and not marker.is_stationary:
        informative = informative | set(ped.nonfounders())
    return _prune(ped, informative)


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
        # Lumped matrix (Kemeny–Snell): from class ci (any member: rows agree) to
        # class cj, the row sum over cj.
        lm = np.empty((len(classes), len(classes)))
        for i, ci in enumerate(classes):
            for j, cj in enumerate(classes):
                lm[i, j] = m[ci[0], cj].sum()
        lumped.append(lm)
    return classes, freqs, (lumped[0], lumped[1]), new_index


def needs_phantom_allele(marker: Marker) -> bool:
    """True when a genotype table must carry the ``_with_phantom`` allele to follow
    pedtools' merged-class convention: an always-lumpable model (or none) and a
    frequency table that does not sum to exactly 1 (θ = 0 only)."""
    return marker.always_lumpable and abs(1.0 - float(marker.afreq.sum())) > 0


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


@dataclass
class AlleleClasses:
    """The allele axis of every factor of one marker: ``freqs`` (d,), the (female,
    male) matrices (d, d) or None (no mutation), and ``new_index`` mapping each of
    the marker's n allele indices to its class (identity when nothing is merged)."""

    freqs: np.ndarray
    mats: tuple[np.ndarray, np.ndarray] | None
    new_index: np.ndarray


def allele_classes(
    marker: Marker, observed: set[int], *, allow_lump: bool, phantom: bool
) -> AlleleClasses:
    """Step 2: the allele classes.

    pedprobr ``lumpAlleles`` (R/lumpAlleles.R) with pedmut ``lumpedModel``: when
    ``allow_lump`` and the model is always lumpable (``MutationModel
    .always_lumpable``: none, equal, proportional), the unobserved alleles become
    one class; the lumped matrix is L[I, J] = Σ_{j∈J} M[i, j] for any i ∈ I
    (Kemeny–Snell strong lumpability makes it independent of i). pedtools convention:
    the merged class has frequency 1 − Σ(observed). A stepwise model is not lumped.

    With ``phantom`` (genotype tables, which cannot lump because every allele of the
    kept individual is needed) the alleles are kept and a phantom allele of mass
    1 − Σp reproduces the merged-class convention (``_with_phantom``).
    """
    _classes, freqs, mats, new_index = _lump(marker, observed, allow_lump)
    if phantom:
        freqs, mats = _with_phantom(marker)
    return AlleleClasses(freqs, mats, new_index)


@dataclass
class _Variables:
    """The allele variables of the graph: P (paternal) and M (maternal) per
    individual, numbered in creation order, each with its domain of allele-class
    indices, shape (1, d) or (B, d)."""

    ped: Pedigree
    x: bool
    full: np.ndarray
    var_p: dict[str, int] = field(default_factory=dict)
    var_m: dict[str, int] = field(default_factory=dict)
    domains: dict[int, np.ndarray] = field(default_factory=dict)
    counter: itertools.count = field(default_factory=itertools.count)

    def hemi(self, i: str) -> bool:
        """A male at an X marker: M_i only."""
        return self.x and self.ped.sex(i) == "M"

    def new(self, domain: np.ndarray) -> int:
        v = next(self.counter)
        self.domains[v] = domain
        return v


def simple_founder_variables(
    g: _Variables,
    ids: Sequence[str],
    obs: Mapping[str, Obs],
    classes: AlleleClasses,
    *,
    excluded: set[str],
    theta: float,
    finb: Mapping[str, float],
) -> dict[str, np.ndarray]:
    """Step 3: pedprobr's "simple founders" (R/startdata.R, ``startdata_M``).

    A founder with exactly one (relevant) child — not kept or batched (``excluded``),
    without θ or inbreeding, not an X male — is represented by the one allele it
    transmits, one variable, with weight p_t (untyped), p_a·p_b on a and b (typed
    a/b), or p_a·p_t and p_a on a itself (partial a/-). This sums the untransmitted
    allele to exactly 1 (not to Σp): pedprobr's convention, identical when the
    frequencies sum to 1. Returns id → weight table (1, d); creates the variable as
    the founder's ``var_m``.
    """
    freqs, new_index = classes.freqs, classes.new_index
    alive = set(ids)
    simple: dict[str, np.ndarray] = {}
    for i in ids:
        ind = g.ped[i]
        kids = [c for c in g.ped.children(i) if c in alive]
        if (
            ind.is_founder
            and len(kids) == 1
            and i not in excluded
            and theta == 0
            and not finb.get(i, 0)
            and not g.hemi(i)
        ):
            o = obs.get(i)
            if o is None:
                dom, w = g.full, freqs.copy()
            elif MISSING in o:
                a = int(new_index[o[0]])
                dom, w = g.full, freqs[a] * freqs
                w[a] = freqs[a]
            else:
                a, b = int(new_index[o[0]]), int(new_index[o[1]])
                dom = np.array([sorted({a, b})])
                w = np.full(dom.shape[1], freqs[a] * freqs[b])
            simple[i] = w[None, :]
            g.var_m[i] = g.new(dom)
    return simple


def genotype_variables(
    g: _Variables,
    ids: Sequence[str],
    obs: Mapping[str, Obs],
    evidence: Evidence,
    classes: AlleleClasses,
    simple: Mapping[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Step 4: the (P, M) variables of everyone else, pedprobr's genotype lists
    (``startdata_M``): a typed individual ranges over its own alleles only (phased:
    a/b gives (a, b) and (b, a)); a partial a/- and an untyped individual over every
    allele; an X male has M only. A batch member with complete genotypes
    (``slots``) ranges over its own two alleles per family, and its (2, 2)
    indicator counts (a, b) once and (b, a) only if a ≠ b. Returns those slot
    indicators, id → (B, 2, 2)."""
    new_index = classes.new_index
    slot_evidence: dict[str, np.ndarray] = {}
    for i in ids:
        if i in simple:
            continue
        o = obs.get(i)
        hemi = g.hemi(i)
        if i in evidence.slots:
            alleles = evidence.slots[i]  # (B, 2), or (B, 1) for an X male
            dom_p = dom_m = alleles
            if not hemi:
                e = np.zeros((len(alleles), 2, 2))
                e[:, 0, 1] = 1.0
                e[:, 1, 0] = alleles[:, 0] != alleles[:, 1]
                slot_evidence[i] = e
        elif o is not None and i not in evidence.batched:
            known = sorted({int(new_index[a]) for a in o if a != MISSING})
            dom_p = dom_m = np.array([known]) if MISSING not in o else g.full
        else:
            dom_p = dom_m = g.full
        if not hemi:
            g.var_p[i] = g.new(dom_p)
        g.var_m[i] = g.new(dom_m)
    return slot_evidence


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


def founder_factors(
    g: _Variables,
    founders: Sequence[str],
    freqs: np.ndarray,
    *,
    theta: float,
    finb: Mapping[str, float],
) -> list[_Factor]:
    """Step 5a: the founders' prior (simple founders excluded).

    θ = 0: Hardy–Weinberg, p(P_i) p(M_i) as two factors (pedprobr ``HWprob`` on
    phased genotypes), or with founder inbreeding f the joint
    (1 − f) p_a p_b + f p_a δ_ab (pedprobr ``startdata``: homozygote p²(1−f) + pf,
    heterozygote 2pq(1−f) unordered); an X male founder p(M_i).
    θ > 0: one joint factor over every founder allele, the Pólya urn of pedprobr
    ``likTheta`` (R/thetaCorrection.R), draws in pedigree order (P before M).
    """
    factors: list[_Factor] = []
    founder_vars: list[int] = []
    for i in founders:
        if g.hemi(i):
            founder_vars.append(g.var_m[i])
        else:
            founder_vars.extend([g.var_p[i], g.var_m[i]])
    if theta > 0:
        if any(finb.get(i, 0) for i in founders):
            raise KinshipError(E.THETA_WITH_INBREEDING)
        doms = [g.domains[v][0] for v in founder_vars]
        factors.append(_Factor(tuple(founder_vars), _urn(doms, freqs, theta)[None]))
        return factors
    for i in founders:
        f = finb.get(i, 0.0)
        if g.hemi(i):
            factors.append(_Factor((g.var_m[i],), freqs[g.domains[g.var_m[i]]]))
        elif f > 0 and not g.x:
            dp, dm = g.domains[g.var_p[i]], g.domains[g.var_m[i]]
            t = (1 - f) * freqs[dp][:, :, None] * freqs[dm][:, None, :] + f * (
                (dp[:, :, None] == dm[:, None, :]) * freqs[dp][:, :, None]
            )
            factors.append(_Factor((g.var_p[i], g.var_m[i]), t))
        else:
            factors.append(_Factor((g.var_p[i],), freqs[g.domains[g.var_p[i]]]))
            factors.append(_Factor((g.var_m[i],), freqs[g.domains[g.var_m[i]]]))
    return factors


def _single(mat: np.ndarray | None, a_dom: np.ndarray, c_dom: np.ndarray) -> np.ndarray:
    """(B?, da, dc): P(transmitted c | parental allele a) = M[a, c] (δ_ac without a
    mutation model)."""
    if mat is None:
        return (a_dom[:, :, None] == c_dom[:, None, :]).astype(float)
    return mat[a_dom[:, :, None], c_dom[:, None, :]]


def _trans(
    mat: np.ndarray | None, a_dom: np.ndarray, b_dom: np.ndarray, c_dom: np.ndarray
) -> np.ndarray:
    """(B?, da, db, dc): ½ (M[a, c] + M[b, c])."""
    ta, tb = _single(mat, a_dom, c_dom), _single(mat, b_dom, c_dom)
    return 0.5 * (ta[:, :, None, :] + tb[:, None, :, :])


def transmission_factors(
    g: _Variables,
    ids: Sequence[str],
    simple: Mapping[str, np.ndarray],
    mats: tuple[np.ndarray, np.ndarray] | None,
) -> list[_Factor]:
    """Step 5b: pedprobr ``.transProbM``: P(child allele c | parent (a, b)) =
    ½ (M[a, c] + M[b, c]), the father through the male matrix, the mother through
    the female one; a simple founder transmits its one allele through M[a, c]. At an
    X marker (``.peel_M_X``) a daughter's paternal allele is her father's single
    allele through the male matrix, a son has none."""
    mf, mm = (mats[0], mats[1]) if mats is not None else (None, None)
    d = g.domains
    factors: list[_Factor] = []
    for i in ids:
        ind = g.ped[i]
        if ind.is_founder:
            continue
        fa, mo = ind.father, ind.mother
        assert fa is not None and mo is not None
        # maternal allele: from the mother's two alleles (she is never hemizygous)
        if mo in simple:
            t = _single(mf, d[g.var_m[mo]], d[g.var_m[i]])
            factors.append(_Factor((g.var_m[mo], g.var_m[i]), t))
        else:
            t = _trans(mf, d[g.var_p[mo]], d[g.var_m[mo]], d[g.var_m[i]])
            factors.append(_Factor((g.var_p[mo], g.var_m[mo], g.var_m[i]), t))
        if g.x:
            if not g.hemi(i):  # a daughter gets her father's single allele
                t = _single(mm, d[g.var_m[fa]], d[g.var_p[i]])
                factors.append(_Factor((g.var_m[fa], g.var_p[i]), t))
        elif fa in simple:
            t = _single(mm, d[g.var_m[fa]], d[g.var_p[i]])
            factors.append(_Factor((g.var_m[fa], g.var_p[i]), t))
        else:
            t = _trans(mm, d[g.var_p[fa]], d[g.var_m[fa]], d[g.var_p[i]])
            factors.append(_Factor((g.var_p[fa], g.var_m[fa], g.var_p[i]), t))
    return factors


def observation_factors(
    g: _Variables,
    obs: Mapping[str, Obs],
    evidence: Evidence,
    classes: AlleleClasses,
    *,
    skip: set[str],
    slot_evidence: Mapping[str, np.ndarray],
) -> list[_Factor]:
    """Step 5c: the indicator 1[{P_i, M_i} = g_i] of each typed individual (an
    unordered genotype: (a, b) and (b, a) both count; partial a/-: either allele is
    a). pedprobr encodes the same restriction in its genotype lists; here the
    domains (step 4) already restrict, and a factor is added only where it still
    removes something. A hemizygous male's domain {a} is his observation; simple
    founders' and batched individuals' (``skip``) observations are in their weights
    or in ``slot_evidence`` / ``evidence.batched``."""
    new_index = classes.new_index
    factors: list[_Factor] = []
    for i, o in obs.items():
        if i not in g.var_m or i in skip or g.hemi(i):
            continue
        dp, dm = g.domains[g.var_p[i]][0], g.domains[g.var_m[i]][0]
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
            factors.append(_Factor((g.var_p[i], g.var_m[i]), e[None]))
    for i, e in slot_evidence.items():
        factors.append(_Factor((g.var_p[i], g.var_m[i]), e))
    for i, arr in evidence.batched.items():
        if i not in g.var_m:
            continue
        if g.hemi(i):
            factors.append(_Factor((g.var_m[i],), arr))
        else:
            factors.append(_Factor((g.var_p[i], g.var_m[i]), arr))
    return factors


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
    """The factor graph of one marker, built in the steps of the module docstring.

    Returns factors, variable sizes, the kept variables (in order: for each kept id,
    P then M, or M alone for an X male) and each variable's allele domain: an index
    array of shape (1, d) shared by the batch, or (B, d) when it differs per batch
    element ("slots": a typed member of a batch of families ranges over its own
    alleles). ``lump=False`` or any ``keep`` / batched evidence disables merging.
    """
    finb = founder_inbreeding or {}
    obs = {k: v for k, v in evidence.single.items() if any(a != MISSING for a in v)}
    batched = set(evidence.batched) | set(evidence.slots)
    ids = relevant_individuals(ped, marker, set(obs) | batched | set(keep))
    classes = allele_classes(
        marker,
        _observed_alleles(obs),
        allow_lump=lump and not keep and not batched,
        phantom=phantom,
    )
    g = _Variables(ped, marker.is_x, np.arange(len(classes.freqs))[None, :])
    simple = simple_founder_variables(
        g, ids, obs, classes, excluded=set(keep) | batched, theta=theta, finb=finb
    )
    slot_evidence = genotype_variables(g, ids, obs, evidence, classes, simple)

    factors = [_Factor((g.var_m[i],), w) for i, w in simple.items()]
    founders = [i for i in ids if ped[i].is_founder and i not in simple]
    factors += founder_factors(g, founders, classes.freqs, theta=theta, finb=finb)
    factors += transmission_factors(g, ids, simple, classes.mats)
    factors += observation_factors(
        g, obs, evidence, classes, skip=batched | set(simple), slot_evidence=slot_evidence
    )

    sizes = {v: d.shape[1] for v, d in g.domains.items()}
    kept: list[int] = []
    for i in keep:
        if not g.hemi(i):
            kept.append(g.var_p[i])
        kept.append(g.var_m[i])
    return factors, sizes, kept, g.domains


def _check_theta(theta: float) -> None:
    if not 0 <= theta < 1:
        raise KinshipError(E.THETA_RANGE, theta=theta)


def marker_likelihood(
    ped: Pedigree,
    marker: Marker,
    genotypes: Mapping[str, Obs],
    *,
    theta: float = 0.0,
    founder_inbreeding: Mapping[str, float] | None = None,
) -> float:
    """P(observed genotypes at one marker | pedigree): pedprobr ``likelihood`` for
    one marker. ``genotypes``: id → allele-index tuple (``Marker.parse``); untyped
    individuals are absent. Exact (see the module docstring); 0 for data
    inconsistent with the pedigree and model."""
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
    """Joint table T[a, b] = P(data, target's paternal allele a, maternal allele b):
    float64 (n, n), or (n,) over the single allele for a male at an X marker. Its
    sum is the likelihood of ``genotypes`` (the target's own genotype, if given, is
    ignored only when the caller removes it). With θ = 0 and a rounded frequency
    table the pedtools merged-class convention is followed through a phantom allele
    (``needs_phantom_allele``), so that each entry equals pedprobr's likelihood with
    the target typed."""
    _check_theta(theta)
    _check_inbreeding(ped, founder_inbreeding, theta)
    ped[target]
    phantom = theta == 0 and needs_phantom_allele(marker)
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


def one_marker_distribution(
    ped: Pedigree, marker: Marker, genotypes: Mapping[str, Obs], target: str, **kw
) -> dict[str, float]:
    """pedprobr ``oneMarkerDistribution`` for one target: P(target's unordered
    genotype = g | data) = (T[a, b] + T[b, a]) / ΣT (T[a, a] / ΣT for a homozygote)
    with T = ``genotype_table``; labels "a/b" in allele order (single alleles for an
    X male); only genotypes with positive probability. ``kw``: ``theta``,
    ``founder_inbreeding``."""
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
            raise KinshipError(E.UNKNOWN_INDIVIDUAL, id=i)
        if not ped[i].is_founder:
            raise KinshipError(E.INBREEDING_NOT_FOUNDER, id=i)
        if not 0 <= f <= 1:
            raise KinshipError(E.INBREEDING_RANGE, id=i, f=f)


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
