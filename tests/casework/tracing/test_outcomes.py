"""Integrity of outcomes: no status change sets an outcome; found alive and death
confirmed come from reviewed evidence (four eyes); a merge is reversible."""

import datetime as dt

import pytest
from django.test import Client

from casework.core.errors import InvalidTransition, NotFound, ValidationFailed
from casework.core.models import AuditEntry
from casework.tracing.models import Case, CaseStatus, CloseReason, OutcomeEvidence
from casework.tracing.services import (
    EVIDENCE_DOCUMENT_REF,
    EVIDENCE_NOT_PROPOSED,
    EVIDENCE_PENDING,
    EVIDENCE_REJECT_NOTE,
    EVIDENCE_SAME_OFFICER,
    NOT_MERGED,
    OUTCOME_NEEDS_RECORD,
    EvidenceInput,
    SoughtInput,
    case_merge_undo,
    case_set_status,
    case_status_change,
    outcome_evidence_record,
    outcome_evidence_review,
)
from tests.factories import example_user, open_request, person_input, record_outcome

pytestmark = pytest.mark.django_db


def evidence_input(**over) -> EvidenceInput:
    base = {
        "outcome": CaseStatus.DEATH_CONFIRMED,
        "source": "village council",
        "information_date": dt.date(2024, 3, 1),
        "kind": OutcomeEvidence.Kind.DOCUMENT,
        "reference": "death certificate 12/2024",
    }
    base.update(over)
    return EvidenceInput(**base)


@pytest.fixture
def case(tomas):
    return open_request(by=tomas).cases.get()


@pytest.fixture
def tomas2(db):
    return example_user("tomas2")


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(
    "outcome", [CaseStatus.IDENTIFIED, CaseStatus.FOUND_ALIVE, CaseStatus.DEATH_CONFIRMED]
)
def test_a_status_change_never_sets_an_outcome(tomas, case, outcome):
    with pytest.raises(InvalidTransition) as exc:
        case_status_change(case_id=case.pk, to_status=outcome, reason="told so", by=tomas)
    assert exc.value.message == OUTCOME_NEEDS_RECORD.format(label=CaseStatus(outcome).label)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN


@pytest.mark.parametrize(
    "outcome", [CaseStatus.IDENTIFIED, CaseStatus.FOUND_ALIVE, CaseStatus.DEATH_CONFIRMED]
)
def test_outcome_refused_on_the_page_and_the_api(tomas, case, outcome):
    c = client_for(tomas)
    r = c.post(f"/cases/{case.pk}/status/", {"to_status": outcome, "reason": "told so"})
    assert r.status_code == 200  # the form again, with the error
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    r = c.post(
        f"/api/cases/{case.pk}/status",
        {"to_status": outcome, "reason": "told so"},
        content_type="application/json",
    )
    assert r.status_code == 409  # InvalidTransition
    assert r.json()["message"] == OUTCOME_NEEDS_RECORD.format(label=CaseStatus(outcome).label)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    assert not AuditEntry.objects.filter(action="tracing.case.status").exists()


def test_the_status_form_offers_no_outcome(tomas, case):
    page = client_for(tomas).get(f"/cases/{case.pk}/status/").content.decode()
    for outcome in ("identified", "found_alive", "death_confirmed"):
        assert f'value="{outcome}"' not in page
    assert 'value="being_traced"' in page and 'value="closed"' in page


def test_evidence_confirmed_by_a_second_officer_moves_the_case(tomas, tomas2, case):
    evidence = outcome_evidence_record(case_id=case.pk, data=evidence_input(), by=tomas)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN  # not yet
    with pytest.raises(InvalidTransition, match="second officer"):
        outcome_evidence_review(evidence_id=evidence.pk, decision="confirm", by=tomas)
    assert EVIDENCE_SAME_OFFICER.startswith("A second officer")
    outcome_evidence_review(evidence_id=evidence.pk, decision="confirm", note="ok", by=tomas2)
    case.refresh_from_db()
    evidence.refresh_from_db()
    assert case.status == CaseStatus.DEATH_CONFIRMED
    assert evidence.status == OutcomeEvidence.Status.CONFIRMED
    assert evidence.reviewed_by == tomas2 and evidence.recorded_by == tomas
    last = case.status_changes.last()
    assert (last.from_status, last.to_status, last.by) == ("open", "death_confirmed", tomas2)
    status_entry = AuditEntry.objects.filter(action="tracing.case.status").get()
    assert status_entry.changes == {"status": ["open", "death_confirmed"], "evidence": evidence.pk}
    with pytest.raises(InvalidTransition, match=EVIDENCE_NOT_PROPOSED):
        outcome_evidence_review(evidence_id=evidence.pk, decision="reject", note="x", by=tomas2)


def test_rejected_evidence_leaves_the_case_and_needs_a_note(tomas, tomas2, case):
    evidence = outcome_evidence_record(
        case_id=case.pk, data=evidence_input(outcome=CaseStatus.FOUND_ALIVE), by=tomas
    )
    with pytest.raises(ValidationFailed) as exc:
        outcome_evidence_review(evidence_id=evidence.pk, decision="reject", by=tomas2)
    assert exc.value.errors == {"note": [EVIDENCE_REJECT_NOTE]}
    outcome_evidence_review(
        evidence_id=evidence.pk, decision="reject", note="wrong person", by=tomas2
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    assert OutcomeEvidence.objects.get().status == OutcomeEvidence.Status.REJECTED


def test_evidence_is_validated(tomas, case):
    with pytest.raises(ValidationFailed) as exc:
        outcome_evidence_record(
            case_id=case.pk,
            data=evidence_input(
                outcome=CaseStatus.IDENTIFIED,
                source=" ",
                reference="",
                information_date=dt.date.today() + dt.timedelta(days=2),
            ),
            by=tomas,
        )
    assert set(exc.value.errors) == {"outcome", "source", "reference", "information_date"}
    assert exc.value.errors["reference"] == [EVIDENCE_DOCUMENT_REF]
    outcome_evidence_record(case_id=case.pk, data=evidence_input(), by=tomas)
    with pytest.raises(ValidationFailed) as exc:
        outcome_evidence_record(case_id=case.pk, data=evidence_input(), by=tomas)
    assert exc.value.errors["outcome"] == [EVIDENCE_PENDING]


@pytest.mark.parametrize("username", ["farida", "dana", "aziz", "dora", "pat"])
def test_other_roles_neither_record_nor_review(tomas, case, username):
    user = example_user(username)
    with pytest.raises(NotFound):
        outcome_evidence_record(case_id=case.pk, data=evidence_input(), by=user)
    evidence = outcome_evidence_record(case_id=case.pk, data=evidence_input(), by=tomas)
    with pytest.raises(NotFound):
        outcome_evidence_review(evidence_id=evidence.pk, decision="confirm", by=user)


def test_evidence_pages_and_api(tomas, tomas2, case):
    r = client_for(tomas).post(
        f"/cases/{case.pk}/outcome-evidence/",
        {
            "outcome": "found_alive",
            "source": "ICRC delegation (fictional)",
            "information_date": "2024-02-02",
            "kind": "witness",
            "reference": "",
        },
    )
    assert r.status_code == 200 and "witness" in r.content.decode()  # name required
    r = client_for(tomas).post(
        f"/api/cases/{case.pk}/outcome-evidence",
        {
            "outcome": "found_alive",
            "source": "ICRC delegation (fictional)",
            "information_date": "2024-02-02",
            "kind": "witness",
            "reference": "his cousin",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    evidence_id = r.json()["id"]
    page = client_for(tomas2).get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/outcome-evidence/{evidence_id}/review/" in page
    r = client_for(tomas).post(
        f"/api/outcome-evidence/{evidence_id}/review",
        {"decision": "confirm"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["message"] == EVIDENCE_SAME_OFFICER
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    r = client_for(tomas2).post(
        f"/cases/{case.pk}/outcome-evidence/{evidence_id}/review/", {"decision": "confirm"}
    )
    assert r.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.FOUND_ALIVE
    other = open_request(by=tomas).cases.get()
    r = client_for(tomas2).post(
        f"/cases/{other.pk}/outcome-evidence/{evidence_id}/review/", {"decision": "confirm"}
    )
    assert r.status_code == 404  # the evidence is not this case's


def test_merge_is_reversible_and_keeps_both_steps(tomas, case):
    case_set_status(case=case, to_status=CaseStatus.AM_COLLECTED, reason="AM interview", by=tomas)
    dup = open_request(by=tomas, sought=[SoughtInput(person=person_input("Elçin", "Əliyev"))])
    dup = dup.cases.get()
    case_set_status(case=dup, to_status=CaseStatus.BEING_TRACED, reason="enquiries", by=tomas)
    case_status_change(
        case_id=dup.pk,
        to_status=CaseStatus.CLOSED,
        close_reason=CloseReason.MERGED,
        merged_into=case.case_number,
        reason="the same person",
        by=tomas,
    )
    dup.refresh_from_db()
    assert (dup.status, dup.close_reason, dup.merged_into_id) == ("closed", "merged", case.pk)
    with pytest.raises(InvalidTransition, match=NOT_MERGED):
        case_merge_undo(case_id=case.pk, reason="x", by=tomas)
    with pytest.raises(NotFound):
        case_merge_undo(case_id=dup.pk, reason="x", by=example_user("aziz"))
    r = client_for(tomas).post(f"/cases/{dup.pk}/merge-undo/", {"reason": "different fathers"})
    assert r.status_code == 302
    dup.refresh_from_db()
    assert (dup.status, dup.close_reason, dup.merged_into_id) == ("being_traced", "", None)
    assert [(s.from_status, s.to_status) for s in dup.status_changes.all()] == [
        ("", "open"),
        ("open", "being_traced"),
        ("being_traced", "closed"),
        ("closed", "being_traced"),
    ]
    entry = AuditEntry.objects.filter(action="tracing.case.merge_undo").get()
    assert entry.changes == {
        "status": ["closed", "being_traced"],
        "merged_into": [case.case_number, None],
    }
    assert entry.reason == "different fathers"
    assert AuditEntry.objects.filter(action="tracing.case.close", object_id=str(dup.pk)).exists()


def test_merge_undo_api(tomas, case):
    dup = open_request(by=tomas).cases.get()
    case_status_change(
        case_id=dup.pk,
        to_status=CaseStatus.CLOSED,
        close_reason=CloseReason.MERGED,
        merged_into=case.case_number,
        reason="duplicate",
        by=tomas,
    )
    r = client_for(tomas).post(
        f"/api/cases/{dup.pk}/merge-undo",
        {"reason": "not a duplicate"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "open"


def test_closing_keeps_who_and_why(tomas, case):
    case_status_change(
        case_id=case.pk,
        to_status=CaseStatus.CLOSED,
        close_reason=CloseReason.WITHDRAWN,
        reason="the family asked",
        by=tomas,
    )
    last = Case.objects.get(pk=case.pk).status_changes.last()
    assert last.by == tomas and last.reason == "withdrawn: the family asked"
    entry = AuditEntry.objects.filter(action="tracing.case.close").get()
    assert entry.actor_username == "tomas" and entry.reason == "the family asked"


def test_record_outcome_helper_gives_found_alive(case):
    record_outcome(case, CaseStatus.FOUND_ALIVE)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.FOUND_ALIVE
