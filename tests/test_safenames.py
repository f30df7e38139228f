"""File and folder names: an allowlist, safe on Windows and shares, never personal data."""

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omsorgspakke_docs.store.safenames import (
    OWNER_MARKER,
    claim_case_folder,
    journal_folder_name,
    safe_name,
)

from .conftest import synthetic_fnr

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}


def windows_safe(name: str) -> bool:
    stem = name.split(".")[0].rstrip(" ").upper()
    return (
        0 < len(name) <= 100
        and not WINDOWS_FORBIDDEN & set(name)
        and not name.endswith((" ", "."))
        and stem not in RESERVED
        and name not in (".", "..")
        and unicodedata.is_normalized("NFC", name)
    )


@pytest.mark.parametrize("text", [
    "../../x", "..", ".", "CON", "con", "CON.txt", "CON .txt", "Nul", "COM1", "LPT9.docx",
    "navn. ", "navn...", " ", "", "a" * 300, "a/b\\c:d*e?f\"g<h>i|j", "tab\there", "æøå",
    "e\u0301", "\u202eexe.txt", "NUL\x00",
])
def test_hostile_names_become_windows_safe(text):
    assert windows_safe(safe_name(text))


def test_plain_names_are_kept_and_changed_ones_never_collide():
    assert safe_name("2026-0412") == "2026-0412"
    assert safe_name("Tema 1 - Min historie") == "Tema 1 - Min historie"
    assert safe_name("a/b") != safe_name("a_b") != safe_name("a:b")
    assert safe_name("CON") != safe_name("_CON")


def test_nfd_and_nfc_spellings_give_the_same_name():
    assert safe_name(unicodedata.normalize("NFD", "Blåbær")) == safe_name("Blåbær") == "Blåbær"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_windows_safe_name(text):
    assert windows_safe(safe_name(text))


@pytest.mark.parametrize("number", ["2026-0412", "22/1234", "BV-2023-00017", "2022-00004"])
def test_journal_numbers_name_their_folder(number):
    assert journal_folder_name(number) == safe_name(number)


@pytest.mark.parametrize("number", [
    synthetic_fnr(date(2015, 3, 9)), "Kari Nordmann", "Nordmann", "../../x", "CON", "", None,
    "sak 12", "x" * 41, f"BV-{synthetic_fnr(date(2015, 3, 9))}", "090315.12345",
    # Grouped by a journal system's separators (helper 129: these named the case's folder).
    "090315-12345", "090315_12345", "090315/12345", "09.03.15/12345",
])
def test_what_is_not_a_journal_number_gets_the_pseudonym(number):
    assert journal_folder_name(number) is None


def test_case_folders_stay_in_the_outbox_and_never_collide(tmp_path):
    outbox = tmp_path / "outbox"
    first = claim_case_folder(outbox, "2026-0412", "sak-aaaaaaaaaaaa")
    assert first == outbox / "2026-0412"
    assert (first / OWNER_MARKER).read_text(encoding="utf-8").strip() == "sak-aaaaaaaaaaaa"
    # The same case again: the same folder.
    assert claim_case_folder(outbox, "2026-0412", "sak-aaaaaaaaaaaa") == first
    # Another municipality's case with the same number, and one differing in letter case only.
    other = claim_case_folder(outbox, "2026-0412", "sak-bbbbbbbbbbbb")
    assert other == outbox / "2026-0412-sak-bbbbbbbbbbbb"
    upper = claim_case_folder(outbox, "bv-1", "sak-cccccccccccc")
    lower = claim_case_folder(outbox, "BV-1", "sak-dddddddddddd")
    assert upper.name.casefold() != lower.name.casefold()
    for number in ("../../x", "CON", "..", synthetic_fnr(date(2015, 3, 9))):
        folder = claim_case_folder(outbox, number, "sak-eeeeeeeeeeee")
        assert folder.parent == outbox and folder.name.startswith("sak-eeeeeeeeeeee")
    assert {p.parent for p in outbox.rglob("*")} <= {outbox, *outbox.iterdir()}


def test_a_folder_from_before_markers_is_adopted(tmp_path):
    (tmp_path / "2026-0412").mkdir()
    assert claim_case_folder(tmp_path, "2026-0412", "sak-aaaaaaaaaaaa") == tmp_path / "2026-0412"
