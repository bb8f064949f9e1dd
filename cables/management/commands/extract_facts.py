"""`manage.py extract_facts PATH ...`: the facts each cable states, as JSON Lines, without a database."""

import json
import os
import sys
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError

from cables.extraction import extract_facts
from cables.parsing import CableParseError, iter_cables, parse_file


class Command(BaseCommand):
    help = (
        "Parse cables (files, directories walked, '-' for standard input) and print one JSON object per "
        "extracted fact per line: kind, its fields and source (reference_id, paragraph, span, marking, quote). "
        "Reads no database. An input that is not a cable is reported on standard error; the exit status is then 1."
    )

    requires_system_checks = []
    requires_migrations_checks = False
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--entity",
            action="append",
            dest="entities",
            metavar="CODE",
            help="only facts about this entity (XK, TW, PS ...); repeat for several; default: every tracked entity",
        )

    def handle(self, *args, **options):
        errors = 0
        self._stdin = options.get("stdin") or sys.stdin.buffer
        for source, result in self._results(options["paths"]):
            if isinstance(result, CableParseError):
                errors += 1
                problem = {"source": result.source or source, "error": result.message, "line": result.line}
                self.stderr.write(json.dumps(problem, ensure_ascii=False))
                continue
            for fact in extract_facts(result, entities=options.get("entities")):
                self.stdout.write(json.dumps(fact, ensure_ascii=False))
        if errors:
            raise CommandError(f"{errors} input(s) could not be read as cables", returncode=1)

    def _results(self, paths: list[str]) -> Iterator[tuple[str, dict | CableParseError]]:
        for path in paths:
            if path == "-":
                for result in iter_cables(self._stdin, "-"):
                    yield "-", result
            elif os.path.isdir(path):
                for root, dirs, files in os.walk(path):
                    dirs.sort()
                    for name in sorted(files):
                        yield from self._file(os.path.join(root, name))
            else:
                yield from self._file(path)

    def _file(self, path: str) -> Iterator[tuple[str, dict | CableParseError]]:
        try:
            for result in parse_file(path):
                yield path, result
        except OSError as exc:
            yield path, CableParseError(f"cannot read: {exc.strerror or exc}", source=path)
