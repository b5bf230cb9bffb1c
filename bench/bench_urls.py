"""The site's own URLs plus the floors `make bench` measures pages against, served by the same
server through the same middleware (bench/run.py)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from workplan.core import access
from workplan.plans.api import ActivitySerializer
from workplan.plans.models import Activity

RELATED = {"commitments": "commitments__id", "partner_parties": "partner_parties__code"}


def framework_floor(request):
    """A fixed short text: the cost of the server, the middleware and the session alone."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def api_floor(request, plan_id):
    """The rows of the API's first activity page, as `.values()` and `json.dumps`."""
    activities = access.restrict(
        Activity.objects.filter(plan_id=plan_id, archived_at__isnull=True), request.user
    ).order_by("code")
    rows = list(activities.values(*_plain_fields())[:50])
    ids = [row["id"] for row in rows]
    for field, lookup in RELATED.items():
        related = {}
        for pk, value in Activity.objects.filter(pk__in=ids).values_list("pk", lookup):
            related.setdefault(pk, []).append(value)
        for row in rows:
            row[field] = related.get(row["id"], [])
    body = {"count": activities.count(), "results": rows}
    return HttpResponse(json.dumps(body, default=str), content_type="application/json")


def _plain_fields() -> list[str]:
    fields = [f for f in ActivitySerializer.Meta.fields if f not in RELATED]
    return [f"{f}__code" if f == "lead_party" else f for f in fields]


urlpatterns = [
    path("bench/floor/", framework_floor),
    path("bench/floor/api/<int:plan_id>/", api_floor),
    path("", include("workplan.urls")),
]
