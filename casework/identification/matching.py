"""Matching runs: every remains profile against every family with references,
through the kinship engine's mass search.

For each family (a case with a pedigree and at least one current reference profile)
and each remains profile, the LR of "the remains are this missing person" against
"unrelated" is computed (``kinship.dvi.mass_search``, the kinship LR of each pair);
pairs whose sexes are incompatible are not considered (PM sex, or amelogenin when the
PM sex is undetermined). For each remains the best candidates with LR above the report
threshold are stored with

* log10 LR and the per-marker LRs (``kinship.lr.missing_person_lr``, for the top three),
* the posterior probability P = π·LR / (π·LR + 1 − π) with the run's stated prior π
  (default: 1 / number of missing persons with references, i.e. every missing person
  equally likely a priori),
* the run's provenance: library version, frequency table (name, version, digest),
  mutation model, prior, threshold, markers.

A run is a background job (django-tasks); it records its progress on the run row,
shown on the page and in the CLI.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casework.core.audit import audit_record
from casework.core.flows import Actor, require_actor
from casework.identification.frequencies import table_markers
from casework.identification.models import Candidate, MatchingRun
from casework.remains.models import Remains
from casework.samples.models import DNAProfile, FamilyPedigree, ReferenceSample
from casework.samples.selectors import current_profiles
from casework.samples.services import kinship_pedigree
from kinship import __version__ as kinship_version
from kinship.dvi import DVIData, Family, mass_search, posterior_probability
from kinship.lr import missing_person_lr
from kinship.markers import Marker
from kinship.pedigree import Individual, Pedigree
from kinship.provenance import provenance

TOP_K = 5
PER_MARKER_FOR = 3


def _sex_from_amelogenin(amel: str) -> str:
    a = amel.upper().replace(" ", "")
    if "Y" in a:
        return "M"
    if a in ("X", "X,X", "XX"):
        return "F"
    return "U"


def build_dvi(
    run: MatchingRun,
) -> tuple[DVIData, dict[str, Remains], dict[str, FamilyPedigree], dict[str, dict[str, str]]]:
    """The run's data for the kinship engine, and a digest of every input (per remains:
    its profile and sex; per family: its pedigree and its references' profiles), which
    makes the next run incremental."""
    refs = current_profiles(DNAProfile.Kind.REFERENCE)
    rem_profiles = current_profiles(DNAProfile.Kind.REMAINS)
    names = [
        m
        for m in run.frequency_table.data
        if any(m in p.genotypes for p in [*refs.values(), *rem_profiles.values()])
    ]
    markers: list[Marker] = table_markers(run.frequency_table, run.mutation, names)
    by_name = {m.name: m for m in markers}

    def parse(genotypes: dict, who: str, sex: str) -> dict:
        return {
            k: by_name[k].parse(v, who=who, sex=sex) for k, v in genotypes.items() if k in by_name
        }

    digests: dict[str, dict[str, str]] = {"remains": {}, "families": {}}
    remains_by_code: dict[str, Remains] = {}
    victims, v_sex, v_geno = [], {}, {}
    for r in Remains.objects.filter(sample_barcode__in=list(rem_profiles)).order_by("code"):
        prof = rem_profiles[r.sample_barcode]
        sex = r.pm_sex if r.pm_sex in ("M", "F") else _sex_from_amelogenin(prof.amelogenin)
        victims.append(r.code)
        v_sex[r.code] = sex
        v_geno[r.code] = parse(prof.genotypes, r.code, sex)
        remains_by_code[r.code] = r
        digests["remains"][r.code] = f"{prof.digest}:{sex}"
    samples = ReferenceSample.objects.filter(
        barcode__in=list(refs), status=ReferenceSample.Status.ACTIVE
    ).select_related("member__pedigree__case")
    typed: dict[int, dict[str, DNAProfile]] = {}
    for s in samples:
        typed.setdefault(s.member.pedigree_id, {})[s.member.label] = refs[s.barcode]
    families, peds = [], {}
    for fp in FamilyPedigree.objects.filter(pk__in=list(typed)).select_related("case"):
        kp = kinship_pedigree(fp)
        prefix = f"{fp.case.case_number}:"
        ped = Pedigree(
            Individual(
                prefix + i.id, i.father and prefix + i.father, i.mother and prefix + i.mother, i.sex
            )
            for i in kp
        )
        mp = next(m.label for m in fp.members.all() if m.is_missing)
        geno = {
            prefix + label: parse(p.genotypes, prefix + label, kp.sex(label))
            for label, p in typed[fp.pk].items()
        }
        families.append(Family(fp.case.case_number, ped, [prefix + mp], geno))
        peds[prefix + mp] = fp
        payload = {
            "ped": kp.as_dicts(),
            "mp": mp,
            "refs": {label: p.digest for label, p in sorted(typed[fp.pk].items())},
        }
        digests["families"][fp.case.case_number] = hashlib.sha256(
            json.dumps(payload, sort_keys=True).encode()
        ).hexdigest()
    return DVIData(markers, victims, v_sex, v_geno, families), remains_by_code, peds, digests


def _previous(run: MatchingRun, markers: list[str]) -> MatchingRun | None:
    """The last finished run with the same table, model and markers (for reuse)."""
    prev = (
        MatchingRun.objects.filter(
            status=MatchingRun.Status.DONE, frequency_table=run.frequency_table
        )
        .exclude(pk=run.pk)
        .order_by("-id")
        .first()
    )
    if prev is None or prev.mutation != run.mutation:
        return None
    if prev.provenance.get("markers") != markers or "inputs" not in prev.provenance:
        return None
    return prev


RUN_PERMISSION = "identification.add_matchingrun"


def matching_run_execute(
    *, run: MatchingRun, by: Actor, progress: Callable[[int, int], None] | None = None
) -> MatchingRun:
    """Compute and store the run's candidates (see module docstring).

    Incremental: when the previous finished run used the same frequency table,
    mutation model and markers, only remains whose profile changed (or that are new,
    or whose earlier candidates include a family that changed or left) are searched
    against every family, and the other remains only against new or changed families;
    their other LRs are taken from the previous run (the LR of an unchanged pair is
    unchanged). Posteriors are recomputed with this run's prior.

    Not a single-transaction flow on purpose: the run takes minutes and writes its
    progress as it goes (the page polls it), so only the final write of the candidates
    and the audit entry share a transaction. ``by`` is the user who started the run
    (the background job passes ``run.requested_by``); it must still hold the run
    permission."""
    require_actor(by, RUN_PERMISSION)
    MatchingRun.objects.filter(pk=run.pk).update(
        status=MatchingRun.Status.RUNNING, started_at=timezone.now()
    )
    try:
        dvi, remains, peds, digests = build_dvi(run)
        n_mp = len(dvi.missing)
        prior = run.prior if run.prior > 0 else (1.0 / n_mp if n_mp else 0.5)
        prev = _previous(run, [m.name for m in dvi.markers])
        fam_by_id = {f.id: f for f in dvi.families}
        if prev is not None:
            old = prev.provenance["inputs"]
            changed_fam = {f for f, d in digests["families"].items() if old["families"].get(f) != d}
            gone_fam = set(old["families"]) - set(digests["families"])
            prev_rows = list(Candidate.objects.filter(run=prev).select_related("remains", "case"))
            stale = {
                c.remains.code for c in prev_rows if c.case.case_number in changed_fam | gone_fam
            }
            changed_rem = {
                r for r, d in digests["remains"].items() if old["remains"].get(r) != d
            } | stale
        else:
            changed_fam, prev_rows = set(fam_by_id), []
            changed_rem = set(dvi.victims)
        unchanged_rem = [v for v in dvi.victims if v not in changed_rem]
        jobs = [
            ([v for v in dvi.victims if v in changed_rem], list(dvi.families)),
            (unchanged_rem, [f for f in dvi.families if f.id in changed_fam]),
        ]
        # Progress counts the families searched, then the remains whose candidates
        # are written (per-marker LRs of the best three are computed then).
        total = sum(len(fams) for vics, fams in jobs if vics and fams) + len(dvi.victims)
        MatchingRun.objects.filter(pk=run.pk).update(
            progress_total=total,
            prior=prior,
            n_remains=len(dvi.victims),
            n_families=len(dvi.families),
        )
        done = 0

        def on_block(n: int) -> None:
            nonlocal done
            done += n
            MatchingRun.objects.filter(pk=run.pk).update(progress_done=done)
            if progress:
                progress(done, total)

        # pairs[code] = {case_number: (natural log LR, per_marker or None)}
        pairs: dict[str, dict[str, tuple[float, list | None]]] = {v: {} for v in dvi.victims}
        for c in prev_rows:
            code, fam = c.remains.code, c.case.case_number
            if (
                code in pairs
                and code not in changed_rem
                and fam in fam_by_id
                and fam not in changed_fam
            ):
                pairs[code][fam] = (c.log10_lr * math.log(10), c.per_marker or None)
        for vics, fams in jobs:
            if not vics or not fams:
                continue
            sub = DVIData(dvi.markers, vics, dvi.victim_sex, dvi.victim_genotypes, fams)
            res = mass_search(
                sub,
                block=getattr(settings, "KINTRACE_MATCH_BLOCK", 500),
                n_jobs=1,
                top_k=TOP_K,
                progress=on_block,
            )
            for i, code in enumerate(res.victims):
                for j in range(res.top_index.shape[1]):
                    log_lr = float(res.top_log_lr[i, j])
                    if np.isfinite(log_lr):
                        fam_id = sub.family_of(res.mps[res.top_index[i, j]]).id
                        pairs[code][fam_id] = (log_lr, None)
        rows: list[Candidate] = []
        threshold = math.log(run.lr_report_threshold)
        for n_done, code in enumerate(dvi.victims, start=1):
            if n_done % 50 == 0 or n_done == len(dvi.victims):
                on_block(50 if n_done % 50 == 0 else n_done % 50)
            ranked = sorted(
                ((lr, fam, pm) for fam, (lr, pm) in pairs[code].items() if lr > threshold),
                key=lambda t: (-t[0], t[1]),
            )[:TOP_K]
            for rank, (log_lr, fam_id, per_marker) in enumerate(ranked, start=1):
                family = fam_by_id[fam_id]
                if rank <= PER_MARKER_FOR and per_marker is None:
                    lr = missing_person_lr(
                        family.pedigree,
                        family.missing[0],
                        dvi.victim_genotypes[code],
                        dvi.markers,
                        family.genotypes,
                    )
                    per_marker = [{"marker": m.marker, "lr": m.lr} for m in lr.per_marker]
                rows.append(
                    Candidate(
                        run=run,
                        remains=remains[code],
                        case=peds[family.missing[0]].case,
                        log10_lr=log_lr / math.log(10),
                        posterior=float(posterior_probability(log_lr, prior)),
                        rank=rank,
                        per_marker=per_marker or [],
                    )
                )
        with transaction.atomic():
            Candidate.objects.bulk_create(rows, batch_size=1000)
            prov = provenance(dvi.markers, prior=prior, lr_report_threshold=run.lr_report_threshold)
            prov.update(
                frequency_table={
                    "id": run.frequency_table_id,
                    "name": run.frequency_table.name,
                    "version": run.frequency_table.version,
                    "digest": run.frequency_table.digest,
                },
                mutation=run.mutation,
                kinship_version=kinship_version,
                inputs=digests,
                incremental={
                    "previous_run": prev.pk if prev else None,
                    "remains_searched_fully": len(changed_rem),
                    "families_new_or_changed": len(changed_fam),
                },
            )
            MatchingRun.objects.filter(pk=run.pk).update(
                status=MatchingRun.Status.DONE,
                finished_at=timezone.now(),
                provenance=prov,
                progress_done=total,
            )
            audit_record(
                by=by,
                action="identification.run.finish",
                obj=run,
                changes={
                    "candidates": len(rows),
                    "remains": len(dvi.victims),
                    "families": len(dvi.families),
                    "previous_run": prev.pk if prev else None,
                },
            )
    except Exception as exc:
        MatchingRun.objects.filter(pk=run.pk).update(
            status=MatchingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    return run


def latest_run() -> MatchingRun | None:
    return MatchingRun.objects.filter(status=MatchingRun.Status.DONE).order_by("-id").first()


def explain(log10_lr: float, name: str) -> str:
    """One sentence a reviewer can act on (Splink-style), e.g. "The DNA results are
    about 3.2 million times more likely if these remains are X than if they are an
    unrelated person"."""
    if log10_lr < 0:
        return (
            f"The DNA results are about {_amount(-log10_lr)} times more likely if these "
            f"remains are of an unrelated person than if they are {name}."
        )
    return (
        f"The DNA results are about {_amount(log10_lr)} times more likely if these "
        f"remains are {name} than if they are an unrelated person."
    )


def _amount(log10_value: float) -> str:
    value = 10**log10_value
    for power, word in ((12, "trillion"), (9, "billion"), (6, "million")):
        if log10_value >= power:
            if log10_value >= power + 3 and power == 12:
                return f"10^{math.floor(log10_value)}"
            return f"{value / 10**power:.1f} {word}"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"
