"""word_cpu_vs_floor: CPU per Word document in a cold run, against the physical floor.

    python -m bench.word_floor [--cases 20] [--larger 100]

The cold run: `cases` cases from an empty state in this process (one process, no workers),
CPU seconds of the whole run (reading, planning, calendars, workbooks, journal: everything)
divided by the Word documents it wrote, so the figure leans against us. The floor: for each
Word document that run wrote, what writing the same zip with one changed part costs at the
least: deflate its word/document.xml (the level we use), lay out the zip with every other
part copied as the compressed bytes it is, and write the file (no fsync). Median per
document, CPU seconds of this process.

From the same cold run, the Word renderer's own share (the product is not changed: its
methods are wrapped here while the run lasts). Each clock is exclusive: time inside a
wrapped call nested in another is counted once, for the inner one.
- rendering: every call of Renderer._docx (the one place a Word document is made from its
  template: fastdocx's PreparedDocx.render, or plain docxtpl for a template fastdocx does
  not support), the first preparation of its template taken out;
- the templates' one-off preparation: every PreparedDocx made (read, patched, its constant
  headers and footers rendered), every Word template's fields found (Renderer._found_uses:
  its Jinja parsed, which rendering compiles from), and each of its Jinja sources compiled
  (the first _CompiledOnce.from_string of a source, in the template's first render).
Not in either: the context and everything else the run does before and after (planning,
the case's other documents, calendars, workbooks, the journal, writing the file).
word_render_cpu_vs_floor is the two over the run's Word documents, over the same floor;
word_render_cpu_vs_floor_without_prep the rendering alone.

The imports the Word path loads the first time it makes a document (python-docx, docxtpl,
by rendering/fastdocx.py) are not in the cold run's CPU: this process has them loaded
before it starts (this module, and render_bench before it in `python -m bench`). They are
measured apart, in a new interpreter that has first imported what the run imports
(run/pipeline.py): median of 3 (word_import_cpu_ms).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from omsorgspakke_docs.rendering import fastdocx, renderer
from omsorgspakke_docs.rendering.fastdocx import _Entry, _raw_entries, _zip

from . import generate, workspace

BODY = "word/document.xml"
ROOT = Path(__file__).resolve().parent.parent
IMPORT_REPEATS = 3
_IMPORTS = """\
import json, time
import omsorgspakke_docs.run.pipeline
start = time.process_time()
import omsorgspakke_docs.rendering.fastdocx
print(json.dumps(time.process_time() - start))
"""


def measure(folder: Path, today: date, cases: int, larger: int | None = None
            ) -> dict[str, float]:
    """The figures of one cold run of `cases` cases; with larger, also the strict figure of
    a second cold run of that many cases (word_cpu_vs_floor_<larger>)."""
    export = generate.write_canonical_list(generate.Synth(today, seed=7).cases(cases),
                                           folder / "floor.json")
    clock = _Clock()
    with clock.around_word_rendering():
        start = time.process_time()
        workspace.run(folder / "floor", today, 1, export)
        cpu = time.process_time() - start
    documents = sorted((folder / "floor" / "outbox").rglob("*.docx"))
    floors = [_floor(path.read_bytes()) for path in documents]
    per_doc = cpu / len(documents)
    floor = statistics.median(floors)
    render, prepare = clock.spent["render"], clock.spent["prepare"]
    render_per_doc = (render + prepare) / len(documents)
    without_prep = render / len(documents)
    imports = word_import_cpu()
    figures = {
        "word_cpu_ms_per_doc": round(per_doc * 1000, 2),
        "word_floor_ms_per_doc": round(floor * 1000, 3),
        "word_cpu_vs_floor": round(per_doc / floor, 1),
        "word_documents": len(documents),
        "word_run_cases": cases,
        "word_render_cpu_ms_per_doc": round(render_per_doc * 1000, 3),
        "word_render_cpu_vs_floor": round(render_per_doc / floor, 1),
        "word_render_cpu_vs_floor_without_prep": round(without_prep / floor, 1),
        "word_render_calls": clock.calls["render"],
        "word_render_share_of_run": round((render + prepare) / cpu, 3),
        "word_template_prep_cpu_ms": round(prepare * 1000, 1),
        "word_import_cpu_ms": round(imports * 1000, 1),
        "word_oneoff_cpu_ms": round((prepare + imports) * 1000, 1),
    }
    if larger:
        figures.update(_strict(folder, today, larger, floor))
    return figures


def _strict(folder: Path, today: date, cases: int, floor: float) -> dict[str, float]:
    """word_cpu_vs_floor of a cold run of `cases` cases, over the floor already measured."""
    export = generate.write_canonical_list(generate.Synth(today, seed=7).cases(cases),
                                           folder / f"floor-{cases}.json")
    start = time.process_time()
    workspace.run(folder / f"floor-{cases}", today, 1, export)
    cpu = time.process_time() - start
    documents = len(list((folder / f"floor-{cases}" / "outbox").rglob("*.docx")))
    return {f"word_cpu_ms_per_doc_{cases}": round(cpu / documents * 1000, 2),
            f"word_cpu_vs_floor_{cases}": round(cpu / documents / floor, 1),
            f"word_documents_{cases}": documents}


class _Clock:
    """CPU seconds of this process inside wrapped calls, by what they are, exclusive."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._inner: list[float] = []

    def timed(self, what: str, call: Callable, counts: Callable[..., bool] = lambda *a: True
              ) -> Callable:
        def wrapper(*args, **kwargs):
            if not counts(*args):
                return call(*args, **kwargs)
            self._inner.append(0.0)
            start = time.process_time()
            try:
                return call(*args, **kwargs)
            finally:
                took = time.process_time() - start
                inner = self._inner.pop()
                self.spent[what] += took - inner
                self.calls[what] += 1
                if self._inner:
                    self._inner[-1] += took
        return wrapper

    @contextmanager
    def around_word_rendering(self) -> Iterator[None]:
        plain = (renderer.Renderer._docx, renderer.Renderer._found_uses,
                 fastdocx.PreparedDocx.__init__, fastdocx._CompiledOnce.from_string)
        renderer.Renderer._docx = self.timed("render", plain[0])  # type: ignore[method-assign]
        renderer.Renderer._found_uses = self.timed(  # type: ignore[method-assign]
            "prepare", plain[1], lambda _self, path: Path(path).suffix == ".docx")
        fastdocx.PreparedDocx.__init__ = self.timed(  # type: ignore[method-assign]
            "prepare", plain[2])
        fastdocx._CompiledOnce.from_string = self.timed(  # type: ignore[method-assign]
            "prepare", plain[3], lambda once, source: source not in once._cache)
        try:
            yield
        finally:
            (renderer.Renderer._docx, renderer.Renderer._found_uses,  # type: ignore[method-assign]
             fastdocx.PreparedDocx.__init__,  # type: ignore[method-assign]
             fastdocx._CompiledOnce.from_string) = plain  # type: ignore[method-assign]


def word_import_cpu() -> float:
    """CPU seconds a new interpreter spends importing rendering/fastdocx.py (python-docx,
    docxtpl) after what a run imports first (run/pipeline.py): median of IMPORT_REPEATS."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    times = []
    for _ in range(IMPORT_REPEATS):
        done = subprocess.run([sys.executable, "-c", _IMPORTS], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        times.append(float(done.stdout.strip()))
    return statistics.median(times)


def _floor(data: bytes) -> float:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read(BODY)
        info = package.getinfo(BODY)
        entries = _raw_entries(data, package)
    with tempfile.NamedTemporaryFile() as handle:
        start = time.process_time()
        changed = _Entry.compress(info, body)
        out = _zip([changed if e.filename == BODY else e for e in entries])
        handle.write(out)
        handle.flush()
        return time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.word_floor",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20, help="cases in the cold run (20)")
    parser.add_argument("--larger", type=int, default=0,
                        help="also the strict figure of a cold run of this many cases")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-floor-") as tmp:
        figures = measure(Path(tmp), date.today(), args.cases, args.larger or None)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
