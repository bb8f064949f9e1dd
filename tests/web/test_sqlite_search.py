"""The embedded default's full-text search: SQLite's FTS5 index, kept in step with the archive."""

from urllib.parse import urlencode

import pytest
from django.db import connection

from cables import fts
from cables.models import Cable
from tests.web.test_cables import get, results, store


@pytest.fixture
def sqlite_fts(db):
    if connection.vendor != "sqlite" or not fts.available(connection):
        pytest.skip("needs SQLite with FTS5 (the embedded default); PostgreSQL has its own search vector")


def found(client, user, q, **params):
    return results(get(client, user, "/cables/?" + urlencode({"q": q, **params})).content.decode())


def test_words_match_by_their_stem_with_the_matches_marked(client, uncleared, sqlite_fts):
    store("09POSTA", paragraphs=[{"number": 1, "marking": "U", "text": "The governments recognized the new state."}])
    html = found(client, uncleared, "government")
    assert "09POSTA" in html
    assert "<mark>governments</mark>" in html


def test_phrases_exclusions_and_alternatives(client, uncleared, sqlite_fts):
    store("09POSTA", subject="UN", paragraphs=[{"number": 1, "marking": "U",
                                                "text": "The security council met on Kosovo."}])
    store("09POSTB", subject="SENEGAL", paragraphs=[{"number": 1, "marking": "U",
                                                     "text": "The council discussed security of Dakar."}])
    store("09POSTC", subject="FISHERIES", paragraphs=[{"number": 1, "marking": "U", "text": "Fisheries quotas."}])
    html = found(client, uncleared, '"security council"')
    assert "09POSTA" in html and "09POSTB" not in html
    html = found(client, uncleared, "council -kosovo")
    assert "09POSTB" in html and "09POSTA" not in html
    html = found(client, uncleared, "dakar or fisheries")
    assert "09POSTB" in html and "09POSTC" in html and "09POSTA" not in html
    html = found(client, uncleared, 'kosovo" OR "NEAR( ^*')  # stray FTS5 syntax is read as words
    assert "09POSTA" in html


def test_an_edited_or_deleted_cable_leaves_the_index_in_step(client, uncleared, sqlite_fts):
    cable = store("09POSTA", paragraphs=[{"number": 1, "marking": "U", "text": "Report on fisheries."}])
    Cable.objects.filter(pk=cable.pk).update(raw_text="Report on shipyards.")
    assert "09POSTA" not in found(client, uncleared, "fisheries")
    assert "09POSTA" in found(client, uncleared, "shipyards")
    Cable.objects.filter(pk=cable.pk).delete()
    store("09POSTB", paragraphs=[{"number": 1, "marking": "U", "text": "Report on shipyards."}])
    html = found(client, uncleared, "shipyards")
    assert "09POSTB" in html and "09POSTA" not in html


def test_best_match_ranks_the_cable_about_the_words_first(client, uncleared, sqlite_fts):
    store("09POSTABOUT", day="2009-05-01", subject="FISHERIES QUOTAS",
          paragraphs=[{"number": 1, "marking": "U", "text": "Fisheries talks: the fisheries quotas for 2010."}])
    store("09POSTASIDE", day="2009-06-01", subject="TRADE",
          paragraphs=[{"number": 1, "marking": "U", "text": "Trade talks, with one word on quotas."}])
    newest = found(client, uncleared, "quotas")
    assert newest.index("09POSTASIDE") < newest.index("09POSTABOUT")
    best = found(client, uncleared, "quotas", sort="relevance")
    assert best.index("09POSTABOUT") < best.index("09POSTASIDE")


def test_a_hidden_cable_is_neither_listed_nor_counted_nor_snippeted(client, uncleared, sqlite_fts):
    store("09HIDDEN", "CONFIDENTIAL", paragraphs=[{"number": 1, "marking": "C", "text": "Zanzibar talks."}])
    html = found(client, uncleared, "zanzibar")
    assert "09HIDDEN" not in html and "<mark>" not in html
    assert 'data-testid="result-count">No cable matches' in html


def test_migrate_puts_back_triggers_a_table_rebuild_dropped(client, uncleared, sqlite_fts):
    from django.core.management import call_command

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER cables_cable_fts_insert")
    store("09POSTA", paragraphs=[{"number": 1, "marking": "U", "text": "Report on shipyards."}])
    assert "09POSTA" not in found(client, uncleared, "shipyards")  # the index lost step
    call_command("migrate", verbosity=0)
    assert "09POSTA" in found(client, uncleared, "shipyards")  # refilled
    store("09POSTB", paragraphs=[{"number": 1, "marking": "U", "text": "More on shipyards."}])
    assert "09POSTB" in found(client, uncleared, "shipyards")  # and kept in step again


def test_the_fts_query_reads_everything_the_user_types_as_words():
    assert fts.match_expression("kosovo recognition") == '("kosovo" AND "recognition")'
    assert fts.match_expression('"security council" -russia') == '(("security council") NOT ("russia"))'
    assert fts.match_expression("dakar or niue") == '("dakar") OR ("niue")'
    assert fts.match_expression('NEAR(a b) "x*') == '("NEAR a" AND "b" AND "x")'
    assert fts.match_expression("-kosovo") is None
    assert fts.match_expression("  ") is None
