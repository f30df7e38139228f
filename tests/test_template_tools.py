"""Tools for template authors: templates check, templates fields, preview; the field
catalogue in step with the context and with docs/templates.md."""

import shutil

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.domain import synthetic
from omsorgspakke_docs.plugins import make_manager
from omsorgspakke_docs.rendering import fields

from .conftest import ROOT, docx_text

TEMPLATES = ROOT / "templates"


def word(folder, name: str, *paragraphs) -> None:
    """A Word template; a paragraph given as a tuple is written as several runs."""
    doc = Document()
    doc.core_properties.title = "Mal"  # as every template needs (accessibility check)
    for text in paragraphs:
        p = doc.add_paragraph()
        for run in (text if isinstance(text, tuple) else (text,)):
            p.add_run(run)
    doc.save(str(folder / name))


def check(folder, capsys) -> tuple[int, str]:
    code = main(["templates", "check", "--templates", str(folder)])
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def documents():
    return synthetic.documents_by_template(make_manager())


def test_the_shipped_templates_pass(capsys):
    code, out = check(TEMPLATES, capsys)
    assert code == 0, out
    assert "ingen problemer" in out
    assert "OK        nb/referat.docx" in out and "OK        nn/referat.docx" in out


def test_unknown_nested_names_and_loop_variables_are_found(tmp_path, capsys):
    word(tmp_path, "referat.docx",
         "Planlagt: {{ samtale.datoo }}",
         "{%p for s in part.samtaler %}",
         ("Dato: {{ s.", "dato_med_ukdag }}, {{ loop.index }}, {{ s.tid }}"),  # split: fine
         "{%p endfor %}",
         '{%p set kommende = part.samtaler|selectattr("status", "equalto", "Planlagt")|list %}',
         "{%p for k in kommende %}",
         "{{ k.overskrift }} {{ k.overskrft }}",
         "{%p endfor %}",
         "{{ barnet.navn }} {{ part.samtaler.dato }} {{ tema.seksjoner[0].titel }}",
         "{{ dato|norsk }} {{ barn.navn|upper }} {{ tema.seksjoner[0].tittel }}")
    code, out = check(tmp_path, capsys)
    assert code == 1
    for expected in [
        "Ukjent variabel «samtale.datoo» (mente du «samtale.dato»?)",
        "Ukjent variabel «s.dato_med_ukdag» (mente du «s.dato_med_ukedag»?)",
        "Ukjent variabel «k.overskrft» (mente du «k.overskrift»?)",
        "Ukjent variabel «barnet» (mente du «barn»?)",
        "«part.samtaler.dato» finnes ikke: «part.samtaler» er en liste",
        "Ukjent variabel «tema.seksjoner[0].titel»",
        "Ukjent filter «norsk» (mente du «norsk_dato»?)",
        "Tekst rundt: «Planlagt: {{ samtale.datoo }}",
    ]:
        assert expected in out, expected
    assert "«loop" not in out and "«s.tid" not in out and "«k.overskrift»?" in out
    assert out.count("  - ") == 7


def test_syntax_errors_come_with_the_text_around_them(tmp_path, capsys):
    word(tmp_path, "innkalling.docx", "Hei!", "{% if barn.tolk %}Vi har bestilt tolk.")
    word(tmp_path, "informasjonsbrev.docx", "Hei {{ mottaker.navn }", "Mer tekst")
    code, out = check(tmp_path, capsys)
    assert code == 1
    assert "FEIL      innkalling.docx: 1 problem" in out
    assert "Syntaksfeil: malen slutter før en blokk er lukket" in out
    assert "Tekst rundt: «{% if barn.tolk %}Vi har bestilt tolk.»" in out
    assert "«{{» uten «}}» i samme avsnitt" in out


def test_tags_word_has_broken_are_found(tmp_path, capsys):
    word(tmp_path, "referat.docx",
         "Tekst før {%p if tema.er_siste %}",
         "{%p endif %}",
         "{%p for seksjon in tema.seksjoner %}{%p endfor %}",
         "{%tr for s in part.samtaler %}",
         "Slutt }} her")
    code, out = check(tmp_path, capsys)
    assert code == 1
    assert out.count("må stå alene i avsnittet sitt") == 2
    assert "En {%tr ... %}-tagg må stå i en tabell." in out
    assert "«}}» uten en «{{» foran i samme avsnitt." in out


def test_workbook_templates_are_checked_cell_by_cell(tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"], sheet["A3"] = "{{ samtaler.datoo }}", "Dato: {{ dato }}", "{{ dato }}"
    book.save(tmp_path / "oversikt.xlsx")
    code, out = check(tmp_path, capsys)
    assert code == 1
    assert "Ukjent variabel «samtaler.datoo» (mente du «samtaler.dato»?)" in out
    assert "Arket «Sheet», celle A2: «Dato: {{ dato }}»" in out
    assert "bare ha én {{ navn }} alene" in out
    assert "A3" not in out


def test_the_outbox_workbooks_are_checked_against_what_they_are_made_from(tmp_path, capsys):
    """Saksoversikt and Til utsending are made after a run, not by a document kind: their
    fields are checked against the values a run fills them with, every list included."""
    for name, cells in (("saksoversikt.xlsx", {("Avsluttes snart", "D7"): "avsluttes_snart.dagerr",
                                               ("Saker", "B6"): "saker.kontaktperson",
                                               ("Over fristen", "F7"): "forfalt.dager"}),
                        ("utsending.xlsx", {("Til utsending", "B6"): "brev.mottakr"})):
        book = load_workbook(TEMPLATES / "nb" / name)
        for (sheet, cell), field in cells.items():
            book[sheet][cell] = f"{{{{ {field} }}}}"
        book.save(tmp_path / name)
    code, out = check(tmp_path, capsys)
    assert code == 1, out
    assert "FEIL      saksoversikt.xlsx: 1 problem" in out
    assert ("Ukjent variabel «avsluttes_snart.dagerr» (mente du «avsluttes_snart.dager»?).\n"
            "      Arket «Avsluttes snart», celle D7: «{{ avsluttes_snart.dagerr }}»") in out
    assert "FEIL      utsending.xlsx: 1 problem" in out
    assert "«brev.mottakr» (mente du «brev.mottaker»?)" in out
    assert "bare syntaks" not in out


def test_a_template_no_document_kind_uses_is_checked_for_syntax_only(tmp_path, capsys):
    word(tmp_path, "eget-brev.docx", "{{ hva_som_helst.her }}")
    code, out = check(tmp_path, capsys)
    assert code == 0 and "OK        eget-brev.docx (bare syntaks og tagger" in out


def test_check_without_templates_is_an_error(tmp_path, capsys):
    assert check(tmp_path, capsys)[0] == 1
    assert main(["templates", "check", "--templates", str(tmp_path / "finnes-ikke")]) == 2


# --- The field catalogue ----------------------------------------------------------------------

def test_every_variable_in_the_context_is_in_the_catalogue(documents):
    assert fields.unknown(documents) == [], (
        "add these to omsorgspakke_docs/rendering/fields.py, then run "
        "`omsorgspakke templates fields --docs docs/templates.md`")


def test_every_catalogued_variable_exists_with_an_example(documents):
    found = fields.catalogue(documents)
    assert [f.variable for f in found if not f.templates] == []
    assert all(f.example for f in found)
    by_name = {f.variable: f for f in found}
    assert by_name["barn.navn"].example == "Mia Strand Berg"
    assert by_name["samtale.dato"].templates >= {"referat.docx", "innkalling.docx"}


def test_docs_templates_md_shows_the_catalogue(documents):
    text = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    generated = fields.as_markdown(fields.catalogue(documents), set(documents),
                                   fields.per_template(documents))
    assert fields.replace_docs_section(text, generated) == text, (
        "docs/templates.md is out of date: run "
        "`omsorgspakke templates fields --docs docs/templates.md`")


def test_fields_lists_variables_with_description_and_example(capsys):
    assert main(["templates", "fields", "--template", "referat.docx"]) == 0
    out = capsys.readouterr().out
    assert "samtale.dato_med_ukedag" in out and "Eksempel: " in out
    assert "mottaker.navn" not in out  # the minutes have no recipient


def test_fields_as_a_workbook(tmp_path, capsys):
    target = tmp_path / "variabler.xlsx"
    assert main(["templates", "fields", "--xlsx", str(target)]) == 0
    sheet = load_workbook(target)["Variabler"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Variabel", "Gruppe", "Beskrivelse", "Eksempel", "Maler")
    names = {r[0] for r in rows[1:]}
    assert {"barn.navn", "samtale.dato", "v.positivt", "f.navn"} <= names
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_fields_for_a_template_no_kind_uses_is_a_clear_error(capsys):
    assert main(["templates", "fields", "--template", "ukjent.docx"]) == 2
    assert "Ingen dokumenttype bruker malen ukjent.docx" in capsys.readouterr().err


# --- Preview ----------------------------------------------------------------------------------

def test_preview_renders_a_template_with_the_synthetic_case(tmp_path, capsys):
    out = tmp_path / "forhandsvisning.docx"
    assert main(["preview", "referat.docx", "--out", str(out)]) == 0
    text = docx_text(out)
    assert "Mia Strand Berg" in text and "{{" not in text and "[mangler:" not in text
    assert "forhåndsvisningen" in capsys.readouterr().out


def test_preview_of_a_template_file_being_edited(tmp_path):
    shutil.copy2(TEMPLATES / "nb" / "oversikt.xlsx", tmp_path / "oversikt.xlsx")
    out = tmp_path / "eksempel.xlsx"
    assert main(["preview", str(tmp_path / "oversikt.xlsx"), "--out", str(out)]) == 0
    values = [c for row in load_workbook(out).worksheets[0].iter_rows(values_only=True)
              for c in row if c is not None]
    assert "2026-0999" in values


@pytest.mark.parametrize("name", ["saksoversikt.xlsx", "utsending.xlsx"])
def test_preview_of_an_outbox_workbook(tmp_path, capsys, name):
    """Made from made-up cases, as a run makes it from the stored ones."""
    out = tmp_path / "eksempel.xlsx"
    assert main(["preview", str(TEMPLATES / "nb" / name), "--out", str(out)]) == 0
    values = [c for ws in load_workbook(out).worksheets for row in ws.iter_rows(values_only=True)
              for c in row if isinstance(c, str)]
    assert "2026-0999" in values and not any("{{" in v for v in values)
    assert "Ingen dokumenttype" not in capsys.readouterr().out


def test_preview_of_a_broken_template_says_what_is_wrong(tmp_path, capsys):
    word(tmp_path, "referat.docx", "{{ samtale.datoo }}")
    assert main(["preview", str(tmp_path / "referat.docx"), "--out", str(tmp_path / "x.docx")]) == 2
    assert "referat.docx" in capsys.readouterr().err
    assert main(["preview", "finnes-ikke.docx"]) == 2


def test_the_joint_meeting_template_is_checked_with_its_real_context(tmp_path, capsys):
    """Its invitation is made three weeks before the meeting, long after the synthetic day:
    the check still knows its variables (every letter of the year is made for the check)."""
    folder = tmp_path / "maler"
    shutil.copytree(TEMPLATES, folder)
    doc = Document(str(folder / "nn" / "fellesmote.docx"))
    doc.add_paragraph("Møtet er {{ fellesmote.datoo }}.")
    doc.save(str(folder / "nn" / "fellesmote.docx"))
    code, out = check(folder, capsys)
    assert code == 1
    assert "Ukjent variabel «fellesmote.datoo» (mente du «fellesmote.dato»?)" in out


def test_shipped_templates_carry_only_the_styles_they_use_and_every_one_they_use():
    """Trimmed at build (tools/build_templates.py): no latent style list or stylesWithEffects
    copy (they cost every process some 5 MB per prepared template), and no paragraph, run
    or table names a style the template does not define (Word would show it as Normal)."""
    import zipfile

    from docx.oxml.ns import qn
    from lxml import etree

    paths = sorted(TEMPLATES.rglob("*.docx"))  # nb/ and nn/
    assert len(paths) >= 14
    for path in paths:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            styles = etree.fromstring(package.read("word/styles.xml"))
            parts = [etree.fromstring(package.read(n)) for n in names
                     if n.startswith("word/") and n.endswith(".xml")
                     and n.split("/")[-1].startswith(("document", "header", "footer"))]
        assert "word/stylesWithEffects.xml" not in names, path.name
        assert styles.find(qn("w:latentStyles")) is None, path.name
        defined = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
        used = {el.get(qn("w:val")) for part in parts
                for tag in ("w:pStyle", "w:rStyle", "w:tblStyle") for el in part.iter(qn(tag))}
        assert used and used <= defined, (path.name, used - defined)
        assert len(defined) < 40, (path.name, len(defined))
