"""The drop folder: dropped files become jobs; then done/, or rejected/ with a .error beside."""

import pytest

from cables.jobs import inbox_scan, job_run_here
from cables.models import Cable, JobOrigin
from cables.tasks import scan_inbox
from tests.ingestion.records import telegram

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(tmp_path, settings):
    settings.CABLE_INBOX = str(tmp_path / "inbox")
    (tmp_path / "inbox").mkdir()
    return tmp_path / "inbox"


def test_dropped_files_are_ingested_and_filed(inbox, django_capture_on_commit_callbacks):
    (inbox / "good.txt").write_text(telegram(900))
    (inbox / "memo.txt").write_text("Minutes of the staff meeting.")
    (inbox / "photo.txt").write_bytes(b"\x89PNG\x00\x00binary")
    (inbox / "half.txt.part").write_text(telegram(901))
    with django_capture_on_commit_callbacks(execute=True):
        jobs = inbox_scan()
    assert [job.origin for job in jobs] == [JobOrigin.INBOX] * 3
    assert list(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE900"]
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["good.txt"]
    assert sorted(p.name for p in (inbox / "rejected").iterdir()) == [
        "memo.txt", "memo.txt.error", "photo.txt", "photo.txt.error"]
    assert "not a cable" in (inbox / "rejected" / "memo.txt.error").read_text()
    assert "is not text" in (inbox / "rejected" / "photo.txt.error").read_text()
    assert (inbox / "half.txt.part").exists()  # still being written: left alone
    assert not list((inbox / "processing").iterdir())


def test_a_file_dropped_twice_is_filed_twice_and_stored_once(inbox, django_capture_on_commit_callbacks):
    for _ in range(2):
        (inbox / "good.txt").write_text(telegram(902))
        with django_capture_on_commit_callbacks(execute=True):
            scan_inbox()
    assert Cable.objects.count() == 1
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["good.1.txt", "good.txt"]


def test_a_job_in_progress_keeps_its_file_in_processing(inbox):
    (inbox / "good.txt").write_text(telegram(903))
    [job] = inbox_scan()  # tasks are queued on commit, which this test never reaches
    assert (inbox / "processing" / "good.txt").exists()
    job_run_here(job)
    assert (inbox / "done" / "good.txt").exists()


def test_no_inbox_setting_means_no_scan(settings):
    settings.CABLE_INBOX = ""
    assert inbox_scan() == []


def test_celery_beat_scans_the_inbox(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["scan-cable-inbox"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert entry["schedule"] == settings.CABLE_INBOX_SCAN_SECONDS
