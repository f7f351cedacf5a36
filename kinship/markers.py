"""Markers, allele frequencies and genotypes.

Allele labels are strings (``"9.3"``). Genotypes are parsed into tuples of allele
*indices* (positions in ``Marker.alleles``):

* ``(a, b)`` — an ordinary unphased genotype;
* ``(a, MISSING)`` — one allele observed, the other unknown (pedtools ``17/-``);
  this is not a homozygote, the likelihood sums over the second allele;
* ``(a,)`` — a hemizygous male at an X marker.

An untyped marker is simply absent. Frequencies must sum to 1 within 1e-6; they are
used as given (like pedtools, which does not rescale a rounded table; see
likelihood.py for where that matters). An allele absent from the frequency table is an
error (``INVALID_ALLELE``) unless the caller asks for the documented adjustment
(``Marker.with_allele``: pedtools ``addAllele(adjust = "previous")``): the new
allele gets frequency f and every existing frequency is multiplied by (1 − f).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError
from kinship.mutation import MutationMatrix, MutationModel

MISSING = -1
FREQ_TOLERANCE = 1e-6


def allele_sort_key(alleles: Sequence[str]):
    """R's order: numeric when every label is numeric, else lexicographic."""
    try:
        values = [float(a) for a in alleles]
    except ValueError:
        return sorted(alleles)
    return [a for _, a in sorted(zip(values, alleles, strict=True))]


@dataclass(frozen=True)
class Marker:
    name: str
    alleles: tuple[str, ...]
    afreq: np.ndarray
    chromosome: str = "autosomal"
    mutation: MutationModel | None = None
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if self.chromosome not in ("autosomal", "X"):
            raise KinshipError(E.BAD_CHROMOSOME.format(marker=self.name, chrom=self.chromosome))
        freqs = np.asarray(self.afreq, dtype=float)
        object.__setattr__(self, "afreq", freqs)
        object.__setattr__(self, "alleles", tuple(str(a) for a in self.alleles))
        if len(self.alleles) != len(freqs):
            raise KinshipError(
                E.FREQ_LENGTH.format(
                    marker=self.name, n_alleles=len(self.alleles), n_freqs=len(freqs)
                )
            )
        seen: set[str] = set()
        for a in self.alleles:
            if a in seen:
                raise KinshipError(E.DUPLICATE_ALLELE.format(marker=self.name, allele=a))
            seen.add(a)
        if (freqs <= 0).any():
            raise KinshipError(E.FREQ_NEGATIVE.format(marker=self.name))
        total = float(freqs.sum())
        if abs(total - 1) > FREQ_TOLERANCE:
            raise KinshipError(E.FREQ_SUM.format(marker=self.name, total=total))
        self._index.update({a: i for i, a in enumerate(self.alleles)})
        if self.mutation is not None:
            n = len(self.alleles)
            for mm in (self.mutation.female, self.mutation.male):
                if mm.matrix.shape != (n, n):
                    raise KinshipError(E.MATRIX_SHAPE.format(marker=self.name, n=n))

    @property
    def n_alleles(self) -> int:
        return len(self.alleles)

    @property
    def is_x(self) -> bool:
        return self.chromosome == "X"

    def index(self, allele: str) -> int:
        try:
            return self._index[str(allele)]
        except KeyError:
            raise KinshipError(E.INVALID_ALLELE.format(marker=self.name, allele=allele)) from None

    @property
    def stationary(self) -> bool:
        """pM = p for both matrices (or no model). Cached."""
        cached = self._index.get("\0stationary")
        if cached is None:
            from kinship.mutation import is_stationary

            mats = self.matrices()
            cached = int(mats is None or all(is_stationary(m, self.afreq) for m in mats))
            self._index["\0stationary"] = cached
        return bool(cached)

    @property
    def always_lumpable(self) -> bool:
        """Lumpable for every set of alleles (no model, equal, proportional). Cached."""
        cached = self._index.get("\0lumpable")
        if cached is None:
            from kinship.likelihood import _always_lumpable

            cached = int(_always_lumpable(self))
            self._index["\0lumpable"] = cached
        return bool(cached)

    def matrices(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(female, male) matrices, or None when there is no mutation model."""
        if self.mutation is None or self.mutation.is_trivial:
            return None
        return self.mutation.female.matrix, self.mutation.male.matrix

    def parse(
        self, alleles: Sequence[str | None], *, who: str = "?", sex: str = "U"
    ) -> tuple[int, ...]:
        """Allele labels → index tuple (see module docstring)."""
        if not 1 <= len(alleles) <= 2:
            raise KinshipError(
                E.BAD_GENOTYPE.format(id=who, marker=self.name, alleles=list(alleles))
            )
        idx = tuple(
            MISSING if a is None or a in ("", "-", "NA") else self.index(str(a)) for a in alleles
        )
        if len(idx) == 1:
            if not self.is_x:
                raise KinshipError(E.HEMIZYGOUS_AUTOSOMAL.format(id=who, marker=self.name))
            return idx
        if self.is_x and sex == "M":
            known = [i for i in idx if i != MISSING]
            if len(set(known)) > 1:
                raise KinshipError(E.MALE_X_HETEROZYGOUS.format(id=who, marker=self.name))
            return (known[0],) if known else (MISSING,)
        if idx[0] == MISSING and idx[1] == MISSING:
            return (MISSING, MISSING)
        if idx[0] == MISSING:
            idx = (idx[1], MISSING)
        if idx[1] != MISSING and idx[0] > idx[1]:
            idx = (idx[1], idx[0])
        return idx

    def with_allele(self, allele: str, freq: float = 0.001) -> Marker:
        """pedtools ``addAllele(adjust = "previous")``: the new allele gets ``freq``,
        existing frequencies are multiplied by (1 − freq). Alleles are re-sorted in
        R's order. A mutation model is rebuilt only if it was made from a spec."""
        labels = list(self.alleles) + [str(allele)]
        freqs = list(self.afreq * (1 - freq)) + [freq]
        order = allele_sort_key(labels)
        f = dict(zip(labels, freqs, strict=True))
        return Marker(
            self.name, tuple(order), np.array([f[a] for a in order]), self.chromosome, None
        )

    def digest_payload(self) -> dict:
        return {
            "name": self.name,
            "chromosome": self.chromosome,
            "alleles": list(self.alleles),
            "afreq": [float(x) for x in self.afreq],
        }


def frequency_digest(markers: Sequence[Marker]) -> str:
    """SHA-256 over the markers' names, alleles and frequencies (provenance)."""
    payload = json.dumps([m.digest_payload() for m in markers], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def marker_from_dict(d: dict) -> Marker:
    """A marker in the case format (``markers[]`` of kinship-case/1)."""
    alleles = [str(a) for a in d["alleles"]]
    afreq = np.asarray(d["afreq"], dtype=float)
    mut = d.get("mutation") or {"model": "none"}
    model: MutationModel | None = None
    if mut.get("model") not in (None, "none"):
        if "matrix_female" in mut:
            model = MutationModel(
                MutationMatrix(
                    MutationMatrix.validate(mut["matrix_female"], d["name"]),
                    mut.get("female", {}).get("model", mut["model"]),
                    tuple(sorted(mut.get("female", {}).items())),
                ),
                MutationMatrix(
                    MutationMatrix.validate(mut["matrix_male"], d["name"]),
                    mut.get("male", {}).get("model", mut["model"]),
                    tuple(sorted(mut.get("male", {}).items())),
                ),
            )
        else:
            model = MutationModel.from_spec(mut.get("spec", mut), alleles, afreq, d["name"])
    return Marker(d["name"], tuple(alleles), afreq, d.get("chromosome", "autosomal"), model)


def read_frequency_csv(path: str) -> dict[str, tuple[list[str], np.ndarray]]:
    """``marker,allele,frequency`` CSV → {marker: (alleles in R order, freqs)}."""
    import csv

    table: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["marker"], {})[row["allele"]] = float(row["frequency"])
    out = {}
    for name, freqs in table.items():
        order = allele_sort_key(list(freqs))
        out[name] = (order, np.array([freqs[a] for a in order]))
    return out
