from django.core.management.base import BaseCommand, CommandError

from recognitions.reference import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load the shipped reference data (countries, aliases, organizations, memberships, posts). Idempotent."

    def handle(self, *args, **options):
        try:
            report = load_reference_data()
        except ReferenceDataError as exc:
            raise CommandError(f"Reference data not loaded, nothing changed: {exc}") from None
        self.stdout.write(report.summary())
