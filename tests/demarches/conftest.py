"""The seed demarche of 08STATE22377, built from the cable's own data, on the shared reference data."""

import datetime as dt

import pytest

from cables.clearance import C, Marking
from tests.recognitions.conftest import _fast_password_hashing, ledger  # noqa: F401  shared fixtures

#: The XMT lines of 08STATE22377 as the cable writes them (the list is repeated there).
SEED_XMT = [
    f"AMEMBASSY {city}"
    for city in (
        [
            "ANTANANARIVO",
            "BANGKOK",
            "BANGUI",
            "BEIJING",
            "BERLIN",
            "BRASILIA",
            "LONDON",
            "MADRID",
            "MANILA",
            "MOSCOW",
            "NAIROBI",
        ]
        + ["NEW DELHI", "NOUAKCHOTT", "PARIS", "ROME", "SARAJEVO", "TEL AVIV", "TOKYO", "VATICAN"]
    )
] * 2

SEED_OBJECTIVES = [
    "Urge host government to follow the OIC Secretary General's lead in expressing support for Kosovo's "
    "independence at the March 13-14 ministerial summit of the Organization of the Islamic Congress (OIC) "
    "in Dakar, Senegal;",
    "Encourage host government to support language in the OIC Summit communique welcoming Kosovo's independence;",
    "Recommend that the OIC welcome the attendance of representatives from the Government of Kosovo at the Summit;",
    "Urge host government to recognize Kosovo's independence as soon as possible.",
]

#: The `demarche` fact of 08STATE22377 in the extractor's shape (paragraph 1, SBU).
SEED_FACT = {
    "kind": "demarche",
    "entity": "XK",
    "addressees": [],
    "collectives": [{"post": "ISLAMIC COLLECTIVE", "routing": None}],
    "excluded": [{"post": name, "routing": None} for name in SEED_XMT],
    "deadline": "2008-03-07",
    "objectives": SEED_OBJECTIVES,
    "talking_points": [
        "As you know, the United States and a majority of EU countries have recognized Kosovo's February 17 "
        "declaration of independence.",
        "We encourage you to recognize Kosovo's independence as quickly as possible.",
    ],
    "targets": ["host government"],
    "delivery": None,
    "date": "2008-03-07",
    "cable_date": "2008-03-05",
    "title": "REQUEST FOR SOLIDARITY WITH KOSOVO AT OIC SUMMIT",
    "source": {
        "reference_id": "08STATE22377",
        "paragraph": 1,
        "span": [0, 120],
        "marking": "SBU",
        "quote": "This is an action request.",
    },
}

SEED_MARKING = Marking(C)
CABLE_DATE = dt.date(2008, 3, 5)


def make_seed_demarche(user):
    from recognitions.demarches.services import demarche_create
    from recognitions.models import Country

    return demarche_create(
        reference_id="08STATE22377",
        cable_date=CABLE_DATE,
        entity=Country.objects.get(code="XK"),
        title=SEED_FACT["title"],
        deadline=dt.date(2008, 3, 7),
        objectives=SEED_OBJECTIVES,
        talking_points=SEED_FACT["talking_points"],
        collectives=SEED_FACT["collectives"],
        excluded=SEED_FACT["excluded"],
        marking=SEED_MARKING,
        created_by=user,
    )


@pytest.fixture
def seed_demarche(ledger, analyst):  # noqa: F811
    return make_seed_demarche(analyst)
