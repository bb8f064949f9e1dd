"""Diplomatic posts as cables name them, resolved to their host country and back.

Pure Python: `cables.parsing` and `cables.extraction` import it with Django unconfigured.
The posts are `recognitions/data/posts.csv` (every post the shared cables name, plus an embassy
in the capital of every other state) and the address groups of `collectives.csv`.

A post is named in several ways, all accepted by `resolve_post`:
`RUEHBW/AMEMBASSY BELGRADE PRIORITY 2080` (a TO/INFO line), `AMEMBASSY BELGRADE`,
`Embassy Belgrade` (the archive's origin column), `BELGRADE` (the station of a reference id)
and `10BELGRADE19` (a reference id).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# When several posts answer to one routing indicator or station, the first kind wins:
# RUEHBS is Embassy Brussels before USEU, BRUSSELS the embassy before USEU.
KIND_ORDER = ("embassy", "consulate", "mission", "department", "office", "collective")

_INDICATOR = re.compile(r"^R[A-Z]{3,6}$")
_ROUTED = re.compile(r"^(R[A-Z]{3,6})\s*/\s*(.+)$")
_PRECEDENCE = re.compile(r"\s+(?:NIACT\s+)?(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE)\b.*$|\s+\d{1,5}(?:-\d{1,5})?$|//.*$")
_PREFIX_KIND = {"AMEMBASSY": "embassy", "AMCONSUL": "consulate", "USMISSION": "mission", "USOFFICE": "office"}
_REFERENCE_ID = re.compile(r"^(?:\d{2})([A-Z]+?)(\d+)$")
_ORIGIN_PREFIX = re.compile(r"^(?:EMBASSY|CONSULATE|AMEMBASSY|AMCONSUL|AMCONSULATE|US MISSION|USMISSION|MISSION)\s+")


@dataclass(frozen=True)
class Post:
    """One post: `name` as the cables' address lines write it, its host and its addresses."""

    name: str
    kind: str
    city: str = ""
    country_code: str = ""
    organization_code: str = ""
    routing: str = ""
    archive_origin: str = ""
    stations: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    source: str = ""
    note: str = ""


def _key(text: str) -> str:
    """Upper case, no accents, single spaces."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(plain.upper().split())


def _station_key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", _key(text))


def _rank(post: Post) -> tuple:
    kind = KIND_ORDER.index(post.kind) if post.kind in KIND_ORDER else len(KIND_ORDER)
    return (kind, post.source != "cables", not post.archive_origin, len(post.name), post.name)


class PostDirectory:
    """Every known post, indexed by name, routing indicator, archive origin and station."""

    def __init__(self, posts: Iterable[Post]):
        self.posts = sorted(posts, key=lambda post: post.name)
        self._by_name: dict[str, Post] = {}
        self._by_origin: dict[str, Post] = {}
        routing: dict[str, list[Post]] = {}
        stations: dict[str, list[Post]] = {}
        for post in self.posts:
            for name in (post.name, *post.variants):
                self._by_name.setdefault(_key(name), post)
            if post.archive_origin:
                self._by_origin.setdefault(_key(post.archive_origin), post)
            if post.routing:
                routing.setdefault(post.routing, []).append(post)
            for station in {*post.stations, *(_station_of(v) for v in post.variants), _station_key(post.city)}:
                if station:
                    stations.setdefault(station, []).append(post)
        self._by_routing = {code: min(found, key=_rank) for code, found in routing.items()}
        self._by_station = {code: min(found, key=_rank) for code, found in stations.items()}

    def resolve_post(self, text: str) -> Post | None:
        """The post named by an address line, a post name, an archive origin, a station, a city
        or a reference id; None when nothing matches (never the nearest spelling)."""
        if not text or not text.strip():
            return None
        line = _key(text)
        routed = _ROUTED.match(line)
        if routed:
            post = self._by_address(routed.group(2))
            if post is None:
                # A misspelt name ("AMEMBASSY CARACS") on a known indicator: trust the
                # indicator only when it stands for a post of the kind the name says.
                post = self.post_for_routing(routed.group(1))
                prefix = routed.group(2).split(" ", 1)[0]
                if post is None or _PREFIX_KIND.get(prefix) != post.kind:
                    return None
            return post
        post = self._by_address(line) or self._by_other_names(line)
        if post is None and _INDICATOR.match(line):
            post = self.post_for_routing(line)  # after names: ROME is a city, not an indicator
        return post

    def _by_address(self, line: str) -> Post | None:
        post = self._by_name.get(line)
        if post is None:
            post = self._by_name.get(_PRECEDENCE.sub("", line).strip())
        return post

    def _by_other_names(self, line: str) -> Post | None:
        post = self._by_origin.get(line)
        if post is not None:
            return post
        reference = _REFERENCE_ID.match(line.replace(" ", ""))
        if reference and not line.isdigit():
            return self._by_station.get(reference.group(1))
        post = self._by_station.get(_station_key(line))
        if post is None:
            post = self._by_station.get(_station_key(_ORIGIN_PREFIX.sub("", line)))
        return post

    def post_for_routing(self, indicator: str) -> Post | None:
        """The post a routing indicator stands for (`RUEHBW` -> AMEMBASSY BELGRADE)."""
        return self._by_routing.get(indicator.strip().upper()) if indicator else None

    def posts_in_country(self, code: str) -> list[Post]:
        """Posts hosted by a country, embassy first (missions to organizations included)."""
        wanted = code.strip().upper() if code else ""
        return sorted((post for post in self.posts if post.country_code.upper() == wanted and wanted), key=_rank)

    def post_named(self, name: str) -> Post | None:
        return self._by_name.get(_key(name)) if name else None


def _station_of(name: str) -> str:
    """The station a post's cables carry in their reference ids: AMEMBASSY NEW DELHI -> NEWDELHI."""
    match = re.match(r"^(?:AMEMBASSY|AMCONSUL)\s+(.+)$", _key(name))
    return _station_key(match.group(1)) if match else ""


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def read_posts(data_dir: Path = DATA_DIR) -> list[Post]:
    """Posts from posts.csv and the address groups of collectives.csv."""
    posts = []
    with (data_dir / "posts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            posts.append(
                Post(
                    name=row["name"],
                    kind=row["kind"],
                    city=row["city"],
                    country_code=row["country_code"],
                    organization_code=row["organization_code"],
                    routing=row["routing"],
                    archive_origin=row["archive_origin"],
                    stations=_split(row["stations"]),
                    variants=_split(row["variants"]),
                    source=row["source"],
                    note=row["note"],
                )
            )
    with (data_dir / "collectives.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            posts.append(
                Post(
                    name=row["name"],
                    kind="collective",
                    organization_code=row["organization_code"],
                    routing=row["routing"],
                    variants=_split(row["variants"]),
                    source=row["source"],
                    note=row["note"],
                )
            )
    return posts


@lru_cache(maxsize=1)
def default_directory() -> PostDirectory:
    """The directory built from the shipped data, once per process."""
    return PostDirectory(read_posts())


def resolve_post(text: str) -> Post | None:
    return default_directory().resolve_post(text)


def post_for_routing(indicator: str) -> Post | None:
    return default_directory().post_for_routing(indicator)


def posts_in_country(code: str) -> list[Post]:
    return default_directory().posts_in_country(code)
