"""Exclusions and undisputed matches (dvir ``exclusionMatrix``, ``findExcluded``,
``findUndisputed``).

* ``exclusion_matrix``: per (PM sample, MP), the number of markers at which the
  pairing is impossible once every mutation model is removed (forrel
  ``findExclusions``: a marker whose likelihood is 0 without mutation). Here that is
  the number of −inf entries in the pair's gathered log-LR rows computed without
  mutation.
* ``find_excluded``: the pairs with more than ``max_incompatible`` such markers
  (dvir ``maxIncomp = 2``).
* ``find_undisputed``: a pair (v, m) is *undisputed* when LR(v, m) ≥ threshold and
  every other entry of its row and column is ≤ LR(v, m) / threshold (≤ 1 when
  ``strict``); all such pairs of one step are fixed at once, their PM samples'
  data move onto their MPs (who become references of their families), the LR matrix
  is recomputed, and the steps repeat until no pair qualifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from kinship.dvi.data import DVIData, Family, without_mutation
from kinship.dvi.pairwise import LRMatrix, pairwise_lr
from kinship.dvi.tables import build_tables

#: dvir ``findExcluded(maxIncomp = 2)``: a pairing is excluded when more markers than
#: this are incompatible without mutation (one or two may be mutations).
MAX_INCOMPATIBLE = 2
#: dvir ``findUndisputed(threshold = 1e4)``: the LR a pair needs, and the factor by
#: which it must dominate its row and column.
UNDISPUTED_THRESHOLD = 1e4


def exclusion_matrix(dvi: DVIData, *, ignore_sex: bool = False) -> LRMatrix:
    """dvir ``exclusionMatrix``: per pair, the number of markers that exclude it when
    mutation models are removed (forrel ``findExclusions``); NaN for pairs that are
    not sex-compatible (unless ``ignore_sex``)."""
    plain = replace(dvi, markers=without_mutation(dvi.markers))
    tables = build_tables(plain)
    cols = tables.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    counts = np.zeros((len(dvi.victims), len(tables.mps)))
    for j in range(cols.shape[1]):
        counts += np.isneginf(tables.values[cols[:, j]])
    counts[~dvi.compatibility(tables.mps, ignore_sex)] = np.nan
    return LRMatrix(list(dvi.victims), list(tables.mps), counts)


def find_excluded(
    dvi: DVIData, *, max_incompatible: int = MAX_INCOMPATIBLE, ignore_sex: bool = False
) -> list[tuple[str, str]]:
    """dvir ``findExcluded``: the (PM sample, MP) pairs excluded by more than
    ``max_incompatible`` markers (``exclusion_matrix``)."""
    counts = exclusion_matrix(dvi, ignore_sex=ignore_sex)
    return [
        (v, m)
        for i, v in enumerate(counts.rows)
        for j, m in enumerate(counts.cols)
        if not np.isnan(counts.values[i, j]) and counts.values[i, j] > max_incompatible
    ]


@dataclass
class Undisputed:
    """One undisputed match, as a row of dvir's ``findUndisputed`` summary."""

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
    """Move PM samples' data onto their MPs; they become references of the family."""
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
    dvi: DVIData,
    *,
    threshold: float = UNDISPUTED_THRESHOLD,
    strict: bool = False,
    ignore_sex: bool = False,
) -> list[Undisputed]:
    """dvir ``findUndisputed`` (see the module docstring); the matches in the order
    dvir reports them (by step, then by MP)."""
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
