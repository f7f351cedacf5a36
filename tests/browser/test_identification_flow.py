"""In headless Chromium: import a laboratory export, run matching, propose an
identification, confirm it as a second specialist, download the report."""

import pytest
from django.contrib.auth.models import Group

from casework.core import roles
from casework.core.models import User
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.goto(base + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_import_match_confirm_and_download(live_server, page, browser, world):
    for name in ("farida", "felix"):
        u = User.objects.create(username=name)
        u.set_password(PASSWORD)
        u.save()
        u.groups.set([Group.objects.get(name=roles.FORENSIC_SPECIALIST)])
    base = live_server.url
    login(page, base, "farida")
    page.get_by_role("link", name="Identification").click()
    page.get_by_role("link", name="Import DNA profiles").click()
    page.set_input_files("#file", str(world["lab"]))
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("text=9 new profile(s)")

    page.get_by_role("button", name="Start a matching run").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=run-status]').innerText === 'finished'"
    )
    page.get_by_role("link", name="Review the candidates").click()
    page.get_by_role("link", name="R-1").click()
    assert "times more likely if these remains are" in page.get_by_test_id("sentence").inner_text()
    page.get_by_label("Override reason").fill("test data: few markers")
    page.get_by_role("button", name="Propose identification").click()
    page.wait_for_selector("text=a second specialist must confirm it")
    decision_url = page.url

    # The proposer cannot confirm.
    page.get_by_label("Decision").select_option("confirm")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_selector("text=A second forensic specialist must confirm")

    second = browser.new_context(accept_downloads=True).new_page()
    login(second, base, "felix")
    second.goto(decision_url)
    second.get_by_label("Decision").select_option("confirm")
    second.get_by_role("button", name="Record decision").click()
    second.wait_for_selector("text=Identification confirmed")
    assert second.get_by_test_id("ident-status").inner_text() == "confirmed"
    with second.expect_download() as info:
        second.get_by_role("link", name="Download the report (PDF)").click()
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(4) == b"%PDF"
    case = world["truth"]["R-1"]
    case.refresh_from_db()
    assert case.status == "identified"
