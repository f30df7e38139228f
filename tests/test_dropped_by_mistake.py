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


def _word(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_document_that_is_no_minutes_is_told_so_not_sent_to_it(workspace):
    workspace.drop("Personalmøte referat.docx", _word("Referat fra personalmøtet"))
    assert workspace.cli() == 1
    note = (workspace.failed / "Personalmøte referat.docx.feil.txt").read_text(encoding="utf-8")
    assert "Word-dokument, men ikke et referat fra Omsorgspakken" in note
    assert "skriver du det inn i referatet i saksmappen" in note
    assert "adapter" not in note and "mappingfil" not in note


def test_a_letter_of_ours_dropped_in_the_inbox_is_told_to_be_sent_from_the_case_folder(
        workspace):
    from .conftest import canonical_case

    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    [letter] = workspace.case_folder("2026-0412").glob("02 Informasjonsbrev*mor.docx")
    workspace.drop("Innkalling kopi.docx", letter.read_bytes())
    assert workspace.cli() == 1
    note = (workspace.failed / "Innkalling kopi.docx.feil.txt").read_text(encoding="utf-8")
    assert "et dokument som programmet selv har laget" in note
    assert "Brev sendes fra saksmappen i utboksen" in note and "adapter" not in note


def test_minutes_whose_hidden_mark_is_gone_are_to_be_kept_not_deleted(workspace):
    """Minutes carry the program's name too: they were told «kan slettes» with what the
    contact person wrote in them."""
    from .conftest import canonical_case

    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    [minutes] = sorted(workspace.case_folder("2026-0412").glob("Referater/*/*.docx"))[:1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(minutes) as source, zipfile.ZipFile(buffer, "w") as copy:
        for item in source.infolist():
            if item.filename != "docProps/custom.xml":
                copy.writestr(item, source.read(item))
    workspace.drop("referat.docx", buffer.getvalue())
    assert workspace.cli() == 1
    note = (workspace.failed / "referat.docx.feil.txt").read_text(encoding="utf-8")
    assert "ser ut som et referat fra Omsorgspakken" in note
    assert "Ikke slett filen" in note and "kan slettes" not in note


def _cut(name: str, keep: int) -> bytes:
    """An export's first bytes only: cut before any adapter could tell its format (cut
    later, the adapter that reads it says the file «kan være avkortet eller skadet»)."""
    return (EXAMPLES / name).read_bytes()[:keep]


@pytest.mark.parametrize(("name", "content"), [
    ("odelagt-eksport.json", _cut("sak-fjordvik-2026-0412.json", 9)),  # a reader's finding
    ("odelagt-eksport.xml", _cut("bvr-modulus-2026-0587.xml", 45)),
], ids=["json", "xml"])
def test_an_export_cut_off_on_the_way_is_told_to_be_made_again_not_sent_to_it(
        workspace, name, content):
    """A copy or transfer that stopped on the way: the note says the file stops before its
    content is complete and to export again, not that IT should describe a new format."""
    workspace.drop(name, content)
    assert workspace.cli() == 1
    assert (workspace.failed / name).read_bytes() == content
    note = (workspace.failed / f"{name}.feil.txt").read_text(encoding="utf-8")
    assert "avkortet" in note and "Lag eksporten på nytt i fagsystemet" in note, note
    assert "mappingfil" not in note and "kjenner ikke igjen formatet" not in note, note


def test_a_whole_json_file_of_another_kind_is_still_a_question_for_it(workspace):
    """Complete, well-formed, but no export: not called cut off."""
    workspace.drop("innstillinger.json", b'{"tema": "lyst", "skrift": 12}\n')
    assert workspace.cli() == 1
    note = (workspace.failed / "innstillinger.json.feil.txt").read_text(encoding="utf-8")
    assert "avkortet" not in note and "mappingfil" in note
