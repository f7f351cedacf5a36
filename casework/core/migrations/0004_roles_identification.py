"""Re-seed the roles with the identification permissions."""

from django.db import migrations

from casework.core.roles import seed_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_seed_roles"),
        ("antemortem", "0001_initial"),
        ("remains", "0001_initial"),
        ("identification", "0002_initial"),
    ]

    operations = [migrations.RunPython(seed_roles, migrations.RunPython.noop)]
