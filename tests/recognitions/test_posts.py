"""Posts resolve from every way a cable names them, to their host country and back."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recognitions.names import default_resolver
from recognitions.posts import DATA_DIR, default_directory, post_for_routing, posts_in_country, resolve_post

ROOT = Path(__file__).resolve().parents[2]

# The address lines of the two seed cables, as sent.
STATE_39345_ADDRESSES = """FM SECSTATE WASHDC
TO RUCNDT/USMISSION USUN NEW YORK PRIORITY 5745
RUEHRN/USMISSION UN ROME PRIORITY 0585
RUEHFR/USMISSION UNESCO PARIS PRIORITY 0539
RUEHGV/USMISSION GENEVA PRIORITY 6733
RUEHUNV/USMISSION UNVIE VIENNA PRIORITY 4804
INFO RUEHBW/AMEMBASSY BELGRADE PRIORITY 2080
RUEHPS/AMEMBASSY PRISTINA PRIORITY 5591
RUEHBS/USEU BRUSSELS PRIORITY"""

STATE_22377_ADDRESSES = """FM SECSTATE WASHDC
TO ISLAMIC COLLECTIVE IMMEDIATE
INFO RUEHPS/USOFFICE PRISTINA IMMEDIATE 3764
RUEHVEN/USMISSION USOSCE IMMEDIATE 8374
RUEHNO/USMISSION USNATO IMMEDIATE 1527
XMT AMEMBASSY ANTANANARIVO
AMEMBASSY BANGKOK
AMEMBASSY BANGUI
AMEMBASSY BEIJING
AMEMBASSY BERLIN
AMEMBASSY BRASILIA
AMEMBASSY LONDON
AMEMBASSY MADRID
AMEMBASSY MANILA
AMEMBASSY MOSCOW
AMEMBASSY NAIROBI
AMEMBASSY NEW DELHI
AMEMBASSY NOUAKCHOTT
AMEMBASSY PARIS
AMEMBASSY ROME
AMEMBASSY SARAJEVO
AMEMBASSY TEL AVIV
AMEMBASSY TOKYO
AMEMBASSY VATICAN"""

SEED_POSTS = {
    "SECSTATE WASHDC": ("department", "US", ""),
    "USMISSION USUN NEW YORK": ("mission", "US", "UN"),
    "USMISSION UN ROME": ("mission", "IT", "UN"),
    "USMISSION UNESCO PARIS": ("mission", "FR", "UNESCO"),
    "USMISSION GENEVA": ("mission", "CH", "UN"),
    "USMISSION UNVIE VIENNA": ("mission", "AT", "UN"),
    "AMEMBASSY BELGRADE": ("embassy", "RS", ""),
    "AMEMBASSY PRISTINA": ("embassy", "XK", ""),
    "USEU BRUSSELS": ("mission", "BE", "EU"),
    "ISLAMIC COLLECTIVE": ("collective", "", "OIC"),
    "USOFFICE PRISTINA": ("office", "XK", ""),
    "USMISSION USOSCE": ("mission", "AT", "OSCE"),
    "USMISSION USNATO": ("mission", "BE", "NATO"),
    "AMEMBASSY ANTANANARIVO": ("embassy", "MG", ""),
    "AMEMBASSY BANGKOK": ("embassy", "TH", ""),
    "AMEMBASSY BANGUI": ("embassy", "CF", ""),
    "AMEMBASSY BEIJING": ("embassy", "CN", ""),
    "AMEMBASSY BERLIN": ("embassy", "DE", ""),
    "AMEMBASSY BRASILIA": ("embassy", "BR", ""),
    "AMEMBASSY LONDON": ("embassy", "GB", ""),
    "AMEMBASSY MADRID": ("embassy", "ES", ""),
    "AMEMBASSY MANILA": ("embassy", "PH", ""),
    "AMEMBASSY MOSCOW": ("embassy", "RU", ""),
    "AMEMBASSY NAIROBI": ("embassy", "KE", ""),
    "AMEMBASSY NEW DELHI": ("embassy", "IN", ""),
    "AMEMBASSY NOUAKCHOTT": ("embassy", "MR", ""),
    "AMEMBASSY PARIS": ("embassy", "FR", ""),
    "AMEMBASSY ROME": ("embassy", "IT", ""),
    "AMEMBASSY SARAJEVO": ("embassy", "BA", ""),
    "AMEMBASSY TEL AVIV": ("embassy", "IL", ""),
    "AMEMBASSY TOKYO": ("embassy", "JP", ""),
    "AMEMBASSY VATICAN": ("embassy", "VA", ""),
}


def address_lines(block):
    """Each addressee of a FM/TO/INFO/XMT block, without the block's keyword."""
    for line in block.splitlines():
        yield line.split(" ", 1)[1] if line.split(" ", 1)[0] in ("FM", "TO", "INFO", "XMT") else line


@pytest.mark.parametrize("line", [*address_lines(STATE_39345_ADDRESSES), *address_lines(STATE_22377_ADDRESSES)])
def test_every_addressee_of_the_seed_cables_resolves(line):
    post = resolve_post(line)
    assert post is not None, line
    assert (post.kind, post.country_code, post.organization_code) == SEED_POSTS[post.name]
    assert post.name in line


@pytest.mark.parametrize(
    "text",
    [
        "AMEMBASSY BELGRADE",
        "RUEHBW/AMEMBASSY BELGRADE",
        "RUEHBW/AMEMBASSY BELGRADE PRIORITY 2080",
        "Embassy Belgrade",
        "BELGRADE",
        "Belgrade",
        "08BELGRADE19",
        "10BELGRADE19",
        "  amembassy   belgrade ",
    ],
)
def test_belgrade_in_every_form(text):
    post = resolve_post(text)
    assert post is not None
    assert (post.name, post.city, post.country_code, post.routing) == ("AMEMBASSY BELGRADE", "Belgrade", "RS", "RUEHBW")


def test_routing_indicator_and_post_name_lead_to_each_other():
    assert post_for_routing("RUEHBW").name == "AMEMBASSY BELGRADE"
    assert resolve_post("AMEMBASSY BELGRADE").routing == "RUEHBW"
    assert post_for_routing("RUEHC").name == "SECSTATE WASHDC"
    assert post_for_routing("RUCNDT").name == "USMISSION USUN NEW YORK"
    assert post_for_routing("RUEHNO").name == "USMISSION USNATO"
    assert post_for_routing("RUEHZZ") is None


def test_bare_routing_indicator_resolves():
    assert resolve_post("RUEHBW").name == "AMEMBASSY BELGRADE"
    assert resolve_post("ruehbw").name == "AMEMBASSY BELGRADE"
    assert resolve_post("RUEHZZ") is None
    assert resolve_post("Rome").name == "AMEMBASSY ROME"
    assert resolve_post("ROME").name == "AMEMBASSY ROME"


def test_shared_indicator_stands_for_the_embassy():
    """RUEHBS carries both Embassy Brussels and USEU; RUEHDE both the Dubai consulate and the
    Iran Regional Presence Office."""
    assert post_for_routing("RUEHBS").name == "AMEMBASSY BRUSSELS"
    assert post_for_routing("RUEHDE").name == "AMCONSUL DUBAI"
    assert resolve_post("RUEHBS/USEU BRUSSELS").name == "USEU BRUSSELS"


@pytest.mark.parametrize(
    ("station", "name"),
    [
        ("STATE", "SECSTATE WASHDC"),
        ("09STATE39345", "SECSTATE WASHDC"),
        ("USUNNEWYORK", "USMISSION USUN NEW YORK"),
        ("09USUNNEWYORK997", "USMISSION USUN NEW YORK"),
        ("USNATO", "USMISSION USNATO"),
        ("07USNATO649", "USMISSION USNATO"),
        ("UNVIEVIENNA", "USMISSION UNVIE VIENNA"),
        ("NEWDELHI", "AMEMBASSY NEW DELHI"),
        ("08JEDDAH87", "AMCONSUL JEDDAH"),
        ("09PRISTINA77", "AMEMBASSY PRISTINA"),
        ("BRUSSELS", "AMEMBASSY BRUSSELS"),
        ("04THEHAGUE1919", "AMEMBASSY THE HAGUE"),
        ("09STRASBOURG21", "AMCONSUL STRASBOURG"),
        ("KIEV", "AMEMBASSY KYIV"),
    ],
)
def test_station_of_a_reference_id_resolves(station, name):
    assert resolve_post(station).name == name


@pytest.mark.parametrize(
    ("origin", "name"),
    [
        ("Embassy Belgrade", "AMEMBASSY BELGRADE"),
        ("Secretary of State", "SECSTATE WASHDC"),
        ("USUN New York", "USMISSION USUN NEW YORK"),
        ("Mission USNATO", "USMISSION USNATO"),
        ("USEU Brussels", "USEU BRUSSELS"),
        ("UNVIE", "USMISSION UNVIE VIENNA"),
        ("Consulate Sao Paulo", "AMCONSUL SAO PAULO"),
        ("US Interests Section Havana", "USINT HAVANA"),
        ("American Institute Taiwan, Taipei", "AIT TAIPEI"),
    ],
)
def test_archive_origin_resolves(origin, name):
    assert resolve_post(origin).name == name


@pytest.mark.parametrize(
    "text",
    ["", "   ", "AMEMBASSY ATLANTIS", "RUEHZZ/AMEMBASSY ATLANTIS", "RUEHXX/AMEMBASSY ATLANTIS", "GOTHAM", "08GOTHAM1"],
)
def test_unknown_post_stays_none(text):
    assert resolve_post(text) is None


def test_misspelt_name_on_a_known_indicator_resolves_by_the_indicator():
    assert resolve_post("RUEHCV/AMEMBASSY CARACS PRIORITY").name == "AMEMBASSY CARACAS"


def test_posts_in_country():
    assert [post.name for post in posts_in_country("RS")] == ["AMEMBASSY BELGRADE"]
    assert [post.name for post in posts_in_country("xk")] == ["AMEMBASSY PRISTINA", "USOFFICE PRISTINA"]
    belgium = [post.name for post in posts_in_country("BE")]
    assert belgium[0] == "AMEMBASSY BRUSSELS"
    assert {"USEU BRUSSELS", "USMISSION USNATO"} <= set(belgium)
    assert posts_in_country("ZZ") == []


def test_every_state_has_a_post():
    with (DATA_DIR / "memberships.csv").open(encoding="utf-8", newline="") as handle:
        states = {row["country_code"] for row in csv.DictReader(handle) if row["organization"] == "UN"}
    hosted = {post.country_code for post in default_directory().posts if post.kind in ("embassy", "office")}
    assert (states | {"VA", "XK"}) - {"US"} <= hosted


def test_posts_file_is_consistent_with_the_reference_data():
    resolver = default_resolver()
    with (DATA_DIR / "organizations.csv").open(encoding="utf-8", newline="") as handle:
        organizations = {row["code"] for row in csv.DictReader(handle)}
    names = set()
    for post in default_directory().posts:
        assert post.name not in names, f"{post.name} twice"
        names.add(post.name)
        assert post.kind in ("embassy", "consulate", "mission", "office", "department", "collective"), post
        if post.country_code:
            assert resolver.country(post.country_code) is not None, post
        if post.organization_code:
            assert post.organization_code in organizations, post
        if post.kind != "collective":
            assert post.city, post


def test_imports_without_django_configured():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; import recognitions.posts as p; "
        "assert p.resolve_post('RUEHBW/AMEMBASSY BELGRADE').country_code == 'RS'; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
