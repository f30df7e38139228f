"""Which installation the inbox and the outbox belong to.

Two installations (two configurations with their own state folders) that share an inbox
would both take its files, each with its own journal, and process some twice; sharing an
outbox, they would write each case twice. So the state folder has an installation id, and
the inbox and the outbox carry it in a marker, made at the first start: in the outbox a
file, in the inbox an empty folder inside the hidden work folder (so the inbox never holds
a file of ours). A marker that cannot be made now (a full disk) is made at a later start. An
installation whose id is not the one in the marker refuses to start, before any file is
taken.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from ..errors import UsageError
from ..text import tekst
from .commit import ensure_dir, write_text_atomic

log = logging.getLogger("omsorgspakke")

MARKER = ".omsorgspakke-installasjon"
ID_FILE = "installasjon.id"


class OtherInstallation(UsageError):
    def __init__(self, folder: Path, marker: Path):
        super().__init__(tekst()("bruksfeil.annen_installasjon", mappe=folder, merke=marker))


class LinkedWorkFolder(UsageError):
    def __init__(self, work: Path):
        super().__init__(tekst()("bruksfeil.lenket_arbeidsmappe", mappe=work))


def installation_id(state_folder: Path) -> str:
    """This installation's id, made once in its state folder."""
    path = Path(state_folder) / ID_FILE
    if not path.exists():
        write_text_atomic(path, secrets.token_hex(16) + "\n")
    return path.read_text(encoding="utf-8").strip()


def claim(state_folder: Path, inbox_work: Path, outbox: Path) -> None:
    """Mark the inbox (its work folder) and the outbox as this installation's, or refuse
    when either is another's, or when the inbox's work folder is a link (a file claimed
    through it would leave the inbox for wherever it points, out of sight of every run and
    of status). Folders that do not exist are left alone."""
    if inbox_work.is_symlink():
        raise LinkedWorkFolder(inbox_work)
    try:
        ours = installation_id(state_folder)
        if inbox_work.parent.is_dir():
            _folder_marker(inbox_work, ours)
        if outbox.is_dir():
            _file_marker(outbox / MARKER, ours)
    except (OtherInstallation, LinkedWorkFolder):
        raise
    except OSError as exc:
        log.warning("installasjonsmerket kunne ikke lages nå (%s); prøver ved neste start",
                    type(exc).__name__, extra={"event": "marker_failed"})


def _folder_marker(work: Path, ours: str) -> None:
    found = sorted(work.glob(f"{MARKER}-*")) if work.is_dir() else []
    for marker in found:
        if marker.name != f"{MARKER}-{ours}":
            raise OtherInstallation(work.parent, marker)
    if not found:
        ensure_dir(work / f"{MARKER}-{ours}")


def _file_marker(marker: Path, ours: str) -> None:
    try:
        theirs = marker.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        write_text_atomic(marker, ours + "\n")
        return
    if theirs != ours:
        raise OtherInstallation(marker.parent, marker)
