"""The search page: what each user may see, grouped by kind, the matched words marked (and
escaped), one kind paged, bad searches explained, and a fixed number of queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workplan.core.filters import MAX_SEARCH_WORDS
from workplan.meetings import actions as meetings
from workplan.meetings.models import Body
from workplan.reporting import actions as reporting
from workplan.search.kinds import KINDS
from workplan.statements.actions import record_statement

D = datetime.date
SEARCH = reverse("search:search")


def found(client, **query) -> dict:
    response = client.get(SEARCH, query)
    assert response.status_code == 200, response.content[:500]
    return {
        group.kind.key: [r.title for r in group.results] for group in response.context["groups"]
    }


@pytest.fixture
def secret(make_activity):
    return make_activity(
        lead="IDN", partners=["JPN"], classification="restricted", code="QK-2024-77",
        title="Quokka covert exchange", description="Harbour sweep",
    )  # fmt: skip


def test_it_needs_sign_in(client):
    assert client.get(SEARCH, {"q": "harbour"}).status_code == 302


def test_viet_nam_does_not_find_a_restricted_indonesian_activity_the_secretariat_finds(
    client, secret, vnm, asec
):
    client.force_login(vnm)
    assert found(client, q="quokka")["activity"] == []
    client.force_login(asec)
    assert found(client, q="quokka")["activity"] == [f"{secret.code} {secret.title}"]


def test_it_finds_the_start_of_words_and_every_word_must_match(client, secret, asec):
    client.force_login(asec)
    assert found(client, q="QUOK harb")["activity"] == [f"{secret.code} {secret.title}"]
    assert found(client, q="quokka piracy")["activity"] == []


def test_it_finds_an_activity_by_its_code_as_written(client, secret, make_activity, asec):
    make_activity(code="QK-2024-78", title="Another")
    client.force_login(asec)
    assert found(client, q="QK-2024-77")["activity"] == [f"{secret.code} {secret.title}"]


def test_it_marks_the_matched_words_and_escapes_the_text(client, make_activity, asec):
    make_activity(title="Dugong <script>alert(1)</script> drill")
    client.force_login(asec)
    html = client.get(SEARCH, {"q": "dugong"}).content.decode()
    assert "<mark>Dugong</mark> &lt;script&gt;alert(1)&lt;/script&gt; drill" in html
    assert "<script>alert" not in html


def test_the_header_has_the_search_box_on_every_page(client, plan, vnm):
    client.force_login(vnm)
    html = client.get(reverse("meetings:meeting_list")).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert f'action="{SEARCH}"' in header


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (" ".join(["word"] * 1000), f"at most {MAX_SEARCH_WORDS} words; this search has 1,000"),
        ("x", "at least 2 characters"),
        ("", "Type a word to search for."),
        ("y" * 1000, "at most 200 characters"),
    ],
)
def test_it_explains_a_search_it_cannot_run(client, vnm, query, message):
    client.force_login(vnm)
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["groups"] == []


def make_records(plan, asec, idn, parties, make_activity, count: int) -> None:
    """`count` records of every kind with the word "harbour", and as many without it."""
    body = Body.objects.get(key="SOMTC+JPN")
    period = plan.periods.get(name="H1 2024")
    for n in range(count):
        for word in ("harbour", "inland"):
            activity = make_activity(title=f"{word} patrol {n}", lead="IDN")
            update = reporting.start_update(activity, period, actor=idn)
            data = {"narrative": f"{word} narrative", "percent_complete": 40,
                    "reported_status": "ongoing"}  # fmt: skip
            update = reporting.save_update(update, data, {}, expected_version=1, actor=idn)
            reporting.submit_update(update, actor=idn)  # the Secretariat sees it
            meeting = meetings.create_meeting(
                {"body": body, "number": 100 + 2 * n + (word == "inland"), "plan": plan,
                 "start_date": D(2025, 6, 10), "city": word}, actor=asec,
            )  # fmt: skip
            item = meetings.add_agenda_item(meeting, {"title": f"{word} item"}, actor=asec)
            meetings.add_decision(item, f"{word} decision", actor=asec)
            meetings.add_action_item(
                item, {"text": f"{word} task", "owners": [parties["VNM"]]}, actor=asec
            )
            upload = SimpleUploadedFile(f"{word}-{n}.pdf", b"%PDF-1.4\n%%EOF\n")
            meetings.add_document(meeting, upload, actor=asec)
            record_statement({"title": f"{word} statement", "text": "Text"}, [], {}, actor=asec)


@pytest.mark.parametrize("reader", ["asec", "idn"])
@pytest.mark.parametrize("count", [2, 8])
def test_it_runs_a_fixed_number_of_queries_at_any_size(
    request, client, plan, asec, idn, parties, make_activity, count, reader,
    django_assert_num_queries,
):  # fmt: skip
    make_records(plan, asec, idn, parties, make_activity, count)
    client.force_login(request.getfixturevalue(reader))
    # session, user; for each of the 8 kinds: its count, its first rows (with what their titles
    # name, in the same query) + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(2 + 2 * len(KINDS) + 3):
        groups = found(client, q="harbour")
    assert all(len(titles) == min(count, 5) for titles in groups.values()), groups
    assert set(groups) == {kind.key for kind in KINDS}


@pytest.mark.parametrize("count", [2, 12])
def test_it_pages_one_kind_in_a_fixed_number_of_queries(
    client, plan, asec, idn, parties, make_activity, count, django_assert_num_queries
):
    make_records(plan, asec, idn, parties, make_activity, count) if count == 2 else [
        make_activity(title=f"harbour patrol {n}") for n in range(count * 2)
    ]
    client.force_login(asec)
    # session, user, the kind's count, its page + the session renewed (savepoint, update, release)
    with django_assert_num_queries(7):
        response = client.get(SEARCH, {"q": "harbour", "kind": "activity", "page": 2})
    group = response.context["groups"][0]
    assert group.page.number == (2 if count == 12 else 1)
    assert group.count == 2 * count if count == 12 else count


def test_above_the_limit_it_says_more_than_and_pages_on_without_counting_every_match(
    client, make_activity, asec, monkeypatch
):
    monkeypatch.setattr("workplan.search.views.SearchPages.limit", 6)
    for number in range(25):
        make_activity(title=f"harbour patrol {number}")
    client.force_login(asec)

    every_kind = client.get(SEARCH, {"q": "harbour"}).content.decode()
    first_page = client.get(SEARCH, {"q": "harbour", "kind": "activity"})
    second_page = client.get(SEARCH, {"q": "harbour", "kind": "activity", "page": 2})

    assert "(more than 6)" in every_kind
    assert "More than 6 records you may see match every word." in every_kind
    assert "All the activities" in every_kind
    group = first_page.context["groups"][0]
    assert (group.count, group.exact, group.page.has_next()) == (6, False, True)
    assert "Page 1</span>" in first_page.content.decode()
    assert len(second_page.context["groups"][0].results) == 5  # 25 matches, 20 a page


def test_below_the_limit_the_count_is_exact(client, make_activity, asec):
    for number in range(4):
        make_activity(title=f"harbour patrol {number}")
    client.force_login(asec)

    page = client.get(SEARCH, {"q": "harbour"})

    (activities,) = [g for g in page.context["groups"] if g.kind.key == "activity"]
    assert (activities.count, activities.exact) == (4, True)
    assert "more than" not in page.content.decode().lower()
