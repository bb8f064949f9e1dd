"""What fact extraction adds to storing cables: cables/s with and without it, and the facts stored.

Cables of the real bulk corpus are parsed first (not timed), then stored one by
one through `cable_ingest`, once with the extraction receiver disconnected and
once with it (eager tasks, as `make run` does). Uses DATABASE_URL, or a
scratch SQLite file.

    .venv/bin/python bench/fact_storage.py [PATH] [--cables 2000]
"""

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_CANDIDATES = [base / "shared" / "cables" / "bulk" / "cables.csv.gz" for base in (ROOT.parent, ROOT.parent.parent)]
DEFAULT = os.environ.get("BULK_CABLES") or str(next((p for p in _CANDIDATES if p.exists()), _CANDIDATES[0]))


def store_all(records) -> float:
    from cables.ingestion import cable_ingest

    started = time.perf_counter()
    for record in records:
        cable_ingest(record, record.get("body") or record["reference_id"], source="bench")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=DEFAULT)
    parser.add_argument("--cables", type=int, default=2000)
    args = parser.parse_args()
    if not os.path.exists(args.path):
        sys.exit(f"no corpus at {args.path}: pass the path of cables.csv.gz")
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = Path(tempfile.mkdtemp()) / "bench-facts.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from cables.models import Cable, Fact
    from cables.parsing import parse_file
    from cables.receivers import facts_extract_queue
    from cables.signals import cable_stored

    call_command("migrate", verbosity=0)
    records = list(itertools.islice((r for r in parse_file(args.path) if isinstance(r, dict)), args.cables))
    print(f"{len(records):,} cables parsed (not timed); database {os.environ['DATABASE_URL'].split(':')[0]}")

    cable_stored.disconnect(dispatch_uid="cables.extract_facts_on_store")
    without = store_all(records)
    Cable.objects.all().delete()
    cable_stored.connect(facts_extract_queue, dispatch_uid="cables.extract_facts_on_store")
    with_extraction = store_all(records)
    facts = Fact.objects.count()
    with_facts = Fact.objects.values("cable").distinct().count()
    print(f"storing alone:           {len(records) / without:,.0f} cables/s ({without:.1f} s)")
    print(f"storing and extracting:  {len(records) / with_extraction:,.0f} cables/s ({with_extraction:.1f} s)")
    print(f"{facts:,} facts stored from {with_facts:,} of {len(records):,} cables")
    if scratch:
        scratch.unlink()


if __name__ == "__main__":
    main()
