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
together. Rows hold what the workbook shows except names (journal numbers, roles,
documents' paths); the contact person's name is put in from the case, which the state keeps
in cases/. A case no longer shown has its rows removed.

Where the rows are kept: the workbook's reading process keeps every shown case's rows in
one file (state/oversikter/<workbook>.rows: its first line what every row is made from
besides its case, then a line per case with the case's files as the file system knew them,
the days that answer the rows' questions alike and the rows), read at once and written
again only when a case's rows changed, came or went. A process that made a case's
documents keeps that case's rows in a file of its own (<workbook>/<pseudonym>.json: put,
get), which the reading process takes into the one file and removes. Both are a cache: a
line or file cut short, or made from anything else, only makes that case's rows again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.compliance import Finding
from ..rendering.watched_day import WatchedDay, answered_alike, same_answers, unwatched
from .commit import TEMP_PREFIX, ensure_dir, read_state_file, write_atomic
from .incremental import digest

FOLDER = "oversikter"


class Rows:
    """One workbook's kept rows, by case pseudonym."""

    def __init__(self, state_folder: Path, workbook: str):
        self.folder = ensure_dir(Path(state_folder) / FOLDER / workbook)

    def get(self, pseudonym: str, key: str, today: date) -> Any | None:
        """The case's rows when made from the same key and today answers as then, else None."""
        kept = self.read(pseudonym)
        if kept is None or kept.get("key") != key or not same_answers(
                kept.get("answers"), today):
            return None
        return decode(kept.get("rows"))

    def read(self, pseudonym: str) -> dict[str, Any] | None:
        """The case's own file as kept (key, answers, rows encoded), or None."""
        try:
            kept = json.loads(read_state_file(self.folder / f"{pseudonym}.json"))
        except (OSError, ValueError, RecursionError):  # none, or cut short: make them again
            return None
        return kept if isinstance(kept, dict) else None

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

    def clear(self) -> None:
        """Remove every case's own file (and any a killed process left half written)."""
        for name in os.listdir(self.folder):
            if name.startswith(TEMP_PREFIX) or name.endswith(".json"):
                (self.folder / name).unlink(missing_ok=True)


def key_of(common: str, files: list) -> str:
    """The key a case's own file of rows is kept under (Rows.put): what every row is made
    from (common) and the case's files (caseload._files_of)."""
    return digest({"common": common, "files": files})


class KeptRows:
    """One workbook's rows of every shown case, in one file: for the reading process, which
    puts the workbook together (the module's description). A case's line is its pseudonym,
    its files, the days that answer its rows' questions alike (watched_day.answered_alike:
    from the first to before the second, as ordinals) and its rows, apart by tabs (JSON
    writes none): what a case was made from is compared as text, and only the rows taken
    are read."""

    def __init__(self, state_folder: Path, workbook: str, common: str):
        self.rows = Rows(state_folder, workbook)
        self.path = self.rows.folder.parent / f"{workbook}.rows"
        self.common = common
        self._kept: dict[str, str] = {}
        """pseudonym -> its line as read."""
        self._now: dict[str, str] = {}
        """pseudonym -> its line, for the cases shown this time."""
        try:
            lines = read_state_file(self.path).split(b"\n")
        except OSError:  # none, or no file of ours (a pipe, a folder, a link): made again
            lines = []
        if lines and lines[0] == json.dumps(common).encode():
            for line in lines[1:]:
                text = _text(line)
                if text is not None:
                    self._kept[text.split("\t", 1)[0]] = text

    def get(self, pseudonym: str, files: list, today: date) -> Any | None:
        """The case's rows when made from these files and today answers as then (kept in
        the one file, or in the case's own: Rows.put), else None."""
        line = self._kept.get(pseudonym)
        if line is not None:
            found = _from_line(line, json.dumps(files), date.toordinal(today))
            if found is not None:
                self._now[pseudonym] = line
                return found
        own = self.rows.read(pseudonym)
        if own is None or own.get("key") != key_of(self.common, files) or not same_answers(
                own.get("answers"), today):
            return None
        days = answered_alike(own["answers"], today)
        if days is not None:
            self._now[pseudonym] = _line(pseudonym, files, days, own.get("rows"))
        return decode(own.get("rows"))

    def put(self, pseudonym: str, files: list, day: WatchedDay, rows: Any) -> None:
        """Keep the case's rows made now, with the days that answer the questions they
        asked of day alike; not when the day was used as a value."""
        days = answered_alike(day.answers(), unwatched(day))  # not a use of the day
        if days is not None:
            self._now[pseudonym] = _line(pseudonym, files, days, encode(rows))

    def save(self) -> None:
        """Write the one file when a case's rows changed, came or went, and remove the
        cases' own files (taken in, or of cases no longer shown)."""
        if self._kept != self._now:
            text = "\n".join([json.dumps(self.common), *self._now.values()])
            # A cache: lost in a crash, the rows are made again.
            write_atomic(self.path, text.encode("utf-8"), durable=False)
        self.rows.clear()


def _text(line: bytes) -> str | None:
    """A kept line as text; None for one that is not UTF-8 (cut off by a crash inside a
    letter such as «ø»: only that case's rows are made again, not every case's)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _line(pseudonym: str, files: list, days: tuple[int, int], encoded: Any) -> str:
    rows = json.dumps(encoded, ensure_ascii=False)
    return f"{pseudonym}\t{json.dumps(files)}\t{days[0]}\t{days[1]}\t{rows}"


def _from_line(line: str, files: str, today: int) -> Any | None:
    """A line's rows when it was made from files and today is among its days, else None
    (also for a line cut short or not as _line wrote it)."""
    parts = line.split("\t")
    if len(parts) != 5 or parts[1] != files:
        return None
    try:
        if not int(parts[2]) <= today < int(parts[3]):
            return None
        return json.loads(parts[4], object_hook=_decoded)
    except (ValueError, TypeError):
        return None


def _decoded(value: dict) -> Any:
    """decode, for json.loads's object_hook: the innermost values first."""
    if "$dato" in value:
        return date.fromisoformat(value["$dato"])
    if "$funn" in value:
        return Finding(**value["$funn"])
    return value


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
