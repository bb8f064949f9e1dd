"""`manage.py parse_cables PATH ...`: cables to JSON Lines, errors named with their line."""

import json

from cables.management.reading import CableReadingCommand


class Command(CableReadingCommand):
    help = (
        "Parse cables (files, directories walked, '-' for standard input; scraped copies, telegrams, "
        "WikiLeaks pages, cables.csv rows, plain or gzip) and print one JSON object per cable per line. "
        "What is not a cable prints {\"source\": ..., \"error\": ...}; the exit status is then 1."
    )

    def emit(self, record: dict, options: dict) -> None:
        self.stdout.write(json.dumps(record, ensure_ascii=False))
