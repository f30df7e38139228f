"""Saksoversikt's warning about an old export after the programme's last day (a reader ran
the demo forward with no new exports): Avvik had «Den siste eksporten av saken er fra 23.
november 2026» for each case on every run until the end, and none after it, with
Statistikk's «Saken er ikke eksportert på lenge: 0», though the final plan and evaluations
rested on a year-old export. Read as the team leader opens it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from .conftest import canonical_case, xlsx_rows

FIRST = date(2026, 11, 23)
AFTER = date(2027, 9, 20)  # the example case's last day: 13 September 2027
SAID = {
    "bokmal": ("Den siste eksporten av saken er fra 23. november 2026, før programmets siste "
               "dag (13. september 2027). Planen, oppfølgingsoversikten og sluttevalueringen "
               "bygger på den og viser ikke det som er registrert senere.",
               "Saken er ikke eksportert på lenge"),
    "nynorsk": ("Den siste eksporten av saka er frå 23. november 2026, før den siste dagen i "
                "programmet (13. september 2027). Planen, oppfølgingsoversikta og "
                "sluttevalueringa byggjer på han og viser ikkje det som er registrert seinare.",
                "Saka er ikkje eksportert på lenge"),
}


def _avvik(path) -> list[str]:
    """Column C (Hva/Kva) of the case's rows."""
    return [r[2] for r in xlsx_rows(path, "Avvik") if r[0] == "2026-0412"]


def _counted(path, kind: str) -> int:
    [count] = [r[1] for r in xlsx_rows(path, "Statistikk") if r[0] == kind]
    return count


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_ended_case_on_an_old_export_keeps_the_warning(workspace, malform):
    said, kind = SAID[malform]
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=AFTER) == 0
    path = workspace.outbox / "Saksoversikt.xlsx"
    assert [h for h in _avvik(path) if h.startswith(said)] != []
    assert _counted(path, kind) == 1


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_export_from_after_the_end_needs_no_warning(workspace, malform):
    said, kind = SAID[malform]
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    assert workspace.cli(today=FIRST) == 0
    workspace.drop("etter.json", canonical_case(eksportert="2027-09-15"))
    assert workspace.cli(today=AFTER) == 0
    path = workspace.outbox / "Saksoversikt.xlsx"
    assert [h for h in _avvik(path) if h.startswith(said[:30])] == []
    assert _counted(path, kind) == 0


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_re_export_after_the_end_is_due_from_the_final_documents(workspace, malform):
    """The reader's demo run forward: «Frist» 3 December 2026 (the old export's day and
    stale_export_days) in every such row on 30 November 2027, a year past. The re-export is
    asked for when the final documents are made: due stale_export_days (14) after that."""
    said, _ = SAID[malform]
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=AFTER) == 0
    path = workspace.outbox / "Saksoversikt.xlsx"
    [row] = [r for r in xlsx_rows(path, "Avvik")
             if r[0] == "2026-0412" and str(r[2]).startswith(said)]
    assert row[3] == datetime(2027, 10, 4)
