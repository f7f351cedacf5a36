"""The samples app takes over five models (decision 0004): FamilyPedigree,
PedigreeMember, ReferenceSample and CustodyEvent from ``antemortem``, DNAProfile from
``identification``. Their tables keep their names (``Meta.db_table``), so this
migration only changes Django's state — no table is created, copied or dropped — and
moves the models' content types (and so their permissions' rows) to the new label."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = {
    "antemortem": ["familypedigree", "pedigreemember", "referencesample", "custodyevent"],
    "identification": ["dnaprofile"],
}


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for old_label, names in MOVED.items():
        for name in names:
            if ContentType.objects.using(db).filter(app_label="samples", model=name).exists():
                continue
            ContentType.objects.using(db).filter(app_label=old_label, model=name).update(
                app_label="samples"
            )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for old_label, names in MOVED.items():
        ContentType.objects.using(db).filter(app_label="samples", model__in=names).update(
            app_label=old_label
        )


STATE = [
    migrations.CreateModel(
        name="FamilyPedigree",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("created_at", models.DateTimeField(auto_now_add=True)),
            ("case", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="pedigree", to="tracing.case")),
        ],
        options={"db_table": "antemortem_familypedigree"},
    ),
    migrations.CreateModel(
        name="PedigreeMember",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("label", models.CharField(help_text="e.g. MP, FA, MO, S1", max_length=40)),
            ("sex", models.CharField(choices=[("M", "male"), ("F", "female")], max_length=1)),
            ("is_missing", models.BooleanField(default=False)),
            ("father", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="samples.pedigreemember")),
            ("mother", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="samples.pedigreemember")),
            ("pedigree", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="members", to="samples.familypedigree")),
            ("person", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="pedigree_positions", to="persons.person")),
        ],
        options={
            "db_table": "antemortem_pedigreemember",
            "ordering": ["id"],
            "constraints": [models.UniqueConstraint(fields=("pedigree", "label"), name="uniq_member_label")],
        },
    ),
    migrations.CreateModel(
        name="ReferenceSample",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("barcode", models.CharField(max_length=40, unique=True)),
            ("collected_on", models.DateField()),
            ("consent_identification_only", models.BooleanField(default=True, help_text="Use for identification of the missing relative only")),
            ("retention_until", models.DateField(blank=True, null=True)),
            ("status", models.CharField(choices=[("active", "active"), ("withdrawn", "consent withdrawn (profile destroyed)")], default="active", max_length=20)),
            ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
            ("tombstone", models.JSONField(blank=True, default=dict)),
            ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ("member", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="samples", to="samples.pedigreemember")),
        ],
        options={"db_table": "antemortem_referencesample", "ordering": ["barcode"]},
    ),
    migrations.CreateModel(
        name="CustodyEvent",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("step", models.CharField(choices=[("collected", "collected"), ("sent", "sent to the laboratory"), ("received", "received by the laboratory"), ("profiled", "profiled"), ("stored", "stored"), ("destroyed", "destroyed")], max_length=20)),
            ("at", models.DateTimeField()),
            ("holder", models.CharField(help_text="who holds the sample after this step", max_length=200)),
            ("place", models.CharField(blank=True, max_length=200)),
            ("note", models.TextField(blank=True)),
            ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
            ("sample", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="custody", to="samples.referencesample")),
        ],
        options={"db_table": "antemortem_custodyevent", "ordering": ["at", "id"]},
    ),
    migrations.CreateModel(
        name="DNAProfile",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("barcode", models.CharField(db_index=True, max_length=40)),
            ("kind", models.CharField(choices=[("reference", "reference (relative)"), ("remains", "remains")], max_length=20)),
            ("genotypes", models.JSONField(help_text="marker → [allele, allele] (one allele: hemizygous)")),
            ("amelogenin", models.CharField(blank=True, max_length=10)),
            ("laboratory", models.CharField(blank=True, max_length=200)),
            ("source_file", models.CharField(blank=True, max_length=300)),
            ("digest", models.CharField(max_length=64)),
            ("imported_at", models.DateTimeField(auto_now_add=True)),
            ("destroyed", models.BooleanField(default=False)),
        ],
        options={
            "db_table": "identification_dnaprofile",
            "ordering": ["barcode", "-imported_at"],
            "constraints": [models.UniqueConstraint(fields=("barcode", "digest"), name="uniq_profile_version")],
        },
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("antemortem", "0002_amrecord_amphoto"),
        ("identification", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("persons", "0001_initial"),
        ("tracing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE, database_operations=[]),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
