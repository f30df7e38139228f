"""The contact person sees the case's next legal deadline in the case's own overview, not
only the team leader in Saksoversikt: from [compliance] deadline_notice_days (28) before
it, `04 Oppfølgingsoversikt.xlsx`'s first sheet, «Dette må følges opp», has a «Lovfrist»
row for each plan still due, in Saksoversikt's words, with the deadline as its Frist. It is
no finding: «Funn:» does not count it. The day after, the «Lovbrudd» is there instead."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from .test_caseload_coming_deadlines import CASE, SAID, _run

FIRST_SHEET = {"bokmal": "Dette må følges opp", "nynorsk": "Dette må følgjast opp"}


def _sheet(workspace, malform: str):
    (path,) = workspace.case_folder(CASE).glob("**/04 *.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[0] == FIRST_SHEET[malform]
    return book[book.sheetnames[0]]


def _rows(workspace, malform: str) -> list[tuple]:
    return [r[:4] for r in _sheet(workspace, malform).iter_rows(min_row=7, values_only=True)
            if any(r[:4])]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_case_overview_lists_the_plans_deadline_ahead(workspace, malform):
    _run(workspace, malform, date(2026, 11, 23))
    rows = _rows(workspace, malform)
    coming = [r for r in rows if r[0] == "Lovfrist"]
    assert sorted(r[2] for r in coming) == sorted(SAID[malform])
    assert {r[1] for r in coming} == {datetime(2026, 12, 14)}
    assert {r[3] for r in coming} == ({"barnevernsloven § 8-1", "fosterhjemsforskriften § 9"}
                                      if malform == "bokmal" else
                                      {"barnevernslova § 8-1", "fosterheimsforskrifta § 9"})
    findings = _sheet(workspace, malform)["B4"].value
    assert int(findings) == len(rows) - len(coming)  # «Funn:» counts findings only


def test_not_listed_before_the_notice_window_nor_after_the_deadline(workspace):
    _run(workspace, "bokmal", date(2026, 11, 15))
    assert not [r for r in _rows(workspace, "bokmal") if r[0] == "Lovfrist"]
    workspace.run(date(2026, 12, 15))
    rows = _rows(workspace, "bokmal")
    assert not [r for r in rows if r[0] == "Lovfrist"]
    assert len([r for r in rows if r[0] == "Lovbrudd" and r[1] == datetime(2026, 12, 14)]) == 2
