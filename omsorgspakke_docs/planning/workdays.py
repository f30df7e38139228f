"""Working days in Norway: weekends and public holidays (helligdager) are not working days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..text import tekst

OSLO = ZoneInfo("Europe/Oslo")
"""The office's time zone: the day a time (a file's, a save's) falls on in Norway."""

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)
"""Month names, the same in bokmål and nynorsk: for reading dates people wrote."""


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Norway's public holidays (helligdager, and 1 and 17 May): the fixed days and those
    that follow Easter. tests/test_schedule.py holds them to the holidays library's list,
    which this module once imported: some 9 MB in each of a run's processes for twelve
    days a year."""
    e = easter(year)
    fixed = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 17), date(year, 12, 25),
             date(year, 12, 26)}
    # Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension, Whit Sunday, Monday
    return frozenset(fixed | {e + timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50)})


@lru_cache(maxsize=64)
def easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


CHRISTMAS = "jul og nyttår (24. desember–1. januar)"
EASTER_WEEK = "påskeuka (mandag–onsdag før skjærtorsdag)"


class WorkCalendar:
    """Days the office plans meetings on: not weekends, public holidays, extra closed days,
    nor the closed periods a municipality keeps (Christmas, Easter week, summer weeks)."""

    def __init__(self, extra_closed: frozenset[date] = frozenset(), *, christmas: bool = False,
                 easter_week: bool = False, summer_weeks: tuple[int, ...] = ()):
        self.extra_closed = extra_closed
        self.christmas = christmas
        self.easter_week = easter_week
        self.summer_weeks = frozenset(summer_weeks)
        self._working: dict[date, bool] = {}
        """is_working_day's answers: the planner asks about the same days case after case."""

    @classmethod
    def from_settings(cls, schedule) -> WorkCalendar:
        """The calendar of the [schedule] settings (config.Schedule): one for the same
        settings, its answers shared by every case planned with them."""
        return _calendar(tuple(schedule.extra_closed_days), schedule.closed_christmas,
                         schedule.closed_easter_week, tuple(schedule.summer_weeks))

    def closed_period(self, day: date) -> str | None:
        """The closed period this day falls in, in Norwegian, or None."""
        if self.christmas and ((day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)):
            return CHRISTMAS
        if self.easter_week and 4 <= (easter(day.year) - day).days <= 6:
            return EASTER_WEEK
        week = day.isocalendar().week
        if 6 <= day.month <= 8 and week in self.summer_weeks:
            weeks = sorted(self.summer_weeks)
            return f"sommerferien (uke {weeks[0]}–{weeks[-1]})" if len(weeks) > 1 else (
                f"sommerferien (uke {weeks[0]})")
        return None

    def is_working_day(self, day: date) -> bool:
        found = self._working.get(day)
        if found is None:
            found = self._working[day] = (
                day.weekday() < 5
                and day not in public_holidays(day.year)
                and day not in self.extra_closed
                and self.closed_period(day) is None
            )
        return found

    def on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def on_or_before(self, day: date) -> date:
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        day = self.on_or_after(day)
        for _ in range(count):
            day = self.on_or_after(day + timedelta(days=1))
        return day


LETTER_DAYS = WorkCalendar()
"""Days a letter is dated and sent: not weekends or public holidays."""


def letter_day(day: date, days_before: int) -> date:
    """The day letters for a meeting on day are made and dated: days_before ([documents]
    invitation_days_before) ahead of it, or the working day before that, so that a daily
    run never dates a letter on a Saturday, a Sunday or a public holiday."""
    return LETTER_DAYS.on_or_before(day - timedelta(days=days_before))


@lru_cache(maxsize=16)
def _calendar(extra_closed: tuple[str, ...], christmas: bool, easter_week: bool,
              summer_weeks: tuple[int, ...]) -> WorkCalendar:
    return WorkCalendar(frozenset(date.fromisoformat(d) for d in extra_closed),
                        christmas=christmas, easter_week=easter_week, summer_weeks=summer_weeks)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def norsk_dato(day: date | None, malform: str = "bokmal") -> str:
    """22. november 2026, in bokmål or nynorsk (text/__init__.py)."""
    return tekst(malform).dato(day)


def norsk_dato_med_ukedag(day: date | None, malform: str = "bokmal") -> str:
    """søndag 22. november 2026; in nynorsk tysdag 24. november 2026."""
    return tekst(malform).dato_med_ukedag(day)


def kort_dato(day: date | None) -> str:
    """22.11.2026"""
    return day.strftime("%d.%m.%Y") if day else ""
