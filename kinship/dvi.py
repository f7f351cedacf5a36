"""Mass search and disaster-victim identification (DVI), after dvir.

Data: victims (remains, each an unrelated singleton under H0) and families, each a
pedigree whose missing persons (MPs) are untyped. H0: every victim unrelated and
every family untouched.

Pairwise LR (``pairwise_lr``), as ``dvir::pairwiseLR``: entry (v, m) =
L(v placed on m, all else as H0) / L(H0), which is the kinship LR of v against m's
family. It is computed from the identity

    LR_marker(g) = P(data_f, MP = g) / (L(f) · P_HW(g))

with one joint genotype table of each MP per marker (``likelihood.genotype_table``)
turned into a vector of log LRs over every possible observation g (complete
genotypes, partial ``a/-``, hemizygous, untyped); every victim is then a gather-and-
sum over those vectors (``LogLRTables``). The tables of many families are computed
in blocks so that memory stays bounded (see ``mass_search``).

Sex: only sex-compatible pairings are considered (others are NaN, R ``NA``) unless
``ignore_sex``. Unknown sex ('U') is compatible with both.

Joint analysis (``joint_dvi``), as ``dvir::jointDVI``: every assignment of victims
to distinct, compatible MPs (or ``*``, none) is scored by the product of family
likelihoods with the assigned victims' data on their MPs times the singleton
likelihoods of unassigned victims; LR is relative to the all-``*`` assignment,
posterior = LR / ΣLR (flat prior over the assignments evaluated), LR0 the same LR
with all reference genotypes removed. Pairs with pairwise LR 0 are dropped before
enumeration. With ``disable_mutations=None`` (dvir's NA), mutation models are
switched off in every family whose reference data are consistent without them.
``posterior_pairing`` (dvir ``Bmarginal``) sums posteriors into P(v = m).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from kinship.likelihood import Obs, genotype_table, marker_likelihood
from kinship.lr import hw_mass
from kinship.markers import MISSING, Marker
from kinship.pedigree import Pedigree
from kinship.provenance import provenance


@dataclass
class Family:
    id: str
    pedigree: Pedigree
    missing: list[str]
    genotypes: dict[str, dict[str, Obs]] = field(default_factory=dict)  # id → marker → obs


@dataclass
class DVIData:
    markers: list[Marker]
    victims: list[str]
    victim_sex: dict[str, str]
    victim_genotypes: dict[str, dict[str, Obs]]
    families: list[Family]

    @property
    def missing(self) -> list[str]:
        return [m for f in self.families for m in f.missing]

    def family_of(self, mp: str) -> Family:
        index = self.__dict__.get("_family_index")
        if index is None or mp not in index:
            index = {m: f for f in self.families for m in f.missing}
            self.__dict__["_family_index"] = index
        return index[mp]

    def mp_sex(self, mp: str) -> str:
        return self.family_of(mp).pedigree.sex(mp)

    def compatible(self, v: str, mp: str, ignore_sex: bool = False) -> bool:
        if ignore_sex:
            return True
        a, b = self.victim_sex.get(v, "U"), self.mp_sex(mp)
        return a == "U" or b == "U" or a == b

    @classmethod
    def from_case(cls, case) -> DVIData:
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
            victim_sex={v["id"]: v.get("sex", "U") for v in raw["pm"]},
            victim_genotypes={v: case.genotypes.get(v, {}) for v in victims},
            families=fams,
        )


# --- observation columns ------------------------------------------------------


def _columns(n: int) -> int:
    """Per-marker observation space: the n(n+1)/2 complete genotypes a ≤ b (row-major
    upper triangle), n partial ``a/-``, n hemizygous ``a``, one untyped."""
    return n * (n + 1) // 2 + 2 * n + 1


def _tri(n: int) -> int:
    return n * (n + 1) // 2


def observation_column(obs: Obs | None, n: int) -> int:
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
    """log LR for every observation column (see ``_columns``) of one MP and marker.
    ``table`` is the MP's joint genotype table (n×n ordered, or n for an X male)."""
    return _log_lr_batch(table[None], np.array([lik_family]), marker)[0]


@dataclass
class LogLRTables:
    """log LR vectors of many (family, MP) columns, markers concatenated:
    ``values`` has shape (total observation columns, number of MPs)."""

    mps: list[str]
    markers: list[Marker]
    offsets: np.ndarray
    values: np.ndarray

    def victim_columns(self, genotypes: Sequence[dict[str, Obs]]) -> np.ndarray:
        """(victims, markers) indices into ``values`` rows."""
        cols = np.empty((len(genotypes), len(self.markers)), dtype=np.int64)
        for j, m in enumerate(self.markers):
            n, off, name = m.n_alleles, int(self.offsets[j]), m.name
            cols[:, j] = [off + observation_column(g.get(name), n) for g in genotypes]
        return cols

    def log_lr(self, cols: np.ndarray) -> np.ndarray:
        """(victims, MPs) natural-log LRs: the gather-and-sum over markers."""
        acc = np.zeros((cols.shape[0], self.values.shape[1]))
        for j in range(cols.shape[1]):
            acc += self.values[cols[:, j]]
        return acc


def mp_tables(family: Family, mp: str, markers: Sequence[Marker]) -> np.ndarray:
    """Concatenated log-LR vectors of one MP over all markers."""
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
    """MP joint tables (B, n, n)/(B, n) and family likelihoods (B,) for one marker."""
    from kinship.likelihood import Evidence, build_factors, eliminate

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
    from kinship.likelihood import always_lumpable

    template, mp = members[0]
    ids = template.pedigree.ids
    typed = [i for i in ids if i != mp and template.genotypes.get(i)]
    # The genotypes of each typed position, per member family.
    member_geno = [
        [f.genotypes.get(f.pedigree.ids[ids.index(i)], {}) for i in typed] for f, _ in members
    ]
    parts = []
    for m in markers:
        phantom = always_lumpable(m) and abs(1.0 - float(m.afreq.sum())) > 0
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
    """log-LR tables of every MP; families of the same shape are computed together."""
    mps = list(mps if mps is not None else dvi.missing)
    sizes = [_columns(m.n_alleles) for m in dvi.markers]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    values = np.empty((int(sum(sizes)), len(mps)))
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


@dataclass
class LRMatrix:
    rows: list[str]
    cols: list[str]
    values: np.ndarray  # NaN = pairing not considered

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "cols": self.cols,
            "values": [[None if np.isnan(x) else float(x) for x in row] for row in self.values],
        }


@dataclass
class MassSearchResult:
    """Top candidates per victim from a blocked mass search (natural-log LRs)."""

    victims: list[str]
    mps: list[str]
    top_index: np.ndarray  # (V, k) indices into ``mps``, best first
    top_log_lr: np.ndarray  # (V, k)
    n_nonzero: np.ndarray  # (V,) number of candidates with LR > 0
    matrix: np.ndarray | None = None  # (V, F) log LRs, when kept
    provenance: dict = field(default_factory=dict)

    def top_posterior(self, prior: float) -> np.ndarray:
        """P(victim = candidate) for the top candidates, with prior ``prior`` on each
        (see ``posterior_probability``)."""
        return posterior_probability(self.top_log_lr, prior)


def posterior_probability(log_lr: np.ndarray | float, prior: float) -> np.ndarray:
    """Posterior P(H1 | data) from a natural-log LR and a stated prior π on H1:
    π·LR / (π·LR + 1 − π), computed in log space (no overflow). −inf (an
    exclusion) gives 0; NaN (not considered) stays NaN."""
    if not 0 < prior < 1:
        raise ValueError(f"the prior must be strictly between 0 and 1, got {prior}")
    x = np.asarray(log_lr, dtype=float) + np.log(prior) - np.log1p(-prior)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def _marker_offsets(markers: Sequence[Marker]) -> np.ndarray:
    sizes = [_columns(m.n_alleles) for m in markers]
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)


def mass_search(
    dvi: DVIData,
    *,
    block: int = 1000,
    n_jobs: int = 2,
    top_k: int = 10,
    ignore_sex: bool = False,
    keep_matrix: bool = False,
    progress=None,
    executor=None,
) -> MassSearchResult:
    """All victims × all MPs, in blocks of ``block`` MPs: each block's tables are
    computed, every victim gathered against them, and only the running top ``top_k``
    kept (plus the full matrix if asked), so memory is bounded by one block per
    worker. Blocks run in parallel threads (NumPy releases the GIL in the heavy
    parts), or on ``executor``: anything with a concurrent.futures ``map`` (a
    ``ProcessPoolExecutor``, or a Dask cluster through
    ``distributed.Client(...).get_executor()``), each block being a pure function of
    the data and its first MP index."""
    from joblib import Parallel, delayed

    mps = dvi.missing
    offsets = _marker_offsets(dvi.markers)
    probe = LogLRTables([], list(dvi.markers), offsets, np.empty((0, 0)))
    cols = probe.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    v_sex = np.array([dvi.victim_sex.get(v, "U") for v in dvi.victims])
    starts = list(range(0, len(mps), block))
    n_v = len(dvi.victims)

    def work(start: int):
        block_mps = mps[start : start + block]
        tables = build_tables(dvi, block_mps)
        acc = np.zeros((n_v, len(block_mps)))
        tmp = np.empty_like(acc)
        for j in range(cols.shape[1]):
            np.take(tables.values, cols[:, j], axis=0, out=tmp)
            np.add(acc, tmp, out=acc)
        if not ignore_sex:
            m_sex = np.array([dvi.mp_sex(m) for m in block_mps])
            bad = (
                (v_sex[:, None] != m_sex[None, :])
                & (v_sex[:, None] != "U")
                & (m_sex[None, :] != "U")
            )
            acc[bad] = np.nan
        if progress is not None:
            progress(len(block_mps))
        return start, acc

    k = min(top_k, len(mps))
    top_i = np.zeros((n_v, 0), dtype=np.int64)
    top_v = np.zeros((n_v, 0))
    nonzero = np.zeros(n_v, dtype=np.int64)
    matrix = np.empty((n_v, len(mps))) if keep_matrix else None
    if executor is not None:
        results = executor.map(work, starts)
    else:
        results = Parallel(n_jobs=n_jobs, prefer="threads", return_as="generator")(
            delayed(work)(s) for s in starts
        )
    for start, acc in results:
        clean = np.where(np.isnan(acc), -np.inf, acc)
        nonzero += np.isfinite(clean).sum(axis=1)
        if matrix is not None:
            matrix[:, start : start + acc.shape[1]] = acc
        ids = np.broadcast_to(np.arange(start, start + acc.shape[1]), acc.shape)
        cand_v = np.concatenate([top_v, clean], axis=1)
        cand_i = np.concatenate([top_i, ids], axis=1)
        kk = min(k, cand_v.shape[1])
        part = np.argpartition(-cand_v, kk - 1, axis=1)[:, :kk]
        top_v = np.take_along_axis(cand_v, part, axis=1)
        top_i = np.take_along_axis(cand_i, part, axis=1)
    order = np.argsort(-top_v, axis=1, kind="stable")
    return MassSearchResult(
        list(dvi.victims),
        list(mps),
        np.take_along_axis(top_i, order, axis=1),
        np.take_along_axis(top_v, order, axis=1),
        nonzero,
        matrix,
        provenance(dvi.markers, ignore_sex=ignore_sex, block=block),
    )


def pairwise_lr(
    dvi: DVIData, *, ignore_sex: bool = False, tables: LogLRTables | None = None
) -> LRMatrix:
    """The victims × missing persons LR matrix (see module docstring)."""
    tables = tables or build_tables(dvi)
    cols = tables.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    with np.errstate(over="ignore"):
        lr = np.exp(tables.log_lr(cols))
    for i, v in enumerate(dvi.victims):
        for j, mp in enumerate(tables.mps):
            if not dvi.compatible(v, mp, ignore_sex):
                lr[i, j] = np.nan
    return LRMatrix(list(dvi.victims), list(tables.mps), lr)


def without_mutation(markers: Sequence[Marker]) -> list[Marker]:
    return [replace(m, mutation=None, _index={}) for m in markers]


def exclusion_counts(dvi: DVIData, *, ignore_sex: bool = False) -> LRMatrix:
    """Per pair, the number of markers that exclude it when mutation models are
    removed (forrel ``findExclusions``)."""
    plain = replace(dvi, markers=without_mutation(dvi.markers))
    tables = build_tables(plain)
    cols = tables.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    counts = np.zeros((len(dvi.victims), len(tables.mps)))
    for j in range(cols.shape[1]):
        counts += np.isneginf(tables.values[cols[:, j]])
    for i, v in enumerate(dvi.victims):
        for k, mp in enumerate(tables.mps):
            if not dvi.compatible(v, mp, ignore_sex):
                counts[i, k] = np.nan
    return LRMatrix(list(dvi.victims), list(tables.mps), counts)


def find_excluded(dvi: DVIData, *, max_incompatible: int = 2) -> list[tuple[str, str]]:
    """(victim, MP) pairs excluded by more than ``max_incompatible`` markers."""
    counts = exclusion_counts(dvi)
    return [
        (v, m)
        for i, v in enumerate(counts.rows)
        for j, m in enumerate(counts.cols)
        if not np.isnan(counts.values[i, j]) and counts.values[i, j] > max_incompatible
    ]


# --- undisputed -------------------------------------------------------------


@dataclass
class Undisputed:
    family: str
    missing: str
    sample: str
    lr: float
    step: int

    def as_dict(self) -> dict:
        return {
            "Family": self.family,
            "Missing": self.missing,
            "Sample": self.sample,
            "LR": self.lr,
            "Conclusion": "Undisputed",
            "Comment": f"Step {self.step}",
        }


def _place(dvi: DVIData, pairs: Sequence[tuple[str, str]]) -> DVIData:
    """Move victims' data onto their MPs; they become references of the family."""
    fams = []
    placed = {m: v for v, m in pairs}
    for f in dvi.families:
        g = dict(f.genotypes)
        missing = []
        for m in f.missing:
            if m in placed:
                g[m] = dvi.victim_genotypes[placed[m]]
            else:
                missing.append(m)
        fams.append(Family(f.id, f.pedigree, missing, g))
    victims = [v for v in dvi.victims if v not in {v for v, _ in pairs}]
    return DVIData(dvi.markers, victims, dvi.victim_sex, dvi.victim_genotypes, fams)


def find_undisputed(
    dvi: DVIData, *, threshold: float = 1e4, strict: bool = False, ignore_sex: bool = False
) -> list[Undisputed]:
    """dvir ``findUndisputed``: fix a pair when its LR ≥ threshold and every other
    entry in its row and column is ≤ LR / threshold (≤ 1 when ``strict``); fixed
    victims are moved into their families and the LR matrix is recomputed, until no
    pair qualifies."""
    found: list[Undisputed] = []
    current = dvi
    step = 0
    while current.victims and current.missing:
        step += 1
        mat = pairwise_lr(current, ignore_sex=ignore_sex)
        lr = np.nan_to_num(mat.values, nan=0.0)
        new = []
        for i, v in enumerate(mat.rows):
            for j, m in enumerate(mat.cols):
                x = lr[i, j]
                if x < threshold:
                    continue
                limit = 1.0 if strict else x / threshold
                others = np.concatenate([np.delete(lr[i], j), np.delete(lr[:, j], i)])
                if (others <= limit).all():
                    new.append((v, m, float(mat.values[i, j])))
        if not new:
            break
        order = {m: k for k, m in enumerate(current.missing)}
        new.sort(key=lambda t: order[t[1]])
        for v, m, x in new:
            found.append(Undisputed(current.family_of(m).id, m, v, x, step))
        current = _place(current, [(v, m) for v, m, _ in new])
    return found


# --- joint analysis ------------------------------------------------------------


@dataclass
class JointResult:
    victims: list[str]
    assignments: list[tuple[str, ...]]
    loglik: np.ndarray
    lr: np.ndarray
    posterior: np.ndarray
    lr0: np.ndarray | None
    provenance: dict

    def top(self, k: int = 50) -> list[dict]:
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
        cols = [*missing, "*"]
        out = np.zeros((len(self.victims), len(cols)))
        for a, post in zip(self.assignments, self.posterior, strict=True):
            for i, m in enumerate(a):
                out[i, cols.index(m)] += post
        return LRMatrix(list(self.victims), cols, out)


def _family_loglik(
    fam: Family, markers: Sequence[Marker], placed: dict[str, dict[str, Obs]]
) -> float:
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
    max_assignments: int = 100_000,
    compute_lr0: bool = True,
) -> JointResult:
    """Enumerate and score every joint assignment (see module docstring)."""
    fam_markers: dict[str, list[Marker]] = {}
    plain = without_mutation(dvi.markers)
    for f in dvi.families:
        if disable_mutations is None:
            consistent = _family_loglik(f, plain, {}) > -math.inf
            fam_markers[f.id] = plain if consistent else list(dvi.markers)
        else:
            fam_markers[f.id] = plain if disable_mutations else list(dvi.markers)
    # Candidate MPs per victim: compatible, with pairwise LR > 0 under the models used.
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
                total += _singleton_loglik(
                    dvi.victim_genotypes[v], dvi.markers, dvi.victim_sex.get(v, "U")
                )
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
    count = 0

    def rec(i: int, used: set[str], acc: list[str]):
        nonlocal count
        if i == len(victims):
            count += 1
            if count > limit:
                raise ValueError(f"more than {limit} assignments; use pairwise LRs instead")
            yield tuple(acc)
            return
        yield from rec(i + 1, used, [*acc, "*"])
        for m in candidates[victims[i]]:
            if m not in used:
                yield from rec(i + 1, used | {m}, [*acc, m])

    yield from rec(0, set(), [])


def grid_size(dvi: DVIData, *, ignore_sex: bool = False) -> int:
    """A-priori number of joint assignments (dvir ``dviGridSize``): victims are assigned
    to distinct missing persons of their sex or to none, so per sex group with V victims
    and M missing persons the count is Σ_k C(V, k)·C(M, k)·k!, and the groups multiply
    (one group when ``ignore_sex``). Victims or missing persons of unknown sex are
    counted with the males, as a simplification (dvir requires known sexes)."""
    from math import comb, factorial

    def count(v: int, m: int) -> int:
        return sum(comb(v, k) * comb(m, k) * factorial(k) for k in range(min(v, m) + 1))

    if ignore_sex:
        return count(len(dvi.victims), len(dvi.missing))
    total = 1
    for sex in ("M", "F"):
        v = sum(1 for x in dvi.victims if (dvi.victim_sex.get(x, "U") == "F") == (sex == "F"))
        m = sum(1 for x in dvi.missing if (dvi.mp_sex(x) == "F") == (sex == "F"))
        total *= count(v, m)
    return total


__all__ = ["DVIData", "Family", "find_excluded", "find_undisputed", "joint_dvi", "pairwise_lr"]
