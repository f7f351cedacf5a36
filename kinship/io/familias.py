"""Familias ``.fam`` files (Egeland et al. 2000), as read and written by the R
package pedFamilias (``readFam`` / ``writeFam``).

Layout (one value per line, strings quoted): a preamble (program line, comment,
version, empty line), the number of individuals; per individual its name,
``#FALSE#``, ``-1`` (``-1 (Consider dropouts)``), ``#FALSE#``, ``#TRUE#`` for male /
``#FALSE#`` for female, the number k of typed markers and 3k integers (0-based allele
index, 0-based allele index, 0-based marker index; ``-1`` = unknown allele); then
``Known relations``, the numbers of extra females, extra males and fixed relations
(parent, child pairs), the number of pedigrees and, per pedigree, its index, name,
extra females, extra males, the number of relation lines and the (parent, child)
pairs (0-based indices of individuals); then the database: a ``#FALSE#
(#Databases: 1 ;Theta/Kinship/Fst: θ )`` line, the number of loci, ``#TRUE#`` and the
database name; per locus its name, female and male rates, female and male model codes
(0 equal, 1 proportional, 2 stepwise, 3 stepwise stationary, 4 extended stepwise),
the number of alleles, female and male ranges, female and male rate2, ``#FALSE#``
(no silent allele), 0, ``n\\t(DatabaseSize = …)``, then allele/frequency pairs.

Not supported (a clear error names them): the DVI section, twins, silent alleles,
precomputed probabilities and the stationary stepwise model (code 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kinship import errors as E
from kinship.errors import KinshipError
from kinship.markers import MISSING, Marker
from kinship.mutation import MutationMatrix, MutationModel
from kinship.pedigree import Individual, Pedigree

MODELS = {0: "equal", 1: "proportional", 2: "stepwise", 4: "stepwise"}


@dataclass
class FamiliasFile:
    pedigrees: dict[str, Pedigree]
    markers: list[Marker]
    genotypes: dict[str, dict[str, tuple[int, ...]]]
    theta: float = 0.0
    database: str = ""
    extras: list[str] = field(default_factory=list)


class _Lines:
    def __init__(self, text: str, path: str):
        self.lines = [ln.strip().replace('"', "") for ln in text.splitlines()]
        self.i = 0
        self.path = path

    def next(self) -> str:
        if self.i >= len(self.lines):
            raise KinshipError(E.FAM_UNEXPECTED_END, path=self.path, line=self.i + 1)
        self.i += 1
        return self.lines[self.i - 1]

    def int(self, what: str) -> int:
        value = self.next()
        try:
            return int(value.split()[0])
        except (ValueError, IndexError):
            raise KinshipError(
                E.FAM_EXPECTED, path=self.path, line=self.i, what=what, value=value
            ) from None

    def float(self, what: str) -> float:
        value = self.next()
        try:
            return float(value)
        except ValueError:
            raise KinshipError(
                E.FAM_EXPECTED, path=self.path, line=self.i, what=what, value=value
            ) from None


def read_fam(path: str | Path) -> FamiliasFile:
    path = str(path)
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if "[DVI]" in text:
        raise KinshipError(E.FAM_DVI_SECTION, path=path)
    r = _Lines(text, path)
    for _ in range(3):
        r.next()
    if r.lines[r.i] == "":
        r.next()
    nid = r.int("the number of individuals")
    names: list[str] = []
    male: list[bool] = []
    raw_geno: list[list[tuple[int, int, int]]] = []
    for _ in range(nid):
        names.append(r.next())
        r.next()
        r.next()
        r.next()
        male.append(r.next() == "#TRUE#")
        k = r.int(f"the number of genotypes of {names[-1]}")
        raw_geno.append(
            [
                (r.int("an allele index"), r.int("an allele index"), r.int("a marker index"))
                for _ in range(k)
            ]
        )
    if r.next() != "Known relations":
        raise KinshipError(E.FAM_EXPECTED_LINE, path=path, line=r.i, what="Known relations")
    extras: list[str] = []
    n_fem, n_mal = r.int("extra females"), r.int("extra males")
    for k in range(n_fem + n_mal):
        extras.append(f"added_{k + 1}")
        names.append(extras[-1])
        male.append(k >= n_fem)
    fixed = [
        (r.int("a parent index"), r.int("a child index"))
        for _ in range(r.int("the number of relations"))
    ]
    pedigrees: dict[str, Pedigree] = {}
    for _ in range(r.int("the number of pedigrees")):
        r.int("a pedigree index")
        pname = r.next()
        nf, nm = r.int("extra females"), r.int("extra males")
        local_names, local_male = list(names), list(male)
        for k in range(nf + nm):
            local_names.append(f"{pname}_added_{k + 1}")
            local_male.append(k >= nf)
        n_rel = r.int("the number of relation lines")
        rels = list(fixed)
        for _ in range(n_rel):
            first = r.next()
            if "Direct" in first:
                raise KinshipError(E.FAM_TWINS, path=path, line=r.i)
            rels.append((int(first), r.int("a child index")))
        pedigrees[pname] = _pedigree(local_names, local_male, rels)
    if not pedigrees:
        pedigrees["Ped 1"] = _pedigree(names, male, fixed)
    db = r.next()
    if db.startswith("#TRUE#"):
        raise KinshipError(E.FAM_PRECOMPUTED, path=path)
    theta = 0.0
    if "Theta/Kinship/Fst:" in db:
        theta = float(db.split("Theta/Kinship/Fst:")[1].split()[0])
    n_loci = r.int("the number of loci")
    database = ""
    if r.next() == "#TRUE#":
        database = r.next()
    markers = []
    for _ in range(n_loci):
        name = r.next()
        rate_f, rate_m = r.float("a rate"), r.float("a rate")
        code_f, code_m = r.int("a model code"), r.int("a model code")
        r.int("the number of alleles")
        range_f, range_m = r.float("a range"), r.float("a range")
        rate2_f, rate2_m = r.float("rate2"), r.float("rate2")
        if r.next() == "#TRUE#":
            raise KinshipError(E.FAM_SILENT_ALLELE, path=path, locus=name)
        r.next()
        n_all = r.int(f"the number of alleles of {name}")
        alleles, freqs = [], []
        for _ in range(n_all):
            alleles.append(r.next())
            freqs.append(r.float("a frequency"))
        afreq = np.array(freqs)
        mut = None
        if rate_f > 0 or rate_m > 0:
            mats = []
            for code, rate, rng_, rate2 in (
                (code_f, rate_f, range_f, rate2_f),
                (code_m, rate_m, range_m, rate2_m),
            ):
                if code not in MODELS:
                    raise KinshipError(E.FAM_MODEL_CODE, path=path, locus=name, model_code=code)
                spec = {"model": MODELS[code], "rate": rate, "rate2": rate2, "range": rng_}
                mats.append(MutationModel.from_spec(spec, alleles, afreq, name).female)
            mut = MutationModel(mats[0], mats[1])
        markers.append(Marker(name, tuple(alleles), afreq, "autosomal", mut))
    genotypes: dict[str, dict[str, tuple[int, ...]]] = {}
    for who, triples in zip(names, raw_geno, strict=False):
        g = {}
        for a1, a2, mi in triples:
            m = markers[mi]
            pair = (a1 if a1 >= 0 else MISSING, a2 if a2 >= 0 else MISSING)
            g[m.name] = m.parse([None if a == MISSING else m.alleles[a] for a in pair], who=who)
        if g:
            genotypes[who] = g
    return FamiliasFile(pedigrees, markers, genotypes, theta, database, extras)


def _pedigree(names: list[str], male: list[bool], rels: list[tuple[int, int]]) -> Pedigree:
    father: dict[str, str] = {}
    mother: dict[str, str] = {}
    for parent, child in rels:
        (father if male[parent] else mother)[names[child]] = names[parent]
    used = {names[p] for p, _ in rels} | {names[c] for _, c in rels}
    return Pedigree(
        Individual(n, father.get(n), mother.get(n), "M" if m else "F")
        for n, m in zip(names, male, strict=True)
        if n in used or (not n.startswith("added_") and "_added_" not in n)
    )


def write_fam(
    path: str | Path,
    pedigrees: Mapping[str, Pedigree],
    markers: Sequence[Marker],
    genotypes: Mapping[str, Mapping[str, tuple[int, ...]]],
    *,
    theta: float = 0.0,
    database: str = "unknown",
) -> None:
    """Write pedigrees (hypotheses over the same individuals), genotypes and the
    marker database. Mutation models must be equal, proportional or stepwise (their
    parameters are written; Familias rebuilds the matrices)."""
    labs: list[str] = []
    sex: dict[str, str] = {}
    for ped in pedigrees.values():
        for ind in ped:
            if ind.id not in sex:
                labs.append(ind.id)
                sex[ind.id] = ind.sex
            elif sex[ind.id] != ind.sex:
                raise KinshipError(E.FAM_CONFLICTING_SEX, id=ind.id)
    out: list[str] = []
    q = '"{}"'.format
    out += [
        q("Output from Familias, version 3.2.8"),
        q(f"(Written by kinship, {dt.date.today():%d %b %Y})"),
        "3.2.8",
        q(""),
        str(len(labs)),
    ]
    midx = {m.name: k for k, m in enumerate(markers)}
    for ident in labs:
        out += [q(ident), "#FALSE#", "-1", "#FALSE#", "#TRUE#" if sex[ident] == "M" else "#FALSE#"]
        g = genotypes.get(ident, {})
        triples = []
        for m in markers:
            o = g.get(m.name)
            if o is None or all(a == MISSING for a in o):
                continue
            a1, a2 = (o[0], o[0]) if len(o) == 1 else o
            triples += [str(a1), str(a2), str(midx[m.name])]
        out.append(str(len(triples) // 3))
        out += triples
    out += [q("Known relations"), "0", "0", "0", str(len(pedigrees))]
    pos = {ident: k for k, ident in enumerate(labs)}
    for k, (name, ped) in enumerate(pedigrees.items()):
        rels = []
        for ind in ped:
            if not ind.is_founder:
                rels += [
                    str(pos[ind.father]),
                    str(pos[ind.id]),  # type: ignore[index]
                    str(pos[ind.mother]),
                    str(pos[ind.id]),
                ]  # type: ignore[index]
        out += [str(k), q(name), "0", "0", str(len(rels) // 2), *rels]
    out += [
        f"#FALSE# (#Databases: 1 ;Theta/Kinship/Fst: {theta:g} )",
        str(len(markers)),
        "#TRUE#",
        q(database),
    ]
    for m in markers:
        fem, mal = _params(m, "female"), _params(m, "male")
        out += [
            q(m.name),
            repr(fem[1]),
            repr(mal[1]),
            str(fem[0]),
            str(mal[0]),
            str(m.n_alleles),
            repr(fem[2]),
            repr(mal[2]),
            repr(fem[3]),
            repr(mal[3]),
            "#FALSE#",
            "0",
            f"{m.n_alleles}\t(DatabaseSize = 1000 , Dropout probability = 0 , "
            "Minor allele frequency = 0 )",
        ]
        for a, f in zip(m.alleles, m.afreq, strict=True):
            out += [q(a), repr(float(f))]
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


def _params(m: Marker, sex: str) -> tuple[int, float, float, float]:
    """(model code, rate, range, rate2) of one sex's mutation matrix."""
    if m.mutation is None:
        return 0, 0.0, 0.0, 0.0
    mm: MutationMatrix = getattr(m.mutation, sex)
    p = dict(mm.params)
    code = {"equal": 0, "proportional": 1, "stepwise": 4, "trivial": 0}.get(mm.model)
    if code is None:
        raise KinshipError(E.FAM_UNWRITABLE_MODEL, marker=m.name, model=mm.model)
    return code, float(p.get("rate", 0.0)), float(p.get("range", 0.0)), float(p.get("rate2", 0.0))
