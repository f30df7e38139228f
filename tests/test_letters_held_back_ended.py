"""A case whose foster home has no postal code or town in the journal: while the programme
runs, Saksoversikt's Avvik says its letters cannot be sent. Once the programme's last day
has passed no letter of it is made, so no such row is shown (a reader's finding: a case
last read during its year kept the row months after its end)."""

from __future__ import annotations

from datetime import date

from .conftest import canonical_case
from .test_compliance import avvik


def _case() -> dict:
    data = canonical_case(eksportert="2026-11-23")
    data["fosterfamilie"] = {**data["fosterfamilie"], "postnummer": None, "poststed": None}
    return data


def test_letters_held_back_row_while_the_programme_runs(workspace):
    workspace.drop("sak.json", _case())
    workspace.run(date(2026, 11, 23))
    assert [r for r in avvik(workspace)["2026-0412"] if "kan ikke sendes" in r["Hva"]]


def test_no_letters_held_back_row_after_the_programmes_last_day(workspace):
    # Placed 14 September 2026: the programme's last day is 13 September 2027.
    workspace.drop("sak.json", _case())
    workspace.run(date(2026, 11, 23))
    workspace.run(date(2027, 9, 20))  # no export since
    rows = avvik(workspace)["2026-0412"]
    assert rows  # the case is still shown, with its other findings
    assert not [r for r in rows if "kan ikke sendes" in r["Hva"]]
