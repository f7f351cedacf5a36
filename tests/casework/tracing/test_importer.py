import csv

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from casework.core.errors import ImportRejected
from casework.core.models import AuditEntry
from casework.persons.models import Person
from casework.tracing.importer import CONSENT_NOT_PRESUMED, REQUIRED, import_tracing_file
from casework.tracing.models import Case, TracingRequest
from tests.factories import example_user

pytestmark = pytest.mark.django_db

HEADER = [
    *REQUIRED,
    "sought_patronymic",
    "sought_birth",
    "disappearance_date",
    "disappearance_place",
    "sought_family_cyrillic",
    "sought_given_cyrillic",
    "consent_date",
]


def row(ref, **over):
    base = {
        "source_ref": ref,
        "received_on": "2021-03-04",
        "enquirer_given": "Aygün",
        "enquirer_family": "Əliyeva",
        "enquirer_relationship": "mother",
        "sought_given": "Elçin",
        "sought_family": "Əliyev",
        "sought_sex": "M",
        "sought_patronymic": "Rəşid oğlu",
        "sought_birth": "1970",
        "disappearance_date": "1992-05",
        "disappearance_place": "Dərəkənd",
        "sought_family_cyrillic": "Алиев",
        "sought_given_cyrillic": "Эльчин",
        "consent_date": "2021-03-04",
    }
    base.update(over)
    return [base.get(h, "") for h in HEADER]


def write_csv(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def problems_of(path):
    with pytest.raises(ImportRejected) as exc:
        import_tracing_file(path, by=example_user("tomas"))
    return exc.value.problems


def test_import_then_reimport_is_idempotent(tmp_path):
    path = write_csv(tmp_path / "a.csv", [row("R1"), row("R2", sought_given="Zaur")])
    report = import_tracing_file(path, by=example_user("tomas"))
    assert len(report.created) == 2 and report.skipped == []
    assert Case.objects.count() == 2
    assert set(Case.objects.values_list("person__display_name", flat=True)) == {
        "Əliyev Elçin Rəşid oğlu",
        "Əliyev Zaur Rəşid oğlu",
    }
    report = import_tracing_file(path, by=example_user("tomas"))
    assert report.created == [] and sorted(report.skipped) == ["R1", "R2"]
    assert Case.objects.count() == 2


def test_changed_row_on_reimport_is_refused_not_overwritten(tmp_path):
    import_tracing_file(write_csv(tmp_path / "a.csv", [row("R1")]), by=example_user("tomas"))
    path = write_csv(tmp_path / "b.csv", [row("R1", sought_given="Zaur")])
    (problem,) = problems_of(path)
    assert problem.startswith("row 2: source_ref: 'R1' was already imported as TR-")
    assert Case.objects.get().person.display_name == "Əliyev Elçin Rəşid oğlu"


def test_wrong_columns(tmp_path):
    header = [h for h in HEADER if h != "sought_sex"] + ["favourite_colour"]
    path = write_csv(tmp_path / "a.csv", [], header=header)
    assert problems_of(path) == [
        "row 1: header: missing column(s): sought_sex",
        "row 1: header: unknown column(s): favourite_colour",
    ]


def test_bad_row_in_the_middle_writes_nothing(tmp_path):
    rows = [row(f"R{i}") for i in range(1, 6)]
    rows[2] = row("R3", disappearance_date="1992-02-30")
    path = write_csv(tmp_path / "a.csv", rows)
    before = (Person.objects.count(), AuditEntry.objects.count())
    assert problems_of(path) == [
        "row 4: disappearance_date: '1992-02-30': 1992-02-30 does not exist"
    ]
    assert (Person.objects.count(), AuditEntry.objects.count()) == before
    assert TracingRequest.objects.count() == 0


def test_every_problem_is_reported_with_row_and_field(tmp_path):
    rows = [
        row("R1", sought_birth="1990", disappearance_date="1985"),
        row("R1"),
        row("R3", sought_sex="X", received_on="04/03/2021"),
        row("R4", sought_given="", sought_family=""),
        row("R5", sought_birth="2090"),
    ]
    problems = problems_of(write_csv(tmp_path / "a.csv", rows))
    assert problems == [
        "row 2: sought.disappearance: The disappearance date is before the date of birth.",
        "row 3: source_ref: 'R1' repeats row 2",
        "row 4: received_on: '04/03/2021' is not a date (YYYY-MM-DD)",
        "row 4: sought_sex: 'X' is not M, F or U",
        "row 5: sought_given: required value is empty",
        "row 5: sought_family: required value is empty",
        "row 6: sought.birth: a birth date cannot be in the future",
        "row 6: sought.disappearance: The disappearance date is before the date of birth.",
    ]
    assert Case.objects.count() == 0


def test_xlsx_import(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(row("X1"))
    path = tmp_path / "a.xlsx"
    wb.save(path)
    assert len(import_tracing_file(path, by=example_user("tomas")).created) == 1
    assert Case.objects.get().person.names.count() == 2


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    assert problems_of(tmp_path / "a.txt") == ["file: unsupported type .txt: use .csv or .xlsx"]
    assert problems_of(tmp_path / "none.csv")[0].startswith("file: ")


def test_cli_reports_rows_and_exits_nonzero(tmp_path, capsys):
    example_user("tomas")
    path = write_csv(tmp_path / "a.csv", [row("R1"), row("R2", sought_sex="Q")])
    with pytest.raises(CommandError, match="nothing was imported") as exc:
        call_command("import_tracing", str(path), "--as", "tomas")
    assert "row 3: sought_sex: 'Q' is not M, F or U" in str(exc.value)
    path = write_csv(tmp_path / "b.csv", [row("R1")])
    call_command("import_tracing", str(path), "--as", "tomas")
    assert "1 request(s) imported" in capsys.readouterr().out
    assert TracingRequest.objects.get().created_by.username == "tomas"
    entry = AuditEntry.objects.filter(action="tracing.import").get()
    assert entry.actor_username == "tomas"


def test_cli_import_acts_as_a_named_user_with_the_permission(tmp_path, monkeypatch):
    monkeypatch.delenv("KINTRACE_USER", raising=False)
    path = write_csv(tmp_path / "a.csv", [row("R1")])
    with pytest.raises(CommandError, match="Name the user"):
        call_command("import_tracing", str(path))
    with pytest.raises(CommandError, match="No active user 'nobody'"):
        call_command("import_tracing", str(path), "--as", "nobody")
    example_user("pat")  # a partner may not import: the flow answers "not found"
    with pytest.raises(CommandError):
        call_command("import_tracing", str(path), "--as", "pat")
    assert TracingRequest.objects.count() == 0


def test_consent_is_never_presumed_from_the_legal_basis(tmp_path):
    path = tmp_path / "no-consent-date.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerow(row("S-1", consent_date=""))
    with pytest.raises(ImportRejected) as exc:
        import_tracing_file(path, by=example_user("tomas"))
    assert exc.value.problems == [f"row 2: consent_date: {CONSENT_NOT_PRESUMED}"]
    assert not TracingRequest.objects.exists()
