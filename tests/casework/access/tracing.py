"""Routes of the registry: persons, tracing requests, cases, outcome evidence, merges
and list editions — every page method and API operation, each with a valid request."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group

from casework.core import roles as R
from tests.casework.access.spec import Request, api, page, part

REGISTRY = {
    R.ADMINISTRATOR,
    R.TRACING_OFFICER,
    R.FORENSIC_SPECIALIST,
    R.ACCOMPANIMENT_OFFICER,
    R.DATA_PROTECTION_OFFICER,
}
EDIT = {R.ADMINISTRATOR, R.TRACING_OFFICER}
EDITIONS = {R.ADMINISTRATOR, R.TRACING_OFFICER, R.DATA_PROTECTION_OFFICER}


def _third_tracer():
    """A tracing officer who is none of the matrix's role users: the evidence they
    record can be reviewed by every role user allowed to review."""
    from casework.core.models import User

    user, created = User.objects.get_or_create(username="tracing-matrix-recorder")
    if created:
        user.groups.set([Group.objects.get(name=R.TRACING_OFFICER)])
    return user


@part("tracing_request")
def _request(w):
    from tests.factories import open_request

    return open_request(by=w.user(R.TRACING_OFFICER))


@part("tracing_case")
def _case(w):
    return w.tracing_request.cases.get()


@part("tracing_duplicate")
def _duplicate(w):
    """A second report of the same person, closed as merged into the first case."""
    from casework.tracing.services import case_status_change
    from tests.factories import open_request

    dup = open_request(by=w.user(R.TRACING_OFFICER)).cases.get()
    case_status_change(
        case_id=dup.pk,
        to_status="closed",
        close_reason="merged",
        merged_into=w.tracing_case.case_number,
        reason="the same person",
        by=w.user(R.TRACING_OFFICER),
    )
    return dup


@part("tracing_evidence")
def _evidence(w):
    """Proposed evidence of an outcome on a case of its own, awaiting review."""
    from casework.tracing.models import OutcomeEvidence
    from casework.tracing.services import EvidenceInput, outcome_evidence_record
    from tests.factories import open_request

    case = open_request(by=w.user(R.TRACING_OFFICER)).cases.get()
    return outcome_evidence_record(
        case_id=case.pk,
        data=EvidenceInput(
            outcome="found_alive",
            source="the national commission",
            information_date=dt.date(2024, 1, 10),
            kind=OutcomeEvidence.Kind.OFFICIAL,
        ),
        by=_third_tracer(),
    )


@part("tracing_editions")
def _editions(w):
    from casework.tracing.editions import edition_create

    w.tracing_case  # noqa: B018 - the editions list it
    by = w.user(R.TRACING_OFFICER)
    return [
        edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=by),
        edition_create(recipient="Commission", edition_date=dt.date(2024, 2, 1), by=by),
    ]


REQUEST_FORM = {
    "received_on": "2024-03-01",
    "e_script": "az-Latn",
    "e_given": "Aygün",
    "e_family": "Əliyeva",
    "e_sex": "F",
    "relationship": "mother",
    "legal_basis": "consent",
    "consent_given": "on",
    "consent_date": "2024-03-01",
    "purpose": "Tracing the sought person and informing the family.",
    "sought-TOTAL_FORMS": "1",
    "sought-INITIAL_FORMS": "0",
    "sought-MIN_NUM_FORMS": "1",
    "sought-MAX_NUM_FORMS": "5",
    "sought-0-script": "az-Latn",
    "sought-0-given": "Elçin",
    "sought-0-family": "Əliyev",
    "sought-0-sex": "M",
}
REQUEST_JSON = {
    "enquirer": {"names": [{"script": "az-Latn", "given": "Aygün", "family": "Əliyeva"}]},
    "enquirer_relationship": "mother",
    "received_on": "2024-03-01",
    "consent_given": True,
    "consent_date": "2024-03-01",
    "sought": [
        {"person": {"names": [{"script": "az-Latn", "given": "Elçin", "family": "Əliyev"}]}}
    ],
}
EVIDENCE = {
    "outcome": "death_confirmed",
    "source": "village council",
    "information_date": "2024-03-01",
    "kind": "document",
    "reference": "death certificate 12/2024",
}
PERSON_FORM = {
    "sex": "F",
    "birth": "1950",
    "reason": "passport",
    "names-TOTAL_FORMS": "1",
    "names-INITIAL_FORMS": "1",
    "names-MIN_NUM_FORMS": "0",
    "names-MAX_NUM_FORMS": "8",
    "names-0-script": "az-Latn",
    "names-0-given": "Aygün",
    "names-0-family": "Əliyeva",
    "names-0-primary": "on",
}


def _case_url(w, tail=""):
    return f"/cases/{w.tracing_case.pk}/{tail}"


def _enquirer_url(w, tail=""):
    return f"/persons/{w.tracing_request.enquirer_id}/{tail}"


def _review_url(w):
    e = w.tracing_evidence
    return f"/cases/{e.case_id}/outcome-evidence/{e.pk}/review/"


def _edition(w, tail=""):
    w.tracing_editions  # noqa: B018
    return f"/editions/1/{tail}"


ROUTES = [
    # Registry and cases.
    page("GET", "registry/", REGISTRY, lambda w: Request("/registry/?q=Əliyev")),
    page("GET", "cases/<int:case_id>/", REGISTRY, lambda w: Request(_case_url(w))),
    page("GET", "cases/<int:case_id>/edit/", EDIT, lambda w: Request(_case_url(w, "edit/"))),
    page(
        "POST",
        "cases/<int:case_id>/edit/",
        EDIT,
        lambda w: Request(
            _case_url(w, "edit/"), {"last_seen_where": "at the bridge", "reason": "testimony"}
        ),
    ),
    page("GET", "cases/<int:case_id>/status/", EDIT, lambda w: Request(_case_url(w, "status/"))),
    page(
        "POST",
        "cases/<int:case_id>/status/",
        EDIT,
        lambda w: Request(
            _case_url(w, "status/"), {"to_status": "being_traced", "reason": "enquiries"}
        ),
    ),
    page(
        "POST",
        "cases/<int:case_id>/merge-undo/",
        EDIT,
        lambda w: Request(f"/cases/{w.tracing_duplicate.pk}/merge-undo/", {"reason": "not him"}),
    ),
    page(
        "GET",
        "cases/<int:case_id>/outcome-evidence/",
        EDIT,
        lambda w: Request(_case_url(w, "outcome-evidence/")),
    ),
    page(
        "POST",
        "cases/<int:case_id>/outcome-evidence/",
        EDIT,
        lambda w: Request(_case_url(w, "outcome-evidence/"), EVIDENCE),
    ),
    page(
        "POST",
        "cases/<int:case_id>/outcome-evidence/<int:evidence_id>/review/",
        EDIT,
        lambda w: Request(_review_url(w), {"decision": "confirm", "note": "checked"}),
    ),
    page("GET", "requests/new/", EDIT, lambda w: Request("/requests/new/")),
    page("POST", "requests/new/", EDIT, lambda w: Request("/requests/new/", REQUEST_FORM)),
    # Persons.
    page("GET", "persons/<int:person_id>/", REGISTRY, lambda w: Request(_enquirer_url(w))),
    page(
        "GET", "persons/<int:person_id>/edit/", EDIT, lambda w: Request(_enquirer_url(w, "edit/"))
    ),
    page(
        "POST",
        "persons/<int:person_id>/edit/",
        EDIT,
        lambda w: Request(_enquirer_url(w, "edit/"), PERSON_FORM),
    ),
    page(
        "GET",
        "persons/<int:person_id>/documents/new/",
        EDIT,
        lambda w: Request(_enquirer_url(w, "documents/new/")),
    ),
    page(
        "POST",
        "persons/<int:person_id>/documents/new/",
        EDIT,
        lambda w: Request(
            _enquirer_url(w, "documents/new/"), {"kind": "passport", "number": "X1234567"}
        ),
    ),
    page(
        "GET",
        "persons/<int:person_id>/relationships/new/",
        EDIT,
        lambda w: Request(_enquirer_url(w, "relationships/new/")),
    ),
    page(
        "POST",
        "persons/<int:person_id>/relationships/new/",
        EDIT,
        lambda w: Request(
            _enquirer_url(w, "relationships/new/"),
            {"kind": "parent", "other": w.tracing_case.case_number},
        ),
    ),
    # List editions.
    page("GET", "editions/", EDITIONS, lambda w: Request("/editions/")),
    page("GET", "editions/new/", EDIT, lambda w: Request("/editions/new/")),
    page(
        "POST",
        "editions/new/",
        EDIT,
        lambda w: Request(
            "/editions/new/",
            {"recipient": "Commission", "edition_date": "2024-03-01", "note": str(w.tracing_case)},
        ),
    ),
    page("GET", "editions/<int:number>/", EDITIONS, lambda w: Request(_edition(w))),
    page(
        "GET",
        "editions/<int:number>/export.<str:fmt>",
        EDITIONS,
        lambda w: Request(_edition(w).rstrip("/") + "/export.csv"),
    ),
    page(
        "GET",
        "editions/<int:number>/responses/new/",
        EDIT,
        lambda w: Request(_edition(w, "responses/new/")),
    ),
    page(
        "POST",
        "editions/<int:number>/responses/new/",
        EDIT,
        lambda w: Request(
            _edition(w, "responses/new/"),
            {
                "case_number": w.tracing_case.case_number,
                "kind": "query",
                "received_on": "2024-02-01",
            },
        ),
    ),
    page(
        "GET",
        "editions/<int:old>/diff/<int:new>/",
        EDITIONS,
        lambda w: Request(_edition(w, "diff/2/")),
    ),
    # API: persons.
    api("GET", "/api/persons", REGISTRY, lambda w: Request("/api/persons?q=Əliyev")),
    api(
        "GET",
        "/api/persons/{person_id}",
        REGISTRY,
        lambda w: Request(f"/api/persons/{w.tracing_request.enquirer_id}"),
    ),
    # API: registry, requests, cases.
    api("GET", "/api/cases", REGISTRY, lambda w: Request("/api/cases?status=open")),
    api(
        "GET",
        "/api/cases/{case_id}",
        REGISTRY,
        lambda w: Request(f"/api/cases/{w.tracing_case.pk}"),
    ),
    api("POST", "/api/requests", EDIT, lambda w: Request("/api/requests", REQUEST_JSON)),
    api(
        "POST",
        "/api/cases/{case_id}/status",
        EDIT,
        lambda w: Request(
            f"/api/cases/{w.tracing_case.pk}/status",
            {"to_status": "being_traced", "reason": "enquiries"},
        ),
        ok=200,
    ),
    api(
        "POST",
        "/api/cases/{case_id}/merge-undo",
        EDIT,
        lambda w: Request(
            f"/api/cases/{w.tracing_duplicate.pk}/merge-undo", {"reason": "not the same person"}
        ),
        ok=200,
    ),
    api(
        "POST",
        "/api/cases/{case_id}/outcome-evidence",
        EDIT,
        lambda w: Request(f"/api/cases/{w.tracing_case.pk}/outcome-evidence", EVIDENCE),
    ),
    api(
        "POST",
        "/api/outcome-evidence/{evidence_id}/review",
        EDIT,
        lambda w: Request(
            f"/api/outcome-evidence/{w.tracing_evidence.pk}/review", {"decision": "confirm"}
        ),
        ok=200,
    ),
    # API: list editions.
    api("GET", "/api/editions", EDITIONS, lambda w: Request("/api/editions")),
    api(
        "POST",
        "/api/editions",
        EDIT,
        lambda w: (
            Request("/api/editions", {"recipient": "Commission", "edition_date": "2024-03-01"})
            if w.tracing_case
            else None
        ),
    ),
    api(
        "GET",
        "/api/editions/{number}",
        EDITIONS,
        lambda w: Request("/api" + _edition(w).rstrip("/")),
    ),
    api(
        "GET",
        "/api/editions/{number}/export.{fmt}",
        EDITIONS,
        lambda w: Request("/api" + _edition(w).rstrip("/") + "/export.xlsx"),
    ),
    api(
        "GET",
        "/api/editions/{old}/diff/{new}",
        EDITIONS,
        lambda w: Request("/api" + _edition(w, "diff/2").rstrip("/")),
    ),
    api(
        "POST",
        "/api/editions/{number}/responses",
        EDIT,
        lambda w: Request(
            "/api" + _edition(w, "responses").rstrip("/"),
            {
                "case_number": w.tracing_case.case_number,
                "kind": "acknowledged",
                "received_on": "2024-02-01",
            },
        ),
    ),
]
