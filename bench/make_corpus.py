"""Write a synthetic cables.csv archive of N cables by varying the real bulk cables.

    python bench/make_corpus.py 250000 bench/out/cables-250k.csv[.gz]

Each synthetic cable is a real cable of ../shared/cables/bulk/cables.csv.gz (or
CABLES_BULK) with: a new serial (so a new reference id) written into its
classification line and page breaks, often another station, a shifted day in
its date-time group and date column, a tag added to its TAGS line, and one
paragraph block swapped with a block of another cable. Size and shape stay
those of the real archive (about 8 KB a cable). Seeded: the same N gives the
same file.
"""

from __future__ import annotations

import csv
import gzip
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cables.parsing.csvrows import iter_rows  # noqa: E402

BULK = Path(os.environ.get("CABLES_BULK", ROOT.parent.parent / "shared" / "cables" / "bulk" / "cables.csv.gz"))
if not BULK.exists():
    BULK = Path("/work/shared/cables/bulk/cables.csv.gz")

TAG_POOL = ["PREL", "PGOV", "ECON", "KV", "UN", "EUN", "NATO", "PHUM", "MARR", "ETRD", "SENV", "KDEM", "OVIP"]
_DTG_RE = re.compile(r"\b([0-3]\d)([0-2]\d[0-5]\dZ) ([A-Z]{3}) (\d{2})\b")
_REF_RE = re.compile(r"^(\d{2})([A-Z]+?)(\d+)$")
_TAGS_RE = re.compile(r"^(TAGS:?[ \t]+)(.*)$", re.M)
_DATE_COL_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")


def load_rows() -> list[list[str]]:
    with gzip.open(BULK, "rt", encoding="utf-8", newline="") as stream:
        sample = stream.read(1 << 20)
    with gzip.open(BULK, "rt", encoding="utf-8", newline="") as stream:
        return [row for _, row in iter_rows(stream, str(BULK), sample=sample) if isinstance(row, list)]


def vary(row: list[str], number: int, rows: list[list[str]], rng: random.Random) -> list[str]:
    row = list(row)
    _id, date, reference_id, origin, classification, references, header, content = row[:8]
    match = _REF_RE.match(reference_id)
    year, station, serial = match.groups() if match else ("09", "STATE", "1")
    new_station, new_origin = station, origin
    if rng.random() < 0.5:
        other = rows[rng.randrange(len(rows))]
        other_match = _REF_RE.match(other[2])
        if other_match:
            new_station, new_origin = other_match.group(2), other[3]
    new_serial = 100000 + number
    serial_re = re.compile(rf"\b{re.escape(station)}([ \t]+)0*{serial}\b")
    content = serial_re.sub(lambda m: f"{new_station}{m.group(1)}{new_serial:06d}", content)
    header = serial_re.sub(lambda m: f"{new_station}{m.group(1)}{new_serial:06d}", header)
    day = rng.randint(1, 28)
    header = _DTG_RE.sub(lambda m: f"{day:02d}{m.group(2)} {m.group(3)} {m.group(4)}", header, count=1)
    date = _DATE_COL_RE.sub(lambda m: f"{m.group(1)}/{day}/{m.group(3)}", date)
    content = _TAGS_RE.sub(lambda m: f"{m.group(1)}{m.group(2).rstrip()} {rng.choice(TAG_POOL)}", content, count=1)
    blocks = content.split("\n\n")
    if len(blocks) > 4:
        donor = rows[rng.randrange(len(rows))][7].split("\n\n")
        if len(donor) > 4:
            blocks[rng.randrange(2, len(blocks) - 1)] = donor[rng.randrange(2, len(donor) - 1)]
            content = "\n\n".join(blocks)
    return [str(number), date, f"{year}{new_station}{new_serial}", new_origin, classification, references,
            header, content]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    count, out = int(argv[1]), Path(argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    rows = load_rows()
    rng = random.Random(20080217)
    opener = gzip.open if out.suffix == ".gz" else open
    written = 0
    with opener(out, "wt", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n")
        for number in range(1, count + 1):
            base = rows[(number - 1) % len(rows)] if number <= len(rows) else rows[rng.randrange(len(rows))]
            writer.writerow(vary(base, number, rows, rng))
            written += 1
    size = out.stat().st_size
    print(f"{written:,} cables from {len(rows):,} real ones -> {out} ({size / 1e6:,.1f} MB, "
          f"{size / max(written, 1):,.0f} bytes a cable) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
