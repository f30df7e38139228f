"""What a run or a watch tells staff at the end: counts, and cases and files by pseudonym.

The steps return their results (file_step.FileResult, case_step.CaseResult); only the loop
that runs them adds them up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.ledger import DONE, DUPLICATE, FAILED, RETRY
from ..text import Tekst
from .case_step import CaseResult, Rendered
from .file_step import FileResult


@dataclass
class Summary:
    files_ok: int = 0
    files_failed: int = 0
    cases: int = 0
    cases_skipped: int = 0
    documents_written: int = 0
    skipped: list[dict[str, str | None]] = field(default_factory=list)
    """Pseudonym and reason for each skipped case."""
    failed: list[dict[str, str]] = field(default_factory=list)
    """Pseudonymous file reference and reason for each failed file."""
    case_folders: list[str] = field(default_factory=list)
    conflicts: int = 0
    flagged: list[dict[str, str | None]] = field(default_factory=list)
    """Pseudonym and problem for each case whose child's identity number is not valid."""
    duplicates: int = 0
    """Files whose exact bytes were processed before: archived, nothing new made."""
    retrying: dict[str, str] = field(default_factory=dict)
    """File reference -> what went wrong, for files left to retry after an error that may pass."""
    new_versions: list[dict[str, str]] = field(default_factory=list)
    """Pseudonym and document for each document someone changed: we wrote beside it."""
    cases_refreshed: int = 0
    """Cases with no new export whose letters fell due today (run/refresh.py)."""
    documents_refreshed: int = 0
    """Of documents_written, those of cases_refreshed."""
    cases_after_end: int = 0
    """Of cases_refreshed, those whose programme year is over: their documents made once more
    to say what was held and what was not, no letter (run/refresh.py)."""
    documents_after_end: int = 0
    """Of documents_refreshed, those of cases_after_end."""
    counted: set[str] = field(default_factory=set, repr=False)
    """The case folders in case_folders, to count a case once however often it was tried."""
    changed: set[str] = field(default_factory=set, repr=False)
    """The case folders of cases (from exports) that got a document written in this run."""

    @property
    def exit_code(self) -> int:
        return 1 if self.files_failed or self.retrying else 0

    def add(self, result: FileResult) -> None:
        """One file's result; a file retried and then done is no longer waiting."""
        self.retrying.pop(result.ref, None)
        if result.outcome == DONE:
            self.files_ok += 1
        elif result.outcome == DUPLICATE:
            self.duplicates += 1
        elif result.outcome == FAILED:
            self.files_failed += 1
            self.failed.append({"fil": result.ref, "grunn": result.reason})
        elif result.outcome == RETRY:
            self.retrying[result.ref] = result.reason
        for case in result.cases:
            self.add_case(case)

    def add_case(self, case: CaseResult) -> None:
        if case.flag:
            self.flagged.append({**case.which, "grunn": case.flag})
        if case.skip and (skipped := {**case.which, "grunn": case.skip}) not in self.skipped:
            self.cases_skipped += 1  # once for a case two files of the batch both have
            self.skipped.append(skipped)
        if case.rendered is not None and case.folder is not None:
            self.conflicts += case.conflicts  # counted where the note is written
            self.documents_written += case.rendered.written
            self.new_versions.extend(case.rendered.new_versions)
            if str(case.folder) not in self.counted:  # a file tried again: each case once
                self.counted.add(str(case.folder))
                self.cases += 1
                self.case_folders.append(str(case.folder))
            if case.rendered.written:
                self.changed.add(str(case.folder))

    @property
    def cases_unchanged(self) -> int:
        """Cases read from an export whose documents were all as they were: nothing written."""
        return self.cases - len(self.changed)

    def add_refreshed(self, folder: str, rendered: Rendered, ended: bool = False) -> None:
        """A case made again because the day changed its documents, not an export; ended:
        its programme year is over (made once more to say so)."""
        if not rendered.written or folder in self.counted:
            return
        self.counted.add(folder)
        self.cases_refreshed += 1
        if ended:
            self.cases_after_end += 1
            self.documents_after_end += rendered.written
        self.case_folders.append(folder)
        self.documents_written += rendered.written
        self.documents_refreshed += rendered.written
        self.new_versions.extend(rendered.new_versions)

    def as_json(self, t: Tekst | None = None) -> dict:
        """The summary for --json; t: the service's standard, which the reasons of cases
        skipped or flagged are said in, as the console says them (code writes them in
        bokmål: Tekst.said)."""
        said = t.said if t is not None else (lambda text: text)
        return {
            "files_ok": self.files_ok,
            "files_failed": self.files_failed,
            "cases": self.cases,
            "cases_skipped": self.cases_skipped,
            "cases_unchanged": self.cases_unchanged,
            "cases_refreshed": self.cases_refreshed,
            "cases_after_end": self.cases_after_end,
            "documents_written": self.documents_written,
            "conflicts": self.conflicts,
            "flagged": [{**case, "grunn": said(case["grunn"] or "")} for case in self.flagged],
            "skipped": [{**case, "grunn": said(case["grunn"] or "")} for case in self.skipped],
            "failed": self.failed,
            "duplicates": self.duplicates,
            "retrying": [{"fil": ref, "grunn": why} for ref, why in self.retrying.items()],
            "new_versions": self.new_versions,
        }
