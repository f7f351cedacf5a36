"""Demo data for identification, built through the flows by named demo users.

* ``forensic`` imports the shipped allele-frequency table (``frequency_table_import``);
* ``tracer`` starts the family pedigrees of the cases whose reference samples were
  collected, adds the relatives and registers their samples with the custody steps
  collected → sent → received (:func:`casework.samples.services.families_register_bulk`,
  one validated, audited bulk call: the same rules as the single flows);
* ``forensic`` registers recovery sites and remains (``site_register``,
  ``remains_register``) — some of them missing persons (a share degraded, with
  markers missing), some of people on no list — and imports the laboratory export
  (DNA profiles simulated through the pedigrees with ``kinship.simulate``, the shipped
  Norwegian frequencies and the default stepwise mutation model) through
  ``profiles_import``;
* ``forensic`` runs one matching run (synchronously, the function the background job
  runs), and for remains whose best candidate is the true missing person with a
  posterior at or above the threshold, ``forensic`` proposes and ``forensic2``
  confirms the identification (the action objects) — those cases become identified
  through ``case_outcome_identified``, so every identified case of the demo is backed
  by a confirmed identification.

The generator returns the truth (remains → case number, or None) so that benchmarks
can score a matching run; the database does not hold it.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from django.utils import timezone

from casework.core.models import User
from casework.identification.decisions import (
    ConfirmIdentification,
    ProposeIdentification,
    posterior_threshold,
)
from casework.identification.frequencies import (
    DEFAULT_MUTATION,
    DEMO_CITATION,
    SHIPPED_NAME,
    SHIPPED_TABLE,
    SHIPPED_VERSION,
    table_markers,
)
from casework.identification.matching import matching_run_execute
from casework.identification.models import Candidate
from casework.identification.services import (
    frequency_table_import,
    matching_run_create,
    profiles_import,
)
from casework.remains.models import RecoverySite, Remains
from casework.remains.services import remains_register, site_register
from casework.samples.models import CustodyEvent
from casework.samples.services import DonorInput, FamilyInput, families_register_bulk
from casework.tracing import lifecycle
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
MAX_IDENTIFIED = 90
DEMO_LAB = "State laboratory (fictional)"


def demo_user(username: str) -> User:
    """A demo user created by the main generator (``create_demo_users``)."""
    return User.objects.get(username=username)


def import_shipped_table(*, by: User):
    """Import the shipped Norwegian table (the default ``KINTRACE_FREQUENCY_TABLE``)."""
    return frequency_table_import(
        path=SHIPPED_TABLE,
        name=SHIPPED_NAME,
        version=SHIPPED_VERSION,
        citation=DEMO_CITATION,
        by=by,
    )


def _relatives(shape: str, mp_sex: str, rng: random.Random) -> tuple[list[tuple], list[str]]:
    """(relatives to add as (label, sex, father, mother), the donors' labels)."""
    if shape == "one parent":
        return [], [rng.choice(["FA", "MO"])]
    if shape == "both parents":
        return [], ["FA", "MO"]
    if shape == "one sibling":
        return [("S1", rng.choice("MF"), "FA", "MO")], ["S1"]
    if shape == "parent and sibling":
        return [("S1", rng.choice("MF"), "FA", "MO")], ["MO", "S1"]
    if shape == "two siblings":
        return [("S1", "M", "FA", "MO"), ("S2", "F", "FA", "MO")], ["S1", "S2"]
    partner_sex = "F" if mp_sex == "M" else "M"
    father, mother = ("MP", "PA") if mp_sex == "M" else ("PA", "MP")
    return [("PA", partner_sex, None, None), ("C1", rng.choice("MF"), father, mother)], ["C1"]


def build_identification_demo(
    *,
    seed: int = 7,
    share_with_remains: float = 0.45,
    unrelated_remains: int = 60,
    degraded: float = 0.3,
    max_identified: int = MAX_IDENTIFIED,
) -> dict[str, Any]:
    """Create pedigrees, samples, profiles, sites and remains for the demo, run one
    matching run and confirm the identifications it supports; returns
    {"truth": {remains code: case number or None}, counts…, "identified": n}."""
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    tracer, forensic, forensic2 = (demo_user(u) for u in ("tracer", "forensic", "forensic2"))
    table = import_shipped_table(by=forensic)
    markers = table_markers(table, DEFAULT_MUTATION, MARKERS)
    cases = list(
        Case.objects.filter(status__in=[CaseStatus.SAMPLES_COLLECTED, CaseStatus.MATCH_PROPOSED])
        .select_related("person")
        .order_by("case_number")
    )
    now = timezone.now()
    families: list[FamilyInput] = []
    sims: list[tuple[Case, dict, list[tuple[str, str, str]], str]] = []
    for case in cases:
        mp_sex = case.person.sex if case.person.sex in ("M", "F") else "M"
        relatives, donor_labels = _relatives(rng.choice(SHAPES), mp_sex, rng)
        sexes = {"FA": "M", "MO": "F", "MP": mp_sex, **{r[0]: r[1] for r in relatives}}
        kp = Pedigree(
            [
                Individual("FA", sex="M"),
                Individual("MO", sex="F"),
                Individual("MP", "FA", "MO", mp_sex),
                *(Individual(lab, fa, mo, sex) for lab, sex, fa, mo in relatives),
            ]
        )
        sim = profile_sim(kp, markers, nprng)
        donors: dict[str, DonorInput] = {
            lab: DonorInput(label=lab, sex=sex, father=fa, mother=mo)
            for lab, sex, fa, mo in relatives
        }
        typed = []
        for lab in donor_labels:
            barcode = f"RS{nprng.integers(10**8, 10**9)}"
            collected = dt.date(rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28))
            base = timezone.make_aware(dt.datetime.combine(collected, dt.time(12)))
            custody = tuple(
                (step, holder, min(base + dt.timedelta(days=7 * i), now))
                for i, (step, holder) in enumerate(
                    [
                        (CustodyEvent.Step.SENT, "courier"),
                        (CustodyEvent.Step.RECEIVED, "state laboratory"),
                    ],
                    start=1,
                )
            )
            fa, mo = (
                (None, None) if lab in ("FA", "MO") else (donors[lab].father, donors[lab].mother)
            )
            donors[lab] = DonorInput(
                label=lab,
                sex=sexes[lab],
                father=fa,
                mother=mo,
                barcode=barcode,
                collected_on=collected,
                custody=custody,
                identification_only=rng.random() < 0.7,
            )
            typed.append((lab, barcode, sexes[lab]))
        families.append(FamilyInput(case_id=case.pk, donors=tuple(donors.values())))
        sims.append((case, sim, typed, mp_sex))
    counts = families_register_bulk(families=families, by=tracer) if families else {}

    lab_rows: list[list[str]] = []
    sites: list[RecoverySite] = []
    for k in range(20):
        sites.append(
            site_register(
                code=f"SITE-{k + 1:03d}",
                kind=rng.choice(list(RecoverySite.Kind.values)),
                latitude=round(39 + rng.random() * 2, 4),
                longitude=round(45 + rng.random() * 3, 4),
                exhumed_on=dt.date(rng.randint(2009, 2025), rng.randint(1, 12), rng.randint(1, 28)),
                by=forensic,
            )
        )
    truth: dict[str, str | None] = {}
    remains_count = 0

    def genotype_rows(barcode: str, geno: dict, kept: list[str], sex: str) -> None:
        for m in kept:
            a = geno[m]
            alleles = markers[MARKERS.index(m)].alleles
            lab_rows.append([barcode, m, alleles[a[0]], alleles[a[-1]]])
        lab_rows.append([barcode, "AMEL", "X", "Y" if sex == "M" else "X"])

    def add_remains(geno: dict, sex: str, case_number: str | None, age: int | None) -> None:
        nonlocal remains_count
        remains_count += 1
        code = f"R-{remains_count:05d}"
        barcode = f"PM{nprng.integers(10**8, 10**9)}"
        drop = rng.random() < degraded
        kept = [m for m in MARKERS if not (drop and rng.random() < 0.35)]
        remains_register(
            site_id=rng.choice(sites).pk,
            code=code,
            sample_barcode=barcode,
            kind=Remains.Kind.BODY if rng.random() < 0.85 else Remains.Kind.PART,
            pm_sex=sex if rng.random() < 0.8 else "U",
            pm_age_min=max(0, age - 8) if age else None,
            pm_age_max=age + 8 if age else None,
            by=forensic,
        )
        truth[code] = case_number
        genotype_rows(barcode, geno, kept, sex)

    for case, sim, typed, mp_sex in sims:
        for label, barcode, sex in typed:
            genotype_rows(barcode, sim[label], MARKERS, sex)
        if rng.random() < share_with_remains:
            birth, disp = case.person.birth, case.disappearance
            age = disp.year - birth.year if birth and disp else None
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
    report = profiles_import(path=tmp, by=forensic, laboratory=DEMO_LAB)
    identified = confirm_supported_identifications(
        truth=truth, proposer=forensic, confirmer=forensic2, limit=max_identified
    )
    return {
        "truth": truth,
        "families": len(cases),
        "samples": counts.get("samples", 0),
        "custody_steps": counts.get("custody", 0),
        "remains": remains_count,
        "profiles": len(report.new),
        "identified": identified,
        "lab_file": str(tmp),
    }


def confirm_supported_identifications(
    *, truth: dict[str, str | None], proposer: User, confirmer: User, limit: int
) -> int:
    """Run one matching run as ``proposer`` (synchronously, as the background job
    does); for each remains whose best candidate is its true missing person with a
    posterior at or above the threshold and whose case is active, ``proposer``
    proposes and ``confirmer`` confirms the identification. Returns how many cases
    became identified (at most ``limit``)."""
    run = matching_run_execute(run=matching_run_create(by=proposer), by=proposer)
    threshold = posterior_threshold()
    best = (
        Candidate.objects.filter(run=run, rank=1, posterior__gte=threshold)
        .select_related("remains", "case")
        .order_by("remains__code")
    )
    done = 0
    for cand in best:
        if done >= limit:
            break
        if truth.get(cand.remains.code) != cand.case.case_number:
            continue
        if not lifecycle.is_active(cand.case.status):
            continue
        ident = ProposeIdentification(cand, proposer).execute()
        ConfirmIdentification(ident, confirmer, "demo: DNA match above threshold").execute()
        done += 1
    return done
