"""The journal ends the placement, not the case (plassering.sluttdato): the visits asked of
its last placement year say the placement ended, as the plan does («Fagsystemet viser at
plasseringen avsluttes …»), not that the case was closed."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case
from .test_leader_open_findings import _visit_rows


def _placement_ending(day: str, **more) -> dict:
    case = canonical_case(**more)
    case["plassering"]["sluttdato"] = day
    return case


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført før "
               "plasseringen ble avsluttet 20. juni 2027; minimum for den tiden er 3. Skriv i "
               "journalen hvorfor det ble for få."),
    ("nynorsk", "I plasseringsår 1 vart berre 1 oppfølgingsbesøk registrert som gjennomført "
                "før plasseringa vart avslutta 20. juni 2027; minimum for den tida er 3. Skriv "
                "i journalen kvifor det vart for få."),
])
def test_a_placement_ended_in_year_one_says_the_placement_ended(workspace, malform, said):
    workspace.in_malform(malform)
    workspace.drop("sak.json", _placement_ending("2027-06-20", eksportert="2027-06-21"))
    workspace.run(date(2027, 6, 25))
    assert [r[0] for r in _visit_rows(workspace)] == [said]


def test_a_placement_ending_ahead_says_before_the_placement_ends(workspace):
    workspace.drop("sak.json", _placement_ending("2027-06-20"))
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", _placement_ending(
        "2027-06-20", eksportert="2027-02-02",
        oppfolgingsbesok=[{"dato": "2026-10-13"}, {"dato": "2027-01-14"}]))
    workspace.run(date(2027, 6, 1))
    [row] = _visit_rows(workspace)
    assert str(row[0]).startswith(
        "I plasseringsår 1 er 2 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
        "framover; "
        "minimum fram til plasseringen avsluttes 20. juni 2027 er 3. Besøk som var planlagt")
    assert str(row[0]).endswith(
        "Registrer besøket hvis det ble holdt. Ble det ikke holdt, planlegg 1 besøk i "
        "tillegg før da.")


def test_the_case_closing_first_still_says_the_case(workspace):
    case = _placement_ending("2027-06-25", eksportert="2027-06-21", sluttdato="2027-06-20")
    workspace.drop("sak.json", case)
    workspace.run(date(2027, 6, 25))
    [row] = _visit_rows(workspace)
    assert str(row[0]).startswith("I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert "
                                  "som gjennomført før saken ble avsluttet 20. juni 2027;")
