"""`manage.py parse_cables PATH ...`: cables to JSON Lines, errors named with their line."""

import json
import os
import sys
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError

from cables.parsing import CableParseError, iter_cables, parse_file


class Command(BaseCommand):
    help = (
        "Parse cables (files, directories walked, '-' for standard input; scraped copies, telegrams, "
        "WikiLeaks pages, cables.csv rows, plain or gzip) and print one JSON object per cable per line. "
        "What is not a cable prints {\"source\": ..., \"error\": ...}; the exit status is then 1."
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args, **options):
        errors = 0
        self._stdin = options.get("stdin") or sys.stdin.buffer
        for source, result in self._results(options["paths"]):
            if isinstance(result, CableParseError):
                errors += 1
                line = {"source": result.source or source, "error": result.message, "line": result.line}
            else:
                line = result
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        if errors:
            raise CommandError(f"{errors} input(s) could not be read as cables", returncode=1)

    def _results(self, paths: list[str]) -> Iterator[tuple[str, dict | CableParseError]]:
        for path in paths:
            if path == "-":
                for result in iter_cables(self._stdin, "-"):
                    yield "-", result
                continue
            if os.path.isdir(path):
                for root, dirs, files in os.walk(path):
                    dirs.sort()
                    for name in sorted(files):
                        file_path = os.path.join(root, name)
                        yield from self._file(file_path)
                continue
            yield from self._file(path)

    def _file(self, path: str) -> Iterator[tuple[str, dict | CableParseError]]:
        try:
            for result in parse_file(path):
                yield path, result
        except OSError as exc:
            yield path, CableParseError(f"cannot read: {exc.strerror or exc}", source=path)
