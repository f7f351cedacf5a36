import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client

from casework.core import roles
from casework.core.errors import ValidationFailed
from casework.detention import services as S
from casework.detention.isolation import isolation_alerts, isolation_rows
from casework.detention.models import DetentionPlace, Hearing
from casework.persons.models import Script
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 3, 31)


def test_isolation_hand_checked(setting, dana):
    rows = {r.reference: r for r in isolation_rows(as_of=AS_OF)}
    a, b = setting["a"], setting["b"]
    assert setting["c"].reference not in rows  # released: excluded
    # a: last visit ends 2025-02-01 → 58 days to 2025-03-31; message delivered
    # 2024-12-20 → 101 days.
    assert (rows[a.reference].days_since_visit, rows[a.reference].days_since_contact) == (58, 101)
    assert rows[a.reference].isolation_days == 58
    # b: never visited, no contact: counted from capture 2024-06-01 → 303 days.
    assert (rows[b.reference].last_visit, rows[b.reference].last_contact) == (None, None)
    assert rows[b.reference].days_since_visit == 303
    alerts = isolation_alerts(viewer=dana, days=30, as_of=AS_OF)
    assert [r.reference for r in alerts] == [b.reference, a.reference]  # longest first
    assert [r.reference for r in isolation_alerts(viewer=dana, days=60, as_of=AS_OF)] == [
        b.reference
    ]


def test_visit_validation_and_confidential_access(setting, dana):
    with pytest.raises(ValidationFailed) as exc:
        S.visit_record(
            place=setting["other"],
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2025, 1, 2),
            team="t",
            seen=[setting["a"]],
            by=dana,
        )
    assert exc.value.errors["seen"][0].startswith("Not held at Facility 2")
    visit = setting["prison"].visits.get()
    for role, allowed in [
        (roles.DETENTION_DELEGATE, True),
        (roles.TRACING_OFFICER, False),
        (roles.PARTNER, False),
        (roles.ADMINISTRATOR, False),
    ]:
        client = Client()
        client.force_login(user_with_role(role))
        r = client.get(f"/detention/visits/{visit.pk}/")
        assert r.status_code == (200 if allowed else 404), role
        if allowed:
            assert "CONFIDENTIAL-TREATMENT-NOTE" in r.content.decode()
    partner = Client()
    partner.force_login(user_with_role(roles.PARTNER))
    for url in [
        "/detention/",
        f"/detention/detainees/{setting['a'].pk}/",
        "/api/detention/isolation",
    ]:
        assert partner.get(url).status_code == 404, url


def test_hearing_calendar(setting, dana):
    p = S.proceeding_add(
        detainee=setting["a"], case_reference="CR-1", court="court", charges="x", by=dana
    )
    today = dt.date.today()
    a = setting["a"]
    S.hearing_add(
        detainee=a,
        proceeding=p,
        date=today - dt.timedelta(days=5),
        outcome="adjourned",
        next_date=today + dt.timedelta(days=10),
        by=dana,
    )
    S.hearing_add(detainee=a, proceeding=p, date=today + dt.timedelta(days=10), by=dana)
    S.hearing_add(detainee=a, proceeding=p, date=today + dt.timedelta(days=400), by=dana)
    with pytest.raises(ValidationFailed):
        S.hearing_add(detainee=a, proceeding=p, date=today, next_date=today, by=dana)
    client = Client()
    client.force_login(dana)
    page = client.get("/detention/hearings/").content.decode()
    assert str(today + dt.timedelta(days=10)) in page
    assert str(today + dt.timedelta(days=400)) not in page  # beyond 12 months
    api = client.get("/api/detention/hearings?days=30").json()
    assert [h["date"] for h in api] == [str(today + dt.timedelta(days=10))]
    assert Hearing.objects.count() == 3


def test_evidence_hash_detects_a_changed_file(setting, dana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
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
        content=b"I saw him on 1 June.",
        received_on=dt.date(2024, 9, 1),
        received_from="family",
        by=dana,
    )
    assert S.evidence_verify(item)
    with open(item.file.path, "wb") as f:
        f.write(b"I saw him on 2 June.")
    assert not S.evidence_verify(item)
    client = Client()
    client.force_login(dana)
    assert (
        "CHANGED since receipt" in client.get(f"/detention/dossiers/{dossier.pk}/").content.decode()
    )


def test_cli_report(setting, dana, capsys):
    call_command(
        "detention",
        "isolation",
        "--as",
        dana.username,
        "--days",
        "30",
        "--as-of",
        "2025-03-31",
        "--format",
        "json",
    )
    rows = json.loads(capsys.readouterr().out)
    assert [(r["reference"], r["isolation_days"]) for r in rows] == [
        (setting["b"].reference, 303),
        (setting["a"].reference, 58),
    ]
    call_command(
        "detention",
        "isolation",
        "--as",
        dana.username,
        "--days",
        "60",
        "--as-of",
        "2025-03-31",
        "--format",
        "csv",
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("reference,name,status") and len(out) == 2


def test_movements_and_contacts_are_validated(setting, dana):
    with pytest.raises(ValidationFailed) as exc:
        S.movement_record(
            detainee=setting["a"], kind="repatriation", date=dt.date(2025, 1, 1), by=dana
        )
    assert "wish was ascertained" in exc.value.errors["consent_recorded"][0]
    with pytest.raises(ValidationFailed) as exc:
        S.family_contact_record(
            detainee=setting["a"],
            kind="message",
            direction="to_detainee",
            written_on=dt.date(2025, 1, 10),
            delivered_on=dt.date(2025, 1, 1),
            by=dana,
        )
    assert "delivered before" in exc.value.errors["delivered_on"][0]


def test_monthly_report_pdf(setting, dana):
    client = Client()
    client.force_login(dana)
    r = client.get("/detention/report.pdf?month=2025-03")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_register_detainee_page(setting, dana):
    client = Client()
    client.force_login(dana)
    r = client.post(
        "/detention/detainees/new/",
        {
            "script": Script.CYRILLIC,
            "given": "Игорь",
            "family": "Петров",
            "sex": "M",
            "status": "civilian_internee",
            "captured_on": "2025-01-05",
            "place": setting["prison"].pk,
            "notified_on": "2024-12-01",
        },
    )
    assert r.status_code == 400
    assert S.NOTIFIED_BEFORE_CAPTURE in r.content.decode()


DETENTION_ONLY = {roles.DETENTION_DELEGATE}
DETENTION_VIEWERS = {roles.DETENTION_DELEGATE, roles.ADMINISTRATOR}


ROLE_MATRIX = [
    ("/detention/", DETENTION_VIEWERS),
    ("/detention/detainees/", DETENTION_VIEWERS),
    ("/detention/detainees/new/", DETENTION_ONLY),
    ("/detention/detainees/{a}/", DETENTION_VIEWERS),
    ("/detention/places/", DETENTION_VIEWERS),
    ("/detention/places/{place}/", DETENTION_VIEWERS),
    ("/detention/visits/new/", DETENTION_ONLY),
    ("/detention/visits/{visit}/", DETENTION_ONLY),
    ("/detention/hearings/", DETENTION_VIEWERS),
    ("/detention/consular/", DETENTION_VIEWERS),
    ("/detention/dossiers/", DETENTION_VIEWERS),
    ("/api/detention/isolation", DETENTION_VIEWERS),
    ("/api/detention/detainees", DETENTION_VIEWERS),
    ("/api/detention/detainees/{a}", DETENTION_VIEWERS),
    ("/api/detention/hearings", DETENTION_VIEWERS),
    ("/api/detention/places", DETENTION_VIEWERS),
    ("/api/detention/consular", DETENTION_VIEWERS),
    ("/api/detention/dossiers", DETENTION_VIEWERS),
]


def test_role_matrix(setting):
    users = {role: user_with_role(role) for role in roles.ALL_ROLES}  # argon2: make once
    for url, allowed in ROLE_MATRIX:
        url = url.format(
            a=setting["a"].pk, place=setting["prison"].pk, visit=setting["prison"].visits.get().pk
        )
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            status = client.get(url).status_code
            assert status == (200 if role in allowed else 404), (role, url, status)
        assert Client().get(url).status_code in (302, 401)


def test_notifications_and_recommendation_follow_up(setting, dana):
    client = Client()
    client.force_login(dana)
    a = setting["a"]
    r = client.post(
        f"/detention/detainees/{a.pk}/notifications/",
        {
            "direction": "sent",
            "party": "Party B",
            "date": "2025-02-10",
            "subject": "capture card",
        },
    )
    assert r.status_code == 302 and a.notifications.get().subject == "capture card"
    assert "capture card" in client.get(f"/detention/detainees/{a.pk}/").content.decode()
    visit = setting["prison"].visits.get()
    rec = visit.recommendations.get()
    r = client.post(
        f"/detention/visits/{visit.pk}/follow-ups/",
        {"recommendation": rec.pk, "status": "in_progress", "response": "cells being refitted"},
    )
    assert r.status_code == 400 and "Give the date of the authority" in r.content.decode()
    r = client.post(
        f"/detention/visits/{visit.pk}/follow-ups/",
        {
            "recommendation": rec.pk,
            "status": "in_progress",
            "response": "cells being refitted",
            "response_on": "2025-03-01",
        },
    )
    assert r.status_code == 302
    rec.refresh_from_db()
    assert (rec.status, str(rec.response_on)) == ("in_progress", "2025-03-01")


def test_places_dossiers_verdicts_and_existing_person(setting, dana):
    client = Client()
    client.force_login(dana)
    r = client.post(
        "/detention/places/new/",
        {"name": "Facility 1", "kind": "prison", "authority": "MoJ", "location": "x"},
    )
    assert r.status_code == 400 and S.PLACE_EXISTS in r.content.decode()
    client.post(
        "/detention/places/new/",
        {"name": "Facility 9", "kind": "camp", "authority": "MoD", "location": "district 9"},
    )
    assert DetentionPlace.objects.filter(name="Facility 9").exists()
    person = setting["b"].person
    r = client.post(
        "/detention/dossiers/new/",
        {
            "person": person.pk,
            "script": "az-Latn",
            "sex": "M",
            "last_seen_on": "2024-07-01",
            "last_seen_where": "Facility 1",
            "summary": "not acknowledged",
        },
    )
    assert r.status_code == 302
    p = S.proceeding_add(
        detainee=setting["a"], case_reference="CR-9", court="c", charges="x", by=dana
    )
    r = client.post(
        f"/detention/detainees/{setting['a'].pk}/verdicts/",
        {"proceeding": p.pk, "verdict": "guilty", "sentence": "10 years"},
    )
    assert r.status_code == 400 and S.VERDICT_DATE in r.content.decode()
    client.post(
        f"/detention/detainees/{setting['a'].pk}/verdicts/",
        {
            "proceeding": p.pk,
            "verdict": "guilty",
            "verdict_on": "2025-02-02",
            "sentence": "10 years",
            "appeal": "lodged",
        },
    )
    p.refresh_from_db()
    assert (p.verdict, p.sentence, p.appeal) == ("guilty", "10 years", "lodged")
    r = client.post(
        "/detention/detainees/new/",
        {
            "person": person.pk,
            "script": "az-Latn",
            "sex": "M",
            "status": "security",
            "captured_on": "2025-01-05",
            "place": setting["prison"].pk,
        },
    )
    assert r.status_code == 302
    assert person.detentions.count() == 2


def test_evidence_custody_chain(setting, dana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = S.dossier_create(
        person=setting["b"].person,
        last_seen_on=dt.date(2024, 6, 1),
        last_seen_where="Facility 1",
        summary="x",
        by=dana,
    )
    item = S.evidence_add(
        dossier=dossier,
        kind="photo",
        description="photo",
        name="p.jpg",
        content=b"\xff\xd8jpeg",
        received_on=dt.date(2024, 9, 1),
        received_from="family",
        by=dana,
    )
    client = Client()
    client.force_login(dana)
    r = client.post(
        f"/detention/dossiers/{dossier.pk}/custody/",
        {"item": item.pk, "action": "copied for WGEID", "holder": "legal team"},
    )
    assert r.status_code == 302
    item.refresh_from_db()
    assert [c["action"] for c in item.custody] == ["received", "copied for WGEID"]
    assert S.evidence_verify(item)


def test_reply_to_a_message(setting, dana):
    a = setting["a"]
    first = a.contacts.get()
    client = Client()
    client.force_login(dana)
    r = client.post(
        f"/detention/detainees/{a.pk}/contacts/",
        {
            "kind": "message",
            "direction": "from_detainee",
            "written_on": "2025-01-05",
            "reply_to": first.pk,
        },
    )
    assert r.status_code == 302
    assert first.replies.get().direction == "from_detainee"
