"""The one clearance rule: order of markings, NOFORN, and the user's ceiling."""

import pytest

from accounts.models import User
from cables.clearance import SBU, C, Marking, S, U, can_see, highest, visible_q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UNCLASSIFIED", Marking(U)),
        ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", Marking(SBU)),
        ("U", Marking(U)),
        ("SBU", Marking(SBU)),
        ("C", Marking(C)),
        ("S", Marking(S)),
        ("C/NF", Marking(C, True)),
        ("S//NF", Marking(S, True)),
        ("CONFIDENTIAL//NOFORN", Marking(C, True)),
        ("SECRET//NOFORN", Marking(S, True)),
        ("secret", Marking(S)),
        ("", Marking(U)),
        (None, Marking(U)),
    ],
)
def test_markings_parse(text, expected):
    assert Marking.parse(text) == expected


def test_an_unreadable_marking_hides_rather_than_exposes():
    assert Marking.parse("TOP SECRET CODEWORD") == Marking(S, True)


def test_order_is_u_sbu_c_s_and_noforn_above_plain():
    assert Marking(U) < Marking(SBU) < Marking(C) < Marking(C, True) < Marking(S) < Marking(S, True)
    assert highest([Marking(C), Marking(SBU), Marking(C, True)]) == Marking(C, True)
    assert highest([]) == Marking(U)


def user(clearance, noforn=False, active=True):
    u = User(username="x", clearance=clearance, noforn_release=noforn, is_active=active)
    return u


MATRIX = {
    # marking: (UNCLASSIFIED, CONFIDENTIAL, SECRET, SECRET+NOFORN)
    "U": (True, True, True, True),
    "SBU": (True, True, True, True),
    "C": (False, True, True, True),
    "S": (False, False, True, True),
    "C/NF": (False, False, False, True),
    "S/NF": (False, False, False, True),
}


@pytest.mark.parametrize("marking", MATRIX)
def test_who_sees_what(marking):
    users = [user("UNCLASSIFIED"), user("CONFIDENTIAL"), user("SECRET"), user("SECRET", noforn=True)]
    assert tuple(can_see(u, Marking.parse(marking)) for u in users) == MATRIX[marking]


def test_noforn_release_alone_does_not_raise_the_level():
    assert not can_see(user("UNCLASSIFIED", noforn=True), Marking(C, True))
    assert can_see(user("CONFIDENTIAL", noforn=True), Marking(C, True))


def test_anonymous_and_inactive_users_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert not can_see(AnonymousUser(), Marking(U))
    assert not can_see(user("SECRET", active=False), Marking(U))


@pytest.mark.django_db
def test_visible_q_filters_rows_by_level_and_noforn(django_user_model):
    # Users themselves carry no marking; the filter's shape is checked on its lookups.
    q = visible_q(user("CONFIDENTIAL"))
    assert ("classification_level__lte", C) in q.children and ("noforn", False) in q.children
    q = visible_q(user("SECRET", noforn=True), level_field="marking_level")
    assert q.children == [("marking_level__lte", S)]


def test_material_drawing_on_secret_and_confidential_noforn_stays_noforn():
    assert highest([Marking(S), Marking(C, True)]) == Marking(S, True)
    assert highest(m for m in (Marking(SBU, True), Marking(C))) == Marking(C, True)
