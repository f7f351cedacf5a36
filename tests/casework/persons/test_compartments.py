"""Compartments: a detention delegate opens only persons linked to detainees or
dossiers; contact details are shown only to tracing and accompaniment officers."""

import datetime as dt

import pytest
from django.test import Client

from casework.core.errors import NotFound
from casework.core.models import AuditEntry
from casework.detention.services import detainee_register, place_create
from casework.persons.selectors import person_open, person_page
from tests.factories import example_user, open_request, person_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tomas):
    dana = example_user("dana")
    req = open_request(by=tomas)
    req.enquirer.phone, req.enquirer.email, req.enquirer.address = (
        "+000 555 12",
        "aygun@example.invalid",
        "12 Bridge street",
    )
    req.enquirer.save()
    place = place_create(
        name="Central prison (fictional)",
        kind="prison",
        authority="Ministry of Justice",
        location="Capital",
        by=dana,
    )
    detainee = detainee_register(
        person=person_input("Rauf", "Hüseynov"),
        status="civilian_internee",
        captured_on=dt.date(2023, 5, 1),
        place=place,
        by=dana,
    )
    return {"enquirer": req.enquirer, "sought": req.cases.get().person, "detainee": detainee}


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_delegate_gets_404_on_an_enquirer_and_opens_a_detainee(world):
    dana = example_user("dana")
    c = client_for(dana)
    for person in (world["enquirer"], world["sought"]):
        assert c.get(f"/persons/{person.pk}/").status_code == 404
        assert c.get(f"/api/persons/{person.pk}").status_code == 404
        with pytest.raises(NotFound):
            person_open(viewer=dana, person_id=person.pk)
    detainee_person = world["detainee"].person
    r = c.get(f"/persons/{detainee_person.pk}/")
    assert r.status_code == 200 and "Hüseynov" in r.content.decode()
    assert c.get(f"/api/persons/{detainee_person.pk}").json()["display_name"].startswith("Hüseynov")
    assert (
        AuditEntry.objects.filter(
            action="persons.person.view", object_id=str(detainee_person.pk), actor_username="dana"
        ).count()
        == 2
    )


def test_missing_forbidden_and_huge_ids_look_alike(world):
    c = client_for(example_user("dana"))
    assert c.get("/persons/999999/").status_code == 404
    assert c.get("/api/persons/999999").status_code == 404
    assert c.get("/api/persons/99999999999999999999999").status_code in (404, 422)
    assert c.get(f"/persons/{world['enquirer'].pk}/").status_code == 404


@pytest.mark.parametrize("username", ["tomas", "aziz"])
def test_contact_viewers_see_phone_email_address(world, username):
    c = client_for(example_user(username))
    pk = world["enquirer"].pk
    page = c.get(f"/persons/{pk}/").content.decode()
    assert "+000 555 12" in page and "12 Bridge street" in page and "aygun@" in page
    body = c.get(f"/api/persons/{pk}").json()
    assert (body["phone"], body["email"], body["address"]) == (
        "+000 555 12",
        "aygun@example.invalid",
        "12 Bridge street",
    )
    case = world["sought"].cases.get()
    assert "+000 555 12" in c.get(f"/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("username", ["ada", "farida", "dora"])
def test_others_see_no_contact_details(world, username):
    user = example_user(username)
    c = client_for(user)
    pk = world["enquirer"].pk
    page = c.get(f"/persons/{pk}/").content.decode()
    assert "Əliyeva" in page
    assert "+000 555 12" not in page and "Bridge street" not in page and "aygun@" not in page
    body = c.get(f"/api/persons/{pk}").json()
    assert body["phone"] is None and body["email"] is None and body["address"] is None
    assert person_page(viewer=user, person_id=pk).contact is None
    case = world["sought"].cases.get()
    assert "+000 555 12" not in c.get(f"/cases/{case.pk}/").content.decode()


def test_an_editor_without_contact_rights_keeps_the_contact_details(world):
    ada = example_user("ada")  # may change persons, may not see contact details
    pk = world["enquirer"].pk
    c = client_for(ada)
    form = c.get(f"/persons/{pk}/edit/").content.decode()
    assert "+000 555 12" not in form and 'name="phone"' not in form
    r = c.post(
        f"/persons/{pk}/edit/",
        {
            "sex": "F",
            "birth": "1950",
            "phone": "overwritten",
            "reason": "birth year from a passport",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "1",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "8",
            "names-0-script": "az-Latn",
            "names-0-given": "Aygün",
            "names-0-family": "Əliyeva",
            "names-0-primary": "on",
        },
    )
    assert r.status_code == 302, r.content.decode()[-3000:]
    world["enquirer"].refresh_from_db()
    assert world["enquirer"].phone == "+000 555 12"
    assert str(world["enquirer"].birth) == "1950"
