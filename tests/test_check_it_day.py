"""What IT meets in check --sample on a day with a new vendor's export (helper 146, finding
3): the mapping file to edit is named, and a renamed column that recognition looks for says
where it stands in the mapping (fixed under [felt] only, the same line came back)."""

from __future__ import annotations

from omsorgspakke_docs.cli import main

from .test_mapping import CSV_MAPPING, ROWS


def sample_check(workspace, capsys, rows: str) -> tuple[int, str]:
    (workspace.own_mappings() / "ny.toml").write_text(CSV_MAPPING, encoding="utf-8")
    export = workspace.root / "rapport.csv"
    export.write_text(rows, encoding="utf-8")
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(export),
                 "--today", "2026-11-23"])
    return code, capsys.readouterr().out


def test_the_sample_names_the_mapping_file_that_reads_it(workspace, capsys):
    code, out = sample_check(workspace, capsys, ROWS)
    assert code == 0, out
    assert "OK        prøvefil: kjennes igjen av test-csv (mappingfil ny.toml)" in out.splitlines()


def test_a_renamed_recognition_column_says_where_it_stands_in_the_mapping(workspace, capsys):
    code, out = sample_check(workspace, capsys, ROWS.replace(";Rolle;", ";Rollen;", 1))
    assert code == 1
    lines = out.splitlines()
    assert ("FEIL      prøvefil, mappingen «test-csv»: kolonnen «Rolle» (mente du «Rollen»?) "
            "finnes ikke i overskriftsraden.") in lines
    assert ("MERK      kolonnene under [gjenkjenning] i ny.toml må alle stå i overskriftsraden, "
            "ellers leses ikke filen med denne mappingen. Har rapporten fått et nytt "
            "kolonnenavn, retter du det både der og der kolonnen brukes under [felt] (eller "
            "[[personer]]).") in lines
    workspace.in_malform("nynorsk")
    code, out = sample_check(workspace, capsys, ROWS.replace(";Rolle;", ";Rollen;", 1))
    assert "MERK      kolonnane under [gjenkjenning] i ny.toml må alle stå i overskriftsrada" in out


def test_a_wrong_separator_is_not_taken_for_a_renamed_column(workspace, capsys):
    code, out = sample_check(workspace, capsys, ROWS.replace(";", ","))
    assert code == 1
    assert "skilletegnet ser ut til å være «,», mens mappingen sier skilletegn" in out, out
    assert "[gjenkjenning]" not in out


def test_a_municipality_number_written_as_a_column_is_named(workspace, capsys):
    """`kommunenummer = "4601"` reads a column named «4601»: check said nothing, and
    --sample only that the column «4601» is missing."""
    (workspace.own_mappings() / "ny.toml").write_text(
        CSV_MAPPING.replace('kommunenummer = { standard = "4699" }', 'kommunenummer = "4601"'),
        encoding="utf-8")
    code = main(["check", "--config", str(workspace.config_file)])
    out = capsys.readouterr().out
    assert code == 1  # every export read with the file would be set aside (helper 411)
    assert ('FEIL      mappingfil ny.toml, linje 18, «felt.kommunenummer»: kommunenummer = '
            '"4601" leser kolonnen med navnet «4601», ikke tallet. Er 4601 kommunens nummer, '
            'skriver du det som en fast verdi: kommunenummer = { standard = "4601" }.'
            ) in out.splitlines(), out
    workspace.in_malform("nynorsk")
    main(["check", "--config", str(workspace.config_file)])
    assert ('kommunenummer = "4601" les kolonnen med namnet «4601», ikkje talet.'
            in capsys.readouterr().out)


def test_the_failed_note_of_a_renamed_recognition_column_gives_checks_hint(workspace, capsys):
    """The note beside the set-aside export said which column was missing, not where it
    stands in the mapping, as check --sample does (IT's day, finding 4)."""
    (workspace.own_mappings() / "ny.toml").write_text(CSV_MAPPING, encoding="utf-8")
    workspace.drop("rapport.csv", ROWS.replace(";Rolle;", ";Rollen;", 1))
    assert workspace.cli() == 1
    note = (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")
    lines = note.splitlines()
    item = lines.index("- test-csv: kolonnen «Rolle» (mente du «Rollen»?) finnes ikke i "
                       "overskriftsraden.")
    assert lines[item + 1] == (
        "  Kolonnene under [gjenkjenning] i ny.toml må alle stå i overskriftsraden, ellers "
        "leses ikke filen med denne mappingen. Har rapporten fått et nytt kolonnenavn, retter "
        "du det både der og der kolonnen brukes under [felt] (eller [[personer]]).")
    workspace.in_malform("nynorsk")
    (workspace.failed / "rapport.csv").rename(workspace.inbox / "rapport.csv")
    (workspace.failed / "rapport.csv.feil.txt").unlink()
    assert workspace.cli() == 1
    note = (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")
    assert "  Kolonnane under [gjenkjenning] i ny.toml må alle stå i overskriftsrada" in note


def test_a_wrong_separator_gives_no_recognition_hint_in_the_failed_note(workspace):
    (workspace.own_mappings() / "ny.toml").write_text(CSV_MAPPING, encoding="utf-8")
    workspace.drop("rapport.csv", ROWS.replace(";", ","))
    assert workspace.cli() == 1
    assert "[gjenkjenning]" not in (workspace.failed / "rapport.csv.feil.txt").read_text("utf-8")


def test_the_failed_note_of_a_municipality_number_as_column_blames_the_mapping(workspace):
    """`kommunenummer = "4640"` in a mapping file (helper 411, finding 3): the run set every
    export aside with a note telling staff to check the journal's columns («Fila manglar
    kolonnen «4640»»), though the fault is in the mapping file. The note says so, and the fix."""
    workspace.in_malform("nynorsk")
    (workspace.own_mappings() / "ny.toml").write_text(
        CSV_MAPPING.replace('kommunenummer = { standard = "4699" }', 'kommunenummer = "4640"'),
        encoding="utf-8")
    workspace.drop("rapport.csv", ROWS)
    assert workspace.cli() == 1
    note = (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")
    lines = note.splitlines()
    assert ("Mappingfila ny.toml les kommunenummeret frå ein kolonne med namnet «4640», og den "
            "kolonnen finst ikkje i eksporten. Feilen er i mappingfila, ikkje i eksporten."
            ) in lines
    assert ('Be IT skrive kommunenummeret som ein fast verdi i mappingfila ny.toml: '
            'kommunenummer = { standard = "4640" } («omsorgspakke check» viser linja). Legg '
            'så eksporten i innboksen på nytt.') in lines
    assert "fagsystemet har desse kolonnane" not in note
