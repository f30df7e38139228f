"""The team leader's Saksoversikt.xlsx read on later days with no new export (helper 167):
a reader ran the demo and then run months later, and found cases with every date passed
unheld shown in «Avsluttes snart» with «Samtaler igjen 0» (read as done), a case not started
on its last days shown only as «Ikke startet», and no row in Avvik saying the programme
could not be finished."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.documents import caseload
from omsorgspakke_docs.text import tekst

from .conftest import TODAY, canonical_case, make_workspace, xlsx_rows
from .test_caseload import case


@pytest.fixture(scope="module")
def later(tmp_path_factory):
    """The example case (placed 14 September 2026, its last day 13 September 2027) and one
    never started (placed 1 October 2026), read on the day they came and then on 1 August
    2027, with no export in between."""
    ws = make_workspace(tmp_path_factory.mktemp("later"))
    ws.drop("a.json", canonical_case())
    ws.drop("b.json", case("2026-0900", "2026-10-01", "01811550444"))
    assert ws.run(TODAY).files_failed == 0
    ws.run(date(2027, 8, 1))
    return ws


def sheet_rows(ws, sheet: str) -> list[dict]:
    """A sheet's rows below its header (the row whose first cell is «Sak»),
    by column name."""
    rows = xlsx_rows(ws.outbox / "Saksoversikt.xlsx", sheet)
    at = next(i for i, r in enumerate(rows) if r[0] == "Sak")
    return [dict(zip(rows[at], r, strict=False)) for r in rows[at + 1:] if r[0] is not None]


def _rows(ws, sheet: str) -> dict[str, dict]:
    return {r["Sak"]: r for r in sheet_rows(ws, sheet)}


def test_conversations_passed_unheld_are_still_to_be_held(later):
    row = _rows(later, "Avsluttes snart")["2026-0412"]
    overdue = [r for r in sheet_rows(later, "Over fristen")
               if r["Sak"] == "2026-0412" and not r["Hva"].startswith("Oppfølgings")]
    assert len(overdue) > 10
    assert row["Samtaler igjen"] >= len(overdue)
    assert row["Over fristen"] >= len(overdue)


def test_avvik_says_the_programme_will_not_be_finished(later):
    rows = [r for r in sheet_rows(later, "Avvik")
            if r["Sak"] == "2026-0412"
            and "har passert datoen sin uten å bli registrert som holdt" in r["Hva"]]
    assert len(rows) == 1
    assert "før programmets siste dag (13. september 2027)" in rows[0]["Hva"]


def test_a_case_not_started_and_ending_soon_says_both(later):
    saker = _rows(later, "Saker")
    assert saker["2026-0900"]["Status"] == "Ikke startet – avsluttes snart"
    assert "2026-0900" in _rows(later, "Avsluttes snart")


def test_a_case_not_started_with_nothing_ahead_says_why(later):
    """«Første planlagte samtale» stood empty, with nothing saying why."""
    row = _rows(later, "Ikke startet")["2026-0900"]
    assert row["Første planlagte samtale"] == "ingen planlagt (datoene har passert)"


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "ingen planlagt (datoene har passert)"),
    ("nynorsk", "ingen planlagd (datoane har passert)")])
def test_nothing_ahead_in_both_standards(malform, said):
    assert tekst(malform)("saksoversikt.ingen_planlagt_passert") == said


LATE_FINAL = ("Saker som fikk sluttdokumentene først etter de tre månedene, er med i tre "
              "måneder fra den dagen.")
"""The rule for a case whose final documents were made late (test_year_end_long_after)."""


def test_cases_left_out_are_named_when_few_and_counted_when_many():
    """Beside «Saker i alt»: the journal numbers of up to ten cases left out (as their
    folders are named), else only how many."""
    t = tekst("bokmal")
    assert caseload._left_out(["2024-0031", "2024-0077"], t) == (
        "Ikke med her: 2 saker der Omsorgspakken ble avsluttet for mer enn tre måneder "
        "siden (2024-0031 og 2024-0077). " + LATE_FINAL)
    assert caseload._left_out([""] * 11, t) == (
        "Ikke med her: 11 saker der Omsorgspakken ble avsluttet for mer enn tre måneder "
        "siden. " + LATE_FINAL)
