"""`manage.py extract_facts` prints JSON Lines and never touches the database."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.extraction.answers import CABLES


def run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    call_command("extract_facts", *args, stdout=out, stderr=err, stdin=stdin)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_prints_one_fact_per_line_with_kind_fields_and_source():
    facts, errors = run(str(CABLES / "seeds" / "09STATE39345.txt"))
    assert errors == ""
    count = next(f for f in facts if f["kind"] == "recognition_count")
    assert (count["number"], count["as_of"], count["entity"]) == (57, "2009-04-07", "XK")
    assert set(count["source"]) == {"reference_id", "paragraph", "span", "marking", "quote"}


def test_reads_standard_input_and_directories():
    text = (CABLES / "seeds" / "08STATE22377.txt").read_bytes()
    from_stdin, _ = run("-", stdin=io.BytesIO(text))
    assert any(f["kind"] == "demarche" and f["deadline"] == "2008-03-07" for f in from_stdin)
    from_dir, _ = run(str(CABLES / "seeds"))
    assert {f["source"]["reference_id"] for f in from_dir} == {"08STATE22377", "09STATE39345"}


def test_entity_option_limits_the_facts():
    facts, _ = run(str(CABLES / "corpus" / "08STATE100219.html"), "--entity", "GE-AB")
    assert facts and {f["entity"] for f in facts} == {"GE-AB"}


def test_what_is_not_a_cable_is_reported_and_the_exit_status_is_one(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing to see here\n")
    with pytest.raises(CommandError) as raised:
        run(str(junk))
    assert raised.value.returncode == 1
