"""The outbox workbooks' step on a next day, on its own: what Saksoversikt.xlsx and Til
utsending.xlsx cost once a steady caseload's rows are kept.

A steady state of `cases` cases (generate.Synth history=True, as pipeline_bench) is run
cold and then on the next working day, each as a new process; then, in this process, both
workbooks are made again for that day REPEATS times (their markers removed, so they are
made, not skipped), as the after_batch hook makes them: every case's kept rows read, the
newest export looked up, the sent marks taken in, the workbooks rendered and compared with
what is there (the same bytes: not written again). The first repeat also prepares the two
templates (once per process, as in a run). CPU and wall seconds, each repeat and medians.

    python -m bench.outbox_step [--cases 1000] [--folder DIR]

With --folder, an installation already there (one a run left) is used as it is, for its
newest day (--day): a state copied with `cp -a` has new inodes, which makes every case's
kept rows look changed, so make one in place with this command instead.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from omsorgspakke_docs.documents import caseload, sending
from omsorgspakke_docs.plugins import manager_for
from omsorgspakke_docs.run.workspace import Workspace

from . import generate, process_run, workspace
from .pipeline_bench import next_working_day

REPEATS = 5


def measure(home: Path, day: date, repeats: int = REPEATS) -> list[tuple[float, float]]:
    """Both outbox workbooks made again for day on the installation at home, repeats times:
    (CPU, wall) seconds of each."""
    logging.getLogger("omsorgspakke").setLevel(logging.ERROR)
    settings = workspace.settings(home)
    ws = Workspace.open(settings, manager_for(settings))
    times = []
    for _ in range(repeats):
        for marker in (caseload.MARKER, sending.MARKER):
            (ws.state.folder / marker).unlink(missing_ok=True)
        ws.state.forget_cases()  # as after each batch: nothing shared from the one before
        cpu, wall = time.process_time(), time.perf_counter()
        caseload.update(ws, day)
        sending.update(ws, day)
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    return times


def steady(folder: Path, cases: int, first: date) -> tuple[Path, date]:
    """A cold run and the next working day's, each as a new process; the home and that day."""
    people = list(generate.Synth(first, history=True).cases(cases))
    home = folder / "home"
    process_run.run(home, first, generate.write_canonical_list(people, folder / "cold.json"))
    day = next_working_day(first)
    process_run.run(home, day, generate.write_canonical_list(people, folder / "next.json",
                                                             indent=1))
    return home, day


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--folder", type=Path, help="an installation a run left (its home)")
    parser.add_argument("--day", type=date.fromisoformat, help="with --folder: its last day")
    args = parser.parse_args(argv)
    if args.folder is not None:
        if args.day is None:
            parser.error("--folder needs --day")
        times = measure(args.folder, args.day, args.repeats)
    else:
        with tempfile.TemporaryDirectory(prefix="omsorgspakke-outbox-") as tmp:
            home, day = steady(Path(tmp), args.cases, date(2026, 12, 4))
            times = measure(home, day, args.repeats)
    for number, (cpu, wall) in enumerate(times, start=1):
        print(f"repeat {number}: {cpu:.3f} s CPU, {wall:.3f} s wall")
    rest = times[1:] or times  # the first also prepares the templates
    print(f"median after the first: {statistics.median(c for c, _ in rest):.3f} s CPU, "
          f"{statistics.median(w for _, w in rest):.3f} s wall")


if __name__ == "__main__":
    main()
