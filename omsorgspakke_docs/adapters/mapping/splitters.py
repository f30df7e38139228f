"""Splitters: one column that holds several fields, taken apart the same way every time.

A field in a mapping file says `deling = "..."` and the field it fills picks the part:

- `navn`: a full name. "Kari Østby" → fornavn "Kari", etternavn "Østby"; the last word is the
  surname, with particles before it ("Jan van der Berg" → "van der Berg"); "Østby, Kari"
  (surname first, with a comma) is read the other way round. Hyphens stay inside their word
  ("Anne-Lise Berg-Olsen").
- `adresse`: a Norwegian address with postcode and place. "Storgata 5; 4006 Stavanger" →
  adresse "Storgata 5", postnummer "4006", poststed "Stavanger". The four digits before the
  last words are the postcode; ";", "," or a line break may stand between street and postcode.
  Without a postcode the whole text is the street, and postcode and place stay missing.
- `person1`, `person2`: the first or second of two people in one column, joined by "&", "+"
  or "og". "Berit & Jon Lund" → Berit Lund and Jon Lund: a first part of one word (a
  hyphenated name counts as one) shares the surname of the last part; a first part of several
  words is a full name of its own ("Berit Hansen og Jon Lund"). "Lund, Berit & Jon" gives the
  surname first. A column with one person has no `person2`, so no second item is made.

Values are personal data: nothing here logs or quotes them.
"""

from __future__ import annotations

import re

PARTS = {
    "navn": ("fornavn", "etternavn"),
    "adresse": ("adresse", "postnummer", "poststed"),
    "person1": ("fornavn", "etternavn"),
    "person2": ("fornavn", "etternavn"),
}
"""Each splitter and the fields it can fill, by the field's last name in the path."""

PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "af", "al", "el",
             "bin", "ibn", "ter", "ten"}
ADDRESS = re.compile(r"^(?P<adresse>.*?)[\s,;]*\b(?P<postnummer>\d{4})\s+(?P<poststed>[^\d,;]+?)"
                     r"[\s,;.]*$", re.S)
JOINS = re.compile(r"\s*(?:&|\+|\bog\b)\s*", re.I)


def split(kind: str, value: str, part: str) -> str | None:
    """The part (a field name from PARTS[kind]) of value, or None where value has none."""
    text = " ".join(str(value).split())
    if kind == "adresse":
        return split_address(str(value)).get(part)
    if kind == "navn":
        people = [split_name(text)]
    else:
        people = split_people(text)
    index = 1 if kind == "person2" else 0
    if index >= len(people):
        return None
    return dict(zip(("fornavn", "etternavn"), people[index], strict=True)).get(part)


def split_name(text: str) -> tuple[str | None, str | None]:
    """(first names, surname) of one full name."""
    if "," in text:
        surname, _, first = text.partition(",")
        return _or_none(first), _or_none(surname)
    words = text.split()
    if len(words) <= 1:
        return _or_none(text), None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def split_people(text: str) -> list[tuple[str | None, str | None]]:
    """The people in "Berit & Jon Lund", "Berit Hansen og Jon Lund" or "Lund, Berit & Jon"."""
    surname_first = None
    if "," in text:
        surname_first, _, text = (t.strip() for t in text.partition(","))
    parts = [p for p in JOINS.split(text) if p.strip()]
    if not parts:
        return []
    if surname_first:
        return [(_or_none(p), _or_none(surname_first)) for p in parts]
    last_first, surname = split_name(parts[-1])
    people = []
    for part in parts[:-1]:
        first, own_surname = split_name(part)
        people.append((first, own_surname or surname))
    return [*people, (last_first, surname)]


def split_address(text: str) -> dict[str, str | None]:
    """{adresse, postnummer, poststed} of a Norwegian address in one column."""
    match = ADDRESS.match(text.strip())
    if not match:
        return {"adresse": _or_none(" ".join(text.split())), "postnummer": None, "poststed": None}
    found = {name: _or_none(" ".join(value.split())) for name, value in match.groupdict().items()}
    return found


def _or_none(text: str | None) -> str | None:
    text = (text or "").strip(" ,;")
    return text or None
