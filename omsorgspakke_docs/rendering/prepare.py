"""A case's documents before any is rendered: each with its issue date and its fingerprint.

A document's fingerprint covers what it shows and nothing else: the template (its bytes),
the context values the template reads (uses.py: derived from the template, not listed by
hand), its custom properties, this program's version, and the day it was issued
(store/issued.py). So the day of the run, or a field of the export
no context carries (such as `eksportert`), changes no fingerprint; equal fingerprints make
equal documents, which are not written again.

The case's context is cleaned of unprintable characters and fingerprinted once: documents
share its values (the same objects), and each object is cleaned and digested the first time
it is met, then looked up by identity.

A letter's issue (its date, its mark as sent) is kept by its facts, field by field (_facts):
each value it shows, by its dotted path, as a short digest, without what its kind declares
words (its `words`: Words), and a fact of its own its kind declares inside such a field (its
`facts`: Words.own) as a field of its own, kept with the issue (store/issued.py "fields",
Showing.keeps_facts). A release that rewords a letter (its template's text, a kind's words)
makes it again in the new words, dated as issued; one whose facts change issues it anew. So
a rewording needs no code here: it is a `words` declaration in its kind. Issues kept
by the releases before this one, as one digest of all a letter showed, are read by
former_releases.py (frozen), and kept field by field once made again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import product
from typing import Any

from .. import __version__
from ..intake.guards import printable, printable_all
from ..planning.workdays import norsk_dato
from ..plugins import made_by
from ..store.issued import Showing
from ..text import MISSING_RE
from . import minutes_marker
from .context import CaseContext
from .fields import quiet_values
from .former_releases import (
    FORMER_TITLE,
    NAMED_BY_PATH,
    as_kept_before,
    in_former_words,
    used_before,
)
from .renderer import Document, Rendered, Renderer, TemplateError
from .shown_text import shown_text, shown_text_of
from .uses import shown

DATE_KEY = "dato"
"""The top-level variable that is a document's own date ("Vår dato")."""
SENDER_KEY = "kontaktperson"
"""The top-level variable naming the letter's sender, the contact person: a letter issued
before that changed only here is kept as it was (store/issued.py Issued.issue)."""
REPLACES_KEY = "erstatter"
"""The top-level variable of an invitation for a meeting moved: the date of the letter it
replaces («Dette brevet erstatter brevet datert …»), "" for one that replaces none
(renderer.Document.appointment, store/issued.py Issued.replaces); and of an information
letter issued anew with other dates than the one before (renderer.Document.dates)."""
NEW_CONTACT_KEY = "erstatter_ny_kontakt"
"""The top-level variable of a letter that replaces one marked as sent that named another
contact person (store/issued.py Issued.new_contact): it says so («… har fått ny
kontaktperson hos oss …»), once, beside the line saying which letter it replaces: alone
when that is all that changed, after «nytt tidspunkt», «ble avlyst» or «endringer i
datoene» when more did (an invitation or an information letter)."""
CANCELLED_FIRST_KEY = "samtale_avlyst_forste"
"""The top-level variable of the first invitation for a conversation the journal cancelled
and the planner set again (its samtale_avlyst, while it replaces no invitation): it says
the conversation was cancelled and the new time, as one replacing an invitation does (a
reader's finding: the mother knew the day cancelled from her information letter, and her
first invitation for the new day read as a plain one). Only to a reader who was sent that
day (store/issued.py Issued.told: an invitation for it, or an information letter listing it,
marked as sent): one never told it gets a plain invitation. Only in a letter first issued
so, or kept as saying it: one issued before without it is kept as issued ("" is quiet)."""
NEW_CONTACT_FIRST_KEY = "ny_kontakt_forste"
"""The top-level variable of an invitation (to a conversation or to the joint meeting), or
an information letter, issued for the first time to a reader whose
latest letter marked as sent named another contact person (store/issued.py
Issued.told_other_contact: the information letter, say, before the journal gave the child a
new one): it says the contact person is new («… har fått ny kontaktperson hos oss, …»), as a
letter replacing one does (NEW_CONTACT_KEY), since its reader knows the old one's name and
number. Only in a letter first issued so, or kept as saying it; not in one that replaces
another (that one says it, or its reader had the new name already)."""
MOVED_KEY = "flyttet_fosterhjem"
"""The top-level variable of a parent's information letter issued after the child moved to
another foster home, when it replaces one first made before the move (its first issue named
the home the child left): it says, in a paragraph of its own, that the child has moved
(CaseContext.moved_since). Words, not a fact (documents/informasjonsbrev.py): worked out from
the day the letter is issued, so a letter issued after the move by a release before keeps its
issue and its date, made again saying so."""
DATES_UNKNOWN_KEY = "erstatter_uten_datoer"
"""The top-level variable of an information letter that replaces one issued by a release
that kept no dates (store/issued.py Issued.dates_unknown): whether its dates changed is not
known, so it says only which letter it replaces («Dette brevet erstatter brevet vårt fra …»),
not «Det er endringer i datoene …»."""
INVITED_ONLY_KEY = "erstatter_invitert"
"""The top-level variable of an information letter that replaces the one issued before only
because who else is invited to the joint meeting changed (store/issued.py
Issued.invited_only: the other parent declined, or accepted again), none of its dates: it
says that («Sidan brevet vårt frå … er det endra kven som er invitert til det felles
møtet.»), not «Det er endringar i datoane …», which sent its reader looking for a date that
had not changed. Quiet (QUIET_DEFAULTS) where it is false."""
QUIET_DEFAULTS: dict[str, Any] = quiet_values()
"""Variables added to templates after documents were issued without them, at the value that
says nothing new, each declared beside its description in the field catalogue
(rendering/fields.py quiet): left out of what a document shows, so a letter issued before
keeps its issue and its date (store/issued.py), an edited copy of it is not told to be
replaced, and minutes are not made again beside the copy being written in."""
PREFILLED_KEY = "referat"
"""The top-level variable of what the minutes' places to write hold before anyone writes
(documents/referat.py: the journal's date and assessment once it has the conversation as
held): minutes made before that changed only here, and in their contact person, are kept as
made, as the caseworker may be writing in them; minutes first made now hold it."""
PREFILLED_PROPERTIES = frozenset({minutes_marker.GREY_PROPERTY})
"""Custom properties that follow what the places hold (the digest of a place's own grey
text): left out with PREFILLED_KEY."""


@dataclass
class PreparedDocument:
    doc: Document
    fingerprint: str
    kind: str
    """The name of the document kind that made it."""
    rendered: Rendered | None = None
    """The document made already (it was read against the one issued before: _as_issued)."""


@dataclass
class PreparedCase:
    ctx: CaseContext
    documents: list[PreparedDocument]
    fixed: dict = field(default_factory=dict)
    """The plan dates the state held before (planning/schedule.py fixed_dates)."""
    issued: Any = None
    """The case's issue dates (store/issued.py), saved once its documents are committed."""
    answers: list | None = None
    """What making them asked of the day of the run (watched_day.py); None: not known."""

    def digest(self) -> str:
        """One fingerprint for all the case's documents, in order."""
        lines = "\n".join(f"{d.doc.path}\0{d.fingerprint}" for d in self.documents)
        return hashlib.sha256(lines.encode("utf-8")).hexdigest()


class _ByIdentity:
    """A function of a value, computed once per object (kept alive, so ids are not reused),
    and once per text, whole number, truth value or None by type and value: a case's
    documents say the same names, dates and titles many times over (some 130,000 digests of
    such values for 300 cases' documents, 5,700 of them different). Not floats: 0.0 and -0.0
    are equal but not written alike."""

    def __init__(self, function):
        self.function = function
        self._seen: dict[int, tuple[Any, Any]] = {}
        self._scalars: dict[tuple[type, Any], Any] = {}

    def __call__(self, value):
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None:
            known = self._scalars.get((kind, value), _UNSEEN)
            if known is _UNSEEN:
                known = self._scalars[(kind, value)] = self.function(value)
            return known
        if isinstance(value, str | int | float | bool | None):
            return self.function(value)
        hit = self._seen.get(id(value))
        if hit is None or hit[0] is not value:
            hit = (value, self.function(value))
            self._seen[id(value)] = hit
        return hit[1]


_UNSEEN = object()


class _Cleaned:
    """printable_all of a document's context values, shared by a case's documents: each
    dict, list and tuple inside them cleaned once (kept alive, so ids are not reused), each
    text once by value. A case's documents hold the same values many levels down (the
    child, the conversations and themes inside each document's own `part`, `tema` and
    `referat`), which printable_all made again, copy by copy, for every document (some
    220,000 calls for 35 due cases). What it makes is equal to printable_all's; documents
    may share it, as they share the values of the top (no context is changed below its
    top once cleaned: the renderer only reads it). Values of other types (a subclass of
    dict or str, say) are printable_all's to clean, as before."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, Any]] = {}
        self._texts: dict[str, str] = {}

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            known = self._texts.get(value)
            if known is None:
                known = self._texts[value] = printable(value)
            return known
        if kind is dict or kind is list or kind is tuple:
            hit = self._seen.get(id(value))
            if hit is not None and hit[0] is value:
                return hit[1]
            if kind is dict:
                made: Any = {k: self(v) for k, v in value.items()}
            elif kind is list:
                made = [self(v) for v in value]
            else:
                made = tuple(self(v) for v in value)
            self._seen[id(value)] = (value, made)
            return made
        if kind is int or kind is bool or kind is float or value is None:
            return value
        return printable_all(value)


def prepare(ctx: CaseContext, kinds, renderer: Renderer) -> PreparedCase:
    """Every document of the case's kinds, cleaned, dated and fingerprinted."""
    clean = _Cleaned()
    digest = _ByIdentity(_digest)
    unsigned: _WithoutSender | None = None  # digests without the contact person's name
    said: dict[tuple[int, int], tuple[Any, tuple[Any, bool]]] = {}  # said_before, per object
    templates: dict[tuple[str, str], tuple[str, frozenset | None]] = {}
    made: dict[tuple[str, str], _MadeWith] = {}  # per template
    prepared = []
    # Its programme's last day passed (a case made after its year: run/case_step.py): no
    # letter is made, as none is listed to send (documents/sending.py), nor filed.
    over = ctx.today > ctx.plan.slutt
    for kind in kinds:
        first: tuple[str, ...] = ()  # what a first invitation says if its reader was told
        words = Words(getattr(kind, "words", ()), getattr(kind, "facts", ()),
                      getattr(kind, "superseded", {}))
        for doc in made_by(kind, ctx):  # an error marked with the kind (the note says it)
            if over and doc.send_by is not None:
                continue
            kept_first: tuple[str, ...] = ()  # what it says as kept, asked again if issued anew
            which = (doc.malform, doc.template)  # the template of the document's standard
            if doc.template and which not in templates:
                templates[which] = (renderer.template_hash(doc.template, doc.malform),
                                    renderer.uses(doc.template, doc.malform))
            template_sha256, used = templates.get(which, (None, None))
            if doc.appointment or doc.dates is not None:
                replaced = _to_this_reader(ctx, doc, ctx.replaces(
                    str(doc.path), doc.appointment, doc.dates))
                doc.context[REPLACES_KEY] = norsk_dato(replaced, doc.malform) if replaced else ""
                doc.context[DATES_UNKNOWN_KEY] = bool(
                    replaced and ctx.dates_unknown(str(doc.path), doc.dates, None,
                                                   doc.appointment))
                if doc.dates is not None:
                    doc.context[INVITED_ONLY_KEY] = bool(
                        replaced and not doc.context[DATES_UNKNOWN_KEY]
                        and ctx.invited_only(str(doc.path), doc.dates))
                # As kept with its issue (a letter kept as issued says what it said).
                doc.context[NEW_CONTACT_KEY] = bool(replaced and ctx.new_contact(str(doc.path)))
                first = _first_says(ctx, doc, replaced)
                kept_first = _kept_first(ctx, doc, replaced)
            if which not in made:
                made[which] = _MadeWith(doc.template, template_sha256)
            # A letter (dated, of a kind of letters) is kept field by field too (_facts).
            dated = DATE_KEY in doc.context and (used is None or (DATE_KEY,) in used)
            shown_by = words if dated and getattr(kind, "letters", False) else None
            showing = _fingerprint(doc, used, made[which], clean, digest, shown_by,
                                           renderer)
            if first and _told_first(ctx, doc, first, showing.facts):
                showing = _fingerprint(doc, used, made[which], clean, digest, shown_by,
                                       renderer)
            first = ()
            before = ctx.issued_before(str(doc.path)) if ctx.issued_before else None
            if before is not None:
                showing = _as_named_before(doc, used, made[which], digest, showing, before)
            # As the releases before kept an issue (one kept without "fields": frozen),
            # worked out only when such an issue is asked about (_kept_before_later).
            showing, former = _kept_before_later(doc, used, made[which], digest, showing,
                                                 said, renamed=before is not None)
            showing = _under_exported_name(ctx, doc, used, made[which], digest, showing,
                                           former, shown_by)
            showing = _as_spelt_before(ctx, doc, used, made[which], digest, showing, shown_by)
            if _kept_as_made(doc) and unsigned is None:
                unsigned = _WithoutSender(doc.context)
            content = showing.basis
            rendered = None
            if dated:
                issued, content = _issued(ctx, doc, showing, made[which], used, unsigned)
                _moved_since(ctx, doc, issued)
                if (kept := _as_issued(ctx, doc, renderer)) is not None:
                    (issued, content), rendered = kept
                if kept_first and issued == ctx.today \
                        and ctx.last_issued(str(doc.path)) < ctx.today \
                        and _told_anew(ctx, doc, kept_first, showing.facts):
                    # A first invitation issued anew (its facts changed: no letter it
                    # replaces was sent) says the contact person is new as of what its
                    # reader was sent by today, not as its unsent issue said (a contact
                    # person changed back to the one its reader knows is not new to them).
                    showing = _fingerprint(doc, used, made[which], clean, digest, shown_by,
                                           renderer)
                    issued, content = _issued(ctx, doc, showing, made[which], used, unsigned)
                # Made as of the day it was last issued; issued anew (its facts changed), it
                # says where things stand that day. Ordinals: the watched day is not asked.
                if doc.as_of is not None and issued.toordinal() != date.toordinal(doc.as_of[0]):
                    doc.context.update(doc.as_of[1](issued))
                    showing = _fingerprint(doc, used, made[which], clean, digest, shown_by,
                                           renderer)
                    issued, content = _issued(ctx, doc, showing, made[which], used, unsigned)
                if (doc.dates is not None or doc.appointment) and not doc.context.get(
                        REPLACES_KEY) and (replaced := _to_this_reader(ctx, doc, ctx.replaces(
                            str(doc.path), doc.appointment, doc.dates, issued))):
                    # Issued anew, replacing one issued by a release that kept no dates, or
                    # one marked as sent whose facts changed since (store/issued.py
                    # Issued.dates_unknown): it says which letter it replaces.
                    doc.context[REPLACES_KEY] = norsk_dato(replaced, doc.malform)
                    doc.context[DATES_UNKNOWN_KEY] = ctx.dates_unknown(
                        str(doc.path), doc.dates, issued, doc.appointment)
                    if doc.dates is not None:
                        doc.context[INVITED_ONLY_KEY] = not doc.context[
                            DATES_UNKNOWN_KEY] and ctx.invited_only(str(doc.path), doc.dates)
                    doc.context[NEW_CONTACT_KEY] = ctx.new_contact(str(doc.path))
                    if CANCELLED_FIRST_KEY in doc.context:  # (it says it there)
                        # Quiet, not gone: the child's letter asks for it after a paragraph
                        # for other readers (a letter c/o a new foster home, marked as sent,
                        # could not be made: «'samtale_avlyst_forste' is undefined»).
                        doc.context[CANCELLED_FIRST_KEY] = ""
                    if NEW_CONTACT_FIRST_KEY in doc.context:  # (NEW_CONTACT_KEY says it)
                        doc.context[NEW_CONTACT_FIRST_KEY] = False
                    showing = _fingerprint(doc, used, made[which], clean, digest, shown_by,
                                           renderer)
                    issued, content = _issued(ctx, doc, showing, made[which], used, unsigned)
                elif doc.context.get(REPLACES_KEY) and not doc.context.get(NEW_CONTACT_KEY) \
                        and issued == ctx.today and ctx.new_contact(str(doc.path)):
                    # Issued anew today for a new time or new dates, replacing one marked as
                    # sent that named another contact person: it says that too, once (a
                    # reader's finding: such letters named the new one as if nothing had
                    # changed). One kept as issued says what it said.
                    doc.context[NEW_CONTACT_KEY] = True
                    showing = _fingerprint(doc, used, made[which], clean, digest, shown_by,
                                           renderer)
                    issued, content = _issued(ctx, doc, showing, made[which], used, unsigned)
                _moved_since(ctx, doc, issued)
                doc.context[DATE_KEY] = norsk_dato(issued, doc.malform)
                content = _digest([content, issued.isoformat()])
                if rendered is None and isinstance(showing.silent, SaysNothing):
                    # Made already to be read without a field read only now: that letter.
                    rendered = showing.silent.made(doc)
            elif doc.kept_as_made:  # undated: only what it shows as made is kept
                content = _issued(ctx, doc, showing, made[which], used, unsigned)[1]
            prepared.append(PreparedDocument(doc, content, kind.name, rendered))
    return PreparedCase(ctx, prepared)


def _first_says(ctx: CaseContext, doc: Document, replaced) -> tuple[str, ...]:
    """What only an invitation's first issue says (CANCELLED_FIRST_KEY, NEW_CONTACT_FIRST_KEY),
    set as kept: said by one kept as saying it, not by one kept without it nor by one that
    replaces a letter. Returns those to ask of what its reader was sent (_told_first), for
    one issued now for the first time. The same for a letter listing its reader's dates (the
    information letter), which says only the second."""
    if not doc.appointment and doc.dates is None:
        return ()
    key, asked = str(doc.path), []
    if doc.context.get("samtale_avlyst"):
        said = None if replaced else ctx.said_first(key, CANCELLED_FIRST_KEY)
        doc.context[CANCELLED_FIRST_KEY] = doc.context["samtale_avlyst"] if said else ""
        if said is None and not replaced and doc.given_day is not None:
            asked.append(CANCELLED_FIRST_KEY)
    if NEW_CONTACT_FIRST_KEY in doc.context:
        said = None if replaced else ctx.said_first(key, NEW_CONTACT_FIRST_KEY)
        doc.context[NEW_CONTACT_FIRST_KEY] = bool(said)
        if said is None and not replaced:
            asked.append(NEW_CONTACT_FIRST_KEY)
    return tuple(asked)


def _kept_first(ctx: CaseContext, doc: Document, replaced) -> tuple[str, ...]:
    """NEW_CONTACT_FIRST_KEY, for an invitation that replaces no letter and says (or does
    not say) the contact person is new as its issue kept it (_first_says): asked again of
    what its reader was sent when it is issued anew (_told_anew), as the journal may have
    gone back to the contact person its reader knew. Not CANCELLED_FIRST_KEY: a day
    cancelled stays cancelled, and the letter that gave it may since have been issued anew
    (the state keeps only its latest issue). The same for the information letter."""
    if not doc.appointment and doc.dates is None or replaced \
            or NEW_CONTACT_FIRST_KEY not in doc.context \
            or ctx.said_first(str(doc.path), NEW_CONTACT_FIRST_KEY) is None:
        return ()
    return (NEW_CONTACT_FIRST_KEY,)


def _told_anew(ctx: CaseContext, doc: Document, kept: tuple[str, ...],
               facts: dict[str, str] | None) -> bool:
    """A first invitation kept as saying (or not saying) that the contact person is new
    (_kept_first), issued anew today: it says it as of what its reader was sent by today
    (Issued.told_other_contact), as one issued for the first time does. Whether that
    changed what it says (then made again)."""
    if NEW_CONTACT_FIRST_KEY not in kept:
        return False
    now = ctx.told_other_contact(str(doc.path), facts, _readers(doc))
    if doc.context.get(NEW_CONTACT_FIRST_KEY) == now:
        return False
    doc.context[NEW_CONTACT_FIRST_KEY] = now
    return True


def _told_first(ctx: CaseContext, doc: Document, asked: tuple[str, ...],
                facts: dict[str, str] | None) -> bool:
    """A first invitation (_first_says) says what its reader was told before: the day the
    journal cancelled, when a letter marked as sent gave it to them (Issued.told); that the
    contact person is new, when the latest letter marked as sent to them named another
    (Issued.told_other_contact). facts: what it shows field by field, its reader among them.
    Whether it now says more than made (then made again)."""
    key, more = str(doc.path), False
    if CANCELLED_FIRST_KEY in asked and ctx.told(key, facts, doc.given_day, _readers(doc)):
        doc.context[CANCELLED_FIRST_KEY] = doc.context["samtale_avlyst"]
        more = True
    if NEW_CONTACT_FIRST_KEY in asked and ctx.told_other_contact(key, facts, _readers(doc)):
        doc.context[NEW_CONTACT_FIRST_KEY] = True
        more = True
    return more


def _moved_since(ctx: CaseContext, doc: Document, issued: date) -> None:
    """A letter that says whether the child moved since its first issue (MOVED_KEY): as of
    the day it is issued."""
    if MOVED_KEY in doc.context:
        doc.context[MOVED_KEY] = ctx.moved_since(str(doc.path), issued)


def _as_issued(ctx: CaseContext, doc: Document,
               renderer: Renderer) -> tuple[tuple[date, str], Rendered] | None:
    """A document issued anew this run, made with another template or release than it was
    issued with, or a letter whose template's fields changed, perhaps in a part it does not
    show (store/issued.py Issued.earlier), made as it was issued: dated that day
    (and as of it: a document made as of its last issue is so already). When it reads word
    for word as the one in the case folder (rendering/shown_text.py), it keeps that issue:
    (its day and the digest its fingerprint is made from, as issue() returns them) and the
    document made. Only on such a run: a day's run makes no document twice."""
    key = str(doc.path)
    earlier = ctx.issued_earlier(key) if ctx.issued_earlier is not None else None
    if earlier is None or ctx.keep_issue is None:
        return None
    day, path = earlier
    if doc.as_of is not None and day.toordinal() != date.toordinal(doc.as_of[0]):
        return None  # (not made as of that day: it cannot read as it did)
    before = shown_text_of(path)
    if before is None:
        return None
    doc.context[DATE_KEY] = norsk_dato(day, doc.malform)
    rendered = renderer.render(doc)
    if shown_text(rendered.data) != before:
        return None
    return ctx.keep_issue(key), rendered


def _as_named_before(doc: Document, used: frozenset | None, made: _MadeWith, digest,
                     showing: Showing, before: str) -> Showing:
    """showing, with what the document shows under the name it was kept under before
    (store/issued.py Issued.renamed): the same document renamed keeps its issue."""
    shows = {**_content(doc, used, digest), "path": before}
    return replace(showing, before=made.digests(shows)[0])


def _kept_before_later(doc: Document, used: frozenset | None, made: _MadeWith, digest,
                       showing: Showing, said: dict, renamed: bool
                       ) -> tuple[Showing, Callable[[], dict | None]]:
    """former_releases.as_kept_before, worked out only when asked: showing, whose
    before_later adds what the document showed as the releases before kept its issue (their
    words, fields and rows) to what it had (before: its name before, for one renamed), and
    the context in the words of the release before (None where it has none), as a function.

    Only an issue kept without its fields (by a release before this one: store/issued.py
    Issued.issue, Showing.was_before) is ever compared with those, and the documents a
    case's run prepares are nearly all kept with their fields or not kept at all (an
    overview, a plan, a calendar): worked out for every document, they were some fifth of a
    due case's preparation. Worked out from the document as it is now (a copy of its
    context's top: its date and what it says as of its issue are set in it later; the
    values below the top are never changed once cleaned), so the answer is the same as if
    worked out at once."""
    now = replace(doc, context=dict(doc.context))
    worked_out: list[tuple[Showing, dict | None]] = []

    def kept() -> tuple[Showing, dict | None]:
        if not worked_out:
            worked_out.append(as_kept_before(now, used, made, digest, showing, said, _content,
                                             renamed=renamed))
        return worked_out[0]

    def before() -> tuple[str, ...]:  # as Showing.was_before reads before and before_later
        then = kept()[0]
        return (*((then.before,) if then.before else ()),
                *(then.before_later() if then.before_later is not None else ()))
    return replace(showing, before_later=before), lambda: kept()[1]


def _under_exported_name(ctx: CaseContext, doc: Document, used: frozenset | None,
                         made: _MadeWith, digest, showing: Showing,
                         former: Callable[[], dict | None], words: Words | None = None
                         ) -> Showing:
    """showing, with what the document shows under the service's name as the export gives
    it, where the documents show the configuration's instead (context.service_name): one
    issued under the export's name by a release before keeps its issue, its date and its
    mark as sent, made again under the configuration's name (as for a template's new
    wording), rather than every letter of the case issued anew to send again. Worked out
    only when asked (Showing.before_later): where the two names differ, every document
    would otherwise pay a second digest on every run, for the first run after the change.
    former: the context in the words of the release before (former_releases.in_former_words),
    where the document has them, worked out when asked (_kept_before_later): a letter issued
    by that release showed both its words and the export's name, so it is asked under both
    too. words: a letter kept field by field
    (_facts) is asked under the export's name so too (Showing.facts_before)."""
    shown = (doc.context.get("tjeneste") or {}).get("navn")
    exported = printable_all(ctx.case.tjeneste.navn or "")
    if not exported or not shown or shown == exported:
        return showing
    if words is not None and showing.facts is not None:
        showing = replace(showing, facts_before=lambda: [_facts(replace(
            doc, context=_renamed(dict(doc.context), shown, exported)), used, digest, words)])
    contexts = [dict(doc.context)]  # (the day and as_of are set in it later: not seen here)
    # As this release shows it, and as the release before did (QUIET_REMOVED).
    shows = {used, used_before(doc, used)}
    later = showing.before_later  # (as the releases before kept it: former_releases.py)
    worked_out: list[tuple[str, ...]] = []

    def before() -> tuple[str, ...]:  # asked only of an issue kept as showing something else
        if not worked_out:
            if (in_former_words := former()) is not None:
                contexts.append(in_former_words)
            worked_out.append((*(later() if later is not None else ()), *(made.digests(
                _content(replace(doc, context=_renamed(context, shown, exported)), paths,
                         digest))[0] for context in contexts for paths in shows)))
        return worked_out[0]
    return replace(showing, before_later=before)


def _as_spelt_before(ctx: CaseContext, doc: Document, used: frozenset | None, made: _MadeWith,
                     digest, showing: Showing, words: Words | None) -> Showing:
    """showing, with what a document shows with the names the journal spells anew (the
    child's, a parent's, a foster parent's) as they were spelt before (Case.rettede_navn,
    domain/spelling.py): a letter issued to her, or naming her, under that spelling keeps its
    issue, its date and its mark as sent, made again with her name as spelt now
    (Showing.facts_before), as a letter reworded is; another document (minutes) is asked
    whole (Showing.before_later), so minutes a caseworker is writing in are left as they
    are, with no copy «(ny versjon)» for the spelling alone, as for a release's rewording.
    The whole names, then also their first and last names where those were spelt otherwise
    (a greeting by the first name): as two forms, each asked only when the letter's facts
    are not the same as kept, so a last name the child has too, not respelt, does not keep
    the first from matching."""
    if not ctx.case.rettede_navn or (words is None) != (showing.facts is None):
        return showing
    people = {p.navn: p for p in (ctx.case.barn, *ctx.case.foreldre,
                                  *ctx.case.fosterfamilie.fosterforeldre)}
    whole: list[tuple[str, str]] = []
    parts: list[tuple[str, str]] = []
    for respelt in ctx.case.rettede_navn:
        person = people.get(respelt.navn)
        was = " ".join(p for p in (respelt.fornavn, respelt.etternavn) if p)
        if person is None or not was:
            continue
        whole.append((respelt.navn, was))
        parts += [(now, then) for now, then in ((person.fornavn, respelt.fornavn),
                                                (person.etternavn, respelt.etternavn))
                  if now and then and now != then]
    if not whole:
        return showing
    if words is None:
        context = dict(doc.context)  # (the day and as_of are set in it later: not seen here)
        shows = {used, used_before(doc, used)}
        later = showing.before_later
        worked_out: list[tuple[str, ...]] = []

        def spelt_before() -> tuple[str, ...]:  # asked only of an issue kept otherwise
            if not worked_out:
                worked_out.append((*(later() if later is not None else ()), *(made.digests(
                    _content(replace(doc, context=_spelt(context, names)), paths,
                             digest))[0] for names in (whole, whole + parts)
                    for paths in shows)))
            return worked_out[0]
        return replace(showing, before_later=spelt_before)
    earlier = showing.facts_before

    def before() -> list[dict[str, str]]:
        return [*(earlier() if earlier is not None else ()), *(
            _facts(replace(doc, context=_spelt(dict(doc.context), names)), used, digest, words)
            for names in (whole, whole + parts))]
    return replace(showing, facts_before=before)


def _spelt(value, names: list[tuple[str, str]]):
    """value with each name (now, as spelt before) said as spelt before, as a whole word,
    in every text it holds."""
    if isinstance(value, str):
        for now, then in names:  # (then as it is: not read as a pattern's replacement)
            value = re.sub(rf"(?<!\w){re.escape(now)}(?!\w)", then.replace("\\", "\\\\"),
                           value)
        return value
    if isinstance(value, dict):
        return {k: _spelt(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_spelt(v, names) for v in value]
    return value


def _renamed(value, name: str, other: str):
    """value with name said as other in every text it holds."""
    if isinstance(value, str):
        return value.replace(name, other)
    if isinstance(value, dict):
        return {k: _renamed(v, name, other) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_renamed(v, name, other) for v in value]
    return value


def _issued(ctx: CaseContext, doc: Document, showing: Showing, made: _MadeWith,
            used: frozenset | None, unsigned: _WithoutSender | None) -> tuple[date, str]:
    """The document's issue day and the digest its fingerprint is made from: a letter
    (one on the list to send) or minutes whose contact person alone changed since it was
    issued (for minutes, or what their places hold: PREFILLED_KEY) keeps its day and digest,
    so the one the family has, or the caseworker writes in, is not made again."""
    key = str(doc.path)
    # Minutes (undated, kept as made) are not made again for a new template or release alone:
    # a caseworker may be writing in them, and would get a copy «(ny versjon)» beside them.
    # Minutes made from then on have the new template. Minutes nobody has written in
    # (Document.untouched) are made again, in place, when what they show changes.
    keep_make = doc.kept_as_made and doc.send_by is None
    to = doc.context.get("mottaker") if doc.appointment else None
    # A letter without the contact person's name is made again once it is known; minutes
    # are kept as made without one as with one (what their places show changed alone).
    if not _kept_as_made(doc) or unsigned is None or not (unsigned.name or keep_make):
        return ctx.issue(key, showing, None, doc.appointment, keep_make=keep_make, to=to,
                         hold=keep_make and doc.held_open, dates=doc.dates,
                         elsewhere=_elsewhere(ctx, to), readers=_readers(doc))
    leave_out = (DATE_KEY, SENDER_KEY, PREFILLED_KEY)
    sender_free = Showing(*made.digests(_content(doc, used, unsigned, leave_out)), made.digest)
    if doc.kept_through:
        # Minutes: as they would be whatever the journal says of the child's sex
        # (Document.kept_through); or, as a release before kept them, as they showed it.
        as_shown = sender_free.shows
        sender_free = Showing(*made.digests(_content(
            replace(doc, context={**doc.context, **doc.kept_through}), used, unsigned,
            leave_out)), made.digest, before=as_shown,
            before_later=_kept_before(doc, used, made, unsigned, leave_out))
    # A letter (not minutes) may read as it did when its template's fields changed in a
    # part it does not show (_as_issued); not one made as of its issue (Document.as_of),
    # which made so reads as it did whatever changed since.
    alike = not keep_make and doc.as_of is None
    return ctx.issue(key, showing, sender_free, doc.appointment,
                     keep_make=keep_make, alike=alike, on_list=lambda: _on_list(ctx, doc),
                     to=to, remake=keep_make and doc.untouched,
                     hold=keep_make and doc.held_open, dates=doc.dates,
                     elsewhere=_elsewhere(ctx, to), readers=_readers(doc))


def _kept_before(doc: Document, used: frozenset | None, made: _MadeWith,
                 unsigned: _WithoutSender, leave_out: tuple[str, ...]):
    """For minutes someone is writing in (Document.kept_through_before): what they showed
    apart from their contact person and pre-filled places as the release before kept them,
    in its words and whatever the journal said of the child's sex; worked out only when
    asked (Showing.before_later). So the first run of this release, bringing the child's
    sex the same day (or a corrected one), keeps them as made rather than put a copy «(ny
    versjon)» beside them: what changed in them is the pronoun alone."""
    if not doc.kept_through_before:
        return None

    def before() -> tuple[str, ...]:
        context = in_former_words(doc, used) or doc.context
        return (made.digests(_content(
            replace(doc, context={**context, **doc.kept_through_before}), used, unsigned,
            leave_out))[0],)
    return before


def _readers(doc: Document) -> tuple[str, ...]:
    """Whom a letter to more than one person is addressed to (Document.readers), each name
    as the digest a letter to them alone keeps of it (its mottaker.navn: _facts), so the
    state knows the letter went to each (store/issued.py READERS); none for a letter to one."""
    return tuple(_digest(printable_all(name))[:FACT_LENGTH] for name in doc.readers)


def _to_this_reader(ctx: CaseContext, doc: Document, replaced):
    """The day of the letter this one replaces, if its reader had it: None for one that went
    to the family the child left (the foster parents of a home the child moved to came into
    the case after it: a first letter to them, domain/foster_home.py), or to a family
    registered by mistake in between (the family restored never had it)."""
    return None if ctx.went_elsewhere(doc.context.get("mottaker"), replaced) else replaced


def _elsewhere(ctx: CaseContext, to: dict[str, Any] | None):
    """Whether a letter to this reader issued on a day went to someone else (the family the
    child left, or one registered by mistake: CaseContext.went_elsewhere); None when no
    letter to them did."""
    if not ctx.elsewhere(to):
        return None
    return lambda day: ctx.went_elsewhere(to, day)


def _on_list(ctx: CaseContext, doc: Document) -> bool:
    """On the list as a letter to send (not one to check, nor one whose time there is over):
    one not marked as sent, nobody has yet (Issued.issue). Asked only of a letter whose
    contact person changed: the day's answer then counts (incremental.py), not otherwise."""
    return doc.send_by is not None and not doc.maybe_sent and \
        not ctx.today > (doc.listed_until or doc.send_by)


def _kept_as_made(doc: Document) -> bool:
    """A letter on the list to send, or minutes: kept as made when only its contact person
    changed (store/issued.py Issued.issue)."""
    return doc.send_by is not None or doc.kept_as_made


class _WithoutSender:
    """A value's digest with the contact person's name taken out of its text (the joint
    meeting's list of who comes has it), once per value (_ByIdentity). name: the case's
    contact person's name, empty when missing: such a letter is made again once it is known."""

    def __init__(self, base: dict[str, Any]):
        person = base.get(SENDER_KEY) or {}
        name = printable_all(person.get("navn") or "")
        self.name = "" if MISSING_RE.search(name) else name
        self.digest = _ByIdentity(lambda value: _digest(self._out(value)))

    def __call__(self, value) -> str:
        return self.digest(value)

    def _out(self, value):
        if not self.name:  # (minutes of a case without one: nothing to take out)
            return value
        if isinstance(value, str):
            return value.replace(self.name, "\0")
        if isinstance(value, dict):
            return {k: self._out(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._out(v) for v in value]
        return value


def _fingerprint(doc: Document, used: frozenset | None, made: _MadeWith,
                 clean: _Cleaned, digest: _ByIdentity,
                 words: Words | None = None, renderer: Renderer | None = None) -> Showing:
    """The document's content apart from its date: its context cleaned (in place: the
    renderer takes it as it is), only what its template shows (used, when known), and what
    it is made with (its template's and this program's version). clean and digest: shared
    by the case's documents, so a part of the context they share is cleaned and digested
    once. words: for a dated document, its kind's words: what it shows field by field
    is then worked out too (_facts), and, with the renderer, whether fields read only now
    show in it (SaysNothing)."""
    doc.context = {key: clean(value) for key, value in doc.context.items()}
    doc.clean = True
    showing = Showing(*made.digests(_content(doc, used, digest)), made.digest)
    if words is None:
        return showing
    return replace(showing, facts=_facts(doc, used, digest, words), reads=_reads(used),
                   added=frozenset(words.own), superseded=words.superseded,
                   either=_either(doc, used, words),
                   silent=None if renderer is None else SaysNothing(doc, renderer))


def _either(doc: Document, used: frozenset | None,
            words: Words) -> Callable[[str], frozenset[str]] | None:
    """For a letter whose kind gives other values a fact of its own may have been kept as
    (Document.either): the digest of the fact (_facts) with each row's value as any of
    them, worked out only when asked (store/issued.py Showing.either). None for any other."""
    if not doc.either:
        return None

    def either(name: str) -> frozenset[str]:
        others = doc.either.get(name)
        if not others:
            return frozenset()
        found: list[list] = []
        for key, value in _shown_values(doc, used).items():
            found += [picked for own, picked in words.own_facts(key, value).items()
                      if own == name]
        return frozenset(_digest(list(values))[:FACT_LENGTH] for picked in found
                         for values in product(*(others if value in others else [value]
                                                 for value in picked)))
    return either


class SaysNothing:
    """Whether the letter, made from its context as it is when asked, reads word for word
    the same without these fields (their dotted paths; shown_text): none of them shows in
    it, its template reading them only in a part this letter does not show (a cancelled
    conversation's time in an ordinary invitation: store/issued.py Showing.silent). A field
    read where the letter shows it is missing so (the templates' StrictUndefined): the
    letter cannot be made, and the field shows; one asked whether it is there reads
    otherwise. Asked only on the first run of a release whose template reads a field more,
    for a letter whose other facts are all the same. Its properties, its own bytes, what is
    not a field of its context, a document not made from a Word template: they show.

    The letter is made dated as the issue it would keep (issued, when given), once however
    often asked: when it keeps that issue and is written as it was made here, that is the
    letter written (made), not made again. Without the day (an issue kept by a release
    before this one: rendering/former_releases.py not_shown) any date, the same in both."""

    def __init__(self, doc: Document, renderer: Renderer):
        self.doc = doc
        self.renderer = renderer
        self._made: tuple[tuple[Any, ...], Rendered] | None = None
        """What the letter was made from (_made_from) and the letter so made."""

    def __call__(self, keys: frozenset[str], issued: date | None = None) -> bool:
        doc = self.doc
        if doc.data is not None or not doc.template or any(k.startswith("@") for k in keys):
            return False
        day = norsk_dato(issued, doc.malform) if issued is not None else None
        context = {**doc.context, DATE_KEY: day or doc.context.get(DATE_KEY) or "–"}
        without = _taken_out(context, keys)
        if without is None:
            return False
        try:
            if self.renderer.template_path(doc.template, doc.malform).suffix != ".docx":
                return False
            made = [shown_text(self._with(context).data),
                    shown_text(self.renderer.render(replace(doc, context=without)).data)]
        except TemplateError:
            return False
        return made[0] is not None and made[0] == made[1]

    def made(self, doc: Document) -> Rendered | None:
        """The letter made when asked, if doc (its date set) is now as it was made from."""
        if self._made is None or self._made[0] != _made_from(self.doc, doc.context) \
                or doc is not self.doc:
            return None
        return self._made[1]

    def _with(self, context: dict[str, Any]) -> Rendered:
        """The letter made from context (the doc's, dated): made once while it is the same."""
        if self._made is not None and self._made[0] == _made_from(self.doc, context):
            return self._made[1]
        rendered = self.renderer.render(replace(self.doc, context=context))
        try:  # (a copy: the doc's context is changed in place once its issue is known)
            self._made = (_made_from(self.doc, copy.deepcopy(context)), rendered)
        except TypeError:  # (a value that cannot be copied: made again when written)
            self._made = None
        return rendered


def _made_from(doc: Document, context: dict[str, Any]) -> tuple[Any, ...]:
    """What the renderer makes a document from (Renderer.render), with this context: equal
    for two documents made alike."""
    return doc.template, doc.malform, doc.clean, dict(doc.properties or {}), context


def _taken_out(context: dict[str, Any], keys: frozenset[str]) -> dict[str, Any] | None:
    """context without the fields at these dotted paths (the dicts on their way copied, not
    changed), or None when one is not a field of its dicts."""
    out = dict(context)
    for key in keys:
        *way, last = key.split(".")
        at = out
        for step in way:
            inner = at.get(step)
            if not isinstance(inner, dict):
                return None
            at[step] = at = dict(inner)
        if last not in at:
            return None
        del at[last]
    return out


def _shown_values(doc: Document, used: frozenset | None,
                  leave_out: tuple[str, ...] = (DATE_KEY,)) -> dict[str, Any]:
    """The context values a document shows (those its template shows, by their paths:
    shown), apart from the top-level variables left out, what its path names already
    (NAMED_BY_PATH) and variables at the value that says nothing new (QUIET_DEFAULTS)."""
    values = doc.context if used is None else shown(doc.context, used)
    return {k: v for k, v in values.items()
            if k.split(".", 1)[0] not in leave_out and k not in NAMED_BY_PATH
            and not (k in QUIET_DEFAULTS and v == QUIET_DEFAULTS[k])}


def _content(doc: Document, used: frozenset | None, digest,
             leave_out: tuple[str, ...] = (DATE_KEY,)) -> dict[str, Any]:
    """What a document shows, apart from the top-level variables left out: its context
    values (_shown_values) digested, its path, custom properties and own bytes' hash."""
    return {
        "path": str(doc.path),
        "properties": doc.properties if PREFILLED_KEY not in leave_out else {
            k: v for k, v in doc.properties.items() if k not in PREFILLED_PROPERTIES},
        "context": {k: digest(v) for k, v in _shown_values(doc, used, leave_out).items()},
        "data_sha256": hashlib.sha256(doc.data).hexdigest() if doc.data is not None else None,
    }


FACT_LENGTH = 12
"""Hex digits kept of each shown field's digest (store/issued.py "fields"): enough to tell
one value from another of the same field of one letter, small enough for the state files."""


def field_digest(value: Any) -> str:
    """The digest a letter's issue keeps of a field of its kind's that declares no words
    (_facts: its value cleaned, as _Cleaned does, and digested): so a kind can tell which of
    the ways it may say a value the letter as kept said (CaseContext.kept_field)."""
    return _digest(printable_all(value))[:FACT_LENGTH]


class Words:
    """What a document kind declares words, not facts (its `words`: dotted paths of its
    context): a whole field («tema.i_brev»), or a key of each row of a list or of a dict
    («part.samtaler[].overskrift»). A new release may reword them: a letter issued before
    keeps its issue, its date and its mark as sent, and is made again in the new words
    (store/issued.py Showing.keeps_facts). A future rewording of a kind's text is declared
    here, in the kind, never as a special case in this module or in former_releases.py.

    own: what the kind declares facts of their own (its `facts`), within a field whose
    words say them too (the joint meeting's row: who else is invited, which its heading
    words): taken out of that field and kept as a field by that name («part.samtaler[].
    andre_foreldre_inviterte»), so the words may change while the fact does not, and a letter kept
    by the release before, which had no such field, keeps its issue (store/issued.py
    Showing.added).

    superseded: an own fact kept under another name from a release on (its `superseded`:
    former name -> name now, both among its `facts`), its value worked out anew: a letter
    kept with the former only is asked that one, as that release kept it, one kept with the
    new one only the new one (store/issued.py Showing.superseded)."""

    def __init__(self, declared: tuple[str, ...] | frozenset[str] = (),
                 own: tuple[str, ...] | frozenset[str] = (),
                 superseded: dict[str, str] | None = None):
        self.paths = tuple(_steps(path) for path in sorted(declared))
        self.own = {path: _steps(path) for path in sorted(own)}
        self.superseded = dict(superseded or {})

    def facts(self, key: str, value: Any, digest) -> str | None:
        """The digest of a shown field (key: its dotted path) without its words and its own
        facts: None for a field that is words only; digest(value) where it has none."""
        if not self.paths and not self.own:
            return digest(value)
        at = tuple(key.split("."))
        inner = []
        for path in self.paths:
            if at[:len(path)] == path:
                return None  # the field is words, or within words
            if path[:len(at)] == at:
                inner.append(path[len(at):])  # a part of it is
        inner += [path[len(at):] for path in self.own.values()
                  if len(path) > len(at) and path[:len(at)] == at]
        if not inner:
            return digest(value)
        for rest in inner:
            value = _without(value, rest)
        return _digest(value)

    def own_facts(self, key: str, value: Any) -> dict[str, list]:
        """The kind's own facts within a shown field (key: its dotted path): each by its
        declared name -> the values found (none: not there)."""
        at = tuple(key.split("."))
        found = {}
        for name, path in self.own.items():
            if len(path) > len(at) and path[:len(at)] == at and (
                    picked := _picked(value, path[len(at):])):
                found[name] = picked
        return found


def _steps(path: str) -> tuple[str, ...]:
    """A declared path's steps («part.samtaler[].overskrift»: part, samtaler, [], overskrift)."""
    return tuple(p for p in path.replace("[]", ".[]").split(".") if p)


def _picked(value: Any, rest: tuple[str, ...]) -> list:
    """The values rest leads to in value («[]»: each item of a list)."""
    if not rest:
        return [value]
    head, tail = rest[0], rest[1:]
    if head == "[]":
        return [p for v in value for p in _picked(v, tail)] if isinstance(value, list) else []
    if isinstance(value, dict) and head in value:
        return _picked(value[head], tail)
    return []


def _without(value: Any, rest: tuple[str, ...]) -> Any:
    """value without what rest leads to («[]»: each item of a list); a key taken out takes
    what it said before with it (FORMER_TITLE, never shown)."""
    if not rest:
        return value
    head, tail = rest[0], rest[1:]
    if head == "[]":
        return [_without(v, tail) for v in value] if isinstance(value, list) else value
    if not isinstance(value, dict) or head not in value:
        return value
    if not tail:
        return {k: v for k, v in value.items() if k not in (head, head + FORMER_TITLE)}
    return {**value, head: _without(value[head], tail)}


def _facts(doc: Document, used: frozenset | None, digest, words: Words) -> dict[str, str]:
    """What a dated document shows, field by field (its dotted path -> a short digest of its
    value without the kind's words: Words), and its custom properties and own bytes: what
    an issue is kept or issued anew by (store/issued.py Showing.keeps_facts)."""
    facts = {}
    for key, value in _shown_values(doc, used).items():
        said = words.facts(key, value, digest)
        if said is not None:
            facts[key] = said[:FACT_LENGTH]
        for name, own in words.own_facts(key, value).items():
            facts[name] = _digest(own)[:FACT_LENGTH]
    if doc.properties:
        facts["@properties"] = _digest(doc.properties)[:FACT_LENGTH]
    if doc.data is not None:
        facts["@data"] = hashlib.sha256(doc.data).hexdigest()[:FACT_LENGTH]
    return facts


def _reads(used: frozenset | None):
    """Whether the template (used: what it shows) still reads a field kept (its dotted path):
    one it no longer reads is not shown; one it reads that the context no longer has is
    a fact gone (store/issued.py Showing.keeps_facts)."""
    def reads(key: str) -> bool:
        if used is None or key.startswith("@"):
            return True
        at = tuple(key.split("."))
        return any(path[:len(at)] == at or at[:len(path)] == path for path in used)
    return reads


class _MadeWith:
    """What documents are made with: a template (name and bytes' hash) and this program's
    version. digest: of these; digests(shows): of what a document shows, and of the whole of
    it, that and what it is made with, as releases before digested a document's issue
    (store/issued.py). The keys of the whole sort after those it shows, so its text is the
    shown text with them added: one JSON dump, not two."""

    def __init__(self, template: str, template_sha256: str | None):
        self.digest = _digest([__version__, template, template_sha256])
        self._keys = json.dumps({"template": template, "template_sha256": template_sha256,
                                 "version": __version__}, sort_keys=True, ensure_ascii=False)[1:]

    def digests(self, shows: dict[str, Any]) -> tuple[str, str]:
        try:
            text = json.dumps(shows, sort_keys=True, ensure_ascii=False, default=str)
        except TypeError:
            return os.urandom(16).hex(), os.urandom(16).hex()  # not comparable: always render
        return (hashlib.sha256(text.encode("utf-8")).hexdigest(),
                hashlib.sha256(f"{text[:-1]}, {self._keys}".encode()).hexdigest())


def _digest(value) -> str:
    try:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    except TypeError:
        return os.urandom(16).hex()  # not comparable: always render
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
