"""Data shipped with the archive: the two seed cables the demo starts from."""

from pathlib import Path

SEED_CABLES = Path(__file__).resolve().parent / "seeds"
