"""Nynorsk verb forms (a reader's finding): «svarer» (bokmål) in the foster family's
minutes for a child too young for conversations of its own, now «svarar». Minutes made
with the words before and written in by the caseworker keep their issue on the release
day (Seksjon.sporsmal_for): no copy «(ny versjon)» beside them."""

from __future__ import annotations

from datetime import date, timedelta

from .conftest import canonical_case, docx_text
from .doc_helpers import write_in
from .test_minutes_dates_question import _in_the_words_before

TODAY = date(2026, 11, 22)
NOW = "Korleis viser Sofie kva ho treng, og korleis svarar de på det?"
BEFORE = "Korleis viser Sofie kva ho treng, og korleis svarer de på det?"
WRITTEN = "Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"
UNTOUCHED = "Tema 0 - Oppfølging i flytteprosessen (kontakt 2).docx"


def _small_child() -> dict:
    case = canonical_case()
    case["barn"] = {**case["barn"], "fodselsdato": "2025-06-01"}
    return case


def test_minutes_before_the_release_keep_their_issue_and_the_others_say_svarar(
        workspace, monkeypatch):
    workspace.in_malform("nynorsk")
    workspace.whole_year()
    workspace.drop("sak.json", _small_child())
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder("2026-0412") / "Referat" / "Fosterfamilien"
    assert BEFORE in docx_text(folder / WRITTEN) and BEFORE in docx_text(folder / UNTOUCHED)
    as_written = write_in(folder / WRITTEN)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("*ny versjon*"))
    assert (folder / WRITTEN).read_bytes() == as_written
    text = docx_text(folder / UNTOUCHED)
    assert NOW in text and BEFORE not in text
