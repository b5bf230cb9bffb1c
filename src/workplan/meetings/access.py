"""Who may see and do what in the meeting cycle.

- Bodies are seen by every signed-in user. A meeting, its agenda, decisions, documents and
  action items are seen by whoever sees the plan it reviews or one of the plans it also notes
  (every signed-in user when it names no plan at all); a reader who sees none of them never
  learns the meeting exists. Activities linked to them, and the plans it names, are shown
  only to those who may see them.
- The secretariat manages bodies, meetings, agendas, decisions, action items and amendments.
- A focal point of an action item's owner party writes progress notes on it and sets its
  status (open, in progress, done, dropped).
- Amendments are seen with their plan.
- Anyone, signed in or not, reads the meetings (body, number, dates, place) that review or
  note a published plan; never their agenda, decisions, documents or action items, which may name
  what is not public.
"""

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, When

from workplan.core import access
from workplan.core.access import ADD, REPORT
from workplan.meetings.models import (
    ActionItem,
    ActionNote,
    AgendaItem,
    Amendment,
    Body,
    Decision,
    Meeting,
    MeetingDocument,
    serves_q,
)
from workplan.plans.models import WorkPlan


def _visible_plans(user):
    return access.restrict(WorkPlan.objects.all(), user)


def _meeting_q(user, prefix: str = "") -> Q:
    """Meetings (reached through `prefix`) that serve a plan the user sees, or name none."""
    noted = Meeting.noted_plans.through.objects.filter(meeting_id=OuterRef(f"{prefix}pk"))
    names_none = Q(**{f"{prefix}plan__isnull": True}) & ~Q(Exists(noted))
    return names_none | serves_q(_visible_plans(user), prefix)


def with_plans_shown(meetings, user):
    """Meetings each told which of their plans `user` may see: `shown_plan_id` is the plan
    it reviews, or None when hidden; `noted_plans` holds only the noted plans the user sees."""
    visible = _visible_plans(user)
    shown = Case(When(plan__in=visible, then=F("plan_id")), default=None)
    noted = Prefetch("noted_plans", queryset=visible.order_by("short_title", "pk"))
    return meetings.annotate(shown_plan_id=shown).prefetch_related(noted)


class BodyRule(access.Rule):
    def visible(self, queryset, user):
        return queryset if user.is_authenticated and user.is_active else queryset.none()

    def allows(self, user, action, obj):
        return user.is_secretariat

    def allows_kind(self, user, action):
        """Only the Secretariat adds bodies (shared by every plan)."""
        return action == ADD and user.is_secretariat


class MeetingPartRule(access.Rule):
    """A meeting, or a part of one reached through `path` (e.g. "agenda_item__meeting__")."""

    def __init__(self, path: str = ""):
        self.path = path

    def visible(self, queryset, user):
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        return queryset.filter(_meeting_q(user, self.path))

    def allows(self, user, action, obj):
        return user.is_secretariat

    def allows_kind(self, user, action):
        """Meetings and their parts are added by the secretariat."""
        return action == ADD and user.is_secretariat


class MeetingRule(MeetingPartRule):
    def published(self, queryset):
        return queryset.filter(serves_q(access.published(WorkPlan.objects.all())))


class ActionItemRule(MeetingPartRule):
    def allows(self, user, action, obj):
        if action == REPORT:
            owner = user.is_focal_point and obj.owners.filter(pk=user.party_id).exists()
            return user.is_secretariat or owner
        return user.is_secretariat


class AmendmentRule(access.Rule):
    def visible(self, queryset, user):
        return queryset.filter(plan__in=_visible_plans(user))

    def allows(self, user, action, obj):
        return user.is_secretariat


access.register(Body, BodyRule())
access.register(Meeting, MeetingRule())
access.register(MeetingDocument, MeetingPartRule("meeting__"))
access.register(AgendaItem, MeetingPartRule("meeting__"))
access.register(Decision, MeetingPartRule("agenda_item__meeting__"))
access.register(ActionItem, ActionItemRule("agenda_item__meeting__"))
access.register(ActionNote, MeetingPartRule("action_item__agenda_item__meeting__"))
access.register(Amendment, AmendmentRule())
