"""Hypothesis strategies: small random pedigrees (with loops and inbreeding allowed),
markers with optional mutation models, and random (partial) genotypes."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from kinship.markers import MISSING, Marker
from kinship.mutation import MutationModel
from kinship.pedigree import Individual, Pedigree


@st.composite
def pedigrees(draw, max_size: int = 5):
    size = draw(st.integers(2, max_size))
    inds: list[Individual] = []
    for k in range(size):
        males = [i.id for i in inds if i.sex == "M"]
        females = [i.id for i in inds if i.sex == "F"]
        sex = draw(st.sampled_from(["M", "F"]))
        if males and females and draw(st.booleans()):
            inds.append(
                Individual(
                    f"I{k}", draw(st.sampled_from(males)), draw(st.sampled_from(females)), sex
                )
            )
        else:
            inds.append(Individual(f"I{k}", None, None, sex))
    return Pedigree(inds)


@st.composite
def markers(draw, chromosome: str = "autosomal", max_alleles: int = 3, mutation=None):
    n = draw(st.integers(2, max_alleles))
    raw = np.array(draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n)))
    freqs = raw / raw.sum()
    alleles = tuple(str(10 + k) for k in range(n))
    kind = (
        mutation
        if mutation is not None
        else draw(st.sampled_from(["none", "equal", "proportional", "stepwise"]))
    )
    model = None
    if kind != "none":
        rf = draw(st.floats(0.001, 0.05))
        rm = draw(st.floats(0.001, 0.05))
        spec = {"model": kind, "rate": {"female": rf, "male": rm}, "rate2": 1e-4, "range": 0.5}
        model = MutationModel.from_spec(spec, list(alleles), freqs)
    return Marker("M1", alleles, freqs, chromosome, model)


@st.composite
def genotypes(draw, ped: Pedigree, marker: Marker, p_typed: float = 0.6):
    n = marker.n_alleles
    out = {}
    for i in ped.ids:
        if draw(st.floats(0, 1)) > p_typed:
            continue
        if marker.is_x and ped.sex(i) == "M":
            out[i] = (draw(st.integers(0, n - 1)),)
            continue
        a = draw(st.integers(0, n - 1))
        if draw(st.floats(0, 1)) < 0.2:
            out[i] = (a, MISSING)
        else:
            b = draw(st.integers(0, n - 1))
            out[i] = (min(a, b), max(a, b))
    return out
