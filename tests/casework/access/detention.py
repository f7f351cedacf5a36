"""Routes of detention: places, detainees and their follow-up, visits, hearings,
consular access, enforced-disappearance dossiers, the monthly report and the API —
every page method and API operation, each with a valid request.

Viewers are the detention delegate and the administrator (who does not see visits'
confidential findings); every write is the delegate's."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.core import roles as R
from tests.casework.access.spec import Request, api, page, part

VIEWERS = {R.DETENTION_DELEGATE, R.ADMINISTRATOR}
DELEGATE = {R.DETENTION_DELEGATE}
CAPTURED = dt.date(2024, 1, 10)
D = "detention/detainees/<int:detainee_id>/"
V = "detention/visits/<int:visit_id>/"
E = "detention/dossiers/<int:dossier_id>/"


def _delegate(w):
    return w.user(R.DETENTION_DELEGATE)


@part("detention_place")
def _place(w):
    from casework.detention.services import place_create

    return place_create(
        name="Matrix facility 1", kind="prison", authority="MoJ", location="d1", by=_delegate(w)
    )


@part("detention_other_place")
def _other_place(w):
    from casework.detention.services import place_create

    return place_create(
        name="Matrix facility 2", kind="camp", authority="MoD", location="d2", by=_delegate(w)
    )


@part("detention_detainee")
def _detainee(w):
    from casework.detention.services import detainee_register
    from tests.factories import person_input

    return detainee_register(
        person=person_input("Vüqar", "Quliyev"),
        status="pow",
        captured_on=CAPTURED,
        place=w.detention_place,
        by=_delegate(w),
    )


@part("detention_visit")
def _visit(w):
    from casework.detention.services import visit_record

    return visit_record(
        place=w.detention_place,
        start_date=dt.date(2025, 1, 30),
        end_date=dt.date(2025, 2, 1),
        team="team 1",
        seen=[w.detention_detainee],
        findings={"treatment": "confidential"},
        recommendations=["separate the sick"],
        by=_delegate(w),
    )


@part("detention_message")
def _message(w):
    from casework.detention.services import family_contact_record

    return family_contact_record(
        detainee=w.detention_detainee,
        kind="message",
        direction="to_detainee",
        written_on=dt.date(2024, 12, 1),
        delivered_on=dt.date(2024, 12, 20),
        by=_delegate(w),
    )


@part("detention_proceeding")
def _proceeding(w):
    from casework.detention.services import proceeding_add

    return proceeding_add(
        detainee=w.detention_detainee,
        case_reference="CR-1",
        court="court",
        charges="charges",
        by=_delegate(w),
    )


@part("detention_consular")
def _consular(w):
    from casework.detention.services import consular_request_create

    return consular_request_create(
        detainee=w.detention_detainee,
        requesting_state="State B",
        protecting_power="State P",
        requested_on=dt.date(2025, 1, 1),
        by=_delegate(w),
    )


@part("detention_dossier")
def _dossier(w):
    from casework.detention.services import dossier_create

    return dossier_create(
        person=w.detention_detainee.person,
        last_seen_on=dt.date(2024, 1, 1),
        last_seen_where="Matrix facility 1",
        summary="not acknowledged",
        by=_delegate(w),
    )


@part("detention_evidence")
def _evidence(w):
    from casework.detention.services import evidence_add

    return evidence_add(
        dossier=w.detention_dossier,
        kind="statement",
        description="statement",
        name="matrix-statement.txt",
        content=b"I saw him in custody.",
        received_on=dt.date(2024, 9, 1),
        received_from="family",
        by=_delegate(w),
    )


def _det_url(w, tail: str = "") -> str:
    return f"/detention/detainees/{w.detention_detainee.pk}/{tail}"


def _dossier_url(w, tail: str = "") -> str:
    return f"/detention/dossiers/{w.detention_dossier.pk}/{tail}"


ROUTES = [
    page("GET", "detention/", VIEWERS, lambda w: Request("/detention/?days=30")),
    page("GET", "detention/detainees/", VIEWERS, lambda w: Request("/detention/detainees/?q=q")),
    page(
        "GET", "detention/detainees/new/", DELEGATE, lambda w: Request("/detention/detainees/new/")
    ),
    page(
        "POST",
        "detention/detainees/new/",
        DELEGATE,
        lambda w: Request(
            "/detention/detainees/new/",
            {
                "script": "az-Latn",
                "given": "Elvin",
                "family": "Məmmədov",
                "sex": "M",
                "status": "security",
                "captured_on": "2025-01-05",
                "place": w.detention_place.pk,
            },
        ),
    ),
    page("GET", D, VIEWERS, lambda w: Request(_det_url(w))),
    page(
        "POST",
        D + "contacts/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "contacts/"),
            {
                "kind": "message",
                "direction": "from_detainee",
                "written_on": "2025-01-05",
                "reply_to": w.detention_message.pk,
            },
        ),
    ),
    page(
        "POST",
        D + "transfers/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "transfers/"), {"to": w.detention_other_place.pk, "on": "2025-02-10"}
        ),
    ),
    page(
        "POST",
        D + "movements/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "movements/"),
            {"kind": "repatriation", "date": "2025-03-01", "consent_recorded": "on"},
        ),
    ),
    page(
        "POST",
        D + "proceedings/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "proceedings/"), {"case_reference": "CR-2", "court": "c", "charges": "x"}
        ),
    ),
    page(
        "POST",
        D + "hearings/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "hearings/"),
            {"proceeding": w.detention_proceeding.pk, "date": "2025-04-01", "outcome": "adjourned"},
        ),
    ),
    page(
        "POST",
        D + "notifications/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "notifications/"),
            {"direction": "sent", "party": "Party B", "date": "2025-02-10", "subject": "card"},
        ),
    ),
    page(
        "POST",
        D + "verdicts/",
        DELEGATE,
        lambda w: Request(
            _det_url(w, "verdicts/"),
            {
                "proceeding": w.detention_proceeding.pk,
                "verdict": "acquitted",
                "verdict_on": "2025-02-02",
            },
        ),
    ),
    page("GET", "detention/places/", VIEWERS, lambda w: Request("/detention/places/")),
    page(
        "POST",
        "detention/places/new/",
        DELEGATE,
        lambda w: Request(
            "/detention/places/new/",
            {"name": "Matrix facility 9", "kind": "camp", "authority": "MoD", "location": "d9"},
        ),
    ),
    page(
        "GET",
        "detention/places/<int:place_id>/",
        VIEWERS,
        lambda w: Request(f"/detention/places/{w.detention_place.pk}/"),
    ),
    page(
        "GET",
        "detention/visits/new/",
        DELEGATE,
        lambda w: Request(f"/detention/visits/new/?place={w.detention_place.pk}"),
    ),
    page(
        "POST",
        "detention/visits/new/",
        DELEGATE,
        lambda w: Request(
            "/detention/visits/new/",
            {
                "place": w.detention_place.pk,
                "start_date": "2025-03-01",
                "end_date": "2025-03-02",
                "team": "team 2",
                "seen": [w.detention_detainee.pk],
                "treatment": "no allegation",
                "recommendations": "open the yard",
            },
        ),
    ),
    page("GET", V, DELEGATE, lambda w: Request(f"/detention/visits/{w.detention_visit.pk}/")),
    page(
        "POST",
        V + "follow-ups/",
        DELEGATE,
        lambda w: Request(
            f"/detention/visits/{w.detention_visit.pk}/follow-ups/",
            {
                "recommendation": w.detention_visit.recommendations.get().pk,
                "status": "in_progress",
                "response": "being refitted",
                "response_on": "2025-03-01",
            },
        ),
    ),
    page("GET", "detention/hearings/", VIEWERS, lambda w: Request("/detention/hearings/")),
    page("GET", "detention/consular/", VIEWERS, lambda w: Request("/detention/consular/")),
    page(
        "POST",
        "detention/consular/new/",
        DELEGATE,
        lambda w: Request(
            "/detention/consular/new/",
            {
                "detainee": w.detention_detainee.reference,
                "requesting_state": "State B",
                "protecting_power": "State P",
                "requested_on": "2025-01-01",
            },
        ),
    ),
    page(
        "POST",
        "detention/consular/<int:request_id>/update/",
        DELEGATE,
        lambda w: Request(
            f"/detention/consular/{w.detention_consular.pk}/update/",
            {"status": "accepted", "on": "2025-01-20"},
        ),
    ),
    page("GET", "detention/dossiers/", VIEWERS, lambda w: Request("/detention/dossiers/")),
    page(
        "POST",
        "detention/dossiers/new/",
        DELEGATE,
        lambda w: Request(
            "/detention/dossiers/new/",
            {
                "script": "hy-Armn",
                "given": "Արամ",
                "family": "Պետրոսյան",
                "sex": "M",
                "last_seen_on": "2023-04-10",
                "last_seen_where": "Matrix facility 2, in custody",
                "summary": "not acknowledged",
            },
        ),
    ),
    page("GET", E, VIEWERS, lambda w: Request(_dossier_url(w))),
    page(
        "POST",
        E + "evidence/",
        DELEGATE,
        lambda w: Request(
            _dossier_url(w, "evidence/"),
            {
                "kind": "document",
                "description": "document",
                "received_on": "2025-01-01",
                "received_from": "family",
            },
            files={"file": SimpleUploadedFile("matrix-doc.txt", b"a document")},
        ),
    ),
    page(
        "POST",
        E + "custody/",
        DELEGATE,
        lambda w: Request(
            _dossier_url(w, "custody/"),
            {"item": w.detention_evidence.pk, "action": "copied", "holder": "legal team"},
        ),
    ),
    page(
        "POST",
        E + "submissions/",
        DELEGATE,
        lambda w: Request(
            _dossier_url(w, "submissions/"),
            {"body": "wgeid", "submitted_on": "2025-01-01", "deadline": "2025-06-01"},
        ),
    ),
    page(
        "GET",
        "detention/report.pdf",
        VIEWERS,
        lambda w: Request("/detention/report.pdf?month=2025-03"),
    ),
    api("GET", "/api/detention/isolation", VIEWERS, lambda w: Request("/api/detention/isolation")),
    api(
        "GET",
        "/api/detention/detainees",
        VIEWERS,
        lambda w: Request("/api/detention/detainees?q=quliyev"),
    ),
    api(
        "GET",
        "/api/detention/detainees/{detainee_id}",
        VIEWERS,
        lambda w: Request(f"/api/detention/detainees/{w.detention_detainee.pk}"),
    ),
    api("GET", "/api/detention/hearings", VIEWERS, lambda w: Request("/api/detention/hearings")),
    api("GET", "/api/detention/places", VIEWERS, lambda w: Request("/api/detention/places")),
    api("GET", "/api/detention/consular", VIEWERS, lambda w: Request("/api/detention/consular")),
    api("GET", "/api/detention/dossiers", VIEWERS, lambda w: Request("/api/detention/dossiers")),
]
