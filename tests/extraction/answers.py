"""Answer keys and parsed fixture cables for the extraction tests.

An entry matches a fact of its kind from its cable when the fact, written as
JSON and upper-cased, contains every needle of ``all`` (``A|B`` accepts
either); a ``none`` entry must match no fact (cables/corpus/FACTS.md).
"""

import json
from functools import cache
from pathlib import Path

from cables.extraction import extract_facts
from cables.parsing import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CABLES = FIXTURES / "cables"
KEYS = FIXTURES / "facts"
SEEDS = ("08STATE22377", "09STATE39345")


def load_key(name: str) -> list[dict]:
    return json.loads((KEYS / name).read_text(encoding="utf-8"))


def _cable_file(reference_id: str) -> Path:
    if reference_id in SEEDS:
        return CABLES / "seeds" / f"{reference_id}.txt"
    [path] = [p for p in (CABLES / "corpus").glob(f"{reference_id}.*") if p.suffix in (".html", ".txt")]
    return path


@cache
def records(reference_id: str) -> tuple[dict, ...]:
    return tuple(r for r in parse_file(_cable_file(reference_id)) if isinstance(r, dict))


@cache
def facts(reference_id: str) -> tuple[dict, ...]:
    return tuple(fact for record in records(reference_id) for fact in extract_facts(record))


def matches(fact: dict, needles: list[str]) -> bool:
    blob = json.dumps(fact, ensure_ascii=False).upper()
    return all(any(alternative in blob for alternative in needle.split("|")) for needle in needles)


def of_kind(entry: dict) -> list[dict]:
    return [fact for fact in facts(entry["reference_id"]) if fact["kind"] == entry["kind"]]


def label(entry: dict) -> str:
    return f"{entry['reference_id']}-{entry['kind']}-{'+'.join(entry.get('all') or entry.get('none'))}"
