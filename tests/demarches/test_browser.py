"""An analyst signs in through the form, files an outcome in Chromium and sees the matrix change."""

from pathlib import Path

import pytest

from tests import factories
from tests.conftest import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
        yield page
        context.close()
        browser.close()


def test_analyst_files_an_outcome_and_the_matrix_changes(live_server, transactional_db, ledger, page):  # noqa: F811
    from tests.demarches.conftest import make_seed_demarche

    analyst = factories.UserFactory(username="browser_analyst", clearance="SECRET", role="analyst")
    demarche = make_seed_demarche(analyst)
    total = demarche.targets.count()
    SCREENSHOTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/login/?next=/demarches/")
    page.fill("#id_username", "browser_analyst")
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/demarches/")
    assert f"0 of {total} delivered" in page.inner_text("[data-testid=coverage]")
    page.screenshot(path=str(SCREENSHOTS / "demarche-list.png"), full_page=True)

    page.click("text=REQUEST FOR SOLIDARITY WITH KOSOVO AT OIC SUMMIT")
    dakar = page.locator("tr[data-post='AMEMBASSY DAKAR'] td.cell")
    assert dakar.first.get_attribute("class") == "cell resp-none"

    page.goto(f"{live_server.url}/demarches/{demarche.pk}/outcomes/new/")
    page.select_option("#id_post", "AMEMBASSY DAKAR")
    page.fill("#id_delivered_on", "2008-03-06")
    page.fill("#id_interlocutor_name", "Cheikh Tidiane Gadio")
    page.fill("#id_interlocutor_office", "Minister of Foreign Affairs")
    page.select_option("#id_response_1", "supportive")
    page.select_option("#id_response_4", "non_committal")
    page.screenshot(path=str(SCREENSHOTS / "demarche-outcome-form.png"), full_page=True)
    page.click("[data-testid=save-outcome]")
    page.wait_for_url("**/outcomes/new/?post=*")
    assert "Filed AMEMBASSY DAKAR" in page.inner_text(".messages")

    page.goto(f"{live_server.url}/demarches/{demarche.pk}/")
    assert f"1 of {total} delivered" in page.inner_text("[data-testid=coverage]")
    cells = page.locator("tr[data-post='AMEMBASSY DAKAR'] td.cell")
    assert cells.nth(0).get_attribute("class") == "cell resp-supportive"
    assert cells.nth(3).get_attribute("class") == "cell resp-non_committal"
    assert "browser_analyst" in page.inner_text("[data-testid=history]")
    page.locator("tr[data-post='AMEMBASSY DAKAR']").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "demarche-matrix.png"), full_page=True)
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors
