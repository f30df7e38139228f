"""Saksoversikt's sheets agree about every conversation and visit (helper 318, from a
reader's finding): a month on with no new export, «Denne måneden» marked the conversations
of the last few days «Over fristen», and the sheet «Over fristen», oldest first over many
pages, read as listing only November's. The same rule makes both (a planned date passed
without being registered as held): each list now says what it holds above its header, and
the counts are those of the rows. Read back from the workbook as the team leader opens it."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from openpyxl import load_workbook

from .conftest import canonical_case

MONTH_LATER = date(2027, 1, 6)
"""A Wednesday: the conversations of Monday 4 and Tuesday 5 January have passed unheld."""

SAID = {
    "bokmal": ("I alt {n}, eldste først: fra {fra} til {til}. Arket Saker teller de samme, "
               "per sak.",
               "{n} av disse er over fristen og står også på arket Over fristen.",
               "Ingen samtaler eller besøk er over fristen."),
    "nynorsk": ("I alt {n}, eldste først: frå {fra} til {til}. Arket Saker tel dei same, "
                "per sak.",
                "{n} av desse er over fristen og står også på arket Over fristen.",
                "Ingen samtalar eller besøk er over fristen."),
}
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
DUE = {"bokmal": "Denne måneden", "nynorsk": "Denne månaden"}


def _rows(ws, header_row: int) -> list[dict]:
    header = [c.value for c in ws[header_row]]
    return [dict(zip(header, r, strict=False))
            for r in ws.iter_rows(min_row=header_row + 1, values_only=True) if r[0]]


def _month_without_export(workspace, malform: str):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    assert book["Over fristen"]["A5"].value == SAID[malform][2]
    assert book[DUE[malform]]["A5"].value is None  # nothing over the deadline: no line
    workspace.run(MONTH_LATER)
    return load_workbook(workspace.outbox / "Saksoversikt.xlsx")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_this_month_and_the_overdue_list_say_the_same_of_every_conversation(
        workspace, malform):
    book = _month_without_export(workspace, malform)
    overdue = _rows(book["Over fristen"], 6)
    due = _rows(book[DUE[malform]], 6)
    listed = {(r["Sak"], r.get("Hva", r.get("Kva")), r["Dato"]) for r in overdue}
    late = [r for r in due if r["Status"] == "Over fristen"]
    # The last days' conversations are over the deadline on both sheets, none on one only.
    assert {r["Dato"].date() for r in late} >= {date(2027, 1, 4), date(2027, 1, 5)}
    assert all((r["Sak"], r.get("Hva", r.get("Kva")), r["Dato"]) in listed for r in late)
    assert all(r["Status"] == "Planlagt" and r["Dato"].date() >= MONTH_LATER
               for r in due if r not in late)
    # Each list says what it holds: the overdue one its number and the days it spans.
    days = sorted(r["Dato"].date() for r in overdue)
    fra, til = (f"{d.day}. {MONTHS[d.month - 1]} {d.year}" for d in (days[0], days[-1]))
    said, said_due, _ = SAID[malform]
    assert book["Over fristen"]["A5"].value == said.format(n=len(overdue), fra=fra, til=til)
    assert til == "5. januar 2027"
    assert book[DUE[malform]]["A5"].value == said_due.format(n=len(late))
    # Saker counts the same rows, case by case.
    per_case = Counter(r["Sak"] for r in overdue)
    cases = _rows(book["Saker"], 5)
    assert cases and all(r["Over fristen"] == per_case[r["Sak"]] for r in cases)
    assert sum(r["Over fristen"] for r in cases) == len(overdue)
