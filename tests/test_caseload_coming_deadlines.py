"""The team leader sees a plan's legal deadline before it is broken (a reader's finding in
the demo's 2026-0655: on 23 November Saksoversikt had no row for it; on 15 December two
«Lovbrudd» with frist 14 December 2026 appeared, the foster family's plan and the
tiltaksplan, and only the plan's prose had warned). From [compliance] deadline_notice_days
(28) before it, «Denne måneden» lists each such deadline as «Lovfrist»; the day after it,
the row is gone and Avvik has the red finding instead, counted once in Statistikk. Read back
from the workbook as the team leader opens it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from .test_leader_open_findings import sheet_rows

CASE = "2026-0655"
DEADLINE = date(2026, 12, 14)

SAID = {
    "bokmal": [
        "Lovfrist: tiltaksplanen skal være laget senest 14. desember 2026 (barnevernsloven "
        "§ 8-1). Blir det ikke registrert i fagsystemet innen da, regnes det som lovbrudd "
        "fra dagen etter.",
        "Lovfrist: planen for oppfølging av fosterfamilien skal være laget senest 14. desember "
        "2026 (fosterhjemsforskriften § 9). Blir det ikke registrert i fagsystemet innen da, "
        "regnes det som lovbrudd fra dagen etter.",
    ],
    "nynorsk": [
        "Lovfrist: tiltaksplanen skal vere laga seinast 14. desember 2026 (barnevernslova "
        "§ 8-1). Blir det ikkje registrert i fagsystemet innan då, blir det rekna som "
        "lovbrot frå dagen etter.",
        "Lovfrist: planen for oppfølging av fosterfamilien skal vere laga seinast 14. desember "
        "2026 (fosterheimsforskrifta § 9). Blir det ikkje registrert i fagsystemet innan då, "
        "blir det rekna som lovbrot frå dagen etter.",
    ],
}
BREACH = {"bokmal": "Lovbrudd", "nynorsk": "Lovbrot"}
THIS_MONTH = {"bokmal": "Denne måneden", "nynorsk": "Denne månaden"}


def _run(workspace, malform: str, day: date) -> None:
    workspace.in_malform(malform)
    workspace.drop_example("saker-fjordvik-uke47.json")
    workspace.run(day)


def _deadlines(workspace, malform: str = "bokmal") -> list[tuple]:
    """The case's «Lovfrist» rows in Denne måneden: (Hva, Dato, Status)."""
    return [(r[2], r[3], r[6]) for r in sheet_rows(workspace, THIS_MONTH[malform])
            if r[0] == CASE and r[6] == "Lovfrist"]


def _breaches(workspace, malform: str) -> list[tuple]:
    """The case's red rows in Avvik: (Hva, Frist)."""
    return [(r[2], r[3]) for r in sheet_rows(workspace, "Avvik")
            if r[0] == CASE and r[5] == BREACH[malform]]


def _counted(workspace, kind: str) -> int:
    """Statistikk's «Antall» of one kind of finding."""
    return next(r[1] for r in sheet_rows(workspace, "Statistikk") if r[0] == kind)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("day", [date(2026, 11, 23), DEADLINE])
def test_a_plans_deadline_ahead_is_listed_in_denne_maneden(workspace, malform, day):
    """The demo's day (21 days ahead) and the deadline's own day: listed, nothing broken."""
    _run(workspace, malform, day)
    listed = _deadlines(workspace, malform)
    assert sorted(str(hva) for hva, _, _ in listed) == sorted(SAID[malform])
    assert {when for _, when, _ in listed} == {datetime(2026, 12, 14)}
    assert not _breaches(workspace, malform)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_day_after_the_deadline_avvik_has_the_breach_and_denne_maneden_not(
        workspace, malform):
    _run(workspace, malform, date(2026, 11, 23))
    kinds = {"bokmal": "Plan for oppfølging av fosterfamilien mangler",
             "nynorsk": "Plan for oppfølging av fosterfamilien manglar"}[malform]
    # Listed as coming, counted as no finding (Statistikk's figures for the monthly report).
    before = _counted(workspace, kinds)
    workspace.run(date(2026, 12, 15))
    assert not _deadlines(workspace, malform)
    due = [hva for hva, when in _breaches(workspace, malform) if when == datetime(2026, 12, 14)]
    assert len(due) == 2
    assert _counted(workspace, kinds) == before + 1


def test_not_listed_before_the_notice_window(workspace):
    """Made 29 days before the deadline, one more than deadline_notice_days: not yet."""
    _run(workspace, "bokmal", date(2026, 11, 15))
    assert not _deadlines(workspace)
