"""Re-seed the roles with the detention permissions."""

from django.db import migrations

from casework.core.roles import seed_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_roles_am_data"),
        ("detention", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed_roles, migrations.RunPython.noop)]
