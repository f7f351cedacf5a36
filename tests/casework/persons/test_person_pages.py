import pytest
from django.test import Client

from casework.core.models import AuditEntry
from casework.persons.models import IdentityDocument, Relationship
from casework.tracing.selectors import RegistryFilters, registry_list
from tests.factories import open_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(tomas):
    c = Client()
    c.force_login(tomas)
    return c


def test_edit_names_adds_a_searchable_variant_and_audits_the_change(client, tomas):
    case = open_request(by=tomas).cases.get()
    person = case.person
    names = list(person.names.all())
    data = {
        "sex": "M",
        "birth": "1970-03",
        "phone": "",
        "email": "",
        "address": "",
        "reason": "passport seen",
        "names-TOTAL_FORMS": str(len(names) + 1),
        "names-INITIAL_FORMS": str(len(names)),
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "8",
    }
    for k, n in enumerate(names):
        data.update(
            {
                f"names-{k}-script": n.script,
                f"names-{k}-given": n.given,
                f"names-{k}-patronymic": n.patronymic,
                f"names-{k}-family": n.family,
            }
        )
        if n.primary:
            data[f"names-{k}-primary"] = "on"
    k = len(names)
    data.update(
        {
            f"names-{k}-script": "en-Latn",
            f"names-{k}-given": "Elchin",
            f"names-{k}-family": "Aliyev",
        }
    )
    r = client.post(f"/persons/{person.pk}/edit/", data)
    assert r.status_code == 302
    person.refresh_from_db()
    assert person.names.count() == len(names) + 1
    assert str(person.birth) == "1970-03"
    entry = AuditEntry.objects.filter(action="persons.person.update").get()
    assert entry.reason == "passport seen"
    assert entry.changes["birth"] == ["1970", "1970-03"]
    found = registry_list(viewer=tomas, filters=RegistryFilters(q="Elchin Aliyev"))
    assert [c.pk for c in found] == [case.pk]


def test_bad_birth_date_is_reported_on_its_field(client, tomas):
    person = open_request(by=tomas).cases.get().person
    r = client.post(
        f"/persons/{person.pk}/edit/",
        {
            "sex": "M",
            "birth": "1970-02-30",
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "8",
        },
    )
    assert r.status_code == 200
    assert "1970-02-30 does not exist" in r.content.decode()


def test_document_and_relationship(client, tomas):
    req = open_request(by=tomas)
    case = req.cases.get()
    r = client.post(
        f"/persons/{case.person_id}/documents/new/",
        {"kind": "passport", "number": "X1234567", "issuer": "fictional"},
    )
    assert r.status_code == 302
    assert IdentityDocument.objects.get().number == "X1234567"
    r = client.post(
        f"/persons/{case.person_id}/documents/new/",
        {"kind": "passport", "number": "X1234567", "issuer": "fictional"},
    )
    assert "This document is already recorded." in r.content.decode()
    r = client.post(
        f"/persons/{req.enquirer_id}/relationships/new/",
        {"kind": "parent", "other": case.case_number},
    )
    assert r.status_code == 302
    rel = Relationship.objects.get()
    assert (rel.from_person_id, rel.to_person_id, rel.kind) == (
        req.enquirer_id,
        case.person_id,
        "parent",
    )
    page = client.get(f"/persons/{case.person_id}/").content.decode()
    assert "(parent)" in page and "X1234567" in page
    r = client.post(
        f"/persons/{req.enquirer_id}/relationships/new/", {"kind": "parent", "other": "MP-999999"}
    )
    assert "No person or case" in r.content.decode()
