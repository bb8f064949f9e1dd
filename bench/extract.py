"""Fact extraction speed over the real bulk corpus: cables/s and facts/s on one core.

Parsing is done first and not timed; the extraction of every record is then timed,
repeated until at least --min-cables cables have been extracted.

    .venv/bin/python bench/extract.py [PATH] [--min-cables 50000]
"""

import argparse
import collections
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cables.extraction import extract_facts, is_relevant  # noqa: E402
from cables.extraction.gazetteer import resolver  # noqa: E402
from cables.parsing import parse_file  # noqa: E402

_CANDIDATES = [base / "shared" / "cables" / "bulk" / "cables.csv.gz" for base in (ROOT.parent, ROOT.parent.parent)]
DEFAULT = os.environ.get("BULK_CABLES") or str(next((p for p in _CANDIDATES if p.exists()), _CANDIDATES[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=DEFAULT)
    parser.add_argument("--min-cables", type=int, default=50_000)
    args = parser.parse_args()
    if not os.path.exists(args.path):
        sys.exit(f"no corpus at {args.path}: pass the path of cables.csv.gz")

    started = time.perf_counter()
    records = [r for r in parse_file(args.path) if isinstance(r, dict)]
    parsed_in = time.perf_counter() - started
    resolver()  # built once per process; not part of the per-cable cost
    print(f"parsed {len(records):,} cables in {parsed_in:.1f} s (not counted below)")

    started = time.perf_counter()
    relevant = sum(1 for r in records if is_relevant(r))
    gate = time.perf_counter() - started
    print(
        f"relevance gate: {relevant:,} of {len(records):,} cables mention a tracked entity; "
        f"{len(records) / gate:,.0f} cables/s through the gate alone"
    )

    kinds: collections.Counter = collections.Counter()
    rounds = max(1, -(-args.min_cables // len(records)))
    cables = facts = 0
    slowest = (0.0, None)
    started = time.perf_counter()
    for _ in range(rounds):
        for record in records:
            t0 = time.perf_counter()
            found = extract_facts(record)
            spent = time.perf_counter() - t0
            if spent > slowest[0]:
                slowest = (spent, record.get("reference_id"))
            cables += 1
            facts += len(found)
            if _ == 0:
                kinds.update(f["kind"] for f in found)
    elapsed = time.perf_counter() - started
    print(
        f"extracted {cables:,} cables ({rounds} rounds) in {elapsed:.2f} s: "
        f"{cables / elapsed:,.0f} cables/s, {facts / elapsed:,.0f} facts/s, {facts // rounds:,} facts per round"
    )
    subset = [r for r in records if is_relevant(r)]
    started = time.perf_counter()
    subset_facts = sum(len(extract_facts(r)) for r in subset)
    spent = time.perf_counter() - started
    if subset:
        print(
            f"cables that mention a tracked entity alone: {len(subset) / spent:,.0f} cables/s, "
            f"{subset_facts / spent:,.0f} facts/s"
        )
    print(f"slowest cable: {slowest[1]} in {slowest[0] * 1000:.1f} ms")
    print("facts per kind (one round): " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


if __name__ == "__main__":
    main()
