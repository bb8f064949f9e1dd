"""Parser records and cable texts built for ingestion tests."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "cables" / "data" / "seeds"


def seed_text(name: str = "09STATE39345") -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def make_record(reference_id="09TESTPOST1", classification="CONFIDENTIAL", paragraphs=None, **fields) -> dict:
    record = {
        "reference_id": reference_id,
        "transmission_id": "VZCZCXRO0001",
        "precedence": "PRIORITY",
        "created": "2009-04-21T13:43:00Z",
        "origin": "SECSTATE WASHDC",
        "recipients": {"to": [{"routing": "RUEHBW", "post": "AMEMBASSY BELGRADE", "precedence": "PRIORITY"}],
                       "info": [], "except": []},
        "classification": classification,
        "handling": ["SIPDIS"],
        "sections": 1,
        "declassify_on": "2019-04-16",
        "tags": ["PREL", "KV"],
        "subject": "KOSOVO RECOGNITION DRIVE",
        "references": [],
        "classified_by": "IO A/S Esther Brimmer",
        "classification_reasons": ["1.4(b)"],
        "paragraphs": paragraphs if paragraphs is not None else [
            {"number": 1, "marking": "C", "text": "Summary. Posts should press for recognition of Kosovo."},
            {"number": 2, "marking": "U", "text": "Background on the Kosovo campaign."},
        ],
        "signer": "CLINTON",
        "points_of_contact": [],
        "warnings": [],
    }
    record.update(fields)
    return record


def telegram(reference_serial=39345, classification="C O N F I D E N T I A L", subject="SUPPORTING KOSOVO",
             body="1. (C) Summary. Posts should press for recognition of Kosovo.", year="09", ref=None) -> str:
    """A minimal raw telegram the parser reads, for building batches."""
    return (
        "VZCZCXRO5154\n"
        "PP RUEHRN\n"
        f"DE RUEHC #{reference_serial % 10000:04d} 1111401\n"
        "ZNY CCCCC ZZH\n"
        f"P 211343Z APR {year}\n"
        "FM SECSTATE WASHDC\n"
        "TO AMEMBASSY BELGRADE PRIORITY 0001\n"
        "BT\n"
        f"{classification} STATE {reference_serial:06d}\n"
        "\n"
        "SIPDIS\n"
        "\n"
        "E.O. 12958: DECL: 04/16/2019\n"
        "TAGS: PREL KV\n"
        f"SUBJECT: {subject}\n"
        + (f"REF: {ref}\n" if ref else "")
        + "\n"
        "Classified By: IO A/S Esther Brimmer for reason 1.4(b).\n"
        "\n"
        f"{body}\n"
        "\n"
        "2. (U) Second paragraph of the cable.\n"
        "CLINTON\n"
    )
