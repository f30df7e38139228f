"""Errors that carry a plain Norwegian explanation for the person who dropped the file, and
the one classification of file-system errors (may pass or permanent) with their reasons."""

from __future__ import annotations

import errno
import sqlite3


class InputError(Exception):
    """The input itself is bad: it goes to the failed folder with this message.

    The message must say what is wrong and what to do, and must never quote personal data.
    """

    def __init__(self, message: str, *, what_to_do: str | None = None):
        super().__init__(message)
        self.what_to_do = what_to_do or (
            "Kontroller eksporten i fagsystemet og legg den i innboksen på nytt, "
            "eller kontakt IT hvis feilen kommer igjen."
        )
        self.update_only = False
        """Set for a file that only adds to a case (returned minutes): its note says the
        case is as it was, not which cases of the file got documents."""


class UsageError(Exception):
    """The command was called wrongly or points at something that is not there."""


class MappingFilesBroken(UsageError):
    """run and watch do not start: every mapping file in the folder fails to load. files:
    their names, for a watch that meets it as the setup changes (run/setup_watch.py)."""

    def __init__(self, message: str, files: list[str]):
        super().__init__(message)
        self.files = files


class StillBeingWritten(OSError):
    """The input changed while it was read: its writer (a copy over the network, an export
    still running) had not finished. It is read again, whole, a little later."""


class StateDamaged(Exception):
    """A file in the state folder cannot be read (cut short, overwritten, not what we wrote).

    Not the input's fault: the case it belongs to waits (an error that may pass) until IT
    restores the file, and the other cases go on. `name` is the file's path inside the state
    folder (pseudonyms only), never its content.
    """

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


# -- errors from the file system, the ledger and the state: one classification -------------
# An error that may pass (a locked file, a share offline, a full disk, a busy ledger, a
# damaged state file waiting to be restored) leaves
# the input waiting for a retry; a permanent one (a name too long for the file system, a
# path that cannot be what it should be) will come back however often we try, so the input
# goes to the failed folder with the reason. Reasons come from the error's kind alone: an
# error's message may quote a path, and a path may carry a name.
PERMANENT_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.ELOOP, errno.EISDIR, errno.ENOTDIR,
                              errno.EINVAL, errno.EFBIG})
_WINDOWS_LOCKED = {32, 33}
"""ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has the file open."""


def may_pass(exc: BaseException) -> bool:
    """True for an error worth trying again later; False for a permanent one or a bug."""
    if isinstance(exc, sqlite3.OperationalError | StateDamaged):
        return True
    return isinstance(exc, OSError) and exc.errno not in PERMANENT_ERRNOS


def disk_full(exc: BaseException) -> bool:
    """No space left (or the quota used up): no other file will fare better until freed."""
    return getattr(exc, "errno", None) in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def reason(exc: BaseException) -> str:
    """What went wrong, in plain Norwegian, from the error's kind alone."""
    number = getattr(exc, "errno", None)
    if isinstance(exc, StateDamaged):
        return (f"tilstandsfilen {exc.name} kan ikke leses (den er skadet); IT må legge den "
                "tilbake fra sikkerhetskopien av tilstandsmappen (se «Skadde tilstandsfiler» "
                "i docs/operations.md)")
    if disk_full(exc):
        return "disken er full"
    if number == errno.EROFS:
        return ("disken eller mappen er skrivebeskyttet (montert som skrivebeskyttet); "
                "IT må gjøre den skrivbar igjen")
    if number == errno.ENAMETOOLONG:
        return "et filnavn eller en sti er for langt for filsystemet"
    if isinstance(exc, PermissionError):
        if getattr(exc, "winerror", None) in _WINDOWS_LOCKED:
            return "en fil var låst (for eksempel åpen i Word, eller under virussjekk)"
        return ("programmet har ikke tilgang til en fil eller mappe (mangler rettigheter, "
                "eller filen er låst av et annet program)")
    for kind, text in _REASONS.items():
        if isinstance(exc, kind):
            return text
    return f"en feil ved lesing eller skriving av filer ({type(exc).__name__})"


_REASONS: dict[type[BaseException], str] = {
    StillBeingWritten: ("filen ble endret mens den ble lest (den ble trolig fortsatt kopiert "
                        "eller skrevet); den leses på nytt når den er ferdig"),
    FileNotFoundError: "en mappe eller fil var ikke tilgjengelig (er nettverksdisken frakoblet?)",
    ConnectionError: "forbindelsen til nettverksdisken ble brutt",
    TimeoutError: "nettverksdisken svarte ikke i tide",
    sqlite3.OperationalError: ("behandlingsregisteret (journal.sqlite3) var opptatt eller "
                               "utilgjengelig"),
}
