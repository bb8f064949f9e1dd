"""The shipped reference data loads completely, once, and refuses damaged files."""

import datetime as dt
import shutil

import pytest

from recognitions.models import Country, Membership, Organization
from recognitions.reference import DATA_DIR, ReferenceDataError, load_reference_data

D = dt.date.fromisoformat


def members(org, day):
    return Membership.objects.active_on(D(day)).filter(organization__code=org).count()


@pytest.mark.parametrize(
    ("org", "day", "count"),
    [
        ("EU", "2009-04-21", 27),
        ("EU", "2013-07-01", 28),
        ("EU", "2020-02-01", 27),
        ("NATO", "2009-03-31", 26),
        ("NATO", "2009-04-01", 28),
        ("NATO", "2024-03-07", 32),
        ("OIC", "2008-03-04", 57),
        ("UN", "2008-03-04", 192),
        ("UN", "2011-07-14", 193),
        ("G8", "2009-04-07", 8),
        ("G7", "2009-04-07", 7),
        ("IMF", "2009-06-28", 185),
        ("IMF", "2009-06-29", 186),
        ("OSCE", "2012-11-21", 57),
        ("CoE", "2022-03-16", 46),
    ],
)
def test_membership_counts_as_of_a_date(reference_data, org, day, count):
    assert members(org, day) == count


def test_every_iso_country_and_the_contested_entities(reference_data):
    assert Country.objects.filter(is_contested=False).count() >= 245
    kosovo = Country.objects.get(code="XK")
    assert (kosovo.name, kosovo.alpha3, kosovo.declared_on, kosovo.parent_state.code) == (
        "Kosovo",
        "XKX",
        D("2008-02-17"),
        "RS",
    )
    contested = set(Country.objects.filter(is_contested=True).values_list("code", flat=True))
    assert contested == {"XK", "TW", "PS", "EH", "GE-AB", "XSO", "XNC"}
    assert Country.objects.get(code="FR").alpha3 == "FRA"
    assert Country.objects.get(code="GB").numeric == "826"
    assert Organization.objects.count() == 11


def test_loading_twice_changes_nothing(reference_data):
    before = (Country.objects.count(), Membership.objects.count(), Organization.objects.count())
    report = load_reference_data()
    assert not report.created and not report.updated
    assert (Country.objects.count(), Membership.objects.count(), Organization.objects.count()) == before


@pytest.fixture
def damaged_dir(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_a_damaged_file_names_file_and_line_and_changes_nothing(db, damaged_dir):
    path = damaged_dir / "memberships.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].replace("1945-10-24", "24/10/1945", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"memberships\.csv, line 10: joined_on '24/10/1945' is not a date"):
        load_reference_data(damaged_dir)
    assert Country.objects.count() == 0 and Membership.objects.count() == 0


def test_a_damaged_file_leaves_loaded_data_as_it_was(reference_data, damaged_dir):
    path = damaged_dir / "memberships.csv"
    path.write_text(path.read_text(encoding="utf-8") + "EU,ZZ,2030-01-01,,made up,\n", encoding="utf-8")
    before = Membership.objects.count()
    with pytest.raises(ReferenceDataError, match=r"memberships\.csv, line 814: country_code 'ZZ'"):
        load_reference_data(damaged_dir)
    assert Membership.objects.count() == before


def test_the_command_reports_a_damaged_file_without_a_traceback(db, damaged_dir, monkeypatch):
    from django.core.management import CommandError, call_command

    (damaged_dir / "organizations.csv").write_bytes(b"\xff\xfe not text")
    monkeypatch.setattr("recognitions.reference.DATA_DIR", damaged_dir)
    monkeypatch.setattr(load_reference_data, "__defaults__", (damaged_dir,))
    with pytest.raises(CommandError, match=r"nothing changed: organizations\.csv: not UTF-8"):
        call_command("load_reference_data")
