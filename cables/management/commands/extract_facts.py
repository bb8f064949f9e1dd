"""`manage.py extract_facts PATH ...`: the facts each cable states, as JSON Lines, without a database."""

import json

from cables.extraction import extract_facts
from cables.management.reading import CableReadingCommand


class Command(CableReadingCommand):
    help = (
        "Parse cables (files, directories walked, '-' for standard input) and print one JSON object per "
        "extracted fact per line: kind, its fields and source (reference_id, paragraph, span, marking, quote). "
        "Reads no database. An input that is not a cable is reported on standard error; the exit status is then 1."
    )

    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--entity",
            action="append",
            dest="entities",
            metavar="CODE",
            help="only facts about this entity (XK, TW, PS ...); repeat for several; default: every tracked entity",
        )

    def report(self, line: str) -> None:
        self.stderr.write(line)

    def emit(self, record: dict, options: dict) -> None:
        for fact in extract_facts(record, entities=options.get("entities")):
            self.stdout.write(json.dumps(fact, ensure_ascii=False))
