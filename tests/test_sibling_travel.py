"""Siblings placed in one foster home are separate cases, often with one contact person. A
reader's finding: the younger sibling's conversations in the foster home were kept an hour
([schedule] travel_minutes) from the older sibling's there the same day, as if the contact
person had to drive from one foster home to another, though they were already in the house:
case 0802's child at 09.30, an hour and a half before case 0801's foster family at 12.00 in
the same home, and not at the child's usual 14.00 right after them. A meeting in the same
foster home now follows the other case's there with no travel between, as two meetings of
one case do; another foster home still keeps the hour, and the child then comes another day
after school, not in the morning."""

from __future__ import annotations

import pytest
from docx import Document as open_docx

from .conftest import make_workspace
from .test_bookings import case

OLDER, YOUNGER = "2026-0801", "2026-0802"


def _rows(ws, journalnummer: str, party: int) -> dict[str, str]:
    """A party's planned conversations in the case's plan (01 Oppfølgingsplan.docx), Dato ->
    Tid: party 0 the child's table, -1 the foster family's (the last)."""
    tables = [[[c.text for c in row.cells] for row in table.rows]
              for table in open_docx(str(ws.case_folder(journalnummer)
                                         / "01 Oppfølgingsplan.docx")).tables]
    rows = [t for t in tables if t and t[0][:3] == ["Tema", "Dato", "Tid"]][party]
    return {row[1]: row[2] for row in rows[1:] if row[4] == "Planlagt"}


def _siblings(tmp_path, younger_home: dict | None = None):
    """The older sibling's case planned first, then the younger's, of the same contact
    person, both placed on 2 November 2026; younger_home: the younger's foster home, when
    another than the older's (Lia 22, 5997 Fjordvik)."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case(OLDER))
    assert ws.run().files_failed == 0
    younger = case(YOUNGER)
    if younger_home is not None:
        younger["fosterfamilie"] = {**younger["fosterfamilie"], **younger_home}
    ws.drop("b.json", younger)
    assert ws.run().files_failed == 0
    return ws


def test_a_siblings_conversation_in_the_same_foster_home_needs_no_travel(tmp_path):
    ws = _siblings(tmp_path)
    family = _rows(ws, OLDER, -1)
    assert family["tirsdag 24. november 2026"] == "12.00–13.30"
    child = _rows(ws, YOUNGER, 0)
    # Right after the older sibling's foster family there, at the child's usual time.
    assert child["tirsdag 24. november 2026"] == "14.00–15.30"
    shared = [day for day in child if day in family]
    assert len(shared) > 3
    assert all(child[day] == "14.00–15.30" for day in shared), {d: child[d] for d in shared}


@pytest.mark.parametrize("home", [{"adresse": "Lia 24"}, {"postnummer": "5998"}])
def test_another_foster_home_keeps_the_travel_time(tmp_path, home):
    ws = _siblings(tmp_path, home)
    family = _rows(ws, OLDER, -1)
    child = _rows(ws, YOUNGER, 0)
    # Not at 14.00, an hour's drive after the older's foster family there ends at 13.30, nor
    # in the morning, in school hours (helper 408): the next day, after school.
    assert "tirsdag 24. november 2026" not in child
    assert child["onsdag 25. november 2026"] == "14.00–15.30"
    assert set(child.values()) == {"14.00–15.30"}
    assert not [day for day in child if day in family]
