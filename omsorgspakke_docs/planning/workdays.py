"""Working days in Norway: weekends and public holidays (helligdager) are not working days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from ..text import tekst

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)
"""Month names, the same in bokmål and nynorsk: for reading dates people wrote."""


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    # include_sundays=False: holidays lists every Sunday as a Norwegian holiday by default.
    return frozenset(holidays.country_holidays("NO", years=year, include_sundays=False))


class WorkCalendar:
    def __init__(self, extra_closed: frozenset[date] = frozenset()):
        self.extra_closed = extra_closed

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in public_holidays(day.year)
            and day not in self.extra_closed
        )

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
    """22. november 2026 (babel's nb or nn locale, text/__init__.py)."""
    return tekst(malform).dato(day)


def norsk_dato_med_ukedag(day: date | None, malform: str = "bokmal") -> str:
    """søndag 22. november 2026; in nynorsk tysdag 24. november 2026."""
    return tekst(malform).dato_med_ukedag(day)


def kort_dato(day: date | None) -> str:
    """22.11.2026"""
    return day.strftime("%d.%m.%Y") if day else ""
