"""A Japanese official reads the meeting cycle in Japanese, chosen in the header, down to the
meeting report it downloads."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from workplan.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_jpn_switches_to_japanese_and_the_meeting_pages_and_report_are_in_japanese(
    page, live_server, jpn, make_meeting, tmp_path
):
    meeting = make_meeting(number=20)
    sign_in(page, live_server, "jpn")

    page.locator(".language-switcher").get_by_role("button", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    page.goto(f"{live_server.url}/meetings/")
    expect(page.get_by_role("heading", name="会合", exact=True)).to_be_visible()
    page.get_by_role("link", name=str(meeting)).click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", name="議題", exact=True)).to_be_visible()
    expect(page.locator(".page-heading").first).to_contain_text("2024年6月10日～11日")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="会合資料（Word）").click()
    saved = tmp_path / "pack.docx"
    download_info.value.save_as(saved)
    text = "\n".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    assert "会合報告書" in text
    assert "1. 概要" in text
    assert "10. 議題案" in text
    assert "2024年6月10日 時点" in text
    assert "Summary" not in text
