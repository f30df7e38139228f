"""The daily service's figures, each run as a new process and measured whole (process_run.py).

Steady state, on one installation with `cases` cases in their steady state (the journal
records the conversations held so far, generate.Synth history=True: a service that has run
the programme all year, not one taking on 1,000 late cases at once):
- cold: the export processed from an empty state (whole process, default workers), once;
- then REPEATS rounds, interleaved, each a new process on that installation; round r is the
  r-th working day after the cold run:
  next_day: the same cases, exported again, run on that day (a real new day each round:
  the letters and minutes that fall due that day are made, and counted);
  reexport: the same cases with that day as their `eksportert` date, the same day;
  warm: the same export again (other bytes, same content), the same day.
  Each ratio is the median of its repeats over the cold run, wall time (CPU beside it).
Parallel efficiency, on `parallel_cases` cases: PAIRS pairs, interleaved, of a cold run with
one process and one with two (fresh folders each): (one / two) / 2 per pair, the median.
"""

from __future__ import annotations

import copy
import shutil
import statistics
from datetime import date, timedelta
from pathlib import Path

from . import generate, process_run

REPEATS = 3
PAIRS = 3


def measure(folder: Path, today: date, cases: int, parallel_cases: int,
            say=print) -> dict[str, float]:
    figures = steady_state(folder, today, cases, say)
    figures.update(parallel(folder, today, parallel_cases, say))
    return figures


def steady_state(folder: Path, today: date, cases: int, say=print) -> dict:
    people = list(generate.Synth(today, history=True).cases(cases))
    export = generate.write_canonical_list(people, folder / "export.json")
    home = folder / "steady"
    say(f"  kald kjøring, {cases} saker (ny prosess) ...")
    cold = process_run.run(home, today, export)
    runs: dict[str, list[process_run.Measured]] = {"next_day": [], "reexport": [], "warm": []}
    next_day = today
    for round_ in range(1, REPEATS + 1):
        next_day = next_working_day(next_day)
        say(f"  runde {round_} av {REPEATS} ({next_day}): ny dag, ny eksport, samme eksport "
            "igjen ...")
        again = generate.write_canonical_list(people, folder / f"next-{round_}.json",
                                              indent=round_)
        runs["next_day"].append(process_run.run(home, next_day, again))
        newer = copy.deepcopy(people)
        for case in newer:
            case["eksportert"] = next_day.isoformat()
        reexport = generate.write_canonical_list(newer, folder / f"reexport-{round_}.json")
        runs["reexport"].append(process_run.run(home, next_day, reexport))
        warm = generate.write_canonical_list(newer, folder / f"warm-{round_}.json",
                                             indent=round_)
        runs["warm"].append(process_run.run(home, next_day, warm))
    shutil.rmtree(home)
    figures: dict = {
        "cases": cases, "cold_wall_s": round(cold.wall_s, 1), "cold_cpu_s": round(cold.cpu_s, 1),
        "cold_documents": cold.documents_written,
        "cold_docs_per_s": round(cold.documents_written / cold.wall_s, 1),
        "cold_cpu_ms_per_doc": round(cold.cpu_s * 1000 / cold.documents_written, 2),
        "cold_peak_rss_mb": cold.peak_rss_mb,
    }
    names = {"next_day": "next_day_ratio", "reexport": "reexport_ratio",
             "warm": "warm_rerun_ratio"}
    for kind, measured in runs.items():
        wall = statistics.median(m.wall_s for m in measured)
        cpu = statistics.median(m.cpu_s for m in measured)
        figures[names[kind]] = round(wall / cold.wall_s, 3)
        figures[f"{kind}_cpu_ratio"] = round(cpu / cold.cpu_s, 3)
        figures[f"{kind}_wall_s"] = [round(m.wall_s, 2) for m in measured]
        figures[f"{kind}_documents_written"] = [m.documents_written for m in measured]
    return figures


def next_working_day(day: date) -> date:
    """The next Monday to Friday: letters are made on working days only."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def parallel(folder: Path, today: date, cases: int, say=print) -> dict:
    export = generate.write_canonical_list(list(generate.Synth(today, seed=5).cases(cases)),
                                           folder / "parallel.json")
    pairs = []
    for pair in range(1, PAIRS + 1):
        say(f"  par {pair} av {PAIRS}: {cases} saker med 1 og med 2 prosesser ...")
        one = process_run.run(folder / "one", today, export, workers=1)
        shutil.rmtree(folder / "one")
        two = process_run.run(folder / "two", today, export, workers=2)
        shutil.rmtree(folder / "two")
        pairs.append((one, two))
    efficiency = [one.wall_s / two.wall_s / 2 for one, two in pairs]
    return {
        "parallel_efficiency": round(statistics.median(efficiency), 2),
        "parallel_efficiency_pairs": [round(e, 2) for e in efficiency],
        "parallel_cases": cases,
        "parallel_one_wall_s": [round(one.wall_s, 1) for one, _ in pairs],
        "parallel_two_wall_s": [round(two.wall_s, 1) for _, two in pairs],
        "parallel_two_peak_rss_mb": max(two.peak_rss_mb or 0 for _, two in pairs),
    }
