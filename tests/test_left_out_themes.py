"""A theme the plan finds no room for before the programme's last day keeps a row where the
conversations are listed: the plan's table, the case's follow-up overview and the team
leader's Saksoversikt. It was named only in the plan's notes and counted in Avvik, and
dropped out of every table and count («Samtaler igjen», «Over fristen»): a theme whose date
had passed unregistered was not overdue anywhere (noticed in the nineteenth session)."""

from __future__ import annotations

from datetime import date

from .conftest import docx_text, make_workspace, xlsx_rows
from .test_planning_year import a_case

PLACED = date(2026, 1, 12)  # the programme's last day: 11 January 2027
FIRST_HELD = [{"part": p, "tema": 1, "dato": "2026-10-26", "status": "gjennomfort"}
              for p in ("barnet", "foreldre", "fosterfamilien")]
PARTS = {"Barnet": ("barnet", None), "Fosterfamilien": ("fosterfamilien", None),
         "Foreldre (mor)": ("foreldre", 0), "Foreldre (far)": ("foreldre", 1)}


def _overview(folder, sheet: str = "Samtaler") -> list[tuple]:
    return xlsx_rows(next(folder.glob("04 *.xlsx")), sheet)


def _table_row(text: str, heading: str) -> list[str]:
    """The plan's table row that starts with heading: its five cells."""
    lines = text.splitlines()
    at = lines.index(heading)
    return lines[at:at + 5]


def _missed_near_the_end(tmp_path, malform: str = "bokmal"):
    """Planned on 2 November 2026 (the foster family's theme 5 on 21 December); exported on
    30 December with every conversation until 23 December held but that one: no date with
    notice is left before 11 January."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", a_case("2026-0112", PLACED.isoformat(), 612, samtaler=FIRST_HELD))
    assert ws.cli(today=date(2026, 11, 2)) == 0
    folder = ws.case_folder("2026-0112")
    held = list(FIRST_HELD)
    for row in _overview(folder, "Samtaler" if malform == "bokmal" else "Samtalar"):
        if row[0] in PARTS and isinstance(row[1], int) and row[1] > 1 \
                and row[3].date() < date(2026, 12, 24) and (row[0], row[1]) != (
                    "Fosterfamilien", 5):
            part, forelder = PARTS[row[0]]
            held.append({"part": part, "tema": row[1], "dato": row[3].date().isoformat(),
                         "status": "gjennomfort",
                         **({} if forelder is None else {"forelder": forelder})})
    ws.drop("igjen.json", a_case("2026-0112", PLACED.isoformat(), 612, samtaler=held,
                                 eksportert="2026-12-30"))
    assert ws.cli(today=date(2026, 12, 30)) == 0
    return ws, folder


def test_a_theme_missed_near_the_end_stays_in_the_tables_as_overdue(tmp_path):
    ws, folder = _missed_near_the_end(tmp_path)
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Fosterfamilien, tema 5: samtalen 21. desember 2026 er ikke registrert som holdt" \
        in plan
    # Its place is where the foster family's conversations are held, as on its other rows
    # (helper 131: a dash, which said nothing a contact person could use).
    assert _table_row(plan, "Tema 5: Avvisning") == [
        "Tema 5: Avvisning", "mandag 21. desember 2026", "–", "Fosterhjemmet", "Over fristen"]
    assert _table_row(plan, "Tema 4: Følelsesregulering")[3] == "Fosterhjemmet"
    # After the foster family's theme 4, before its theme 6 (still planned).
    assert plan.index("Tema 4: Følelsesregulering") < plan.index("Tema 5: Avvisning") \
        < plan.index("Tema 6: Den nye familien og veien videre")

    [row] = [r for r in _overview(folder) if r[:2] == ("Fosterfamilien", 5)]
    assert row[3].date() == date(2026, 12, 21) and row[5] == "Over fristen"
    assert row[8].startswith("Samtalen 21. desember 2026 er ikke registrert som holdt, og det "
                             "er ikke plass til en ny dato før programmets siste dag")

    book = ws.outbox / "Saksoversikt.xlsx"
    overdue = [r for r in xlsx_rows(book, "Over fristen") if r[0] == "2026-0112"]
    assert any(r[2] == "Fosterfamilien: Tema 5: Avvisning" and r[3].date() == date(2026, 12, 21)
               and r[5] == 9 for r in overdue)
    # Theme 5 and the two visits that passed unregistered, in Saker as on the sheet.
    assert sum(1 for r in overdue if r[2] == "Oppfølgingsbesøk i fosterhjemmet") == 2
    [saker] = [r for r in xlsx_rows(book, "Saker") if r[0] == "2026-0112"]
    [ending] = [r for r in xlsx_rows(book, "Avsluttes snart") if r[0] == "2026-0112"]
    assert saker[6] == ending[5] == len(overdue) == 3


def test_a_theme_with_no_room_has_a_row_without_a_date(tmp_path):
    ws = make_workspace(tmp_path)
    held = FIRST_HELD + [{"part": "fosterfamilien", "tema": 5, "dato": "2027-01-08",
                          "status": "planlagt"}]
    ws.drop("sak.json", a_case("2026-0112", PLACED.isoformat(), 612, samtaler=held))
    assert ws.cli(today=date(2026, 11, 16)) == 0
    folder = ws.case_folder("2026-0112")
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Fosterfamilien, tema 6: det er ikke plass til samtalen før programmets siste dag" \
        in plan
    assert _table_row(plan, "Tema 6: Den nye familien og veien videre") == [
        "Tema 6: Den nye familien og veien videre", "ingen ledig dato", "–", "Fosterhjemmet",
        "Ikke planlagt"]
    [row] = [r for r in _overview(folder) if r[:2] == ("Fosterfamilien", 6)]
    assert row[3:6] == ("–", "–", "Ikke planlagt")
    assert row[8].startswith("Det er ikke plass til samtalen før programmets siste dag")
    # Still owed: counted among the conversations left (the programme ends in 56 days).
    [ending] = [r for r in xlsx_rows(ws.outbox / "Saksoversikt.xlsx", "Avsluttes snart")
                if r[0] == "2026-0112"]
    planned = [r for r in _overview(folder) if r[0] in PARTS and r[5] == "Planlagt"]
    assert ending[4] == len(planned) + 1


def test_the_row_in_nynorsk(tmp_path):
    _, folder = _missed_near_the_end(tmp_path, "nynorsk")
    plan = docx_text(next(folder.glob("01 *.docx")))
    assert "samtalen 21. desember 2026 er ikkje registrert som halden" in plan
    # Where it is held, as the party's other rows (helper 131: «–»).
    lines = plan.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith("Tema 5: ")
             and lines[i + 1] == "måndag 21. desember 2026"]
    assert lines[at + 1:at + 5] == [
        "måndag 21. desember 2026", "–", "Fosterheimen", "Over fristen"]
    [row] = [r for r in _overview(folder, "Samtalar") if r[:2] == ("Fosterfamilien", 5)]
    assert row[5] == "Over fristen" and row[8].startswith("Samtalen 21. desember 2026")


def test_a_case_the_journal_closes_keeps_a_theme_missed_before_as_overdue(tmp_path):
    """The journal closes the placement on 4 January: no date is to be found any more, so
    the plan no longer asks for one; theme 5, missed on 21 December, before the closing, stays
    overdue, as a planned conversation that passed would (helper 128: it vanished from every
    table and count)."""
    ws, folder = _missed_near_the_end(tmp_path)
    closed = a_case("2026-0112", PLACED.isoformat(), 612, eksportert="2026-12-31",
                    samtaler=[])
    closed["plassering"]["sluttdato"] = "2027-01-04"
    ws.drop("slutt.json", closed)
    assert ws.cli(today=date(2026, 12, 31)) == 0
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Fagsystemet viser at plasseringen avsluttes 4. januar 2027" in plan
    assert "Avtal en dato med kontaktpersonens leder" not in plan
    assert "Fosterfamilien, tema 5: samtalen 21. desember 2026 er ikke registrert som holdt." \
        in plan
    assert _table_row(plan, "Tema 5: Avvisning")[1:] == [
        "mandag 21. desember 2026", "–", "Fosterhjemmet", "Over fristen"]
    [row] = [r for r in _overview(folder) if r[:2] == ("Fosterfamilien", 5)]
    assert row[5] == "Over fristen"
    overdue = [r for r in xlsx_rows(ws.outbox / "Saksoversikt.xlsx", "Over fristen")
               if r[0] == "2026-0112"]
    assert any(r[2] == "Fosterfamilien: Tema 5: Avvisning" for r in overdue)


def test_each_move_follow_up_contact_left_out_has_its_own_row(tmp_path):
    """Placed 9 November, the journal fixes the child's theme 1 on 13 November: the move
    follow-up's contacts 2 and 3 find no room before it. They shared one row, titled
    without «(kontakt N)» (helper 128)."""
    ws = make_workspace(tmp_path)
    samtaler = [{"part": "barnet", "tema": 1, "dato": "2026-11-13", "status": "planlagt",
                 "klokkeslett": "10:00"}]
    ws.drop("s.json", a_case("2026-0500", "2026-11-09", 512, samtaler=samtaler,
                             eksportert="2026-11-10"))
    assert ws.cli(today=date(2026, 11, 10)) == 0
    folder = ws.case_folder("2026-0500")
    plan = docx_text(next(folder.glob("01 *.docx")))
    for contact in (2, 3):
        assert f"Barnet, tema 0 (kontakt {contact}): det er ikke plass" in plan
    rows = [r for r in _overview(folder) if r[0] == "Barnet" and r[5] == "Ikke planlagt"]
    assert [r[2] for r in rows] == ["Oppfølging i flytteprosessen (kontakt 2)",
                                    "Oppfølging i flytteprosessen (kontakt 3)"]
    # Saksoversikt's Saker says it once, with the number (helper 136: a sentence a theme).
    [saker] = [r for r in xlsx_rows(ws.outbox / "Saksoversikt.xlsx", "Saker")
               if r[0] == "2026-0500"]
    assert "2 samtaler har ikke fått dato, fordi det ikke er plass til dem i programmet (se " \
        "merknadene i oppfølgingsplanen). Avtal datoene med kontaktpersonens leder." in saker[12]
    assert "det er ikke plass til samtalen" not in saker[12]
