"""The forms real statements use that the reader once missed (issue 15), each in an example
written for this test (not a sentence of the corpus)."""

import datetime

import pytest

from workplan.statements.tests.helpers import read_statement

MEMBERS = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}


def meetings_of(text, published=None) -> dict:
    """(body, number) -> (start, end, city, country) of each meeting read."""
    return {
        (m["body"], m["number"]): (m["start_date"], m["end_date"], m["city"], m["country"])
        for m in read_statement(text, published=published).as_json()["meetings"]
    }


def parties_of(text, published=None) -> set:
    return set(read_statement(text, published=published).as_json()["parties"]) - {"ASEAN"}


# Dates and places said later, about meetings named earlier


def test_it_gives_meetings_named_in_a_heading_the_date_and_place_of_a_later_plural_reference():
    text = (
        "The 3rd AMMTC + ROK Consultation and the 9th AMMTC Plus Three Consultation\n"
        "(Summary)\n"
        "The two consultations above took place on 14 October in Kuala Lumpur, where the "
        "ministers discussed online fraud."
    )
    found = meetings_of(text, published=datetime.date(2021, 10, 20))
    assert found[("AMMTC+KOR", 3)] == ("2021-10-14", "2021-10-14", "Kuala Lumpur", "MYS")
    assert found[("AMMTC+3", 9)] == ("2021-10-14", "2021-10-14", "Kuala Lumpur", "MYS")


def test_a_meeting_that_follows_another_takes_its_place_but_not_its_days():
    text = (
        "The 12th ASOD was held in Yangon, Myanmar on 3-5 June 2019. The ASOD was followed by "
        "the 2nd ASOD Plus Three meeting."
    )
    found = meetings_of(text)
    assert found[("ASOD", 12)] == ("2019-06-03", "2019-06-05", "Yangon", "MMR")
    assert [v for k, v in found.items() if k[0] != "ASOD" or k[1] != 12] in (
        [(None, None, "Yangon", "MMR")],
        [],
    )


def test_a_consultation_held_on_the_sidelines_shares_the_main_meetings_days_and_place():
    text = (
        "The 20th AMMTC convened in Dili, Timor-Leste, on 2-4 September 2026. On the sidelines "
        "of the 20th AMMTC, the 10th AMMTC + Japan Consultation reviewed the work plan."
    )
    found = meetings_of(text)
    assert found[("AMMTC+JPN", 10)] == ("2026-09-02", "2026-09-04", "Dili", "TLS")


# Several meetings in one sentence


def test_it_pairs_numbers_with_dates_and_places_given_respectively():
    text = (
        "The ASEAN-Japan Cybercrime Dialogue has met four times. The 1st, 2nd and 3rd "
        "Dialogues took place in Mar. 2015 in Hanoi; Nov. 2016 in Yangon, Myanmar; and in "
        "Feb 2018 in Manila, the Philippines respectively."
    )
    found = meetings_of(text)
    assert found[("AJ-CYBER-DIALOGUE", 1)] == ("2015-03", None, "Hanoi", "VNM")
    assert found[("AJ-CYBER-DIALOGUE", 2)] == ("2016-11", None, "Yangon", "MMR")
    assert found[("AJ-CYBER-DIALOGUE", 3)] == ("2018-02", None, "Manila", "PHL")


# Ranges with weekdays, across months; the dateline


def test_it_reads_a_range_with_weekdays_across_two_months():
    text = (
        "The 41st ASOD will take place from Monday, 30 September to Wednesday, 2 October "
        "2024 in Vientiane."
    )
    assert meetings_of(text)[("ASOD", 41)] == ("2024-09-30", "2024-10-02", "Vientiane", "LAO")


def test_a_publication_line_is_not_the_meetings_date():
    text = (
        "The 9th ASEAN Ministerial Meeting on Drug Matters – Statement by the Minister\n"
        "Published: 3 March 2025\n"
        "I thank the Government of the Philippines for hosting the 9th AMMD."
    )
    assert meetings_of(text)[("AMMD", 9)] == (None, None, None, "PHL")


def test_a_press_release_dateline_gives_the_year_but_not_the_day():
    text = (
        "MANILA, 12 March 2025 – The ASEAN Ministers on drug matters met yesterday at the "
        "9th AMMD. The 10th AMMD will be held in Bangkok next year."
    )
    found = meetings_of(text)
    assert found[("AMMD", 9)][:2] == ("2025-03-11", "2025-03-11")
    assert found[("AMMD", 10)] == ("2026", None, "Bangkok", "THA")


# Ordinals after the body; numbers that are years


def test_it_reads_an_ordinal_written_before_meeting_of():
    text = "The thirty-first meeting of the ASEAN Senior Officials on Drug Matters met in Hue."
    assert meetings_of(text)[("ASOD", 31)][2:] == ("Hue", "VNM")


def test_it_reads_an_ordinal_written_after_the_body():
    text = "ASEAN police chiefs (ASEANAPOL) held their 44th conference in Phuket on 9 May 2026."
    assert meetings_of(text)[("ASEANAPOL", 44)] == ("2026-05-09", "2026-05-09", "Phuket", "THA")


def test_a_founding_year_is_not_a_meeting():
    text = "Established in 1981, ASEANAPOL brings the police chiefs together every year."
    assert meetings_of(text) == {}


# Bodies beyond AMMTC and SOMTC


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The 5th AMMD opened in Jakarta on 1 June 2020.", ("AMMD", 5)),
        ("The 45th ASEAN Senior Officials' Meeting on Drug Matters met in Cebu.", ("ASOD", 45)),
        ("The 40th ASEAN Chiefs of Police Conference met in Phnom Penh.", ("ASEANAPOL", 40)),
        ("The 11th Expanded ASEAN Maritime Forum met in Jakarta.", ("EAMF", 11)),
        ("The 13th ASEAN Maritime Forum met in Jakarta.", ("AMF", 13)),
        ("The 20th ARF Inter-Sessional Meeting on Counter-Terrorism and Transnational "
         "Crime met in Bali.", ("ARF-ISM-CTTC", 20)),
        ("The 9th ASEAN Ministerial Conference on Cybersecurity met in Singapore.", ("AMCC", 9)),
        ("The 7th SOMTC + China Consultation met in Hanoi.", ("SOMTC+CHN", 7)),
        ("The 4th AMMTC Plus ROK Consultation met in Hanoi.", ("AMMTC+KOR", 4)),
    ],
)  # fmt: skip
def test_it_knows_the_bodies_of_drugs_police_maritime_security_and_partners(text, key):
    assert key in meetings_of(text)


def test_an_online_meeting_has_no_city():
    text = "The 15th AMMTC + 3 Consultation was held via videoconference on 30 November 2021."
    assert meetings_of(text)[("AMMTC+3", 15)] == ("2021-11-30", "2021-11-30", None, None)


def test_a_country_thanked_for_hosting_is_the_meetings_country():
    text = "We thank the Bruneian Government for hosting this 12th AMCC."
    assert meetings_of(text)[("AMCC", 12)][3] == "BRN"


# Parties


def test_a_country_named_only_as_a_venue_is_not_a_party():
    text = "Japan and ASEAN met at the 4th AMMTC + Japan Consultation in Hanoi, Viet Nam."
    assert parties_of(text) == {"JPN"}


def test_the_asean_10_and_all_member_states_are_every_member():
    assert parties_of("Ministers of the ASEAN 10 and Japan met.") == MEMBERS | {"JPN"}
    assert parties_of("Officials from all ASEAN Member States attended.") == MEMBERS


def test_a_member_that_joined_later_is_in_the_group_only_after_joining():
    text = "Officials from all ASEAN Member States attended."
    assert "TLS" not in parties_of(text, published=datetime.date(2025, 6, 1))
    assert "TLS" in parties_of(text, published=datetime.date(2026, 6, 1))


def test_countries_a_list_leaves_out_are_not_parties():
    text = "All ASEAN Member States, except Myanmar and Lao PDR, attended with China."
    assert parties_of(text) == (MEMBERS - {"MMR", "LAO"}) | {"CHN"}


def test_a_consultation_held_on_the_final_day_takes_that_day_and_the_place():
    text = (
        "The 19th AMMTC took place in Kuching, Malaysia, from 8 to 10 October 2025. The 6th "
        "AMMTC + ROK Consultation was held on the final day of the 19th AMMTC."
    )
    found = meetings_of(text)
    assert found[("AMMTC+KOR", 6)] == ("2025-10-10", "2025-10-10", "Kuching", "MYS")


# Commitments are tied to the area their sentence or paragraph is about


def areas_of_commitments(text) -> dict:
    found = read_statement(text).as_json()["commitments"]
    return {c["text"].split()[0]: c["priority_area"] for c in found}


def test_a_commitment_takes_the_area_its_action_names_when_its_sentence_names_two():
    text = (
        "Noting that online scam centres lure victims, the Ministers agreed to create a task "
        "force against trafficking in persons. They also agreed to review drug laws."
    )
    assert areas_of_commitments(text)["Create"] == "human-trafficking"


def test_holding_a_training_is_an_activity_of_the_paragraphs_area_not_a_meeting():
    text = (
        "On trafficking in persons, the officials compared their national laws. They agreed "
        "to hold joint trainings for labour inspectors.\n\n"
        "On drugs, they agreed to exchange seizure data. They agreed to convene the next "
        "meeting in Hanoi."
    )
    found = areas_of_commitments(text)
    assert found["Hold"] == "human-trafficking"
    assert found["Exchange"] == "drug-trafficking"
    assert found["Convene"] is None


def test_a_commitment_under_a_heading_takes_the_headings_area():
    text = (
        "Maritime Security\n\n"
        "The Meeting agreed to share patrol schedules among coast guards.\n\n"
        "Terrorism\n\n"
        "The Meeting agreed to exchange lists of wanted persons."
    )
    found = areas_of_commitments(text)
    assert found["Share"] == "sea-piracy"
    assert found["Exchange"] == "terrorism"
