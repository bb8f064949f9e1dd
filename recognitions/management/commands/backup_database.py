from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recognitions.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Write a consistent copy of the whole database to PATH (pg_dump on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            written = database_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written to {written} ({written.stat().st_size:,} bytes)")
