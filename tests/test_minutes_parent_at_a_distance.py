"""The parents' theme 3 asked «Hvordan kjennes det å være mor eller far når Sofie bor et
annet sted?» also in one parent's own minutes, where the mother read whether she was mother
or father (a reader's finding in the demo's 2026-0412 and 2026-0520, helper 948). It now asks
«for dere å være foreldre» of the parents together and «for deg å være forelder» of one
parent, in bokmål and nynorsk. Minutes in the words before that a caseworker is writing in
keep their issue, with no copy «(ny versjon)» beside them (programme.*.toml ordlyd_for);
those nobody has written in are made again in place in the new words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts, write_in
from .test_minutes_dates_question import TODAY, _in_the_words_before

THEME = {"bokmal": "Referater/Foreldre/Tema 3 - Å være foreldre på avstand",
         "nynorsk": "Referat/Foreldre/Tema 3 - Å vere foreldre på avstand"}
ONE = {"bokmal": "Hvordan kjennes det for deg å være forelder når Sofie bor et annet sted?",
       "nynorsk": "Korleis kjennest det for deg å vere forelder når Sofie bur ein annan stad?"}
BOTH = {"bokmal": "Hvordan kjennes det for dere å være foreldre når Sofie bor et annet sted?",
        "nynorsk": "Korleis kjennest det for dykk å vere foreldre når Sofie bur ein annan "
                   "stad?"}
BEFORE = {"bokmal": "Hvordan kjennes det å være mor eller far når Sofie bor et annet sted?",
          "nynorsk": "Korleis kjennest det å vere mor eller far når Sofie bur ein annan stad?"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_each_parents_own_minutes_ask_how_it_is_to_be_a_parent(tmp_path, malform):
    """The example's parents live apart: the mother's and the father's minutes ask each
    of them as one parent, not as «mor eller far»."""
    made = texts(case_context(canonical_case()).in_malform(malform), "referat", tmp_path)
    for who in ("mor", "far"):
        text = made[f"{THEME[malform]} - {who}.docx"]
        assert ONE[malform] in text
        assert "mor eller far" not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_parents_shared_minutes_ask_them_together(tmp_path, malform):
    case = canonical_case()
    case["foreldre"] = [{**f, "bor_sammen_med_annen_forelder": True} for f in case["foreldre"]]
    made = texts(case_context(case).in_malform(malform), "referat", tmp_path)
    text = made[f"{THEME[malform]}.docx"]
    assert BOTH[malform] in text
    assert "mor eller far" not in text


def test_minutes_written_in_the_words_before_keep_their_issue(workspace, monkeypatch):
    """The mother's theme 3 minutes, made by the release before and written in: the release
    day's run keeps them as they are, with no copy beside them; the father's, which nobody
    wrote in, are made again in place in the new words."""
    workspace.whole_year()
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        workspace.drop("sak.json", canonical_case())
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    mother = folder / f"{THEME['bokmal']} - mor.docx"
    father = folder / f"{THEME['bokmal']} - far.docx"
    assert BEFORE["bokmal"] in docx_text(mother)
    as_written = write_in(mother)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert mother.read_bytes() == as_written
    text = docx_text(father)
    assert ONE["bokmal"] in text and "mor eller far" not in text
