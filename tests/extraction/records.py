"""Hand-built parser records for rule tests: one paragraph per string."""


def record(
    *paragraphs: str,
    created: str = "2009-04-21T13:43:00Z",
    reference_id: str = "09STATE39345",
    subject: str | None = None,
    origin: str | None = "SECSTATE WASHDC",
    markings=None,
) -> dict:
    return {
        "reference_id": reference_id,
        "created": created,
        "origin": origin,
        "classification": "CONFIDENTIAL",
        "tags": ["PREL", "KV"],
        "subject": subject,
        "references": [],
        "recipients": {"to": [], "info": [], "except": []},
        "paragraphs": [
            {"number": i, "marking": (markings or {}).get(i, "C"), "text": text}
            for i, text in enumerate(paragraphs, start=1)
        ],
        "signer": None,
        "points_of_contact": [],
        "warnings": [],
    }


def kinds(facts: list[dict], kind: str) -> list[dict]:
    return [fact for fact in facts if fact["kind"] == kind]
