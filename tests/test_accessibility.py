"""Accessible documents: the checks behind universell utforming of Word and Excel templates."""

from __future__ import annotations

import shutil

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.rendering.accessibility import HEADER_STYLE, docx_problems, xlsx_problems

from .conftest import ROOT


def titled(title: str = "Brev"):
    doc = Document()
    doc.core_properties.title = title
    return doc


def test_a_skipped_heading_level_is_reported():
    doc = titled("Referat")
    doc.add_heading("Referat", 0)
    doc.add_heading("Om samtalen", 2)
    assert any("hopper fra nivå 0 til nivå 2" in p for p in docx_problems(doc))
    doc = titled("Referat")
    doc.add_heading("Referat", 0)
    doc.add_heading("Om samtalen", 1)
    doc.add_heading("Dato", 2)
    doc.add_heading("Formål", 1)
    assert docx_problems(doc) == []


def test_a_header_row_must_be_marked_as_one():
    doc = titled()
    style = doc.styles.add_style(HEADER_STYLE, 1)
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells, ("Dato", "Tema"), strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = style
    assert any("overskriftsraden er ikke merket" in p for p in docx_problems(doc))
    flag = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(flag)
    assert docx_problems(doc) == []


def test_an_address_in_a_table_is_reported():
    doc = titled()
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "{{ mottaker.adresse }}"
    assert any("adresse står i en tabell" in p for p in docx_problems(doc))


def test_title_and_language_are_required():
    doc = Document()
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        lang.getparent().remove(lang)
    problems = docx_problems(doc)
    assert any("mangler tittel" in p for p in problems)
    assert any("mangler språk" in p for p in problems)


def test_a_workbook_without_language_is_reported():
    assert xlsx_problems(Workbook()) == ["Arbeidsboken mangler språk i dokumentegenskapene."]


ADDRESS_FIELDS = ("mottaker.adresse", "mottaker.postadresse", "tjeneste.adresse",
                  "tjeneste.besoksadresse", "tjeneste.postadresse", "Postadresse", "Besøksadresse")


def test_every_shipped_template_meets_the_checks():
    """Letters included: the letterhead and the recipient's address are paragraphs."""
    templates = sorted((ROOT / "templates").rglob("*.docx"))
    workbooks = sorted((ROOT / "templates").rglob("*.xlsx"))
    assert len(templates) >= 14 and len(workbooks) >= 6  # bokmål and nynorsk
    for path in templates:
        doc = Document(str(path))
        assert docx_problems(doc) == [], path.relative_to(ROOT)
        # Not in a layout table: the letterhead's and the recipient's addresses (the plan's
        # table of places has a column of addresses, a table of data).
        assert not any(field in cell.text for table in doc.tables
                       for row in table.rows for cell in row.cells
                       for field in ADDRESS_FIELDS), path.name
    for path in workbooks:
        assert xlsx_problems(load_workbook(path)) == [], path.name


def test_templates_check_reports_a_letterhead_laid_out_in_a_table(tmp_path, capsys):
    folder = tmp_path / "maler"
    shutil.copytree(ROOT / "templates", folder)
    doc = Document(str(folder / "nn" / "informasjonsbrev.docx"))
    doc.add_table(rows=1, cols=2).cell(0, 1).text = "Postadresse: {{ tjeneste.adresse }}"
    doc.save(str(folder / "nn" / "informasjonsbrev.docx"))
    code = main(["templates", "check", "--templates", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    assert "FEIL      nn/informasjonsbrev.docx" in out
    assert "en adresse står i en tabell" in out
    assert "OK        nn/innkalling.docx" in out and "OK        nb/informasjonsbrev.docx" in out
