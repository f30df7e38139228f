"""The one-off cost of the Word templates in a cold process, apart from the rest of a run.

    python -m bench.word_oneoff [--repeats 7]

Captures the first Word document of each template a 4-case cold run makes, then, in each
repeat, a new Renderer finds what each of those templates shows (Renderer.uses, as a cold
run's preparation does) and renders its document: the template prepared (fastdocx), its
fields found, its parts compiled, one document made. CPU of this process per repeat, all
templates together; prints the median and every repeat. Imports are loaded before the first
repeat (the first also pays for them in a real process).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from omsorgspakke_docs.plugins import collect_filters, manager_for
from omsorgspakke_docs.rendering import renderer

from . import generate, workspace


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    first: dict[tuple[str, str], renderer.Document] = {}
    plain = renderer.Renderer.render

    def capture(self, doc: renderer.Document) -> renderer.Rendered:
        if doc.template.endswith(".docx") and doc.data is None:
            first.setdefault((doc.malform, doc.template), doc)
        return plain(self, doc)

    today = date(2026, 12, 7)
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-oneoff-") as tmp:
        export = generate.write_canonical_list(generate.Synth(today, seed=7).cases(4),
                                               Path(tmp) / "export.json")
        settings = workspace.settings(Path(tmp) / "work")
        renderer.Renderer.render = capture  # type: ignore[method-assign]
        try:
            workspace.run(Path(tmp) / "work", today, 1, export)
        finally:
            renderer.Renderer.render = plain  # type: ignore[method-assign]
        filters = collect_filters(manager_for(settings))
        times = []
        for _ in range(args.repeats):
            start = time.process_time()
            fresh = renderer.Renderer(settings.paths.templates, filters)
            for (malform, template), doc in first.items():
                fresh.uses(template, malform)
                fresh.render(doc)
            times.append(time.process_time() - start)
    print(json.dumps({"templates": len(first),
                      "median_ms": round(statistics.median(times) * 1000, 1),
                      "all_ms": [round(t * 1000, 1) for t in times]}))


if __name__ == "__main__":
    main()
