"""Familias .fam files: write and read back, and a file in pedFamilias' layout."""

import numpy as np
import pytest

from kinship import KinshipError
from kinship.io.familias import read_fam, write_fam
from kinship.likelihood import likelihood
from kinship.markers import Marker
from kinship.mutation import MutationModel
from kinship.pedigree import Individual, Pedigree

# A file laid out exactly as pedFamilias::writeFam produces it: nuclearPed() with
# genotypes 2/2, 1/3, 2/3 at marker M1 (alleles 1:3, afreq .3,.3,.4).
PEDFAMILIAS_FILE = """\
"Output from Familias, version 3.2.8"
"(Actually produced by R/pedsuite, 01 Jan 2025)"
3.2.8
""
3
"1"
#FALSE#
-1
#FALSE#
#TRUE#
1
1
1
0
"2"
#FALSE#
-1
#FALSE#
#FALSE#
1
0
2
0
"3"
#FALSE#
-1
#FALSE#
#TRUE#
1
1
2
0
"Known relations"
0
0
0
1
0
"Ped 1"
0
0
2
0
2
1
2
#FALSE# (#Databases: 1 ;Theta/Kinship/Fst: 0 )
1
#TRUE#
"unknown"
"M1"
0
0
0
0
3
0
0
0
0
#FALSE#
0
3\t(DatabaseSize = 1000 , Dropout probability = 0 , Minor allele frequency = 0 )
"1"
0.3
"2"
0.3
"3"
0.4
"""


def test_reads_the_pedfamilias_layout(tmp_path):
    path = tmp_path / "trio.fam"
    path.write_text(PEDFAMILIAS_FILE)
    fam = read_fam(path)
    ped = fam.pedigrees["Ped 1"]
    assert ped.parents("3") == ("1", "2")
    assert fam.genotypes["1"]["M1"] == (1, 1) and fam.genotypes["2"]["M1"] == (0, 2)
    # trio likelihood: p2² · 2p1p3 · P(child 2/3 | 2/2 × 1/3) = 0.09·0.24·0.5
    got = likelihood(ped, fam.markers, fam.genotypes).per_marker[0].likelihood
    assert got == pytest.approx(0.09 * 0.24 * 0.5, rel=1e-12)


def test_round_trip_with_stepwise_model(tmp_path):
    alleles = ("9", "10", "11", "11.3")
    freqs = np.array([0.2, 0.3, 0.4, 0.1])
    spec = {
        "model": "stepwise",
        "rate": {"female": 0.001, "male": 0.002},
        "rate2": 1e-5,
        "range": 0.1,
    }
    m = Marker(
        "D1", alleles, freqs, "autosomal", MutationModel.from_spec(spec, list(alleles), freqs)
    )
    h1 = Pedigree(
        [Individual("AF", sex="M"), Individual("MO", sex="F"), Individual("CH", "AF", "MO", "F")]
    )
    h2 = Pedigree([Individual("AF", sex="M"), Individual("MO", sex="F"), Individual("CH", sex="F")])
    geno = {"AF": {"D1": (0, 2)}, "CH": {"D1": (1, 2)}}
    path = tmp_path / "case.fam"
    write_fam(path, {"paternity": h1, "unrelated": h2}, [m], geno, database="test")
    back = read_fam(path)
    assert list(back.pedigrees) == ["paternity", "unrelated"]
    assert back.database == "test" and back.genotypes == geno
    (m2,) = back.markers
    assert np.allclose(m2.mutation.male.matrix, m.mutation.male.matrix, atol=1e-15)
    assert np.allclose(m2.mutation.female.matrix, m.mutation.female.matrix, atol=1e-15)
    for name, ped in (("paternity", h1), ("unrelated", h2)):
        a = likelihood(ped, [m], geno).per_marker[0].likelihood
        b = likelihood(back.pedigrees[name], back.markers, back.genotypes).per_marker[0].likelihood
        assert a == pytest.approx(b, rel=1e-12)


def test_unsupported_sections_are_named(tmp_path):
    path = tmp_path / "dvi.fam"
    path.write_text(PEDFAMILIAS_FILE + "[DVI]\n")
    with pytest.raises(KinshipError, match="DVI section"):
        read_fam(path)
