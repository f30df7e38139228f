"""A case whose programme year is over (not closed in the journal) is shown in Saksoversikt
as «Avsluttet» for some months: no letter of it goes any more, so an old export of it is no
reason for an Avvik row saying its letters wait in Til utsending and asking IT why."""

from __future__ import annotations

from datetime import date

from .conftest import canonical_case, xlsx_rows
from .test_leader_open_findings import findings


def test_an_ended_programme_has_no_old_export_row(workspace):
    # The example case was placed 14 September 2026: its programme's last day is
    # 13 September 2027.
    workspace.drop("sak.json", canonical_case(eksportert="2027-09-01"))
    workspace.run(date(2027, 9, 1))
    workspace.run(date(2027, 10, 1))  # no export since, the programme over
    [saker] = [r for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Saker")
               if r[0] == "2026-0412"]
    assert "Avsluttet" in saker
    letters = [r for r in xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
               if r[0] == "2026-0412"]
    assert not letters  # nothing waits to be checked
    assert not [f for f in findings(workspace) if str(f[0]).startswith("Den siste eksporten")]


def test_a_running_programme_still_has_it(workspace):
    workspace.drop("sak.json", canonical_case(eksportert="2027-08-20"))
    workspace.run(date(2027, 8, 20))
    workspace.run(date(2027, 9, 10))  # three days before the programme's last day
    assert [f for f in findings(workspace) if str(f[0]).startswith("Den siste eksporten")]
