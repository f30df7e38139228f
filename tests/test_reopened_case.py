"""A case or placement the journal closed and then opened again: an export that states the
end date is empty (canonical JSON's null, the SSB formats, a mapping's end column left empty)
reopens it; one that leaves the field out does not say, and the end stays (helper 135)."""

from __future__ import annotations

import json
from datetime import date, datetime

from openpyxl import load_workbook

from omsorgspakke_docs.adapters.kostra_15f import Kostra15F
from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapters
from omsorgspakke_docs.documents import caseload
from omsorgspakke_docs.domain import merge as merging

from .conftest import DATA, EXAMPLES, ROOT, canonical_case, docx_text

PLAN = "01 Oppfølgingsplan.docx"
WHOLE_YEAR = "Omsorgspakken gjennomføres fra 14. september 2026 til 13. september 2027."
ENDS_NOTE = "Fagsystemet viser at plasseringen avsluttes 5. desember 2026."
KOSTRA = DATA / "ssb" / "kostra-15f" / "testfile_all_fields_set.xml"
BVR = DATA / "ssb" / "bvr" / "example_modulus-barn_valid_v1-v4.xml"


def _case_row(workspace) -> dict:
    """The case's row on Saker in the team leader's workbook, by column heading."""
    rows = [r for r in load_workbook(workspace.outbox / caseload.FILE_NAME)["Saker"]
            .iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "Sak")
    (row,) = [r for r in rows[rows.index(header) + 1:] if r[0] == "2026-0412"]
    return dict(zip(header, row, strict=True))


def _summary(workspace, capsys, today: date) -> dict:
    assert workspace.cli("--json", today=today) == 0
    return json.loads(capsys.readouterr().out)


def test_a_placement_end_the_journal_takes_back_plans_the_rest_of_the_year(workspace):
    """The placement was to end on 5 December; the journal's next export has its end date
    empty (null). The plan stayed cut at 4 December, its invitations stopped there and the
    overview said «Avsluttes snart»: the merge kept the end an earlier export gave."""
    case = canonical_case(eksportert="2026-11-20")
    case["plassering"]["sluttdato"] = "2026-12-05"
    workspace.drop("sak.json", case)
    assert workspace.cli(today=date(2026, 11, 22)) == 0
    plan = docx_text(workspace.case_folder("2026-0412") / PLAN)
    assert ENDS_NOTE in plan and WHOLE_YEAR not in plan
    assert _case_row(workspace)["Programslutt"] == datetime(2026, 12, 4)

    case = canonical_case(eksportert="2026-11-23")
    case["plassering"]["sluttdato"] = None
    workspace.drop("sak.json", case)
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    plan = docx_text(workspace.case_folder("2026-0412") / PLAN)
    assert WHOLE_YEAR in plan
    assert "avsluttes" not in plan and " januar 2027" in plan
    row = _case_row(workspace)
    assert row["Programslutt"] == datetime(2027, 9, 13) and row["Status"] == "I gang"
    assert not (workspace.case_folder("2026-0412") / "avvik-mellom-eksporter.txt").exists()


def test_a_closed_case_opened_again_gets_its_plan_and_calendar_back(workspace, capsys):
    """Closed on 23 November (its calendar's entries cancelled), open again in the export of
    24 November («sluttdato»: null): the case had stayed skipped, its plan and letters
    stopped."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23", sluttdato="2026-11-23"))
    closed = _summary(workspace, capsys, date(2026, 11, 23))
    assert closed["skipped"][0]["grunn"] == "Saken ble avsluttet i fagsystemet 23. november 2026."
    folder = workspace.case_folder("2026-0412")
    (calendar,) = folder.glob("Kalender/*.ics")
    assert "STATUS:CANCELLED" in calendar.read_text(encoding="utf-8")

    workspace.drop("sak.json", canonical_case(eksportert="2026-11-24", sluttdato=None))
    reopened = _summary(workspace, capsys, date(2026, 11, 24))
    assert reopened["cases"] == 1 and reopened["cases_skipped"] == 0
    plan = docx_text(folder / PLAN)
    assert "Vår dato:\t24. november 2026" in plan and WHOLE_YEAR in plan
    entries = calendar.read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in entries and "STATUS:CANCELLED" not in entries
    assert _case_row(workspace)["Status"] == "I gang"


def test_an_export_that_leaves_the_end_date_out_does_not_reopen_the_case(workspace, capsys):
    """A canonical file without «sluttdato» says nothing of it: the case stays closed."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato="2026-11-21"))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases_skipped"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    summary = _summary(workspace, capsys, date(2026, 11, 23))
    assert summary["skipped"][0]["grunn"] == "Saken ble avsluttet i fagsystemet 21. november 2026."


def test_an_export_that_states_it_empty_after_one_that_left_it_out_reopens(workspace, capsys):
    """The same export as the day before but for «sluttdato»: null (the journal opened the
    case again) was recognised as read before and not merged: a dump reads a null as a
    field left out (store/readings.input_digest)."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato="2026-11-21"))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases_skipped"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    assert _summary(workspace, capsys, date(2026, 11, 23))["cases_skipped"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-24", sluttdato=None))
    reopened = _summary(workspace, capsys, date(2026, 11, 24))
    assert reopened["cases"] == 1 and reopened["cases_skipped"] == 0


def test_an_older_export_without_the_end_date_does_not_reopen_the_case(workspace, capsys):
    """An export made before the case was closed arrives late: it had no end yet."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato="2026-11-21"))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases_skipped"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-18", sluttdato=None))
    assert _summary(workspace, capsys, date(2026, 11, 23))["cases_skipped"] == 1


def _register_export(made: str, measure_ends: str | None) -> str:
    """SSB's Modulus Barn example with a foster-home measure from 1 October 2022, ended
    (its Konklusjon's SluttDato) or running, exported on the day made."""
    ends = f'<Konklusjon SluttDato="{measure_ends}" />' if measure_ends else ""
    return BVR.read_text(encoding="utf-8").replace(
        'DatoUttrekk="2022-11-14T15:13:33.1077852+01:00"', f'DatoUttrekk="{made}T12:00:00"',
    ).replace("</Sak>", '<Tiltak Id="t1" StartDato="2022-10-01"><Kategori Kode="2.2" />'
                        f"{ends}</Tiltak></Sak>")


def test_the_register_export_reopens_a_foster_home_measure_it_no_longer_ends(workspace,
                                                                             capsys):
    (workspace.inbox / "bvr.xml").write_text(_register_export("2022-11-14", "2022-11-15"),
                                             encoding="utf-8")
    first = _summary(workspace, capsys, date(2022, 11, 16))
    ended = first["skipped"][0]["grunn"]
    assert ended == "Fosterhjemsplasseringen ble avsluttet 15. november 2022."
    (workspace.inbox / "bvr.xml").write_text(_register_export("2022-11-17", None),
                                             encoding="utf-8")
    again = _summary(workspace, capsys, date(2022, 11, 17))
    assert again["cases"] == 1 and again["cases_skipped"] == 0


def test_a_kostra_file_of_a_later_year_with_the_case_open_reopens_it(tmp_path):
    """KOSTRA says of every Individ whether it was closed at the year end (Avslutta3112)."""
    text = KOSTRA.read_text(encoding="iso-8859-1")
    (tmp_path / "2020.xml").write_text(text, encoding="iso-8859-1")
    reopened = text.replace('Avslutta3112="1"', 'Avslutta3112="2"').replace(
        'SluttDato="2020-06-17" Fodselsnummer', "Fodselsnummer").replace(
        'Versjon="2020"', 'Versjon="2021"')
    (tmp_path / "2021.xml").write_text(reopened, encoding="iso-8859-1")
    (closed,) = [c for c in Kostra15F().read(tmp_path / "2020.xml") if c.journalnummer == "J1"]
    (open_,) = [c for c in Kostra15F().read(tmp_path / "2021.xml") if c.journalnummer == "J1"]
    assert closed.sluttdato == date(2020, 6, 17) and open_.eksportert == date(2021, 12, 31)
    assert merging.merge(closed, open_).case.sluttdato is None
    assert merging.merge(merging.merge(closed, open_).case, closed).case.sluttdato is None


MAPPING = """
[mapping]
navn = "klientliste-med-slutt"
beskrivelse = "Klientliste med sluttdato"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Saksnr", "Plassert", "Avsluttet"]

[lesing]
skilletegn = ";"
datoformater = ["%d.%m.%Y"]

[felt]
journalnummer = "Saksnr"
kommunenummer = { standard = "4699" }
sluttdato = "Avsluttet"
"plassering.startdato" = "Plassert"
"plassering.sluttdato" = "Flyttet ut"
"plassering.kategori" = { standard = "2.2" }
"""


def test_a_mapping_whose_end_column_is_empty_now_reopens_the_case(workspace, capsys):
    """A report that has the end in a column of its own says the case is open when the
    column is empty; the team leader's list before had it closed for good."""
    (workspace.own_mappings() / "klientliste.toml").write_text(MAPPING, encoding="utf-8")
    head = "Saksnr;Plassert;Avsluttet;Flyttet ut\n"
    workspace.drop("liste.csv", head + "2026-0412;14.09.2026;20.11.2026;20.11.2026\n")
    first = _summary(workspace, capsys, date(2026, 11, 22))
    assert first["skipped"][0]["grunn"] == "Saken ble avsluttet i fagsystemet 20. november 2026."
    workspace.drop("liste.csv", head + "2026-0412;14.09.2026;;\n")
    again = _summary(workspace, capsys, date(2026, 11, 23))
    assert again["cases"] == 1 and again["cases_skipped"] == 0
    assert WHOLE_YEAR in docx_text(workspace.case_folder("2026-0412") / PLAN)


def test_an_export_of_another_kind_that_reopens_the_case_is_listed_as_a_disagreement(
        workspace, capsys):
    """The canonical export had the case closed; the client list, read by a mapping, has it
    open: the case is open, and the case folder asks staff to check the journal."""
    (workspace.own_mappings() / "klientliste.toml").write_text(MAPPING, encoding="utf-8")
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato="2026-11-21"))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases_skipped"] == 1
    workspace.drop("liste.csv", "Saksnr;Plassert;Avsluttet;Flyttet ut\n2026-0412;14.09.2026;;\n")
    assert _summary(workspace, capsys, date(2026, 11, 23))["cases"] == 1
    note = (workspace.case_folder("2026-0412") / "avvik-mellom-eksporter.txt").read_text(
        encoding="utf-8")
    assert "  - Sluttdato" in note


def test_the_shipped_mappings_do_not_say_whether_a_case_has_ended():
    """None of them reads an end date: an empty column there is no news of a reopening."""
    adapters = {a.file_name: a for a in MappingAdapters(ROOT / "mappings").adapters()}
    examples = {
        "acos-barnevern-kontaktrapport.toml": "vendor-acos-kontaktrapport.xml",
        "acos-barnevern-sakliste.toml": "vendor-acos-sakliste.csv",
        "familia-personrapport.toml": "vendor-familia-personrapport.csv",
        "modulus-barn-kontaktrapport.toml": "vendor-modulus-kontaktrapport.xlsx",
        "visma-flyt-barnevern-personer.toml": "vendor-visma-flyt-personer.json",
    }
    assert set(examples) == set(adapters)
    for mapping, example in examples.items():
        for case in adapters[mapping].read(EXAMPLES / example):
            assert merging.stated_open(case) == [], mapping


def test_an_export_made_before_the_reopening_does_not_close_the_case_again(workspace, capsys):
    """Closed in the export of 20 November, open again in that of 23 November; the export
    of 21 November (with the end it had then) arrives last. It filled the gap the reopening
    left, and the case was closed again, its plan and letters stopped."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato="2026-11-21"))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases_skipped"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23", sluttdato=None))
    assert _summary(workspace, capsys, date(2026, 11, 23))["cases"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21", sluttdato="2026-11-21"))
    late = _summary(workspace, capsys, date(2026, 11, 24))
    assert late["cases"] == 1 and late["cases_skipped"] == 0
    assert WHOLE_YEAR in docx_text(workspace.case_folder("2026-0412") / PLAN)


def test_a_later_export_that_closes_the_case_again_closes_it(workspace, capsys):
    """Open again, then closed again by a later export, and one made in between arriving
    last, with the end it had then: the case is closed."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato=None))
    workspace.drop("sak2.json", canonical_case(eksportert="2026-11-23", sluttdato="2026-11-23"))
    skipped = _summary(workspace, capsys, date(2026, 11, 23))
    assert skipped["skipped"][-1]["grunn"] == "Saken ble avsluttet i fagsystemet 23. november 2026."
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-22", sluttdato="2026-11-22"))
    again = _summary(workspace, capsys, date(2026, 11, 24))
    assert again["cases_skipped"] == 1 and again["cases"] == 0


def test_an_older_export_does_not_close_a_case_first_read_open(workspace, capsys):
    """The first export the program reads has the case open; one made before it, with the
    case closed then, arrives late."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato=None))
    assert _summary(workspace, capsys, date(2026, 11, 22))["cases"] == 1
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-18", sluttdato="2026-11-19"))
    late = _summary(workspace, capsys, date(2026, 11, 23))
    assert late["cases"] == 1 and late["cases_skipped"] == 0


def test_an_undated_export_written_before_the_closing_does_not_reopen_the_case(workspace,
                                                                              capsys):
    """An export without an export date is made no later than its file was last written. One
    written on 18 November that states the end empty, arriving after the export of 23
    November closed the case, is older than the closing: it must not open the case again."""
    import os

    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20", sluttdato=None))
    workspace.drop("sak2.json", canonical_case(eksportert="2026-11-23", sluttdato="2026-11-23"))
    assert _summary(workspace, capsys, date(2026, 11, 23))["cases_skipped"] == 1
    undated = canonical_case(sluttdato=None)
    undated.pop("eksportert", None)
    path = workspace.drop("sak.json", undated)
    written = datetime(2026, 11, 18, 9).timestamp()
    os.utime(path, (written, written))
    late = _summary(workspace, capsys, date(2026, 11, 24))
    assert late["cases_skipped"] == 1 and late["cases"] == 0
