"""A small simulated identification world: three families with references (received by
the lab), remains of two of the missing persons and of one unrelated person."""

from __future__ import annotations

import csv
import datetime as dt

import numpy as np
import pytest

from casework.antemortem.models import PedigreeMember
from casework.antemortem.services import (
    kinship_pedigree,
    pedigree_for_case,
    sample_custody_transfer,
    sample_register,
)
from casework.demo.identification import MARKERS as DEMO_MARKERS
from casework.identification.frequencies import DEFAULT_MUTATION, default_table, table_markers
from casework.remains.models import RecoverySite, Remains
from casework.tracing.services import SoughtInput
from kinship.pedigree import Individual, Pedigree
from kinship.simulate import profile_sim
from tests.factories import open_request, person_input, user_with_role

MARKERS = DEMO_MARKERS[:15]


def write_long(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["barcode", "marker", "allele1", "allele2"])
        w.writerows(rows)
    return path


@pytest.fixture
def forensic(db):
    from casework.core import roles

    return user_with_role(roles.FORENSIC_SPECIALIST)


@pytest.fixture
def world(db, tmp_path):
    from casework.core import roles

    tracer = user_with_role(roles.TRACING_OFFICER)
    table = default_table()
    markers = table_markers(table, DEFAULT_MUTATION, MARKERS)
    rng = np.random.default_rng(42)
    site = RecoverySite.objects.create(code="SITE-1", kind="grave")
    rows, truth, cases = [], {}, []
    received = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    for k, given in enumerate(["Vüqar", "Namiq", "Tofiq"]):
        req = open_request(by=tracer, sought=[SoughtInput(person=person_input(given, "Quliyev"))])
        case = req.cases.get()
        cases.append(case)
        ped = pedigree_for_case(case=case, by=tracer)
        fa = ped.members.get(label="FA")
        mo = ped.members.get(label="MO")
        s1 = PedigreeMember.objects.create(pedigree=ped, label="S1", sex="F", father=fa, mother=mo)
        sim = profile_sim(kinship_pedigree(ped), markers, rng)
        for member in (mo, s1):
            bc = f"RS{k}{member.label}"
            sample = sample_register(
                member=member,
                barcode=bc,
                collected_on=dt.date(2024, 1, 5),
                holder="field team",
                place="",
                by=tracer,
            )
            sample_custody_transfer(
                sample=sample,
                step="sent",
                holder="courier",
                by=tracer,
                at=received - dt.timedelta(days=3),
            )
            sample_custody_transfer(
                sample=sample, step="received", holder="lab", by=tracer, at=received
            )
            rows += [
                [
                    bc,
                    m.name,
                    m.alleles[sim[member.label][m.name][0]],
                    m.alleles[sim[member.label][m.name][1]],
                ]
                for m in markers
            ]
        if k < 2:
            code, bc = f"R-{k + 1}", f"PM{k + 1}"
            Remains.objects.create(code=code, sample_barcode=bc, site=site, pm_sex="M")
            rows += [
                [bc, m.name, m.alleles[sim["MP"][m.name][0]], m.alleles[sim["MP"][m.name][1]]]
                for m in markers
            ]
            truth[code] = case
    other = profile_sim(Pedigree([Individual("X", sex="M")]), markers, rng)
    Remains.objects.create(code="R-3", sample_barcode="PM3", site=site, pm_sex="M")
    rows += [
        ["PM3", m.name, m.alleles[other["X"][m.name][0]], m.alleles[other["X"][m.name][1]]]
        for m in markers
    ]
    lab = write_long(tmp_path / "lab.csv", rows)
    return {
        "table": table,
        "markers": markers,
        "cases": cases,
        "truth": truth,
        "lab": lab,
        "tracer": tracer,
        "rows": rows,
        "tmp": tmp_path,
    }
