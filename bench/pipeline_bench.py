"""cold_docs_per_s, parallel_efficiency and warm_rerun_ratio, from one synthetic export.

Cold: the export processed from an empty state, once with one process and once with every
core (separate folders). Warm: the same cases again into the all-core installation, as a new
export (other bytes, same content, so the ledger does not take it for a duplicate): nothing
changed, so next to nothing should be written. The one-minute load average after each cold
run is kept: other work on the machine slows one run and not the other, which skews the ratio.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from omsorgspakke_docs.run.parallel import default_workers

from . import generate, workspace


def measure(folder: Path, today: date, cases: int, say=print) -> dict[str, float]:
    workers = default_workers()
    synth = generate.Synth(today)
    people = list(synth.cases(cases))
    export = generate.write_canonical_list(people, folder / "export.json")
    say(f"  kald kjøring, 1 prosess, {cases} saker ...")
    one = workspace.run(folder / "one", today, 1, export)
    shutil.rmtree(folder / "one")
    say(f"  kald kjøring, {workers} prosesser ...")
    every = workspace.run(folder / "all", today, workers, export)
    again = generate.write_canonical_list(people, folder / "export-again.json", indent=1)
    say("  varm kjøring, samme saker på nytt ...")
    warm = workspace.run(folder / "all", today, workers, again)
    shutil.rmtree(folder / "all")
    return {
        "cold_docs_per_s": round(every.docs_per_s, 1),
        "parallel_efficiency": round(one.seconds / every.seconds / workers, 2),
        "warm_rerun_ratio": round(warm.seconds / every.seconds, 3),
        "cold_docs_per_s_1_core": round(one.docs_per_s, 1),
        "cold_s_1_core": round(one.seconds, 1),
        "cold_s_all_cores": round(every.seconds, 1),
        "warm_s": round(warm.seconds, 2),
        "warm_docs_rewritten": warm.summary.documents_written,
        "load_after_1_core": one.load, "load_after_all_cores": every.load,
        "cases": cases,
        "docs_per_case": round(every.summary.documents_written / cases, 1),
        "workers": workers,
    }
