"""Who is told: the people on each side of the reporting workflow."""

from django.db.models import Q, QuerySet

from workplan.accounts.models import User

Role = User.Role


def secretariat() -> QuerySet:
    """Every active Secretariat officer (and administrator), who review updates."""
    return User.objects.filter(Q(role=Role.SECRETARIAT) | Q(is_superuser=True), is_active=True)


def focal_points(party_ids) -> QuerySet:
    """The active focal points of these parties, who report for them."""
    return User.objects.filter(party_id__in=party_ids, role=Role.FOCAL_POINT, is_active=True)
