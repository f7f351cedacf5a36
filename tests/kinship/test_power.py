"""Reference power: exact parts checked by hand, simulated parts against truth."""

import math

import numpy as np

from kinship.markers import Marker
from kinship.pedigree import Individual, Pedigree
from kinship.power import (
    Candidate,
    candidate_power,
    rank_additional_relatives,
    reference_power,
    suggest_candidates,
)
from kinship.simulate import profile_sim

P = np.array([0.1, 0.2, 0.3, 0.4])


def one_marker(name="M"):
    return Marker(name, ("a", "b", "c", "d"), P)


def test_exclusion_probability_of_a_parent_reference_is_exact():
    """Parent a/b, no mutation: an unrelated POI is excluded (as the parent's child)
    unless it carries a or b: P(excl) = P_HW(no a, no b) = (p_c + p_d)² = 0.49."""
    ped = Pedigree(
        [Individual("FA", sex="M"), Individual("MO", sex="F"), Individual("MP", "FA", "MO", "M")]
    )
    res = reference_power(ped, "MP", {"FA": {"M": (0, 1)}}, [one_marker()], n_sims=200)
    assert math.isclose(res.p_exclusion_unrelated, 0.49, rel_tol=1e-12)


def test_simulated_lr_distribution_matches_exact_expectation():
    """The mean log10 LR over draws converges to Σ_g P(g | refs) log10 LR(g)."""
    from kinship.likelihood import genotype_table

    ped = Pedigree.nuclear(children=[("MP", "M"), ("S", "F")])
    m = one_marker()
    geno = {"S": {"M": (1, 2)}}
    table = genotype_table(ped, m, {"S": (1, 2)}, "MP")
    lik = table.sum()
    exact = 0.0
    for a in range(4):
        for b in range(a, 4):
            pr = (table[a, b] + (table[b, a] if a != b else 0)) / lik
            hw = P[a] ** 2 if a == b else 2 * P[a] * P[b]
            if pr > 0:
                exact += pr * math.log10(pr / hw)
    res = reference_power(ped, "MP", geno, [m], n_sims=20000, seed=3)
    assert abs(res.mean_log10_lr - exact) < 0.01


def test_more_relatives_help_and_are_ranked():
    rng = np.random.default_rng(5)
    freqs = rng.dirichlet(np.ones(8))
    markers = [
        Marker(f"M{k}", tuple(str(10 + a) for a in range(8)), rng.dirichlet(np.ones(8)))
        for k in range(12)
    ]
    ped = Pedigree(
        [
            Individual("FA", sex="M"),
            Individual("MO", sex="F"),
            Individual("MP", "FA", "MO", "M"),
            Individual("S1", "FA", "MO", "F"),
        ]
    )
    sim = profile_sim(ped, markers, rng)
    geno = {"S1": sim["S1"]}
    base = reference_power(ped, "MP", geno, markers, n_sims=300, lr_threshold=1e3)
    cands = suggest_candidates(ped, "MP", ["S1"])
    labels = [c.label for c in cands]
    assert labels[:2] == ["the father (FA)", "the mother (MO)"]
    assert "a new full sibling" in labels and "a new child" in labels
    ranked = rank_additional_relatives(ped, "MP", geno, markers, n_sims=300, lr_threshold=1e3)
    assert {r.label for r in ranked} == set(labels)
    assert all(r.p_identification >= base.p_identification - 0.1 for r in ranked)
    assert ranked[0].p_identification >= ranked[-1].p_identification
    # A parent adds more than a new child with an untyped partner would.
    by = {r.label: r for r in ranked}
    assert by["the mother (MO)"].mean_log10_lr > by["a new child"].mean_log10_lr
    _ = freqs


def test_candidate_typed_existing_member_equals_reference_power_when_typed():
    """Typing the father as a candidate gives (in distribution) what reference_power
    gives once the father is typed: compare the means over many draws."""
    m = one_marker()
    ped = Pedigree(
        [Individual("FA", sex="M"), Individual("MO", sex="F"), Individual("MP", "FA", "MO", "M")]
    )
    cand = candidate_power(
        ped, "MP", {"MO": {"M": (0, 3)}}, [m], Candidate("father", "FA"), n_sims=20000, seed=9
    )
    assert (
        cand.mean_log10_lr
        > reference_power(ped, "MP", {"MO": {"M": (0, 3)}}, [m], n_sims=20000, seed=9).mean_log10_lr
    )
