"""Identity numbers: stdnum's mod-11 check, plus synthetic test numbers and the 2032 rule."""

import random
from datetime import date

import pytest
from stdnum.no import fodselsnummer

from omsorgspakke_docs.domain.idnumber import (
    birth_date,
    case_notes,
    check_digits,
    checksum_ok,
    hidden,
    is_synthetic,
    is_valid,
    problem,
)

from .conftest import canonical_case, docx_text, synthetic_fnr, xlsx_rows


def _nav(number: str) -> str:
    """The same person as a NAV synthetic number (month + 40), with fresh check digits."""
    first9 = number[:2] + f"{int(number[2:4]) - 40:02d}" + number[4:9]
    return first9 + check_digits(first9)


def _with_remainder(first9: str, remainder: int) -> str | None:
    """A number whose first check digit leaves this remainder (0-3 are allowed from 2032)."""
    weights = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    for k1 in range(10):
        total = sum(int(d) * w for d, w in zip(first9, weights, strict=True)) + k1
        k2 = fodselsnummer.calc_check_digit2(first9 + str(k1))
        if total % 11 == remainder and len(k2) == 1:
            return first9 + str(k1) + k2
    return None


def test_check_digits_agree_with_stdnum():
    number = synthetic_fnr(date(2015, 3, 12))
    assert check_digits(number[:9]) == number[9:]
    assert fodselsnummer.calc_check_digit1(number) == number[9]


def test_our_mod11_is_stdnums_for_every_kind_of_prefix():
    """idnumber.py computes the check digits itself (stdnum costs 8 MB a process to import):
    the same digits as stdnum's, or none where stdnum's first or second is 10."""
    rng = random.Random(11)
    for _ in range(20_000):
        first9 = f"{rng.randrange(10**9):09d}"
        k1 = fodselsnummer.calc_check_digit1(first9)
        k2 = fodselsnummer.calc_check_digit2(first9 + k1) if len(k1) == 1 else "10"
        expected = k1 + k2 if len(k1) == 1 and len(k2) == 1 else ""
        assert check_digits(first9) == expected, first9
        if expected:
            assert checksum_ok(first9 + expected)


@pytest.mark.parametrize("born", [date(2015, 3, 12), date(1986, 6, 2), date(2020, 2, 29)])
def test_skatteetaten_synthetic_numbers_are_valid_and_give_the_birth_date(born):
    number = synthetic_fnr(born)
    assert is_synthetic(number) and is_valid(number) and problem(number) is None
    assert birth_date(number) == born


def test_nav_synthetic_numbers_are_valid():
    number = _nav(synthetic_fnr(date(2017, 10, 5)))
    assert 40 < int(number[2:4]) < 53
    assert is_valid(number) and birth_date(number) == date(2017, 10, 5)


def test_d_numbers_add_four_to_the_first_digit():
    plain = synthetic_fnr(date(2012, 12, 1))
    first9 = str(int(plain[0]) + 4) + plain[1:9]
    d_number = first9 + check_digits(first9)
    assert birth_date(d_number) == date(2012, 12, 1) and is_valid(d_number)


def test_a_wrong_check_digit_is_a_problem_named_without_the_number():
    number = synthetic_fnr(date(2015, 3, 12))
    wrong = number[:10] + str((int(number[10]) + 1) % 10)
    assert not is_valid(wrong)
    message = problem(wrong)
    assert "Kontrollsifrene" in message and wrong not in message


@pytest.mark.parametrize("remainder", [1, 2, 3])
def test_check_digits_allowed_from_2032_are_accepted(remainder):
    first9s = (f"308719{individual}" for individual in range(600, 700))
    number = next(n for f in first9s if (n := _with_remainder(f, remainder)))
    assert checksum_ok(number) and is_valid(number) and birth_date(number) == date(2019, 7, 30)


def test_a_first_check_digit_outside_the_2032_range_is_still_wrong():
    first9 = synthetic_fnr(date(2019, 7, 30))[:9]
    wrong = [n for r in range(4, 11) if (n := _with_remainder(first9, r))]
    assert wrong and not any(checksum_ok(n) for n in wrong)


@pytest.mark.parametrize("number, expected", [
    ("1234567890", "11 siffer"),
    ("12a45678901", "11 siffer"),
    ("32130012345", "gyldig dato"),
])
def test_malformed_numbers(number, expected):
    assert expected in problem(number) and not is_valid(number)


def test_no_number_is_no_problem_but_not_valid_either():
    assert problem(None) is None and problem("") is None
    assert not is_valid(None) and not is_valid("")


def test_case_notes_tell_the_caseworker_what_to_check():
    number = synthetic_fnr(date(2015, 3, 12))
    assert case_notes(number) == []
    (note,) = case_notes(number[:10] + str((int(number[10]) + 1) % 10))
    assert note.startswith("Sjekk barnets fødselsnummer") and number[:6] not in note


def test_an_invalid_number_flags_the_case_in_the_documents_and_the_summary(workspace):
    bad = canonical_case()
    number = bad["barn"]["fodselsnummer"]
    bad["barn"]["fodselsnummer"] = number[:10] + str((int(number[10]) + 1) % 10)
    workspace.drop("sak.json", bad)
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases == 1
    (flag,) = summary.flagged
    assert flag["sak"].startswith("sak-") and "Kontrollsifrene" in flag["grunn"]
    assert summary.as_json()["flagged"] == [flag]
    plan = docx_text(workspace.case_folder(bad["journalnummer"]) / "01 Oppfølgingsplan.docx")
    assert "Sjekk barnets fødselsnummer" in plan


def test_a_valid_number_raises_no_flag(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().flagged == []


def test_a_birth_date_the_number_does_not_hold_is_flagged_everywhere(workspace):
    """The registered birth date decides which letters the child gets (Barn.fodt); a number
    that says another day is said to the caseworker, the team leader and the run's summary,
    never with the number or the dates (helper 88)."""
    case = canonical_case()
    case["barn"]["fodselsnummer"] = synthetic_fnr(date(2015, 3, 14))
    case["barn"]["fodselsdato"] = "2012-03-14"
    workspace.drop("sak.json", case)
    summary = workspace.run()
    assert summary.files_failed == 0
    (flag,) = summary.flagged
    assert flag["grunn"] == ("Fødselsdatoen som er registrert, er en annen enn datoen i "
                             "fødselsnummeret.")
    folder = workspace.case_folder(case["journalnummer"])
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert ("Sjekk barnets fødselsdato og fødselsnummer: Fødselsdatoen som er registrert, er "
            "en annen enn datoen i fødselsnummeret.") in plan
    assert "14. mars 2012" in plan  # the registered date is the one the documents use
    rows = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
    (row,) = [r for r in rows if str(r[2]).startswith("Rett barnets fødselsdato eller")]
    assert "bruker dokumentene den registrerte fødselsdatoen" in row[2]
    assert row[5] == "Mangler opplysninger"
    kinds = [r[0] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Statistikk")]
    assert "Fødselsdatoen stemmer ikke med fødselsnummeret" in kinds


def test_a_birth_date_the_number_holds_is_no_flag():
    number = synthetic_fnr(date(2015, 3, 14))
    assert problem(number, born=date(2015, 3, 14)) is None
    assert problem(number, born=date(2015, 3, 15)) is not None
    assert case_notes(number, born=None) == []
    # A D-number's date may be one an age assessment has since changed: not compared.
    d_number = next(n + d for i in range(500, 700)
                    if (d := check_digits(n := f"54{83}15{i:03d}")))  # 14.03.2015 + 40
    assert problem(d_number) is None and birth_date(d_number) == date(2015, 3, 14)
    assert problem(d_number, born=date(2015, 3, 15)) is None


def test_a_corrected_number_from_an_export_without_a_birth_date_takes_its_own_date(workspace):
    """The journal corrected the child's number; the next export (a report with the number
    only) must not leave the old number's birth date beside it, flagged (helper 90)."""
    first = canonical_case()  # number and birth date agree
    workspace.drop("sak.json", first)
    assert not workspace.run().flagged
    corrected = canonical_case(eksportert="2026-11-21")
    corrected["barn"] = {k: v for k, v in corrected["barn"].items() if k != "fodselsdato"}
    corrected["barn"]["fodselsnummer"] = synthetic_fnr(date(2015, 4, 2))
    workspace.drop("rettet.json", corrected)
    summary = workspace.run(date(2026, 11, 23))
    assert summary.files_failed == 0 and not summary.flagged
    plan = docx_text(workspace.case_folder(first["journalnummer"]) / "01 Oppfølgingsplan.docx")
    assert "2. april 2015" in plan and "Sjekk barnets" not in plan


@pytest.mark.parametrize("written", [
    "14831450089", "148314 50089", "148314-50089", "148314\u00a050089",  # 6 + 5
    "148314 500 89",  # the birth date, the individual number, the check digits
    "14.83.14 50089", "14 83 14 50089", "14-83-14 50089", "14.83.14-50089",  # dd.mm.åå + 5
    "148314/50089", "148314_50089", "14/83/14 50089",  # a slash or an underscore (helper 129)
])
def test_an_identity_number_as_people_group_it_is_hidden(written):
    """A plugin's message or a file's name quoted in a .feil.txt note: the number grouped by
    its parts, as people type it, was left in the note when not written 6 + 5."""
    assert hidden(f"Saken til {written} mangler journalnummer.") == (
        "Saken til [fnr] mangler journalnummer.")


@pytest.mark.parametrize("written", [
    "15.06.1995", "15.06.95", "15.06.1995 12345",  # a date, with a four-digit year
    "2026/12345", "2026-0412", "BV-2023-00017",  # journal numbers
    "90044501", "900 44 501", "22 33 44 55", "+47 900 44 501",  # phone numbers
    "kr 12 345 678", "12 345 678 901",  # amounts
    "1234 56 78901", "1234.56.78901",  # an account number
    "1506 9512345", "148314500890", "14.83.14 500890",  # no identity number's groups
])
def test_what_only_looks_like_an_identity_number_is_kept(written):
    assert hidden(f"Se {written} i saken.") == f"Se {written} i saken."
