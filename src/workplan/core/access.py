"""The one place that decides who may see and do what.

Each model declares its rule once, in its app's `access.py`, as a subclass of
`Rule` registered with `register`. Views, forms, exports and templates ask only
`restrict` (which rows may this user see or act on) and `can` (may this user do
this to that object). No access: 404, so existence is not leaked; read access
but no right to act: 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The one vocabulary of actions, the same word in every app.
VIEW = "view"
ADD = "add"  # asked of a model class: may the user add records of this kind at all
CHANGE = "change"
DELETE = "delete"
ARCHIVE = "archive"
RESTORE = "restore"
LEAD = "lead"  # may the user make this activity's (new) lead party lead it
ADD_ACTIVITY = "add_activity"  # asked of a plan
ADD_PERIOD = "add_period"  # asked of a plan
REPORT = "report"  # write progress on an activity or an action item
SUBMIT = "submit"
ON_BEHALF = "on_behalf"  # write and submit a party's progress for it (the Secretariat)
REVIEW = "review"  # accept or return; asked of a model class, may the user review at all
REOPEN = "reopen"
COMMENT = "comment"
REVOKE = "revoke"
RECORD = "record"  # turn a read statement into records
PUBLISH = "publish"  # put a plan on the public site and in the open data, or take it off


class Rule:
    """How one model answers access questions; subclasses override what differs."""

    def visible(self, queryset: QuerySet, user) -> QuerySet:
        return queryset.none()

    def published(self, queryset: QuerySet) -> QuerySet:
        """Rows anyone may read without signing in (the public pages, the open data): none
        unless the model's rule says otherwise."""
        return queryset.none()

    def allows(self, user, action: str, obj) -> bool:
        return False

    def allows_kind(self, user, action: str) -> bool:
        """May the user do `action` to records of this kind at all (a page with no record yet,
        such as a queue or a reading form)?"""
        return False

    def actionable(self, queryset: QuerySet, user, action: str) -> QuerySet:
        """Rows the user may act on; by default the visible rows the rule allows one by one."""
        visible = self.visible(queryset, user)
        allowed = [obj.pk for obj in visible if self.allows(user, action, obj)]
        return visible.filter(pk__in=allowed)


_rules: dict[type[Model], Rule] = {}
_extra_actions: dict[tuple[type[Model], str], object] = {}


def register(model: type[Model], rule: Rule) -> None:
    _rules[model] = rule


def register_action(model: type[Model], action: str, allows) -> None:
    """Lets a higher app add an action on a lower app's model, e.g. "report" on an activity:
    `allows(user, obj) -> bool`; the model's own rule still decides what the user sees."""
    _extra_actions[(model, action)] = allows


def registered_rules() -> dict[type[Model], Rule]:
    """Every model's rule, by model (the change log asks each for the rows it may show)."""
    return dict(_rules)


def rule_for(model: type[Model]) -> Rule:
    try:
        return _rules[model]
    except KeyError:
        raise LookupError(f"No access rule is registered for {model.__name__}.") from None


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    """The rows of `queryset` that `user` may see (or act on, for another action)."""
    rule = rule_for(queryset.model)
    if action == VIEW:
        return rule.visible(queryset, user)
    return rule.actionable(queryset, user, action)


def published(queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` that anyone may read, signed in or not."""
    return rule_for(queryset.model).published(queryset)


def can(user, action: str, obj) -> bool:
    """May `user` do `action` to `obj`? Viewing is asked of the restricted queryset. `obj` may
    be a model class, for actions on a kind of record rather than one row."""
    if isinstance(obj, type):
        return bool(user.is_authenticated) and rule_for(obj).allows_kind(user, action)
    rule = rule_for(type(obj))
    if action == VIEW:
        return rule.visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists()
    extra = _extra_actions.get((type(obj), action))
    if extra is not None:
        return extra(user, obj)
    return rule.allows(user, action, obj)


def get_visible_or_404(queryset: QuerySet, user, **lookup):
    """The object if the user may see it; 404 whether it is hidden or absent."""
    try:
        return restrict(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.verbose_name} found.") from None


# Each refusal a whole sentence, so that every language can put the words in its own order.
REFUSALS = {
    VIEW: gettext_lazy("You may not view this %(record)s."),
    ADD: gettext_lazy("You may not add to this %(record)s."),
    CHANGE: gettext_lazy("You may not change this %(record)s."),
    DELETE: gettext_lazy("You may not delete this %(record)s."),
    ARCHIVE: gettext_lazy("You may not archive this %(record)s."),
    RESTORE: gettext_lazy("You may not restore this %(record)s."),
    LEAD: gettext_lazy("You may not lead this %(record)s."),
    ADD_ACTIVITY: gettext_lazy("You may not add an activity to this %(record)s."),
    ADD_PERIOD: gettext_lazy("You may not add a reporting period to this %(record)s."),
    REPORT: gettext_lazy("You may not report progress on this %(record)s."),
    SUBMIT: gettext_lazy("You may not submit this %(record)s."),
    ON_BEHALF: gettext_lazy("You may not write on a party's behalf on this %(record)s."),
    REVIEW: gettext_lazy("You may not review this %(record)s."),
    REOPEN: gettext_lazy("You may not reopen this %(record)s."),
    COMMENT: gettext_lazy("You may not comment on this %(record)s."),
    REVOKE: gettext_lazy("You may not revoke this %(record)s."),
    RECORD: gettext_lazy("You may not record this %(record)s."),
    PUBLISH: gettext_lazy("You may not publish this %(record)s."),
}
KIND_REFUSALS = {
    ADD: gettext_lazy("You may not add %(records)s."),
    REVIEW: gettext_lazy("You may not review %(records)s."),
    REPORT: gettext_lazy("You may not report on %(records)s."),
    RECORD: gettext_lazy("You may not record %(records)s."),
}


def require(user, action: str, obj) -> None:
    """Refuses with 403 when the user may see `obj` but not do `action` to it."""
    if not can(user, action, obj):
        raise PermissionDenied(refusal(action, obj))


def refusal(action: str, obj) -> str:
    """Why `action` is refused on `obj` (a record, or a model class for a kind of record)."""
    if isinstance(obj, type):
        sentence = KIND_REFUSALS.get(action) or _("You may not do this to %(records)s.")
        return sentence % {"records": obj._meta.verbose_name_plural}
    sentence = REFUSALS.get(action) or _("You may not do this to this %(record)s.")
    return sentence % {"record": obj._meta.verbose_name}
