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

Properties (pedmut ``R/model_properties.R``): overall rate = 1 − Σ_i p_i M_ii;
stationary ⇔ pM = p; reversible ⇔ p_i M_ij = p_j M_ji; lumpable for a set L
(Kemeny–Snell 1960, strong lumpability) ⇔ Σ_{j∈B} M_ij is the same for every i ∈ L,
for every block B of the partition {L} ∪ singletons; *always lumpable* ⇔ lumpable
for every L ⇔ every off-diagonal entry M_uj is the same for all u ≠ j (equal,
proportional, trivial). They are module functions of a matrix (``is_stationary``,
``is_reversible``, ``is_lumpable``, ``always_lumpable``) and cached properties of a
``MutationModel`` (both sexes; computed once per frozen model, never stored in a
``Marker``). The likelihood engine reads two of them: ``always_lumpable`` decides
whether unobserved alleles may be merged, ``is_stationary`` whether pedprobr's
nuclear-pedigree convention applies (likelihood.py).

References: Vigeland, M. D. pedmut (CRAN), R/mutationMatrix.R, R/model_properties.R;
Kemeny JG, Snell JL (1960) Finite Markov Chains; Simonsson I, Mostad P (2016)
Stationary mutation models, FSI:Genetics 23; Dawid AP, Mortera J, Pascali VL,
van Boxel D (2002) Probabilistic expert systems for forensic inference from genetic
markers, Scand J Stat 29.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError

# Tolerances. Matrices are validated and tested in float64 arithmetic: a matrix built
# from rates by sums and divisions carries rounding errors of a few ulps.
#: An entry may lie this far outside [0, 1] (rounding of 1 − Σ off-diagonal).
ENTRY_TOL = 1e-15
#: A row may sum to 1 within this (a matrix typed by hand, or read from a file with
#: 10–12 significant digits, e.g. the kinship-case/1 explicit matrices).
ROW_SUM_TOL = 1e-9
#: Absolute tolerance of the property tests (stationary, reversible, lumpable): far
#: above the rounding of pM or of row sums (≈ 1e-16), far below any real rate.
PROPERTY_TOL = 1e-12
#: Relative tolerance of the always-lumpable test (equal off-diagonal entries per
#: column); relative because mutation rates span 1e-8 … 1e-2.
LUMPABLE_RTOL = 1e-12
#: Allele differences are rounded to this many decimals before range^|a_i − a_j| in
#: the stepwise model, so that 9.3 − 8.3 is exactly 1 (labels carry ≤ 1 decimal).
STEP_DECIMALS = 6

#: A rate given per sex: a number, or {"female": r_f, "male": r_m} (pedmut's list).
Rate = float | Mapping[str, float]


def _numeric(alleles: list[str], model: str, marker: str) -> np.ndarray:
    try:
        return np.array([float(a) for a in alleles])
    except ValueError:
        bad = next(a for a in alleles if not _is_float(a))
        raise KinshipError(E.NUMERIC_ALLELES, model=model, marker=marker, allele=bad) from None


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
            raise KinshipError(E.NON_INTEGER_ALLELES, model=model, marker=marker, allele=a)
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

    @cached_property
    def is_identity(self) -> bool:
        """M = I (no mutation). Computed once (the dataclass is frozen)."""
        return bool(np.array_equal(self.matrix, np.eye(len(self.matrix))))

    @cached_property
    def always_lumpable(self) -> bool:
        """pedmut ``alwaysLumpable``: lumpable for every set of alleles (see
        ``always_lumpable``). Computed once (the dataclass is frozen)."""
        return always_lumpable(self.matrix)

    # --- constructors ---------------------------------------------------------
    @staticmethod
    def validate(m: np.ndarray, marker: str = "") -> np.ndarray:
        m = np.asarray(m, dtype=float)
        n = m.shape[0]
        if m.ndim != 2 or m.shape != (n, n):
            raise KinshipError(E.MATRIX_SHAPE, marker=marker, n=n)
        if (m < -ENTRY_TOL).any() or (m > 1 + ENTRY_TOL).any():
            raise KinshipError(E.MATRIX_RANGE, marker=marker)
        sums = m.sum(axis=1)
        bad = np.flatnonzero(np.abs(sums - 1) > ROW_SUM_TOL)
        if bad.size:
            raise KinshipError(
                E.MATRIX_ROWS, marker=marker, row=int(bad[0]) + 1, total=float(sums[bad[0]])
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
                E.RATE_TOO_HIGH, model="proportional", rate=rate, marker=marker, maximum=maximum
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
                w = range_ ** np.abs(np.round(v[same_others] - v[i], STEP_DECIMALS))
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
                E.RATE_TOO_HIGH,
                model="dawid",
                rate=rate,
                marker=marker,
                maximum=_dawid_max(p, range_),
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
            raise KinshipError(E.UNKNOWN_MODEL, model=f"transform {how}")
        r = _repair_diagonal(r)
        if how in ("MH", "BA"):
            new = overall_rate(r, p)
            if new > 0:
                a = old / new
                r = a * r + (1 - a) * np.eye(len(p))
        return MutationMatrix(self.validate(r), f"{self.model}+{how}", self.params)


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
        raise KinshipError(E.PM_DOES_NOT_EXIST)
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


def is_stationary(m: np.ndarray, afreq, tol: float = PROPERTY_TOL) -> bool:
    p = np.asarray(afreq, dtype=float)
    return bool(np.allclose(p @ m, p, atol=tol, rtol=0))


def is_reversible(m: np.ndarray, afreq, tol: float = PROPERTY_TOL) -> bool:
    p = np.asarray(afreq, dtype=float)
    f = p[:, None] * m
    return bool(np.allclose(f, f.T, atol=tol, rtol=0))


def is_lumpable(m: np.ndarray, lump: np.ndarray, tol: float = PROPERTY_TOL) -> bool:
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


def always_lumpable(m: np.ndarray) -> bool:
    """pedmut ``alwaysLumpable``: M is strongly lumpable (Kemeny–Snell) for *every*
    set of alleles, i.e. every off-diagonal entry M[u, j] (u ≠ j) is the same for all
    u in its column j (equal, proportional and trivial models; never stepwise).
    Then any set of unobserved alleles can be merged into one class exactly
    (likelihood.py). Compares each column's off-diagonal entries with their maximum
    (relative tolerance ``LUMPABLE_RTOL``). A 1×1 matrix is trivially lumpable."""
    if len(m) < 2:
        return True
    off = m.copy()
    np.fill_diagonal(off, np.nan)
    col_ref = np.nanmax(off, axis=0)
    return bool(
        np.allclose(
            np.where(np.isnan(off), col_ref[None, :], off),
            col_ref[None, :],
            rtol=LUMPABLE_RTOL,
            atol=0,
        )
    )


@dataclass(frozen=True)
class MutationModel:
    """Female and male mutation matrices of one marker (pedmut ``mutationModel``),
    with the allele frequencies they apply to (pedmut keeps them as the ``afreq``
    attribute; a ``Marker`` attaches its own frequencies to its model).

    The model properties of pedmut (``R/model_properties.R``) are computed once, on
    first use, and cached on this frozen object — a ``dataclasses.replace`` of the
    model (or of a marker holding it) starts with an empty cache:

    * ``always_lumpable`` (``alwaysLumpable``): both matrices lumpable for every
      allele set;
    * ``is_stationary`` (``isStationary``): pM = p for both matrices;
    * ``is_reversible`` (``isReversible``): p_i M_ij = p_j M_ji for both;
    * ``is_lumpable(lump)`` (``isLumpable``): both matrices lumpable for one set.

    Stationarity and reversibility need ``afreq`` (``MODEL_WITHOUT_FREQUENCIES``
    otherwise); lumpability does not.
    """

    female: MutationMatrix
    male: MutationMatrix
    afreq: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.afreq is not None:
            object.__setattr__(self, "afreq", np.asarray(self.afreq, dtype=float))

    @property
    def model(self) -> str:
        return (
            self.female.model
            if self.female.model == self.male.model
            else (f"{self.female.model}/{self.male.model}")
        )

    @property
    def is_trivial(self) -> bool:
        """Both matrices are the identity (no mutation)."""
        return self.female.is_identity and self.male.is_identity

    @cached_property
    def always_lumpable(self) -> bool:
        return self.female.always_lumpable and self.male.always_lumpable

    @cached_property
    def is_stationary(self) -> bool:
        p = self._frequencies("is_stationary")
        return is_stationary(self.female.matrix, p) and is_stationary(self.male.matrix, p)

    @cached_property
    def is_reversible(self) -> bool:
        p = self._frequencies("is_reversible")
        return is_reversible(self.female.matrix, p) and is_reversible(self.male.matrix, p)

    def is_lumpable(self, lump: Sequence[int] | np.ndarray) -> bool:
        """Both matrices strongly lumpable for the allele indices ``lump``."""
        lump = np.asarray(lump, dtype=int)
        return is_lumpable(self.female.matrix, lump) and is_lumpable(self.male.matrix, lump)

    def _frequencies(self, prop: str) -> np.ndarray:
        if self.afreq is None:
            raise KinshipError(E.MODEL_WITHOUT_FREQUENCIES, property=prop)
        return self.afreq

    def with_afreq(self, afreq) -> MutationModel:
        """The same matrices for the frequencies ``afreq`` (a new object: the cached
        properties are recomputed for them)."""
        return replace(self, afreq=np.asarray(afreq, dtype=float))

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "female": dict(self.female.params),
            "male": dict(self.male.params),
        }

    # --- constructors (pedmut ``mutationModel(model = ...)``) ------------------
    @classmethod
    def trivial(cls, alleles: Sequence[str], afreq) -> MutationModel:
        return cls.from_spec({"model": "trivial"}, list(alleles), afreq)

    @classmethod
    def equal(
        cls, alleles: Sequence[str], afreq, *, rate: Rate, transform: str | None = None
    ) -> MutationModel:
        return cls.from_spec(
            {"model": "equal", "rate": rate, "transform": transform}, list(alleles), afreq
        )

    @classmethod
    def proportional(
        cls,
        alleles: Sequence[str],
        afreq,
        *,
        rate: Rate,
        transform: str | None = None,
        marker: str = "",
    ) -> MutationModel:
        return cls.from_spec(
            {"model": "proportional", "rate": rate, "transform": transform},
            list(alleles),
            afreq,
            marker,
        )

    @classmethod
    def onestep(
        cls,
        alleles: Sequence[str],
        afreq,
        *,
        rate: Rate,
        transform: str | None = None,
        marker: str = "",
    ) -> MutationModel:
        return cls.from_spec(
            {"model": "onestep", "rate": rate, "transform": transform}, list(alleles), afreq, marker
        )

    @classmethod
    def stepwise(
        cls,
        alleles: Sequence[str],
        afreq,
        *,
        rate: Rate,
        rate2: Rate = 0.0,
        range_: Rate = 0.1,
        transform: str | None = None,
        marker: str = "",
    ) -> MutationModel:
        """pedmut ``mutationModel("stepwise", rate=, rate2=, range=)`` (Familias'
        extended stepwise model; see the module docstring)."""
        spec = {
            "model": "stepwise",
            "rate": rate,
            "rate2": rate2,
            "range": range_,
            "transform": transform,
        }
        return cls.from_spec(spec, list(alleles), afreq, marker)

    @classmethod
    def dawid(
        cls,
        alleles: Sequence[str],
        afreq,
        *,
        rate: Rate,
        range_: Rate = 0.1,
        transform: str | None = None,
        marker: str = "",
    ) -> MutationModel:
        spec = {"model": "dawid", "rate": rate, "range": range_, "transform": transform}
        return cls.from_spec(spec, list(alleles), afreq, marker)

    @classmethod
    def from_spec(
        cls, spec: Mapping[str, Any], alleles: list[str], afreq, marker: str = ""
    ) -> MutationModel:
        """Build from a pedmut-like specification: ``{"model": "stepwise", "rate":
        0.001 or {"female":…, "male":…}, "rate2": …, "range": …, "transform": …}``.
        The model keeps ``afreq``."""

        def one(sex: str) -> MutationMatrix:
            def val(key: str, default: Any = None) -> Any:
                v = spec.get(key, default)
                return v[sex] if isinstance(v, Mapping) else v

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
                raise KinshipError(E.UNKNOWN_MODEL, model=model)
            transform = spec.get("transform")
            return mm.transformed(transform, afreq) if transform else mm

        return cls(one("female"), one("male"), np.asarray(afreq, dtype=float))
