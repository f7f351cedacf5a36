"""``KinshipError``: codes, verbatim messages (the constants of kinship.errors), and
the CLI's one-line report with exit status 2."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from kinship import KinshipError
from kinship import errors as E
from kinship.cli import main as cli_main
from kinship.dvi import DVIData, Family, joint_dvi, posterior_probability
from kinship.markers import Marker
from kinship.mutation import MutationMatrix, MutationModel
from kinship.pedigree import Individual, Pedigree

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "kinship"


def test_kinship_error_is_a_value_error_with_a_code():
    exc = KinshipError(E.DUPLICATE_ID, id="FA")
    assert isinstance(exc, ValueError)
    assert str(exc) == exc.message == "Duplicate individual id: FA"
    assert exc.code == "duplicate_id"
    assert exc.as_dict() == {"code": "duplicate_id", "message": "Duplicate individual id: FA"}
    assert KinshipError("something else").code == E.GENERIC_CODE
    back = pickle.loads(pickle.dumps(exc))  # noqa: S301 (our own bytes)
    assert (back.code, back.message, back.fields) == ("duplicate_id", exc.message, {"id": "FA"})


def test_every_message_constant_has_one_code():
    constants = {
        name: value for name, value in vars(E).items() if name.isupper() and isinstance(value, str)
    }
    templates = {v for k, v in constants.items() if k != "GENERIC_CODE"}
    assert templates == set(E.CODES)
    assert len(set(E.CODES.values())) == len(E.CODES)
    for name, template in constants.items():
        if name != "GENERIC_CODE":
            assert E.CODES[template] == name.lower()


def test_pedigree_error_carries_its_code():
    with pytest.raises(KinshipError) as exc:
        Pedigree([Individual("A", "F", None, "M"), Individual("F", sex="M")])
    assert exc.value.code == "one_parent"
    assert str(exc.value) == "Individual A has only one parent; give both parents or neither"


def test_prior_and_assignment_limits():
    with pytest.raises(KinshipError) as exc:
        posterior_probability(0.0, 1.0)
    assert str(exc.value) == "the prior must be strictly between 0 and 1, got 1.0"
    m = Marker("M", ("1", "2"), np.array([0.5, 0.5]))
    fams = [
        Family(
            f"F{k}",
            Pedigree(
                [
                    Individual(f"FA{k}", sex="M"),
                    Individual(f"MO{k}", sex="F"),
                    Individual(f"MP{k}", f"FA{k}", f"MO{k}", "M"),
                ]
            ),
            [f"MP{k}"],
        )
        for k in range(3)
    ]
    victims = ["V1", "V2", "V3"]
    dvi = DVIData(
        [m], victims, dict.fromkeys(victims, "M"), {v: {"M": (0, 1)} for v in victims}, fams
    )
    with pytest.raises(KinshipError) as exc:
        joint_dvi(dvi, max_assignments=5)
    assert str(exc.value) == "more than 5 assignments; use pairwise LRs instead"
    assert exc.value.code == "too_many_assignments"
    with pytest.raises(KinshipError) as exc:
        dvi.family_of("nobody")
    assert str(exc.value) == "nobody is not a missing person of any family"


def test_model_properties_need_frequencies_outside_a_marker():
    eq = MutationMatrix.equal(3, 0.01)
    bare = MutationModel(eq, eq)
    assert bare.always_lumpable  # a property of the matrices alone
    with pytest.raises(KinshipError) as exc:
        bare.is_stationary  # noqa: B018
    assert str(exc.value) == (
        "The mutation model has no allele frequencies; is_stationary needs them "
        "(attach the model to a Marker, or pass afreq)"
    )
    m = Marker("M", ("1", "2", "3"), np.array([0.2, 0.3, 0.5]), mutation=bare)
    assert m.mutation is not None and np.array_equal(m.mutation.afreq, m.afreq)
    assert m.is_stationary is False  # equal is stationary only for uniform p


def _cli_error(args, capsys) -> str:
    assert cli_main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return captured.err.strip()


def test_cli_reports_an_unreadable_case_file(tmp_path, capsys):
    path = tmp_path / "absent.json"
    assert _cli_error(["lr", str(path)], capsys) == (
        f"error: {path}: cannot read the case file (No such file or directory)"
    )


def test_cli_reports_a_case_file_that_is_not_json(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"kind": "kinship_lr",\n "markers": [}')
    assert _cli_error(["lr", str(path)], capsys) == (
        f"error: {path}: not a JSON case file (line 2, column 14: Expecting value)"
    )


def test_cli_reports_a_missing_key(tmp_path, capsys):
    raw = json.loads((SHARED / "examples" / "K01_parent_child_mp_father_duo.json").read_text())
    del raw["missing_person"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(raw))
    assert _cli_error(["lr", str(path)], capsys) == (
        "error: The case file has no 'missing_person' (needed for a kinship_lr case)"
    )
    raw = json.loads((SHARED / "examples" / "D_example1.json").read_text())
    del raw["pm"][0]["id"]
    path.write_text(json.dumps(raw))
    assert _cli_error(["dvi", str(path)], capsys) == (
        "error: The case file has no 'id' (needed for a PM sample)"
    )


def test_cli_reports_an_invalid_pedigree(tmp_path, capsys):
    raw = json.loads((SHARED / "examples" / "L01_trio_toy_hand_checkable.json").read_text())
    raw["pedigree"]["individuals"][2]["mother"] = "NOBODY"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(raw))
    assert _cli_error(["likelihood", str(path)], capsys) == (
        "error: Parent NOBODY of individual CH is not in the pedigree"
    )
