"""A synthetic batch of cables for the drills, made by varying a cable the project ships.

Each cable is the seed 09STATE39345 under a new serial (so a new reference id),
with none to two paragraphs added before the signature, so that cables
differ in their paragraph counts and the drills can check every paragraph arrived.
"""

from __future__ import annotations

import io
import zipfile

from cables.reading import parse_item
from cables.sources import CableText, read_source
from tests.ingestion.records import seed_text

SEED = "09STATE39345"


def variant(number: int) -> str:
    """The seed cable as serial 100000 + number, with `number % 3` paragraphs added after paragraph 17."""
    serial = 100000 + number
    text = seed_text(SEED)
    text = text.replace("STATE 039345", f"STATE {serial:06d}").replace("STATE 00039345", f"STATE {serial:08d}")
    added = "".join(
        f"{18 + n}. (U) Post {number} reports meeting {n + 1} on Kosovo's membership of regional bodies.\n\n"
        for n in range(number % 3)
    )
    head, signature = text.rsplit("CLINTON", 1)
    return f"{head}{added}CLINTON{signature}"


def batch_zip(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(count):
            archive.writestr(f"cable{number:05d}.txt", variant(number))
    return buffer.getvalue()


def expected_paragraphs(data: bytes, name: str = "batch.zip") -> dict[str, int]:
    """Reference id -> paragraph count, as the parser reads the same file."""
    counts = {}
    for item in read_source(name, lambda: io.BytesIO(data), []):
        assert isinstance(item, CableText), item
        record = parse_item(item.as_item())
        counts[record["reference_id"]] = len(record["paragraphs"])
    return counts
