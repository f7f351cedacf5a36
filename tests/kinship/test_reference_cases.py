"""Every case in shared/kinship/examples against the R pedsuite's values (rel. 1e-9,
zeros exactly zero), and the bulk benchmark matrix."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from kinship.cli import main as cli_main
from kinship.dvi import DVIData, dvi_grid_size, find_undisputed, joint_dvi, pairwise_lr
from kinship.io.case import load_case
from kinship.likelihood import likelihood, one_marker_distribution
from kinship.lr import missing_person_lr

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "kinship"
EXAMPLES = sorted((SHARED / "examples").glob("*.json"))
REL = 1e-9


def _close(got, exp) -> bool:
    if exp is None:
        return got is None or (isinstance(got, float) and not math.isfinite(got))
    if exp == 0:
        return got == 0
    return got is not None and math.isclose(got, exp, rel_tol=REL)


def _matrix_close(got: np.ndarray, exp: list) -> None:
    for i, row in enumerate(exp):
        for j, e in enumerate(row):
            g = got[i][j]
            if e is None:
                assert g is None or np.isnan(g), (i, j, g)
            elif e == 0:
                assert g == 0, (i, j, g)
            else:
                assert math.isclose(g, e, rel_tol=REL), (i, j, g, e)


def ids(paths):
    return [p.stem for p in paths]


KCASES = [p for p in EXAMPLES if p.name.startswith("K")]
LCASES = [p for p in EXAMPLES if p.name.startswith("L")]
DCASES = [p for p in EXAMPLES if p.name.startswith("D_")]


def test_the_examples_are_there():
    assert len(KCASES) >= 10 and len(LCASES) >= 3 and len(DCASES) >= 10


@pytest.mark.parametrize("path", KCASES, ids=ids(KCASES))
def test_kinship_lr_cases(path):
    case = load_case(path)
    exp = case.raw["expected"]
    poi = case.raw["poi"]["id"]
    fam = {k: v for k, v in case.genotypes.items() if k != poi}
    res = missing_person_lr(
        case.pedigree,
        case.raw["missing_person"],
        case.genotypes[poi],
        case.markers,
        fam,
        theta=case.theta,
        founder_inbreeding=case.founder_inbreeding,
    ).as_dict()
    assert _close(res["lr_total"], exp["lr_total"])
    assert _close(res["log10_lr_total"], exp["log10_lr_total"])
    assert res["excluded"] == exp["excluded"]
    for got, e in zip(res["per_marker"], exp["per_marker"], strict=True):
        assert got["marker"] == e["marker"]
        for key in ("lr", "log10_lr", "lik_H1", "lik_H2", "lik_family", "lik_poi"):
            assert _close(got[key], e[key]), (e["marker"], key, got[key], e[key])
    for name, dist in (exp.get("mp_genotype_distribution") or {}).items():
        labels = dist["genotypes"] if isinstance(dist["genotypes"], list) else [dist["genotypes"]]
        probs = dist["prob"] if isinstance(dist["prob"], list) else [dist["prob"]]
        got = one_marker_distribution(
            case.pedigree,
            case.marker(name),
            {i: g[name] for i, g in fam.items() if name in g},
            case.raw["missing_person"],
        )
        assert sorted(got) == sorted(labels)
        for label, p in zip(labels, probs, strict=True):
            assert math.isclose(got[label], p, rel_tol=REL), (name, label)


@pytest.mark.parametrize("path", LCASES, ids=ids(LCASES))
def test_pedigree_likelihood_cases(path):
    case = load_case(path)
    exp = case.raw["expected"]
    res = likelihood(
        case.pedigree,
        case.markers,
        case.genotypes,
        theta=case.theta,
        founder_inbreeding=case.founder_inbreeding,
    ).as_dict()
    for got, e in zip(res["per_marker"], exp["per_marker"], strict=True):
        assert _close(got["likelihood"], e["likelihood"])
        assert _close(got["log10_likelihood"], e["log10_likelihood"])
    assert _close(res["log10_likelihood_total"], exp["log10_likelihood_total"])
    assert _close(res["loglik_total"], exp["loglik_total"])


@pytest.mark.parametrize("path", DCASES, ids=ids(DCASES))
def test_dvi_pairwise_and_undisputed(path):
    case = load_case(path)
    exp = case.raw["expected"]
    dvi = DVIData.from_case(case)
    m = pairwise_lr(dvi)
    assert m.rows == exp["pairwiseLR"]["rows"] and m.cols == exp["pairwiseLR"]["cols"]
    _matrix_close(m.values, exp["pairwiseLR"]["values"])
    _matrix_close(pairwise_lr(dvi, ignore_sex=True).values, exp["pairwiseLR_ignoreSex"]["values"])
    assert dvi_grid_size(dvi) == exp["n_assignments"]
    got = [u.as_dict() for u in find_undisputed(dvi)]
    want = exp["findUndisputed"]["summary"]
    assert [(g["Family"], g["Missing"], g["Sample"], g["Comment"]) for g in got] == [
        (w["Family"], w["Missing"], w["Sample"], w["Comment"]) for w in want
    ]
    for g, w in zip(got, want, strict=True):
        assert math.isclose(g["LR"], w["LR"], rel_tol=REL)


JOINT = [
    p
    for p in DCASES
    if "jointDVI" in json.loads(p.read_text())["expected"] and p.stem not in ("D_exclusionExample",)
]


@pytest.mark.parametrize("path", JOINT, ids=ids(JOINT))
def test_dvi_joint(path):
    case = load_case(path)
    exp = case.raw["expected"]["jointDVI"]
    dvi = DVIData.from_case(case)
    res = joint_dvi(dvi)
    assert len(res.assignments) == exp["n_rows"]
    want = {tuple(r[v] for v in dvi.victims): r for r in exp["top"]}
    for row in res.top(len(exp["top"])):
        key = tuple(row[v] for v in dvi.victims)
        assert key in want, key
        for col in ("loglik", "LR", "posterior", "LR0"):
            assert _close(row[col], want[key][col]), (key, col)
    ppp = exp.get("posterior_pairing_probabilities")
    if ppp:
        got = res.posterior_pairing(dvi.missing)
        assert got.cols == ppp["cols"]
        for grow, erow in zip(got.values, ppp["values"], strict=True):
            for g, e in zip(grow, erow, strict=True):
                assert (g == 0) if e == 0 else math.isclose(g, e, rel_tol=REL)


def test_bulk_matrix_and_cli(capsys):
    path = SHARED / "bulk" / "bulk_pc100.json"
    exp = json.loads(path.read_text())["expected"]["pairwiseLR"]
    assert cli_main(["dvi", "--pairwise", "--ignore-sex", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)["pairwiseLR"]
    assert out["rows"] == exp["rows"] and out["cols"] == exp["cols"]
    _matrix_close(np.array(out["values"], dtype=float), exp["values"])


@pytest.mark.parametrize(
    "command,path",
    [
        ("lr", "K48_real21_parent_child_true.json"),
        ("likelihood", "L03_loop_cousin_marriage.json"),
    ],
)
def test_cli_prints_the_documented_keys(command, path, capsys):
    assert cli_main([command, str(SHARED / "examples" / path)]) == 0
    out = json.loads(capsys.readouterr().out)
    exp = json.loads((SHARED / "examples" / path).read_text())["expected"]
    if command == "lr":
        assert _close(out["lr_total"], exp["lr_total"])
        assert {"marker", "lr", "log10_lr"} <= set(out["per_marker"][0])
    else:
        assert _close(out["log10_likelihood_total"], exp["log10_likelihood_total"])
    assert out["provenance"]["frequency_digest"]


def test_cli_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    raw = json.loads((SHARED / "examples" / "K01_parent_child_mp_father_duo.json").read_text())
    raw["poi_genotypes"]["TH01"] = ["7", "99"]
    bad.write_text(json.dumps(raw))
    assert cli_main(["lr", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == "error: Invalid allele for marker TH01: 99"
