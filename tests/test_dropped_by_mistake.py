"""Files staff drop in the inbox by mistake (a PDF, a zip folder, a picture, an old Office
file): each goes to failed with a note that says what the file is and what to do instead, in
plain words, and never sends them to IT for a mapping file."""

from __future__ import annotations

import io
import zipfile

import pytest

from .conftest import EXAMPLES


def _zip_of_an_export() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(EXAMPLES / "sak-fjordvik-2026-0412.json", "sak.json")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "what", "to_do"), [
    ("Rapport fra møtet.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF-dokument",
     "Lag eksporten i fagsystemet"),
    ("eksporter uke 47.zip", _zip_of_an_export(), "komprimert mappe (zip-fil)",
     "Pakk ut zip-filen"),
    ("saksliste.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "eldre Office-format",
     "lagre den som Excel-arbeidsbok (.xlsx)"),
    ("skjermbilde.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "et bilde", "Lag eksporten"),
])
def test_a_file_dropped_by_mistake_says_what_it_is_and_what_to_do(workspace, name, content,
                                                                 what, to_do):
    workspace.drop(name, content)
    assert workspace.cli() == 1
    assert (workspace.failed / name).read_bytes() == content
    assert [p for p in workspace.inbox.iterdir() if not p.name.startswith(".")] == []
    note = (workspace.failed / f"{name}.feil.txt").read_text(encoding="utf-8")
    wrong, to_do_part = note.split("Hva du kan gjøre:")
    assert what in wrong and to_do in to_do_part
    assert "adapter" not in note and "mappingfil" not in note


def test_a_workbook_no_mapping_reads_is_still_a_question_for_it(workspace):
    """An .xlsx is a zip inside: it is not called a zip folder."""
    workspace.drop("ukjent.xlsx", (EXAMPLES / "vendor-modulus-kontaktrapport.xlsx").read_bytes())
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "mappings = ", 'mappings = "tom"\n# '), encoding="utf-8")
    (workspace.root / "tom").mkdir()
    assert workspace.cli() == 1
    note = (workspace.failed / "ukjent.xlsx.feil.txt").read_text(encoding="utf-8")
    assert "zip" not in note and "mappingfil" in note
