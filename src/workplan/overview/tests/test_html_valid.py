"""`make check-html`: the Nu HTML Checker (vnu-jar from npm, run with Java) finds no error on
any page type (workplan.testing.pages) as each role sees it, the sign-in page and the error
pages included. The pages are rendered by the test client and checked in one run of the
checker."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from workplan.testing.pages import ROLES, make_world, page_urls, public_urls

pytestmark = pytest.mark.html

VNU = (
    Path(__file__).resolve().parents[4]
    / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)  # fmt: skip


def test_every_page_type_is_valid_html(plan, asec, idn, viewer, make_activity, parties, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu HTML Checker needs `npm ci --prefix tools` and a Java runtime")
    world = make_world(plan, asec, idn, make_activity, parties)
    users = {"asec": asec, "idn": idn, "viewer": viewer}
    pages = {}
    anonymous = Client()
    for url in public_urls(world):
        pages[f"anonymous{url.replace('/', '-').rstrip('-')}.html"] = anonymous.get(url)
    for role in ROLES:
        client = Client()
        client.force_login(users[role])
        for url in page_urls(world):
            name = f"{role}{url.replace('/', '-').rstrip('-')}.html"
            pages[name] = client.get(url)
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, response in pages.items():
        if response.status_code < 300 or response.status_code >= 400:
            (folder / name).write_bytes(response.content)
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert len(list(folder.iterdir())) > 3 * 40
    assert errors == [], "\n".join(errors)
