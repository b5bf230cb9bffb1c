"""Every name a party goes by, resolved in one place for the statement reader and the import."""

import pytest
from django.core.exceptions import ValidationError

from workplan.parties.models import Party
from workplan.parties.names import NamedParty, PartyNames

LAO = Party(code="LAO", name="Lao PDR", aliases=["Lao People's Democratic Republic", "Laos"])
PHL = Party(code="PHL", name="Philippines", aliases=["Filipino"])
ASEC = Party(code="ASEC", name="ASEAN Secretariat", aliases=["ASEAN"])


@pytest.mark.parametrize(
    ("written", "code"),
    [("LAO", "LAO"), ("Lao PDR", "LAO"), ("Laos", "LAO"), ("Filipino", "PHL"), ("Peru", None)],
)
def test_it_resolves_a_code_a_name_or_an_alias_to_its_party(written, code):
    assert PartyNames([LAO, PHL]).code_of(written) == code


@pytest.mark.parametrize(
    "written", ["LAO PEOPLE’S  DEMOCRATIC REPUBLIC", "lao people's democratic republic"]
)
def test_it_ignores_case_spacing_and_curly_apostrophes(written):
    assert PartyNames([LAO]).code_of(written) == "LAO"


def test_it_ignores_a_leading_the():
    assert PartyNames([PHL]).code_of("the Philippines") == "PHL"


def test_a_name_wins_over_another_partys_alias():
    grouping = NamedParty("ASEAN", "ASEAN", ("Association of Southeast Asian Nations",))
    names = PartyNames([ASEC, grouping])
    assert names.code_of("ASEAN") == "ASEAN"
    assert names.code_of("ASEAN Secretariat") == "ASEC"


def test_the_first_party_of_a_code_wins():
    names = PartyNames([LAO, NamedParty("LAO", "Laos of the gazetteer")])
    assert names.name_of("LAO") == "Lao PDR"
    assert names.code_of("Laos of the gazetteer") is None


def test_it_reads_every_party_of_the_register_with_its_aliases_in_one_query(
    plan, django_assert_num_queries
):
    with django_assert_num_queries(1):
        names = PartyNames.load()
    assert names.code_of("Vietnamese") == "VNM"
    assert names.code_of("VN") == "VNM"
    assert len(list(names)) == 13


@pytest.mark.parametrize("aliases", [["Laos", ""], "Laos", [3]])
def test_it_refuses_aliases_that_are_not_a_list_of_names(aliases):
    party = Party(code="LAO", name="Lao PDR", kind=Party.Kind.MEMBER_STATE, aliases=aliases)
    with pytest.raises(ValidationError) as error:
        party.full_clean(validate_unique=False)
    assert error.value.message_dict["aliases"] == ["Give a list of names, none of them empty."]
