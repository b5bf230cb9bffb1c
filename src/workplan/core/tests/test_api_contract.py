"""The API against its own OpenAPI description (schemathesis), through the WSGI app signed in
with a personal API token: as a focal point and as the Secretariat, with requests that fit the
description and requests that break it, no response is a server error and every response
matches the description (its status, content type, headers and body).

Bounded so that it runs in `make test` (about 40 s on SQLite): a few examples per operation,
the same ones every run, no shrinking. `make fuzz-api` (scripts/schemathesis_run.py) is the
long run: 10,000 requests and more per role against the served app."""

from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from workplan.accounts.actions import create_token
from workplan.plans.actions import add_indicator
from workplan.reporting.actions import save_update, start_update, submit_update

# Whether the app is sound and its description true; not the heuristics that treat a
# schema-valid id of a record that does not exist as data to accept.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# (examples per operation, mode): requests that fit, then requests that break the description
# (a wrong type, an id below 1, an unknown field), whose refusals must be described too.
MODES = [(8, GenerationMode.POSITIVE), (4, GenerationMode.NEGATIVE)]


def bounded(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        # The same examples every run: CI stays reproducible; widen the search with the script.
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def records(make_activity, asec, idn, plan):
    """A few of everything, so that some generated ids find a record."""
    activity = make_activity(lead="IDN", partners=["JPN"], status="planned")
    make_activity(lead="JPN", partners=["THA"], classification="restricted")
    trained = add_indicator(activity, {"name": "Officers trained", "unit": "number"}, actor=asec)
    update = start_update(activity, plan.periods.first(), actor=idn)
    fields = {"narrative": "Held.", "percent_complete": 50, "reported_status": "ongoing"}
    values = {trained.pk: Decimal(12)}
    update = save_update(update, fields, values, expected_version=1, actor=idn)
    submit_update(update, actor=idn)


def _check_every_operation(user, modes=MODES) -> tuple[int, list[str]]:
    """Runs each operation's generated cases; returns how many requests were made and the
    failures, named by operation."""
    key = create_token(user, "contract test", actor=user)[1]
    headers = {"Authorization": f"Bearer {key}"}
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", get_wsgi_application(), headers=headers
    )
    calls, failures = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        for examples, mode in modes:

            @bounded(examples)
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                calls.append(case)
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                check()
            except Exception as failure:  # collected, so that one run names every failure
                failures.append(f"{operation.label} ({mode}): {failure}")
    return len(calls), failures


@pytest.fixture(autouse=True)
def connection_kept_open():
    """The app is called in the test's own transaction, as Django's test client does: the
    request signals must not close the connection the test runs in."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_it_answers_the_secretariat_as_described(asec, records):
    calls, failures = _check_every_operation(asec, modes=[(4, GenerationMode.POSITIVE)])
    assert not failures, "\n\n".join(failures)
    assert calls > 150, calls


def test_it_answers_a_focal_point_as_described(idn, records):
    calls, failures = _check_every_operation(idn)
    assert not failures, "\n\n".join(failures)
    assert calls > 500, calls
