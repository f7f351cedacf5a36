"""The demo's tracing part, at a small size: built through the services by named
users, every outcome backed by its record, the audit chain intact."""

import pytest
from django.core.management import call_command

from casework.core.audit import audit_verify
from casework.core.errors import ValidationFailed
from casework.core.models import AuditEntry
from casework.demo.generator import DEMO_USERS, build_demo
from casework.persons.services import persons_bulk_create
from casework.tracing.models import Case, CaseStatus, ListEdition, OutcomeEvidence
from casework.tracing.services import BulkCase, BulkRequest, tracing_requests_bulk_open
from tests.factories import example_user, person_input

pytestmark = pytest.mark.django_db


def test_demo_invariants():
    stats = build_demo(families=150, seed=3)
    assert stats["cases"] == Case.objects.count() > 150
    # No case is identified before the identification demo confirms identifications.
    assert not Case.objects.filter(status=CaseStatus.IDENTIFIED).exists()
    assert not Case.objects.filter(status_changes__to_status=CaseStatus.IDENTIFIED).exists()
    # Every found-alive / death-confirmed case has confirmed evidence, reviewed by a
    # second officer.
    outcomes = Case.objects.filter(status__in=[CaseStatus.FOUND_ALIVE, CaseStatus.DEATH_CONFIRMED])
    assert outcomes.exists()
    for case in outcomes:
        ev = case.outcome_evidence.get(status=OutcomeEvidence.Status.CONFIRMED)
        assert ev.outcome == case.status
        assert ev.recorded_by.username == "tracer" and ev.reviewed_by.username == "tracer2"
    # Candidates for the identification demo stay active.
    assert Case.objects.filter(status=CaseStatus.SAMPLES_COLLECTED).exists()
    # Named actors only; the chain is intact.
    actors = set(AuditEntry.objects.values_list("actor_username", flat=True))
    assert actors <= {u for u, _, _ in DEMO_USERS} and "" not in actors
    assert {"admin", "tracer", "tracer2"} <= actors
    assert audit_verify().intact
    assert ListEdition.objects.count() == 8
    # Editions were frozen with the statuses of their day: none lists an outcome.
    assert all(
        e.data["status"]
        in {
            "open",
            "being traced",
            "AM data collected",
            "reference samples collected",
            "match proposed",
        }
        for ed in ListEdition.objects.all()
        for e in ed.entries.all()[:50]
    )


def test_demo_command_needs_no_arguments_and_is_idempotent(capsys, monkeypatch):
    monkeypatch.setattr(
        "casework.demo.management.commands.demo.build_identification_demo",
        lambda: {"families": 0, "samples": 0, "remains": 0, "profiles": 0, "identified": 0},
    )
    monkeypatch.setattr(
        "casework.demo.management.commands.demo.build_detention_demo",
        lambda: {
            "places": 0,
            "detainees": 0,
            "visits": 0,
            "contacts": 0,
            "pow_group": 0,
            "left": "2025-01-01",
        },
    )
    call_command("demo", "--families", "20")
    out = capsys.readouterr().out
    assert "Demo built:" in out and "tracer2" in out
    call_command("demo")
    assert "already loaded" in capsys.readouterr().out


def test_bulk_requests_refuse_outcomes_and_bad_histories(tomas):
    import datetime as dt

    (person,) = persons_bulk_create(people=[person_input("Ali", "Aliyev")], by=tomas)
    enquirer = persons_bulk_create(people=[person_input("Leyla", "Aliyeva", sex="F")], by=tomas)[0]
    t = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

    def request(history, **kw):
        return BulkRequest(
            enquirer_id=enquirer.pk,
            enquirer_relationship="mother",
            received_on=dt.date(2020, 1, 1),
            consent_given=True,
            consent_date=dt.date(2020, 1, 1),
            cases=[BulkCase(person_id=person.pk, history=history, **kw)],
        )

    for history in (
        [(t, "open", "opened"), (t, "identified", "DNA")],
        [(t, "open", "opened"), (t, "found_alive", "seen")],
        [(t, "being_traced", "opened")],
        [(t, "open", "opened"), (t - dt.timedelta(days=1), "being_traced", "later")],
        [(t, "open", "opened"), (t, "closed", "done")],
    ):
        with pytest.raises(ValidationFailed):
            tracing_requests_bulk_open(requests=[request(history)], by=tomas)
    with pytest.raises(ValidationFailed):
        tracing_requests_bulk_open(
            requests=[
                BulkRequest(
                    enquirer_id=enquirer.pk,
                    enquirer_relationship="mother",
                    received_on=dt.date(2020, 1, 1),
                    consent_given=False,
                    consent_date=None,
                    cases=[BulkCase(person_id=person.pk, history=[(t, "open", "x")])],
                )
            ],
            by=tomas,
        )
    assert Case.objects.count() == 0
    (case,) = tracing_requests_bulk_open(
        requests=[request([(t, "open", "opened"), (t, "being_traced", "enquiries")])], by=tomas
    )
    assert case.status == "being_traced" and case.status_changes.count() == 2
    entry = AuditEntry.objects.filter(action="tracing.request.bulk_open").get()
    assert entry.changes["cases"] == 1 and entry.actor_username == "tomas"
    assert AuditEntry.objects.filter(action="persons.person.bulk_create").count() == 2


def test_bulk_persons_validate_everything_first(tomas):
    with pytest.raises(ValidationFailed):
        persons_bulk_create(people=[person_input("Ali", "Aliyev"), person_input("", "")], by=tomas)
    from casework.persons.models import Person

    assert Person.objects.count() == 0
    example_user("tomas2")
