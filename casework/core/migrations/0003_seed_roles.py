"""Seed the roles (groups) and their permissions from casework.core.roles."""

from django.db import migrations

from casework.core.roles import seed_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_head_and_triggers"),
        ("persons", "0001_initial"),
        ("tracing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed_roles, migrations.RunPython.noop)]
