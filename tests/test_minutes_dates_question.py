"""The parents' minutes ask whether the dates set for the conversations suit them («Passer
datoene vi har satt opp …»), as their letter says the dates are set already; they asked
«Hvilke datoer setter vi opp …» (helper 311). On the release day, minutes in the old words
that a caseworker is writing in keep their issue, with no copy «(ny versjon)» beside them;
minutes nobody has written in are made again in place in the new words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs.rendering.context import CaseContext

from .conftest import canonical_case, docx_text
from .doc_helpers import write_in
from .test_minutes_child_named_once import _as_the_release_before

TODAY = date(2026, 11, 22)
FIRST = "Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"
NOW = {
    "bokmal": "Passer datoene vi har satt opp for samtalene framover, og vil dere høre "
              "hvordan Sofie og fosterfamilien følges opp?",
    "nynorsk": "Passar datoane vi har sett opp for samtalane framover, og vil de høyre "
               "korleis Sofie og fosterfamilien blir følgde opp?",
}
BEFORE = {
    "bokmal": "Hvilke datoer setter vi opp for samtalene framover, og vil dere høre "
              "hvordan Sofie og fosterfamilien følges opp?",
    "nynorsk": "Kva datoar set vi opp for samtalane framover, og vil de høyre korleis Sofie "
               "og fosterfamilien blir følgde opp?",
}


def _parents_first_minutes(workspace, malform: str = "bokmal", **barn):
    """The example case's run on TODAY: the parents' minutes of their first contact."""
    from omsorgspakke_docs.text import tekst

    workspace.in_malform(malform)
    case = canonical_case()
    case["barn"] = {**case["barn"], **barn}
    workspace.drop("sak.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"]) / tekst(malform)("fil.referater")
    return folder, folder / "Foreldre" / FIRST


def _in_the_words_before(monkeypatch) -> None:
    """The release before: the programme's questions as they were (Seksjon.sporsmal_for)."""
    theme = CaseContext._tema
    monkeypatch.setattr(
        CaseContext, "_tema",
        lambda self, part, tema, one_parent=False, later_contact=False, forelder=None,
        former=False: theme(self, part, tema, one_parent, later_contact, forelder, True))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_parents_minutes_ask_whether_the_dates_set_suit_them(workspace, malform):
    _, minutes = _parents_first_minutes(workspace, malform)
    text = docx_text(minutes)
    assert NOW[malform] in text
    assert BEFORE[malform] not in text


def test_one_parents_minutes_ask_them_as_du(tmp_path):
    from .doc_helpers import case_context, texts

    case = canonical_case()
    case["foreldre"] = case["foreldre"][:1]
    minutes = texts(case_context(case), "referat", tmp_path)
    first = next(text for name, text in minutes.items()
                 if name.startswith("Referater/Foreldre/Tema 0") and "(kontakt 1)" in name)
    assert "Passer datoene vi har satt opp for samtalene framover, og vil du høre hvordan " \
           "Sofie og fosterfamilien følges opp?" in first


@pytest.mark.parametrize("kjonn", ["jente", None])
def test_minutes_written_in_the_words_before_keep_their_issue(workspace, monkeypatch, kjonn):
    """Made by the release before (and, without the child's sex, naming the child again as
    it did), written in by the caseworker: the release day's run leaves them as they are,
    with no copy «(ny versjon)» beside them."""
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        if kjonn is None:
            _as_the_release_before(patched)
        folder, minutes = _parents_first_minutes(workspace, kjonn=kjonn)
    assert BEFORE["bokmal"] in docx_text(minutes)
    as_written = write_in(minutes)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written
    # The next export, a week on: still kept as it is.
    assert workspace.run(TODAY + timedelta(days=7)).files_failed == 0
    assert not list(folder.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written


def test_minutes_nobody_wrote_in_are_made_again_in_the_new_words(workspace, monkeypatch):
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        folder, minutes = _parents_first_minutes(workspace)
    assert BEFORE["bokmal"] in docx_text(minutes)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0
    assert not list(folder.glob("**/*ny versjon*"))
    text = docx_text(minutes)
    assert NOW["bokmal"] in text and BEFORE["bokmal"] not in text


def test_former_questions_not_one_for_each_question_are_refused(tmp_path):
    """A programme file whose «sporsmal_for» leaves a question out would say another
    question as each one's former words: refused, saying where, as check says it."""
    from omsorgspakke_docs.config import ConfigError
    from omsorgspakke_docs.domain import programme

    text = programme.BUNDLED["bokmal"].read_text(encoding="utf-8").replace(
        'sporsmal_for = [\n  "På hvilke måter kan dere bidra til at barnet får det godt nå?",\n',
        'sporsmal_for = [\n', 1)
    own = tmp_path / "var.toml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        programme.load(own)
    assert ("Programfilen var.toml: «sporsmal_for» i delen «Plan for oppfølging av "
            "foreldrene» har 4 spørsmål, men delen har 5. Skriv ett for hvert spørsmål, i "
            "samme rekkefølge.") in str(refused.value)
