"""`omsorgspakke check --sample FILE`: a mapping tried on a real export, no personal data shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES, ROOT, canonical_case
from .test_check_inspect import own_mappings  # noqa: F401 - fixture
from .test_nynorsk import _config

FAMILIA = EXAMPLES / "vendor-familia-personrapport.csv"
PERSONAL = ("Emil", "Fjellheim", "Nowak", "12831560094", "Bjørkeveien", "polsk")


def sample_check(workspace, capsys, text: str, encoding: str = "cp1252",
                 today: str = "2026-11-23") -> tuple[int, str]:
    path = workspace.root / "eksport.csv"
    path.write_bytes(text.encode(encoding))
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(path),
                 "--today", today])
    out = capsys.readouterr().out
    assert not [word for word in PERSONAL if word in out], "personal data printed"
    return code, out


def familia() -> str:
    return FAMILIA.read_bytes().decode("cp1252")


def test_the_shipped_example_passes(workspace, capsys):
    code, out = sample_check(workspace, capsys, familia())
    assert code == 0, out
    assert "OK        prøvefil: kjennes igjen av familia-personrapport" in out
    assert "saker lest" in out


def test_cases_that_would_get_no_documents_are_said_with_why(
        workspace, own_mappings, capsys):  # noqa: F811
    """A mapping without the placement's start date read without an error and «3 saker
    lest», and the run then skipped every case."""
    code, out = sample_check(workspace, capsys, familia())
    assert "ville" not in out  # every case in the programme on that day
    code, out = sample_check(workspace, capsys, familia(), today="2027-10-01")
    assert code == 0
    # Counted by why, with no case's own dates: the help promises no personal data.
    assert ("ADVARSEL  prøvefil: 1 sak av 2 ville blitt hoppet over 1. oktober 2027 og ikke "
            "fått dokumenter: fosterhjemsplasseringen startet for mer enn 12 måneder siden "
            "(1).") in out
    assert "1. september 2026" not in out
    mapping = own_mappings / "familia-personrapport.toml"
    mapping.write_text("\n".join(line for line in mapping.read_text(encoding="utf-8").splitlines()
                                 if "plassering.startdato" not in line), encoding="utf-8")
    code, out = sample_check(workspace, capsys, familia())
    assert code == 0
    assert ("ADVARSEL  prøvefil: ingen av sakene ville fått dokumenter 23. november 2026: "
            "ingen aktiv fosterhjemsplassering med startdato (2). Gir mappingen "
            "plassering.startdato og sluttdato fra riktige kolonner?") in out


def test_what_no_case_of_the_sample_has_is_named_before_going_live(
        workspace, own_mappings, capsys):  # noqa: F811
    """A mapping that leaves out the parents' and the foster home's addresses reads without
    an error; every letter would then say «[mangler: adresse til foreldrene]» and wait in
    Til utsending. check names what no case has, never a value."""
    code, out = sample_check(workspace, capsys, familia())
    assert "ingen av sakene har" not in out  # the shipped layout has them all
    mapping = own_mappings / "familia-personrapport.toml"
    mapping.write_text("\n".join(
        line for line in mapping.read_text(encoding="utf-8").splitlines()
        if not line.startswith(('felt."foreldre[].adresse"', 'felt."foreldre[].postnummer"',
                                'felt."fosterfamilie.adresse"'))), encoding="utf-8")
    code, out = sample_check(workspace, capsys, familia())
    assert code == 0, out
    assert ("ADVARSEL  prøvefil: ingen av sakene har adresse til foreldrene, postnummer og "
            "sted til foreldrene og adresse til fosterfamilien (2 saker i filen). Står det "
            "ikke i eksporten, får dokumentene «[mangler: …]» der, og brevene merkes «Ikke "
            "send» i Til utsending.") in out


def test_returned_minutes_as_a_sample_are_not_said_to_be_skipped(workspace, capsys):
    """Minutes only add to a case the state knows: they have no placement of their own."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    minutes = sorted(workspace.case_folder("2026-0412").glob("Referater/**/*.docx"))[0]
    capsys.readouterr()
    main(["check", "--config", str(workspace.config_file), "--sample", str(minutes),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert "kjennes igjen av referat-docx" in out and "ville" not in out, out


def test_a_column_the_mapping_reads_and_the_file_lacks_suggests_the_near_one(
        workspace, own_mappings, capsys):  # noqa: F811
    mapping = own_mappings / "familia-personrapport.toml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        '"Fødselsnr"', '"Fødselsnummer"'), encoding="utf-8")
    code, out = sample_check(workspace, capsys, familia())
    assert code == 1
    assert ("FEIL      prøvefil: kolonnen «Fødselsnummer» (mente du «Fødselsnr»?) finnes ikke "
            "i overskriftsraden; familia-personrapport.toml leser den i ") in out


def said_line(out: str, about: str) -> str:
    """The line of check's output that is about this (a column, a rule)."""
    return next(line for line in out.splitlines() if about in line)


def test_dates_that_do_not_parse_give_rows_and_the_format_to_add(workspace, capsys):
    text = familia().replace("01.09.2026", "2026/09/01")
    code, out = sample_check(workspace, capsys, text)
    assert code == 1
    line = said_line(out, "«Plassert dato»")
    assert line.startswith("FEIL      prøvefil: «Plassert dato» (feltet plassering.startdato), "
                           "rad 3, rad 4, rad 5")
    assert '"%Y/%m/%d": legg til i «datoformater» under [lesing]' in line


def test_values_missing_from_a_value_list_are_counted_not_shown(workspace, capsys):
    code, out = sample_check(workspace, capsys,
                             familia().replace("Fosterhjem utenfor slekt", "Privat hjem", 1))
    assert code == 1
    assert ("«Plasseringstype» (feltet plassering.kategori), rad 3: 1 verdi står ikke i "
            "verdilisten; legg den til") in out
    assert "Privat hjem" not in out


def test_a_file_in_the_wrong_encoding_is_named(workspace, own_mappings, capsys):  # noqa: F811
    # The export was saved as UTF-8; the mapping says Windows-1252.
    code, out = sample_check(workspace, capsys, familia(), encoding="utf-8")
    assert code == 1
    assert 'filen er UTF-8, mens mappingen sier tegnkoding = "cp1252"' in out


def test_a_file_nobody_recognises_says_what_did_not_match(workspace, capsys):
    code, out = sample_check(workspace, capsys, familia().replace("Journalnr", "Journal nr"))
    assert code == 1
    assert "FEIL      prøvefil: ingen adapter kjenner den igjen." in out
    assert "mappingen «familia-personrapport»: kolonnen «Journalnr» (mente du «Journal nr»?)" in out


def test_check_sample_on_the_shipped_acos_contact_report_is_clean(workspace, capsys):
    """The shipped example fills every field its mapping reads, so the shipped pair checks
    without an ADVARSEL (an XPath that finds nothing in the sample is one)."""
    code = main(["check", "--config", str(workspace.config_file), "--sample",
                 str(EXAMPLES / "vendor-acos-kontaktrapport.xml"), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 0, out
    # (The test configuration's letterhead is partly filled in: check says so, rightly.)
    warnings = [line for line in out.splitlines() if line.startswith("ADVARSEL")]
    # (So is the example municipality number of the shipped CSV, Excel and JSON mappings.)
    assert all(line.startswith("ADVARSEL  [service]: fyll inn") or "eksempelnummeret" in line
               for line in warnings), out
    assert "acos-barnevern-kontaktrapport.toml, linje" not in out


def test_a_role_no_rule_takes_is_said_in_check_and_the_log(workspace, capsys, caplog):
    """«Far (biologisk)» after a change in the journal: every father left out of his case
    without a word, and check said «Alt er i orden» (helper 88, finding 1)."""
    text = familia().replace(";Far;", ";Far (biologisk);")
    code, out = sample_check(workspace, capsys, text)
    assert code == 0
    line = said_line(out, "[[personer]]")
    assert line.startswith("ADVARSEL  prøvefil: 1 rad passer ikke med noen [[personer]]-regel "
                           "(rad 5): verdien i «Rolle» står ikke under «er» i noen regel")
    assert "biologisk" not in out  # the value is not shown
    # The run reads the file and says so to IT in the log, by row, never the value.
    workspace.drop("eksport.csv", text.encode("cp1252"))
    with caplog.at_level("WARNING", logger="omsorgspakke"):
        assert workspace.run().files_failed == 0
    said = [r.getMessage() for r in caplog.records if "[[personer]]" in r.getMessage()]
    assert set(said) == {"mappingen familia-personrapport: 1 rad passer ikke med noen "
                    "[[personer]]-regel og er ikke lest inn (rad 5)"}


def test_a_date_in_another_shape_is_shown_to_staff_as_a_date_not_a_format_code(workspace):
    """Office staff read «Hva er galt»: a date like the file's, not «%Y/%m/%d» (helper 88);
    the format code is in the advice, for IT."""
    workspace.drop("eksport.csv", familia().replace("01.09.2026", "2026/09/01").encode("cp1252"))
    assert workspace.run().files_failed == 1
    note = (workspace.failed / "eksport.csv.feil.txt").read_text(encoding="utf-8")
    wrong, todo = note.split("Hva du kan gjøre:")
    assert ("datoen kan ikke leses (forventet for eksempel 31.12.2026). Den er skrevet på "
            "formen 2026/12/31.") in wrong and "%" not in wrong
    assert '"%Y/%m/%d"' in todo


def test_identity_numbers_that_are_not_valid_are_counted_never_shown(workspace, capsys):
    """A mapping reading the wrong column as fødselsnummer read without an error, and check
    said nothing (helper 88). Now a warning by kind and count; the numbers are not shown."""
    number = "12831560094"  # the example's first child (PERSONAL)
    broken = number[:10] + str((int(number[10]) + 1) % 10)
    code, out = sample_check(workspace, capsys, familia().replace(number, broken))
    assert code == 0
    line = said_line(out, "fødselsnummer er ikke i orden")
    assert line.startswith("ADVARSEL  prøvefil: barnets fødselsnummer er ikke i orden i 1 sak "
                           "av 2: kontrollsifrene stemmer ikke: 1.")
    assert number[:6] not in out
    _, clean = sample_check(workspace, capsys, familia())
    assert "fødselsnummer er ikke i orden" not in clean


def test_a_misspelt_role_under_er_is_named(workspace, own_mappings, capsys):  # noqa: F811
    """Helper 108: «er = ["Fostemor", ...]» left every foster mother out, and check --sample
    said «Alt er i orden» (a rule without «hvis» hides the rows no rule takes). A value under
    «er» that the file lacks, while one much like it no rule takes is there, is named; one
    the file simply lacks (no «Medmor» in the sample) is not."""
    code, out = sample_check(workspace, capsys, familia())
    assert code == 0 and "under «er»" not in out, out
    path = own_mappings / "familia-personrapport.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('er = ["Fostermor",', 'er = ["Fostemor",'), encoding="utf-8")
    code, out = sample_check(workspace, capsys, familia())
    assert ("ADVARSEL  prøvefil: [[personer]] nr. 3 i familia-personrapport.toml: «Fostemor» "
            "under «er» finnes ikke i «Rolle» i prøvefilen, men en verdi som ligner, gjør det, "
            "og den står ikke i noen regel. Sjekk stavemåten: personer med den verdien blir "
            "ikke lest inn.") in out, out
    assert "Medmor" not in out and "Fosterforelder" not in out


def test_column_names_on_another_row_than_the_mapping_says_name_that_row(workspace, capsys):
    """The report module dropped its title line: the columns stand on row 1, the mapping
    says row 2. Check said only that every recognition column was missing, so IT hunted
    for misspelt names; it now says which row they are on and what to set."""
    code, out = sample_check(workspace, capsys, familia().split("\r\n", 1)[1])
    assert code == 1
    assert ("FEIL      prøvefil, mappingen «familia-personrapport»: kolonnenavnene står i rad 1, "
            "mens mappingen sier overskriftsrad = 2; sett overskriftsrad = 1 under [lesing] "
            "hvis alle filene er slik.") in out
    assert "finnes ikke i overskriftsraden" not in out


def test_an_excel_export_with_an_extra_title_row_names_the_row_of_the_columns(
        workspace, capsys):
    from openpyxl import load_workbook

    book = load_workbook(EXAMPLES / "vendor-modulus-kontaktrapport.xlsx")
    book["Kontakter"].insert_rows(1)
    book["Kontakter"]["A1"] = "Ekstra tittel"
    path = workspace.root / "kontakter.xlsx"
    book.save(path)
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(path),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 1
    assert ("mappingen «modulus-barn-kontaktrapport»: kolonnenavnene står i rad 4, mens "
            "mappingen sier overskriftsrad = 3; sett overskriftsrad = 4 under [lesing]") in out


def test_an_empty_file_or_an_old_excel_file_is_said_as_the_run_says_it(workspace, capsys):
    """`check --sample` said only «ingen adapter kjenner den igjen» (a format for IT to
    describe); a run's note says what the file is and what to do."""
    code, out = sample_check(workspace, capsys, "")
    assert code == 1
    assert "FEIL      prøvefil: Filen er tom. Lag eksporten på nytt i fagsystemet." in out
    assert "ingen adapter kjenner den igjen" not in out
    path = workspace.root / "eksport.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert main(["check", "--config", str(workspace.config_file), "--sample", str(path)]) == 1
    out = capsys.readouterr().out
    assert "prøvefil: Filen er i et eldre Office-format" in out
    assert "lagre den som Excel-arbeidsbok (.xlsx)" in out
    assert "ingen adapter kjenner den igjen" not in out


def test_a_folder_given_as_the_sample_is_said_to_be_a_folder(workspace, capsys):
    assert main(["check", "--config", str(workspace.config_file), "--sample",
                 str(workspace.root)]) == 1
    out = capsys.readouterr().out
    assert f"prøvefilen {workspace.root} er en mappe, ikke en fil: oppgi selve eksportfilen." \
        in out


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "prøvefilen /dev/null er ikke en vanlig fil: oppgi selve eksportfilen."),
    ("nynorsk", "prøvefila /dev/null er ikkje ei vanleg fil: oppgi sjølve eksportfila.")])
def test_a_device_given_as_the_sample_is_said_to_be_no_regular_file(workspace, capsys,
                                                                     malform, said):
    """`check --sample /dev/null` said the sample does not exist («finnes ikke»): it is
    there, only no file an export can be."""
    _config(workspace, f'malform = "{malform}"\n')
    assert main(["check", "--config", str(workspace.config_file), "--sample",
                 "/dev/null"]) == 1
    out = capsys.readouterr().out
    assert said in out
    assert "finnes ikke" not in out and "finst ikkje" not in out



def test_rows_no_rule_takes_are_said_once_in_check(tmp_path):
    """check --sample said the rows no [[personer]] rule takes in its own line, and then
    again on stderr as the run's log line, unaligned («ADVARSEL mappingen …»): IT read two
    warnings for one thing (helper 805). Run as IT runs it, for the console's log handler
    (the run's log keeps the line: the test above)."""
    (tmp_path / "inbox").mkdir()
    (tmp_path / "mappings").mkdir()
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", tmp_path / "mappings")
    path = tmp_path / "eksport.csv"
    path.write_bytes(familia().replace(";Far;", ";Far (biologisk);").encode("cp1252"))
    done = subprocess.run([sys.executable, "-m", "omsorgspakke_docs", "check", "--sample",
                           str(path), "--today", "2026-11-23"], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "ADVARSEL  prøvefil: 1 rad passer ikke med noen [[personer]]-regel" in done.stdout
    assert "[[personer]]" not in done.stderr, done.stderr
