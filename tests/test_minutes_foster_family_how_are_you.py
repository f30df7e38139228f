"""The foster family's last theme asked «Hvordan går det med Sofie, med fostermor og
fosterfar, og med andre som bor i huset?», also of the one foster parent the journal has,
who was asked about a foster mother and a foster father (a reader's finding, helper 948). It
now asks after the foster parents themselves: «med dere selv» of both, «med deg selv» of
one, in bokmål and nynorsk. Minutes in the words before that a caseworker is writing in keep
their issue, with no copy «(ny versjon)» beside them (programme.*.toml ordlyd_for)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts, write_in
from .test_minutes_dates_question import TODAY, _in_the_words_before

THEME = {"bokmal": "Referater/Fosterfamilien/Tema 6 - Den nye familien og veien videre.docx",
         "nynorsk": "Referat/Fosterfamilien/Tema 6 - Den nye familien og vegen vidare.docx"}
BOTH = {"bokmal": "Hvordan går det med Sofie, med dere selv og med andre som bor i huset?",
        "nynorsk": "Korleis går det med Sofie, med dykk sjølve og med andre som bur i huset?"}
ONE = {"bokmal": "Hvordan går det med Sofie, med deg selv og med andre som bor i huset?",
       "nynorsk": "Korleis går det med Sofie, med deg sjølv og med andre som bur i huset?"}
BEFORE = "Hvordan går det med Sofie, med fostermor og fosterfar, og med andre som bor i huset?"


def _one_foster_parent(case: dict) -> dict:
    foster = case["fosterfamilie"]
    return {**case, "fosterfamilie": {**foster, "fosterforeldre": foster["fosterforeldre"][:1]}}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_last_theme_asks_after_the_foster_parents_as_they_are(tmp_path, malform):
    both = texts(case_context(canonical_case()).in_malform(malform), "referat",
                 tmp_path / "both")[THEME[malform]]
    assert BOTH[malform] in both
    one = texts(case_context(_one_foster_parent(canonical_case())).in_malform(malform),
                "referat", tmp_path / "one")[THEME[malform]]
    assert ONE[malform] in one
    for text in (both, one):
        assert "fostermor og fosterfar" not in text


def test_minutes_written_in_the_words_before_keep_their_issue(workspace, monkeypatch):
    """The one foster parent's theme 6 minutes, made by the release before and written in:
    kept as they are on the release day, with no copy beside them."""
    workspace.whole_year()
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        workspace.drop("sak.json", _one_foster_parent(canonical_case()))
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    minutes = folder / THEME["bokmal"]
    assert BEFORE in docx_text(minutes)
    as_written = write_in(minutes)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written
