"""`python manage.py ingest_cables PATH ...`: put cable files, folders or archives into the archive."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cables.jobs import job_create, job_queue, job_resume, job_run_here
from cables.models import IngestionJob, JobOrigin
from cables.sources import SourceRejected, check_size, read_source


def local_sources(paths: list[Path], notes: list[str]):
    """Every file under the given paths (folders walked, sorted), read with the upload limits."""
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith("."):
                continue
            try:
                check_size(str(file), file.stat().st_size)
            except SourceRejected as exc:
                yield exc
                continue
            yield from read_source(str(file), lambda f=file: open(f, "rb"), notes)  # noqa: SIM115


class Command(BaseCommand):
    help = "Ingest cables from files, folders, .zip/.gz archives or cables.csv; --bulk for the whole archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)
        parser.add_argument("--sync", action="store_true", help="ingest in this process instead of Celery workers")
        parser.add_argument("--bulk", action="store_true",
                            help="cables.csv[.gz] archives: parse in worker processes and write in batches (COPY)")
        parser.add_argument("--processes", type=int, default=None, help="parser processes for --bulk")
        parser.add_argument("--batch", type=int, default=1000, help="cables per write batch for --bulk")
        parser.add_argument("--no-facts", action="store_true",
                            help="with --bulk: do not queue fact extraction for the new cables")
        parser.add_argument("--resume", type=int, metavar="JOB", help="finish an interrupted job")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        paths, quiet = options["paths"], options["no_progress"]
        if options["resume"]:
            job = IngestionJob.objects.filter(pk=options["resume"]).first()
            if job is None:
                raise CommandError(f"there is no ingestion job {options['resume']}")
            job = job_resume(job) if not options["sync"] else job_run_here(job)
            return self._follow(job, quiet, options["sync"])
        if not paths:
            raise CommandError("give at least one file or folder (or --resume JOB)")
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        if options["bulk"]:
            return self._bulk(paths, options)
        notes: list[str] = []
        job = job_create(local_sources(paths, notes), origin=JobOrigin.COMMAND,
                         source=", ".join(str(p) for p in paths), notes=notes)
        for note in notes:
            self.stderr.write(note)
        if options["sync"] or settings.CELERY_TASK_ALWAYS_EAGER:
            bar = tqdm(total=job.seen, initial=job.rejected, unit="cable", disable=quiet, file=self.stderr)
            job = job_run_here(job, progress=lambda outcome: bar.update(1))
            bar.close()
        else:
            job_queue(job)
            job = self._follow(job, quiet, False)
        self._summary(job)
        if job.rejected:
            for error in job.errors[:50]:
                self.stderr.write(f"  rejected {error['source']}: {error['error']}")

    def _follow(self, job, quiet, sync):
        """Wait for the workers, with a progress bar; Ctrl-C stops watching, not the job."""
        bar = tqdm(total=job.seen, unit="cable", disable=quiet, file=self.stderr)
        try:
            while not job.is_finished:
                bar.n = job.processed
                bar.refresh()
                time.sleep(0.5)
                job.refresh_from_db()
        except KeyboardInterrupt:
            self.stderr.write(f"\nstill running: job {job.pk}")
        bar.n = job.processed
        bar.close()
        return job

    def _summary(self, job):
        line = (f"job {job.pk} {job.state}: {job.seen} seen, {job.new} new, {job.updated} updated, "
                f"{job.unchanged} unchanged, {job.rejected} rejected")
        if job.failure:
            line += f" ({job.failure})"
        self.stdout.write(line)

    def _bulk(self, paths, options):
        from cables.bulk import bulk_ingest

        result = bulk_ingest(paths, processes=options["processes"], batch_size=options["batch"],
                             progress=not options["no_progress"], stderr=self.stderr,
                             announce=not options["no_facts"])
        self.stdout.write(result.summary())
