"""How plans' records read in a notification (see notifications.subjects)."""

from workplan.notifications.subjects import describe
from workplan.plans.models import Activity


def register() -> None:
    describe(Activity)  # "TER-2024-02 Training on …", its page
