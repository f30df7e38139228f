"""render_speedup_vs_docxtpl: our Word rendering against plain docxtpl, same documents.

The documents are the ones the pipeline makes for a few synthetic cases (captured on their way
to the renderer), a sample of every Word template. Plain docxtpl loads, renders and saves each
one; ours is Renderer.render, which also cleans the context, stamps the template's hash and
sets the minutes marker, so the comparison leans against us. Both are timed in CPU seconds
of this process, in the same run: both sides the same number of passes over the sample, the
total divided by passes x documents. Ours starts from a new Renderer, so its one-off
preparation of each template (fastdocx) is inside its time, amortised over those passes only
(a real run amortises it over far more documents). The text is checked to be the same.
"""

from __future__ import annotations

import io
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from docx import Document as open_docx
from docxtpl import DocxTemplate

from omsorgspakke_docs.intake.guards import printable_all
from omsorgspakke_docs.rendering.renderer import Renderer

from . import generate, workspace

PER_TEMPLATE = 12
PASSES = 3


def captured_documents(folder: Path, today: date, cases: int) -> list:
    seen = []
    real = Renderer.render

    def spy(self, doc):
        seen.append(doc)
        return real(self, doc)

    export = generate.write_canonical_list(generate.Synth(today, seed=11).cases(cases),
                                           folder / "render-bench.json")
    Renderer.render = spy
    try:
        workspace.run(folder / "work", today, 1, export)
    finally:
        Renderer.render = real
    return seen


def sample(documents: list) -> list:
    by_template = defaultdict(list)
    for doc in documents:
        if doc.template.endswith(".docx") and len(by_template[doc.template]) < PER_TEMPLATE:
            by_template[doc.template].append(doc)
    return [doc for docs in by_template.values() for doc in docs]


def plain_docxtpl(path: Path, context: dict, env) -> bytes:
    tpl = DocxTemplate(path)
    tpl.render(context, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def text(data: bytes) -> list[str]:
    doc = open_docx(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    feet = [p.text for s in doc.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
    return [p.text for p in doc.paragraphs] + cells + feet


def measure(folder: Path, today: date, cases: int = 4) -> dict[str, float]:
    docs = sample(captured_documents(folder, today, cases))
    renderer = Renderer(workspace.ROOT / "templates")
    contexts = [printable_all(doc.context) for doc in docs]
    paths = [renderer.template_path(doc.template) for doc in docs]

    theirs: list[bytes] = []
    docxtpl_s = _total(lambda: theirs.extend(
        plain_docxtpl(p, c, renderer.env) for p, c in zip(paths, contexts, strict=True)))
    fresh = Renderer(workspace.ROOT / "templates")
    ours: list[bytes] = []
    prepare_s = _total(lambda: [fresh._prepared_docx(p) for p in set(paths)], passes=1)
    best = prepare_s + _total(lambda: ours.extend(fresh.render(doc).data for doc in docs))
    theirs, ours = theirs[:len(docs)], ours[:len(docs)]
    docxtpl_s, best = docxtpl_s / (PASSES * len(docs)), best / (PASSES * len(docs))

    different = [str(d.path) for d, a, b in zip(docs, ours, theirs, strict=False)
                 if text(a) != text(b)]
    if different:
        raise AssertionError(f"fastdocx and docxtpl differ for {different}")
    return {
        "render_speedup_vs_docxtpl": round(docxtpl_s / best, 1),
        "docxtpl_ms_per_doc": round(docxtpl_s * 1000, 2),
        "fast_ms_per_doc": round(best * 1000, 3),
        "render_prepare_ms_total": round(prepare_s * 1000, 1),
        "render_sample_docs": len(docs),
        "render_passes_each": PASSES,
    }


def _total(work, passes: int = PASSES) -> float:
    """CPU seconds of this process for passes of work."""
    start = time.process_time()
    for _ in range(passes):
        work()
    return time.process_time() - start
