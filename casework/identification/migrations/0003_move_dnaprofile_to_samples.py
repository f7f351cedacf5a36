"""DNA profiles now belong to the ``samples`` app (decision 0004). State only: the
table ``identification_dnaprofile`` stays, ``samples.DNAProfile`` uses it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("identification", "0002_initial"),
        ("samples", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DNAProfile")],
            database_operations=[],
        )
    ]
