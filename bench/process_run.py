"""One `omsorgspakke run` as a new process, measured whole: wall time, CPU, memory, summary.

CPU is user + system time of the process and every process it waited for (its workers),
from getrusage(RUSAGE_CHILDREN) before and after. Memory is sampled every 50 ms as the sum
of the resident sizes of the process and all its descendants (/proc, Linux), so two workers
count twice their libraries: an upper bound of what the run holds at once.

The program's own modules are byte-compiled first (byte_compiled), as pip does when it
installs a package: a checkout run with PYTHONDONTWRITEBYTECODE (as here and in CI) would
otherwise compile every module from source at every start (some 0.1 s), which no installed
service does.
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from . import workspace

LAUNCH = "import sys; from omsorgspakke_docs.cli import main; sys.exit(main(sys.argv[1:]))"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@cache
def byte_compiled() -> None:
    """The package's modules compiled once, into __pycache__ (not kept in git)."""
    compileall.compile_dir(str(workspace.ROOT / "omsorgspakke_docs"), quiet=1)


@dataclass
class Measured:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float | None
    documents_written: int
    cases: int
    finished: bool = True


def run(root: Path, today: date, export: Path, workers: int | None = None,
        stop_after_s: float | None = None) -> Measured:
    """Copy export into root's inbox and run `omsorgspakke run --json` on it as a new process.

    stop_after_s: end the run (SIGTERM to its group) after that long; finished says whether
    it ended by itself.
    """
    byte_compiled()
    settings = workspace.settings(root)
    target = settings.paths.inbox / export.name
    if not target.exists():
        # A copy, not a hard link: the inbox leaves a file with other links alone (issue 11).
        shutil.copyfile(export, target)
    env = dict(os.environ)
    if workers is not None:
        env["OMSORGSPAKKE_WORKERS"] = str(workers)
    command = [sys.executable, "-c", LAUNCH, "run", "--json",
               "--config", str(root / "omsorgspakke.toml"), "--today", today.isoformat()]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, cwd=workspace.ROOT, start_new_session=True)
    peak, finished = 0, True
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        if stop_after_s is not None and time.perf_counter() - start > stop_after_s:
            os.killpg(process.pid, signal.SIGTERM)
            finished = False
            break
        time.sleep(0.05)
    out = process.communicate()[0]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = json.loads(out) if finished and out.strip() else {}
    if finished and (process.returncode != 0 or summary.get("files_failed")):
        raise RuntimeError(f"the benchmark run failed: exit {process.returncode}")
    if (not summary.get("files_ok", 0) + summary.get("duplicates", 0) if finished
            else target.exists()):
        raise RuntimeError("the benchmark run took no file: it measured nothing")
    return Measured(wall, cpu, round(peak / 2**20, 1) if peak else None,
                    summary.get("documents_written", 0), summary.get("cases", 0), finished)


def _tree_rss(pid: int) -> int:
    """Resident bytes of pid and its descendants, 0 where /proc is not there."""
    proc = Path("/proc")
    if not proc.is_dir():
        return 0
    parents: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(parents.get(current, []))
        try:
            total += int((proc / str(current) / "statm").read_text().split()[1]) * PAGE
        except OSError:
            continue
    return total
