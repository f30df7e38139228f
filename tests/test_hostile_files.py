"""Hostile and broken files: zip bombs, DTDs in workbooks, odd encodings, oversized fields."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from openpyxl import Workbook

from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake import guards as safety
from omsorgspakke_docs.intake.guards import (
    MAX_FIELD_CHARS,
    check_zip_archive,
    csv_rows,
    decode_text,
    read_text,
    workbook_rows,
)


def workbook_bytes(rows=(("Journalnummer", "Navn"), ("2026-0412", "Kari"))) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def write(tmp_path):
    def write(name: str, data: bytes):
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return write


# --- zip containers ---------------------------------------------------------------------------

def test_a_normal_workbook_passes_and_reads(write):
    path = write("ok.xlsx", workbook_bytes())
    check_zip_archive(path)
    assert list(workbook_rows(path)) == [("Journalnummer", "Navn"), ("2026-0412", "Kari")]


def test_a_compression_bomb_is_refused(write):
    bomb = rezip(workbook_bytes(), add={"xl/bomb.bin": b"\0" * (30 * 1024 * 1024)})
    path = write("bombe.xlsx", bomb)
    with pytest.raises(InputError, match="unormalt stor mengde"):
        check_zip_archive(path)
    with pytest.raises(InputError, match="unormalt stor mengde"):
        list(workbook_rows(path))


def test_too_many_entries_are_refused(write):
    many = rezip(workbook_bytes(), add={f"x/{i}.bin": b"x" for i in range(2_001)})
    with pytest.raises(InputError, match="unormalt mange deler"):
        check_zip_archive(write("mange.xlsx", many))


def test_too_much_in_total_is_refused(write, monkeypatch):
    monkeypatch.setattr(safety, "MAX_ZIP_UNCOMPRESSED", 1000)
    with pytest.raises(InputError, match="unormalt stor mengde"):
        check_zip_archive(write("stor.xlsx", workbook_bytes()))


def test_a_header_that_lies_about_the_size_gives_a_read_error_not_a_bomb(write):
    data = bytearray(rezip(workbook_bytes(), add={"xl/lie.xml": b"<a>" + b"x" * 100_000 + b"</a>"}))
    # Declare the entry's uncompressed size as 10 bytes in the central directory.
    at = data.rfind(b"xl/lie.xml") - 46
    data[at + 24:at + 28] = (10).to_bytes(4, "little")
    path = write("lyver.xlsx", bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read("xl/lie.xml")


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml",
                                  "xl/sharedStrings.xml", "[Content_Types].xml", "_rels/.rels"])
def test_a_doctype_inside_a_workbook_part_is_refused(write, part):
    original = workbook_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        content = archive.read(part) if part in archive.namelist() else b"<sst/>"
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    hostile = bomb + content.split(b"?>", 1)[-1]
    path = write("dtd.xlsx", rezip(original, replace={part: hostile}, add=(
        {} if part in zipfile.ZipFile(io.BytesIO(original)).namelist() else {part: hostile})))
    with pytest.raises(InputError, match="DOCTYPE"):
        check_zip_archive(path)


def test_a_doctype_behind_a_long_prologue_is_stopped_by_defusedxml(write):
    original = workbook_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    hostile = (b'<?xml version="1.0"?><!--' + b"x" * 100_000 + b'--><!DOCTYPE x '
               b'[<!ENTITY a "Kanari">]>' + sheet.split(b"?>", 1)[-1])
    path = write("lang.xlsx", rezip(original, replace={"xl/worksheets/sheet1.xml": hostile}))
    with pytest.raises(InputError) as err:
        list(workbook_rows(path))
    assert "Kanari" not in str(err.value)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04", b"not a zip", os.urandom(2048),
                                  workbook_bytes()[:1500]])
def test_broken_containers_are_input_errors(write, data):
    path = write("skadet.xlsx", data)
    with pytest.raises(InputError):
        check_zip_archive(path)
        list(workbook_rows(path))


def test_a_workbook_error_never_quotes_cell_values(write):
    data = rezip(workbook_bytes((("Journalnummer",), ("Kanarifugl Qxz",))),
                 replace={"xl/styles.xml": b"<styleSheet>Kanarifugl Qxz"})
    with pytest.raises(InputError) as err:
        list(workbook_rows(write("feil.xlsx", data)))
    assert "Kanarifugl" not in str(err.value)


def test_workbooks_need_defusedxml(monkeypatch):
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(safety.InstallationError, match="defusedxml"):
        safety.require_safe_parsers()


def test_workbooks_turned_away_from_defusedxml_are_refused_at_start(monkeypatch):
    """Checked at start without loading openpyxl (a tenth of a second every run): what
    openpyxl decides by, defusedxml installed and OPENPYXL_DEFUSEDXML not turned off."""
    monkeypatch.setenv("OPENPYXL_DEFUSEDXML", "False")
    with pytest.raises(safety.InstallationError, match="defusedxml"):
        safety.require_safe_parsers()


def test_a_run_with_nothing_to_make_does_not_load_openpyxl(tmp_path):
    import subprocess
    import sys

    from .conftest import make_workspace

    ws = make_workspace(tmp_path)
    ws.drop_example("sak-fjordvik-2026-0412.json")
    assert ws.cli() == 0  # the day's workbooks are made
    probe = ("import sys; from omsorgspakke_docs.cli import main\n"
             f"main(['run', '--config', {str(ws.config_file)!r}, '--today', '2026-11-22'])\n"
             "print('openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_an_old_lxml_is_refused(monkeypatch):
    from lxml import etree

    monkeypatch.setattr(etree, "LXML_VERSION", (5, 3, 0, 0))
    with pytest.raises(safety.InstallationError, match="6.1"):
        safety.require_safe_parsers()


# --- text and CSV -----------------------------------------------------------------------------

@pytest.mark.parametrize("data, text", [
    ("Blåbær;Ærlig;Øst".encode(), "Blåbær;Ærlig;Øst"),
    ("Blåbær;Ærlig;Øst".encode("utf-8-sig"), "Blåbær;Ærlig;Øst"),
    ("Blåbær;Ærlig;Øst".encode("cp1252"), "Blåbær;Ærlig;Øst"),
    ("Blåbær;Ærlig;Øst".encode("utf-16"), "Blåbær;Ærlig;Øst"),
    ("Blåbær;Ærlig;Øst".encode().decode("cp1252").encode("utf-8"), "Blåbær;Ærlig;Øst"),
])
def test_text_is_decoded_without_mojibake(data, text):
    assert decode_text(data) == text


@pytest.mark.parametrize("data, message", [
    (b"\x81\x8d\x8f\x90\x9d", "Tegnkodingen"),
    (b"PK\x03\x04\x00\x00binary", "binærfil"),
    (os.urandom(64) + b"\x00" + os.urandom(64), "binærfil"),
])
def test_undecodable_text_is_an_input_error(data, message):
    with pytest.raises(InputError, match=message):
        decode_text(data)


def test_an_oversized_text_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_TEXT_BYTES", 10)
    path = tmp_path / "stor.csv"
    path.write_bytes(b"x" * 11)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(InputError, match="større enn"):
        read_text(path)


def test_csv_rows_limit_the_field_length():
    assert list(csv_rows('a;"b;c"\r\n1;"2\n3"\n')) == [["a", "b;c"], ["1", "2\n3"]]
    with pytest.raises(InputError, match="Linje 2"):
        list(csv_rows("a;b\n1;" + "x" * (MAX_FIELD_CHARS + 1) + "\n"))
    with pytest.raises(InputError, match="linje"):
        list(csv_rows('a;b\n1;"' + "x" * 200_000))


@pytest.mark.parametrize("text", [
    "navn\n" + "Kanarifugl Qxz " * 3000 + "\n",
    'navn\n"Kanarifugl Qxz' + " " * 200_000,
])
def test_csv_errors_never_quote_the_data(text):
    with pytest.raises(InputError) as err:
        list(csv_rows(text))
    assert "Kanarifugl" not in str(err.value)


def test_nul_characters_in_csv_are_data_for_the_cleaner_not_a_crash():
    assert list(csv_rows("navn\nKari\x00Nordmann\n")) == [["navn"], ["Kari\x00Nordmann"]]
