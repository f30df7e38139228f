"""What the team leader's Saksoversikt.xlsx did not say (helper 144): a case whose exports
stopped coming, a case that ended without a conversation held, visits asked for after the
journal closed the case, and a declined parent's «Nytt tilbud» held back for a missing
address. Read back from the workbook as the team leader opens it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from .conftest import canonical_case, xlsx_rows

CASE = "2026-0412"


def sheet_rows(workspace, sheet: str) -> list[tuple]:
    """A sheet's rows below its header row (the row whose first cell names the column of
    journal numbers, «Journalnummer» or «Sak», or «Funn» in Statistikk)."""
    rows = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", sheet)
    at = next(i for i, r in enumerate(rows) if r[0] in ("Journalnummer", "Sak", "Funn"))
    return [r for r in rows[at + 1:] if r[0] is not None]


def findings(workspace) -> list[tuple]:
    """The case's Avvik rows: (Hva, Frist, Hjemmel, Alvor)."""
    return [r[2:] for r in sheet_rows(workspace, "Avvik") if r[0] == CASE]


# --- 3. Visits asked for after the journal closed the case ---------------------------------

def _visit_rows(workspace) -> list[tuple]:
    """The rows about too few visits (not those about the time between them)."""
    return [f for f in findings(workspace) if "plasseringsår" in str(f[0])]


def test_a_case_closed_early_in_year_one_asks_for_no_more_visits(workspace):
    """Placed 14 September 2026, one visit held 13 October, closed 1 February 2027: the
    visit due by then was held. Avvik asked «Planlegg 3 oppfølgingsbesøk til før 13.
    september 2027», a Lovbrudd for a case that no longer is."""
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert="2027-02-02", sluttdato="2027-02-01"))
    workspace.run(date(2027, 2, 10))
    assert sheet_rows(workspace, "Saker")  # still shown, «Avsluttet»
    assert not _visit_rows(workspace)


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Saken ble avsluttet 20. juni 2027, i plasseringsår 1. Fram til da er antallet "
               "registrerte gjennomførte oppfølgingsbesøk 1, og minimum for den tiden er 3."),
    ("nynorsk", "Saka vart avslutta 20. juni 2027, i plasseringsår 1. Fram til då er talet på "
                "registrerte gjennomførte oppfølgingsbesøk 1, og minimum for den tida er 3."),
])
def test_a_case_closed_in_year_one_is_held_to_the_visits_due_until_then(workspace, malform,
                                                                        said):
    """Closed 20 June 2027 with one visit of the three due by then (a quarter of a year
    each): what was, with the day before it closed as its deadline, not a year's four."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2027-06-21", sluttdato="2027-06-20"))
    workspace.run(date(2027, 6, 25))
    [(text, due, _, _)] = _visit_rows(workspace)
    assert (text, due) == (said, datetime(2027, 6, 19))


def test_a_case_closing_ahead_asks_only_for_the_visits_due_before(workspace):
    """The journal says the case closes 20 June 2027: the plan's visits in January and April
    and the one held make the three due by then, and nothing more is asked (it asked for a
    fourth «til før 13. september 2027»)."""
    workspace.drop("sak.json", canonical_case(sluttdato="2027-06-20"))
    workspace.run(date(2026, 11, 22))
    assert not _visit_rows(workspace)
    # With the January visit and no other planned, one more is asked, before it closes.
    workspace.drop("sak.json", canonical_case(
        eksportert="2027-02-02", sluttdato="2027-06-20",
        oppfolgingsbesok=[{"dato": "2026-10-13"}, {"dato": "2027-01-14"}]))
    workspace.run(date(2027, 6, 1))
    rows = _visit_rows(workspace)
    assert [r[0] for r in rows] == [
        "Planlegg 1 oppfølgingsbesøk til før saken avsluttes 20. juni 2027: i plasseringsår 1 "
        "er 2 registrert gjennomført og 0 planlagt, og minimum fram til da er 3. Besøk som "
        "var planlagt i dette plasseringsåret og er passert uten å være registrert som "
        "gjennomført: 1. Registrer dem som ble holdt."]
    assert rows[0][1] == datetime(2027, 6, 19)
