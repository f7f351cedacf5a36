"""Pairwise LRs (dvir ``pairwiseLR``): every PM sample against every MP, all else as
under H0.

Entry (v, m) = L(v placed on m, all else as H0) / L(H0), which is the kinship LR of
PM sample v against m's AM family (lr.py, ``missing_person_lr``):

    LR(v, m) = Π_markers P(data_f, MP = g_v) / (L(f) · P_HW(g_v)),

read from the LR tables (tables.py) by one gather-and-sum, instead of dvir's one
family likelihood per pair. Pairs that are not sex-compatible (``sex_compatible``)
are NaN (R ``NA``) unless ``ignore_sex``. Note dvir's caveat: a ``dviData`` object
carries its pairings, so in R ``ignoreSex = TRUE`` needs regenerated pairings; here
the flag always applies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kinship.dvi.data import DVIData
from kinship.dvi.tables import LogLRTables, build_tables


@dataclass
class LRMatrix:
    """A (rows × cols) matrix with labels: PM samples × MPs for LRs and exclusion
    counts, PM samples × (MPs + '*') for posterior pairing probabilities. ``values``
    float64; NaN = pairing not considered."""

    rows: list[str]
    cols: list[str]
    values: np.ndarray

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "cols": self.cols,
            "values": [[None if np.isnan(x) else float(x) for x in row] for row in self.values],
        }


def pairwise_lr(
    dvi: DVIData, *, ignore_sex: bool = False, tables: LogLRTables | None = None
) -> LRMatrix:
    """dvir ``pairwiseLR``: the PM samples × MPs LR matrix (see the module
    docstring); ``tables`` (from ``build_tables(dvi)``) may be passed to reuse them."""
    if tables is None:
        tables = build_tables(dvi)
    cols = tables.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    with np.errstate(over="ignore"):
        lr = np.exp(tables.log_lr(cols))
    lr[~dvi.compatibility(tables.mps, ignore_sex)] = np.nan
    return LRMatrix(list(dvi.victims), list(tables.mps), lr)
