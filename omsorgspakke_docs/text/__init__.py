"""Every sentence code puts into a document, note or workbook, in bokmål and in nynorsk.

One catalogue per written standard (målform): nb.toml and nn.toml beside this file, with the
same keys and the same {fields} (tests/test_nynorsk_text.py holds them to that). A case's
context (rendering/context.py) carries the catalogue of its municipality's standard, and every
document kind, note and workbook takes its words from it. Dates are written with the months
and weekdays below (MONTHS, WEEKDAYS), as CLDR's nb and nn locales: "tysdag 24. november
2026".
Code asks for a catalogue by målform, never for a language's words directly:

    t = tekst("nynorsk")
    t("status.forfalt")                      # "Over fristen"
    t.missing("namn på barnet")              # "[manglar: namn på barnet]"
    t.dato_med_ukedag(date(2026, 11, 24))    # "tysdag 24. november 2026"
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from ..wording import count

Malform = Literal["bokmal", "nynorsk"]
MALFORMER: tuple[Malform, ...] = ("bokmal", "nynorsk")
DEFAULT: Malform = "bokmal"
CODE = {"bokmal": "nb", "nynorsk": "nn"}
"""The two-letter language code: catalogue and template folder names, the dates' locale."""
LANGUAGE_TAG = {"bokmal": "nb-NO", "nynorsk": "nn-NO"}
"""The language property of documents and PDFs."""
NAME = {"bokmal": "bokmål", "nynorsk": "nynorsk"}
SAID = ("konsoll", "feilmelding", "fodselsnummer", "konsoll_sak")
"""The sections Tekst.said looks a staff line up in, in order: the console's own lines, a
file's reason (Tekst.note), a case's flag, and last "<sak>: <grunn>", which fits any line."""

FOLDER = Path(__file__).parent

MISSING_RE = re.compile(r"\[mangl(?:er|ar): ([^\]]+)\]")
"""A placeholder for what a case lacks, in either standard."""


def other(malform: str) -> Malform:
    return "nynorsk" if malform == "bokmal" else "bokmal"


class Tekst:
    """One standard's catalogue: look up by dotted key, fill in {fields}."""

    def __init__(self, malform: Malform, data: dict[str, Any]):
        self.malform = malform
        self.code = CODE[malform]
        self.language_tag = LANGUAGE_TAG[malform]
        self.data = data

    def __call__(self, key: str, **fields: Any) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise KeyError(key)
        return value.format(**fields) if fields else value

    def get(self, key: str) -> Any:
        value: Any = self.data
        for name in key.split("."):
            value = value[name]
        return value

    def table(self, key: str) -> dict[str, str]:
        """A whole section, e.g. the statuses: {"planlagt": "Planlagt", ...}."""
        return dict(self.get(key))

    def count(self, number: int, noun: str) -> str:
        """"1 mal", "3 malar": the number with the noun ([antall]) in the form it takes."""
        one, many = self.get(f"antall.{noun}")
        return count(number, one, many)

    def tall(self, number: int) -> str:
        """A number in running text: «to» to «ni» as words, the rest in digits ([tall])."""
        return self.table("tall").get(str(number), str(number))

    def laws(self, text: str) -> str:
        """A legal basis with the acts named in this standard: «barnevernsloven § 5-1» from a
        journal or an adapter reads «barnevernslova § 5-1» in a nynorsk document."""
        for bokmal, own in self.table("lov").items():
            text = text.replace(bokmal, own)
        return text

    def missing(self, label: str) -> str:
        """The visible placeholder for what a case lacks: [mangler: ...] / [manglar: ...]."""
        return self("plassholder.mangler", hva=label)

    def dato(self, day: date | None) -> str:
        """22. november 2026"""
        return _formatted(day, "d. MMMM y", self.code) if day else ""

    def dato_med_ukedag(self, day: date | None) -> str:
        """søndag 22. november 2026 / tysdag 24. november 2026"""
        return _formatted(day, "EEEE d. MMMM y", self.code) if day else ""

    def note(self, text: str, section: str = "feilmelding", nested: bool | str = False) -> str:
        """A message code wrote in bokmål where it found it (an InputError for a .feil.txt
        note: [feilmelding]; a planner's note or reason: [planmerknad]), in this standard when
        the section knows it; else as written. Each line is looked up on its own. nested: a
        {field} that is a message of the section's own (True) or of the section named is
        said whole (a message that quotes another)."""
        if self.malform == DEFAULT or not text:
            return text
        if "\n" in text:
            # Lines that are each a message of their own are said so (a reason's last field
            # would otherwise swallow the lines after it); else the text as one message.
            lines = [self._translate(line, section, nested=nested) if line else ""
                     for line in text.split("\n")]
            if all(line is not None for line in lines):
                return "\n".join(lines)  # type: ignore[arg-type]
            whole = self._translate(text, section, nested=nested)
            if whole is not None:
                return whole
            return "\n".join(self.note(line, section, nested) for line in text.split("\n"))
        found = self._translate(text, section, nested=nested)
        return text if found is None else found

    def said(self, text: str) -> str:
        """A line the program says to staff itself (a console warning, a reason in the
        summary at the end of a run), as code wrote it in bokmål: in this standard when
        [konsoll], [feilmelding], [fodselsnummer] or [konsoll_sak] (tried in that order)
        knows it, else as written. The {fields}
        of a [konsoll] line are looked up the same way (a warning quotes a file's reason)."""
        if self.malform == DEFAULT or not text:
            return text
        for section in SAID:
            if section == "feilmelding":  # a file's reason, whole (multi-line too)
                note = self.note(text)
                found = note if note != text else None
            else:
                found = self._translate(text, section, inner=self.said)
            if found is not None:
                return found
        return text

    def _translate(self, text: str, section: str,
                   inner: Callable[[str], str] | None = None,
                   nested: bool | str = False) -> str | None:
        ours = self.table(section)
        words = self.data.get(f"{section}_ord", {})
        theirs = tekst(DEFAULT).data.get(f"{section}_ord", {})
        for key, pattern in tekst(DEFAULT).table(section).items():
            found = _pattern(pattern).fullmatch(text)
            if found:
                fields = {}
                for name, value in found.groupdict().items():
                    if nested:  # a field that is a message of its own, whole
                        within = section if nested is True else nested
                        whole = self._translate(value, within, nested=nested)
                        if whole is not None:
                            fields[name] = whole
                            continue
                    for word, said in theirs.items():  # [<section>_ord]: words in a field
                        value = value.replace(said, words[word])
                    fields[name] = inner(value) if inner else value
                return ours[key].format(**fields)
        return None

    def join(self, items: list[str]) -> str:
        """'a, b og c'"""
        if not items:
            return ""
        return items[0] if len(items) == 1 else (
            ", ".join(items[:-1]) + f" {self('ord.og')} " + items[-1])


@cache
def tekst(malform: str = DEFAULT) -> Tekst:
    if malform not in CODE:
        raise ValueError(f"unknown målform {malform!r}")
    path = FOLDER / f"{CODE[malform]}.toml"
    return Tekst(malform, tomllib.loads(path.read_text(encoding="utf-8")))  # type: ignore[arg-type]


MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
"""The months, the same in bokmål and nynorsk."""
WEEKDAYS = {"nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
            "nn": ("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "søndag")}
"""Monday first, as CLDR's nb and nn have them (and babel had them, to the letter).

Two word lists, not a locale library: babel's import and its nb and nn data held some 7.5 MB
in every process (the reading one and each worker), for these nineteen words."""


def _formatted(day: date, pattern: str, locale: str) -> str:
    """A date in words ("d. MMMM y", or "EEEE d. MMMM y" with its weekday). A case's
    documents name the same few hundred days again and again (a workbook of 1,000 cases
    some 400,000 times): a plain date's words are kept. Anything else (the watched day of a
    run, a datetime) is worked out as it comes, so that its use is seen (its fields are read:
    rendering/watched_day.py)."""
    if type(day) is date:
        return _formatted_day(day.toordinal(), pattern, locale)
    return _words(day, pattern, locale)


@lru_cache(maxsize=8192)
def _formatted_day(ordinal: int, pattern: str, locale: str) -> str:
    return _words(date.fromordinal(ordinal), pattern, locale)


def _words(day: date, pattern: str, locale: str) -> str:
    text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    if pattern == "EEEE d. MMMM y":
        return f"{WEEKDAYS[locale][day.weekday()]} {text}"
    if pattern != "d. MMMM y":
        raise ValueError(f"unknown date pattern {pattern!r}")
    return text


@cache
def _pattern(text: str) -> re.Pattern[str]:
    """A catalogue text as a pattern: each {field} matches any text."""
    parts = re.split(r"\{(\w+)\}", text)
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                              for i, part in enumerate(parts)), re.S)


def keys_and_fields(data: dict[str, Any], prefix: str = "") -> dict[str, set[str]]:
    """Every key of a catalogue with the {fields} its text uses: both standards must agree."""
    out: dict[str, set[str]] = {}
    for key, value in data.items():
        where = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(keys_and_fields(value, where + "."))
        else:
            out[where] = {f for _, f, _, _ in string.Formatter().parse(str(value)) if f}
    return out


def catalogue_differences() -> list[str]:
    """What the two catalogues disagree on: a key in one only, or different {fields}."""
    nb, nn = (keys_and_fields(tekst(m).data) for m in MALFORMER)
    problems = [f"{k}: finnes bare i nb.toml" for k in nb.keys() - nn.keys()]
    problems += [f"{k}: finnes bare i nn.toml" for k in nn.keys() - nb.keys()]
    problems += [f"{k}: ulike felt, {sorted(nb[k])} i nb.toml og {sorted(nn[k])} i nn.toml"
                 for k in nb.keys() & nn.keys() if nb[k] != nn[k]]
    return sorted(problems)
