"""Every word a page shows is marked for translation, and every marked text is translated into
Japanese and Bahasa Indonesia: a new text that is not fails here, before a reader meets English
in the middle of a Japanese page."""

import html.parser
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template.base import Lexer, TokenType

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for path in PACKAGE.glob("*/templates/**/*")
    if path.suffix in {".html", ".txt"} and path.is_file()
)
CATALOGUES = PACKAGE.glob("*/locale/ja/LC_MESSAGES/django.po")
APPS_WITH_LOCALE = sorted(path.parents[3] for path in CATALOGUES)
LANGUAGES = ("ja", "id")
# Text in these elements is code, an identifier or a program, and reads the same in every language.
UNTRANSLATED_ELEMENTS = {"script", "style", "code", "kbd", "samp"}
TRANSLATED_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "aria-description"}
TRANSLATED_ATTRIBUTES |= {"data-copied", "data-failed"}  # what app.js says, in the page's language
WORDS = re.compile(r"[^\W\d_]{2,}")
BLOCKS_OF_TRANSLATED_TEXT = {"blocktranslate": "endblocktranslate", "comment": "endcomment"}


def skeleton(source: str) -> str:
    """The template with every tag, variable and translated text replaced by a wordless mark:
    what is left of any language is text nobody marked."""
    parts, closing = [], None
    for token in Lexer(source).tokenize():
        name = token.contents.split()[0] if token.token_type == TokenType.BLOCK else ""
        if closing:
            closing = None if name == closing else closing
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        else:
            parts.append("§")
            closing = BLOCKS_OF_TRANSLATED_TEXT.get(name)
    return "".join(parts)


class UnmarkedText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.open = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in {"br", "hr", "img", "input", "meta", "link", "col", "wbr", "source"}:
            self.open.append(tag)
        for name, value in attrs:
            if name in TRANSLATED_ATTRIBUTES and value and WORDS.search(value):
                self.found.append(f'{tag} {name}="{value}"')

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if UNTRANSLATED_ELEMENTS.isdisjoint(self.open) and WORDS.search(data):
            self.found.append(" ".join(data.split()))


def unmarked_texts(path: Path) -> list[str]:
    text = skeleton(path.read_text())
    if path.suffix == ".txt":
        return [line.strip() for line in text.splitlines() if WORDS.search(line)]
    parser = UnmarkedText()
    parser.feed(text)
    parser.close()
    return parser.found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_text_of_a_template_is_marked_for_translation(template):
    assert unmarked_texts(template) == []


def test_the_check_finds_a_text_left_unmarked(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}<h1 title="Plan {{ plan }}">{% translate "Plan" %}</h1>'
        "<p>{% blocktranslate %}Due {{ day }}{% endblocktranslate %} overdue</p>"
        "<code>SP-2024-05</code><script>let done = 1;</script>"
    )
    assert unmarked_texts(template) == ['h1 title="Plan §"', "§ overdue"]


def catalogue(app: Path, language: str) -> polib.POFile:
    return polib.pofile(str(app / "locale" / language / "LC_MESSAGES" / "django.po"))


def texts_to_translate(app: Path, tmp_path: Path, monkeypatch) -> set[tuple[str, str]]:
    """What `make messages` would write for the app today, made in a copy of it."""
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "*.mo"))
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["ja"], verbosity=0, no_location=True)
    fresh = copy / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    if not fresh.exists():
        return set()
    return {(entry.msgctxt or "", entry.msgid) for entry in polib.pofile(str(fresh))}


@pytest.mark.parametrize("app", APPS_WITH_LOCALE, ids=lambda path: path.name)
def test_each_catalogue_holds_every_marked_text_of_its_app(app, tmp_path, monkeypatch):
    wanted = texts_to_translate(app, tmp_path, monkeypatch)
    for language in LANGUAGES:
        entries = catalogue(app, language)
        held = {(entry.msgctxt or "", entry.msgid) for entry in entries if not entry.obsolete}
        assert sorted(wanted - held) == [], f"{language}: run `make messages` and translate these"
        assert sorted(held - wanted) == [], f"{language}: texts no longer used; run `make messages`"


@pytest.mark.parametrize("app", APPS_WITH_LOCALE, ids=lambda path: path.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_translates_every_text(app, language):
    entries = catalogue(app, language)
    untranslated = [entry.msgid for entry in entries.untranslated_entries()]
    fuzzy = [entry.msgid for entry in entries.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])


def test_every_app_that_shows_text_has_its_catalogues():
    showing = {
        path.relative_to(PACKAGE).parts[0]
        for path in [*TEMPLATES, *PACKAGE.glob("*/**/*.py")]
        if "tests" not in path.parts
        and (path.suffix != ".py" or "django.utils.translation" in path.read_text())
    }
    assert sorted(showing - {app.name for app in APPS_WITH_LOCALE}) == []
