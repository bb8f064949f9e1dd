"""The desk in Chromium: signing in, the dashboard at two dates, search, clearance, and a clean console."""

import datetime as dt

import pytest

from cables.ingestion import cable_ingest
from cables.parsing import parse_cable
from tests.browser.conftest import SCREENSHOTS
from tests.factories import UserFactory
from tests.ingestion.records import seed_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk(transactional_db):
    """The reference data, the two seed cables (CONFIDENTIAL) and one user per clearance."""
    from recognitions.reference import load_reference_data

    load_reference_data()
    for name in ("08STATE22377", "09STATE39345"):
        text = seed_text(name)
        cable_ingest(parse_cable(text, f"{name}.txt"), text, source=f"{name}.txt")
    UserFactory(username="officer", clearance="CONFIDENTIAL")
    UserFactory(username="guest", clearance="UNCLASSIFIED")


def headline(page) -> str:
    return page.locator('[data-testid="un-members-recognizing"] .number').inner_text()


def test_signing_in_lands_on_the_dashboard(desk, signed_in):
    session = signed_in("officer")
    assert session.page.locator("h1").first.inner_text().startswith("Kosovo")
    assert session.page.locator('[data-testid="banner-top"]').inner_text() in ("UNCLASSIFIED", "CONFIDENTIAL")


def test_dashboard_at_two_dates_shows_different_counts(desk, signed_in):
    session = signed_in("officer")
    page = session.open("/?as_of=2008-03-04", shot="dashboard-2008-03-04")
    assert headline(page) == "23"
    assert page.locator("#world-map svg path").count() > 150  # the map was drawn
    assert page.locator("#timeline-chart").bounding_box()["height"] > 100
    page.fill("#as_of", "2009-04-07")
    with page.expect_navigation():
        page.click(".as-of button")
    page.wait_for_load_state("networkidle")
    assert "as_of=2009-04-07" in page.url
    assert headline(page) == "57"
    page.screenshot(path=str(SCREENSHOTS / "dashboard-2009-04-07.png"), full_page=True)
    assert session.problems == []


def test_search_finds_a_seed_cable_by_a_word_in_its_text(desk, signed_in):
    session = signed_in("officer")
    page = session.open("/cables/", shot="cables-empty-search")
    page.fill("#id_q", "Dakar")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("ol.results li").count() == 1
    assert "08STATE22377" in page.locator("ol.results").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "cables-search-dakar.png"), full_page=True)
    with page.expect_navigation():
        page.click("ol.results a.ref")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/cables/08STATE22377/?q=Dakar")
    assert page.locator(".paragraph mark.hit").first.inner_text() == "Dakar"
    assert page.locator('[data-testid="banner-top"]').inner_text() == "CONFIDENTIAL"
    session.open("/cables/08STATE22377/", shot="cable-08STATE22377")
    assert session.problems == []


def test_extracted_facts_are_highlighted_inside_the_running_text(desk, signed_in):
    session = signed_in("officer")
    page = session.open("/cables/08STATE22377/", shot="cable-08STATE22377-facts")
    marks = page.locator(".paragraph mark.fact")
    assert marks.count() > 0
    first = marks.first
    assert first.evaluate("node => getComputedStyle(node).display") == "inline"
    # A highlighted sentence wraps like the text around it: a short quote stays on one or two lines.
    size = first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert first.bounding_box()["height"] <= 4 * size
    assert session.problems == []


def test_a_confidential_cable_is_hidden_from_an_uncleared_user(desk, signed_in):
    session = signed_in("guest")
    page = session.open("/cables/?q=Dakar", shot="cables-search-uncleared")
    assert page.locator("ol.results li").count() == 0
    assert "08STATE22377" not in page.content()
    assert page.locator('[data-testid="banner-top"]').inner_text() == "UNCLASSIFIED"
    response = page.goto(session.base + "/cables/08STATE22377/")
    assert response.status == 404
    assert "08STATE22377" not in page.locator("main").inner_text()


@pytest.mark.parametrize(
    ("path", "shot"),
    [
        ("/", "dashboard-today"),
        ("/entities/TW/", "dashboard-taiwan"),
        ("/countries/RS/?as_of=2009-04-21", "country-serbia"),
        ("/organizations/EU/?as_of=2009-04-21&entity=XK", "organization-eu"),
        ("/cables/09STATE39345/?hl=57+countries#p5", "cable-09STATE39345-highlight"),
        ("/entities/XK/?as_of=2001-01-01", "bad-date"),
    ],
)
def test_no_console_error_or_csp_violation_on_each_page(desk, signed_in, path, shot):
    session = signed_in("officer")
    session.open(path, shot=shot)
    assert session.problems == [] or (shot == "bad-date" and all("400" in p for p in session.problems))
    assert dt.date.today()  # the pages above include today's dashboard
