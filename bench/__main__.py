"""make bench: every benchmark in one run, printed last as `name: value (goal ...)` lines.

    python -m bench            # the full run: 1,000 cases (some 30 minutes on 2 quiet cores)
    python -m bench --quick    # 60 cases, smaller samples, for a quick look

The same figures, with the machine and the date, go to bench/results.json. Ratios are
measured side by side in the same run, so a busy machine slows both sides; the load average
at start and end is recorded so a figure from a loaded machine can be told apart.
bench/RESULTS.md keeps the figures of record, what each one measures, and the profiles.
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

from . import memory, pdf_batch, pipeline_bench, render_bench, word_floor, xlsx_bench

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
GOALS = {
    "next_day_ratio": "<= 0.05",
    "reexport_ratio": "<= 0.05",
    "warm_rerun_ratio": "<= 0.03",
    "word_cpu_vs_floor": "<= 3",
    # The same cold run's Word renderer alone, and its one-off work (bench/word_floor.py);
    # the strict figure again over a larger cold run (the full run only).
    "word_render_cpu_vs_floor": "reported",
    "word_render_cpu_vs_floor_without_prep": "reported",
    "word_oneoff_cpu_ms": "reported",
    "word_cpu_vs_floor_100": "reported",
    "parallel_efficiency": ">= 0.8",
    "peak_rss_mb_50k": "<= 250",
    "render_speedup_vs_docxtpl": "reported",
    "watch_latency_p95_s": "< 1",
}
SIZES = {  # (steady-state cases, parallel cases, floor-run cases, seconds of the 50k run,
    #         cases of the larger floor run: word_cpu_vs_floor_100)
    False: (1000, 200, 20, 120, 100),
    True: (60, 30, 4, 20, None),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 cases, smaller samples")
    parser.add_argument("--cases", type=int, help="cases in the steady-state export (1000)")
    args = parser.parse_args(argv)
    steady, parallel_cases, floor_cases, rss_seconds, larger_floor = SIZES[args.quick]
    cases = args.cases or steady
    today = date.today()
    results: dict = {"load_average_start": _load()}
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-bench-") as tmp:
        folder = Path(tmp)
        # First: it reads the peak memory of finished child processes, and workers are some.
        _step("minne: KOSTRA 15F med 50 000 Individ", results,
              lambda: memory.measure(folder, today, rss_seconds))
        _step("gjengivelse mot ren docxtpl", results,
              lambda: render_bench.measure(folder, today))
        _step(f"regneark: fastxlsx mot openpyxl, {cases} saker", results,
              lambda: xlsx_bench.measure(folder, today, cases))
        _step("CPU per Word-dokument mot gulvet", results,
              lambda: word_floor.measure(folder, today, floor_cases, larger_floor))
        _step("PDF/A: én LibreOffice-kjøring per batch mot én per dokument", results,
              lambda: pdf_batch.measure(folder, today))
        _step(f"stabil drift med {cases} saker, og parallell effektivitet", results,
              lambda: pipeline_bench.measure(folder, today, cases, parallel_cases, say=_say))
    _step("ventetid i innboksen (bench/watch_latency.py)", results,
          lambda: watch_latency(args.quick))
    results["load_average_end"] = _load()
    record = {"date": datetime.now().astimezone().isoformat(timespec="seconds"),
              "machine": _machine(), "quick": args.quick, "figures": results}
    RESULTS.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    for name, value in results.items():
        if name not in GOALS:
            print(f"{name}: {value}")
    for name, goal in GOALS.items():
        missing = "not measured with --quick" if args.quick and name == "word_cpu_vs_floor_100" \
            else "not available"
        print(f"{name}: {results.get(name, missing)} (goal {goal})")
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
    try:
        figures = measure()
    except Exception as exc:  # noqa: BLE001 - one broken measurement must not lose the others
        _say(f"  feilet: {type(exc).__name__}: {exc}")
        results.setdefault("failed_steps", []).append(title)
        return
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
