"""An export that is not the later one brings no foster family back (domain/merge.py
not_later): found with helper 805's move seen in another adapter's export.

The case is read from the journal's JSON export of 23 November (the Øvrebø family at Lia
22), then the Familia person report's exports of 28 November and 2 December name the
Haugland family at Bjørkeveien 5: the child moved. A journal export of 30 November, still
naming the Øvrebø family, arrives after them. Merging fills gaps, so the Øvrebø parents were
added to the Haugland family's list: the new family's letters and the plan named «Liv
Haugland og Per Haugland og Kari Øvrebø og Jon Åge Øvrebø». An undated export of another
kind did the same, and one with no move before it made the two families one at the address
it gave."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.domain.merge import merge, sources_lines
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case, docx_text
from .test_foster_home_move import NEW_HOME, WORDS, _case, _told
from .test_foster_home_move_other_adapter import OTHER, _moved_by_another_adapter

PLAN = "01 Oppfølgingsplan.docx"
KEPT = {
    "bokmal": "Fosterfamilien er likevel den saken hadde fra før: en eksport uten eksportdato, "
              "eller med samme dato, flytter ikke barnet til et annet fosterhjem. Har barnet "
              "flyttet, tar en eksport med senere dato det med.",
    "nynorsk": "Fosterfamilien er likevel den saka hadde frå før: ein eksport utan eksportdato, "
               "eller med same dato, flyttar ikkje barnet til ein annan fosterheim. Har barnet "
               "flytta, tek ein eksport med seinare dato det med.",
}


def _documents(workspace) -> dict[str, str]:
    folder = workspace.case_folder("2026-0412")
    return {str(p.relative_to(folder)): docx_text(p) for p in sorted(folder.rglob("*.docx"))}


def _only_the_haugland_family(workspace, words: dict) -> None:
    """The plan's foster home is the Haugland family's at Bjørkeveien 5 (the Øvrebø family
    only as the home the child left), and no letter names the two families together."""
    documents = _documents(workspace)
    lines = documents[PLAN].splitlines()
    assert lines[lines.index(words["hjemme"]) + 1] == "Bjørkeveien 5, 5995 Fjordvik"
    assert "Liv Haugland og Per Haugland" in lines
    assert not [line for line in lines if "Haugland" in line and "Øvrebø" in line]
    assert words["flyttet"] in documents[PLAN]
    together = [name for name, text in documents.items()
                if "Haugland" in text and "Øvrebø" in text and name != PLAN]
    assert together == []
    letter = documents[words["brev"][0].removeprefix("2026-0412/")]
    assert "Liv Haugland og Per Haugland" in letter and "Lia 22" not in letter


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_older_journal_export_after_the_move_brings_no_former_family_back(workspace,
                                                                             malform):
    words = WORDS[malform]
    _moved_by_another_adapter(workspace, malform)
    again = canonical_case(eksportert="2026-12-02", kilde=OTHER)
    again["fosterfamilie"] = NEW_HOME
    workspace.drop("familia-2.json", again)
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    told = _told(workspace, words)
    workspace.drop("forsinket.json", _case("2026-11-30"))  # older than 2 December
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    _only_the_haugland_family(workspace, words)
    assert _told(workspace, words) == told  # the Øvrebø family is still to be told
    # The journal as it was before the move: no disagreement about the family now.
    folder = workspace.case_folder("2026-0412")
    assert not [p.name for p in folder.iterdir() if p.name.startswith("avvik")]


@pytest.mark.parametrize("made", [None, "2026-11-28", "2026-11-25"])
def test_an_undated_same_day_or_older_journal_export_does_not_undo_the_move(workspace, made):
    words = WORDS["bokmal"]
    _moved_by_another_adapter(workspace, "bokmal")
    late = _case(made or "2026-11-25")
    if made is None:
        del late["eksportert"]
    workspace.drop("forsinket.json", late)
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    _only_the_haugland_family(workspace, words)


@pytest.mark.parametrize(("malform", "made"), [("bokmal", None), ("nynorsk", "2026-11-23")])
def test_an_undated_or_same_day_export_of_another_kind_leaves_the_family_as_it_is(
        workspace, malform, made):
    """No move before it: the export names the Haugland family, undated or of the day of
    the journal's. Which is newer cannot be told, so it moves nobody (as before) and the
    foster family is the Øvrebø family at Lia 22, not the four of them at Bjørkeveien 5;
    the note of disagreements says the family was kept."""
    words = WORDS[malform]
    _moved_by_another_adapter(workspace, malform, made)
    documents = _documents(workspace)
    lines = documents[PLAN].splitlines()
    assert lines[lines.index(words["hjemme"]) + 1] == "Lia 22, 5997 Fjordvik"
    assert not [name for name, text in documents.items() if "Haugland" in text]
    note = next(p for p in workspace.case_folder("2026-0412").iterdir()
                if p.name.startswith("avvik")).read_text(encoding="utf-8")
    assert f"  {KEPT[malform]}\n" in note and "Fosterfamilien: adresse" in note
    assert "Haugland" not in note and "Bjørkeveien" not in note


def _case_with(fosterfamilie: dict, **fields) -> Case:
    return Case.model_validate({"kommunenummer": "4699", "journalnummer": "J-1",
                                "fosterfamilie": fosterfamilie, **fields})


KARI = {"fornavn": "Kari", "etternavn": "Øvrebø"}
JON = {"fornavn": "Jon Åge", "etternavn": "Øvrebø"}


def test_an_older_export_fills_gaps_of_the_family_but_adds_no_foster_parent():
    """Of the same kind too: Jon Åge moved out (the journal's export of 28 November lists
    Kari alone); its export of 25 November, arriving late, gives Kari's telephone number
    and the postcode nobody gave, and does not bring Jon Åge back."""
    known = _case_with({"fosterforeldre": [KARI], "adresse": "Lia 22"},
                       kilde="a", eksportert="2026-11-28")
    late = _case_with({"fosterforeldre": [{**KARI, "telefon": "400 00 501"}, JON],
                       "adresse": "Lia 22", "postnummer": "5997"},
                      kilde="a", eksportert="2026-11-25")
    family = merge(known, late).case.fosterfamilie
    assert [(p.fornavn, p.telefon) for p in family.fosterforeldre] == [("Kari", "400 00 501")]
    assert family.postnummer == "5997"


def test_an_older_export_of_another_home_gives_the_family_nothing():
    """The new home's export gave no postcode: the older export's, of the home left, is
    not theirs (Bjørkeveien 5, 5997 would be a wrong address on every letter)."""
    known = _case_with({"fosterforeldre": NEW_HOME["fosterforeldre"],
                        "adresse": "Bjørkeveien 5"}, kilde=OTHER, eksportert="2026-12-02")
    late = _case_with({"fosterforeldre": [KARI, JON], "adresse": "Lia 22",
                       "postnummer": "5997", "andre_barn": 2}, kilde="a",
                      eksportert="2026-11-30")
    result = merge(known, late)
    assert result.case.fosterfamilie == known.fosterfamilie


def test_a_case_with_no_foster_parents_is_given_them_by_any_export():
    """Nobody gave the foster family (an SSB export has none): an older export of another
    kind fills that gap as before, and a later one adds a foster parent another lacks."""
    known = _case_with({}, kilde="ssb", eksportert="2026-11-28")
    late = _case_with({"fosterforeldre": [KARI], "adresse": "Lia 22"}, kilde="a",
                      eksportert="2026-11-25")
    filled = merge(known, late).case
    assert [p.fornavn for p in filled.fosterfamilie.fosterforeldre] == ["Kari"]
    later = _case_with({"fosterforeldre": [KARI, JON], "adresse": "Lia 22"}, kilde="b",
                       eksportert="2026-11-30")
    assert [p.fornavn for p in merge(filled, later).case.fosterfamilie.fosterforeldre] \
        == ["Kari", "Jon Åge"]


def test_the_note_says_the_family_was_kept_only_when_the_export_is_said_to_be_used():
    known = _case_with({"fosterforeldre": [KARI], "adresse": "Lia 22"}, kilde="a",
                       eksportert="2026-11-23")
    other = _case_with(NEW_HOME, kilde="b")  # undated: said to be used
    result = merge(known, other)
    assert result.case.fosterfamilie == known.fosterfamilie
    for malform, kept in KEPT.items():
        assert sources_lines(result.sources, tekst(malform))[-1] == kept
    older = merge(known.model_copy(update={"eksportert": date(2026, 12, 1)}),
                  other.model_copy(update={"eksportert": date(2026, 11, 23)}))
    assert len(sources_lines(older.sources, tekst())) == 3  # «Brukt»: the one before


def test_an_undated_export_of_another_kind_adds_a_foster_parent_but_none_of_the_home_left():
    """Undated (a contact report), it may be the newer: a partner who moved in is added, as
    before; after a move, a foster parent and the address of the home left are not."""
    known = _case_with({"fosterforeldre": [KARI], "adresse": "Lia 22"}, kilde="ssb",
                       eksportert="2026-11-23")
    report = _case_with({"fosterforeldre": [KARI, JON], "adresse": "Lia 22"}, kilde="b")
    assert [p.fornavn for p in merge(known, report).case.fosterfamilie.fosterforeldre] \
        == ["Kari", "Jon Åge"]
    liv, per = NEW_HOME["fosterforeldre"]
    moved = _case_with({"fosterforeldre": [liv, per], "adresse": "Bjørkeveien 5",
                        "postnummer": "5995", "fra": "2026-11-28"}, kilde=OTHER,
                       eksportert="2026-11-28", tidligere_fosterhjem=[{
                           "fosterforeldre": [KARI, JON], "adresse": "Lia 22",
                           "postnummer": "5997", "til": "2026-11-28"}])
    mixed = _case_with({"fosterforeldre": [{**liv, "telefon": "400 00 507"}, KARI],
                        "adresse": "Lia 22", "postnummer": "5997"}, kilde="b")
    family = merge(moved, mixed).case.fosterfamilie
    assert [(p.fornavn, p.telefon) for p in family.fosterforeldre] \
        == [("Liv", "400 00 507"), ("Per", "400 00 506")]
    assert (family.adresse, family.postnummer) == ("Bjørkeveien 5", "5995")
