from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_USERS, demo_users_create
from cables.data import SEED_CABLES


class Command(BaseCommand):
    help = "Load the reference data and the seed cables, create the demo users and print their logins."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        call_command("ingest_cables", str(SEED_CABLES), "--sync", "--no-progress", stdout=self.stdout)
        demo_users_create()
        self.stdout.write("\nDemo logins (http://127.0.0.1:8000/):")
        for demo in DEMO_USERS:
            self.stdout.write(
                f"  {demo.username:<8} password {demo.password:<20} {demo.role}, cleared {demo.clearance}"
            )
