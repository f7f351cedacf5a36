"""Every tracing and persons flow, called directly as every role: a role without the
flow's permission gets NotFound; a role with it succeeds with the same valid input."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client

from casework.core.errors import NotFound
from casework.core.flows import USE_CASES
from casework.core.roles import ROLE_PERMISSIONS
from casework.persons import selectors as PS
from casework.persons import services as PW
from casework.tracing import editions as ed
from casework.tracing import selectors as TS
from casework.tracing import services as TW
from casework.tracing.importer import import_tracing_file
from casework.tracing.models import CaseStatus, CloseReason, OutcomeEvidence
from tests.factories import CAST, example_user, open_request, person_input

pytestmark = pytest.mark.django_db

EVIDENCE = TW.EvidenceInput(
    outcome=CaseStatus.FOUND_ALIVE,
    source="the national commission",
    information_date=dt.date(2024, 1, 10),
    kind=OutcomeEvidence.Kind.OFFICIAL,
)


class Rollback(Exception):
    pass


@pytest.fixture
def w(tomas, tmp_path):
    tr = open_request(by=tomas)
    case = tr.cases.get()
    dup = open_request(by=tomas).cases.get()
    TW.case_status_change(
        case_id=dup.pk,
        to_status=CaseStatus.CLOSED,
        close_reason=CloseReason.MERGED,
        merged_into=case.case_number,
        reason="duplicate",
        by=tomas,
    )
    other = open_request(by=tomas).cases.get()
    evidence = TW.outcome_evidence_record(case_id=other.pk, data=EVIDENCE, by=tomas)
    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)
    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 2, 1), by=tomas)
    csv_path = Path(tmp_path) / "requests.csv"
    csv_path.write_text(
        "source_ref,received_on,enquirer_given,enquirer_family,enquirer_relationship,"
        "sought_given,sought_family,sought_sex,consent_date\n"
        "F1,2021-03-04,Aygün,Əliyeva,mother,Elçin,Əliyev,M,2021-03-04\n"
    )
    return {
        "case": case,
        "dup": dup,
        "enquirer": tr.enquirer,
        "evidence": evidence,
        "csv": csv_path,
    }


CALLS = {
    "persons.person.open": lambda w, u: PS.person_open(viewer=u, person_id=w["enquirer"].pk),
    "persons.person.page": lambda w, u: PS.person_page(viewer=u, person_id=w["enquirer"].pk),
    "persons.person.edit_form": lambda w, u: PS.person_edit_open(
        viewer=u, person_id=w["enquirer"].pk
    ),
    "persons.person.search": lambda w, u: list(PS.persons_search(viewer=u, q="Əliyev")),
    "persons.person.update": lambda w, u: PW.person_update(
        person_id=w["enquirer"].pk, data=person_input("Aygün", "Əliyeva", sex="F"), by=u
    ),
    "persons.document.add": lambda w, u: PW.document_add(
        person_id=w["enquirer"].pk, kind="passport", number="P1", by=u
    ),
    "persons.relationship.add": lambda w, u: PW.relationship_add(
        from_person_id=w["enquirer"].pk, other=w["case"].case_number, kind="parent", by=u
    ),
    "tracing.registry.list": lambda w, u: list(
        TS.registry_list(viewer=u, filters=TS.RegistryFilters())
    ),
    "tracing.registry.page": lambda w, u: TS.registry_page(viewer=u, filters=TS.RegistryFilters()),
    "tracing.case.open": lambda w, u: TS.case_open(viewer=u, case_id=w["case"].pk),
    "tracing.case.page": lambda w, u: TS.case_page(viewer=u, case_id=w["case"].pk),
    "tracing.case.form": lambda w, u: TS.case_for_change(viewer=u, case_id=w["case"].pk),
    "tracing.request.form": lambda w, u: TS.request_form_choices(viewer=u),
    "tracing.request.open": lambda w, u: open_request(by=u),
    "tracing.case.update": lambda w, u: TW.case_update(
        case_id=w["case"].pk, data=TW.CircumstancesInput(last_seen_where="bridge"), by=u
    ),
    "tracing.case.status": lambda w, u: TW.case_status_change(
        case_id=w["case"].pk, to_status=CaseStatus.BEING_TRACED, reason="enquiries", by=u
    ),
    "tracing.case.merge_undo": lambda w, u: TW.case_merge_undo(
        case_id=w["dup"].pk, reason="not the same", by=u
    ),
    "tracing.outcome_evidence.record": lambda w, u: TW.outcome_evidence_record(
        case_id=w["case"].pk, data=EVIDENCE, by=u
    ),
    "tracing.outcome_evidence.review": lambda w, u: TW.outcome_evidence_review(
        evidence_id=w["evidence"].pk,
        decision="confirm",
        by=example_user("tomas2") if u.username == "tomas" else u,
    ),
    "tracing.import": lambda w, u: import_tracing_file(w["csv"], by=u),
    "tracing.edition.create": lambda w, u: ed.edition_create(
        recipient="C", edition_date=dt.date(2024, 3, 1), by=u
    ),
    "tracing.edition.form": lambda w, u: ed.edition_form_open(viewer=u),
    "tracing.edition.response_form": lambda w, u: ed.edition_for_response(viewer=u, number=1),
    "tracing.edition.list": lambda w, u: list(ed.editions_list(viewer=u)),
    "tracing.edition.get": lambda w, u: ed.edition_get(viewer=u, number=1),
    "tracing.edition.page": lambda w, u: ed.edition_page(viewer=u, number=1),
    "tracing.edition.export": lambda w, u: ed.edition_export(viewer=u, number=1, fmt="csv"),
    "tracing.edition.diff": lambda w, u: ed.edition_diff_for(viewer=u, old_number=1, new_number=2),
    "tracing.edition.response": lambda w, u: ed.authority_response_record(
        number=1,
        case_number=w["case"].case_number,
        kind="query",
        received_on=dt.date(2024, 2, 1),
        note="",
        by=u,
    ),
}


def test_every_tracing_and_persons_flow_is_exercised():
    ours = {n for n in USE_CASES if n.split(".")[0] in ("tracing", "persons")}
    assert ours == set(CALLS)


def _allowed(name: str, username: str) -> bool:
    perms = set(ROLE_PERMISSIONS[CAST[username]])
    if name == "persons.person.open" or name == "persons.person.page":
        return bool(perms & {"persons.view_person"})  # the registry compartment
    return set(USE_CASES[name].permissions) <= perms


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("username", [u for u in CAST if u != "tomas2"])
def test_flow_as_role(w, name, username):
    user = example_user(username)
    call = CALLS[name]
    try:
        with transaction.atomic():
            if _allowed(name, username):
                call(w, user)
            else:
                with pytest.raises(NotFound):
                    call(w, user)
            raise Rollback
    except Rollback:
        pass


def test_an_anonymous_or_inactive_actor_is_refused(w):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotFound):
        TS.case_open(viewer=AnonymousUser(), case_id=w["case"].pk)
    tomas = example_user("tomas")
    tomas.is_active = False
    with pytest.raises(NotFound):
        TS.case_open(viewer=tomas, case_id=w["case"].pk)
    with pytest.raises(NotFound):
        open_request(by=None)


def test_consent_is_not_prefilled_on_the_new_request_form(tomas):
    c = Client()
    c.force_login(tomas)
    page = c.get("/requests/new/").content.decode()
    box = page[page.index('name="consent_given"') - 200 : page.index('name="consent_given"') + 200]
    assert "checked" not in box
    date = page[page.index('name="consent_date"') - 10 : page.index('name="consent_date"') + 150]
    assert "value=" not in date.split(">")[0]
    assert TW.RequestInput.__dataclass_fields__["consent_given"].default is False
