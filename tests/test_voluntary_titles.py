"""Theme 4 asks why the child moved. After a care order the programme calls it «Hvorfor måtte
barnet flytte?» (the child's: «Hvorfor måtte jeg flytte?»); to parents who placed their child
voluntarily that reads as if the move was forced. Their case's documents name the theme by
its title for a voluntary placement (programme data: tittel_ved.frivillig_plassering, which a
municipality's own programme file can change), everywhere the theme is named, their file
names included; the theme's number, which the state rests on, stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.domain import programme

from .conftest import canonical_case, docx_text
from .doc_helpers import KINDS, case_context, render

FORCED = {"bokmal": ("Hvorfor måtte barnet flytte?", "Hvorfor måtte jeg flytte?"),
          "nynorsk": ("Kvifor måtte barnet flytte?", "Kvifor måtte eg flytte?")}
VOLUNTARY = {"bokmal": ("Hvorfor flyttet barnet?", "Hvorfor flyttet jeg?"),
             "nynorsk": ("Kvifor flytta barnet?", "Kvifor flytta eg?")}
FOLDERS = {"bokmal": ("Foreldre", "Barnet"), "nynorsk": ("Foreldre", "Barnet")}


def _case(voluntary: bool) -> dict:
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "frivillig": voluntary,
                          "lovhjemmel": "barnevernsloven § " + ("3-6" if voluntary else "5-1")}
    return case


def _every_document(ctx, folder: Path) -> dict[str, str]:
    """Every document of the case as its reader opens it: path -> all its text (Word
    documents, workbooks' cells, calendar files)."""
    found = {}
    for kind in KINDS:
        for name, path in render(ctx, kind, folder / kind).items():
            if path.suffix == ".docx":
                text = docx_text(path)
            elif path.suffix == ".xlsx":
                book = load_workbook(path)
                text = "\n".join(str(v) for sheet in book.worksheets
                                 for row in sheet.iter_rows(values_only=True) for v in row if v)
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
            found[name] = text
    return found


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_voluntary_placement_names_theme_4_without_a_forced_move(tmp_path, malform):
    ctx = case_context(_case(voluntary=True)).in_malform(malform)
    documents = _every_document(ctx, tmp_path)
    parents, child = VOLUNTARY[malform]
    for name, text in documents.items():
        for forced in FORCED[malform]:
            assert forced not in text, (name, forced)
    # Named in the plan, each invitation and minutes, the final evaluations and the overview.
    named = {name for name, text in documents.items() if parents in text or child in text}
    kinds = {name.split("/")[0].split(" ")[0] for name in named}
    plan, minutes, invitations = (ctx.t(f"fil.{k}") for k in (
        "oppfolgingsplan", "referater", "innkallinger"))
    assert {plan.split(" ")[0], minutes, invitations, "03"} <= kinds, kinds
    assert any(name.endswith(".xlsx") for name in named)
    # The files are named by the case's title too (CaseContext.file_title); documents
    # issued under the programme's own keep it (tests/test_voluntary_file_names.py).
    files = [name.rsplit("/", 1)[-1] for name in documents]
    for title in VOLUNTARY[malform]:
        assert sum(f.startswith(f"Tema 4 - {title.rstrip('?')}") for f in files) >= 2, title
    assert not any("måtte" in f for f in files), files
    assert any(child in text for name, text in documents.items()
               if f"/{FOLDERS[malform][1]}/" in name and name.startswith(invitations))
    # The parents' minutes name the child in it, as their invitation does (helper 207).
    heading = ctx.t("sak.tema", nummer=4, tittel=parents.replace("barnet", "Sofie"))
    assert any(heading in text for name, text in documents.items()
               if name.startswith(f"{minutes}/{FOLDERS[malform][0]}/"))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_after_a_care_order_theme_4_keeps_its_title(tmp_path, malform):
    ctx = case_context(_case(voluntary=False)).in_malform(malform)
    documents = _every_document(ctx, tmp_path)
    for title in FORCED[malform]:
        assert any(title in text for text in documents.values()), title
    for title in VOLUNTARY[malform]:
        assert not any(title in text for text in documents.values()), title


def test_the_title_for_a_voluntary_placement_is_programme_data(tmp_path):
    """A municipality's own programme file sets its own title for the case with the
    adaptation; a theme without one keeps its title, and its number never changes."""
    text = programme.BUNDLED["bokmal"].read_text(encoding="utf-8").replace(
        'tittel_ved.frivillig_plassering = "Hvorfor flyttet barnet?"',
        'tittel_ved.frivillig_plassering = "Hvorfor bor barnet i fosterhjem?"')
    own = tmp_path / "var.nb.toml"
    own.write_text(text, encoding="utf-8")
    loaded = programme.load(own)
    voluntary = loaded.for_case({"frivillig_plassering"})
    parents = voluntary.part("foreldre")
    assert parents.tema(4).tittel == "Hvorfor bor barnet i fosterhjem?"
    assert [t.nummer for t in parents.temaer] == [t.nummer for t in loaded.part("foreldre").temaer]
    assert parents.tema(3).tittel == loaded.part("foreldre").tema(3).tittel
    assert loaded.for_case({"slekt_og_nettverk"}) is loaded
