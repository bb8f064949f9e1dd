"""In a real browser: an analyst signs in, moves through the queue with the keyboard and accepts a fact."""

import os
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.factories import PASSWORD
from tests.facts.conftest import RECOGNITION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def page(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def test_an_analyst_accepts_a_fact_from_the_queue_with_the_keyboard(live_server, seeded, analyst, page):
    from cables.models import Fact
    from recognitions.models import RecognitionEvent

    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/login/?next=/review/")
    page.fill("#id_username", analyst.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/review/")
    assert page.get_by_test_id("fact").count() == 4
    assert page.get_by_test_id("banner-top").inner_text() == "CONFIDENTIAL"
    assert page.locator("mark", has_text=RECOGNITION).count() == 1
    page.screenshot(path=str(SCREENSHOTS / "review-queue.png"), full_page=True)

    # Facts run in paragraph order: the demarche and the stance of ¶1, then the recognition of ¶2.
    for _ in range(3):
        page.keyboard.press("j")
    current = page.locator(".fact.current")
    assert RECOGNITION in current.inner_text()
    with page.expect_navigation():
        page.keyboard.press("a")
    assert "Accepted: recognition" in page.locator(".messages").inner_text()
    assert page.get_by_test_id("fact").count() == 3
    page.screenshot(path=str(SCREENSHOTS / "review-queue-accepted.png"), full_page=True)

    assert Fact.objects.get(kind="recognition").review_state == "accepted"
    assert RecognitionEvent.objects.get().created_by == analyst
    assert os.path.getsize(SCREENSHOTS / "review-queue-accepted.png") > 0
