"""Seed the roles (groups) and their permissions from casework.core.roles."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_head_and_triggers"),
        ("persons", "0001_initial"),
        ("tracing", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Roles are now seeded after every `migrate` (post_migrate, casework.core.roles),
    # when every app's permissions exist; this step is kept as an empty migration.
    operations: list = []
