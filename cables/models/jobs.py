"""Ingestion jobs: one per upload, API call, command run or dropped file, split into chunks of cables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class JobOrigin(models.TextChoices):
    UPLOAD = "upload", "Web upload"
    API = "api", "API"
    COMMAND = "command", "Command line"
    INBOX = "inbox", "Drop folder"


class IngestionJobQuerySet(models.QuerySet):
    def started_by(self, user):
        """The jobs a user may follow: their own; administrators follow all."""
        if getattr(user, "is_administrator", False):
            return self
        return self.filter(started_by=user)


class IngestionJob(models.Model):
    """A batch of cables on its way into the archive, and what became of each.

    `seen` is the number of cables (and unreadable files) found in the source;
    each one ends as new, updated (a new revision), unchanged or rejected, so the
    job is complete when the four add up to `seen`. Counters move with F() in the
    same transaction as the cable they count, so two workers can share a job.
    """

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestion_jobs"
    )
    origin = models.CharField(max_length=8, choices=JobOrigin.choices)
    source = models.CharField(max_length=500, help_text="What was submitted: file names or 'pasted text'.")
    state = models.CharField(max_length=8, choices=JobState.choices, default=JobState.QUEUED)
    seen = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="One entry per rejected item: source, line, error.")
    notes = models.JSONField(default=list, blank=True, help_text="What was odd but accepted (e.g. Latin-1 text).")
    failure = models.TextField(blank=True, help_text="Why the job as a whole failed.")
    inbox_path = models.CharField(max_length=1000, blank=True, help_text="The dropped file, while it is processed.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = IngestionJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"job {self.pk} ({self.source})"

    def get_absolute_url(self):
        return reverse("cables:job", args=[self.pk])

    @property
    def processed(self) -> int:
        return self.new + self.updated + self.unchanged + self.rejected

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.seen:
            return 0
        return min(100, self.processed * 100 // self.seen)

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


class ChunkState(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"


class IngestionChunk(models.Model):
    """Up to a few hundred cables' texts, staged in the database so any worker on any machine can take them.

    `position` is how many items are finished; it moves in the same transaction
    as each stored cable, so a worker killed mid-chunk leaves the next one to
    resume exactly where it stopped.
    """

    job = models.ForeignKey(IngestionJob, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    items = models.JSONField(help_text="[{source, line, text, hints}] for each cable of the chunk.")
    position = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=8, choices=ChunkState.choices, default=ChunkState.PENDING)
    worker = models.CharField(max_length=200, blank=True, help_text="The worker that finished the chunk.")

    class Meta:
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="unique_chunk_number")]

    def __str__(self):
        return f"chunk {self.number} of job {self.job_id}"
