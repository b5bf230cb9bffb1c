"""One reading as forms: each proposal beside the words that justify it, to be accepted,
corrected or ignored. Nothing is written here; `actions.record_statement` does that on confirm.

On confirm the text comes back with the forms and is read again: the reader is
deterministic, so the proposals and their spans are the ones the person saw.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from workplan.core import access
from workplan.meetings.models import Body, Meeting
from workplan.parties.models import Party
from workplan.plans.models import WorkPlan
from workplan.statements.actions import MeetingChoice
from workplan.statements.extract import normalise
from workplan.statements.forms import (
    ACCEPT,
    IGNORE,
    CommitmentFormSet,
    DocumentForm,
    MeetingFormSet,
)
from workplan.statements.gazetteer import ASEAN, KNOWN_BODIES, BodyInfo
from workplan.statements.highlight import highlight, snippet
from workplan.statements.lexicon import Lexicon
from workplan.statements.reader import Reading, read_statement


class Review:
    """The proposals of one reading, as forms, with what the page shows beside them."""

    def __init__(self, reading: Reading, document: dict, user, data=None):
        """`document`: the statement as read (`ReadForm.document`), at least its plan."""
        self.reading = reading
        self.user = user
        self.plan = document["plan"]
        areas = list(reading.lexicon.area_names.items())
        self.parties = _party_labels(reading)
        self.bodies = _bodies(reading)
        self.countries = {p.code: p for p in Party.objects.exclude(kind=Party.Kind.SECRETARIAT)}
        self.matches = _matches(reading, user)
        read_with = document.get("published")
        self.document = DocumentForm(
            data,
            initial={**document, "parties": [p.code for p in reading.parties],
                     "areas": [a.key for a in reading.priority_areas],
                     "read_with": read_with.isoformat() if read_with else "",
                     "plan": self.plan.pk},
            party_choices=list(self.parties.items()),
            area_choices=areas,
        )  # fmt: skip
        self.meetings = MeetingFormSet(
            data,
            prefix="meeting",
            initial=[self._meeting_initial(found) for found in reading.meetings],
            form_kwargs={
                "body_choices": sorted(
                    ((key, b.short_name) for key, b in self.bodies.items()), key=lambda c: c[1]
                ),
                "country_choices": [(code, p.name) for code, p in self.countries.items()],
            },
        )
        for form, found in zip(self.meetings.forms, reading.meetings, strict=False):
            if self._conflict(found):
                form.ask_which_is_right()
        self.commitments = CommitmentFormSet(
            data,
            prefix="commitment",
            initial=[
                {"keep": True, "text": c.text, "priority_area": c.priority_area or ""}
                for c in reading.commitments
            ],
            form_kwargs={"area_choices": areas},
        )

    @classmethod
    def posted(cls, data, user) -> "Review | None":
        """The review as sent back on confirm; None when the text or its plan did not come
        back (or is a plan the user may not see)."""
        text = normalise(data.get("text") or "")
        plan = _plan(data.get("plan"), user)
        if not text.strip() or plan is None:
            return None
        lexicon = Lexicon.for_plan(plan)
        reading = read_statement(text, lexicon, published=_date(data.get("read_with")))
        return cls(reading, {"plan": plan}, user, data)

    def is_valid(self) -> bool:
        forms = [self.document, self.meetings, self.commitments]
        results = [form.is_valid() for form in forms]  # each runs, so every error shows
        return all(results) and self._matches_the_reading()

    def _matches_the_reading(self) -> bool:
        """The forms sent back are those of this reading (a changed page is refused)."""
        same = self.meetings.total_form_count() == len(self.reading.meetings) and (
            self.commitments.total_form_count() == len(self.reading.commitments)
        )
        if not same and not self.document.has_error(NON_FIELD_ERRORS):
            self.document.add_error(
                None, _("The proposals no longer match the text: read it again.")
            )
        return same

    @property
    def has_errors(self) -> bool:
        return self.document.is_bound and not self.is_valid()

    def add_error(self, error) -> None:
        self.document.add_error(None, error)

    def to_record(self) -> dict:
        """The arguments of `record_statement`: what the person accepted and corrected."""
        document = self.document.cleaned_data
        fields = {name: document[name] for name in ("title", "published", "source_name")}
        fields["text"] = self.reading.text
        accepted = [
            self._choice(form, found)
            for form, found in zip(self.meetings.forms, self.reading.meetings, strict=False)
            if form.accepted
        ]
        return {"fields": fields, "meetings": accepted, "findings": self._findings(document)}

    # What the page shows

    def meeting_rows(self) -> list[dict]:
        text = self.reading.text
        rows = []
        for form, found in zip(self.meetings.forms, self.reading.meetings, strict=False):
            rows.append({
                "form": form,
                "found": found,
                "snippets": [snippet(text, [(s, e, "meeting", found.name) for s, e in group])
                             for group in _groups(found.spans)],
                "match": self.matches.get((found.body.key, found.number)),
                "conflict": self._conflict(found),
                "unknown_country": found.country and found.country not in self.countries,
            })  # fmt: skip
        return rows

    def area_evidence(self) -> dict[str, list]:
        """Each area found, with its sentences and the area's words marked in them."""
        names = self.reading.lexicon.area_names
        return {
            area.key: [_sentence_with_words(self.reading.text, area, names[area.key], sentence)
                       for sentence in area.sentences]
            for area in self.reading.priority_areas
        }  # fmt: skip

    def commitment_rows(self) -> list[dict]:
        text = self.reading.text
        return [
            {"form": form, "snippets": [snippet(text, [(s, e, "commitment", "Commitment")])
                                        for s, e in found.spans]}
            for form, found in zip(self.commitments.forms, self.reading.commitments, strict=False)
        ]  # fmt: skip

    def party_words(self) -> dict[str, list[str]]:
        """Each party found, with the words that name it in the text."""
        text = self.reading.text
        return {
            p.code: list(dict.fromkeys(" ".join(text[s:e].split()) for s, e in p.spans))
            for p in self.reading.parties
        }

    def highlighted_text(self):
        return highlight(self.reading.text, marks_of(self.reading))

    def context(self) -> dict:
        return {"review": self, "reading": self.reading}

    # Building blocks

    def _conflict(self, found) -> list[dict]:
        """The fields in which the recorded meeting of the same body and number differs from
        the proposal, each with both values; empty when they agree or nothing is recorded."""
        match = self.matches.get((found.body.key, found.number))
        if match is None:
            return []
        rows = [
            (_("Dates"), _dates_label(found.start, found.end), match.dates_label,
             _same_dates(found, match)),
            (_("City"), found.city or "—", match.city or "—",
             not found.city or found.city.casefold() == match.city.casefold()),
            (_("Country"), self._country_name(found.country), str(match.country or "—"),
             not found.country or found.country == getattr(match.country, "code", None)),
        ]  # fmt: skip
        if all(same for *_values, same in rows):
            return []
        return [
            {"label": label, "statement": said, "record": kept, "same": same}
            for label, said, kept, same in rows
        ]

    def _country_name(self, code) -> str:
        party = self.countries.get(code)
        return str(party) if party else (code or "—")

    def _meeting_initial(self, found) -> dict:
        recordable = found.number is not None and found.start is not None
        matched = (found.body.key, found.number) in self.matches
        decision = ACCEPT if recordable or matched else IGNORE
        if self._conflict(found):
            decision = None  # the person says which is right: nothing is linked silently
        return {
            "decision": decision,
            "body": found.body.key,
            "number": found.number,
            "start": found.start,
            "end": found.end,
            "city": found.city or "",
            "country": found.country if found.country in self.countries else "",
        }

    def _choice(self, form, found) -> MeetingChoice:
        data = form.cleaned_data
        kept = {
            "name": found.name,
            "body": data["body"],
            "number": data["number"],
            "start_date": data["start"].iso(),
            "end_date": data["end"].iso() if data["end"] else None,
            "city": data["city"] or None,
            "country": data["country"] or None,
            "proposed": found.as_json(),
            "spans": found.spans,
        }
        return MeetingChoice(
            correct_record=form.corrects_record,
            body=self.bodies[data["body"]],
            number=data["number"],
            start=data["start"],
            end=data["end"],
            city=data["city"],
            country=self.countries.get(data["country"]),
            found=kept,
        )

    def _findings(self, document: dict) -> dict:
        """What is kept with the statement: the parties, areas and commitments left ticked."""
        spans = {party.code: party.spans for party in self.reading.parties}
        areas = {area.key: area for area in self.reading.priority_areas}
        rows = zip(self.commitments.forms, self.reading.commitments, strict=False)
        return {
            "plan": self.plan.pk,
            "year": self.reading.year,
            "parties": [{"code": c, "spans": spans.get(c, [])} for c in document["parties"]],
            "priority_areas": [_area_kept(key, areas.get(key)) for key in document["areas"]],
            "commitments": [_commitment_kept(form, found) for form, found in rows
                            if form.cleaned_data["keep"]],
        }  # fmt: skip


def _area_kept(key: str, found) -> dict:
    return {
        "key": key,
        "evidence": found.evidence if found else [],
        "spans": found.spans if found else [],
    }


def _commitment_kept(form, found) -> dict:
    data = form.cleaned_data
    return {
        "text": data["text"],
        "priority_area": data["priority_area"] or None,
        "spans": found.spans,
    }


def _sentence_with_words(text: str, area, name: str, sentence: tuple[int, int]):
    start, end = sentence
    words = [(s, e, "area", name) for s, e in area.spans if start <= s < end]
    return snippet(text, words, whole=sentence)


def marks_of(reading: Reading) -> list:
    """Every justifying span of a reading, labelled with what it supports."""
    marks = [
        (s, e, "meeting", _("Meeting: %(name)s") % {"name": m.name})
        for m in reading.meetings
        for s, e in m.spans
    ]
    marks += [
        (s, e, "party", _("Party: %(code)s") % {"code": p.code})
        for p in reading.parties
        for s, e in p.spans
    ]
    names = reading.lexicon.area_names
    marks += [
        (s, e, "area", _("Area: %(name)s") % {"name": names[a.key]})
        for a in reading.priority_areas
        for s, e in a.spans
    ]
    commitment = _("Commitment")
    marks += [(s, e, "commitment", commitment) for c in reading.commitments for s, e in c.spans]
    return marks


def _party_labels(reading: Reading) -> dict[str, str]:
    """Parties found first, then every other party in the register, to add one."""
    known = {party.code: f"{party.name} ({party.code})" for party in Party.objects.all()}
    labels = {}
    for party in reading.parties:
        if party.code == ASEAN:
            labels[ASEAN] = _("ASEAN, the grouping as a whole")
        else:
            labels[party.code] = known.get(
                party.code, f"{reading.lexicon.parties.name_of(party.code)} ({party.code})"
            )
    return {**labels, **{code: label for code, label in known.items() if code not in labels}}


def _bodies(reading: Reading) -> dict[str, BodyInfo]:
    """The bodies a meeting may be recorded under: those the reader knows, those it found, and
    those in the register (under their registered names)."""
    registered = {
        body.key: BodyInfo(body.key, body.short_name, body.name, body.level)
        for body in Body.objects.all()
    }
    found = {meeting.body.key: meeting.body for meeting in reading.meetings}
    return {**KNOWN_BODIES, **found, **registered}


def _matches(reading: Reading, user) -> dict:
    keys = {m.body.key for m in reading.meetings if m.number is not None}
    numbers = {m.number for m in reading.meetings if m.number is not None}
    if not keys:
        return {}
    meetings = access.restrict(
        Meeting.objects.filter(body__key__in=keys, number__in=numbers).select_related(
            "body", "country"
        ),
        user,
    )
    return {(meeting.body.key, meeting.number): meeting for meeting in meetings}


def _dates_label(start, end) -> str:
    if start is None:
        return "—"
    if end and end != start:
        return _("%(start)s to %(end)s") % {"start": start.iso(), "end": end.iso()}
    return start.iso()


def _same_dates(found, meeting) -> bool:
    """Does the record hold the dates the statement gives (as precisely as it gives them)?"""
    if found.start is None:
        return True
    if found.start.precision != meeting.date_precision:
        return False
    start = found.start.first_day()
    if found.start.precision != "day":
        return (start.year, start.month if found.start.month else 1) == (
            meeting.start_date.year,
            meeting.start_date.month if found.start.month else 1,
        )
    end = (found.end or found.start).first_day()
    return start == meeting.start_date and end == (meeting.end_date or meeting.start_date)


def _groups(spans: list, gap: int = 120) -> list[list]:
    """Spans close to each other, shown in one snippet."""
    groups: list[list] = []
    for span in sorted(spans):
        if groups and span[0] - groups[-1][-1][1] <= gap:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _plan(value, user) -> WorkPlan | None:
    try:
        return access.restrict(WorkPlan.objects.all(), user).filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
