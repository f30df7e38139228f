"""Three findings of readers of the team leader's Saksoversikt.xlsx (helper 159): Saker's
«Besøk» disagreed with Avvik for a case closed within its year; cases left the workbook
three months after their end with nothing saying so; «Saken er ikke eksportert på lenge»
sorted among its case's other rows, which it explains. Read back from the workbook as the
team leader opens it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from .conftest import ROOT, canonical_case
from .test_leader_open_findings import CASE, findings, sheet_rows


def _saker(workspace) -> dict[str, tuple]:
    return {r[0]: r for r in sheet_rows(workspace, "Saker")}


# --- 1. Saker's «Besøk» counts as Avvik does ---------------------------------------------

@pytest.mark.parametrize(("malform", "minimum"), [
    ("bokmal", "minimum for den tiden er 3."), ("nynorsk", "minimum for den tida er 3.")])
def test_a_case_closed_within_its_year_shows_the_minimum_avvik_asks(workspace, malform,
                                                                   minimum):
    """Placed 14 September 2026, one visit held, closed 20 June 2027: Avvik asks 3 visits
    of the time until then; Saker said «1 av 4»."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2027-06-21", sluttdato="2027-06-20"))
    workspace.run(date(2027, 6, 25))
    assert any(minimum in str(f[0]) for f in findings(workspace))
    assert _saker(workspace)[CASE][9] == "1 av 3"


def test_a_running_case_shows_the_years_minimum(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    assert _saker(workspace)[CASE][9] == "1 av 4"



def _visits_sheet(workspace) -> dict:
    """The case's own overview, sheet Besøk: its label lines, label: value."""
    [path] = workspace.case_folder(CASE).glob("*Oppfølgingsoversikt.xlsx")
    rows = load_workbook(path)["Besøk"].iter_rows(min_row=2, max_row=5, values_only=True)
    return {label: value for label, value, *_ in rows}


def test_the_cases_own_overview_counts_the_visits_due_before_it_closes(workspace):
    """Known on 22 November to close 20 June 2027: 3 visits are due by then (one held, two
    planned). Its Besøk sheet said «Minimum første år: 4», «Gjenstår: 3»."""
    workspace.drop("sak.json", canonical_case(sluttdato="2027-06-20"))
    workspace.run(date(2026, 11, 22))
    shown = _visits_sheet(workspace)
    assert (shown["Gjennomført:"], shown["Minimum til programslutt:"], shown["Gjenstår:"]) \
        == (1, 3, 2)
    assert _saker(workspace)[CASE][9] == "1 av 3"


def test_a_case_running_its_year_keeps_the_first_years_minimum(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    shown = _visits_sheet(workspace)
    assert (shown["Gjennomført:"], shown["Minimum første år:"], shown["Gjenstår:"]) == (1, 4, 3)


# --- 3. «Saken er ikke eksportert på lenge» first ------------------------------------------

@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_old_export_comes_before_the_rows_it_explains(workspace, malform):
    """The case's other rows may rest on an export weeks old: it is read first, not after
    the case's Lovbrudd (it is «Mangler opplysninger»)."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2026, 12, 10))  # nothing from the journal since
    rows = findings(workspace)
    assert len(rows) > 1
    assert str(rows[0][0]).startswith("Den siste eksporten av sak")
    assert not any(str(r[0]).startswith("Den siste eksporten") for r in rows[1:])


# --- 2. Cases no longer shown are said to be left out ---------------------------------------

def _beside_the_count(workspace) -> set:
    """What stands beside «Saker i alt» (C3), on every sheet."""
    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    return {sheet["C3"].value for sheet in book.worksheets}


@pytest.mark.parametrize(("malform", "rule", "counted"), [
    ("bokmal",
     "En sak er med her i tre måneder etter at Omsorgspakken ble avsluttet. Ble "
     "sluttdokumentene laget først etter de tre månedene, er saken med i tre måneder fra den "
     "dagen.",
     "Ikke med her: 1 sak der Omsorgspakken ble avsluttet for mer enn tre måneder siden "
     "(2026-0412). Saker som fikk sluttdokumentene først etter de tre månedene, er med i tre "
     "måneder fra den dagen."),
    ("nynorsk",
     "Ei sak er med her i tre månader etter at Omsorgspakken vart avslutta. Vart "
     "sluttdokumenta laga først etter dei tre månadene, er saka med i tre månader frå den "
     "dagen.",
     "Ikkje med her: 1 sak der Omsorgspakken vart avslutta for meir enn tre månader sidan "
     "(2026-0412). Saker som fekk sluttdokumenta først etter dei tre månadene, er med i tre "
     "månader frå den dagen."),
])
def test_a_case_ended_long_ago_is_said_to_be_left_out(workspace, malform, rule, counted):
    """Closed 1 February 2027: shown as «Avsluttet» until three months after, then gone from
    every sheet with nothing saying where; now the line beside the count says so, naming
    it by journal number as its folder is (no name; helper 167: the leader asked which)."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert="2027-02-02", sluttdato="2027-02-01"))
    workspace.run(date(2027, 2, 10))
    assert CASE in _saker(workspace)
    assert _beside_the_count(workspace) == {rule}
    workspace.run(date(2027, 5, 10))
    assert not _saker(workspace)
    assert _beside_the_count(workspace) == {counted}


# --- What a team leader stumbled on in the workbook -----------------------------------------

@pytest.mark.parametrize("standard", ["nb", "nn"])
def test_the_colour_key_label_stands_beside_its_colours(standard):
    """Avvik's «Farger:» stood at the left of the 90-wide Hva column, far from the colours
    in the columns after it: a label in a wide column is right-aligned, beside them."""
    checked = 0
    for path in sorted((ROOT / "templates" / standard).glob("*.xlsx")):
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows(max_row=10):
                for cell in row:
                    if cell.value not in ("Farger:", "Fargar:"):
                        continue
                    width = ws.column_dimensions[cell.column_letter].width or 8.43
                    assert cell.alignment.horizontal == "right" or width <= 2 * len(
                        cell.value), (path.name, ws.title, cell.coordinate, width)
                    checked += 1
    assert checked >= 4


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_every_count_on_statistikk_is_centred(workspace, malform):
    """The counts per contact person stood right-aligned under those per finding, centred."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    ws = load_workbook(workspace.outbox / "Saksoversikt.xlsx")["Statistikk"]
    first = next(r[0].row for r in ws.iter_rows() if r[0].value == "Funn")
    rows = [r for r in ws.iter_rows(min_row=first) if isinstance(r[1].value, int)]
    per_person = [r for r in rows if r[0].value == "Ingrid Bakke & Berg"]
    assert len(per_person) == 1 and len(rows) > 20
    assert {c.alignment.horizontal for r in rows for c in r[1:] if c.value is not None} \
        == {"center"}
