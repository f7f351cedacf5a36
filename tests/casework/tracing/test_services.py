import pytest

from casework.core.errors import InvalidTransition, ValidationFailed
from casework.core.models import AuditEntry
from casework.persons.partial_dates import PartialDate
from casework.tracing import lifecycle
from casework.tracing.models import Case, CaseStatus, CloseReason
from casework.tracing.services import (
    CONSENT_REQUIRED,
    DISAPPEARED_BEFORE_BIRTH,
    CircumstancesInput,
    SoughtInput,
    case_set_status,
    case_update,
)
from tests.factories import open_request, person_input, record_outcome

pytestmark = pytest.mark.django_db


def test_open_request_creates_persons_cases_and_audit(tomas):
    tr = open_request(
        by=tomas,
        sought=[
            SoughtInput(person=person_input("Vüqar", "Quliyev")),
            SoughtInput(person=person_input("Namiq", "Quliyev")),
        ],
    )
    cases = list(tr.cases.order_by("case_number"))
    assert [c.status for c in cases] == [CaseStatus.OPEN, CaseStatus.OPEN]
    assert cases[0].case_number != cases[1].case_number
    assert tr.reference.startswith("TR-")
    assert AuditEntry.objects.filter(action="tracing.case.open").count() == 2
    assert all(c.status_changes.count() == 1 for c in cases)


def test_validation_messages_name_the_field(tomas):
    with pytest.raises(ValidationFailed) as exc:
        open_request(by=tomas, consent_given=False)
    assert exc.value.errors["consent_given"] == [CONSENT_REQUIRED]
    with pytest.raises(ValidationFailed) as exc:
        open_request(
            by=tomas,
            sought=[
                SoughtInput(
                    person=person_input("Ali", "Aliyev", birth="1990"),
                    disappearance=PartialDate(1988),
                )
            ],
        )
    assert exc.value.errors["sought.disappearance"] == [DISAPPEARED_BEFORE_BIRTH]
    assert Case.objects.count() == 0  # nothing half-written


def test_lifecycle_forward_outcome_close(tomas):
    case = open_request(by=tomas).cases.get()
    case_set_status(case=case, to_status=CaseStatus.BEING_TRACED, reason="enquiries", by=tomas)
    record_outcome(case, CaseStatus.FOUND_ALIVE)
    case.refresh_from_db()
    with pytest.raises(ValidationFailed) as exc:
        case_set_status(case=case, to_status=CaseStatus.CLOSED, reason="done", by=tomas)
    assert exc.value.errors["close_reason"] == [lifecycle.CLOSE_NEEDS_REASON]
    case_set_status(
        case=case,
        to_status=CaseStatus.CLOSED,
        reason="family informed",
        close_reason=CloseReason.RESOLVED,
        by=tomas,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.close_reason == CloseReason.RESOLVED
    assert [c.to_status for c in case.status_changes.all()] == [
        "open",
        "being_traced",
        "found_alive",
        "closed",
    ]
    with pytest.raises(InvalidTransition, match=lifecycle.CLOSED_IS_FINAL):
        case_set_status(case=case, to_status=CaseStatus.OPEN, reason="x", by=tomas)


def test_ended_without_result_is_its_own_status(tomas):
    case = open_request(by=tomas).cases.get()
    case_set_status(
        case=case,
        to_status=CaseStatus.ENDED_WITHOUT_RESULT,
        reason="all avenues exhausted",
        by=tomas,
    )
    assert Case.objects.get(pk=case.pk).status == "ended_without_result"
    with pytest.raises(InvalidTransition, match="cannot go from"):
        case_set_status(case=case, to_status=CaseStatus.BEING_TRACED, reason="x", by=tomas)


def test_reason_is_required_and_merge_needs_target(tomas):
    case = open_request(by=tomas).cases.get()
    with pytest.raises(ValidationFailed) as exc:
        case_set_status(case=case, to_status=CaseStatus.BEING_TRACED, reason=" ", by=tomas)
    assert exc.value.errors["reason"] == [lifecycle.REASON_TEXT_REQUIRED]
    with pytest.raises(ValidationFailed) as exc:
        case_set_status(
            case=case,
            to_status=CaseStatus.CLOSED,
            reason="dup",
            close_reason=CloseReason.MERGED,
            by=tomas,
        )
    assert "merged_into" in exc.value.errors


def test_case_update_records_changed_fields(tomas):
    case = open_request(by=tomas).cases.get()
    case_update(
        case_id=case.pk,
        by=tomas,
        reason="second testimony",
        data=CircumstancesInput(
            disappearance=PartialDate(1992, 5, 9),
            disappearance_place="Dərəkənd",
            event="test event",
            last_seen_where="at the bridge",
        ),
    )
    entry = AuditEntry.objects.filter(action="tracing.case.update").get()
    assert entry.changes == {
        "disappearance": ["1992-05", "1992-05-09"],
        "last_seen_where": ["", "at the bridge"],
    }
    assert entry.reason == "second testimony"
