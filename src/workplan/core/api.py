"""The REST API's plumbing, written once: every viewset reads through `access.restrict`,
asks `access.can` before a write, pages its lists, filters with the app's FilterSet, and
guards edits with the row's version as an ETag.

Settings name the classes here, so this module must not import `rest_framework.views` (or
viewsets) at load time: DRF reads its settings while that module loads.

- Lists and details start from the restricted queryset, so what a user may not see is 404.
- A write the user may not make is 403, asked of `access.can` before the input is read.
- Writes call the app's action functions; their refusals come back as 400 naming the field
  (a Django `ValidationError`), 403 (`PermissionDenied`) or 412 (an edit conflict).
- `GET` of a versioned row returns `ETag: "<version>"`; `PUT` and `PATCH` must send it back
  in `If-Match`: none is 428, a stale one is 412.
- Input is checked before it is used: a page or page size that is not a whole number from 1
  up, or a body that is not a JSON object, is 400 by name.
"""

import re

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.http import parse_etags
from django_filters import BaseCSVFilter, MultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.response import Response
from rest_framework.settings import api_settings

from workplan.core import access
from workplan.core.filters import LARGEST_ID
from workplan.core.records import EditConflict

# Errors


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag of your last GET of this record."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "This record was changed since you read it; GET it again and redo the edit."
    default_code = "precondition_failed"

    def __init__(self, current, detail=None):
        super().__init__(detail)
        self.current = current


def exception_handler(error, context):
    """DRF's handler, plus the refusals of action functions: rules become 400 by field, an
    edit conflict 412 with the current version."""
    from rest_framework.views import exception_handler as drf_exception_handler  # imports us

    if isinstance(error, DjangoValidationError):
        error = exceptions.ValidationError(_by_field(error))
    elif isinstance(error, exceptions.UnsupportedMediaType):
        error = exceptions.ParseError(NOT_JSON)
    elif isinstance(error, EditConflict):
        error = PreconditionFailed(error.current)
    response = drf_exception_handler(error, context)
    if isinstance(error, PreconditionFailed):
        response.data["current_version"] = error.current.version
        response["ETag"] = etag(error.current)
    return response


def _by_field(error: DjangoValidationError) -> dict | list:
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    key = api_settings.NON_FIELD_ERRORS_KEY
    return {
        key if field == NON_FIELD_ERRORS else field: messages
        for field, messages in error.message_dict.items()
    }


NOT_JSON = "Send the body as a JSON object, with Content-Type: application/json."


# Permission, pages, filters


class AccessPermission(BasePermission):
    """Signed-in users only; a write needs `access.can` for the view's access action."""

    message = "You may not do this to this record."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active)

    def has_object_permission(self, request, view, obj):
        action = getattr(view, "access_action_for_request", lambda: None)()
        return action is None or access.can(request.user, action, obj)


WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")


def positive_whole_number(query_params, name: str) -> int | None:
    """The parameter as a number from 1 up, None when absent; anything else is a 400 by name
    (DRF would quietly use its default page size for `page_size=abc`)."""
    values = query_params.getlist(name)
    if not values:
        return None
    if len(values) == 1 and WHOLE_NUMBER.fullmatch(values[0]):
        number = int(values[0])
        if 1 <= number <= LARGEST_ID:
            return number
    raise exceptions.ValidationError({name: ["Send one whole number from 1 up."]})


class CheckedPageSize:
    """A page size from 1 up; a larger one than the most is cut to the most."""

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        size = positive_whole_number(request.query_params, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] in {self.page_size_query_param, "page"}:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}
        return parameters


class KnownCountPaginator(Paginator):
    """A page's paginator told how many rows there are when a count is kept elsewhere (the
    tallies of `reporting`), else counting them itself."""

    def __init__(self, object_list, per_page, *, known: int | None = None):
        super().__init__(object_list, per_page)
        if known is not None:
            self.count = known


class CountedUpTo(Paginator):
    """Counts at most `limit` rows and one more: beyond the limit, the count is a lower bound and
    the pages go on for as long as rows do, so no request reads every row to count them. A
    count kept elsewhere (`known`, e.g. the tallies of the activity register) is exact at any
    size and taken as it is."""

    limit = settings.API_COUNT_LIMIT

    def __init__(
        self, object_list, per_page, *args, known: int | None = None, limit=None, **kwargs
    ):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.known = known
        if limit is not None:
            self.limit = limit

    @cached_property
    def counted(self) -> int:
        if self.known is not None:
            return self.known
        return self.object_list[: self.limit + 1].count()

    @property
    def is_exact(self) -> bool:
        return self.known is not None or self.counted <= self.limit

    @cached_property
    def count(self) -> int:
        return self.counted if self.known is not None else min(self.counted, self.limit)

    def validate_number(self, number):
        if self.is_exact:
            return super().validate_number(number)
        try:
            return max(1, int(number))
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None

    def page(self, number):
        if self.is_exact:
            return super().page(number)
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return PageWithMore(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


class PageWithMore(Page):
    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class Pagination(CheckedPageSize, PageNumberPagination):
    known = count_limit = None

    def paginate_queryset(self, queryset, request, view=None):
        """A view that knows how many rows its list holds says so (`known_count()`); one whose
        rows pile up fastest counts fewer of them (`count_limit`)."""
        self.known = view.known_count() if hasattr(view, "known_count") else None
        self.count_limit = getattr(view, "count_limit", None)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):
        return CountedUpTo(object_list, per_page, known=self.known, limit=self.count_limit)

    def get_page_number(self, request, paginator):
        return positive_whole_number(request.query_params, self.page_query_param) or 1

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_exact"] = self.page.paginator.is_exact
        return response

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = (
            "How many rows match, counted up to a limit (10,000 by default); "
            "above it, the limit itself, with count_is_exact false."
        )
        described["properties"]["count_is_exact"] = {
            "type": "boolean",
            "description": "False when there are more rows than `count` says.",
        }
        described["required"] = [*described.get("required", []), "count_is_exact"]
        return described


class FeedPagination(CheckedPageSize, CursorPagination):
    """Newest first, page after page by cursor, without a total: a history of any length pages
    in constant time, and rows written meanwhile do not shift the pages."""

    ordering = ("-timestamp", "-id")


class FilterSetBackend(DjangoFilterBackend):
    """The app's FilterSet, given whatever else it needs (such as the plan) by the view."""

    def get_filterset_kwargs(self, request, queryset, view):
        refuse_null_characters(request.query_params)
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if hasattr(view, "filterset_kwargs"):
            kwargs.update(view.filterset_kwargs())
        return kwargs

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            refuse_repeated(request.query_params, filterset.filters)
        return filterset


def refuse_repeated(query_params, filters) -> None:
    """A filter that takes one value, sent twice, is ambiguous: refused by name instead of
    quietly keeping the last one."""
    repeated = {
        name: ["Send this filter once."]
        for name in filters
        if len(query_params.getlist(name)) > 1
        and not isinstance(filters[name], MultipleChoiceFilter | BaseCSVFilter)
    }
    if repeated:
        raise exceptions.ValidationError(repeated)


def refuse_null_characters(values) -> None:
    """No database stores a NUL character in text, and PostgreSQL refuses to compare with one."""
    bad = {name: [NULL_REFUSED] for name, value in _pairs(values) if "\x00" in str(value)}
    if bad:
        raise exceptions.ValidationError(bad)


def _pairs(values):
    return values.lists() if hasattr(values, "lists") else values.items()


NULL_REFUSED = "Null characters are not allowed."


# Serializers


class TextField(serializers.CharField):
    """Text as a JSON string; DRF's own would take the number 0 as the text "0"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class LinkList(serializers.ManyRelatedField):
    """Links as a JSON list. DRF's own takes any iterable: `{}` would clear the links."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class LinksAsList:
    """`many=True` makes a `LinkList`."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {key: kwargs[key] for key in kwargs if key in MANY_RELATION_KWARGS}
        return LinkList(child_relation=cls(*args, **kwargs), **list_kwargs)


class CodeField(LinksAsList, serializers.SlugRelatedField):
    """A link by code or key (a party's ISO code, a body's key)."""

    def to_internal_value(self, data):
        if "\x00" in str(data):
            raise exceptions.ValidationError(NULL_REFUSED)
        return super().to_internal_value(data)


class RestrictedRelatedField(LinksAsList, serializers.PrimaryKeyRelatedField):
    """A link by id to a row the user may see; an id they may not see "does not exist"."""

    def get_queryset(self):
        request = self.context.get("request")
        queryset = super().get_queryset()
        return access.restrict(queryset, request.user) if request else queryset.none()


class RestrictedSlugField(CodeField):
    """A link by code (a party's ISO code, a fund's key) to a row the user may see."""

    def get_queryset(self):
        request = self.context.get("request")
        queryset = super().get_queryset()
        return access.restrict(queryset, request.user) if request else queryset.none()


class StrictSerializer(serializers.ModelSerializer):
    """Refuses, by name, any field it does not take and any read-only field sent with a value
    other than the record's own: a tampered status or version is an error, not ignored."""

    read_only_hints: dict[str, str] = {}
    write_once: tuple[str, ...] = ()  # given at creation, read-only afterwards

    def get_fields(self):
        fields = super().get_fields()
        for name in self.write_once if self.instance is not None else ():
            fields[name].read_only = True
        return fields

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
    }

    def get_validators(self):
        """Rules across fields (unique codes and numbers) are the actions', worded by field."""
        return []

    def to_internal_value(self, data):
        if isinstance(data, dict):
            problems = self._unknown(data) | self._tampered(data)
            if problems:
                raise exceptions.ValidationError(problems)
        return super().to_internal_value(data)

    def _unknown(self, data) -> dict:
        known = set(self.fields)
        return {name: ["This field does not exist."] for name in data if name not in known}

    def _tampered(self, data) -> dict:
        read_only = [
            name for name, field in self.fields.items() if field.read_only and name in data
        ]
        if not read_only:
            return {}
        current = self.to_representation(self.instance) if self.instance is not None else {}
        return {
            name: [self.read_only_hints.get(name, "This field cannot be set.")]
            for name in read_only
            if data[name] != current.get(name)
            and not (self.instance is None and data[name] is None)
        }


# Versions


def etag(obj) -> str:
    return f'"{obj.version}"'


def expected_version(request, obj) -> int:
    """The version the client edited, from If-Match: none is 428, another than the row's 412."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if not if_match_passes(header, etag(obj)):
        raise PreconditionFailed(
            obj,
            f"This record is at version {obj.version}; you edited another. "
            "GET it again and redo the edit.",
        )
    return obj.version


def if_match_passes(header: str, current: str) -> bool:
    """RFC 9110 §13.1.1: `*` matches any current version; otherwise one of the listed tags
    must equal `current` by strong comparison, so a weak `W/"2"` or an unquoted `2` does not."""
    tags = parse_etags(header)
    return tags == ["*"] or current in tags


# Viewsets


class AccessViewSetMixin:
    """What every viewset of the API shares; a viewset names its queryset, serializer and
    FilterSet, and the action functions that write.

    - `base_queryset()` is restricted for the user: the list and every detail.
    - `access_actions` maps a viewset action to the access action asked of `access.can`
      before it runs; `None` (as for workflow steps) leaves the check to the action function.
    """

    access_actions = {
        "update": access.CHANGE,
        "partial_update": access.CHANGE,
        "destroy": access.ARCHIVE,
    }
    access_action = None  # set by @action(..., access_action=...)
    parent_access_actions: dict[str, str] = {}

    def base_queryset(self):
        return self.queryset.all()

    def get_parent(self):
        """The row a nested route hangs from (a plan for its activities): 404 when hidden."""
        return None

    def initial(self, request, *args, **kwargs):
        """Reads the body of every write before anything else: one that is not a JSON object
        is 400, also on steps that take no fields (DRF would leave it unread)."""
        super().initial(request, *args, **kwargs)
        if request.method in {"POST", "PUT", "PATCH"} and not isinstance(request.data, dict):
            raise exceptions.ParseError(NOT_JSON)

    def check_permissions(self, request):
        """Signed in, the parent visible, and (to create under it) the right to do so."""
        super().check_permissions(request)
        parent = self.get_parent()
        action = self.parent_access_actions.get(self.action)
        if parent is not None and action and not access.can(request.user, action, parent):
            self.permission_denied(request, message=f"You may not {action.replace('_', ' ')} here.")

    def get_queryset(self):
        return access.restrict(self.base_queryset(), self.request.user)

    def access_action_for_request(self):
        return self.access_action or self.access_actions.get(self.action)

    def filter_queryset(self, queryset):
        """Filters apply to lists; a detail finds any row the user may see (archived ones too)."""
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def fresh(self, obj):
        """The saved row read again as the viewset reads it, with its relations."""
        return self.get_queryset().get(pk=obj.pk)

    @staticmethod
    def with_etag(response, obj):
        if hasattr(obj, "version"):
            response["ETag"] = etag(obj)
        return response


class RetrieveMixin:
    """A record with its version as ETag."""

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.with_etag(Response(self.get_serializer(obj).data), obj)


class EditMixin:
    """PUT and PATCH with If-Match; `perform_edit(obj, data, expected_version)` calls the
    action that saves."""

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        version = expected_version(request, obj)
        serializer = self.get_serializer(obj, data=request.data, partial=kwargs.get("partial"))
        serializer.is_valid(raise_exception=True)
        saved = self.perform_edit(obj, serializer.validated_data, version)
        return self.with_etag(Response(self.get_serializer(self.fresh(saved)).data), saved)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class AddMixin:
    """POST; `perform_add(data)` calls the action that creates."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = self.perform_add(serializer.validated_data)
        response = Response(self.get_serializer(self.fresh(made)).data, status=201)
        return self.with_etag(response, made)
