"""Reading a statement through the pages: who may, bad input refused with nothing created,
nothing recorded before confirming, meetings matched or created on record, and the pages that
show a statement."""

import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workplan.core.changelog import history_of
from workplan.core.models import ChangeLog
from workplan.core.tests.hostile_files import with_laughs, word_bomb, word_file
from workplan.meetings.models import Body, Meeting
from workplan.statements.models import Statement
from workplan.statements.tests.helpers import SEED, confirm_data

READ = reverse("statements:statement_read")
CONFIRM = reverse("statements:statement_confirm")


def counts():
    return (Statement.objects.count(), Meeting.objects.count(), Body.objects.count(),
            ChangeLog.objects.count())  # fmt: skip


@pytest.fixture
def read_seed(client, asec):
    """The secretariat officer pastes the seed article; the review page it gets."""
    client.force_login(asec)
    return client.post(READ, {"text": SEED})


def summit_row(review):
    return next(i for i, m in enumerate(review.reading.meetings) if m.body.key.endswith("SUMMIT"))


# Who may


def test_it_shows_the_read_page_to_the_secretariat(client, asec):
    client.force_login(asec)
    response = client.get(READ)
    assert response.status_code == 200
    assert b"Read a statement" in response.content


@pytest.mark.parametrize("user", ["idn", "viewer"])
def test_it_refuses_reading_and_confirming_to_others_than_the_secretariat(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(READ).status_code == 403
    assert client.post(READ, {"text": SEED}).status_code == 403
    assert client.post(CONFIRM, {"text": SEED, "title": "x"}).status_code == 403
    assert Statement.objects.count() == 0


@pytest.mark.parametrize("url", [READ, reverse("statements:statement_list")])
def test_it_sends_an_anonymous_visitor_to_sign_in(client, url, plan):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_menu_item_to_the_secretariat_only(client, asec, idn):
    client.force_login(asec)
    assert b">Read a statement</a>" in client.get(reverse("statements:statement_list")).content
    client.force_login(idn)
    assert b">Read a statement</a>" not in client.get(reverse("statements:statement_list")).content


# Reading proposes and creates nothing


def test_it_proposes_what_it_reads_with_the_justifying_words_marked(read_seed):
    content = read_seed.content.decode()
    assert read_seed.status_code == 200
    assert "17th ASEAN Ministerial Meeting on Transnational Crime (AMMTC)" in content
    assert '<mark class="hl-meeting" title="Meeting: 17th ASEAN Ministerial Meeting on ' in content
    assert ">Labuan Bajo</mark>" in content
    assert ">August 20 to 23</mark>" in content
    assert 'value="Labuan Bajo"' in content


def test_it_creates_nothing_before_the_person_confirms(client, asec):
    client.force_login(asec)
    before = counts()
    response = client.post(READ, {"text": SEED, "title": "ASEAN, Japan finalize work plan"})
    assert response.status_code == 200
    assert counts() == before


def test_it_proposes_to_link_a_meeting_already_recorded(read_seed, plan):
    review = read_seed.context["review"]
    ammtc = Meeting.objects.get(body__key="AMMTC", number=17)
    rows = {row["found"].body.key: row for row in review.meeting_rows()}
    assert rows["AMMTC"]["match"] == ammtc
    assert b"Already recorded:" in read_seed.content


def test_it_proposes_to_ignore_a_meeting_it_cannot_number(read_seed):
    review = read_seed.context["review"]
    decisions = {m.body.key: f["decision"].value() for m, f in
                 zip(review.reading.meetings, review.meetings.forms, strict=True)}  # fmt: skip
    assert decisions == {"AMMTC": "accept", "SOMTC+JPN": "accept", "ASEAN-JPN-SUMMIT": "ignore"}


def test_it_reads_a_word_file(client, asec):
    import io

    import docx

    document = docx.Document()
    for line in SEED.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(asec)
    upload = SimpleUploadedFile("seed.docx", buffer.getvalue())
    response = client.post(READ, {"file": upload})
    review = response.context["review"]
    assert [m.body.key for m in review.reading.meetings] == ["AMMTC", "ASEAN-JPN-SUMMIT",
                                                            "SOMTC+JPN"]  # fmt: skip
    assert review.document["source_name"].value() == "seed.docx"


# Bad input: a clear message, nothing created


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   \n  "}, "The statement is empty: paste its text or choose a file."),
        ({"text": ""}, "The statement is empty: paste its text or choose a file."),
        (
            {"file": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")},
            "photo.png is not a text (.txt), Word (.docx) or PDF file (judged by its content).",
        ),
        (
            {"file": SimpleUploadedFile("big.txt", b"The 17th AMMTC. " * 312_500)},
            "big.txt is 5.0 MB; a statement file must be smaller than 5 MB.",
        ),
        (
            {
                "file": SimpleUploadedFile(
                    "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)
                )
            },
            "old.doc is an old Word (.doc) file: save it as .docx or PDF and try again.",
        ),
        (
            {"text": "The 17th AMMTC.", "file": SimpleUploadedFile("a.txt", b"The 17th AMMTC.")},
            "Paste a text or choose a file, not both.",
        ),
    ],
    ids=["blank", "empty", "binary", "5 MB", "old Word", "both"],
)
def test_it_refuses_bad_input_with_a_clear_message_and_creates_nothing(client, asec, data,
                                                                       message):  # fmt: skip
    client.force_login(asec)
    before = counts()
    response = client.post(READ, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Nothing was saved." in response.content.decode()
    assert "review" not in response.context
    assert counts() == before


def test_it_refuses_a_word_file_that_unpacks_to_115_mb_within_a_second(client, asec):
    bomb = SimpleUploadedFile("bomb.docx", word_bomb(115))
    assert len(bomb) < 1_000_000
    client.force_login(asec)
    before = counts()

    started = time.perf_counter()
    response = client.post(READ, {"file": bomb})

    assert time.perf_counter() - started < 1
    content = response.content.decode()
    assert "bomb.docx unpacks to 115." in content
    assert "MB; an uploaded Word or Excel file may unpack to at most 20.0 MB." in content
    assert "review" not in response.context
    assert counts() == before


def test_it_refuses_a_word_file_that_declares_entities(client, asec):
    laughing = with_laughs(word_file(), "word/document.xml", b"The 19th SOMTC")
    client.force_login(asec)

    response = client.post(READ, {"file": SimpleUploadedFile("lol.docx", laughing)})

    assert "lol.docx is refused: its part word/document.xml declares a document type or " \
        "entities" in response.content.decode()  # fmt: skip
    assert "review" not in response.context


# Confirming


def test_it_keeps_the_statement_and_links_the_meetings_already_recorded(client, read_seed, asec):
    meetings_before = Meeting.objects.count()
    data = confirm_data(read_seed.context["review"], title="ASEAN, Japan finalize work plan")
    response = client.post(CONFIRM, data)
    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response.url == statement.get_absolute_url()
    assert Meeting.objects.count() == meetings_before
    assert sorted(str(m) for m in statement.meetings.all()) == ["17th AMMTC", "19th SOMTC + Japan"]
    assert (statement.title, statement.created_by, statement.text) == (
        "ASEAN, Japan finalize work plan", asec, SEED,
    )  # fmt: skip


def test_it_records_the_statement_and_each_link_in_the_history(client, read_seed):
    client.post(CONFIRM, confirm_data(read_seed.context["review"]))
    statement = Statement.objects.get()
    ammtc = Meeting.objects.get(body__key="AMMTC", number=17)
    (created,) = history_of(statement)
    assert created.kind == ChangeLog.Kind.CREATE
    assert [link["name"] for link in created.after["meetings"]] == [
        "17th AMMTC",
        "19th SOMTC + Japan",
    ]
    assert created.after["text"] == f"{len(SEED):,} characters"
    assert history_of(ammtc).first().message == (
        f"Linked to statement #{statement.pk} “{statement.title}”."
    )


def test_it_creates_a_corrected_meeting_and_its_body_on_record(client, read_seed, asec):
    review = read_seed.context["review"]
    summit = summit_row(review)
    data = confirm_data(review, meetings={summit: {"decision": "accept", "number": "17",
                                                   "city": "Nay Pyi Taw"}})  # fmt: skip
    client.post(CONFIRM, data)
    statement = Statement.objects.get()
    meeting = Meeting.objects.get(body__key="ASEAN-JPN-SUMMIT")
    assert (meeting.number, str(meeting.start_date), meeting.end_date.isoformat()) == (
        17, "2014-11-12", "2014-11-12",
    )  # fmt: skip
    assert (meeting.city, meeting.country.code, meeting.status) == ("Nay Pyi Taw", "MMR", "held")
    assert (meeting.body.name, meeting.body.level) == ("ASEAN-Japan Summit", "summit")
    assert meeting in statement.meetings.all()
    source = f"statement #{statement.pk} “{statement.title}”"
    for record in (meeting, meeting.body):
        kinds = [(row.kind, row.message) for row in history_of(record).order_by("id")]
        assert kinds == [("create", ""), ("event", f"Created from {source}.")]
        assert history_of(record).last().actor == asec


def test_it_keeps_what_was_proposed_and_what_was_accepted(client, read_seed):
    review = read_seed.context["review"]
    summit = summit_row(review)
    client.post(CONFIRM, confirm_data(review, meetings={summit: {"decision": "accept",
                                                                 "number": "17"}}))  # fmt: skip
    kept = {m["body"]: m for m in Statement.objects.get().findings["meetings"]}
    assert kept["ASEAN-JPN-SUMMIT"]["number"] == 17
    assert kept["ASEAN-JPN-SUMMIT"]["proposed"]["number"] is None
    assert kept["ASEAN-JPN-SUMMIT"]["created"] is True
    assert kept["AMMTC"]["created"] is False


def test_it_creates_nothing_for_an_ignored_meeting(client, read_seed):
    review = read_seed.context["review"]
    ignore_all = {i: {"decision": "ignore"} for i in range(len(review.reading.meetings))}
    client.post(CONFIRM, confirm_data(review, meetings=ignore_all))
    assert list(Statement.objects.get().meetings.all()) == []


def test_it_keeps_the_parties_areas_and_commitments_left_ticked_as_corrected(client, read_seed):
    review = read_seed.context["review"]
    data = confirm_data(
        review,
        commitments={0: {"text": "Mutual support against terrorism"}, 1: {"keep": False}},
        parties=["ASEAN", "IDN", "JPN", "VNM"],
        areas=["terrorism", "sea-piracy"],
    )
    client.post(CONFIRM, data)
    findings = Statement.objects.get().findings
    assert [p["code"] for p in findings["parties"]] == ["ASEAN", "IDN", "JPN", "VNM"]
    assert findings["parties"][3]["spans"] == []  # added by the person: nothing in the text
    assert [a["key"] for a in findings["priority_areas"]] == ["terrorism", "sea-piracy"]
    texts = [c["text"] for c in findings["commitments"]]
    assert texts[0] == "Mutual support against terrorism"
    assert len(texts) == len(review.reading.commitments) - 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"decision": "accept"}, "number", "Give the meeting's ordinal number to record it"),
        ({"decision": "accept", "number": "17", "start": ""}, "start",
         "Give the day, month or year it starts"),
        ({"decision": "accept", "number": "17", "start": "12 Nov 2014"}, "start",
         "“12 Nov 2014” is not a date"),
        ({"decision": "accept", "number": "17", "end": "2014-11-01"}, "end",
         "The meeting cannot end before it starts."),
    ],
)  # fmt: skip
def test_it_refuses_an_accepted_meeting_that_cannot_be_recorded(client, read_seed, changes,
                                                                field, message):  # fmt: skip
    review = read_seed.context["review"]
    before = counts()
    response = client.post(CONFIRM, confirm_data(review, meetings={summit_row(review): changes}))
    assert response.status_code == 200
    assert "Nothing was recorded." in response.content.decode()
    form = response.context["review"].meetings.forms[summit_row(review)]
    assert message in " ".join(form.errors[field])
    assert counts() == before


def test_it_asks_to_read_again_when_the_text_does_not_come_back(client, asec):
    client.force_login(asec)
    response = client.post(CONFIRM, {"title": "x"})
    assert response.status_code == 302
    assert response.url == READ
    assert Statement.objects.count() == 0


# The pages that show statements


@pytest.fixture
def statement(client, read_seed):
    client.post(CONFIRM, confirm_data(read_seed.context["review"], title="Work plan agreed"))
    return Statement.objects.get()


def test_it_shows_a_statement_with_its_meetings_linked_to_their_pages(client, statement, viewer):
    client.force_login(viewer)
    response = client.get(statement.get_absolute_url())
    ammtc = Meeting.objects.get(body__key="AMMTC", number=17)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{ammtc.get_absolute_url()}">17th AMMTC</a>' in content
    assert ">Labuan Bajo</mark>" in content


def test_it_answers_not_found_for_a_statement_that_does_not_exist(client, asec):
    client.force_login(asec)
    assert client.get(reverse("statements:statement_detail", args=[999])).status_code == 404


def test_it_lists_the_statements_on_the_page_of_a_linked_meeting(client, statement, idn):
    ammtc = Meeting.objects.get(body__key="AMMTC", number=17)
    client.force_login(idn)
    content = client.get(ammtc.get_absolute_url()).content.decode()
    assert f'<a href="{statement.get_absolute_url()}">Work plan agreed</a>' in content


def test_it_says_so_on_a_meeting_page_when_no_statement_is_linked(client, plan, asec):
    client.force_login(asec)
    meeting = Meeting.objects.get(body__key="SOMTC", number=23)
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert "No statement is linked to this meeting." in content


@pytest.mark.parametrize("size", [3, 30])
def test_it_lists_statements_with_a_fixed_number_of_queries(client, asec, size,
                                                           django_assert_num_queries):  # fmt: skip
    Statement.objects.bulk_create(
        Statement(title=f"Statement {n}", text="x", created_by=asec) for n in range(size)
    )
    client.force_login(asec)
    # session, user with party, count, the page of statements with their reader and meeting
    # count, + the session renewed on every request (savepoint, update, release)
    with django_assert_num_queries(7):
        response = client.get(reverse("statements:statement_list"))
    assert len(response.context["page"]) == size


def test_it_reads_again_with_the_date_it_first_read_with_whatever_is_typed_since(client, asec):
    client.force_login(asec)
    text = "Vientiane, 20 May 2024 – The 20th SOMTC opened on Tuesday in Vientiane."
    review = client.post(READ, {"text": text, "published": "2024-05-22"}).context["review"]
    client.post(CONFIRM, confirm_data(review, published="2025-01-01"))
    statement = Statement.objects.get()
    assert str(statement.published) == "2025-01-01"
    assert statement.findings["meetings"][0]["start_date"] == "2024-05-21"


def test_it_refuses_forms_that_no_longer_match_the_text(client, read_seed):
    data = confirm_data(read_seed.context["review"])
    data["meeting-TOTAL_FORMS"] = 2
    response = client.post(CONFIRM, data)
    assert "The proposals no longer match the text: read it again." in response.content.decode()
    assert Statement.objects.count() == 0


def test_it_refuses_pasted_text_too_large_to_send_with_a_clear_message(client, asec, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    client.force_login(asec)
    response = client.post(READ, {"text": "The 17th AMMTC. " * 200})
    assert "The text is too long to send with the form: upload it as a file instead." in (
        response.content.decode()
    )
    assert Statement.objects.count() == 0


@pytest.mark.parametrize("linked", [1, 4])
def test_it_shows_a_statement_with_a_fixed_number_of_queries(client, asec, plan, linked,
                                                            django_assert_num_queries):  # fmt: skip
    findings = {"parties": [{"code": "IDN", "spans": []}]}
    statement = Statement.objects.create(
        title="Joint statement", text="The 17th AMMTC.", created_by=asec, findings=findings
    )
    statement.meetings.set(Meeting.objects.all()[:linked])
    ContentType.objects.get_for_model(Statement)  # cached for the process, as in a running site
    client.force_login(asec)
    # session, user, statement with its reader, its meetings with body and country, the names
    # of its parties, its history; + the session renewed (savepoint, update, release)
    with django_assert_num_queries(9):
        response = client.get(statement.get_absolute_url())
    assert len(response.context["meetings"]) == linked


# Several plans


def test_it_reads_for_the_plan_chosen_and_keeps_its_areas_with_the_statement(
    client, asec, laundering_plan
):
    client.force_login(asec)
    text = "The Ministers agreed to trace the proceeds of crime across borders."
    review = client.post(READ, {"text": text, "plan": laundering_plan.pk}).context["review"]
    assert review.document.fields["areas"].choices == [
        ("money-laundering", "Money laundering"), ("asset-recovery", "Asset recovery")
    ]  # fmt: skip
    assert review.document["areas"].value() == ["money-laundering"]
    client.post(CONFIRM, confirm_data(review))
    statement = Statement.objects.get()
    assert statement.findings["plan"] == laundering_plan.pk
    assert statement.findings["commitments"][0]["priority_area"] == "money-laundering"
    content = client.get(statement.get_absolute_url()).content.decode()
    assert "<h3>Money laundering</h3>" in content


def test_it_asks_for_the_plan_only_when_there_are_several(client, asec, request):
    client.force_login(asec)
    assert 'type="hidden" name="plan"' in client.get(READ).content.decode()
    request.getfixturevalue("laundering_plan")
    content = client.get(READ).content.decode()
    assert '<select name="plan"' in content
    assert ">Money laundering 2025-2030</option>" in content
    assert ">SOMTC + Japan Work Plan 2023-2027</option>" in content


def test_it_asks_which_plan_to_read_for_when_there_are_several(client, asec, laundering_plan):
    client.force_login(asec)
    response = client.post(READ, {"text": SEED})
    assert response.context["form"].errors["plan"] == ["Choose the plan the statement is read for."]
    assert Statement.objects.count() == 0


def test_it_names_the_areas_of_a_statement_kept_before_its_plan_was_kept_with_it(
    client, asec, laundering_plan
):
    findings = {"priority_areas": [{"key": "sea-piracy", "evidence": ["Piracy."], "spans": []}]}
    statement = Statement.objects.create(
        title="Read in 2025", text="Piracy.", created_by=asec, findings=findings
    )
    client.force_login(asec)
    assert "<h3>Sea piracy</h3>" in client.get(statement.get_absolute_url()).content.decode()
