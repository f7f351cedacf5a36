"""Re-seed the roles with the detention permissions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_roles_am_data"),
        ("detention", "0001_initial"),
    ]

    # Roles are now seeded after every `migrate` (post_migrate, casework.core.roles),
    # when every app's permissions exist; this step is kept as an empty migration.
    operations: list = []
