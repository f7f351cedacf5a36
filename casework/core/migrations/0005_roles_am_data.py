"""Re-seed the roles with the ante-mortem data permissions."""

from django.db import migrations

from casework.core.roles import seed_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_roles_identification"),
        ("antemortem", "0002_amrecord_amphoto"),
    ]

    operations = [migrations.RunPython(seed_roles, migrations.RunPython.noop)]
