"""Loading the shipped reference data (countries, aliases, organizations,
memberships, posts, and the recognition dataset) into the database.

Every file is read and checked before anything is written, and the writes
happen in one transaction: a damaged file is reported with its name and line
and leaves the database as it was. Loading twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from recognitions.choices import RecognitionKind, SourceKind
from recognitions.models import Country, CountryAlias, Membership, Organization, Post, RecognitionEvent

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Recognition datasets and the entity each one is about.
RECOGNITION_FILES = {"kosovo_recognitions.csv": "XK"}


class ReferenceDataError(Exception):
    """A reference file is missing, malformed or inconsistent; the message names file and line."""


@dataclass
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def fail(self, problem: str) -> ReferenceDataError:
        return ReferenceDataError(f"{self.path.name}, line {self.line}: {problem}")

    def text(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    def date(self, name: str, *, required: bool = True) -> dt.date | None:
        raw = self.text(name)
        if not raw:
            if required:
                raise self.fail(f"{name} is empty")
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise self.fail(f"{name} {raw!r} is not a date in YYYY-MM-DD form") from None


def read_rows(path: Path, required: Iterable[str]) -> list[Row]:
    """The rows of a CSV file with a header, each with the line it starts on."""
    if not path.exists():
        raise ReferenceDataError(f"{path.name}: file not found at {path}")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            missing = [name for name in required if name not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError(f"{path.name}, line 1: missing columns {', '.join(missing)}")
            rows = []
            line = reader.line_num
            for values in reader:
                if None in values or any(v is None for v in values.values()):
                    raise ReferenceDataError(f"{path.name}, line {line + 1}: wrong number of columns")
                rows.append(Row(path, line + 1, values))
                line = reader.line_num
            return rows
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise ReferenceDataError(f"{path.name}, line {reader.line_num}: {exc}") from None


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return "; ".join(
            f"{kind}: {self.created[kind]} new, {self.updated[kind]} updated, {self.unchanged[kind]} unchanged"
            for kind in kinds
        )


def _upsert(report: LoadReport, model, lookup: dict, values: dict):
    """Create or update one row, writing only when something differs."""
    kind = model._meta.verbose_name_plural
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        report.created[kind] += 1
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.updated[kind] += 1
    else:
        report.unchanged[kind] += 1
    return obj


def normalize_alias(name: str) -> str:
    from recognitions.names import normalize

    return normalize(name)


def _iso_countries() -> list[dict]:
    return [
        {
            "code": c.alpha_2,
            "alpha3": c.alpha_3,
            "numeric": c.numeric,
            "name": getattr(c, "common_name", None) or c.name,
            "official_name": getattr(c, "official_name", "") or c.name,
        }
        for c in pycountry.countries
    ]


def _split_name(full: str) -> tuple[str, str]:
    """'Kosovo (Republic of Kosovo)' -> ('Kosovo', 'Republic of Kosovo')."""
    if full.endswith(")") and " (" in full:
        short, _, rest = full.partition(" (")
        return short.strip(), rest[:-1].strip()
    return full, full


@dataclass
class ReferenceFiles:
    contested: list[Row]
    organizations: list[Row]
    memberships: list[Row]
    aliases: list[Row]
    posts: list[Row]
    recognitions: dict[str, list[Row]] = field(default_factory=dict)


def read_reference_files(data_dir: Path = DATA_DIR) -> ReferenceFiles:
    optional = {
        "aliases": (data_dir / "aliases.csv", ("code", "alias")),
        "posts": (data_dir / "posts.csv", ("name", "kind")),
    }
    return ReferenceFiles(
        contested=read_rows(
            data_dir / "contested_entities.csv", ("entity_code", "name", "declared_on", "parent_state", "source")
        ),
        organizations=read_rows(data_dir / "organizations.csv", ("code", "name", "founded_on", "source")),
        memberships=read_rows(
            data_dir / "memberships.csv", ("organization", "country_code", "joined_on", "left_on", "source")
        ),
        **{key: read_rows(path, cols) if path.exists() else [] for key, (path, cols) in optional.items()},
        recognitions={
            entity: read_rows(data_dir / name, ("country_code", "recognized_on", "kind", "note", "source"))
            for name, entity in RECOGNITION_FILES.items()
        },
    )


class Table:
    """The existing rows of one model by natural key; new and changed rows are
    written in bulk by `save`, so a second load costs a handful of queries."""

    def __init__(self, report: LoadReport, model, key: Callable, rows=None):
        self.report, self.model, self.key = report, model, key
        self.kind = model._meta.verbose_name_plural
        self.rows = {key(obj): obj for obj in (model.objects.all() if rows is None else rows)}
        self.new: list = []
        self.changed: dict[int, tuple] = {}

    def upsert(self, lookup: dict, values: dict):
        candidate = self.model(**lookup, **values)
        obj = self.rows.get(self.key(candidate))
        if obj is None:
            self.rows[self.key(candidate)] = candidate
            self.new.append(candidate)
            self.report.created[self.kind] += 1
            return candidate
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if obj.pk is None:
            return obj
        if changed:
            fields = set(self.changed.get(obj.pk, (obj, set()))[1]) | set(changed)
            self.changed[obj.pk] = (obj, fields)
            self.report.updated[self.kind] += 1
        else:
            self.report.unchanged[self.kind] += 1
        return obj

    def save(self, with_history: bool = False):
        """Write the new and changed rows; `with_history` also records them in the model's history."""
        if with_history:
            bulk_create_with_history(self.new, self.model, batch_size=500)
        else:
            self.model.objects.bulk_create(self.new, batch_size=500)
        for obj, fields in self.changed.values():
            obj.save(update_fields=sorted(fields))
        self.new, self.changed = [], {}


def load_reference_data(data_dir: Path = DATA_DIR) -> LoadReport:
    """Load every reference file; all or nothing."""
    files = read_reference_files(data_dir)
    report = LoadReport()
    with transaction.atomic():
        countries = Table(report, Country, key=lambda c: c.code)
        for row in _iso_countries():
            countries.upsert({"code": row["code"]}, {k: v for k, v in row.items() if k != "code"})
        _load_contested(files.contested, countries)
        by_code = dict(countries.rows)
        _load_aliases(files.aliases, by_code, report)
        organizations = _load_organizations(files.organizations, report)
        _load_memberships(files.memberships, by_code, organizations, report)
        _load_posts(files.posts, by_code, organizations, report)
        for entity, rows in files.recognitions.items():
            _load_recognitions(rows, entity, by_code, report)
    return report


def _load_contested(rows, countries: Table):
    for row in rows:
        code = row.text("entity_code")
        if not code:
            raise row.fail("entity_code is empty")
        short, official = _split_name(row.text("name"))
        values = {
            "is_contested": True,
            "declared_on": row.date("declared_on"),
            "source": row.text("source"),
            "note": row.text("note"),
        }
        if code not in countries.rows:
            values.update({"name": short, "official_name": official, "alpha3": "XKX" if code == "XK" else ""})
        countries.upsert({"code": code}, values)
    countries.save()
    for row in rows:
        parent = row.text("parent_state")
        if parent:
            if parent not in countries.rows:
                raise row.fail(f"parent_state {parent!r} is not a known country code")
            countries.upsert({"code": row.text("entity_code")}, {"parent_state_id": countries.rows[parent].pk})
    countries.save()


def _load_aliases(rows, countries, report):
    table = Table(report, CountryAlias, key=lambda a: (a.country_id, a.normalized))
    for row in rows:
        code, alias = row.text("code"), row.text("alias")
        if code not in countries:
            raise row.fail(f"code {code!r} is not a known country code")
        if not alias:
            raise row.fail("alias is empty")
        table.upsert(
            {"country_id": countries[code].pk, "normalized": normalize_alias(alias)},
            {"alias": alias, "kind": row.text("kind")},
        )
    table.save()


def _load_organizations(rows, report):
    table = Table(report, Organization, key=lambda o: o.code)
    for row in rows:
        code = row.text("code")
        if not code:
            raise row.fail("code is empty")
        table.upsert(
            {"code": code},
            {
                "name": row.text("name"),
                "founded_on": row.date("founded_on", required=False),
                "kind": row.text("kind"),
                "headquarters": row.text("headquarters"),
                "source": row.text("source"),
                "note": row.text("note"),
            },
        )
    table.save()
    return table.rows


def _load_memberships(rows, countries, organizations, report):
    table = Table(report, Membership, key=lambda m: (m.organization_id, m.country_id, m.joined_on))
    for row in rows:
        org, code = row.text("organization"), row.text("country_code")
        if org not in organizations:
            raise row.fail(f"organization {org!r} is not in organizations.csv")
        if code not in countries:
            raise row.fail(f"country_code {code!r} is not a known country code")
        joined, left = row.date("joined_on"), row.date("left_on", required=False)
        if left is not None and left <= joined:
            raise row.fail(f"left_on {left} is not after joined_on {joined}")
        table.upsert(
            {"organization_id": organizations[org].pk, "country_id": countries[code].pk, "joined_on": joined},
            {"left_on": left, "source": row.text("source"), "note": row.text("note")},
        )
    table.save()


def _load_posts(rows, countries, organizations, report):
    table = Table(report, Post, key=lambda p: p.name)
    for row in rows:
        name = row.text("name")
        if not name:
            raise row.fail("name is empty")
        country_code, org_code = row.text("country_code"), row.text("organization_code")
        if country_code and country_code not in countries:
            raise row.fail(f"country_code {country_code!r} is not a known country code")
        if org_code and org_code not in organizations:
            raise row.fail(f"organization_code {org_code!r} is not in organizations.csv")
        table.upsert(
            {"name": name},
            {
                "kind": row.text("kind"),
                "city": row.text("city"),
                "country_id": countries[country_code].pk if country_code else None,
                "organization_id": organizations[org_code].pk if org_code else None,
                "routing": row.text("routing"),
                "archive_origin": row.text("archive_origin"),
            },
        )
    table.save()


def _load_recognitions(rows, entity_code, countries, report):
    """Each dataset row becomes a recognition event whose source is the dataset.

    A row is found again by state, kind and date, so loading twice adds
    nothing and a changed note or source updates the event in place.
    """
    entity = countries.get(entity_code)
    if entity is None:
        raise ReferenceDataError(f"recognition dataset names entity {entity_code!r}, which is not a known code")
    existing = RecognitionEvent.objects.filter(entity=entity, source_kind=SourceKind.DATASET)
    table = Table(report, RecognitionEvent, key=lambda e: (e.state_id, e.kind, e.date), rows=existing)
    for row in rows:
        code, kind = row.text("country_code"), row.text("kind")
        state = countries.get(code)
        if state is None:
            raise row.fail(f"country_code {code!r} is not a known country code")
        if state.pk == entity.pk:
            raise row.fail(f"{code} cannot recognize itself")
        if kind not in RecognitionKind.values:
            raise row.fail(f"kind {kind!r} is not one of {', '.join(RecognitionKind.values)}")
        day = row.date("recognized_on")
        if entity.declared_on and day < entity.declared_on:
            raise row.fail(f"recognized_on {day} is before {entity.name} was declared on {entity.declared_on}")
        table.upsert(
            {"state_id": state.pk, "kind": kind, "date": day},
            {"entity_id": entity.pk, "source_kind": SourceKind.DATASET, "note": row.text("note"),
             "citation": row.text("source")},
        )
    table.save(with_history=True)
