"""pdf_batch_speedup: PDF/A for a whole batch in one LibreOffice call, against one call each.

The documents are one case's Word documents as the pipeline makes them (plan, letters,
invitations, minutes, evaluations). Both sides convert the same documents with the same
profile (rendering/pdf.py: PDF/A-2b, tagged PDF/UA): the batch side in one `soffice` process,
the single side in one process per document, which is what a naive integration does. The
sides are interleaved (batch, single, batch, single, ...) for REPEATS pairs, and each figure is
the median. Wall time is the time a person waits; CPU time is LibreOffice's own (the child
processes' user + system time), so a loaded machine shows up as wall time, not CPU.

    python -m bench.pdf_batch          # prints the figures; make bench includes them
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from omsorgspakke_docs.rendering import pdf

from . import generate, workspace

REPEATS = 3
DOCUMENTS = 12


def measure(folder: Path, today: date) -> dict:
    soffice = pdf.find_soffice()
    if soffice is None:
        return {"pdf_batch": "LibreOffice ikke installert"}
    documents = _documents(folder / "pdf-case", today)
    batch, single = [], []
    for _ in range(REPEATS):
        batch.append(_timed(lambda: _convert([documents], soffice)))
        single.append(_timed(lambda: _convert([[d] for d in documents], soffice)))
    per_doc = len(documents)
    wall_b, wall_s = (statistics.median(w for w, _ in side) / per_doc for side in (batch, single))
    cpu_b, cpu_s = (statistics.median(c for _, c in side) / per_doc for side in (batch, single))
    return {
        "pdf_documents": per_doc,
        "pdf_batch_wall_s_per_doc": round(wall_b, 3),
        "pdf_single_wall_s_per_doc": round(wall_s, 3),
        "pdf_batch_cpu_s_per_doc": round(cpu_b, 3),
        "pdf_single_cpu_s_per_doc": round(cpu_s, 3),
        "pdf_batch_speedup": round(wall_s / wall_b, 2),
    }


def _documents(root: Path, today: date) -> list[Path]:
    """A case's Word documents, made by the pipeline from a synthetic export."""
    root.mkdir(parents=True, exist_ok=True)
    export = generate.write_canonical_list(generate.Synth(today, seed=5).cases(1),
                                           root / "export.json")
    workspace.run(root / "work", today, 1, export)
    found = sorted((root / "work" / "outbox").rglob("*.docx"))
    if len(found) < DOCUMENTS:
        raise RuntimeError("the synthetic case made too few Word documents to measure")
    step = len(found) / DOCUMENTS
    return [found[int(i * step)] for i in range(DOCUMENTS)]


def _convert(groups: list[list[Path]], soffice: str) -> None:
    """Each group in one LibreOffice call, in a scratch copy so the sides never share output."""
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-bench-pdf-") as tmp:
        for number, group in enumerate(groups):
            copies = []
            for document in group:
                copy = Path(tmp) / f"{number:03d}-{document.name}"
                copy.write_bytes(document.read_bytes())
                copies.append(copy)
            result = pdf.convert(copies, soffice)
            if result.failed:
                raise RuntimeError("LibreOffice could not convert a benchmark document")


def _timed(work) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    work()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-bench-") as tmp:
        for name, value in measure(Path(tmp), date.today()).items():
            print(f"{name}: {value}")
