"""Chromium driven by Playwright against pytest-django's live server, signed in through the form.

Playwright's sync API runs an event loop in the test's thread; the tests
touch the database only before they drive the browser, so Django's guard
against ORM calls inside an event loop is lifted for them.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.factories import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(autouse=True)
def _allow_orm_beside_the_event_loop(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Session:
    """A signed-in page that records console errors and CSP violations."""

    def __init__(self, browser, live_server, username):
        self.base = live_server.url
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.goto(self.base + "/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/**")

    def _console(self, message):
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"{message.type}: {message.text}")

    def open(self, path: str, shot: str | None = None):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        if shot:
            SCREENSHOTS.mkdir(exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
        return self.page


@pytest.fixture
def signed_in(browser, live_server):
    sessions = []

    def sign_in(username):
        session = Session(browser, live_server, username)
        sessions.append(session)
        return session

    yield sign_in
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
