"""The public site in the visitor's language: its frame, the plan's facts and its areas (the
default plan is published)."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ja", "<h1>公開中の作業計画</h1>"), ("id", "<h1>Rencana kerja yang dipublikasikan</h1>")],
)
def test_it_lists_the_published_plans_in_the_visitors_language(plan, language, heading):
    url = reverse("publication:plan_list")
    html = Client().get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ja", "公開活動の進捗"), ("id", "Kemajuan kegiatan publik")],
)
def test_it_shows_a_published_plan_in_the_visitors_language(plan, language, heading):
    url = reverse("publication:plan", args=[plan.pk])
    html = Client().get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}">' in html
    assert f'<h2 id="progress-heading">{heading}</h2>' in html
