"""A move to another foster home seen in an export of another kind than the case's last:
another vendor's adapter, or a second mapping file, reading the same case (helper 805).

The case is read from the journal's JSON export, then an export of 28 November read by
another adapter (the Familia person report's mapping) names the Haugland family at
Bjørkeveien 5 instead of the Øvrebø family at Lia 22. Merged item by item, as exports of
two kinds are, the foster family became all four of them at Bjørkeveien 5: no move was
seen, the new family's letters were written to the Øvrebø parents too, the family left was
never told their meetings were off, and the note of disagreements listed the address."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.domain import foster_home
from omsorgspakke_docs.domain.merge import merge
from omsorgspakke_docs.domain.model import Case

from .conftest import canonical_case, docx_text
from .test_foster_home_move import MOVED_ON, NEW_HOME, WORDS, _case, _mark, _paths, _told

OTHER = "familia-personrapport"


def _moved_by_another_adapter(workspace, malform: str, made: str | None = "2026-11-28"):
    workspace.in_malform(malform)
    workspace.drop("sak.json", _case("2026-11-23"))
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    assert _mark(workspace)
    after = canonical_case(eksportert=made, kilde=OTHER)
    after["fosterfamilie"] = NEW_HOME
    workspace.drop("familia.json", after)
    assert workspace.cli(today=MOVED_ON) == 0


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_move_in_another_adapters_export_is_a_move(workspace, malform):
    words = WORDS[malform]
    _moved_by_another_adapter(workspace, malform)
    folder = workspace.case_folder("2026-0412")
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert words["flyttet"] in plan, plan
    lines = plan.splitlines()
    assert lines[lines.index(words["hjemme"]) + 1] == "Bjørkeveien 5, 5995 Fjordvik"
    theme_2 = _paths(words)[0]
    letter = docx_text(workspace.outbox / theme_2)
    assert "Liv Haugland og Per Haugland" in letter and "Øvrebø" not in letter
    # The Øvrebø family had their theme 2 invitation: staff are asked to tell them.
    told = _told(workspace, words)
    assert told[theme_2][6] == words["beskjed"].format(dato=words["desember"][10])
    # A move is no disagreement between the exports.
    assert not [p.name for p in folder.iterdir() if p.name.startswith("avvik")]


@pytest.mark.parametrize("made", [None, "2026-11-23"])
def test_an_undated_or_same_day_export_of_another_kind_is_no_move(workspace, made):
    """An export of another kind without an export date, or of the day the case was
    exported, may be an old one of the journal's: it moves nobody (as before)."""
    words = WORDS["bokmal"]
    _moved_by_another_adapter(workspace, "bokmal", made)
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert words["flyttet"][:40] not in plan
    assert _told(workspace, words) == {}


def test_the_move_corrected_by_the_first_adapters_next_export():
    """The first adapter's next export names the Øvrebø family at Lia 22 again, nothing held
    with the Haugland family in between: the move was registered by mistake, and the case
    has the Øvrebø family as its foster family again, the Haugland family kept apart."""
    first = Case.model_validate(canonical_case(eksportert="2026-11-23"))
    other = Case.model_validate({**canonical_case(eksportert="2026-11-28", kilde=OTHER),
                                 "fosterfamilie": NEW_HOME})
    moved = merge(first, other).case
    assert foster_home.moved(first, moved, date(2026, 11, 28), other)
    assert [p.etternavn for p in moved.fosterfamilie.fosterforeldre] == ["Haugland"] * 2
    again = Case.model_validate(canonical_case(eksportert="2026-11-30"))
    back = merge(moved, again)
    assert foster_home.moved(moved, back.case, date(2026, 11, 30), again)
    assert [p.etternavn for p in back.case.fosterfamilie.fosterforeldre] == ["Øvrebø"] * 2
    assert back.case.fosterfamilie.adresse == "Lia 22" and back.conflicts == []
    assert not back.case.tidligere_fosterhjem
    assert [p.etternavn for p in back.case.feilregistrert_fosterhjem[0].fosterforeldre] \
        == ["Haugland"] * 2
