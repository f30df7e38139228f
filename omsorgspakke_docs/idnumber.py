"""Norwegian identity numbers: fødselsnummer, D-numbers and the synthetic test numbers.

Synthetic numbers from the test registers add 40 (NAV) or 80 (Skatteetaten) to the month;
every example and test uses them, so no real person's number appears in the project. From
2032 numbers may be issued whose check digits are not computed the old way; such a number is
accepted when its first check digit is any digit and only the date part is checked.
"""

from __future__ import annotations

from datetime import date

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def check_digits(first9: str) -> str:
    """The two mod-11 check digits, or '' when the number cannot have valid ones."""
    digits = [int(c) for c in first9]
    k1 = (11 - sum(a * b for a, b in zip(digits, W1, strict=True)) % 11) % 11
    if k1 == 10:
        return ""
    k2 = (11 - sum(a * b for a, b in zip([*digits, k1], W2, strict=True)) % 11) % 11
    return "" if k2 == 10 else f"{k1}{k2}"


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


def is_valid(number: str, *, issued_after_2032: bool = False) -> bool:
    if len(number) != 11 or not number.isdigit() or birth_date(number) is None:
        return False
    if issued_after_2032:
        return True
    return check_digits(number[:9]) == number[9:]


def problem(number: str | None) -> str | None:
    """A plain Norwegian description of what is wrong with the number, without quoting it."""
    if not number:
        return None
    if len(number) != 11 or not number.isdigit():
        return "Fødselsnummeret har ikke 11 siffer."
    if birth_date(number) is None:
        return "Fødselsnummeret inneholder ikke en gyldig dato."
    if check_digits(number[:9]) != number[9:]:
        return "Kontrollsifrene i fødselsnummeret stemmer ikke."
    return None
