"""Mass search: every PM sample against every MP of every AM family, in blocks.

Per block of MPs the LR tables are built (tables.py) and every PM sample gathered
against them; only each PM sample's running top-k candidates are kept (plus the full
matrix if asked), so memory is bounded by one block per worker. A block is a pure
function of (data, first MP index), so blocks can be mapped by threads (joblib; NumPy
releases the GIL in the heavy parts) or by any concurrent.futures-style executor (a
process pool, a Dask cluster).

``posterior_probability`` turns a log LR into P(PM sample = MP) for a stated prior.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kinship import errors as E
from kinship.dvi.data import DVIData, sex_compatible
from kinship.dvi.tables import LogLRTables, build_tables, marker_offsets
from kinship.errors import KinshipError
from kinship.provenance import provenance

#: MPs per block: one block's tables (≈ 2,000 observation columns × block) and the
#: (PM samples × block) accumulator per worker; 1,000 keeps a 10,000 × 10,000 search
#: under ~2 GB (docs/kinship/performance.md).
DEFAULT_BLOCK = 1000
#: Worker threads: the project's standard machine has 2 cores.
DEFAULT_JOBS = 2
#: Candidates kept per PM sample (the identification workflow reviews the top ten).
DEFAULT_TOP_K = 10


@dataclass
class MassSearchResult:
    """Top candidates per PM sample from a blocked mass search (natural-log LRs).

    ``top_index`` / ``top_log_lr``: int64 / float64 (PM samples, k), best first
    (−inf: excluded, or not considered because of sex);
    ``n_nonzero``: (PM samples,) candidates with LR > 0; ``matrix``: the full
    (PM samples, MPs) log-LR matrix when kept (NaN = not considered)."""

    victims: list[str]
    mps: list[str]
    top_index: np.ndarray
    top_log_lr: np.ndarray
    n_nonzero: np.ndarray
    matrix: np.ndarray | None = None
    provenance: dict = field(default_factory=dict)

    def top_posterior(self, prior: float) -> np.ndarray:
        """P(PM sample = candidate) for the top candidates, with prior ``prior`` on each
        (see ``posterior_probability``)."""
        return posterior_probability(self.top_log_lr, prior)


def posterior_probability(log_lr: np.ndarray | float, prior: float) -> np.ndarray:
    """Posterior P(H1 | data) from a natural-log LR and a stated prior π on H1:
    π·LR / (π·LR + 1 − π), computed in log space (no overflow). −inf (an
    exclusion) gives 0; NaN (not considered) stays NaN."""
    if not 0 < prior < 1:
        raise KinshipError(E.PRIOR_RANGE, prior=prior)
    x = np.asarray(log_lr, dtype=float) + np.log(prior) - np.log1p(-prior)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def mass_search(
    dvi: DVIData,
    *,
    block: int = DEFAULT_BLOCK,
    n_jobs: int = DEFAULT_JOBS,
    top_k: int = DEFAULT_TOP_K,
    ignore_sex: bool = False,
    keep_matrix: bool = False,
    progress=None,
    executor=None,
) -> MassSearchResult:
    """All PM samples × all MPs, in blocks of ``block`` MPs: each block's tables are
    computed, every PM sample gathered against them, and only the running top ``top_k``
    kept (plus the full matrix if asked), so memory is bounded by one block per
    worker. Blocks run in parallel threads (NumPy releases the GIL in the heavy
    parts), or on ``executor``: anything with a concurrent.futures ``map`` (a
    ``ProcessPoolExecutor``, or a Dask cluster through
    ``distributed.Client(...).get_executor()``), each block being a pure function of
    the data and its first MP index. Sex-incompatible pairs are NaN in ``matrix``
    and never candidates, unless ``ignore_sex`` (``sex_compatible``)."""
    # Imported here, not at the top: joblib costs 0.2–0.4 s to import, and the CLI's
    # pairwise path (bench/kinship_bulk.py, end to end) never needs it.
    from joblib import Parallel, delayed

    mps = dvi.missing
    offsets = marker_offsets(dvi.markers)
    probe = LogLRTables([], list(dvi.markers), offsets, np.empty((0, 0)))
    cols = probe.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    v_sex = np.array([dvi.pm_sex(v) for v in dvi.victims])
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
            acc[~sex_compatible(v_sex[:, None], m_sex[None, :])] = np.nan
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
