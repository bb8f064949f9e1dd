"""A restored backup answers the same status for Kosovo as the database it was taken from."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from recognitions.models import Country, RecognitionEvent
from recognitions.reference import load_reference_data
from recognitions.selectors import entity_status

DATES = [dt.date(2008, 3, 4), dt.date(2009, 4, 7), dt.date(2010, 12, 31)]


def kosovo_counts(user):
    kosovo = Country.objects.get(code="XK")
    return [
        (s.un_members_recognizing, s.all_states_recognizing) for s in (entity_status(kosovo, user, d) for d in DATES)
    ]


def round_trip(tmp_path, user):
    load_reference_data()
    before = kosovo_counts(user)
    assert before == [(23, 24), (57, 58), (72, 73)]
    backup = tmp_path / "desk.dump"
    call_command("backup_database", str(backup))
    RecognitionEvent.objects.all().delete()
    assert kosovo_counts(user)[1] == (0, 0)
    call_command("restore_database", str(backup))
    assert kosovo_counts(user) == before


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_keep_the_status(tmp_path, uncleared):
    """SQLite's backup API on the embedded default, pg_dump/pg_restore in CI's PostgreSQL pass."""
    round_trip(tmp_path, uncleared)


@pytest.mark.django_db
def test_restoring_something_that_is_not_a_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CommandError):
        call_command("restore_database", str(junk))
    with pytest.raises(CommandError, match="is not a backup file"):
        call_command("restore_database", str(tmp_path / "missing.dump"))
