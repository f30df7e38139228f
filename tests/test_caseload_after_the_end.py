"""What Saksoversikt.xlsx says of a case whose programme has ended (a reader's findings, a
nynorsk municipality through a year with no new exports): Saker's «Over fristen» counted 28
for a case whose programme had ended, and the sheet «Over fristen» listed none of them; and
its «Merknad om planen» said «Samtalane er difor planlagde frå …, seinare enn programmet
legg opp til» on a case «Avslutta utan samtalar». Read back as the team leader opens it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from .conftest import canonical_case, synthetic_fnr
from .test_caseload import case, sheet_rows

ENDED = date(2027, 10, 25)
"""The reader's run: the example case's programme ended 13 September 2027, the late one's
31 August 2027."""
OVERDUE = {
    "bokmal": ("Samtaler som er flyttet til en ny dato, står ikke her, heller ikke det som "
               "ikke ble holdt i saker der programmet er avsluttet. Se Avvik for frister som "
               "er passert."),
    "nynorsk": ("Samtalar som er flytta til ein ny dato, står ikkje her, heller ikkje det som "
                "ikkje vart halde i saker der programmet er avslutta. Sjå Avvik for fristar "
                "som er passerte."),
}
SAKER = {
    "bokmal": "Er programmet avsluttet, står det som ikke ble holdt, på arket Avvik.",
    "nynorsk": "Er programmet avslutta, står det som ikkje vart halde, på arket Avvik.",
}
LATE_NOTE = {
    "bokmal": ("Plasseringen startet 1. september 2026, men saken kom fra fagsystemet første "
               "gang 23. november 2026. Samtalene ble derfor planlagt fra {fra}, senere enn "
               "programmet la opp til"),
    "nynorsk": ("Plasseringa starta 1. september 2026, men saka kom frå fagsystemet første "
                "gong 23. november 2026. Samtalane vart difor planlagde frå {fra}, seinare enn "
                "programmet la opp til"),
}
STATUS = {"bokmal": "Avsluttet – ingen samtaler registrert",
          "nynorsk": "Avslutta – ingen samtalar registrerte"}


def _another(journalnummer: str, startdato: str, **more) -> dict:
    """A case of another child than the example's, with no conversations registered."""
    data = case(journalnummer, startdato, synthetic_fnr(date(2015, 3, 5)), **more)
    data["barn"]["fodselsdato"] = "2015-03-05"  # as the identity number has it
    return data


def _saker(path, journalnummer: str) -> dict:
    [row] = [r for r in sheet_rows(path, "Saker", 5) if r["Sak"] == journalnummer]
    return row


def _merk(path, sheet: str) -> str:
    """The line beside «Merk:» above the sheet's header."""
    return load_workbook(path)[sheet]["B4"].value


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_over_fristen_in_saker_is_what_the_sheet_lists_also_after_the_end(workspace, malform):
    """Two cases with conversations passed unheld: one still running (its rows listed), one
    whose programme has ended (none listed, so none counted). Each case's number in Saker
    leads to as many rows on the sheet «Over fristen», and both sheets say where the ended
    case's unheld conversations are."""
    workspace.in_malform(malform)
    workspace.drop("a.json", canonical_case())  # 2026-0412: ends 13 September 2027
    workspace.drop("b.json", _another("2026-0900", "2026-11-02"))  # ends 1 November 2027
    workspace.run(date(2026, 11, 22))
    workspace.run(ENDED)
    path = workspace.outbox / "Saksoversikt.xlsx"
    listed = sheet_rows(path, "Over fristen", 6)
    for journalnummer in ("2026-0412", "2026-0900"):
        rows = [r for r in listed if r["Sak"] == journalnummer]
        assert (_saker(path, journalnummer)["Over fristen"] or 0) == len(rows)
    assert [r for r in listed if r["Sak"] == "2026-0900"]  # the running case: counted, listed
    assert _saker(path, "2026-0412")["Over fristen"] is None  # ended: not a 0
    assert _merk(path, "Over fristen") == OVERDUE[malform]
    assert SAKER[malform] in _merk(path, "Saker")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_note_on_a_late_start_is_in_the_past_once_the_programme_has_ended(workspace,
                                                                              malform):
    """Placed 1 September, first exported 23 November, never started: while it runs, the
    plan's note says the conversations «are» planned later than the programme «intends»;
    once it has ended, that they «were», as it «intended»."""
    workspace.in_malform(malform)
    workspace.drop("a.json", _another("2026-0701", "2026-09-01",
                                  eksportert="2026-11-23"))
    workspace.run(date(2026, 11, 23))
    path = workspace.outbox / "Saksoversikt.xlsx"
    running = _saker(path, "2026-0701")["Merknad om planen"]
    assert "la opp til" not in running
    workspace.run(ENDED)
    row = _saker(path, "2026-0701")
    assert row["Status"] == STATUS[malform]
    [fra] = re.findall(r"planlag\w* fr[aå] (\d+\. \w+ \d{4})", running)
    assert LATE_NOTE[malform].format(fra=fra) in row["Merknad om planen"]
