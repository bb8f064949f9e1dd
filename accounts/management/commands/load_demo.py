from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_USERS, demo_users_create
from cables.data import SEED_CABLES
from cables.models import Fact
from cables.review import facts_accept


class Command(BaseCommand):
    help = (
        "Load the reference data and the seed cables, accept the seed cables' facts as the demo analyst, "
        "create the demo users and print their logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--address", default="127.0.0.1:8000",
                            help="host:port the demo is served on, for the printed address (default 127.0.0.1:8000)")

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        users = demo_users_create()
        call_command("ingest_cables", str(SEED_CABLES), "--sync", "--no-progress", stdout=self.stdout)
        self.seed_facts_accept(next(user for user in users if user.is_analyst))
        self.stdout.write(f"\nDemo logins (http://{options['address']}/):")
        for demo in DEMO_USERS:
            self.stdout.write(
                f"  {demo.username:<8} password {demo.password:<20} {demo.role}, cleared {demo.clearance}"
            )

    def seed_facts_accept(self, analyst):
        """The seed cables' facts, accepted as the demo analyst so the demo's ledger carries them."""
        seeds = [path.stem for path in SEED_CABLES.glob("*.txt")]
        pending = Fact.objects.pending().filter(cable__reference_id__in=seeds, cable__is_current=True)
        outcome = facts_accept(list(pending.values_list("pk", "version")), analyst)
        self.stdout.write(f"seed facts: {len(outcome.decided)} accepted as {analyst}, {len(outcome.refused)} left "
                          "waiting for review")
        for pk, message in outcome.refused:
            self.stdout.write(f"  fact {pk}: {message}")
