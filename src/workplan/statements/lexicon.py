"""What the reader takes from the register for one reading: the names of every party
(`parties.names`), and the priority areas of the plan it reads for with their keywords. The
gazetteer adds the grouping as a whole and the countries that are not parties.

Read once per reading (two queries, `Lexicon.for_plan`); the patterns made from it are compiled
once for each set of names and words, so reading stays as fast as with fixed tables.
"""

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from workplan.parties.models import Party
from workplan.parties.names import NamedParty, PartyNames
from workplan.statements.gazetteer import ASEAN, ASEAN_NAMES, OTHER_COUNTRIES

# Names shorter than this are not looked for in a text: two-letter codes such as MY, ID or LA
# are words too. They still resolve when asked (the import's suggestions).
SHORTEST_NAME_READ = 3


@dataclass(frozen=True)
class AreaWords:
    """A priority area as the reader looks for it: its name, then its keywords."""

    key: str
    name: str
    keywords: tuple[str, ...]

    def pattern(self) -> re.Pattern:
        return _area_pattern(self)


@dataclass(frozen=True)
class Lexicon:
    """The parties' names and the plan's areas one reading uses."""

    parties: PartyNames
    areas: tuple[AreaWords, ...]
    # The member states, each with the day it joined (None: a founding or early member), for
    # "all ASEAN Member States" and "the ASEAN 10".
    members: tuple[tuple[str, datetime.date | None], ...] = ()

    @classmethod
    def for_plan(cls, plan) -> "Lexicon":
        """Every party in the register and the plan's areas, in the plan's order."""
        parties = Party.objects.only("code", "name", "aliases", "kind", "member_since")
        return cls.of(parties, plan.areas.only("plan", "key", "name", "keywords"))

    @classmethod
    def of(cls, parties: Iterable, areas: Iterable) -> "Lexicon":
        """From parties and areas, saved or not; the gazetteer's countries that the parties do
        not include, and the grouping, are added."""
        parties = list(parties)
        grouping = NamedParty(ASEAN, ASEAN_NAMES[0], ASEAN_NAMES[1:])
        others = [NamedParty(code, names[0], names[1:]) for code, names in OTHER_COUNTRIES.items()]
        members = tuple(
            (party.code, party.member_since)
            for party in parties
            if getattr(party, "kind", None) == Party.Kind.MEMBER_STATE
        )
        return cls(
            PartyNames([*parties, grouping, *others]),
            tuple(AreaWords(a.key, a.name, tuple(a.keywords)) for a in areas),
            members,
        )

    def members_on(self, day: datetime.date | None) -> list[str]:
        """The member states on a day; those that joined on a known day need the day known."""
        return [code for code, since in self.members if since is None or (day and since <= day)]

    @property
    def area_names(self) -> dict[str, str]:
        return {area.key: area.name for area in self.areas}

    def spellings(self, codes: Iterable[str] | None = None) -> tuple[str, ...]:
        """The names to look for in a text, of all parties or of those codes, each also with
        curly apostrophes; sorted, so that the same names give the same compiled pattern."""
        chosen = (
            self.parties if codes is None else (self.parties[c] for c in codes if c in self.parties)
        )
        names = {
            name for party in chosen for name in party.names if len(name) >= SHORTEST_NAME_READ
        }
        return tuple(sorted(names | {name.replace("'", "’") for name in names}))


@functools.lru_cache(maxsize=64)
def _area_pattern(area: AreaWords) -> re.Pattern:
    """The area's keywords, then its name (any spacing between its words), as whole words."""
    name = r"\s+".join(re.escape(word) for word in area.name.split())
    words = [keyword.replace(r"\s+", r"[\s-]+") for keyword in [*area.keywords, name]]
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE)
