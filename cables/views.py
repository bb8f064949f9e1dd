"""Pages of the cable archive: the upload form and the page of an ingestion job."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render

from cables.clearance import note_shown
from cables.forms import CableUploadForm
from cables.models import Cable, IngestionJob, JobOrigin
from cables.uploads import INGESTION_UNAVAILABLE, ingestion_available, job_from_upload

UPLOAD_FOR_ANALYSTS = "Only analysts may upload cables."
#: Cables listed on a job page; the counts cover the rest.
JOB_PAGE_CABLES = 500


def upload(request):
    if not request.user.is_analyst:
        raise PermissionDenied(UPLOAD_FOR_ANALYSTS)
    form = CableUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not ingestion_available():
            messages.error(request, INGESTION_UNAVAILABLE)
        else:
            job = job_from_upload(form.cleaned_data["files"], form.cleaned_data["text"], user=request.user,
                                  origin=JobOrigin.UPLOAD)
            return redirect(job)
    recent = IngestionJob.objects.started_by(request.user)[:10]
    return render(request, "cables/upload.html",
                  {"form": form, "recent": recent, "max_upload": settings.CABLE_UPLOAD_MAX_BYTES})


def _job_for(request, pk) -> IngestionJob:
    """The job if this user started it (administrators: any job); otherwise it does not exist for them."""
    job = IngestionJob.objects.started_by(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404("No such ingestion job.")
    return job


def job_detail(request, pk):
    job = _job_for(request, pk)
    cables = []
    if job.is_finished:
        cables = list(
            Cable.objects.visible_to(request.user).filter(job=job).only(
                "reference_id", "revision", "subject", "classification", "classification_level", "noforn", "created"
            ).order_by("reference_id", "revision")[:JOB_PAGE_CABLES]
        )
        note_shown(request, *(cable.marking for cable in cables))
    more = job.new + job.updated > len(cables)
    return render(request, "cables/job.html", {"job": job, "cables": cables, "more": more})


def job_progress(request, pk):
    job = _job_for(request, pk)
    return JsonResponse({
        "id": job.pk, "state": job.state, "percent": job.percent, "seen": job.seen, "processed": job.processed,
        "new": job.new, "updated": job.updated, "unchanged": job.unchanged, "rejected": job.rejected,
        "finished": job.is_finished, "failure": job.failure,
    })
