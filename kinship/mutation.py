"""Mutation models, with exactly the pedmut (0.9.1) definitions.

A mutation matrix M is n×n over a marker's alleles (in the marker's order):
``M[i, j] = P(parental allele i is transmitted as allele j)``; rows sum to 1.
A ``MutationModel`` holds a female and a male matrix (the mother transmits
through ``female``, the father through ``male``).

Models (r = rate):

* **trivial**: M = I.
* **equal**: M_ii = 1 − r, M_ij = r / (n − 1).
* **proportional**: a = r / Σ_k p_k (1 − p_k); M = (1 − a) I + a 1 pᵀ, i.e.
  M_ij = a p_j (i ≠ j), M_ii = 1 − a + a p_i. Stationary and reversible. Exists
  only while every entry is in [0, 1] (r ≤ (1 − Σp²)/(1 − min p)).
* **random**: rows drawn uniformly and normalised (seeded); with ``rate`` the
  diagonal is set so that Σ_i p_i M_ii = 1 − r (pedmut's construction; the random
  draws themselves cannot match R's generator).
* **onestep** (integer alleles): M_ij = r / #neighbours if |a_i − a_j| = 1,
  M_ii = 1 − r (1 if the allele has no neighbour).
* **stepwise** (Familias' extended stepwise; numeric alleles): each allele has a
  microvariant group g = round(10·frac(a)). For allele i, S = the other alleles of
  its group; j ∈ S gets weight range^|a_i − a_j|, scaled so the weights over S sum
  to ``rate``; an allele in another group gets rate2 / #(alleles outside i's group);
  M_ii = 1 − rate − rate2, or 1 − rate when every allele is in i's group, or
  1 − rate2 when i is alone in its group.
* **dawid** (Dawid et al. 2002; integer alleles): for i ≠ j,
  M_ij = (r / p_i) · (1 − range) / (2·range·(n − a)) · range^|i − j| with
  a = (1 − range^n)/(1 − range) and |i − j| the distance in *index*;
  M_ii = 1 − Σ_{j≠i} M_ij. Reversible; a maximum rate exists.
* **custom**: a given matrix (validated: square, entries in [0,1], rows sum to 1).

Transforms (pedmut ``transform=``), each followed by a diagonal repair
(M_ii = 1 − Σ_{j≠i} M_ij): **MH** R_ij = M_ij·min(1, p_j M_ji/(p_i M_ij));
**BA** R_ij = M_ij·p_j M_ji/(p_i M_ij + p_j M_ji); **PR** R = (PM + (PM)ᵀ)/(2P)
with P = diag(p). MH and BA are then rescaled to the original overall rate
(``adjust_rate``: M' = a M + (1 − a) I with a = old rate / new rate). **PM**
(Simonsson & Mostad 2016, as pedmut ``makeStationary``): with R = 1 − Σ p_i M_ii, solve
(Mᵀ − I) v = 0 with the last equation replaced by Σ v = 1, set
d_i = R v_i / ((1 − Σ_j M_jj v_j) p_i) and S = diag(d)(M − I) + I; it does not exist
(``PM_DOES_NOT_EXIST``) when some d_i (1 − M_ii) > 1 — the case for many real STR
tables.

Properties: overall rate = 1 − Σ_i p_i M_ii; stationary ⇔ pM = p; reversible ⇔
p_i M_ij = p_j M_ji; lumpable for a set L (Kemeny–Snell) ⇔ Σ_{j∈B} M_ij is the
same for every i ∈ L, for every block B of the partition {L} ∪ singletons.

Reference: Vigeland, M. D. pedmut (CRAN), R/mutationMatrix.R.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError


def _numeric(alleles: list[str], model: str, marker: str) -> np.ndarray:
    try:
        return np.array([float(a) for a in alleles])
    except ValueError:
        bad = next(a for a in alleles if not _is_float(a))
        raise KinshipError(
            E.NUMERIC_ALLELES.format(model=model, marker=marker, allele=bad)
        ) from None


def _is_float(a: str) -> bool:
    try:
        float(a)
        return True
    except ValueError:
        return False


def _integers(alleles: list[str], model: str, marker: str) -> np.ndarray:
    values = _numeric(alleles, model, marker)
    for a, v in zip(alleles, values, strict=True):
        if v != round(v):
            raise KinshipError(E.NON_INTEGER_ALLELES.format(model=model, marker=marker, allele=a))
    return values


def _repair_diagonal(m: np.ndarray) -> np.ndarray:
    m = m.copy()
    np.fill_diagonal(m, 0.0)
    np.fill_diagonal(m, 1.0 - m.sum(axis=1))
    return m


@dataclass(frozen=True)
class MutationMatrix:
    """One validated mutation matrix with the parameters that made it."""

    matrix: np.ndarray
    model: str = "custom"
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def is_identity(self) -> bool:
        return bool(np.array_equal(self.matrix, np.eye(len(self.matrix))))

    # --- constructors ---------------------------------------------------------
    @staticmethod
    def validate(m: np.ndarray, marker: str = "") -> np.ndarray:
        m = np.asarray(m, dtype=float)
        n = m.shape[0]
        if m.ndim != 2 or m.shape != (n, n):
            raise KinshipError(E.MATRIX_SHAPE.format(marker=marker, n=n))
        if (m < -1e-15).any() or (m > 1 + 1e-15).any():
            raise KinshipError(E.MATRIX_RANGE.format(marker=marker))
        sums = m.sum(axis=1)
        bad = np.flatnonzero(np.abs(sums - 1) > 1e-9)
        if bad.size:
            raise KinshipError(
                E.MATRIX_ROWS.format(marker=marker, row=int(bad[0]) + 1, total=float(sums[bad[0]]))
            )
        return m

    @classmethod
    def custom(cls, matrix, marker: str = "") -> MutationMatrix:
        return cls(cls.validate(matrix, marker), "custom")

    @classmethod
    def trivial(cls, n: int) -> MutationMatrix:
        return cls(np.eye(n), "trivial")

    @classmethod
    def equal(cls, n: int, rate: float) -> MutationMatrix:
        if n == 1:
            return cls(np.eye(1), "equal", (("rate", rate),))
        m = np.full((n, n), rate / (n - 1))
        np.fill_diagonal(m, 1 - rate)
        return cls(m, "equal", (("rate", rate),))

    @classmethod
    def proportional(cls, afreq, rate: float, marker: str = "") -> MutationMatrix:
        p = np.asarray(afreq, dtype=float)
        a = rate / float(np.sum(p * (1 - p)))
        m = a * np.tile(p, (len(p), 1))
        np.fill_diagonal(m, 1 - a + a * p)
        if (m < 0).any() or (m > 1).any():
            maximum = (1 - np.sum(p**2)) / (1 - p.min())
            raise KinshipError(
                E.RATE_TOO_HIGH.format(
                    model="proportional", rate=rate, marker=marker, maximum=maximum
                )
            )
        return cls(m, "proportional", (("rate", rate),))

    @classmethod
    def onestep(cls, alleles: list[str], rate: float, marker: str = "") -> MutationMatrix:
        v = _integers(alleles, "onestep", marker)
        n = len(v)
        m = np.zeros((n, n))
        for i in range(n):
            nb = np.flatnonzero(np.abs(v - v[i]) == 1)
            if nb.size:
                m[i, nb] = rate / nb.size
                m[i, i] = 1 - rate
            else:
                m[i, i] = 1.0
        return cls(m, "onestep", (("rate", rate),))

    @classmethod
    def stepwise(
        cls, alleles: list[str], rate: float, rate2: float, range_: float, marker: str = ""
    ) -> MutationMatrix:
        v = _numeric(alleles, "stepwise", marker)
        n = len(v)
        group = np.round(10 * (v - np.floor(v))).astype(int)
        m = np.zeros((n, n))
        for i in range(n):
            same = group == group[i]
            same_others = np.flatnonzero(same & (np.arange(n) != i))
            other = np.flatnonzero(~same)
            if same_others.size:
                w = range_ ** np.abs(np.round(v[same_others] - v[i], 6))
                m[i, same_others] = rate * w / w.sum()
            if other.size:
                m[i, other] = rate2 / other.size
            if same_others.size and other.size:
                m[i, i] = 1 - rate - rate2
            elif other.size:  # alone in its group
                m[i, i] = 1 - rate2
            elif same_others.size:  # every allele in one group
                m[i, i] = 1 - rate
            else:
                m[i, i] = 1.0
        return cls(m, "stepwise", (("rate", rate), ("rate2", rate2), ("range", range_)))

    @classmethod
    def dawid(
        cls, alleles: list[str], afreq, rate: float, range_: float, marker: str = ""
    ) -> MutationMatrix:
        _integers(alleles, "dawid", marker)
        p = np.asarray(afreq, dtype=float)
        n = len(p)
        a = (1 - range_**n) / (1 - range_)
        idx = np.arange(n)
        dist = np.abs(idx[:, None] - idx[None, :])
        m = (rate / p)[:, None] * (1 - range_) / (2 * range_ * (n - a)) * range_**dist
        m = _repair_diagonal(m)
        if (m < 0).any():
            raise KinshipError(
                E.RATE_TOO_HIGH.format(
                    model="dawid", rate=rate, marker=marker, maximum=_dawid_max(p, range_)
                )
            )
        return cls(m, "dawid", (("rate", rate), ("range", range_)))

    @classmethod
    def random(cls, afreq, rate: float | None = None, seed: int | None = None) -> MutationMatrix:
        rng = np.random.default_rng(seed)
        p = np.asarray(afreq, dtype=float)
        n = len(p)
        m = rng.random((n, n))
        if rate is None:
            m = m / m.sum(axis=1, keepdims=True)
            return cls(m, "random", (("seed", seed),))
        np.fill_diagonal(m, 0)
        m = m / m.sum(axis=1, keepdims=True)
        # Diagonal d with Σ p_i d_i = 1 - rate: d_i = 1 - rate (same for all i),
        # off-diagonal scaled by rate.
        m = m * rate
        np.fill_diagonal(m, 1 - rate)
        return cls(m, "random", (("rate", rate), ("seed", seed)))

    # --- transforms -----------------------------------------------------------
    def transformed(self, how: str, afreq) -> MutationMatrix:
        p = np.asarray(afreq, dtype=float)
        m = self.matrix
        old = overall_rate(m, p)
        if how == "MH":
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = (p[None, :] * m.T) / (p[:, None] * m)
            r = m * np.minimum(1.0, np.nan_to_num(ratio, nan=1.0, posinf=1.0))
        elif how == "BA":
            with np.errstate(divide="ignore", invalid="ignore"):
                denom = p[:, None] * m + p[None, :] * m.T
                r = np.where(denom > 0, m * p[None, :] * m.T / denom, 0.0)
        elif how == "PM":
            return MutationMatrix(_stabilize_pm(m, p), f"{self.model}+PM", self.params)
        elif how == "PR":
            pm = p[:, None] * m
            r = (pm + pm.T) / (2 * p[:, None])
        else:
            raise KinshipError(E.UNKNOWN_MODEL.format(model=f"transform {how}"))
        r = _repair_diagonal(r)
        if how in ("MH", "BA"):
            new = overall_rate(r, p)
            if new > 0:
                a = old / new
                r = a * r + (1 - a) * np.eye(len(p))
        return MutationMatrix(self.validate(r), f"{self.model}+{how}", self.params)


PM_DOES_NOT_EXIST = "PM stabilization doesn't exist for this model and these frequencies"


def _stabilize_pm(m: np.ndarray, p: np.ndarray) -> np.ndarray:
    n = len(m)
    dm = np.diag(m)
    r = 1 - float(np.sum(dm * p))
    x = m.T - np.eye(n)
    x[n - 1, :] = 1
    rhs = np.zeros(n)
    rhs[-1] = 1
    v = np.linalg.solve(x, rhs)
    d = r * v / ((1 - float(np.sum(dm * v))) * p)
    if np.any(d * (1 - dm) > 1):
        raise KinshipError(PM_DOES_NOT_EXIST)
    return (m - np.eye(n)) * d[:, None] + np.eye(n)


def _dawid_max(p: np.ndarray, range_: float) -> float:
    n = len(p)
    a = (1 - range_**n) / (1 - range_)
    idx = np.arange(n)
    base = (1 - range_) / (2 * range_ * (n - a)) * range_ ** np.abs(idx[:, None] - idx[None, :])
    np.fill_diagonal(base, 0)
    off = base.sum(axis=1) / p  # off-diagonal row sum per unit rate
    return float(1 / off.max())


def overall_rate(m: np.ndarray, afreq) -> float:
    p = np.asarray(afreq, dtype=float)
    return float(1 - np.sum(p * np.diag(m)))


def is_stationary(m: np.ndarray, afreq, tol: float = 1e-12) -> bool:
    p = np.asarray(afreq, dtype=float)
    return bool(np.allclose(p @ m, p, atol=tol, rtol=0))


def is_reversible(m: np.ndarray, afreq, tol: float = 1e-12) -> bool:
    p = np.asarray(afreq, dtype=float)
    f = p[:, None] * m
    return bool(np.allclose(f, f.T, atol=tol, rtol=0))


def is_lumpable(m: np.ndarray, lump: np.ndarray, tol: float = 1e-12) -> bool:
    """Strong lumpability of the partition {lump} ∪ singletons (Kemeny–Snell)."""
    lump = np.asarray(lump)
    if lump.size < 2:
        return True
    rows = m[lump]
    keep = np.setdiff1d(np.arange(m.shape[0]), lump)
    if keep.size and not np.allclose(rows[:, keep], rows[0, keep], atol=tol, rtol=0):
        return False
    within = rows[:, lump].sum(axis=1)
    return bool(np.allclose(within, within[0], atol=tol, rtol=0))


@dataclass(frozen=True)
class MutationModel:
    """Female and male mutation matrices of one marker."""

    female: MutationMatrix
    male: MutationMatrix

    @property
    def model(self) -> str:
        return (
            self.female.model
            if self.female.model == self.male.model
            else (f"{self.female.model}/{self.male.model}")
        )

    @property
    def is_trivial(self) -> bool:
        return self.female.is_identity and self.male.is_identity

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "female": dict(self.female.params),
            "male": dict(self.male.params),
        }

    @classmethod
    def from_spec(
        cls, spec: dict[str, Any], alleles: list[str], afreq, marker: str = ""
    ) -> MutationModel:
        """Build from a pedmut-like specification: ``{"model": "stepwise", "rate":
        0.001 or {"female":…, "male":…}, "rate2": …, "range": …, "transform": …}``."""

        def one(sex: str) -> MutationMatrix:
            def val(key: str, default: Any = None) -> Any:
                v = spec.get(key, default)
                return v[sex] if isinstance(v, dict) else v

            model = spec["model"]
            rate = val("rate", 0.0)
            if model == "trivial":
                mm = MutationMatrix.trivial(len(alleles))
            elif model == "equal":
                mm = MutationMatrix.equal(len(alleles), rate)
            elif model == "proportional":
                mm = MutationMatrix.proportional(afreq, rate, marker)
            elif model == "onestep":
                mm = MutationMatrix.onestep(alleles, rate, marker)
            elif model == "stepwise":
                mm = MutationMatrix.stepwise(
                    alleles, rate, val("rate2", 0.0), val("range", 0.1), marker
                )
            elif model == "dawid":
                mm = MutationMatrix.dawid(alleles, afreq, rate, val("range", 0.1), marker)
            elif model == "random":
                mm = MutationMatrix.random(afreq, rate, val("seed"))
            elif model == "custom":
                mm = MutationMatrix.custom(val("matrix"), marker)
            else:
                raise KinshipError(E.UNKNOWN_MODEL.format(model=model))
            transform = spec.get("transform")
            return mm.transformed(transform, afreq) if transform else mm

        return cls(one("female"), one("male"))
