"""Each parent's place in the list of parents, followed from one export to the next.

A conversation, an assessment and a kept plan date name a parent by their place in the
case's list of parents (Samtale.forelder, Vurdering.forelder, the plan's keys). A later
export of the same kind decides who the parents are and in which order (merge.PEOPLE): one
that lists them the other way round, or without one of them, would hand one parent's dates,
conversations and assessments to the other. So before it is merged, what the state knows
is numbered as the export numbers the parents (renumbered), and the kept plan with it
(State.renumber_plan); a parent the export no longer lists takes their own with them.
The same parents listed in another order, by any export, are read in the state's order
instead (in_known_order): nothing the state keeps moves, each letter stays as it was sent,
and what the export says of each parent is theirs (also a re-export the same day, or an
export of another kind, which do not decide the list).

A parent is recognised by their role («mor», «far») where only one parent on each list has
it, else by their whole name where only one parent on each list has it (the case keeps no
parent's identity number). Only in memory: no role or name goes into a key, a file or the
log.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Case, Forelder

Moves = dict[int, int | None]
"""A parent's place as the state knows it -> their place in the export, or None: no longer
listed."""


def moves(known: Case | None, incoming: Case, current: bool) -> Moves | None:
    """How the parents the state knows moved in the incoming export, or None when none
    moved or it cannot be told. current: the export's list of parents decides who they
    are and in which order (merge.moves_on). Another export (of another kind, or older)
    leaves the list as the state has it, so nothing is renumbered then, and neither is it
    when the export lists no parents, or a parent it lists could be one the state knows
    and not (unmatched on both sides): places are then kept as they are, as before."""
    if known is None or not current or not incoming.foreldre or not known.foreldre:
        return None
    pairs: Moves = {}
    for old, parent in enumerate(known.foreldre):
        found = [new for new, other in enumerate(incoming.foreldre)
                 if _same(parent, other, known.foreldre, incoming.foreldre)]
        if len(found) > 1:
            return None
        pairs[old] = found[0] if found else None
    matched = [new for new in pairs.values() if new is not None]
    if len(set(matched)) != len(matched):
        return None
    if None in pairs.values() and len(matched) < len(incoming.foreldre):
        return None  # one gone and one new: perhaps the same parent, told apart by nothing
    if all(old == new for old, new in pairs.items()):
        return None
    return pairs


def in_known_order(incoming: Case, moved: Moves) -> Case | None:
    """The incoming export with its parents in the order the state knows them (and its
    conversations and assessments numbered so), when it lists the same parents in another
    order: the state stays as it is. Renumbering it would hand the letters of a parent told
    apart by their place («forelder 1», Case.parent_roles) to the other, and issue anew each
    letter naming the other parents in the export's order (mottaker.andre, the information
    letter's joint meeting row) when there are more than two. None when a parent came or
    went: the state follows the export's list then (renumbered)."""
    if len(moved) != len(incoming.foreldre) or None in moved.values():
        return None
    return renumbered(incoming, {new: old for old, new in moved.items() if new is not None})


def renumbered(case: Case, moved: Moves) -> Case:
    """The case with its parents' conversations and assessments numbered as moved says;
    those of a parent no longer listed are left out (the export's list has no place for
    them), and so is the parent."""
    result = case.model_copy(deep=True)
    result.samtaler = [s.model_copy(update={"forelder": place(moved, s.forelder)})
                       for s in case.samtaler if kept(moved, s.forelder)]
    result.vurderinger = [v.model_copy(update={"forelder": place(moved, v.forelder)})
                          for v in case.vurderinger if kept(moved, v.forelder)]
    listed = sorted((new, old) for old, new in moved.items() if new is not None)
    result.foreldre = [case.foreldre[old] for _, old in listed]
    return result


def kept(moved: Moves, forelder: int | None) -> bool:
    """Whether what names this parent (None: no parent) stays with the case."""
    return forelder is None or moved.get(forelder, forelder) is not None


def place(moved: Moves, forelder: int | None) -> int | None:
    """The parent's place now; a place not in moved (none the state knew) is kept."""
    if forelder is None:
        return None
    new = moved.get(forelder, forelder)
    return forelder if new is None else new


def _same(a: Forelder, b: Forelder, known: list[Forelder], incoming: list[Forelder]) -> bool:
    """Whether parent a, as the state knows them, is b in the export."""
    return _unique_alike(a, b, known, incoming, _role) or \
        _unique_alike(a, b, known, incoming, _name)


def _unique_alike(a: Forelder, b: Forelder, known: list[Forelder], incoming: list[Forelder],
                  what: Callable[[Forelder], str]) -> bool:
    """a and b alike in what, and no other parent on either list is."""
    said = what(a)
    return bool(said) and what(b) == said and [what(p) for p in known].count(said) == 1 \
        and [what(p) for p in incoming].count(said) == 1


def _role(parent: Forelder) -> str:
    return (parent.rolle or "").strip().casefold()


def _name(parent: Forelder) -> str:
    return " ".join((parent.navn or "").casefold().split())
