"""What a run or a watch tells staff at the end: counts, and cases and files by pseudonym."""

from __future__ import annotations

from dataclasses import dataclass, field


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
