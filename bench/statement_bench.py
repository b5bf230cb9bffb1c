"""How long the reader takes on a two-page statement, for `make bench`."""

import datetime
import statistics
import time

from workplan.plans.models import WorkPlan
from workplan.statements.lexicon import Lexicon
from workplan.statements.reader import read_statement

# Paragraphs in the styles the reader meets; repeated in turn to make about 1,000 words.
PARAGRAPHS = [
    "1. The Eighteenth ASEAN Ministerial Meeting on Transnational Crime (18th AMMTC) was held "
    "in Vientiane, Lao PDR, on 17-20 September 2024. The Meeting was chaired by H.E. Gen. "
    "Vilay Lakhamfong, Minister of Public Security of the Lao People's Democratic Republic.",
    "2. The Ministers reaffirmed their commitment to combat terrorism, violent extremism, "
    "illicit drug trafficking, trafficking in persons, sea piracy and cybercrime, and agreed "
    "to strengthen the sharing of information among their law enforcement agencies.",
    "3. On the sidelines of the Meeting, the 9th AMMTC + Japan Consultation and the 11th "
    "AMMTC Plus Three Consultation were held on 19 September 2024 with China, Japan and the "
    "Republic of Korea.",
    "4. The Meeting noted with concern the growth of online scam centres in the Mekong "
    "sub-region, which lure victims from Viet Nam, Indonesia, the Philippines and beyond "
    "into forced criminality, and tasked the SOMTC to draw up a regional plan of action.",
    "5. Japan will continue to support capacity building for maritime law enforcement "
    "through the Japan-ASEAN Integration Fund, including training on piracy and armed "
    "robbery against ships in the Strait of Malacca.",
    "6. The Ministers welcomed the offer of Malaysia to host the 19th AMMTC in Kuala Lumpur "
    "in 2025, and of Timor-Leste to join the work of the SOMTC as an observer.",
    "DONE in Vientiane, Lao PDR, on the Twentieth Day of September in the Year Two Thousand "
    "and Twenty-Four.",
]  # fmt: skip
WORDS = 1_000


def two_page_statement(words: int = WORDS) -> str:
    paragraphs, count = [], 0
    while count < words:
        paragraph = PARAGRAPHS[len(paragraphs) % len(PARAGRAPHS)]
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def bench_read_statement(repeat: int = 15) -> float:
    """The median time, in seconds, to read a statement of about 1,000 words (two pages) for
    the first plan, its parties' names and areas loaded for each reading as the pages do."""
    plan = WorkPlan.objects.order_by("pk").first()
    text = two_page_statement()
    published = datetime.date(2024, 9, 20)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        read_statement(text, Lexicon.for_plan(plan), published=published)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
