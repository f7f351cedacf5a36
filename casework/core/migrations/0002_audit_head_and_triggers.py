"""The audit chain's head row, and the triggers that make the audit log append-only
in the database itself (see casework.core.triggers)."""

from django.db import migrations

from casework.core.triggers import create_audit_triggers, drop_audit_triggers

GENESIS = "0" * 64


def create_head(apps, schema_editor):
    Head = apps.get_model("core", "AuditChainHead")
    Head.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": GENESIS})


def create_triggers(apps, schema_editor):
    create_audit_triggers(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    drop_audit_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
