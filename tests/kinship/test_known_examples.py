"""Hand-derived examples; the arithmetic is in each docstring."""

import math

import numpy as np
import pytest

from kinship.likelihood import marker_likelihood
from kinship.lr import missing_person_lr
from kinship.markers import MISSING, Marker
from kinship.pedigree import Individual, Pedigree

P = np.array([0.1, 0.2, 0.3, 0.4])  # alleles "a", "b", "c", "d"
M = Marker("M", ("a", "b", "c", "d"), P)
A, B, C, D = range(4)


def duo(child_sex: str = "M") -> Pedigree:
    """AF (alleged father, the MP), MO untyped, child C."""
    return Pedigree(
        [
            Individual("AF", sex="M"),
            Individual("MO", sex="F"),
            Individual("C", "AF", "MO", child_sex),
        ]
    )


def lr(ped, mp, poi, fam, marker=M, **kw) -> float:
    return missing_person_lr(
        ped, mp, {marker.name: poi}, [marker], {i: {marker.name: g} for i, g in fam.items()}, **kw
    ).lr_total


def test_paternity_duo_homozygous_father():
    """Father a/a, child a/b: P(child | father) = 1·p_b (he gives a; the mother gives
    b), P(child | unrelated) = 2 p_a p_b; LR = p_b / (2 p_a p_b) = 1/(2 p_a) = 5."""
    assert math.isclose(lr(duo(), "AF", (A, A), {"C": (A, B)}), 1 / (2 * 0.1), rel_tol=1e-12)


def test_paternity_duo_heterozygous_father():
    """Father a/c, child a/b: ½ p_b / (2 p_a p_b) = 1/(4 p_a) = 2.5."""
    assert math.isclose(lr(duo(), "AF", (A, C), {"C": (A, B)}), 2.5, rel_tol=1e-12)


def test_exclusion_without_mutation_is_zero():
    """Father c/d, child a/b share no allele: LR = 0, an exclusion."""
    res = missing_person_lr(duo(), "AF", {"M": (C, D)}, [M], {"C": {"M": (A, B)}})
    assert res.lr_total == 0 and res.excluded and res.log10_lr_total is None


def test_trio_likelihood():
    """Father a/b, mother c/d, child a/c: 2p_a p_b · 2p_c p_d · ¼ = 0.0024·0.25·... =
    (2·0.1·0.2)(2·0.3·0.4)/4 = 0.04·0.24/4 = 0.0024."""
    ped = Pedigree.nuclear(1)
    got = marker_likelihood(ped, M, {"FA": (A, B), "MO": (C, D), "C1": (A, C)})
    assert math.isclose(got, 0.0024, rel_tol=1e-12)


def test_partial_genotype_is_not_a_homozygote():
    """An unrelated person typed a/-: P = Σ_b P(a/b) = p_a² + Σ_{b≠a} 2 p_a p_b
    = 2p_a − p_a² = 0.19 (a homozygote would be 0.01)."""
    ped = Pedigree([Individual("X", sex="M")])
    assert math.isclose(marker_likelihood(ped, M, {"X": (A, MISSING)}), 0.19, rel_tol=1e-12)


def test_full_siblings():
    """Sibling b/b of the MP, POI b/b: IBD (¼, ½, ¼): P(b/b | sib b/b) =
    ¼·p_b² + ½·p_b + ¼ = 0.01 + 0.1 + 0.25 = 0.36; LR = 0.36 / p_b² = 9."""
    ped = Pedigree.nuclear(children=[("MP", "M"), ("S", "M")])
    assert math.isclose(lr(ped, "MP", (B, B), {"S": (B, B)}), 9.0, rel_tol=1e-12)


def test_x_father_daughter():
    """X marker: father (hemizygous) a, daughter POI a/b: the daughter always gets the
    father's a; P = p_b; unrelated 2 p_a p_b; LR = 1/(2 p_a) = 5."""
    mx = Marker("X1", ("a", "b", "c", "d"), P, "X")
    ped = Pedigree(
        [Individual("FA", sex="M"), Individual("MO", sex="F"), Individual("MP", "FA", "MO", "F")]
    )
    assert math.isclose(lr(ped, "MP", (A, B), {"FA": (A,)}, marker=mx), 5.0, rel_tol=1e-12)


def test_theta_duo_textbook():
    """θ-corrected duo index, child a/b, POI a/c: (1 + 2θ) / (4(θ + (1−θ) p_a))."""
    theta = 0.02
    got = lr(duo(), "AF", (A, C), {"C": (A, B)}, theta=theta)
    assert math.isclose(got, (1 + 2 * theta) / (4 * (theta + (1 - theta) * 0.1)), rel_tol=1e-12)


def test_founder_inbreeding_single_person():
    """An inbred founder (f = 0.25) is a/a with p_a² (1−f) + p_a f = 0.0075 + 0.025."""
    ped = Pedigree([Individual("X", sex="F")])
    got = marker_likelihood(ped, M, {"X": (A, A)}, founder_inbreeding={"X": 0.25})
    assert math.isclose(got, 0.01 * 0.75 + 0.1 * 0.25, rel_tol=1e-12)


def test_loop_first_cousin_child_is_inbred():
    """The child of first cousins is autozygous with probability 1/16: P(a/a) =
    (15/16) p_a² + (1/16) p_a."""
    ped = Pedigree(
        [
            Individual("GF", sex="M"),
            Individual("GM", sex="F"),
            Individual("A", "GF", "GM", "M"),
            Individual("B", "GF", "GM", "F"),
            Individual("SA", sex="F"),
            Individual("SB", sex="M"),
            Individual("FA", "A", "SA", "M"),
            Individual("MO", "SB", "B", "F"),
            Individual("X", "FA", "MO", "M"),
        ]
    )
    assert ped.has_loops()
    got = marker_likelihood(ped, M, {"X": (A, A)})
    assert math.isclose(got, 15 / 16 * 0.01 + 1 / 16 * 0.1, rel_tol=1e-12)


@pytest.mark.parametrize("rate", [0.001, 0.01])
def test_mutation_gives_small_lr_instead_of_exclusion(rate):
    """Equal model at rate r (4 alleles), POI c/c on the father, child b/b. Under H1
    the father transmits b with r/3 and the untyped mother b with q_b = Σ_x p_x M[x,b];
    under H2 the child's parents are both untyped: P(child b/b) = q_b² (the equal
    model is not stationary, so q_b ≠ p_b). LR = p_c²·(r/3)·q_b / (q_b²·p_c²)
    = (r/3)/q_b: small, but not an exclusion."""
    from kinship.mutation import MutationMatrix, MutationModel

    eq = MutationMatrix.equal(4, rate)
    mm = Marker("M", M.alleles, P, mutation=MutationModel(eq, eq))
    got = lr(duo(), "AF", (C, C), {"C": (B, B)}, marker=mm)
    q_b = float(P @ eq.matrix[:, B])
    expected = (rate / 3) / q_b
    assert math.isclose(got, expected, rel_tol=1e-12)
