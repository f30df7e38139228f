"""A first invitation's «… har fått ny kontaktperson» and «Samtalen … ble avlyst» tried
against what its reader was really sent (rendering/prepare.py NEW_CONTACT_FIRST_KEY,
CANCELLED_FIRST_KEY): the scenarios of test_letters_replaced_told, then the journal changes
again before the letters of 27 November are sent."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text
from .test_letters_replaced_told import (
    SAID,
    THEME_1_MOTHER,
    THEME_3_FOSTER,
    _all_sent_then_changed,
    _doc,
    _exported_again,
)

FIRST_CONTACT = "Ingrid Bakke & Berg"


def _back_to_the_first_contact_person() -> dict:
    """The export of 26 November exported again on 30 November with the contact person of
    23 November (Ingrid Bakke & Berg) back."""
    case = _exported_again()
    case["eksportert"] = "2026-11-30"
    case["kontaktperson"] = canonical_case()["kontaktperson"]
    return case


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_contact_person_changed_back_is_not_new_to_a_reader_who_knew_only_them(
        workspace, malform):
    """The mother's theme 1 and the foster family's theme 3, first invited on 27 November
    saying Mari Solheim is new, are not sent; the journal then has Ingrid Bakke & Berg back,
    the one every letter sent to them named. The invitations issued anew on 1 December name
    her and say nothing of a new contact person (they said «Sofie har fått ny kontaktperson
    hos oss, Ingrid Bakke & Berg» to readers who never had another name)."""
    _all_sent_then_changed(workspace, malform)
    for rest in (THEME_1_MOTHER[malform], THEME_3_FOSTER[malform]):
        assert SAID[malform]["first"] in docx_text(workspace.outbox / _doc(malform, rest))
    workspace.drop("c.json", _back_to_the_first_contact_person())
    workspace.run(date(2026, 12, 1))
    for rest in (THEME_1_MOTHER[malform], THEME_3_FOSTER[malform]):
        text = docx_text(workspace.outbox / _doc(malform, rest))
        assert FIRST_CONTACT in text and "Mari Solheim" not in text
        assert "ny kontaktperson" not in text, text[:1500]
        assert "1. desember 2026" in text  # issued anew that day
