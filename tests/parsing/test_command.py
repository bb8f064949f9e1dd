"""`manage.py parse_cables`: JSON Lines out, errors named, exit status 1 when anything failed."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .helpers import CORPUS, SEEDS


def _run(*args, stdin=None):
    out = io.StringIO()
    error = None
    try:
        call_command("parse_cables", *args, stdout=out, stdin=stdin)
    except CommandError as exc:
        error = exc
    return [json.loads(line) for line in out.getvalue().splitlines()], error


def test_files_print_one_record_per_line():
    lines, error = _run(str(SEEDS / "09STATE39345.txt"), str(SEEDS / "08STATE22377.html"))
    assert error is None
    assert [line["reference_id"] for line in lines] == ["09STATE39345", "08STATE22377"]


def test_directories_are_walked(tmp_path):
    shutil.copy(SEEDS / "09STATE39345.csv", tmp_path / "a.csv")
    (tmp_path / "nested").mkdir()
    shutil.copy(CORPUS / "66BUENOSAIRES2481_72TEHRAN1164.csv", tmp_path / "nested" / "b.csv")
    lines, error = _run(str(tmp_path))
    assert error is None
    assert [line["reference_id"] for line in lines] == ["09STATE39345", "66BUENOSAIRES2481", "72TEHRAN1164"]


def test_standard_input_is_read_with_a_dash():
    lines, error = _run("-", stdin=io.BytesIO((SEEDS / "08STATE22377.txt").read_bytes()))
    assert error is None
    assert lines[0]["reference_id"] == "08STATE22377"


def test_what_is_not_a_cable_is_reported_and_the_rest_goes_on(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_text("shopping list\neggs\nmilk\n")
    lines, error = _run(str(junk), str(SEEDS / "09STATE39345.txt"), str(tmp_path / "missing.txt"))
    assert isinstance(error, CommandError)
    assert error.returncode == 1
    assert lines[0]["source"] == str(junk)
    assert "not a cable" in lines[0]["error"]
    assert lines[0]["line"] == 1
    assert lines[1]["reference_id"] == "09STATE39345"
    assert lines[2]["source"] == str(tmp_path / "missing.txt")


@pytest.mark.parametrize("name", ["09STATE39345.csv", "08STATE22377.html"])
def test_records_are_json_with_the_record_keys(name):
    lines, _ = _run(str(SEEDS / name))
    assert set(lines[0]) >= {"reference_id", "paragraphs", "warnings", "points_of_contact"}
