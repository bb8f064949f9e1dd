from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recognitions.backup import BackupError, database_restore


class Command(BaseCommand):
    help = "Replace the whole database with the backup at PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            database_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Database restored from {path}")
