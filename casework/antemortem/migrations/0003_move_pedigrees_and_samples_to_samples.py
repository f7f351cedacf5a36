"""Family pedigrees, members, reference samples and custody events now belong to the
``samples`` app (decision 0004). State only: the tables stay, ``samples`` uses them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("antemortem", "0002_amrecord_amphoto"),
        ("samples", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CustodyEvent"),
                migrations.DeleteModel(name="ReferenceSample"),
                migrations.DeleteModel(name="PedigreeMember"),
                migrations.DeleteModel(name="FamilyPedigree"),
            ],
            database_operations=[],
        )
    ]
