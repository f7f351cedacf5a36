import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from casework.core.audit import NOT_IN_TRANSACTION, audit_record, audit_verify
from casework.core.errors import AuditLogAppendOnly
from casework.core.models import APPEND_ONLY, AuditEntry
from tests.factories import example_user, open_request

pytestmark = pytest.mark.django_db


def _drop_triggers():
    """Simulate an attacker with direct database access."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER core_auditentry_no_update")
            cur.execute("DROP TRIGGER core_auditentry_no_delete")
        else:
            cur.execute("DROP TRIGGER core_auditentry_no_change ON core_auditentry")


def test_writes_extend_an_intact_chain(tomas):
    open_request(by=tomas)
    result = audit_verify()
    assert result.intact
    assert result.checked == AuditEntry.objects.count() >= 4
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "tracing.request.open" in actions and "tracing.case.open" in actions
    assert result.message() == f"Audit chain intact: {result.checked} entries verified."


def test_entries_link_to_their_predecessor(tomas):
    open_request(by=tomas)
    entries = list(AuditEntry.objects.order_by("seq"))
    assert entries[0].prev_hash == "0" * 64
    for prev, cur in itertools.pairwise(entries):
        assert cur.prev_hash == prev.entry_hash
        assert cur.seq == prev.seq + 1


def test_tampered_content_is_reported_at_the_first_bad_entry(tomas):
    open_request(by=tomas)
    victim = AuditEntry.objects.order_by("seq")[2]
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["edited", victim.pk])
    result = audit_verify()
    assert not result.intact
    assert result.first_bad_seq == victim.seq
    assert result.message() == (
        f"Audit chain broken at entry #{victim.seq}: its content does not match its hash"
    )
    with pytest.raises(CommandError, match=f"broken at entry #{victim.seq}"):
        call_command("audit", "verify", "--as", example_user("ada").username)


def test_removed_entry_is_detected(tomas):
    open_request(by=tomas)
    victim = AuditEntry.objects.order_by("seq")[1]
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
    result = audit_verify()
    assert not result.intact and result.first_bad_seq == victim.seq
    assert "missing" in result.problem


def test_truncated_tail_is_detected(tomas):
    open_request(by=tomas)
    last = AuditEntry.objects.order_by("-seq").first()
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    result = audit_verify()
    assert not result.intact
    assert "removed" in result.problem


def test_model_and_database_refuse_changes(tomas):
    open_request(by=tomas)
    entry = AuditEntry.objects.first()
    entry.reason = "x"
    with pytest.raises(AuditLogAppendOnly, match=APPEND_ONLY):
        entry.save()
    with pytest.raises(AuditLogAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogAppendOnly):
        AuditEntry.objects.all().update(reason="x")
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute("UPDATE core_auditentry SET reason = 'x'")


@pytest.mark.django_db(transaction=True)
def test_audit_record_needs_the_callers_transaction():
    with pytest.raises(RuntimeError, match=NOT_IN_TRANSACTION.split(" must")[0]):
        audit_record(by=None, action="x.y")


def test_cli_reports_intact_chain(tomas, capsys):
    open_request(by=tomas)
    call_command("audit", "verify", "--as", example_user("ada").username)
    assert "Audit chain intact" in capsys.readouterr().out


def test_cli_verify_acts_as_a_named_user_who_may_read_the_log(tomas):
    with pytest.raises(CommandError, match="--as USER"):
        call_command("audit", "verify")
    with pytest.raises(CommandError, match=r"^Not found\.$"):
        call_command("audit", "verify", "--as", tomas.username)
    ada = example_user("ada")
    call_command("audit", "verify", "--as", ada.username)
    last = AuditEntry.objects.order_by("-seq").first()
    assert (last.action, last.actor_username) == ("core.audit.verify", "ada")
    assert last.changes["intact"] is True
