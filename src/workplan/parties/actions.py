"""Every write to parties."""

from django.db import transaction

from workplan.core import records
from workplan.parties.models import Party


@transaction.atomic
def ensure_party(
    code: str, *, name: str, kind: str, member_since=None, aliases=(), actor=None
) -> Party:
    """The party with this code, created if it is not there yet (an existing one is kept as is)."""
    party = Party.objects.filter(code=code).first()
    if party:
        return party
    party = Party(code=code, name=name, kind=kind, member_since=member_since, aliases=list(aliases))
    party.full_clean()
    return records.create(party, actor=actor)
