"""What the reader reads with comes from the register: the parties' names and aliases, and the
areas of the plan it reads for with their keywords, so a second plan or a new party needs no
code."""

from workplan.parties.actions import ensure_party
from workplan.statements.lexicon import Lexicon
from workplan.statements.reader import read_statement
from workplan.statements.tests.helpers import default_lexicon

TEXT = (
    "The Ministers agreed to trace the proceeds of crime across borders. "
    "They also discussed maritime security."
)


def test_it_proposes_the_areas_of_the_plan_it_reads_for(plan, laundering_plan):
    reading = read_statement(TEXT, Lexicon.for_plan(laundering_plan))
    (area,) = reading.priority_areas
    assert (area.key, area.evidence) == (
        "money-laundering",
        ["The Ministers agreed to trace the proceeds of crime across borders."],
    )
    (commitment,) = reading.commitments
    assert commitment.priority_area == "money-laundering"


def test_the_same_text_read_for_the_default_plan_gets_its_areas(plan, laundering_plan):
    reading = read_statement(TEXT, Lexicon.for_plan(plan))
    assert [area.key for area in reading.priority_areas] == ["sea-piracy"]


def test_it_finds_an_area_by_its_name_when_it_has_no_keywords(laundering_plan):
    text = "The Meeting reviewed asset  recovery and money laundering."
    reading = read_statement(text, Lexicon.for_plan(laundering_plan))
    assert [area.key for area in reading.priority_areas] == ["money-laundering", "asset-recovery"]


def test_it_reads_a_party_added_to_the_register_with_its_aliases(plan):
    ensure_party("BGD", name="Bangladesh", kind="dialogue_partner", aliases=["Bangladeshi"])
    reading = read_statement("Bangladeshi officials met Indonesia.", Lexicon.for_plan(plan))
    assert [party.code for party in reading.parties] == ["BGD", "IDN"]


def test_it_reads_a_country_of_the_gazetteer_by_its_register_names_once_it_is_a_party(plan):
    ensure_party("KOR", name="Republic of Korea", kind="dialogue_partner", aliases=["ROK"])
    reading = read_statement("The ROK and South Korea met.", Lexicon.for_plan(plan))
    assert [(p.code, len(p.spans)) for p in reading.parties] == [("KOR", 1)]


def test_it_loads_the_names_and_areas_of_a_reading_in_two_queries(plan, django_assert_num_queries):
    # every party with its aliases, the plan's areas with their keywords
    with django_assert_num_queries(2):
        lexicon = Lexicon.for_plan(plan)
    assert len(lexicon.areas) == 5


def test_the_default_plan_as_loaded_reads_as_its_data_file(plan):
    loaded, from_file = Lexicon.for_plan(plan), default_lexicon()
    assert loaded.areas == from_file.areas
    assert sorted(loaded.parties, key=str) == sorted(from_file.parties, key=str)
