"""Saker's «Status» of a case whose dates all passed unheld, as the team leader reads it (a
reader ran the demo forward with no new exports). On 1 June a case never started, with 27
conversations over their deadline and none planned, read «Ikke startet», while a started one
in the same state read «Over fristen – ingen planlagt». After the end, the cases with no
conversation registered read «Avsluttet uten samtaler» on a white row, calmer than those that
held some (red): it claimed none was held, where the export only shows none, and it may be
old. Both now say what the export shows, and their rows are red."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from .test_caseload import sheet_rows
from .test_caseload_after_the_end import _another

FIRST = date(2026, 11, 23)
STALLED = date(2027, 6, 1)  # every date passed unheld, none ahead, the end months away
AFTER_END = date(2027, 11, 30)  # placed 5 October 2026: ended 4 October 2027
STATUS = {
    "bokmal": {"stalled": "Ikke startet – ingen planlagt",
               "ended": "Avsluttet – ingen samtaler registrert"},
    "nynorsk": {"stalled": "Ikkje starta – ingen planlagd",
                "ended": "Avslutta – ingen samtalar registrerte"},
}


def _row(path, journalnummer: str) -> dict:
    [row] = [r for r in sheet_rows(path, "Saker", 5) if r["Sak"] == journalnummer]
    return row


def _red(path) -> str:
    """The rule that colours a row of Saker red, as the workbook holds it."""
    ws = load_workbook(path)["Saker"]
    [first, *_] = [r.formula[0] for rng in ws.conditional_formatting for r in rng.rules]
    return first


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_case_not_started_with_every_date_passed_says_none_is_planned(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("a.json", _another("2026-0720", "2026-10-05", eksportert="2026-11-23"))
    workspace.run(FIRST)
    workspace.run(STALLED)
    path = workspace.outbox / "Saksoversikt.xlsx"
    row = _row(path, "2026-0720")
    assert (row["Gjennomført"], row["Planlagt"]) == (0, 0)
    assert row["Over fristen"] > 0
    assert row["Status"] == STATUS[malform]["stalled"]
    assert f'$L6="{STATUS[malform]["stalled"]}"' in _red(path)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_ended_case_with_no_conversation_registered_stands_out(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("a.json", _another("2026-0720", "2026-10-05", eksportert="2026-11-23"))
    workspace.run(FIRST)
    workspace.run(STALLED)
    workspace.run(AFTER_END)
    path = workspace.outbox / "Saksoversikt.xlsx"
    row = _row(path, "2026-0720")
    assert row["Gjennomført"] == 0
    assert row["Status"] == STATUS[malform]["ended"]
    assert f'$L6="{STATUS[malform]["ended"]}"' in _red(path)
