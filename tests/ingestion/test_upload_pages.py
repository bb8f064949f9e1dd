"""The upload page and the job page an analyst follows."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cables.models import IngestionJob
from tests.ingestion.records import telegram

pytestmark = pytest.mark.django_db


def test_only_analysts_see_the_upload_page(client, confidential, analyst):
    client.force_login(confidential)
    assert client.get("/cables/upload/").status_code == 403
    client.force_login(analyst)
    page = client.get("/cables/upload/")
    assert page.status_code == 200
    assert b"Or paste a cable" in page.content


def test_an_upload_leads_to_its_job_page_with_added_and_rejected_items(client, analyst,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(analyst)
    files = [SimpleUploadedFile("good.txt", telegram(77).encode()),
             SimpleUploadedFile("bad.txt", b"Minutes of the staff meeting.")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cables/upload/", {"files": files, "text": ""})
    job = IngestionJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cables/jobs/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "09STATE77" in page
    assert "bad.txt" in page and "not a cable" in page
    assert 'value="100"' in page
    assert "CONFIDENTIAL" in page.split('data-testid="banner-top"')[1][:40]
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)  # no inline script: the policy to come forbids it


def test_pasted_text_is_ingested(client, analyst, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cables/upload/", {"text": telegram(78, classification="UNCLASSIFIED")})
    job = IngestionJob.objects.get()
    assert (job.source, job.new) == ("pasted text", 1)


def test_an_empty_form_says_what_to_do(client, analyst):
    client.force_login(analyst)
    page = client.post("/cables/upload/", {"text": "  "})
    assert page.status_code == 200
    assert b"Choose one or more files, or paste the text of a cable." in page.content


def test_progress_json_and_job_page_are_only_for_the_user_who_started_it(client, analyst, administrator):
    job = IngestionJob.objects.create(origin="upload", source="x", started_by=analyst, seen=4, new=1, rejected=1)
    client.force_login(analyst)
    progress = client.get(f"/cables/jobs/{job.pk}/progress/").json()
    assert (progress["percent"], progress["processed"], progress["finished"]) == (50, 2, False)
    client.force_login(administrator)
    assert client.get(f"/cables/jobs/{job.pk}/").status_code == 200
    other = IngestionJob.objects.create(origin="upload", source="y", started_by=administrator)
    client.force_login(analyst)
    assert client.get(f"/cables/jobs/{other.pk}/").status_code == 404
    assert client.get(f"/cables/jobs/{other.pk}/progress/").status_code == 404
