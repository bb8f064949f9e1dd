"""Server time of the dashboard and the cable browser, and p50/p95 of full-text searches, on PostgreSQL.

    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py [--runs 20] [--words kosovo,embassy ...]

The database must hold the reference data (`load_reference_data`) and an archive
of cables (the ingestion benchmark's synthetic archive). Pages are requested
in-process through Django's test client as a CONFIDENTIAL desk officer, so the
figures are the server's time (queries and rendering), without network.
Searches run what the browser runs: a capped count, the first page and its
snippets, for common and rare words, newest first (the default) and best match.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

COMMON = ["kosovo", "government", "embassy", "minister", "security"]
RARE = ["lavrov", "dakar", "niue", "somaliland", "ouagadougou"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call, runs: int) -> list[float]:
    call()  # warm the caches once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label:<50} p50 {statistics.median(times):7.1f} ms  p95 {percentile(times, .95):7.1f} ms")


def page_bench(client: Client, path: str, runs: int) -> None:
    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    report(f"GET {path}", timed(get, runs))


def search_bench(user, words: list[str], runs: int, label: str, sort: str = "newest") -> None:
    from django.http import QueryDict

    from cables.browsing import cable_search, results_details

    times, hits = [], []
    for word in words:
        def run(word=word):
            found = cable_search(user, QueryDict(f"q={word}&sort={sort}"))
            page = found.paginator(25).get_page(1)
            details = results_details(user, list(page.object_list), found.q)
            return page.paginator.count, details

        hits.append(run()[0])
        times += timed(run, runs)
    print(f"  {label} words {', '.join(f'{w} ({n:,})' for w, n in zip(words, hits, strict=True))}")
    report(f"search, {label} words, {sort} (count + page 1)", times)


def archive_search_bench(user, words: list[str], runs: int, label: str, relevance: bool = False) -> None:
    """The browser's search on an archive-only database (no facts table): the full-text core alone."""
    from cables.browsing import CappedPaginator
    from cables.models import Cable

    times, hits = [], []
    for word in words:
        def run(word=word):
            matches = Cable.objects.visible_to(user).current().matching(word)
            rows = matches.best_first(word) if relevance else matches.newest_first()
            page = CappedPaginator(rows.defer("raw_text"), 25, matches=matches).get_page(1)
            ids = [cable.pk for cable in page.object_list]
            return page.paginator.count, list(matches.filter(pk__in=ids).with_snippets(word).values_list("snippet"))

        hits.append(run()[0])
        times += timed(run, runs)
    print(f"  {label} words {', '.join(f'{w} ({n:,})' for w, n in zip(words, hits, strict=True))}")
    order = "best match" if relevance else "newest"
    report(f"search, {label} words, {order} (count + page 1)", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--common", default=",".join(COMMON))
    parser.add_argument("--rare", default=",".join(RARE))
    parser.add_argument("--archive-only", action="store_true",
                        help="only the search, read-only, on a database holding just the archive")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/pages.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    if args.archive_only:
        from accounts.models import User
        from cables.models import Cable

        reader = User(username="bench-reader", clearance="CONFIDENTIAL")  # never saved: nothing is written
        print(f"PostgreSQL, {Cable.objects.count():,} cables, archive only, {args.runs} runs each")
        for relevance in (False, True):
            archive_search_bench(reader, args.common.split(","), args.runs, "common", relevance)
            archive_search_bench(reader, args.rare.split(","), args.runs, "rare", relevance)
        return

    from accounts.models import User
    from cables.models import Cable
    from recognitions.selectors import entity_get

    if entity_get("XK") is None:
        sys.exit("no reference data: run `python manage.py load_reference_data` first")
    user, _ = User.objects.get_or_create(username="bench-officer", defaults={"clearance": "CONFIDENTIAL"})
    cables = Cable.objects.count()
    print(f"PostgreSQL, {cables:,} cables, {args.runs} runs each, as a CONFIDENTIAL desk officer")
    client = Client()
    client.force_login(user)
    for path in ("/?as_of=2009-04-07", "/", "/cables/", "/cables/?q=kosovo", "/cables/?q=government&page=40",
                 "/cables/?q=government&sort=relevance", "/countries/RS/?as_of=2009-04-21"):
        page_bench(client, path, args.runs)
    for sort in ("newest", "relevance"):
        search_bench(user, args.common.split(","), args.runs, "common", sort)
        search_bench(user, args.rare.split(","), args.runs, "rare", sort)


if __name__ == "__main__":
    main()
