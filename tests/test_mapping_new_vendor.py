"""A vendor layout nobody has seen before: one new mapping file, no code, and documents come out."""

from __future__ import annotations

from datetime import date

from omsorgspakke_docs.cli import main

from .conftest import case_folders, docx_text, synthetic_fnr

NEW_MAPPING = """\
# Kommunens egen saksliste fra et nytt fagsystem.
[mapping]
navn = "nytt-fagsystem-saksliste"
beskrivelse = "Nytt fagsystem: saksliste, én rad per sak"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Saksnummer", "Barn navn", "Plasseringsdato"]

[lesing]
skilletegn = "|"

[felt]
journalnummer = "Saksnummer"
kommunenummer = { standard = "4699" }
"barn.fornavn" = "Barn navn"
"barn.fodselsnummer" = "Barn fnr"
"plassering.startdato" = { kilde = "Plasseringsdato", datoformat = "%d/%m/%Y" }
"plassering.kategori" = { kilde = "Hjemtype", verdier = { "NETTVERK" = "2.1", "ORDINÆR" = "2.2" } }
"foreldre[0].fornavn" = "Mor navn"
"foreldre[0].rolle" = { standard = "mor" }
"kontaktperson.fornavn" = "Kontaktperson"
"""


def test_a_new_layout_needs_only_a_mapping_file(workspace, capsys):
    _with_mapping(workspace, NEW_MAPPING)
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    capsys.readouterr()

    number = synthetic_fnr(date(2018, 2, 11))
    workspace.drop("saksliste.csv", (
        "Saksnummer|Barn navn|Barn fnr|Plasseringsdato|Hjemtype|Mor navn|Kontaktperson\n"
        f"N-77|Selma|{number}|09/09/2026|NETTVERK|Randi|Trude\n"
    ))
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases == 1, summary.failed
    plan = docx_text(workspace.case_folder("N-77") / "01 Oppfølgingsplan.docx")
    assert "Selma" in plan and "Trude" in plan and "9. september 2026" in plan
    letter = docx_text(workspace.case_folder("N-77") / "02 Informasjonsbrev til foreldre.docx")
    assert "Randi" in letter


MEASURES = NEW_MAPPING.replace(
    '{ "NETTVERK" = "2.1", "ORDINÆR" = "2.2" }',
    '{ "NETTVERK" = "2.1", "ORDINÆR" = "2.2", "Institusjon" = "ikke fosterhjem", '
    '"Hjelpetiltak" = "ikkje fosterheim" }',  # either standard's words
).replace('[lesing]\nskilletegn = "|"\n', '[lesing]\nskilletegn = "|"\n\n[gruppering]\n'
          'kilde = "Saksnummer"\n')


def _with_mapping(workspace, text: str) -> None:
    (workspace.own_mappings() / "nytt-fagsystem.toml").write_text(text, encoding="utf-8")


def test_a_measure_that_is_no_foster_home_skips_its_case_not_the_file(workspace, capsys):
    """Helper 108: a report of every measure has institutions next to foster homes; one
    «Institusjon» sent the whole file to the failed folder, and no code could be written for
    it. Mapped to "ikke fosterhjem", such a row gives no placement: a case with only that
    is skipped with its reason, one with a foster home too is read from that row, and the
    file is processed."""
    _with_mapping(workspace, MEASURES)
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    capsys.readouterr()
    header = "Saksnummer|Barn navn|Barn fnr|Plasseringsdato|Hjemtype|Mor navn|Kontaktperson\n"
    selma, jon, ida = (synthetic_fnr(date(2018, 2, 11)), synthetic_fnr(date(2015, 6, 3)),
                       synthetic_fnr(date(2012, 9, 20)))
    workspace.drop("tiltak.csv", header + (
        f"N-77|Selma|{selma}|09/09/2026|NETTVERK|Randi|Trude\n"
        f"N-78|Jon|{jon}|01/10/2026|Institusjon|Gro|Trude\n"
        f"N-81|Ola|{synthetic_fnr(date(2016, 4, 4))}|01/10/2026|Hjelpetiltak|Gro|Trude\n"
        # Moved from an institution to a foster home: the institution's row comes first.
        f"N-79|Ida|{ida}|02/02/2026|Institusjon|Eli|Trude\n"
        f"N-79|Ida|{ida}|14/10/2026|ORDINÆR|Eli|Trude\n"))
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.files_ok == 1, summary.failed
    assert summary.cases == 2 and summary.cases_skipped == 2
    assert [s["grunn"] for s in summary.skipped] == [
        "Saken har ingen aktiv fosterhjemsplassering med startdato."] * 2, summary.skipped
    assert not workspace.case_folder("N-78").exists()
    assert not workspace.case_folder("N-81").exists()
    plan = docx_text(workspace.case_folder("N-79") / "01 Oppfølgingsplan.docx")
    assert "14. oktober 2026" in plan and "2. februar 2026" not in plan


def test_not_a_foster_home_is_a_value_for_the_placement_type_only(workspace, capsys):
    _with_mapping(workspace, NEW_MAPPING.replace(
        '"foreldre[0].rolle" = { standard = "mor" }',
        '"foreldre[0].rolle" = { standard = "mor" }\n'
        '"barn.kjonn" = { kilde = "Kjønn", verdier = { "J" = "ikke fosterhjem" } }'))
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    assert "«J» = «ikke fosterhjem»: verdien er ikke en gyldig kode" in capsys.readouterr().out


def test_a_placement_type_not_listed_says_how_to_mark_a_measure_that_is_no_foster_home(
        workspace):
    _with_mapping(workspace, NEW_MAPPING)
    workspace.drop("saksliste.csv", (
        "Saksnummer|Barn navn|Barn fnr|Plasseringsdato|Hjemtype|Mor navn|Kontaktperson\n"
        f"N-77|Selma|{synthetic_fnr(date(2018, 2, 11))}|09/09/2026|Institusjon|Randi|Trude\n"))
    assert workspace.run().files_failed == 1
    note = (workspace.failed / "saksliste.csv.feil.txt").read_text(encoding="utf-8")
    assert ("Er tiltaket ikke et fosterhjem (en institusjon, et hjelpetiltak hjemme), setter "
            "IT verdien til \"ikke fosterhjem\" der; da blir saken hoppet over hvis den ikke "
            "også har et fosterhjem.") in note
    # In nynorsk whole (the shorter advice before it in the catalogue once took it as its own
    # file name, the last sentence left in bokmål).
    from omsorgspakke_docs.text import tekst

    advice = next(line for line in note.splitlines() if "ikke fosterhjem" in line)
    assert tekst("nynorsk").note(advice.strip("- ")).endswith(
        "Er tiltaket ikkje ein fosterheim (ein institusjon, eit hjelpetiltak heime), set IT "
        "verdien til \"ikkje fosterheim\" der; då blir saka hoppa over om ho ikkje har ein "
        "fosterheim òg.")


def test_a_row_with_the_start_date_but_no_measure_gives_no_placement_to_a_case_in_an_institution(
        workspace):
    """Helper 110: the category was read on the child's row only; the parents' rows still
    gave the start date, and a child in an institution got a foster home's documents."""
    _with_mapping(workspace, MEASURES)
    header = "Saksnummer|Barn navn|Barn fnr|Plasseringsdato|Hjemtype|Mor navn|Kontaktperson\n"
    jon = synthetic_fnr(date(2015, 6, 3))
    workspace.drop("tiltak.csv", header + (f"N-80|Jon|{jon}|01/10/2026|Institusjon||Trude\n"
                                           f"N-80|||01/10/2026||Gro|\n"))
    summary = workspace.run()
    assert summary.files_ok == 1 and summary.cases == 0 and summary.cases_skipped == 1
    assert not workspace.case_folder("N-80").exists()


def test_an_element_that_is_no_foster_home_leaves_its_sibling_foster_home_read(workspace):
    """Helper 110: with the placements as elements (XML, «under»), an institution's element
    emptied the placement the foster home's element gave."""
    from .conftest import EXAMPLES, ROOT

    text = (ROOT / "mappings" / "acos-barnevern-kontaktrapport.toml").read_text(encoding="utf-8")
    placement = ['"plassering.startdato" = "Plassering/@fra"',
                 '"plassering.kategori" = { kilde = "Plassering/@kode", verdier = '
                 '"plasseringskoder" }',
                 '"plassering.i_familie_og_nettverk" = { kilde = "Plassering/@slekt", verdier = '
                 '"ja_nei" }']
    for line in placement:
        assert line in text
        text = text.replace(line + "\n", "")
    text = text.replace("[verdier.plasseringskoder]\n",
                        "[[personer]]\nunder = \"Plassering\"\nfelt.\"plassering.startdato\" = "
                        "\"@fra\"\nfelt.\"plassering.kategori\" = { kilde = \"@kode\", verdier = "
                        "\"plasseringskoder\" }\n\n[verdier.plasseringskoder]\n\"INST\" = "
                        "\"ikke fosterhjem\"\n")
    (workspace.own_mappings() / "acos.toml").write_text(text, encoding="utf-8")
    export = (EXAMPLES / "vendor-acos-kontaktrapport.xml").read_text(encoding="utf-8")
    foster = '<Plassering fra="03.11.2026" kode="FH-SN" slekt="J"/>'
    assert foster in export
    workspace.drop("acos.xml", export.replace(
        foster, '<Plassering fra="01.02.2026" kode="INST"/>\n    ' + foster))
    summary = workspace.run()
    assert summary.files_ok == 1 and summary.cases == 1 and summary.cases_skipped == 0, summary
    (folder,) = [p for p in case_folders(workspace.outbox)]
    assert "3. november 2026" in docx_text(folder / "01 Oppfølgingsplan.docx")
