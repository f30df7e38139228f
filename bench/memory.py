"""Memory with a KOSTRA 15F file of 50,000 Individ.

peak_rss_mb_50k: the whole run, `omsorgspakke run` as a new process with its workers
(process_run.py: the sum of the resident sizes of every process of the run, sampled every
50 ms). Every synthetic case qualifies, so the whole file is some four million documents,
hours on two cores: the run is stopped after `seconds` and the figure is the peak until
then, with the workers started and the reader streaming (in-flight cases are bounded, so
memory does not grow with the cases done).

peak_rss_mb_50k_reading: reading alone. The measured process (python -m bench.memory FILE)
does what the pipeline does with each case before rendering: detect the format, stream the
cases, merge each one and decide whether it qualifies; its peak resident size comes from
getrusage(RUSAGE_CHILDREN) once it has ended.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from . import generate, process_run

INDIVID = 50_000


def measure(folder: Path, today: date, seconds: float, individ: int = INDIVID) -> dict:
    export = generate.write_kostra(generate.Synth(today, seed=3).cases(individ),
                                   folder / "kostra-50k.xml", today.year)
    figures = _reading(export, today)
    run = process_run.run(folder / "kostra-run", today, export, stop_after_s=seconds)
    shutil.rmtree(folder / "kostra-run")
    figures.update({"peak_rss_mb_50k": run.peak_rss_mb, "peak_rss_run_s": round(run.wall_s, 1),
                    "peak_rss_run_finished": run.finished})
    return figures


def _reading(export: Path, today: date) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "bench.memory", str(export), today.isoformat()],
                          check=True, capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        raise RuntimeError("an earlier child process used more memory; measure this one first")
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kilobytes elsewhere
    return {"peak_rss_mb_50k_reading": round(peak * scale / 2**20, 1),
            "kostra_individ_read": int(done.stdout.split()[-1])}


def main(path: Path, today: date) -> None:
    from omsorgspakke_docs.domain import qualify
    from omsorgspakke_docs.domain.merge import merge
    from omsorgspakke_docs.intake import detect
    from omsorgspakke_docs.plugins import make_manager

    adapter = detect.detect(make_manager(None), path)
    count = 0
    for case in adapter.read(path):
        qualify.skip_reason(merge(None, case).case, today, 12)
        count += 1
    print(count)


if __name__ == "__main__":
    main(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]))
