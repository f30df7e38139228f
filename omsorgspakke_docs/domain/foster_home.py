"""A child who moves to another foster home during the programme.

The journal has one foster family per case: an export that names other foster parents, at
another address, than the case had is a move (moved). The family the child left is kept
with the case (Case.tidligere_fosterhjem): who they were, where, until when, and the foster
family's conversations and assessments held with them, which are theirs and not the new
family's. The new family starts on the foster family's themes (Fosterfamilie.fra): the
planner sees only the conversations the journal has with them (dated on or after the move),
so theme 1 «Den nye familien» is planned for them too. The child's and the parents' tracks
go on as they were. See docs/planning.md, «A move to another foster home».
"""

from __future__ import annotations

from datetime import date

from .model import Case, Fosterfamilie, Samtale, TidligereFosterhjem, Vurdering


def _names(home: Fosterfamilie) -> set[tuple[str, str]]:
    return {((p.fornavn or "").strip().casefold(), (p.etternavn or "").strip().casefold())
            for p in home.fosterforeldre if p.fornavn or p.etternavn}


def _where(home: Fosterfamilie) -> tuple[str, str]:
    return ((home.adresse or "").strip().casefold(), (home.postnummer or "").strip())


def moved(known: Case | None, merged: Case, today: date) -> bool:
    """Whether the merged case changed here. A move seen now (none of the foster parents
    the case had is among those the export names, and the home's address is another: a
    name corrected is no move) keeps the family left (TidligereFosterhjem, until `today`:
    the day of the export that first showed the move) and marks the new one as from then.
    Each time, the foster family's journal entries dated before the move are given to the
    family they were held with (split)."""
    changed = False
    if known is not None:
        before, now = known.fosterfamilie, merged.fosterfamilie
        if _names(before) and _names(now) and _names(before).isdisjoint(_names(now)) \
                and before.adresse and now.adresse and _where(before) != _where(now):
            # What the journal had with them, also the dates set ahead with them: those
            # are off (staff tell them: documents/sending.py), not the new family's.
            merged.tidligere_fosterhjem.append(TidligereFosterhjem(
                adresse=before.adresse, postnummer=before.postnummer,
                poststed=before.poststed,
                fosterforeldre=[p.model_copy() for p in before.fosterforeldre], til=today,
                samtaler=[s.model_copy() for s in known.samtaler
                          if s.part == "fosterfamilien"]))
            now.fra = today
            changed = True
    return split(merged) or changed


def _home_of(case: Case, day: date | None) -> TidligereFosterhjem | None:
    """The former home the foster family's entry of that day was held with, if any."""
    if day is None:
        return None
    return next((home for home in case.tidligere_fosterhjem if day < home.til), None)


def split(case: Case) -> bool:
    """The foster family's conversations and assessments dated before the current family's
    move in moved to the former home they were held with (an export lists them again, as
    the journal has them under the foster family), and those set with a former family for a
    day after the move left out (moved): whether any was."""
    if not case.tidligere_fosterhjem:
        return False
    stays: list[Samtale] = []
    changed = False
    for samtale in case.samtaler:
        home = _home_of(case, samtale.dato) if samtale.part == "fosterfamilien" else None
        if home is None and samtale.part == "fosterfamilien" and any(
                (s.identity, s.dato) == (samtale.identity, samtale.dato)
                for earlier in case.tidligere_fosterhjem for s in earlier.samtaler):
            # Set with the family the child left for a day after the move, and still so in
            # the journal: theirs, off. One the journal gives another day is the new one's.
            changed = True
            continue
        if home is None:
            stays.append(samtale)
            continue
        home.samtaler = [s for s in home.samtaler if s.identity != samtale.identity] \
            + [samtale]
        changed = True
    kept: list[Vurdering] = []
    for vurdering in case.vurderinger:
        home = _home_of(case, vurdering.dato) if vurdering.part == "fosterfamilien" else None
        if home is None:
            kept.append(vurdering)
            continue
        home.vurderinger = [v for v in home.vurderinger if v.tema != vurdering.tema] \
            + [vurdering]
        changed = True
    case.samtaler, case.vurderinger = stays, kept
    return changed


def former_home_on(case: Case, day: date | None) -> TidligereFosterhjem | None:
    """The foster home the child lived in on that day, when it was one they have left."""
    return _home_of(case, day)
