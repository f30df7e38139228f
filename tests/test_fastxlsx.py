"""The prepared Excel path (fastxlsx) makes the same workbooks as openpyxl's load and save.

Workbooks are captured from real runs in both standards (cases under way, not started,
ending soon, a register export without names, and a case with '&', '<', æøå and text that
looks like a formula), then each is rendered both ways and compared as openpyxl reads it:
every cell's value, type, number format and style, row heights, column widths, panes,
filters, conditional formatting, sheet names, defined names and properties. No timings
here: bench/xlsx_bench.py measures speed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.pagebreak import Break

from omsorgspakke_docs.plugins import collect_filters, make_manager
from omsorgspakke_docs.rendering import fastxlsx
from omsorgspakke_docs.rendering.fastdocx import Unsupported
from omsorgspakke_docs.rendering.fastxlsx import PreparedXlsx
from omsorgspakke_docs.rendering.renderer import (
    Document,
    Renderer,
    TemplateError,
    _lookup,
    _xlsx_description,
    fill_sheet,
    render_xlsx_openpyxl,
)
from omsorgspakke_docs.rendering.sheet_cells import wrapped_lines

from .conftest import ROOT, canonical_case, make_workspace
from .doc_helpers import rendered_by_run

FOLDERS = {"bokmal": ROOT / "templates" / "nb", "nynorsk": ROOT / "templates" / "nn"}
FORMULAS = ["=HYPERLINK(\"http://x\",\"klikk\")", "+47 22 00 00 00", "-1", "@SUM(A1)",
            "\tinnrykk", "\rretur", "\nlinje", "=1+1"]


def _case(journalnummer: str, startdato: str, fnr: str, **more) -> dict:
    data = canonical_case(**{"journalnummer": journalnummer, "samtaler": [], "vurderinger": [],
                             "oppfolgingsbesok": [], **more})
    data["plassering"] = {**data["plassering"], "startdato": startdato}
    data["barn"] = {**data["barn"], "fodselsnummer": fnr}
    return data


def _tricky() -> dict:
    case = canonical_case(journalnummer="2026-0999")
    case["kontaktperson"]["fornavn"] = "=HYPERLINK(\"http://x\")"
    case["kontaktperson"]["etternavn"] = "Bakke & Berg <b> æøå"
    return case


@pytest.fixture(scope="module", params=["bokmal", "nynorsk"])
def captured(request, tmp_path_factory) -> list[Document]:
    """Every workbook the pipeline renders, as the renderer receives it."""
    ws = make_workspace(tmp_path_factory.mktemp(f"fastxlsx-{request.param}"))
    ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", f'[service]\nmalform = "{request.param}"\n'), encoding="utf-8")
    ws.whole_year()
    ws.drop_example("sak-fjordvik-2026-0412.json")
    ws.drop_example("bvr-modulus-2026-0587.xml")
    ws.drop("b.json", _case("2026-0900", "2026-10-01", "01811550444"))
    ws.drop("c.json", _case("2026-0010", "2026-01-05", "02811550300",
                            samtaler=[{"part": "barnet", "tema": 1, "dato": "2026-02-10",
                                       "status": "gjennomfort"}]))
    ws.drop("tricky.json", _tricky())
    return rendered_by_run(ws, ".xlsx")


@pytest.fixture(scope="module")
def env():
    return Renderer(FOLDERS["bokmal"], collect_filters(make_manager(None))).env


def view(data: bytes) -> dict:
    """What a reader of the workbook sees, as openpyxl reads it."""
    book = load_workbook(io.BytesIO(data))
    sheets = {}
    for ws in book.worksheets:
        cells = [
            (c.coordinate, c.value, c.data_type, c.number_format, repr(c.font), repr(c.fill),
             repr(c.alignment), repr(c.border), repr(c.protection), c.quotePrefix)
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)
            for c in row
        ]
        sheets[ws.title] = {
            "cells": cells,
            "heights": {i: (d.height, d.hidden) for i, d in ws.row_dimensions.items()
                        if d.height is not None or d.hidden},
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "conditional": [(str(r.sqref), [x.formula for x in r.rules])
                            for r in ws.conditional_formatting],
            "print": (ws.print_title_rows, ws.page_setup.orientation, ws.oddFooter.left.text),
            "breaks": [(b.id, b.man) for b in ws.row_breaks.brk],
            "names": sorted((n, d.value) for n, d in ws.defined_names.items()),
            "size": (ws.max_row, ws.max_column),
        }
    props = book.properties
    return {
        "sheets": sheets,
        "order": book.sheetnames,
        "names": sorted((n, d.value) for n, d in book.defined_names.items()),
        "properties": (props.title, props.description, props.creator, props.language),
    }


def _both(path: Path, context: dict, env) -> tuple[dict, dict, list[str], list[str]]:
    fast = PreparedXlsx(path, _xlsx_description(path), _lookup)
    ours, ours_texts = fast.render(context)
    plain = render_xlsx_openpyxl(path, context, env)
    return view(ours), view(plain.data), ours_texts, plain.missing


def test_every_bundled_workbook_template_is_covered(captured):
    malform = captured[0].malform
    assert {d.template for d in captured} == {p.name for p in FOLDERS[malform].glob("*.xlsx")}


def test_prepared_template_renders_what_openpyxl_renders(captured, env):
    for doc in captured:
        path = FOLDERS[doc.malform] / doc.template
        ours, plain, texts, _ = _both(path, doc.context, env)
        assert ours == plain, (doc.path, _difference(ours, plain))
        rows = sum(len(s["cells"]) for s in ours["sheets"].values())
        assert rows and texts
        # The texts the caller looks for "[mangler: ...]" in, every one, in the same order.
        book = load_workbook(path)
        assert texts == [t for ws in book.worksheets for t in fill_sheet(ws, doc.context, env)]


def test_the_captured_workbooks_have_dates_numbers_and_repeated_rows(captured):
    """The comparison above covers what matters: dates, numbers and lists of several rows."""
    values = defaultdict(set)
    for doc in captured:
        for value in _leaves(doc.context):
            values[type(value)].add(doc.template)
    assert {"saksoversikt.xlsx", "oversikt.xlsx"} <= values[date]
    assert values[int]
    lists = [len(v) for d in captured for v in d.context.values() if isinstance(v, list)]
    assert max(lists) > 1 and 0 in lists


def test_the_renderer_uses_the_fast_path_and_its_texts_are_the_plain_paths(captured):
    doc = next(d for d in captured if d.template == "saksoversikt.xlsx")
    fast = Renderer(ROOT / "templates", collect_filters(make_manager(None)))
    rendered = fast.render(doc)
    path = fast.template_path(doc.template, doc.malform)
    assert fast._prepared_sheets[path][1] is not None
    plain = render_xlsx_openpyxl(path, doc.context, fast.env)
    assert rendered.missing == plain.missing
    assert view(rendered.data) == view(plain.data)


def test_text_that_looks_like_a_formula_stays_text(captured, env):
    """A value is never a formula: a security property, whatever the data says."""
    doc = next(d for d in captured if d.template == "utsending.xlsx")
    path = FOLDERS[doc.malform] / doc.template
    context = {**doc.context, "dato": FORMULAS[0],
               "brev": [{**doc.context["brev"][0], "mottaker": f, "merknad": f}
                        for f in FORMULAS]}
    ours, plain, _, _ = _both(path, context, env)
    assert ours == plain
    cells = {c[0]: c for c in ours["sheets"]["Til utsending"]["cells"]}
    assert cells["B2"][1:3] == (FORMULAS[0], "s") and cells["B2"][-1] is True
    for row, formula in enumerate(FORMULAS, start=6):
        coordinate, value, kind, *_, quoted = cells[f"B{row}"]
        assert (value, kind, quoted) == (formula, "s", True), coordinate
    raw = fastxlsx.PreparedXlsx(path, "", _lookup).render(context)[0]
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode("utf-8")
        styles = package.read("xl/styles.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet and 'quotePrefix="1"' in styles


def test_an_empty_list_removes_its_row_and_the_rows_below_move_up(captured, env):
    doc = next(d for d in captured if d.template == "saksoversikt.xlsx")
    path = FOLDERS[doc.malform] / doc.template
    context = {**doc.context, "per_funn": [], "avvik": []}
    ours, plain, _, _ = _both(path, context, env)
    assert ours == plain
    stats = ours["sheets"]["Statistikk"]["cells"]
    # The per-contact list's header moves up into the emptied row's place.
    assert any(c[0] == "A10" and c[1] == "Kontaktperson" for c in stats)
    assert not any(isinstance(c[1], str) and "{{" in c[1] for c in stats)


@pytest.mark.parametrize(("template", "emptied"), [
    ("saksoversikt.xlsx", "avvik"), ("oversikt.xlsx", "avvik"), ("utsending.xlsx", "brev")])
def test_an_emptied_list_leaves_no_tall_empty_row(captured, env, template, emptied):
    """The first sheet's list (findings, letters) has rows two lines high for wrapped text;
    with nothing to list, that height goes with the row instead of staying behind."""
    doc = next(d for d in captured if d.template == template)
    path = FOLDERS[doc.malform] / doc.template
    full, _, _, _ = _both(path, doc.context, env)
    sheet = full["order"][0]
    assert 30 in {h for h, _ in full["sheets"][sheet]["heights"].values()}
    ours, plain, _, _ = _both(path, {**doc.context, emptied: []}, env)
    assert ours == plain, _difference(ours, plain)
    # Only the title row's, where the list of letters has its colour key (two lines), and
    # the case overview's note on «Frist» (two lines in Hva, row 5).
    kept = {"utsending.xlsx": {1: (30.0, False)}, "oversikt.xlsx": {5: (30.0, False)}}
    assert ours["sheets"][sheet]["heights"] == kept.get(template, {})


NOTE = ("Foreldre: samtalene er lagt tettere enn vanlig for at alle temaene skal få plass "
        "før programmets siste dag. Foreldre, tema 5: det er ikke plass til samtalen før "
        "programmets siste dag; avtal en dato med kontaktpersonens leder. ")


def test_rows_with_long_wrapped_text_are_made_high_enough(captured, env):
    """LibreOffice keeps a row one line high when no height is given, whatever its wrapped
    text needs: a long «Merknad om planen» is given the lines it takes (Excel's 15 points a
    line), a short one keeps the row as it is, and the longest stop at Excel's highest row."""
    doc = next(d for d in captured if d.template == "saksoversikt.xlsx")
    path = FOLDERS[doc.malform] / doc.template
    first = {**doc.context["saker"][0], "kontaktperson": "Kari Nordmann", "status": "I gang"}
    notes = [NOTE * 2, "Kort merknad.", NOTE * 40]
    context = {**doc.context, "saker": [{**first, "sak": f"2026-00{i}", "merknad": note}
                                        for i, note in enumerate(notes)]}
    ours, plain, _, _ = _both(path, context, env)
    assert ours == plain, _difference(ours, plain)
    book = load_workbook(io.BytesIO(PreparedXlsx(path, "", _lookup).render(context)[0]))
    sheet = book.worksheets[2]
    assert sheet["M5"].value == "Merknad om planen" or doc.malform == "nynorsk"
    assert [sheet.cell(row, 13).value for row in (6, 7, 8)] == notes
    width = sheet.column_dimensions["M"].width
    # At least the lines the text takes at 1.3 characters per unit of width (LibreOffice's
    # Carlito fits about 1.2), at most one line more than at 1.0.
    long_note = len(notes[0])
    assert 15 * -(-long_note // int(width * 1.3)) <= sheet.row_dimensions[6].height
    assert sheet.row_dimensions[6].height <= 15 * (-(-long_note // int(width)) + 1)
    assert sheet.row_dimensions[7].height is None
    assert sheet.row_dimensions[8].height == 409
    # The findings' row has no height of its own: a row whose texts fit on one line stays
    # one line high; one whose text needs more gets the lines it needs.
    findings = book.worksheets[0]
    widths = {c: findings.column_dimensions[c].width for c in "ABCDEFGH"}
    kept = []
    header = next(r for r in range(1, 20) if findings[f"A{r}"].value == "Sak")
    for r in range(header + 1, findings.max_row + 1):
        height = findings.row_dimensions[r].height
        lines = max(wrapped_lines(cell.value, widths[c]) if isinstance(
            (cell := findings[f"{c}{r}"]).value, str) and cell.alignment.wrap_text else 1
            for c in widths)
        assert height == (None if lines == 1 else 15 * lines), (r, height)
        kept.append(lines == 1)
    assert any(kept)


def test_row_heights_move_with_their_rows(env, tmp_path):
    path = tmp_path / "heights.xlsx"
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"], sheet["A4"] = "{{ tittel }}", "{{ rader.navn }}", "Under"
    sheet.row_dimensions[2].height = 30
    sheet.row_dimensions[4].height = 45
    sheet.row_dimensions[6].height = 20  # an empty row with a height
    book.save(path)
    for items, under in (([], 3), ([{"navn": "a"}, {"navn": "b"}, {"navn": "c"}], 6)):
        ours, plain, _, _ = _both(path, {"tittel": "T", "rader": items}, env)
        assert ours == plain, _difference(ours, plain)
        cells = {c[0]: c[1] for c in ours["sheets"]["Sheet"]["cells"]}
        assert cells[f"A{under}"] == "Under"
        listed = {2 + i: (30.0, False) for i in range(len(items))}
        assert ours["sheets"]["Sheet"]["heights"] == {
            **listed, under: (45.0, False), under + 2: (20.0, False)}


def test_page_breaks_move_with_their_rows(env, tmp_path):
    """A page break set above a second table (Saksoversikt's «Per kontaktperson») stays
    above it when the list over it grows or goes; one above the list stays where it is."""
    path = tmp_path / "breaks.xlsx"
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["A3"], sheet["A5"] = "{{ tittel }}", "{{ rader.navn }}", "Neste tabell"
    sheet.row_breaks.append(Break(id=1))  # over the list
    sheet.row_breaks.append(Break(id=4))  # over the next table
    book.save(path)
    for items, under in (([], 4), ([{"navn": "a"}], 5), ([{"navn": n} for n in "abcd"], 8)):
        ours, plain, _, _ = _both(path, {"tittel": "T", "rader": items}, env)
        assert ours == plain, _difference(ours, plain)
        cells = {c[0]: c[1] for c in ours["sheets"]["Sheet"]["cells"]}
        assert cells[f"A{under}"] == "Neste tabell"
        assert ours["sheets"]["Sheet"]["breaks"] == [(1, True), (under - 1, True)]


def test_dates_and_datetimes_in_cells_without_a_date_format_get_one(env, tmp_path):
    path = tmp_path / "plain.xlsx"
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "{{ dag }}", "{{ tid }}", "{{ tall }}"
    sheet["A2"], sheet["B2"] = "{{ rader.dag }}", "{{ rader.navn }}"
    sheet["A3"] = "Under"
    book.save(path)
    context = {"dag": date(2026, 12, 1), "tid": datetime(2026, 12, 1, 8, 30), "tall": 2.5,
               "rader": [{"dag": date(2026, 1, 1), "navn": "  mellomrom "},
                         {"dag": date(1900, 2, 1), "navn": None}]}
    ours, plain, texts, _ = _both(path, context, env)
    assert ours == plain
    cells = {c[0]: c for c in ours["sheets"]["Sheet"]["cells"]}
    assert cells["A1"][1:4] == (datetime(2026, 12, 1), "d", "yyyy-mm-dd")
    assert cells["B1"][3] == "yyyy-mm-dd h:mm:ss" and cells["C1"][1:3] == (2.5, "n")
    assert cells["B2"][1] == "  mellomrom " and cells["A4"][1] == "Under"
    assert texts == ["  mellomrom ", ""]


def test_an_unknown_field_fails_with_the_same_message(captured, env):
    doc = next(d for d in captured if d.template == "utsending.xlsx")
    path = FOLDERS[doc.malform] / doc.template
    context = {k: v for k, v in doc.context.items() if k != "antall_sendt"}
    with pytest.raises(TemplateError, match="Ukjent felt i regnearkmalen: antall_sendt"):
        PreparedXlsx(path, "", _lookup).render(context)
    with pytest.raises(TemplateError, match="Ukjent felt i regnearkmalen: antall_sendt"):
        render_xlsx_openpyxl(path, context, env)


def test_a_template_with_merged_cells_or_formulas_is_left_to_openpyxl(tmp_path):
    merged, formula = tmp_path / "merged.xlsx", tmp_path / "formula.xlsx"
    for path in (merged, formula):
        book = Workbook()
        book.active["A1"], book.active["A2"] = "{{ tittel }}", "{{ rader.navn }}"
        if path is merged:
            book.active.merge_cells("A1:C1")
        else:
            book.active["A3"] = "=COUNTA(A2:A2)"
        book.save(path)
        with pytest.raises(Unsupported):
            PreparedXlsx(path, "", _lookup)
    renderer = Renderer(tmp_path)
    rendered = renderer.render(Document(Path("x.xlsx"), "formula.xlsx",
                                        {"tittel": "T", "rader": [{"navn": "a"}, {"navn": "b"}]}))
    assert renderer._prepared_sheets[tmp_path / "formula.xlsx"][1] is None
    rows = list(load_workbook(io.BytesIO(rendered.data)).active.iter_rows(values_only=True))
    assert rows == [("T",), ("a",), ("b",), ("=COUNTA(A2:A2)",)]


def test_a_template_saved_with_shared_strings_renders_alike(captured, env, tmp_path):
    """Excel keeps a template's text, the tags too, in xl/sharedStrings.xml."""
    doc = next(d for d in captured if d.template == "saksoversikt.xlsx")
    path = tmp_path / "saksoversikt.xlsx"
    path.write_bytes(_with_shared_strings((FOLDERS[doc.malform] / doc.template).read_bytes()))
    PreparedXlsx(path, "", _lookup)  # supported
    ours, plain, texts, _ = _both(path, doc.context, env)
    assert ours == plain, _difference(ours, plain)
    assert ours["sheets"]["Saker"]["cells"][0][1].startswith("Saksoversikt")


INLINE = r'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t>(.*?)</t></is></c>'


def _with_shared_strings(data: bytes) -> bytes:
    """The workbook as Excel saves it: every inline string a shared one, rows with spans."""
    strings: list[str] = []

    def share(match) -> str:
        text = match.group(2)
        if text not in strings:
            strings.append(text)
        return f'{match.group(1)} t="s"><v>{strings.index(text)}</v></c>'

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                xml = re.sub(INLINE, share, content.decode("utf-8"))
                xml = re.sub(r'<row r="(\d+)"', r'<row r="\1" spans="1:9"', xml)
                content = xml.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>"))
            elif info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>'))
            target.writestr(info, content)
        items = "".join(f"<si><t>{text}</t></si>" for text in strings)
        target.writestr("xl/sharedStrings.xml", (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'))
    assert strings and "{{ saker.sak }}" in strings
    return out.getvalue()


def test_a_damaged_template_fails_as_it_did_through_openpyxl(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    renderer = Renderer(tmp_path)
    with pytest.raises(TemplateError, match="Malen broken.xlsx kunne ikke fylles ut: Bad"):
        renderer.render(Document(Path("x.xlsx"), "broken.xlsx", {}))
    assert renderer._prepared_sheets[tmp_path / "broken.xlsx"][1] is None


def test_custom_properties_are_built_in(captured):
    doc = next(d for d in captured if d.template == "oversikt.xlsx")
    renderer = Renderer(ROOT / "templates")
    rendered = renderer.render(Document(doc.path, doc.template, doc.context,
                                        properties={"omsorgspakke-test": "verdi"},
                                        malform=doc.malform))
    with zipfile.ZipFile(io.BytesIO(rendered.data)) as package:
        custom = package.read("docProps/custom.xml").decode("utf-8")
    assert "omsorgspakke-test" in custom and "verdi" in custom
    assert load_workbook(io.BytesIO(rendered.data)).sheetnames


def _difference(ours: dict, plain: dict) -> list:
    """The first few differences between two views, for a readable failure."""
    found = []
    for name in ours["sheets"].keys() & plain["sheets"].keys():
        a, b = ours["sheets"][name], plain["sheets"][name]
        for key in a:
            if key == "cells":
                found += [(name, x[0], [(i, str(u)[-90:], str(v)[-90:])
                                        for i, (u, v) in enumerate(zip(x, y, strict=True))
                                        if u != v])
                          for x, y in zip(a[key], b[key], strict=False) if x != y]
            elif a[key] != b[key]:
                found.append((name, key, a[key], b[key]))
    found += [(k, ours[k], plain[k]) for k in ("order", "names", "properties")
              if ours[k] != plain[k]]
    return found[:5]


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value
