"""The day each document of a case was issued, kept in the state folder.

A letter is dated the day it was first made, not the day of the run: a document made again
tomorrow from the same facts says the same as today's, so it is the same document and is
not written again (and a caseworker's edited copy gets no new version beside it). A document
whose content changes (a conversation moved, an address corrected) is issued anew, dated
the day of that run. An invitation made only when it falls due (the letters issue) is so
dated the day it is first made: its sending day.

What a document shows is what counts, not what it is made with: a new release of this
program, or a municipality's new letterhead, makes the documents again (they look
different) but issues none anew: each keeps its date, and a letter marked as sent in Til
utsending stays marked (documents/sent_marks.py). A template that shows other facts than
before (a field added) issues its documents anew, unless a document so made, dated as it
was issued, reads word for word as the one in the case folder (the field says nothing in
this case): then it keeps its issue (Issued.earlier, rendering/shown_text.py).

A letter that has changed only in who its contact person is (a new contact person, or the
same one's new phone number) is issued anew naming them while it is on the list to send:
one not marked as sent (nobody has it yet), and one marked as sent too, which then says so
and which letter it replaces (its reader would call the old contact person: Issued.replaces,
new_contact). One to check («Kan være sendt før») or whose time on the list is over is kept
as it was issued: not made again, not dated anew; the caseworker tells the family of the
change, and the plan and every letter issued from then on carry the new contact person
(docs/operations.md). Pre-filled minutes are
kept so too (undated: only what they show as made), so minutes being written in get no
second copy; minutes nobody has written in are made again in place (issue's remake). A letter
issued without a contact person's name is made again once the name is known. Such a kept
letter made with another template or release is issued anew (made again as it was issued,
it would show the old date with the new contact person).

Per case, one file `issued/<pseudonym>.json`: document key (its path in the case folder)
-> {"issued": ISO date it was last issued, "first": ISO date it was first made (whatever it
showed then), "shows": digest of what it shows apart from its date, "made_with": digest of
the template and release it was made with, "basis": digest its fingerprint is made from
(rendering/prepare.py), and for a letter issued with its contact person named
"sender_free": a digest of what it shows apart from its date and its contact person;
"mark": what a mark as sent is for, when not the start of "shows"; for an invitation "for":
the day and time of the meeting it is for, and "replaces": the day the letter it replaces
was issued, when it was issued anew for a meeting moved (Issued.replaces), and "sent_for":
the meeting of the invitation its reader was last sent, when another (Issued._sent_for),
and "til": its recipient's role and how their letters go, for the list to name them when
the meeting is off (RECIPIENT); for a letter that lists its reader's dates (the information
letter) "dates": each conversation's or meeting's date and time as a digest, by what it is
(rendering/renderer.py Document.dates), and "replaces", as for an invitation, when it was
issued anew with other dates, with "dates_unknown" when the letter it replaces was
issued by a release that kept no dates (Issued.dates_unknown), or "invited_only" when only
who else is invited to the joint meeting changed, no date (Issued.invited_only); and for a
letter "fields":
what it shows field by field, "path=digest path=digest ...", twelve hex digits a field
(Showing.keeps_facts), and "readers" for one addressed to more than one person by name: a
digest of each one's name (READERS)}.

A letter kept with its fields keeps its issue when, field by field, its facts are the same:
every field in both has the same digest (what its kind declares words is left out of it,
rendering/prepare.py Words), none is shown only now (a field at the value that says nothing,
QUIET_DEFAULTS, is not among them, nor a fact of its own its kind declared after the letter
was kept: Showing.added, nor one its template reads only in a part this letter does not
show, the letter reading the same without it: Showing.silent), and a field no longer shown
is one its template no longer reads (the letter shows less). It is then made again in the
new words, dated as before, its mark as sent kept. One kept without fields (by a release
before this one) is kept by what it showed as a whole, as that release digested it
(Showing.before and before_later: rendering/former_releases.py, frozen), and kept with
its fields from then on.
Files kept by releases before this one hold [issued, digest of what it shows and is made
with, first made, sender_free] per document; each is read as it was meant, and kept in the
new form the next time its case's documents are made (Showing.was_kept_as). An issue saying
it replaces the letter issued on its own day, as releases up to 0fa42b62 saved a letter
kept through a new template (Issued.keep), is read as replacing none
(_without_its_own_replacement). Pseudonyms, paths of our own making and digests only: no
personal data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import StateDamaged
from ..planning.workdays import LETTER_DAYS
from .commit import NotAFile, ensure_dir, read_state_file, write_atomic, write_text_atomic
from .state import file_version

FOLDER = "issued"
Day = date
"""(The type, for where Issued.date hides its name.)"""
MARK_LENGTH = 16
"""A mark as sent is for the issue date and the start of this digest (issues)."""
RECIPIENT = ("rolle", "en_person", "hvem", "sendes")
"""What an invitation keeps of its recipient (the letter's mottaker, documents._recipient):
a role (mor, far, forelder 1, barnet, fosterforeldre), one person or two, post or digitalt."""
class Invitation(NamedTuple):
    """An invitation kept (invitations())."""

    issue: str
    meeting: str
    sent_for: str
    recipient: dict[str, Any]
    elsewhere_for: str
    elsewhere_also: tuple[str, ...] = ()
    """The meetings earlier invitations to the family registered by mistake were for
    (ELSEWHERE_ALSO), oldest first."""

ELSEWHERE_FOR = "elsewhere_for"
"""In a letter's issue given back after a move registered by mistake (Issued.before_move):
the meeting the letter issued to the family registered in between was for, which Til
utsending asks staff to tell them is off (documents/sending.py _to_the_home_left).

Of the latest issue they were sent: the one marked as sent, or else the one before it they
were sent (its sent_for)."""
ELSEWHERE_ALSO = "elsewhere_also"
"""Beside ELSEWHERE_FOR: the meetings the family registered by mistake was sent invitations
for before that one (the same letter issued for another day), oldest first: the «Gi beskjed»
row names them all."""


@dataclass(frozen=True)
class Showing:
    """A document as digests (rendering/prepare.py): what it shows apart from its date, and
    the whole of it: that and what it is made with (its template's name and bytes, this
    program's release: made_with), which its fingerprint is made from and releases before
    this one kept as its issue. before: what it shows under the name it had before, for a
    document kept under that name (Issued.renamed: its name is part of what it shows), or
    in the words it had before; before_later: the same, worked out only when an issue kept
    shows something else than the document now does (was_before), as most runs never ask."""

    shows: str
    whole: str = ""
    made_with: str = ""
    before: str = ""
    before_later: Callable[[], tuple[str, ...]] | None = field(default=None, compare=False,
                                                               repr=False)
    facts: dict[str, str] | None = field(default=None, compare=False, repr=False)
    """A dated document (a letter): what it shows field by field, each field's dotted path
    -> a short digest of its value without what its kind declares words (rendering/
    prepare.py Words); kept with its issue ("fields"). None: not kept so."""
    reads: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)
    """Whether the document's template still reads a field (its dotted path)."""
    facts_before: Callable[[], list[dict[str, str]]] | None = field(
        default=None, compare=False, repr=False)
    """What it shows field by field under another name it may have been issued under (the
    service's name as the export gives it: rendering/prepare.py _under_exported_name),
    worked out only when asked."""
    added: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """Fields its kind declares facts of their own (rendering/prepare.py Words.own): a letter
    kept by a release before they were declared, which did not keep them, keeps its issue."""
    superseded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """A fact of its own its kind now keeps under another name, as another value -> that name
    (rendering/prepare.py Words.superseded): the fact by its former name is asked only of a
    letter kept without the new one (by a release before it), and not of one kept with it."""
    either: Callable[[str], frozenset[str]] | None = field(default=None, compare=False,
                                                          repr=False)
    """For a fact of its own a release before kept in a form that said more than the fact
    (who else is invited by each one's place in the export: rendering/prepare.py _either):
    the digest of each form the same fact may have been kept as (its dotted path ->
    digests), worked out only when the one kept is another than the one now."""
    silent: Callable[..., bool] | None = field(default=None, compare=False, repr=False)
    """Whether the letter as made now reads the same without these fields (their dotted
    paths): none of them shows in it, as a part of its template it does not show reads
    them (a cancelled conversation's time in an ordinary invitation: rendering/prepare.py
    SaysNothing). Asked only of fields read only now, when all else is the same; with the
    day of the issue it would keep, when known (the letter so made is the one written)."""

    def keeps_facts(self, kept: Any, issued: date | None = None) -> bool:
        """An issue kept showing `kept` (its "fields") shows the same facts as the document
        now: every field in both the same; none only now shown (a field at the value that
        says nothing, QUIET_DEFAULTS, is not among them, nor a fact of its own the kind
        declared after the letter was kept: added, nor one that does not show in this
        letter: silent); a field no longer shown because
        the template no longer reads it says nothing new (the letter shows less), one the
        template still reads but the case no longer has is a fact gone. What a new release
        only rewords (its template's text, a kind's words) keeps the issue. issued: the day
        of the issue kept (silent makes the letter dated so)."""
        if self.facts is None or not isinstance(kept, dict):
            return False
        return self._same_facts(self.facts, kept, issued) or \
            self.facts_before is not None and any(
                self._same_facts(facts, kept, issued) for facts in self.facts_before())

    def _same_facts(self, facts: dict[str, str], kept: dict[str, str],
                    issued: date | None = None) -> bool:
        gone_by = {before for before, now in self.superseded.items() if now in kept}
        for key, was in kept.items():
            if key in gone_by:
                continue
            now = facts.get(key)
            if now is None:
                if self.reads is None or self.reads(key):
                    return False
            elif now != was and (self.either is None or was not in self.either(key)):
                return False
        new = frozenset(key for key in facts if key not in kept and key not in self.added
                        and key not in gone_by)
        # Read only now, in a part of the template this letter does not show (a new release
        # reads a field where only a cancelled conversation's letter shows it): no new fact.
        return not new or self.silent is not None and self.silent(new, issued)

    def was_before(self, shows: str | None) -> bool:
        """An issue kept as showing `shows`, other than what the document shows now, is
        what it showed before (before, or before_later)?"""
        if shows is None or shows == self.shows:
            return False
        if self.before and shows == self.before:
            return True
        return self.before_later is not None and shows in self.before_later()

    @property
    def basis(self) -> str:
        """What the document's fingerprint is made from: all of it."""
        return self.whole or self.shows

    def was_kept_as(self, former: str | None) -> bool:
        """A release before this one kept the document's issue as `former`: the same?"""
        return former is not None and former == self.basis


@dataclass(frozen=True)
class GivenDay:
    """A day a conversation had (the one the journal cancelled), as a letter to its reader
    gave it: an invitation for it, or a letter listing the reader's dates (the information
    letter: documents/informasjonsbrev.py). Issued.told asks whether the reader was sent one."""

    meetings: frozenset[str]
    """The day and time an invitation for it was for (ISO, as "for" keeps it)."""
    listed: str
    """The conversation as a letter listing its reader's dates keeps it ("0.3")."""
    digests: frozenset[str]
    """Its date as such a letter kept it then ("dates")."""


READER = "mottaker.navn"
"""The field a letter's reader is told by among the letters kept (their "fields"): the same
digest of the same name in each letter to them (no name is kept)."""
SENT_DATES = "sent_dates"
"""In the issue of a letter listing its reader's dates that replaces another: the dates of
the letter its reader has (the one it replaced, when marked as sent; else the one that one
replaced). Issued anew before it was sent, the next one replaces the letter its reader has,
and says what changed since that one (Issued._unsent), not a letter they never got."""
REPLACED = ("replaces", "dates_unknown", "invited_only", "contact", SENT_DATES)
"""What a letter's issue says of the letter it replaces (Issued.replaces, dates_unknown,
invited_only, new_contact, SENT_DATES): worked out as the letter is issued, and kept with
that issue (Issued.keep)."""
READERS = "readers"
"""In a letter's issue, for a letter addressed to more than one person by name (the foster
parents, each named: documents.readers): the digest of each one's name as a letter to them
alone shows it (READER's digest of it), so the letter counts as one to each of them
(_readers: a letter to both foster parents is one to the foster parent who later has the
letters alone). A letter to one person keeps none: its reader is READER's, as is every
letter's kept by a release before this one (a joint letter then counts as one to the same
two only, as it did)."""


class Issued:
    """The issue dates of one case's documents; save() after its documents are committed."""

    def __init__(self, folder: Path, pseudonym: str, today: date,
                 case_folder: Path | None = None,
                 sent: Callable[[str, str], bool] | None = None,
                 retrieved: Callable[[str], bool] | None = None):
        self.path = folder / FOLDER / f"{pseudonym}.json"
        self.today = today
        self.case_folder = case_folder
        """Where the case's documents are: a letter kept as issued must still be there."""
        self.sent = sent
        """(document key, its issue as issues() gives it) -> whether staff marked that
        issue as sent in Til utsending: a letter is kept through a new contact person only
        then. None: every letter counts as sent (as before marks were asked)."""
        self.retrieved = retrieved
        """(document key) -> whether staff marked done the «Gi beskjed» row asking to have
        the older child's letter back from a home registered by mistake (ELSEWHERE_FOR;
        documents/sent_marks.py told_done): save() lets it go once its day has passed too.
        None: kept as long as the case (nothing asked)."""
        self._known = self._read(f"{FOLDER}/{pseudonym}.json")
        self._now: dict[str, Any] = {}
        self.renamed_from: dict[str, str] = {}
        """A document's key -> the key it was kept under before (renamed)."""
        self._on_list: dict[str, Callable[[], bool]] = {}
        """A letter's key -> whether it is on the list to send (issue's on_list), as asked
        this run."""
        self._earlier: dict[str, dict[str, Any]] = {}
        """A document's key -> its issue as kept, for one issued anew this run made with
        another template or release than then (earlier)."""

    def _read(self, name: str) -> dict[str, Any]:
        """The dates kept; StateDamaged when they cannot be read: the case waits rather
        than having every letter dated anew without anyone noticing."""
        try:
            known = json.loads(read_state_file(self.path))
            for kept in known.values():
                _entry(kept)
                if isinstance(kept, dict):
                    _without_its_own_replacement(kept)
        except FileNotFoundError:
            return {}
        except (NotAFile, ValueError, AttributeError, TypeError, KeyError, RecursionError):
            raise StateDamaged(name) from None
        return known

    def before_move(self, since: date, until: date) -> None:
        """A move registered by mistake and corrected (domain/foster_home.py): the foster
        parents' letters issued while the other family was registered (from since, the day
        it was first read, until the day of the correction) went to them; the family the
        case has again had the issues kept before the move (keep_before_move). Those are
        their letters' issues again: one that reads as it did keeps its date and its mark
        as sent (documents/sent_marks.py Marks.earlier); one that changed replaces it, not
        a letter only the other family got. So do the older child's letters, written to her
        «c/o» the foster home: those of those days went to the other family's address, and
        she has the ones before. Each keeps the meetings the other family was sent it for
        (ELSEWHERE_FOR): Til utsending asks staff to tell them, of the child's too (it was
        not theirs to have)."""
        try:
            kept = json.loads(read_state_file(before_move_path(self.path.parent.parent,
                                                               self.path.stem)))
            if not isinstance(kept, dict):
                return
        except (OSError, ValueError, RecursionError):  # none, or not ours: as none
            return
        for key, earlier in kept.items():
            known = self._known.get(key)
            try:
                was, now = _entry(earlier), _entry(known)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            to = now.get("til", {}).get("rolle")
            if to is not None and to != "forelder" \
                    and since.isoformat() <= now["issued"] < until.isoformat() \
                    and was["issued"] < since.isoformat():
                told = self._sent_there(key, was, now, since)
                self._known[key] = {**was, ELSEWHERE_FOR: told[-1],
                                    **({ELSEWHERE_ALSO: told[:-1]} if told[1:] else {})} \
                    if told else was

    def _sent_there(self, key: str, was: dict[str, Any], now: dict[str, Any],
                    since: date) -> list[str]:
        """The meetings the family registered by mistake was sent this invitation for,
        oldest first (before_move: was, the issue kept before the move; now, the last one
        issued while they were registered, from since): the one before now that its reader
        was sent (now's sent_for), unless that is the family's the case has again (was's),
        and now's own when it was marked as sent. The older child's letter is for her
        conversation wherever she lives, so the meeting before may be was's too: it went to
        them when the letter now replaced was issued while they were registered (the one
        «c/o» them for 8 December, then for 15 December: both are said). With no marks
        asked (self.sent None), now's, as before; one nobody marked is told of by its own
        meeting all the same (sending._to_the_home_left finds no mark then, and lists
        nothing)."""
        meetings = []
        earlier = now.get("sent_for")
        theirs = (now.get("til") or {}).get("rolle") == "barnet" \
            and str(now.get("replaces") or "") >= since.isoformat()
        if earlier and (theirs or earlier not in (was.get("for"), was.get("sent_for"))):
            meetings.append(str(earlier))
        if "for" in now and (not meetings or self._was_sent(key, now)) \
                and now["for"] not in meetings:
            meetings.append(str(now["for"]))
        return meetings

    def renamed(self, endings: dict[str, str]) -> None:
        """Documents whose names ended in an old ending (before the extension) now end in
        the new one: the day a document was first made counts for its new name, so a letter
        made before is not listed to send again (it is dated anew, as for new facts)."""
        for key, kept in list(self._known.items()):
            stem, dot, extension = key.rpartition(".")
            for old, new in endings.items():
                now = stem[:-len(old)] + new + dot + extension
                if dot and stem.endswith(old) and now not in self._known:
                    self._known[now] = kept
                    self.renamed_from[now] = key

    def keys(self) -> list[str]:
        """The keys of the documents kept as issued: the names they were issued under."""
        return list(self._known)

    def kept_renamed(self, key: str) -> bool:
        """Whether the document `key`, kept under another name before (renamed), was issued
        this run as that letter: dated as it was, to the same reader (READER). Not one
        issued anew, to another reader say (the renewed offer of the other parent): the
        letter under the old name went to someone and stays."""
        now, known = self._now.get(key), self._known.get(key)
        if key not in self.renamed_from or not isinstance(now, dict) or known is None:
            return False
        kept = _entry(known)
        before, facts = _fields(kept), _fields(now)
        return now.get("issued") == kept["issued"] and (
            before is None or facts is None or before.get(READER) == facts.get(READER))

    def last(self, key: str) -> date | None:
        """The day the document `key` was last issued, if it was made before: a letter that
        shows where things stand is made as of that day (rendering/prepare.py), so it says
        what it said then, and is the same document, until its facts change."""
        known = self._known.get(key)
        return date.fromisoformat(_entry(known)["issued"]) if known is not None else None

    def date(self, key: str, content: str) -> date:
        """The day the document `key` showing `content` (a digest) was first issued."""
        return self.issue(key, Showing(content))[0]

    def replaces(self, key: str, appointment: str, dates: dict[str, str] | None = None,
                 issued_on: Day | None = None) -> Day | None:
        """For the invitation `key` to the meeting at `appointment` (its day and time, ISO):
        the day the letter it replaces was issued, if any. One issued for another day or
        time (the meeting moved) replaces that letter, and says so, unless that was issued
        today (moved twice in a day: the one before it); issued again for the same meeting,
        it keeps saying what its first issue said, so it stays the same letter.
        None for one issued by a release before this one (for the meeting it shows).
        The same for a letter listing its reader's `dates` (the information letter), when
        one of them is another than in the letter issued before (_other_dates): not for
        one issued anew with the same dates (a conversation recorded as held). Such a letter
        issued by a release that kept no dates: see dates_unknown (issued_on: the day it is
        issued this run, once known)."""
        return self._replaced(key, appointment, dates, issued_on)[0]

    def dates_unknown(self, key: str, dates: dict[str, str] | None,
                      issued_on: Day | None = None, appointment: str = "") -> bool:
        """Whether the letter `key` listing `dates` replaces (replaces) one issued by a
        release that kept no dates (the information letter before this release): whether its
        dates were other is not known, so it says only which letter it replaces, not that
        the dates changed. One whose letter before kept none is issued anew (issued_on today)
        for a change of any kind; so is the next issue of one whose dates change again.
        The same (True) for one marked as sent whose facts changed since (an invitation to
        the same meeting, `appointment`, too: _sent_then_changed)."""
        return self._replaced(key, appointment, dates, issued_on)[1]

    def invited_only(self, key: str, dates: dict[str, str] | None) -> bool:
        """Whether the letter `key` listing `dates` replaces (replaces) the one issued before
        only because who else is invited to the joint meeting changed (a detail of a date,
        _other_dates), none of its dates: it says that, not that the dates changed (a
        reader's finding: the mother's letter issued anew when the father declined said «Det
        er endringar i datoane …», and every date in it was as before). Kept with its issue,
        so it says the same on later days; a date changed too says the dates changed."""
        known = self._known.get(key)
        kept = None if known is None else _entry(known)
        if kept is None or dates is None or "dates" not in kept:
            return False
        had = self._unsent(key, kept)
        before = kept["dates"] if had is None or had[1] is None else had[1]
        if _other_dates(before, dates):
            if _other_dates(_days(before), _days(dates)):
                return False  # a date changed (too)
            if kept["issued"] != self.today.isoformat():
                return True
        return bool(kept.get("replaces") and kept.get("invited_only"))

    def _replaced(self, key: str, appointment: str, dates: dict[str, str] | None,
                  issued_on: Day | None,
                  facts: dict[str, str] | None = None) -> tuple[Day | None, bool]:
        """replaces, and dates_unknown (facts: what the letter issued this run shows field
        by field, when not yet kept as issued this run: _sent_then_changed)."""
        known = self._known.get(key)
        kept = None if known is None else _entry(known)
        if dates is not None:
            if kept is None:
                return None, False
            if "dates" not in kept:
                # Kept by a release before this one: the letter issued anew today replaces
                # it all the same, whatever changed (a parent holding both must know which
                # counts); one kept as issued replaces none, as before.
                if issued_on == self.today and kept["issued"] != self.today.isoformat():
                    return date.fromisoformat(kept["issued"]), True
                return None, False
            moved = _other_dates(kept["dates"], dates)
            had = self._unsent(key, kept) if moved else None
            if had is not None:
                # Never marked as sent: its reader has the letter it replaced (whether their
                # dates changed since that one is known only when kept: SENT_DATES).
                day, sent = had
                if sent is not None and not _other_dates(sent, dates):
                    return None, False
                return date.fromisoformat(day), sent is None
            if not moved and issued_on == self.today and self._sent_then_changed(
                    key, kept, facts):
                # Marked as sent, then issued anew for a fact its reader goes by (an
                # address, an interpreter, the foster family): it says which letter it
                # replaces, not that the dates changed (the same words as dates_unknown).
                return date.fromisoformat(kept["issued"]), True
        elif kept is None or "for" not in kept:
            return None, False
        else:
            moved = kept["for"] != appointment
            if not moved and issued_on == self.today and self._sent_then_changed(
                    key, kept, facts):
                # The same meeting, marked as sent, then issued anew for a fact it shows (a
                # new contact person, a place): it says which letter it replaces, not that
                # the meeting moved.
                return date.fromisoformat(kept["issued"]), True
        if moved and kept["issued"] != self.today.isoformat():
            return date.fromisoformat(kept["issued"]), False
        # The same meeting; or a letter issued today and replaced the same day (a second
        # export that day), most likely never sent: what it replaced, if anything.
        if not kept.get("replaces"):
            return None, False
        return date.fromisoformat(kept["replaces"]), bool(kept.get("dates_unknown"))

    def _unsent(self, key: str, kept: dict[str, Any]
                ) -> tuple[str, dict[str, str] | None] | None:
        """For a letter listing its reader's dates that replaced another, kept as issued
        before today and never marked as sent (Issued.sent): the day of the letter its
        reader has instead (the one it replaced) and that letter's dates, when kept
        (SENT_DATES). None for one marked as sent, one issued today (replaced the same day:
        what it replaced), or one that replaced none (a first letter not marked may have
        gone out all the same: the next names it, as before)."""
        if self.sent is None or not kept.get("replaces") \
                or kept["issued"] == self.today.isoformat() or self._was_sent(key, kept):
            return None
        return kept["replaces"], kept.get(SENT_DATES)

    def issue(self, key: str, showing: Showing, sender_free: Showing | None = None,
              appointment: str = "", keep_make: bool = False,
              alike: bool = False,
              on_list: Callable[[], bool] | None = None,
              to: dict[str, Any] | None = None,
              remake: bool = False,
              on_hold: Callable[[], None] | None = None,
              dates: dict[str, str] | None = None,
              elsewhere: Callable[[Day], bool] | None = None,
              readers: tuple[str, ...] = ()) -> tuple[Day, str]:
        """The document's issue day, and the digest its fingerprint is made from: kept as
        long as it shows the same (made with another template or release, the document is
        made again, dated as before; with keep_make, minutes, it is not). sender_free, for a
        letter naming its contact person: what it shows apart from its date and contact
        person; one that changed only there since it was issued is kept as issued (letter).
        appointment: an invitation's meeting (replaces), kept with its issue. alike: a
        letter whose template's fields changed may read as it did (earlier). on_list:
        whether the letter is on the list to send as one to send (not one that may have been
        sent before, nor one whose time there is over): one on it is not kept through a new
        contact person, marked as sent or not (new_contact). Asked only then; None: it is. to: an
        invitation's recipient as the list shows them (RECIPIENT), kept with its meeting:
        the list names them when the meeting is off and the letter no longer made. remake:
        minutes nobody has written in (their copy in the case folder is as a run wrote it),
        made again in place when what they show changes, not kept as made. on_hold: minutes
        open in Word or LibreOffice, kept as they are where they would be made again (not
        under whoever has them open); called when that keeps them. dates: the dates a
        letter lists (the information letter), kept with its issue (replaces). elsewhere:
        whether one issued on a day went to someone else than the letter's reader now (the
        foster parents of a home the child moved to, before they came into the case; or of
        one registered by mistake, while it was): it replaces none of those. readers: the
        digest of each person a letter to more than one is addressed to (READERS), kept
        with its issue."""
        known = self._known.get(key)
        kept = None if known is None else _entry(known)
        elsewhere_for = None if kept is None else kept.get(ELSEWHERE_FOR)
        elsewhere_also = None if kept is None else kept.get(ELSEWHERE_ALSO)
        self._earlier.pop(key, None)
        if on_list is not None:
            self._on_list[key] = _once(on_list)
            on_list = self._on_list[key]
        sent_for = self._sent_for(key, kept, appointment)
        fields = None if kept is None else _fields(kept)
        if kept is not None and (kept.get("shows") == showing.shows
                                 or showing.keeps_facts(
                                     fields, date.fromisoformat(kept["issued"]))
                                 # Kept by a release before this one, without its fields:
                                 # read as it was (rendering/former_releases.py, frozen).
                                 or fields is None and (
                                     showing.was_before(kept.get("shows"))
                                     or showing.was_kept_as(kept.get("former")))):
            # The same issue. Made with the same template and release (a release before
            # this one kept no "made_with": its digest matched, so it was), the same
            # fingerprint: the document is not made again.
            same_make = kept.get("made_with", showing.made_with) == showing.made_with
            if "mark" not in kept and kept.get("shows") not in (None, showing.shows):
                # Renamed, reworded: a mark as sent is for the issue made.
                kept["mark"] = _mark(kept)
            # Kept through what it showed before (before: its old name, words, or the
            # service's name as the export gave it), it is made again, dated as before, also
            # by the same release: the service's name set in the configuration showed in the
            # letters issued after, not in those issued before (prepare.py).
            same_shown = kept.get("shows") == showing.shows
            now = {"issued": kept["issued"], "first": kept["first"], "shows": showing.shows,
                   "made_with": showing.made_with,
                   "basis": kept["basis"] if keep_make or same_make and same_shown
                   else showing.basis}
        elif kept is not None and sender_free is not None and not remake \
                and self._there(key) and (
                self._kept_letter(kept, showing, sender_free, keep_make)) and (
                keep_make or (on_list is not None and not on_list())
                or self.sent is None):
            now = {"issued": kept["issued"], "first": kept["first"],
                   "shows": kept.get("shows") or kept["former"],
                   "made_with": showing.made_with, "basis": kept["basis"]}
            if "fields" in kept:  # (what the letter kept as issued shows)
                now["fields"] = kept["fields"]
        elif kept is not None and on_hold is not None and self._there(key):
            # Open in Word or LibreOffice: as it was, in every respect, so it is made again
            # (or gets its copy beside it) on a run when it is closed, not under the writer.
            on_hold()
            self._now[key] = known
            return date.fromisoformat(kept["issued"]), kept["basis"]
        else:
            # The day this document was first made, whatever it showed then (a letter
            # listed to send from that day: documents/sending.py); kept as long as it is.
            # Another make, or, for a letter, facts it may not show (a field of another
            # branch of its template: the foster parents in a parent's invitation): it may
            # read the same (earlier).
            if kept is not None and kept["issued"] != self.today.isoformat() and (
                    kept.get("made_with") != showing.made_with or alike) and self._there(key):
                self._earlier[key] = kept
            kept = {"first": kept["first"]} if kept is not None else {}
            now = {"issued": self.today.isoformat(),
                   "first": kept.get("first", self.today.isoformat()),
                   "shows": showing.shows, "made_with": showing.made_with,
                   "basis": showing.basis}
        if showing.facts is not None and "fields" not in now:
            now["fields"] = " ".join(f"{k}={v}" for k, v in sorted(showing.facts.items()))
        mark = kept.get("mark") or _former_mark(kept)
        if mark:
            now["mark"] = mark
        if sender_free is not None:
            now["sender_free"] = sender_free.shows
        if appointment:
            now["for"] = appointment
            if to:
                now["til"] = {k: to[k] for k in RECIPIENT if to.get(k) not in (None, "")}
            replaced, changed = self._replaced(key, appointment, None,
                                               date.fromisoformat(now["issued"]),
                                               _fields(now))
            if replaced is not None and (elsewhere is None or not elsewhere(replaced)):
                now["replaces"] = replaced.isoformat()
                if changed:
                    now["dates_unknown"] = True
                if self._new_contact(key, now):
                    now["contact"] = True
        if dates is not None:
            now["dates"] = dict(dates)
            replaced, unknown = self._replaced(key, "", dates,
                                               date.fromisoformat(now["issued"]),
                                               _fields(now))
            if replaced is not None:
                now["replaces"] = replaced.isoformat()
                if (sent := self._sent_dates(key)) is not None:
                    now[SENT_DATES] = sent
                if unknown:
                    now["dates_unknown"] = True
                elif self.invited_only(key, dates):
                    now["invited_only"] = True
                if self._new_contact(key, now):
                    now["contact"] = True
        if sent_for:
            now["sent_for"] = sent_for
        if elsewhere_for:
            now[ELSEWHERE_FOR] = elsewhere_for
            if elsewhere_also:
                now[ELSEWHERE_ALSO] = elsewhere_also
        if len(readers) > 1:
            now[READERS] = sorted(set(readers))
        self._now[key] = now
        return date.fromisoformat(now["issued"]), now["basis"]

    def _sent_dates(self, key: str) -> dict[str, str] | None:
        """The dates of the letter `key`'s reader has (SENT_DATES), as kept before this run:
        the issue kept, when marked as sent; the one it replaced, when not."""
        known = self._known.get(key)
        kept = None if known is None else _entry(known)
        if kept is None or "dates" not in kept:
            return None
        had = self._unsent(key, kept)
        return dict(kept["dates"]) if had is None else had[1]

    def earlier(self, key: str) -> tuple[Day, Path] | None:
        """For the document `key`, issued anew this run (a letter: what its template uses
        changed; any: made with another template or release than it was issued with): the day it
        was issued, and where that document is in the case folder. What changed may say
        nothing in this document (a field of a branch of its template it does not take, a
        field the new template shows that is empty here), so it can read word for word as
        the one issued; it then keeps that issue (keep; rendering/prepare.py compares the
        text). None for any other document."""
        kept = self._earlier.get(key)
        if kept is None or self.case_folder is None:
            return None
        return date.fromisoformat(kept["issued"]), self.case_folder / key

    def keep(self, key: str) -> tuple[Day, str]:
        """The document `key` (earlier) reads as the one issued: it keeps that issue, its
        date, the day it was first made and a mark as sent on it, now with what it shows
        and is made with; returns as issue() does. What it says of a letter it replaces is
        what that issue said (REPLACED), not what the issue made this run and discarded
        said: that one replaced the letter kept (one marked as sent whose fields changed:
        _sent_then_changed), which is this very letter."""
        kept = self._earlier.pop(key)
        now = self._now[key]
        now.update(issued=kept["issued"], first=kept["first"], mark=_mark(kept))
        for said in REPLACED:
            now.pop(said, None)
            if said in kept:
                now[said] = kept[said]
        return date.fromisoformat(now["issued"]), now["basis"]

    @staticmethod
    def _kept_letter(kept: dict[str, Any], showing: Showing, sender_free: Showing,
                     keep_make: bool = False) -> bool:
        """A letter issued naming its contact person that has changed only in who that is
        (or their phone number), made with the same template and release (or any, with
        keep_make: minutes): the family has it as it was issued. Only while it is in the
        case folder: one deleted there is issued anew, dated today and naming today's
        contact person (the one it named is not kept: no names here), never the old date
        with the new person."""
        if "former" in kept:  # kept so by a release before: its digest covered both
            return sender_free.was_kept_as(kept.get("former_sender_free"))
        # Minutes kept by a release before as they showed the child's sex (before:
        # rendering/prepare.py _issued).
        return (kept.get("sender_free") == sender_free.shows
                or sender_free.was_before(kept.get("sender_free"))) and (
            keep_make or kept.get("made_with") == showing.made_with)

    def _sent_for(self, key: str, kept: dict[str, Any] | None, appointment: str) -> str | None:
        """For an invitation: the meeting its reader was last sent an invitation to, when
        that is not the one it is issued for now (an invitation moved to another day and
        not yet sent again): the issue before, when it was marked as sent, else what that
        one kept. Til utsending names that meeting when it is off (documents/sending.py)."""
        if kept is None or not appointment:
            return None
        if kept.get("for") in (None, appointment):
            return kept.get("sent_for")
        return kept["for"] if self._was_sent(key, kept) else kept.get("sent_for")

    def shows(self, key: str, variable: str) -> bool | None:
        """Whether the letter `key` as kept (before this run) shows the top-level
        `variable` (a field of it in what it showed: rendering/prepare.py _facts); None for
        one not kept, False for one kept without its fields (by a release before)."""
        known = self._known.get(key)
        if known is None:
            return None
        fields = _fields(_entry(known))
        if fields is None:
            return False
        return any(path == variable or path.startswith(variable + ".") for path in fields)

    def field(self, key: str, path: str) -> str | None:
        """The digest the letter `key` as kept (before this run) has of the field at this
        dotted path (rendering/prepare.py _facts); None for one not kept, kept without its
        fields (by a release before), or not showing that field."""
        known = self._known.get(key)
        fields = None if known is None else _fields(_entry(known))
        return None if fields is None else fields.get(path)

    def new_contact(self, key: str) -> bool:
        """Whether the letter `key`, as issued this run or kept, replaces one marked as sent
        that named another contact person (_other_contact: not the same one with another
        phone number, e-mail or title), whatever else changed (a new time, new dates): it
        says so («… har fått ny kontaktperson …»: rendering/prepare.py NEW_CONTACT_KEY)."""
        now = self._now.get(key)
        if isinstance(now, dict) and now.get("issued") == self.today.isoformat():
            return self._new_contact(key, now)
        known = self._known.get(key)
        return isinstance(known, dict) and bool(known.get("contact"))

    def _new_contact(self, key: str, now: dict[str, Any]) -> bool:
        if now.get("issued") != self.today.isoformat():
            return bool(now.get("contact"))
        known = self._known.get(key)
        kept = None if known is None else _entry(known)
        if kept is None or kept["issued"] == self.today.isoformat():
            return bool(kept and kept.get("contact"))
        before, facts = _fields(kept), _fields(now)
        if before is None or facts is None or not self._was_sent(key, kept):
            return False  # (one never sent: its reader has only the new one)
        return _other_contact(before, facts)  # (not the same one's new number: the letter
        # issued anew for it gives the number and says which letter it replaces)

    def _to_reader(self, key: str, facts: dict[str, str] | None, readers: tuple[str, ...] = ()
                   ) -> list[tuple[str, dict[str, Any], dict[str, str], frozenset[str]]]:
        """The letters other than `key` kept as issued before this run to a reader of a
        letter showing `facts` and addressed to `readers` (_readers: a letter to both foster
        parents is one to each of them): each by its key, as kept, field by field and whom
        it was addressed to. Not one kept without its fields (by a release before this one:
        its reader is not known)."""
        mine = _readers(facts, readers)
        if not mine:
            return []
        found = []
        for other, known in self._known.items():
            if other == key or other in self.renamed_from.values():
                continue
            kept = _entry(known)
            fields = _fields(kept)
            theirs = _readers(fields, kept.get(READERS, ()))
            if fields is not None and theirs & mine:
                found.append((other, kept, fields, theirs))
        return found

    def _sent_to(self, key: str, facts: dict[str, str] | None, readers: tuple[str, ...] = ()
                 ) -> list[tuple[dict[str, Any], dict[str, str], frozenset[str]]]:
        """Those of _to_reader that staff marked as sent (Issued.sent): what its readers have."""
        return [(kept, fields, theirs)
                for other, kept, fields, theirs in self._to_reader(key, facts, readers)
                if self._was_sent(other, kept)]

    def told(self, key: str, facts: dict[str, str] | None, day: GivenDay,
             readers: tuple[str, ...] = ()) -> bool:
        """Whether a reader of the letter `key` showing `facts` (addressed to `readers`:
        _to_reader) was sent a letter (marked as sent) that gave them the day: an invitation
        for it (also one issued anew since for another time: its sent_for), or a letter
        listing their dates with it. The first invitation after the journal cancelled that
        day says so (rendering/prepare.py CANCELLED_FIRST_KEY); a reader never told that day
        gets a plain invitation."""
        return any(kept.get("sent_for") in day.meetings
                   for _, kept, _, _ in self._to_reader(key, facts, readers)) or any(
            kept.get("for") in day.meetings
            or (kept.get("dates") or {}).get(day.listed) in day.digests
            for kept, _, _ in self._sent_to(key, facts, readers))

    def told_other_contact(self, key: str, facts: dict[str, str] | None,
                           readers: tuple[str, ...] = ()) -> bool:
        """Whether a reader of the letter `key` showing `facts` (addressed to `readers`:
        _to_reader) was last sent a letter (the latest issued among those marked as sent to
        them, to them alone or to them and another: a letter to both foster parents counts
        for each) that named another contact person (_other_contact: another name, not the
        same one's other phone number): a first letter to them says the contact person is new
        (rendering/prepare.py NEW_CONTACT_FIRST_KEY). Not when a letter sent to them as late
        names this one: they have the name."""
        sent = self._sent_to(key, facts, readers)
        if not sent or facts is None:
            return False
        for reader in _readers(facts, readers):
            theirs = [(kept, fields) for kept, fields, to in sent if reader in to]
            if not theirs:
                continue
            last = max(kept["issued"] for kept, _ in theirs)
            if all(_other_contact(fields, facts) for kept, fields in theirs
                   if kept["issued"] == last):
                return True
        return False

    def _sent_then_changed(self, key: str, kept: dict[str, Any],
                           facts: dict[str, str] | None) -> bool:
        """Whether the letter listing its reader's dates, issued anew today with the same
        dates, replaces the issue kept because staff marked that one as sent and what it
        shows changed since in a fact its reader goes by (its address, an interpreter, the
        contact person or the foster family named), not only in how the programme went on
        (PROGRESS: a conversation held, an answer given, which its reader knows): the copy
        sent is no longer right, so the new one is to be sent, saying it replaces it."""
        if kept["issued"] == self.today.isoformat() or self.sent is None:
            return False
        if facts is None:
            now = self._now.get(key)
            facts = _fields(now) if isinstance(now, dict) else None
        before = _fields(kept)
        if facts is None or before is None:
            return False
        changed = {path for path in set(facts) | set(before)
                   if facts.get(path) != before.get(path)}
        if not changed - PROGRESS:
            return False
        if not {path for path in changed - PROGRESS if not path.startswith("kontaktperson.")}:
            # Only who its contact person is: issued anew so while on the list to send (a
            # letter past its time there, or to check, was kept as issued, and one made
            # again from it by a new release carries its mark as before).
            listed = self._on_list.get(key)
            if listed is None or not listed():
                return False
        return self.sent(key, f"{kept['issued']}/{_mark(kept)}")

    def _was_sent(self, key: str, kept: dict[str, Any]) -> bool:
        """Whether the letter as kept was marked as sent: one still waiting to be sent names
        the new contact person, issued anew (helper 114: it went out with the old one's
        name and number)."""
        return self.sent is None or self.sent(key, f"{kept['issued']}/{_mark(kept)}")

    def _there(self, key: str) -> bool:
        return self.case_folder is None or (self.case_folder / key).is_file()

    def migrates(self) -> bool:
        """Whether a letter kept by a release before this one, without its fields, is kept
        with them now: save() keeps them so also when no document of the case changed (the
        first run of this release migrates a service: rendering/former_releases.py)."""
        return any("fields" in now and isinstance(known := self._known.get(key), dict | list)
                   and (isinstance(known, list) or "fields" not in known)
                   for key, now in self._now.items())

    def save(self) -> None:
        """Keep the documents made this time. One no longer made is forgotten, unless it is
        an invitation sent for a meeting still ahead (this issue marked as sent, or one
        before for another meeting: sent_for): Til utsending asks staff to tell its reader
        when the meeting is off (documents/sending.py _withdrawn) until that day; or one
        issued on the day of its meeting, until the next working day after it: Til
        utsending lists it once more (sending._made_on_the_day_passed); or one not marked
        as sent whose meeting passed at most UNMARKED_PASSED_DAYS ago: listed while no list
        was made on the day of its meeting (sending._unmarked_passed); or the older child's
        letter sent «c/o» a foster home registered by mistake (ELSEWHERE_FOR), whatever its
        day: Til utsending asks staff to have it back from there until they mark it done
        (sending._tell), also after the conversation was held with her; once they did and
        its day has passed, its row has left the list and it is forgotten, as any «Gi
        beskjed» row's once marked (retrieved)."""
        renamed = set(self.renamed_from.values())
        for key, kept in self._known.items():
            if key in self._now or key in renamed:
                continue
            entry = _entry(kept)
            ahead = [m for m in (entry.get("for"), entry.get("sent_for"))
                     if m and date.fromisoformat(m[:10]) >= self.today]
            if ahead and (entry.get("sent_for") or self._was_sent(key, entry)):
                self._now[key] = kept
            elif _made_on_its_day(entry, self.today):
                self._now[key] = kept
            elif self.sent is not None and _passed_lately(entry, self.today) \
                    and not self._was_sent(key, entry):
                self._now[key] = kept
            elif entry.get(ELSEWHERE_FOR) and (entry.get("til") or {}).get("rolle") == "barnet" \
                    and not (str(entry[ELSEWHERE_FOR])[:10] < self.today.isoformat()
                             and self.retrieved is not None and self.retrieved(key)):
                # The older child's letter sent «c/o» a home registered by mistake: it lies
                # at their address after its meeting too, and Til utsending asks staff to
                # have it back until they mark that done (sending._to_the_home_left); then
                # listed until its day, as any «Gi beskjed» row marked (sending._tell).
                self._now[key] = kept
        if self._now != self._known:
            ensure_dir(self.path.parent)
            write_text_atomic(self.path, json.dumps(self._now, sort_keys=True))
            self._known = dict(self._now)


PROGRESS = frozenset({
    "mottaker.takket_ja", "part.holdt", "part.alle_holdt", "part.i_gang", "part.neste",
    "part.samtaler", "part.siste", "part.sen", "part.flytting_forst", "part.uten_dato",
    "part.mote", "part.foreldresamtale", "barn.egne_samtaler", "erstatter",
    "erstatter_uten_datoer"})
"""The fields of a letter listing its reader's dates that change as the programme goes on
(a conversation held, the next one named, an answer given: what its reader knows) or that
are its dates (Document.dates: a change there says so itself), not facts whose change makes
a copy marked as sent wrong (Issued._sent_then_changed)."""


UNMARKED_PASSED_DAYS = 14
"""How many days after its meeting an invitation nobody marked as sent is kept, no longer
made: Til utsending lists it while the list was not made on the day of its meeting
(documents/sending.py _unmarked_passed), as after a holiday or a day the service was off."""


def _once(ask: Callable[[], bool]) -> Callable[[], bool]:
    """ask, asked at most once."""
    answer: list[bool] = []

    def asked() -> bool:
        if not answer:
            answer.append(ask())
        return answer[0]
    return asked


def _passed_lately(entry: dict[str, Any], today: date) -> bool:
    """Whether a kept invitation's meeting has passed, at most UNMARKED_PASSED_DAYS ago."""
    try:
        day = date.fromisoformat(str(entry.get("for") or "")[:10])
    except ValueError:
        return False
    return day < today <= day + timedelta(days=UNMARKED_PASSED_DAYS)


def _made_on_its_day(entry: dict[str, Any], today: date) -> bool:
    """Whether a kept invitation was issued on the day of its meeting, and today is at most
    the next working day after that day."""
    meeting = str(entry.get("for") or "")[:10]
    if not meeting or meeting != entry.get("issued"):
        return False
    try:
        day = date.fromisoformat(meeting)
    except ValueError:
        return False
    return day < today <= LETTER_DAYS.add_working_days(day, 1)


def _entry(kept: Any) -> dict[str, Any]:
    """One document's kept issue, in the form this release keeps (a dict), from either
    form; raises (ValueError, KeyError, TypeError ...) when it is neither."""
    if isinstance(kept, list):  # kept by a release before this one
        issued, former, *rest = kept
        entry = {"issued": issued, "first": rest[0] if rest else issued, "former": former,
                 "basis": former}
        if len(rest) > 1:
            entry["former_sender_free"] = rest[1]
    else:
        entry = dict(kept)
        for needed in ("basis", "shows"):
            if not isinstance(entry[needed], str):
                raise TypeError(needed)
        entry.setdefault("first", entry["issued"])
    for day in (entry["issued"], entry["first"]):
        date.fromisoformat(day)
    for key in ("for", "sent_for", "replaces", ELSEWHERE_FOR):  # what an invitation says:
        if key in entry and not _a_day(entry[key]):  # not read, rather than stop its case
            del entry[key]
    _without_its_own_replacement(entry)
    also = entry.get(ELSEWHERE_ALSO, [])
    if ELSEWHERE_FOR not in entry or not isinstance(also, list) \
            or not all(isinstance(day, str) and _a_day(day) for day in also):
        entry.pop(ELSEWHERE_ALSO, None)  # not read: the row names the last meeting only
    if not isinstance(entry.get("fields", ""), str):
        del entry["fields"]  # not read: kept by what it shows whole, as before
    if not isinstance(entry.get("til", {}), dict):
        del entry["til"]
    readers = entry.get(READERS, [])
    if not isinstance(readers, list) or not all(isinstance(r, str) for r in readers):
        del entry[READERS]  # not read: its reader is READER's, as before
    for listed in ("dates", SENT_DATES):
        dates = entry.get(listed, {})
        if not isinstance(dates, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in dates.items()):
            del entry[listed]  # not read: the letter says nothing of one it replaces
    return entry


def _without_its_own_replacement(entry: dict[str, Any]) -> None:
    """A letter's issue that says it replaces the letter issued on its own day (its
    "replaces" is its "issued") loses all it says of a letter it replaces (REPLACED): the
    letter it names is itself. Releases up to 0fa42b62 (before Issued.keep kept the note of
    the issue it keeps: 7c23dba1) saved such issues: on a release day a letter marked as
    sent was issued anew, and that new issue noted that it replaced the one marked as sent
    (_sent_then_changed: its new template reads a field the letter did not show); then it
    read word for word as before and kept the old issue's date and mark, with the new
    issue's note. Read as saved, the next run issued it anew, dated that day, «Dette brevet
    erstatter brevet vårt fra …» its own date, its mark as sent lost.

    A genuine note never names the issue's own day: a letter issued anew replaces one
    issued before that day (Issued._replaced names none issued the same day: moved twice in
    a day, it names the one that one replaced), and an issue kept (keep, a letter kept as
    issued through a new contact person) keeps its own day and its own note together. So
    only replaces == issued is taken for a letter's own note; every other is left as it
    was. (What such an issue said before that release day, when it replaced another letter
    itself, was not saved: it is not known here.)"""
    if entry.get("replaces") is not None and entry.get("replaces") == entry.get("issued"):
        for said in REPLACED:
            entry.pop(said, None)


def _fields(kept: dict[str, Any]) -> dict[str, str] | None:
    """What a letter kept shows field by field ("fields": "path=digest path=digest ..."),
    None when it was kept without (by a release before this one: rendering/
    former_releases.py) or its text cannot be read so."""
    text = kept.get("fields")
    if not isinstance(text, str):
        return None
    found = {}
    for said in text.split():
        key, equals, digest = said.rpartition("=")
        if not equals or not key:
            return None
        found[key] = digest
    return found


CONTACT_NAMED = ("kontaktperson.navn", "kontaktperson.fornavn")
"""The fields that name the contact person: another name is another contact person; the same
name with another phone number, e-mail or title is not (_other_contact)."""


def _readers(fields: dict[str, str] | None, readers: Any = ()) -> frozenset[str]:
    """Whom a letter showing `fields` was addressed to, as digests: each person it names
    (READERS: a letter to the two foster parents), and READER's digest of its reader's name
    as the letter shows it (the two names together, for such a letter: one kept by a release
    before this one, which kept no READERS, is known so, and only so)."""
    found = {str(r) for r in readers} if isinstance(readers, list | tuple | frozenset) else set()
    reader = (fields or {}).get(READER)
    if reader is not None:
        found.add(reader)
    return frozenset(found)


def _other_contact(before: dict[str, str], now: dict[str, str]) -> bool:
    """Whether two letters, field by field, name another contact person, in the name fields
    both show (CONTACT_NAMED). Not the same one with another phone number, e-mail or title:
    «… har fått ny kontaktperson hos oss, …» would tell the reader of a change of person
    that never happened (the letter gives the new number itself)."""
    return any(before[path] != now[path] for path in set(before) & set(now)
               if path in CONTACT_NAMED)


def _other_dates(before: dict[str, str], now: dict[str, str]) -> bool:
    """Whether a letter listing the dates `now` shows its reader another date than the one
    issued with `before` (each: what a conversation or meeting is -> a digest of its date and
    time, "" once held): one moved, cancelled, given a date or left without one, or a detail
    of one changed ("what/detail": who else is invited to the joint meeting). Not one held
    since (on its day or another: it is history, not a date to keep), nor a detail the
    letter before did not keep (issued by a release that kept none) or the letter now does
    not (kept under a name a release no longer uses: the date it details says whether it
    changed)."""
    return any(now.get(what) != before.get(what) for what in before.keys() | now.keys()
               if now.get(what) != "" and not (what not in now and before.get(what) == "")
               and not ("/" in what and (what not in before or what not in now)))


def _days(dates: dict[str, str]) -> dict[str, str]:
    """A letter's dates (_other_dates) without their details ("what/detail": who else is
    invited to the joint meeting): the days and times alone."""
    return {what: digest for what, digest in dates.items() if "/" not in what}


def _a_day(value: Any) -> bool:
    """Whether value begins with an ISO date (a day, or a day and time)."""
    try:
        date.fromisoformat(value[:10])
    except (TypeError, ValueError, KeyError):
        return False
    return isinstance(value, str)


def _former_mark(kept: dict[str, Any]) -> str | None:
    """What a mark as sent was for, for a letter kept by a release before this one."""
    former = kept.get("former")
    return str(former)[:MARK_LENGTH] if former else None


def _mark(kept: dict[str, Any]) -> str:
    """What a mark as sent is for (with the issue date): the start of what it shows."""
    return str(kept.get("mark") or _former_mark(kept) or kept["shows"])[:MARK_LENGTH]


def before_move_path(folder: Path, pseudonym: str) -> Path:
    """Where the issues of a case's documents are kept as they were before its last move
    to another foster home (keep_before_move)."""
    return folder / FOLDER / f"{pseudonym}.before-move"


def keep_before_move(folder: Path, pseudonym: str) -> None:
    """The case's issues as they were before the child moved to another foster home, kept
    beside them until a next move (as the plan: store/state.py keep_plan_before_move, and
    at the same moment, before the case showing the move is saved): a move the journal
    corrects as registered by mistake gives the foster family's letters their issues back
    (Issued.before_move). Not named .json: no case's issues (the glob of in_use_from)."""
    copy = before_move_path(folder, pseudonym)
    try:
        data = read_state_file(folder / FOLDER / f"{pseudonym}.json")
    except (FileNotFoundError, NotAFile):
        copy.unlink(missing_ok=True)
        return
    write_atomic(copy, data)


def version(folder: Path, pseudonym: str) -> list[int] | None:
    """The case's file of issue dates as the file system knows it (state.file_version)."""
    return file_version(folder / FOLDER / f"{pseudonym}.json")


def kept_dates(folder: Path, pseudonym: str) -> dict[str, tuple[date, date]]:
    """Document key -> (the day it was last issued: the date it shows, the day it was first
    made (its last issue date when kept before that was)); none when they cannot be read
    (the case's next run says so: Issued)."""
    return {key: (date.fromisoformat(kept["issued"]), date.fromisoformat(kept["first"]))
            for key, kept in _entries(folder, pseudonym).items()}


def issues(folder: Path, pseudonym: str) -> dict[str, str]:
    """Document key -> the issue it is now: the day it was last issued and a digest of what
    it shows ("2026-11-22/1a2b..."). A letter marked as sent in Til utsending is marked as
    this issue: one made again with other content, even on the same day, is another
    (documents/sent_marks.py); one made again with a new template or release is not. None
    when they cannot be read, as kept_dates."""
    return {key: f"{kept['issued']}/{_mark(kept)}"
            for key, kept in _entries(folder, pseudonym).items()}


def replaced(folder: Path, pseudonym: str) -> dict[str, date]:
    """Document key -> the day the letter it replaces was issued, for a letter that says it
    replaces one (Issued.replaces: an invitation for a meeting moved, and any letter kept
    with "replaces"), as it was last issued: Til utsending says so beside it
    (documents/sending.py). None when they cannot be read, as kept_dates."""
    found: dict[str, date] = {}
    for key, kept in _entries(folder, pseudonym).items():
        try:
            found[key] = date.fromisoformat(kept["replaces"])
        except (KeyError, TypeError, ValueError):
            continue
    return found


def dates_unknown(folder: Path, pseudonym: str) -> set[str]:
    """The keys of the letters listing their reader's dates that replace one issued by a
    release that kept no dates (Issued.dates_unknown): whether their dates changed is not
    known (Til utsending says only that the letter was made again); and those that replace
    one only because who else is invited to the joint meeting changed (Issued.invited_only):
    their dates did not change, so it says the same. None when they cannot be read, as
    kept_dates."""
    return {key for key, kept in _entries(folder, pseudonym).items()
            if kept.get("dates_unknown") or kept.get("invited_only")}


def invitations(folder: Path, pseudonym: str) -> dict[str, Invitation]:
    """Document key -> (its issue, as issues() gives it; the meeting it is for, its day and
    time in ISO; the meeting an invitation sent before was for, when another: sent_for, or
    ""; its recipient, RECIPIENT's, or {} when kept by a release before this one), for
    every invitation kept: also one no longer made, sent for a meeting still ahead
    (Issued.save); and the meeting its issue to a family registered by mistake was for,
    once given back to the family the case has (ELSEWHERE_FOR), or "")."""
    return {key: Invitation(f"{kept['issued']}/{_mark(kept)}", str(kept["for"]),
                            str(kept.get("sent_for") or ""), dict(kept.get("til") or {}),
                            str(kept.get(ELSEWHERE_FOR) or ""),
                            tuple(kept.get(ELSEWHERE_ALSO) or ()))
            for key, kept in _entries(folder, pseudonym).items() if "for" in kept}


def invited_meetings(folder: Path, pseudonym: str) -> list[str] | None:
    """The meetings the case's invitations were issued for, each its day and time in ISO
    (invitations), for the plan to ask whether one was (planning/schedule.py plan_case
    invited); None when the state cannot tell: an invitation kept by a release before this
    one that did not keep its meeting ("for"), in the case's folder of invitations (either
    standard's name). The plan then takes any as possibly issued."""
    from ..text import tekst  # (text is not needed by the rest of the store)
    folders = {tekst(m)("fil.innkallinger") for m in ("bokmal", "nynorsk")}
    entries = _entries(folder, pseudonym)
    if any(key.split("/", 1)[0] in folders and "for" not in kept
           for key, kept in entries.items()):
        return None
    return [str(kept["for"]) for kept in entries.values() if "for" in kept]


def _entries(folder: Path, pseudonym: str) -> dict[str, dict[str, Any]]:
    """The case's kept issues, each as _entry; none when they cannot be read."""
    try:
        known = json.loads(read_state_file(folder / FOLDER / f"{pseudonym}.json"))
        return {key: _entry(kept) for key, kept in known.items()}
    except (OSError, ValueError, AttributeError, TypeError, KeyError, RecursionError):
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
