"""One claimed inbox file: detect its reader, read its cases, hand each to the case step,
then archive the file, put it aside with a note, or leave it claimed for a retry.

This is the one place that decides what an error means for a file: one that may pass (a
locked file, a share offline, a busy ledger) leaves it claimed for a retry; a bad file, a
broken template or anything unexpected sends it to the failed folder with a Norwegian note.
The ledger (store/ledger.py) makes the effect exactly-once: bytes it has as done are only
archived, and after a crash at any point the next start finishes or redoes the work
(docs/operations.md).
"""

from __future__ import annotations

import errno
import gc
import inspect
import logging
import sqlite3
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ..domain.merge import record_conflicts
from ..domain.model import Case
from ..errors import InputError, StateDamaged, StillBeingWritten, disk_full, may_pass
from ..errors import reason as passing_error_text
from ..intake import detect, inbox
from ..plugins import FRAMES_AT, MAKING, plugin_line
from ..rendering.renderer import TemplateError
from ..store.commit import sha256_file
from ..store.ledger import DONE, DUPLICATE, FAILED, RETRY
from ..text import tekst
from . import parallel
from .case_step import CaseResult, Merged, Rendered, case_key, merge_and_plan
from .workspace import Workspace

log = logging.getLogger("omsorgspakke")

TRANSIENT = (OSError, sqlite3.OperationalError, StateDamaged)
"""Errors from files, the ledger and the state; errors.may_pass tells which of them may pass
(a locked file, a share offline, a full disk, a busy ledger, a damaged state file) and which
are permanent."""
KEPT_CASES = 1_500
"""A file of up to this many cases keeps them from the reading that checks it whole, and
gives each up as it is made; one with more is read a second time to make them, streamed
(read_cases). Counted in cases, not bytes: a case read holds some 7 kB from a KOSTRA file
and some 50 kB from a canonical export with a year's history, so 1,500 hold 10-75 MB,
whatever the format. A 1,000-case export (9 MB) is read once; a second reading costs about
as much as the first (0.2 s there)."""
UNKNOWN_CASE_TODO = (
    "Legg først inn en eksport av saken fra fagsystemet, og legg så filen i innboksen på nytt. "
    "Hører filen til en annen kommune eller installasjon, skal den ikke ligge her."
)


@dataclass
class FileResult:
    """Where one file ended: its outcome (ledger DONE, DUPLICATE, FAILED or RETRY), its
    reference (no personal data), why it failed or waits, and what its cases came to."""

    outcome: str
    ref: str
    reason: str = ""
    cases: list[CaseResult] = field(default_factory=list)
    disk_full: bool = False
    """It met a full disk: no other file will fare better until space is freed."""


def handle_file(ws: Workspace, claimed: Path, today: date, *, recovered: bool = False,
                workers: int = 1) -> FileResult:
    """Process one claimed file, once.

    Bytes the ledger has as done are only archived: a duplicate, or, for a file claimed
    earlier (recovered: a crash came between the ledger and the move), the original
    finishing its move.
    """
    ref = name_ref(ws, claimed)
    digest: str | None = None  # set once the file is ours to process: its retries count
    cases: list[CaseResult] = []
    try:
        seen = _written(claimed)
        found = _sha256(claimed)
        if ws.ledger.outcome(found) == DONE:
            return _archive_known(ws, claimed, found, ref, recovered)
        digest, ref = found, found[:10]
        try:
            reader = read_cases(ws, claimed, today, workers, cases.append)
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
            if isinstance(exc, TRANSIENT) and may_pass(exc):
                raise
            if _written(claimed) != seen:  # cut short by its writer, not bad: read it again
                raise StillBeingWritten() from None
            message, what_to_do = _failure(exc, ref, ws.settings.paths.plugins)
            made = (tekst()("feilmelding.ikke_endret")
                    if isinstance(exc, InputError) and exc.update_only else _made(cases))
            inbox.fail(claimed, ws.settings.paths.failed, f"{message}\n{made}",
                       what_to_do, tekst(ws.settings.messages_malform))
            ws.ledger.finished(digest, ref, FAILED)  # for the counts only, so after the move
            log.warning("fil %s: satt til side: %s", ref, message,
                        extra={"event": "failed", "file": ref, "outcome": FAILED})
            return FileResult(FAILED, ref, message, cases)
        if _written(claimed) != seen:
            # Its writer went on while it was read (a run taking a file still being copied):
            # what was read is merged, and the whole file is read again (redo is harmless).
            raise StillBeingWritten()
        # Done in the ledger before the move: a crash between finds it done and only moves it.
        ws.ledger.finished(digest, ref, DONE)
        log.info("fil %s: behandlet (%s)", ref, reader,
                 extra={"event": "processed", "file": ref, "outcome": DONE})
        _archive(ws, claimed, ref, DONE)
        return FileResult(DONE, ref, cases=cases)
    except TRANSIENT as exc:
        return _retry(ws, digest, ref, exc, cases)


def read_cases(ws: Workspace, claimed: Path, today: date, workers: int,
               done: Callable[[CaseResult], None]) -> str:
    """Detect, read the whole file, and for each case merge and plan (case_step) then
    render; done gets each case's result. Returns, with the adapter's name, once every case
    is committed."""
    adapter = detect.detect(ws.pm, claimed, ws.adapters, ws.settings)
    size = claimed.stat().st_size
    # The whole file is read and checked before any of its cases gets documents: a row that
    # cannot be read refuses the file with none of its cases made. A file of up to
    # KEPT_CASES cases keeps them from that reading; a larger one (a KOSTRA file of
    # thousands, issue 3) is read again, streamed, so that only one case is held at a time.
    kept = _read_whole(ws, adapter, claimed, today)
    if kept is not None:
        gc.freeze()  # the cases held, and all before them, left out of collections (_paused)
    try:
        return _make(ws, adapter, claimed, kept, today, workers, done,
                     large=size >= parallel.LARGE_INPUT)
    finally:
        if kept is not None:
            gc.unfreeze()


def _make(ws: Workspace, adapter, claimed: Path, kept: list[Case] | None, today: date,
          workers: int, done: Callable[[CaseResult], None], large: bool) -> str:
    """Each case merged and planned (case_step), then rendered: those kept, or the file's
    read again. Returns the adapter's name once every case is committed. An export with no
    export date is taken as made no later than its file was last written (merge.journal_word):
    the file's modification time, which the claim (a rename) keeps."""
    damaged: StateDamaged | None = None
    written = datetime.fromtimestamp(claimed.stat().st_mtime, UTC)
    # Minutes sent back are no export: the day they were read is not an export's.
    export = getattr(adapter, "updates_only", None) is None
    # Leaving the block waits until every case's documents are committed.
    expected = len(kept) if kept is not None else None
    with parallel.CaseRenders(ws, today, workers, large=large, expected=expected) as renders:
        for incoming in _given_up(kept) if kept is not None else adapter.read(claimed):
            try:
                merged = merge_and_plan(ws, incoming, today, renders.unchanged.plans_with,
                                        written, export=export)
                if merged.folder is None:
                    done(CaseResult(merged.which, merged.flag, merged.skip))
                    continue
                folder, made_with = merged.folder, renders.unchanged.made_with
                known = ws.readings.checked(merged.pseudonym, folder, made_with)
                checked = renders.submit(merged.case, folder,
                                         _committed(ws, merged, today, done), known)
                ws.readings.keep_checked(merged.pseudonym, folder, made_with, checked)
            except StateDamaged as exc:  # that case waits; the file's other cases go on
                damaged = damaged or exc
                _case_waits(ws, incoming, exc)
    if damaged is not None:  # the file waits too, its other cases done (a redo skips them)
        raise damaged
    ws.state.sync()  # the merged cases durable before the ledger records the file as done
    ws.readings.save()
    return adapter.name


def _read_whole(ws: Workspace, adapter, claimed: Path, today: date) -> list[Case] | None:
    """Every case of the file read and checked, none of them made: the cases, or None for a
    file of more than KEPT_CASES. A file with no cases, a case that cannot be read and (for
    an adapter that only updates cases, such as minutes) a case the program does not know
    refuse it, and so does a case the adapter refuses on this day, knowing what the state
    has of it (`refuses`: minutes held on a day still to come, an older copy of minutes
    read)."""
    unknown = getattr(adapter, "updates_only", None)
    refuses = _refuses(adapter)
    cases: list[Case] | None = []
    found = 0
    with _paused() as resume, _update_only(unknown is not None):
        for incoming in adapter.read(claimed):
            found += 1
            is_known, known = _known(ws, incoming) if unknown or refuses else (True, None)
            if unknown and not is_known:
                raise InputError(unknown, what_to_do=UNKNOWN_CASE_TODO)
            if refuses is not None and (refused := refuses(incoming, today, known)):
                raise refused
            if cases is not None:
                cases.append(incoming)
                if len(cases) > KEPT_CASES:
                    cases = None  # too many to hold: read again, streamed
                    resume()
    if not found:
        raise InputError("Filen inneholder ingen saker.")
    return cases


@contextmanager
def _update_only(update: bool) -> Iterator[None]:
    """An InputError from a file that only adds to a case says so (InputError.update_only)."""
    try:
        yield
    except InputError as exc:
        exc.update_only = update
        raise


@contextmanager
def _paused() -> Iterator[Callable[[], None]]:
    """The cycle collector paused while cases are read to be held: each time it runs it goes
    through every object held, finds nothing to free in cases read, and cost as much as the
    reading itself (1,000 canonical cases: 0.12 s), and as much again for every later case
    made while they were held (read_cases freezes them: gc.freeze). Yields resume, for a
    file whose cases are let go of (more than KEPT_CASES)."""
    enabled = gc.isenabled()
    gc.disable()

    def resume() -> None:
        if enabled:
            gc.enable()

    try:
        yield resume
    finally:
        resume()


def _given_up(cases: list[Case]) -> Iterator[Case]:
    """The cases in order, each let go of as it is taken: a case made is not held on to
    until the file's last one is."""
    cases.reverse()
    while cases:
        yield cases.pop()


def _refuses(adapter) -> Callable[[Case, date, Case | None], InputError | None] | None:
    """The adapter's optional refuses(case, today, known); one written for refuses(case,
    today) (before known was given) is asked without it."""
    refuses = getattr(adapter, "refuses", None)
    if refuses is None:
        return None
    try:
        positional = [p for p in inspect.signature(refuses).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]
        takes_known = len(positional) >= 3 or any(p.kind == p.VAR_POSITIONAL for p in positional)
    except (TypeError, ValueError):
        takes_known = True
    if takes_known:
        return refuses
    return lambda case, today, known: refuses(case, today)


def _known(ws: Workspace, case: Case) -> tuple[bool, Case | None]:
    """Whether the state knows the case, and what it knows: a case whose file is damaged
    is known (it waits when it is made), with nothing to compare with."""
    try:
        known = ws.state.load(case_key(case))
    except StateDamaged:
        return True, None
    return known is not None, known


def _case_waits(ws: Workspace, case, exc: StateDamaged) -> None:
    pseudonym = ws.state.pseudonym(case_key(case))
    log.warning("%s: venter: %s", pseudonym, passing_error_text(exc),
                extra={"event": "state_damaged", "case": pseudonym,
                       "error": type(exc).__name__})


def _committed(ws: Workspace, merged: Merged, today: date,
               done: Callable[[CaseResult], None]) -> Callable[[Rendered], None]:
    """What follows a case's committed documents, here or in a worker: the note on
    disagreeing exports, then its result."""
    folder = merged.folder
    assert folder is not None

    def committed(rendered: Rendered) -> None:
        pseudonym = merged.pseudonym
        if merged.merged.conflicts:
            record_conflicts(folder, merged.merged, today,
                             tekst(ws.settings.for_kommune(merged.case.kommunenummer).malform),
                             detect.labels(ws.adapters))
            ws.state.forget_conflicts(pseudonym)
        # A case whose documents were all as before is logged at debug level: a daily
        # export of a thousand such cases would otherwise log a thousand lines that say so.
        log.log(logging.INFO if rendered.written else logging.DEBUG,
                "%s: %d dokumenter skrevet", pseudonym, rendered.written,
                extra={"event": "case_rendered", "case": pseudonym,
                       "documents": rendered.written})
        done(CaseResult(merged.which, merged.flag, None, folder, rendered,
                        len(merged.merged.conflicts)))

    return committed


def _failure(exc: Exception, ref: str, plugins: Path | None = None) -> tuple[str, str]:
    """What the note beside a failed file says: the message and what to do. An unexpected
    error raised in a local plugin names the plugin's file and line (as check --sample
    does), and what it was doing: reading the file (an adapter), or making documents of a
    kind (plugins.MAKING); never the error's message, which may quote the file."""
    if isinstance(exc, InputError):
        return str(exc), exc.what_to_do
    if isinstance(exc, TRANSIENT):  # permanent (errors.may_pass): trying again would not help
        return (f"Filen kunne ikke behandles: {passing_error_text(exc)}.",
                "Gi filen et kortere navn og legg den i innboksen på nytt, eller kontakt IT "
                "og oppgi tidspunktet og referansen nedenfor.")
    if isinstance(exc, TemplateError):
        # The file is fine; a template is not. Keep the file for a re-run after the fix.
        return ("Dokumentene kunne ikke lages fordi en mal har en feil: " + str(exc),
                "Be den som har ansvar for malene om å rette malen (omsorgspakke templates "
                "check), og legg så filen i innboksen på nytt.")
    log.error("fil %s: uventet feil %s\n%s", ref, type(exc).__name__, _trace(exc))
    found = plugin_line(exc, plugins)
    kind = getattr(exc, MAKING, None)
    if found is not None and kind is not None:  # a document kind, not an adapter
        name, line = found
        said = tekst()  # bokmål: the note is said in the service's standard (inbox.fail)
        return (said("feilmelding.programtillegg_dokument", fil=name,
                     type=type(exc).__name__, linje=line, dokumenttype=kind),
                said("feilmelding.programtillegg_dokument_gjore"))
    if found is not None:
        name, line = found
        return (f"Programtillegget {name} stoppet med {type(exc).__name__} på linje {line} "
                "da filen ble lest.",
                "Be IT rette programtillegget: en adapter skal kaste InputError med en norsk "
                "melding for en fil den ikke kan lese (docs/adapters.md). Legg så filen i "
                "innboksen på nytt.")
    return (f"En uventet feil oppsto under behandlingen ({type(exc).__name__}).",
            "Kontakt IT og oppgi tidspunktet og referansen nedenfor. Filen kan legges i "
            "innboksen på nytt.")


def _made(cases: list[CaseResult]) -> str:
    """What a refused file's note says of its cases: none got documents (the file is read
    whole first), or, when making them failed part-way (a template error, a case refused by
    strict_missing), which ones did: by journal number, else by pseudonym."""
    made = [c.which.get("journalnummer") or c.which.get("sak") or ""
            for c in cases if c.rendered is not None and c.rendered.written]
    if not made:
        return tekst()("feilmelding.ingen_dokumenter")
    return tekst()("feilmelding.noen_dokumenter", saker=", ".join(made))


def _archive_known(ws: Workspace, claimed: Path, digest: str, ref: str,
                   recovered: bool) -> FileResult:
    """Bytes the ledger has as done: a duplicate, or a recovered file finishing its move."""
    outcome = DONE if recovered else DUPLICATE
    if not recovered:
        ws.ledger.finished(digest, digest[:10], DUPLICATE)
    _archive(ws, claimed, digest[:10], outcome)
    return FileResult(outcome, digest[:10])


def _archive(ws: Workspace, claimed: Path, ref: str, outcome: str) -> None:
    inbox.archive(claimed, ws.settings.paths.archive)
    log.info("fil %s: arkivert", ref, extra={"event": "archived", "file": ref,
                                             "outcome": outcome})


def _retry(ws: Workspace, digest: str | None, ref: str, exc: BaseException,
           cases: list[CaseResult]) -> FileResult:
    """An error that may pass: the file stays claimed, to be tried again later."""
    attempt = 1
    if digest:
        try:
            attempt = ws.ledger.retry(digest, ref, type(exc).__name__)
        except TRANSIENT:
            pass
    # A full disk is said once by the loop (pipeline.py, watch.py), not at every try.
    log.log(logging.INFO if disk_full(exc) else logging.WARNING,
            "fil %s: prøves igjen senere (forsøk %d): %s", ref, attempt,
            passing_error_text(exc),
            extra={"event": "retry", "file": ref, "attempt": attempt,
                   "error": type(exc).__name__})
    return FileResult(RETRY, ref, passing_error_text(exc), cases, disk_full=disk_full(exc))


def _written(path: Path) -> tuple[int, int]:
    """Size and modification time: what changes while a writer is still at the file."""
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def name_ref(ws: Workspace, path: Path) -> str:
    """A reference to a file by its name, before its content is read: a pseudonym. A name in
    another encoding than UTF-8 (a file copied in from another system; on Windows, a lone
    surrogate) by its bytes."""
    name = path.name.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
    return ws.state.pseudonym(name, prefix="fil")


def file_ref(path: Path) -> str:
    """A reference to an input that carries no personal data: a prefix of its SHA-256."""
    return _sha256(path)[:10]


def _sha256(path: Path) -> str:
    digest = sha256_file(path)
    if digest is None:
        raise FileNotFoundError(errno.ENOENT, "the claimed file is gone")
    return digest


def _trace(exc: BaseException) -> str:
    """The stack without exception messages, which may quote data; an error from a worker
    process with the worker's frames below the reading process's (plugins.carry_where)."""
    frames = traceback.extract_tb(exc.__traceback__)
    here = "".join(f"  {f.filename}:{f.lineno} in {f.name}\n" for f in frames)
    worker = getattr(exc, FRAMES_AT, None)
    return here + (worker if isinstance(worker, str) else "")
