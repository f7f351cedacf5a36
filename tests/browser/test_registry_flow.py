"""In headless Chromium: log in, open a tracing request for a person named in
Cyrillic, find it by typing the name in Latin, and see it in a new edition's diff."""

import datetime as dt

import pytest

from casework.tracing import editions as ed
from tests.factories import PASSWORD, example_user, open_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_find_and_diff(live_server, page):
    tomas = example_user("tomas")
    open_request(by=tomas)  # an earlier case
    ed.edition_create(recipient="Commission", edition_date=dt.date(2024, 1, 1), by=tomas)

    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("tomas")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="New tracing request").click()

    # Enquirer
    page.locator("#id_e_script").select_option("ru-Cyrl")
    page.locator("#id_e_given").fill("Татьяна")
    page.locator("#id_e_family").fill("Кузнецова")
    page.locator("#id_e_sex").select_option("F")
    page.locator("#id_relationship").select_option("mother")
    # Sought person, in Cyrillic only
    page.locator("#id_sought-0-script").select_option("ru-Cyrl")
    page.locator("#id_sought-0-given").fill("Игорь")
    page.locator("#id_sought-0-patronymic").fill("Олегович")
    page.locator("#id_sought-0-family").fill("Кузнецов")
    page.locator("#id_sought-0-sex").select_option("M")
    # Consent is never pre-filled: the officer ticks it and dates it.
    consent = page.get_by_label("Consent given for tracing and for sharing with the authority")
    assert not consent.is_checked()
    consent.check()
    page.locator("#id_consent_date").fill("2024-03-01")
    # A bad date first: the field says what is wrong, nothing is saved.
    page.locator("#id_sought-0-disappearance").fill("1992-02-30")
    page.get_by_role("button", name="Open the request").click()
    assert page.locator("#id_sought-0-disappearance_error").inner_text() == (
        "1992-02-30 does not exist"
    )
    page.locator("#id_sought-0-disappearance").fill("1992-02")
    page.get_by_role("button", name="Open the request").click()
    page.wait_for_selector("text=Tracing request TR-")
    case_number = page.locator("h1").inner_text().split(" ")[0]
    assert case_number.startswith("MP-")

    # Find it by typing the name in Latin (htmx swaps the results in).
    page.get_by_role("link", name="Registry").click()
    page.get_by_label("Name (any script, any spelling)").fill("Kuznetsov Igor")
    page.wait_for_function(
        "document.querySelector('[data-testid=result-count]').innerText.trim() === '1'"
    )
    assert page.get_by_role("link", name=case_number).is_visible()
    assert page.locator("#results").inner_text().count("Кузнецов Игорь Олегович") == 1

    # Freeze a new edition and see the case among the added ones.
    page.get_by_role("link", name="List editions").click()
    page.get_by_role("link", name="Freeze a new edition").click()
    page.get_by_role("button", name="Freeze edition").click()
    page.wait_for_selector("text=Edition 2 frozen")
    page.get_by_role("link", name="Changes since edition 1").click()
    added = page.get_by_test_id("diff-added").inner_text()
    assert case_number in added and "Кузнецов" in added
    assert page.get_by_test_id("diff-summary").inner_text().startswith("Edition 1 → 2: 1 added")
    page.screenshot(path="var/browser-diff.png", full_page=True)
