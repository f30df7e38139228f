"""A throwaway installation for a benchmark: folders, a configuration, a pipeline."""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from omsorgspakke_docs import config
from omsorgspakke_docs.plugins import manager_for
from omsorgspakke_docs.run.pipeline import Pipeline
from omsorgspakke_docs.run.summary import Summary

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("inbox", "outbox", "archive", "failed", "state", "plugins")


def settings(root: Path) -> config.Settings:
    """inbox/, outbox/, ... under root, with the project's own templates and mappings."""
    for name in FOLDERS:
        (root / name).mkdir(parents=True, exist_ok=True)
    path = root / "omsorgspakke.toml"
    path.write_text(
        "[paths]\n"
        f'templates = "{(ROOT / "templates").as_posix()}"\n'
        f'mappings = "{(ROOT / "mappings").as_posix()}"\n',
        encoding="utf-8",
    )
    return config.load(path)


@dataclass
class Run:
    seconds: float
    summary: Summary
    load: float | None = None
    """The one-minute load average when the run ended."""

    @property
    def docs_per_s(self) -> float:
        return self.summary.documents_written / self.seconds


def run(root: Path, today: date, workers: int, *exports: Path) -> Run:
    """Process these exports (copied into the inbox) with this many workers; wall time."""
    logging.getLogger("omsorgspakke").setLevel(logging.ERROR)  # counts come from the summary
    current = settings(root)
    for export in exports:
        shutil.copy(export, current.paths.inbox / export.name)
    pipeline = Pipeline(current, manager_for(current), workers=workers)
    start = time.perf_counter()
    summary = pipeline.run(today)
    seconds = time.perf_counter() - start
    if summary.files_failed or summary.retrying:
        raise RuntimeError(f"the benchmark export was not processed: {summary.as_json()}")
    load = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    return Run(seconds, summary, load)
