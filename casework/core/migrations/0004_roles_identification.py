"""Re-seed the roles with the identification permissions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_seed_roles"),
        ("antemortem", "0001_initial"),
        ("remains", "0001_initial"),
        ("identification", "0002_initial"),
    ]

    # Roles are now seeded after every `migrate` (post_migrate, casework.core.roles),
    # when every app's permissions exist; this step is kept as an empty migration.
    operations: list = []
