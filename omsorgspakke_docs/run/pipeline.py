"""One export's path, top to bottom: claim, detect, read, merge, plan, render, commit, move.

Every input ends in exactly one place: the archive when all its cases are committed, the
failed folder with a Norwegian note when the file itself is bad. An error that may pass (a
locked file, a share offline) leaves the file claimed for a retry. The journal (journal.py)
makes the effect exactly-once: the same bytes again are archived as a duplicate, and after a
crash at any point the next start finishes or redoes the work (docs/operations.md). Log lines
and the summary carry counts and pseudonyms only, never names, identity numbers or file
contents.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..adapters.mapping import adapter as mapping_adapters
from ..archive import packages
from ..config import Settings
from ..documents import caseload
from ..domain import idnumber, programme, qualify
from ..domain.merge import known_case, merge, record_conflicts
from ..domain.model import Case
from ..errors import InputError, disk_full, may_pass
from ..errors import reason as passing_error_text
from ..intake import detect, inbox
from ..intake import guards as safety
from ..planning import schedule
from ..planning.bookings import Bookings
from ..plugins import collect, collect_filters
from ..rendering import context
from ..rendering import template_lock as templatelock
from ..rendering.prepare import PreparedCase, prepare
from ..rendering.renderer import Renderer, TemplateError
from ..rendering.watched_day import WatchedDay
from ..store import installation, ledger, retention
from ..store.commit import DocumentWriter, ensure_dir, remove_leftovers, sha256_file
from ..store.issued import Issued
from ..store.ledger import DONE, DUPLICATE, FAILED, RETRY, Journal
from ..store.safenames import claim_case_folder, journal_folder_name
from ..store.state import State
from ..text import Tekst, tekst
from . import parallel

log = logging.getLogger("omsorgspakke")

MISSING_LIST = "mangler.txt"
"""The bokmål name; a nynorsk case folder has manglar.txt (text catalogue, fil.mangler)."""
RUN_ATTEMPTS = 3
"""How often run tries a file that meets an error that may pass, before leaving it for later."""
TRANSIENT = (OSError, sqlite3.OperationalError)
"""Errors from files and the journal; errors.may_pass tells which of them may pass."""
UNKNOWN_CASE_TODO = (
    "Legg først inn en eksport av saken fra fagsystemet, og legg så filen i innboksen på nytt. "
    "Hører filen til en annen kommune eller installasjon, skal den ikke ligge her."
)


@dataclass
class Summary:
    files_ok: int = 0
    files_failed: int = 0
    cases: int = 0
    cases_skipped: int = 0
    documents_written: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    """Pseudonym and reason for each skipped case."""
    failed: list[dict[str, str]] = field(default_factory=list)
    """Pseudonymous file reference and reason for each failed file."""
    case_folders: list[str] = field(default_factory=list)
    conflicts: int = 0
    flagged: list[dict[str, str]] = field(default_factory=list)
    """Pseudonym and problem for each case whose child's identity number is not valid."""
    duplicates: int = 0
    """Files whose exact bytes were processed before: archived, nothing new made."""
    retrying: dict[str, str] = field(default_factory=dict)
    """File reference -> what went wrong, for files left to retry after an error that may pass."""
    new_versions: list[dict[str, str]] = field(default_factory=list)
    """Pseudonym and document for each document someone changed: we wrote beside it."""
    counted: set[str] = field(default_factory=set, repr=False)
    """The case folders in case_folders, to count a case once however often it was tried."""

    @property
    def exit_code(self) -> int:
        return 1 if self.files_failed or self.retrying else 0

    def as_json(self) -> dict:
        return {
            "files_ok": self.files_ok,
            "files_failed": self.files_failed,
            "cases": self.cases,
            "cases_skipped": self.cases_skipped,
            "documents_written": self.documents_written,
            "conflicts": self.conflicts,
            "flagged": self.flagged,
            "skipped": self.skipped,
            "failed": self.failed,
            "duplicates": self.duplicates,
            "retrying": [{"fil": ref, "grunn": why} for ref, why in self.retrying.items()],
            "new_versions": self.new_versions,
        }


Progress = Callable[[str], None]


class Pipeline:
    def __init__(self, settings: Settings, pm, today: date, progress: Progress | None = None):
        self.settings = settings
        self.pm = pm
        self.today = today
        self.progress = progress or (lambda message: None)
        safety.require_safe_parsers()
        self.programme = programme.load(settings.programme_file)
        self.state = State(settings.paths.state)
        safety.restrict_to_owner(settings.paths.state, settings.paths.archive)
        ledger.verify(settings.paths.state, self.state.has_history())
        self.journal = Journal(settings.paths.state)
        self.bookings = Bookings(self.state)
        self.renderer = Renderer(settings.paths.templates, collect_filters(pm),
                                 lock=templatelock.load(settings.template_lock))
        self.kinds = collect(pm, "register_document_kinds")
        self.workers = parallel.default_workers()
        """Processes making a big export's documents (parallel.py); 1 makes them all here."""
        self.disk_full = False
        """The last file met a full disk: run takes no more files (errors.disk_full)."""
        self.renders: parallel.CaseRenders | None = None
        """Where the cases of the file in hand get their documents."""
        templatelock.verify_all(self.renderer, self.kinds)
        mapping_adapters.install(pm, settings.paths.mappings)
        self.after_run: list[Callable[[Pipeline, Summary], None]] = [caseload.update]
        """Steps after every input is handled, e.g. the team leader's caseload workbook."""
        if settings.archive.enabled:
            self.after_run.append(packages.Packages(settings))
        paths = settings.paths  # last, once nothing else refuses: marks a fresh installation
        installation.claim(paths.state, paths.inbox / inbox.WORK_DIR, paths.outbox)

    # -- the run -------------------------------------------------------------------------
    def run(self) -> Summary:
        """Every file now in the inbox, and every file a stopped run left claimed, once."""
        paths = self.settings.paths
        summary = Summary()
        with self.state.lock(), self.journal:
            self.recover()
            retention.apply(self.settings)
            inbox.report_refused(paths.inbox)
            interrupted = inbox.interrupted(paths.inbox)
            work = interrupted + inbox.pending(paths.inbox)
            for number, path in enumerate(work, start=1):
                if self.disk_full:
                    log.error("disken er full: ingen flere filer tas inn før det er frigjort "
                              "plass; kjør på nytt etterpå", extra={"event": "disk_full"})
                    break
                self.progress(f"Behandler fil {number} av {len(work)} ...")
                recovered = path in interrupted
                claimed = path if recovered else self._claim_with_retries(path, summary)
                if claimed is not None:
                    self._handle_with_retries(claimed, summary, recovered)
            self.after_batch(summary)
        return summary

    def recover(self) -> None:
        """At start, under the lock: remove temporary files a killed process left behind.

        Files it left claimed are handled by the caller, like any other file.
        """
        for folder in (self.settings.paths.outbox, self.settings.paths.state,
                       self.settings.paths.failed, self.settings.paths.archive):
            if folder.is_dir():
                remove_leftovers(folder)

    def after_batch(self, summary: Summary) -> None:
        for step in self.after_run:
            try:
                step(self, summary)
            except TRANSIENT as exc:
                # Every input is already where it belongs; the step runs again after the next.
                log.warning("et steg etter behandlingen ble ikke fullført: %s",
                            passing_error_text(exc), extra={"event": "after_run_failed",
                                                            "error": type(exc).__name__})

    def retry_delay(self, attempt: int) -> float:
        watch = self.settings.watch
        return min(watch.retry_max_seconds, watch.retry_first_seconds * 2 ** (attempt - 1))

    def _claim_with_retries(self, path: Path, summary: Summary) -> Path | None:
        for attempt in range(1, RUN_ATTEMPTS + 1):
            try:
                return inbox.claim(path)
            except OSError as exc:
                ref = self.state.pseudonym(path.name, prefix="fil")
                log.warning("fil %s: kunne ikke tas inn: %s", ref, passing_error_text(exc),
                            extra={"event": "claim_failed", "file": ref, "attempt": attempt,
                                   "error": type(exc).__name__})
                if attempt == RUN_ATTEMPTS:
                    summary.retrying[ref] = passing_error_text(exc)
                    return None
                time.sleep(self.retry_delay(attempt))
        return None

    def _handle_with_retries(self, claimed: Path, summary: Summary, recovered: bool) -> None:
        for attempt in range(1, RUN_ATTEMPTS + 1):
            outcome, _ = self.handle(claimed, summary, recovered or attempt > 1)
            if outcome != RETRY or attempt == RUN_ATTEMPTS or self.disk_full:
                return
            time.sleep(self.retry_delay(attempt))

    def handle(self, claimed: Path, summary: Summary, recovered: bool = False) -> tuple[str, str]:
        """Process one claimed file: its outcome (journal.DONE, DUPLICATE, FAILED or RETRY)
        and its reference.

        Bytes the journal has as done are only archived: a duplicate, or, for a file claimed
        earlier (recovered: a crash came between the journal and the move), the original
        finishing its move.
        """
        ref = self.state.pseudonym(claimed.name, prefix="fil")
        try:
            digest = _sha256(claimed)
            ref = digest[:10]
            if self.journal.outcome(digest) != DONE:
                return self.process_file(claimed, ref, summary, digest), ref
            if not recovered:
                self.journal.finished(digest, ref, DUPLICATE)
                summary.duplicates += 1
            return self._archive(claimed, ref, summary, DONE if recovered else DUPLICATE), ref
        except TRANSIENT as exc:
            return self._retry(claimed, None, exc, summary), ref

    def process_file(self, claimed: Path, ref: str, summary: Summary,
                     digest: str | None = None) -> str:
        try:
            digest = digest or _sha256(claimed)
            return self._process(claimed, ref, digest, summary)
        except TRANSIENT as exc:
            return self._retry(claimed, digest, exc, summary)

    def _process(self, claimed: Path, ref: str, digest: str, summary: Summary) -> str:
        try:
            adapter = detect.detect(self.pm, claimed)
            found = 0
            # Streamed, not listed: a KOSTRA file can hold thousands of cases (issue 3).
            # Leaving the block waits until every case's documents are committed.
            with parallel.CaseRenders(self, self.workers) as self.renders:
                for case in adapter.read(claimed):
                    found += 1
                    unknown = getattr(adapter, "updates_only", None)
                    if unknown and self.state.load(case.key) is None:
                        raise InputError(unknown, what_to_do=UNKNOWN_CASE_TODO)
                    self.process_case(case, summary)
            if not found:
                raise InputError("Filen inneholder ingen saker.")
        except InputError as exc:
            return self._failed(claimed, ref, digest, str(exc), exc.what_to_do, summary)
        except TemplateError as exc:
            # The file is fine; a template is not. Keep the file for a re-run after the fix.
            return self._failed(
                claimed, ref, digest,
                "Dokumentene kunne ikke lages fordi en mal har en feil: " + str(exc),
                "Be den som har ansvar for malene om å rette malen (omsorgspakke templates "
                "check), og legg så filen i innboksen på nytt.",
                summary,
            )
        except TRANSIENT as exc:
            if may_pass(exc):
                raise
            return self._failed(  # permanent (errors.py): trying again would not help
                claimed, ref, digest, f"Filen kunne ikke behandles: {passing_error_text(exc)}.",
                "Gi filen et kortere navn og legg den i innboksen på nytt, eller kontakt IT "
                "og oppgi tidspunktet over.", summary)
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
            log.error("fil %s: uventet feil %s\n%s", ref, type(exc).__name__, _trace(exc))
            return self._failed(
                claimed, ref, digest,
                f"En uventet feil oppsto under behandlingen ({type(exc).__name__}).",
                "Kontakt IT og oppgi tidspunktet over. Filen kan legges i innboksen på nytt.",
                summary,
            )
        # Done in the journal before the move: a crash between finds it done and only moves it.
        self.journal.finished(digest, ref, DONE)
        log.info("fil %s: behandlet (%s)", ref, adapter.name)
        return self._archive(claimed, ref, summary, DONE)

    def _archive(self, claimed: Path, ref: str, summary: Summary, outcome: str) -> str:
        inbox.archive(claimed, self.settings.paths.archive)
        summary.retrying.pop(ref, None)
        if outcome == DONE:
            summary.files_ok += 1
        log.info("fil %s: arkivert", ref, extra={"event": "archived", "file": ref,
                                                 "outcome": outcome})
        return outcome

    def _failed(self, claimed, ref, digest, message, what_to_do, summary: Summary) -> str:
        inbox.fail(claimed, self.settings.paths.failed, message, what_to_do,
                   tekst(self.settings.malform))
        self.journal.finished(digest, ref, FAILED)  # for the counts only, so after the move
        summary.retrying.pop(ref, None)
        summary.files_failed += 1
        summary.failed.append({"fil": ref, "grunn": message})
        log.warning("fil %s: satt til side: %s", ref, message,
                    extra={"event": "failed", "file": ref, "outcome": FAILED})
        return FAILED

    def _retry(self, claimed: Path, digest: str | None, exc: BaseException,
               summary: Summary) -> str:
        """An error that may pass: the file stays claimed, to be tried again later."""
        ref = digest[:10] if digest else self.state.pseudonym(claimed.name, prefix="fil")
        attempt = 1
        if digest:
            try:
                attempt = self.journal.retry(digest, ref, type(exc).__name__)
            except TRANSIENT:
                pass
        self.disk_full = disk_full(exc)
        summary.retrying[ref] = passing_error_text(exc)
        log.warning("fil %s: prøves igjen senere (forsøk %d): %s", ref, attempt,
                    passing_error_text(exc),
                    extra={"event": "retry", "file": ref, "attempt": attempt,
                           "error": type(exc).__name__})
        return RETRY

    # -- one case ------------------------------------------------------------------------
    def process_case(self, incoming: Case, summary: Summary) -> None:
        key = incoming.key
        assert key is not None, "adapters only deliver cases with a key"
        pseudonym = self.state.pseudonym(key)
        merged = merge(known_case(self.state, incoming), incoming)
        case = merged.case
        # For staff: the journal number where it is safe to show, else the pseudonym alone.
        which = {"sak": pseudonym, "journalnummer": journal_folder_name(case.journalnummer)}
        if problem := idnumber.problem(case.barn.fodselsnummer):
            summary.flagged.append({**which, "grunn": problem})
            log.warning("%s: %s", pseudonym, problem)
        if merged.conflicts:  # kept until the note is written: a crash must not lose them
            self.state.remember_conflicts(pseudonym, merged.conflicts, merged.sources)
        elif pending := self.state.pending_conflicts(pseudonym):
            merged.conflicts, merged.sources = pending
        if merged.changed:
            self.state.save(case)
        reason = qualify.skip_reason(case, self.today, self.settings.qualify_months)
        if reason:
            summary.cases_skipped += 1
            summary.skipped.append({**which, "grunn": reason})
            log.info("%s: hoppet over: %s", pseudonym, reason)
            return
        folder = self.case_folder(case)
        self.plan_new(case)
        renders = self.renders or parallel.CaseRenders(self)
        renders.submit(case, folder, lambda done: self._rendered(pseudonym, folder, merged,
                                                                 done, summary))

    def _rendered(self, pseudonym: str, folder: Path, merged, done: parallel.CaseResult,
                  summary: Summary) -> None:
        """After a case's documents are committed, here or in a worker."""
        record_conflicts(folder, merged, self.today,
                         tekst(self.settings.for_kommune(merged.case.kommunenummer).malform))
        if merged.conflicts:
            self.state.forget_conflicts(pseudonym)
        summary.conflicts += len(merged.conflicts)  # counted where the note is written
        first = str(folder) not in summary.counted  # a file tried again: each case once
        summary.cases += first
        summary.documents_written += done.written
        summary.new_versions.extend(done.new_versions)
        if first:
            summary.counted.add(str(folder))
            summary.case_folders.append(str(folder))
        log.info("%s: %d dokumenter skrevet", pseudonym, done.written,
                 extra={"event": "case_rendered", "case": pseudonym, "documents": done.written})

    def plan_new(self, case: Case) -> None:
        """A case seen for the first time gets its dates here, in the reading process and in
        order, around its contact person's conversations in other cases (bookings.py). Its
        documents are then made from these dates, wherever that happens."""
        if self.state.has_plan(case.key):
            return
        plan = schedule.plan_case(case, self.programme, self.settings.schedule, self.today, {},
                                  busy=self.bookings.busy(case))
        self.state.save_plan(case.key, schedule.fixed_dates(plan))
        self.bookings.record(case, plan)

    def case_folder(self, case: Case) -> Path:
        pseudonym = self.state.pseudonym(case.key)
        return claim_case_folder(self.settings.paths.outbox, case.journalnummer, pseudonym)

    def prepare_case(self, case: Case) -> PreparedCase:
        """The case's documents, each cleaned, dated (the day it was issued) and fingerprinted
        (rendering/prepare.py), from the plan dates fixed in the state."""
        assert case.key is not None
        pseudonym = self.state.pseudonym(case.key)
        fixed = self.state.load_plan(case.key)
        today = WatchedDay(self.today)  # what the documents ask of the day, for incremental.py
        plan = schedule.plan_case(case, self.programme, self.settings.schedule, today, fixed)
        ctx = context.build(case, plan, self.programme, today, self.settings.service,
                            settings=self.settings, pseudonym=pseudonym)
        issued = Issued(self.state.folder, pseudonym, self.today)
        ctx.issued = issued.date
        prepared = prepare(ctx, self.kinds, self.renderer)
        prepared.fixed, prepared.issued, prepared.answers = fixed, issued, today.answers()
        return prepared

    def render_case(self, case: Case, folder: Path, summary: Summary | None = None,
                    prepared: PreparedCase | None = None) -> int:
        """Write the case's documents that changed; the number written.

        A document whose template and data are unchanged is left untouched; one someone
        changed since we wrote it is kept, and the new version is written beside it.
        """
        prepared = prepared or self.prepare_case(case)
        ensure_dir(folder)
        inside = folder.resolve()
        root = self.settings.paths.outbox
        root = root if root.resolve() in inside.parents else folder
        missing: dict[str, list[str]] = {}
        writer = DocumentWriter(self.journal, root)
        made = []
        for item in prepared.documents:
            doc = item.doc
            target = folder.joinpath(*doc.path.parts)
            if inside not in target.resolve().parents:
                raise TemplateError(f"Dokumentkategorien {item.kind} ga en ugyldig filsti.")
            placed = writer.place(target, item.fingerprint)
            rendered = None if placed.unchanged else self.renderer.render(doc)
            gaps = placed.missing if rendered is None else rendered.missing
            if gaps:
                missing[str(doc.path)] = gaps
            if rendered is not None and self.settings.documents.strict_missing:
                made.append((placed, rendered))  # all or none: written after the check
            elif rendered is not None:  # as they come: the first document is out at once
                writer.write(placed, rendered.data, rendered.missing)
        if missing and self.settings.documents.strict_missing:
            raise strict_refusal(case, self.state.pseudonym(case.key), missing, prepared.ctx.t)
        for placed, rendered in made:
            writer.write(placed, rendered.data, rendered.missing)
        report = missing_report(missing, prepared.ctx.t).encode("utf-8")
        missing_list = prepared.ctx.t("fil.mangler")
        placed = writer.place(folder / missing_list, hashlib.sha256(report).hexdigest())
        if not placed.unchanged:
            writer.write(placed, report, [])
        writer.flush()
        prepared.issued.save()  # after the documents: a crash before dates them again
        dates = schedule.fixed_dates(prepared.ctx.plan)
        if dates != prepared.fixed:
            self.state.save_plan(case.key, dates)
        self._report_new_versions(case, folder, writer.placed, summary)
        return sum(1 for p in writer.placed if p.written and p.path.name != missing_list)

    def _report_new_versions(self, case: Case, folder: Path, committed, summary) -> None:
        pseudonym = self.state.pseudonym(case.key)
        for c in committed:
            if c.written and c.beside:
                document = c.path.relative_to(folder).as_posix()
                log.warning("%s: et dokument var endret av noen andre; ny versjon skrevet ved "
                            "siden av: %s", pseudonym, document,
                            extra={"event": "new_version", "case": pseudonym})
                if summary is not None:
                    summary.new_versions.append({"sak": pseudonym, "dokument": document})


def missing_report(missing: dict[str, list[str]], t: Tekst | None = None) -> str:
    """mangler.txt (manglar.txt in nynorsk): what each document lacks."""
    t = t or tekst()
    if not missing:
        return t("mangler.ingen") + "\n"
    heading = t("mangler.overskrift")
    lines = [heading, "=" * len(heading), t("mangler.forklaring"), ""]
    return "\n".join(lines + missing_lines(missing)) + "\n"


def missing_lines(missing: dict[str, list[str]]) -> list[str]:
    """Per document, the labels of what it lacks: our own words, never a value."""
    lines = []
    for path, labels in sorted(missing.items()):
        lines.append(f"{path}:")
        lines.extend(f"  - {label}" for label in labels)
    return lines


def strict_refusal(case: Case, pseudonym: str, missing: dict[str, list[str]],
                   t: Tekst | None = None) -> InputError:
    """[documents] strict_missing: no documents for a case with gaps, and a note saying why.

    The message (also logged) names the case by pseudonym; the note beside the file adds the
    journal number and the list, field labels only."""
    t = t or tekst()
    which = (t("feil.streng_journalnummer", journalnummer=case.journalnummer)
             if case.journalnummer else "")
    return InputError(
        t("feil.streng", sak=pseudonym, antall=len(missing)),
        what_to_do="\n".join([
            t("feil.streng_liste", hvilken=which), "",
            *missing_lines(missing), "",
            t("feil.streng_gjore"),
        ]),
    )


def file_ref(path: Path) -> str:
    """A reference to an input that carries no personal data: a prefix of its SHA-256."""
    return _sha256(path)[:10]


def _sha256(path: Path) -> str:
    digest = sha256_file(path)
    if digest is None:
        raise FileNotFoundError(errno.ENOENT, "the claimed file is gone")
    return digest


def _trace(exc: BaseException) -> str:
    """The stack without exception messages, which may quote data."""
    frames = traceback.extract_tb(exc.__traceback__)
    return "".join(f"  {f.filename}:{f.lineno} in {f.name}\n" for f in frames)
