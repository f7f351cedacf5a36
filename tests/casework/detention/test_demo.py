"""The detention demo is built through the flows, as the demo's detention delegate."""

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import Group

from casework.core import roles
from casework.core.audit import audit_verify
from casework.core.models import AuditEntry, User
from casework.demo.detention import DEMO_ACTOR, build_detention_demo
from casework.detention.isolation import isolation_alerts
from casework.detention.models import Detainee, Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(db):
    user = User.objects.create(username=DEMO_ACTOR)
    user.groups.set([Group.objects.get(name=roles.DETENTION_DELEGATE)])
    return user


def test_demo_through_the_flows(delegate):
    today = dt.date.today()
    stats = build_detention_demo(detainees=300, visits=150, pow_group=12)
    assert (stats["places"], stats["detainees"], stats["pow_group"]) == (40, 300, 12)
    # every entry has the named demo user as actor
    assert set(AuditEntry.objects.values_list("actor_username", flat=True)) == {DEMO_ACTOR}
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "detention.place.create",
        "detention.detainee.bulk_register",
        "detention.visit.bulk_record",
        "detention.contact.bulk_record",
        "detention.hearing.add",
        "detention.consular.update",
        "detention.dossier.create",
        "detention.evidence.add",
        "demo.detention.load",
    } <= actions
    bulk = AuditEntry.objects.get(action="detention.detainee.bulk_register")
    assert len(bulk.changes["ids"]) == 300
    # the prisoners of war last visited and messaged when the organisation left
    pows = set(
        Detainee.objects.filter(reference__lte="DT-000012").values_list("reference", flat=True)
    )
    alerts = {r.reference: r for r in isolation_alerts(viewer=delegate, days=365)}
    assert pows <= set(alerts)
    left = dt.date(today.year - 2, 6, 1)
    assert all(alerts[p].last_visit and alerts[p].last_visit.replace(day=1) == left for p in pows)
    # every detainee's placements follow each other from the capture
    for d in Detainee.objects.all()[:50]:
        spans = list(Placement.objects.filter(detainee=d).order_by("from_date", "id"))
        assert spans[0].from_date == d.captured_on
        assert all(x.to_date == y.from_date for x, y in itertools.pairwise(spans))
        assert spans[-1].to_date == d.released_on
    assert audit_verify().intact
