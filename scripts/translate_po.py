"""Fills a catalogue from a JSON file of {msgid: msgstr} (for a plural, a list of forms), for
translators who work in a plain file: `python scripts/translate_po.py APP LANGUAGE FILE.json`.
Prints what is still untranslated in that catalogue afterwards."""

import json
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "workplan"


def main(app: str, language: str, translations_file: str) -> None:
    path = PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    translations = json.loads(Path(translations_file).read_text())
    catalogue.metadata["Language"] = language
    for entry in catalogue:
        given = translations.get(entry.msgid)
        if given is None:
            continue
        if entry.msgid_plural:
            forms = given if isinstance(given, list) else [given]
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = given
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))
    for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
        print(json.dumps(entry.msgid, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:4])
