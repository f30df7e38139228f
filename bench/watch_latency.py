"""Drop-to-first-document latency of omsorgspakke watch: p50, p95 and max over a series of drops.

    python -m bench.watch_latency [--drops 20] [--polling]

Starts the watcher as a service runs it (its own process; native file-system events unless
--polling), waits until it is listening, then drops one canonical case at a time into the
inbox (written and closed, as a copy does) and measures from the close until the first
document of that case exists in the outbox. Each drop is finished before the next, so this
measures pickup, not throughput. One warm-up drop is not counted. Goal on a local disk:
p95 under one second. Prints `name: value` lines.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sak-fjordvik-2026-0412.json"
TODAY = "2026-11-22"
DEADLINE_S = 120.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def layout(folder: Path) -> Path:
    for name in ("inbox", "outbox", "archive", "failed", "state"):
        (folder / name).mkdir()
    config = folder / "omsorgspakke.toml"
    config.write_text(f'[paths]\ntemplates = "{(ROOT / "templates").as_posix()}"\n'
                      f'mappings = "{(ROOT / "mappings").as_posix()}"\n', encoding="utf-8")
    return config


def start(folder: Path, config: Path, polling: bool) -> subprocess.Popen:
    stderr = open(folder / "watch.stderr", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "omsorgspakke_docs", "watch", "--config", str(config),
         "--today", TODAY, *(["--polling"] if polling else [])],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=stderr,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    stderr.close()
    wait(lambda: "Følger med" in (folder / "watch.stderr").read_text("utf-8", "replace"),
         process)
    return process


def wait(condition, process: subprocess.Popen, poll: float = 0.002) -> None:
    end = time.monotonic() + DEADLINE_S
    while not condition():
        if process.poll() is not None or time.monotonic() > end:
            raise SystemExit("the watcher stopped or did not answer; see watch.stderr")
        time.sleep(poll)


def first_document(folder: Path) -> bool:
    try:
        return any(not e.name.startswith(".") for e in os.scandir(folder) if e.is_file())
    except FileNotFoundError:
        return False


def drop(folder: Path, number: int, process: subprocess.Popen) -> float:
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    case["journalnummer"] = f"2026-{number:04d}"
    data = json.dumps(case, ensure_ascii=False).encode("utf-8")
    with open(folder / "inbox" / f"sak-{number}.json", "wb") as handle:
        handle.write(data)
    dropped = time.perf_counter()
    wait(lambda: first_document(folder / "outbox" / case["journalnummer"]), process)
    latency = time.perf_counter() - dropped
    wait(lambda: (folder / "archive" / f"sak-{number}.json").exists(), process, poll=0.02)
    return latency


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drops", type=int, default=20)
    parser.add_argument("--polling", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="watch-latency-") as tmp:
        folder = Path(tmp)
        process = start(folder, layout(folder), args.polling)
        try:
            drop(folder, 0, process)  # warm-up
            latencies = [drop(folder, n, process) for n in range(1, args.drops + 1)]
        finally:
            process.terminate()
            process.wait(timeout=DEADLINE_S)
    prefix = "watch_latency_polling" if args.polling else "watch_latency"
    print(f"{prefix}_p50_s: {percentile(latencies, 0.50):.3f}")
    print(f"{prefix}_p95_s: {percentile(latencies, 0.95):.3f}")
    print(f"{prefix}_max_s: {max(latencies):.3f}")
    print(f"{prefix}_drops: {len(latencies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
