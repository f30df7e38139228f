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


# --- 1. The journal's exports of a case stopped coming -------------------------------------

OLD_EXPORT = {
    "bokmal": ("Den siste eksporten av saken er fra 20. november 2026. Eksporter saken på "
               "nytt, så dokumentene bygger på det som står i fagsystemet nå; kommer den ikke "
               "med i eksporten, spør IT hvorfor. Til da står brevene i saken i Til utsending "
               "til sjekk før de sendes.", "Mangler opplysninger",
               "Saken er ikke eksportert på lenge"),
    "nynorsk": ("Den siste eksporten av saka er frå 20. november 2026. Eksporter saka på nytt, "
                "så dokumenta byggjer på det som står i fagsystemet no; kjem ho ikkje med i "
                "eksporten, spør IT kvifor. Til då står breva i saka i Til utsending til "
                "sjekk før dei blir sende.", "Manglar opplysningar",
                "Saka er ikkje eksportert på lenge"),
}


def _old_export_rows(workspace) -> list[tuple]:
    return [f for f in findings(workspace) if str(f[0]).startswith("Den siste eksporten")]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_case_not_exported_for_weeks_has_a_row_in_avvik(workspace, malform):
    """Til utsending already lists its letters to check; the team leader saw nothing."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    assert not _old_export_rows(workspace)
    workspace.run(date(2026, 12, 10))  # nothing from the journal since
    said, severity, kind = OLD_EXPORT[malform]
    [row] = _old_export_rows(workspace)
    # Due the day it became too old ([documents] stale_export_days, 14).
    assert row == (said, datetime(2026, 12, 4), None, severity)
    counted = {r[0]: r[1:] for r in sheet_rows(workspace, "Statistikk")}
    assert counted[kind][:2] == (1, 1)  # findings, cases


def test_a_re_export_with_nothing_new_is_a_recent_export_for_avvik_too(workspace):
    """As in Til utsending: a re-export that changes nothing is kept only in the readings,
    not in the case file, and still counts."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert="2026-12-09"))
    workspace.run(date(2026, 12, 9))
    workspace.run(date(2026, 12, 10))
    assert not _old_export_rows(workspace)
    workspace.run(date(2026, 12, 24))  # 15 days after that export
    [(said, due, _, _)] = _old_export_rows(workspace)
    assert "er fra 9. desember 2026." in said and due == datetime(2026, 12, 23)


def test_a_case_the_journal_closed_has_no_row_for_its_exports(workspace):
    """No export of a closed case is to come: asking for one would help nobody."""
    workspace.drop("sak.json", canonical_case(eksportert="2027-02-02", sluttdato="2027-02-01"))
    workspace.run(date(2027, 3, 1))
    assert sheet_rows(workspace, "Saker")  # still shown, «Avsluttet»
    assert not _old_export_rows(workspace)


# --- 2. A case that ended without a conversation held --------------------------------------

NEVER_HELD = {"bokmal": "Avsluttet – ingen samtaler registrert",
              "nynorsk": "Avslutta – ingen samtalar registrerte"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_case_that_never_started_says_so_after_its_programme(workspace, malform):
    """Placed 1 December 2025, nothing held all year: the day after its programme it left
    «Ikke startet» and showed «Avsluttet», as a case that went through the programme."""
    workspace.in_malform(malform)
    start = {**canonical_case()["plassering"], "startdato": "2025-12-01"}
    workspace.drop("sak.json", canonical_case(samtaler=[], vurderinger=[], plassering=start,
                                              eksportert="2026-11-25"))
    workspace.run(date(2026, 11, 25))
    [case] = sheet_rows(workspace, "Saker")  # Gjennomført, Status
    # Five days before its last day: both said (helper 167).
    assert (case[4], case[11]) in ((0, "Ikke startet – avsluttes snart"),
                                   (0, "Ikkje starta – blir avslutta snart"))
    workspace.run(date(2026, 12, 5))
    [case] = sheet_rows(workspace, "Saker")
    assert case[11] == NEVER_HELD[malform]
    # Avvik says what was (helper 136) for three months more.
    assert any("Ingen samtalar med barnet vart" in str(f[0]) or
               "Ingen samtaler med barnet ble" in str(f[0]) for f in findings(workspace))


def test_a_case_with_a_conversation_held_is_plainly_ended(workspace):
    workspace.drop("sak.json", canonical_case())  # placed 14 September 2026, some held
    workspace.run(date(2027, 9, 20))
    [case] = sheet_rows(workspace, "Saker")
    assert case[11] == "Avsluttet"


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
    ("bokmal", "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført før "
               "saken ble avsluttet 20. juni 2027; minimum for den tiden er 3. Skriv i "
               "journalen hvorfor det ble for få."),
    ("nynorsk", "I plasseringsår 1 vart berre 1 oppfølgingsbesøk registrert som gjennomført "
                "før saka vart avslutta 20. juni 2027; minimum for den tida er 3. Skriv i "
                "journalen kvifor det vart for få."),
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
        "I plasseringsår 1 er 2 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
        "framover; "
        "minimum fram til saken avsluttes 20. juni 2027 er 3. Besøk som var planlagt i dette "
        "plasseringsåret og er passert uten å være registrert som gjennomført: 1. Registrer "
        "besøket hvis det ble holdt. Ble det ikke holdt, planlegg 1 besøk i tillegg før "
        "da."]
    assert rows[0][1] == datetime(2027, 6, 19)


# --- 4. A declined parent's «Nytt tilbud» held back ----------------------------------------

def _declined_father_without_address(**more) -> dict:
    case = canonical_case(**more)
    father = case["foreldre"][1]
    father["takker_ja"] = False
    for field in ("adresse", "postnummer", "poststed"):
        father.pop(field)
    return case


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Brevet «Nytt tilbud» til far kan ikke sendes: fagsystemet mangler adressen "
               "til far. Registrer det i fagsystemet og eksporter saken på nytt, eller gi "
               "tilbudet på en annen måte og registrer datoen i fagsystemet."),
    ("nynorsk", "Brevet «Nytt tilbod» til far kan ikkje sendast: fagsystemet manglar adressa "
                "til far. Registrer det i fagsystemet og eksporter saka på nytt, eller gi "
                "tilbodet på ein annan måte og registrer datoen i fagsystemet."),
])
def test_a_renewed_offer_held_back_has_its_row(workspace, malform, said):
    """Til utsending says «Ikke send» for the father's letter; Avvik said nothing, its row
    being about letters for planned conversations only."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", _declined_father_without_address())
    workspace.run(date(2026, 9, 18))
    listed = [r for r in xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
              if r[2] and "02 Nytt " in str(r[2])]
    assert listed and all(str(r[6]).startswith(("Ikke send", "Ikkje send")) for r in listed)
    rows = [f for f in findings(workspace) if str(f[0]).startswith("Brevet «Nytt")]
    # Due a week after the placement, as the letter is to be sent.
    assert [(f[0], f[1]) for f in rows] == [(said, datetime(2026, 9, 21))]


def test_letters_for_conversations_and_the_renewed_offer_share_one_row(workspace):
    """The mother's letters lack her address too: one row says both, as it says every
    other gap (helper 136)."""
    case = _declined_father_without_address()
    case["foreldre"][0].pop("adresse")
    workspace.drop("sak.json", case)
    workspace.run(date(2026, 11, 22))
    [row] = [f for f in findings(workspace) if "kan ikke sendes" in str(f[0])]
    assert str(row[0]).startswith("Brevene om samtalene fra ")
    assert "og brevet «Nytt tilbud» til far kan ikke sendes: fagsystemet mangler adressen "\
        "til mor og adressen til far." in row[0]
    assert row[3] == "Mangler opplysninger"


def test_no_row_once_the_journal_has_the_address(workspace):
    workspace.drop("sak.json", _declined_father_without_address())
    workspace.run(date(2026, 9, 18))
    case = canonical_case(eksportert="2026-09-25")
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak.json", case)
    workspace.run(date(2026, 9, 25))
    assert not [f for f in findings(workspace) if "kan ikke sendes" in str(f[0])]


@pytest.mark.parametrize(("malform", "export", "day", "said"), [
    ("bokmal", {"eksportert": "2027-06-21", "sluttdato": "2027-06-20"}, date(2027, 6, 25),
     "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført før saken ble "
     "avsluttet 20. juni 2027; minimum for den tiden er 3. Besøk som var planlagt i "
     "plasseringsår 1 og ikke er registrert som gjennomført: 2. Registrer dem som ble holdt. "
     "Ble det fortsatt færre enn 3 med dem som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", {"eksportert": "2027-06-21", "sluttdato": "2027-06-20"}, date(2027, 6, 25),
     "I plasseringsår 1 vart berre 1 oppfølgingsbesøk registrert som gjennomført før saka "
     "vart avslutta 20. juni 2027; minimum for den tida er 3. Besøk som var planlagde i "
     "plasseringsår 1 og ikkje er registrerte som gjennomførte: 2. Registrer dei som vart "
     "haldne. Vart det framleis færre enn 3 med dei som vart haldne, skriv i journalen "
     "kvifor."),
    # The year ended (13 September 2027) with no export since November.
    ("bokmal", None, date(2027, 9, 20),
     "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført; minimum er "
     "4, og året endte 13. september 2027. Besøk som var planlagt i plasseringsår 1 og ikke "
     "er registrert som gjennomført: 3. Registrer dem som ble holdt. Ble det fortsatt færre "
     "enn 4 med dem som ble holdt, skriv i journalen hvorfor."),
])
def test_a_closed_year_asks_to_register_the_visits_held_before_why_there_were_too_few(
        workspace, malform, export, day, said):
    """«Skriv i journalen hvorfor det ble for få.» came before «Besøk som var planlagt …
    Registrer dem som ble holdt.», while registering the visits held may leave none too few
    (helper 195): what to register first, then why."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))  # the plan's visits in January, April (and July)
    if export:
        workspace.drop("sak.json", canonical_case(**export))
    workspace.run(day)
    assert [r[0] for r in _visit_rows(workspace)] == [said]
