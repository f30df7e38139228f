"""A name the journal spells anew: the same person, written right.

A journal corrects the child's, a parent's or a foster parent's name between two exports
(«Camila» for «Camilla», «Ann-Kristin» for «Anne-Kristin»). The letters issued to her showed
the name as it was spelt; made again, they show it as spelt now, and nothing else changed
for her: she has her letters, so they keep their issue (their «Vår dato», their mark as
sent: rendering/prepare.py _as_spelt_before), as a letter only reworded does. A letter
whose reader is someone else is issued anew as before.

The case keeps each such correction (Case.rettede_navn: the name as spelt now, and as spelt
before) while the journal has the name so: the run that makes the letters again may be a
later one than the run that read the correction (one stopped in between, a day's refresh).

The child's name («Sofie» for «Sophie», «Lindqvist Hansen» for «Lindqvist-Hansen») is the
case's child's, told by the case's journal number: corrected where the two names are alike,
named so by the letters to the parents and the foster family, her own, and the minutes.

Who is the same parent or foster parent is told conservatively (the case keeps no identity
number of a parent or foster parent): a name no longer on the list and one new on it, of the
same role (parents: «mor», «far», none), alike in spelling (alike), and neither alike so to
another name new or gone on the lists, in a later export of the kind the case was read from
(or a later file of its kind and day).
Two parents of the same role are told apart by their names as they were: one respelt is the
one whose name is near hers, never one whose name is still on the list; when a name is near
two, nothing is taken for corrected and the letters are issued anew, as for a new reader.
Foster parents at an address clearly another (a move, or a home registered by mistake
corrected: foster_home.moved) are other people, not other spellings.

The case as known is merged with the names as spelt now (spelt_now), so the person is the
one it had, with what the program keeps of her (a parent's day of declining, say), not a
new parent beside or instead of her.
"""

from __future__ import annotations

from collections.abc import Sequence

from .foster_home import _elsewhere, _maybe_same, _tokens
from .model import Case, Forelder, Person, RettetNavn

MOST_EDITS = 2
"""The most letters added, left out or changed (a letter for every fourth of the shorter
name, at most) for two spellings of one name: «Nordman» and «Nordmann», «Ann» and «Anne»;
not «Nordmann» and «Nordvik»."""


def _words(person: Person) -> list[str]:
    return _tokens(person.fornavn) + _tokens(person.etternavn)


def _edits(a: str, b: str) -> int:
    """Letters added, left out or changed to make a into b (Levenshtein)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        before, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            before, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, before + (x != y))
    return row[-1]


def alike(before: Person, now: Person) -> bool:
    """Whether the two names may be one name spelt anew: the same words written otherwise
    (capitals, a hyphen for a space), a word as its initial, a middle name added or left
    out (foster_home._maybe_same), or as many words and at most MOST_EDITS letters other."""
    a, b = _words(before), _words(now)
    if not a or not b:
        return False
    if _maybe_same(before, now):
        return True
    shorter = min(len(" ".join(a)), len(" ".join(b)))
    return len(a) == len(b) and _edits(" ".join(a), " ".join(b)) <= min(
        MOST_EDITS, shorter // 4)


def _role(person: Person) -> str:
    return ((person.rolle if isinstance(person, Forelder) else None) or "").strip().casefold()


def _pairs(known: Sequence[Person], now: Sequence[Person]) -> list[tuple[Person, Person]]:
    """Each name gone from the list (known) paired with the name new on it (now) that is
    hers spelt anew: of the same role, alike, and neither alike to another gone or new."""
    names = {p.navn for p in known}
    gone = [p for p in known if p.navn and p.navn not in {q.navn for q in now}]
    new = [q for q in now if q.navn and q.navn not in names]
    near = [(p, q) for p in gone for q in new if _role(p) == _role(q) and alike(p, q)]
    return [(p, q) for p, q in near
            if sum(1 for one, _ in near if one is p) == 1
            and sum(1 for _, other in near if other is q) == 1]


def spelt_now(known: Case, incoming: Case) -> tuple[Case, list[RettetNavn]]:
    """The case as known with each name the incoming export spells anew (the child's, alike:
    the case's child, by its journal number; of a parent; of a foster parent where the
    home's address is not clearly another: foster_home.py) as it spells it, and those names,
    each with its spelling before. Merged so, the person is the one the case had
    (merge.LIST_IDENTITY: by the name), with what the program keeps of them (a parent's
    takket_nei, deltar_fra) and what other exports gave. Only for a later export of the kind
    the case was last read from (merge.moves_on), or one of its kind and day read after it
    (merge.same_day: the later file, whose fields win): its list of people says who they
    are."""
    case = known.model_copy(deep=True)
    lists: list[tuple[Sequence[Person], Sequence[Person]]] = [(case.foreldre,
                                                               incoming.foreldre)]
    if not _elsewhere(case.fosterfamilie, incoming.fosterfamilie):
        lists.append((case.fosterfamilie.fosterforeldre, incoming.fosterfamilie.fosterforeldre))
    pairs = [pair for mine, theirs in lists for pair in _pairs(mine, theirs)]
    if case.barn.navn != incoming.barn.navn and alike(case.barn, incoming.barn):
        pairs.append((case.barn, incoming.barn))  # the case's child: its journal number
    found = []
    for before, now in pairs:
        found.append(RettetNavn(navn=now.navn or "", fornavn=before.fornavn,
                                etternavn=before.etternavn))
        before.fornavn, before.etternavn = now.fornavn, now.etternavn
    return case, found


def kept(known: Case, merged: Case, found: list[RettetNavn]) -> list[RettetNavn] | None:
    """What the merged case keeps of names spelt anew (Case.rettede_navn): those the case
    kept whose name is still the journal's and not spelt anew again, and those found now
    (spelt_now); None for none."""
    now = {p.navn for p in (merged.barn, *merged.foreldre,
                            *merged.fosterfamilie.fosterforeldre)}
    respelt = {r.navn for r in found}
    return [*(r for r in known.rettede_navn or () if r.navn in now and r.navn not in respelt),
            *found] or None
