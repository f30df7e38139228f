"""The prepared Word path (fastdocx) makes the same documents as plain docxtpl.

Documents are captured from real runs (a full case, a register export without names, and a
case with '&', '<', quotes, æøå, '{{7*7}}' and control characters in its data), then each
is rendered both ways and compared paragraph by paragraph, cell by cell, header and footer,
and document properties. No timings here: bench/ measures speed.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict

import pytest
from docx import Document as open_docx

from bench.render_bench import plain_docxtpl
from omsorgspakke_docs.plugins import collect_filters, make_manager
from omsorgspakke_docs.rendering.fastdocx import PreparedDocx, with_custom_properties
from omsorgspakke_docs.rendering.minutes_marker import add_custom_properties
from omsorgspakke_docs.rendering.renderer import Renderer
from omsorgspakke_docs.rendering.uses import uses

from .conftest import ROOT, canonical_case, make_workspace
from .doc_helpers import rendered_by_run

TEMPLATES = ROOT / "templates" / "nb"
TRICKY = "A & B <c> \"q\" 'r' æøå ÆØÅ {{7*7}} {%p if x %} \x01\x0b\x1f tab\tend"


def tricky_case() -> dict:
    case = canonical_case(journalnummer="2026-0999")
    case["barn"]["fornavn"] = TRICKY
    case["kontaktperson"]["etternavn"] = "Bakke & Berg <b>"
    case["fosterfamilie"]["adresse"] = "Øvre Ærø vei 1\nPostboks <2>"
    case["foreldre"][1]["takker_ja"] = False  # so the new-offer letter is made too
    return case


@pytest.fixture(scope="module")
def captured(tmp_path_factory) -> list:
    """Every document the pipeline renders for three cases, as the renderer receives them."""
    ws = make_workspace(tmp_path_factory.mktemp("fastdocx"))
    ws.whole_year()
    ws.drop_example("sak-fjordvik-2026-0412.json")
    ws.drop_example("bvr-modulus-2026-0587.xml")
    ws.drop("tricky.json", tricky_case())
    return rendered_by_run(ws)


def word_documents(captured, per_template: int = 2) -> list:
    """A few documents of every Word template, for every case."""
    picked: dict[tuple, list] = defaultdict(list)
    for doc in captured:
        if doc.template.endswith(".docx") and doc.data is None:
            key = (doc.context["sak"]["journalnummer"], doc.template)
            if len(picked[key]) < per_template:
                picked[key].append(doc)
    return [doc for docs in picked.values() for doc in docs]


def view(data: bytes) -> dict:
    """What a reader sees: paragraphs, table cells, headers, footers and the properties."""
    doc = open_docx(io.BytesIO(data))
    props = doc.core_properties
    return {
        "paragraphs": [p.text for p in doc.paragraphs],
        "cells": [c.text for t in doc.tables for row in t.rows for c in row.cells],
        "headers": [p.text for s in doc.sections for p in s.header.paragraphs],
        "footers": [p.text for s in doc.sections for p in s.footer.paragraphs],
        "properties": [props.title, props.subject, props.comments, props.author,
                       props.language, props.identifier],
    }


@pytest.fixture(scope="module")
def env():
    return Renderer(TEMPLATES, collect_filters(make_manager(None))).env


def test_every_template_is_covered(captured):
    used = {doc.template for doc in word_documents(captured)}
    assert used == {p.name for p in TEMPLATES.glob("*.docx")}


def test_prepared_template_renders_what_docxtpl_renders(captured, env):
    prepared: dict[str, PreparedDocx] = {}
    for doc in word_documents(captured):
        path = TEMPLATES / doc.template
        fast = prepared.setdefault(doc.template, PreparedDocx(path, env))
        ours, _ = fast.render(doc.context)
        assert view(ours) == view(plain_docxtpl(path, doc.context, env)), doc.path


@pytest.mark.parametrize("text", [TRICKY, TRICKY.replace("\x01\x0b\x1f", "")])
def test_tricky_values_anywhere_in_the_context_render_alike(captured, env, text):
    """Raw control characters (the renderer removes them first) fail alike in a footer."""
    doc = next(d for d in word_documents(captured) if d.template == "oppfolgingsplan.docx")
    context = _replace_strings(doc.context, text)
    path = TEMPLATES / doc.template
    ours = _outcome(lambda: view(PreparedDocx(path, env).render(context)[0]))
    assert ours == _outcome(lambda: view(plain_docxtpl(path, context, env)))
    if ours[0] == "ok":
        assert any("A & B <c>" in p and "{{7*7}}" in p for p in ours[1]["paragraphs"])


def test_renderer_fast_and_plain_paths_agree(captured, monkeypatch):
    fast = Renderer(TEMPLATES, collect_filters(make_manager(None)))
    plain = Renderer(TEMPLATES, collect_filters(make_manager(None)))
    monkeypatch.setattr(plain, "_prepared_docx", lambda path: None)
    for doc in word_documents(captured, per_template=1):
        ours, theirs = fast.render(doc), plain.render(doc)
        assert view(ours.data) == view(theirs.data), doc.path
        assert ours.missing == theirs.missing, doc.path
        assert _custom_properties(ours.data) == _custom_properties(theirs.data), doc.path
        with zipfile.ZipFile(io.BytesIO(ours.data)) as archive:
            assert archive.testzip() is None


def test_custom_properties_at_the_zip_level_match_minutes_marker():
    data = (TEMPLATES / "referat.docx").read_bytes()
    props = {"omsorgspakke-referat": '{"tema": 3, "navn": "ikke <data> & sånn"}'}
    ours, theirs = with_custom_properties(data, props), add_custom_properties(data, props)
    assert _contents(ours) == _contents(theirs)
    assert with_custom_properties(data, {}) is data


def test_minutes_get_their_properties_in_the_same_zip_as_a_later_pass_would_give(captured):
    """PreparedDocx.render builds the marker in (no second pass over the rendered zip); the
    document is the same, part for part, as adding the properties afterwards."""
    doc = next(d for d in word_documents(captured) if d.properties)
    env = Renderer(TEMPLATES, collect_filters(make_manager(None))).env
    fast = PreparedDocx(TEMPLATES / doc.template, env)
    built_in, _ = fast.render(doc.context, doc.properties)
    plain, _ = fast.render(doc.context)
    assert _contents(built_in) == _contents(with_custom_properties(plain, doc.properties))
    assert _contents(built_in) != _contents(plain)


def test_tags_in_the_properties_are_rendered_per_document_as_docxtpl_does(tmp_path, captured,
                                                                          env):
    docs = [d for d in word_documents(captured) if d.template == "referat.docx"][:2]
    original = open_docx(str(TEMPLATES / "referat.docx"))
    original.core_properties.title = "Referat {{ sak.journalnummer }}"
    original.core_properties.author = "{% if true %}Tjenesten{% endif %}"
    original.core_properties.comments = "{{ sak.journalnummer }}"  # the stamp wins, as before
    original.save(str(tmp_path / "referat.docx"))
    renderer = Renderer(tmp_path, collect_filters(make_manager(None)))
    plain = Renderer(tmp_path, collect_filters(make_manager(None)))
    plain._prepared_docx = lambda path: None  # type: ignore[method-assign]
    for doc in docs:
        rendered = renderer.render(doc)
        assert renderer._prepared[tmp_path / doc.template][1] is not None  # the fast path
        properties = view(rendered.data)["properties"]
        assert properties[0] == f"Referat {doc.context['sak']['journalnummer']}"
        assert properties[2].startswith("omsorgspakke-docs, mal referat.docx")
        assert properties[3] == "Tjenesten"
        assert view(rendered.data) == view(plain.render(doc).data)
    # Whether a document changed is judged by what its template reads, the title's too.
    uses = renderer.uses("referat.docx")
    assert uses is not None and ("sak", "journalnummer") in uses


def test_a_template_changed_on_disk_is_prepared_again(tmp_path, captured):
    doc = next(d for d in word_documents(captured) if d.template == "sluttevaluering.docx")
    template = open_docx(str(TEMPLATES / doc.template))
    template.save(str(tmp_path / doc.template))
    renderer = Renderer(tmp_path, collect_filters(make_manager(None)))
    before = view(renderer.render(doc).data)["paragraphs"]
    template.add_paragraph("Ny linje fra malredaktøren")
    template.save(str(tmp_path / doc.template))
    after = view(renderer.render(doc).data)["paragraphs"]
    assert after == [*before, "Ny linje fra malredaktøren"]


def _replace_strings(value, text: str):
    if isinstance(value, str):
        return text
    if isinstance(value, dict):
        return {k: _replace_strings(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_strings(v, text) for v in value]
    return value


def _outcome(make):
    try:
        return ("ok", make())
    except Exception as exc:  # noqa: BLE001 - the kind of failure is what is compared
        return ("error", type(exc).__name__)


def _contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _custom_properties(data: bytes) -> bytes | None:
    return _contents(data).get("docProps/custom.xml")


@pytest.mark.parametrize("standard", ["nb", "nn"])
def test_finding_what_a_template_shows_and_rendering_it_parse_each_part_once(
        captured, monkeypatch, standard):
    """What a template shows (Renderer.uses, a cold run's first question) is read from the
    same parse its rendering compiles: the same fields as a parse of their own finds, the
    same bytes as a renderer that never asked, and each part with tags parsed once."""
    folder = ROOT / "templates" / standard
    asking = Renderer(folder, collect_filters(make_manager(None)))
    never_asked = Renderer(folder, collect_filters(make_manager(None)))
    parsed: list[str] = []
    parse = asking.env._parse
    monkeypatch.setattr(asking.env, "_parse", lambda source, *a: parsed.append(source)
                        or parse(source, *a))
    first = {doc.template: doc for doc in reversed(word_documents(captured, per_template=1))}
    for doc in first.values():
        parsed.clear()
        found = asking.uses(doc.template)
        fast = asking._prepared_docx(asking.template_path(doc.template))
        assert found == uses([fast.body.source, *(p.source for p in fast.others),
                              *fast.core_sources.values()], never_asked.env), doc.template
        assert asking.render(doc).data == never_asked.render(doc).data, doc.path
        tagged = [fast.body, *(p for p in fast.others if p.constant is None)]
        # (as found or as rendered: docxtpl puts each paragraph on a line of its own first)
        as_written = [source.replace("\n<w:p", "<w:p") for source in parsed]
        assert [as_written.count(p.source) for p in tagged] == [1] * len(tagged)
