"""A column the mapping reads that the sample's header lacks (IT's day, finding 4): check
--sample said «kolonnen «Poststed» finnes ikke i overskriftsraden», and IT searched the
mapping file for where it was read. Each missing column is said with the mapping file and
the keys that read it, with their lines."""

from __future__ import annotations

from .test_check_it_day import sample_check
from .test_mapping import ROWS


def _renamed(rows: str) -> str:
    header, rest = rows.split("\n", 1)
    return header.replace("Fornavn", "Fornamn").replace("Type", "Tiltak") + "\n" + rest


def test_a_missing_column_names_the_keys_that_read_it(workspace, capsys):
    code, out = sample_check(workspace, capsys, _renamed(ROWS))
    assert code == 1, out
    lines = out.splitlines()
    assert ("FEIL      prøvefil: kolonnen «Fornavn» (mente du «Fornamn»?) finnes ikke i "
            'overskriftsraden; ny.toml leser den i «personer[0].felt."barn.fornavn"» (linje 24) '
            'og «personer[1].felt."foreldre[].fornavn"» (linje 30).') in lines, out
    assert ("FEIL      prøvefil: kolonnen «Type» finnes ikke i overskriftsraden; ny.toml leser "
            'den i «felt."plassering.kategori".kilde» (linje 20).') in lines, out


def test_the_missing_column_is_said_in_nynorsk(workspace, capsys):
    workspace.in_malform("nynorsk")
    code, out = sample_check(workspace, capsys, _renamed(ROWS))
    assert code == 1, out
    assert ("FEIL      prøvefil: kolonnen «Type» finst ikkje i overskriftsrada; ny.toml les han "
            'i «felt."plassering.kategori".kilde» (linje 20).') in out.splitlines(), out


def test_a_column_missing_from_a_workbook_names_its_keys(workspace, capsys):
    """The example Excel export without «Poststed», as IT met it (in nynorsk)."""
    from openpyxl import load_workbook

    from omsorgspakke_docs.cli import main

    from .conftest import EXAMPLES

    book = load_workbook(EXAMPLES / "vendor-modulus-kontaktrapport.xlsx")
    sheet = book["Kontakter"]
    cell = next(c for row in sheet.iter_rows(max_row=3) for c in row if c.value == "Poststed")
    cell.value = "Stad"
    path = workspace.root / "kontakter.xlsx"
    book.save(path)
    workspace.in_malform("nynorsk")
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(path),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 1
    line = next(line for line in out.splitlines() if "«Poststed»" in line)
    assert line.startswith("FEIL      prøvefil: kolonnen «Poststed» finst ikkje i "
                           "overskriftsrada; modulus-barn-kontaktrapport.toml les han i "
                           '«personer[1].felt."foreldre[].poststed"» (linje 57)'), line
