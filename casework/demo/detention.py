"""Demo data for detention: about 40 places, 2,300 detainees followed over the years,
1,400 visits, family messages and calls, and a group of prisoners of war whose last
independent visit and last family contact fall in the same month (when the visiting
organisation had to leave) and who stand trial with scheduled hearings; a few
consular-access requests through a protecting power and enforced-disappearance dossiers.
Everything is fictional; parties are "Party A" and "Party B"."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from casework.core.audit import audit_record
from casework.core.counters import counter_ensure_at_least
from casework.demo.generator import Population
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    EvidenceItem,
    FamilyContact,
    Hearing,
    Movement,
    Placement,
    Proceeding,
    Submission,
    Visit,
    VisitInterview,
)
from casework.detention.services import sha256_of
from casework.persons.models import Person, PersonName
from linkage.normalise import search_keys

KINDS = ["prison", "pretrial", "police", "military", "hospital", "camp"]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@transaction.atomic
def build_detention_demo(
    *,
    seed: int = 11,
    detainees: int = 2300,
    visits: int = 1400,
    pow_group: int = 36,
    today: dt.date | None = None,
) -> dict[str, Any]:
    rng = random.Random(seed)
    pop = Population(rng)
    today = today or dt.date.today()
    left = dt.date(today.year - 2, 6, 1)  # the month of the last visit and last contact
    left_end = left.replace(day=28)
    places = DetentionPlace.objects.bulk_create(
        DetentionPlace(
            name=f"{'Central' if k % 7 == 0 else 'Facility'} No. {k + 1} "
            f"({'Party A' if k % 2 else 'Party B'})",
            kind=KINDS[k % len(KINDS)],
            authority=("Ministry of Justice" if k % 3 else "Ministry of Defence")
            + (", Party A" if k % 2 else ", Party B"),
            location=f"district {k % 9 + 1}",
            capacity=rng.choice([40, 120, 300, 800]),
        )
        for k in range(40)
    )
    people = []
    for _ in range(detainees):
        tradition = pop.family()
        sex = "M" if rng.random() < 0.9 else "F"
        gp = pop.person(tradition, sex, rng.randrange(100), rng.randrange(100))
        people.append(gp)
    person_objs = Person.objects.bulk_create(
        (
            Person(
                sex=gp.sex,
                display_name=" ".join(
                    x
                    for x in (
                        next(n for n in gp.names if n.primary).family,
                        next(n for n in gp.names if n.primary).given,
                        next(n for n in gp.names if n.primary).patronymic,
                    )
                    if x
                ),
                search_keys=search_keys(
                    [x for n in gp.names for x in (n.given, n.patronymic, n.family)]
                ),
            )
            for gp in people
        ),
        batch_size=2000,
    )
    PersonName.objects.bulk_create(
        (
            PersonName(
                person=po,
                script=n.script,
                given=n.given,
                patronymic=n.patronymic,
                family=n.family,
                primary=n.primary,
            )
            for gp, po in zip(people, person_objs, strict=True)
            for n in gp.names
        ),
        batch_size=5000,
    )
    dets, placements, movements = [], [], []
    pow_ids = set(range(pow_group))
    for i, person in enumerate(person_objs):
        if i in pow_ids:
            captured = _day(rng, dt.date(today.year - 6, 9, 1), dt.date(today.year - 6, 11, 30))
            status, released = Detainee.Status.POW, None
        else:
            captured = _day(rng, dt.date(1992, 1, 1), today - dt.timedelta(days=60))
            status = rng.choice(
                [
                    Detainee.Status.POW,
                    Detainee.Status.CIVILIAN_INTERNEE,
                    Detainee.Status.SECURITY,
                    Detainee.Status.OTHER,
                ]
            )
            released = captured + dt.timedelta(days=rng.randint(20, 2500))
            if released >= today - dt.timedelta(days=10) or rng.random() < 0.06:
                released = None
        d = Detainee(
            reference=f"DT-{i + 1:06d}",
            person=person,
            status=status,
            captured_on=captured,
            capture_place=f"district {rng.randint(1, 9)}",
            notified_on=captured + dt.timedelta(days=rng.randint(1, 60))
            if rng.random() < 0.8
            else None,
            released_on=released,
            health_concerns="chronic condition" if rng.random() < 0.05 else "",
        )
        dets.append(d)
    Detainee.objects.bulk_create(dets, batch_size=2000)
    counter_ensure_at_least("detainee", len(dets))
    held_at: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    for i, d in enumerate(dets):
        start = d.captured_on
        end_all = d.released_on
        n = rng.choice([1, 1, 2, 3])
        cuts = sorted(_day(rng, start, end_all or today) for _ in range(n - 1))
        bounds: list[dt.date] = [start, *cuts]
        place_ids = (
            rng.sample(range(len(places)), n)
            if i not in pow_ids
            else [i % 3, 3 + i % 2][:n] + [5] * max(0, n - 2)
        )
        for k in range(n):
            p = places[place_ids[k] % len(places)]
            until = bounds[k + 1] if k + 1 < len(bounds) else end_all
            placements.append(Placement(detainee=d, place=p, from_date=bounds[k], to_date=until))
            held_at.setdefault(p.pk, []).append((i, bounds[k], until))
        if d.released_on:
            movements.append(
                Movement(
                    detainee=d,
                    kind=rng.choice(["release", "repatriation"]),
                    date=d.released_on,
                    route="via the contact line",
                    consent_recorded=True,
                )
            )
    Placement.objects.bulk_create(placements, batch_size=5000)
    Movement.objects.bulk_create(movements, batch_size=5000)
    # Visits: repeated, over the years; the visiting organisation left in `left`.
    visit_objs, interviews = [], []
    for _ in range(visits):
        p = rng.choice(places)
        start = _day(rng, dt.date(1993, 1, 1), left_end)
        end = start + dt.timedelta(days=rng.randint(0, 3))
        visit_objs.append((p, start, end))
    # make sure the POW group's places get their last visit in `left`
    for k in range(6):
        visit_objs.append((places[k], left + dt.timedelta(days=k), left + dt.timedelta(days=k + 1)))
    created = Visit.objects.bulk_create(
        Visit(
            place=p,
            start_date=s,
            end_date=e,
            team="visiting team (fictional)",
            treatment="no allegation of ill-treatment received"
            if rng.random() < 0.7
            else "allegations recorded and shared with the authority",
            material_conditions=rng.choice(
                ["adequate", "overcrowded dormitories", "insufficient ventilation"]
            ),
            health=rng.choice(["access to care ensured", "delays in specialist care"]),
            judicial_guarantees=rng.choice(
                ["detainees informed of charges", "no access to a lawyer for some"]
            ),
            family_contact=rng.choice(["messages exchanged", "no visits allowed"]),
        )
        for p, s, e in visit_objs
    )
    for v in created:
        present = [
            i
            for i, a, b in held_at.get(v.place_id, [])
            if a <= v.end_date and (b is None or b >= v.start_date)
        ]
        chosen = present if len(present) <= 12 or v.start_date >= left else rng.sample(present, 12)
        interviews += [VisitInterview(visit=v, detainee=dets[i], private=True) for i in chosen]
    VisitInterview.objects.bulk_create(interviews, batch_size=5000, ignore_conflicts=True)
    # Family messages and calls (through the visiting organisation, until it left).
    contacts = []
    for i, d in enumerate(dets):
        end = min(d.released_on or today, left_end)
        if end <= d.captured_on:
            continue
        for _ in range(rng.randint(0, 4) if i not in pow_ids else 3):
            w = _day(rng, d.captured_on, end)
            if i in pow_ids and _ == 2:
                w = left + dt.timedelta(days=rng.randint(0, 10))
            delivered = min(w + dt.timedelta(days=rng.randint(5, 40)), left_end)
            if delivered < w:
                delivered = w
            contacts.append(
                FamilyContact(
                    detainee=d,
                    kind="message",
                    direction=rng.choice(["from_detainee", "to_detainee"]),
                    written_on=w,
                    collected_on=w + dt.timedelta(days=min(2, (delivered - w).days)),
                    delivered_on=delivered,
                )
            )
    FamilyContact.objects.bulk_create(contacts, batch_size=5000)
    # Trials of the POW group, with hearings already held and scheduled.
    for i in sorted(pow_ids):
        proc = Proceeding.objects.create(
            detainee=dets[i],
            case_reference=f"CR-{today.year - 2}-{i + 1:03d}",
            court="Military court (Party A)",
            charges="participation in hostilities (charges as reported)",
        )
        Hearing.objects.create(
            proceeding=proc,
            date=today - dt.timedelta(days=40 + i),
            outcome="adjourned",
            next_date=today + dt.timedelta(days=7 + i),
        )
        Hearing.objects.create(proceeding=proc, date=today + dt.timedelta(days=7 + i))
    # Consular access through a protecting power.
    for k, i in enumerate(sorted(pow_ids)[:5]):
        c = ConsularRequest.objects.create(
            requesting_state="State B",
            protecting_power="State P (protecting power)",
            on_behalf_of="families' association",
            detainee=dets[i],
            requested_on=today - dt.timedelta(days=200 - 20 * k),
        )
        if k == 0:
            c.status, c.decided_on = "refused", c.requested_on + dt.timedelta(days=30)
            c.save()
        elif k == 1:
            c.status, c.decided_on = "accepted", c.requested_on + dt.timedelta(days=20)
            c.save()
    # Enforced-disappearance dossiers.
    for k in range(4):
        gp = pop.person("az" if k % 2 else "hy", "M", rng.randrange(100), rng.randrange(100))
        primary = next(n for n in gp.names if n.primary)
        person = Person.objects.create(
            sex="M",
            display_name=" ".join(x for x in (primary.family, primary.given) if x),
            search_keys=search_keys([primary.given, primary.family]),
        )
        PersonName.objects.bulk_create(
            PersonName(
                person=person,
                script=n.script,
                given=n.given,
                patronymic=n.patronymic,
                family=n.family,
                primary=n.primary,
            )
            for n in gp.names
        )
        dossier = Dossier.objects.create(
            reference=f"ED-{k + 1:05d}",
            person=person,
            last_seen_on=dt.date(today.year - 3 - k, 4, 10),
            last_seen_where=f"{places[k + 10].name}, in custody",
            summary="Seen by fellow detainees in custody; the authority does not acknowledge "
            "the detention (fictional).",
        )
        content = f"Witness statement {k + 1} (fictional demo document)\n".encode()
        item = EvidenceItem(
            dossier=dossier,
            kind="statement",
            description="witness statement",
            sha256=sha256_of(content),
            received_on=dossier.last_seen_on + dt.timedelta(days=100),
            received_from="family association",
            custody=[{"action": "received", "by": "demo"}],
        )
        item.file.save(f"statement-{k + 1}.txt", ContentFile(content), save=False)
        item.save()
        Submission.objects.create(
            dossier=dossier,
            body=["wgeid", "ced", "regional_court", "wgeid"][k],
            submitted_on=dossier.last_seen_on + dt.timedelta(days=200),
            reference=f"REF-{k + 1}",
            deadline=today + dt.timedelta(days=30 * (k + 1)),
        )
    counter_ensure_at_least("dossier", 4)
    audit_record(
        by=None,
        action="demo.detention.load",
        changes={
            "places": len(places),
            "detainees": len(dets),
            "visits": len(created),
            "pow_group": pow_group,
        },
    )
    return {
        "places": len(places),
        "detainees": len(dets),
        "visits": len(created),
        "contacts": len(contacts),
        "pow_group": pow_group,
        "left": left.isoformat(),
    }
