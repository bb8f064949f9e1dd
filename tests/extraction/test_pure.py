"""The extraction package is pure Python: no Django, hostile input fails fast."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from cables.extraction import extract_facts
from tests.extraction.records import record

ROOT = Path(__file__).resolve().parents[2]


def test_imports_with_django_unconfigured():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys, cables.extraction as e; "
        "from tests.extraction.records import record; "
        "e.extract_facts(record('Kosovo declared independence on February 17, 2008.')); "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_facts_are_plain_json():
    facts = extract_facts(
        record("Kosovo declared independence on February 17, 2008. 57 countries have recognized Kosovo.")
    )
    assert facts
    assert json.loads(json.dumps(facts)) == facts


def test_cables_without_a_tracked_entity_yield_nothing():
    assert extract_facts(record("Spain will oppose the resolution; 40 countries have recognized the treaty.")) == []


ADVERSARIAL = [
    "Kosovo recognized " * 300_000,
    "Kosovo, Serbia, Spain, " * 230_000,
    ("Kosovo " + "(" * 50 + "-- " * 50) * 25_000,
    "57 countries have recognized Kosovo. " * 140_000,
    "a" * 5_000_000 + " Kosovo",
    ("Kosovo has embassies in " + "Berlin, " * 40) * 15_000,
]


def test_five_megabytes_of_hostile_text_finish_quickly():
    for text in ADVERSARIAL:
        text = text[:5_000_000]
        started = time.perf_counter()
        facts = extract_facts(record(text))
        elapsed = time.perf_counter() - started
        assert elapsed < 5, (text[:40], elapsed)
        assert isinstance(facts, list)
