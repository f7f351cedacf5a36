"""The detention flows called directly, as each role: a refused role gets NotFound
(like a missing record) and nothing is written; records named in a request must
belong to the record being changed; an existing person may be linked only when the
actor may open it."""

import datetime as dt

import pytest

from casework.core import roles
from casework.core.errors import NotFound, ValidationFailed
from casework.core.models import AuditEntry
from casework.detention import selectors as sel
from casework.detention import services as S
from casework.detention.isolation import DAYS_INVALID, isolation_alerts
from casework.detention.models import (
    Detainee,
    FamilyContact,
    Movement,
    Placement,
    Visit,
    VisitInterview,
)
from casework.detention.report import MONTH_INVALID, monthly_report
from tests.factories import open_request, person_input, user_with_role

pytestmark = pytest.mark.django_db

DELEGATE = {roles.DETENTION_DELEGATE}
VIEWERS = {roles.DETENTION_DELEGATE, roles.ADMINISTRATOR}

READS = {
    "dashboard": (lambda u, s: sel.dashboard_page(viewer=u), VIEWERS),
    "detainees": (lambda u, s: list(sel.detainees_list(viewer=u)), VIEWERS),
    "detainee": (lambda u, s: sel.detainee_page(viewer=u, detainee_id=s["a"].pk), VIEWERS),
    "detainee_form": (lambda u, s: sel.detainee_form_page(viewer=u), DELEGATE),
    "isolation": (lambda u, s: isolation_alerts(viewer=u, days=30), VIEWERS),
    "places": (lambda u, s: sel.places_list(viewer=u), VIEWERS),
    "place": (lambda u, s: sel.place_page(viewer=u, place_id=s["prison"].pk), VIEWERS),
    "visit_form": (
        lambda u, s: sel.visit_form_page(viewer=u, place_id=s["prison"].pk),
        DELEGATE,
    ),
    "visit": (
        lambda u, s: sel.visit_page(viewer=u, visit_id=s["prison"].visits.get().pk),
        DELEGATE,
    ),
    "hearings": (lambda u, s: sel.hearings_list(viewer=u), VIEWERS),
    "consular": (lambda u, s: sel.consular_list(viewer=u), VIEWERS),
    "dossiers": (lambda u, s: sel.dossiers_list(viewer=u), VIEWERS),
}


def test_read_flows_per_role(setting):
    users = {role: user_with_role(role) for role in roles.ALL_ROLES}  # argon2: make once
    for name, (call, allowed) in READS.items():
        for role, user in users.items():
            if role in allowed:
                assert call(user, setting) is not None, (name, role)
            else:
                with pytest.raises(NotFound):
                    call(user, setting)


def test_monthly_report_flow_per_role_and_audit(setting):
    before = AuditEntry.objects.filter(action="detention.report.monthly").count()
    for role in roles.ALL_ROLES:
        user = user_with_role(role)
        if role in VIEWERS:
            report = monthly_report(viewer=user, month="2025-03")
            assert report.pdf.startswith(b"%PDF") and report.filename == "detention-2025-03.pdf"
        else:
            with pytest.raises(NotFound):
                monthly_report(viewer=user, month="2025-03")
    entries = AuditEntry.objects.filter(action="detention.report.monthly")
    assert entries.count() == before + len(VIEWERS)
    assert {e.object_id for e in entries} == {"2025-03"}
    with pytest.raises(ValidationFailed) as exc:
        monthly_report(viewer=user_with_role(roles.DETENTION_DELEGATE), month="2025-13")
    assert exc.value.errors == {"month": [MONTH_INVALID]}


def _writes(s, dana):
    a, prison, other = s["a"], s["prison"], s["other"]
    proc = S.proceeding_add(detainee=a, case_reference="CR-1", court="court", charges="x", by=dana)
    visit = prison.visits.get()
    rec = visit.recommendations.get()
    return {
        "place_create": lambda u: S.place_create(
            name="Facility 9", kind="camp", authority="MoD", location="d9", by=u
        ),
        "detainee_register": lambda u: S.detainee_register(
            person=person_input("Elvin", "Məmmədov"),
            status="security",
            captured_on=dt.date(2025, 1, 1),
            place=prison,
            by=u,
        ),
        "transfer": lambda u: S.detainee_transfer(
            detainee=a, to=other, on=dt.date(2025, 2, 10), by=u
        ),
        "movement": lambda u: S.movement_record(
            detainee=a, kind="release", date=dt.date(2025, 2, 10), by=u
        ),
        "visit": lambda u: S.visit_record(
            place=prison,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 3, 1),
            team="t",
            seen=[s["b"].pk],
            by=u,
        ),
        "contact": lambda u: S.family_contact_record(
            detainee=a.pk,
            kind="phone",
            direction="to_detainee",
            written_on=dt.date(2025, 1, 2),
            by=u,
        ),
        "proceeding": lambda u: S.proceeding_add(
            detainee=a, case_reference="CR-2", court="c", charges="x", by=u
        ),
        "hearing": lambda u: S.hearing_add(
            detainee=a, proceeding=proc, date=dt.date(2025, 5, 1), by=u
        ),
        "verdict": lambda u: S.proceeding_update(
            detainee=a, proceeding=proc, verdict="acquitted", verdict_on=dt.date(2025, 2, 1), by=u
        ),
        "notification": lambda u: S.notification_record(
            detainee=a,
            direction="sent",
            party="Party B",
            date=dt.date(2025, 2, 1),
            subject="s",
            by=u,
        ),
        "consular": lambda u: S.consular_request_create(
            detainee=a.reference,
            requesting_state="State B",
            protecting_power="State P",
            requested_on=dt.date(2025, 2, 1),
            by=u,
        ),
        "dossier": lambda u: S.dossier_create(
            person=s["b"].person,
            last_seen_on=dt.date(2024, 6, 1),
            last_seen_where="Facility 1",
            summary="x",
            by=u,
        ),
        "follow_up": lambda u: S.recommendation_follow_up(
            visit=visit,
            recommendation=rec,
            status="in_progress",
            by=u,
        ),
    }


def test_write_flows_refuse_every_other_role(setting, dana):
    writes = _writes(setting, dana)
    for name, call in writes.items():
        for role in sorted(set(roles.ALL_ROLES) - DELEGATE):
            n = AuditEntry.objects.count()
            with pytest.raises(NotFound):
                call(user_with_role(role))
            assert AuditEntry.objects.count() == n, (name, role)
    for name, call in writes.items():
        assert call(dana) is not None, name


def test_every_write_leaves_its_audit_entry(setting, dana):
    n = AuditEntry.objects.count()
    writes = _writes(setting, dana)
    for call in writes.values():
        call(dana)
    actions = list(
        AuditEntry.objects.filter(seq__gt=n).order_by("seq").values_list("action", flat=True)
    )
    assert actions == [
        "detention.proceeding.add",  # made by _writes for the hearing and verdict
        "detention.place.create",
        "persons.person.create",
        "detention.detainee.register",
        "detention.detainee.transfer",
        "detention.release",
        "detention.visit.record",
        "detention.contact.record",
        "detention.proceeding.add",
        "detention.hearing.add",
        "detention.proceeding.update",
        "detention.notification.record",
        "detention.consular.request",
        "detention.dossier.create",
        "detention.recommendation.follow_up",
    ]
    assert not AuditEntry.objects.filter(actor__isnull=True).exists()


def test_missing_and_bad_ids_are_not_found(setting, dana):
    for bad in (0, -1, 2**70, "abc", None, "99999999999999999999", True):
        for access in (
            sel.access_detainee_by_id,
            sel.access_place_by_id,
            sel.access_visit_by_id,
            sel.access_dossier_by_id,
            sel.access_consular_request_by_id,
        ):
            with pytest.raises(NotFound):
                access(dana, bad)
    with pytest.raises(NotFound):
        sel.detainee_page(viewer=dana, detainee_id=10**6)


def test_thresholds_are_validated(setting, dana):
    for bad in (-1, 36501, 10**30):
        with pytest.raises(ValidationFailed) as exc:
            isolation_alerts(viewer=dana, days=bad)
        assert exc.value.errors == {"days": [DAYS_INVALID]}
        with pytest.raises(ValidationFailed):
            sel.hearings_list(viewer=dana, days=bad)
        with pytest.raises(ValidationFailed):
            sel.dashboard_page(viewer=dana, days=bad)


def test_reply_must_be_a_message_of_the_same_detainee(setting, dana):
    a, b = setting["a"], setting["b"]
    theirs = a.contacts.get()
    call = S.family_contact_record(
        detainee=b, kind="phone", direction="to_detainee", written_on=dt.date(2025, 1, 3), by=dana
    )
    for wrong in (theirs, call.pk, 10**9, 2**70):  # another detainee's, not a message, missing
        with pytest.raises(ValidationFailed) as exc:
            S.family_contact_record(
                detainee=b,
                kind="message",
                direction="from_detainee",
                written_on=dt.date(2025, 1, 5),
                reply_to=wrong,
                by=dana,
            )
        assert exc.value.errors == {"reply_to": [S.NO_SUCH_MESSAGE]}
    assert b.contacts.count() == 1


def test_hearing_and_verdict_need_a_proceeding_of_the_detainee(setting, dana):
    a, b = setting["a"], setting["b"]
    of_a = S.proceeding_add(detainee=a, case_reference="CR-A", court="c", charges="x", by=dana)
    with pytest.raises(ValidationFailed) as exc:
        S.hearing_add(detainee=b, proceeding=of_a, date=dt.date(2025, 5, 1), by=dana)
    assert exc.value.errors == {"proceeding": [S.NO_SUCH_PROCEEDING]}
    with pytest.raises(ValidationFailed) as exc:
        S.proceeding_update(detainee=b, proceeding=of_a.pk, verdict="", by=dana)
    assert exc.value.errors == {"proceeding": [S.NO_SUCH_PROCEEDING]}
    assert not of_a.hearings.exists()


def test_recommendation_and_evidence_must_belong(setting, dana, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    v1 = setting["prison"].visits.get()
    v2 = S.visit_record(
        place=setting["prison"],
        start_date=dt.date(2025, 3, 1),
        end_date=dt.date(2025, 3, 2),
        team="t2",
        seen=[],
        recommendations=["other"],
        by=dana,
    )
    with pytest.raises(ValidationFailed) as exc:
        S.recommendation_follow_up(
            visit=v1, recommendation=v2.recommendations.get(), status="implemented", by=dana
        )
    assert exc.value.errors == {"recommendation": [S.NO_SUCH_RECOMMENDATION]}
    d1, d2 = (
        S.dossier_create(
            person=setting[k].person,
            last_seen_on=dt.date(2024, 6, 1),
            last_seen_where="x",
            summary="",
            by=dana,
        )
        for k in ("a", "b")
    )
    item = S.evidence_add(
        dossier=d2,
        kind="document",
        description="d",
        name="d.txt",
        content=b"doc",
        received_on=dt.date(2024, 7, 1),
        received_from="f",
        by=dana,
    )
    with pytest.raises(ValidationFailed) as exc:
        S.evidence_custody_add(dossier=d1, item=item, action="copied", holder="me", by=dana)
    assert exc.value.errors == {"item": [S.NO_SUCH_EVIDENCE]}
    assert (
        item.custody
        == S.evidence_custody_add(
            dossier=d2, item=item.pk, action="copied", holder="me", by=dana
        ).custody[:1]
    )
    assert item.custody[0]["by"] == dana.username


def test_an_existing_person_is_linked_only_when_visible(setting, dana, tomas):
    """A delegate opens the persons of detainees and dossiers, not the registry: naming
    a registry person answers exactly like naming a missing one."""
    request = open_request(by=tomas)
    enquirer = request.enquirer
    for person in (enquirer, enquirer.pk, 10**9):
        for call in (
            lambda p: S.detainee_register(
                person=p,
                status="security",
                captured_on=dt.date(2025, 1, 1),
                place=setting["prison"],
                by=dana,
            ),
            lambda p: S.dossier_create(
                person=p,
                last_seen_on=dt.date(2024, 1, 1),
                last_seen_where="x",
                summary="",
                by=dana,
            ),
        ):
            with pytest.raises(ValidationFailed) as exc:
                call(person)
            assert exc.value.errors == {"person": [S.NO_SUCH_PERSON]}
    assert not enquirer.detentions.exists() and not enquirer.ed_dossiers.exists()
    # a detainee's person is in the detention compartment: re-detention is possible
    again = S.detainee_register(
        person=setting["c"].person.pk,
        status="security",
        captured_on=dt.date(2025, 1, 1),
        place=setting["prison"],
        by=dana,
    )
    assert again.person == setting["c"].person


def test_visit_refuses_unknown_and_absent_detainees(setting, dana):
    for seen, message in ((["abc"], S.NO_SUCH_DETAINEE), ([10**9], S.NO_SUCH_DETAINEE)):
        with pytest.raises(ValidationFailed) as exc:
            S.visit_record(
                place=setting["prison"],
                start_date=dt.date(2025, 3, 1),
                end_date=dt.date(2025, 3, 1),
                team="t",
                seen=seen,
                by=dana,
            )
        assert exc.value.errors["seen"] == [message]
    with pytest.raises(ValidationFailed) as exc:
        S.visit_record(
            place=10**9,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 3, 1),
            team="t",
            seen=[],
            by=dana,
        )
    assert exc.value.errors == {"place": [S.NO_SUCH_PLACE]}


def test_consular_by_reference_and_its_life_cycle(setting, dana):
    with pytest.raises(ValidationFailed) as exc:
        S.consular_request_create(
            detainee="DT-999999",
            requesting_state="B",
            protecting_power="P",
            requested_on=dt.date(2025, 1, 1),
            by=dana,
        )
    assert exc.value.errors == {"detainee": [S.NO_SUCH_DETAINEE]}
    r = S.consular_request_create(
        detainee=setting["a"].reference.lower(),
        requesting_state="B",
        protecting_power="P",
        requested_on=dt.date(2025, 1, 1),
        by=dana,
    )
    with pytest.raises(ValidationFailed) as exc:
        S.consular_request_update(request=r, status="visit_done", on=dt.date(2025, 1, 5), by=dana)
    assert exc.value.errors == {"status": [S.VISIT_AFTER_ACCEPTANCE]}
    S.consular_request_update(request=r.pk, status="accepted", on=dt.date(2025, 1, 5), by=dana)
    S.consular_request_update(request=r.pk, status="visit_done", on=dt.date(2025, 2, 5), by=dana)
    with pytest.raises(ValidationFailed) as exc:
        S.consular_request_update(request=r.pk, status="refused", on=dt.date(2025, 2, 6), by=dana)
    assert exc.value.errors == {"status": [S.REQUEST_CLOSED]}
    # the consular visit counts as an independent visit for the isolation count
    row = sel.detainee_page(viewer=dana, detainee_id=setting["a"].pk).isolation
    assert row is not None and row.last_visit == dt.date(2025, 2, 5)


def test_detainee_page_timeline_and_audit(setting, dana):
    a = setting["a"]
    n = AuditEntry.objects.filter(action="detention.detainee.view", object_id=str(a.pk)).count()
    page = sel.detainee_page(viewer=dana, detainee_id=str(a.pk))
    assert [e.kind for e in page.timeline] == ["visit", "contact", "place", "capture"]
    assert page.timeline[-1].date == a.captured_on
    assert page.isolation is not None and page.isolation.last_visit == dt.date(2025, 2, 1)
    assert page.allowed == frozenset(sel.DETAINEE_WRITES)
    assert (
        AuditEntry.objects.filter(action="detention.detainee.view", object_id=str(a.pk)).count()
        == n + 1
    )
    admin_page = sel.detainee_page(viewer=user_with_role(roles.ADMINISTRATOR), detainee_id=a.pk)
    assert admin_page.allowed == frozenset()


# --- bulk flows ------------------------------------------------------------------------


def _history(place, captured, **kw):
    return S.DetaineeHistory(
        person=person_input("Rauf", "Həsənov"),
        status=kw.pop("status", "pow"),
        captured_on=captured,
        placements=kw.pop("placements", [(place, captured, None)]),
        **kw,
    )


def test_bulk_register_validates_every_row_and_audits_per_batch(setting, dana):
    prison, other = setting["prison"], setting["other"]
    d0, d1, d2 = dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1)
    good = [
        _history(prison, d0),
        _history(
            prison,
            d0,
            placements=[(prison, d0, d1), (other, d1, d2)],
            release=S.ReleaseInput("repatriation", d2, consent_recorded=True),
        ),
    ]
    bad = [
        _history(prison, d0, placements=[(prison, d1, None)]),  # does not start at capture
        _history(prison, d0, placements=[(prison, d0, d1), (other, d2, None)]),  # a gap
        _history(prison, d0, release=S.ReleaseInput("repatriation", d2)),  # no consent, open
        _history(prison, d0, status="tourist"),
    ]
    n_det, n_audit = Detainee.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        S.detainees_bulk_register(rows=good + bad, by=dana)
    assert exc.value.errors["rows.2.placements"] == [S.PLACEMENTS_ORDER]
    assert exc.value.errors["rows.3.placements"] == [S.PLACEMENTS_ORDER]
    assert S.REPATRIATION_CONSENT in exc.value.errors["rows.4.release"]
    assert "rows.5.status" in exc.value.errors
    assert not any(k.startswith(("rows.0.", "rows.1.")) for k in exc.value.errors)
    assert (Detainee.objects.count(), AuditEntry.objects.count()) == (n_det, n_audit)
    with pytest.raises(NotFound):
        S.detainees_bulk_register(rows=good, by=user_with_role(roles.ADMINISTRATOR))
    dets = S.detainees_bulk_register(rows=good, by=dana)
    assert [d.reference for d in dets] == ["DT-000004", "DT-000005"]
    assert dets[1].released_on == d2
    assert list(Placement.objects.filter(detainee=dets[1]).values_list("to_date", flat=True)) == [
        d1,
        d2,
    ]
    assert Movement.objects.get(detainee=dets[1]).kind == "repatriation"
    entry = AuditEntry.objects.get(action="detention.detainee.bulk_register")
    assert entry.changes["ids"] == [d.pk for d in dets] and entry.actor == dana


def test_bulk_visits_and_contacts(setting, dana):
    a, b, c = setting["a"], setting["b"], setting["c"]
    day = dt.date(2025, 3, 3)
    with pytest.raises(ValidationFailed) as exc:
        S.visits_bulk_record(
            rows=[S.VisitInput(setting["other"], day, day, "t", seen=[a.pk])], by=dana
        )
    assert exc.value.errors["rows.0.seen"][0].startswith("Not held at Facility 2")
    visits = S.visits_bulk_record(
        rows=[
            S.VisitInput(setting["prison"], day, day, "t", seen=[a.pk, b.pk, b.pk]),
            S.VisitInput(setting["prison"], day, day, "t", findings={"health": "ok"}),
        ],
        by=dana,
    )
    assert VisitInterview.objects.filter(visit=visits[0]).count() == 2
    assert Visit.objects.get(pk=visits[1].pk).health == "ok"
    assert AuditEntry.objects.get(action="detention.visit.bulk_record").changes["ids"] == [
        v.pk for v in visits
    ]
    with pytest.raises(ValidationFailed) as exc:
        S.family_contacts_bulk_record(
            rows=[
                S.ContactInput(b.pk, "message", "to_detainee", day, delivered_on=day.replace(day=1))
            ],
            by=dana,
        )
    assert exc.value.errors == {"rows.0.delivered_on": [S.DELIVERED_BEFORE_COLLECTED]}
    made = S.family_contacts_bulk_record(
        rows=[S.ContactInput(c, "phone", "from_detainee", day)], by=dana
    )
    assert FamilyContact.objects.get(pk=made[0].pk).detainee == c
