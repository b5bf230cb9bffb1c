"""The reader's rules one by one: meetings and their bodies, places, parties, areas,
commitments, and texts that mention no meeting."""

import datetime

import pytest

from workplan.statements.sentences import split_sentences
from workplan.statements.tests.helpers import read_statement


def meetings(text, published=None):
    return [m.as_json() for m in read_statement(text, published=published).meetings]


def only(text, published=None):
    (found,) = meetings(text, published)
    return found


def parties(text):
    return [party.code for party in read_statement(text).parties]


# Bodies and numbers


@pytest.mark.parametrize(
    ("text", "body", "number"),
    [
        ("The Eighteenth SOMTC was held in Vientiane in 2018.", "SOMTC", 18),
        ("the 18th SOMTC met in Vientiane in 2018", "SOMTC", 18),
        ("The twenty-third ASEAN Summit was held in 2013.", "ASEAN-SUMMIT", 23),
        ("The Twenty Third ASEAN Summit was held in 2013.", "ASEAN-SUMMIT", 23),
        ("the Third AMMTC Plus Three Consultation in 2006", "AMMTC+3", 3),
        ("the 4th AMMTC+3 in 2009", "AMMTC+3", 4),
        ("the 5th AMMTC + 3 in 2011", "AMMTC+3", 5),
        ("the 7th ASEAN Plus Three Ministerial Meeting on Transnational Crime in 2014",
         "AMMTC+3", 7),
        ("the 19th Senior Officials Meeting on Transnational Crime (SOMTC) + Japan in 2023",
         "SOMTC+JPN", 19),
        ("the 8th ASEAN Ministerial Meeting on Transnational Crime (AMMTC) Plus Japan "
         "Consultation in 2023", "AMMTC+JPN", 8),
        ("the 16th SOMTC-China Consultation in 2019", "SOMTC+CHN", 16),
        ("the 9th SOMTC Consultation with the Republic of Korea in 2015", "SOMTC+KOR", 9),
        ("SEVENTEENTH ASEAN MINISTERIAL MEETING ON TRANSNATIONAL CRIME in 2023", "AMMTC", 17),
        ("the 12th ASEAN-Japan Summit in 2009", "ASEAN-JPN-SUMMIT", 12),
        ("the 22nd ASEAN Plus Three Summit in 2019", "APT-SUMMIT", 22),
        ("the 18th East Asia Summit in 2023", "EAS", 18),
        ("the 3rd ASEAN-Japan Cybercrime Dialogue in 2022", "AJ-CYBER-DIALOGUE", 3),
        ("the 41st ASEAN Chiefs of Police Conference (ASEANAPOL) in 2023", "ASEANAPOL", 41),
        ("the 3rd ASEAN Conference on Civil Service Matters (ACCSM) in 2005", "ACCSM", 3),
    ],
)  # fmt: skip
def test_it_names_the_body_and_number_of_a_meeting(text, body, number):
    found = only(text)
    assert (found["body"], found["number"]) == (body, number)


def test_it_makes_one_meeting_of_several_mentions_of_it():
    text = (
        "The 17th AMMTC was held in Labuan Bajo. Delegates praised the 17th AMMTC, held "
        "from 20 to 23 August 2023."
    )
    assert only(text) == {
        "name": "17th AMMTC", "body": "AMMTC", "number": 17, "start_date": "2023-08-20",
        "end_date": "2023-08-23", "city": "Labuan Bajo", "country": "IDN",
    }  # fmt: skip


def test_it_leaves_out_a_body_named_without_number_date_or_place():
    assert meetings("The plan is reviewed through meetings such as SOMTC and AMMTC.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Piracy in the Strait of Malacca fell as patrols met their targets, meeting expectations.",
        "The ministers will meet again to discuss the plan.",
        "Indonesia and Japan signed a memorandum on 5 May 2020 in Jakarta.",
        "",
    ],
)
def test_it_finds_no_meeting_in_a_text_that_mentions_none(text):
    assert meetings(text) == []


# Dates and places of a meeting


def test_it_places_a_meeting_in_a_known_city_and_its_country():
    found = only("The 20th SOMTC was held in Da Nang on 7 June 2020.")
    assert (found["city"], found["country"]) == ("Da Nang", "VNM")


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("The 5th SOMTC was held in Nay Pyi Taw, Myanmar, in 2014.", "Nay Pyi Taw", "MMR"),
        ("The 5th SOMTC was held in Naypyidaw in 2014.", "Nay Pyi Taw", "MMR"),
        ("The 5th SOMTC was held in Xieng Khouang, Lao PDR, in 2014.", "Xieng Khouang", "LAO"),
        ("The 5th SOMTC was held in Indonesia's Labuan Bajo in 2014.", "Labuan Bajo", "IDN"),
        ("The 5th SOMTC was held in the Lao capital of Vientiane in 2014.", "Vientiane", "LAO"),
        ("The 5th SOMTC was held in Myanmar in 2014.", None, "MMR"),
        ("The 5th SOMTC was held in Dili in 2014.", "Dili", "TLS"),
        ("The 5th SOMTC was held in Tokyo in 2014.", "Tokyo", "JPN"),
        ("The 5th SOMTC was held in Singapore in 2014.", "Singapore", "SGP"),
        ("The 5th SOMTC was hosted by Brunei Darussalam in 2014.", None, "BRN"),
        ("Thailand will host the 5th SOMTC in 2014.", None, "THA"),
    ],
)
def test_it_reads_where_a_meeting_is_held(text, city, country):
    found = only(text)
    assert (found["city"], found["country"]) == (city, country)


def test_it_takes_the_place_of_a_report_held_here_from_its_dateline():
    text = "Briefing\n\nHANOI, May 3 (VNA) – The 14th SOMTC, held here on Tuesday, closed."
    found = only(text, published=datetime.date(2021, 5, 3))
    assert (found["city"], found["start_date"]) == ("Hanoi", "2021-04-27")


def test_it_places_a_weekday_by_the_publication_date():
    found = only("The 14th SOMTC opened in Hanoi on Monday.", datetime.date(2021, 5, 6))
    assert found["start_date"] == "2021-05-03"


def test_it_gives_a_meeting_the_date_written_before_it_in_its_sentence():
    found = only("On 22 August 2023, the 8th AMMTC + Japan Consultation was held.")
    assert found["start_date"] == "2023-08-22"


def test_it_does_not_take_a_deadline_for_the_date_of_a_meeting():
    found = only("The 8th SOMTC adopted a plan to be carried out by 31 December 2027.")
    assert found["start_date"] is None


def test_it_gives_meetings_named_together_the_date_they_share():
    text = "Delegates attended the 9th AMMTC + Japan and the 11th AMMTC + 3 on 19 September 2024."
    assert [m["start_date"] for m in meetings(text)] == ["2024-09-19", "2024-09-19"]


def test_it_gives_a_meeting_held_during_another_the_others_place():
    text = (
        "The 8th AMMTC + Japan Consultation was held on 22 August 2023 on the sidelines of "
        "the 17th AMMTC in Labuan Bajo."
    )
    japan, ammtc = meetings(text)
    assert (japan["start_date"], japan["city"], ammtc["city"]) == (
        "2023-08-22", "Labuan Bajo", "Labuan Bajo",
    )  # fmt: skip


def test_it_reads_the_meeting_referred_to_later_as_the_meeting():
    text = (
        "JOINT STATEMENT OF THE EIGHTEENTH SOMTC\n"
        "1. The Eighteenth ASEAN Senior Officials Meeting on Transnational Crime convened.\n"
        "2. The Meeting was held in Vientiane, Lao PDR, on 5-6 June 2018.\n"
        "3. The Meeting agreed to strengthen cooperation against drug trafficking."
    )
    found = only(text)
    assert (found["number"], found["start_date"], found["end_date"], found["city"]) == (
        18, "2018-06-05", "2018-06-06", "Vientiane",
    )  # fmt: skip


def test_it_reads_the_first_day_and_length_of_a_meeting_reported_as_a_whole():
    text = "The 11th SOMTC+3 closed on Wednesday. The two-day meeting opened on Tuesday."
    found = only(text, datetime.date(2014, 9, 17))
    assert (found["start_date"], found["end_date"]) == ("2014-09-16", "2014-09-17")


def test_it_takes_the_date_and_place_of_a_joint_statement_from_its_closing_formula():
    text = (
        "JOINT STATEMENT OF THE ELEVENTH AMMTC\n\nWe agree to cooperate.\n\n"
        "DONE in Manila, the Philippines, on 20 September 2017."
    )
    found = only(text)
    assert (found["start_date"], found["city"], found["country"]) == (
        "2017-09-20", "Manila", "PHL",
    )  # fmt: skip


def test_it_takes_the_date_and_place_of_a_statement_from_the_line_under_its_title():
    text = "Chairman's Statement of the 15th ASEAN Summit\nHanoi, 8-9 April 2010\n\nWe met."
    found = only(text)
    assert (found["start_date"], found["end_date"], found["city"]) == (
        "2010-04-08", "2010-04-09", "Hanoi",
    )  # fmt: skip


def test_it_reads_a_year_not_written_from_the_latest_year_of_the_text():
    found = only("The 2023-2027 work plan was discussed at the 19th SOMTC in June.")
    assert found["start_date"] == "2023-06"


# Parties


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("the Vietnamese side", "VNM"),
        ("Lao PDR", "LAO"), ("Laos", "LAO"), ("the Lao People's Democratic Republic", "LAO"),
        ("Brunei", "BRN"), ("Brunei Darussalam", "BRN"), ("Myanmar", "MMR"), ("Burma", "MMR"),
        ("Timor-Leste", "TLS"), ("East Timor", "TLS"), ("the Philippines", "PHL"),
        ("Cambodia", "KHM"), ("Malaysia", "MYS"), ("Singapore", "SGP"), ("Thailand", "THA"),
        ("Indonesia", "IDN"), ("Japan", "JPN"), ("China", "CHN"), ("the Republic of Korea", "KOR"),
        ("South Korea", "KOR"), ("ROK", "KOR"), ("the ASEAN Secretariat", "ASEC"),
        ("the Association of Southeast Asian Nations", "ASEAN"), ("VIET NAM", "VNM"),
    ],
)  # fmt: skip
def test_it_knows_the_names_and_spellings_of_the_parties(text, code):
    assert parties(f"Officials of {text} met.") == [code]


def test_it_reads_plus_three_as_china_japan_and_korea():
    assert parties("The ASEAN Plus Three process") == ["ASEAN", "CHN", "JPN", "KOR"]
    assert set(parties("the 11th SOMTC+3")) == {"CHN", "JPN", "KOR"}


def test_it_does_not_take_the_south_china_sea_for_china():
    assert parties("Patrols in the South China Sea and the Indian Ocean") == []


def test_it_does_not_take_north_korea_for_the_republic_of_korea():
    assert parties("The DPRK and North Korean vessels") == ["PRK"]


# Priority areas and commitments


def test_it_finds_the_areas_a_text_discusses_with_their_sentences():
    reading = read_statement(
        "The Meeting discussed counter-terrorism. It also discussed maritime security."
    )
    assert [(a.key, a.evidence) for a in reading.priority_areas] == [
        ("terrorism", ["The Meeting discussed counter-terrorism."]),
        ("sea-piracy", ["It also discussed maritime security."]),
    ]


def test_it_does_not_take_drug_trafficking_for_human_trafficking():
    keys = [area.key for area in read_statement("They fight drug trafficking.").priority_areas]
    assert keys == ["drug-trafficking"]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The Ministers agreed to set up a hotline on piracy.", "Set up a hotline on piracy"),
        ("We reaffirm our commitment to combat terrorism.", "Combat terrorism"),
        ("Japan will continue to fund training on cybercrime.",
         "Continue to fund training on cybercrime"),
        ("The Meeting tasked the SOMTC to draft a plan on drugs.", "Draft a plan on drugs"),
        ("2. Strengthen cooperation against trafficking in persons;",
         "Strengthen cooperation against trafficking in persons"),
    ],
)  # fmt: skip
def test_it_reads_a_commitment_after_the_words_that_state_it(sentence, text):
    (commitment,) = read_statement(sentence).commitments
    assert commitment.text == text


@pytest.mark.parametrize(
    "sentence",
    [
        "The 18th AMMTC will be held in Vientiane in 2024.",
        "ASEAN and Japan agree that illicit drugs harm the young.",
        "The Meeting noted the report on piracy.",
    ],
)
def test_it_reads_no_commitment_in_a_sentence_that_states_none(sentence):
    assert read_statement(sentence).commitments == []


def test_it_ties_a_commitment_to_the_one_area_of_its_paragraph():
    text = "On sea piracy, the parties met. They will train coast guard officers together."
    (commitment,) = read_statement(text).commitments
    assert commitment.priority_area == "sea-piracy"


def test_it_ties_a_commitment_naming_several_areas_to_none():
    (commitment,) = read_statement("We will fight terrorism and piracy together.").commitments
    assert commitment.priority_area is None


# Sentences


def test_it_splits_sentences_but_not_after_titles_initials_or_list_numbers():
    text = "1. H.E. Gen. To Lam of the U.S. side spoke. The Meeting ended.\n2. Agree to meet."
    found = [s.text_of(text) for s in split_sentences(text)]
    assert found == ["1. H.E. Gen. To Lam of the U.S. side spoke.", "The Meeting ended.",
                     "2. Agree to meet."]  # fmt: skip


def test_it_joins_lines_a_pdf_wrapped_in_the_middle_of_a_sentence():
    text = (
        "The Seventeenth ASEAN Ministerial Meeting on Transnational Crime was held in\n"
        "Labuan Bajo on 22 August 2023 under the chairmanship of Indonesia.\n"
        "Next paragraph."
    )
    assert len(split_sentences(text)) == 2
    assert only(text)["city"] == "Labuan Bajo"


def test_it_reads_two_meetings_named_with_two_ordinals():
    found = meetings("On 28 August 2024, the 44th and 45th ASEAN Summits were held in Vientiane.")
    assert [(m["body"], m["number"], m["start_date"], m["city"]) for m in found] == [
        ("ASEAN-SUMMIT", 44, "2024-08-28", "Vientiane"),
        ("ASEAN-SUMMIT", 45, "2024-08-28", "Vientiane"),
    ]


def test_it_keeps_the_place_out_of_the_name_of_a_meeting_it_does_not_know():
    found = only("The 6th Bali Regional Ministerial Conference on People Smuggling in Jakarta.")
    assert (found["body"], found["city"]) == ("BRMCPS", "Jakarta")


def test_it_reads_a_consultation_of_senior_officials_with_a_partner():
    text = "The 20th ASEAN-China Senior Officials Consultation on Transnational Crime, 2019."
    assert (only(text)["body"], only(text)["number"]) == ("SOMTC+CHN", 20)


@pytest.mark.parametrize(
    ("text", "number", "start"),
    [
        (
            "the 18th ASEAN Ministerial Meeting on Transnational Crime (AMMTC 18) in 2024",
            18,
            "2024",
        ),
        ("Delegates at AMMTC 17 in Labuan Bajo in 2023 agreed.", 17, "2023"),
        ("The AMMTC 20 June 2023 session ended.", None, "2023-06-20"),
    ],
)
def test_it_reads_a_number_written_after_the_abbreviation_but_not_a_day(text, number, start):
    found = only(text)
    assert (found["number"], found["start_date"]) == (number, start)
