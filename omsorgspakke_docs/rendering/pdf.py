"""PDF/A-2b copies of the documents for archiving, through LibreOffice headless.

All documents of a run go through one LibreOffice call. LibreOffice runs with a profile of
its own in a temporary folder, set to export PDF/A-2b, so the setting holds for Word and
Excel documents alike and never touches a profile someone uses. The documents are copied in
under neutral names (0001.docx, ...), so nothing about a case shows in LibreOffice's process
list or output; each PDF is written beside its document with the same name.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..hookspecs import hookimpl
from ..store.commit import TEMP_PREFIX, NotAFile, read_state_file, write_atomic, write_text_atomic
from ..text import Tekst, tekst

SOFFICE_NAMES = ("soffice", "libreoffice")
SUFFIXES = (".docx", ".xlsx")
SECONDS_PER_DOCUMENT = 20
SECONDS_TO_START = 120
PDFA_2B = "2"
"""LibreOffice's SelectPdfVersion: 1 PDF/A-1b, 2 PDF/A-2b, 3 PDF/A-3b."""

NOT_INSTALLED = tekst()("pdf.ikke_installert")
"""In bokmål; a command that knows the service's standard says [pdf] ikke_installert in it."""

_PROFILE = f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export">
 <prop oor:name="SelectPdfVersion" oor:op="fuse"><value>{PDFA_2B}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export">
 <prop oor:name="UseTaggedPDF" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export">
 <prop oor:name="PDFUACompliance" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)

    def as_json(self) -> dict[str, int]:
        return {"written": len(self.written), "failed": len(self.failed)}

    def message(self, t: Tekst | None = None) -> str:
        """A line for the summary in t's standard (the service's messages; bokmål when None);
        names no document (their folders are cases)."""
        t = t or tekst()
        if not self.written and not self.failed:
            return t("pdf.ingen")
        line = t("pdf.laget", kopier=t.count(len(self.written), "pdf_kopi"))
        if self.failed:
            line += " " + t("pdf.feilet", dokumenter=t.count(len(self.failed), "dokument"))
        return line


def find_soffice() -> str | None:
    return next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)


def stale_documents(folders: Iterable[Path]) -> list[Path]:
    """Word and Excel documents in these folders whose PDF copy is missing or older."""
    found = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix not in SUFFIXES or path.name.startswith(("~$", ".")):
                continue
            pdf = path.with_suffix(".pdf")
            if not pdf.exists() or pdf.stat().st_mtime < path.stat().st_mtime:
                found.append(path)
    return found


def convert(documents: list[Path], soffice: str | None = None, target: str = "pdf",
            work_in: Path | None = None) -> Result:
    """Convert every document in one LibreOffice call; each result lands beside its source.

    target is LibreOffice's --convert-to argument ("pdf" gives PDF/A-2b with our profile).
    work_in: where the work folder with the documents' copies goes: the state folder, which
    is owner-only and where a start removes what a killed run left (commit.TEMP_PREFIX).
    """
    result = Result()
    if not documents:
        return result
    soffice = soffice or find_soffice()
    if soffice is None:
        raise FileNotFoundError(NOT_INSTALLED)
    suffix = "." + target.split(":")[0]
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}pdf-", dir=work_in) as tmp:
        work = Path(tmp)
        profile = work / "profil"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
        (work / "inn").mkdir()
        inputs = []
        for number, document in enumerate(documents, start=1):
            copy = work / "inn" / f"{number:04d}{document.suffix}"
            shutil.copyfile(document, copy)
            inputs.append(copy)
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", target,
                   "--outdir", str(work / "ut"), *map(str, inputs)]
        try:
            subprocess.run(command, capture_output=True, check=False, cwd=work,
                           timeout=SECONDS_TO_START + SECONDS_PER_DOCUMENT * len(inputs))
        except (subprocess.TimeoutExpired, OSError):
            pass  # what was converted before a stop is kept; the rest counts as failed
        for document, copy in zip(documents, inputs, strict=True):
            made = work / "ut" / (copy.stem + suffix)
            if made.is_file() and made.stat().st_size > 0:
                write_atomic(document.with_suffix(suffix), made.read_bytes())
                result.written.append(document.with_suffix(suffix))
            else:
                result.failed.append(document)
    return result


PENDING_FILE = "pdf-venter.json"
"""In the state folder: the case folders (names relative to the outbox) whose copies are
not all made yet. Written before LibreOffice runs, so a kill never loses pending work."""


class Copies:
    """A plugin for --pdf, after each batch (run and watch): PDF/A copies of the documents
    in the case folders the batch touched, and in those still pending from an earlier batch
    or a killed run, that are new or changed since their last copy."""

    def __init__(self, soffice: str, report=None):
        self.soffice = soffice
        self.report = report
        self.result = Result()

    @hookimpl
    def after_batch(self, summary, workspace) -> None:
        paths = workspace.settings.paths
        record = paths.state / PENDING_FILE
        folders = sorted(set(_pending(record, paths.outbox)) | set(map(Path, summary.case_folders)))
        _save_pending(record, paths.outbox, folders)
        done = convert(stale_documents(folders), self.soffice, work_in=paths.state)
        _save_pending(record, paths.outbox, [f for f in folders if stale_documents([f])])
        self.result.written += done.written
        self.result.failed = done.failed  # what is still missing after the latest batch
        if self.report is not None and (done.written or done.failed):
            self.report(done.message(tekst(workspace.settings.messages_malform)))


def _pending(record: Path, outbox: Path) -> list[Path]:
    try:
        names = json.loads(read_state_file(record))
    except FileNotFoundError:
        return []
    except (NotAFile, ValueError, RecursionError):
        # damaged, or a pipe or a link in its place (never waited on): every folder is looked
        # at once, then it is written anew
        return [p for p in outbox.iterdir() if p.is_dir()] if outbox.is_dir() else []
    return [outbox / name for name in names if (outbox / name).is_dir()]


def _save_pending(record: Path, outbox: Path, folders: list[Path]) -> None:
    names = sorted({f.relative_to(outbox).as_posix() for f in folders
                    if outbox in f.parents})
    if names or record.exists():
        write_text_atomic(record, json.dumps(names, ensure_ascii=False) + "\n")
