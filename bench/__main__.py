"""make bench: every benchmark in one run, printed last as `name: value` lines.

    python -m bench            # the full run: a 1,000-case export (about 10 minutes on 2 cores)
    python -m bench --quick    # 100 cases and fewer watch drops, for a quick look

The same figures, with the machine and the date, go to bench/results.json. Ratios are
measured in the same run, so a busy machine slows both sides; the load average at start and
end is recorded so a figure from a loaded machine can be told apart. bench/RESULTS.md keeps
the figures of record and what the profiles showed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from . import memory, pdf_batch, pipeline_bench, render_bench

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
HEADLINE = ("render_speedup_vs_docxtpl", "cold_docs_per_s", "parallel_efficiency",
            "warm_rerun_ratio", "watch_latency_p95_s", "peak_rss_mb_50k")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cases, fewer watch drops")
    parser.add_argument("--cases", type=int, help="cases in the export (default 1000)")
    args = parser.parse_args(argv)
    cases = args.cases or (100 if args.quick else 1000)
    today = date.today()
    results: dict = {"load_average_start": _load()}
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-bench-") as tmp:
        folder = Path(tmp)
        # First: it reads the peak memory of finished child processes, and workers are some.
        _step("minne: KOSTRA 15F med 50 000 Individ", results,
              lambda: memory.measure(folder, today))
        _step("gjengivelse mot ren docxtpl", results,
              lambda: render_bench.measure(folder, today))
        _step("PDF/A: én LibreOffice-kjøring per batch mot én per dokument", results,
              lambda: pdf_batch.measure(folder, today))
        _step(f"eksport med {cases} saker", results,
              lambda: pipeline_bench.measure(folder, today, cases, say=_say))
    _step("ventetid i innboksen (bench/watch_latency.py)", results,
          lambda: watch_latency(args.quick))
    results["load_average_end"] = _load()
    record = {"date": datetime.now().astimezone().isoformat(timespec="seconds"),
              "machine": _machine(), "quick": args.quick, "figures": results}
    RESULTS.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    for name, value in results.items():
        if name not in HEADLINE:
            print(f"{name}: {value}")
    for name in HEADLINE:
        print(f"{name}: {results.get(name, 'not available')}")
    return 0


def watch_latency(quick: bool) -> dict:
    """Run the watched-inbox benchmark (issue 4's) when it is there; its last figures."""
    if not (HERE / "watch_latency.py").is_file():
        return {}
    command = [sys.executable, "-m", "bench.watch_latency", *(["--drops", "8"] if quick else [])]
    done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True, check=True)
    found = re.findall(r"^(watch_latency_\w+): (\S+)$", done.stdout, re.MULTILINE)
    return {name: float(value) for name, value in found}


def _step(title: str, results: dict, measure) -> None:
    _say(f"{title} ...")
    figures = measure()
    results.update(figures)
    for name, value in figures.items():
        _say(f"  {name}: {value}")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _load() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def _machine() -> dict:
    return {"platform": platform.platform(), "processor": platform.processor() or
            platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version()}


if __name__ == "__main__":
    sys.exit(main())
