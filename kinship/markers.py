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

import csv
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError
from kinship.mutation import MutationMatrix, MutationModel

#: The missing-allele sentinel in genotype index tuples (pedtools ``-`` / ``NA``).
MISSING = -1
#: Frequencies must sum to 1 within this: published tables are rounded to 4–6
#: decimals (pedtools refuses a larger deviation the same way).
FREQ_TOLERANCE = 1e-6
#: Allele labels that mean "unknown allele" in a genotype.
MISSING_LABELS = ("", "-", "NA")
#: pedtools ``addAllele``'s default frequency for an allele absent from the table.
NEW_ALLELE_FREQ = 0.001


def allele_sort_key(alleles: Sequence[str]):
    """R's order: numeric when every label is numeric, else lexicographic."""
    try:
        values = [float(a) for a in alleles]
    except ValueError:
        return sorted(alleles)
    return [a for _, a in sorted(zip(values, alleles, strict=True))]


@dataclass(frozen=True)
class Marker:
    """One marker (pedtools ``marker``): a name, alleles in R's order, their
    frequencies, the chromosome and an optional mutation model.

    Validated on construction (``KinshipError`` with the message constants of
    ``kinship.errors``). The model gets the marker's frequencies attached
    (``MutationModel.with_afreq``), so its cached properties (stationarity) refer to
    them. The only cache of a marker, the allele → index dict, is not an init field:
    ``dataclasses.replace(marker, mutation=...)`` builds a fresh one, and nothing
    derived from the mutation model is ever stored in the marker.
    """

    name: str
    alleles: tuple[str, ...]
    afreq: np.ndarray
    chromosome: str = "autosomal"
    mutation: MutationModel | None = None
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.chromosome not in ("autosomal", "X"):
            raise KinshipError(E.BAD_CHROMOSOME, marker=self.name, chrom=self.chromosome)
        freqs = np.asarray(self.afreq, dtype=float)
        object.__setattr__(self, "afreq", freqs)
        object.__setattr__(self, "alleles", tuple(str(a) for a in self.alleles))
        if len(self.alleles) != len(freqs):
            raise KinshipError(
                E.FREQ_LENGTH, marker=self.name, n_alleles=len(self.alleles), n_freqs=len(freqs)
            )
        index: dict[str, int] = {}
        for i, a in enumerate(self.alleles):
            if a in index:
                raise KinshipError(E.DUPLICATE_ALLELE, marker=self.name, allele=a)
            index[a] = i
        object.__setattr__(self, "_index", index)
        if (freqs <= 0).any():
            raise KinshipError(E.FREQ_NEGATIVE, marker=self.name)
        total = float(freqs.sum())
        if abs(total - 1) > FREQ_TOLERANCE:
            raise KinshipError(E.FREQ_SUM, marker=self.name, total=total)
        if self.mutation is not None:
            n = len(self.alleles)
            for mm in (self.mutation.female, self.mutation.male):
                if mm.matrix.shape != (n, n):
                    raise KinshipError(E.MATRIX_SHAPE, marker=self.name, n=n)
            own = self.mutation.afreq
            if own is None or own.shape != freqs.shape or not np.array_equal(own, freqs):
                object.__setattr__(self, "mutation", self.mutation.with_afreq(freqs))

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
            raise KinshipError(E.INVALID_ALLELE, marker=self.name, allele=allele) from None

    @property
    def is_stationary(self) -> bool:
        """No model, or a stationary one (pM = p; ``MutationModel.is_stationary``)."""
        return self.mutation is None or self.mutation.is_stationary

    @property
    def always_lumpable(self) -> bool:
        """No model, or one lumpable for every set of alleles (equal, proportional;
        ``MutationModel.always_lumpable``)."""
        return self.mutation is None or self.mutation.always_lumpable

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
            raise KinshipError(E.BAD_GENOTYPE, id=who, marker=self.name, alleles=list(alleles))
        idx = tuple(
            MISSING if a is None or a in MISSING_LABELS else self.index(str(a)) for a in alleles
        )
        if len(idx) == 1:
            if not self.is_x:
                raise KinshipError(E.HEMIZYGOUS_AUTOSOMAL, id=who, marker=self.name)
            return idx
        if self.is_x and sex == "M":
            known = [i for i in idx if i != MISSING]
            if len(set(known)) > 1:
                raise KinshipError(E.MALE_X_HETEROZYGOUS, id=who, marker=self.name)
            return (known[0],) if known else (MISSING,)
        if idx[0] == MISSING and idx[1] == MISSING:
            return (MISSING, MISSING)
        if idx[0] == MISSING:
            idx = (idx[1], MISSING)
        if idx[1] != MISSING and idx[0] > idx[1]:
            idx = (idx[1], idx[0])
        return idx

    def add_allele(self, allele: str, freq: float = NEW_ALLELE_FREQ) -> Marker:
        """pedtools ``addAllele(adjust = "previous")``: a new marker where the new
        allele gets ``freq`` and the existing frequencies are multiplied by
        (1 − freq). Alleles are re-sorted in R's order. The mutation model is *not*
        carried over (its matrices are defined over the old alleles): attach a model
        built for the new allele set if one is needed."""
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
    table: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["marker"], {})[row["allele"]] = float(row["frequency"])
    out = {}
    for name, freqs in table.items():
        order = allele_sort_key(list(freqs))
        out[name] = (order, np.array([freqs[a] for a in order]))
    return out
