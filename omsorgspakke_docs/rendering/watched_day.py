"""Today's date, watched: which questions a case's documents asked of it.

Documents depend on the day of the run only through questions like "is this conversation
before today?" (an overdue status, an invitation no longer made, one now due) and the
child's age. A WatchedDay is the day of the run that records every comparison with another
date and every age asked of it, with the answer. The next day, the same case with the same
data makes the same documents exactly when every recorded question gets the same answer:
store/incremental.py then passes the case over without making its documents at all.

Any other use of the day as a value (its year, arithmetic, formatting, hashing) is recorded
as `raw`: the answers then prove nothing and the case is made as usual. C code that reads a
date's fields directly (datetime.combine, say) is not seen: give it `plain(day)`, which
counts as raw use.
"""

from __future__ import annotations

import operator
from datetime import date, datetime

_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
            "==": operator.eq, "!=": operator.ne}


class WatchedDay(date):
    questions: set[tuple[str, int, object]]
    raw: bool

    def __new__(cls, day: date) -> WatchedDay:
        self = super().__new__(cls, day.year, day.month, day.day)
        self.questions, self.raw = set(), False
        return self

    def _asked(self, op: str, other, answer):
        if isinstance(other, date) and not isinstance(other, datetime) and (
                answer is not NotImplemented):
            self.questions.add((op, date.toordinal(other), bool(answer)))
        return answer

    def __lt__(self, other):
        return self._asked("<", other, date.__lt__(self, other))

    def __le__(self, other):
        return self._asked("<=", other, date.__le__(self, other))

    def __gt__(self, other):
        return self._asked(">", other, date.__gt__(self, other))

    def __ge__(self, other):
        return self._asked(">=", other, date.__ge__(self, other))

    def __eq__(self, other):
        return self._asked("==", other, date.__eq__(self, other))

    def __ne__(self, other):
        return self._asked("!=", other, date.__ne__(self, other))

    def age(self, born: date) -> int:
        """Whole years since born, on this day."""
        value = _age(born, _plain(self))
        self.questions.add(("age", date.toordinal(born), value))
        return value

    def answers(self) -> list | None:
        """The questions asked with their answers, or None after a raw use."""
        return None if self.raw else sorted(self.questions, key=repr)


def same_answers(questions: list | None, day: date) -> bool:
    """Whether day answers every recorded question as before."""
    if questions is None:
        return False
    for op, ordinal, answer in questions:
        other = date.fromordinal(ordinal)
        now = _age(other, day) if op == "age" else _COMPARE[op](day, other)
        if now != answer:
            return False
    return True


def answered_alike(questions: list | None, day: date) -> tuple[int, int] | None:
    """The days (ordinals, from the first to before the second) that answer every recorded
    question as day does, or None after a raw use. A comparison with a date changes its
    answer only at that date (or the day after it), an age only at a birthday; a record
    kept with this range needs no questions to be asked again within it."""
    if questions is None:
        return None
    t = date.toordinal(day)
    low, high = -(10 ** 9), 10 ** 9
    for op, ordinal, _ in questions:
        if op == "age":
            changes = _birthdays(date.fromordinal(ordinal), day.year)
        elif op in ("<", ">="):
            changes = [ordinal]
        elif op in ("<=", ">"):
            changes = [ordinal + 1]
        else:  # == and != change at the date and the day after it
            changes = [ordinal, ordinal + 1]
        for change in changes:
            if change <= t:
                low = max(low, change)
            else:
                high = min(high, change)
    return low, high


def _birthdays(born: date, year: int) -> list[int]:
    """The days an age asked changes around year: the first day with the birthday's month
    and day or later (1 March for a 29 February in other years)."""
    days = []
    for y in (year - 1, year, year + 1):
        try:
            days.append(date(y, born.month, born.day).toordinal())
        except ValueError:
            days.append(date(y, 3, 1).toordinal())
    return days


def plain(day: date) -> date:
    """The day as an ordinary date (a raw use of a watched one)."""
    if isinstance(day, WatchedDay):
        day.raw = True
    return _plain(day)


def _plain(day: date) -> date:
    return date.fromordinal(date.toordinal(day))


def unwatched(day: date) -> date:
    """The day as an ordinary date, not counted as a use: only for a value every document
    replaces before it is shown (the base context's `dato`)."""
    return _plain(day)


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _raw(name: str):
    original = getattr(date, name)

    def used(self, *args, **kwargs):
        self.raw = True
        return original(_plain(self), *args, **kwargs)
    used.__name__ = name
    return used


def _raw_property(name: str):
    original = getattr(date, name)

    def used(self):
        self.raw = True
        return original.__get__(self)
    return property(used)


for _name in ("__add__", "__radd__", "__sub__", "__rsub__", "__hash__", "__str__", "__repr__",
              "__format__", "__reduce__", "__reduce_ex__", "isoformat", "strftime", "timetuple",
              "toordinal", "weekday", "isoweekday", "isocalendar", "replace", "ctime"):
    setattr(WatchedDay, _name, _raw(_name))
for _name in ("year", "month", "day"):
    setattr(WatchedDay, _name, _raw_property(_name))
