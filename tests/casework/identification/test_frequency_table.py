"""The active allele-frequency table is named in settings, checked by a system check,
and reading it never imports."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.core import roles
from casework.core.errors import NotFound
from casework.identification.checks import W001, check_frequency_table
from casework.identification.frequencies import (
    SHIPPED_NAME,
    SHIPPED_TABLE,
    SHIPPED_VERSION,
    TABLE_SETTING_MALFORMED,
    FrequencyTableMissing,
    active_frequency_table,
)
from casework.identification.models import FrequencyTable
from casework.identification.services import frequency_table_import
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_reading_the_active_table_never_imports(settings):
    with pytest.raises(FrequencyTableMissing) as exc:
        active_frequency_table()
    assert "KINTRACE_FREQUENCY_TABLE" in exc.value.message
    assert "kintrace import frequencies" in exc.value.message
    assert FrequencyTable.objects.count() == 0
    settings.KINTRACE_FREQUENCY_TABLE = "no version"
    with pytest.raises(FrequencyTableMissing) as exc:
        active_frequency_table()
    assert exc.value.message == TABLE_SETTING_MALFORMED.format(value="no version")


def test_the_system_check_warns_until_the_table_is_imported(settings):
    (warning,) = check_frequency_table(databases=["default"])
    assert warning.id == W001 == "kintrace.W001"
    assert "KINTRACE_FREQUENCY_TABLE" in warning.msg and "import frequencies" in warning.hint
    assert check_frequency_table(databases=None) == []  # without --database: silent
    admin = user_with_role(roles.ADMINISTRATOR)
    table = frequency_table_import(
        path=SHIPPED_TABLE, name=SHIPPED_NAME, version=SHIPPED_VERSION, citation="x", by=admin
    )
    assert check_frequency_table(databases=["default"]) == []
    assert active_frequency_table() == table
    settings.KINTRACE_FREQUENCY_TABLE = "Another table@2"
    assert check_frequency_table(databases=["default"])[0].id == W001


def test_the_check_is_silent_on_a_database_without_tables(monkeypatch):
    from django.db import DatabaseError

    from casework.identification import checks

    def broken():
        raise DatabaseError("no such table: identification_frequencytable")

    monkeypatch.setattr(checks, "active_frequency_table", broken)
    assert check_frequency_table(databases=["default"]) == []


def test_importing_a_table_is_a_flow_run_as_a_named_user():
    with pytest.raises(NotFound):
        frequency_table_import(
            path=SHIPPED_TABLE,
            name=SHIPPED_NAME,
            version=SHIPPED_VERSION,
            citation="x",
            by=user_with_role(roles.TRACING_OFFICER),
        )
    user_with_role(roles.FORENSIC_SPECIALIST)
    user_with_role(roles.TRACING_OFFICER)
    out = io.StringIO()
    args = [str(SHIPPED_TABLE), "--name", SHIPPED_NAME, "--version", SHIPPED_VERSION]
    call_command("import_frequencies", *args, "--citation", "c", "--as", "farida", stdout=out)
    assert "markers" in out.getvalue()
    with pytest.raises(CommandError, match="Not found"):
        call_command("import_frequencies", *args, "--citation", "c", "--as", "tomas")
    with pytest.raises(CommandError, match="--as USER"):
        call_command("import_frequencies", *args, "--citation", "c")
