"""Detention pages and API: one URL per write, GETs that write nothing but their read
audit, bad input answered 400/404 (never 500), the API detainee read audited."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from casework.core import roles
from casework.core.audit import READ_ACTIONS
from casework.core.models import AuditEntry
from casework.detention import services as S
from casework.detention.isolation import DAYS_INVALID
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    EvidenceItem,
    FamilyContact,
    Hearing,
    Movement,
    Notification,
    Placement,
    Proceeding,
    Recommendation,
    Submission,
    Visit,
    VisitInterview,
)
from casework.detention.report import MONTH_INVALID
from casework.persons.models import Person, PersonName
from tests.factories import open_request, user_with_role

pytestmark = pytest.mark.django_db

DOMAIN_TABLES = [
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    EvidenceItem,
    FamilyContact,
    Hearing,
    Movement,
    Notification,
    Placement,
    Proceeding,
    Recommendation,
    Submission,
    Visit,
    VisitInterview,
    Person,
    PersonName,
]


@pytest.fixture
def client(dana):
    c = Client()
    c.force_login(dana)
    return c


@pytest.fixture
def world(setting, dana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = setting["a"]
    proc = S.proceeding_add(detainee=a, case_reference="CR-1", court="court", charges="x", by=dana)
    dossier = S.dossier_create(
        person=setting["b"].person,
        last_seen_on=dt.date(2024, 6, 1),
        last_seen_where="Facility 1",
        summary="not acknowledged",
        by=dana,
    )
    item = S.evidence_add(
        dossier=dossier,
        kind="statement",
        description="statement",
        name="s.txt",
        content=b"I saw him.",
        received_on=dt.date(2024, 9, 1),
        received_from="family",
        by=dana,
    )
    req = S.consular_request_create(
        detainee=a,
        requesting_state="State B",
        protecting_power="State P",
        requested_on=dt.date(2025, 1, 1),
        by=dana,
    )
    visit = setting["prison"].visits.get()
    return {
        **setting,
        "proc": proc,
        "dossier": dossier,
        "item": item,
        "req": req,
        "visit": visit,
        "rec": visit.recommendations.get(),
    }


def _snapshot():
    return (
        AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0,
        {m.__name__: m.objects.count() for m in DOMAIN_TABLES},
    )


def _get_pages(w):
    return {
        "/detention/": set(),
        "/detention/?days=0": set(),
        "/detention/detainees/": set(),
        "/detention/detainees/?q=quliyev&status=pow&all=1": set(),
        "/detention/detainees/new/": set(),
        f"/detention/detainees/{w['a'].pk}/": {"detention.detainee.view"},
        "/detention/places/": set(),
        f"/detention/places/{w['prison'].pk}/": set(),
        "/detention/visits/new/": set(),
        f"/detention/visits/new/?place={w['prison'].pk}": set(),
        f"/detention/visits/{w['visit'].pk}/": {"detention.visit.view"},
        "/detention/hearings/": set(),
        "/detention/consular/": set(),
        "/detention/dossiers/": set(),
        f"/detention/dossiers/{w['dossier'].pk}/": {"detention.dossier.view"},
        "/detention/report.pdf?month=2025-03": {"detention.report.monthly"},
        "/api/detention/isolation": set(),
        "/api/detention/detainees": set(),
        f"/api/detention/detainees/{w['a'].pk}": {"detention.detainee.view"},
        "/api/detention/hearings": set(),
        "/api/detention/places": set(),
        "/api/detention/consular": set(),
        "/api/detention/dossiers": set(),
    }


def test_a_get_writes_nothing_but_its_read_audit(world, client):
    for url, reads in _get_pages(world).items():
        seq, counts = _snapshot()
        r = client.get(url)
        assert r.status_code == 200, url
        new = set(AuditEntry.objects.filter(seq__gt=seq).values_list("action", flat=True))
        assert new == reads, url
        assert AuditEntry.objects.filter(seq__gt=seq).count() == len(reads), url
        assert reads <= READ_ACTIONS, url
        assert _snapshot()[1] == counts, url


def test_api_detainee_read_is_audited_like_the_page(world, client):
    a = world["a"]
    entries = AuditEntry.objects.filter(action="detention.detainee.view", object_id=str(a.pk))
    n = entries.count()
    r = client.get(f"/api/detention/detainees/{a.pk}")
    assert r.status_code == 200 and r.json()["reference"] == a.reference
    assert entries.count() == n + 1
    assert entries.order_by("-seq").first().actor_username == "dana"
    admin = Client()
    admin.force_login(user_with_role(roles.ADMINISTRATOR))
    assert admin.get(f"/api/detention/detainees/{a.pk}").status_code == 200
    assert entries.count() == n + 2
    partner = Client()
    partner.force_login(user_with_role(roles.PARTNER))
    assert partner.get(f"/api/detention/detainees/{a.pk}").status_code == 404
    assert entries.count() == n + 2


def _writes(w):
    a = w["a"]
    d = f"/detention/detainees/{a.pk}/"
    return [
        # url, valid data, invalid data, message on the re-rendered page
        (
            d + "contacts/",
            {"kind": "phone", "direction": "to_detainee", "written_on": "2025-01-02"},
            {
                "kind": "message",
                "direction": "to_detainee",
                "written_on": "2025-01-02",
                "delivered_on": "2025-01-01",
            },
            S.DELIVERED_BEFORE_COLLECTED,
        ),
        (
            d + "transfers/",
            {"to": w["other"].pk, "on": "2025-02-10"},
            {"to": w["prison"].pk, "on": "2025-02-10"},
            S.ALREADY_HELD_THERE,
        ),
        (
            d + "proceedings/",
            {"case_reference": "CR-2", "court": "c", "charges": "x"},
            {"case_reference": " ", "court": "c", "charges": "x"},
            "This field is required.",
        ),
        (
            d + "hearings/",
            {"proceeding": w["proc"].pk, "date": "2025-04-01"},
            {"proceeding": w["proc"].pk, "date": "2025-04-01", "next_date": "2025-03-01"},
            S.NEXT_HEARING_AFTER,
        ),
        (
            d + "notifications/",
            {"direction": "sent", "party": "Party B", "date": "2025-02-10", "subject": "card"},
            {"direction": "sent", "party": "Party B", "date": "2999-02-10", "subject": "card"},
            S.FUTURE,
        ),
        (
            d + "verdicts/",
            {"proceeding": w["proc"].pk, "verdict": "guilty", "verdict_on": "2025-02-02"},
            {"proceeding": w["proc"].pk, "verdict": "guilty"},
            S.VERDICT_DATE,
        ),
        (
            d + "movements/",
            {"kind": "release", "date": "2025-03-01"},
            {"kind": "repatriation", "date": "2025-03-01"},
            S.REPATRIATION_CONSENT,
        ),
        (
            f"/detention/visits/{w['visit'].pk}/follow-ups/",
            {"recommendation": w["rec"].pk, "status": "implemented"},
            {"recommendation": w["rec"].pk, "status": "implemented", "response": "done"},
            S.RESPONSE_DATE,
        ),
        (
            "/detention/places/new/",
            {"name": "Facility 3", "kind": "camp", "authority": "MoD", "location": "x"},
            {"name": "Facility 1", "kind": "camp", "authority": "MoD", "location": "x"},
            S.PLACE_EXISTS,
        ),
        (
            "/detention/consular/new/",
            {
                "detainee": a.reference,
                "requesting_state": "B",
                "protecting_power": "P",
                "requested_on": "2025-01-01",
            },
            {
                "detainee": "DT-999999",
                "requesting_state": "B",
                "protecting_power": "P",
                "requested_on": "2025-01-01",
            },
            S.NO_SUCH_DETAINEE,
        ),
        (
            f"/detention/consular/{w['req'].pk}/update/",
            {"status": "accepted", "on": "2025-01-05"},
            {"status": "visit_done", "on": "2025-01-05"},
            S.VISIT_AFTER_ACCEPTANCE,
        ),
        (
            "/detention/dossiers/new/",
            {
                "script": "az-Latn",
                "given": "Rauf",
                "family": "Əliyev",
                "sex": "M",
                "last_seen_on": "2024-01-01",
                "last_seen_where": "x",
                "summary": "s",
            },
            {
                "script": "az-Latn",
                "given": "Rauf",
                "sex": "M",
                "last_seen_on": "2024-01-01",
                "last_seen_where": " ",
                "summary": "s",
            },
            "This field is required.",
        ),
        (
            f"/detention/dossiers/{w['dossier'].pk}/custody/",
            {"item": w["item"].pk, "action": "copied", "holder": "legal team"},
            {"item": w["item"].pk + 1000, "action": "copied", "holder": "legal team"},
            S.NO_SUCH_EVIDENCE,
        ),
        (
            f"/detention/dossiers/{w['dossier'].pk}/submissions/",
            {"body": "wgeid", "submitted_on": "2025-01-01"},
            {"body": "wgeid", "submitted_on": "2025-01-01", "deadline": "2024-01-01"},
            S.DEADLINE_BEFORE,
        ),
    ]


def test_each_write_has_its_url(world, client):
    for url, good, bad, message in _writes(world):
        seq, counts = _snapshot()
        r = client.post(url, bad)
        assert r.status_code == 400, url
        assert escape(message) in r.content.decode(), url
        assert _snapshot()[1] == counts, url
        assert client.get(url).status_code == 405, url
        r = client.post(url, good)
        assert r.status_code == 302, (url, r.content.decode()[-2000:])
        assert AuditEntry.objects.filter(seq__gt=seq).exclude(action__in=READ_ACTIONS).exists()


def test_evidence_upload_and_detainee_registration(world, client):
    url = f"/detention/dossiers/{world['dossier'].pk}/evidence/"
    data = {
        "kind": "photo",
        "description": "photo",
        "received_on": "2025-01-01",
        "received_from": "family",
    }
    r = client.post(url, {**data, "file": SimpleUploadedFile("p.jpg", b"")})
    assert r.status_code == 400
    r = client.post(url, {**data, "file": SimpleUploadedFile("p.jpg", b"\xff\xd8jpeg")})
    assert r.status_code == 302
    item = EvidenceItem.objects.get(description="photo")
    assert S.evidence_verify(item)
    r = client.post(
        "/detention/detainees/new/",
        {
            "script": "az-Latn",
            "given": "Elvin",
            "family": "Məmmədov",
            "sex": "M",
            "status": "security",
            "captured_on": "2025-01-05",
            "place": world["prison"].pk,
        },
    )
    assert r.status_code == 302
    det = Detainee.objects.get(person__display_name__startswith="Məmmədov")
    assert r["Location"] == f"/detention/detainees/{det.pk}/"


def test_a_registry_person_cannot_be_linked_through_the_form(world, client, tomas):
    enquirer = open_request(by=tomas).enquirer
    for person in (enquirer.pk, 10**9):
        r = client.post(
            "/detention/detainees/new/",
            {
                "person": person,
                "script": "az-Latn",
                "sex": "M",
                "status": "security",
                "captured_on": "2025-01-05",
                "place": world["prison"].pk,
            },
        )
        assert r.status_code == 400 and S.NO_SUCH_PERSON in r.content.decode()
        assert enquirer.display_name not in r.content.decode()
    assert not enquirer.detentions.exists()


def test_records_of_another_detainee_are_field_errors(world, client, dana):
    b = world["b"]
    message = world["a"].contacts.get()
    r = client.post(
        f"/detention/detainees/{b.pk}/contacts/",
        {
            "kind": "message",
            "direction": "from_detainee",
            "written_on": "2025-01-05",
            "reply_to": message.pk,
        },
    )
    assert r.status_code == 400 and S.NO_SUCH_MESSAGE in r.content.decode()
    r = client.post(
        f"/detention/detainees/{b.pk}/hearings/",
        {"proceeding": world["proc"].pk, "date": "2025-04-01"},
    )
    assert r.status_code == 400 and S.NO_SUCH_PROCEEDING in r.content.decode()
    assert not b.contacts.exists() and not world["proc"].hearings.exists()


def test_refused_roles_get_404_on_writes(world):
    url, good, _bad, _m = _writes(world)[0]
    for role in (roles.ADMINISTRATOR, roles.TRACING_OFFICER, roles.PARTNER):
        c = Client()
        c.force_login(user_with_role(role))
        assert c.post(url, good).status_code == 404, role
        assert c.post(url, {}).status_code == 404, role  # an invalid form too
    assert not FamilyContact.objects.filter(kind="phone").exists()


def test_bad_input_is_400_or_404_never_500(world, client):
    huge = "9" * 30
    for url, status, text in [
        ("/detention/?days=abc", 400, "days"),
        ("/detention/?days=-1", 400, "days"),
        (f"/detention/?days={huge}", 400, "days"),
        (f"/detention/detainees/{huge}/", 404, ""),
        ("/detention/detainees/0/", 404, ""),
        (f"/detention/visits/{huge}/", 404, ""),
        (f"/detention/dossiers/{huge}/", 404, ""),
        (f"/detention/places/{huge}/", 404, ""),
        ("/detention/visits/new/?place=abc", 404, ""),
        (f"/detention/visits/new/?place={huge}", 404, ""),
        ("/detention/detainees/?page=abc&status=nonsense", 200, ""),
        ("/detention/report.pdf?month=2025-13", 400, MONTH_INVALID),
        ("/detention/report.pdf?month=abc", 400, MONTH_INVALID),
        ("/api/detention/isolation?days=-5", 400, DAYS_INVALID),
        (f"/api/detention/isolation?days={huge}", 400, DAYS_INVALID),
        ("/api/detention/hearings?days=100000", 400, ""),
        (f"/api/detention/detainees/{huge}", 404, ""),
    ]:
        r = client.get(url)
        assert r.status_code == status, (url, r.status_code)
        assert text in r.content.decode(), url
    for url in (
        f"/detention/detainees/{world['a'].pk}/contacts/",
        f"/detention/detainees/{world['a'].pk}/hearings/",
        "/detention/visits/new/",
        "/detention/detainees/new/",
        "/detention/consular/new/",
        f"/detention/consular/{huge}/update/",
    ):
        assert client.post(url, {}).status_code in (400, 404), url
    assert (
        client.post(
            f"/detention/detainees/{world['a'].pk}/hearings/",
            {"proceeding": huge, "date": "2025-01-01"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"/detention/consular/{huge}/update/", {"status": "accepted", "on": "2025-01-05"}
        ).status_code
        == 404
    )


def test_read_pages_refuse_posts(world, client):
    for url in _get_pages(world):
        if url.startswith("/api/") or "/new/" in url:  # form pages: GET and POST
            continue
        assert client.post(url.split("?")[0], {}).status_code == 405, url
