"""The day's own letters: stored cases whose documents fall due without a new export.

An invitation and the minutes of its conversation are made [documents]
invitation_days_before ahead of the conversation (documents.due), so a run on a later day
with nothing in the inbox, or `watch` on a new day, must still make those that came into
their window. The record of each case's last documents (store/incremental.py) holds the
questions they asked of the day; a case that today answers as then is passed over without
being read. The others are planned and made again the usual way (case_step, parallel.py),
where only the documents that changed are written: the new invitation dated today, the one
whose conversation has passed removed. A conversation that passed without being held stays
on its date, overdue, until an export of the case says it was not held (the journal may lag)
and moves it.

A case whose programme year is over is out of scope (qualify.py), and its documents stay as
they are, with one exception: the first run after its last day, however late (_year_over),
makes them once more, so its
plan, final evaluation and overview say what was held and what was not, though the journal
sent no export after that day (_shows_the_end). Nothing moves and no letter is made then.

A day whose refresh went through every case without a failure is noted in the state
(DONE_FOR), with what the documents were made with: a later run the same day has nothing to
refresh, since every record made that day answers for that day, and is spared reading every
record again. Not while minutes were left as they are, open in Word or LibreOffice: a run
once they are closed fills them in that day (case_step.prepare_documents). A case whose
documents were made with other code, words, settings or templates (a new release, the
municipality's template changed) is refreshed once, though the day asks nothing new of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from ..domain import qualify
from ..errors import StateDamaged, reason
from ..store.commit import write_atomic
from . import parallel
from .case_step import ISSUED, Rendered, folder_and_plan, year_just_over
from .file_step import TRANSIENT
from .workspace import Workspace

log = logging.getLogger("omsorgspakke")

DONE_FOR = "brev.dag"
"""The day whose letters were last made for every stored case (a cache: lost, the next run
refreshes again)."""


def refresh(ws: Workspace, today: date, workers: int,
            done: Callable[[str, Rendered, bool], None]) -> None:
    """Make again the documents of every stored case the day changes; done gets the case
    folder, what was written, and whether the case's programme year is over (its documents
    made once more to say so, no letter: _shows_the_end), for each case looked at."""
    noted = ws.state.folder / DONE_FOR
    # The day and what its documents were made with: a new release or template the same day
    # refreshes again (Unchanged.due).
    unchanged = parallel.unchanged_for(ws)
    done_for = f"{today.isoformat()} {unchanged.made_with}"
    if _noted_day(noted) == done_for:
        return
    failed = False
    held: list[str] = []  # cases with minutes open in an editor: the day is not done

    def looked_at(folder: str, rendered: Rendered, ended: bool) -> None:
        if rendered.held_open:
            held.append(folder)
        done(folder, rendered, ended)

    try:
        due = list(unchanged.due(today))
        with parallel.CaseRenders(ws, today, workers, move_missed=False,
                                  unchanged=unchanged, expected=len(due)) as renders:
            for pseudonym in due:
                try:
                    _submit(ws, renders, pseudonym, today, looked_at)
                except StateDamaged as exc:  # that case waits for its file to be restored
                    failed = True
                    log.warning("%s: %s", pseudonym, reason(exc),
                                extra={"event": "state_damaged", "case": pseudonym})
                except TRANSIENT:
                    raise
                except Exception as exc:  # noqa: BLE001 - one case must not stop the others
                    failed = True
                    _failed(pseudonym, exc)
    except TRANSIENT:
        raise
    except Exception as exc:  # noqa: BLE001 - from a worker: the next run tries again
        failed = True
        _failed("saker", exc)
    if not failed and not held:
        write_atomic(noted, done_for.encode("ascii"), durable=False)


def _noted_day(path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None


def _submit(ws: Workspace, renders: parallel.CaseRenders, pseudonym: str, today: date,
            done: Callable[[str, Rendered, bool], None]) -> None:
    case = ws.state.load_pseudonym(pseudonym)
    if case is None or case.key is None:
        return
    kind = qualify.skip_kind(case, today, ws.settings.qualify_months)
    if kind == "starter_senere":
        return
    if kind is not None and not year_just_over(ws, case, pseudonym, today) and not (
            _year_over(ws, case, pseudonym, today)
            and not _shows_the_end(ws, renders, case, pseudonym, today)):
        # Out of the programme for every later day too: its documents stay as they are,
        # and its record (a cache) would make it due again each day, read and passed over.
        # An export that brings it back makes it anew. Not before its documents show the
        # end, however long after its last day this first run is (no run for months).
        renders.unchanged.forget(pseudonym)
        return
    if kind is not None and _shows_the_end(ws, renders, case, pseudonym, today):
        return  # its year is over, and its documents say so already: they stay as they are
    folder = folder_and_plan(ws, case, today, move_missed=False)
    # Over by its programme's last day, not by the year a case is taken in for (kind): the
    # day right after the last day is a year to the day after the start, still in that
    # year, and its documents are made once more to say the programme is over.
    end = qualify.last_day(case, ws.settings.schedule.programme_months)
    ended = kind is not None or (end is not None and today > end)
    why = "programmets siste dag er passert" if ended else "nye datoer innen rekkevidde"
    renders.submit(case, folder, _logged(pseudonym, str(folder), done, why, ended))


def _year_over(ws: Workspace, case, pseudonym: str, today: date) -> bool:
    """A case out of scope only because its programme's year is over (not closed in the
    journal), that had documents, however long ago its last day was: as
    case_step.year_just_over without its AFTER_END_MONTHS. Its final documents are made on
    the first run after its last day, whenever that is (a reader's finding: four cases that
    ended between two runs half a year apart kept their plan of before the end)."""
    return qualify.skip_kind(case, today, ws.settings.qualify_months) == "for_gammel" \
        and (ws.state.folder / ISSUED / f"{pseudonym}.json").exists()


def _shows_the_end(ws: Workspace, renders: parallel.CaseRenders, case, pseudonym: str,
                   today: date) -> bool:
    """Whether the documents of a case whose year is over (case_step.year_just_over) were
    made after its last day, or read as if they were: with the words for what was held and
    what was not (its plan, final evaluation and overview). Else they were last made by the
    day up to its last day, or from an export before it: the first run after it makes them
    once more (no letter: rendering/prepare.py), and from then on they stay as they are,
    until an export of the case makes them (case_step). The mark is the record of its
    documents (incremental.py), which is what makes the case due at all: lost, the case is
    not refreshed, as any case whose record is lost."""
    end = qualify.last_day(case, ws.settings.schedule.programme_months)
    return end is None or renders.unchanged.made_on_a_day_like(
        pseudonym, end + timedelta(days=1), today)


def _failed(which: str, exc: Exception) -> None:
    """Logged by pseudonym and kind of error only: a message may quote case data."""
    log.error("%s: brev som forfaller i dag ble ikke laget (%s); prøves igjen ved neste "
              "kjøring", which, type(exc).__name__,
              extra={"event": "refresh_failed", "case": which, "error": type(exc).__name__})


def _logged(pseudonym: str, folder: str, done: Callable[[str, Rendered, bool], None],
            why: str, ended: bool) -> Callable[[Rendered], None]:
    """why: what made the day's documents differ, for the log (IT's, in bokmål); ended:
    the case's year is over, for the summary (no letter is made)."""
    def committed(rendered: Rendered) -> None:
        if rendered.written:
            log.info("%s: %d dokumenter skrevet (%s)", pseudonym, rendered.written, why,
                     extra={"event": "case_refreshed", "case": pseudonym,
                            "documents": rendered.written})
        done(folder, rendered, ended)
    return committed
