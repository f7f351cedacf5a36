import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from casework.cli import translate
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
    call_command("list_edition", "create", "--recipient", "Commission", "--date", "2024-01-01")
    assert "Edition 1 frozen: 1 cases" in capsys.readouterr().out
    open_request(by=tomas)
    call_command("list_edition", "create", "--recipient", "Commission", "--date", "2024-02-01")
    out = tmp_path / "e2.xlsx"
    call_command("list_edition", "export", "2", "-o", str(out))
    assert load_workbook(out).worksheets[0].max_row == 3
    capsys.readouterr()
    call_command("list_edition", "diff", "1", "2", "--format", "json")
    diff = json.loads(capsys.readouterr().out)
    assert len(diff["added"]) == 1 and diff["removed"] == [] and diff["unchanged"] == 1
    with pytest.raises(CommandError, match="There is no edition 9"):
        call_command("list_edition", "diff", "1", "9")
    assert ListEdition.objects.count() == 2


def test_console_script_is_installed_and_runs():
    out = subprocess.run(
        [sys.executable, "-m", "casework.cli", "help", "list_edition"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "create" in out.stdout and "diff" in out.stdout
