"""The collective rule: members of the organization on the cable's date, minus XMT; TO addressees count."""

import datetime as dt

from recognitions.demarches.targets import ADDRESSEE, COLLECTIVE, expand_targets
from recognitions.models import Membership
from tests.demarches.conftest import SEED_XMT


def _oic_on(day):
    codes = set(
        Membership.objects.active_on(day).filter(organization__code="OIC").values_list("country__code", flat=True)
    )
    return lambda org: codes if org == "OIC" else ()


def test_islamic_collective_is_the_oic_members_minus_xmt(ledger, db):
    expansion = expand_targets(
        collectives=["ISLAMIC COLLECTIVE"], excluded=SEED_XMT, members_of=_oic_on(dt.date(2008, 3, 5))
    )
    countries = {t.country_code for t in expansion.targets}
    members = _oic_on(dt.date(2008, 3, 5))("OIC")
    # Mauritania is an OIC member and AMEMBASSY NOUAKCHOTT is under XMT; the other XMT posts are not in OIC states.
    # Palestine is a member with no U.S. post: it is named in a warning, not silently dropped.
    assert countries == members - {"MR", "PS"}
    assert any("PS" in warning for warning in expansion.warnings)
    assert "AMEMBASSY NOUAKCHOTT" in expansion.excluded
    assert len(expansion.excluded) == 19
    assert all(t.via == COLLECTIVE and t.collective == "ISLAMIC COLLECTIVE" for t in expansion.targets)
    assert {"AMEMBASSY DAKAR", "AMEMBASSY ANKARA", "AMEMBASSY JAKARTA"} <= {t.post for t in expansion.targets}


def test_explicit_addressees_are_targets_even_when_xmt_names_them(ledger, db):
    expansion = expand_targets(
        addressees=[{"post": "AMEMBASSY ROME", "routing": "RUEHRO"}, "USMISSION USUN NEW YORK"],
        excluded=["AMEMBASSY ROME"],
        members_of=lambda org: (),
    )
    assert [(t.post, t.via) for t in expansion.targets] == [
        ("AMEMBASSY ROME", ADDRESSEE),
        ("USMISSION USUN NEW YORK", ADDRESSEE),
    ]


def test_membership_is_taken_on_the_cable_date():
    """A state that joined after the cable is not a target of its collective."""
    members = {"OIC": {"SN", "ZZ"}}
    expansion = expand_targets(collectives=["ISLAMIC COLLECTIVE"], members_of=lambda org: members.get(org, ()))
    assert [t.country_code for t in expansion.targets] == ["SN"]
    assert any("ZZ" in warning for warning in expansion.warnings)


def test_collectives_stand_for_organizations_as_data():
    seen = {}
    expand_targets(
        collectives=["EU MEMBER STATES COLLECTIVE", "ALL NATO POST COLLECTIVE", "ARAB LEAGUE COLLECTIVE"],
        members_of=lambda org: seen.setdefault(org, ()),
    )
    assert set(seen) == {"EU", "NATO"}


def test_unknown_names_are_warned_about_not_guessed():
    expansion = expand_targets(addressees=["AMEMBASSY ATLANTIS"], collectives=["MARS COLLECTIVE"], members_of=dict)
    assert expansion.targets == []
    assert len(expansion.warnings) == 2
