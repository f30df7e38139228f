"""How the releases before this one kept a letter's issue, and how to read it: FROZEN.

Until this release, a letter's issue was kept as ONE digest of everything it showed
(store/issued.py "shows", or the list form of the releases before that); a release that
reworded a value a letter shows had to say here how the release before had worded it, so
that the digest kept could be worked out again and the letter keep its date and its mark
as sent (a theme's words before: FORMER_WORDS; titles before: FORMER_TITLE; rows as
fingerprinted before: FINGERPRINTED_BEFORE, FINGERPRINTED_EARLIER; fields no longer shown:
QUIET_REMOVED; what a path names: NAMED_BY_PATH; an invitation at short notice worded as
any). Every such release added one more.

This release keeps each letter field by field instead (store/issued.py "fields",
rendering/prepare.py _facts), and each document kind declares which of its fields are words,
not facts (its `words`, rendering/prepare.py Words): a rewording keeps the issue without
knowing the words before. An issue kept by a release before this one (no "fields") is still
read by what is here, once: the run that makes its case's documents again keeps it in the
new form. So nothing here is to change, and nothing is to be added: a future rewording is a
`words` declaration in its kind, never a new constant or case in this module. A template
that comes to read a field more, in a part a letter does not show, needs nothing either:
such an issue is compared without it too (not_shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import combinations
from typing import Any

from ..store.issued import Showing
from .renderer import Document
from .uses import shown

Content = Callable[..., dict[str, Any]]
"""rendering/prepare.py _content: what a document shows, by its context's paths."""
SHORT_NOTICE_KEY = "kort_varsel"
"""The top-level variable of an invitation proposing a time, issued too late for its reader
to answer it (documents/innkalling.py short_notice): Til utsending says to agree the time by
phone and send the letter as confirmation, and the letter reads as one. Releases before
worded such a letter as any invitation: one they issued keeps its issue, its date and its
mark as sent (in_former_words), made again in the new words. Quiet
(rendering/fields.py) where it is false. Releases before did not show it."""

QUIET_REMOVED: dict[str, dict[tuple[str, ...], Any]] = {
    "nytt_tilbud.docx": {("kontaktperson", "stilling"): ""}}
"""Variables a template (by name) stopped showing in this release, at the value that said
nothing there: the renewed offer's table of the contact person's details, whose empty title
(«stilling») the sentence that took its place no longer shows. A letter the release before
issued showing it so showed nothing the letter made now does not: it keeps its issue, its
date and its mark as sent, made again in the new words (also with its former words,
FORMER_TITLE). Not where the template (the municipality's own) still shows it."""
NAMED_BY_PATH = frozenset({"samtale.tema"})
"""Shown values a document's path names already («Tema 0 - …»): they say nothing its path
does not, so a template that comes to show one (the invitation's «Temaet er fortsatt» for a
later contact of the move follow-up) issues no letter anew for it: one issued before keeps
its issue, its date and its mark as sent, made again with the new words."""
FORMER_WORDS = ("tema", "i_brev", "i_brev_for")
"""Where a document's context has the programme's words for what a theme is about, and what
they said in the release before (Tema.i_brev_for): a letter issued with those words shows
nothing new when they alone were reworded («for Sofie» where it said «for barnet ditt»), so
it keeps its issue, its date and its mark as sent, made again in the new words (as for a
template's new wording)."""
FORMER_TITLE = "_for"
"""The ending of a key beside a text that holds what it said in the release before: a
theme's «tittel_for» and «overskrift_for» in a parent's letter, where the title now names the
child (documents/innkalling.py title_to_parents), and «tillegg_for», the list beside a theme's
extra sections as they said them before (innkalling.extras_named). A letter issued with the
former title shows nothing new when that alone changed (as FORMER_WORDS)."""
FINGERPRINTED_BEFORE = "_tidligere"
"""The ending of a key beside a list (in the context or one of its values) that holds the
list as the release before fingerprinted it, where that differs from what the document
shows now: the information letter's rows («samtaler_tidligere», «holdt_tidligere»:
documents/informasjonsbrev.py), with the joint meeting named «Felles møte med
fosterforeldrene» to each parent. A letter issued by that release showing the same keeps its
issue, its date and its mark as sent (or_before), made again in the new words; also one
issued before the titles in it named the child (FORMER_TITLE). Never shown: only the list
beside it is. It must be what that release really digested, not what the one before it did:
the rows of the one before that also had the plan's note on a long gap (FINGERPRINTED_EARLIER),
and a list said so re-dated every information letter on a release day."""
FINGERPRINTED_EARLIER = "_forrige" + FINGERPRINTED_BEFORE
"""The same, for the release before that one («samtaler_forrige_tidligere»): its rows also
had the plan's note on a long gap, which the letter does not show, in that release's words.
A letter it issued that no run of the release between made again keeps its issue too. Tried
after FINGERPRINTED_BEFORE, and only when the issue kept shows something else (lazily)."""
FINGERPRINTED = (FINGERPRINTED_BEFORE, FINGERPRINTED_EARLIER)
"""Both endings, newest first."""


def used_before(doc: Document, used: frozenset | None) -> frozenset | None:
    """What the document's template showed in the release before, as far as it showed
    nothing more than now: used with the variables it stopped showing where they say nothing
    (QUIET_REMOVED). used itself where none."""
    removed = QUIET_REMOVED.get(doc.template)
    if used is None or not removed:
        return used
    quiet = frozenset(path for path, value in removed.items() if path not in used
                      and shown(doc.context, frozenset({path})).get(".".join(path)) == value)
    return used | quiet if quiet else used


def or_before(showing: Showing, made: Any, doc: Document, former: dict | None,
              used: frozenset | None, digest, content: Content) -> Showing:
    """showing, with more of what the document showed before (Showing.before_later, worked
    out only when asked, after those it had): in the former words (former: in_former_words)
    with the fields it shows now, where the release before showed more (QUIET_REMOVED: a
    template of the municipality's own that never showed them); and with its lists as the
    release before fingerprinted them (FINGERPRINTED_BEFORE), in the words of now and in
    the words before (FORMER_TITLE: issued before the titles named the child)."""
    fields = used_before(doc, used)
    tried: list[tuple[dict[str, Any], frozenset | None]] = []
    if former is not None and fields != used:
        tried.append((former, used))
    lists = [listed for ending in FINGERPRINTED
             if (listed := as_fingerprinted_before(doc.context, ending=ending)) is not None]
    tried.extend((listed, fields) for listed in lists)
    if not tried and (fields is None or showing.silent is None):
        return showing
    later = showing.before_later
    worked_out: list[tuple[str, ...]] = []
    now = replace(doc, context=dict(doc.context))  # (its date is set in it later)

    def before() -> tuple[str, ...]:  # asked only of an issue kept as showing something else
        if not worked_out:
            tried.extend((earlier[0], fields) for listed in lists
                         if (earlier := said_before(listed))[1])
            # Without fields its template reads in a part this letter does not show, which
            # the release before may not have read at all (which of them is not known).
            quiet = not_shown(now, fields, showing.silent)
            if quiet and fields is not None:
                shows = content(now, fields, digest)
                quiet = frozenset(path for path in quiet
                                  if content(now, fields - {path}, digest) != shows)
                left_out = [frozenset(some) for n in range(1, len(quiet) + 1)
                            for some in combinations(sorted(quiet), n)][:MOST_LEFT_OUT]
                tried.extend([(context, paths - some) for some in left_out
                              for context, paths in [*tried, (now.context, fields)]
                              if paths is not None])
            worked_out.append((*(later() if later is not None else ()), *(
                made.digests(content(replace(doc, context=context), paths, digest))[0]
                for context, paths in tried)))
        return worked_out[0]
    return replace(showing, before_later=before)


MOST_LEFT_OUT = 15
"""Combinations of such fields tried at most (four fields' worth): each is a digest."""
SAYS_NOTHING = (False, None, "")
"""The values of a field that, read only in a part of a letter it does not show, may be new
to its template (a yes or no asked in a branch, an empty text): not_shown asks of those."""


def not_shown(doc: Document, used: frozenset | None,
              silent: Callable[[frozenset[str]], bool] | None) -> frozenset:
    """The fields (paths) the document's template reads at a value that says nothing
    (SAYS_NOTHING) which the letter as made now does not show (silent: it reads word for
    word the same without them, each alone and all together): its template reads them only
    in a part this letter does not show. A release before, whose template did not read them
    at all, did not digest them: an issue it kept (one digest, no fields) is compared
    without them, so a new template that reads a field more in such a part (the new contact
    person's sentence, asking whether the reader is the child) issues no letter anew
    (as store/issued.py Showing.silent does for an issue kept field by field). Renders the
    letter once a field asked: only for an issue kept by a release before this one, once."""
    if used is None or silent is None:
        return frozenset()
    values = shown(doc.context, used)
    asked = [path for path in used if ".".join(path) in values
             and any(values[".".join(path)] is value for value in SAYS_NOTHING[:2])
             or values.get(".".join(path)) == SAYS_NOTHING[2]]
    quiet = frozenset(path for path in asked if silent(frozenset({".".join(path)})))
    return quiet if quiet and silent(frozenset(".".join(path) for path in quiet)) \
        else frozenset()


def as_fingerprinted_before(value: Any, depth: int = 0,
                             ending: str = FINGERPRINTED_BEFORE) -> Any:
    """value (a document's context) with each list that has what the release before
    fingerprinted beside it (FINGERPRINTED_BEFORE) as that, without the key beside it, in
    the context and its values one level down; None where it has none. Only the values
    changed are new objects (the day and as_of are set in the context later: not here).
    ending: FINGERPRINTED_BEFORE, or FINGERPRINTED_EARLIER for the release before that."""
    if not isinstance(value, dict):
        return None
    end = len(ending)
    found = {k[:-end]: v for k, v in value.items()
             if k.endswith(ending) and isinstance(v, list)
             and isinstance(value.get(k[:-end]), list)}
    below = {k: inner for k, v in value.items() if depth == 0
             and (inner := as_fingerprinted_before(v, 1, ending)) is not None}
    if not found and not below:
        return None
    return {k: found.get(k, below.get(k, v)) for k, v in value.items()
            if not any(k.endswith(e) and k[:-len(e)] in found for e in FINGERPRINTED)}


def in_former_words(doc: Document, used: frozenset | None,
                     said: dict | None = None) -> dict | None:
    """The document's context in the programme's words of the release before (FORMER_WORDS,
    the first of Tema.i_brev_for), in the titles it said before (FORMER_TITLE) and, for an
    invitation at short notice, as the releases before worded it (SHORT_NOTICE_KEY: as an
    invitation), or None where it has none: one issued with them keeps that issue
    (store/issued.py, as a document renamed does), made again in the new words. Only where
    its template shows those words.
    said: shared by the case's documents (said_before), whose contexts share their values."""
    context, changed = said_before(doc.context, 0, said)
    if context.get(SHORT_NOTICE_KEY) and (used is None or (SHORT_NOTICE_KEY,) in used):
        # Issued at short notice by a release whose letter did not say so (SHORT_NOTICE_KEY).
        context = {**context, SHORT_NOTICE_KEY: False}
        changed = True
    top, key, former_key = FORMER_WORDS
    value = context.get(top)
    if isinstance(value, dict) and value.get(former_key) and (
            used is None or any(path[:2] == (top, key) for path in used)):
        context = {**context, top: {**value, key: value[former_key][0]}}
        changed = True
    return context if changed else None


def said_before(value: Any, depth: int = 0,
                 seen: dict[tuple[int, int], tuple[Any, tuple[Any, bool]]] | None = None
                 ) -> tuple[Any, bool]:
    """value with each text (or list of texts) that has what it said before beside it
    (FORMER_TITLE: «tittel» and «tittel_for», «tillegg» and «tillegg_for») as it was, without
    the former ones; and whether any was. The same objects where none was. («i_brev_for», a
    list beside a text, is Tema.i_brev_for: FORMER_WORDS.)

    seen: the answers for the values below the top, by identity and depth (kept alive, so
    ids are not reused), shared by a case's documents: their contexts share those values
    (the cleaned context, prepare), which are looked through once, not once per document.
    What is made for the former words is only read (digested), never changed, so documents
    may share it too."""
    if depth > 3 or not isinstance(value, dict | list):
        return value, False
    if seen is not None and depth:
        hit = seen.get((id(value), depth))
        if hit is not None and hit[0] is value:
            return hit[1]
    answer: tuple[Any, bool]
    if isinstance(value, dict):
        former = {k[:-len(FORMER_TITLE)]: v for k, v in value.items()
                  if k.endswith(FORMER_TITLE) and (isinstance(v, str) or isinstance(v, list)
                  and isinstance(value.get(k[:-len(FORMER_TITLE)]), list))}
        items = {k: said_before(v, depth + 1, seen) for k, v in value.items()
                 if isinstance(v, dict | list)}
        if not former and not any(changed for _, changed in items.values()):
            answer = value, False
        else:
            answer = {k: former.get(k, items[k][0] if k in items else v)
                      for k, v in value.items()
                      if not (k.endswith(FORMER_TITLE) and k[:-len(FORMER_TITLE)] in former)
                      }, True
    else:
        said = [said_before(v, depth + 1, seen) for v in value]
        answer = (value, False) if not any(changed for _, changed in said) else \
            ([v for v, _ in said], True)
    if seen is not None and depth:
        seen[(id(value), depth)] = (value, answer)
    return answer


def as_kept_before(doc: Document, used: frozenset | None, made: Any, digest,
                   showing: Showing, said: dict, content: Content,
                   renamed: bool = False) -> tuple[Showing, dict | None]:
    """showing, with what the document showed as the releases before kept its issue
    (Showing.before, Showing.before_later): in their words (in_former_words), with the
    fields they showed (used_before), with the rows as they fingerprinted them (or_before);
    and the context in their words (in_former_words), or None. renamed: the document is
    kept under the name it had before (its own before, prepare.py)."""
    former = None
    if not renamed and ((former := in_former_words(doc, used, said)) is not None
                        or used_before(doc, used) != used):
        # In the words, and with the fields, of the release before.
        showing = replace(showing, before=made.digests(content(
            replace(doc, context=doc.context if former is None else former),
            used_before(doc, used), digest))[0])
    return or_before(showing, made, doc, former, used, digest, content), former
