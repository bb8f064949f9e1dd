"""The cable browser: search, filters, the cable page, REF links both ways, and what clearance hides."""

import datetime as dt

import pytest

from cables.clearance import Marking, U
from cables.ingestion import cable_ingest
from cables.models import Cable
from cables.parsing import parse_cable
from recognitions.choices import SourceKind
from recognitions.models import Country
from recognitions.services import Source, count_claim_record
from tests.ingestion.records import make_record, seed_text
from tests.web.conftest import banner

SEEDS = ("08STATE22377", "09STATE39345")


@pytest.fixture
def seeds(db):
    for name in SEEDS:
        text = seed_text(name)
        cable_ingest(parse_cable(text, f"{name}.txt"), text, source=f"{name}.txt")
    return {c.reference_id: c for c in Cable.objects.all()}


def store(reference_id, classification="UNCLASSIFIED", day="2009-05-01", **fields):
    paragraphs = fields.pop("paragraphs", [{"number": 1, "marking": "U", "text": "A routine report on fisheries."}])
    record = make_record(reference_id, classification, paragraphs=paragraphs, created=f"{day}T10:00:00Z", **fields)
    return cable_ingest(record, f"raw text of {reference_id}\n" + "\n".join(p["text"] for p in paragraphs)).cable


def results(html: str) -> str:
    start = html.index('aria-labelledby="results-title"')
    return html[start: html.index("</section>", start)]


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_search_finds_a_seed_cable_by_a_word_in_its_text(client, confidential, seeds):
    html = get(client, confidential, "/cables/?q=Dakar").content.decode()
    assert "08STATE22377" in html and "09STATE39345" not in html
    assert "<mark>Dakar</mark>" in html
    assert banner(html) == "CONFIDENTIAL"


def test_search_never_reveals_a_hidden_cable(client, uncleared, seeds):
    html = get(client, uncleared, "/cables/?q=Dakar").content.decode()
    found = results(html)
    assert "08STATE22377" not in html and "<mark>" not in found and "<li>" not in found
    assert 'data-testid="result-count">No cable matches' in found
    assert banner(html) == "UNCLASSIFIED"
    html = get(client, uncleared, "/cables/").content.decode()
    assert "No cable" in results(html) and "STATE" not in results(html)


def test_hidden_cable_is_404_like_a_missing_one(client, uncleared, confidential, seeds):
    hidden = get(client, uncleared, "/cables/09STATE39345/")
    missing = get(client, uncleared, "/cables/09STATE99999/")
    assert hidden.status_code == missing.status_code == 404
    main = lambda response: response.content.decode().split("<main")[1]  # noqa: E731
    assert main(hidden) == main(missing)
    assert b"09STATE39345" not in hidden.content
    assert get(client, confidential, "/cables/09state39345/").status_code == 200


def test_cable_page_lays_out_header_paragraphs_and_refs(client, confidential, seeds):
    html = get(client, confidential, "/cables/08STATE22377/").content.decode()
    assert "SECSTATE WASHDC" in html
    assert 'id="p1"' in html and "(C)" in html
    refs = html[html.index('data-testid="references"'):]
    refs = refs[: refs.index("</ul>")]
    assert "08STATE16762" in refs and "08JEDDAH87" in refs and "<a " not in refs  # not in the archive
    assert "Raw text" in html
    assert banner(html) == "CONFIDENTIAL"


def test_referenced_by_lists_only_cables_the_user_may_see(client, uncleared, confidential, seeds):
    store("09BELGRADE1", "UNCLASSIFIED", references=["08STATE22377"])
    store("09BELGRADE2", "SECRET", references=["08STATE22377"],
          paragraphs=[{"number": 1, "marking": "S", "text": "Secret follow-up."}])
    html = get(client, confidential, "/cables/08STATE22377/").content.decode()
    cited_by = html[html.index('data-testid="referenced-by"'):]
    assert "09BELGRADE1" in cited_by and "09BELGRADE2" not in html
    html = get(client, uncleared, "/cables/09BELGRADE1/").content.decode()
    refs = html[html.index('data-testid="references"'):]
    assert "08STATE22377</li>" in refs[: refs.index("</ul>")]  # as the REF line reads, with no link
    assert 'href="/cables/08STATE22377/"' not in html


def test_a_figure_links_to_its_sentence_only_for_users_cleared_for_the_cable(client, uncleared, confidential,
                                                                              seeds):
    count_claim_record(entity=Country.objects.get(code="XK") if Country.objects.filter(code="XK").exists()
                       else Country.objects.create(code="XK", name="Kosovo", is_contested=True,
                                                   declared_on=dt.date(2008, 2, 17)),
                       as_of=dt.date(2009, 4, 7), number=57,
                       source=Source(SourceKind.CABLE, reference_id="09STATE39345", paragraph=2,
                                     quote="57 countries", marking=Marking(U)))
    html = get(client, confidential, "/?as_of=2009-04-21").content.decode()
    assert 'href="/cables/09STATE39345/?hl=57+countries#p2"' in html
    html = get(client, uncleared, "/?as_of=2009-04-21").content.decode()
    assert "09STATE39345" not in html
    html = get(client, confidential, "/cables/09STATE39345/?hl=57+countries").content.decode()
    assert '<mark class="quoted" title="The sentence the figure comes from">57 countries</mark>' in html


def test_filters_sort_and_pages(client, uncleared, seeds):
    for n in range(30):
        store(f"09POST{n:02d}", day=f"2009-05-{n + 1:02d}", tags=["ECON", "FI"] if n % 2 else ["PREL"])
    html = get(client, uncleared, "/cables/").content.decode()
    assert 'data-testid="result-count">30 cables' in html
    assert "Page 1 of 2" in html and html.index("09POST29") < html.index("09POST28")
    html = get(client, uncleared, "/cables/?sort=oldest&page=2").content.decode()
    assert "09POST29" in html and "09POST00" not in html
    html = get(client, uncleared, "/cables/?tag=fi").content.decode()
    assert 'data-testid="result-count">15 cables' in html
    html = get(client, uncleared, "/cables/?created_after=2009-05-10&created_before=2009-05-12").content.decode()
    assert 'data-testid="result-count">3 cables' in html
    html = get(client, uncleared, "/cables/?classification=CONFIDENTIAL").content.decode()
    assert "No cable" in html
    html = get(client, uncleared, "/cables/?q=fisheries&origin=secstate").content.decode()
    assert 'data-testid="result-count">30 cables match' in html


def test_bad_filter_input_says_what_is_wrong(client, uncleared, seeds):
    response = get(client, uncleared, "/cables/?created_after=last+week&sort=sideways&page=x")
    assert response.status_code == 200
    assert "created_after: Enter a valid date." in response.content.decode()


def test_browser_and_cable_page_query_counts_do_not_grow(client, uncleared, seeds, django_assert_max_num_queries):
    client.force_login(uncleared)
    for n in range(5):
        store(f"09POST{n:02d}", references=["09POST00"])
    with django_assert_max_num_queries(10):
        client.get("/cables/?q=fisheries")
    with django_assert_max_num_queries(14):
        client.get("/cables/09POST00/")
    for n in range(5, 60):
        store(f"09POST{n:02d}", references=["09POST00"])
    with django_assert_max_num_queries(10):
        client.get("/cables/?q=fisheries")
    with django_assert_max_num_queries(14):
        client.get("/cables/09POST00/")


def test_a_search_with_more_matches_than_the_cap_says_so_without_counting_them_all(client, uncleared, seeds,
                                                                                     monkeypatch):
    from cables.browsing import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 10)
    for n in range(12):
        store(f"09POST{n:02d}")
    html = get(client, uncleared, "/cables/?q=fisheries").content.decode()
    assert 'data-testid="result-count">More than 10 cables match' in html
    assert "Page 1 of more than" not in html  # 10 fit on one page of 25


def test_newest_first_lists_undated_cables_last_either_way(client, uncleared, seeds):
    store("09POSTOLD", day="2009-05-01")
    store("09POSTNEW", day="2009-06-01")
    cable_ingest(make_record("09POSTUNDATED", "UNCLASSIFIED", created=None,
                             paragraphs=[{"number": 1, "marking": "U", "text": "A routine report on fisheries."}]),
                 "raw text of 09POSTUNDATED\nA routine report on fisheries.")
    html = results(get(client, uncleared, "/cables/").content.decode())
    assert html.index("09POSTNEW") < html.index("09POSTOLD") < html.index("09POSTUNDATED")
    html = results(get(client, uncleared, "/cables/?sort=oldest").content.decode())
    assert html.index("09POSTOLD") < html.index("09POSTNEW") < html.index("09POSTUNDATED")


def test_a_capped_search_pages_only_up_to_the_cap(client, uncleared, seeds, monkeypatch):
    from cables import browse
    from cables.browsing import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 10)
    monkeypatch.setattr(browse, "PAGE_SIZE", 4)
    for n in range(12):
        store(f"09POST{n:02d}", day=f"2009-05-{n + 1:02d}")
    html = get(client, uncleared, "/cables/?q=fisheries").content.decode()
    assert 'data-testid="result-count">More than 10 cables match' in html
    assert "Page 1 of more than 3" in html
    last = results(get(client, uncleared, "/cables/?q=fisheries&page=3").content.decode())
    # The tenth newest is the last one offered; the eleventh and twelfth wait for a narrower search.
    assert "09POST03" in last and "09POST02" in last and "09POST01" not in last and 'rel="next"' not in last
    assert last.count('class="ref"') == 2


def test_the_capped_count_counts_only_cables_the_user_may_see(client, uncleared, seeds, monkeypatch):
    from cables.browsing import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 10)
    for n in range(12):
        store(f"09HIDDEN{n:02d}", "CONFIDENTIAL",
              paragraphs=[{"number": 1, "marking": "C", "text": "A confidential report on fisheries."}])
    for n in range(3):
        store(f"09POST{n:02d}")
    html = get(client, uncleared, "/cables/?q=fisheries").content.decode()
    assert 'data-testid="result-count">3 cables match' in html
    assert "HIDDEN" not in html


def test_the_facts_mark_shows_only_for_facts_the_user_may_see(client, uncleared, confidential, seeds):
    from cables.choices import FactKind
    from cables.models import Fact

    open_cable = store("09POSTOPEN", day="2009-06-01")
    store("09POSTBARE", day="2009-06-02")
    Fact.objects.create(cable=open_cable, kind=FactKind.STANCE, key="stance-1", paragraph=1, quote="A routine report",
                        marking_level=Marking.parse("C").level, noforn=False, span_start=0, span_end=16)
    for user, shown in ((confidential, True), (uncleared, False)):
        html = results(get(client, user, "/cables/?q=fisheries").content.decode())
        item = html[html.index("09POSTOPEN"):]
        item = item[: item.index("</li>")]
        assert ('class="badge">facts' in item) is shown
        bare = html[html.index("09POSTBARE"):]
        assert 'class="badge">facts' not in bare[: bare.index("</li>")]


@pytest.mark.postgres
def test_best_match_puts_the_cable_about_the_words_first(client, uncleared, seeds):
    store("09POSTABOUT", day="2009-05-01", subject="FISHERIES QUOTAS",
          paragraphs=[{"number": 1, "marking": "U", "text": "Fisheries talks: the fisheries quotas for 2010."}])
    store("09POSTASIDE", day="2009-06-01", subject="TRADE",
          paragraphs=[{"number": 1, "marking": "U", "text": "Trade talks, with one word on quotas."}])
    newest = results(get(client, uncleared, "/cables/?q=quotas").content.decode())
    assert newest.index("09POSTASIDE") < newest.index("09POSTABOUT")
    best = results(get(client, uncleared, "/cables/?q=quotas&sort=relevance").content.decode())
    assert best.index("09POSTABOUT") < best.index("09POSTASIDE")
    assert 'data-testid="ranked-part"' not in best


@pytest.mark.postgres
def test_a_snippet_shows_a_match_deep_in_a_long_cable_highlighted(client, uncleared, seeds):
    filler = " ".join(f"Routine paragraph {n} on harbour works and ferry timetables." for n in range(150))
    store("09POSTLONG", paragraphs=[{"number": 1, "marking": "U", "text": filler},
                                    {"number": 2, "marking": "U", "text": "The governments of the region met."}])
    html = results(get(client, uncleared, "/cables/?q=government").content.decode())
    assert "09POSTLONG" in html
    assert "<mark>governments</mark> of the region" in html
