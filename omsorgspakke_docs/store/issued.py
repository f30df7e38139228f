"""The day each document of a case was issued, kept in the state folder.

A letter is dated the day it was first made, not the day of the run: a document made again
tomorrow from the same facts says the same as today's, so it is the same document and is
not written again (and a caseworker's edited copy gets no new version beside it). A document
whose content changes (a conversation moved, an address corrected) is issued anew, dated
the day of that run. An invitation made only when it falls due (the letters issue) is so
dated the day it is first made: its sending day.

A letter (one on the list to send) that was issued and has changed only in who its contact
person is (a new contact person, or the same one's new phone number) is kept as it was
issued: not made again, not dated anew. The family has it; the
caseworker tells them of the change, and the plan and every letter issued from then on carry
the new contact person (docs/operations.md). Pre-filled minutes are kept so too (undated:
only what they show as made), so minutes being written in get no second copy. A letter
issued without a contact person's name is made again once the name is known.

Per case, one file `issued/<pseudonym>.json`: document key (its path in the case folder)
-> [ISO date, digest of what the document shows apart from its date, ISO date it was first
made (whatever it showed then; absent in files kept before), and for a letter issued with its
contact person named: a digest of what it shows apart from its date and its contact person].
Pseudonyms, paths of our own making and digests only: no personal data.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..errors import StateDamaged
from .commit import ensure_dir, write_text_atomic
from .state import file_version

FOLDER = "issued"
Day = date
"""(The type, for where Issued.date hides its name.)"""


class Issued:
    """The issue dates of one case's documents; save() after its documents are committed."""

    def __init__(self, folder: Path, pseudonym: str, today: date,
                 case_folder: Path | None = None):
        self.path = folder / FOLDER / f"{pseudonym}.json"
        self.today = today
        self.case_folder = case_folder
        """Where the case's documents are: a letter kept as issued must still be there."""
        self._known = self._read(f"{FOLDER}/{pseudonym}.json")
        self._now: dict[str, list[str]] = {}

    def _read(self, name: str) -> dict[str, list[str]]:
        """The dates kept; StateDamaged when they cannot be read: the case waits rather
        than having every letter dated anew without anyone noticing."""
        try:
            known = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:
            raise StateDamaged(name) from None
        try:
            for issued, _, *first in known.values():
                for day in (issued, *first[:1]):
                    date.fromisoformat(day)
        except (AttributeError, TypeError, ValueError):
            raise StateDamaged(name) from None
        return known

    def renamed(self, endings: dict[str, str]) -> None:
        """Documents whose names ended in an old ending (before the extension) now end in
        the new one: the day a document was first made counts for its new name, so a letter
        made before is not listed to send again (it is dated anew, as for a new template)."""
        for key, kept in list(self._known.items()):
            stem, dot, extension = key.rpartition(".")
            for old, new in endings.items():
                if dot and stem.endswith(old):
                    self._known.setdefault(stem[:-len(old)] + new + dot + extension, kept)

    def last(self, key: str) -> date | None:
        """The day the document `key` was last issued, if it was made before: a letter that
        shows where things stand is made as of that day (rendering/prepare.py), so it says
        what it said then, and is the same document, until its facts change."""
        known = self._known.get(key)
        return date.fromisoformat(known[0]) if known is not None else None

    def date(self, key: str, content: str) -> date:
        """The day the document `key` showing `content` (a digest) was first issued."""
        known = self._known.get(key)
        if known is not None and known[1] == content:
            self._now[key] = known
            return date.fromisoformat(known[0])
        # The day this document was first made, whatever it showed then (a letter listed
        # to send from that day: documents/sending.py); kept as long as it is made.
        first = _first(known) if known is not None else self.today.isoformat()
        self._now[key] = [self.today.isoformat(), content, first]
        return self.today

    def letter(self, key: str, content: str, sender_free: str | None) -> tuple[Day, str]:
        """A letter's issue day, and the digest of what it shows as issued: the one kept when
        only its contact person changed since (sender_free: what it shows apart from its
        date and contact person; None when it names none), so it is not issued again.

        Only while it is in the case folder: one deleted there is issued anew, dated today
        and naming today's contact person (the one it named is not kept: no names here),
        never the old date with the new person."""
        known = self._known.get(key)
        if known is not None and known[1] != content and sender_free is not None \
                and known[3:4] == [sender_free] and self._there(key):
            self._now[key] = known
            return date.fromisoformat(known[0]), known[1]
        day = self.date(key, content)
        entry = self._now[key]
        kept = [entry[0], entry[1], _first(entry)]
        self._now[key] = kept if sender_free is None else [*kept, sender_free]
        return day, content

    def _there(self, key: str) -> bool:
        return self.case_folder is None or (self.case_folder / key).is_file()

    def save(self) -> None:
        """Keep the documents made this time (one no longer made is forgotten)."""
        if self._now != self._known:
            ensure_dir(self.path.parent)
            write_text_atomic(self.path, json.dumps(self._now, sort_keys=True))
            self._known = dict(self._now)


def version(folder: Path, pseudonym: str) -> list[int] | None:
    """The case's file of issue dates as the file system knows it (state.file_version)."""
    return file_version(folder / FOLDER / f"{pseudonym}.json")


def kept_dates(folder: Path, pseudonym: str) -> dict[str, tuple[date, date]]:
    """Document key -> (the day it was last issued: the date it shows, the day it was first
    made (its last issue date when kept before that was)); none when they cannot be read
    (the case's next run says so: Issued)."""
    try:
        known = json.loads((folder / FOLDER / f"{pseudonym}.json").read_text(encoding="utf-8"))
        return {key: (date.fromisoformat(kept[0]), date.fromisoformat(_first(kept)))
                for key, kept in known.items()}
    except (FileNotFoundError, ValueError, AttributeError, TypeError, IndexError):
        return {}


def issues(folder: Path, pseudonym: str) -> dict[str, str]:
    """Document key -> the issue it is now: the day it was last issued and a digest of what
    it shows ("2026-11-22/1a2b..."). A letter marked as sent in Til utsending is marked as
    this issue: one made again with other content, even on the same day, is another
    (documents/sent_marks.py). None when they cannot be read, as kept_dates."""
    try:
        known = json.loads((folder / FOLDER / f"{pseudonym}.json").read_text(encoding="utf-8"))
        return {key: f"{date.fromisoformat(kept[0]).isoformat()}/{str(kept[1])[:16]}"
                for key, kept in known.items()}
    except (FileNotFoundError, ValueError, AttributeError, TypeError, IndexError, KeyError):
        return {}


def first_made(folder: Path, pseudonym: str) -> dict[str, date]:
    """Document key -> the day it was first made (kept_dates)."""
    return {key: first for key, (_, first) in kept_dates(folder, pseudonym).items()}


IN_USE_FROM = "i_bruk_fra"
"""The state file with the day this service first made documents (ISO date)."""


def in_use_from(folder: Path, today: date) -> date:
    """The day the service first made documents: its first run. Kept in the state folder
    from the first time it is asked after documents were made: the earliest day one was
    first made (so a state kept before this file counts from its beginning); today while
    none is. (The list to send marks the late letters made that day: documents/sending.py.)"""
    path = folder / IN_USE_FROM
    try:
        return date.fromisoformat(path.read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        pass
    days = [day for kept in sorted((folder / FOLDER).glob("*.json"))
            for day in first_made(folder, kept.stem).values()]
    if not days:  # nothing made yet (a first start with an empty inbox): not begun
        return today
    day = min(days)
    write_text_atomic(path, day.isoformat() + "\n")
    return day


def _first(kept: list[str]) -> str:
    """[issued, content, first made]; kept before the first day was: the day issued."""
    return kept[2] if len(kept) > 2 else kept[0]


def always_today(today: date):
    """Outside a run (previews, tests): every document is issued today."""
    return lambda key, content: today
