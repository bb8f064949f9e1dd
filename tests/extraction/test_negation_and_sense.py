"""Negations, conditions and other senses of "recognize" never become recognitions."""

import pytest

from cables.extraction import extract_facts
from tests.extraction.records import kinds, record


def facts_of(*paragraphs, **kwargs):
    return extract_facts(record(*paragraphs, **kwargs))


def test_opposing_recognition_is_a_stance_not_a_recognition():
    facts = facts_of("Spain will oppose recognition of Kosovo at the UN.")
    assert kinds(facts, "recognition") == []
    [stance] = kinds(facts, "stance")
    assert (stance["state"]["code"], stance["entity"], stance["stance"]) == ("ES", "XK", "oppose")


def test_will_not_recognize_is_opposition():
    facts = facts_of("The Spanish government will not recognize Kosovo, Moratinos said.")
    assert kinds(facts, "recognition") == []
    assert [(s["state"]["code"], s["stance"]) for s in kinds(facts, "stance")] == [("ES", "oppose")]


def test_recognition_after_a_condition_is_an_announced_intention_at_most():
    facts = facts_of("Iceland will recognize Kosovo after the EU decides.")
    statuses = {f["status"] for f in kinds(facts, "recognition")}
    assert "recognized" not in statuses
    assert statuses <= {"announced_intent"}


@pytest.mark.parametrize(
    "sentence",
    [
        "While the GOA could recognize and honor the U.S. position, its concern was the Falklands and Kosovo.",
        "Tadic sought a resolution on Srebrenica to recognize the gravity of the crimes committed in Kosovo.",
        "The court is staffed with judges recognized by the Kosovo justice system.",
        "Ratkovic said that Serbia recognized and was trying to respect the legitimate interests of Kosovar Albanians.",
        "The Secretary asked if there was any chance Spain would recognize Kosovo.",
        "We urged Indonesia to recognize Kosovo as soon as possible.",
        "By recognizing Kosovo prior to the elections, the GOS would have opened itself up to attacks.",
        "Saudi Arabia had not stepped up to recognize Kosovo.",
        "He hoped Spain would recognize Kosovo soon.",
    ],
)
def test_other_senses_and_moods_yield_no_recognition(sentence):
    assert kinds(facts_of(sentence), "recognition") == []


def test_a_past_recognition_with_its_date():
    facts = facts_of(
        "Germany formally recognized Kosovo's independence on February 20 in a letter from President Koehler.",
        created="2008-08-13T09:13:00Z",
    )
    [fact] = kinds(facts, "recognition")
    assert (fact["state"]["code"], fact["status"], fact["date"]) == ("DE", "recognized", "2008-02-20")


def test_the_next_day_counts_from_the_date_before():
    facts = facts_of(
        "Kosovo declared independence from Serbia on February 17, 2008. "
        "The United States recognized Kosovo and established diplomatic relations the next day."
    )
    [fact] = kinds(facts, "recognition")
    assert (fact["state"]["code"], fact["date"]) == ("US", "2008-02-18")
    [event] = kinds(facts, "event")
    assert (event["name"], event["start"]) == ("declaration of independence", "2008-02-17")


def test_the_declaration_date_is_not_the_recognition_date():
    facts = facts_of(
        "Switzerland recognized Kosovo independence on February 27, 2008 -- ten days after Kosovo's declaration."
    )
    [fact] = kinds(facts, "recognition")
    assert fact["date"] == "2008-02-27"


def test_states_excepted_from_a_list_did_not_recognize():
    facts = facts_of("All of Kosovo's immediate neighbors save Serbia have recognized Kosovo.")
    assert [f["state"]["code"] for f in kinds(facts, "recognition")] == []


def test_a_passive_recognition_names_its_agent():
    facts = facts_of("Kosovo was recognized by Costa Rica and Peru.")
    assert sorted(f["state"]["code"] for f in kinds(facts, "recognition")) == ["CR", "PE"]


def test_withdrawal_of_recognition():
    facts = facts_of("Suriname withdrew its recognition of Kosovo on October 27, 2017.", created="2017-11-02T10:00:00Z")
    [fact] = kinds(facts, "recognition")
    assert (fact["state"]["code"], fact["status"], fact["date"]) == ("SR", "withdrawn", "2017-10-27")


def test_support_for_something_else_is_no_stance_on_the_entity():
    facts = facts_of(
        "Serbia also backed open violence by the Serb leadership in Kosovo's north.",
        "He said Serbia supported the independence and territorial integrity of its neighbors.",
    )
    assert [f for f in kinds(facts, "stance") if f["stance"] == "support"] == []


def test_states_consulted_by_us_take_no_stance():
    facts = facts_of(
        "We consulted the local British and French embassies as to their demarches in support of Kosovar membership."
    )
    assert kinds(facts, "stance") == []


def test_non_recognizers_and_the_parents_allies_oppose():
    facts = facts_of(
        "He will shore up support from Serbia's allies, particularly Russia, the EU non-recognizers "
        "(Cyprus, Greece, Romania, Slovakia and Spain) and the NAM, against Kosovo."
    )
    opposed = {f["state"]["code"] for f in kinds(facts, "stance") if f["stance"] == "oppose"}
    assert {"RU", "CY", "GR", "RO", "SK", "ES"} <= opposed
    assert kinds(facts, "recognition") == []


def test_a_question_answered_no_is_opposition_voiced_by_the_answerer():
    facts = facts_of(
        "The Secretary asked if there was any chance Spain would recognize Kosovo. "
        'Dezcallar demurred "not any time soon."'
    )
    [stance] = kinds(facts, "stance")
    assert (stance["state"]["code"], stance["stance"], stance["person"]) == ("ES", "oppose", "Dezcallar")
    assert stance["source"]["quote"].endswith('"not any time soon."')


def test_a_city_that_does_not_resolve_is_kept_as_text_with_a_warning():
    facts = facts_of("Kosovo has embassies in Ankara and Xanadu City.")
    missions = {f["city"]: f for f in kinds(facts, "diplomatic_mission")}
    assert missions["Xanadu City"]["state"] is None
    assert missions["Xanadu City"]["warnings"]
