"""A small simulated identification world, built through the flows by named users: three
families with references (received by the lab), remains of two of the missing persons and
of one unrelated person. ``ada`` (administrator) imports the shipped frequency table and
registers the remains; ``tomas`` (tracing officer) builds the pedigrees and samples."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from casework.demo.identification import MARKERS as DEMO_MARKERS
from casework.demo.identification import import_shipped_table
from casework.identification.frequencies import DEFAULT_MUTATION, table_markers
from casework.remains.services import remains_register, site_register
from casework.samples.services import (
    kinship_pedigree,
    pedigree_member_add,
    pedigree_start,
    sample_custody_transfer,
    sample_register,
)
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
    return build_world(tmp_path)


def build_world(tmp_path: Path) -> dict:
    """The world itself (also used by the role matrix, tests/casework/access)."""
    from casework.core import roles

    tracer = user_with_role(roles.TRACING_OFFICER)
    admin = user_with_role(roles.ADMINISTRATOR)
    table = import_shipped_table(by=admin)
    markers = table_markers(table, DEFAULT_MUTATION, MARKERS)
    rng = np.random.default_rng(42)
    site = site_register(code="SITE-1", kind="grave", by=admin)
    rows, truth, cases = [], {}, []
    received = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    for k, given in enumerate(["Vüqar", "Namiq", "Tofiq"]):
        req = open_request(by=tracer, sought=[SoughtInput(person=person_input(given, "Quliyev"))])
        case = req.cases.get()
        cases.append(case)
        ped = pedigree_start(case_id=case.pk, by=tracer)
        fa = ped.members.get(label="FA")
        mo = ped.members.get(label="MO")
        s1 = pedigree_member_add(
            case_id=case.pk, label="S1", sex="F", father_id=fa.pk, mother_id=mo.pk, by=tracer
        )
        sim = profile_sim(kinship_pedigree(ped), markers, rng)
        for member in (mo, s1):
            bc = f"RS{k}{member.label}"
            sample = sample_register(
                case_id=case.pk,
                member_id=member.pk,
                barcode=bc,
                collected_on=dt.date(2024, 1, 5),
                holder="field team",
                place="",
                by=tracer,
            )
            sample_custody_transfer(
                sample_id=sample.pk,
                step="sent",
                holder="courier",
                by=tracer,
                at=received - dt.timedelta(days=3),
            )
            sample_custody_transfer(
                sample_id=sample.pk, step="received", holder="lab", by=tracer, at=received
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
            remains_register(
                site_id=site.pk, code=code, sample_barcode=bc, kind="body", pm_sex="M", by=admin
            )
            rows += [
                [bc, m.name, m.alleles[sim["MP"][m.name][0]], m.alleles[sim["MP"][m.name][1]]]
                for m in markers
            ]
            truth[code] = case
    other = profile_sim(Pedigree([Individual("X", sex="M")]), markers, rng)
    remains_register(
        site_id=site.pk, code="R-3", sample_barcode="PM3", kind="body", pm_sex="M", by=admin
    )
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
        "admin": admin,
        "rows": rows,
        "tmp": tmp_path,
    }
