import pytest
from django.test import Client

from casework.core import roles as R
from casework.core.models import AuditEntry
from tests.factories import example_user, user_with_role

pytestmark = pytest.mark.django_db

REQUEST = {
    "enquirer": {
        "names": [{"script": "ru-Cyrl", "given": "Ольга", "family": "Иванова"}],
        "sex": "F",
        "phone": "+000 1",
    },
    "enquirer_relationship": "mother",
    "received_on": "2024-03-01",
    "consent_given": True,
    "consent_date": "2024-03-01",
    "sought": [
        {
            "person": {
                "names": [
                    {
                        "script": "ru-Cyrl",
                        "given": "Игорь",
                        "patronymic": "Сергеевич",
                        "family": "Иванов",
                    }
                ],
                "sex": "M",
                "birth": "1972",
            },
            "disappearance": "1992-06",
            "disappearance_place": "Novo Dərəkənd",
        }
    ],
}


@pytest.fixture
def client():
    c = Client()
    c.force_login(user_with_role(R.TRACING_OFFICER))
    return c


def test_openapi_schema_is_served_and_describes_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Kintrace API"
    for path in [
        "/api/persons",
        "/api/cases",
        "/api/cases/{case_id}",
        "/api/requests",
        "/api/editions",
        "/api/editions/{old}/diff/{new}",
    ]:
        assert path in schema["paths"], path
    assert "RequestIn" in schema["components"]["schemas"]


def test_request_roundtrip_search_status_and_editions(client):
    r = client.post("/api/requests", REQUEST, content_type="application/json")
    assert r.status_code == 201, r.content
    (case_number,) = r.json()["cases"]
    found = client.get("/api/cases", {"q": "Ivanov Igor"}).json()
    assert [c["case_number"] for c in found["results"]] == [case_number]
    case_id = found["results"][0]["id"]
    assert client.get(f"/api/cases/{case_id}").json()["person"]["birth"] == "1972"
    assert AuditEntry.objects.filter(action="tracing.case.view").count() == 1
    e1 = client.post(
        "/api/editions",
        {"recipient": "Commission", "edition_date": "2024-04-01"},
        content_type="application/json",
    )
    assert e1.status_code == 201 and e1.json()["entries"] == 1
    r = client.post(
        f"/api/cases/{case_id}/outcome-evidence",
        {
            "outcome": "found_alive",
            "source": "the enquirer met him",
            "information_date": "2024-04-02",
            "kind": "witness",
            "reference": "Ольга Иванова",
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["status"] == "proposed"
    second = Client()
    second.force_login(example_user("tomas2"))
    r = second.post(
        f"/api/outcome-evidence/{r.json()['id']}/review",
        {"decision": "confirm"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["case_status"] == "found_alive"
    client.post(
        "/api/requests",
        {
            **REQUEST,
            "sought": [
                {"person": {"names": [{"script": "az-Latn", "given": "Zaur", "family": "Kərimov"}]}}
            ],
        },
        content_type="application/json",
    )
    client.post(
        "/api/editions",
        {"recipient": "Commission", "edition_date": "2024-05-01"},
        content_type="application/json",
    )
    diff = client.get("/api/editions/1/diff/2").json()
    assert diff["removed"] == [{"case_number": case_number, "reason": "found alive"}]
    assert len(diff["added"]) == 1


def test_validation_errors_name_fields(client):
    bad = {
        **REQUEST,
        "sought": [{"person": {"names": [{"given": "A"}]}, "disappearance": "1992-13"}],
    }
    r = client.post("/api/requests", bad, content_type="application/json")
    assert r.status_code == 400
    assert r.json()["errors"] == {"sought[0].disappearance": ["month 13 does not exist"]}
    r = client.post(
        "/api/cases/1/status", {"to_status": "open", "reason": "x"}, content_type="application/json"
    )
    assert r.status_code == 404


def test_writes_need_csrf():
    c = Client(enforce_csrf_checks=True)
    c.force_login(user_with_role(R.TRACING_OFFICER))
    r = c.post("/api/requests", REQUEST, content_type="application/json")
    assert r.status_code == 403


def test_consent_must_be_stated_explicitly(client):
    body = {k: v for k, v in REQUEST.items() if k not in ("consent_given", "consent_date")}
    r = client.post("/api/requests", body, content_type="application/json")
    assert r.status_code == 422  # both fields are required: consent is never presumed
    r = client.post(
        "/api/requests",
        {**body, "consent_given": False, "consent_date": None},
        content_type="application/json",
    )
    assert r.status_code == 400
    assert r.json()["errors"] == {
        "consent_given": ["The legal basis is consent, but consent is not recorded."]
    }


def test_contact_details_only_for_contact_viewers(client):
    assert client.post("/api/requests", REQUEST, content_type="application/json").status_code == 201
    case_id = client.get("/api/cases").json()["results"][0]["id"]
    from casework.tracing.models import Case

    enquirer_id = Case.objects.get(pk=case_id).request.enquirer_id
    assert client.get(f"/api/persons/{enquirer_id}").json()["phone"] == "+000 1"
    forensic = Client()
    forensic.force_login(user_with_role(R.FORENSIC_SPECIALIST))
    body = forensic.get(f"/api/persons/{enquirer_id}").json()
    assert body["display_name"] and body["phone"] is None and body["address"] is None
    assert body["email"] is None
    listed = client.get("/api/persons", {"q": "Ivanova"}).json()["results"]
    assert listed and listed[0]["phone"] is None  # lists never carry contact details
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["PersonOut"]
    assert "persons.view_contact" in schema["properties"]["phone"]["description"]
