"""An unchanged case is passed over whole, before any of its documents is looked at.

The journal already leaves an unchanged document untouched (commit.DocumentWriter), but it
learns that document by document: every context built, every calendar file made, every file
on disk hashed. For an export whose cases are nearly all as before, that is most of the cost
of making them. Here a case is first compared as a whole: a fingerprint of its documents'
fingerprints (each covers what that document shows, dated the day it was issued, so not the
day of the run nor export fields no document shows: rendering/prepare.py), its stored plan
dates, the settings, the programme, the templates, this program's code and plugins and the
case folder, kept in the state folder after its documents are committed (so with the plan
dates that run fixed). An equal fingerprint, with every file of the earlier run still in
place, means the documents would come out the same: the case is done, nothing rendered.
Anything else goes the usual way, document by document.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..domain import programme
from ..text import MALFORMER
from .commit import TEMP_PREFIX, ensure_dir, write_text_atomic

FOLDER = "rendered"
LIBRARIES = ("docxtpl", "python-docx", "openpyxl", "jinja2", "lxml", "icalendar")
PACKAGE = Path(__file__).resolve().parents[1]


class Unchanged:
    """Fingerprints of cases, and what was on disk when their documents were last made."""

    def __init__(self, pipeline):
        self.pipeline = pipeline
        self.state = pipeline.state
        self.folder = ensure_dir(pipeline.state.folder / FOLDER)
        settings = pipeline.settings
        made_from = {
            "code": code_version(settings.paths.plugins),
            "settings": dataclasses.asdict(settings),
            "programme": pipeline.programme.model_dump(mode="json"),
            "programmes": {m: programme.for_malform(settings, m).model_dump(mode="json")
                           for m in MALFORMER},
        }
        self._common = digest(made_from)
        self._templates = Path(settings.paths.templates)

    def fingerprint(self, case, folder: Path, prepared) -> str:
        """What the case's documents are made from: each document's fingerprint (what it
        shows, rendering/prepare.py), the plan dates kept, the folder, settings and code."""
        plan = self.state.plans_dir / f"{self.state.pseudonym(case.key)}.json"
        return digest({
            "common": self._common, "templates": folder_version(self._templates),
            "documents": prepared.digest(), "folder": str(folder),
            "plan": plan.read_text(encoding="utf-8") if plan.exists() else None,
        })

    def check(self, case, folder: Path):
        """(unchanged, the case's prepared documents): unchanged when the documents would come
        out as they are, every file of the earlier run still in place."""
        prepared = self.pipeline.prepare_case(case)
        path = self._record(case)
        if not path.exists():
            return False, prepared
        record = json.loads(path.read_text(encoding="utf-8"))
        same = record["fingerprint"] == self.fingerprint(case, folder, prepared) and set(
            record["files"]) <= set(_files(folder))
        return same, prepared

    def is_unchanged(self, case, folder: Path) -> bool:
        return self.check(case, folder)[0]

    def remember(self, case, folder: Path, prepared) -> None:
        """After the case's documents are committed: what they were made from, what is there."""
        files = sorted(name for name in _files(folder)
                       if not name.rsplit("/", 1)[-1].startswith(TEMP_PREFIX))
        record = {"fingerprint": self.fingerprint(case, folder, prepared), "files": files}
        write_text_atomic(self._record(case), json.dumps(record, ensure_ascii=False))

    def _record(self, case) -> Path:
        return self.folder / f"{self.state.pseudonym(case.key)}.json"


def _files(folder: Path):
    """The files under folder, as relative POSIX paths: a directory listing per folder, no stat
    per file (a case folder holds some ninety)."""
    for top, _, names in os.walk(folder):
        relative = Path(top).relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            yield prefix + name


@cache
def code_version(plugins: Path) -> str:
    """This program's own code and data, the local plugins, installed plugins and libraries."""
    files = sorted(PACKAGE.rglob("*.py")) + sorted((PACKAGE / "data").rglob("*"))
    files += sorted(Path(plugins).glob("*.py")) if Path(plugins).is_dir() else []
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    installed = [f"{ep.dist.name}={ep.dist.version}" for ep in
                 metadata.entry_points(group="omsorgspakke_docs") if ep.dist is not None]
    for name in LIBRARIES:
        try:
            installed.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            installed.append(f"{name}=-")
    digest.update("\n".join(sorted(installed)).encode())
    return digest.hexdigest()


def folder_version(folder: Path) -> str:
    """A folder's files as the file system knows them: a stat each, no reading.

    The change time and inode are in it because copying can keep a modification time.
    """
    entries: list[tuple] = []
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.is_dir():  # templates/nb/ and templates/nn/
            entries.append((path.name, folder_version(path)))
            continue
        info = path.stat()
        entries.append((path.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    return digest(sorted(entries))


def digest(value) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
