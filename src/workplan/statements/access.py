"""Who may see and read statements.

- Statements are published documents: every signed-in user sees them (and, on a meeting's
  page, the statements linked to it).
- Only the secretariat reads a new statement into the system ("record"): confirming creates or
  links meetings, which the secretariat manages.
"""

from workplan.core import access
from workplan.core.access import RECORD
from workplan.statements.models import Statement


class StatementRule(access.Rule):
    def visible(self, queryset, user):
        return queryset if user.is_authenticated and user.is_active else queryset.none()

    def allows(self, user, action, obj):
        return user.is_secretariat

    def allows_kind(self, user, action):
        return action == RECORD and user.is_secretariat


access.register(Statement, StatementRule())
