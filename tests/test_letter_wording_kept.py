"""Letters reworded in a new release keep what the office did with them (helper 162).

The joint meeting's letters said «Møtet bygger videre på samtalene om «…» som jeg har med hver
av dere før møtet.» (to one parent: each of whom?) and «Tenk gjerne gjennom på forhånd hva
som er viktig for deg at de andre vet»; an information letter issued late said «Var du ikke
med på den, …», read as a question. The new words show no other facts than the old (the
same fields: prepare.py fingerprints what a letter shows, not its template's wording), so a
letter issued and marked as sent before is made again in the new words, keeps its date and
its mark in Til utsending, and is not listed to send again (store/issued.py).
"""

from __future__ import annotations

import zipfile
from datetime import timedelta

import pytest

from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .test_sent_marks import LIST, _mark, _rows

OLD = {
    "bokmal": {
        "fellesmote.docx": [
            ("som {% if mottaker.rolle", "som jeg har med hver av dere før møtet.{% if "
             "mottaker.rolle"),
            ("hva {% if mottaker.en_person %}du{% else %}dere{% endif %} vil at de andre skal "
             "vite", "hva som er viktig for {% if mottaker.en_person %}deg{% else %}dere"
             "{% endif %} at de andre vet")],
        "innkalling.docx": [("brevet vårt fra {{ erstatter }}",
                             "brevet om samtalen datert {{ erstatter }}")],
    },
    "nynorsk": {
        "fellesmote.docx": [
            ("som {% if mottaker.rolle", "som eg har med kvar av dykk før møtet.{% if "
             "mottaker.rolle"),
            ("kva {% if mottaker.en_person %}du{% else %}de{% endif %} vil at dei andre skal "
             "vite", "kva som er viktig for {% if mottaker.en_person %}deg{% else %}dykk"
             "{% endif %} at dei andre veit")],
        "innkalling.docx": [("brevet vårt frå {{ erstatter }}",
                             "brevet om samtalen datert {{ erstatter }}")],
    },
}
"""In the templates, the words of this release and those of the release before (enough of
them for the letters to read as they did)."""
NEW = {"bokmal": ("som du og fosterforeldrene har med meg hver for seg.",
                  "hva du vil at de andre skal vite"),
       "nynorsk": ("som du og fosterforeldra har med meg kvar for seg.",
                   "kva du vil at dei andre skal vite")}


def _reworded(template, pairs, back: bool = False) -> None:
    with zipfile.ZipFile(template) as old:
        parts = {info: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                for now, before in pairs:
                    text, other = (before, now) if back else (now, before)
                    assert text.encode() in data, text
                    data = data.replace(text.encode(), other.encode())
            new.writestr(info, data)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_letters_sent_in_the_old_words_keep_their_dates_and_marks(workspace, monkeypatch,
                                                                   malform):
    workspace.whole_year()  # the joint meeting's letters made too
    short = "nb" if malform == "bokmal" else "nn"
    own = workspace.own_templates() / short
    for name, pairs in OLD[malform].items():
        _reworded(own / name, pairs)
    case = canonical_case()
    for person in (*case["foreldre"], case["fosterfamilie"]):
        person["malform"] = malform  # their letters in their standard
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    meeting = sorted(folder.rglob("Felles møte - *.docx"))
    assert [p.name for p in meeting] == [
        "Felles møte - far.docx", "Felles møte - fosterfamilien.docx", "Felles møte - mor.docx"]
    old_words = OLD[malform]["fellesmote.docx"][0][1].split("{")[0]
    assert all(old_words in docx_text(p) for p in meeting)
    listed = {row[2]: row for row in _rows(workspace.outbox / LIST)}
    assert any("Felles møte" in name for name in listed)
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)

    for name, pairs in OLD[malform].items():  # the new release's words
        _reworded(own / name, pairs, back=True)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []

    now = kept_dates(workspace.state, pseudonym)  # (and the next day's new letters)
    assert {name: now[name] for name in dates} == dates
    parents = [p for p in meeting if "fosterfamilien" not in p.name]
    for path in parents:
        text = docx_text(path)
        assert NEW[malform][0] in text and NEW[malform][1] in text, path.name
        assert old_words not in text and "22. november 2026" in text, path.name
    # Still marked, on the one list: none listed to send again (the list's own days drop a
    # letter whose conversation came, and add the next day's new ones, unmarked).
    marks = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST)}
    reworded = [name for name in listed if "Felles møte" in name or "Innkallinger" in name]
    assert len([name for name in reworded if name in marks]) >= 3
    assert all(marks[name] == "x" for name in listed if name in marks)
    assert sorted(p.name for p in workspace.outbox.glob("Til utsending*.xlsx")) == [LIST]
