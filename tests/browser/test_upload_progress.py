"""In Chromium: an analyst uploads a cable file and watches the job's progress bar reach 100%."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from cables.jobs import job_run_here
from cables.models import IngestionJob
from tests.conftest import CHROMIUM
from tests.ingestion.records import telegram

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(live_server, analyst, client, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client.force_login(analyst)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session,
                              "url": live_server.url}])
        tab = context.new_page()
        failures = []
        tab.on("response", lambda response: failures.append(f"{response.status} {response.url}")
               if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
        tab.on("console", lambda message: failures.append(message.text)
               if message.type == "error" and "Failed to load resource" not in message.text else None)
        yield tab
        browser.close()
        assert failures == [], failures  # no missing file, no script error, no policy violation


def test_upload_and_watch_the_progress_bar_reach_100(page, live_server, monkeypatch, tmp_path):
    from playwright.sync_api import expect

    # Hold the job's tasks back, so the page shows it waiting and then moving.
    monkeypatch.setattr("cables.uploads.job_queue", lambda job: None)
    cable_file = tmp_path / "09STATE8080.txt"
    cable_file.write_text(telegram(8080))
    junk = tmp_path / "minutes.txt"
    junk.write_text("Minutes of the staff meeting, no cable here.")

    page.goto(f"{live_server.url}/cables/upload/")
    page.set_input_files("input[type=file]", [str(cable_file), str(junk)])
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_url("**/cables/jobs/*/")
    progress = page.get_by_test_id("job-progress")
    assert progress.get_attribute("value") == "0"

    job_run_here(IngestionJob.objects.get())
    expect(progress).to_have_attribute("value", "100", timeout=15000)
    page.get_by_test_id("added").wait_for(timeout=15000)  # the page reloads with the lists once done
    assert "09STATE8080" in page.get_by_test_id("added").inner_text()
    assert "minutes.txt" in page.get_by_test_id("rejected").inner_text()
    assert page.get_by_test_id("job-percent").inner_text() == "100"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "ingestion-job.png"), full_page=True)
