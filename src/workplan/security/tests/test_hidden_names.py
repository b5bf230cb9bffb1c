"""No response carries the name of a record its reader cannot open: not the change history,
not a linked list, an agenda, an export, a pack or an e-mail."""

import datetime
import io
import itertools
import re
import zipfile
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from pypdf import PdfReader
from rest_framework import serializers
from rest_framework.relations import RelatedField
from rest_framework.test import APIClient

from workplan.accounts.actions import create_token
from workplan.core import access
from workplan.core.api import RestrictedRelatedField, RestrictedSlugField
from workplan.meetings import actions as meeting_actions
from workplan.meetings.actions import calendar_feed_of
from workplan.meetings.models import Body
from workplan.security.tests.test_access_table import ACCESS_TABLE, API, PUBLIC, SECRET, SIGNED

CHANGES = reverse("api:change-list")
D = datetime.date


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _bearer(user) -> APIClient:
    _token, key = create_token(user, "Ministry system", actor=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.fixture
def linked_secret(plan, asec, make_activity):
    """A restricted activity of Indonesia linked by the Secretariat to an agenda item, an action
    item and an amendment of a meeting every party of the plan sees."""
    secret = make_activity(
        lead="IDN", partners=["JPN"], classification="restricted", title="Quokka covert exchange"
    )
    meeting = meeting_actions.create_meeting(
        {
            "body": Body.objects.get(key="SOMTC+JPN"),
            "number": 30,
            "plan": plan,
            "start_date": D(2025, 6, 10),
        },
        actor=asec,
    )
    item = meeting_actions.add_agenda_item(meeting, {"title": "Review"}, actor=asec)
    meeting_actions.update_agenda_item(
        item, {"activities": [secret]}, expected_version=1, actor=asec
    )
    meeting_actions.add_action_item(
        item, {"text": "Report back", "owners": [secret.lead_party], "activities": [secret]},
        actor=asec,
    )  # fmt: skip
    meeting_actions.add_amendment(
        meeting, {"kind": "changed", "activity": secret, "description": "Moved"}, actor=asec
    )
    return secret


@pytest.mark.parametrize("reader", ["vnm", "viewer", "vnm_token"])
def test_it_names_no_hidden_activity_in_the_change_history(request, linked_secret, reader):
    if reader == "vnm_token":
        client = _bearer(request.getfixturevalue("vnm"))
    else:
        client = _api(request.getfixturevalue(reader))
    assert client.get(reverse("api:activity-detail", args=[linked_secret.pk])).status_code == 404

    for query in [{}, {"model": "meetings.agendaitem"}, {"model": "meetings.actionitem"}]:
        response = client.get(CHANGES, {**query, "page_size": 100})
        assert response.status_code == 200
        assert response.json()["results"], query
        assert "Quokka" not in response.content.decode(), query
        assert linked_secret.code not in response.content.decode(), query
    rows = client.get(CHANGES, {"model": "meetings.agendaitem", "kind": "update"}).json()
    assert rows["results"][0]["after"]["activities"] == ["a record you cannot see"]


@pytest.mark.parametrize("reader", ["asec", "idn"])
def test_it_names_linked_records_in_the_history_to_those_who_may_see_them(
    request, linked_secret, reader
):
    client = _api(request.getfixturevalue(reader))
    rows = client.get(CHANGES, {"model": "meetings.agendaitem", "kind": "update"}).json()
    change = rows["results"][0]
    assert change["before"]["activities"] == []
    assert change["after"]["activities"] == [str(linked_secret)]
    action = client.get(CHANGES, {"model": "meetings.actionitem"}).json()["results"][0]
    assert action["after"]["activities"] == [str(linked_secret)]
    assert action["after"]["owners"] == ["Indonesia"]


# The generic proof: hidden records of every kind, linked to everything they can be linked to,
# and every address of the access table and every API list read as outsiders.

HIDDEN_WORDS = {
    "restricted activity": "quokka",
    "its description": "wombat",
    "its indicator": "numbat",
    "its progress update": "platypus",
    "its evidence": "bilby",
    "its update's discussion": "echidna",
    "a private plan": "dingo",
    "its priority area": "cassowary",
    "its commitment": "kookaburra",
    "its reporting period": "galah",
    "its activity": "wallaby",
    "its meeting's agenda item": "dugong",
    "its decision": "koala",
    "its action item": "possum",
    "its amendment": "bandicoot",
    "its meeting document": "taipan",
}
PAGE_VALUES = {"fmt": ["xlsx", "csv", "json"], "extension": ["docx", "pdf"]}
EXTRA_QUERIES = {
    "meetings:meeting_calendar": [{"month": "2024-09"}, {"month": "2025-06"}],
    "exchange:action_export": [{"status": "open"}],
}


@pytest.fixture
def hidden_world(plan, asec, idn, make_activity, parties):
    """Every kind of record Viet Nam and Thailand may not see, linked to what they may see;
    returns every record made, for the addresses that take an id."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workplan.plans.actions import add_indicator, create_activity, create_plan
    from workplan.reporting import actions as reporting

    secret = make_activity(
        lead="IDN", partners=["JPN"], classification="restricted", code="QUOKKA-77",
        title="Quokka covert exchange", description="Wombat harbour sweep",
    )  # fmt: skip
    indicator = add_indicator(secret, {"name": "Numbat sightings", "unit": "number"}, actor=asec)
    update = reporting.start_update(secret, plan.periods.get(name="H1 2024"), actor=idn)
    update = reporting.save_update(
        update,
        {"narrative": "Platypus narrative", "percent_complete": 40, "reported_status": "ongoing"},
        {indicator.pk: 3},
        expected_version=1,
        actor=idn,
    )
    pdf = SimpleUploadedFile("bilby-evidence.pdf", b"%PDF-1.4\n%%EOF\n")
    evidence = reporting.add_evidence(update, pdf, actor=idn)
    comment = reporting.add_comment(update, "Echidna remark", actor=idn)
    reporting.submit_update(update, actor=idn)
    reporting.accept_update(update, actor=asec)

    private = create_plan(
        {"title": "Dingo cooperation plan", "short_title": "Dingo plan",
         "start_date": D(2024, 1, 1), "end_date": D(2026, 12, 31)},
        parties=[parties["IDN"], parties["JPN"], parties["ASEC"]],
        areas=[{"key": "cassowary", "name": "Cassowary waters", "code_prefix": "CAS",
                "commitments": ["Kookaburra pledge"]}],
        actor=asec,
    )  # fmt: skip
    area = private.areas.get()
    period = reporting.create_period(
        private,
        {"name": "Galah period", "start_date": D(2024, 1, 1), "end_date": D(2024, 6, 30),
         "due_date": D(2024, 7, 31)},
        actor=asec,
    )  # fmt: skip
    private_activity = create_activity(
        private,
        {"title": "Wallaby drill", "area": area, "commitments": [area.commitments.get()],
         "lead_party": parties["IDN"], "partner_parties": [], "modality": "workshop",
         "planned_start": D(2024, 2, 1), "planned_end": D(2024, 5, 31), "status": "planned",
         "classification": "public"},
        actor=asec,
    )  # fmt: skip
    body = Body.objects.get(key="SOMTC+JPN")

    def meeting(number, reviews):
        data = {"body": body, "number": number, "plan": reviews, "start_date": D(2025, 6, 10)}
        return meeting_actions.create_meeting(data, actor=asec)

    hidden_meeting = meeting(31, private)
    hidden_item = meeting_actions.add_agenda_item(
        hidden_meeting, {"title": "Dugong agenda", "areas": [area]}, actor=asec
    )
    decision = meeting_actions.add_decision(hidden_item, "Koala decision", actor=asec)
    hidden_action = meeting_actions.add_action_item(
        hidden_item,
        {"text": "Possum task", "owners": [parties["VNM"], parties["THA"]],
         "due_date": D(2025, 6, 30), "activities": [private_activity]},
        actor=asec,
    )  # fmt: skip
    hidden_amendment = meeting_actions.add_amendment(
        hidden_meeting,
        {"kind": "added", "activity": private_activity, "description": "Bandicoot amendment"},
        actor=asec,
    )
    minutes = SimpleUploadedFile("taipan-minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    document = meeting_actions.add_document(hidden_meeting, minutes, actor=asec)

    # links from what the outsiders see to what they do not
    shown_meeting = meeting(30, plan)
    item = meeting_actions.add_agenda_item(shown_meeting, {"title": "Review"}, actor=asec)
    item = meeting_actions.update_agenda_item(
        item, {"activities": [secret]}, expected_version=1, actor=asec
    )
    action = meeting_actions.add_action_item(
        item,
        {"text": "Report back", "owners": [parties["VNM"]], "due_date": D(2025, 6, 30),
         "activities": [secret]},
        actor=asec,
    )  # fmt: skip
    amendment = meeting_actions.add_amendment(
        shown_meeting, {"kind": "changed", "activity": secret, "description": "Moved"}, actor=asec
    )
    meeting_actions.adopt_amendment(amendment, actor=asec)
    moved = meeting(32, private)  # its agenda names the private plan's area and activity
    moved_item = meeting_actions.add_agenda_item(
        moved, {"title": "Areas", "areas": [area], "activities": [private_activity]}, actor=asec
    )
    moved = meeting_actions.update_meeting(moved, {"plan": plan}, expected_version=1, actor=asec)
    return [
        plan, secret, indicator, update, evidence, comment, private, area, period,
        private_activity, hidden_meeting, hidden_item, decision, hidden_action, hidden_amendment,
        document, shown_meeting, item, action, amendment, moved, moved_item,
    ]  # fmt: skip


def _named_patterns(resolver=None, prefix=""):
    """(name, parameters) of every named URL pattern; the API's format-suffix twins left out."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _named_patterns(pattern, namespace)
        elif pattern.name:
            route = pattern.pattern
            params = set(getattr(route, "converters", {}) or route.regex.groupindex)
            if "format" not in params:
                yield prefix + pattern.name, params


def _addresses(kinds, ids, user) -> list[str]:
    from workplan.reporting.models import ReportingPeriod

    values = {**PAGE_VALUES, "pk": ids, "plan_id": ids, "activity_pk": ids}
    # a party's pages and workbooks: the hidden records' party, the reader's, all parties
    values["code"] = ["IDN", "VNM", "all"]
    values["page"] = ["dashboard", "tracker"]
    values["period_id"] = list(
        ReportingPeriod.objects.order_by("pk").values_list("pk", flat=True)[:2]
    )
    values["token"] = [calendar_feed_of(user).token]
    urls = []
    for name, params in _named_patterns():
        if ACCESS_TABLE.get(name) not in kinds:
            continue
        names = sorted(params)
        for combination in itertools.product(*(values[param] for param in names)):
            url = reverse(name, kwargs=dict(zip(names, combination, strict=True)))
            urls.append(url)
            urls += [f"{url}?{urlencode(query)}" for query in EXTRA_QUERIES.get(name, [])]
    return urls


def _history_by_kind() -> list[str]:
    """The history filtered by each kind of record, beside the lists of the access table."""
    models = [f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()]
    return [f"{CHANGES}?{urlencode({'model': model, 'page_size': 20})}" for model in models]


def _text(response) -> str:
    """What a reader gets, unpacked: a PDF's text, every part of a Word or Excel file."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF") and len(body) > 100:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def _leaks(client, urls) -> tuple[list, int]:
    """The (address, hidden word) pairs found, following each list's next pages."""
    found, read = [], 0
    while urls:
        url = urls.pop()
        response = client.get(url)
        read += 1
        assert response.status_code < 500, url
        text = _text(response).lower()
        found += [(url, word) for word in HIDDEN_WORDS.values() if word in text]
        following = _next_page(response)
        urls += [following] if following else []
    return found, read


def _next_page(response) -> str | None:
    if response.streaming or not response.get("Content-Type", "").startswith("application/json"):
        return None
    data = response.json()
    return data.get("next") if isinstance(data, dict) else None


@pytest.mark.parametrize("reader", ["vnm", "viewer", "vnm_token", "anonymous"])
def test_no_response_names_a_record_its_reader_cannot_open(request, hidden_world, reader):
    user = request.getfixturevalue("vnm" if reader in ("vnm_token", "anonymous") else reader)
    ids = sorted({record.pk for record in hidden_world})
    if reader == "vnm_token":
        client, urls = _bearer(user), _addresses({API}, ids, user) + _history_by_kind()
    elif reader == "anonymous":  # the public site and open data of the published plan
        client, urls = Client(), _addresses({PUBLIC}, ids, user)
    else:
        client = Client()
        client.force_login(user)
        urls = _addresses({PUBLIC, SECRET, SIGNED, API}, ids, user) + _history_by_kind()

    asked = len(urls)
    found, read = _leaks(client, urls)

    print(f"{reader}: {read} responses read")
    assert found == []
    assert read >= asked


def test_no_reminder_names_a_record_its_recipient_cannot_open(
    hidden_world, vnm, viewer, django_capture_on_commit_callbacks
):
    from django.core import mail

    from workplan.accounts.models import User
    from workplan.meetings.reminders import send_action_reminders
    from workplan.reporting.reminders import send_reminders

    User.objects.filter(pk__in=[vnm.pk, viewer.pk]).update(email="outsider@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        send_action_reminders(D(2025, 7, 10))
        send_reminders(30, D(2025, 7, 10))

    texts = [
        f"{m.subject} {m.body}".lower() for m in mail.outbox if m.to == ["outsider@example.org"]
    ]
    assert texts, "the outsiders' own overdue action item is still reminded"
    assert [word for word in HIDDEN_WORDS.values() for text in texts if word in text] == []


def test_the_secretariat_finds_every_hidden_name_at_the_same_addresses(hidden_world, asec):
    """The control: the words are there to be found by a reader who may see them."""
    ids = sorted({record.pk for record in hidden_world})
    client = Client()
    client.force_login(asec)
    urls = _addresses({PUBLIC, SECRET, SIGNED, API}, ids, asec) + _history_by_kind()

    found, _read = _leaks(client, urls)

    assert {word for _url, word in found} == set(HIDDEN_WORDS.values())


# The search box: a word of a hidden record finds nothing, and its page is the page of a word
# no record has (no result, no count, no title); the Secretariat finds the words of every kind
# the search holds.
SEARCHED_WORDS = ["quokka", "wombat", "platypus", "wallaby", "dugong", "koala", "possum", "taipan"]
NOWHERE = "zzyzxq"


def _search_page(client, word: str) -> str:
    response = client.get(reverse("search:search"), {"q": word})
    assert response.status_code == 200
    html = response.content.decode().lower().replace(word, NOWHERE)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("reader", ["vnm", "viewer"])
def test_a_search_for_a_hidden_records_word_finds_nothing_naming_it(request, hidden_world, reader):
    client = Client()
    client.force_login(request.getfixturevalue(reader))
    nothing = _search_page(client, NOWHERE)
    assert "nothing you may see matches" in nothing
    for word in HIDDEN_WORDS.values():
        assert _search_page(client, word) == nothing, word


def test_the_secretariat_finds_the_hidden_words_the_search_holds(hidden_world, asec):
    client = Client()
    client.force_login(asec)
    for word in SEARCHED_WORDS:
        response = client.get(reverse("search:search"), {"q": word})
        assert sum(group.count for group in response.context["groups"]) >= 1, word


def _fields(serializer):
    for field in serializer.fields.values():
        inner = getattr(field, "child", None) or getattr(field, "child_relation", None)
        if isinstance(inner, serializers.Serializer):
            yield from _fields(inner)
        yield inner if isinstance(inner, RelatedField) else field


def test_every_id_an_api_client_sends_is_looked_up_through_restrict():
    """So a hidden record and an absent one get the same answer: "does not exist"."""
    from workplan.api_urls import router

    unrestricted = []
    writers = [v for _p, v, _b in router.registry if hasattr(v, "create") or hasattr(v, "update")]
    for viewset in writers:
        for field in _fields(viewset.serializer_class()):
            if not isinstance(field, RelatedField) or field.read_only:
                continue
            ruled = field.queryset.model in access.registered_rules()
            if ruled and not isinstance(field, RestrictedRelatedField | RestrictedSlugField):
                unrestricted.append(f"{viewset.__name__}.{field.field_name}")
    assert unrestricted == []
