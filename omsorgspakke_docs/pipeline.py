"""One export's path, top to bottom: claim, detect, read, merge, plan, render, commit, move.

Every input ends in exactly one place: the archive when all its cases are committed, the
failed folder with a Norwegian note when the file itself is bad. Log lines and the summary
carry counts and pseudonyms only, never names, identity numbers or file contents.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import (caseload, context, detect, inbox, programme, qualify, retention, safety,
               schedule, templatelock)
from .commit import ensure_dir, write_atomic, write_text_atomic
from .config import Settings
from .errors import InputError
from . import idnumber
from .adapters import mapping as mapping_adapters
from .merge import known_case, merge, record_conflicts
from .model import Case
from .plugins import collect, collect_filters
from .render import Renderer, TemplateError
from .safenames import claim_case_folder
from .state import State

log = logging.getLogger("omsorgspakke")

MISSING_LIST = "mangler.txt"
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

    @property
    def exit_code(self) -> int:
        return 1 if self.files_failed else 0

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
        self.renderer = Renderer(settings.paths.templates, collect_filters(pm),
                                 lock=templatelock.load(settings.template_lock))
        self.kinds = collect(pm, "register_document_kinds")
        mapping_adapters.install(pm, settings.paths.mappings)
        templatelock.verify_all(self.renderer, self.kinds)
        self.after_run: list[Callable[[Pipeline, Summary], None]] = [caseload.update]
        """Steps after every input is handled, e.g. the team leader's caseload workbook."""

    # -- the run -------------------------------------------------------------------------
    def run(self) -> Summary:
        paths = self.settings.paths
        summary = Summary()
        retention.apply(self.settings)
        work = inbox.interrupted(paths.inbox) + [
            claimed for p in inbox.pending(paths.inbox) if (claimed := inbox.claim(p))
        ]
        for number, claimed in enumerate(work, start=1):
            ref = file_ref(claimed)
            self.progress(f"Behandler fil {number} av {len(work)} ({ref}) ...")
            self.process_file(claimed, ref, summary)
        for step in self.after_run:
            step(self, summary)
        return summary

    def process_file(self, claimed: Path, ref: str, summary: Summary) -> None:
        paths = self.settings.paths
        try:
            adapter = detect.detect(self.pm, claimed)
            found = 0
            # Streamed, not listed: a KOSTRA file can hold thousands of cases (issue 3).
            for found, case in enumerate(adapter.read(claimed), start=1):
                unknown = getattr(adapter, "updates_only", None)
                if unknown and self.state.load(case.key) is None:
                    raise InputError(unknown, what_to_do=UNKNOWN_CASE_TODO)
                self.process_case(case, summary)
            if not found:
                raise InputError("Filen inneholder ingen saker.")
        except InputError as exc:
            self._failed(claimed, ref, str(exc), exc.what_to_do, summary)
        except TemplateError as exc:
            # The file is fine; a template is not. Keep the file for a re-run after the fix.
            self._failed(
                claimed, ref,
                "Dokumentene kunne ikke lages fordi en mal har en feil: " + str(exc),
                "Be den som har ansvar for malene om å rette malen (omsorgspakke templates "
                "check), og legg så filen i innboksen på nytt.",
                summary,
            )
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
            log.error("fil %s: uventet feil %s\n%s", ref, type(exc).__name__, _trace(exc))
            self._failed(
                claimed, ref,
                f"En uventet feil oppsto under behandlingen ({type(exc).__name__}).",
                "Kontakt IT og oppgi tidspunktet over. Filen kan legges i innboksen på nytt.",
                summary,
            )
        else:
            inbox.archive(claimed, paths.archive)
            summary.files_ok += 1
            log.info("fil %s: behandlet (%s)", ref, adapter.name)

    def _failed(self, claimed, ref, message, what_to_do, summary: Summary) -> None:
        inbox.fail(claimed, self.settings.paths.failed, message, what_to_do)
        summary.files_failed += 1
        summary.failed.append({"fil": ref, "grunn": message})
        log.warning("fil %s: satt til side: %s", ref, message)

    # -- one case ------------------------------------------------------------------------
    def process_case(self, incoming: Case, summary: Summary) -> None:
        key = incoming.key
        assert key is not None, "adapters only deliver cases with a key"
        pseudonym = self.state.pseudonym(key)
        merged = merge(known_case(self.state, incoming), incoming)
        summary.conflicts += len(merged.conflicts)
        case = merged.case
        if problem := idnumber.problem(case.barn.fodselsnummer):
            summary.flagged.append({"sak": pseudonym, "grunn": problem})
            log.warning("%s: %s", pseudonym, problem)
        self.state.save(case)
        reason = qualify.skip_reason(case, self.today, self.settings.qualify_months)
        if reason:
            summary.cases_skipped += 1
            summary.skipped.append({"sak": pseudonym, "grunn": reason})
            log.info("%s: hoppet over: %s", pseudonym, reason)
            return
        folder = self.case_folder(case)
        written = self.render_case(case, folder)
        record_conflicts(folder, merged, self.today)
        summary.cases += 1
        summary.documents_written += written
        summary.case_folders.append(str(folder))
        log.info("%s: %d dokumenter skrevet", pseudonym, written)

    def case_folder(self, case: Case) -> Path:
        pseudonym = self.state.pseudonym(case.key)
        return claim_case_folder(self.settings.paths.outbox, case.journalnummer, pseudonym)

    def render_case(self, case: Case, folder: Path) -> int:
        fixed = self.state.load_plan(case.key)
        plan = schedule.plan_case(case, self.programme, self.settings.schedule, self.today, fixed)
        ctx = context.build(case, plan, self.programme, self.today, self.settings.service,
                            settings=self.settings, pseudonym=self.state.pseudonym(case.key))
        ensure_dir(folder)
        missing: dict[str, list[str]] = {}
        made = []
        for kind in self.kinds:
            for doc in kind.documents(ctx):
                rendered = self.renderer.render(doc)
                target = folder.joinpath(*doc.path.parts)
                if folder.resolve() not in target.resolve().parents:
                    raise TemplateError(f"Dokumentkategorien {kind.name} ga en ugyldig filsti.")
                made.append((target, rendered))
                if rendered.missing:
                    missing[str(doc.path)] = rendered.missing
        if missing and self.settings.documents.strict_missing:
            raise strict_refusal(case, self.state.pseudonym(case.key), missing)
        for target, rendered in made:
            write_atomic(target, rendered.data)
        count = len(made)
        write_text_atomic(folder / MISSING_LIST, missing_report(missing))
        self.state.save_plan(case.key, schedule.fixed_dates(plan))
        return count


def missing_report(missing: dict[str, list[str]]) -> str:
    if not missing:
        return "Alle dokumentene er fylt ut. Ingen opplysninger mangler.\n"
    lines = [
        "Opplysninger som mangler i dokumentene",
        "=======================================",
        "Feltene står som [mangler: ...] i dokumentene. Fyll dem inn for hånd, eller legg",
        "en eksport med opplysningene i innboksen, så lages dokumentene på nytt.",
        "",
    ]
    return "\n".join(lines + missing_lines(missing)) + "\n"


def missing_lines(missing: dict[str, list[str]]) -> list[str]:
    """Per document, the labels of what it lacks: our own words, never a value."""
    lines = []
    for path, labels in sorted(missing.items()):
        lines.append(f"{path}:")
        lines.extend(f"  - {label}" for label in labels)
    return lines


def strict_refusal(case: Case, pseudonym: str, missing: dict[str, list[str]]) -> InputError:
    """[documents] strict_missing: no documents for a case with gaps, and a note saying why.

    The message (also logged) names the case by pseudonym; the note beside the file adds the
    journal number and the list, field labels only."""
    which = f" (journalnummer {case.journalnummer})" if case.journalnummer else ""
    return InputError(
        f"Dokumentene for {pseudonym} ble ikke laget: {len(missing)} av dem mangler "
        "opplysninger, og streng kontroll av manglende opplysninger er slått på.",
        what_to_do="\n".join([
            f"Saken{which} mangler disse opplysningene, per dokument:", "",
            *missing_lines(missing), "",
            "Legg opplysningene inn i fagsystemet, lag en ny eksport og legg den i innboksen. "
            "Vil dere heller få dokumentene med [mangler: ...] der opplysninger mangler, kan IT "
            "sette strict_missing = false under [documents] i konfigurasjonen.",
        ]),
    )


def file_ref(path: Path) -> str:
    """A reference to an input that carries no personal data: a prefix of its SHA-256."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:10]


def _trace(exc: BaseException) -> str:
    """The stack without exception messages, which may quote data."""
    frames = traceback.extract_tb(exc.__traceback__)
    return "".join(f"  {f.filename}:{f.lineno} in {f.name}\n" for f in frames)
