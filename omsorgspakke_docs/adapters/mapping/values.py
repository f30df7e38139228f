"""Turn one raw value from an export into the canonical field's type.

Values from journal exports are text in Norwegian conventions (`31.12.2026`, `Ja`/`Nei`),
or, from Excel, dates and numbers. A value map from the mapping file is applied first (the
vendor's placement type to our category code); then the value becomes a date, a yes/no, a
number, a code from the field's code list, or text. A value that cannot be converted is a
ValueProblem whose message names the field, never the value: values are personal data.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from .paths import Target, allowed_values

DEFAULT_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
# Formats journal exports are seen to use: tried on a date that does not parse, to tell IT
# which one to add to `datoformater` (the format is named, never the value).
KNOWN_DATE_FORMATS = (
    "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%y", "%Y%m%d", "%d%m%Y",
    "%Y.%m.%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f",
)
YES_NO = {
    **dict.fromkeys(("ja", "j", "yes", "y", "true", "sann", "1", "x"), True),
    **dict.fromkeys(("nei", "n", "no", "false", "usann", "0"), False),
}


class Filled(dict):
    """The built-in value list `utfylt`: any value is true (a language column means an
    interpreter is needed); an empty cell says nothing."""


BUILT_IN_MAPS: dict[str, dict] = {"ja_nei": YES_NO, "utfylt": Filled({"(hva som helst)": True})}
NOT_FOSTER_HOME = "ikke fosterhjem"
"""Ours for a vendor's measure that is no foster home (an institution, a measure at home), in
the value list of plassering.kategori («ikkje fosterheim» in nynorsk says the same): the
record or element that has it fills no plassering field, and a case none of whose records
gives a foster-home category has no placement, so it is skipped («ingen aktiv
fosterhjemsplassering») instead of stopping the file (adapter.py). A report of all measures
has them next to foster homes."""
NOT_FOSTER_HOME_WORDS = frozenset({NOT_FOSTER_HOME, "ikkje fosterheim"})
KATEGORI = "plassering.kategori"
PADDED = {"kommunenummer": 4, "postnummer": 4, "fodselsnummer": 11}
"""Digits Excel may have stripped leading zeros from."""


class ValueProblem(ValueError):
    """A value that does not fit its field; the message is Norwegian and quotes no data."""


class DateProblem(ValueProblem):
    """A date in none of the mapping's formats. `seen_format` is the known format it is in
    when only one order of day and month reads it (None for 10/05/2026, which reads both
    ways); `readings` every known format (and its day/month swap) that reads it."""

    def __init__(self, message: str, seen_format: str | None,
                 readings: tuple[str, ...] = ()):
        super().__init__(message)
        self.seen_format = seen_format
        self.readings = readings


class ListProblem(ValueProblem):
    """A value missing from the field's value list."""


def key(value: Any) -> str:
    """How values and column names are compared: case and spacing do not matter."""
    return " ".join(str(value).split()).casefold()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def convert(raw: Any, target: Target, values: dict | None, date_formats) -> Any:
    if is_empty(raw):
        return None
    if values is not None:
        raw = lookup(values, raw, free_text=allowed_values(target.kind) is None
                     and target.kind is str)
        if not_foster_home(raw, target):
            return NOT_FOSTER_HOME
    return to_kind(raw, target, date_formats)


def not_foster_home(ours: Any, target: Target) -> bool:
    """Whether a value list's value says the measure is no foster home (NOT_FOSTER_HOME)."""
    return target.text == KATEGORI and isinstance(ours, str) and key(ours) in NOT_FOSTER_HOME_WORDS


def lookup(values: dict, raw: Any, free_text: bool = False) -> Any:
    """The value list's translation of raw. In a free-text field (a language, a role) a value
    the list lacks is kept as written: an unlisted language never stops a file."""
    if isinstance(values, Filled):
        return True
    found = {key(k): v for k, v in values.items()}.get(key(raw))
    if found is None:
        if free_text:
            return raw
        raise ListProblem("verdien står ikke i verdilisten. Legg den til i mappingfilen.")
    return found


def to_kind(value: Any, target: Target, date_formats) -> Any:
    kind = target.kind
    if kind is date:
        return to_date(value, date_formats)
    if kind is bool:
        return to_bool(value)
    if kind is int:
        return to_int(value)
    text = to_text(value, target.steps[-1].name)
    codes = allowed_values(kind)
    if codes is not None and text not in codes:
        raise ValueProblem(f"verdien er ikke en gyldig kode (gyldige: {', '.join(codes)}).")
    return text


def to_date(value: Any, formats) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_date(value, formats or DEFAULT_DATE_FORMATS)
    if parsed is not None:
        return parsed
    example = date(2026, 12, 31).strftime((formats or DEFAULT_DATE_FORMATS)[0])
    readings = known_readings(value)
    # A date that reads with the day first and with the month first (10/05/2026) is in no
    # one format: naming the first known would swap every date (helper 120).
    seen = readings[0] if readings and not both_orders(readings) else None
    # Shown to office staff as a date they would recognise; the format is for IT (advice).
    shape = date(2026, 12, 31).strftime(seen) if seen else None
    told = f" Den er skrevet på formen {shape}." if shape else ""
    raise DateProblem(f"datoen kan ikke leses (forventet for eksempel {example}).{told}", seen,
                      readings)


DAY_FIRST, MONTH_FIRST = "dag", "maaned"


def date_order(fmt: str) -> str | None:
    """Whether a format has the day before the month (DAY_FIRST), the month before the day
    (MONTH_FIRST), or neither (no day or month, or the year first: ISO is read one way, and
    is not suggested the other way round)."""
    return None if year_first(fmt) else day_month_order(fmt)


def day_month_order(fmt: str) -> str | None:
    """The order of day and month in a format wherever its year stands: "%Y/%d/%m" reads
    2026/09/01 day first (9 January), "%Y/%m/%d" month first (1 September). None without a
    day or a month. Formats that read a field's dates are compared within year_first."""
    day, month = fmt.find("%d"), fmt.find("%m")
    if day < 0 or month < 0:
        return None
    return DAY_FIRST if day < month else MONTH_FIRST


def year_first(fmt: str) -> bool:
    """Whether the year comes before the day and the month ("%Y-%m-%d")."""
    day, month = fmt.find("%d"), fmt.find("%m")
    year = max(fmt.find("%Y"), fmt.find("%y"))
    return day >= 0 and month >= 0 and 0 <= year < min(day, month)


def swapped(fmt: str) -> str:
    """The format with day and month changing places: "%d/%m/%Y" -> "%m/%d/%Y"."""
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def known_readings(value: Any) -> tuple[str, ...]:
    """The known formats, and their day/month swaps, that read the value."""
    found: list[str] = []
    for fmt in KNOWN_DATE_FORMATS:
        for candidate in (fmt, swapped(fmt)) if date_order(fmt) else (fmt,):
            if candidate not in found and parse_date(value, [candidate]):
                found.append(candidate)
    return tuple(found)


def both_orders(formats) -> bool:
    """Whether the formats read with the day first and with the month first."""
    orders = {date_order(f) for f in formats}
    return DAY_FIRST in orders and MONTH_FIRST in orders


def parse_date(value: Any, formats) -> date | None:
    for fmt in formats:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    return None


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    found = YES_NO.get(key(value))
    if found is None:
        raise ValueProblem("verdien er verken ja eller nei. Bruk en verdiliste i mappingfilen.")
    return found


_WHOLE = re.compile(r"^[+-]?\d+(?:[.,]0{1,2})?$")
"""A whole number as exports write it: «2», and from a column of decimals «2,0» (Norwegian)
or «2.00»; not «1.000», a thousand in Norwegian."""


def to_int(value: Any) -> int:
    if isinstance(value, float):  # from Excel: 2.0 is 2; 1.5 is no count (not cut to 1)
        if value.is_integer():
            return int(value)
    elif isinstance(value, int):
        return int(value)
    elif _WHOLE.fullmatch(str(value).strip()):
        return int(re.split(r"[.,]", str(value).strip())[0])
    raise ValueProblem("verdien er ikke et heltall.")


def to_text(value: Any, field_name: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (date, datetime)):
        value = value.isoformat()[:10]
    text = " ".join(str(value).split())
    width = PADDED.get(field_name)
    if width:
        text = text.replace(" ", "")
        if text.isdigit():
            text = text.zfill(width)
    return text
