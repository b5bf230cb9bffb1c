"""Which date and place belong to which meeting, and the meetings a statement proposes.

The rules, in the order they run:
1. In each sentence, a meeting takes the first date and the first place written after its
   name and before the next meeting's name (within 250 characters). A deadline ("by 30 June")
   is not a meeting's date, and a written date wins over a bare weekday. The first meeting of
   a sentence may take a date or place written before it ("On 22 August, the 8th ... was held").
2. Meetings named together ("the 9th AMMTC + Japan and the 11th AMMTC + 3 on 19 September")
   give each other what one lacks; a meeting held within another ("on the sidelines of the 17th
   AMMTC", "During the Meeting, ...") takes the other's date and place when it has none.
3. "The Meeting" gives the last meeting named before it the date and place of its own
   sentence, when that meeting has none.
4. The heading and the closing formula of a joint statement ("Vientiane, 20 September 2024",
   "Done in Manila on ...") give the first meeting named in the text its date and place, when
   it has none.
5. A body named with no number, date or place ("such as SOMTC and AMMTC") is a reference to the
   body, not a meeting, and is left out. Mentions of one meeting (the same body and number, or
   the same body and no conflicting date) make one proposal.
6. A date written without its year takes the year given by the caller (see `reader`).
7. Meetings held within three days of the text's first meeting, with no place of their own,
   are its related meetings and share its venue ("the 16th AMMTC and related meetings").
8. "The two ministerial meetings above were held on ..." gives its date and place to as many
   meetings named before; "The 1st, 2nd and 3rd Dialogues were held in ... respectively" makes
   one meeting per number with the matching part of the list.
9. A meeting "followed by" another, or named in "Following the AMF-9, ...", gives it its place
   only; one "held on the final day of" another takes that day. What the other meeting gets from
   any sentence counts ("The 20th AMMTC convened in Dili ... On the sidelines of the 20th AMMTC").
10. A "Published:" line and a press release's dateline are when the text was issued, never a
   meeting's date; a date written after a meeting's name wins over one written before it or in a
   heading. A date after "established", "set up", "founded", "issued" is not a meeting's.
"""

import datetime
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from workplan.statements.dates import DateFound, PartialDate
from workplan.statements.gazetteer import RELATED_MEETING_DAYS, WITHIN_WORDS, BodyInfo
from workplan.statements.lexicon import Lexicon
from workplan.statements.mentions import (
    Mention,
    find_back_references,
    find_mentions,
    find_next_meetings,
    find_plural_references,
    refer_bare_mentions,
    respective_meetings,
)
from workplan.statements.places import (
    Place,
    dateline_dates,
    find_places,
    host_country,
    line_city,
    publication_dates,
)
from workplan.statements.sentences import Sentence

Span = tuple[int, int]
MAX_DISTANCE = 250
HEADING_LENGTH = 100
WITHIN = "|".join(re.escape(words) for words in WITHIN_WORDS)
HELD_WITHIN = re.compile(rf"\b(?i:{WITHIN})\s+(?:the\s+)?$")
NAMED_TOGETHER = re.compile(r"\s*(?:,|and|&|as\s+well\s+as|,\s*and)\s+(?:the\s+)?")
SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.IGNORECASE)
FINAL_DAY = re.compile(r"\bon\s+the\s+(?:final|last|closing)\s+day\s+of\b", re.I)
REGULARLY = re.compile(r"\s*(?:annually|every\s+year|each\s+year|regularly|since\b)", re.I)
FOLLOWED_BY = re.compile(r"\b(?:was|were|is|are|will\s+be)\s+followed\s+by\s+(?:the\s+)?$")
FOLLOWING = re.compile(r"^\W*(?:Following|After)\s+(?:the\s+)?$")
# "concluded after five days", "for three days": how long the meeting named before lasted.
LASTING = re.compile(
    r"\b(?:after|for|over|lasting)\s+(?P<days>two|three|four|five|six|seven|\d)\s+days\b"
)
CLOSING = re.compile(r"^\W*(?:Done|Adopted|Issued|Signed|Made)\s+(?:in|at)\b", re.IGNORECASE)


@dataclass
class MeetingFound:
    """A meeting the statement names, as proposed: None where the text does not say."""

    name: str
    body: BodyInfo
    number: int | None
    start: PartialDate | None
    end: PartialDate | None
    city: str | None
    country: str | None
    spans: list[Span] = field(default_factory=list)
    weak_date: bool = field(default=False, repr=False)  # from before the name or a heading

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "body": self.body.key,
            "number": self.number,
            "start_date": self.start.iso() if self.start else None,
            "end_date": self.end.iso() if self.end else None,
            "city": self.city,
            "country": self.country,
        }

    def absorb(self, other: "MeetingFound") -> None:
        """Another mention of the same meeting fills what this one lacks; a date written after
        the meeting's name wins over one written before it or in a heading."""
        if self.weak_date and other.start is not None and not other.weak_date:
            self.start, self.end, self.weak_date = other.start, other.end, False
        for name in ("number", "start", "end", "city", "country"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        self.spans = sorted(set(self.spans) | set(other.spans))


def find_meetings(text: str, sentences: list[Sentence], dates: list[DateFound], *, year,
                  reference, lexicon: Lexicon) -> list[MeetingFound]:  # fmt: skip
    mentions = find_mentions(text)
    mentions = sorted(mentions + find_next_meetings(text, mentions), key=_start)
    refer_bare_mentions(mentions)
    references = find_back_references(text, mentions) + find_plural_references(text, mentions)
    filed = dateline_dates(text, dates) + publication_dates(text, dates)
    usable = [
        date
        for date in dates
        if not date.deadline and date not in filed and date.resolved(year, reference)
    ]
    places = find_places(text, lexicon)
    mentions = sorted(mentions + respective_meetings(text, sentences, mentions, usable, places),
                      key=_start)  # fmt: skip
    links = _attach(text, sentences, sorted(mentions + references, key=_start), usable, places)
    _same_day(mentions)
    _fold(references)
    _hosts(text, mentions)
    _held_within(links, mentions)
    if mentions:
        _heading_and_closing(text, sentences, mentions, usable, places)
    return _proposals(text, mentions, year, reference)


def _attach(text, sentences, items, dates, places) -> list:
    """Each meeting's date and place from its sentence; returns the links of rule 2 (a meeting
    held within or after another) for what the other meeting gets from later sentences."""
    links: list[tuple[Mention, Mention, bool]] = []
    for sentence in sentences:
        inside = _within(items, sentence.start, sentence.end)
        if not inside:
            continue
        sentence_dates = _within(dates, sentence.start, sentence.end)
        sentence_places = _within(places, sentence.start, sentence.end)
        for index, item in enumerate(inside):
            stop = inside[index + 1].span[0] if index + 1 < len(inside) else sentence.end
            if item.respective:  # its date and place come from its list ("respectively")
                continue
            item.date = _first_after(sentence_dates, item.span[1], stop)
            item.place = _first_after(sentence_places, item.span[1], stop)
            item.same_day = bool(SAME_DAY.search(text, item.span[1], stop))
            if lasting := LASTING.search(text, item.span[1], stop):
                item.days = item.days or _count(lasting.group("days"))
        first = inside[0]
        if first.respective:
            continue
        before = _last_before(sentence_dates, first.span[0])
        if before and (first.date is None or _rank(before) > _rank(first.date)):
            first.date, first.weak_date = before, True
        first.place = first.place or _last_before(sentence_places, first.span[0])
        _share(text, sentence, inside, links)
    return links


def _count(words: str) -> int | None:
    return int(words) if words.isdigit() else {"two": 2, "three": 3, "four": 4, "five": 5,
                                               "six": 6, "seven": 7}.get(words)  # fmt: skip


def _rank(date: DateFound) -> tuple[int, int]:
    """A written date before a weekday; then a day before a month before a year."""
    if date.weekday is not None:
        return (0, 3)
    if date.day_offset is not None:
        return (1, 3)
    return (1, {"day": 3, "month": 2, "year": 1}[date.start.precision])


def _within(items: list, start: int, end: int) -> list:
    return [item for item in items if start <= item.span[0] < end]


def _first_after(items: list, begin: int, stop: int):
    near = [item for item in items if begin <= item.span[0] < stop]
    near = [item for item in near if item.span[0] - begin <= MAX_DISTANCE]
    written = [item for item in near if not getattr(item, "is_weekday", False)]
    return (written or near or [None])[0]


def _last_before(items: list, stop: int):
    before = [item for item in items if item.span[1] <= stop]
    before = [item for item in before if stop - item.span[1] <= MAX_DISTANCE]
    written = [item for item in before if not getattr(item, "is_weekday", False)]
    return (written or before or [None])[-1]


def _share(text: str, sentence: Sentence, inside: list[Mention], links: list) -> None:
    """Rule 2: meetings named together, and meetings held within another."""
    for first, second in pairwise(inside):
        between = text[first.span[1] : second.span[0]]
        if NAMED_TOGETHER.fullmatch(between):  # what the sentence says of both, not earlier
            first.date, second.date = first.date or second.date, second.date or first.date
            first.place, second.place = first.place or second.place, second.place or first.place
        elif HELD_WITHIN.search(between):
            _fill(first, second)
            second.place = second.place or _place_of(first)  # held in the same place
            links.append((first, second, False))
        elif FOLLOWED_BY.search(between) and not second.is_back_reference:
            second.place = second.place or _place_of(first)  # after it, where it was held
            links.append((second, first, True))
    opening = text[sentence.start : inside[0].span[0]]
    if HELD_WITHIN.search(opening):
        for later in inside[1:]:
            _fill(later, inside[0])
            links.append((later, inside[0], False))
    elif FOLLOWING.search(opening):
        for later in inside[1:]:
            later.place = later.place or _place_of(inside[0])
            links.append((later, inside[0], True))
    for target, _source, _place_only in links:
        if target in inside and FINAL_DAY.search(text, sentence.start, sentence.end):
            target.final_day = True


def _held_within(links: list, mentions: list[Mention]) -> None:
    """A meeting held within (or after) another takes what the text says of the other meeting
    anywhere: "The 20th AMMTC convened in Dili on 2-4 September. On the sidelines of the 20th
    AMMTC, the 10th AMMTC + Japan Consultation ..."."""
    for target, source, place_only in links:
        if target.is_back_reference:
            continue
        same = [source, *(m for m in mentions if _same_body(m, source) and m is not source)]
        theirs = next((d for m in same if (d := _date_of(m))), None)
        if not place_only and target.date is None:
            target.date = theirs
        if target.final_day and theirs is not None and target.date is theirs:
            target.date = replace(theirs, start=theirs.end or theirs.start, end=None)
        if target.place is None:
            target.place = next((p for m in same if (p := _place_of(m))), None)


def _same_body(mention: Mention, other: Mention) -> bool:
    return (
        mention.body is not None
        and mention.body == other.body
        and mention.number is not None
        and mention.number == other.number
    )


def _fill(target: Mention, source: Mention) -> None:
    if target.is_back_reference:  # "The Meeting" gives; what others say is not about it
        return
    target.date = target.date or _date_of(source)
    target.place = target.place or _place_of(source)


def _date_of(mention: Mention) -> DateFound | None:
    return mention.date or (mention.referent.date if mention.referent else None)


def _place_of(mention: Mention) -> Place | None:
    return mention.place or (mention.referent.place if mention.referent else None)


def _same_day(mentions: list[Mention]) -> None:
    """ "held on the same day": the date of the last meeting named before with one."""
    for index, mention in enumerate(mentions):
        if mention.same_day and mention.date is None:
            dated = [m for m in mentions[:index] if m.date]
            mention.date = dated[-1].date if dated else None


def _fold(references: list[Mention]) -> None:
    """Rule 3: "The Meeting" fills in the meeting it refers to; "The two-day meeting opened on
    Tuesday" gives its first day and length."""
    for reference in references:
        for meeting in [reference.referent, *reference.also]:
            _fold_one(reference, meeting)


def _fold_one(reference: Mention, meeting: Mention) -> None:
    meeting.days = meeting.days or reference.days
    if meeting.date and reference.date and reference.date.opening:
        meeting.opening = reference.date
        meeting.spans.append(reference.span)
    elif meeting.date is None and reference.date:
        meeting.date = reference.date
        meeting.spans.append(reference.span)
    if meeting.place is None and reference.place:
        meeting.place = reference.place
        meeting.spans.append(reference.span)


def _hosts(text: str, mentions: list[Mention]) -> None:
    """ "Indonesia to host the Sixth SOMTC": the host country, when no place says otherwise."""
    for mention in mentions:
        host = host_country(text, mention)
        if host is None:
            continue
        if mention.place is None:
            mention.place = host
        elif mention.place.country is None:
            mention.place = replace(mention.place, country=host.country)
        mention.spans.append(host.span)


def _heading_and_closing(text, sentences, mentions, dates, places) -> None:
    """Rule 4: a heading line right after the first meeting's name, and the closing formula."""
    main = mentions[0]
    for index, sentence in enumerate(sentences):
        heading = (
            index > 0
            and sentences[index - 1].start <= main.span[0] < sentences[index - 1].end
            and sentence.end - sentence.start <= HEADING_LENGTH
            and not _within(mentions, sentence.start, sentence.end)
        )
        if heading or CLOSING.match(text[sentence.start : sentence.end]):
            found = _within(places, sentence.start, sentence.end)
            city = line_city(text, sentence.start, sentence.end)
            _fill_from(main, _within(dates, sentence.start, sentence.end),
                       [city, *found] if city else found, mentions)  # fmt: skip


def _fill_from(main: Mention, dates: list, places: list, mentions: list) -> None:
    """A heading's date is the meeting's only when the text dates it nowhere else: a press
    release's dateline is its publication day."""
    same = [m for m in mentions if m.body == main.body and m.number == main.number]
    if main.date is None and dates and not any(m.date for m in same):
        main.date, main.weak_date = dates[0], True
    if main.place is None and places:
        main.place = places[0]


def _proposals(text: str, mentions: list[Mention], year, reference) -> list[MeetingFound]:
    """Rule 5: one proposal per meeting; references to a body alone are left out."""
    proposals: list[MeetingFound] = []
    venues: dict[int, Place] = {}
    for mention in mentions:
        found = _proposal(text, mention, year, reference)
        if found.number is None and found.start is None and mention.place is None:
            continue
        if found.number is None and REGULARLY.match(text, mention.span[1]):
            continue  # "has held the Dialogue annually since 2006": the body, not a meeting
        same = next((p for p in proposals if _same_meeting(p, found)), None)
        if same:
            same.absorb(found)
        else:
            proposals.append(found)
        if mention.place:
            venues.setdefault(id(same or found), mention.place)
    _related_meetings_share_the_venue(proposals, venues)
    return proposals


def _related_meetings_share_the_venue(proposals: list[MeetingFound], venues: dict) -> None:
    """Rule 7: meetings held within a few days of the text's first meeting, with no place of
    their own, are its related meetings, held at its venue."""
    main = proposals[0] if proposals else None
    venue = venues.get(id(main))
    if venue is None or main.start is None or main.start.precision != "day":
        return
    first = main.start.first_day() - datetime.timedelta(days=RELATED_MEETING_DAYS)
    last = (main.end or main.start).first_day() + datetime.timedelta(days=RELATED_MEETING_DAYS)
    for other in proposals[1:]:
        if other.city or other.country or other.start is None:
            continue
        if other.start.precision == "day" and first <= other.start.first_day() <= last:
            other.city, other.country = main.city, main.country
            other.spans = sorted(set(other.spans) | {venue.span})


def _proposal(text: str, mention: Mention, year, reference) -> MeetingFound:
    start = end = None
    if mention.date and (bounds := mention.date.resolved(year, reference)):
        start, end = _with_opening_and_length(mention, *bounds, year, reference)
    place = mention.place
    spans = [mention.span, *mention.spans]
    spans += [item.span for item in (mention.date, place) if item]
    return MeetingFound(
        name=" ".join(text[mention.span[0] : mention.span[1]].split()),
        body=mention.body,
        number=mention.number,
        start=start,
        end=end,
        city=place.city if place else None,
        country=place.country if place else None,
        spans=sorted(set(spans)),
        weak_date=mention.weak_date,
    )


def _with_opening_and_length(mention: Mention, start, end, year, reference):
    """A single day is the first and last day; "opened on Tuesday" moves the first day back
    (by two weeks at most); "the two-day meeting" gives the last day from the first."""
    if start.precision != "day":
        return start, end
    if mention.date.opening and not mention.days:
        return start, end  # "opened on Monday": when it ended is not said
    end = end or start
    opened = mention.opening.resolved(year, reference) if mention.opening else None
    if opened and opened[0].precision == "day":
        first = opened[0].first_day()
        if first < start.first_day() <= first + datetime.timedelta(days=14):
            start = opened[0]
    if mention.days and end == start:
        last = start.first_day() + datetime.timedelta(days=mention.days - 1)
        end = PartialDate(last.year, last.month, last.day)
    return start, end


def _same_meeting(known: MeetingFound, found: MeetingFound) -> bool:
    if known.body.key != found.body.key:
        return False
    if known.number is not None and found.number is not None:
        return known.number == found.number
    return known.start is None or found.start is None or known.start == found.start


def _start(item) -> int:
    return item.span[0]
