import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from casework.cli import translate
from casework.core.models import AuditEntry
from casework.tracing.models import ListEdition
from tests.factories import open_request

pytestmark = pytest.mark.django_db


def test_translate_maps_kintrace_verbs_to_commands():
    assert translate(["import", "tracing", "f.csv"]) == ["import_tracing", "f.csv"]
    assert translate(["list-edition", "diff", "1", "2"]) == ["list_edition", "diff", "1", "2"]
    assert translate(["audit", "verify"]) == ["audit", "verify"]
    assert translate([]) == ["help"]


def test_list_edition_create_export_diff(tomas, tmp_path, capsys):
    open_request(by=tomas)
    create = ["list_edition", "create", "--recipient", "Commission", "--as", "tomas"]
    call_command(*create, "--date", "2024-01-01")
    assert "Edition 1 frozen: 1 cases" in capsys.readouterr().out
    open_request(by=tomas)
    call_command(*create, "--date", "2024-02-01")
    out = tmp_path / "e2.xlsx"
    call_command("list_edition", "export", "2", "-o", str(out), "--as", "tomas")
    assert load_workbook(out).worksheets[0].max_row == 3
    capsys.readouterr()
    call_command("list_edition", "diff", "1", "2", "--format", "json", "--as", "tomas")
    diff = json.loads(capsys.readouterr().out)
    assert len(diff["added"]) == 1 and diff["removed"] == [] and diff["unchanged"] == 1
    with pytest.raises(CommandError, match="Not found"):
        call_command("list_edition", "diff", "1", "9", "--as", "tomas")
    assert ListEdition.objects.count() == 2
    editions = ListEdition.objects.order_by("number")
    assert [e.created_by.username for e in editions] == ["tomas", "tomas"]
    reads = AuditEntry.objects.filter(
        action__in=["tracing.edition.export", "tracing.edition.diff"]
    ).values_list("action", "actor_username")
    assert sorted(reads) == [
        ("tracing.edition.diff", "tomas"),
        ("tracing.edition.export", "tomas"),
    ]


def test_list_edition_needs_a_user_who_may(tomas, monkeypatch, tmp_path):
    from tests.factories import example_user

    monkeypatch.delenv("KINTRACE_USER", raising=False)
    open_request(by=tomas)
    with pytest.raises(CommandError, match="Name the user"):
        call_command("list_edition", "create", "--recipient", "C")
    example_user("pat")
    with pytest.raises(CommandError, match="Not found"):
        call_command("list_edition", "create", "--recipient", "C", "--as", "pat")
    call_command("list_edition", "create", "--recipient", "C", "--as", "tomas")
    with pytest.raises(CommandError, match="Not found"):  # a partner sees no name list
        call_command("list_edition", "export", "1", "-o", str(tmp_path / "x.csv"), "--as", "pat")
    assert ListEdition.objects.count() == 1


def test_console_script_is_installed_and_runs():
    out = subprocess.run(
        [sys.executable, "-m", "casework.cli", "help", "list_edition"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "create" in out.stdout and "diff" in out.stdout
