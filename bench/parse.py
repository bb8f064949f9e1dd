"""Parser speed on the real bulk corpus, on one core, and field-by-field agreement over ../shared/cables.

    python bench/parse.py [--cables 50000] [--rounds 3] [--profile] [--agreement] [--bulk PATH] [--corpus DIR]

Reads the bulk cables.csv.gz into memory once, then parses its rows over and over until
`--cables` records were made, through the same path as `parse_file` (CSV reading included),
and prints cables/s and MB/s; that `--rounds` times, with the median. `--profile` prints
where the time goes; `--agreement` prints how many values agree with the corpus index.json
and with the bulk CSV columns.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gzip
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cables.parsing import CableParseError, iter_cables, parse_file  # noqa: E402
from cables.parsing.markings import normalise_archive_classification  # noqa: E402

SHARED = ROOT.parent / "shared" / "cables"
if not SHARED.exists():
    SHARED = Path("/work/shared/cables")

INDEX_FIELDS = ("reference_id", "created", "origin", "classification", "tags", "subject", "references", "signer")


def speed(bulk: Path, target: int, profile: bool, rounds: int) -> None:
    data = gzip.decompress(bulk.read_bytes()).decode("utf-8")
    megabytes = len(data.encode("utf-8")) / 1e6
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_version()} ({os.path.realpath(sys.executable)}, {platform.python_compiler()})")
    print(f"bulk corpus: {bulk} ({megabytes:.1f} MB uncompressed), load average {load:.1f} on {os.cpu_count()} cores")
    rates = []
    for number in range(1, rounds + 1):
        profiler = cProfile.Profile() if profile and number == 1 else None
        total, errors, reads, elapsed, cpu = _round(data, target, profiler)
        if not profiler:  # the profiler slows the round it watches
            rates.append(total / cpu)
        print(f"round {number}{' (profiled)' if profiler else ''}: {total} cables"
              f" ({errors} errors, {reads} reads of the corpus)"
              f" in {elapsed:.1f} s wall, {cpu:.1f} s CPU:"
              f" {total / cpu:,.0f} cables/s, {megabytes * reads / cpu:.1f} MB/s on CPU time;"
              f" {total / elapsed:,.0f} cables/s on wall time")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
            print(out.getvalue())
    if len(rates) > 1:
        # The machine's own speed moves from one minute to the next: every round is shown, and the middle one.
        print(f"CPU time over {len(rates)} unprofiled rounds: median {statistics.median(rates):,.0f} cables/s,"
              f" slowest {min(rates):,.0f}, fastest {max(rates):,.0f}")


def _round(data: str, target: int, profiler) -> tuple[int, int, int, float, float]:
    """(cables, errors, reads of the corpus, wall seconds, CPU seconds) of parsing `data` to `target` cables."""
    total = errors = reads = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    if profiler:
        profiler.enable()
    while total < target:
        for result in iter_cables(data, "bulk"):
            total += 1
            errors += isinstance(result, CableParseError)
        reads += 1
    if profiler:
        profiler.disable()
    return total, errors, reads, time.perf_counter() - started, time.process_time() - cpu_started


def agreement(bulk: Path, corpus: Path) -> None:
    index = json.loads((corpus / "index.json").read_text(encoding="utf-8"))
    agree, nulls = Counter(), Counter()
    files: dict[str, list] = {}
    for entry in index:
        records = files.setdefault(entry["file"], list(parse_file(corpus / entry["file"])))
        record = records[entry.get("csv_row", 1) - 1]
        for field in (*INDEX_FIELDS, "paragraph_count"):
            expected = entry[field]
            got = len(record["paragraphs"]) if field == "paragraph_count" else record[field]
            if field == "paragraph_count" and expected is None:
                # A damaged copy: no paragraphs, or paragraphs with a warning saying what is lost.
                got = "unread" if not got or any("paragraph" in w for w in record["warnings"]) else got
            if field == "signer" and expected and got:
                expected, got = expected.lower(), got.lower()
            if field == "subject" and expected:
                expected = " ".join(expected.split())
            if got == expected or (expected is None and got == "unread"):
                agree[field] += 1
    print(f"corpus index.json ({len(index)} cables), values agreeing field by field:")
    for field in (*INDEX_FIELDS, "paragraph_count"):
        print(f"  {field:18} {agree[field]}/{len(index)}")

    with gzip.open(bulk, "rt", encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, escapechar="\\", doublequote=False))
    counts = Counter()
    for row, record in zip(rows, parse_file(bulk), strict=True):
        if isinstance(record, CableParseError):
            counts["errors"] += 1
            continue
        counts["reference_id"] += record["reference_id"] == row[2]
        same = record["classification"] == normalise_archive_classification(row[4])
        counts["classification"] += same
        if not same and any("classification" in w for w in record["warnings"]):
            counts["classification disagreements warned"] += 1
        for field in ("created", "precedence", "origin", "tags", "subject", "classified_by", "signer"):
            nulls[field] += record[field] is None
        nulls["paragraphs"] += not record["paragraphs"]
    print(f"bulk cables.csv ({len(rows)} rows): errors {counts['errors']}")
    print(f"  reference_id agrees with the column    {counts['reference_id']}/{len(rows)}")
    print(f"  classification agrees with the column  {counts['classification']}/{len(rows)}"
          f" (disagreements with a warning: {counts['classification disagreements warned']})")
    print("  fields left null (with a warning): " + ", ".join(f"{k} {v}" for k, v in nulls.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3, help="times to reach --cables, each timed on its own")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--agreement", action="store_true")
    parser.add_argument("--bulk", type=Path, default=SHARED / "bulk" / "cables.csv.gz")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    options = parser.parse_args()
    if not options.bulk.exists():
        sys.exit(f"no bulk corpus at {options.bulk}")
    speed(options.bulk, options.cables, options.profile, max(1, options.rounds))
    if options.agreement:
        agreement(options.bulk, options.corpus)


if __name__ == "__main__":
    main()
