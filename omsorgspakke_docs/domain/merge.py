"""Merge a case from a new export into what the state already knows about it.

Only fields the export gave a value count (an export without names does not erase names
another export gave). A newer export wins field by field; an older one that arrives late only
fills gaps. Lists merge item by item on each item's identity, so a conversation date from one
export and an assessment from another both survive; a list of people given by a later export
of the same kind says who is there now (PEOPLE), and the foster parents listed by the later
file of two exports of one kind and one day (same_day).

A field two exports give different values is a disagreement (avvik-mellom-eksporter.txt) only
when the new value is not simply the case moving on: when the exports are of different kinds
(read by different adapters: one of them may be mapped wrongly, or the journal holds two
values), when an older export arrives after a newer one, or when both have the same export
date. A later export of the same kind that changes a field (a new contact person, a parent
who now accepts, a conversation's new date) brings what the journal says now: it is used,
and not reported. So is a move to another foster home in a later export of another kind
(moved_home): its foster family is the export's, not the two families merged into one.

An export that is not the later one (not_later: older, of any kind, or of another kind on
the same day or undated) does not change who the foster family is (_family_not_later): the
family the child left, in an export made before the move, came back into the letters beside
the new one. An older export adds no foster parent and gives nothing of another home; of the
case's own family it fills what nobody gave. One of the same day or undated may be the newer:
it moves nobody, gives nothing of a family with none of the case's foster parents, and adds
no foster parent or address of a home the child has left.

A conversation held, with its minutes back (samtaler[].referat_mottatt), stays held on its
date: a journal export that still has it planned or cancelled (not yet updated when the
minutes came back through the inbox) does not undo it (HELD_STAYS). An export that has it
held on another date corrects the date. What the journal's export said instead is kept beside
it (journal_word), for the finding that asks to register it in the journal. Minutes read
for the wrong conversation are taken back the same way they came (withdraw). An export
without an export date is taken as made no later than its file was last written (the inbox
file's modification time, which a copy keeps or moves later, never earlier): one written
before the conversation was held or its minutes saved could not have it.

An end date is the one field an export can take back (ENDS): a case or placement the journal
closed and then opened again (a closing registered by mistake, a child who stays) has its
end date emptied in the journal, and an export that states it has none (stated_open) reopens
it, where a field left empty elsewhere only means the export does not say. Which exports
state it is the adapter's to say, by giving the field with no value (Case.model_fields_set).
The case keeps which end dates were stated empty, and by an export of which date
(Case.ingen_sluttdato): an export made before that, arriving late with the end it had then,
does not close the case again (open_ends, _not_closed_again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..planning.workdays import OSLO
from ..store.commit import write_text_atomic
from ..text import Tekst, tekst
from . import foster_home
from .field_words import field_words, item_key
from .model import Case, Fagsystemet, Person, Samtale

CONFLICT_NOTE = "avvik-mellom-eksporter.txt"

# How items in each list are recognised across exports.
LIST_IDENTITY = {
    "samtaler": ("part", "tema", "nummer", "forelder"),
    "vurderinger": ("part", "tema", "forelder"),
    "oppfolgingsbesok": ("dato",),
    "planer": ("type", "startdato"),
    "foreldre": ("rolle", "fornavn", "etternavn"),
    "fosterforeldre": ("fornavn", "etternavn"),
}


PEOPLE = {"foreldre", "fosterforeldre"}
"""Lists of people: a later export of the same kind that lists them says who they are now
(a foster parent who moved out, a name spelt right), so its list decides who is in it."""

WITHDRAWN = "referat-docx-trukket"
"""The source of returned minutes whose date was emptied after they were read (withdraw)."""
UPDATES = {"referat-docx", WITHDRAWN}
"""Sources that add to a case and are not an export of it (returned minutes): the case keeps
the kind of its last export (Case.kilde), which the next export of that kind is compared with
(moves_on) and the findings ask what an export holds (compliance.PLANS_IN_EXPORT)."""

ENDS: tuple[tuple[str, ...], ...] = (("sluttdato",), ("plassering", "sluttdato"))
"""The end dates an export can take back (stated_open): the case's and its placement's."""

STATED_LISTS = ("oppfolgingsbesok",)
"""Lists an export states even when empty: given with no item, the journal has none, where
a list left out says nothing (Case.model_fields_set, as for an end date: stated_open). A
later export of the same kind that gives the visits with none says the journal has none
planned, and a visit planned in an earlier one is left out (_merge_list: a visit cancelled
in the journal stayed «Planlagt i fagsystemet»); one that leaves them out (a format, or a
mapping, without visits) keeps the visits known. Conversations keep every item an earlier
export gave, listed or not (they are known by their place in a track), so an empty list of
them changes nothing either way."""

MERGE_ONLY = {"eksportert", "ingen_sluttdato"}
"""Case fields only merging uses (which export is newer), never a document or workbook: a
re-export that changes only these changes nothing anyone sees."""


@dataclass
class MergeResult:
    case: Case
    changed: bool
    """The state must be saved: anything differs, the export date included."""
    conflicts: list[str] = field(default_factory=list)
    """Field paths where two exports disagreed (never the values: they are personal data);
    a list item by what tells it apart (field_words.item_key)."""
    sources: dict[str, Any] = field(default_factory=dict)
    """Which exports disagreed and which won, by adapter name and export date."""
    shown: bool = True
    """Something changed that a document or workbook can show (not only MERGE_ONLY)."""


def known_case(state, incoming: Case) -> Case | None:
    """What the state knows about this case: by its key, else by the child's identity number.

    An export with a journal number and one with only the identity number (as some contact
    reports have) describe the same case: the state links the identity-number key to the
    journal-number key (by pseudonyms only, see State.link).
    """
    found = state.load(incoming.key)
    number = incoming.barn.fodselsnummer
    if not number:
        return found
    by_number = f"{incoming.kommunenummer or '0000'}:fnr:{number}"
    if incoming.journalnummer:
        state.link(by_number, incoming.key)
        return found if found is not None else state.load(by_number)  # seen without one first
    return state.load_linked(by_number) or found


def merge(known: Case | None, incoming: Case, written: datetime | None = None) -> MergeResult:
    """written: when the export's file was last written (journal_word), if known."""
    if known is None:
        opened = open_ends({}, incoming, written) if incoming.kilde not in UPDATES else {}
        return MergeResult(incoming.model_copy(update={"ingen_sluttdato": opened})
                           if opened else incoming, True)
    if incoming.kilde == WITHDRAWN:
        return MergeResult(withdraw(known, incoming), True)
    newer = incoming.eksportert is None or known.eksportert is None or (
        incoming.eksportert >= known.eksportert
    )
    # exclude_defaults, not exclude_unset: adapters fill nested models by assignment
    # (case.barn.fodselsnummer = ...), which pydantic does not count as "set" on the case.
    old = known.model_dump(mode="json", exclude_defaults=True)
    new = incoming.model_dump(mode="json", exclude_defaults=True)
    for item in new.get("samtaler", []):
        # A conversation the export lists is in the state it says, «planlagt» too, though it
        # is the default: a conversation cancelled and then booked again stayed cancelled.
        item.setdefault("status", "planlagt")
    for name in STATED_LISTS:
        if name in incoming.model_fields_set and not new.get(name):
            new[name] = []  # given empty: the journal has none (exclude_defaults drops it)
    for item in new.get("oppfolgingsbesok", []):
        # A visit the export lists is in the state it says, «gjennomfort» too, though it is
        # the default (model.Besok): a visit planned in one export and held in the next
        # stayed planned, and once its day passed it fell out of the plan's table and count
        # (a reader's finding: «Gjennomført 1 av 4» with the visit of 15 December held).
        item.setdefault("status", "gjennomfort")
    conflicts: list[str] = []
    kept = False  # the foster family kept against an export said to be used (sources_lines)
    current = moves_on(known, incoming)
    merged = _merge_dict(old, new, newer, "", conflicts, current)
    if not current and moved_home(known, incoming):
        # The foster family is the export's, as a later export of the same kind gives it:
        # the child moved (foster_home.moved), and the family left is no disagreement.
        merged["fosterfamilie"] = _merge_dict(old.get("fosterfamilie") or {},
                                              new.get("fosterfamilie") or {}, True,
                                              "fosterfamilie", [], True)
        conflicts = [c for c in conflicts if c.split(".")[0] != "fosterfamilie"]
    elif not current and not_later(known, incoming):
        # Only a later export changes who the foster family is (a move, a foster parent
        # who joins): this one fills gaps in the family the case has, if it is that family.
        family = _merge_dict(old.get("fosterfamilie") or {},
                             _family_not_later(known, incoming, new), newer,
                             "fosterfamilie", [], False)
        kept = newer and family != merged.get("fosterfamilie", {})
        merged["fosterfamilie"] = family
        if foster_home.a_home_left(known, incoming.fosterfamilie):
            # The journal as it was before the move: no disagreement about the family now.
            conflicts = [c for c in conflicts if c.split(".")[0] != "fosterfamilie"]
    elif same_day(known, incoming):
        # Two exports of one kind and one day: the later file's fields win (newer), and so
        # does its list of foster parents, as a whole, as a later export's does (PEOPLE): a
        # family of one parent from each export was none the journal ever had. Still two
        # exports of one date: what they disagree on is reported (conflicts kept).
        merged["fosterfamilie"] = _merge_dict(old.get("fosterfamilie") or {},
                                              new.get("fosterfamilie") or {}, True,
                                              "fosterfamilie", [], True)
    if newer and incoming.kilde not in UPDATES and not _file_older(incoming, known, written):
        _reopen(merged, stated_open(incoming), conflicts)
        _keep_open(merged, known, incoming, written)
    elif not newer:
        _not_closed_again(merged, known, incoming)
    if current:
        conflicts = []
    result = Case.model_validate(merged)
    _birth_date_follows_number(known, incoming, result)
    if incoming.kilde in UPDATES:
        _journal_had_it_held(known, result)
        result.kilde = known.kilde
    else:
        journal_word(incoming, result, written)
    changed = result != known
    shown = changed and (result.model_dump(mode="json", exclude=MERGE_ONLY)
                         != known.model_dump(mode="json", exclude=MERGE_ONLY))
    sources = _sources(known, incoming, newer)
    if kept and any(c.split(".")[0] == "fosterfamilie" for c in conflicts):
        sources["fosterfamilie_beholdt"] = True
    return MergeResult(result, changed, conflicts, sources, shown)


def stated_open(case: Case) -> list[tuple[str, ...]]:
    """The end dates (ENDS) the export states are empty: given with no value, which the
    adapter does for a format that says so (canonical JSON's explicit null, the SSB
    formats' case and measure, a mapping's end date column left empty). A field the
    export leaves out is not there (Case.model_fields_set): that format does not say."""
    found = []
    for path in ENDS:
        *within, name = path
        node = case
        for step in within:
            node = getattr(node, step)
        if name in node.model_fields_set and getattr(node, name) is None:
            found.append(path)
    return found


def _file_older(incoming: Case, known: Case, written: datetime | None) -> bool:
    """An export without an export date whose file was last written (in Norway) before the
    day of the case's export: made no later than that (journal_word), it is older than the
    case's and states no end empty now (arriving late, it would open again a case the
    journal has closed since)."""
    if incoming.eksportert is not None or written is None or known.eksportert is None:
        return False
    at = written.replace(tzinfo=UTC) if written.tzinfo is None else written
    return at.astimezone(OSLO).date() < known.eksportert


def _reopen(merged: dict, paths: list[tuple[str, ...]], conflicts: list[str]) -> None:
    """The end dates a newer export states are empty, taken out of the merged case: the
    journal has opened the case or placement again. An end date the case had is listed
    among the disagreements, which are dropped when the export is the case moving on
    (moves_on): an export of another kind may be mapped wrongly."""
    for path in paths:
        *within, name = path
        node = _at(merged, tuple(within))
        if isinstance(node, dict) and node.pop(name, None) is not None:
            conflicts.append(".".join(path))


def _keep_open(merged: dict, known: Case, incoming: Case, written: datetime | None) -> None:
    """Keep with the case the end dates the newer export stated empty (open_ends)."""
    merged.pop("ingen_sluttdato", None)  # the program's, whatever an export says
    before = {str(key): day for key, day in (known.ingen_sluttdato or {}).items()}
    if kept := open_ends(before, incoming, written):
        merged["ingen_sluttdato"] = {key: day.isoformat() for key, day in kept.items()}


def open_ends(before: Mapping[str, date], incoming: Case,
              written: datetime | None) -> dict[str, date]:
    """Case.ingen_sluttdato after an export at least as new as the case's (before: as the
    case had it): the end dates it states empty, with its date (one without: the day its
    file was last written; not known either: as new as can be); an end date it gives is
    no longer open, and one it does not say of stays as it was."""
    kept = dict(before)
    given = incoming.model_dump(mode="json")
    for path in ENDS:
        if _at(given, path) is not None:
            kept.pop(".".join(path), None)
    when = incoming.eksportert or (written.date() if written is not None else date.max)
    for path in stated_open(incoming):
        kept[".".join(path)] = when
    return kept


def _not_closed_again(merged: dict, known: Case, incoming: Case) -> None:
    """An export older than the one that stated an end date empty (Case.ingen_sluttdato),
    arriving late with the end it had then: the gap it would fill is the case open again."""
    made, had = incoming.eksportert, known.model_dump(mode="json")
    opened = {str(key): day for key, day in (known.ingen_sluttdato or {}).items()}
    for path in ENDS:
        since = opened.get(".".join(path))
        if since is None or made is None or made > since or _at(had, path) is not None:
            continue
        *within, name = path
        node = _at(merged, tuple(within))
        if isinstance(node, dict):
            node.pop(name, None)


def _at(data: Any, path: tuple[str, ...]) -> Any:
    """What a dumped case has at a path of field names; None where it has nothing."""
    for step in path:
        data = data.get(step) if isinstance(data, dict) else None
    return data


def _journal_had_it_held(known: Case, result: Case) -> None:
    """Minutes back for a conversation the journal's export already had as held: what it
    said is kept (Samtale.fagsystemet, held: the journal caught up, nothing to ask), so that
    minutes taken back (withdraw) leave it held on the journal's date, not unheld."""
    before = {s.identity: s for s in known.samtaler
              if s.status == "gjennomfort" and not s.referat_mottatt}
    for samtale in result.samtaler:
        journal = before.get(samtale.identity)
        if journal is not None and samtale.referat_mottatt and samtale.fagsystemet is None:
            samtale.fagsystemet = Fagsystemet(status="gjennomfort", dato=journal.dato,
                                              eksportert=known.eksportert)


def withdraw(known: Case, incoming: Case) -> Case:
    """Minutes read for a conversation they were not for (written in the wrong minutes),
    taken back: the same minutes come back saved later with their date emptied (the minutes
    adapter checks that they were read, and that this copy is the later one). The
    conversation is as the journal has it: as its latest export said (Samtale.fagsystemet,
    kept since the minutes came back), else as if the minutes had never come (the entry
    gone: the planner keeps the day it had planned, and the next export brings the
    journal's own). Its assessment from the minutes goes with it; an export that has one
    brings it again."""
    result = known.model_copy(deep=True)
    for taken in incoming.samtaler:
        same = taken.identity
        kept, held = [], set()
        for samtale in result.samtaler:
            if samtale.identity != same or not samtale.referat_mottatt:
                kept.append(samtale)
                continue
            held.add(samtale.dato)
            if (said := samtale.fagsystemet) is not None:
                kept.append(samtale.model_copy(update={
                    "status": said.status, "dato": said.dato, "deltakere": [],
                    "referat_mottatt": None, "referat_lagret": None, "fagsystemet": None}))
        result.samtaler = kept
        # The assessment those minutes gave: of the theme, dated the day they said it was held.
        result.vurderinger = [
            v for v in result.vurderinger
            if (v.part, v.tema, v.forelder) != (taken.part, taken.tema, taken.forelder)
            or v.dato not in held]
    return result


def _birth_date_follows_number(known: Case, incoming: Case, result: Case) -> None:
    """A new identity number for the child, from an export that gives no birth date: the
    birth date kept from before went with the old number (a number corrected in the
    journal), so the new number's date is used (Barn.fodt), not flagged as another day.
    Not for a D-number, whose date may be one an age assessment has since changed."""
    number = incoming.barn.fodselsnummer
    if (number and number[0] in "0123" and incoming.barn.fodselsdato is None
            and known.barn.fodselsnummer
            and number != known.barn.fodselsnummer and result.barn.fodselsnummer == number):
        result.barn.fodselsdato = None


def journal_word(export: Case, result: Case, written: datetime | None = None) -> None:
    """Keep, on each conversation held with its minutes back, what the journal's latest
    export says of it (Samtale.fagsystemet): planned or cancelled asks to register it
    (compliance), held is the journal caught up. Only an export that lists the conversation
    (journal_entries) and was made after it was held and its minutes saved: one made before
    could not have it; an export with no export date, by when its file was written (written,
    _written_before). An export older than the one whose word is kept changes nothing, so
    an export of another kind, without conversations, does not stand in the way."""
    when = export.eksportert
    for samtale in result.samtaler:
        if not (samtale.referat_mottatt and samtale.status == "gjennomfort"):
            continue
        entries = journal_entries(export, samtale)
        kept = samtale.fagsystemet
        if not entries or (when is not None and (
                when < _held_and_saved(samtale)
                or kept is not None and kept.eksportert is not None and when < kept.eksportert)):
            continue
        if when is None and written is not None and _written_before(written, samtale):
            continue
        held = [e for e in entries if e.status == "gjennomfort"]
        said = held[0] if held else max(entries, key=lambda e: e.dato)  # the latest booking
        samtale.fagsystemet = Fagsystemet(status=said.status, dato=said.dato, eksportert=when)


def journal_entries(export: Case, samtale: Samtale) -> list[Samtale]:
    """The export's entries for a conversation: of its party, theme and contact, and of its
    parent, where an entry or the conversation names none (the journal's entry for a
    conversation both parents had, and the parents' own minutes; or the other way round)."""
    return [e for e in export.samtaler
            if (e.part, e.tema, e.nummer) == (samtale.part, samtale.tema, samtale.nummer)
            and (e.forelder is None or samtale.forelder is None or e.forelder == samtale.forelder)]


def _held_and_saved(samtale: Samtale) -> date:
    """The day held, or the day its minutes were saved when that was later."""
    saved = samtale.referat_lagret
    return max(samtale.dato, saved.date()) if saved is not None else samtale.dato


def _written_before(written: datetime, samtale: Samtale) -> bool:
    """Whether an export file last written then (UTC, or the zone it carries) was written
    before the conversation's day (in Norway) or before its minutes were saved."""
    at = written.replace(tzinfo=UTC) if written.tzinfo is None else written
    saved = samtale.referat_lagret
    return at.astimezone(OSLO).date() < samtale.dato or saved is not None and at < saved


def moved_home(known: Case, incoming: Case) -> bool:
    """Whether an export of another kind than the case's last (another vendor's adapter,
    another mapping file) shows the child in another foster home: made later (both exports
    dated: one without a date may be an old export of the journal left behind), and naming
    clearly other foster parents at clearly another address (foster_home.another_home).
    Merged item by item, the family left and the new one were one foster family of four at
    the new address, the move never seen and the letters written to both families."""
    if incoming.kilde in UPDATES or incoming.eksportert is None or known.eksportert is None:
        return False
    return incoming.eksportert > known.eksportert and foster_home.another_home(
        known.fosterfamilie, incoming.fosterfamilie)


def not_later(known: Case, incoming: Case) -> bool:
    """Whether an export may be no later than the one the case is built on, for its foster
    family (_family_not_later): older (both dated, of any kind, arriving late), or of another
    kind on the same day or with a date missing on either side (which is newer cannot be
    told). A later export of the same kind, or an undated one of that kind, is the case
    moving on (moves_on); a later one of another kind may be a move (moved_home)."""
    if incoming.kilde in UPDATES:
        return False
    made, last = incoming.eksportert, known.eksportert
    if made is not None and last is not None and made < last:
        return True
    another_kind = incoming.kilde != known.kilde and known.kilde not in UPDATES
    return another_kind and (made is None or last is None or made == last)


def _family_not_later(known: Case, incoming: Case, new: dict) -> dict:
    """What of an export's foster family (new: the export dumped) is merged into the case's
    when the export is not the later one (not_later): a family the child has left must not
    come back into the letters beside the family the child lives with, nor their address
    or postcode stand for the new home's.

    An older export gives nothing of another home than the case's (foster_home.same_home),
    and adds no foster parent (one who moved out would come back): it fills what nobody gave
    for the home and for the foster parents the case lists (a telephone number, a
    postcode). An export of another kind of the same day, or undated, may be the newer
    one: it gives nothing of a family with none of the case's foster parents (a move only a
    later export shows, moved_home), adds no foster parent of a home the child has left,
    and no address of one; what else it gives is used as a newer export's. A case that
    names no foster parent has a gap there, and is given them."""
    family = incoming.fosterfamilie
    made, last = incoming.eksportert, known.eksportert
    older = made is not None and last is not None and made < last
    another = not foster_home.same_home(known.fosterfamilie, family) if older \
        else foster_home.other_family(known.fosterfamilie, family)
    if another:
        return {}
    given = {k: v for k, v in (new.get("fosterfamilie") or {}).items() if k != "fra"}
    identity = LIST_IDENTITY["fosterforeldre"]
    listed = {_identity(p.model_dump(mode="json", exclude_defaults=True), identity)
              for p in known.fosterfamilie.fosterforeldre if p.fornavn or p.etternavn}

    def added(item: dict, person: Person) -> bool:
        if older:
            return not listed or _identity(item, identity) in listed
        return not foster_home.of_a_home_left(known, person)

    if "fosterforeldre" in given:
        # The dumped list is the export's foster parents, one by one, in its order.
        given["fosterforeldre"] = [item for item, person in zip(
            given["fosterforeldre"], family.fosterforeldre, strict=True) if added(item, person)]
    if not older and foster_home.at_a_home_left(known, family):
        for name in ("adresse", "postnummer", "poststed"):
            given.pop(name, None)
    return given


def moves_on(known: Case, incoming: Case) -> bool:
    """Whether the incoming export is a later export of the same kind as the one the case was
    last updated from: what it changes is the case moving on, not two exports disagreeing.
    Later: a later export date, or no date on either (an export without one counts as made
    when it arrives); the same date is not later (same_day). A case saved with an update's
    kind (returned minutes, before UPDATES kept the export's) counts as of the incoming
    kind."""
    if not _same_kind(known, incoming):
        return False
    if incoming.eksportert is None or known.eksportert is None:
        return True
    return incoming.eksportert > known.eksportert


def same_day(known: Case, incoming: Case) -> bool:
    """Whether the incoming export is of the same kind as the case's last and made the same
    day: read later, it is the later file (its fields win, as newer), though the two are
    not told apart as the case moving on (moves_on)."""
    return incoming.kilde not in UPDATES and _same_kind(known, incoming) \
        and incoming.eksportert is not None and incoming.eksportert == known.eksportert


def _same_kind(known: Case, incoming: Case) -> bool:
    """Read by the same adapter (kilde); a case saved with an update's kind counts as of
    the incoming export's kind (moves_on)."""
    return incoming.kilde == known.kilde or (
        known.kilde in UPDATES and incoming.kilde not in UPDATES)


def mark_joined(known: Case | None, merged: Case, today: date) -> bool:
    """A parent who declined when the case was read before and takes part now began taking
    part today (Forelder.deltar_fra, unless an export gave the day): conversations the
    journal has without naming a parent count for them from then on (Case.credited).
    Returns whether a parent was marked."""
    if known is None:
        return False
    identity = LIST_IDENTITY["foreldre"]
    declined = {_identity(f.model_dump(mode="json", exclude_defaults=True), identity)
                for f in known.foreldre if f.takker_ja is False}
    marked = False
    for parent in merged.foreldre:
        if parent.takker_ja is False or parent.deltar_fra is not None:
            continue
        if _identity(parent.model_dump(mode="json", exclude_defaults=True), identity) in declined:
            parent.deltar_fra = today
            marked = True
    return marked


def mark_declined(known: Case | None, merged: Case, today: date) -> bool:
    """A parent who took part (or had not been asked) when the case was read before and
    declines now declined on the export's day, when it is newer than the one before, else
    today (Forelder.takket_nei, unless an export gave the day): what was held with the
    parents before it stays theirs (Case.took_part_on), and the offer is renewed
    [compliance] renew_offer_months from it (domain/compliance.offer_due).
    Returns whether a parent was marked."""
    if known is None:
        return False
    identity = LIST_IDENTITY["foreldre"]
    before = {_identity(f.model_dump(mode="json", exclude_defaults=True), identity): f.takket_nei
              for f in known.foreldre if f.takker_ja is not False}
    # The export's day when it is newer than the one read before (the no was in the journal
    # then), else today.
    day = merged.eksportert if merged.eksportert is not None and merged.eksportert <= today \
        and (known.eksportert is None or merged.eksportert > known.eksportert) else today
    marked = False
    for parent in merged.foreldre:
        if parent.takker_ja is not False:
            continue
        found = _identity(parent.model_dump(mode="json", exclude_defaults=True), identity)
        if found in before:
            # Not a day the export gave; one kept from an earlier no is replaced.
            if parent.takket_nei is None or parent.takket_nei == before[found]:
                parent.takket_nei = day
                marked = True
    return marked


def _sources(known: Case, incoming: Case, newer: bool) -> dict[str, Any]:
    """Which exports disagreed and which was used, worded when the note is written."""
    def name(case: Case) -> tuple[str | None, str | None]:
        return case.kilde, f"{case.eksportert:%d.%m.%Y}" if case.eksportert else None

    winner = incoming if newer else known
    return {"ny": name(incoming), "gammel": name(known), "brukt": winner.kilde,
            "ny_brukt": newer}


def sources_lines(sources: dict[str, Any], t: Tekst,
                  labels: Mapping[str, str] | None = None) -> list[str]:
    """Which source was read in now, which before, and which the documents use: each by
    what labels calls its adapter (intake.detect.labels), else by its name; returned
    minutes (UPDATES) as such. Where both are called the same, the one used is said by
    when it was read in. A foster family kept against the export used (not_later) is
    said on a line of its own."""
    unknown = t("avvik.ukjent_kilde")
    labels = labels or {}

    def called(kilde: str | None) -> str:
        if kilde in UPDATES:
            return t("avvik.referat")
        return labels.get(kilde or "") or kilde or unknown

    def name(pair) -> str:
        kilde, when = pair
        return called(kilde) + (t("avvik.eksportert", dato=when) if when else "")

    used = called(sources["brukt"])
    newer = sources.get("ny_brukt", sources["brukt"] == sources["ny"][0])
    if called(sources["ny"][0]) == called(sources["gammel"][0]):
        used += t("avvik.lest_na_kort" if newer else "avvik.lest_for_kort")
    lines = [t("avvik.lest_na", kilde=name(sources["ny"])),
             t("avvik.lest_for", kilde=name(sources["gammel"])),
             t("avvik.brukt", kilde=used)]
    if sources.get("fosterfamilie_beholdt"):
        # The export read now is used, but not its foster family (merge, not_later).
        lines.append(t("avvik.fosterfamilie_beholdt"))
    return lines


def record_conflicts(folder: Path, result: MergeResult, today: date,
                     t: Tekst | None = None, labels: Mapping[str, str] | None = None) -> None:
    """Add this merge's disagreements to the list in the case folder, where caseworkers look;
    labels: the sources in words (sources_lines)."""
    if not result.conflicts:
        return
    t = t or tekst()
    path = folder / t("fil.avvik")
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing.endswith(_entry(result, today, t, labels)):
        return  # this very merge is listed already (written just before a crash)
    write_text_atomic(path, conflict_note(existing, result, today, t, labels))


def conflict_note(existing: str, result: MergeResult, today: date,
                  t: Tekst | None = None, labels: Mapping[str, str] | None = None) -> str:
    """The case folder's list of disagreements, with this merge's added: field paths only."""
    t = t or tekst()
    heading = t("avvik.overskrift")
    lines = [existing.rstrip("\n")] if existing.strip() else [
        heading, "=" * len(heading), t("avvik.forklaring")]
    return "\n".join(lines) + "\n" + _entry(result, today, t, labels)


def _entry(result: MergeResult, today: date, t: Tekst,
           labels: Mapping[str, str] | None = None) -> str:
    """One merge's lines in the note."""
    lines = ["", t("avvik.funnet", dato=f"{today:%d.%m.%Y}"),
             *(f"  {line}" for line in sources_lines(result.sources, t, labels)),
             f"  {t('avvik.ulikt')}",
             *(f"  - {field_words(p, t, result.case.parent_roles())}"
               for p in result.conflicts)]
    return "\n".join(lines) + "\n"


def _merge_dict(old: dict, new: dict, newer: bool, path: str, conflicts: list[str],
                current: bool = False) -> dict:
    """current: the new values are the journal's now (moves_on), so a list of people is
    the one the new export gives (PEOPLE)."""
    out = dict(old)
    for name, value in new.items():
        where = f"{path}.{name}" if path else name
        if name not in old or old[name] is None:
            out[name] = value
        elif isinstance(value, dict) and isinstance(old[name], dict):
            out[name] = _merge_dict(old[name], value, newer, where, conflicts, current)
        elif isinstance(value, list) and isinstance(old[name], list):
            out[name] = _merge_list(name, old[name], value, newer, where, conflicts,
                                    current and name in PEOPLE,
                                    current and name == "oppfolgingsbesok")
        elif value is not None and value != old[name]:
            if name not in ("eksportert", "kilde"):
                conflicts.append(where)
            if newer:
                out[name] = value
    return out


def _merge_list(name: str, old: list, new: list, newer: bool, path: str, conflicts,
                members_from_new: bool = False, planned_from_new: bool = False) -> list:
    """Item by item on identity (LIST_IDENTITY); members_from_new: only the new list's
    items stay, in its order, each keeping what earlier exports gave it. planned_from_new:
    the new list says which visits the journal has planned (a later export of the same
    kind, moves_on): a visit planned in an earlier one that it leaves out was moved or
    cancelled in the journal, and is left out (a visit moved from 12 to 19 January was
    listed twice, the day left «Ikke registrert som holdt ennå» once passed and counted);
    held visits stay, as an export may list only the latest."""
    identity = LIST_IDENTITY.get(name)
    if identity is None or not all(isinstance(i, dict) for i in old + new):
        return new if newer else old
    out: dict[Any, dict] = {_identity(item, identity): item for item in old}
    for index, item in enumerate(new):
        key = _identity(item, identity)
        where = f"{path}[{item_key(name, item, index)}]"
        if key in out and name == "samtaler":
            item = _not_behind(out[key], item)
            if newer and item.get("dato") not in (None, out[key].get("dato")) \
                    and "klokkeslett" not in item:
                # A time belongs to its day: one moved to a day with no time has none.
                out[key] = {k: v for k, v in out[key].items() if k != "klokkeslett"}
        out[key] = _merge_dict(out[key], item, newer, where, conflicts) if key in out else item
    if planned_from_new:
        listed = {_identity(item, identity) for item in new}
        out = {k: v for k, v in out.items()
               if k in listed or v.get("status", "gjennomfort") != "planlagt"}
    if members_from_new:  # in the new list's order: a conversation names a parent by place
        return list({_identity(item, identity): out[_identity(item, identity)]
                     for item in new}.values())
    return list(out.values())


HELD_STAYS = ("status", "dato", "referat_mottatt")
"""What an export that is behind returned minutes (_not_behind) does not change."""


def _not_behind(old: dict, new: dict) -> dict:
    """A later export's entry for a conversation, without what is behind what is known: a
    conversation held with its minutes back (referat_mottatt) stays held on its date while
    the export has it planned or cancelled, on any day (HELD_STAYS): the journal not yet
    updated, whether it has the day booked or a later one (held early). An export that has
    it held is the journal's word, and is taken (a date corrected)."""
    if (not old.get("referat_mottatt") or old.get("status") != "gjennomfort"
            or new.get("status", "planlagt") == "gjennomfort"):
        return new
    return {k: v for k, v in new.items() if k not in HELD_STAYS}


def _identity(item: dict, identity: tuple[str, ...]) -> tuple:
    return tuple(item.get(k) for k in identity)
