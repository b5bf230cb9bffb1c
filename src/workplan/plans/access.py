"""Who may see and change plans and activities.

- A plan: the secretariat sees every plan; others see the plans their party is a party
  to, and plans marked public.
- An activity, by its classification: public ones are seen by every signed-in user who
  sees its plan; plan-internal ones by users whose party is a party of the plan;
  restricted ones only by its lead and partner parties and the secretariat.
- The secretariat changes any activity; a focal point changes (and archives) the
  activities its party leads, and adds activities to its party's plans, led by its party;
  an archived activity is read-only until the secretariat restores it. Viewers read.
- Only the secretariat gives an activity to another party to lead.
- Only the secretariat creates a plan, adds its areas and commitments, and publishes it.
  Anyone, signed in or not, reads a published plan,
  its areas and commitments, and its public activities that are not archived (with their
  indicators): the public pages and the IATI open data.
- Codes are unique in a plan; refusing a code taken by an activity the user cannot see
  tells them it exists (only its code). Accepted: codes carry no content.
"""

from django.db.models import Exists, OuterRef, Q

from workplan.core import access
from workplan.core.access import ADD, ADD_ACTIVITY, ARCHIVE, CHANGE, LEAD, RESTORE
from workplan.plans.models import Activity, Commitment, Indicator, PriorityArea, WorkPlan


def _plan_q(user) -> Q:
    """Plans the user's party belongs to, or that are public."""
    member = Exists(
        WorkPlan.parties.through.objects.filter(workplan_id=OuterRef("pk"), party_id=user.party_id)
    )
    return Q(is_public=True) | Q(member)


class PlanRule(access.Rule):
    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        if user.is_secretariat:
            return queryset
        return queryset.filter(_plan_q(user))

    def published(self, queryset):
        return queryset.filter(is_public=True)

    def allows(self, user, action, obj):
        if action == ADD_ACTIVITY:
            return user.is_secretariat or (
                # the plan's parties are often fetched with it already
                user.is_focal_point and any(p.pk == user.party_id for p in obj.parties.all())
            )
        return user.is_secretariat

    def allows_kind(self, user, action):
        """Only the Secretariat creates plans."""
        return action == ADD and user.is_secretariat


class AreaRule(access.Rule):
    def visible(self, queryset, user):
        plans = PlanRule().visible(WorkPlan.objects.all(), user)
        return queryset.filter(plan__in=plans)

    def published(self, queryset):
        return queryset.filter(plan__is_public=True)

    def allows(self, user, action, obj):
        return user.is_secretariat


class CommitmentRule(AreaRule):
    def visible(self, queryset, user):
        plans = PlanRule().visible(WorkPlan.objects.all(), user)
        return queryset.filter(area__plan__in=plans)

    def published(self, queryset):
        return queryset.filter(area__plan__is_public=True)


class ActivityRule(access.Rule):
    def visible(self, queryset, user):
        if not user.is_authenticated or not user.is_active:
            return queryset.none()
        if user.is_secretariat:
            return queryset
        plans = PlanRule().visible(WorkPlan.objects.all(), user)
        return queryset.filter(plan__in=plans).filter(_classification_q(user))

    def published(self, queryset):
        return queryset.filter(
            plan__is_public=True,
            classification=Activity.Classification.PUBLIC,
            archived_at__isnull=True,
        )

    def allows(self, user, action, obj):
        if action in (CHANGE, ARCHIVE):
            return not obj.is_archived and (
                user.is_secretariat or (user.is_focal_point and obj.lead_party_id == user.party_id)
            )
        if action == RESTORE:
            return obj.is_archived and user.is_secretariat
        if action == LEAD:
            return user.is_secretariat or obj.lead_party_id == user.party_id
        return False

    def allows_kind(self, user, action):
        """Only the secretariat gives activities to any party to lead."""
        return action == LEAD and user.is_secretariat

    def actionable(self, queryset, user, action):
        visible = self.visible(queryset, user)
        if action == RESTORE:
            return (
                visible.filter(archived_at__isnull=False) if user.is_secretariat else visible.none()
            )
        if action not in (CHANGE, ARCHIVE):
            return visible.none()
        active = visible.filter(archived_at__isnull=True)
        if user.is_secretariat:
            return active
        return active.filter(lead_party_id=user.party_id) if user.is_focal_point else active.none()


def _classification_q(user) -> Q:
    member = Exists(
        WorkPlan.parties.through.objects.filter(
            workplan_id=OuterRef("plan_id"), party_id=user.party_id
        )
    )
    partner = Exists(
        Activity.partner_parties.through.objects.filter(
            activity_id=OuterRef("pk"), party_id=user.party_id
        )
    )
    return classification_rule(
        member=Q(member), involved=Q(lead_party_id=user.party_id) | Q(partner)
    )


def classification_rule(*, member: Q, involved: Q) -> Q:
    """The activities a party sees by their classification: public ones, plan-internal ones
    when it is a party of the plan (`member`), restricted ones when it leads or partners them
    (`involved`). Written once for the activity rule and the tallies (`reporting.tally`),
    which give their own `member` and `involved`."""
    return (
        Q(classification=Activity.Classification.PUBLIC)
        | (Q(classification=Activity.Classification.INTERNAL) & member)
        | (Q(classification=Activity.Classification.RESTRICTED) & involved)
    )


class IndicatorRule(access.Rule):
    """Indicators are seen with their activity and kept by whoever may change the activity."""

    def visible(self, queryset, user):
        return queryset.filter(activity__in=ActivityRule().visible(Activity.objects.all(), user))

    def published(self, queryset):
        return queryset.filter(activity__in=ActivityRule().published(Activity.objects.all()))

    def allows(self, user, action, obj):
        return ActivityRule().allows(user, CHANGE, obj.activity)


access.register(WorkPlan, PlanRule())
access.register(Indicator, IndicatorRule())
access.register(PriorityArea, AreaRule())
access.register(Commitment, CommitmentRule())
access.register(Activity, ActivityRule())
