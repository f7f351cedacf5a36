import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from casework.core.errors import ValidationFailed
from casework.tracing import editions as ed
from casework.tracing.models import CaseStatus, CloseReason
from casework.tracing.services import SoughtInput, case_set_status
from tests.factories import open_request, person_input, record_outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(tomas):
    tr = open_request(
        by=tomas,
        sought=[
            SoughtInput(person=person_input("Elçin", "Əliyev")),
            SoughtInput(person=person_input("Kamran", "Abbasov")),
            SoughtInput(person=person_input("Zaur", "Kərimov")),
        ],
    )
    return list(tr.cases.order_by("case_number"))


def test_freeze_and_diff_with_reasons(tomas, three_cases):
    a, b, c = three_cases
    e1 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    assert e1.number == 1 and e1.entries.count() == 3
    # Between editions: one found alive, one withdrawn, one amended status, one new case.
    case_set_status(case=a, to_status=CaseStatus.SAMPLES_COLLECTED, reason="samples", by=tomas)
    record_outcome(a, CaseStatus.FOUND_ALIVE)
    case_set_status(
        case=b,
        to_status=CaseStatus.CLOSED,
        reason="family request",
        close_reason=CloseReason.WITHDRAWN,
        by=tomas,
    )
    case_set_status(case=c, to_status=CaseStatus.BEING_TRACED, reason="enquiries", by=tomas)
    new = open_request(by=tomas, sought=[SoughtInput(person=person_input("Ramil", "Nəsirov"))])
    e2 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 6, 1), by=tomas)
    diff = ed.edition_diff(e1, e2)
    assert [r["case_number"] for r in diff.added] == [new.cases.get().case_number]
    assert {(r.case_number, r.reason) for r in diff.removed} == {
        (a.case_number, "found alive"),
        (b.case_number, "withdrawn"),
    }
    assert len(diff.amended) == 1
    assert diff.amended[0].case_number == c.case_number
    assert diff.amended[0].changes == {"status": ("open", "being traced")}
    assert diff.summary() == "Edition 1 → 2: 1 added, 2 removed, 1 amended, 0 unchanged"


def test_merged_case_is_removed_with_its_target(tomas, three_cases):
    a, b, _ = three_cases
    e1 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    case_set_status(
        case=b,
        to_status=CaseStatus.CLOSED,
        reason="duplicate",
        close_reason=CloseReason.MERGED,
        merged_into=a,
        by=tomas,
    )
    e2 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 2, 1), by=tomas)
    (removal,) = ed.edition_diff(e1, e2).removed
    assert removal.reason == f"merged into {a.case_number}"


def test_editions_are_frozen(tomas, three_cases):
    e1 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    before = ed.edition_export(viewer=tomas, number=e1.number, fmt="csv").body
    case_set_status(case=three_cases[0], to_status=CaseStatus.BEING_TRACED, reason="x", by=tomas)
    assert ed.edition_export(viewer=tomas, number=e1.number, fmt="csv").body == before


def test_exports_csv_and_xlsx_with_stable_case_numbers(tomas, three_cases):
    e1 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    text = ed.edition_export(viewer=tomas, number=e1.number, fmt="csv").body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [label for _, label in ed.COLUMNS]
    assert [r[0] for r in rows[1:]] == [c.case_number for c in three_cases]
    assert rows[1][1] == "Əliyev"
    wb = load_workbook(io.BytesIO(ed.edition_export(viewer=tomas, number=1, fmt="xlsx").body))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[2]][:2] == [three_cases[0].case_number, "Əliyev"]
    assert wb["About"]["B3"].value == "Commission"


def test_edition_needs_recipient_and_cases(tomas, three_cases):
    with pytest.raises(ValidationFailed) as exc:
        ed.edition_create(recipient=" ", edition_date=dt.date(2024, 1, 1), by=tomas)
    assert exc.value.errors == {"recipient": [ed.RECIPIENT_REQUIRED]}
    from casework.tracing.selectors import RegistryFilters

    with pytest.raises(ValidationFailed) as exc:
        ed.edition_create(
            recipient="C",
            edition_date=dt.date(2024, 1, 1),
            by=tomas,
            criteria=RegistryFilters(status=["identified"]),
        )
    assert exc.value.errors == {"criteria": [ed.EMPTY_EDITION]}


def test_authority_response(tomas, three_cases):
    e1 = ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    r = ed.authority_response_record(
        number=e1.number,
        case_number=three_cases[0].case_number,
        kind="query",
        received_on=dt.date(2024, 2, 1),
        note="date of birth?",
        by=tomas,
    )
    assert r.entry.case_id == three_cases[0].pk
    with pytest.raises(ValidationFailed) as exc:
        ed.authority_response_record(
            number=e1.number,
            case_number="MP-999999",
            kind="query",
            received_on=dt.date(2023, 2, 1),
            note="",
            by=tomas,
        )
    assert exc.value.errors["case_number"] == ["Case MP-999999 is not in edition 1."]
    assert exc.value.errors["received_on"] == ["A response cannot predate the edition it answers."]


def test_export_and_diff_are_audited_reads(tomas, three_cases):
    from casework.core.models import AuditEntry

    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 2, 1), by=tomas)
    export = ed.edition_export(viewer=tomas, number=1, fmt="xlsx")
    assert export.filename == "kintrace-edition-01.xlsx" and export.entries == 3
    ed.edition_diff_for(viewer=tomas, old_number=1, new_number=2)
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", "changes"))[-2:]
    assert actions == [
        ("tracing.edition.export", {"format": "xlsx"}),
        ("tracing.edition.diff", {"old": 1, "new": 2}),
    ]


def test_edition_as_of_a_past_moment_uses_the_status_history(tomas, three_cases):
    from django.utils import timezone

    from casework.tracing.selectors import RegistryFilters

    a = three_cases[0]
    before = timezone.now()
    case_set_status(case=a, to_status=CaseStatus.BEING_TRACED, reason="enquiries", by=tomas)
    e = ed.edition_create(
        recipient="Commission",
        edition_date=dt.date(2024, 1, 1),
        criteria=RegistryFilters(status=[CaseStatus.OPEN]),
        as_of=before,
        by=tomas,
    )
    assert e.entries.count() == 3 and e.frozen_at == before
    assert {x.data["status"] for x in e.entries.all()} == {"open"}
    with pytest.raises(ValidationFailed) as exc:
        ed.edition_create(
            recipient="C",
            edition_date=dt.date(2024, 1, 1),
            as_of=timezone.now() + dt.timedelta(days=1),
            by=tomas,
        )
    assert exc.value.errors == {"as_of": [ed.AS_OF_FUTURE]}


def test_unknown_export_format_and_edition_are_not_found(tomas, three_cases):
    from casework.core.errors import NotFound

    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    with pytest.raises(NotFound):
        ed.edition_export(viewer=tomas, number=1, fmt="pdf")
    with pytest.raises(NotFound):
        ed.edition_export(viewer=tomas, number=9, fmt="csv")
