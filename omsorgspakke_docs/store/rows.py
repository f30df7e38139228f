"""Each stored case's rows in an outbox workbook, kept from one run to the next.

Saksoversikt and Til utsending show every stored case as it stands today, so they are made
again on each new day; building every case's plan and context for them was most of what a
steady day cost. A case's rows are kept here (state/oversikter/<workbook>/<pseudonym>.json)
with what they were made from (the case, plan and issue-date files as the file system knows
them, the workbook's standard, settings, programme, templates and code: `key`) and the
questions they asked of the day (rendering/watched_day.py). The next day, rows whose key is
the same and whose questions the day answers as before are taken as they are; only the
others are made again.

So rows ask the day questions and never use it as a value: what counts days from today
("3 dager over fristen") is worked out from a date in the row when the workbook is put
together. Rows hold what the workbook shows (journal numbers, the contact person's name),
like the workbook itself; a case no longer stored has its rows removed (prune).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.compliance import Finding
from ..rendering.watched_day import WatchedDay, same_answers
from .commit import TEMP_PREFIX, ensure_dir, write_atomic

FOLDER = "oversikter"


class Rows:
    """One workbook's kept rows, by case pseudonym."""

    def __init__(self, state_folder: Path, workbook: str):
        self.folder = ensure_dir(Path(state_folder) / FOLDER / workbook)

    def get(self, pseudonym: str, key: str, today: date) -> Any | None:
        """The case's rows when made from the same key and today answers as then, else None."""
        try:
            kept = json.loads((self.folder / f"{pseudonym}.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):  # none, or cut short: make them again
            return None
        if not isinstance(kept, dict) or kept.get("key") != key or not same_answers(
                kept.get("answers"), today):
            return None
        return decode(kept.get("rows"))

    def put(self, pseudonym: str, key: str, day: WatchedDay, rows: Any) -> None:
        """Keep the rows and the questions they asked of day; not when the day was used as
        a value (a row holding the day itself counts: it is encoded first)."""
        encoded = encode(rows)
        answers = day.answers()
        if answers is None:
            return
        text = json.dumps({"key": key, "answers": answers, "rows": encoded}, ensure_ascii=False)
        # A cache: lost in a crash, the rows are made again.
        write_atomic(self.folder / f"{pseudonym}.json", text.encode("utf-8"), durable=False)

    def prune(self, pseudonyms: set[str]) -> None:
        """Remove the rows of cases that are no longer stored (or no longer shown)."""
        for name in os.listdir(self.folder):
            if name.startswith(TEMP_PREFIX) or name.removesuffix(".json") not in pseudonyms:
                (self.folder / name).unlink(missing_ok=True)


def encode(value: Any) -> Any:
    """Rows as JSON: dates and findings tagged, so decode gives back the same values."""
    if isinstance(value, Finding):
        return {"$funn": encode(asdict(value))}
    if isinstance(value, date):
        return {"$dato": value.isoformat()}  # the method: the watched day's use is seen
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "$dato" in value:
            return date.fromisoformat(value["$dato"])
        if "$funn" in value:
            return Finding(**decode(value["$funn"]))
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value
