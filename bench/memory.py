"""peak_rss_mb_50k: peak memory while a KOSTRA 15F file with 50,000 Individ is read.

The measured process (python -m bench.memory FILE) does what the pipeline does with each case
before rendering: detect the format, stream the cases from the adapter, merge each one and
decide whether it qualifies. The benchmark runs it as a child process and reads its peak
resident size with getrusage(RUSAGE_CHILDREN) once it has ended.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from datetime import date
from pathlib import Path

from . import generate

INDIVID = 50_000


def measure(folder: Path, today: date, individ: int = INDIVID) -> dict[str, float]:
    export = generate.write_kostra(generate.Synth(today, seed=3).cases(individ),
                                   folder / "kostra-50k.xml", today.year)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "bench.memory", str(export), today.isoformat()],
                          check=True, capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak <= before:
        raise RuntimeError("an earlier child process used more memory; measure this one first")
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kilobytes elsewhere
    return {"peak_rss_mb_50k": round(peak * scale / 2**20, 1),
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
