"""Every output says which template made it: name and SHA-256 prefix in its document
properties (Word: subject, Excel: description), so an archived document can be traced to the
exact template version."""

import hashlib
import re
import shutil
import zipfile

from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs.rendering import minutes_marker as mm

from .conftest import ROOT, canonical_case

STAMP = re.compile(r"^mal:([A-Za-z0-9_-]+\.(?:docx|xlsx)) sha256:([0-9a-f]{16})$")


def stamp(path) -> str:
    if path.suffix == ".docx":
        return open_docx(str(path)).core_properties.subject
    return load_workbook(path).properties.description


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def test_every_output_names_its_template_and_the_template_hash(workspace):
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    outputs = [p for p in workspace.outbox.rglob("*") if p.suffix in (".docx", ".xlsx")]
    assert len(outputs) > 50
    templates = ROOT / "templates" / "nb"
    for path in outputs:
        found = STAMP.match(stamp(path) or "")
        assert found, path.name
        assert found[2] == sha(templates / found[1]), path.name
    folder = workspace.case_folder("2026-0412")
    expected = {
        "01 Oppfølgingsplan.docx": "oppfolgingsplan.docx",
        "03 Sluttevaluering - Barnet.docx": "sluttevaluering.docx",
        "04 Oppfølgingsoversikt.xlsx": "oversikt.xlsx",
        "Referater/Barnet/Tema 2 - Samvær og kontakt.docx": "referat.docx",
    }
    for output, template in expected.items():
        assert STAMP.match(stamp(folder / output))[1] == template
    comments = open_docx(str(folder / "01 Oppfølgingsplan.docx")).core_properties.comments
    assert comments == "omsorgspakke-docs, mal oppfolgingsplan.docx"


def test_the_minutes_marker_and_the_template_stamp_live_side_by_side(workspace):
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    minutes = folder / "Referater/Barnet/Tema 2 - Samvær og kontakt.docx"
    assert STAMP.match(stamp(minutes))
    with zipfile.ZipFile(minutes) as archive:
        assert mm.find_marker(archive).tema == 2


def test_a_changed_template_changes_the_stamp(workspace, tmp_path):
    own = tmp_path / "maler"
    shutil.copytree(ROOT / "templates", own)
    plan = open_docx(str(own / "nb" / "oppfolgingsplan.docx"))
    plan.add_paragraph("Kommunens egen tekst.")
    plan.save(str(own / "nb" / "oppfolgingsplan.docx"))
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(
        text.replace((ROOT / "templates").as_posix(), own.as_posix()), encoding="utf-8")
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    made = stamp(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    mine = own / "nb" / "oppfolgingsplan.docx"
    assert made == f"mal:oppfolgingsplan.docx sha256:{sha(mine)}"
    assert sha(mine) != sha(ROOT / "templates" / "nb" / "oppfolgingsplan.docx")


def test_a_stamp_read_back_from_a_document_swaps_back_to_the_same_bytes(tmp_path):
    """template_stamp gives the stamp as text (not as the XML spells it), so stamped_as, which
    spells it as XML, makes the document as written again: a stamp with «&» was escaped twice.
    (Template names are plain, renderer.py _SIMPLE_TEMPLATE_NAME: this keeps the pair exact.)"""
    from omsorgspakke_docs.rendering.fastdocx import PreparedDocx, stamped_as, template_stamp
    from omsorgspakke_docs.rendering.renderer import Renderer

    template = open_docx()
    template.add_paragraph("Notat.")
    template.save(str(tmp_path / "notat.docx"))
    own = "mal:brev & <svar>.docx sha256:0123456789abcdef"
    prepared = PreparedDocx(tmp_path / "notat.docx", Renderer(tmp_path).env, {"subject": own})
    made, _ = prepared.render({}, {})
    assert template_stamp(made) == own
    other = stamped_as(made, "mal:notat.docx sha256:fedcba9876543210")
    assert other is not None and template_stamp(other) == "mal:notat.docx sha256:fedcba9876543210"
    assert stamped_as(other, own) == made
