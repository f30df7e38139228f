"""word_cpu_vs_floor: CPU per Word document in a cold run, against the physical floor.

The cold run: `cases` cases from an empty state in this process (one process, no workers),
CPU seconds of the whole run (reading, planning, calendars, workbooks, journal: everything)
divided by the Word documents it wrote, so the figure leans against us. The floor: for each
Word document that run wrote, what writing the same zip with one changed part costs at the
least: deflate its word/document.xml (the level we use), lay out the zip with every other
part copied as the compressed bytes it is, and write the file (no fsync). Median per
document, CPU seconds of this process.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from omsorgspakke_docs.rendering.fastdocx import _Entry, _raw_entries, _zip

from . import generate, workspace

BODY = "word/document.xml"


def measure(folder: Path, today: date, cases: int) -> dict[str, float]:
    export = generate.write_canonical_list(generate.Synth(today, seed=7).cases(cases),
                                           folder / "floor.json")
    start = time.process_time()
    workspace.run(folder / "floor", today, 1, export)
    cpu = time.process_time() - start
    documents = sorted((folder / "floor" / "outbox").rglob("*.docx"))
    floors = [_floor(path.read_bytes()) for path in documents]
    per_doc = cpu / len(documents)
    floor = statistics.median(floors)
    return {
        "word_cpu_ms_per_doc": round(per_doc * 1000, 2),
        "word_floor_ms_per_doc": round(floor * 1000, 3),
        "word_cpu_vs_floor": round(per_doc / floor, 1),
        "word_documents": len(documents),
        "word_run_cases": cases,
    }


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
