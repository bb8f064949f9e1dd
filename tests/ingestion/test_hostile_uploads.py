"""Hostile uploads through the API, as an analyst would send them: each is refused with a reason, nothing is
written outside the upload area, and nothing is half stored.

Uploads are staged in the database, never under their own names on disk;
the only files Django writes are its temporary copies of big uploads, in
FILE_UPLOAD_TEMP_DIR. The tests point that and MEDIA_ROOT into a folder of
their own and check that nothing else appeared around it.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cables.models import Cable, ChunkState, IngestionChunk, IngestionJob, JobState, Paragraph
from tests.ingestion.records import telegram

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload_area(tmp_path, settings):
    """The folders Django may write uploads to; returns a function listing every file written under tmp_path."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "uploads").mkdir()

    def written() -> list[str]:
        return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())

    return written


@pytest.fixture
def send(analyst, django_capture_on_commit_callbacks):
    client = APIClient()
    client.force_authenticate(analyst)

    def send(*files: tuple[str, bytes]) -> IngestionJob:
        uploads = [SimpleUploadedFile(name, data) for name, data in files]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/v1/cables/", {"file": uploads}, format="multipart")
        assert response.status_code == 202, response.content
        job = IngestionJob.objects.get(pk=response.json()["id"])
        assert job.state == JobState.DONE
        assert not IngestionChunk.objects.filter(job=job, state=ChunkState.PENDING).exists()
        return job

    return send


def reasons(job: IngestionJob) -> dict[str, str]:
    return {error["source"]: error["error"] for error in job.errors}


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_file_names_that_climb_out_are_kept_as_bare_names_and_write_nothing(send, upload_area):
    passwd = Path("/etc/passwd").read_bytes()
    job = send(("../../etc/passwd", telegram(501).encode()), ("/etc/passwd", telegram(502).encode()),
               ("..\\..\\windows\\win.ini", b"[fonts]\n"))
    assert (job.new, job.rejected) == (2, 1)
    assert "passwd" in job.source and "../" not in job.source and "/etc" not in job.source
    assert all(".." not in error["source"] for error in job.errors)
    assert Path("/etc/passwd").read_bytes() == passwd
    assert upload_area() == []


def test_zip_entries_that_climb_out_are_refused_and_the_rest_is_stored(send, upload_area):
    job = send(("batch.zip", zipped({
        "../../etc/passwd": telegram(511).encode(), "/etc/shadow": telegram(512).encode(),
        "C:\\evil.txt": telegram(513).encode(), "ok/../../up.txt": telegram(514).encode(),
        "inside/fine.txt": telegram(515).encode(),
    })))
    assert (job.seen, job.new, job.rejected) == (5, 1, 4)
    assert all("leaves the archive's folder" in reason for reason in reasons(job).values())
    assert list(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE515"]
    assert upload_area() == []


def test_nul_bytes_deep_in_a_text_file_refuse_it_whole(send):
    data = telegram(521).encode() + b" " * 70_000 + b"\x00tail"
    job = send(("cable.txt", data))
    assert (job.new, job.rejected) == (0, 1)
    assert reasons(job)["cable.txt"].startswith("cable.txt is not text (binary bytes at offset ")
    assert not Cable.objects.exists()


def test_a_ten_megabyte_single_line_is_refused_with_a_reason(send, upload_area):
    job = send(("line.txt", b"A" * (10 * 1024 * 1024)))
    assert (job.seen, job.new, job.rejected) == (1, 0, 1)
    assert reasons(job)["line.txt"]
    assert not Cable.objects.exists() and not Paragraph.objects.exists()
    assert all(name.startswith("uploads/") for name in upload_area())


def test_mixed_encodings_in_one_file_are_read_as_latin1_and_the_job_says_so(send):
    utf8_part = telegram(531, subject="CAFÉ TALKS").encode("utf-8")
    data = utf8_part.replace(b"Second paragraph", "Deuxième paragraphe".encode("latin-1"))
    job = send(("mixed.txt", data))
    assert job.new == 1
    [note] = job.notes
    assert note.startswith("mixed.txt is not valid UTF-8 (byte ") and note.endswith("); read as Latin-1")
    assert Cable.objects.get().paragraphs.count() == 2


def test_a_zip_with_thousands_of_entries_past_the_limit_is_refused_whole(send, settings):
    limit = settings.CABLE_ARCHIVE_MAX_FILES
    job = send(("many.zip", zipped({f"{n}.txt": b"x" for n in range(limit + 1)})))
    assert (job.seen, job.new, job.rejected) == (1, 0, 1)
    assert reasons(job)["many.zip"] == f"many.zip holds {limit + 1:,} files; the limit is {limit:,}"
    assert not Cable.objects.exists()


def test_a_zip_bomb_is_refused_and_nothing_of_it_is_stored(send):
    job = send(("bomb.zip", zipped({"cable.txt": telegram(541).encode(), "bomb.txt": b"\n" * (200 << 20)})),
               ("after.txt", telegram(542).encode()))
    assert "refused as a zip bomb" in reasons(job)["bomb.zip"]
    assert list(Cable.objects.values_list("reference_id", flat=True)) == ["09STATE542"]
