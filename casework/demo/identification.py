"""Demo data for identification: family pedigrees with reference samples, DNA
profiles simulated through the pedigrees (``kinship.simulate``, the shipped Norwegian
frequencies and the default stepwise mutation model), recovery sites and remains —
some of them missing persons (a share degraded, with markers missing), some of people
on no list. The laboratory export is written as a CSV and imported through the normal
importer. The generator returns the truth (remains → case number, or None) so that
benchmarks can score a matching run; the database does not hold it.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from casework.antemortem.models import CustodyEvent, PedigreeMember, ReferenceSample
from casework.antemortem.services import kinship_pedigree, pedigree_for_case
from casework.identification.frequencies import DEFAULT_MUTATION, default_table, table_markers
from casework.identification.profiles import import_profiles
from casework.remains.models import RecoverySite, Remains
from casework.tracing.models import Case, CaseStatus
from kinship.pedigree import Individual, Pedigree
from kinship.simulate import profile_sim

MARKERS = [
    "D3S1358",
    "VWA",
    "D16S539",
    "CSF1PO",
    "TPOX",
    "D8S1179",
    "D21S11",
    "D18S51",
    "D2S441",
    "D19S433",
    "TH01",
    "FGA",
    "D22S1045",
    "D5S818",
    "D13S317",
    "D7S820",
    "SE33",
    "D10S1248",
    "D1S1656",
    "D12S391",
    "D2S1338",
]
SHAPES = [
    "one parent",
    "both parents",
    "one sibling",
    "parent and sibling",
    "two siblings",
    "a child",
]


def _add_relatives(ped, shape: str, rng: random.Random) -> list[PedigreeMember]:
    members = {m.label: m for m in ped.members.all()}
    fa, mo, mp = members["FA"], members["MO"], members["MP"]
    donors: list[PedigreeMember] = []

    def new(label, sex, father=None, mother=None):
        m = PedigreeMember.objects.create(
            pedigree=ped, label=label, sex=sex, father=father, mother=mother
        )
        return m

    if shape == "one parent":
        donors.append(rng.choice([fa, mo]))
    elif shape == "both parents":
        donors += [fa, mo]
    elif shape == "one sibling":
        donors.append(new("S1", rng.choice("MF"), fa, mo))
    elif shape == "parent and sibling":
        donors += [mo, new("S1", rng.choice("MF"), fa, mo)]
    elif shape == "two siblings":
        donors += [new("S1", "M", fa, mo), new("S2", "F", fa, mo)]
    else:  # a child, with an untyped partner
        partner = new("PA", "F" if mp.sex == "M" else "M")
        father, mother = (mp, partner) if mp.sex == "M" else (partner, mp)
        donors.append(new("C1", rng.choice("MF"), father, mother))
    return donors


@transaction.atomic
def build_identification_demo(
    *,
    seed: int = 7,
    by: Any = None,
    share_with_remains: float = 0.45,
    unrelated_remains: int = 60,
    degraded: float = 0.3,
) -> dict[str, Any]:
    """Create pedigrees, samples, profiles, sites and remains for the demo; returns
    {"truth": {remains code: case number or None}, counts…}."""
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    table = default_table(by)
    markers = table_markers(table, DEFAULT_MUTATION, MARKERS)
    cases = list(
        Case.objects.filter(status__in=[CaseStatus.SAMPLES_COLLECTED, CaseStatus.MATCH_PROPOSED])
        .select_related("person", "disappearance_place")
        .order_by("case_number")
    )
    lab_rows: list[list[str]] = []
    sites: list[RecoverySite] = []
    for k in range(20):
        sites.append(
            RecoverySite.objects.create(
                code=f"SITE-{k + 1:03d}",
                kind=rng.choice(list(RecoverySite.Kind.values)),
                latitude=round(39 + rng.random() * 2, 4),
                longitude=round(45 + rng.random() * 3, 4),
                exhumed_on=dt.date(rng.randint(2009, 2025), rng.randint(1, 12), rng.randint(1, 28)),
            )
        )
    truth: dict[str, str | None] = {}
    n_samples = 0
    remains_count = 0

    def add_remains(geno: dict, sex: str, case_number: str | None, age: int | None) -> None:
        nonlocal remains_count
        remains_count += 1
        code = f"R-{remains_count:05d}"
        barcode = f"PM{nprng.integers(10**8, 10**9)}"
        drop = rng.random() < degraded
        kept = [m for m in MARKERS if not (drop and rng.random() < 0.35)]
        Remains.objects.create(
            code=code,
            sample_barcode=barcode,
            site=rng.choice(sites),
            kind=Remains.Kind.BODY if rng.random() < 0.85 else Remains.Kind.PART,
            pm_sex=sex if rng.random() < 0.8 else "U",
            pm_age_min=max(0, age - 8) if age else None,
            pm_age_max=age + 8 if age else None,
        )
        truth[code] = case_number
        for m in kept:
            a = geno[m]
            lab_rows.append(
                [
                    barcode,
                    m,
                    markers[MARKERS.index(m)].alleles[a[0]],
                    markers[MARKERS.index(m)].alleles[a[-1]],
                ]
            )
        lab_rows.append([barcode, "AMEL", "X", "Y" if sex == "M" else "X"])

    now = timezone.now()
    for case in cases:
        ped = pedigree_for_case(case=case, by=by)
        donors = _add_relatives(ped, rng.choice(SHAPES), rng)
        kp: Pedigree = kinship_pedigree(ped)
        sim = profile_sim(kp, markers, nprng)
        for d in donors:
            n_samples += 1
            barcode = f"RS{nprng.integers(10**8, 10**9)}"
            collected = dt.date(rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28))
            sample = ReferenceSample.objects.create(
                barcode=barcode, member=d, collected_on=collected
            )
            base = timezone.make_aware(dt.datetime.combine(collected, dt.time(10)))
            for i, (step, holder) in enumerate(
                [
                    (CustodyEvent.Step.COLLECTED, "field team"),
                    (CustodyEvent.Step.SENT, "courier"),
                    (CustodyEvent.Step.RECEIVED, "state laboratory"),
                ]
            ):
                CustodyEvent.objects.create(
                    sample=sample,
                    step=step,
                    at=min(base + dt.timedelta(days=7 * i), now),
                    holder=holder,
                    place="",
                )
            for m in MARKERS:
                a = sim[d.label][m]
                alle = markers[MARKERS.index(m)].alleles
                lab_rows.append([barcode, m, alle[a[0]], alle[a[-1]]])
            lab_rows.append([barcode, "AMEL", "X", "Y" if d.sex == "M" else "X"])
        if rng.random() < share_with_remains:
            birth = case.person.birth
            disp = case.disappearance
            age = disp.year - birth.year if birth and disp else None
            mp_sex = kp.sex("MP")
            add_remains({m: sim["MP"][m] for m in MARKERS}, mp_sex, case.case_number, age)
    single = Pedigree([Individual("X", sex="M")])
    for _ in range(unrelated_remains):
        sex = rng.choice("MF")
        sim = profile_sim(single, markers, nprng)
        add_remains({m: sim["X"][m] for m in MARKERS}, sex, None, rng.randint(18, 70))
    tmp = Path(tempfile.mkdtemp(prefix="kintrace-demo-lab-")) / "lab_export.csv"
    with tmp.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["barcode", "marker", "allele1", "allele2"])
        w.writerows(lab_rows)
    report = import_profiles(tmp, table=table, by=by, laboratory="State laboratory (fictional)")
    return {
        "truth": truth,
        "families": len(cases),
        "samples": n_samples,
        "remains": remains_count,
        "profiles": len(report.new),
        "lab_file": str(tmp),
    }
