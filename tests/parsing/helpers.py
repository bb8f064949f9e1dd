"""Where the parser tests find their real cables."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cables"
SEEDS = FIXTURES / "seeds"
CORPUS = FIXTURES / "corpus"
BULK_SAMPLE = FIXTURES / "bulk" / "sample.csv"
#: The full bulk corpus lives beside the project in the shared data, not in the repository.
SHARED_BULK = Path(__file__).resolve().parents[3] / "shared" / "cables" / "bulk" / "cables.csv.gz"
SHARED_BULK_FALLBACK = Path("/work/shared/cables/bulk/cables.csv.gz")


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def shared_bulk():
    for path in (SHARED_BULK, SHARED_BULK_FALLBACK):
        if path.exists():
            return path
    return None
