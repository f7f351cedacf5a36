"""Invalid input gets exact messages; mutation-model constructors equal pedmut's
matrices (the explicit matrices in the shared cases are the reference)."""

import json
from pathlib import Path

import numpy as np
import pytest

from kinship import KinshipError, Marker, Pedigree
from kinship.markers import MISSING
from kinship.mutation import (
    MutationMatrix,
    MutationModel,
    is_lumpable,
    is_reversible,
    is_stationary,
)
from kinship.pedigree import Individual

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "kinship"


@pytest.mark.parametrize(
    "individuals,message",
    [
        (
            [Individual("A", "F", None, "M"), Individual("F", sex="M")],
            "Individual A has only one parent; give both parents or neither",
        ),
        ([Individual("A", "F", "M", "M")], "Parent F of individual A is not in the pedigree"),
        (
            [Individual("F", sex="F"), Individual("M", sex="F"), Individual("A", "F", "M", "M")],
            "Individual F is the father of A but is not male",
        ),
        (
            [Individual("F", sex="M"), Individual("M", sex="M"), Individual("A", "F", "M", "M")],
            "Individual M is the mother of A but is not female",
        ),
        ([Individual("A", sex="M"), Individual("A", sex="F")], "Duplicate individual id: A"),
        (
            [
                Individual("A", "B", "C", "M"),
                Individual("B", "A", "C", "M"),
                Individual("C", sex="F"),
            ],
            "The pedigree has a cycle: A -> B -> A",
        ),
        ([Individual("A", sex="X")], "Individual A has sex 'X'; use 'M', 'F' or 'U'"),
    ],
)
def test_bad_pedigrees(individuals, message):
    with pytest.raises(KinshipError) as exc:
        Pedigree(individuals)
    assert str(exc.value) == message


def test_pedigree_queries_and_builders():
    ped = Pedigree.nuclear(children=[("S1", "M"), ("S2", "F")])
    assert ped.founders() == ["FA", "MO"] and ped.nonfounders() == ["S1", "S2"]
    assert ped.children("FA") == ["S1", "S2"] and ped.parents("S2") == ("FA", "MO")
    assert ped.descendants("MO") == ["S1", "S2"] and ped.ancestors("S1") == ["FA", "MO"]
    assert not ped.has_loops()
    half = Pedigree.half_siblings(("A", "M"), ("B", "F"))
    assert half.parents("A")[0] == half.parents("B")[0]


def test_markers_and_genotypes():
    with pytest.raises(KinshipError) as exc:
        Marker("D1", ("1", "2"), np.array([0.5, 0.6]))
    assert str(exc.value) == "Allele frequencies of marker D1 sum to 1.1, not 1"
    with pytest.raises(KinshipError) as exc:
        Marker("D1", ("1", "1"), np.array([0.5, 0.5]))
    assert str(exc.value) == "Marker D1 lists allele 1 twice"
    m = Marker("D1", ("9.3", "10"), np.array([0.5, 0.5]))
    with pytest.raises(KinshipError) as exc:
        m.parse(["9.3", "25"], who="POI")
    assert str(exc.value) == "Invalid allele for marker D1: 25"
    assert m.parse(["10", "9.3"]) == (0, 1)
    assert m.parse(["10", None]) == (1, MISSING)
    with pytest.raises(KinshipError, match="single allele at autosomal marker"):
        m.parse(["10"], who="X")
    x = Marker("DX", ("1", "2"), np.array([0.5, 0.5]), "X")
    assert x.parse(["2"]) == (1,) and x.parse(["2", "2"], sex="M") == (1,)
    with pytest.raises(KinshipError) as exc:
        x.parse(["1", "2"], who="Y", sex="M")
    assert str(exc.value) == "Male Y has two different alleles at X marker DX"


def test_documented_adjustment_for_an_unknown_allele():
    """pedtools addAllele(adjust = "previous"): new allele f, others × (1 − f) (K33)."""
    case = json.loads((SHARED / "examples" / "K33_allele_not_in_frequency_table.json").read_text())
    adj = case["frequency_adjustment"][0]
    orig = adj["original_afreq"]
    m = Marker("VWA", tuple(orig), np.array(list(orig.values()))).add_allele("25", adj["freq"])
    want = next(x for x in case["markers"] if x["name"] == "VWA")
    assert list(m.alleles) == want["alleles"]
    assert np.allclose(m.afreq, want["afreq"], rtol=1e-9, atol=0)


def _case_markers(name):
    return json.loads((SHARED / "examples" / name).read_text())["markers"]


@pytest.mark.parametrize(
    "case",
    [
        "K48_real21_parent_child_true.json",
        "K27_mutation_sex_specific_mp_father.json",
        "D_planecrash.json",
        "D_KETPchap484.json",
        "D_fire.json",
    ],
)
def test_constructors_equal_pedmut_matrices(case):
    for raw in _case_markers(case):
        mut = raw["mutation"]
        if mut.get("model") in (None, "none"):
            continue
        built = MutationModel.from_spec(
            mut.get("spec")
            or {
                "model": mut["model"],
                **{
                    k: {"female": mut["female"][k], "male": mut["male"][k]}
                    for k in ("rate", "rate2", "range")
                    if k in mut["female"]
                },
            },
            raw["alleles"],
            np.array(raw["afreq"]),
            raw["name"],
        )
        assert np.allclose(built.female.matrix, mut["matrix_female"], rtol=0, atol=1e-15)
        assert np.allclose(built.male.matrix, mut["matrix_male"], rtol=0, atol=1e-15)


def test_model_properties():
    p = np.array([0.1, 0.2, 0.3, 0.4])
    prop = MutationMatrix.proportional(p, 0.01).matrix
    assert is_stationary(prop, p) and is_reversible(prop, p)
    assert is_lumpable(prop, np.array([1, 3]))
    step = MutationMatrix.stepwise(["9", "10", "11", "11.3"], 0.01, 1e-4, 0.5).matrix
    assert np.allclose(step.sum(axis=1), 1)
    assert step[3, 3] == pytest.approx(1 - 1e-4)  # 11.3 is alone in its group
    assert not is_lumpable(step, np.array([0, 1]))
    one = MutationMatrix.onestep(["9", "10", "12"], 0.02).matrix
    assert one[2, 2] == 1.0 and one[0, 1] == pytest.approx(0.02)
    with pytest.raises(KinshipError, match="needs integer alleles"):
        MutationMatrix.onestep(["9.3", "10"], 0.01)
    with pytest.raises(KinshipError, match="must sum to 1"):
        MutationMatrix.custom([[0.5, 0.4], [0, 1]], "M")
    for how in ("MH", "BA", "PR"):
        t = MutationMatrix.stepwise(["9", "10", "11"], 0.01, 0, 0.5).transformed(
            how, p[:3] / p[:3].sum()
        )
        assert is_reversible(t.matrix, p[:3] / p[:3].sum())


def test_theta_and_inbreeding_options_are_checked():
    from kinship.likelihood import marker_likelihood

    ped = Pedigree.nuclear(1)
    m = Marker("M", ("1", "2"), np.array([0.5, 0.5]))
    with pytest.raises(KinshipError) as exc:
        marker_likelihood(ped, m, {}, theta=1.5)
    assert str(exc.value) == "theta must be in [0, 1), got 1.5"
    with pytest.raises(KinshipError) as exc:
        marker_likelihood(ped, m, {}, founder_inbreeding={"C1": 0.1})
    assert str(exc.value) == "Founder inbreeding given for C1, who is not a founder"
    with pytest.raises(KinshipError) as exc:
        marker_likelihood(ped, m, {}, theta=0.1, founder_inbreeding={"FA": 0.1})
    assert str(exc.value) == "theta cannot be combined with founder inbreeding"


def test_pm_stabilization_is_stationary_or_refused():
    """pedmut makeStationary("PM"): the result is stationary w.r.t. p; with Norwegian
    D5S818 it exists, with D3S1358 it does not (pedmut's documented behaviour)."""
    from kinship.errors import PM_DOES_NOT_EXIST
    from kinship.markers import read_frequency_csv

    table = read_frequency_csv(str(SHARED / "frequencies" / "norwegian_dupuy2013.csv"))
    for name, exists in (("D5S818", True), ("D3S1358", False)):
        alleles, freqs = table[name]
        freqs = freqs / freqs.sum()
        step = MutationMatrix.stepwise(alleles, 0.005, 1e-6, 0.1)
        if exists:
            s = step.transformed("PM", freqs).matrix
            assert is_stationary(s, freqs, tol=1e-12)
            assert np.allclose(s.sum(axis=1), 1)
        else:
            with pytest.raises(KinshipError, match=PM_DOES_NOT_EXIST):
                step.transformed("PM", freqs)
    # A small hand-checkable case from pedmut's documentation example.
    p = np.array([0.2, 0.3, 0.5])
    m = MutationMatrix.equal(3, 0.1)
    s = m.transformed("PM", p).matrix
    assert is_stationary(s, p, tol=1e-12)


@pytest.mark.parametrize(
    "case",
    [
        "K22_mutation_stepwise_onestep_mismatch.json",
        "K27_mutation_sex_specific_mp_father.json",
        "K48_real21_parent_child_true.json",
        "D_planecrash.json",
        "D_fire.json",
    ],
)
def test_model_properties_equal_pedmut(case):
    """``MutationModel.always_lumpable`` equals pedmut's ``alwaysLumpable`` recorded
    in the case file, for models rebuilt from the explicit matrices."""
    from kinship.markers import marker_from_dict

    for raw in _case_markers(case):
        mut = raw["mutation"]
        if mut.get("model") in (None, "none") or "always_lumpable" not in mut:
            continue
        m = marker_from_dict(raw)
        assert m.mutation is not None
        assert m.mutation.always_lumpable == mut["always_lumpable"], raw["name"]
        assert m.always_lumpable == mut["always_lumpable"]


def test_model_properties_are_cached_on_the_frozen_model():
    """Computed once per model; proportional is stationary, reversible and always
    lumpable, stepwise none of these; the classmethods equal ``from_spec``."""
    p = np.array([0.1, 0.2, 0.3, 0.4])
    alleles = ("9", "10", "11", "12")
    prop = MutationModel.proportional(alleles, p, rate=0.01)
    assert prop.is_stationary and prop.is_reversible and prop.always_lumpable
    assert {"is_stationary", "is_reversible", "always_lumpable"} <= set(prop.__dict__)
    assert prop.is_lumpable([1, 3])
    step = MutationModel.stepwise(
        alleles, p, rate={"female": 0.001, "male": 0.004}, rate2=1e-6, range_=0.1
    )
    assert not step.is_stationary and not step.always_lumpable and not step.is_lumpable([0, 1])
    spec = {
        "model": "stepwise",
        "rate": {"female": 0.001, "male": 0.004},
        "rate2": 1e-6,
        "range": 0.1,
    }
    same = MutationModel.from_spec(spec, list(alleles), p)
    assert np.array_equal(step.male.matrix, same.male.matrix)
    assert np.array_equal(step.female.matrix, same.female.matrix)
    eq = MutationModel.equal(alleles, p, rate=0.01)
    assert eq.always_lumpable and not eq.is_stationary
    assert MutationModel.trivial(alleles, p).is_trivial


def test_sex_compatibility_is_one_rule_for_scalars_and_arrays():
    """'U' is compatible with both sexes; M and F only with themselves (dvir)."""
    from kinship.dvi import sex_compatible

    sexes = np.array(["M", "F", "U"])
    table = sex_compatible(sexes[:, None], sexes[None, :])
    assert table.tolist() == [[True, False, True], [False, True, True], [True, True, True]]
    for i, a in enumerate(sexes):
        for j, b in enumerate(sexes):
            assert bool(sex_compatible(str(a), str(b))) == table[i, j]
