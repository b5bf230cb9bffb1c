"""Every name a party goes by, as the register keeps it: its code, its name and its aliases
(`Party.aliases`). The statement reader and the Excel import both resolve a written name to a
party here, so a party added with its aliases is known to both without code.

Names are compared ignoring case, spacing, curly apostrophes and a leading "the" ("the
Philippines"). When two parties claim the same word, a code or a name wins over an alias.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workplan.parties.models import Party


@dataclass(frozen=True)
class NamedParty:
    """A party by its code and names; also a country or grouping a text names that is not in
    the register (the reader's gazetteer adds them)."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def comparable(text: str) -> str:
    """A name as names are compared, of parties and of other things (the import's areas and
    funding sources): case, spacing and curly apostrophes do not matter."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def normal(name: str) -> str:
    """A party's name as it is compared: a leading "the" does not matter either."""
    return comparable(name).removeprefix("the ")


class PartyNames:
    """The names of some parties, read once and asked many times."""

    def __init__(self, parties: Iterable):
        """From `Party` rows (saved or not) or `NamedParty` entries; the first of a code wins."""
        self.parties: dict[str, NamedParty] = {}
        for party in parties:
            entry = NamedParty(party.code, party.name, tuple(party.aliases))
            self.parties.setdefault(party.code, entry)
        self._codes: dict[str, str] = {}
        for party in self.parties.values():
            for name in (party.code, party.name):
                self._codes.setdefault(normal(name), party.code)
        for party in self.parties.values():
            for alias in party.aliases:
                self._codes.setdefault(normal(alias), party.code)

    @classmethod
    def load(cls) -> "PartyNames":
        """Every party in the register (one query)."""
        return cls(Party.objects.only("code", "name", "aliases"))

    def code_of(self, written: str) -> str | None:
        """The code of the party a code, name or alias stands for; None when none does."""
        return self._codes.get(normal(written))

    def name_of(self, code: str) -> str:
        return self.parties[code].name

    def __getitem__(self, code: str) -> NamedParty:
        return self.parties[code]

    def __iter__(self) -> Iterator[NamedParty]:
        return iter(self.parties.values())

    def __contains__(self, code: str) -> bool:
        return code in self.parties
