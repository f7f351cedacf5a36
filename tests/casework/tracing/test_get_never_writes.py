"""A GET never writes: walking every tracing and persons page and API read leaves
every domain table as it was; the only new audit entries are declared read audits."""

import datetime as dt

import pytest
from django.apps import apps
from django.test import Client

from casework.core.audit import READ_ACTIONS
from casework.core.models import AuditEntry
from casework.tracing import editions as ed
from casework.tracing.services import case_status_change
from tests.factories import CAST, example_user, open_request

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("persons", "tracing", "core", "auth")


def counts() -> dict[str, int]:
    out = {}
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if model is AuditEntry:
                continue
            out[model._meta.label] = model._default_manager.count()
    return out


def writes() -> list[str]:
    return list(
        AuditEntry.objects.exclude(action__in=READ_ACTIONS).values_list("action", flat=True)
    )


def test_every_tracing_and_persons_get_is_read_only(tomas):
    tr = open_request(by=tomas)
    case = tr.cases.get()
    dup = open_request(by=tomas).cases.get()
    case_status_change(
        case_id=dup.pk,
        to_status="closed",
        close_reason="merged",
        merged_into=case.case_number,
        reason="duplicate",
        by=tomas,
    )
    ed.edition_create(recipient="C", edition_date=dt.date(2024, 1, 1), by=tomas)
    ed.edition_create(recipient="C", edition_date=dt.date(2024, 2, 1), by=tomas)
    pages = [
        "/registry/",
        "/registry/?q=Əliyev&status=open&page=2",
        f"/cases/{case.pk}/",
        f"/cases/{dup.pk}/",
        f"/cases/{case.pk}/edit/",
        f"/cases/{case.pk}/status/",
        f"/cases/{case.pk}/outcome-evidence/",
        f"/persons/{case.person_id}/",
        f"/persons/{tr.enquirer_id}/edit/",
        f"/persons/{tr.enquirer_id}/documents/new/",
        f"/persons/{tr.enquirer_id}/relationships/new/",
        "/requests/new/",
        "/editions/",
        "/editions/new/",
        "/editions/1/",
        "/editions/1/export.csv",
        "/editions/1/export.xlsx",
        "/editions/1/responses/new/",
        "/editions/1/diff/2/",
        "/api/persons?q=Əliyev",
        f"/api/persons/{tr.enquirer_id}",
        "/api/cases?status=open",
        f"/api/cases/{case.pk}",
        "/api/editions",
        "/api/editions/1",
        "/api/editions/1/export.csv",
        "/api/editions/1/diff/2",
    ]
    clients = []
    for username in CAST:
        c = Client()
        c.force_login(example_user(username))
        clients.append((username, c))
    before_counts, before_writes = counts(), writes()
    before_reads = AuditEntry.objects.count()
    for username, c in clients:
        for url in pages:
            r = c.get(url)
            assert r.status_code in (200, 404), (username, url, r.status_code)
    assert counts() == before_counts
    assert writes() == before_writes
    assert AuditEntry.objects.count() > before_reads  # the reads were audited
    assert (
        AuditEntry.objects.filter(action="tracing.edition.export").count() == 3 * 4
    )  # csv, xlsx, API csv; by ada, tomas, dora, tomas2
