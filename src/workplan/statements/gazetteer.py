"""What the statement reader knows of the region, as data: the grouping and the countries
that are not parties and how texts name them, cities and their countries, meeting bodies,
ordinals, months and the phrases that state a commitment. The parties' names and the priority
areas' words come from the register (`lexicon.py`). The rules that use these tables are in
`dates.py`, `mentions.py` and `reader.py`; extending the reader usually means adding a row here.
"""

from dataclasses import dataclass

# The regional grouping as a whole is listed among the parties as "ASEAN" (not a Party row: it
# stands for the member states together), found by the names texts use for it. The ASEAN
# Secretariat is "ASEC", as in the register.
ASEAN = "ASEAN"
ASEAN_NAMES = ("ASEAN", "Association of Southeast Asian Nations",
               "Association of South East Asian Nations")  # fmt: skip

# Countries texts name that are not parties in the default register: code -> the names and
# spellings texts use (names, short forms, adjectives). The parties' own names are their rows'
# (`Party.name` and `Party.aliases`); a party added to the register under one of these codes is
# read by the names its row gives it.
OTHER_COUNTRIES: dict[str, tuple[str, ...]] = {
    "CHN": ("China", "People's Republic of China", "PRC", "Chinese"),
    "KOR": ("Republic of Korea", "South Korea", "ROK", "Korea", "Korean", "South Korean"),
    "PRK": ("Democratic People's Republic of Korea", "DPRK", "North Korea", "North Korean"),
    "AUS": ("Australia", "Australian"),
    "IND": ("India",),
    "NZL": ("New Zealand",),
    "USA": ("United States of America", "United States", "U.S.", "the US", "the U.S."),
    "RUS": ("Russian Federation", "Russia", "Russian"),
    "CAN": ("Canada", "Canadian"),
    "GBR": ("United Kingdom", "the UK", "British"),
}  # fmt: skip

# Words that contain a party's name but do not mean the party.
NOT_PARTIES = ("South China Sea", "East China Sea", "Sea of Japan", "Indian Ocean",
               "Korean Peninsula", "Thai baht")  # fmt: skip

# Countries as places, by the names texts use ("held in Viet Nam"; no adjectives).
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "BRN": ("Brunei Darussalam", "Brunei"),
    "KHM": ("Cambodia", "Kingdom of Cambodia"),
    "IDN": ("Indonesia", "Republic of Indonesia"),
    "LAO": ("Lao PDR", "Lao P.D.R.", "Lao People's Democratic Republic",
            "Lao People’s Democratic Republic", "Laos"),
    "MYS": ("Malaysia",),
    "MMR": ("Myanmar", "Republic of the Union of Myanmar", "Burma"),
    "PHL": ("the Philippines", "Philippines", "Republic of the Philippines"),
    "SGP": ("Singapore",),
    "THA": ("Thailand", "Kingdom of Thailand"),
    "VNM": ("Viet Nam", "Vietnam", "Socialist Republic of Viet Nam"),
    "TLS": ("Timor-Leste", "Timor Leste", "East Timor"),
    "JPN": ("Japan",),
    "CHN": ("China", "People's Republic of China", "People’s Republic of China"),
    "KOR": ("Republic of Korea", "South Korea", "Korea"),
    "AUS": ("Australia",),
    "IND": ("India",),
    "NZL": ("New Zealand",),
    "USA": ("United States of America", "United States"),
    "RUS": ("Russian Federation", "Russia"),
    "CAN": ("Canada",),
    "GBR": ("United Kingdom",),
}  # fmt: skip

# Adjectives of countries, for the host of a meeting ("the Thai Government for hosting").
COUNTRY_ADJECTIVES: dict[str, str] = {
    "Bruneian": "BRN", "Cambodian": "KHM", "Indonesian": "IDN", "Lao": "LAO", "Laotian": "LAO",
    "Malaysian": "MYS", "Philippine": "PHL", "Filipino": "PHL", "Singaporean": "SGP",
    "Thai": "THA", "Vietnamese": "VNM", "Timorese": "TLS", "Japanese": "JPN", "Chinese": "CHN",
    "Korean": "KOR", "Australian": "AUS", "Indian": "IND", "Russian": "RUS",
}  # fmt: skip

# Who the "+ 3" of "AMMTC + 3" or "ASEAN Plus Three" stands for.
PLUS_THREE = ("CHN", "JPN", "KOR")

# Cities (and islands or resorts that texts give as the venue) -> country code.
CITIES: dict[str, str] = {
    # Brunei Darussalam
    "Bandar Seri Begawan": "BRN",
    # Cambodia
    "Phnom Penh": "KHM", "Siem Reap": "KHM", "Sihanoukville": "KHM", "Battambang": "KHM",
    "Kampot": "KHM",
    # Indonesia
    "Jakarta": "IDN", "Bali": "IDN", "Nusa Dua": "IDN", "Denpasar": "IDN", "Yogyakarta": "IDN",
    "Labuan Bajo": "IDN", "Surabaya": "IDN", "Bandung": "IDN", "Medan": "IDN",
    "Makassar": "IDN", "Batam": "IDN", "Semarang": "IDN", "Lombok": "IDN", "Manado": "IDN",
    "Bogor": "IDN", "Palembang": "IDN", "Mataram": "IDN",
    # Lao PDR
    "Vientiane": "LAO", "Luang Prabang": "LAO", "Pakse": "LAO", "Savannakhet": "LAO",
    # Malaysia
    "Kuala Lumpur": "MYS", "Putrajaya": "MYS", "Langkawi": "MYS", "Penang": "MYS",
    "George Town": "MYS", "Kota Kinabalu": "MYS", "Kuching": "MYS", "Malacca": "MYS",
    "Melaka": "MYS", "Johor Bahru": "MYS", "Labuan": "MYS", "Ipoh": "MYS",
    # Myanmar
    "Nay Pyi Taw": "MMR", "Yangon": "MMR", "Mandalay": "MMR", "Bagan": "MMR",
    # Philippines
    "Manila": "PHL", "Metro Manila": "PHL", "Pasay": "PHL", "Pasay City": "PHL",
    "Makati": "PHL", "Quezon City": "PHL", "Cebu": "PHL", "Cebu City": "PHL", "Davao": "PHL",
    "Davao City": "PHL", "Boracay": "PHL",
    "Tagaytay": "PHL", "Iloilo": "PHL", "Bohol": "PHL", "Lapu-Lapu": "PHL",
    # Singapore
    "Singapore": "SGP",
    # Thailand
    "Bangkok": "THA", "Chiang Mai": "THA", "Chiang Rai": "THA", "Pattaya": "THA",
    "Phuket": "THA", "Hua Hin": "THA", "Cha-am": "THA", "Cha-am Hua Hin": "THA", "Krabi": "THA",
    "Khon Kaen": "THA",
    # Viet Nam
    "Hanoi": "VNM", "Ho Chi Minh City": "VNM", "Da Nang": "VNM", "Hue": "VNM",
    "Nha Trang": "VNM", "Ha Long": "VNM", "Hai Phong": "VNM", "Can Tho": "VNM",
    "Quang Ninh": "VNM", "Phu Quoc": "VNM",
    # Timor-Leste
    "Dili": "TLS",
    # Partners
    "Tokyo": "JPN", "Osaka": "JPN", "Kyoto": "JPN", "Yokohama": "JPN", "Nagoya": "JPN",
    "Fukuoka": "JPN", "Sapporo": "JPN", "Hiroshima": "JPN",
    "Beijing": "CHN", "Shanghai": "CHN", "Nanning": "CHN", "Kunming": "CHN",
    "Guangzhou": "CHN", "Xiamen": "CHN",
    "Seoul": "KOR", "Busan": "KOR", "Jeju": "KOR", "Incheon": "KOR",
    "Canberra": "AUS", "Sydney": "AUS", "Melbourne": "AUS",
    "New Delhi": "IND", "Moscow": "RUS", "Auckland": "NZL", "Ottawa": "CAN", "London": "GBR",
}  # fmt: skip

# The capital of each country, for "in the Myanmar capital".
CAPITALS: dict[str, str] = {
    "BRN": "Bandar Seri Begawan", "KHM": "Phnom Penh", "IDN": "Jakarta", "LAO": "Vientiane",
    "MYS": "Kuala Lumpur", "MMR": "Nay Pyi Taw", "PHL": "Manila", "SGP": "Singapore",
    "THA": "Bangkok", "VNM": "Hanoi", "TLS": "Dili", "JPN": "Tokyo", "CHN": "Beijing",
    "KOR": "Seoul", "AUS": "Canberra", "IND": "New Delhi", "RUS": "Moscow",
}  # fmt: skip

# Other spellings -> the city's name in CITIES.
CITY_SPELLINGS: dict[str, str] = {
    "Naypyidaw": "Nay Pyi Taw", "Naypyitaw": "Nay Pyi Taw", "Nay Pyi Daw": "Nay Pyi Taw",
    "Nay Pyi Taw Council Area": "Nay Pyi Taw", "Ha Noi": "Hanoi", "Danang": "Da Nang",
    "Jogjakarta": "Yogyakarta", "Jogja": "Yogyakarta", "Rangoon": "Yangon",
    "Saigon": "Ho Chi Minh City", "Halong": "Ha Long", "Haiphong": "Hai Phong",
    "Vientiane Capital": "Vientiane", "Cha-Am": "Cha-am", "Cha-Am Hua Hin": "Cha-am Hua Hin",
    "Siemreap": "Siem Reap", "Penang Island": "Penang", "Hue City": "Hue",
    "Luangprabang": "Luang Prabang", "Luang Phabang": "Luang Prabang", "Nusa Dua, Bali": "Nusa Dua",
}  # fmt: skip


@dataclass(frozen=True)
class BodyInfo:
    """A meeting body as the reader proposes it: the key and names used in the register."""

    key: str
    short_name: str
    name: str
    level: str


# The two bodies of the plan, and the partners they consult ("SOMTC + Japan", "AMMTC + 3").
CRIME_BODIES: dict[str, BodyInfo] = {
    "AMMTC": BodyInfo("AMMTC", "AMMTC", "ASEAN Ministerial Meeting on Transnational Crime",
                      "ministerial"),
    "SOMTC": BodyInfo("SOMTC", "SOMTC", "ASEAN Senior Officials Meeting on Transnational Crime",
                      "senior_officials"),
}  # fmt: skip

# Partner key -> (label in a body's short name, the words texts use after "+", "Plus", "ASEAN-").
PARTNERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "JPN": ("Japan", ("Japan",)),
    "CHN": ("China", ("China", "the People's Republic of China", "People's Republic of China")),
    "KOR": ("ROK", ("the Republic of Korea", "Republic of Korea", "ROK", "Korea")),
    "3": ("3", ("Three", "3")),
    "AUS": ("Australia", ("Australia",)),
    "IND": ("India", ("India",)),
    "USA": ("US", ("the United States", "United States", "U.S.", "US")),
    "RUS": ("Russia", ("Russia", "the Russian Federation")),
    "NZL": ("New Zealand", ("New Zealand",)),
    "CAN": ("Canada", ("Canada",)),
    "EU": ("EU", ("the European Union", "European Union", "EU")),
}  # fmt: skip

# Long names of the two crime bodies, as regular expressions (matched ignoring case).
CRIME_BODY_NAMES: dict[str, tuple[str, ...]] = {
    "AMMTC": (
        r"(?:ASEAN\s+)?Ministerial\s+Meetings?\s+on\s+Transnational\s+Crimes?",
        r"(?:ASEAN\s+)?Ministers['’]?\s+Meetings?\s+on\s+Transnational\s+Crimes?",
        r"Meetings?\s+of\s+(?:the\s+)?ASEAN\s+Ministers\s+(?:on|of|responsible\s+for)\s+"
        r"Transnational\s+Crimes?",
    ),
    "SOMTC": (
        r"(?:ASEAN\s+)?Senior\s+Officials?['’]?\s+(?:Meetings?|Consultations?)\s+on\s+"
        r"Transnational\s+Crimes?",
        r"Meetings?\s+of\s+(?:the\s+)?ASEAN\s+Senior\s+Officials\s+on\s+Transnational\s+Crimes?",
    ),
}

# Pieces of the bodies' names below.
_ADMM_PLUS = r"(?:ASEAN\s+Defen[cs]e\s+Ministers['’]?\s+Meeting[-–\s]*Plus|ADMM[-–\s]?Plus)"
_EWG = r"(?:Experts['’]?\s+Working\s+Group(?:\s*\(EWG\))?|EWG)"
# "Senior Officials Meeting on Transnational Crime (SOMTC) Working Group on ...": one body.
_SOMTC_BEFORE = (r"(?:(?:ASEAN\s+)?Senior\s+Officials?['’]?\s+Meetings?\s+on\s+Transnational\s+"
                 r"Crimes?\s*(?:\(SOMTC\)\s*)?|SOMTC\s+)?")  # fmt: skip

# Other bodies: (key, short name, name, level, regular expressions; abbreviations match case).
OTHER_BODIES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("AMM", "AMM", "ASEAN Foreign Ministers' Meeting", "ministerial",
     (r"(?i:ASEAN\s+Foreign\s+Ministers['’]?\s+Meeting)", r"\bAMM\b")),
    ("ADMM-PLUS-EWG-MS", "ADMM-Plus EWG on Maritime Security",
     "ADMM-Plus Experts' Working Group on Maritime Security", "working_group",
     (rf"(?i:{_ADMM_PLUS}\s+(?:\(ADMM[-–\s]?Plus\)\s+)?{_EWG}\s+on\s+Maritime(?:\s+Security)?"
      r"(?:\s+Meeting)?)",
      rf"(?i:{_EWG}(?:\s+meeting)?\s+on\s+Maritime\s+Security(?:\s+Meeting)?)")),
    ("ADMM-PLUS-EWG", "ADMM-Plus EWG", "ADMM-Plus Experts' Working Group", "working_group",
     (rf"(?i:{_ADMM_PLUS}\s+(?:\(ADMM[-–\s]?Plus\)\s+)?{_EWG})",)),
    ("ADMM-PLUS", "ADMM-Plus", "ASEAN Defence Ministers' Meeting-Plus", "ministerial",
     (rf"(?i:{_ADMM_PLUS})(?:\s+Meeting)?",)),
    ("ADMM", "ADMM", "ASEAN Defence Ministers' Meeting", "ministerial",
     (r"(?i:ASEAN\s+Defen[cs]e\s+Ministers['’]?\s+Meeting)", r"\bADMM\b")),
    ("ARF-ISM-CTTC", "ARF ISM on CTTC",
     "ARF Inter-Sessional Meeting on Counter-Terrorism and Transnational Crime", "other",
     (r"(?i:(?:ASEAN\s+Regional\s+Forum|ARF)\s+Inter[-\s]?sessional\s+(?:Support\s+)?Meeting"
      r"\s+on\s+Counter[-\s]?Terrorism\s+and\s+Transnational\s+Crimes?)(?:\s*\(ISM[^()]{0,12}\))?",
      r"\bISM\s+(?:on\s+)?CT[-\s]?TC\b")),
    ("ARF", "ARF", "ASEAN Regional Forum", "ministerial",
     (r"(?i:(?:Ministerial\s+Meeting\s+of\s+the\s+)?ASEAN\s+Regional\s+Forum)(?:\s+\(ARF\))?",
      r"\bARF\b")),
    ("AMMD-SPECIAL", "Special AMMD", "ASEAN Special Ministerial Meeting on Drug Matters",
     "ministerial",
     (r"(?i:(?:ASEAN\s+)?Special\s+Ministerial\s+Meeting\s+on\s+Drug(?:s|\s+Matters))",)),
    ("AMMD", "AMMD", "ASEAN Ministerial Meeting on Drug Matters", "ministerial",
     (r"(?i:ASEAN\s+Ministerial\s+Meeting\s+on\s+Drug(?:s|\s+Matters))",
      r"(?i:ASEAN\s+Ministers['’]?\s+Meeting\s+on\s+Drug\s+(?:Matters|Issues))", r"\bAMMD\b")),
    ("ASOD", "ASOD", "ASEAN Senior Officials on Drug Matters", "senior_officials",
     (r"(?i:(?:Meeting\s+of\s+)?ASEAN\s+Senior\s+Officials['’]?\s+(?:Meeting\s+)?on\s+"
      r"Drug(?:s|\s+Matters)(?:\s+Meeting)?)", r"\bASOD\b")),
    ("ASEANAPOL", "ASEANAPOL", "ASEAN Chiefs of Police Conference", "other",
     (r"(?i:ASEAN\s+Chiefs\s+of\s+(?:National\s+)?Police(?:\s+Conference)?)",
      r"(?i:ASEAN\s+Police\s+Chiefs(?:\s+Conference)?)",
      r"\b(?i:aseanapol)(?:\s+(?i:conference))?\b")),
    ("AMCC", "AMCC", "ASEAN Ministerial Conference on Cybersecurity", "ministerial",
     (r"(?i:ASEAN\s+Ministerial\s+Conference\s+on\s+Cyber[-\s]?security)", r"\bAMCC\b")),
    ("TELMIN", "TELMIN", "ASEAN Telecommunications and IT Ministers Meeting", "ministerial",
     (r"(?i:Meeting\s+of\s+the\s+ASEAN\s+Telecommunications\s+and\s+(?:IT|Information\s+"
      r"Technology)\s+Ministers)", r"\bTELMIN\b")),
    ("EAMF", "EAMF", "Expanded ASEAN Maritime Forum", "other",
     (r"(?i:Expanded\s+ASEAN\s+Maritime\s+Forum)", r"\bEAMF\b")),
    ("AMF", "AMF", "ASEAN Maritime Forum", "other",
     (r"(?i:ASEAN\s+Maritime\s+Forum)", r"\bAMF\b")),
    ("ASEAN-SOM", "ASEAN SOM", "ASEAN Senior Officials' Meeting", "senior_officials",
     (r"(?i:ASEAN\s+(?:Special\s+)?Senior\s+Officials['’]?\s+Meeting)(?:\s+\(SOM\))?"
      r"(?!\s+(?:on|Leader))",)),
    ("SOMTC-WG-CT", "SOMTC WG on Counter Terrorism", "SOMTC Working Group on Counter Terrorism",
     "working_group", (rf"(?i:{_SOMTC_BEFORE}Working\s+Group\s+on\s+Counter[-\s]?Terrorism)"
                       r"(?:\s*\(WG\s+on\s+CT\))?",)),
    ("SOMTC-WG-CYBER", "SOMTC WG on Cybercrime", "SOMTC Working Group on Cybercrime",
     "working_group", (rf"(?i:{_SOMTC_BEFORE}Working\s+Group\s+on\s+Cyber[-\s]?crime)",)),
    ("SOMTC-WG-TIP", "SOMTC WG on Trafficking in Persons",
     "SOMTC Working Group on Trafficking in Persons", "working_group",
     (rf"(?i:{_SOMTC_BEFORE}Working\s+Group\s+on\s+Trafficking\s+in\s+Persons)",)),
    ("AJ-CT-DIALOGUE", "ASEAN-Japan CT Dialogue", "ASEAN-Japan Counter-Terrorism Dialogue",
     "other", (r"(?i:ASEAN[-–\s]+Japan\s+Counter[-\s]?Terrorism(?:\s+\(AJCT\))?\s+Dialogue)",
               r"\bAJCT\s+Dialogue\b")),
    ("AJ-CYBER-DIALOGUE", "ASEAN-Japan Cybercrime Dialogue", "ASEAN-Japan Cybercrime Dialogue",
     "other", (r"(?i:ASEAN[-–\s]+Japan\s+Cyber[-\s]?crime\s+Dialogue)",)),
    ("AJ-CYBERSEC-POLICY", "ASEAN-Japan Cybersecurity Policy Meeting",
     "ASEAN-Japan Cybersecurity Policy Meeting", "other",
     (r"(?i:ASEAN[-–\s]+Japan\s+Cyber[-\s]?security\s+Policy\s+Meeting)",)),
)  # fmt: skip

# The word that ends the name of a meeting the reader does not know ("the 3rd ... Dialogue").
MEETING_NOUNS = ("Meeting", "Summit", "Conference", "Consultation", "Dialogue", "Forum",
                 "Session", "Retreat", "Assembly", "Congress")  # fmt: skip

# Meetings held this many days or less from the main meeting of a text, with no place of their
# own, are its related meetings and share its venue.
RELATED_MEETING_DAYS = 3

# How a text refers back to the meeting it is about: "The Meeting agreed...".
BACK_REFERENCES = ("Meeting", "Consultation", "Summit", "Dialogue", "Conference")

# Between two meeting names: the first was held within the second ("on the sidelines of").
WITHIN_WORDS = ("during", "at", "on the sidelines of", "on the sideline of", "on the margins of",
                "on the occasion of", "on the final day of", "on the last day of",
                "on the closing day of",
                "in conjunction with", "back-to-back with", "alongside", "as part of", "within",
                "in the framework of", "held with")  # fmt: skip

# Ordinals written as words; "twenty-first" and the like are built from these.
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60,
}  # fmt: skip
# Words that give a meeting its number without being an ordinal ("the inaugural AMMTC + China
# Consultation", "the first-ever virtual meeting").
FIRST_WORDS: dict[str, int] = {"inaugural": 1, "first-ever": 1, "very first": 1}
TENS_WORDS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip

MONTHS: dict[str, int] = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4,
    "Apr": 4, "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8,
    "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11,
    "December": 12, "Dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}  # fmt: skip

# Words before a date that make it the first day of a meeting reported as a whole.
OPENING_WORDS = ("opened", "opens", "began", "begins", "started", "starts", "kicked off",
                 "commenced", "got under way", "got underway")  # fmt: skip

# Words before a date that make it a deadline or a starting point, not when something met.
NOT_MEETING_DATE_WORDS = ("until", "till", "by", "before", "through", "since", "no later than",
                          "deadline of", "ending", "after",
                          # a founding year or a document's date, not a meeting's
                          "established", "set up", "founded", "formed", "issued", "dated",
                          "signed on")  # fmt: skip

# Phrases that state a commitment or an action; the commitment is what follows them in the
# sentence (regular expressions, matched ignoring case).
COMMITMENT_PHRASES: tuple[str, ...] = (
    r"\b(?:re)?affirm(?:ed|s)?\s+(?:their|our|its|the)\s+(?:\w+\s+){0,2}?commitments?\s+to\s+",
    r"\b(?:agreed|agrees|agree)\s+to\s+",
    r"\b(?:committed|commits|commit)\s+(?:themselves\s+|ourselves\s+)?to\s+",
    r"\b(?:pledged|pledges|pledge|resolved|resolve|decided|decide|undertook|undertake|"
    r"vowed|vow|promised|promise|endeavou?r)\s+to\s+",
    r"\b(?:encouraged|encourages|encourage|urged|urges|urge|tasked|tasks|task|instructed|"
    r"directed|asked|requested|called\s+(?:up)?on|calls\s+(?:up)?on)\s+(?:[\w’'.-]+\s+){1,8}?to\s+",
    r"\b(?:called|calls|call)\s+for\s+",
    r"\b(?=(?:urged|urges|endorsed|adopted)\s+(?:the|its|their|a|an)\s)",
    r"(?<!\bwhich\s)(?<!\bthat\s)\b(?:will|shall)\s+(?!be\s+(?:held|hosted|convened|chaired|"
    r"organi[sz]ed|attended)\b|take\s+place\b|host\b|chair\b|meet\b|convene\b|attend\b)",
    r"^\W{0,3}(?:\(?[0-9a-z]{1,3}[.)]\s+)?(?=(?:Strengthen|Enhance|Promote|Intensify|Continue|"
    r"Support|Establish|Develop|Explore|Work|Adopt|Endorse|Combat|Prevent)\b)",
)


def _known_bodies() -> dict[str, BodyInfo]:
    """Every body the reader can name: the crime bodies with each partner, the summits, the
    other bodies. Keys follow the register: "SOMTC+JPN", "AMMTC+3", "ASEAN-JPN-SUMMIT"."""
    bodies = dict(CRIME_BODIES)
    for base in CRIME_BODIES.values():
        for partner, (label, _words) in PARTNERS.items():
            name = f"{base.short_name} + {label} Consultation"
            if partner == "3":
                name = "ASEAN Plus Three " + base.name.removeprefix("ASEAN ")
            bodies[f"{base.key}+{partner}"] = BodyInfo(
                f"{base.key}+{partner}", f"{base.short_name} + {label}", name, base.level
            )
    bodies["ASEAN-SUMMIT"] = BodyInfo("ASEAN-SUMMIT", "ASEAN Summit", "ASEAN Summit", "summit")
    bodies["EAS"] = BodyInfo("EAS", "East Asia Summit", "East Asia Summit", "summit")
    for partner, (label, _words) in PARTNERS.items():
        key = "APT-SUMMIT" if partner == "3" else f"ASEAN-{partner}-SUMMIT"
        name = "ASEAN Plus Three Summit" if partner == "3" else f"ASEAN-{label} Summit"
        bodies[key] = BodyInfo(key, name, name, "summit")
    for key, short_name, name, level, _patterns in OTHER_BODIES:
        bodies[key] = BodyInfo(key, short_name, name, level)
    return bodies


KNOWN_BODIES: dict[str, BodyInfo] = _known_bodies()
