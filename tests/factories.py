"""Test data: a small fixed fictional cast and builders for requests and cases."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group

from casework.core import roles
from casework.core.models import User
from casework.persons.models import Script
from casework.persons.partial_dates import PartialDate
from casework.persons.services import NameInput, PersonInput
from casework.tracing.models import TracingRequest
from casework.tracing.services import RequestInput, SoughtInput, tracing_request_open

PASSWORD = "test-password-123"

CAST = {  # username → role
    "ada": roles.ADMINISTRATOR,
    "tomas": roles.TRACING_OFFICER,
    "farida": roles.FORENSIC_SPECIALIST,
    "dana": roles.DETENTION_DELEGATE,
    "aziz": roles.ACCOMPANIMENT_OFFICER,
    "dora": roles.DATA_PROTECTION_OFFICER,
    "pat": roles.PARTNER,
    "tomas2": roles.TRACING_OFFICER,  # the second tracing officer (four-eyes reviews)
}
ROLE_USER = {role: username for username, role in reversed(list(CAST.items()))}
# (reversed: the first user of each role is the one ``user_with_role`` names)


def example_user(username: str) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=CAST[username])])
    return user


def user_with_role(role: str) -> User:
    return example_user(ROLE_USER[role])


def record_outcome(case, outcome: str, *, by=None, reviewer=None, **evidence):
    """Record evidence of an outcome (as tomas) and confirm it (as tomas2): the case
    moves to ``outcome``. Returns the evidence."""
    from casework.tracing.models import OutcomeEvidence
    from casework.tracing.services import (
        EvidenceInput,
        outcome_evidence_record,
        outcome_evidence_review,
    )

    evidence = outcome_evidence_record(
        case_id=case.pk,
        data=EvidenceInput(
            outcome=outcome,
            source=evidence.pop("source", "the national commission"),
            information_date=evidence.pop("information_date", dt.date(2024, 1, 10)),
            kind=evidence.pop("kind", OutcomeEvidence.Kind.OFFICIAL),
            **evidence,
        ),
        by=by or example_user("tomas"),
    )
    return outcome_evidence_review(
        evidence_id=evidence.pk, decision="confirm", by=reviewer or example_user("tomas2")
    )


def person_input(
    given: str,
    family: str,
    *,
    patronymic: str = "",
    script: str = Script.AZ_LATIN,
    sex: str = "M",
    birth: str | None = None,
    extra: list[NameInput] | None = None,
) -> PersonInput:
    return PersonInput(
        names=[NameInput(script, given, patronymic, family, True), *(extra or [])],
        sex=sex,
        birth=PartialDate.parse(birth) if birth else None,
    )


def open_request(
    *,
    by,
    sought: list[SoughtInput] | None = None,
    enquirer: PersonInput | None = None,
    relationship: str = "mother",
    received_on: dt.date = dt.date(2020, 5, 1),
    **kw,
) -> TracingRequest:
    sought = sought or [
        SoughtInput(
            person=person_input(
                "Elçin",
                "Əliyev",
                patronymic="Rəşid oğlu",
                birth="1970",
                extra=[NameInput(Script.CYRILLIC, "Эльчин", "Рашид оглы", "Алиев")],
            ),
            disappearance=PartialDate.parse("1992-05"),
            disappearance_place="Dərəkənd",
            event="test event",
        )
    ]
    kw.setdefault("consent_given", True)
    kw.setdefault("consent_date", received_on if kw["consent_given"] else None)
    return tracing_request_open(
        data=RequestInput(
            enquirer=enquirer or person_input("Aygün", "Əliyeva", sex="F"),
            enquirer_relationship=relationship,
            sought=sought,
            received_on=received_on,
            **kw,
        ),
        by=by,
    )
