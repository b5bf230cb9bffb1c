"""Who may see and do what with progress reporting.

- A progress update: the reporting party's users see all its updates; the secretariat sees
  every update that has been submitted at least once; everyone else sees accepted updates;
  always only on activities the user may see.
- A focal point of an activity's lead or partner party reports on it ("report"): writes a
  draft for its own party, edits it while draft or returned, and submits it.
- The secretariat may write and submit an update on a party's behalf ("on_behalf", e.g. from
  the party's reporting workbook sent by e-mail): its own drafts, and updates while draft or
  returned; it sees the drafts it wrote.
- Only the secretariat accepts or returns a submitted update, and reopens an accepted one.
- The reporting party's users and the secretariat write in an update's discussion.
- Evidence and comments are seen by whoever sees their update.
- Reporting periods are seen with their plan and changed by the secretariat.
"""

from django.db.models import Exists, OuterRef, Q

from workplan.core import access
from workplan.core.access import (
    ADD_PERIOD,
    CHANGE,
    COMMENT,
    ON_BEHALF,
    REOPEN,
    REPORT,
    REVIEW,
    SUBMIT,
)
from workplan.plans.models import Activity, WorkPlan
from workplan.reporting.models import (
    Evidence,
    ProgressUpdate,
    ReportingPeriod,
    UpdateComment,
)

Status = ProgressUpdate.Status


def may_report(user, activity: Activity) -> bool:
    if not user.is_focal_point or activity.is_archived:
        return False
    if activity.status == Activity.Status.CANCELLED:
        return False
    involved = activity.lead_party_id == user.party_id
    return involved or activity.partner_parties.filter(pk=user.party_id).exists()


def may_report_on_behalf(user, activity: Activity) -> bool:
    """The Secretariat reports for a party on an activity still running."""
    if not user.is_secretariat or activity.is_archived:
        return False
    return activity.status != Activity.Status.CANCELLED


class UpdateRule(access.Rule):
    def visible(self, queryset, user):
        # asked row by row (EXISTS) rather than as a set of every visible activity, so a page
        # of the newest updates reads only the rows it shows
        activities = access.restrict(Activity.objects.all(), user)
        queryset = queryset.filter(Exists(activities.filter(pk=OuterRef("activity_id"))))
        if not user.is_authenticated:
            return queryset.none()
        own = Q(party_id=user.party_id) if user.party_id else Q(pk__in=[])
        if user.is_secretariat:
            written = Q(created_by=user) | Q(submitted_at__isnull=False)
            return queryset.filter(own | written)
        return queryset.filter(own | Q(status=Status.ACCEPTED))

    def published(self, queryset):
        """Accepted updates of published activities; drafts, submitted and returned ones never."""
        activities = access.published(Activity.objects.all())
        return queryset.filter(
            Exists(activities.filter(pk=OuterRef("activity_id"))), status=Status.ACCEPTED
        )

    def allows_kind(self, user, action):
        """The review queue is the secretariat's; focal points report (and have tasks)."""
        if action == REVIEW:
            return user.is_secretariat
        return action == REPORT and user.is_focal_point

    def allows(self, user, action, obj):
        own = user.is_focal_point and obj.party_id == user.party_id
        if action in (CHANGE, SUBMIT):
            return own and obj.is_editable and not obj.activity.is_archived
        if action == ON_BEHALF:
            return user.is_secretariat and obj.is_editable and not obj.activity.is_archived
        if action == REVIEW:
            return user.is_secretariat and obj.status == Status.SUBMITTED
        if action == REOPEN:
            return user.is_secretariat and obj.status == Status.ACCEPTED
        if action == COMMENT:
            return user.is_secretariat or (user.is_active and obj.party_id == user.party_id)
        return False


class FollowsUpdateRule(access.Rule):
    """Evidence and comments are seen with their update."""

    def visible(self, queryset, user):
        updates = access.restrict(ProgressUpdate.objects.all(), user)
        return queryset.filter(update__in=updates)


class PeriodRule(access.Rule):
    def visible(self, queryset, user):
        return queryset.filter(plan__in=access.restrict(WorkPlan.objects.all(), user))

    def allows(self, user, action, obj):
        return user.is_secretariat


def _may_manage_periods(user, plan) -> bool:
    return user.is_secretariat


access.register(ProgressUpdate, UpdateRule())
access.register(Evidence, FollowsUpdateRule())
access.register(UpdateComment, FollowsUpdateRule())
access.register(ReportingPeriod, PeriodRule())
access.register_action(Activity, REPORT, may_report)
access.register_action(Activity, ON_BEHALF, may_report_on_behalf)
access.register_action(WorkPlan, ADD_PERIOD, _may_manage_periods)
