"""The team leader's caseload workbook, made after each run from every case in the state."""

import json
import shutil
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import caseload
from omsorgspakke_docs.rendering.sheet_cells import LINE_HEIGHT, wrapped_lines
from omsorgspakke_docs.store import rows as rows_store
from omsorgspakke_docs.text import tekst

from .conftest import ROOT, TODAY, canonical_case, docx_text, make_workspace
from .test_compliance import avvik

PLANNED_VISIT = date(2027, 1, 14)
"""The example case's next follow-up visit on 22 November 2026, as its Oppfølgingsoversikt
lists it."""
SHEETS = ["Avvik", "Statistikk", "Saker", "Denne måneden", "Over fristen", "Ikke startet",
          "Avsluttes snart"]


def case(journalnummer: str, startdato: str, fnr: str, **more) -> dict:
    data = canonical_case(**{"journalnummer": journalnummer, "samtaler": [], "vurderinger": [],
                             "oppfolgingsbesok": [], **more})
    data["plassering"] = {**data["plassering"], "startdato": startdato}
    data["barn"] = {**data["barn"], "fodselsnummer": fnr}
    return data


@pytest.fixture(scope="module")
def caseload_run(tmp_path_factory):
    """Four cases: under way, not started, ending soon, and one too old to be included."""
    ws = make_workspace(tmp_path_factory.mktemp("caseload"))
    ws.drop("a.json", canonical_case())  # 2026-0412: placed 14 September, under way
    ws.drop("b.json", case("2026-0900", "2026-10-01", "01811550444"))
    ws.drop("c.json", case("2026-0010", "2026-01-05", "02811550300",
                           samtaler=[{"part": "barnet", "tema": 1, "dato": "2026-02-10",
                                      "status": "gjennomfort"}]))
    ws.drop("d.json", case("2024-0031", "2024-08-19", "03811550250"))
    summary = ws.run()
    assert summary.files_failed == 0, summary.failed
    return ws


HEADER_ROW = {"Avsluttes snart": 8}
"""Where a sheet's header row is when it is not row 6 (a note on what it counts above it)."""
ENDING = HEADER_ROW["Avsluttes snart"]


def sheet_rows(path, name, header_row):
    ws = load_workbook(path)[name]
    header = [c.value for c in ws[header_row]]
    return [dict(zip(header, r, strict=False))
            for r in ws.iter_rows(min_row=header_row + 1, values_only=True) if r[0] is not None]


def test_the_workbook_is_made_after_the_run_with_every_case_in_the_state(caseload_run):
    path = caseload_run.outbox / "Saksoversikt.xlsx"
    book = load_workbook(path)
    assert book.sheetnames == SHEETS
    ws = book["Saker"]
    assert ws["A1"].value == "Saksoversikt – Omsorgspakken"
    assert ws["B2"].value == "22. november 2026" and ws["B3"].value == 3
    # Every sheet counts the cases in the overview, not its own rows: said so.
    for sheet in book.worksheets:
        assert (sheet["A3"].value, sheet["B3"].value) == ("Saker i alt:", 3), sheet.title
    cases = {r["Sak"]: r for r in sheet_rows(path, "Saker", 5)}
    assert set(cases) == {"2026-0412", "2026-0900", "2026-0010"}  # 2024-0031 is too old
    under_way = cases["2026-0412"]
    assert under_way["Kontaktperson"] == "Ingrid Bakke & Berg"
    # The journal's four held conversations; the parents' one, not registered with which
    # parent (they live apart), once.
    assert under_way["Gjennomført"] == 4 and under_way["Besøk"] == "1 av 4"
    # «1 av 4» and when the next is: the first of the plan's visits not yet made.
    assert under_way["Neste besøk"].date() == PLANNED_VISIT
    assert under_way["Status"] == "I gang"
    assert under_way["Plassert"].date() == date(2026, 9, 14)
    assert under_way["Programslutt"].date() == date(2027, 9, 13)
    assert cases["2026-0900"]["Status"] == "Ikke startet"
    assert cases["2026-0010"]["Status"] == "Avsluttes snart"
    # The counts say what they count: the case's own overview lists the joint meeting among
    # its conversations, «Planlagt» with them; Saker counts the conversations (helper 99),
    # and as overdue also what the sheet Over fristen lists (helper 128).
    assert (ws["A4"].value, ws["B4"].value) == ("Merk:", (
        "Gjennomført og Planlagt teller samtalene med partene (ikke felles møte og besøk); "
        "Over fristen også besøk som har passert uten å bli registrert, som på arket Over "
        "fristen. Er programmet avsluttet, står det som ikke ble holdt, på arket Avvik. "
        "Lovbrudd teller sakens lovbrudd på arket Avvik."))
    # And Avvik what its «Frist» is: a day to come, or for a law breach one passed.
    assert (book["Avvik"]["A7"].value, book["Avvik"]["B7"].value) == ("Merk:", (
        "Frist er dagen det senest skal være gjort. For lovbrudd er fristen alt passert, "
        "unntatt for oppfølgingsbesøk som mangler: der er fristen siste dag i "
        "plasseringsåret."))
    (own,) = caseload_run.case_folder("2026-0412").glob("04 *.xlsx")
    # The case's own list of findings says the same of its «Frist».
    todo = load_workbook(own)["Dette må følges opp"]
    # In the wide Hva column, where it wraps within the printed page (helper 150).
    assert (todo["A5"].value, todo["C5"].value) == ("Merk:", book["Avvik"]["B7"].value)
    listed = [r for r in sheet_rows(own, "Samtaler", 7) if r["Status"] == "Planlagt"]
    assert under_way["Planlagt"] == sum(1 for r in listed if r["Part"] != "Felles møte") \
        == len(listed) - 1


def test_conversations_and_visits_due_this_month(caseload_run):
    """November, and the «Snart (dager)» ahead (14): on 22 November up to 6 December."""
    rows = sheet_rows(caseload_run.outbox / "Saksoversikt.xlsx", "Denne måneden", 6)
    assert rows
    days = [r["Dato"].date() for r in rows]
    assert all(date(2026, 11, 1) <= d <= date(2026, 12, 6) for d in days)
    # The week each falls in, as the office plans by (ISO weeks: 22 November is in week 47).
    assert all(r["Uke"] == r["Dato"].isocalendar().week for r in rows)
    assert {r["Uke"] for r in rows} >= {48, 49}
    assert any(d.month == 12 for d in days)
    # A day's in the order they come: by date, then time (a visit without one first).
    assert [(r["Dato"], r["Tid"] or "") for r in rows] == sorted(
        (r["Dato"], r["Tid"] or "") for r in rows)
    assert any(r["Sak"] == "2026-0412" and r["Hva"] == "Barnet: Oppfølging i flytteprosessen "
               "(kontakt 3)" for r in rows)
    book = load_workbook(caseload_run.outbox / "Saksoversikt.xlsx")
    assert book["Denne måneden"]["A1"].value == (
        "Samtaler, besøk og lovfrister denne måneden og de neste dagene")


def test_cases_not_started_some_weeks_after_placement(caseload_run):
    rows = sheet_rows(caseload_run.outbox / "Saksoversikt.xlsx", "Ikke startet", 6)
    assert [r["Sak"] for r in rows] == ["2026-0900"]
    # Weeks since the placement, and the header says so (it said «Uker siden»: since what?).
    assert rows[0]["Uker siden plassering"] == 7
    assert rows[0]["Plassert"].date() == date(2026, 10, 1)


@pytest.mark.parametrize(("malform", "sheet", "header"), [
    ("nb", "Ikke startet", "Uker siden plassering"),
    ("nn", "Ikkje starta", "Veker sidan plassering"),
])
def test_the_weeks_not_started_are_counted_from_the_placement(malform, sheet, header):
    book = load_workbook(ROOT / "templates" / malform / "saksoversikt.xlsx")
    headers = [c.value for c in book[sheet][6]]
    assert header in headers, headers


def test_cases_whose_programme_ends_soon(caseload_run):
    rows = sheet_rows(caseload_run.outbox / "Saksoversikt.xlsx", "Avsluttes snart", ENDING)
    assert [r["Sak"] for r in rows] == ["2026-0010"]
    assert rows[0]["Programslutt"].date() == date(2027, 1, 4)
    assert rows[0]["Dager igjen"] == 43
    # 6 + 7 themes, the move follow-up too, and the parents (living apart) 6 each.
    assert rows[0]["Temaer vurdert"] == "0 av 25"
    # The conversations still to be held, not the joint meeting: 16 fit before the last day
    # (the father's theme 2, an interpreter booked ahead, is on 23 December, and after it
    # comes Christmas), and 13 themes found no date; they are still owed, and counted.
    assert rows[0]["Samtaler igjen"] == 16 + 13 and rows[0]["Over fristen"] == 0


def test_a_case_ending_soon_counts_no_themes_of_parents_who_declined(tmp_path):
    """«Temaer vurdert 0 av 19» read as 19 themes owed; the parents' six were never to be
    held, as they declined: 13 are."""
    ws = make_workspace(tmp_path)
    ending = case("2026-0010", "2026-01-05", "02811550300")
    for parent in ending["foreldre"]:
        parent["takker_ja"] = False
    ws.drop("c.json", ending)
    assert ws.run().files_failed == 0
    [row] = sheet_rows(ws.outbox / "Saksoversikt.xlsx", "Avsluttes snart", ENDING)
    assert row["Temaer vurdert"] == "0 av 13"


def test_a_case_ending_soon_says_how_many_conversations_are_overdue(tmp_path):
    """«Samtaler igjen: 0» read as done for a case with 29 conversations passed and not
    held: the sheet has their number beside it, as the «Over fristen» sheet lists them."""
    ws = make_workspace(tmp_path)
    ws.drop("c.json", case("2026-0010", "2026-01-05", "02811550300"))
    assert ws.run().files_failed == 0
    later = date(2026, 12, 14)  # three weeks on, no new export: the conversations passed
    ws.run(today=later)
    path = ws.outbox / "Saksoversikt.xlsx"
    [row] = sheet_rows(path, "Avsluttes snart", ENDING)
    overdue = [r for r in sheet_rows(path, "Over fristen", 6) if r["Sak"] == "2026-0010"]
    assert overdue and row["Over fristen"] == len(overdue)


def test_no_identity_numbers_and_no_childrens_names(caseload_run):
    book = load_workbook(caseload_run.outbox / "Saksoversikt.xlsx")
    text = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                     for c in row if c is not None)
    for word in ["14831550695", "01811550444", "02811550300", "Sofie", "Lindqvist", "Camilla"]:
        assert word not in text
    assert "2026-0412" in text


def test_overdue_items_appear_when_the_day_moves_on_without_new_exports(caseload_run):
    ws = make_workspace(caseload_run.root.parent / "later")
    ws.drop("a.json", canonical_case())
    ws.run()
    path = ws.outbox / "Saksoversikt.xlsx"
    assert not sheet_rows(path, "Over fristen", 6)
    # Empty, it says where passed deadlines are: a missed conversation is moved, not listed.
    assert load_workbook(path)["Over fristen"]["B4"].value == (
        "Samtaler som er flyttet til en ny dato, står ikke her, heller ikke det som ikke ble "
        "holdt i saker der programmet er avsluttet. Se Avvik for frister som er passert.")
    later = date(2026, 12, 10)
    ws.run(today=later)  # nothing in the inbox: the workbook is still made for the new day
    rows = sheet_rows(path, "Over fristen", 6)
    assert rows and all(r["Sak"] == "2026-0412" for r in rows)
    assert all(r["Dato"].date() < later
               and r["Dager over fristen"] == (later - r["Dato"].date()).days for r in rows)
    assert load_workbook(path)["Saker"]["B2"].value == "10. desember 2026"


def test_not_remade_when_nothing_changed_the_same_day(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", canonical_case())
    ws.run()
    path = ws.outbox / caseload.FILE_NAME
    before = path.stat().st_mtime_ns
    ws.run()
    assert path.stat().st_mtime_ns == before
    ws.run(today=date(2026, 11, 23))
    assert path.stat().st_mtime_ns != before


def test_an_export_that_changes_no_case_leaves_the_workbook(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", canonical_case())
    ws.run()
    path = ws.outbox / caseload.FILE_NAME
    before = path.stat().st_mtime_ns
    ws.drop("a-igjen.json", json.dumps(canonical_case(), indent=4))  # other bytes, same case
    assert ws.run().files_ok == 1
    assert path.stat().st_mtime_ns == before
    ws.drop("b.json", case("2026-0900", "2026-10-01", "01811550444"))
    ws.run()
    assert path.stat().st_mtime_ns != before
    assert "2026-0900" in [r["Sak"] for r in sheet_rows(path, "Saker", 5)]


def test_a_case_placed_lately_is_new_not_yet_late(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0950", "2026-11-09", "01811550444"))
    ws.run()
    path = ws.outbox / caseload.FILE_NAME
    (row,) = sheet_rows(path, "Saker", 5)
    assert row["Status"] == "Ny"
    assert not sheet_rows(path, "Ikke startet", 6)
    ws.run(today=date(2026, 12, 8))  # four weeks and a day after the placement
    (row,) = sheet_rows(path, "Saker", 5)
    assert row["Status"] == "Ikke startet"
    assert [r["Sak"] for r in sheet_rows(path, "Ikke startet", 6)] == ["2026-0950"]


def test_a_workbook_the_team_leader_changed_is_kept_and_the_new_one_goes_beside(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", canonical_case())
    ws.run()
    path = ws.outbox / caseload.FILE_NAME
    book = load_workbook(path)
    book["Saker"]["A1"] = "Mine notater fra teammøtet"
    book.save(path)
    edited = path.read_bytes()
    ws.run(today=date(2026, 11, 23))
    beside = ws.outbox / "Saksoversikt (ny versjon).xlsx"
    assert path.read_bytes() == edited
    assert load_workbook(beside)["Saker"]["B2"].value == "23. november 2026"
    ws.run(today=date(2026, 11, 24))  # the new one is ours: brought up to date in place
    assert load_workbook(beside)["Saker"]["B2"].value == "24. november 2026"
    assert sorted(p.name for p in ws.outbox.glob("Saksoversikt*")) == [
        "Saksoversikt (ny versjon).xlsx", "Saksoversikt.xlsx"]


def test_colours_for_overdue_and_ending_soon(caseload_run):
    book = load_workbook(caseload_run.outbox / "Saksoversikt.xlsx")
    rules = {ws.title: [(r.formula[0], r.dxf.fill.bgColor.rgb[-6:])
                        for rng in ws.conditional_formatting for r in rng.rules]
             for ws in book.worksheets}
    assert rules["Saker"] == [
        ('OR($G6>0,$H6>0,$L6="Ikke startet",$L6="Ikke startet – avsluttes snart",'
         '$L6="Ikke startet – ingen planlagt",$L6="Avsluttet – ingen samtaler registrert")',
         "F8CBAD"),
                              ('$L6="Avsluttes snart"', "FFEB9C")]
    assert book["Saker"]["H5"].value == "Lovbrudd"
    # A visit the journal has planned («Planlagt i fagsystemet») is coloured as planned.
    assert ('AND(OR($G7="Planlagt",$G7="Planlagt i fagsystemet"),$D7-TODAY()<=$B$4)',
            "FFEB9C") in rules["Denne måneden"]
    assert book["Denne måneden"]["B4"].value == 14
    assert rules["Over fristen"] == [('$D7<>""', "F8CBAD")]
    assert all(ws.freeze_panes for ws in book.worksheets)
    # Every list can be filtered; Statistikk's two tables, one under the other, are not
    # (a filter over the first took in the second: helper 99, reading as the team leader).
    assert all(ws.auto_filter.ref for ws in book.worksheets if ws.title != "Statistikk")
    assert not book["Statistikk"].auto_filter.ref
    # Nor is the first's header printed again at the top of a page, where it stood over
    # the second's counts per contact person (a reader's finding); the lists' headers are.
    assert book["Statistikk"].print_title_rows is None
    assert all(ws.print_title_rows for ws in book.worksheets if ws.title != "Statistikk")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_counts_per_contact_person_print_on_a_page_of_their_own(tmp_path, malform):
    """Printed, «Per kontaktperson» began at the foot of Statistikk's first page, under the
    kinds of finding: its title, its header and one contact person there, the others on the
    next page without a header (a reader's finding). The page breaks right above it, where
    the rows of the table above have pushed it."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("a.json", canonical_case())
    ws.run(today=TODAY)
    stats = load_workbook(ws.outbox / "Saksoversikt.xlsx")["Statistikk"]
    title = next(r for r in range(1, stats.max_row + 1)
                 if stats.cell(r, 1).value == "Per kontaktperson")
    assert title > 30  # under every kind of finding
    assert stats.cell(title + 1, 1).value == "Kontaktperson"
    assert [(b.id, b.man) for b in stats.row_breaks.brk] == [(title - 1, True)]


def test_a_missing_template_does_not_fail_the_run(tmp_path):
    ws = make_workspace(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    for path in (ROOT / "templates" / "nb").iterdir():
        if path.name != caseload.TEMPLATE:
            (templates / path.name).write_bytes(path.read_bytes())
    ws.config_file.write_text(f'[paths]\ntemplates = "{templates.as_posix()}"\n', encoding="utf-8")
    ws.drop("a.json", canonical_case())
    summary = ws.run(today=TODAY)
    assert summary.files_failed == 0 and summary.cases == 1
    assert not (ws.outbox / caseload.FILE_NAME).exists()


def test_a_case_that_cannot_be_planned_is_left_out_and_the_others_listed(tmp_path, monkeypatch,
                                                                         caplog):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", canonical_case())
    ws.drop("b.json", case("2026-0900", "2026-10-01", "01811550444"))
    ws.run()
    real = caseload.schedule.plan_case

    def broken(case_model, *args, **kwargs):
        if case_model.journalnummer == "2026-0900":
            raise ValueError("Sofie 01811550444")
        return real(case_model, *args, **kwargs)

    monkeypatch.setattr(caseload.schedule, "plan_case", broken)
    # The rows kept from the first run would be taken as they are (store/rows.py): gone,
    # every case is built again.
    shutil.rmtree(ws.root / "state" / rows_store.FOLDER)
    ws.run(today=date(2026, 11, 23))
    rows = sheet_rows(ws.outbox / caseload.FILE_NAME, "Saker", 5)
    assert [r["Sak"] for r in rows] == ["2026-0412"]
    assert "kom ikke med i saksoversikten (ValueError)" in caplog.text
    assert "01811550444" not in caplog.text and "2026-0900" not in caplog.text


def test_every_status_takes_one_line_in_its_column_in_both_standards(tmp_path):
    """A nynorsk caseload: «Blir avslutta snart» fits its Status column, so the case's row
    stays one line high (the renderer makes a row as high as its wrapped text needs)."""
    ws = make_workspace(tmp_path)
    with ws.config_file.open("a", encoding="utf-8") as handle:
        handle.write('malform = "nynorsk"\n\n[documents]\nends_soon_days = 366\n')
    ws.drop("a.json", canonical_case())
    assert ws.run().files_failed == 0
    saker = load_workbook(ws.outbox / caseload.FILE_NAME)["Saker"]
    header = [c.value for c in saker[5]]
    row = next(r for r in saker.iter_rows(min_row=6) if r[0].value == "2026-0412")
    status = row[header.index("Status")]
    assert status.value == "Blir avslutta snart" and row[-1].value is None  # no note beside
    assert saker.row_dimensions[status.row].height in (None, LINE_HEIGHT)
    # Every status any Status column shows, in the templates of both standards.
    statuses = {
        ("oversikt.xlsx", 0): ("status", ["planlagt", "gjennomfort", "avlyst",
                                          "ikke_registrert", "forfalt"]),
        ("oversikt.xlsx", 1): ("status", ["planlagt", "gjennomfort", "avlyst",
                                          "ikke_registrert", "forfalt"]),
        ("saksoversikt.xlsx", 0): ("saksoversikt", ["ikke_startet", "ny", "avsluttes_snart",
                                                    "i_gang"]),
        ("saksoversikt.xlsx", 1): ("status", ["planlagt", "forfalt"]),
    }
    for malform, folder in (("bokmal", "nb"), ("nynorsk", "nn")):
        columns = _status_columns(ROOT / "templates" / folder)
        for (name, i), (table, keys) in statuses.items():
            width = columns[name][i]
            for key in keys:
                text = tekst(malform)(f"{table}.{key}")
                assert wrapped_lines(text, width) == 1, (folder, name, i, text, width)


def _status_columns(folder) -> dict[str, list[float]]:
    """The width of each Status column in the templates, by template, in sheet order."""
    found: dict[str, list[float]] = {}
    for name in ("oversikt.xlsx", "saksoversikt.xlsx"):
        for sheet in load_workbook(folder / name).worksheets:
            for row in sheet.iter_rows(max_row=10):
                for cell in row:
                    if cell.value == "Status":
                        width = sheet.column_dimensions[cell.column_letter].width
                        found.setdefault(name, []).append(width)
    return found


def test_the_lists_of_cases_are_in_date_order(tmp_path):
    """Not started: the longest waiting first; ending soon: the soonest to end first (the
    state keeps cases in no order a reader knows)."""
    ws = make_workspace(tmp_path)
    for n, (number, start) in enumerate([("2026-0010", "2026-01-05"), ("2026-0030", "2025-12-10"),
                                         ("2026-0020", "2025-12-20"), ("2026-0901", "2026-10-05"),
                                         ("2026-0903", "2026-09-20"), ("2026-0902", "2026-10-01")]):
        samtaler = [{"part": "barnet", "tema": 1, "dato": start, "status": "gjennomfort"}] \
            if start < "2026-06-01" else []
        ws.drop(f"{n}.json", case(number, start, f"0{n + 1}811550444", samtaler=samtaler))
    assert ws.run().files_failed == 0
    path = ws.outbox / "Saksoversikt.xlsx"
    assert [r["Sak"] for r in sheet_rows(path, "Avsluttes snart", ENDING)] == [
        "2026-0030", "2026-0020", "2026-0010"]
    assert [r["Sak"] for r in sheet_rows(path, "Ikke startet", 6)] == [
        "2026-0903", "2026-0902", "2026-0901"]


@pytest.mark.parametrize("standard", ["nb", "nn"])
def test_every_header_has_the_lines_it_wraps_to(standard):
    """LibreOffice keeps a row as high as it is given: a header that wraps («Samtaler
    igjen» in a 12-wide column) must have the lines it needs, or it runs out of its row."""
    book = load_workbook(ROOT / "templates" / standard / "saksoversikt.xlsx")
    checked = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.font.bold and cell.fill.fgColor.rgb
                        not in (None, "00000000") and "{{" not in cell.value):
                    continue
                width = ws.column_dimensions[cell.column_letter].width or 8.43
                height = ws.row_dimensions[cell.row].height or LINE_HEIGHT
                assert wrapped_lines(cell.value, width) * LINE_HEIGHT <= height, (
                    ws.title, cell.coordinate, cell.value)
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("standard", ["nb", "nn"])
def test_every_colour_key_fits_its_column(standard):
    """The colour key beside «Farger:» («Fargar:») sits in cells whose neighbours are not
    empty: a label wider than its column is cut («Over fristen (raud)» was, in nynorsk)."""
    checked = 0
    for path in sorted((ROOT / "templates" / standard).glob("*.xlsx")):
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows(max_row=10):
                keys = [c for c in row if c.value in ("Farger:", "Fargar:")]
                for key in keys:
                    for cell in row[key.column:]:
                        if not isinstance(cell.value, str) or not cell.value:
                            continue
                        width = ws.column_dimensions[cell.column_letter].width or 8.43
                        # Or wrapped in a row high enough for its lines (Til utsending's,
                        # whose narrow date columns hold the key in two lines).
                        lines = wrapped_lines(cell.value, width)
                        high = ws.row_dimensions[cell.row].height or 15
                        assert lines == 1 or (cell.alignment.wrap_text and lines * 15 <= high), (
                            path.name, ws.title, cell.coordinate, cell.value, width)
                        checked += 1
    assert checked >= 6


def test_a_case_stays_in_the_overview_for_three_months_after_its_programme(tmp_path):
    """A case left Saksoversikt the day after its programme's last day, with its breaches
    still open: the team leader lost sight of it. It now stays, «Avsluttet», with its
    findings, for three months; its passed conversations are Avvik's, not listed again nor
    counted in Saker's «Over fristen» (a reader's finding: a number with no rows)."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", canonical_case())  # placed 14 September 2026: ends 13 September 2027
    assert ws.run().files_failed == 0
    ws.run(today=date(2027, 10, 1))
    path = ws.outbox / "Saksoversikt.xlsx"
    [row] = sheet_rows(path, "Saker", 5)
    assert (row["Sak"], row["Status"]) == ("2026-0412", "Avsluttet")
    assert row["Over fristen"] is None
    findings = avvik(ws)["2026-0412"]  # as the team leader reads them
    assert any(f["Alvor"] == "Lovbrudd" for f in findings), findings
    # Saker counts them too: a case with breaches did not read as one without.
    assert row["Lovbrudd"] == sum(f["Alvor"] == "Lovbrudd" for f in findings)
    for sheet in ("Denne måneden", "Over fristen", "Ikke startet", "Avsluttes snart"):
        assert sheet_rows(path, sheet, HEADER_ROW.get(sheet, 6)) == [], sheet
    ws.run(today=date(2027, 12, 14))  # three months and a day after the last day
    assert sheet_rows(ws.outbox / "Saksoversikt.xlsx", "Saker", 5) == []


def test_a_case_whose_placement_ended_stays_in_the_overview_as_ended(tmp_path):
    """The journal ends the placement on 25 November: from that day the case got no more
    documents and left every sheet at once, its law breach still open (helper 114). It
    stays three months, «Avsluttet», with its findings, as a case whose year ran out."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", canonical_case())
    assert ws.run(today=date(2026, 11, 23)).files_failed == 0
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-11-25"
    ws.drop("b.json", ended)
    ws.run(today=date(2026, 11, 25))
    path = ws.outbox / "Saksoversikt.xlsx"
    [row] = sheet_rows(path, "Saker", 5)
    assert (row["Sak"], row["Status"], row["Programslutt"]) == (
        "2026-0412", "Avsluttet", datetime(2026, 11, 24))
    assert avvik(ws)["2026-0412"]
    for sheet in ("Denne måneden", "Over fristen", "Ikke startet", "Avsluttes snart"):
        assert sheet_rows(path, sheet, HEADER_ROW.get(sheet, 6)) == [], sheet
    ws.run(today=date(2027, 2, 25))  # three months and a day after the last day
    assert sheet_rows(ws.outbox / "Saksoversikt.xlsx", "Saker", 5) == []


def test_every_date_in_the_outbox_workbooks_reads_as_a_norwegian_date(caseload_run):
    """A date column left out of the templates' date fields showed «2026-11-24» beside
    «23.11.2026» (Samtaledato, Neste besøk, when they came): every date cell of both
    workbooks at the outbox root is shown day.month.year."""
    checked = set()
    for name in ("Saksoversikt.xlsx", "Til utsending.xlsx"):
        for ws in load_workbook(caseload_run.outbox / name).worksheets:
            header = {}
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value in ("Neste besøk", "Samtaledato", "Brevdato", "Plassert"):
                        header[cell.column] = cell.value
                    if isinstance(cell.value, datetime):
                        assert cell.number_format == "DD.MM.YYYY", (
                            name, ws.title, cell.coordinate, cell.number_format)
                        checked.add(header.get(cell.column))
    assert {"Neste besøk", "Samtaledato", "Brevdato", "Plassert"} <= checked


def test_a_case_ending_soon_counts_each_parents_own_themes(tmp_path):
    """«Temaer vurdert 16 av 19» for parents with tracks of their own: the father's theme 5,
    neither held nor assessed, counted as assessed through the mother's. Each parent's themes
    count on their own, as their final evaluations list them: the mother's 6 and the
    father's 5 of 12, with none of the child's or foster family's 13."""
    ws = make_workspace(tmp_path)
    parents = [{"part": "foreldre", "tema": tema, "forelder": forelder, "dato": "2026-06-01",
                "positivt": "Godt i gang."}
               for forelder in (0, 1) for tema in range(6) if (forelder, tema) != (1, 5)]
    ws.drop("c.json", case("2026-0010", "2026-01-05", "02811550300", vurderinger=parents))
    assert ws.run().files_failed == 0
    [row] = sheet_rows(ws.outbox / "Saksoversikt.xlsx", "Avsluttes snart", ENDING)
    assert row["Temaer vurdert"] == "11 av 25"
    # As the father's final evaluation has it: his theme 5 not assessed.
    [father] = [p for p in ws.documents("2026-0010") if "Sluttevaluering" in p.name
                and p.name.endswith("far.docx")]
    assert "Ikke vurdert ennå" in docx_text(father)


def test_the_ending_sheet_says_what_samtaler_igjen_counts(caseload_run):
    """«Samtaler igjen» counts themes with no date before the end as well, so it can be more
    than Saker's «Planlagt» (helper 136): the sheet says so above its header."""
    book = load_workbook(caseload_run.outbox / "Saksoversikt.xlsx")
    ending = book["Avsluttes snart"]
    notes = {ending.cell(row=r, column=1).value: ending.cell(row=r, column=2).value
             for r in range(2, 7)}
    assert notes["Merk:"] == (
        "Samtaler igjen teller samtalene som ikke er holdt: dem som er planlagt, dem som har "
        "passert uten å bli registrert (står også i Over fristen), og dem som ikke har fått "
        "dato før programslutt (se Merknad om planen på arket Saker).")
    assert "Samtaler igjen" in [c.value for c in ending[8]]  # under a line on visits (helper 181)
