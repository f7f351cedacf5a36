"""Deterministic generator of the fictional demo population.

``build_demo(seed, families)`` creates, with one ``random.Random(seed)``:

* places in eight fictional regions, and disappearance events clustered in time
  and place (most in 1988–1994, a few decades later);
* families of three naming traditions (Azerbaijani, Armenian, Russian), each
  person's name written in every script the family uses, with patronymics;
* per family an enquirer (mother, wife, father, sibling, child) and one or more
  missing persons (≈ 1.15 per family), each a registry case with a status history;
* eight list editions over three decades, frozen with the statuses of their day,
  so that consecutive editions show realistic churn (new cases, persons found alive,
  deaths confirmed, withdrawals, merged duplicates, amended statuses);
* one demo user per role (two tracing officers, for the four-eyes review).

Everything is built through the services, by named demo users — ``admin`` for the
places and events, ``tracer`` for the requests, cases and the evidence of outcomes,
``tracer2`` reviewing that evidence — so the demo obeys the same rules and leaves a
true audit trail. The volume (thousands of persons and cases) goes through the bulk
services (:func:`casework.persons.services.persons_bulk_create`,
:func:`casework.tracing.services.tracing_requests_bulk_open`), which validate every
record and audit each batch. No case is given an outcome without the record that
establishes it: "found alive" and "death confirmed" come from confirmed outcome
evidence; "identified" only from the identification demo's confirmed
identifications (the candidates stay at "reference samples collected").

The same seed always gives the same data. Nothing here describes a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction

from casework.core import roles
from casework.core.audit import audit_record
from casework.core.models import User
from casework.demo import names as N
from casework.persons.models import Place, Script
from casework.persons.partial_dates import PartialDate
from casework.persons.services import (
    NameInput,
    PersonInput,
    persons_bulk_create,
    place_get_or_create,
    relationships_bulk_add,
)
from casework.tracing.editions import edition_create
from casework.tracing.models import Case, CaseStatus, CloseReason, LegalBasis, OutcomeEvidence
from casework.tracing.selectors import RegistryFilters
from casework.tracing.services import (
    BulkCase,
    BulkRequest,
    EvidenceInput,
    event_create,
    outcome_evidence_record,
    outcome_evidence_review,
    tracing_requests_bulk_open,
)

DEMO_PASSWORD = "kintrace-demo"  # noqa: S105 - the documented demo password
DEMO_USERS = [
    ("admin", roles.ADMINISTRATOR, "Ada Administrator"),
    ("tracer", roles.TRACING_OFFICER, "Tomas Tracer"),
    ("tracer2", roles.TRACING_OFFICER, "Tina Tracer"),
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
    # (date, found alive | death confirmed, kind of evidence, source): set through evidence
    outcome: tuple[dt.date, str, str, str] | None = None


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
) -> tuple[list[tuple[dt.date, str, str]], str, tuple[dt.date, str, str, str] | None]:
    """A plausible lifecycle after the request: the history of plain status changes,
    a close reason, and the outcome that evidence will establish (or None). Cases whose
    DNA match the identification demo may confirm stay at "reference samples
    collected": only a confirmed identification makes a case identified."""
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
        return hist, close, None
    outcome = None
    if r < 0.04:
        outcome = (
            outcome_at,
            CaseStatus.FOUND_ALIVE,
            OutcomeEvidence.Kind.OFFICIAL,
            "notification of the national commission (fictional)",
        )
    elif r < 0.09 and hist[-1][1] == CaseStatus.SAMPLES_COLLECTED:
        pass  # a candidate of the identification demo: the match is proposed there
    elif r < 0.11:
        outcome = (
            outcome_at,
            CaseStatus.DEATH_CONFIRMED,
            OutcomeEvidence.Kind.WITNESS,
            "statement of two witnesses (fictional)",
        )
    elif r < 0.125:
        hist.append((outcome_at, CaseStatus.CLOSED, "withdrawn: the family withdrew the request"))
        close = CloseReason.WITHDRAWN
    return hist, close, outcome


def status_as_of(history: list[tuple[dt.date, str, str]], day: dt.date) -> str | None:
    current = None
    for when, status, _ in history:
        if when <= day:
            current = status
    return current


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


@transaction.atomic
def build_demo(
    *,
    seed: int = 20261122,
    families: int = 3500,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Create the whole demo dataset, through the services, as the demo users (created
    first). The database must hold no cases yet."""
    rng = random.Random(seed)
    pop = Population(rng)
    say = progress or (lambda *_: None)
    users = {u.username: u for u in create_demo_users()}
    admin, tracer, tracer2 = users["admin"], users["tracer"], users["tracer2"]

    # Places and events (administrative reference data).
    place_specs: list[tuple[str, str, float, float]] = []
    used = set()
    while len(place_specs) < 64:
        name = (rng.choice(N.PLACE_PREFIXES) + " " + rng.choice(N.PLACE_STEMS)).strip()
        if name in used:
            continue
        used.add(name)
        place_specs.append(
            (
                name,
                rng.choice(N.REGIONS),
                round(39 + rng.random() * 2, 4),
                round(45 + rng.random() * 3, 4),
            )
        )
    places: list[Place] = []
    for pname, r, la, lo in place_specs:
        place = place_get_or_create(name=pname, region=r, latitude=la, longitude=lo, by=admin)
        assert place is not None  # a non-empty name always gives a place
        places.append(place)
    ev_specs = _events(rng, len(places))
    events = [
        event_create(name=name, place=places[p], year=centre.year, by=admin)
        for name, p, centre, _ in ev_specs
    ]

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
            hist, close, outcome = _status_path(rng, received, d)
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
                        outcome=outcome,
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
        if original.history[-1][1] == CaseStatus.CLOSED or original.merged_into is not None:
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

    # Persons (enquirers, then the sought), through the bulk service.
    say("persons", 0, 1)
    all_people = gen_enquirers + [c.person for _, c in gen_cases]
    created = persons_bulk_create(
        people=[
            PersonInput(
                names=[
                    NameInput(n.script, n.given, n.patronymic, n.family, n.primary)
                    for n in gp.names
                ],
                sex=gp.sex,
                birth=gp.birth,
                phone=gp.phone,
                address=gp.address,
            )
            for gp in all_people
        ],
        by=tracer,
    )
    for gp, pobj in zip(all_people, created, strict=True):
        gp.pk = pobj.pk
    say("persons", 1, 1)

    # Requests and cases with their histories: one request per family (its cases,
    # in order), then the duplicate reports, each a request of its own.
    say("cases", 0, 1)
    by_family: dict[int, list[int]] = {}
    dups: list[int] = []
    for i, (fam, c) in enumerate(gen_cases):
        (dups if c.merged_into is not None else by_family.setdefault(fam, [])).append(i)
    order = [i for fam in sorted(by_family) for i in by_family[fam]] + dups
    position = {gi: k for k, gi in enumerate(order)}

    def bulk_case(gi: int) -> BulkCase:
        c = gen_cases[gi][1]
        return BulkCase(
            person_id=c.person.pk,
            disappearance=c.disappearance,
            place_id=places[c.place].pk,
            event_id=c.event,
            last_seen_where=c.last_seen_where,
            last_seen_by=c.last_seen_by,
            history=[(_at(when), status, reason) for when, status, reason in c.history],
            close_reason=c.close_reason,
            merged_into=position[c.merged_into] if c.merged_into is not None else None,
        )

    bulk: list[BulkRequest] = []
    for fam in sorted(by_family):
        received = min(gen_cases[gi][1].received_on for gi in by_family[fam])
        bulk.append(
            BulkRequest(
                enquirer_id=gen_enquirers[fam].pk,
                enquirer_relationship=relationships_of[fam],
                received_on=received,
                legal_basis=LegalBasis.CONSENT,
                consent_given=True,  # the family's recorded consent, dated
                consent_date=received,
                cases=[bulk_case(gi) for gi in by_family[fam]],
            )
        )
    for gi in dups:
        fam, c = gen_cases[gi]
        bulk.append(
            BulkRequest(
                enquirer_id=gen_enquirers[fam].pk,
                enquirer_relationship=relationships_of[fam],
                received_on=c.received_on,
                legal_basis=LegalBasis.CONSENT,
                consent_given=True,
                consent_date=c.received_on,
                cases=[bulk_case(gi)],
            )
        )
    cases = tracing_requests_bulk_open(requests=bulk, by=tracer)
    relationships_bulk_add(
        triples=[
            (gen_enquirers[fam].pk, gen_cases[ci][1].person.pk, _rel_kind(kind))
            for fam, ci, kind in rels
        ],
        by=tracer,
    )
    say("cases", 1, 1)

    # Outcomes: each established by evidence, recorded by one officer and confirmed
    # by a second, on the day of the outcome.
    with_outcome = [(gi, c.outcome) for gi, (_, c) in enumerate(gen_cases) if c.outcome]
    say("outcomes", 0, len(with_outcome))
    for k, (gi, (day, result, kind, source)) in enumerate(with_outcome, 1):
        info_day = day - dt.timedelta(days=rng.randint(3, 40))
        evidence = outcome_evidence_record(
            case_id=cases[position[gi]].pk,
            data=EvidenceInput(
                outcome=result,
                source=source,
                information_date=info_day,
                kind=kind,
                reference=f"DEMO-{k:04d}"
                if kind != OutcomeEvidence.Kind.WITNESS
                else "two neighbours of the family (fictional)",
            ),
            by=tracer,
            at=_at(info_day, 10),
        )
        outcome_evidence_review(
            evidence_id=evidence.pk,
            decision="confirm",
            note="sources checked",
            by=tracer2,
            at=_at(day),
        )
        if k % 50 == 0 or k == len(with_outcome):
            say("outcomes", k, len(with_outcome))

    # List editions, reconstructed with the statuses of their day.
    say("editions", 0, len(EDITION_DATES))
    active = sorted(
        str(s)
        for s in (
            CaseStatus.OPEN,
            CaseStatus.BEING_TRACED,
            CaseStatus.AM_COLLECTED,
            CaseStatus.SAMPLES_COLLECTED,
            CaseStatus.MATCH_PROPOSED,
        )
    )
    for n, day in enumerate(EDITION_DATES, 1):
        edition_create(
            recipient=RECIPIENT,
            edition_date=day,
            criteria=RegistryFilters(status=active),
            note="Demo edition (fictional data).",
            as_of=_at(day, 12),
            by=tracer,
        )
        say("editions", n, len(EDITION_DATES))

    audit_record(
        by=admin,
        action="demo.load",
        changes={
            "seed": seed,
            "families": families,
            "cases": len(cases),
            "persons": len(created),
            "editions": len(EDITION_DATES),
        },
    )
    return {
        "families": families,
        "cases": len(cases),
        "persons": len(created),
        "editions": len(EDITION_DATES),
        "outcomes": len(with_outcome),
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


def create_demo_users() -> list[User]:
    """The demo users, one per role (two tracing officers). ``admin`` is created first
    and records its own creation (the bootstrap account); it creates the others."""
    users = []
    admin: User | None = None
    for username, role, full in DEMO_USERS:
        first, last = full.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "organisation": "Demo organisation"},
        )
        user.groups.set([Group.objects.get(name=role)])
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            audit_record(
                by=admin or user,
                action="core.user.create",
                obj=user,
                changes={"username": username, "role": role},
            )
        if username == "admin":
            admin = user
        users.append(user)
    return users


def demo_cases_loaded() -> int:
    """How many cases the database holds (a loaded demo is kept, never rebuilt over)."""
    return Case.objects.count()
