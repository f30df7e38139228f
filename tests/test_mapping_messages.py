"""Notes in the failed folder that send IT to the right key: column, encoding, broken mapping."""

from __future__ import annotations

import shutil

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES, ROOT
from .test_mapping_new_vendor import NEW_MAPPING

HEADER = "Saksnummer|Barn navn|Barn fnr|Plasseringsdato|Hjemtype|Mor navn|Kontaktperson\n"
ROW = "N-77|Selma Ås|{fnr}|09/09/2026|NETTVERK|Randi|Trude\n"


def use_mapping(workspace, text: str) -> None:
    (workspace.own_mappings() / "nytt.toml").write_text(text, encoding="utf-8")


def note(workspace, name: str) -> str:
    assert workspace.cli() == 1
    return (workspace.failed / f"{name}.feil.txt").read_text(encoding="utf-8")


def test_a_renamed_recognition_column_is_named_with_a_suggestion(workspace):
    use_mapping(workspace, NEW_MAPPING)
    workspace.drop("liste.csv", HEADER.replace("Plasseringsdato", "Plassert dato")
                   + ROW.format(fnr=""))
    text = note(workspace, "liste.csv")
    assert ("nytt-fagsystem-saksliste: kolonnen «Plasseringsdato» (mente du «Plassert dato»?) "
            "finnes ikke i overskriftsraden") in text
    assert "Er det et nytt format" not in text and "check --sample" in text
    assert "Selma" not in text


def test_a_wrong_separator_is_named(workspace):
    use_mapping(workspace, NEW_MAPPING)
    workspace.drop("liste.csv", (HEADER + ROW.format(fnr="")).replace("|", ";"))
    said = note(workspace, "liste.csv")
    # Helper 108: the encoding's note said what to set; the separator's now does too.
    assert ('skilletegnet ser ut til å være «;», mens mappingen sier skilletegn = "|"; sett '
            'skilletegn = ";" under [lesing] hvis alle filene er slik') in said, said


def test_a_wrong_separator_is_named_in_nynorsk_too():
    from omsorgspakke_docs.text import tekst

    assert tekst("nynorsk").note(
        'skilletegnet ser ut til å være «tabulator», mens mappingen sier skilletegn = ";"; '
        'sett skilletegn = "\\t" under [lesing] hvis alle filene er slik', "passet_ikke") == (
        'skiljeteiknet ser ut til å vere «tabulator», medan mappinga seier skilletegn = ";"; '
        'set skilletegn = "\\t" under [lesing] dersom alle filene er slik')


def test_a_file_in_windows_1252_for_a_utf8_mapping_names_the_encoding(workspace):
    mapping = NEW_MAPPING.replace('skilletegn = "|"', 'skilletegn = "|"\ntegnkoding = "utf-8"')
    use_mapping(workspace, mapping.replace("Hjemtype", "Hjemtype æ"))
    workspace.drop("liste.csv", (HEADER.replace("Hjemtype", "Hjemtype æ")
                                 + ROW.format(fnr="")).encode("cp1252"))
    text = note(workspace, "liste.csv")
    assert "ikke UTF-8 slik mappingen sier" in text and 'tegnkoding = "cp1252"' in text


def test_a_missing_column_the_mapping_reads_suggests_the_near_one(workspace):
    use_mapping(workspace, NEW_MAPPING)
    workspace.drop("liste.csv", HEADER.replace("Barn fnr", "Barnets fnr") + ROW.format(fnr=""))
    text = note(workspace, "liste.csv")
    assert "mangler kolonnen «Barn fnr» (mente du «Barnets fnr»?)" in text
    assert "check --sample" in text


def test_a_broken_mapping_tells_staff_it_must_fix_it_not_that_the_format_is_new(workspace):
    use_mapping(workspace, NEW_MAPPING.replace("[felt]", "[felt]\nukjent = 1"))
    # Beside one that loads: a folder of broken files only stops the run before any file.
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml",
                workspace.root / "mine-mappinger")
    workspace.drop("liste.csv", HEADER + ROW.format(fnr=""))
    text = note(workspace, "liste.csv")
    assert "Mappingfilen nytt.toml har feil" in text
    assert "Er det et nytt format" not in text


def test_a_date_of_no_known_form_asks_for_the_date_format_in_plain_bokmal(workspace):
    """The note said «legge til datoformatetet» when the date's form could not be guessed."""
    text = (EXAMPLES / "vendor-acos-sakliste.csv").read_text(encoding="utf-8-sig")
    workspace.drop("sakliste.csv", text.replace("28.09.2026", "1", 1))
    assert workspace.cli() == 1
    note = (workspace.failed / "sakliste.csv.feil.txt").read_text(encoding="utf-8")
    assert "be IT legge til datoformatet i «datoformater» under [lesing]" in note
    assert "datoformatetet" not in note


def test_column_names_on_another_row_are_named_in_the_failed_note(workspace):
    """A title line above the column names, which the mapping does not expect: the note in
    the failed folder says the row the columns are on (it said only that they were
    missing), in bokmål and in nynorsk."""
    from omsorgspakke_docs.text import tekst

    use_mapping(workspace, NEW_MAPPING)
    workspace.drop("liste.csv", "Saksliste uke 47\n" + HEADER + ROW.format(fnr=""))
    text = note(workspace, "liste.csv")
    said = ("kolonnenavnene står i rad 2, mens mappingen sier overskriftsrad = 1; sett "
            "overskriftsrad = 2 under [lesing] hvis alle filene er slik")
    assert "nytt-fagsystem-saksliste: " + said in text, text
    assert tekst("nynorsk").note(said, "passet_ikke") == (
        "kolonnenamna står i rad 2, medan mappinga seier overskriftsrad = 1; set "
        "overskriftsrad = 2 under [lesing] dersom alle filene er slik")


def test_a_renamed_sheet_is_named_with_what_to_set(workspace):
    """An Excel export saved again elsewhere has its sheet called «Ark1»: the note said
    «Regnearket mangler arket «Kontakter».», capitalised mid-line and not what to set. The
    workbook's own sheet names are not said (a sheet may be named after a person)."""
    from openpyxl import load_workbook

    from omsorgspakke_docs.text import tekst

    book = load_workbook(EXAMPLES / "vendor-modulus-kontaktrapport.xlsx")
    book["Kontakter"].title = "Ark1"
    book.save(workspace.inbox / "kontakter.xlsx")
    text = note(workspace, "kontakter.xlsx")
    said = ("arbeidsboken har ikke arket «Kontakter» (1 ark med andre navn); sett ark under "
            "[gjenkjenning] og [lesing] til navnet på arket med rapporten")
    assert "modulus-barn-kontaktrapport: " + said in text, text
    assert "Ark1" not in text
    assert tekst("nynorsk").note(said, "passet_ikke") == (
        "arbeidsboka har ikkje arket «Kontakter» (1 ark med andre namn); set ark under "
        "[gjenkjenning] og [lesing] til namnet på arket med rapporten")


def test_each_missing_table_of_a_mapping_file_is_named(workspace, capsys):
    """check named «gjenkjenning» twice for a file that lacks [gjenkjenning] and [felt]
    (helper 606): each missing key is named once, the one it is."""
    use_mapping(workspace, '[mapping]\nnavn = "nytt"\nbeskrivelse = "Ny rapport"\n'
                           'format = "csv"\n')
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    lines = [line for line in out if line.startswith("FEIL      mappingfil nytt.toml")]
    assert lines == [
        "FEIL      mappingfil nytt.toml: nøkkelen «gjenkjenning» mangler, og den må være med.",
        "FEIL      mappingfil nytt.toml: nøkkelen «felt» mangler, og den må være med.",
    ], out
