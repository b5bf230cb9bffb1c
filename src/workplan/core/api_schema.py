"""What the OpenAPI description says of refusals, written once for every operation: the
statuses `core.api` answers (400 by field, 401, 403, 404, 412, 428), the If-Match header that
edits require, and the ETag that reads and writes return; and the limits the server enforces,
so that a client (or a fuzzer) can tell what will be refused: ids from 1 up, and no unknown
field in a body the server reads strictly.

The extensions here are registered when this module is imported (by `core.api_docs`)."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension

from workplan.core.filters import LARGEST_ID, IdFilter

ID = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}


class PositiveIdField(OpenApiSerializerFieldExtension):
    """A link by id takes only ids that can exist."""

    target_class = "rest_framework.relations.PrimaryKeyRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if schema.get("type") == "integer":
            schema.update(ID)
        return schema


class DecimalTextOrNumber(OpenApiSerializerFieldExtension):
    """A decimal is answered as text ("12.50", exact) and taken as text or as a JSON number."""

    target_class = "rest_framework.fields.DecimalField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction != "request" or schema.get("type") != "string":
            return schema
        return {"anyOf": [schema, {"type": "number"}]}


class IdFilterLimits(DjangoFilterExtension):
    """A filter by id (`IdFilter`) refuses what is not 1 up to the largest key."""

    target_class = "workplan.core.api.FilterSetBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if isinstance(filter_field, IdFilter):
            for parameter in parameters:
                parameter["schema"].update(ID)
        return parameters


class StrictBody(OpenApiSerializerExtension):
    """`StrictSerializer` refuses a field it does not take: the request body says so."""

    target_class = "workplan.core.api.StrictSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["additionalProperties"] = False
        return schema


ERROR = {"$ref": "#/components/schemas/Refusal"}
FIELD_ERRORS = {"$ref": "#/components/schemas/FieldErrors"}
SCHEMAS = {
    "Refusal": {
        "type": "object",
        "properties": {"detail": {"type": "string"}, "current_version": {"type": "integer"}},
        "required": ["detail"],
    },
    "FieldErrors": {
        "type": "object",
        "description": "Each field named with what is wrong with it; `non_field_errors` for "
        "the rest.",
        "additionalProperties": {
            "oneOf": [
                {"type": "array", "items": {}},
                {"type": "object"},
                {"type": "string"},
            ]
        },
    },
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "schema": {"type": "string"},
    "description": 'The ETag of your last GET of the record, e.g. "3".',
}
ETAG = {"ETag": {"schema": {"type": "string"}, "description": "The record's version."}}
WRITES = {"post", "put", "patch", "delete"}
CHECKED_PAGING = {"page", "page_size"}  # refused when empty (core.api.positive_whole_number)


def document_refusals(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _document(path, method, operation)
    return result


def _document(path: str, method: str, operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path" and _is_id(parameter["name"]):
            parameter["schema"] = dict(ID)
        elif parameter["in"] == "query" and parameter["name"] not in CHECKED_PAGING:
            parameter["allowEmptyValue"] = True  # `?status=` is no filter, as on the pages
    responses = operation.setdefault("responses", {})
    refusals = {"401": "Not signed in.", "403": "Signed in, but not allowed to do this."}
    if "{" in path:
        refusals["404"] = "Not found, or not visible to you."
    elif _has_query(operation) and method == "get":
        refusals["404"] = "No such page of the list."
    if method in {"put", "patch"}:
        refusals["412"] = "The record changed since your If-Match version."
        refusals["428"] = "If-Match is missing."
        operation.setdefault("parameters", []).append(IF_MATCH)
    elif method in {"post", "delete"} and "{" in path:
        refusals["412"] = "The record changed since the If-Match version you sent."
    for status, text in refusals.items():
        responses.setdefault(status, _response(text, ERROR))
    if method in WRITES or _has_query(operation):
        responses.setdefault("400", _response("Bad input, by field.", FIELD_ERRORS))
    for status, response in responses.items():
        if status in {"200", "201"} and _versioned(response):
            response.setdefault("headers", {}).update(ETAG)


def _response(text: str, schema: dict) -> dict:
    return {"description": text, "content": {"application/json": {"schema": schema}}}


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def _has_query(operation: dict) -> bool:
    return any(p.get("in") == "query" for p in operation.get("parameters", []))


def _versioned(response: dict) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return "$ref" in schema  # a single record (lists are paged objects built inline)
