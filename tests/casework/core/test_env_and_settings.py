import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.env import env_bool, env_int, env_str
from config.settings.base import database_from_url


def test_missing_required_variable_fails_loudly(monkeypatch):
    monkeypatch.delenv("KINTRACE_NOPE", raising=False)
    with pytest.raises(
        ImproperlyConfigured, match="Environment variable KINTRACE_NOPE is required"
    ):
        env_str("KINTRACE_NOPE")


def test_malformed_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("KINTRACE_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="is not a boolean"):
        env_bool("KINTRACE_FLAG", False)
    monkeypatch.setenv("KINTRACE_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="is not an integer"):
        env_int("KINTRACE_N", 1)


def test_sqlite_gets_wal_immediate_and_timeout():
    cfg = database_from_url("sqlite:////tmp/x.sqlite3")
    assert cfg["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert cfg["OPTIONS"]["timeout"] >= 20
    assert "journal_mode=WAL" in cfg["OPTIONS"]["init_command"]


def test_postgres_url_and_unsupported_engine():
    assert database_from_url("postgres://u@h:5432/d")["ENGINE"] == "django.db.backends.postgresql"
    with pytest.raises(ImproperlyConfigured, match="unsupported engine"):
        database_from_url("mysql://u@h/d")


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_roles_are_seeded_by_migration():
    from django.contrib.auth.models import Group

    from casework.core.roles import ALL_ROLES, ROLE_PERMISSIONS

    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ALL_ROLES)
    partner = Group.objects.get(name="partner")
    assert [f"{p.content_type.app_label}.{p.codename}" for p in partner.permissions.all()] == (
        ROLE_PERMISSIONS["partner"]
    )


def test_sci_filter():
    from casework.core.templatetags.kintrace import sci

    assert sci(17708229.0) == "1.8 × 10^7"
    assert sci(950) == "950"
    assert sci("x") == ""
