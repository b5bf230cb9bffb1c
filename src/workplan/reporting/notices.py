"""Who is told about progress reporting, and how its records read in a notification.

- An update submitted: the Secretariat, who review it.
- An update returned (or an accepted one reopened) or accepted: the focal points of the
  reporting party.
- A message in an update's discussion: the other side. The reporting party's focal points
  when the Secretariat writes; the Secretariat when someone of the party writes.
- Updates due soon or overdue: see reminders.py.
"""

from django.utils.translation import gettext

from workplan.core.formats import date_label
from workplan.notifications import recipients
from workplan.notifications.actions import notify
from workplan.notifications.models import Notification
from workplan.notifications.subjects import describe
from workplan.reporting.models import ProgressUpdate, ReportingPeriod, UpdateComment

Kind = Notification.Kind


def register() -> None:
    describe(
        ProgressUpdate,
        related=("activity", "party", "period"),
        label=_update_label,
        detail=_review_comment,
    )
    describe(
        UpdateComment,
        related=("update__activity", "update__party", "update__period"),
        label=lambda comment: _update_label(comment.update),
        url=lambda comment: f"{comment.update.get_absolute_url()}#comment-{comment.pk}",
        detail=lambda comment: comment.text,
    )
    describe(ReportingPeriod, label=_period_label)


def _period_label(period: ReportingPeriod) -> str:
    return gettext("%(period)s (due %(day)s)") % {
        "period": period,
        "day": date_label(period.due_date),
    }


def _update_label(update: ProgressUpdate) -> str:
    activity = update.activity
    return f"{activity.code} {activity.title} ({update.party.name}, {update.period})"


def _review_comment(update: ProgressUpdate) -> str:
    """The reviewer's words while the update waits for the party to act on them."""
    return update.review_comment if update.status == ProgressUpdate.Status.RETURNED else ""


def update_submitted(update: ProgressUpdate, *, actor) -> None:
    notify(recipients.secretariat(), Kind.UPDATE_SUBMITTED, update, actor=actor)


def update_reviewed(update: ProgressUpdate, *, actor) -> None:
    accepted = update.status == ProgressUpdate.Status.ACCEPTED
    kind = Kind.UPDATE_ACCEPTED if accepted else Kind.UPDATE_RETURNED
    notify(recipients.focal_points([update.party_id]), kind, update, actor=actor)


def message_added(comment: UpdateComment, *, actor) -> None:
    update = comment.update
    if actor.is_secretariat and actor.party_id != update.party_id:
        other_side = recipients.focal_points([update.party_id])
    else:
        other_side = recipients.secretariat()
    notify(other_side, Kind.UPDATE_MESSAGE, comment, actor=actor)
