"""In headless Chromium: a detainee in isolation is seen during a recorded visit and
leaves the isolation alert list."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from casework.core import roles
from casework.core.models import User
from casework.detention import services as S
from casework.detention.models import DetentionPlace
from tests.factories import PASSWORD, person_input

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visit_removes_isolation_alert(live_server, page):
    dana = User.objects.create(username="dana")
    dana.set_password(PASSWORD)
    dana.save()
    dana.groups.set([Group.objects.get(name=roles.DETENTION_DELEGATE)])
    place = DetentionPlace.objects.create(
        name="Facility 7", kind="prison", authority="MoJ", location="district 7"
    )
    det = S.detainee_register(
        person=person_input("Namiq", "Quliyev"),
        status="pow",
        captured_on=dt.date.today() - dt.timedelta(days=400),
        place=place,
        by=dana,
    )

    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Detention").click()
    alerts = page.get_by_test_id("alerts")
    assert det.reference in alerts.inner_text() and "never" in alerts.inner_text()

    page.get_by_role("link", name="Record a visit").click()
    page.locator("select[name=place]").select_option(str(place.pk))
    page.get_by_role("button", name="Choose").click()
    page.get_by_label("Team").fill("team A")
    page.get_by_label(f"{det.reference} Quliyev Namiq").check()
    page.get_by_label("Treatment").fill("no allegation")
    page.get_by_role("button", name="Record the visit").click()
    page.wait_for_selector("text=1 detainee(s) seen")

    page.get_by_role("link", name="Detention").click()
    assert det.reference not in page.get_by_test_id("alerts").inner_text()
    assert page.get_by_test_id("alert-count").inner_text() == "0"
