"""The team leader's Saksoversikt and the final evaluation as a reader found them a month
after the demo run: a deadline before the case was read in, «Start samtalene» for a first
conversation planned and passed, «Avvik» for the count of all three severities, the old
export's rows above the others unexplained, the one parent called «foreldrene», the
parents' evaluation «Ikke vurdert ennå» for a conversation held with its minutes overdue,
and empty sheets with no line saying so. In bokmål and nynorsk."""

from __future__ import annotations

from datetime import date, time

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.domain import compliance
from omsorgspakke_docs.domain import programme as programme_module
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning.schedule import CasePlan, Conversation
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case

A_MONTH_LATER = date(2027, 1, 6)


def _conv(part: str, tema: int, nummer: int, day: date, status: str,
          forelder: int | None = None) -> Conversation:
    return Conversation(part, tema, nummer, day, time(10), time(11, 30), status,
                        status != "planlagt", forelder=forelder)


def _check(case: Case, plan: CasePlan, malform: str, today: date = A_MONTH_LATER) -> list:
    programme = programme_module.for_malform(config.Settings(), malform)
    return compliance.check(case, plan, programme, today, config.Compliance(), tekst(malform))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_long_break_to_a_date_passed_is_due_by_that_date_not_before_it(malform):
    """Demo 0412 a month later: held 24 September, the next planned 24 November and not
    registered. Frist was 25 October, the month's end after the one held: a day before the
    row's own planned date (and, in the demo, before the case was read in). It is now the
    planned date the row names."""
    case = Case.model_validate(canonical_case(samtaler=[
        {"part": "barnet", "tema": 0, "nummer": 1, "dato": "2026-09-24",
         "status": "gjennomfort", "referat_mottatt": True, "deltakere": ["Sofie"]}]))
    plan = CasePlan(date(2026, 9, 14), date(2027, 9, 13), conversations=[
        _conv("barnet", 0, 1, date(2026, 9, 24), "gjennomfort"),
        _conv("barnet", 0, 2, date(2026, 11, 24), "planlagt"),
        _conv("barnet", 1, 1, date(2027, 1, 20), "planlagt")])
    (found,) = [f for f in _check(case, plan, malform) if f.kind == "samtaler_opphold"]
    assert "24. november 2026" in found.hva and "24. september 2026" in found.hva
    assert found.frist == date(2026, 11, 24)


SAID = {
    "bokmal": "Ingen samtale med {hvem} er registrert som holdt. Den første var planlagt 24. "
              "november 2026; registrer den hvis den ble holdt, ellers avtal en ny tid snart.",
    "nynorsk": "Ingen samtale med {hvem} er registrert som halden. Den første var planlagd "
               "24. november 2026; registrer han om han vart halden, elles avtal ei ny tid "
               "snart.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_first_conversation_planned_and_passed_is_not_start_the_conversations(malform):
    """Demo 0587 a month later: «Start samtalene med barnet; den første skulle vært holdt
    innen 30. juni 2026.» while Over fristen listed the first conversation, planned 24
    November. The row names that day, asks to register it or agree a new time, and is due
    by it."""
    case = Case.model_validate(canonical_case(samtaler=[]))
    plan = CasePlan(date(2026, 6, 2), date(2027, 6, 1), conversations=[
        _conv("barnet", 0, 1, date(2026, 11, 24), "planlagt"),
        _conv("barnet", 1, 1, date(2027, 1, 20), "planlagt"),
        _conv("foreldre", 0, 1, date(2026, 11, 24), "planlagt"),
        _conv("foreldre", 1, 1, date(2027, 1, 21), "planlagt")])
    found = {f.kind: f for f in _check(case, plan, malform)
             if f.kind.endswith("_spor_ikke_startet")}
    child, parents = found["barnets_spor_ikke_startet"], found["foreldrenes_spor_ikke_startet"]
    assert child.hva == SAID[malform].format(hvem="barnet")
    assert parents.hva == SAID[malform].format(hvem=tekst(malform)("hvem.foreldrene"))
    assert child.frist == parents.frist == date(2026, 11, 24)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_track_with_nothing_planned_yet_passed_is_still_to_be_started(malform):
    """Where the first conversation is still ahead the row asks, as before, to start."""
    case = Case.model_validate(canonical_case(samtaler=[]))
    plan = CasePlan(date(2026, 6, 2), date(2027, 6, 1), conversations=[
        _conv("barnet", 0, 1, date(2027, 1, 20), "planlagt")])
    (child,) = [f for f in _check(case, plan, malform)
                if f.kind == "barnets_spor_ikke_startet"]
    assert child.hva.startswith("Start ")
    assert child.frist == date(2026, 6, 30)


WORKBOOK = {
    "bokmal": {
        "stats": ("Statistikk – funn", "Funn i alt:", "Saker med funn:"),
        "old_export": "Rader om en sak som ikke er eksportert på lenge, står øverst: de andre "
                      "radene i den saken kan være utdatert til saken er eksportert på nytt.",
        "overdue": "Ingen samtaler eller besøk er over fristen.",
        "ending": "Ingen saker avsluttes snart.",
        "ending_sheet": "Avsluttes snart", "todo": "Dette må følges opp"},
    "nynorsk": {
        "stats": ("Statistikk – funn", "Funn i alt:", "Saker med funn:"),
        "old_export": "Rader om ei sak som ikkje er eksportert på lenge, står øvst: dei andre "
                      "radene i den saka kan vere utdaterte til saka er eksportert på nytt.",
        "overdue": "Ingen samtalar eller besøk er over fristen.",
        "ending": "Ingen saker blir avslutta snart.",
        "ending_sheet": "Blir avslutta snart", "todo": "Dette må følgjast opp"},
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_caseload_says_what_its_counts_and_empty_sheets_mean(workspace, malform):
    """«Avvik i alt: 47» and a case's «Avvik: 5» counted all three severities beside
    «Avvik fra Omsorgspakken: 17»: they are «Funn». The Avvik sheet says why the old
    export's rows come first. An empty Over fristen or Avsluttes snart says there is
    nothing, rather than looking like a sheet not made."""
    from openpyxl import load_workbook

    from .conftest import canonical_case as case_data

    said = WORKBOOK[malform]
    workspace.in_malform(malform)
    workspace.drop("sak.json", case_data())
    assert workspace.run().files_failed == 0
    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    stats = book["Statistikk"]
    assert (stats["A1"].value, stats["A4"].value, stats["A5"].value) == said["stats"]
    total = stats["B4"].value
    counts = [book["Avvik"][f"B{row}"].value for row in (4, 5, 6)]
    assert total == sum(counts) and total > counts[1]
    assert (book["Avvik"]["A7"].value, book["Avvik"]["B8"].value) == (
        "Merk:", said["old_export"])
    assert book["Avvik"]["A9"].value == "Sak"
    overdue = [ws for ws in book.worksheets if ws.title == "Over fristen"][0]
    assert overdue["A5"].value == said["overdue"] and overdue["A7"].value is None
    ending = book[said["ending_sheet"]]
    assert ending["A7"].value == said["ending"] and ending["A9"].value is None
    (own,) = workspace.case_folder("2026-0412").glob("04 *.xlsx")
    todo = load_workbook(own)[said["todo"]]
    assert (todo["A4"].value, todo["B4"].value) == ("Funn:", total)
    # A month later conversations have passed unregistered: listed, and the line says how
    # many instead (test_caseload_sheets_agree).
    assert workspace.run(A_MONTH_LATER).files_failed == 0
    overdue = load_workbook(workspace.outbox / "Saksoversikt.xlsx")["Over fristen"]
    assert overdue["A5"].value.startswith("I alt ") and overdue["A7"].value == "2026-0412"


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_finding_of_one_line_is_printed_one_line_high(workspace, malform):
    """Avvik's rows all had the template row's two-line height: a one-line finding was
    printed with an empty line under it (LibreOffice keeps a row's height). Each row now has
    the lines its longest text wraps to, and no more."""
    from openpyxl import load_workbook

    from omsorgspakke_docs.rendering.sheet_cells import LINE_HEIGHT, wrapped_lines

    workspace.in_malform(malform)
    for example in ("sak-fjordvik-2026-0412.json", "sak-fjellvik-2026-0520.json",
                    "saker-fjordvik-uke47.json"):
        workspace.drop_example(example)
    assert workspace.run().files_failed == 0
    sheet = load_workbook(workspace.outbox / "Saksoversikt.xlsx")["Avvik"]
    assert sheet["A9"].value == "Sak"
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEF"}
    lines_per_row = []
    for row in range(10, sheet.max_row + 1):
        lines = max(wrapped_lines(cell.value, widths[c]) if isinstance(
            (cell := sheet[f"{c}{row}"]).value, str) and cell.alignment.wrap_text else 1
            for c in widths)  # (a date is no text that wraps)
        height = sheet.row_dimensions[row].height or LINE_HEIGHT
        assert height == lines * LINE_HEIGHT, (row, lines, height)
        lines_per_row.append(lines)
    assert 1 in lines_per_row and max(lines_per_row) > 1
