"""The plan page, its dashboard and what a party owes, in the reader's language."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ja", "<h1>計画の現状</h1>"), ("id", "<h1>Posisi rencana saat ini</h1>")],
)
def test_it_shows_the_dashboard_in_the_readers_language(client, plan, idn, language, heading):
    client.force_login(idn)
    url = reverse("overview:dashboard", args=[plan.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ja", "<h2>優先分野</h2>"), ("id", "<h2>Bidang prioritas</h2>")],
)
def test_it_shows_the_plan_page_in_the_readers_language(client, plan, idn, language, heading):
    client.force_login(idn)
    html = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


def test_it_tells_a_party_what_it_owes_in_its_language(client, plan, idn):
    client.force_login(idn)
    url = reverse("overview:party", args=["IDN"])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "<h1>Kewajiban Indonesia</h1>" in html


def test_it_names_the_plans_in_the_readers_language(client, plan, asec):
    plan.translations = {"ja": {"title": "日本の作業計画", "short_title": "日本計画"}}
    plan.save()
    client.force_login(asec)
    html = client.get(reverse("overview:plan_overview"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "日本計画" in html


def test_a_japanese_reader_reads_the_default_plan_in_japanese(client, plan, jpn):
    client.force_login(jpn)
    html = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    for name in ("テロリズム", "サイバー犯罪", "違法薬物の密売", "海賊行為", "人身取引"):
        assert f"{name}</a></h3>" in html
    assert f"<h1>{plan.translations['ja']['title']}</h1>" in html
    assert "SOMTC+日本作業計画" in plan.translations["ja"]["title"]
    assert "海上の安全の維持" in html  # a commitment of sea piracy
    assert "Sea piracy" not in html


def test_an_english_reader_reads_the_plan_as_it_was_agreed(client, plan, jpn):
    client.force_login(jpn)
    html = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sea piracy</a></h3>" in html
    assert "海賊行為" not in html
