import datetime as dt

import pytest

from casework.core import roles
from casework.detention import services as S
from tests.factories import person_input, user_with_role


@pytest.fixture
def dana(db):
    return user_with_role(roles.DETENTION_DELEGATE)


@pytest.fixture
def setting(dana):
    """Two places; a (visited, messaged), b (never visited, no contact), c (released)."""
    prison = S.place_create(
        name="Facility 1", kind="prison", authority="MoJ", location="district 1", by=dana
    )
    other = S.place_create(
        name="Facility 2", kind="camp", authority="MoD", location="district 2", by=dana
    )

    def det(given, captured):
        return S.detainee_register(
            person=person_input(given, "Quliyev"),
            status="pow",
            captured_on=captured,
            place=prison,
            by=dana,
        )

    a = det("Vüqar", dt.date(2024, 1, 10))
    b = det("Namiq", dt.date(2024, 6, 1))
    c = det("Tofiq", dt.date(2023, 5, 5))
    S.visit_record(
        place=prison,
        start_date=dt.date(2025, 1, 30),
        end_date=dt.date(2025, 2, 1),
        team="team 1",
        seen=[a],
        by=dana,
        findings={"treatment": "CONFIDENTIAL-TREATMENT-NOTE"},
        recommendations=["separate the sick"],
    )
    S.family_contact_record(
        detainee=a,
        kind="message",
        direction="to_detainee",
        written_on=dt.date(2024, 12, 1),
        collected_on=dt.date(2024, 12, 3),
        delivered_on=dt.date(2024, 12, 20),
        by=dana,
    )
    S.movement_record(
        detainee=c, kind="repatriation", date=dt.date(2024, 10, 1), consent_recorded=True, by=dana
    )
    return {"prison": prison, "other": other, "a": a, "b": b, "c": c}
