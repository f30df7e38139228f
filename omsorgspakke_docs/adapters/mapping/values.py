"""Turn one raw value from an export into the canonical field's type.

Values from journal exports are text in Norwegian conventions (`31.12.2026`, `Ja`/`Nei`),
or, from Excel, dates and numbers. A value map from the mapping file is applied first (the
vendor's placement type to our category code); then the value becomes a date, a yes/no, a
number, a code from the field's code list, or text. A value that cannot be converted is a
ValueProblem whose message names the field, never the value: values are personal data.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .paths import Target, allowed_values

DEFAULT_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
YES_NO = {
    **dict.fromkeys(("ja", "j", "yes", "y", "true", "sann", "1", "x"), True),
    **dict.fromkeys(("nei", "n", "no", "false", "usann", "0"), False),
}
BUILT_IN_MAPS = {"ja_nei": YES_NO}
PADDED = {"kommunenummer": 4, "postnummer": 4, "fodselsnummer": 11}
"""Digits Excel may have stripped leading zeros from."""


class ValueProblem(ValueError):
    """A value that does not fit its field; the message is Norwegian and quotes no data."""


def key(value: Any) -> str:
    """How values and column names are compared: case and spacing do not matter."""
    return " ".join(str(value).split()).casefold()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def convert(raw: Any, target: Target, values: dict | None, date_formats) -> Any:
    if is_empty(raw):
        return None
    if values is not None:
        raw = lookup(values, raw)
    return to_kind(raw, target, date_formats)


def lookup(values: dict, raw: Any) -> Any:
    found = {key(k): v for k, v in values.items()}.get(key(raw))
    if found is None:
        raise ValueProblem("verdien står ikke i verdilisten. Legg den til i mappingfilen.")
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
    for fmt in formats or DEFAULT_DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    example = date(2026, 12, 31).strftime((formats or DEFAULT_DATE_FORMATS)[0])
    raise ValueProblem(f"datoen kan ikke leses (forventet for eksempel {example}).")


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    found = YES_NO.get(key(value))
    if found is None:
        raise ValueProblem("verdien er verken ja eller nei. Bruk en verdiliste i mappingfilen.")
    return found


def to_int(value: Any) -> int:
    try:
        return int(str(value).strip()) if not isinstance(value, float) else int(value)
    except ValueError:
        raise ValueProblem("verdien er ikke et heltall.") from None


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
