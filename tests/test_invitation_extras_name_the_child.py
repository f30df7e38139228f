"""The line of an invitation listing a theme's extra sections names the child, as the rest of
the letter and the minutes' section do: «I denne samtalen snakker vi også om: hvordan det er
at Sofie bor hos slekt eller nettverk», where the minutes say «Når Sofie bor hos slekt eller
nettverk» (a reader's finding in the demo's 2026-0655, 2026-12-14: the parents' invitations
named the child in their titles and text, and said «barnet» there). «barnet» where the journal
has no first name; a letter issued with «barnet» keeps its issue and its mark as sent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from omsorgspakke_docs.documents import innkalling
from omsorgspakke_docs.rendering import context, prepare
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, texts
from .test_letters_name_the_child import in_former_words
from .test_sent_marks import LIST, _mark, _rows

ALSO = {"bokmal": "I denne samtalen snakker vi også om: hvordan det er at {barn} bor hos slekt "
                  "eller nettverk",
        "nynorsk": "I denne samtalen snakkar vi også om: korleis det er at {barn} bur hos slekt "
                   "eller nettverk"}


def network_case() -> dict:
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "kategori": "2.1", "i_familie_og_nettverk": None}
    return case


def _second_theme(case: dict, malform: str, tmp_path) -> dict[str, str]:
    """The parents' and the foster family's invitations to theme 2, as their reader sees
    them (lines joined)."""
    made = texts(case_context(case).in_malform(malform), "innkalling", tmp_path / malform)
    return {name: " ".join(text.split()) for name, text in made.items()
            if "/Tema 2 - " in name and "/Barnet/" not in name}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_extra_sections_name_the_child(tmp_path, malform):
    letters = _second_theme(network_case(), malform, tmp_path)
    assert {name.split("/")[1] for name in letters} == {"Foreldre", "Fosterfamilien"}
    for name, text in letters.items():
        assert ALSO[malform].format(barn="Sofie") in text, name
        assert "at barnet b" not in text, name


def test_without_the_childs_first_name_the_extra_sections_say_barnet(tmp_path):
    case = network_case()
    del case["barn"]["fornavn"]
    letters = _second_theme(case, "bokmal", tmp_path)
    assert letters and all(ALSO["bokmal"].format(barn="barnet") in text
                           for text in letters.values())


def test_an_invitation_issued_saying_barnet_keeps_its_issue(workspace, monkeypatch):
    """The release before listed «barnet»: its invitations are made again naming the child,
    keeping their dates and their marks as sent in Til utsending: none is listed to send
    again. That release also said the themes' words and titles as they were before
    (Tema.i_brev_for, innkalling.title_to_parents: test_letters_name_the_child.py)."""
    named = {name: getattr(innkalling, name) for name in ("extras_named", "title_to_parents")}
    in_words = in_former_words(monkeypatch)
    for name in named:
        monkeypatch.setattr(innkalling, name, lambda ctx, part, tema: tema)
    workspace.whole_year()
    case = network_case()
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    mother = next((folder / "Innkallinger" / "Foreldre").glob("Tema 2 - * - mor.docx"))
    assert ALSO["bokmal"].format(barn="barnet") in " ".join(docx_text(mother).split())
    listed = {row[2]: row for row in _rows(workspace.outbox / LIST)}
    assert any(mother.name in name for name in listed)
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)

    monkeypatch.setattr(context.CaseContext, "child_named", in_words)  # the new release
    for name, function in named.items():
        monkeypatch.setattr(innkalling, name, function)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    now = kept_dates(workspace.state, pseudonym)
    assert {name: now[name] for name in dates} == dates
    assert ALSO["bokmal"].format(barn="Sofie") in " ".join(docx_text(mother).split())
    marks = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST)}
    assert all(marks[name] == "x" for name in listed if name in marks)
