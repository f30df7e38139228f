"""A CSV export whose copy stopped half-way: the last row is cut short. It goes to failed
with a note that says so, before any of its cases gets documents (a name cut to «Karl» must
never reach a letter); a whole export without a line break at its end is read as before."""

from __future__ import annotations

from types import SimpleNamespace

from .conftest import EXAMPLES, case_folders

EXPORT = EXAMPLES / "vendor-acos-sakliste.csv"


def test_a_csv_cut_off_in_its_last_row_is_set_aside_before_any_case(workspace):
    data = EXPORT.read_bytes()
    cut = data[: data.rindex(b"Karlsen") + 4]
    workspace.drop("sakliste.csv", cut)
    assert workspace.cli() == 1
    assert (workspace.failed / "sakliste.csv").read_bytes() == cut
    note = (workspace.failed / "sakliste.csv.feil.txt").read_text(encoding="utf-8")
    lines = cut.count(b"\n") + 1
    assert (f"Filen ser ut til å være avkortet: den siste linjen (linje {lines}) slutter midt "
            "i en rad.") in note
    assert "Lag eksporten på nytt i fagsystemet, og legg hele filen i innboksen." in note
    assert not [p for p in case_folders(workspace.outbox)]


def test_a_whole_csv_without_a_line_break_at_the_end_is_read(workspace):
    data = EXPORT.read_bytes().rstrip(b"\r\n")
    workspace.drop("sakliste.csv", data)
    assert workspace.cli() == 0
    assert (workspace.archive / "sakliste.csv").is_file()


def test_the_note_is_in_nynorsk_for_a_nynorsk_service(workspace):
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    data = EXPORT.read_bytes()
    workspace.drop("sakliste.csv", data[: data.rindex(b"Karlsen") + 4])
    assert workspace.cli() == 1
    note = (workspace.failed / "sakliste.csv.feil.txt").read_text(encoding="utf-8")
    assert "Fila ser ut til å vere avkorta" in note and "legg heile fila i innboksen" in note


def test_check_sample_says_the_same(workspace, tmp_path, capsys):
    from omsorgspakke_docs.cli import main

    data = EXPORT.read_bytes()
    sample = tmp_path / "prøve.csv"
    sample.write_bytes(data[: data.rindex(b"Karlsen") + 4])
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(sample),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FEIL      prøvefil: Filen ser ut til å være avkortet: den siste linjen" in out


def test_a_whole_csv_whose_last_row_ends_in_a_field_with_a_line_break_is_read(workspace):
    """A remark over two lines, quoted, at the end of the last row, and no line break after
    it: the last line has fewer columns than the one before, but the row is whole."""
    lines = EXPORT.read_bytes().decode("utf-8-sig").splitlines()
    header, rows = lines[:2], lines[2:]
    remark = ["Merknad"] + [""] * (len(rows) - 1) + ['"Avtalt med mor:\r\nringer etter kl. 15"']
    text = "\r\n".join(header[:1] + [f"{line},{extra}" for line, extra in
                                     zip(header[1:] + rows, remark, strict=True)])
    workspace.drop("sakliste.csv", text.encode("utf-8"))
    assert workspace.cli() == 0
    assert (workspace.archive / "sakliste.csv").is_file()
    assert len([p for p in case_folders(workspace.outbox)]) == len(rows)



def test_an_export_that_leaves_out_empty_fields_at_the_end_of_its_rows_is_read():
    """Some journal systems end a row at its last field with a value: rows of several
    lengths. The last one, without a line break after it, as short as a row before it, is
    whole; one shorter than every row before it is still refused."""
    import pytest

    from omsorgspakke_docs.adapters.mapping.records import _refuse_cut_off
    from omsorgspakke_docs.errors import InputError

    mapping = SimpleNamespace(reading={"skilletegn": ";", "overskriftsrad": 1})
    header = "Journalnummer;Fornavn;Etternavn;Kontaktperson;Merknad"
    ragged = [header, "2026-2;Per;Hansen", "2026-1;Ola;Nordmann;Kari Lie;Ringer"]
    _refuse_cut_off("\r\n".join([*ragged, "2026-3;Eva;Dahl"]), mapping)  # read
    _refuse_cut_off("\r\n".join([*ragged, "2026-3;Eva;Dahl;Kari Lie"]), mapping)
    with pytest.raises(InputError, match="avkortet"):
        _refuse_cut_off("\r\n".join([*ragged, "2026-3;Ev"]), mapping)
    with pytest.raises(InputError, match="avkortet"):  # every row whole before it
        _refuse_cut_off("\r\n".join([header, "2026-1;Ola;Nordmann;Kari Lie;Ringer",
                                      "2026-2;Per;Han"]), mapping)
    with pytest.raises(InputError, match="avkortet"):  # the only data row, against the header
        _refuse_cut_off("\r\n".join([header, "2026-1;Ola;Nord"]), mapping)
