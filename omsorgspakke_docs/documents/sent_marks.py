"""«Sendt» in outbox/Til utsending.xlsx: what staff marked as sent, kept from list to list.

Staff write a date, or a word that says sent ("x", "ja": _mark), in the list's column Sendt
as they send a letter; on a «Gi beskjed» row (is_told), as they tell its reader that a
meeting is off, also words that say told ("gitt beskjed", "ringt mor": _told_mark). Before
a run makes the list again (documents/sending.py), the marks
are read from each version of the list staff changed since it was last read (Til
utsending.xlsx, and a "(ny versjon)" beside it) and kept in the state
(state/utsending/sendt.json), so the new list shows them too. A mark is the staff's change
against the file as it was last read (Marks.seen), or, until it has been read, as it was
written there (a copy of each list written is kept in state/utsending/ by its SHA-256): a
mark set or changed counts, so does one cleared, and one left as it was counts no more, so
marks set in either file are never lost and a cleared one stays cleared when the other file
is edited. A mark on a row whose Dokument or Brevdato staff changed is no letter's: it is
not guessed onto one, and staff are told its row (Marks.message).

A mark is for one issue of a letter: its path as listed (case folder and path in it) and
the issue (store/issued.issues: the date it shows and a digest of its content). A letter
made again with other content (a moved conversation), even on the same day, is another
issue: it is listed as not sent, with a note that it must be sent again. So is an
invitation listed again (the journal took back the case's end) whose reader was told, on
its «Gi beskjed» row, that the meeting was off: what they know last is that it is off, and
no letter said otherwise (Marks.put_on, CALLED_OFF).

A version in which staff changed nothing but Sendt (every cell's value compared with the
copy as written, in any column, and comments, text boxes and pictures: _notes; the order
of rows and formatting aside) is taken as ours in the ledger, so the new
list replaces it (store/commit.py DocumentWriter.place) rather than going beside it: the
marks are in the new one. One with other changes is kept, as every document is.

A list is read as untrusted input: read-only, values only, bounded in size, through the
input guards (intake/guards.py). One that cannot be read gives no marks, and a message
to staff (why: too large, damaged, or not opened; and what to do; Unreadable.said); the run
and the new list go on as before. The state
holds paths, dates, digests and the marks: journal numbers, never names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..intake import guards
from ..store.commit import (
    NotAFile,
    ensure_dir,
    read_state_file,
    sha256_file,
    versions,
    write_atomic,
)
from ..store.filelock import unlock, wait_for_lock
from ..text import Tekst

if TYPE_CHECKING:
    from ..run.workspace import Workspace

log = logging.getLogger("omsorgspakke")

FOLDER = "utsending"
"""In the state folder: the marks (MARKS) and a copy of each list written, by SHA-256."""
MARKS = "sendt.json"
DOCUMENT, ISSUED, SENT = "Dokument", "Brevdato", "Sendt"
"""The list's columns the marks are read by, found by their headers (the same words in
bokmål and nynorsk)."""
MAX_BYTES = 10 * 1024 * 1024
"""A list of a few hundred letters is some tens of kilobytes."""
MAX_UNPACKED = 50 * 1024 * 1024
"""What its parts may unpack to (the input guards allow more, for exports)."""
MAX_ROWS = 20_000
MAX_COLUMNS = 60
"""The columns the marks are looked for in; what is beyond them is compared as one value."""
MAX_CELLS = MAX_ROWS * MAX_COLUMNS
"""Cells up to the last one with something in it, row by row, over the whole list: a note
far to the right is read, a sheet filled out to column XFD is too large (and slow)."""
TEXT_NODE = re.compile(r">([^<]+)<")
BESIDE_CELLS = ("xl/drawings/", "xl/media/", "xl/embeddings/")
"""Parts of a workbook with what staff put over the sheet (_notes)."""
MAX_MARK = 40
"""Characters kept of a mark: a date or a word, not a note."""
HEADER_ROWS = 30
"""The header row is looked for this far down."""
KEPT = ("marks", "read", "lists", "seen")
"""What the state keeps (MARKS): Marks.marks, .read, .lists and .seen."""
FORGET_DAYS = 30
"""A mark for a letter no longer on the list is forgotten after this many days; not while
its case is closed but still shown (Marks.keep_closed): reopened, its letters keep it."""
MOVED = "flyttet.json"
"""In FOLDER: letters moved with their case's folder (follow_moves), by a keyed hash of the
path they had (it named an identity number) -> the path they have now."""


class Unreadable(Exception):
    """The list could not be read (its contents are never quoted). cause: which message staff
    get, "skadet" (damaged, or not a workbook) or "for_stor" (past a bound below: what),
    each with what to do."""

    def __init__(self, cause: str = "skadet", what: str = ""):
        super().__init__(what or cause)
        self.cause, self.what = cause, what

    def said(self, t: Tekst, name: str) -> str:
        if self.cause == "for_stor":
            return t("utsending.sendt_for_stor", fil=name, hva=t(f"utsending.{self.what}",
                     mb=MAX_BYTES // 2**20, innhold=MAX_UNPACKED // 2**20,
                     rader=_number(MAX_ROWS), celler=_number(MAX_CELLS)))
        return t("utsending.sendt_ikke_lest", fil=name)


def _number(number: int) -> str:
    """20 000: grouped by a no-break space, as Norwegian writes it."""
    return f"{number:,}".replace(",", "\u00a0")


Mark = date | str


@dataclass
class Sheet:
    """What one version of the list shows."""

    marks: dict[tuple[str, str], Mark | float | None]
    """(document, issue date ISO) -> its Sendt, for every letter row (_value; _mark)."""
    rest: list[str]
    """Every other value, row by row, in sorted order: to tell a change beside Sendt."""
    rows: dict[tuple[str, str], int] = field(default_factory=dict)
    """(document, issue date ISO) -> the row its mark is on, as staff see it (from 1)."""
    loose: list[int] = field(default_factory=list)
    """Rows with a mark and a Brevdato but nothing in Dokument: no letter to keep it for."""
    unclear: list[int] = field(default_factory=list)
    """Letter rows whose Sendt says something that is not read as sent (_mark): «nei»,
    a note, a date that cannot be. Staff are told the rows (Marks.message)."""
    unclear_told: list[int] = field(default_factory=list)
    """The same for «Gi beskjed» rows (is_told): their Sendt is not read as told."""


def read_list(path: Path, today: date | None = None) -> Sheet:
    """The list's marks and other values; Unreadable for anything amiss. today: what a date
    typed without its year is read by (_typed_date)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Unreadable("for_stor", "stor_fil")
        with zipfile.ZipFile(path) as archive:  # the sizes it declares (guards.check_zip_archive)
            entries = archive.infolist()
        if len(entries) > guards.MAX_ZIP_ENTRIES or \
                sum(entry.file_size for entry in entries) > MAX_UNPACKED:
            raise Unreadable("for_stor", "stort_innhold")
        guards.check_zip_archive(path)
        guards.require_safe_workbooks()
        from openpyxl import load_workbook

        with open(path, "rb") as handle:
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                found = _sheet(book, today)
            finally:
                book.close()
        found.rest.extend(_notes(path))
        return found
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of an edited file means no marks
        raise Unreadable("skadet", type(exc).__name__) from None


def _notes(path: Path) -> list[str]:
    """What staff put beside the cells: comments (notes), text boxes, pictures, part by part
    with the text in it. The lists written have none of these, so any is a change of theirs
    (read-only openpyxl does not read them)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for entry in archive.infolist():
            name = entry.filename.lower()
            if "comment" in name or name.startswith(BESIDE_CELLS):
                text = []
                if name.endswith(".xml"):  # a picture's bytes are not compared, only its name
                    xml = archive.read(entry).decode("utf-8", errors="replace")
                    text = [t.strip() for t in TEXT_NODE.findall(xml) if t.strip()]
                found.append(f"del:{name}:{text!r}")
    return sorted(found)


def _sheet(book, today: date | None = None) -> Sheet:
    marks: dict[tuple[str, str], Mark | float | None] = {}
    rest: list[str] = []
    rows: dict[tuple[str, str], int] = {}
    loose: list[int] = []
    unclear: list[int] = []
    unclear_told: list[int] = []
    cells = 0
    for sheet in book.worksheets:
        rest.append(f"ark:{sheet.title}")
        columns: dict[str, int] | None = None
        sheet.reset_dimensions()  # each row as long as it is, not as the file claims
        for number, row in enumerate(sheet.iter_rows(values_only=True)):
            if number >= MAX_ROWS:
                raise Unreadable("for_stor", "mange_rader")
            cells += len(row)
            if cells > MAX_CELLS:
                raise Unreadable("for_stor", "mange_celler")
            values: list[Any] = [_value(v) for v in row[:MAX_COLUMNS]]
            beyond = row[MAX_COLUMNS:]
            if beyond.count(None) < len(beyond):
                # Far out to the right, where no column of ours is: compared all the same.
                values.append(("utenfor", [_value(v) for v in beyond if v is not None]))
            if columns is None and number < HEADER_ROWS:
                found = {v: i for i, v in enumerate(values) if isinstance(v, str)}
                if all(h in found for h in (DOCUMENT, ISSUED, SENT)):
                    columns = {h: found[h] for h in (DOCUMENT, ISSUED, SENT)}
            elif columns is not None:
                values += [None] * (max(columns.values()) + 1 - len(values))
                document, issued = values[columns[DOCUMENT]], values[columns[ISSUED]]
                sent = values[columns[SENT]]
                told = isinstance(document, str) and is_told(document)
                if isinstance(document, str) and isinstance(issued, date) and (
                        sent is None or _mark(sent, today, told) is not None):
                    # A letter's mark, set on any of its rows (a row copied below it with
                    # Sendt empty takes nothing away). What is not a mark, and any other
                    # row's Sendt, counts as a change like any cell: the staff's copy is kept.
                    key = (document, issued.isoformat())
                    if marks.get(key) is None:
                        marks[key], rows[key] = _mark(sent, today, told) or sent, number + 1
                    if not only_the_mark(sent, today or date.today(), told):
                        # Words beside the date («sendt 26.11 LH»): the date is the mark,
                        # and the staff's copy, with their words, is kept (not adopted).
                        rest.append(f"ord ved merket på rad {number + 1}")
                    values[columns[SENT]] = None
                elif document is None and isinstance(issued, date) and \
                        _mark(sent, today) is not None:
                    loose.append(number + 1)  # its Dokument cleared: said (Marks.unmatched)
                elif isinstance(document, str) and isinstance(issued, date):
                    # A Sendt not read as sent (or, on a «Gi beskjed» row, as told): said.
                    (unclear_told if told else unclear).append(number + 1)
            while values and values[-1] is None:
                values.pop()
            if values:
                rest.append(repr(values))
    return Sheet(marks, sorted(rest), rows, loose, unclear, unclear_told)


def _value(value: Any) -> Mark | float | None:
    """A cell's value as the marks are compared: a date, a short text, a number or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "x" if value else None
    if isinstance(value, int | float):
        return float(value)
    if value is None:
        return None
    text = guards.printable(str(value)).strip()
    return text or None


YES = frozenset({"x", "ja", "j", "sendt", "send", "ok", "✓", "✔", "v", "postlagt", "postet",
                 "levert", "sendt digitalt", "sendt i posten", "sendt på post", "ferdig"})
"""What a Sendt cell may say besides a date (casefolded, punctuation and spaces around it
aside: «Sendt!», «sendt.»)."""
BEFORE_DATE = frozenset({"sendt", "x", "ok", "ja", "postlagt", "postet", "levert"})
"""Words that say sent before a date in the same cell («sendt 26.11»); not «send», which
may ask for it to be sent that day."""
MONTHS = {name: number for number, names in enumerate((
    ("jan", "januar"), ("feb", "februar"), ("mar", "mars"), ("apr", "april"), ("mai",),
    ("jun", "juni"), ("jul", "juli"), ("aug", "august"), ("sep", "sept", "september"),
    ("okt", "oktober"), ("nov", "november"), ("des", "desember")), start=1) for name in names}
"""Month names as staff write them («26. nov», «26 november»), the same in both standards."""
_DATE = (r"(?:(?P<iso>\d{4}-\d{2}-\d{2})"
         r"|(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:[./](?P<y>\d{4}|\d{2}))?"
         r"|(?P<nd>\d{1,2})\.?\s*(?P<month>[a-zæøå]+)\.?(?:\s+(?P<ny>\d{4}))?)")
_TYPED_MARK = re.compile(
    r"(?:(?P<yes>[a-zæøå]+)\s+)?" + _DATE + r"\.?(?:\s+(?P<initials>\w{2,4}))?", re.IGNORECASE)
"""A whole cell that is a date, perhaps after a word that says sent («sendt 26.11») and
before initials («26.11.2026 LH»): nothing else. «skal sendes 30.11», «returnert 26.11»,
«26.11?», «kl 10.05», a phone number or an address is no mark."""


def _mark(value: Any, today: date | None = None, told: bool = False) -> Mark | None:
    """A Sendt cell as a mark: a date not after today (also one typed as text: _typed_date),
    or one of the
    words that say «sent» (YES), kept as the word. Anything else is no mark: «nei» or
    «venter på adresse» does not say the letter went, and free text could hold a name,
    which the state must not keep (_sheet leaves such a cell among the staff's other
    changes, and its row is named to staff: Sheet.unclear).
    told: the row is a «Gi beskjed» one (is_told), whose Sendt says its reader was told:
    there «gitt beskjed», «ringt mor» or «ringt 3.12 LH» is a mark too (_told_mark)."""
    if isinstance(value, date):  # a date cell, after today no more a mark than typed
        day = value.date() if isinstance(value, datetime) else value
        return day if day <= (today or date.today()) else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    word = text.casefold().strip(" .,!;:-")
    if word in YES:
        return text.strip(" .,!;:-")[:MAX_MARK]
    typed = _typed_date(text, today or date.today())
    if typed is None and told:
        return _told_mark(text, today or date.today())
    return typed


def only_the_mark(value: Any, today: date, told: bool = False) -> bool:
    """Whether the cell says nothing but its mark (a date, a date typed as text, a YES
    word, on a «Gi beskjed» row a TOLD word): a list whose marks are all so loses nothing
    when it is replaced."""
    if isinstance(value, str) and _mark(value, today, told) is not None:
        text = value.strip()
        word = " ".join(text.split()).casefold().strip(" .,!;:-")
        found = _TYPED_MARK.fullmatch(text)
        return word in YES or (told and word in TOLD) or (
            found is not None and not found["yes"] and not found["initials"])
    return True


def is_told(document: str) -> bool:
    """Whether a row's Dokument is a «Gi beskjed» row's (sending.told_key): its Sendt says
    that the reader was told a meeting is off, not that a letter went."""
    return document.endswith(TOLD_SUFFIX)


TOLD_SUFFIX = " (beskjed)"
"""What a «Gi beskjed» row's Dokument has after its invitation's path (sending.told_key)."""
CALLED_OFF = "avlyst_sagt"
"""In a letter's mark (Marks.marks): the mark of its «Gi beskjed» row, once the invitation
is listed again: its reader was told the meeting was off after it was sent (Marks.put_on)."""
EARLIER = "tidligere"
"""In a letter's mark (Marks.marks): the marks staff set on its earlier issues, newest
first, each {"utgave": ..., "sendt": ...}: a letter issued as one of them again (a move
registered by mistake corrected) is as sent as it was (Marks.earlier)."""
EARLIER_KEPT = 3
TOLD = frozenset({"gitt beskjed", "beskjed gitt", "fått beskjed", "har fått beskjed",
                  "ringt", "ringte", "har ringt", "ringt og gitt beskjed", "informert",
                  "varslet", "varsla", "fortalt", "sagt fra", "sagt ifra", "sagt ifrå",
                  "snakket med", "snakka med", "gjort"})
"""What a «Gi beskjed» row's Sendt may say besides a date or a YES word (casefolded; the
same words in bokmål and nynorsk): that its reader was told, by phone or in person. Not on a
letter's row: «ringt» there does not say the letter went."""
TOLD_TO = frozenset({
    "mor", "mora", "moren", "far", "faren", "foreldre", "foreldrene", "foreldra",
    "forelder", "forelderen", "begge", "begge foreldre", "begge foreldrene", "barnet",
    "fosterforeldre", "fosterforeldrene", "fosterforeldra", "fostermor", "fosterfar",
    "fosterfamilien", "fosterfamilia", "mottaker", "mottakeren", "mottakar", "mottakaren"})
"""Whom staff may name after a TOLD word («ringt mor», «gitt beskjed til fosterforeldrene»):
roles, never a name. Anything else after it («ringt, ikke svar», «ringt Kari») is no mark,
and its row is named to staff."""


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


_TOLD_MARK = re.compile(
    r"(?P<word>" + _alternatives(TOLD) + r")"
    r"(?:[\s,]+(?:til\s+)?(?:" + _alternatives(TOLD_TO) + r"))?"
    r"(?:[\s,]+(?:den\s+)?(?P<date>" + _DATE + r")\.?)?"
    r"(?:[\s,]+(?:(?:til\s+)?(?:" + _alternatives(TOLD_TO) + r")"
    r"|(?!IKKE|IKKJE|NEI)(?-i:[A-ZÆØÅ]{2,4})))?",
    re.IGNORECASE)
"""A whole «Gi beskjed» row's Sendt that says told: a TOLD word, perhaps whom (TOLD_TO), the
date and initials («ringt mor 3.12 LH»). «ikke ringt», «ikke gitt beskjed ennå», «ringes
3.12» or «ringt, ikke svar» is no mark."""


def _told_mark(text: str, today: date) -> Mark | None:
    """A «Gi beskjed» row's Sendt that says told (_TOLD_MARK) as its mark: the date, when
    it has one (none when that is after today), else the TOLD word as written, never what
    follows it (whom: the state keeps no names, and needs none)."""
    found = _TOLD_MARK.fullmatch(text.strip(" .,!;:-"))
    if found is None:
        return None
    if found["date"]:
        return _typed_date(found["date"], today)
    return " ".join(found["word"].split())[:MAX_MARK]


def _typed_date(text: str, today: date) -> date | None:
    """A whole cell that is a date typed as text (_TYPED_MARK): «1.12.2026», «01.12.26»,
    «2026-12-01», «1/12/2026», and without a year, «1.12», «1.12.», «26. nov»: then this
    year's, or last year's when this year's is more than a week ahead («28.12» written on 3
    January). A date after today is no mark: the letter has not gone yet («26.11» written
    the day before), and its row is named to staff."""
    found = _TYPED_MARK.fullmatch(text.strip())
    if found is None or (found["yes"] and found["yes"].casefold() not in BEFORE_DATE):
        return None
    try:
        if found["iso"]:
            typed = date.fromisoformat(found["iso"])
        else:
            if found["month"]:
                month = MONTHS.get(found["month"].casefold())
                day, year = int(found["nd"]), found["ny"]
            else:
                month, day, year = int(found["m"]), int(found["d"]), found["y"]
            if month is None:
                return None
            if year is None:
                typed = date(today.year, month, day)
                if typed > today and (typed - today).days > 7:
                    typed = date(today.year - 1, month, day)
            else:
                typed = date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    except ValueError:
        return None
    return None if typed > today else typed


class Marks:
    """The marks kept in the state, taken in from the lists and put on the new one."""

    def __init__(self, ws: Workspace, today: date, target: Path):
        self.ledger, self.today, self.target = ws.ledger, today, target
        self.outbox = target.parent
        self.moved = moved(ws)
        """A document as a list made before its case's folder moved names it -> as now."""
        self.folder = ws.state.folder / FOLDER
        self.unread: list[tuple[str, Unreadable | None]] = []
        """The lists that could not be read this time, and why (None: not opened)."""
        self.unmatched: list[tuple[str, list[int]]] = []
        """The lists read this time with marks on rows that are no letter of theirs (staff
        changed Dokument or Brevdato there): their rows, to say which."""
        self.unclear: list[tuple[str, list[int]]] = []
        """The lists read this time with a Sendt on a letter's row that does not say sent
        (Sheet.unclear): their rows, to say which."""
        self.unclear_told: list[tuple[str, list[int]]] = []
        """The same for «Gi beskjed» rows whose Sendt does not say told (Sheet.unclear_told)."""
        self._listed: dict[str, str] = {}
        self._closed: set[str] = set()
        """The case folders of the closed cases the list still covers (keep_closed)."""
        self.marks: dict[str, dict[str, Any]] = {}
        """document -> {"utgave": issue, "sendt": {"dato"|"tekst": ...}, "listet": ISO},
        and the marks on its earlier issues (EARLIER)"""
        self.read: dict[str, str] = {}
        """File name -> its SHA-256 when last read."""
        self.lists: dict[str, dict[str, str]] = {}
        """SHA-256 of a list written -> document -> issue, for its letter rows."""
        self.seen: dict[str, dict[str, Any]] = {}
        """File name -> the marks it showed when last read, and the SHA-256 of the list
        written there then: {"skrevet": ..., "merker": [[document, issue date, mark]]}."""
        self._shown: list[list[Any]] | None = None
        """The new list's letter rows with something in Sendt, as reading it finds them
        (shown), or None when not known so."""
        self._code = lambda: _code_version(ws)

    def shown(self, rows: list[dict[str, Any]], as_shipped: bool) -> None:
        """The rows of the list about to be written: its letter rows with something in
        Sendt ([document, issue date ISO, Sendt as _stored]) are kept with it (written),
        so that the next run takes its marks without reading it (FoundToday.as_written),
        as long as it is as written. Only for the shipped template (as_shipped: a
        municipality's own may show Dokument, Brevdato or Sendt otherwise than read_list
        reads them), and only where every such cell reads back as it is given (the same
        text: _value); else nothing is kept and the list is read as before."""
        self._shown = None
        if not as_shipped or len(rows) > MAX_ROWS // 2:
            return
        shown = []
        for row in rows:
            sent = row.get("sendt")
            if sent is None:
                continue
            document, issued = row.get("dokument"), row.get("brevdato")
            if not isinstance(document, str) or not isinstance(issued, date):
                continue  # no letter row to read_list: no mark
            if isinstance(issued, datetime) or isinstance(sent, datetime) \
                    or not isinstance(sent, date | str) or _value(document) != document \
                    or isinstance(sent, str) and (_value(sent) != sent or len(sent) > MAX_MARK):
                return
            shown.append([document, issued.isoformat(), _stored(sent)])
        self._shown = shown

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(read_state_file(self.folder / MARKS))
        except FileNotFoundError:
            return {}
        except (NotAFile, ValueError, RecursionError):  # (a pipe, a link: never waited on)
            data = None
        if not isinstance(data, dict) or not all(
                isinstance(data.get(k, {}), dict) for k in KEPT):
            log.warning("merkene for sendte brev i tilstanden kunne ikke leses; de leses "
                        "inn på nytt fra listen til utsending")
            return {}
        return data

    def take_in(self, current: dict[str, str]) -> None:
        """The marks staff set or cleared in each version of the list they changed since it
        was last read. current: document -> issue, for the letters on the new list."""
        data = self._load()  # here: only when the list is made again
        self.marks, self.read, self.lists, self.seen = (data.get(k, {}) for k in KEPT)
        updates: dict[str, tuple[str, Mark | None]] = {}
        read_before = dict(self.read)
        adopt = []
        for path in versions(self.target):
            if not path.exists():
                continue
            key = path.relative_to(self.outbox).as_posix()
            on_disk = None
            try:
                on_disk = sha256_file(path)
                if on_disk is None or self.ledger.ours(key, on_disk) is not None \
                        or self.read.get(path.name) == on_disk:
                    continue  # as we wrote it, or as it was when last read
                staff = _follow(read_list(path, self.today), self.moved)
            except (Unreadable, OSError) as exc:
                # The cause as text: an Unreadable's said() wants the list's name too, and a
                # nynorsk console says an argument with said(t) in its own words (logs.py).
                log.warning("%s: kolonnen Sendt ble ikke lest (%s)", path.name,
                            str(exc) if isinstance(exc, Unreadable) else type(exc).__name__)
                self.unread.append((path.name, exc if isinstance(exc, Unreadable) else None))
                if on_disk is not None:  # said once: read again when it is saved again
                    self.read[path.name] = on_disk
                self.seen.pop(path.name, None)
                continue
            recorded = self.ledger.recorded(key)
            written = recorded.fingerprint if recorded else None
            original = self._copy(written)
            before = self._seen(path.name, written)
            if before is None and original is not None:
                before = {k: _mark(value, self.today, is_told(k[0]))
                          for k, value in original.marks.items()}
            listed = self.lists.get(written or "", {})
            shown = []
            unmatched = list(staff.loose) if listed else []
            for (document, issued), value in staff.marks.items():
                issue = listed.get(document) or current.get(document)
                mark = _mark(value, self.today, is_told(document))
                if issue is None or not issue.startswith(issued):
                    # No letter of the list as written (staff changed Dokument or Brevdato,
                    # or added the row): said. Else an earlier issue of a letter listed now.
                    if listed and mark is not None and (issue is None or document in listed):
                        unmatched.append(staff.rows[(document, issued)])
                    continue
                if mark is not None:
                    shown.append([document, issued, _stored(mark)])
                if before is None and mark is None:
                    continue  # nothing to tell a cleared mark by
                if before is not None and mark == before.get((document, issued)):
                    continue  # not changed by staff here since it was last read
                if mark is not None or updates.get(document, (None, None))[1] is None:
                    updates[document] = (issue, mark)  # a mark set wins over one cleared
            if original is not None and recorded is not None and staff.rest == original.rest:
                adopt.append((key, on_disk, written or "", recorded.missing))
            self.read[path.name] = on_disk
            self.seen[path.name] = {"skrevet": written, "merker": shown}
            if unmatched:
                self.unmatched.append((path.name, sorted(unmatched)))
            if staff.unclear:
                self.unclear.append((path.name, staff.unclear))
            if staff.unclear_told:
                self.unclear_told.append((path.name, staff.unclear_told))
        for document, (issue, mark) in updates.items():
            if mark is not None:
                was = self.marks.get(document)
                self.marks[document] = {"utgave": issue, "sendt": _stored(mark),
                                        "listet": self.today.isoformat()}
                if earlier := _earlier_marks(was, issue):
                    self.marks[document][EARLIER] = earlier
            elif self.marks.get(document, {}).get("utgave") == issue:
                del self.marks[document]
            elif isinstance(kept := self.marks.get(document), dict) and kept.get(EARLIER):
                # Cleared on an earlier issue listed again (earlier): no longer marked.
                kept[EARLIER] = [e for e in kept[EARLIER]
                                 if not (isinstance(e, dict) and e.get("utgave") == issue)]
        if updates or self.read != read_before:
            self._save(durable=True)  # staff's marks: the list they are in may be replaced
        # Nothing but Sendt changed in these: ours, so the new list replaces one of them.
        # Only now that their marks are kept.
        for key, on_disk, fingerprint, missing in adopt:
            self.ledger.intend(key, on_disk, fingerprint, missing)
        self.ledger.confirm(key for key, *_ in adopt)

    def _seen(self, name: str, written: str | None) -> dict[tuple[str, str], Mark | None] | None:
        """The marks the file showed when last read, if the list written there is the same
        since (else a new list replaced it, and what staff change is against its copy)."""
        entry = self.seen.get(name)
        if not isinstance(entry, dict) or entry.get("skrevet") != written \
                or not isinstance(entry.get("merker"), list):
            return None
        return {(str(item[0]), str(item[1])): _loaded(item[2]) for item in entry["merker"]
                if isinstance(item, list) and len(item) == 3}

    def _copy(self, fingerprint: str | None) -> Sheet | None:
        """The list as written with this SHA-256, when a copy of it is kept."""
        path = self.folder / f"{fingerprint}.xlsx"
        if not fingerprint or not path.exists():
            return None
        try:
            return _follow(read_list(path, self.today), self.moved)
        except Unreadable:
            return None

    def sent_mark(self, document: str, issue: str) -> tuple[Mark | None, bool]:
        """The mark staff set on the letter, on this issue or one before (a withdrawn
        invitation: its reader has one of them), kept while it is listed; and whether it is
        on this issue."""
        kept = self.marks.get(document)
        if kept is None:
            return None, False
        self._listed[document] = issue
        kept["listet"] = self.today.isoformat()
        if _loaded(kept.get(CALLED_OFF)) is not None:
            # Its reader was sent it, then told the meeting was off (put_on): nobody is
            # to be told so again.
            return None, False
        return _loaded(kept.get("sendt")), kept.get("utgave") == issue

    def earlier(self, document: str, issue: str | None) -> Mark | None:
        """The mark staff set on an earlier issue of the letter, when the letter is issued
        as that one again (a move registered by mistake corrected: store/issued.py
        Issued.before_move) and another issue was marked since; else None."""
        kept = self.marks.get(document)
        if not issue or not isinstance(kept, dict) or kept.get("utgave") == issue:
            return None
        found = next((e for e in kept.get(EARLIER) or [] if isinstance(e, dict)
                      and e.get("utgave") == issue), None)
        if found is None:
            return None
        self._listed[document] = issue
        kept["listet"] = self.today.isoformat()
        return _loaded(found.get("sendt"))

    def elsewhere(self, document: str, days: list[tuple[date | None, date]]) -> bool:
        """Whether the letter's mark as sent is on an issue made in one of these spans of
        days (from, until: from inclusive, None from the start; until not): one sent to the
        foster home the child left, or to one registered by mistake (sending.
        _to_the_home_left), not to its reader now. False without a mark."""
        kept = self.marks.get(document)
        if not days or not isinstance(kept, dict) or _loaded(kept.get("sendt")) is None:
            return False
        issue = str(kept.get("utgave") or "")[:10]
        return any((since is None or since.isoformat() <= issue) and issue < until.isoformat()
                   for since, until in days)

    def listed_as(self, document: str, issue: str | None) -> None:
        """The letter is on the list with this issue, unmarked (put_on does so for one it
        marks): a mark staff set on its row is read as this issue's on the next list."""
        if issue:
            self._listed[document] = issue

    def former_home(self, apart: str, document: str, day: date,
                    meeting: date | None, since: date | None = None,
                    former: list[str] | None = None,
                    after_its_day: bool = False) -> tuple[str, date] | None:
        """For an invitation sent to the foster home the child left (sending.
        _to_the_home_left): its issue and the meeting it was for, from its mark as sent on
        an issue made before the move (that day; for a home registered by mistake, on or
        after since, the day it was registered, and before that day, the correction's),
        kept apart under `apart` from then on, so that a mark on the letter made again for
        the family the case has leaves it be. None when none was sent there. former: the
        names the letter had there (sending._former_names: a home of one foster parent had
        «… til fosterforelderen»), where its mark may be. after_its_day: its row stays
        after the meeting (the older child's letter «c/o» a home registered by mistake, until
        staff mark it done: sending._tell), and so does its mark."""
        kept = self.marks.get(apart)
        if not isinstance(kept, dict):
            found = next((name for name in (document, *(former or ()))
                          if self.elsewhere(name, [(since, day)])), None)
            if found is None or meeting is None:
                return None
            kept = self.marks[apart] = {**self.marks[found], "samtale": meeting.isoformat()}
        try:
            issue, on = str(kept["utgave"]), date.fromisoformat(str(kept["samtale"]))
        except (KeyError, ValueError):
            return None
        if on >= self.today or after_its_day:
            # Listed with its issue, as its «Gi beskjed» row is: a mark staff set there is
            # read as that row's on the next list (take_in). Once its day has passed, it is
            # forgotten as any mark off the list.
            self._listed[apart] = self._listed[apart + TOLD_SUFFIX] = issue
            kept["listet"] = self.today.isoformat()
        return issue, on

    def put_on(self, row: dict[str, Any], issue: str | None, t: Tekst,
               former: list[str] | None = None, keeps: bool = False,
               changed: dict[str, str] | None = None, replaces: str | None = None) -> bool:
        """The row's mark (sendt), or a note that its letter was marked as sent before it
        was made again with other content (then True), saying what changed as far as is
        known (changed: what_changed). former: the names the letter had before
        (CaseContext.former_endings): a mark as sent under one of them is its mark now.
        keeps: a mark on an earlier issue holds for this one (Document.keeps_mark), unless
        it is on the letter this one says it replaces (replaces: that letter's day, ISO)."""
        document = row["dokument"]
        row["sendt"] = None
        kept = self.marks.get(document)
        if issue is None:
            return False
        if kept is None:  # marked under a name it had before: that issue, or one before
            renamed = sorted((self.marks[name] for name in former or () if name in self.marks),
                             key=lambda found: found.get("utgave") != issue)
            if renamed:
                kept = self.marks[document] = dict(renamed[0])
        self._listed[document] = issue
        if kept is None:
            return False
        kept["listet"] = self.today.isoformat()
        mark = _loaded(kept.get("sendt"))
        told = self.marks.pop(document + TOLD_SUFFIX, None)
        told_mark = _loaded(told.get("sendt")) if isinstance(told, dict) else None
        if mark is not None and told_mark is not None:
            # Sent, then its reader told on its «Gi beskjed» row that the meeting was off
            # (the case closed): the invitation is listed again, so the case is open again
            # (or closes later), and the meeting is on. The mark as sent no longer says
            # what its reader knows: kept on the letter as called off, until staff mark it
            # sent anew (take_in gives it a mark of its own then).
            kept[CALLED_OFF] = _stored(told_mark)
        called_off = _loaded(kept.get(CALLED_OFF))
        if mark is not None and called_off is not None:
            held = row["merknad"] or ""
            if held.startswith(t("utsending.ikke_send").split(":")[0] + ":"):
                row["merknad"] = f"{held} {t('utsending.send_igjen_holdt')}"
            else:
                note = t("utsending.send_igjen", dato=t.dato(called_off)) \
                    if isinstance(called_off, date) else t("utsending.send_igjen_udatert")
                row["merknad"] = f"{note} {held}".strip()
            return True
        if kept.get("utgave") == issue:
            row["sendt"] = mark
            return False
        if mark is not None and keeps and not on_replaced(kept.get("utgave"), replaces):
            # Issued anew with the same dates (Document.keeps_mark): still sent.
            kept["utgave"] = issue
            row["sendt"] = mark
            return False
        if mark is not None:
            shown = t.dato(mark) if isinstance(mark, date) else f"«{mark}»"
            how = what_changed(changed, kept.get("utgave"), t)
            held = row["merknad"] or ""
            if held.startswith(t("utsending.ikke_send").split(":")[0] + ":"):
                # Not to send as it is (it lacks something): said first, so the row is
                # yellow, and no «send det nye brevet» beside it.
                said = t("utsending.ny_utgave_holdt", merke=shown, endring=how)
                row["merknad"] = f"{held} {said}"
            else:
                note = t("utsending.ny_utgave", merke=shown, endring=how)
                row["merknad"] = f"{note} {held}".strip()
            return True
        return False

    def keep_closed(self, folders: set[str]) -> None:
        """The case folders (from the outbox) of the cases whose programme is over (closed
        in the journal, or their year ended) that the list still covers: those closed at
        most qualify.AFTER_END_MONTHS ago (caseload.each_stored_case). Their letters' marks
        are kept while they are, however long ago the letters left the list: a case the
        journal opens again lists its letters anew, and one sent before is then said to be
        («Merket som sendt …»), not listed as never sent. Once the case is no longer
        covered, they go as any other (FORGET_DAYS from the day last listed): the state
        keeps no more than the cases the list shows."""
        self._closed = set(folders)

    def written(self, path: Path, data: bytes) -> None:
        """The new list is at path: a copy of it and its letters' issues are kept, and
        marks for letters off the list for FORGET_DAYS are forgotten, but for those of a
        closed case the list still covers (keep_closed)."""
        fingerprint = hashlib.sha256(data).hexdigest()
        self._keep_shown(fingerprint, len(data))
        copy = self.folder / f"{fingerprint}.xlsx"
        if not copy.exists():
            write_atomic(ensure_dir(self.folder) / copy.name, data, durable=False)
        self.lists[fingerprint] = dict(self._listed)
        wanted = {fingerprint}
        for version in versions(self.target):
            key = version.relative_to(self.outbox).as_posix()
            recorded = self.ledger.recorded(key) if version.exists() else None
            if recorded is not None and recorded.fingerprint:
                wanted.add(recorded.fingerprint)
        self.lists = {k: v for k, v in self.lists.items() if k in wanted}
        for kept in self.folder.glob("*.xlsx"):
            if kept.stem not in wanted:
                kept.unlink(missing_ok=True)
        self.read = {name: sha for name, sha in self.read.items()
                     if (path.parent / name).exists()}
        self.seen = {name: v for name, v in self.seen.items() if name in self.read}
        oldest = (self.today - timedelta(days=FORGET_DAYS)).isoformat()
        self.marks = {k: v for k, v in self.marks.items() if v.get("listet", "") >= oldest
                      or k.split("/", 1)[0] in self._closed}
        self._save(durable=False)  # lost in a crash: the marks as saved when taken in

    def _keep_shown(self, fingerprint: str, size: int) -> None:
        """What the list written with this SHA-256 shows in Sendt (shown), kept for the next
        runs (WRITTEN); a record of a list before is removed first. A cache, not flushed:
        lost, the list is read."""
        path = ensure_dir(self.folder) / WRITTEN
        try:
            path.unlink(missing_ok=True)
            if self._shown is None or size > MAX_BYTES // 2:
                return
            body = {"format": WRITTEN_FORMAT, "code": self._code(),
                    "day": self.today.isoformat(), "list": fingerprint, "shown": self._shown}
            text = json.dumps({**body, "sha256": _found_digest(body)}, ensure_ascii=False,
                              separators=(",", ":"))
            write_atomic(path, text.encode("utf-8"), durable=False)
        except OSError:
            pass  # a cache: the list is read

    def message(self, t: Tekst) -> str | None:
        """For staff: the lists whose marks could not be read, why, and what to do; and the
        marks that were read but belong to no letter on the list, row by row."""
        said = [exc.said(t, name) if exc else t("utsending.sendt_ikke_apnet", fil=name)
                for name, exc in self.unread]
        said += [t("utsending.sendt_uten_brev" if len(rows) == 1 else
                   "utsending.sendt_uten_brev_flere", fil=name,
                   rader=t.join([str(row) for row in rows]))
                 for name, rows in self.unmatched]
        said += [t("utsending.sendt_uklart" if len(rows) == 1 else "utsending.sendt_uklart_flere",
                   fil=name, rader=t.join([str(row) for row in rows]))
                 for name, rows in self.unclear]
        said += [t("utsending.beskjed_uklart" if len(rows) == 1 else
                   "utsending.beskjed_uklart_flere", fil=name,
                   rader=t.join([str(row) for row in rows]))
                 for name, rows in self.unclear_told]
        return " ".join(said) or None

    def _save(self, durable: bool) -> None:
        data = dict(zip(KEPT, (self.marks, self.read, self.lists, self.seen), strict=True))
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        write_atomic(ensure_dir(self.folder) / MARKS, text.encode("utf-8"), durable=durable)


def _earlier_marks(before: Any, issue: str) -> list[dict[str, Any]]:
    """The marks kept on a letter's earlier issues (EARLIER), with the one before, when a
    mark is set on another issue: at most EARLIER_KEPT, newest first."""
    if not isinstance(before, dict):
        return []
    kept = [e for e in before.get(EARLIER) or [] if isinstance(e, dict)
            and e.get("utgave") != issue]
    if before.get("utgave") not in (None, issue) and _loaded(before.get("sendt")) is not None:
        kept.insert(0, {"utgave": before["utgave"], "sendt": before["sendt"]})
    return kept[:EARLIER_KEPT]


def what_changed(changed: Any, marked: Any, t: Tekst) -> str:
    """How a letter marked as sent (its issue marked) was made again, as its row and the
    Avvik sheet say it («laget på nytt …»): with a new date or time for its meeting (an
    invitation moved since the one its reader was sent), with other dates (a letter listing
    its reader's dates, issued anew with other dates than the letter marked: replacing
    that one), else with other content (helper 303: «med endret innhold» also when only
    the conversation moved). changed: what sending._changed knew, as kept with the row."""
    if isinstance(changed, dict) and changed.get("for") and changed.get("fra"):
        now, before = str(changed["for"]), str(changed["fra"])
        try:
            day = date.fromisoformat(now[:10])
        except ValueError:
            return t("utsending.endring_innhold")
        key = "endring_dato" if now[:10] != before[:10] else "endring_tid"
        return t(f"utsending.{key}", dato=t.dato(day), tid=now[11:16].replace(":", "."))
    if isinstance(changed, dict) and changed.get("erstatter") and isinstance(marked, str) \
            and marked.startswith(f"{changed['erstatter']}/"):
        return t("utsending.endring_datoer")
    return t("utsending.endring_innhold")


def on_replaced(marked: Any, replaces: str | None) -> bool:
    """Whether a mark on the issue `marked` is on the letter a letter issued after it says
    it replaces (issued on the day `replaces`, ISO): its reader has only that one, so the
    mark does not hold for the new letter, which is to be sent."""
    return bool(replaces) and isinstance(marked, str) and marked.startswith(f"{replaces}/")


def kept(state_folder: Path) -> dict[str, dict[str, Any]]:
    """The marks as sent kept in the state (Marks.marks), read only: document -> {"utgave",
    "sendt", "listet"}; none when they cannot be read. For the archive (archive/packages.py),
    which files a letter that may have been sent before only once staff marked it sent."""
    try:
        data = json.loads(read_state_file(Path(state_folder) / FOLDER / MARKS))
        marks = data.get("marks", {})
    except (OSError, ValueError, AttributeError, RecursionError):
        return {}
    return marks if isinstance(marks, dict) else {}


def told_done(marks: dict[str, dict[str, Any]], apart: str) -> bool:
    """Whether staff marked done the «Gi beskjed» row of a letter sent to a foster home
    (Marks.former_home: its mark there kept apart under `apart`, the row's Dokument): its
    mark (TOLD_SUFFIX) set on the issue that row was for. marks: kept()."""
    told, sent = marks.get(apart + TOLD_SUFFIX), marks.get(apart)
    return isinstance(told, dict) and isinstance(sent, dict) \
        and _loaded(told.get("sendt")) is not None and told.get("utgave") == sent.get("utgave")


def marked_as_sent(state_folder: Path, target: Path, today: date,
                   moved: Callable[[str], str] | None = None,
                   code: Callable[[], str] | None = None) -> Callable[[str, str], bool]:
    """(letter as listed: case folder and path in it, its issue) -> whether staff marked that
    issue as sent: kept in the state, or in a version of the list at target they saved since
    it was last read (its marks are taken in when the list is made again, after the
    documents: documents/sending.py update). Read when first asked, once; a list that
    cannot be read gives none (the list's own reading says so). moved: a document as a
    list made before its case's folder moved names it -> as now (follow_moves). code: this
    program's code digest (store/incremental.code_version): what a list's reading found
    today is kept in the state for the workers and the day's next runs (FoundToday)."""
    found: tuple[dict[str, str], set[tuple[str, str]]] | None = None

    def load() -> tuple[dict[str, str], set[tuple[str, str]]]:
        in_state = {document: str(mark.get("utgave")) for document, mark in
                    kept(state_folder).items()
                    if isinstance(mark, dict) and _loaded(mark.get("sendt")) is not None}
        on_lists: set[tuple[str, str]] = set()
        kept_found = FoundToday(Path(state_folder) / FOLDER / FOUND_TODAY, code) \
            if code is not None else None
        for path in versions(target):
            on_lists |= _marks_on(path, today, kept_found)
        if moved is not None:
            on_lists = {(moved(document), issued) for document, issued in on_lists}
        return in_state, on_lists

    def sent(document: str, issue: str) -> bool:
        nonlocal found
        found = found or load()
        in_state, on_lists = found
        return in_state.get(document) == issue or \
            (document, issue.split("/", 1)[0]) in on_lists

    return sent


_ON_LIST: dict[str, tuple[tuple[int, int, int, int, int, date], set[tuple[str, str]]]] = {}
"""A list's marks by its path, with its size, times, file (device and inode) and the day
read: each case of a run asks (marked_as_sent), the list is read once. The file and its
change time too: a list put in its place with the same size and time (a copy restored,
OneDrive syncing a colleague's copy), or copied over it in place keeping the copy's time
(cp -p), is another, with other marks."""


def _marks_on(path: Path, today: date,
              kept: FoundToday | None = None) -> set[tuple[str, str]]:
    """(document, issue date ISO) of every row marked as sent on the list at path, as staff
    saved it; none when it is not there or cannot be read. kept: what a process found on
    these bytes today, when it keeps it (found, or put there once read here)."""
    try:
        stat = path.stat()
        seen = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_dev, stat.st_ino,
                today)
        if (cached := _ON_LIST.get(str(path))) is not None and cached[0] == seen:
            return cached[1]
        digest = sha256_file(path) if kept is not None else None
        if kept is None or digest is None:  # (not there: read_list says so)
            found = _read_marks(path, today)
        elif (as_written := kept.as_written(digest, today)) is not None:
            found = as_written  # the list as a run wrote it: its marks are known (WRITTEN)
        elif (found_before := kept.get(digest, today)) is not None:
            found = found_before
        else:
            with kept.one_reader():  # a worker reading it now: waited for, then taken
                if (found_before := kept.get(digest, today)) is not None:
                    found = found_before
                else:
                    found = _read_marks(path, today)
                    # Kept only when the bytes read are those hashed (not replaced since),
                    # and every row marked names a file in the outbox: a Dokument staff
                    # wrote over (perhaps with a name) is never kept (read again instead).
                    if sha256_file(path) == digest and all(
                            _a_file_there(path.parent, document) for document, _ in found):
                        kept.put(digest, today, found)
    except (Unreadable, OSError):
        return set()
    _ON_LIST[str(path)] = (seen, found)
    return found


def _a_file_there(outbox: Path, document: str) -> bool:
    """Whether a list's Dokument (a «Gi beskjed» row's without TOLD_SUFFIX) is the path of a
    file in the outbox, as the list wrote it: a path made by this program, with no name."""
    base = document.removesuffix(TOLD_SUFFIX)
    parts = base.split("/")
    return bool(base) and not base.startswith("/") and "\\" not in base and ":" not in base \
        and all(part not in ("", ".", "..") for part in parts) \
        and os.path.isfile(outbox.joinpath(*parts))


def _read_marks(path: Path, today: date) -> set[tuple[str, str]]:
    staff = read_list(path, today)
    return {key for key, value in staff.marks.items()
            if _mark(value, today, is_told(key[0])) is not None}


def _code_version(ws: Workspace) -> str:
    from ..store.incremental import code_version  # (it imports the rendering)

    return code_version(ws.settings.paths.plugins)


def _marks_shown(shown: list, today: date) -> set[tuple[str, str]]:
    """What _read_marks finds on a list whose letter rows with something in Sendt are
    shown, in their order ([document, issue date ISO, Sendt as _stored]): a row's Sendt is
    read as a mark by the day (_mark), the first row of a letter with a mark gives it."""
    marks: dict[tuple[str, str], Any] = {}
    for document, issued, stored in shown:
        value = _loaded(stored)
        mark = _mark(value, today, is_told(document))
        if mark is not None and marks.get((document, issued)) is None:
            marks[(document, issued)] = mark or value
    return {key for key, value in marks.items()
            if _mark(value, today, is_told(key[0])) is not None}


WRITTEN = "merker-skrevet.json"
"""In FOLDER: the letter rows with something in Sendt on the list the last run wrote, by the
SHA-256 of its bytes (Marks.shown, FoundToday.as_written)."""
WRITTEN_FORMAT = 1

FOUND_TODAY = "merker-lest-i-dag.json"
"""In FOLDER: what each version of the list read today showed marked as sent (FoundToday)."""
FOUND_LOCK = "merker-lest-i-dag.lock"
"""In FOLDER: held by the process reading a list for FoundToday (FoundToday.one_reader)."""
FOUND_FORMAT = 1
FOUND_KEPT_MAX = 20
"""Versions of the list kept at most (a list and its «(ny versjon)» copies, read today)."""


class FoundToday:
    """The rows marked as sent (document, issue date ISO: _marks_on) on each version of the
    list read today, by the SHA-256 of its bytes: each worker, and each run of the day after
    the first, would read the same list again (openpyxl, some 0.2 s a list of 300 cases,
    0.7 s of 1,000). The same bytes read the same day by the same code find the same marks,
    so an entry is for one day (the marks' reading depends on it: a date ahead is no mark
    yet), and the whole file for this program's code (store/incremental.code_version), with
    a SHA-256 of what it keeps: a file not exactly as written here, for this code, is not
    used in any part. A cache: written without flushing; lost or damaged, the list is read
    again. It keeps the paths of files in the outbox and dates, never what staff wrote in
    Sendt, nor a Dokument they wrote over (_a_file_there: such a list is not kept). No names."""

    def __init__(self, path: Path, code: Callable[[], str]):
        self.path = path
        self._code = code

    def get(self, digest: str, today: date) -> set[tuple[str, str]] | None:
        return self._read(today).get(digest)

    @contextmanager
    def one_reader(self) -> Iterator[None]:
        """Held while this process reads a list to keep what it finds: the workers ask at
        once, as they start, and the second would read the same list beside the first. A
        lock that cannot be had (a file system without locks) is gone without: the list is
        read all the same. Released when the file is closed, so a process that dies holding
        it holds it no more."""
        try:
            fd = os.open(ensure_dir(self.path.parent) / FOUND_LOCK,
                         os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError:
            yield
            return
        try:
            try:
                wait_for_lock(fd)
            except OSError:
                pass
            yield
        finally:
            unlock(fd)
            os.close(fd)

    def put(self, digest: str, today: date, found: set[tuple[str, str]]) -> None:
        """Kept with what the file keeps for today (another process may have written it)."""
        kept = self._read(today)
        if len(kept) >= FOUND_KEPT_MAX:
            kept = {}
        kept[digest] = found
        body = {"format": FOUND_FORMAT, "code": self._code(), "day": today.isoformat(),
                "lists": {name: sorted([list(key) for key in rows])
                          for name, rows in sorted(kept.items())}}
        text = json.dumps({**body, "sha256": _found_digest(body)}, ensure_ascii=False,
                          separators=(",", ":"))
        try:
            write_atomic(ensure_dir(self.path.parent) / self.path.name, text.encode("utf-8"),
                         durable=False)
        except OSError:
            pass  # a cache: the list is read again

    def as_written(self, digest: str, today: date) -> set[tuple[str, str]] | None:
        """The rows marked as sent on the list with this SHA-256 when it is the list a run
        wrote, byte for byte, and kept what it showed in Sendt (WRITTEN: Marks.shown), as
        reading it today would find them; else None (read it). Its marks are what the run
        put there (dates up to the day it was made, words), so they are read as on any day
        from that day on; for an earlier day (a run with --today before it), the list is
        read. Like this file, kept for this program's code, with a SHA-256 of what it holds."""
        try:
            data = json.loads(read_state_file(self.path.parent / WRITTEN))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or set(data) != {"format", "code", "day", "list",
                                                        "shown", "sha256"}:
            return None
        body = {name: data[name] for name in ("format", "code", "day", "list", "shown")}
        if data["format"] != WRITTEN_FORMAT or data["list"] != digest \
                or not isinstance(data["day"], str) or data["day"] > today.isoformat() \
                or data["code"] != self._code() or data["sha256"] != _found_digest(body) \
                or not isinstance(data["shown"], list) or not all(
                    isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
                    and isinstance(row[1], str) and isinstance(row[2], dict)
                    for row in data["shown"]):
            return None
        return _marks_shown(data["shown"], today)

    def _read(self, today: date) -> dict[str, set[tuple[str, str]]]:
        try:  # (a pipe, a folder or a link there is none: never waited on, nor followed)
            data = json.loads(read_state_file(self.path))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or set(data) != {"format", "code", "day", "lists",
                                                        "sha256"}:
            return {}
        body = {name: data[name] for name in ("format", "code", "day", "lists")}
        if data["format"] != FOUND_FORMAT or data["day"] != today.isoformat() \
                or data["code"] != self._code() or data["sha256"] != _found_digest(body) \
                or not isinstance(data["lists"], dict):
            return {}
        kept: dict[str, set[tuple[str, str]]] = {}
        for name, rows in data["lists"].items():
            if not isinstance(rows, list) or not all(
                    isinstance(row, list) and len(row) == 2
                    and all(isinstance(part, str) for part in row) for row in rows):
                return {}
            kept[name] = {(row[0], row[1]) for row in rows}
        return kept


def _found_digest(body: dict) -> str:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def mark_of(marks: dict[str, dict[str, Any]], document: str, issue: str | None) -> Mark | None:
    """The mark staff set on this issue of the letter (document: its path from the outbox),
    or None: a mark on another issue is not this one's."""
    found = marks.get(document)
    if not isinstance(found, dict) or issue is None or found.get("utgave") != issue:
        return None
    return _loaded(found.get("sendt"))


def _stored(mark: Mark) -> dict[str, str]:
    return {"dato": mark.isoformat()} if isinstance(mark, date) else {"tekst": mark}


def _loaded(stored: Any) -> Mark | None:
    if not isinstance(stored, dict):
        return None
    try:
        if "dato" in stored:
            return date.fromisoformat(stored["dato"])
        return str(stored["tekst"])[:MAX_MARK] if "tekst" in stored else None
    except (TypeError, ValueError):
        return None


def follow_moves(ws: Workspace, files: dict[str, str],
                 folders: dict[str, str] | None = None) -> None:
    """Letters moved with their case's folder (path from the outbox before -> after: an
    earlier release named the folder after an identity number, store/safenames.py): their
    marks kept in the state follow them, and a list made before the move, whose rows name
    the paths before, is read as naming those after (moved). The paths before are kept only
    as keyed hashes (ws.state.pseudonym), never as they were.

    folders: the case's folder before -> after (from the outbox). A letter of the folder
    before that has no file there (an invitation withdrawn, whose «Gi beskjed» row asks for
    its mark as sent) and a «Gi beskjed» row's own mark (TOLD_SUFFIX) follow too."""
    folders = folders or {}
    if not files and not folders:
        return
    outbox = ws.settings.paths.outbox

    def after(document: str) -> str:
        base = document.removesuffix(TOLD_SUFFIX)
        suffix = document[len(base):]
        if base in files:
            return files[base] + suffix
        head, slash, rest = base.partition("/")
        if slash and head in folders and not os.path.lexists(outbox / base):
            return f"{folders[head]}/{rest}{suffix}"
        return document
    folder = ensure_dir(ws.state.folder / FOLDER)
    try:
        data = json.loads(read_state_file(folder / MARKS))
    except (OSError, ValueError, RecursionError):
        data = None
    if isinstance(data, dict) and all(isinstance(data.get(k, {}), dict) for k in KEPT):
        marks = data.get("marks", {})
        for before in list(marks):
            if (now := after(before)) != before:
                mark = marks.pop(before)
                marks.setdefault(now, mark)
        data["lists"] = {fingerprint: {after(d): issue for d, issue in listed.items()}
                         for fingerprint, listed in data.get("lists", {}).items()
                         if isinstance(listed, dict)}
        for entry in data.get("seen", {}).values():
            if isinstance(entry, dict) and isinstance(entry.get("merker"), list):
                entry["merker"] = [[after(item[0]), *item[1:]]
                                   if isinstance(item, list) and item
                                   and isinstance(item[0], str) else item
                                   for item in entry["merker"]]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        write_atomic(folder / MARKS, text.encode("utf-8"), durable=True)
    known = _moved_kept(ws.state.folder)
    known.update({ws.state.pseudonym(before, prefix="flyttet"): now
                  for before, now in files.items()})
    known.update({ws.state.pseudonym(f"{before}/", prefix="flyttet"): f"{now}/"
                  for before, now in folders.items()})
    text = json.dumps(known, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    write_atomic(folder / MOVED, text.encode("utf-8"), durable=True)


def moved(ws: Workspace) -> Callable[[str], str]:
    """A document as a list made before its case's folder moved names it -> as now
    (follow_moves); any other as it is."""
    known = _moved_kept(ws.state.folder)
    if not known:
        return lambda document: document

    def now(document: str) -> str:
        base = document.removesuffix(TOLD_SUFFIX)
        found = known.get(ws.state.pseudonym(base, prefix="flyttet"))
        if found is not None:
            return found + document[len(base):]
        head, slash, rest = document.partition("/")
        folder = known.get(ws.state.pseudonym(f"{head}/", prefix="flyttet")) if slash else None
        return f"{folder}{rest}" if folder is not None else document
    return now


def _moved_kept(state_folder: Path) -> dict[str, str]:
    try:
        known = json.loads(read_state_file(state_folder / FOLDER / MOVED))
    except (OSError, ValueError, RecursionError):
        return {}
    return {k: v for k, v in known.items() if isinstance(v, str)} \
        if isinstance(known, dict) else {}


def _follow(sheet: Sheet, moved: Callable[[str], str]) -> Sheet:
    """The sheet's marks and their rows by the documents' paths now (moved)."""
    sheet.marks = {(moved(d), issued): mark for (d, issued), mark in sheet.marks.items()}
    sheet.rows = {(moved(d), issued): row for (d, issued), row in sheet.rows.items()}
    return sheet
