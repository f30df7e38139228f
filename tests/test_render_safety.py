"""Rendering: data prints as written, templates cannot run code, workbooks hold no formulas."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from docx import Document as new_docx
from openpyxl import Workbook, load_workbook

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.intake.guards import printable_all
from omsorgspakke_docs.rendering import template_lock as templatelock
from omsorgspakke_docs.rendering.renderer import Document, Renderer, TemplateError

from .conftest import ROOT

HOSTILE_TEXT = "Ola & <Kari> «æøå» ÆØÅ {{7*7}} {% raw %} ]]> &amp; 'x\" \\ $HOME"


def make_docx(folder: Path, name: str, *paragraphs: str) -> Path:
    doc = new_docx()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = folder / name
    doc.save(str(path))
    return path


def rendered_text(data: bytes) -> str:
    return "\n".join(p.text for p in new_docx(io.BytesIO(data)).paragraphs)


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "maler"
    folder.mkdir()
    return folder


def render(templates: Path, template: str, context: dict, lock=None, filters=None):
    renderer = Renderer(templates, filters, lock=lock)
    return renderer.render(Document(PurePosixPath("ut.docx"), template, context))


def test_data_prints_exactly_as_written_and_is_never_evaluated(templates):
    make_docx(templates, "brev.docx", "Til {{ navn }}", "Slutt")
    out = render(templates, "brev.docx", {"navn": HOSTILE_TEXT})
    assert rendered_text(out.data).splitlines() == [f"Til {HOSTILE_TEXT}", "Slutt"]
    assert "49" not in rendered_text(out.data)


@pytest.mark.parametrize("value, shown", [
    ("Kari\x00Nordmann", "Kari\ufffdNordmann"),
    ("a\x07\x1b[31mb", "a\ufffd\ufffd[31mb"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("non\ufffechar\uffff", "non\ufffdchar\ufffd"),
    ("tab\tand newline stay", "tab\tand newline stay"),
])
def test_control_characters_are_shown_not_passed(templates, value, shown):
    make_docx(templates, "brev.docx", "{{ navn }}|{% for f in liste %}{{ f.navn }}{% endfor %}")
    out = render(templates, "brev.docx", {"navn": value, "liste": [{"navn": value}]})
    assert rendered_text(out.data) == f"{shown}|{shown}"


def test_printable_all_reaches_every_string_at_any_depth():
    data = {"a": ["x\x01", ("y\x02", {"z": "\x03"})], "n": 3, "d": None}
    cleaned = {"a": ["x\ufffd", ("y\ufffd", {"z": "\ufffd"})], "n": 3, "d": None}
    assert printable_all(data) == cleaned


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ navn.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "{{ self._TemplateReference__context }}",
    "{{ navn.format.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__()[0].__init__.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
])
def test_a_template_cannot_reach_python(templates, attack, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_docx(templates, "ondsinnet.docx", attack)
    with pytest.raises(TemplateError) as err:
        render(templates, "ondsinnet.docx", {"navn": "Kari"})
    assert "ondsinnet.docx" in str(err.value)
    assert not (tmp_path / "PWNED").exists()
    assert "root:" not in str(err.value)


def test_error_messages_from_a_template_never_quote_the_data(templates):
    # A plugin's filter fails with the value in its message, as int() does.
    make_docx(templates, "tall.docx", "{{ navn|som_tall }}")
    make_docx(templates, "felt.docx", "{{ barn[navn] }}")
    for name in ("tall.docx", "felt.docx"):
        with pytest.raises(TemplateError) as err:
            render(templates, name, {"navn": "Kanarifugl Qxz", "barn": {}},
                   filters={"som_tall": int})
        assert "Kanarifugl" not in str(err.value)
        assert err.value.__cause__ is None


def test_a_missing_field_is_named_for_the_template_author(templates):
    make_docx(templates, "skrivefeil.docx", "{{ barn.navnn }}")
    with pytest.raises(TemplateError, match="navnn"):
        render(templates, "skrivefeil.docx", {"barn": {"navn": "Kari"}})


def test_templates_load_only_from_the_templates_folder(templates, tmp_path):
    outside = make_docx(tmp_path, "utenfor.docx", "x")
    (templates / "lenke.docx").symlink_to(outside)
    renderer = Renderer(templates)
    for name in ("../utenfor.docx", "/etc/passwd", "lenke.docx", "sub/x.docx", "x.docm"):
        with pytest.raises(TemplateError):
            renderer.template_path(name)


def test_the_template_lock_refuses_a_changed_or_unknown_template(templates, tmp_path):
    make_docx(templates, "brev.docx", "Til {{ navn }}")
    lock_file = tmp_path / "maler.lock"
    assert templatelock.write(templates, lock_file) == ["brev.docx"]
    lock = templatelock.load(lock_file)
    assert rendered_text(render(templates, "brev.docx", {"navn": "A"}, lock).data) == "Til A"
    make_docx(templates, "brev.docx", "Til {{ navn }} og {{ navn }}")
    with pytest.raises(TemplateError, match="endret etter at den ble godkjent"):
        render(templates, "brev.docx", {"navn": "A"}, lock)
    make_docx(templates, "ny.docx", "x")
    with pytest.raises(TemplateError, match="står ikke i mallåsen"):
        render(templates, "ny.docx", {}, lock)


def test_the_lock_file_is_sha256sum_format(templates, tmp_path):
    make_docx(templates, "brev.docx", "x")
    lock_file = tmp_path / "maler.lock"
    templatelock.write(templates, lock_file)
    digest, name = lock_file.read_text(encoding="utf-8").split()
    assert name == "brev.docx" and len(digest) == 64
    lock_file.write_text(f"# godkjent 2026-11-22\n{digest.upper()} *brev.docx\n", encoding="utf-8")
    assert templatelock.load(lock_file).hashes == {"brev.docx": digest}
    lock_file.write_text("ikke en hash\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="ugyldig linje 1"):
        templatelock.load(lock_file)
    with pytest.raises(TemplateError, match="finnes ikke"):
        templatelock.load(tmp_path / "mangler.lock")


FORMULA_STARTS = ["=1+1", "=HYPERLINK(\"http://x\",\"klikk\")", "+47 99", "-2+3", "@SUM(A1)",
                  "\t=1", "\r=1", "\n=1", "=cmd|' /C calc'!A0", "#N/A", "#REF!"]


def test_every_string_written_to_a_workbook_is_text(templates):
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "{{ navn }}"
    sheet["A2"] = "{{ rader.verdi }}"
    book.save(templates / "ark.xlsx")
    rows = [{"verdi": value} for value in FORMULA_STARTS]
    out = render(templates, "ark.xlsx", {"navn": "=1+1", "rader": rows})
    with zipfile.ZipFile(io.BytesIO(out.data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml
    cells = load_workbook(io.BytesIO(out.data))["Sheet"]["A"]
    assert [c.value for c in cells] == ["=1+1", *FORMULA_STARTS]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells if c.value[:1] in "=+-@\t\r\n")
    assert all(c.data_type == "s" for c in cells)


def locked_workspace(workspace) -> Path:
    """The workspace with its own copy of the shipped templates and a lock of them."""
    templates = workspace.root / "maler"
    shutil.copytree(ROOT / "templates", templates)
    config = workspace.config_file.read_text(encoding="utf-8")
    config = re.sub(r'templates = ".*"', 'templates = "maler"', config)
    workspace.config_file.write_text('template_lock = "maler.lock"\n' + config, encoding="utf-8")
    return templates


def test_a_run_with_a_lock_refuses_to_start_until_the_templates_are_approved(workspace, capsys):
    templates = locked_workspace(workspace)
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() == 2
    assert "Mallåsen" in capsys.readouterr().err
    templatelock.write(templates, workspace.root / "maler.lock")
    make_docx(templates / "nb", "referat.docx", "Endret uten godkjenning {{ sak.journalnummer }}")
    assert workspace.cli() == 2
    assert "nb/referat.docx er endret etter at den ble godkjent" in capsys.readouterr().err
    assert [p.name for p in workspace.inbox.iterdir()] == ["sak-fjordvik-2026-0412.json"]
    assert list(workspace.outbox.iterdir()) == []
    assert main(["templates", "lock", "--config", str(workspace.config_file)]) == 0
    assert "referat.docx" in capsys.readouterr().out
    assert workspace.cli() == 0
    assert (workspace.archive / "sak-fjordvik-2026-0412.json").exists()


def test_lock_templates_needs_a_lock_in_the_configuration(workspace, capsys):
    assert main(["templates", "lock", "--config", str(workspace.config_file)]) == 2
    assert "template_lock" in capsys.readouterr().err
