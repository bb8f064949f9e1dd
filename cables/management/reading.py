"""The cable-reading commands' common part: paths, directories walked, '-' for standard input."""

import json
import os
import sys
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError

from cables.parsing import CableParseError, iter_cables, parse_file


def cables_from_paths(paths: list[str], stdin) -> Iterator[tuple[str, dict | CableParseError]]:
    """(source, record or error) for every cable in the files, the walked directories and standard input."""
    for path in paths:
        if path == "-":
            for result in iter_cables(stdin, "-"):
                yield "-", result
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield from _cables_in_file(os.path.join(root, name))
        else:
            yield from _cables_in_file(path)


def _cables_in_file(path: str) -> Iterator[tuple[str, dict | CableParseError]]:
    try:
        for result in parse_file(path):
            yield path, result
    except OSError as exc:
        yield path, CableParseError(f"cannot read: {exc.strerror or exc}", source=path)


def problem(source: str, error: CableParseError) -> str:
    """The JSON line that names an input which is not a cable, and where."""
    return json.dumps({"source": error.source or source, "error": error.message, "line": error.line},
                      ensure_ascii=False)


class CableReadingCommand(BaseCommand):
    """Reads cables from PATHs and hands each record to `emit`; exits 1 when some input was not a cable."""

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args, **options):
        errors = 0
        stdin = options.get("stdin") or sys.stdin.buffer
        for source, result in cables_from_paths(options["paths"], stdin):
            if isinstance(result, CableParseError):
                errors += 1
                self.report(problem(source, result))
            else:
                self.emit(result, options)
        if errors:
            raise CommandError(f"{errors} input(s) could not be read as cables", returncode=1)

    def report(self, line: str) -> None:
        self.stdout.write(line)

    def emit(self, record: dict, options: dict) -> None:
        raise NotImplementedError
