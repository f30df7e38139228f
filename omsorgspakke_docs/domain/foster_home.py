"""A child who moves to another foster home during the programme.

The journal has one foster family per case: an export that names clearly other foster
parents, at an address clearly another, than the case had is a move (moved); the same family
written another way is not (a false move has staff cancel meetings that stand). The family
the child left is kept with the case (Case.tidligere_fosterhjem): who they were, where,
until when, and the foster family's conversations and assessments held with them, which are
theirs and not the new family's. The new family starts on the foster family's themes
(Fosterfamilie.fra): the planner sees only the conversations the journal has with them
(dated on or after the move), so theme 1 «Den nye familien» is planned for them too. The
child's and the parents' tracks go on as they were. See docs/planning.md, «A move to another
foster home».
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TypeVar

from .model import (
    Besok,
    Case,
    FeilregistrertFosterhjem,
    Fosterfamilie,
    Person,
    Samtale,
    TidligereFosterhjem,
    Vurdering,
)

_Held = TypeVar("_Held", Samtale, Vurdering)
_Home = Fosterfamilie | TidligereFosterhjem | FeilregistrertFosterhjem


def _tokens(text: str | None) -> list[str]:
    """The words of a name or street, as the journal may write them differently: any case,
    spaces, dots, commas and hyphens («Jon-Åge», «Jon  Åge», «Ø.»)."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text or "").casefold())


def _person(person: Person) -> list[str]:
    return _tokens(person.fornavn) + _tokens(person.etternavn)


def _alike(word: str, other: str) -> bool:
    """The same word, or one of them its initial («Ø.» for «Øvrebø»)."""
    return word == other or len(word) == 1 and other.startswith(word) \
        or len(other) == 1 and word.startswith(other)


def _within(fewer: list[str], more: list[str]) -> bool:
    rest = list(more)
    for word in fewer:
        match = next((other for other in rest if _alike(word, other)), None)
        if match is None:
            return False
        rest.remove(match)
    return True


def _maybe_same(one: Person, other: Person) -> bool:
    """Whether the two may be one person written differently: the words of one name are
    among the other's in any order (first and last name swapped, the whole name in one
    field, a middle name added or left out), a word may be its initial."""
    a, b = _person(one), _person(other)
    return _within(a, b) if len(a) <= len(b) else _within(b, a)


def _other_people(before: _Home, now: Fosterfamilie) -> bool:
    """Both exports name foster parents, and none the export names now may be one the case
    had: a clear change of family, not a name spelt another way."""
    had = [p for p in before.fosterforeldre if _person(p)]
    named = [p for p in now.fosterforeldre if _person(p)]
    return bool(had and named) and not any(
        _maybe_same(p, q) for p in had for q in named)


_STREET_WORDS = (("gt", "gata"), ("gate", "gata"), ("vn", "veien"), ("vei", "veien"),
                 ("veg", "vegen"))


def _street(adresse: str | None) -> str:
    """The street address without what is written differently: case, spaces, dots, a
    postcode and place after a comma, «gt.»/«gate» for «gata», «vn.»/«vei» for «veien»."""
    words = []
    for word in _tokens((adresse or "").split(",")[0]):
        for short, long in _STREET_WORDS:
            if word.endswith(short):
                word = word[:-len(short)] + long
                break
        words.append(word)
    return "".join(words)


def _elsewhere(before: _Home, now: Fosterfamilie) -> bool:
    """Both exports give the home's address and it is clearly another: another street
    address, or both give a postcode and it is another (one left out says nothing)."""
    if not (_street(before.adresse) and _street(now.adresse)):
        return False
    codes = ((before.postnummer or "").strip(), (now.postnummer or "").strip())
    return _street(before.adresse) != _street(now.adresse) \
        or all(codes) and codes[0] != codes[1]


def another_home(before: Fosterfamilie | TidligereFosterhjem, now: Fosterfamilie) -> bool:
    """Clearly another foster home: none of the foster parents named now may be one named
    before, and the home's address is clearly another (what moved counts as a move)."""
    return _other_people(before, now) and _elsewhere(before, now)


def other_family(before: _Home, now: Fosterfamilie) -> bool:
    """Both name foster parents, and none named now may be one named before."""
    return _other_people(before, now)


def same_home(before: _Home, now: Fosterfamilie) -> bool:
    """Whether the foster family an export names may be this one: not clearly other foster
    parents (one in common, or none named on either side) and not clearly another address.
    An older export (merge.not_later) gives the case's foster family nothing of a family
    that is not (another home: the family left, or another's)."""
    return not _other_people(before, now) and not _elsewhere(before, now)


def _homes_left(case: Case) -> list[_Home]:
    """The foster homes the child has left, and those registered by mistake."""
    return [*case.tidligere_fosterhjem, *case.feilregistrert_fosterhjem]


def a_home_left(case: Case, now: Fosterfamilie) -> bool:
    """Whether the foster family an export names is not the case's but that of a home the
    child has left, or of one registered by mistake (same_home): an export made when the
    journal had them, not a disagreement about who the foster family is now."""
    return not same_home(case.fosterfamilie, now) and any(
        same_home(home, now) for home in _homes_left(case))


def of_a_home_left(case: Case, person: Person) -> bool:
    """Whether a foster parent an export names may be one of a home the child has left (or
    one registered by mistake), and may be none of the case's foster parents."""
    if not _person(person):
        return False
    return not any(_maybe_same(person, p) for p in case.fosterfamilie.fosterforeldre
                   if _person(p)) and any(_maybe_same(person, p)
                                          for home in _homes_left(case)
                                          for p in home.fosterforeldre if _person(p))


def at_a_home_left(case: Case, now: Fosterfamilie) -> bool:
    """Whether the address an export gives is clearly another than the case's foster
    home's, and that of a home the child has left (or one registered by mistake)."""
    return _elsewhere(case.fosterfamilie, now) and any(
        _street(home.adresse) and not _elsewhere(home, now) for home in _homes_left(case))


def moved(known: Case | None, merged: Case, today: date,
          incoming: Case | None = None) -> bool:
    """Whether the merged case changed here. A move seen now (none of the foster parents
    the case had may be among those the export names, and the home's address is clearly
    another: a name or an address written another way, or corrected, is no move) keeps
    the family left (TidligereFosterhjem, until `today`: the day of the export that first
    showed the move) and marks the new one as from then. Each time, the foster family's
    journal entries dated before the move are given to the family they were held with
    (split). An export (incoming) made before the current family's move, or on its day,
    that names none of them says nothing of them: the case keeps its foster family."""
    changed = False
    if known is not None and incoming is not None and _before_the_move(known, incoming):
        # An export made before the move (or the same day), read after it (delivered
        # late): it names the family the child left, who are not the new family.
        changed = merged.fosterfamilie != known.fosterfamilie
        merged.fosterfamilie = known.fosterfamilie.model_copy(deep=True)
    elif known is not None and _registered_by_mistake(known, merged):
        # The journal names the family the child came from again, and nothing was held
        # with the family it named in between: that home was registered by mistake and is
        # corrected. The family left is the foster family again, with what was held and
        # set with them; the other is no former home of the child's (kept apart: letters
        # sent to them are off, documents/sending.py).
        wrong = known.fosterfamilie
        home = merged.tidligere_fosterhjem.pop()
        merged.feilregistrert_fosterhjem.append(FeilregistrertFosterhjem(
            adresse=wrong.adresse, postnummer=wrong.postnummer, poststed=wrong.poststed,
            fosterforeldre=[p.model_copy() for p in wrong.fosterforeldre],
            fra=home.til, til=max(today, home.til)))
        merged.fosterfamilie.fra = merged.tidligere_fosterhjem[-1].til \
            if merged.tidligere_fosterhjem else None
        merged.samtaler += [s for s in home.samtaler if not any(
            s.identity == listed.identity for listed in merged.samtaler)]
        merged.vurderinger += [v for v in home.vurderinger if not any(
            (v.part, v.tema, v.forelder) == (listed.part, listed.tema, listed.forelder)
            for listed in merged.vurderinger)]
        changed = True
    elif known is not None:
        before, now = known.fosterfamilie, merged.fosterfamilie
        if another_home(before, now):
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


def _before_the_move(known: Case, incoming: Case) -> bool:
    """The export is dated before the current family's move, or on its day, and names
    other foster parents (those of the family the child left)."""
    came, made = known.fosterfamilie.fra, incoming.eksportert
    return came is not None and made is not None and made <= came \
        and _other_people(known.fosterfamilie, incoming.fosterfamilie)


def _registered_by_mistake(known: Case, merged: Case) -> bool:
    """The export names the foster family of the home the child came from in the last
    move (neither other people nor clearly another address than theirs), clearly not the
    family the case has, and no foster family conversation or assessment was held since
    that move, as the case had it or as the export has it: the move was a registration
    made by mistake. One held since was held with the family the case has: the child
    lived there, and the export is a move again."""
    came, now = known.fosterfamilie.fra, merged.fosterfamilie
    if came is None or not known.tidligere_fosterhjem \
            or known.tidligere_fosterhjem[-1].til != came:
        return False
    left = known.tidligere_fosterhjem[-1]
    held = [s.dato for case in (known, merged) for s in case.samtaler
            if s.part == "fosterfamilien" and s.status == "gjennomfort"] \
        + [v.dato for case in (known, merged) for v in case.vurderinger
           if v.part == "fosterfamilien"]
    return not _other_people(left, now) and not _elsewhere(left, now) \
        and _other_people(known.fosterfamilie, now) \
        and not any(day is not None and day >= came for day in held)


def corrected(case: Case) -> bool:
    """Whether the case's last change of foster home is a move registered by mistake and
    corrected (moved): the family registered in between came after the family it has now
    (a move seen since gives the family it has a later fra)."""
    if not case.feilregistrert_fosterhjem:
        return False
    came = case.fosterfamilie.fra
    return came is None or came < case.feilregistrert_fosterhjem[-1].fra


def _home_of(case: Case, day: date | None) -> TidligereFosterhjem | None:
    """The former home the foster family's entry of that day was held with, if any."""
    if day is None:
        return None
    return next((home for home in case.tidligere_fosterhjem if day < home.til), None)


def _by_home(case: Case, entries: list[_Held]) \
        -> tuple[list[_Held], list[tuple[TidligereFosterhjem, _Held]]]:
    """The entries that stay with the case, and the foster family's dated before the
    current family's move in, each with the former home it was held with."""
    stays: list[_Held] = []
    held: list[tuple[TidligereFosterhjem, _Held]] = []
    for entry in entries:
        home = _home_of(case, entry.dato) if entry.part == "fosterfamilien" else None
        if home is None:
            stays.append(entry)
        else:
            held.append((home, entry))
    return stays, held


def _left_with_them(case: Case, samtale: Samtale) -> bool:
    """A foster family conversation set with the family the child left for a day after the
    move, and still so in the journal: theirs, off. One the journal gives another day is the
    new one's."""
    return samtale.part == "fosterfamilien" and _home_of(case, samtale.dato) is None \
        and any((s.identity, s.dato) == (samtale.identity, samtale.dato)
                for earlier in case.tidligere_fosterhjem for s in earlier.samtaler)


def split(case: Case) -> bool:
    """The foster family's conversations and assessments dated before the current family's
    move in moved to the former home they were held with (an export lists them again, as
    the journal has them under the foster family), and those set with a former family for a
    day after the move left out (moved): whether any was."""
    if not case.tidligere_fosterhjem:
        return False
    samtaler = [s for s in case.samtaler if not _left_with_them(case, s)]
    changed = len(samtaler) != len(case.samtaler)
    case.samtaler, held = _by_home(case, samtaler)
    for home, samtale in held:
        home.samtaler = [s for s in home.samtaler if s.identity != samtale.identity] \
            + [samtale]
    case.vurderinger, assessed = _by_home(case, case.vurderinger)
    for home, vurdering in assessed:
        home.vurderinger = [v for v in home.vurderinger if v.tema != vurdering.tema] \
            + [vurdering]
    changed = changed or bool(held or assessed)
    off = {b.dato for home in case.tidligere_fosterhjem for b in home.besok or ()}
    visits = [b for b in case.oppfolgingsbesok
              if not (b.status == "planlagt" and b.dato in off)]
    if len(visits) != len(case.oppfolgingsbesok):
        # Set with the family the child left for the day of the move or after, and still
        # so in the journal: theirs, off. One the journal sets another day is the new one's.
        case.oppfolgingsbesok = visits
        changed = True
    return changed


def settle_visits(case: Case, kept: dict[int, date]) -> set[int]:
    """The follow-up visits planned with the family the child left for the day of the move
    or after are off, as their conversations are: each former home not yet settled (its
    besok None: a move seen by a release before this one too) keeps them, the journal's
    planned ones and those the plan kept (kept: visit number -> day), and the numbers of
    the plan's are returned, for the plan to leave out: their periods are planned anew,
    in the new home, from the day of the run (a visit planned there is not overdue, nor
    the new home's). Visits held before the move stay with the case: the child was
    visited in that part of the year, so they count for it (at least four a year: the
    statutory minimum is per year, not per foster home)."""
    dropped: set[int] = set()
    for home in case.tidligere_fosterhjem:
        if home.besok is not None:
            continue
        ahead = {number: day for number, day in kept.items()
                 if day >= home.til and number not in dropped}
        journal = [b.model_copy() for b in case.oppfolgingsbesok
                   if b.status == "planlagt" and b.dato >= home.til]
        home.besok = sorted(journal + [Besok(dato=day, status="planlagt")
                                       for day in ahead.values()
                                       if all(b.dato != day for b in journal)],
                            key=lambda b: b.dato)
        dropped |= set(ahead)
    split(case)
    return dropped



def former_home_on(case: Case, day: date | None) -> TidligereFosterhjem | None:
    """The foster home the child lived in on that day, when it was one they have left."""
    return _home_of(case, day)


def left_unheld(case: Case, status: str, day: date, today: date) -> bool:
    """A follow-up visit planned in a foster home the child has left since, its day passed
    without it being registered as held: not overdue (nobody is to visit a home the child
    no longer lives in), only not registered as held there."""
    return status == "planlagt" and day < today and _home_of(case, day) is not None
