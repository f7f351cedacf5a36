"""`kintrace detention isolation` acts as a named user (--as), through the same flow."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.core import roles
from casework.core.management.actor import ACTOR_ENV
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def run(*args):
    call_command("detention", "isolation", *args)


def test_isolation_as_the_delegate(setting, dana, capsys):
    run("--as", dana.username, "--as-of", "2025-03-31", "--days", "60")
    out = capsys.readouterr().out
    assert out.startswith("1 detainee(s)") and setting["b"].reference in out


def test_isolation_from_the_environment(setting, dana, capsys, monkeypatch):
    monkeypatch.setenv(ACTOR_ENV, dana.username)
    # the default is read when the parser is built, i.e. at each call
    run("--as-of", "2025-03-31", "--format", "json")
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_missing_and_unknown_user_are_clean_errors(setting, monkeypatch):
    monkeypatch.delenv(ACTOR_ENV, raising=False)
    with pytest.raises(CommandError, match="--as USER"):
        run("--as-of", "2025-03-31")
    with pytest.raises(CommandError, match="No active user 'nobody'"):
        run("--as", "nobody")


def test_refused_role_is_not_found(setting):
    for role in (roles.PARTNER, roles.TRACING_OFFICER):
        user = user_with_role(role)
        with pytest.raises(CommandError) as exc:
            run("--as", user.username)
        assert str(exc.value) == "Not found."
        assert exc.value.__cause__ is None  # no chained traceback


def test_bad_threshold_and_date(setting, dana):
    with pytest.raises(CommandError, match="between 0 and 36500"):
        run("--as", dana.username, "--days", "-3")
    with pytest.raises(CommandError, match="is not a date"):
        run("--as", dana.username, "--as-of", "31/03/2025")
