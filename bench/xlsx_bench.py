"""xlsx_*_speedup: the prepared Excel path (fastxlsx) against openpyxl's load and save.

The workbooks are the ones a cold run (one process) makes for synthetic cases in their steady
state (bench/generate.py Synth(history=True), as pipeline_bench), captured on their way to the
renderer: the caseload (Saksoversikt.xlsx) of every case, the letters to send (Til
utsending.xlsx) and a sample of the per-case overviews (04 Oppfølgingsoversikt.xlsx). Each is
rendered both ways, interleaved, REPEATS times; the figures are medians of CPU seconds of
this process. Ours is a fresh PreparedXlsx each repeat for the two outbox workbooks (made
once per run, so the preparation is paid each time) and one prepared template for the
overviews (made in every case's folder, prepared once per process). The cell values are
checked to be the same.

    python -m bench.xlsx_bench [--cases 1000]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from omsorgspakke_docs.intake.guards import printable_all
from omsorgspakke_docs.rendering.fastxlsx import PreparedXlsx
from omsorgspakke_docs.rendering.renderer import (
    Renderer,
    _lookup,
    _xlsx_description,
    render_xlsx_openpyxl,
)

from . import generate, workspace

REPEATS = 5
OVERVIEWS = 20


def captured_workbooks(folder: Path, today: date, cases: int) -> list:
    seen = []
    real = Renderer.render

    def spy(self, doc):
        if doc.template.endswith(".xlsx"):
            seen.append(doc)
        return real(self, doc)

    export = generate.write_canonical_list(generate.Synth(today, history=True).cases(cases),
                                           folder / "xlsx-bench.json")
    Renderer.render = spy  # type: ignore[method-assign]
    try:
        workspace.run(folder / "work", today, 1, export)
    finally:
        Renderer.render = real  # type: ignore[method-assign]
    return seen


def measure(folder: Path, today: date, cases: int) -> dict[str, float]:
    docs = captured_workbooks(folder, today, cases)
    renderer = Renderer(workspace.ROOT / "templates")
    last = {doc.template: doc for doc in docs}  # the outbox workbooks' final version
    overviews = [d for d in docs if d.template == "oversikt.xlsx"][:OVERVIEWS]
    figures: dict[str, float] = {}
    for name, sample, fresh in (("saksoversikt", [last["saksoversikt.xlsx"]], True),
                                ("utsending", [last["utsending.xlsx"]], True),
                                ("oversikt", overviews, False)):
        path = renderer.template_path(sample[0].template)
        contexts = [printable_all(d.context) for d in sample]
        prepared = PreparedXlsx(path, _xlsx_description(path), _lookup)
        theirs, ours = _interleaved(path, contexts, prepared, fresh, renderer.env)
        _same(path, contexts[0], prepared, renderer.env)
        old, new = statistics.median(theirs), statistics.median(ours)
        figures[f"xlsx_{name}_openpyxl_ms"] = round(old * 1000, 1)
        figures[f"xlsx_{name}_fast_ms"] = round(new * 1000, 2)
        figures[f"xlsx_{name}_speedup"] = round(old / new, 1)
    figures["xlsx_saksoversikt_rows"] = sum(
        len(v) for v in last["saksoversikt.xlsx"].context.values() if isinstance(v, list))
    figures["xlsx_cases"] = cases
    figures["xlsx_repeats"] = REPEATS
    return figures


def _interleaved(path: Path, contexts: list[dict], prepared: PreparedXlsx, fresh: bool,
                 env) -> tuple[list[float], list[float]]:
    """CPU seconds per workbook, openpyxl and ours, one after the other REPEATS times; fresh:
    ours prepares the template again each time (an outbox workbook, made once per run)."""
    def plain() -> None:
        for context in contexts:
            render_xlsx_openpyxl(path, context, env)

    def fast() -> None:
        ours = PreparedXlsx(path, _xlsx_description(path), _lookup) if fresh else prepared
        for context in contexts:
            ours.render(context)

    theirs_s, ours_s = [], []
    for _ in range(REPEATS):
        theirs_s.append(_cpu(plain) / len(contexts))
        ours_s.append(_cpu(fast) / len(contexts))
    return theirs_s, ours_s


def _same(path: Path, context: dict, prepared: PreparedXlsx, env) -> None:
    ours = load_workbook(io.BytesIO(prepared.render(context)[0]))
    theirs = load_workbook(io.BytesIO(render_xlsx_openpyxl(path, context, env).data))
    for a, b in zip(ours.worksheets, theirs.worksheets, strict=True):
        if list(a.iter_rows(values_only=True)) != list(b.iter_rows(values_only=True)):
            raise AssertionError(f"fastxlsx and openpyxl differ in {path.name}, {a.title}")


def _cpu(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.xlsx_bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-xlsx-bench-") as tmp:
        figures = measure(Path(tmp), date.today(), args.cases)
    for name, value in figures.items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
