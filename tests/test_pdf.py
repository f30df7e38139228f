"""--pdf: PDF/A-2b copies through LibreOffice headless, one call for the whole run."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from omsorgspakke_docs.rendering import pdf

from .conftest import canonical_case

SOFFICE = pdf.find_soffice()
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke installert; "
           ".ci/run installerer dem i CI",
)
PDFA_2 = re.compile(rb"pdfaid:part(?:>|=[\"'])2\b")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


@needs_libreoffice
def test_run_with_pdf_writes_pdfa_2b_copies_with_the_content(workspace, capsys):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli("--pdf") == 0
    folder = workspace.case_folder("2026-0412")
    for name in ("01 Oppfølgingsplan", "03 Sluttevaluering - Barnet", "04 Oppfølgingsoversikt"):
        copy = folder / f"{name}.pdf"
        assert copy.is_file(), name
        assert PDFA_2.search(copy.read_bytes()), f"{name} is not PDF/A-2"
    assert "Sofie Lindqvist-Hansen" in pdf_text(folder / "01 Oppfølgingsplan.pdf")
    sources = [p for p in folder.rglob("*") if p.suffix in pdf.SUFFIXES]
    assert all(p.with_suffix(".pdf").is_file() for p in sources)
    assert "PDF/A:" in capsys.readouterr().out
    # Nothing changed since: the next run converts nothing.
    assert pdf.stale_documents([folder]) == []


@needs_libreoffice
def test_a_changed_document_gets_a_new_copy(tmp_path):
    from docx import Document

    doc = tmp_path / "brev.docx"
    word = Document()
    word.add_paragraph("Hei, Mikkel Ås!")
    word.save(str(doc))
    result = pdf.convert(pdf.stale_documents([tmp_path]))
    assert result.written == [tmp_path / "brev.pdf"] and not result.failed
    assert "Mikkel Ås" in pdf_text(tmp_path / "brev.pdf")
    old = (tmp_path / "brev.pdf").stat().st_mtime
    os.utime(doc, (old + 10, old + 10))
    assert pdf.stale_documents([tmp_path]) == [doc]


def test_without_libreoffice_pdf_stops_before_anything_is_processed(workspace, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(workspace.root / "ingenting"))
    dropped = workspace.drop("sak.json", canonical_case())
    assert workspace.cli("--pdf") == 2
    err = capsys.readouterr().err
    assert "LibreOffice er ikke installert" in err and "--pdf" in err
    assert dropped.exists()  # the file waits in the inbox for a run that can do what was asked


def test_documents_libreoffice_could_not_convert_are_counted(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    doc = tmp_path / "sak" / "brev.docx"
    doc.parent.mkdir()
    doc.write_bytes(b"PK")
    result = pdf.convert([doc], soffice=str(fake))
    assert result.failed == [doc] and not result.written
    assert "1 dokument kunne ikke gjøres om til PDF" in result.message()
    assert not doc.with_suffix(".pdf").exists()


def test_only_word_and_excel_documents_are_converted(tmp_path):
    for name in ("a.docx", "b.xlsx", "c.ics", "mangler.txt", "~$a.docx", ".tmp-x.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in pdf.stale_documents([tmp_path])] == ["a.docx", "b.xlsx"]


def test_watch_and_run_share_the_pdf_step(workspace, tmp_path, monkeypatch):
    from omsorgspakke_docs.cli import build_parser
    from omsorgspakke_docs.commands.common import enable_pdf
    from omsorgspakke_docs.errors import UsageError
    from omsorgspakke_docs.plugins import make_manager

    assert build_parser().parse_args(["watch", "--pdf"]).pdf is True
    pm = make_manager()
    steps = pm.hook.after_batch.get_hookimpls()
    assert enable_pdf(pm, False) is None and pm.hook.after_batch.get_hookimpls() == steps
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    said = []
    copies = enable_pdf(pm, True, said.append)
    assert pm.hook.after_batch.get_hookimpls()[-1].plugin is copies
    monkeypatch.setenv("PATH", str(tmp_path / "ingenting"))
    with pytest.raises(UsageError, match="LibreOffice er ikke installert"):
        enable_pdf(make_manager(), True)


@needs_libreoffice
def test_the_plans_dates_are_each_on_one_line(workspace):
    """«torsdag 24. september 2026» broke after the month in the plan's date column: the
    contact person reads the year on the next line."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli("--pdf") == 0
    text = pdf_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.pdf")
    dated = re.findall(r"\b(?:man|tirs|ons|tors|fre)dag \d{1,2}\. [a-z]+(.?)", text)
    assert len(dated) > 10
    assert set(dated) == {" "}, "a weekday's date wraps before its year"
    assert "september 2026" in text
