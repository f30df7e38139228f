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


# --- 2. Visits missing, with little time left in the placement year ------------------------

def _run_fresh(workspace, day: date, **more) -> None:
    """The case planned the day it came, then exported again on day."""
    workspace.drop("sak.json", canonical_case(**more))
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert=day.isoformat(), **more))
    workspace.run(day)


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er "
               "planlagt framover; minimum er 4, og året slutter 13. september 2027.|Ble ingen "
               "av de passerte besøkene holdt, er det med minst 14 dager mellom besøkene bare "
               "tid til 1 av de 3 som mangler: planlegg 1 av dem, og skriv i journalen "
               "hvorfor det blir for få."),
    ("nynorsk", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er "
                "planlagt framover; minimum er 4, og året sluttar 13. september 2027.|Vart "
                "ingen av dei passerte besøka haldne, er det med minst 14 dagar mellom besøka "
                "berre tid til 1 av dei 3 som manglar: planlegg 1 av dei, og skriv i journalen "
                "kvifor det blir for få."),
])
def test_three_days_before_the_year_ends_no_three_visits_are_asked(workspace, malform, said):
    """Friday 10 September 2027, the year's last day Monday 13 September: it asked
    «Planlegg 3 oppfølgingsbesøk til før 13. september 2027». The visits planned that
    passed unregistered are said before the time left, to register those held (helper 201)."""
    workspace.in_malform(malform)
    _run_fresh(workspace, date(2027, 9, 10))
    [text] = _visit_rows(workspace)
    assert "Planlegg 3" not in text
    # (helper 204: the visits missing counted as if none of those passed was held, said so)
    facts, advice = said.split("|")
    assert text.startswith(facts + " Besøk som var planlag")
    assert text.endswith(" " + advice)


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er "
               "planlagt framover; minimum er 4, og året slutter 13. september 2027. Det er "
               "ikke tid til flere besøk før da (minst 14 dager mellom besøkene). Blir det "
               "fortsatt færre enn 4 med dem som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er "
                "planlagt framover; minimum er 4, og året sluttar 13. september 2027. Det er "
                "ikkje tid til fleire besøk før då (minst 14 dagar mellom besøka). Blir det "
                "framleis færre enn 4 med dei som vart haldne, skriv i journalen kvifor."),
])
def test_no_more_visits_are_asked_where_the_planned_ones_fill_the_time(workspace, malform,
                                                                       said):
    """Two visits planned in the journal in the last fortnight of the year, one short of the
    four: there is no room for a third. The visits planned that passed unregistered are said
    before it (helper 201); registering those held may make the four, so why is asked only if
    it does not (it asked to write why regardless: a reader's finding)."""
    workspace.in_malform(malform)
    visits = [{"dato": "2026-10-13"},
              {"dato": "2027-09-01", "status": "planlagt"},
              {"dato": "2027-09-08", "status": "planlagt"}]
    _run_fresh(workspace, date(2027, 8, 31), oppfolgingsbesok=visits)
    [text] = _visit_rows(workspace)
    assert "Planlegg" not in text
    facts, advice = said.split(" Det er ")
    assert text.startswith(facts + " Besøk som var planlag")
    assert text.endswith(" Det er " + advice)


# --- 3. A case the journal closes: its last day --------------------------------------------

@pytest.mark.parametrize(("malform", "closing", "said"), [
    ("bokmal", {"sluttdato": "2027-05-20"},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum fram til saken avsluttes 20. mai 2027 er 2. I dag er "
     "siste dag før saken avsluttes, så det er ikke tid til flere besøk. Er det "
     "fortsatt færre enn 2 med dem som ble holdt, skriv i journalen hvorfor."),
    ("bokmal", {"plassering_slutt": "2027-05-20"},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum fram til plasseringen avsluttes 20. mai 2027 er 2. I dag er "
     "siste dag før plasseringen avsluttes, så det er ikke tid til flere besøk. Er det "
     "fortsatt færre enn 2 med dem som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", {"sluttdato": "2027-05-20"},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum fram til saka blir avslutta 20. mai 2027 er 2. I dag er "
     "siste dagen før saka blir avslutta, så det er ikkje tid til fleire besøk. Er det "
     "framleis færre enn 2 med dei som vart haldne, skriv i journalen kvifor."),
    ("nynorsk", {"plassering_slutt": "2027-05-20"},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum fram til plasseringa blir avslutta 20. mai 2027 er 2. I "
     "dag er siste dagen før plasseringa blir avslutta, så det er ikkje tid til fleire "
     "besøk. Er det framleis færre enn 2 med dei som vart haldne, skriv i journalen "
     "kvifor."),
])
def test_on_a_closed_cases_last_day_no_visit_is_to_be_planned(workspace, malform, closing,
                                                               said):
    """The journal closes the case (or the placement) 20 May 2027; on 19 May, its last day
    in the programme, Avvik asked «Planlegg 1 oppfølgingsbesøk til før saken avsluttes 20.
    mai 2027»; then «I dag er siste dag før det» after «minimum fram til saken avsluttes 20.
    mai 2027», the day it closes said again (helper 195). The visits planned that passed
    unregistered are said before it, to register those held (helper 196), and why there were
    too few is asked only if those held do not make the 2 (a reader's finding)."""
    workspace.in_malform(malform)
    more = {}
    if "sluttdato" in closing:
        more["sluttdato"] = closing["sluttdato"]
    else:
        placement = canonical_case()["plassering"]
        more["plassering"] = {**placement, "sluttdato": closing["plassering_slutt"]}
    _run_fresh(workspace, date(2027, 5, 19), **more)
    [text] = _visit_rows(workspace)
    assert "Planlegg" not in text
    facts, advice = said.split(" I dag ")
    assert text.startswith(facts + " Besøk som var planlag")
    assert text.endswith(" I dag " + advice)
    assert ("Registrer dem som ble holdt. I dag" in text) or (
        "Registrer dei som vart haldne. I dag" in text)
