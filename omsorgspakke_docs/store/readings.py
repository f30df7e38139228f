"""A case read again as it was is recognised before it is merged or planned.

A journal exports its open cases again and again, nearly all as before. Merging such a case
into the state changes nothing but its export date; planning it again on the same day gives
the same dates; and the first incremental step (incremental.py) digests the case and its
plan again to find its documents' inputs as recorded. Together that was most of what a
rerun or a re-export of a steady caseload cost.

The reading process keeps one record per case of its last reading:

- a digest of the case as the export brought it, less what only merging uses
  (merge.MERGE_ONLY), and the case file the merge left in the state, as the file system
  knows it (State.case_version: every save is a new file);
- whether that merged case is the export's case itself (as_input), and its export date;
- the days its last planning holds for, what plans were made with then, its meetings in
  its contact person's bookings then (Bookings.booked), and the plan file then
  (State.plan_version);
- what the first incremental step found for its documents (incremental.Checked: their
  inputs digest and, when they were as before, the proof) and what that was worked out for.

Read again with the same digest while its case file is as recorded, the case merges to what
the state has, apart from a newer export date: it is not merged, and not saved. The newer
export date is kept in the record, and a later merge starts from it (newest_export); a
change saves it with the case. On a day its last planning holds for (PlannedDays: the day
it was planned, and the days after it that answer the planner's questions alike, such as
whether a kept date has passed), with its plan file, its meetings in the bookings
(case_step checks them) and the code, settings and programmes as recorded, it is not
planned: a steady caseload's next day plans only the cases whose plans that day can change.
Its documents' inputs, and the proof that
they were as before, are taken from the record while the case file, plan file, folder and
templates are as they were (the proof also needs the case folders and the incremental
record as they were, and the day's answers the same). Anything
else goes the usual way, and the record is made anew. A case with disagreements between
exports, or with such a note still to write, gets no record and is always merged.

The records are a cache: one file (FILE), written once per input, not flushed to disk.
Lost or damaged, the next run merges and plans every case as usual.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.merge import MERGE_ONLY, MergeResult, stated_open
from ..domain.model import Case
from .commit import read_state_file, write_atomic
from .incremental import Checked

FILE = "lest.json"


@dataclass(frozen=True)
class PlannedDays:
    """The days a case's planning gives the same plan (case_step.plan), as ordinals from
    first to before end, what plans were made with then (incremental.Unchanged), and the
    case's meetings its planning left in the bookings."""

    first: int
    end: int
    plans_with: str
    booked: str
    """The case's meetings in its contact person's bookings then (bookings.Bookings.booked)."""
    bookings_file: list[int] | None
    """That file as the file system knew it when they were last compared (Bookings.version):
    while it is the same file, the meetings are not read again."""
    known_until: str | None = None
    """The last export day the planning holds for (schedule.CasePlan.known_until, ISO): a
    newer export could know of a conversation it took as not yet recorded."""


def input_digest(incoming: Case) -> str:
    """The case as the export brought it, less what only merging uses. An end date the
    export states is empty (merge.stated_open: given as null) is part of it, though the
    dump reads it as one left out: it reopens the case, which one left out does not."""
    text = incoming.model_dump_json(exclude=MERGE_ONLY)
    if opened := stated_open(incoming):
        text += json.dumps(opened)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Readings:
    def __init__(self, state):
        self.state = state
        self.path: Path = state.folder / FILE
        self._records: dict[str, dict[str, Any]] | None = None
        self._changed = False

    # -- merging ---------------------------------------------------------------------------
    def recall(self, pseudonym: str, incoming: Case, digest: str) -> MergeResult | None:
        """What merging the case would give, without merging, when the case was read before
        as it is now (digest: input_digest) and the state's case is as that reading left
        it; else None."""
        record = self._all().get(pseudonym)
        key = incoming.key
        if record is None or key is None or record.get("input") != digest \
                or record.get("case") != self.state.case_version(key) \
                or self.state.has_pending_conflicts(pseudonym):
            return None
        case = incoming if record.get("as_input") else self.state.load(key)
        if case is None:
            return None
        newest = _newest(incoming.eksportert, _day(record.get("eksportert")))
        if case.eksportert != newest:
            case = case.model_copy(update={"eksportert": newest})
        if newest != _day(record.get("eksportert")):
            record["eksportert"] = newest.isoformat() if newest else None
            self._changed = True
        return MergeResult(case, changed=False, shown=False)

    def newest_export(self, pseudonym: str, known: Case | None) -> Case | None:
        """The state's case with the newest export date a recalled reading brought, for a
        merge: a re-export that changes nothing else is not saved (recall)."""
        if known is None:
            return known
        newest = self.newest_export_date(pseudonym, known.eksportert)
        return known if newest == known.eksportert else known.model_copy(
            update={"eksportert": newest})

    def newest_export_date(self, pseudonym: str, known: date | None) -> date | None:
        """The newest of known (the case file's export date) and the one a recalled
        reading brought, as newest_export gives it, without a case: what the outbox
        workbooks show (documents/caseload.py newest_export)."""
        record = self._all().get(pseudonym)
        if record is None:
            return known
        return _newest(known, _day(record.get("eksportert")))

    def read_undated(self, pseudonym: str) -> date | None:
        """The day the case was last read from an export without an export date (journals
        whose exports carry none): as new as that export is known to be, for Saksoversikt's
        and Til utsending's «not exported for long» (documents/caseload.py newest_export).
        None when never read so, or the records were lost (a cache: the next reading
        keeps it again)."""
        record = self._all().get(pseudonym)
        return _day(record.get("lest")) if record is not None else None

    # -- planning --------------------------------------------------------------------------
    def planned(self, pseudonym: str, key: str, today: date,
                plans_with: str, exported: date | None = None) -> PlannedDays | None:
        """The days the case's last planning holds for, when today is one of them, plans
        are made with the same (plans_with), its plan file is as then and the case's export
        (exported) was made by the last day it holds for; else None. Only for a case just
        recalled (recall): the same case as then."""
        record = self._all().get(pseudonym) or {}
        found = record.get("planned")
        if not isinstance(found, list) or len(found) != len(fields(PlannedDays)):
            return None  # none, or a record of an earlier version: planned again
        days = PlannedDays(*found)
        if days.first <= today.toordinal() < days.end and days.plans_with == plans_with \
                and record.get("plan") == self.state.plan_version(key) and (
                    days.known_until is None or exported is None
                    or exported.isoformat() <= days.known_until):
            return days
        return None

    def was_planned(self, pseudonym: str) -> bool:
        """Whether the case's last reading planned it (or none is kept: it may have been):
        a case that stops qualifying then has meetings to give back (bookings.release)."""
        record = self._all().get(pseudonym)
        return record is None or record.get("planned") is not None

    # -- the documents' first incremental step -------------------------------------------
    def checked(self, pseudonym: str, folder: Path, made_with: str) -> Checked | None:
        """What the first incremental step found before (the documents' inputs digest, and
        its proof when they were as before), while the case file, plan file, folder and
        templates are as they were; else None."""
        record = self._all().get(pseudonym)
        if record is None:
            return None
        found = record.get("documents")
        if not isinstance(found, dict) or found.get("for") != _for(record, folder, made_with):
            return None
        return Checked(found["inputs"], found.get("proof"))

    def keep_checked(self, pseudonym: str, folder: Path, made_with: str,
                     checked: Checked) -> None:
        record = self._all().get(pseudonym)
        if record is not None:
            entry = {"for": _for(record, folder, made_with), "inputs": checked.inputs,
                     "proof": checked.proof}
            if record.get("documents") != entry:
                record["documents"] = entry
                self._changed = True

    def forget_checked(self, pseudonym: str) -> None:
        """The case's folder moved (an earlier release named it after an identity number:
        run/case_step.py bring_earlier_folders): what the first step found there is for a
        folder that is gone, and names it. Dropped and saved at once (the day's refresh
        saves no reading)."""
        record = self._all().get(pseudonym)
        if record is not None and record.pop("documents", None) is not None:
            self._changed = True
            self.save()

    # -- the records -----------------------------------------------------------------------
    def keep(self, pseudonym: str, incoming: Case, digest: str, merged: MergeResult,
             recalled: bool, planned: PlannedDays | None, today: date | None = None) -> None:
        """After the case was merged or recalled, and planned when it qualifies: its
        record, or none when the merge found disagreements or the case is kept under
        another key. today: the day it was read; kept for an export without an export date
        (read_undated), the newest such reading's."""
        records = self._all()
        case = merged.case
        key = incoming.key
        if merged.conflicts or key is None or case.key != key or (
                self.state.has_pending_conflicts(pseudonym)):
            if records.pop(pseudonym, None) is not None:
                self._changed = True
            return
        old = records.get(pseudonym, {})
        record = {
            "input": digest,
            "case": self.state.case_version(key),
            "as_input": old.get("as_input") if recalled else _as_input(incoming, case),
            "eksportert": case.eksportert.isoformat() if case.eksportert else None,
            "planned": list(astuple(planned)) if planned else None,
            "plan": self.state.plan_version(key) if planned else None,
        }
        undated = today.isoformat() if incoming.eksportert is None and today else None
        if undated or old.get("lest"):
            record["lest"] = max(filter(None, (undated, old.get("lest"))))
        if "documents" in old:
            record["documents"] = old["documents"]  # valid only for the same files (_for)
        if record != old:
            records[pseudonym] = record
            self._changed = True

    def save(self) -> None:
        """Once per input, when anything changed; a cache, so not flushed to disk."""
        if self._records is not None and self._changed:
            text = json.dumps(self._records, separators=(",", ":"), sort_keys=True)
            write_atomic(self.path, text.encode("utf-8"), durable=False)
            self._changed = False

    def _all(self) -> dict[str, dict[str, Any]]:
        if self._records is None:
            try:
                found = json.loads(read_state_file(self.path))
            except (OSError, ValueError, RecursionError):  # none yet, cut short: as none
                found = {}
            self._records = found if isinstance(found, dict) else {}
        return self._records


def _as_input(incoming: Case, case: Case) -> bool:
    """The merged case is the export's case itself, apart from what only merging uses."""
    return case is incoming or case.model_dump(mode="json", exclude=MERGE_ONLY) == \
        incoming.model_dump(mode="json", exclude=MERGE_ONLY)


def _for(record: dict[str, Any], folder: Path, made_with: str) -> list[Any]:
    return [record.get("case"), record.get("plan"), str(folder), made_with]


def _newest(incoming: date | None, kept: date | None) -> date | None:
    """The export date merging keeps: the incoming one unless it is older or missing."""
    if incoming is None or (kept is not None and incoming < kept):
        return kept
    return incoming


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
