"""Where a cold run's time goes: one process, cProfile, grouped by area.

    python -m bench.profile [--cases 20]

Prints the share of profiled time per area (our modules by name, libraries by package, with
fsync on its own line, since it is waiting for the disk rather than computing), then the
functions with the most time of their own. Profiling slows Python code more than C code, so
read the shares as a ranking, not as exact fractions.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from . import generate, workspace

DISK = ("<built-in method posix.fsync>", "<method '__exit__' of 'sqlite3.Connection' objects>")


def area(filename: str, function: str) -> str:
    if function in DISK:
        return "fsync and SQLite commits (disk)"
    if "omsorgspakke_docs" in filename:
        return "omsorgspakke_docs/" + filename.split("omsorgspakke_docs/")[-1]
    if "site-packages/" in filename:
        return filename.split("site-packages/")[-1].split("/")[0]
    return "Python and C built-ins" if filename == "~" else Path(filename).name


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20)
    args = parser.parse_args(argv)
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="omsorgspakke-profile-") as tmp:
        export = generate.write_canonical_list(generate.Synth(today).cases(args.cases),
                                               Path(tmp) / "export.json")
        profile = cProfile.Profile()
        profile.enable()
        done = workspace.run(Path(tmp) / "work", today, 1, export)
        profile.disable()
    stats = pstats.Stats(profile)
    by_area: Counter = Counter()
    for (filename, _, function), (_, _, own, _, _) in stats.stats.items():
        by_area[area(filename, function)] += own
    total = sum(by_area.values())
    print(f"{args.cases} cases, {done.summary.documents_written} documents, "
          f"{done.seconds:.1f} s under the profiler, load {os.getloadavg()[0]:.1f}")
    for name, seconds in by_area.most_common(20):
        print(f"{seconds / total * 100:5.1f} %  {seconds:7.2f} s  {name}")
    stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
