"""Norwegian identity numbers: fødselsnummer, D-numbers and the synthetic test numbers.

Synthetic numbers from the test registers add 40 (NAV) or 80 (Skatteetaten) to the month;
every example and test uses them, so no real person's number appears in the project.

The check digits are the published mod-11 ones (weights W1 and W2; tests/test_idnumber.py
holds them to python-stdnum's for many numbers). This module once called python-stdnum for
them, but importing it brings ssl and pydoc, some 8 MB in each of a run's processes, for
two weighted sums. Added to the classic rules: Skatteetaten's synthetic numbers (month + 80),
and from 2032 a first check digit that may be any of the values leaving a remainder of 0,
1, 2 or 3 (Skatteetaten, "Nytt fødselsnummer fra 2032"); the second is computed as before.
"""

from __future__ import annotations

import re
from datetime import date

from ..text import Tekst, tekst

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
"""Weights of the first nine digits for the first check digit."""
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
"""Weights of the first ten digits (the first check digit included) for the second."""
FROM_2032_REMAINDERS = range(4)


_GAP = r"[ \u00a0/_-]"  # a space, a no-break space (Word puts one in), a hyphen, a slash or
# an underscore (150695/12345, 150695_12345: helper 129)
IN_TEXT = re.compile(
    r"(?<!\d)(?:"
    rf"\d{{6}}{_GAP}?\d{{5}}"  # 15069512345, 150695 12345, 150695-12345
    rf"|\d{{6}}{_GAP}\d{{3}}{_GAP}\d{{2}}"  # 150695 123 45: individual number, check digits
    rf"|\d{{2}}([ ./-])\d{{2}}\1\d{{2}}{_GAP}\d{{5}}"  # 15.06.95 12345, 15/06/95 12345
    r")(?!\d)")
"""What may be an identity number in a text we did not write (a plugin's message, a file's
name): eleven digits not part of a longer number, whole or grouped as people write them,
by the number's own parts: the birth date (ddmmåå, or dd.mm.åå, dd mm åå, dd-mm-åå) and the
five-digit personnummer, or that split into the individual number and the check digits.
Not a date alone (15.06.1995, 15.06.95), a date with a four-digit year and a number after
it, a journal number (2026/12345), a phone number (8 digits, however grouped), an account
number (1234 56 78901) or an amount (12 345 678): those have other groups. A grouping
with no part of the number in it (1506 9512345) is no way to write one."""


def hidden(text: str) -> str:
    """The text with whatever may be an identity number in it as «[fnr]»: for a note or a
    line that quotes what someone else wrote."""
    return IN_TEXT.sub("[fnr]", text)


def _mod11(digits: str, weights: tuple[int, ...]) -> str:
    """The check digit that makes the weighted sum a multiple of 11; "10" when none can."""
    return str(-sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11)


def check_digits(first9: str) -> str:
    """The two classic mod-11 check digits, or '' when the number cannot have valid ones."""
    k1 = _mod11(first9[:9], W1)
    if len(k1) > 1:
        return ""
    k2 = _mod11(first9[:9] + k1, W2)
    return "" if len(k2) > 1 else k1 + k2


def checksum_ok(number: str) -> bool:
    """True when the check digits are valid, the classic way or the way allowed from 2032."""
    if check_digits(number[:9]) == number[9:]:
        return True
    weighted = sum(int(d) * w for d, w in zip(number, (*W1, 1), strict=False))
    return (
        weighted % 11 in FROM_2032_REMAINDERS
        and _mod11(number[:10], W2) == number[10]
    )


def birth_date(number: str) -> date | None:
    """The birth date a number encodes (D-number, synthetic and H-number offsets removed)."""
    if len(number) != 11 or not number.isdigit():
        return None
    day, month, yy = int(number[:2]), int(number[2:4]), int(number[4:6])
    individual = int(number[6:9])
    if day > 40:
        day -= 40  # D-number
    if month > 80:
        month -= 80  # Skatteetaten's synthetic numbers
    elif month > 40:
        month -= 40  # NAV's synthetic numbers (and H-numbers)
    if individual < 500:
        century = 1900
    elif individual < 750 and yy >= 54:
        century = 1800
    elif individual >= 900 and yy >= 40:
        century = 1900
    else:
        century = 2000
    try:
        return date(century + yy, month, day)
    except ValueError:
        return None


def is_synthetic(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and int(number[2:4]) > 40


def is_valid(number: str | None) -> bool:
    return bool(number) and problem(number) is None


def case_notes(number: str | None, t: Tekst | None = None,
               born: date | None = None) -> list[str]:
    """What the documents say about the child's number when it is not valid, or not the
    registered birth date's (never the number)."""
    t = t or tekst()
    kind = problem_kind(number, born)
    if kind is None:
        return []
    key = "sak.sjekk_fodselsdato" if kind == "fodselsdato" else "sak.sjekk_fodselsnummer"
    return [t(key, problem=t(f"fodselsnummer.{kind}"))]


def problem(number: str | None, t: Tekst | None = None,
            born: date | None = None) -> str | None:
    """A plain Norwegian description of what is wrong with the number, without quoting it."""
    kind = problem_kind(number, born)
    return None if kind is None else (t or tekst())(f"fodselsnummer.{kind}")


def problem_kind(number: str | None, born: date | None = None) -> str | None:
    """lengde, dato or kontroll: what is wrong with the number; fodselsdato: it is a valid
    fødselsnummer (not a D-number), and the birth date registered beside it (born) is
    another day (the documents go by the registered one: Barn.fodt). None when nothing
    is."""
    if not number:
        return None
    if len(number) != 11 or not number.isdigit():
        return "lengde"
    if birth_date(number) is None:
        return "dato"
    if not checksum_ok(number):
        return "kontroll"
    if born is not None and int(number[0]) < 4 and birth_date(number) != born:
        return "fodselsdato"  # not for a D-number: its date may be one an age assessment
        # has since changed in the register, with the number kept
    return None
