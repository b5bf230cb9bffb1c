"""What the OpenAPI description says of refusals, written once for every operation: the
statuses `core.api` answers (400 by field, 401, 403, 404, 412, 428), the If-Match header that
edits require, and the ETag that reads and writes return."""

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


def document_refusals(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).update(SCHEMAS)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            _document(path, method, operation)
    return result


def _document(path: str, method: str, operation: dict) -> None:
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


def _has_query(operation: dict) -> bool:
    return any(p.get("in") == "query" for p in operation.get("parameters", []))


def _versioned(response: dict) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return "$ref" in schema  # a single record (lists are paged objects built inline)
