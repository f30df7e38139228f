"""What Saksoversikt.xlsx told the team leader near a programme's end and after its dates
passed unheld (helper 173, from a reader's findings): a case started long ago with
conversations over their deadline and none planned read «I gang»; three days before the
placement year's end the Avvik sheet asked to «Planlegg 3 oppfølgingsbesøk til før» that
day; and on the last day of a case the journal closes it still asked to plan a visit before
it closed. Read back from the workbook as the team leader opens it."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case
from .test_leader_open_findings import CASE, findings, sheet_rows

STATUS = 11
"""The Saker sheet's «Status» column (after Planlagt, Over fristen, …, Neste besøk)."""


def _case_row(workspace) -> tuple:
    [row] = [r for r in sheet_rows(workspace, "Saker") if r[0] == CASE]
    return row


def _visit_rows(workspace) -> list[str]:
    """The Hva of the rows about too few visits (not those about the time between them)."""
    return [str(f[0]) for f in findings(workspace) if "plasseringsår" in str(f[0]).lower()]


# --- 1. A case whose dates passed unheld, with none ahead ----------------------------------

@pytest.mark.parametrize(("malform", "day", "status"), [
    ("bokmal", date(2027, 5, 3), "Over fristen – ingen planlagt"),
    ("nynorsk", date(2027, 5, 3), "Over fristen – ingen planlagd"),
    # Its last day near as well: both said, as «Ikke startet – avsluttes snart».
    ("bokmal", date(2027, 8, 2), "Over fristen – avsluttes snart"),
    ("nynorsk", date(2027, 8, 2), "Over fristen – blir avslutta snart"),
])
def test_a_started_case_with_dates_passed_and_none_ahead_is_not_i_gang(workspace, malform,
                                                                       day, status):
    """Planned the day it came (22 November 2026), four conversations held; then no export
    again. Months later every date has passed unheld and none is ahead: Saker said «I gang»
    beside «Planlagt 0» and 27 «Over fristen»."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    assert _case_row(workspace)[STATUS] == "I gang"
    workspace.run(day)
    row = _case_row(workspace)
    held, planned, overdue = row[4:7]
    assert (held, planned) == (4, 0) and overdue > 20
    assert row[STATUS] == status


def test_a_case_with_dates_ahead_is_still_i_gang(workspace):
    """Dates passed unheld with others still ahead: under way, its overdue ones counted."""
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2027, 1, 11))
    row = _case_row(workspace)
    assert row[5] > 0 and row[6] > 0
    assert row[STATUS] == "I gang"
