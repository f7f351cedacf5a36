"""Deterministic generator of the fictional demo population.

``build_demo(seed, families)`` creates, with one ``random.Random(seed)``:

* places in eight fictional regions, and disappearance events clustered in time
  and place (most in 1988–1994, a few decades later);
* families of three naming traditions (Azerbaijani, Armenian, Russian), each
  person's name written in every script the family uses, with patronymics;
* per family an enquirer (mother, wife, father, sibling, child) and one or more
  missing persons (≈ 1.15 per family), each a registry case with a status history;
* eight list editions over three decades, frozen with the statuses of their day,
  so that consecutive editions show realistic churn (new cases, identifications,
  persons found alive, withdrawals, merged duplicates, amended statuses);
* one demo user per role.

The same seed always gives the same data. Nothing here describes a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from casework.core import roles
from casework.core.audit import audit_record
from casework.core.counters import counter_ensure_at_least
from casework.core.models import User
from casework.demo import names as N
from casework.persons.models import Person, PersonName, Place, Relationship, Script
from casework.persons.partial_dates import PartialDate
from casework.tracing.models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    CloseReason,
    Event,
    LegalBasis,
    ListEdition,
    ListEditionEntry,
    TracingRequest,
)
from casework.tracing.services import format_case_number, format_request_reference
from linkage.normalise import search_keys

DEMO_PASSWORD = "kintrace-demo"  # noqa: S105 - the documented demo password
DEMO_USERS = [
    ("admin", roles.ADMINISTRATOR, "Ada Administrator"),
    ("tracer", roles.TRACING_OFFICER, "Tomas Tracer"),
    ("forensic", roles.FORENSIC_SPECIALIST, "Farida Forensic"),
    ("forensic2", roles.FORENSIC_SPECIALIST, "Felix Forensic"),
    ("detention", roles.DETENTION_DELEGATE, "Dana Delegate"),
    ("accompaniment", roles.ACCOMPANIMENT_OFFICER, "Aziz Accompaniment"),
    ("dpo", roles.DATA_PROTECTION_OFFICER, "Dora Protection"),
    ("partner", roles.PARTNER, "Pat Partner"),
]
EDITION_DATES = [
    dt.date(1995, 6, 1),
    dt.date(1998, 3, 1),
    dt.date(2003, 9, 15),
    dt.date(2008, 5, 1),
    dt.date(2012, 11, 1),
    dt.date(2016, 4, 1),
    dt.date(2021, 2, 1),
    dt.date(2024, 10, 1),
]
RECIPIENT = "National Commission on Missing Persons (fictional)"
TODAY = dt.date(2026, 1, 15)  # the demo's fixed "now" for generated histories


@dataclass
class GenName:
    script: str
    given: str
    patronymic: str
    family: str
    primary: bool = False


@dataclass
class GenPerson:
    sex: str
    names: list[GenName]
    birth: PartialDate | None = None
    phone: str = ""
    address: str = ""
    pk: int = 0


@dataclass
class GenCase:
    person: GenPerson
    disappearance: PartialDate
    place: int
    event: int | None
    last_seen_where: str
    last_seen_by: str
    received_on: dt.date
    history: list[tuple[dt.date, str, str]] = field(default_factory=list)  # (date, status, reason)
    close_reason: str = ""
    merged_into: int | None = None  # index into cases


class Population:
    """Name drawing for one naming tradition per family."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def family(self) -> str:
        r = self.rng.random()
        return "az" if r < 0.58 else ("hy" if r < 0.9 else "ru")

    def person(self, tradition: str, sex: str, surname_idx: int, father_idx: int) -> GenPerson:
        rng = self.rng
        if tradition == "az":
            given = rng.choice(N.AZ_MALE if sex == "M" else N.AZ_FEMALE)
            father = N.AZ_MALE[father_idx % len(N.AZ_MALE)]
            fam: tuple[str, ...]
            if surname_idx % 9 == 8:
                fam = N.AZ_SURNAMES_LI[surname_idx % len(N.AZ_SURNAMES_LI)]
            else:
                sur = N.AZ_SURNAMES[surname_idx % len(N.AZ_SURNAMES)]
                fam = (
                    sur
                    if sex == "M"
                    else tuple(s + ("a" if i != 1 else "а") for i, s in enumerate(sur))
                )
            pat = ("oğlu", "оглы", "oglu") if sex == "M" else ("qızı", "кызы", "gizi")
            return GenPerson(
                sex,
                [
                    GenName(Script.AZ_LATIN, given[0], f"{father[0]} {pat[0]}", fam[0], True),
                    GenName(Script.CYRILLIC, given[1], f"{father[1]} {pat[1]}", fam[1]),
                    GenName(Script.ENGLISH, given[2], f"{father[2]} {pat[2]}", fam[2]),
                ],
            )
        if tradition == "hy":
            given = rng.choice(N.HY_MALE if sex == "M" else N.HY_FEMALE)
            father = N.HY_MALE[father_idx % len(N.HY_MALE)]
            sur = N.HY_SURNAMES[surname_idx % len(N.HY_SURNAMES)]
            hy_ru_pat = father[2] + ("ович" if sex == "M" else "овна")
            return GenPerson(
                sex,
                [
                    GenName(Script.ARMENIAN, given[1], father[1] + "ի", sur[1], True),
                    GenName(Script.CYRILLIC, given[2], hy_ru_pat, sur[2]),
                    GenName(Script.ENGLISH, given[0], father[0] + "i", sur[0]),
                ],
            )
        given_ru: tuple[str, ...] = rng.choice(N.RU_MALE) if sex == "M" else rng.choice(N.RU_FEMALE)
        father_ru = N.RU_MALE[father_idx % len(N.RU_MALE)]
        ru_sur = N.RU_SURNAMES[surname_idx % len(N.RU_SURNAMES)]
        ru_fam = ru_sur if sex == "M" else (ru_sur[0] + "a", ru_sur[1] + "а")
        ru_pat = (father_ru[2], father_ru[3]) if sex == "M" else (father_ru[4], father_ru[5])
        return GenPerson(
            sex,
            [
                GenName(Script.CYRILLIC, given_ru[1], ru_pat[1], ru_fam[1], True),
                GenName(Script.ENGLISH, given_ru[0], ru_pat[0], ru_fam[0]),
            ],
        )


def _partial(rng: random.Random, day: dt.date) -> PartialDate:
    """Testimonies give dates at varying precision."""
    r = rng.random()
    if r < 0.55:
        return PartialDate(day.year, day.month, day.day)
    if r < 0.85:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, approximate=rng.random() < 0.5)


def _events(rng: random.Random, n_places: int) -> list[tuple[str, int, dt.date, int]]:
    """(name, place index, centre date, spread in days). Clustered 1988–1994, a few later."""
    out = []
    kinds = [
        "shelling of",
        "flight from",
        "fighting near",
        "evacuation of",
        "attack on",
        "road block near",
    ]
    years = [
        1988,
        1990,
        1991,
        1991,
        1992,
        1992,
        1992,
        1992,
        1993,
        1993,
        1993,
        1994,
        1994,
        2016,
        2020,
        2020,
    ]
    for i, year in enumerate(years):
        centre = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        place = rng.randrange(n_places)
        out.append((f"{rng.choice(kinds)} place {i + 1}", place, centre, rng.choice([3, 10, 30])))
    return out


def _status_path(
    rng: random.Random, received: dt.date, disappeared: dt.date
) -> tuple[list[tuple[dt.date, str, str]], str]:
    """A plausible lifecycle after the request; returns the history and a close reason."""
    hist: list[tuple[dt.date, str, str]] = [(received, CaseStatus.OPEN, "request opened")]
    t = received + dt.timedelta(days=rng.randint(10, 200))
    if t < TODAY:
        hist.append((t, CaseStatus.BEING_TRACED, "enquiries with the authorities"))
    close = ""
    # AM data collection and reference samples started in 2008.
    if rng.random() < 0.75:
        t_am = max(t, dt.date(2008, 1, 1)) + dt.timedelta(days=rng.randint(0, 3000))
        if t_am < TODAY:
            hist.append((t_am, CaseStatus.AM_COLLECTED, "AM interview with the family"))
            t = t_am
            if rng.random() < 0.7:
                t_s = max(t, dt.date(2010, 1, 1)) + dt.timedelta(days=rng.randint(30, 1500))
                if t_s < TODAY:
                    hist.append((t_s, CaseStatus.SAMPLES_COLLECTED, "reference samples taken"))
                    t = t_s
    r = rng.random()
    outcome_at = t + dt.timedelta(days=rng.randint(30, 4000))
    if outcome_at >= TODAY:
        return hist, close
    if r < 0.04:
        hist.append((outcome_at, CaseStatus.FOUND_ALIVE, "person found alive and informed"))
    elif r < 0.09 and hist[-1][1] == CaseStatus.SAMPLES_COLLECTED:
        hist.append(
            (outcome_at - dt.timedelta(days=20), CaseStatus.MATCH_PROPOSED, "DNA match proposed")
        )
        hist.append((outcome_at, CaseStatus.IDENTIFIED, "identification confirmed"))
    elif r < 0.11:
        hist.append((outcome_at, CaseStatus.DEATH_CONFIRMED, "death confirmed by witnesses"))
    elif r < 0.125:
        hist.append((outcome_at, CaseStatus.CLOSED, "withdrawn: the family withdrew the request"))
        close = CloseReason.WITHDRAWN
    return hist, close


def status_as_of(history: list[tuple[dt.date, str, str]], day: dt.date) -> str | None:
    current = None
    for when, status, _ in history:
        if when <= day:
            current = status
    return current


@transaction.atomic
def build_demo(
    *,
    seed: int = 20261122,
    families: int = 3500,
    with_users: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Create the whole demo dataset. The database must hold no cases yet."""
    rng = random.Random(seed)
    pop = Population(rng)
    say = progress or (lambda *_: None)

    # Places and events.
    place_objs: list[Place] = []
    used = set()
    while len(place_objs) < 64:
        name = (rng.choice(N.PLACE_PREFIXES) + " " + rng.choice(N.PLACE_STEMS)).strip()
        if name in used:
            continue
        used.add(name)
        place_objs.append(
            Place(
                name=name,
                region=rng.choice(N.REGIONS),
                latitude=round(39 + rng.random() * 2, 4),
                longitude=round(45 + rng.random() * 3, 4),
            )
        )
    Place.objects.bulk_create(place_objs)
    places = list(Place.objects.order_by("id"))
    ev_specs = _events(rng, len(places))
    events = Event.objects.bulk_create(
        Event(name=name, place=places[p], year=centre.year) for name, p, centre, _ in ev_specs
    )

    # Families.
    gen_enquirers: list[GenPerson] = []
    gen_cases: list[tuple[int, GenCase]] = []  # (family index, case)
    rels: list[tuple[int, int, str]] = []  # (enquirer family idx, case idx, kind) resolved later
    relationships_of: list[str] = []
    for fam in range(families):
        tradition = pop.family()
        surname = rng.randrange(100)
        father = rng.randrange(100)
        # Disappearance: 80 % within an event cluster.
        if rng.random() < 0.8:
            ev_i = rng.randrange(len(ev_specs))
            _, p_i, centre, spread = ev_specs[ev_i]
            day = centre + dt.timedelta(days=rng.randint(-spread, spread))
            if rng.random() < 0.25:
                p_i = rng.randrange(len(places))
            event_id: int | None = events[ev_i].pk
        else:
            day = dt.date(rng.randint(1988, 1995), rng.randint(1, 12), rng.randint(1, 28))
            p_i = rng.randrange(len(places))
            event_id = None
        n_missing = 1 if rng.random() < 0.87 else rng.choice([2, 2, 3])
        received = day + dt.timedelta(
            days=rng.randint(20, 900) if day.year < 2000 else rng.randint(5, 120)
        )
        if rng.random() < 0.12:  # some families came forward years later
            received += dt.timedelta(days=rng.randint(365, 365 * 15))
        received = min(received, TODAY - dt.timedelta(days=30))
        kind = rng.choice(
            ["mother", "mother", "wife", "father", "sister", "brother", "son", "daughter"]
        )
        enq_sex = "F" if kind in ("mother", "wife", "sister", "daughter") else "M"
        enquirer = pop.person(tradition, enq_sex, surname, father + 1)
        enquirer.birth = PartialDate(rng.randint(1930, 1975))
        enquirer.phone = "+000 " + " ".join(
            str(rng.randint(lo, hi)) for lo, hi in ((10, 99), (100, 999), (10, 99), (10, 99))
        )
        street = rng.choice(N.PLACE_STEMS)
        town = places[rng.randrange(len(places))].name
        enquirer.address = f"{rng.randint(1, 120)} {street} street, {town}"
        gen_enquirers.append(enquirer)
        relationships_of.append(kind)
        for m in range(n_missing):
            sex = "M" if rng.random() < 0.88 else "F"
            person = pop.person(tradition, sex, surname, father)
            age = rng.randint(17, 60) if sex == "M" else rng.randint(5, 80)
            birth_year = max(1905, day.year - age)
            person.birth = (
                PartialDate(birth_year, rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.6
                else PartialDate(birth_year, approximate=rng.random() < 0.3)
            )
            d = day + dt.timedelta(days=m * rng.randint(0, 3))
            hist, close = _status_path(rng, received, d)
            gen_cases.append(
                (
                    fam,
                    GenCase(
                        person=person,
                        disappearance=_partial(rng, d),
                        place=p_i,
                        event=event_id,
                        last_seen_where=rng.choice(
                            [
                                "at home",
                                "at the checkpoint",
                                "on the road out",
                                "in the village square",
                                "at the front line",
                                "in the school used as shelter",
                                "near the bridge",
                            ]
                        ),
                        last_seen_by=rng.choice(
                            [
                                "a neighbour",
                                "his brother",
                                "a fellow villager",
                                "the enquirer",
                                "a soldier of his unit",
                                "relatives",
                            ]
                        ),
                        received_on=received,
                        history=hist,
                        close_reason=close,
                    ),
                )
            )
            rels.append((fam, len(gen_cases) - 1, kind))
        if fam % 500 == 0 or fam == families - 1:
            say("families", fam + 1, families)

    # A few duplicates: the same person reported twice by two relatives; the later
    # case is merged into the earlier one.
    for _ in range(max(1, families // 150)):
        i = rng.randrange(len(gen_cases))
        fam, original = gen_cases[i]
        if original.history[-1][1] in (CaseStatus.CLOSED,):
            continue
        dup_received = original.received_on + dt.timedelta(days=rng.randint(200, 2000))
        if dup_received >= TODAY:
            continue
        merge_at = dup_received + dt.timedelta(days=rng.randint(100, 1500))
        hist = [(dup_received, CaseStatus.OPEN, "request opened")]
        if merge_at < TODAY:
            hist.append((merge_at, CaseStatus.CLOSED, "merged: duplicate of an earlier case"))
        dup = GenCase(
            person=GenPerson(
                original.person.sex,
                [
                    GenName(n.script, n.given, n.patronymic, n.family, n.primary)
                    for n in original.person.names
                ],
                original.person.birth,
            ),
            disappearance=original.disappearance,
            place=original.place,
            event=original.event,
            last_seen_where=original.last_seen_where,
            last_seen_by="another relative",
            received_on=dup_received,
            history=hist,
            close_reason=CloseReason.MERGED if merge_at < TODAY else "",
            merged_into=i,
        )
        gen_cases.append((fam, dup))

    # Persist persons.
    say("persons", 0, 1)
    all_people = gen_enquirers + [c.person for _, c in gen_cases]
    person_objs: list[Person] = []
    for gp in all_people:
        primary = next(n for n in gp.names if n.primary)
        p = Person(
            sex=gp.sex,
            phone=gp.phone,
            address=gp.address,
            display_name=" ".join(
                x for x in (primary.family, primary.given, primary.patronymic) if x
            ),
            search_keys=search_keys(
                [x for n in gp.names for x in (n.given, n.patronymic, n.family)]
            ),
        )
        if gp.birth:
            p.birth_year, p.birth_month, p.birth_day = gp.birth.year, gp.birth.month, gp.birth.day
            p.birth_approx, p.birth_key = gp.birth.approximate, gp.birth.sort_key
        person_objs.append(p)
    Person.objects.bulk_create(person_objs, batch_size=2000)
    for gp, pobj in zip(all_people, person_objs, strict=True):
        gp.pk = pobj.pk
    PersonName.objects.bulk_create(
        (
            PersonName(
                person_id=gp.pk,
                script=n.script,
                given=n.given,
                patronymic=n.patronymic,
                family=n.family,
                primary=n.primary,
            )
            for gp in all_people
            for n in gp.names
        ),
        batch_size=5000,
    )

    say("persons", 1, 1)

    # Requests and cases.
    say("cases", 0, 1)
    req_objs = []
    for fam, enquirer in enumerate(gen_enquirers):
        req_objs.append(
            TracingRequest(
                reference=format_request_reference(fam + 1),
                enquirer_id=enquirer.pk,
                enquirer_relationship=relationships_of[fam],
                received_on=dt.date(2000, 1, 1),
                legal_basis=LegalBasis.CONSENT,
                consent_given=True,
            )
        )
    # Received date of a request = earliest received date of its cases.
    earliest: dict[int, dt.date] = {}
    for fam, c in gen_cases:
        if c.merged_into is None:
            earliest[fam] = min(earliest.get(fam, c.received_on), c.received_on)
    for fam, r in enumerate(req_objs):
        r.received_on = earliest.get(fam, dt.date(2000, 1, 1))
        r.consent_date = r.received_on
    # Duplicate reports are separate requests by another relative.
    dup_reqs = []
    for fam, c in gen_cases:
        if c.merged_into is not None:
            dup_reqs.append(
                TracingRequest(
                    reference="",
                    enquirer_id=gen_enquirers[fam].pk,
                    enquirer_relationship=relationships_of[fam],
                    received_on=c.received_on,
                    legal_basis=LegalBasis.CONSENT,
                    consent_given=True,
                    consent_date=c.received_on,
                )
            )
    for i, r in enumerate(dup_reqs):
        r.reference = format_request_reference(len(req_objs) + i + 1)
    TracingRequest.objects.bulk_create(req_objs + dup_reqs, batch_size=2000)
    dup_iter = iter(dup_reqs)
    case_objs = []
    for i, (fam, c) in enumerate(gen_cases):
        req = next(dup_iter) if c.merged_into is not None else req_objs[fam]
        obj = Case(
            case_number=format_case_number(i + 1),
            request_id=req.pk,
            person_id=c.person.pk,
            status=c.history[-1][1],
            close_reason=c.close_reason,
            disappearance_year=c.disappearance.year,
            disappearance_month=c.disappearance.month,
            disappearance_day=c.disappearance.day,
            disappearance_approx=c.disappearance.approximate,
            disappearance_key=c.disappearance.sort_key,
            disappearance_place_id=places[c.place].pk,
            event_id=c.event,
            last_seen_where=c.last_seen_where,
            last_seen_by=c.last_seen_by,
        )
        case_objs.append(obj)
    Case.objects.bulk_create(case_objs, batch_size=2000)
    for (_, c), obj in zip(gen_cases, case_objs, strict=True):
        if c.merged_into is not None and c.close_reason == CloseReason.MERGED:
            obj.merged_into_id = case_objs[c.merged_into].pk
    Case.objects.bulk_update([o for o in case_objs if o.merged_into_id], ["merged_into"])
    CaseStatusChange.objects.bulk_create(
        (
            CaseStatusChange(
                case_id=obj.pk,
                from_status=c.history[k - 1][1] if k else "",
                to_status=status,
                reason=reason,
                at=timezone.make_aware(dt.datetime.combine(when, dt.time(9, 0)), dt.UTC),
            )
            for (_, c), obj in zip(gen_cases, case_objs, strict=True)
            for k, (when, status, reason) in enumerate(c.history)
        ),
        batch_size=5000,
    )
    Relationship.objects.bulk_create(
        (
            Relationship(
                from_person_id=gen_enquirers[fam].pk,
                to_person_id=gen_cases[ci][1].person.pk,
                kind=_rel_kind(kind),
            )
            for fam, ci, kind in rels
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )
    counter_ensure_at_least("case", len(case_objs))
    counter_ensure_at_least("tracing_request", len(req_objs) + len(dup_reqs))

    say("cases", 1, 1)

    # List editions, frozen with the statuses of their day.
    say("editions", 0, len(EDITION_DATES))
    rows = _static_rows(gen_cases, case_objs, places, events)
    active = {
        str(s)
        for s in (
            CaseStatus.OPEN,
            CaseStatus.BEING_TRACED,
            CaseStatus.AM_COLLECTED,
            CaseStatus.SAMPLES_COLLECTED,
            CaseStatus.MATCH_PROPOSED,
        )
    }
    for n, day in enumerate(EDITION_DATES, 1):
        edition = ListEdition.objects.create(
            number=n,
            edition_date=day,
            recipient=RECIPIENT,
            criteria={"status": sorted(active)},
            frozen_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)), dt.UTC),
            note="Demo edition (fictional data).",
        )
        entries = []
        for (_, c), obj, row in zip(gen_cases, case_objs, rows, strict=True):
            status = status_as_of(c.history, day)
            if status in active:
                entries.append(
                    ListEditionEntry(
                        edition=edition,
                        case_id=obj.pk,
                        case_number=obj.case_number,
                        data={**row, "status": CaseStatus(status).label},
                    )
                )
        ListEditionEntry.objects.bulk_create(entries, batch_size=5000)
        say("editions", n, len(EDITION_DATES))

    if with_users:
        create_demo_users()
    audit_record(
        by=None,
        action="demo.load",
        changes={
            "seed": seed,
            "families": families,
            "cases": len(case_objs),
            "persons": len(person_objs),
            "editions": len(EDITION_DATES),
        },
    )
    return {
        "families": families,
        "cases": len(case_objs),
        "persons": len(person_objs),
        "editions": len(EDITION_DATES),
    }


def _rel_kind(enquirer_is: str) -> str:
    """Relationship of the enquirer *to* the missing person."""
    return {
        "mother": "parent",
        "father": "parent",
        "wife": "spouse",
        "husband": "spouse",
        "sister": "sibling",
        "brother": "sibling",
        "son": "child",
        "daughter": "child",
    }.get(enquirer_is, "other")


def _static_rows(gen_cases, case_objs, places, events) -> list[dict[str, str]]:
    from casework.tracing.editions import _SCRIPT_COLUMN, COLUMN_KEYS

    ev_names = {e.pk: e.name for e in events}
    out = []
    for (_, c), obj in zip(gen_cases, case_objs, strict=True):
        row = dict.fromkeys(COLUMN_KEYS, "")
        primary = next(n for n in c.person.names if n.primary)
        row.update(
            case_number=obj.case_number,
            family_name=primary.family,
            given_name=primary.given,
            patronymic=primary.patronymic,
        )
        for n in c.person.names:
            col = _SCRIPT_COLUMN.get(Script(n.script))
            if col and not row[col]:
                row[col] = " ".join(x for x in (n.family, n.given, n.patronymic) if x)
        place = places[c.place]
        row.update(
            sex=c.person.sex,
            birth=str(c.person.birth or ""),
            disappearance_date=str(c.disappearance),
            disappearance_place=place.name,
            region=place.region,
            event=ev_names.get(c.event, "") if c.event else "",
            last_seen_where=c.last_seen_where,
        )
        out.append(row)
    return out


def create_demo_users() -> list[User]:
    from django.contrib.auth.models import Group

    users = []
    for username, role, full in DEMO_USERS:
        first, last = full.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "organisation": "Demo organisation"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            audit_record(
                by=None,
                action="core.user.create",
                obj=user,
                changes={"username": username, "role": role},
            )
        user.groups.set([Group.objects.get(name=role)])
        users.append(user)
    return users
