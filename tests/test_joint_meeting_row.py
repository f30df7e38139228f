"""Each parent's information letter lists the joint meeting with the other parent invited
too («Felles møte med faren til Sofie og fosterforeldrene»), as the plan and the meeting's
own letter have both parents meet the foster parents together; and the letters issued by
the release before, which named it «Felles møte med fosterforeldrene» to each, keep their
«Vår dato» and their mark as sent on the release day (they were all re-dated once)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.documents import informasjonsbrev, one_or_both
from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, render
from .test_contact_change import letters
from .test_sent_marks import LIST, _mark, _rows

MEETING = {"bokmal": ("Felles møte med faren til Sofie og fosterforeldrene",
                      "Felles møte med moren til Sofie og fosterforeldrene",
                      "Felles møte med fosterforeldrene"),
           "nynorsk": ("Felles møte med faren til Sofie og fosterforeldra",
                       "Felles møte med mora til Sofie og fosterforeldra",
                       "Felles møte med fosterforeldra")}


def _dates(path) -> list[str]:
    """The first cells of a letter's table of dates."""
    return [row.cells[0].text for table in open_docx(str(path)).tables
            if table.rows[0].cells[0].text == "Samtale" for row in table.rows[1:]]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_each_parents_dates_say_the_other_parent_is_at_the_joint_meeting(tmp_path, malform):
    """Each parent's letter names the other parent at the joint meeting; a parent invited
    alone (the other declined) is told of a meeting with the foster parents."""
    to_father, to_mother, alone = MEETING[malform]
    made = render(case_context(canonical_case()).in_malform(malform), "informasjonsbrev",
                  tmp_path / "both")
    rows = {name.rsplit(" - ", 1)[-1]: _dates(path) for name, path in made.items()}
    assert to_father in rows["mor.docx"] and to_mother not in rows["mor.docx"]
    assert to_mother in rows["far.docx"] and to_father not in rows["far.docx"]
    assert alone not in rows["mor.docx"] + rows["far.docx"]
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    (letter,) = render(case_context(case).in_malform(malform), "informasjonsbrev",
                       tmp_path / "alone").values()
    assert alone in _dates(letter) and to_father not in _dates(letter)


def test_letters_the_release_before_issued_keep_their_date_and_mark(workspace, monkeypatch):
    """Release day. The release before (e2c029c5) made the letter as this one does, but for
    the joint meeting's row, «Felles møte med fosterforeldrene» to each parent: its rows were
    fingerprinted without the plan's note (not the note in older words, as the release
    before it did: h401's emulation of that older release passed, the real day re-dated
    every letter). Its letters are made again naming the other parent, and keep their «Vår
    dato» and their mark as sent: not new letters to send."""
    monkeypatch.setattr(informasjonsbrev, "_meeting_heading", lambda ctx, forelder: ctx.t(
        one_or_both(ctx, informasjonsbrev.MEETING_BEFORE)))
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    before = sorted(name for name in letters(folder) if name.startswith("02 Informasjonsbrev"))
    assert len(before) == 2
    assert all(MEETING["bokmal"][2] in docx_text(folder / name) for name in before)
    _mark(workspace.outbox / LIST, {f"2026-0412/{name}": "x" for name in before})

    monkeypatch.undo()  # the new release
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    father, mother = before
    assert MEETING["bokmal"][1] in docx_text(folder / father)  # made again
    assert MEETING["bokmal"][0] in docx_text(folder / mother)
    for name in before:
        assert "Vår dato:\t22. november 2026" in docx_text(folder / name), name
        assert dates[name][0] == TODAY, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert {f"2026-0412/{name}" for name in before} <= set(marked)


RELEASE_BEFORE = Path(__file__).parent / "data" / "releases" / \
    "e2c029c5-informasjonsbrev-issued.json"
"""The issues the release before (e2c029c5) kept for the canonical case's information
letters, made by that release's own code (the file's note says how)."""


def test_letters_issued_by_the_real_release_before_keep_their_date(workspace, monkeypatch):
    """Release day, against what the release before really kept: the case's letters made on
    22 November, their issues as e2c029c5 digested them (not as this release thinks it
    did); the next day, the new release makes them again naming the other parent at the
    joint meeting, dated 22 November still, not issued anew. The case folder holds the
    letters as that release wrote them, with the meeting's row in its words: a letter that
    reads word for word as the one there keeps its issue whatever its digests say
    (prepare._as_issued), which would prove nothing. The letter's template reads fields
    that release's did not (the new contact person's sentence asks whether the reader is the
    child), in a part this letter does not show: they say nothing new
    (former_releases.not_shown)."""
    monkeypatch.setattr(informasjonsbrev, "_meeting_heading", lambda ctx, forelder: ctx.t(
        one_or_both(ctx, informasjonsbrev.MEETING_BEFORE)))
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    monkeypatch.undo()
    (state,) = (workspace.state / FOLDER).glob("*.json")
    kept = json.loads(state.read_text(encoding="utf-8"))
    before = json.loads(RELEASE_BEFORE.read_text(encoding="utf-8"))["issued"]
    assert set(before) <= set(kept)
    state.write_text(json.dumps({**kept, **before}, sort_keys=True), encoding="utf-8")

    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    folder = workspace.case_folder("2026-0412")
    dates = kept_dates(workspace.state, state.stem)
    for name, said in ((" - far.docx", MEETING["bokmal"][1]),
                       (" - mor.docx", MEETING["bokmal"][0])):
        key = "02 Informasjonsbrev til foreldre" + name
        text = docx_text(folder / key)
        assert said in text, key  # made again, in the new words
        assert "Vår dato:\t22. november 2026" in text, key
        assert dates[key] == (TODAY, TODAY), key
