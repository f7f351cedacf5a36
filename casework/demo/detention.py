"""Demo data for detention: about 40 places, 2,300 detainees followed over the years,
1,400 visits, family messages and calls, and a group of prisoners of war whose last
independent visit and last family contact fall in the same month (when the visiting
organisation had to leave) and who stand trial with scheduled hearings; a few
consular-access requests through a protecting power and enforced-disappearance dossiers.
Everything is fictional; parties are "Party A" and "Party B".

Everything is written through the detention flows, as the demo user ``detention``
(the detention delegate): places, proceedings, hearings, consular requests and
dossiers one by one; detainees (with their placements and releases), visits and family
messages — the volume — through the tested bulk flows, which apply the same rules and
leave one audit entry per batch."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from casework.core.audit import audit_record
from casework.core.flows import Actor
from casework.core.models import User
from casework.demo.generator import GenPerson, Population
from casework.detention import services as S
from casework.detention.models import Detainee, DetentionPlace
from casework.persons.services import NameInput, PersonInput

KINDS = ["prison", "pretrial", "police", "military", "hospital", "camp"]
DEMO_ACTOR = "detention"  # the demo's detention delegate (casework.demo.generator)
FINDINGS_TEXT = {
    "treatment": [
        "no allegation of ill-treatment received",
        "allegations recorded and shared with the authority",
    ],
    "material_conditions": ["adequate", "overcrowded dormitories", "insufficient ventilation"],
    "health": ["access to care ensured", "delays in specialist care"],
    "judicial_guarantees": ["detainees informed of charges", "no access to a lawyer for some"],
    "family_contact": ["messages exchanged", "no visits allowed"],
}


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _person_input(gp: GenPerson) -> PersonInput:
    return PersonInput(
        names=[NameInput(n.script, n.given, n.patronymic, n.family, n.primary) for n in gp.names],
        sex=gp.sex,
    )


@transaction.atomic
def build_detention_demo(
    *,
    seed: int = 11,
    detainees: int = 2300,
    visits: int = 1400,
    pow_group: int = 36,
    today: dt.date | None = None,
    by: Actor | None = None,
) -> dict[str, Any]:
    actor = by or User.objects.get(username=DEMO_ACTOR)
    rng = random.Random(seed)
    pop = Population(rng)
    today = today or dt.date.today()
    left = dt.date(today.year - 2, 6, 1)  # the month of the last visit and last contact
    left_end = left.replace(day=28)
    places: list[DetentionPlace] = [
        S.place_create(
            name=f"{'Central' if k % 7 == 0 else 'Facility'} No. {k + 1} "
            f"({'Party A' if k % 2 else 'Party B'})",
            kind=KINDS[k % len(KINDS)],
            authority=("Ministry of Justice" if k % 3 else "Ministry of Defence")
            + (", Party A" if k % 2 else ", Party B"),
            location=f"district {k % 9 + 1}",
            capacity=rng.choice([40, 120, 300, 800]),
            by=actor,
        )
        for k in range(40)
    ]
    people = []
    for _ in range(detainees):
        tradition = pop.family()
        sex = "M" if rng.random() < 0.9 else "F"
        people.append(pop.person(tradition, sex, rng.randrange(100), rng.randrange(100)))
    pow_ids = set(range(pow_group))
    rows: list[S.DetaineeHistory] = []
    for i, gp in enumerate(people):
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
        capture_place = f"district {rng.randint(1, 9)}"
        notified = captured + dt.timedelta(days=rng.randint(1, 60)) if rng.random() < 0.8 else None
        health = "chronic condition" if rng.random() < 0.05 else ""
        n = rng.choice([1, 1, 2, 3])
        cuts = sorted(_day(rng, captured, released or today) for _ in range(n - 1))
        bounds: list[dt.date] = [captured, *cuts]
        place_ids = (
            rng.sample(range(len(places)), n)
            if i not in pow_ids
            else [i % 3, 3 + i % 2][:n] + [5] * max(0, n - 2)
        )
        placements = [
            (
                places[place_ids[k] % len(places)],
                bounds[k],
                bounds[k + 1] if k + 1 < len(bounds) else released,
            )
            for k in range(n)
        ]
        rows.append(
            S.DetaineeHistory(
                person=_person_input(gp),
                status=status,
                captured_on=captured,
                placements=placements,
                capture_place=capture_place,
                notified_on=notified,
                health_concerns=health,
                release=S.ReleaseInput(
                    kind=rng.choice(["release", "repatriation"]),
                    date=released,
                    route="via the contact line",
                    consent_recorded=True,
                )
                if released
                else None,
            )
        )
    dets = S.detainees_bulk_register(rows=rows, by=actor)
    held_at: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    for i, h in enumerate(rows):
        for place, start, until in h.placements:
            held_at.setdefault(place.pk, []).append((i, start, until))
    # Visits: repeated, over the years; the visiting organisation left in `left`.
    spans = []
    for _ in range(visits):
        p = rng.choice(places)
        start = _day(rng, dt.date(1993, 1, 1), left_end)
        spans.append((p, start, start + dt.timedelta(days=rng.randint(0, 3))))
    # make sure the POW group's places get their last visit in `left`
    for k in range(6):
        spans.append((places[k], left + dt.timedelta(days=k), left + dt.timedelta(days=k + 1)))
    visit_rows = []
    for p, s, e in spans:
        findings = {
            "treatment": FINDINGS_TEXT["treatment"][0 if rng.random() < 0.7 else 1],
            **{k: rng.choice(v) for k, v in FINDINGS_TEXT.items() if k != "treatment"},
        }
        present = [i for i, a, b in held_at.get(p.pk, []) if a <= e and (b is None or b >= s)]
        chosen = present if len(present) <= 12 or s >= left else rng.sample(present, 12)
        visit_rows.append(
            S.VisitInput(
                place=p,
                start_date=s,
                end_date=e,
                team="visiting team (fictional)",
                seen=[dets[i].pk for i in chosen],
                findings=findings,
            )
        )
    created = S.visits_bulk_record(rows=visit_rows, by=actor)
    # Family messages and calls (through the visiting organisation, until it left).
    contact_rows = []
    for i, d in enumerate(dets):
        end = min(d.released_on or today, left_end)
        if end <= d.captured_on:
            continue
        for k in range(rng.randint(0, 4) if i not in pow_ids else 3):
            w = _day(rng, d.captured_on, end)
            if i in pow_ids and k == 2:
                w = left + dt.timedelta(days=rng.randint(0, 10))
            delivered = max(min(w + dt.timedelta(days=rng.randint(5, 40)), left_end), w)
            contact_rows.append(
                S.ContactInput(
                    detainee=d.pk,
                    kind="message",
                    direction=rng.choice(["from_detainee", "to_detainee"]),
                    written_on=w,
                    collected_on=w + dt.timedelta(days=min(2, (delivered - w).days)),
                    delivered_on=delivered,
                )
            )
    contacts = S.family_contacts_bulk_record(rows=contact_rows, by=actor)
    # Trials of the POW group, with hearings already held and scheduled.
    for i in sorted(pow_ids):
        proc = S.proceeding_add(
            detainee=dets[i],
            case_reference=f"CR-{today.year - 2}-{i + 1:03d}",
            court="Military court (Party A)",
            charges="participation in hostilities (charges as reported)",
            by=actor,
        )
        S.hearing_add(
            detainee=dets[i],
            proceeding=proc,
            date=today - dt.timedelta(days=40 + i),
            outcome="adjourned",
            next_date=today + dt.timedelta(days=7 + i),
            by=actor,
        )
        S.hearing_add(
            detainee=dets[i], proceeding=proc, date=today + dt.timedelta(days=7 + i), by=actor
        )
    # Consular access through a protecting power.
    for k, i in enumerate(sorted(pow_ids)[:5]):
        c = S.consular_request_create(
            detainee=dets[i],
            requesting_state="State B",
            protecting_power="State P (protecting power)",
            on_behalf_of="families' association",
            requested_on=today - dt.timedelta(days=200 - 20 * k),
            by=actor,
        )
        if k in (0, 1):
            S.consular_request_update(
                request=c,
                status="refused" if k == 0 else "accepted",
                on=c.requested_on + dt.timedelta(days=30 if k == 0 else 20),
                by=actor,
            )
    # Enforced-disappearance dossiers.
    for k in range(4):
        gp = pop.person("az" if k % 2 else "hy", "M", rng.randrange(100), rng.randrange(100))
        last_seen = dt.date(today.year - 3 - k, 4, 10)
        dossier = S.dossier_create(
            person=_person_input(gp),
            last_seen_on=last_seen,
            last_seen_where=f"{places[k + 10].name}, in custody",
            summary="Seen by fellow detainees in custody; the authority does not acknowledge "
            "the detention (fictional).",
            by=actor,
        )
        S.evidence_add(
            dossier=dossier,
            kind="statement",
            description="witness statement",
            name=f"statement-{k + 1}.txt",
            content=f"Witness statement {k + 1} (fictional demo document)\n".encode(),
            received_on=last_seen + dt.timedelta(days=100),
            received_from="family association",
            by=actor,
        )
        S.submission_add(
            dossier=dossier,
            body=["wgeid", "ced", "regional_court", "wgeid"][k],
            submitted_on=last_seen + dt.timedelta(days=200),
            reference=f"REF-{k + 1}",
            deadline=today + dt.timedelta(days=30 * (k + 1)),
            by=actor,
        )
    audit_record(
        by=actor,
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
