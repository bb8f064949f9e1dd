"""Jobs: a batch with bad files in it, a crash between two cables, resuming, the command line."""

import io
import zipfile

import pytest
from django.core.management import call_command

from cables import ingestion
from cables.jobs import CHUNK_SIZE, job_create, job_resume, job_run_here
from cables.models import Cable, ChunkState, IngestionJob, JobOrigin, JobState, Paragraph
from cables.sources import read_source
from tests.ingestion.records import SEEDS, telegram

pytestmark = pytest.mark.django_db


def sources_of(files: dict[str, bytes], notes=None):
    for name, data in files.items():
        yield from read_source(name, lambda d=data: io.BytesIO(d), notes if notes is not None else [])


def batch_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.txt", telegram(101))
        archive.writestr("notes.txt", "Lunch order: two sandwiches, no cable here.")
        archive.writestr("two.txt", telegram(102, classification="UNCLASSIFIED"))
        archive.writestr("../escape.txt", telegram(103))
        archive.writestr("image.txt", b"\x00\x01\x02binary")
    return buffer.getvalue()


def test_a_batch_with_bad_files_stores_the_good_ones_and_says_why_the_others_failed():
    job = job_create(sources_of({"batch.zip": batch_zip()}), origin=JobOrigin.COMMAND, source="batch.zip")
    job = job_run_here(job)
    assert job.state == JobState.DONE
    assert (job.seen, job.new, job.rejected) == (5, 2, 3)
    assert sorted(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE101", "09STATE102"]
    reasons = {error["source"]: error["error"] for error in job.errors}
    assert reasons["batch.zip:notes.txt"].startswith("no classification line, date-time group or reference id")
    assert "leaves the archive's folder" in reasons["batch.zip:../escape.txt"]
    assert reasons["batch.zip:image.txt"].startswith("batch.zip:image.txt is not text")
    assert job.percent == 100


def test_running_a_job_again_finds_everything_unchanged():
    files = {f"{n}.txt": telegram(n).encode() for n in range(200, 205)}
    job_run_here(job_create(sources_of(files), origin=JobOrigin.COMMAND, source="x"))
    again = job_run_here(job_create(sources_of(files), origin=JobOrigin.COMMAND, source="x"))
    assert (again.new, again.unchanged) == (0, 5)
    assert Cable.objects.count() == 5


def test_a_crash_between_two_cables_leaves_no_half_stored_cable_and_the_job_resumes(monkeypatch):
    files = {f"{n}.txt": telegram(n).encode() for n in range(300, 304)}
    job = job_create(sources_of(files), origin=JobOrigin.COMMAND, source="x")
    real_store_parts = ingestion._store_parts
    calls = []

    def crash_on_the_second_cable(cable, record):
        calls.append(cable.reference_id)
        if len(calls) == 2:
            real_store_parts(cable, record)  # paragraphs written ...
            raise SystemExit("worker killed")  # ... and then the process dies before commit
        real_store_parts(cable, record)

    monkeypatch.setattr(ingestion, "_store_parts", crash_on_the_second_cable)
    with pytest.raises(SystemExit):
        job_run_here(job)
    job.refresh_from_db()
    assert (job.state, job.new) == (JobState.RUNNING, 1)
    assert list(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE300"]
    assert Paragraph.objects.count() == 2
    assert job.chunks.get().position == 1

    monkeypatch.setattr(ingestion, "_store_parts", real_store_parts)
    job = job_run_here(job_resume(job))
    assert (job.state, job.new, job.unchanged) == (JobState.DONE, 4, 0)
    assert Cable.objects.count() == 4
    assert Paragraph.objects.count() == 8


def test_big_jobs_are_split_into_chunks_any_worker_can_take():
    files = {f"{n}.txt": telegram(n).encode() for n in range(1000, 1000 + CHUNK_SIZE + 5)}
    job = job_create(sources_of(files), origin=JobOrigin.COMMAND, source="x")
    assert [(c.number, len(c.items)) for c in job.chunks.all()] == [(0, CHUNK_SIZE), (1, 5)]
    job = job_run_here(job)
    assert job.new == CHUNK_SIZE + 5
    assert not job.chunks.filter(state=ChunkState.PENDING).exists()


def test_nothing_readable_ends_the_job_at_once_with_a_reason():
    job = job_create(iter(()), origin=JobOrigin.API, source="pasted text")
    assert job.state == JobState.DONE
    assert job.errors == [{"source": "pasted text", "line": None, "error": "no cable was found in what was handed in"}]


def test_ingest_cables_command_prints_a_summary_line(tmp_path, capsys):
    (tmp_path / "bad.txt").write_text("not a cable")
    call_command("ingest_cables", str(SEEDS), str(tmp_path), "--sync", "--no-progress")
    out = capsys.readouterr().out
    job = IngestionJob.objects.get()
    assert out.strip() == f"job {job.pk} done: 3 seen, 2 new, 0 updated, 0 unchanged, 1 rejected"
    assert set(Cable.objects.values_list("reference_id", flat=True)) == {"08STATE22377", "09STATE39345"}
