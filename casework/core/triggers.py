"""Database triggers that refuse UPDATE and DELETE on the audit log: a second line
of defence behind the model's own refusal. Used by a migration (and by the tests,
which must remove them before flushing a test database)."""

from __future__ import annotations

SQLITE_CREATE = [
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete;",
]
POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION core_auditentry_refuse() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry;",
    "CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_refuse();",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry;",
]


def _statements(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    return []


def create_audit_triggers(connection) -> None:
    with connection.cursor() as cur:
        for sql in _statements(connection.vendor, True):
            cur.execute(sql)


def drop_audit_triggers(connection) -> None:
    with connection.cursor() as cur:
        for sql in _statements(connection.vendor, False):
            cur.execute(sql)
