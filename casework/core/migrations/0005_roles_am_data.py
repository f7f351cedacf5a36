"""Re-seed the roles with the ante-mortem data permissions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_roles_identification"),
        ("antemortem", "0002_amrecord_amphoto"),
    ]

    # Roles are now seeded after every `migrate` (post_migrate, casework.core.roles),
    # when every app's permissions exist; this step is kept as an empty migration.
    operations: list = []
