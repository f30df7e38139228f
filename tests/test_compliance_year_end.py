"""The last months of a case's year, as the team leader reads them in Saksoversikt.xlsx: no
visit finding for a placement year the program does not follow (after the programme's last
day, or after the journal closed the case), and a visit planned for today is still planned."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from .conftest import canonical_case, make_workspace, xlsx_rows

AVVIK_HEADER = ("Sak", "Kontaktperson", "Hva", "Frist", "Hjemmel", "Alvor")


def sheet_rows(ws, sheet: str, header_first: str) -> list[dict]:
    """A sheet's rows below its header row (the row whose first cell is header_first)."""
    rows = xlsx_rows(ws.outbox / "Saksoversikt.xlsx", sheet)
    at = next(i for i, r in enumerate(rows) if r[0] == header_first)
    header = rows[at]
    return [dict(zip(header, r, strict=True)) for r in rows[at + 1:] if r[0] is not None]


def visit_findings(ws) -> list[dict]:
    return [r for r in sheet_rows(ws, "Avvik", "Sak")
            if "oppfølgingsbesøk" in r["Hva"]]


@pytest.mark.parametrize(("today", "overrides"), [
    (date(2027, 9, 14), {}),                                 # the programme is over
    (date(2027, 9, 20), {"sluttdato": "2027-09-15"}),        # the journal closed the case
])
def test_no_visit_finding_for_the_placement_year_after_the_programme(tmp_path, today,
                                                                     overrides):
    """«Planlegg 4 oppfølgingsbesøk til før 13. september 2028: i plasseringsår 2 …», a
    Lovbrudd due a year ahead, for a case the program no longer follows."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case(**overrides))  # placed 14 September 2026
    assert ws.run(today).files_failed == 0
    found = visit_findings(ws)
    assert not [r for r in found if "plasseringsår 2" in r["Hva"]]
    assert all(r["Frist"] <= datetime(2027, 9, 13) for r in found)
    # The first year's shortfall (one visit held of four) stays, its deadline passed: said
    # as what was, not «Planlegg 3 oppfølgingsbesøk til før 13. september 2027» (helper 123).
    [year_one] = [r for r in found if "plasseringsår 1" in r["Hva"]]
    assert year_one["Hva"].startswith(
        "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført; minimum "
        "er 4, og året endte 13. september 2027. ")
    assert year_one["Hva"].endswith(" Skriv i journalen hvorfor det ble for få.")
    assert (year_one["Frist"], year_one["Alvor"]) == (datetime(2027, 9, 13), "Lovbrudd")



def test_visits_registered_after_the_year_do_not_count_for_it(tmp_path):
    """One visit in the first year, three registered in the days after it: year 1 still had
    one of four (helper 124: the three were counted for it, and the finding was gone)."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    late = canonical_case(eksportert="2027-09-20", oppfolgingsbesok=[
        {"dato": d} for d in ("2026-10-13", "2027-09-16", "2027-09-17", "2027-09-18")])
    ws.drop("etter.json", late)
    assert ws.run(date(2027, 9, 20)).files_failed == 0
    [year_one] = [r for r in visit_findings(ws) if "plasseringsår 1" in r["Hva"]]
    assert year_one["Hva"].startswith(
        "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført; minimum "
        "er 4, og året endte 13. september 2027. ")
    assert year_one["Hva"].endswith(
        " Ble det fortsatt færre enn 4 med dem som ble holdt, skriv i journalen "
        "hvorfor.")

def test_a_closed_case_has_no_visit_gap_for_the_time_after_it_closed(tmp_path):
    """Visits held to the end: a gap counted on past the day the journal closed the case is
    time the program does not follow."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case(
        sluttdato="2027-06-01",
        oppfolgingsbesok=[{"dato": d} for d in ("2026-10-13", "2027-01-14", "2027-04-14")]))
    assert ws.run(date(2027, 8, 30)).files_failed == 0  # 138 days after the last visit
    assert not [r for r in visit_findings(ws) if "Hold et besøk senest" in r["Hva"]]


def test_a_visit_planned_for_today_counts_as_planned(tmp_path):
    """The plan's fourth visit is today, 2 August 2027 09.00: Avvik said «Planlegg 1
    oppfølgingsbesøk … 3 registrert gjennomført og 0 planlagt» while Saker showed it as
    «Neste besøk», and «Denne måneden» listed it with no time."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run(date(2026, 11, 22)).files_failed == 0  # the plan: visits 14/1, 14/4, 2/8
    ws.drop("sak.json", canonical_case(oppfolgingsbesok=[
        {"dato": d} for d in ("2026-10-13", "2027-01-14", "2027-04-14")]))
    assert ws.run(date(2027, 4, 20)).files_failed == 0
    assert ws.run(date(2027, 8, 2)).files_failed == 0
    assert not [r for r in visit_findings(ws) if "besøk i tillegg" in r["Hva"]]
    [case] = sheet_rows(ws, "Saker", "Sak")
    assert (case["Besøk"], case["Neste besøk"]) == ("3 av 4", datetime(2027, 8, 2))
    [visit] = [r for r in sheet_rows(ws, "Denne måneden", "Sak")
               if r["Hva"] == "Oppfølgingsbesøk i fosterhjemmet"]
    assert (visit["Dato"], visit["Tid"], visit["Status"]) == (
        datetime(2027, 8, 2), "09.00–10.30", "Planlagt")


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "En samtale ble ikke registrert som holdt før programmets siste dag (13. "
               "september 2027). Det gjelder fosterfamilien: tema 6. Registrer samtalen hvis "
               "den ble holdt; ellers skriv i journalen hvorfor den ikke ble holdt."),
    ("nynorsk", "Ein samtale vart ikkje registrert som halden før den siste dagen i programmet "
                "(13. september 2027). Det gjeld fosterfamilien: tema 6. Registrer samtalen om "
                "han vart halden; elles skriv i journalen kvifor han ikkje vart halden."),
])
def test_one_conversation_left_after_the_programme_is_said_in_the_singular(tmp_path, malform,
                                                                           said):
    """«Finn tid til de 1 samtalene som faller etter programmets siste dag …», the day after
    that day: there is no time left to find, and one conversation is one (helper 123)."""
    from .test_compliance import followed_plan

    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    data = followed_plan(canonical_case(), today=date(2027, 9, 13))
    last = max(data["samtaler"], key=lambda s: s["dato"])
    last["status"] = "planlagt"  # every conversation held but the last
    last.pop("referat_mottatt")
    ws.drop("sak.json", data)
    assert ws.run(date(2027, 9, 14)).files_failed == 0
    # The columns by place: a nynorsk service's headers are its own.
    [unfinished] = [list(r.values()) for r in sheet_rows(ws, "Avvik", "Sak")
                    if str(list(r.values())[2]).startswith(("En samtale", "Ein samtale"))]
    assert unfinished[2:4] == [said, datetime(2027, 9, 13)]
