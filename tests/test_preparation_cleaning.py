"""A due case's documents cleaned once for all of them (issue 19): a text the documents
show, with characters a document cannot hold, is shown as U+FFFD in every document, as
before, while each text and each value the case's documents share is cleaned once while
the case is prepared, not again for every document that holds it (rendering/prepare.py
_Cleaned). Cleaning itself: tests/test_render_safety.py."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date
from enum import StrEnum

from lxml import etree

from omsorgspakke_docs.intake import guards
from omsorgspakke_docs.intake.guards import printable_all
from omsorgspakke_docs.rendering import prepare

from .conftest import canonical_case, make_workspace

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(path) -> str:
    with zipfile.ZipFile(path) as docx:
        root = etree.fromstring(docx.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


class _Counted:
    """guards' pattern of unprintable characters, counting the texts it cleans while on."""

    def __init__(self, pattern):
        self.pattern, self.on, self.texts = pattern, False, Counter()

    def sub(self, replacement, text):
        if self.on:
            self.texts[text] += 1
        return self.pattern.sub(replacement, text)


def test_a_text_every_letter_shows_is_cleaned_once_for_the_case_and_shown_in_each(
        tmp_path, monkeypatch):
    case = canonical_case()
    case["kontaktperson"]["tittel"] = "Kontaktperson,\x07 barnevernskonsulent"
    ws = make_workspace(tmp_path)
    ws.whole_year()
    ws.drop("sak.json", case)
    counted = _Counted(guards._UNPRINTABLE)
    monkeypatch.setattr(guards, "_UNPRINTABLE", counted)
    fingerprint = prepare._fingerprint  # where a document's context is cleaned

    def fingerprint_counted(*args, **kwargs):
        counted.on = True
        try:
            return fingerprint(*args, **kwargs)
        finally:
            counted.on = False

    monkeypatch.setattr(prepare, "_fingerprint", fingerprint_counted)
    summary = ws.run(date(2026, 11, 22))
    assert summary.files_failed == 0
    showing = [path for path in ws.documents(case["journalnummer"])
               if "Kontaktperson,\ufffd barnevernskonsulent" in _text(path)]
    assert len(showing) > 5
    assert not any("\x07" in _text(path) for path in ws.documents(case["journalnummer"]))
    # One case, prepared once: no text its documents show cleaned twice, however many
    # documents show it (the title: in every letter's signature).
    assert counted.texts and max(counted.texts.values()) == 1, counted.texts.most_common(3)


class _Kind(StrEnum):
    ONE = "en\x01"


class _Mapping(dict):
    pass


def test_cleaning_a_cases_values_once_gives_what_printable_all_gives():
    shared = {"navn": "Kari\x00Nordmann", "liste": ["a\x02", ("b\x03", 2.5, None, True)]}
    values = {"barn": shared, "part": {"barn": shared, "tall": 3}, "egen": _Mapping(x="y\x04"),
              "type": _Kind.ONE, "dato": date(2026, 12, 7), "tekst": "ok\x05"}
    clean = prepare._Cleaned()
    cleaned = {key: clean(value) for key, value in values.items()}
    assert cleaned == {key: printable_all(value) for key, value in values.items()}
    assert cleaned["barn"]["navn"] == "Kari\ufffdNordmann"
    assert cleaned["barn"] is cleaned["part"]["barn"]  # shared, cleaned once
    assert type(cleaned["egen"]) is dict and type(cleaned["barn"]["liste"][1]) is tuple
    assert shared == {"navn": "Kari\x00Nordmann", "liste": ["a\x02", ("b\x03", 2.5, None, True)]}
