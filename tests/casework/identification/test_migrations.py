"""Moving the reference models into ``samples`` keeps every row: the tables stay and
only Django's state moves (SeparateDatabaseAndState)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [
    ("antemortem", "0002_amrecord_amphoto"),
    ("identification", "0002_initial"),
    ("tracing", "0001_initial"),
    ("persons", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)
def test_rows_survive_the_move_to_samples():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([("samples", None), *OLD])
    old = MigrationExecutor(connection).loader.project_state(OLD).apps
    Person = old.get_model("persons", "Person")
    Case = old.get_model("tracing", "Case")
    person = Person.objects.create(sex="M")
    Request = old.get_model("tracing", "TracingRequest")
    req = Request.objects.create(
        reference="TR-MIGRATE",
        enquirer=person,
        enquirer_relationship="mother",
        received_on="2020-01-01",
        legal_basis="consent",
    )
    case = Case.objects.create(case_number="MP-MIGRATE", person=person, request=req)
    Profile = old.get_model("identification", "DNAProfile")
    Profile.objects.create(
        barcode="PM-OLD", kind="remains", genotypes={"TH01": ["6", "7"]}, digest="d"
    )
    Pedigree = old.get_model("antemortem", "FamilyPedigree")
    Member = old.get_model("antemortem", "PedigreeMember")
    Sample = old.get_model("antemortem", "ReferenceSample")
    ped = Pedigree.objects.create(case=case)
    member = Member.objects.create(pedigree=ped, label="MO", sex="F")
    Sample.objects.create(barcode="RS-OLD", member=member, collected_on="2020-01-01")

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    assert new.get_model("samples", "DNAProfile").objects.get(barcode="PM-OLD").genotypes == {
        "TH01": ["6", "7"]
    }
    sample = new.get_model("samples", "ReferenceSample").objects.get(barcode="RS-OLD")
    assert sample.member.label == "MO" and sample.member.pedigree.case_id == case.pk
    with pytest.raises(LookupError):
        new.get_model("antemortem", "ReferenceSample")
