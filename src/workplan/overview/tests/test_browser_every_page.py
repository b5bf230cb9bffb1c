"""Every page type (workplan.testing.pages), as the Secretariat, a focal point and a viewer, at
1366 and 390 px wide: no serious or critical axe-core violation (WCAG 2.1 AA), no sideways
scrolling on a phone, no console error, a valid <html lang>.

axe-core comes from npm (tools/package.json, `npm ci --prefix tools`), read from disk and run
in the page: no CDN. One browser; one context per role; each page is loaded once and resized.
"""

import json
import re
from pathlib import Path

import pytest

from workplan.security.tests.test_access_table import ACCESS_TABLE, PUBLIC, SIGNED
from workplan.testing.browser import sign_in
from workplan.testing.pages import NOT_PAGES, ROLES, make_world, page_urls, public_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[4] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
WIDE, PHONE = 1366, 390
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@pytest.fixture
def world(plan, asec, idn, make_activity, parties):
    return make_world(plan, asec, idn, make_activity, parties)


def test_every_signed_in_and_public_url_is_visited_or_said_not_to_be_a_page():
    pages = {name for name, kind in ACCESS_TABLE.items() if kind in (SIGNED, PUBLIC)}
    assert pages >= NOT_PAGES, sorted(NOT_PAGES - pages)


def check(page, errors: list, url: str, width: int) -> list[str]:
    """What is wrong with the page as loaded, at this width."""
    problems = []
    lang = page.evaluate("document.documentElement.lang")
    if not LANG.match(lang or ""):
        problems.append(f"html lang {lang!r}")
    if width == PHONE:
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{overflow} px wider than the screen")
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ' on ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))",
        WCAG_AA,
    )
    problems += [f"axe: {violation}" for violation in result]
    problems += [f"console: {text}" for text in errors]
    return [f"{url} at {width} px: {problem}" for problem in problems]


def visit(page, url: str, errors: list) -> None:
    errors.clear()
    response = page.goto(url)
    page.wait_for_load_state("load")
    if url.endswith("/api/docs/"):
        page.wait_for_selector(".opblock")
    # the browser reports a page answered 403 or 404 as a failed load: that page is the app's
    # own error page, checked like any other
    if response is not None and response.status in (403, 404):
        errors[:] = [text for text in errors if "Failed to load resource" not in text]


def test_every_page_reads_on_a_phone_and_passes_axe_for_each_role(
    browser, live_server, world, asec, idn, viewer
):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci --prefix tools` (make test does)")
    axe = AXE.read_text()
    urls = page_urls(world)
    problems, errors = [], []
    for role in [None, *ROLES]:
        context = browser.new_context(viewport={"width": WIDE, "height": 900})
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        if role:
            sign_in(page, live_server, role)
        for url in urls if role else public_urls(world):
            page.set_viewport_size({"width": WIDE, "height": 900})
            visit(page, live_server.url + url, errors)
            page.evaluate(axe)
            problems += check(page, errors, f"{role or 'anonymous'} {url}", WIDE)
            page.set_viewport_size({"width": PHONE, "height": 844})
            errors.clear()
            problems += check(page, errors, f"{role or 'anonymous'} {url}", PHONE)
        context.close()
    assert problems == [], json.dumps(problems, indent=1)
