"""The clearance matrix: four users against every page and API endpoint.

URLs come from the URL configuration and the OpenAPI schema, so an endpoint
added later is covered without editing this file (a route whose parameters
this file cannot fill fails loudly, naming the route). With cables, facts and
ledger rows at every marking loaded, each response is checked for the status
code (a hidden object is 404, never 403) and for any trace of material above
the user's clearance: the marked words, reference ids, quotes, snippets,
"referenced by" links and CSV exports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import user_set_role
from cables.clearance import Marking, can_see
from cables.facts import cable_facts_extract
from cables.ingestion import cable_ingest
from cables.models import Cable, Fact
from cables.parsing import parse_cable
from cables.review import facts_accept
from recognitions.reference import load_reference_data
from tests.factories import UserFactory

#: key: (classification line, portion marking, caption, marking as the rule reads it)
MARKINGS = {
    "U": ("UNCLAS", "U", "", "U"),
    "SBU": ("UNCLAS SENSITIVE", "SBU", "", "SBU"),
    "C": ("C O N F I D E N T I A L", "C", "", "C"),
    "CNF": ("C O N F I D E N T I A L", "C/NF", "NOFORN", "C/NF"),
    "S": ("S E C R E T", "S", "", "S"),
    "SNF": ("S E C R E T", "S/NF", "NOFORN", "S/NF"),
}
SERIAL = {key: 900 + i for i, key in enumerate(MARKINGS)}
USERS = {
    "uncleared": ("UNCLASSIFIED", False),
    "confidential": ("CONFIDENTIAL", False),
    "secret": ("SECRET", False),
    "secret_noforn": ("SECRET", True),
}
SKIPPED_PREFIXES = ("admin/", "login/", "logout/", "api/v1/schema/", "api/v1/docs/", "api/v1/redoc/", "healthz")
QUERY_VARIANTS = ("", "?q=QUOKKA", "?format=csv", "?as_of=2009-04-21", "?q=QUOKKA&format=csv")


def word(key: str) -> str:
    return f"QUOKKA{key}X"


def reference_id(key: str) -> str:
    return f"09STATE{SERIAL[key]}"


def cable_text(key: str) -> str:
    line, portion, caption, _ = MARKINGS[key]
    ref = "REF: STATE 900\n\n" if key in ("S", "SNF") else ""
    caption_line = f"{caption}\n" if caption else ""
    return f"""VZCZCXRO{SERIAL[key]:04d}
PP RUEHBW
DE RUEHC #{SERIAL[key]:04d} 0951200
ZNY CCCCC ZZH
P 051200Z APR 09
FM SECSTATE WASHDC
TO RUEHFR/AMEMBASSY PARIS PRIORITY {SERIAL[key]:04d}
BT
{line} STATE {SERIAL[key]:06d}

{caption_line}SIPDIS

E.O. 12958: DECL: 04/05/2019
TAGS: PREL KV
SUBJECT: KOSOVO: {word(key)} RECOGNITION REVIEW

{ref}1. ({portion}) As of April 7, 2009, 61 countries had recognized Kosovo, the {word(key)} tally.

2. ({portion}) Spain will oppose recognition of Kosovo, {word(key)} officials said.

CLINTON
"""


@dataclass
class Archive:
    cables: dict[str, Cable]
    facts: dict[str, list[Fact]]


@pytest.fixture
def archive(db) -> Archive:
    load_reference_data()
    reviewer = UserFactory(username="reviewer", clearance="SECRET", noforn_release=True, role="analyst")
    cables, facts = {}, {}
    for key in MARKINGS:
        text = cable_text(key)
        stored = cable_ingest(parse_cable(text), text, source=f"matrix-{key}")
        cable = stored.cable
        cable_facts_extract(cable.pk)
        cables[key] = cable
        facts[key] = list(Fact.objects.filter(cable=cable))
    all_facts = [f for fs in facts.values() for f in fs]
    facts_accept([(f.pk, f.version) for f in all_facts], reviewer)
    return Archive(cables, facts)


def make_user(name: str):
    clearance, noforn = USERS[name]
    user = UserFactory(username=f"matrix_{name}", clearance=clearance, noforn_release=noforn, role="analyst")
    user_set_role(user, "analyst")
    return user


def hidden_keys(user) -> list[str]:
    return [key for key, spec in MARKINGS.items() if not can_see(user, Marking.parse(spec[3]))]


def forbidden_tokens(user) -> list[str]:
    tokens = []
    for key in hidden_keys(user):
        tokens += [word(key), reference_id(key)]
    return tokens


# -- URL enumeration --------------------------------------------------------------------------------

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def url_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, pattern)
        elif isinstance(entry, URLPattern):
            yield pattern.replace("^", "").replace("$", "").replace("\\.", "."), entry.name or ""


def schema_paths(client) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    return [
        (path.lstrip("/").replace("{", "<").replace("}", ">"), operations.get("get", {}).get("operationId", ""))
        for path, operations in schema["paths"].items()
        if "get" in operations
    ]


def samples(name: str, param: str, archive: Archive) -> list[tuple[str, str | None]]:
    """Values for one URL parameter, each with the marking key it exposes (None: no marking)."""
    if param == "format" or "format" in param:
        return []
    if param == "reference_id":
        return [(cable.reference_id, key) for key, cable in archive.cables.items()]
    if param in ("code", "entity", "entity_code", "country", "organization"):
        return [("XK", None), ("ES", None), ("EU", None)]
    if param in ("pk", "id", "fact_id") and "fact" in name.lower():
        return [(str(f.pk), key) for key, facts in archive.facts.items() for f in facts[:1]]
    if param in ("pk", "id", "job_id") and "job" in name.lower():
        from cables.models import IngestionJob

        return [(str(job.pk), None) for job in IngestionJob.objects.all()[:3]]
    if param in ("pk", "id") and ledger_model(name) is not None:
        return ledger_samples(ledger_model(name))
    if "demarche" in name.lower() or "demarche" in param:
        demarche = next(m for m in apps.get_models() if m.__name__ == "Demarche")
        return [(str(pk), None) for pk in demarche.objects.values_list("pk", flat=True)[:3]]
    raise AssertionError(f"The clearance matrix cannot fill <{param}> in route {name!r}: add a sample for it.")


MARKING_KEYS = {spec[3]: key for key, spec in MARKINGS.items()}


def ledger_model(name: str):
    """The ledger model behind a route name or operation id, if any."""
    from recognitions.models import AdmissionBid, CountClaim, RecognitionEvent, Stance

    name = name.lower().replace("_", "-")
    for prefix, model in (("recognition-event", RecognitionEvent), ("stance", Stance),
                          ("admission-bid", AdmissionBid), ("count-claim", CountClaim)):
        if name.startswith(prefix):
            return model
    return None


def ledger_samples(model) -> list[tuple[str, str | None]]:
    """One row of the ledger per marking present (rows from accepted facts), and one dataset row."""
    from recognitions.models import AdmissionBid

    by_key: dict[str | None, str] = {}
    if model is AdmissionBid:
        for bid in AdmissionBid.objects.prefetch_related("statuses"):
            lowest = min(status.marking for status in bid.statuses.all())
            by_key.setdefault(MARKING_KEYS.get(lowest.portion), str(bid.pk))
    else:
        for row in model.objects.order_by("pk"):
            key = None if row.source_kind == "dataset" else MARKING_KEYS.get(row.marking.portion)
            by_key.setdefault(key, str(row.pk))
    return [(pk, key) for key, pk in by_key.items()]


def concrete_urls(client, archive: Archive) -> list[tuple[str, str | None]]:
    routes = {}
    for pattern, name in [*url_patterns(), *schema_paths(client)]:
        if pattern.startswith(SKIPPED_PREFIXES) or "format" in pattern:
            continue
        routes.setdefault(pattern, name)
    urls = []
    for pattern, name in routes.items():
        params = [m.group("name") or m.group("rname") for m in PARAM.finditer(pattern)]
        if not params:
            urls += [("/" + pattern + variant, None) for variant in QUERY_VARIANTS]
            continue
        filled = [("", None)]
        remainder = pattern
        for param_match in PARAM.finditer(pattern):
            param = param_match.group("name") or param_match.group("rname")
            options = samples(name or pattern, param, archive)
            head, _, remainder = remainder.partition(param_match.group(0))
            filled = [(url + head + value, key or marking) for url, marking in filled for value, key in options]
        urls += [("/" + url + remainder, marking) for url, marking in filled]
    return urls


# -- the matrix -------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("user_name", list(USERS))
def test_nothing_above_a_users_clearance_appears_anywhere(client, archive, user_name):
    user = make_user(user_name)
    client.force_login(user)
    tokens = forbidden_tokens(user)
    checked, leaks, wrong_status = 0, [], []
    for url, marking_key in concrete_urls(client, archive):
        response = client.get(url)
        if response.status_code == 405:
            # An action route (POST only): an object the user may not see must still be a 404.
            if marking_key is None or marking_key not in hidden_keys(user):
                continue
            response = client.post(url, {}, content_type="application/json")
        checked += 1
        assert response.status_code < 500, f"{url} as {user_name}: server error {response.status_code}"
        hidden = marking_key is not None and marking_key in hidden_keys(user)
        if hidden and response.status_code != 404:
            wrong_status.append((url, response.status_code))
        if not hidden and marking_key is not None and response.status_code != 200:
            wrong_status.append((url, response.status_code))
        if response.status_code == 403 and marking_key is not None:
            wrong_status.append((url, 403))
        body = response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""
        leaks += [(url, token) for token in tokens if token in body]
    print(f"clearance matrix: {user_name} checked {checked} URLs")
    assert checked > 20
    assert not wrong_status, f"{user_name}: wrong status codes {wrong_status[:10]}"
    assert not leaks, f"{user_name}: material above clearance shown {leaks[:10]}"


EXPECTED_VISIBLE = {"uncleared": 2, "confidential": 3, "secret": 4, "secret_noforn": 6}


@pytest.mark.parametrize("user_name", list(USERS))
def test_lists_counts_and_search_count_only_what_the_user_may_see(client, archive, user_name):
    user = make_user(user_name)
    client.force_login(user)
    expected = EXPECTED_VISIBLE[user_name]
    assert client.get("/api/v1/cables/").json()["count"] == expected
    assert client.get("/api/v1/cables/", {"q": "recognition review"}).json()["count"] == expected
    visible_facts = sum(len(fs) for key, fs in archive.facts.items() if key not in hidden_keys(user))
    assert client.get("/api/v1/facts/").json()["count"] == visible_facts
    for key in hidden_keys(user):
        assert client.get(f"/api/v1/cables/{reference_id(key)}/").status_code == 404
        assert client.get("/api/v1/cables/", {"q": word(key)}).json()["count"] == 0


@pytest.mark.parametrize("user_name", list(USERS))
def test_referenced_by_shows_only_citing_cables_the_user_may_see(client, archive, user_name):
    user = make_user(user_name)
    client.force_login(user)
    detail = client.get(f"/api/v1/cables/{reference_id('U')}/")
    assert detail.status_code == 200
    expected = sorted(reference_id(key) for key in ("S", "SNF") if key not in hidden_keys(user))
    assert sorted(detail.json()["referenced_by"]) == expected
