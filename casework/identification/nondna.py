"""Non-DNA comparison of remains with a missing person (INTERPOL's secondary
identifiers). Each line is supporting, neutral or contradicting, with its reason. It
is shown beside the DNA result and never removes a DNA candidate.

* sex: PM sex vs the MP's sex (undetermined on either side: neutral);
* stature: AM stature range vs PM stature range — overlapping: supporting, more than
  5 cm apart: contradicting, else neutral;
* age: the MP's age at disappearance (from the partial dates of birth and
  disappearance, as an interval) vs the PM age range — overlapping: supporting,
  disjoint by more than 5 years: contradicting, else neutral;
* dates: remains exhumed before the disappearance: contradicting;
* place: the recovery site in the region where the person disappeared: supporting;
  otherwise neutral (people are moved).
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.remains.models import Remains
from casework.tracing.models import Case

SUPPORTING, NEUTRAL, CONTRADICTING = "supporting", "neutral", "contradicting"


@dataclass(frozen=True)
class Finding:
    aspect: str
    verdict: str
    reason: str


def compare(remains: Remains, case: Case) -> list[Finding]:
    out: list[Finding] = []
    person = case.person
    if remains.pm_sex in ("M", "F") and person.sex in ("M", "F"):
        same = remains.pm_sex == person.sex
        out.append(
            Finding(
                "sex",
                SUPPORTING if same else CONTRADICTING,
                f"PM sex {remains.get_pm_sex_display()}, missing person {person.get_sex_display()}",
            )
        )
    else:
        out.append(Finding("sex", NEUTRAL, "sex undetermined on one side"))
    birth, disp = person.birth, case.disappearance
    if birth and disp and remains.pm_age_min is not None and remains.pm_age_max is not None:
        lo = disp.earliest.year - birth.latest.year - 1
        hi = disp.latest.year - birth.earliest.year
        if birth.approximate:
            lo, hi = lo - 3, hi + 3
        if hi >= remains.pm_age_min and lo <= remains.pm_age_max:
            verdict = SUPPORTING
        elif lo - remains.pm_age_max > 5 or remains.pm_age_min - hi > 5:
            verdict = CONTRADICTING
        else:
            verdict = NEUTRAL
        out.append(
            Finding(
                "age",
                verdict,
                f"age at disappearance {max(lo, 0)}–{hi}, PM "
                f"estimate {remains.pm_age_min}–{remains.pm_age_max}",
            )
        )
    else:
        out.append(Finding("age", NEUTRAL, "age unknown on one side"))
    am = getattr(case, "am_record", None)
    if (
        am is not None
        and am.stature_min is not None
        and remains.pm_stature_min is not None
        and remains.pm_stature_max is not None
    ):
        am_hi = am.stature_max if am.stature_max is not None else am.stature_min
        overlap = am_hi >= remains.pm_stature_min and am.stature_min <= remains.pm_stature_max
        gap = max(remains.pm_stature_min - am_hi, am.stature_min - remains.pm_stature_max)
        verdict = SUPPORTING if overlap else (CONTRADICTING if gap > 5 else NEUTRAL)
        out.append(
            Finding(
                "stature",
                verdict,
                f"AM {am.stature_min}–{am_hi} cm, PM "
                f"{remains.pm_stature_min}–{remains.pm_stature_max} cm",
            )
        )
    else:
        out.append(Finding("stature", NEUTRAL, "stature unknown on one side"))
    site = remains.site
    if disp and site.exhumed_on:
        if site.exhumed_on < disp.earliest:
            out.append(
                Finding(
                    "dates",
                    CONTRADICTING,
                    f"exhumed {site.exhumed_on}, before the disappearance ({disp})",
                )
            )
        else:
            out.append(
                Finding(
                    "dates", NEUTRAL, f"exhumed {site.exhumed_on}, after the disappearance ({disp})"
                )
            )
    place = case.disappearance_place
    if site.place_id and place:
        same_region = site.place and site.place.region and site.place.region == place.region
        out.append(
            Finding(
                "place",
                SUPPORTING if same_region else NEUTRAL,
                f"site in {site.place}, disappeared in {place}",
            )
        )
    else:
        out.append(Finding("place", NEUTRAL, "recovery or disappearance place unknown"))
    return out
