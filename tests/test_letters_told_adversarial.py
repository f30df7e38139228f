"""A first invitation's «… har fått ny kontaktperson» and «Samtalen … ble avlyst» tried
against what its reader was really sent (rendering/prepare.py NEW_CONTACT_FIRST_KEY,
CANCELLED_FIRST_KEY): the scenarios of test_letters_replaced_told, then the journal changes
again before the letters of 27 November are sent."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, docx_text
from .test_letters_replaced_told import (
    FIRST,
    LATER,
    SAID,
    THEME_1_MOTHER,
    THEME_3_FOSTER,
    _all_sent_then_changed,
    _doc,
    _exported_again,
    _rows,
)
from .test_sent_marks import _mark

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


def _both_cancelled() -> dict:
    """The export of 26 November with both parents taking part (they live apart): each
    parent's contact 2 held, the mother's contact 3 of 1 December and the father's of
    3 December cancelled."""
    case = canonical_case(eksportert="2026-11-26")
    case["samtaler"] = [*case["samtaler"], *({
        "part": "foreldre", "tema": 0, "nummer": number, "forelder": parent, "dato": day,
        "klokkeslett": "10:00", "status": status} for number, parent, day, status in (
            (2, 0, "2026-11-24", "gjennomfort"), (2, 1, "2026-11-26", "gjennomfort"),
            (3, 0, "2026-12-01", "avlyst"), (3, 1, "2026-12-03", "avlyst")))]
    return case


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Samtalen 1. desember 2026 ble avlyst. Den nye tiden er "),
    ("nynorsk", "Samtalen 1. desember 2026 vart avlyst. Den nye tida er "),
])
def test_parents_apart_only_the_one_sent_the_day_is_told_it_was_cancelled(workspace,
                                                                          malform, said):
    """Both parents' contact 3 cancelled, only the mother's letters of 23 November marked as
    sent: her first invitation for the new time says her day was cancelled; the father's,
    whose information letter giving him 3 December was never sent, is a plain invitation
    (nothing of his day nor of hers), also the next day."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("a.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(FIRST)
    _mark(workspace.outbox / sending.FILE_NAME, {
        d: FIRST for d, r in _rows(workspace).items()
        if r[3] is not None and not d.endswith(" - far.docx")})
    workspace.drop("b.json", _both_cancelled())
    for day in (LATER, date(2026, 11, 30)):
        workspace.run(day)
        contact_3 = "Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 3) - {}.docx"
        mother = docx_text(workspace.outbox / _doc(malform, contact_3.format("mor")))
        assert [line for line in mother.splitlines() if line.startswith(said)], mother[:1200]
        father = docx_text(workspace.outbox / _doc(malform, contact_3.format("far")))
        assert "avlyst" not in father, father[:1200]
        assert "1. desember 2026" not in father and "3. desember 2026" not in father
        assert _rows(workspace)[_doc(malform, contact_3.format("far"))][3] == datetime(
            2026, 11, 27)


def _same_person_new_number() -> dict:
    """The export of 26 November with Ingrid Bakke & Berg still the contact person, her
    phone number and title changed."""
    case = _exported_again()
    case["kontaktperson"] = {**canonical_case()["kontaktperson"], "telefon": "55 00 99 99",
                             "tittel": "Kontaktperson, seniorrådgiver"}
    return case


def _sent_then_a_new_number(workspace, malform: str) -> None:
    """The letters of 23 November, all marked as sent; then the export of 26 November with
    the same contact person's new phone number and title, run on 27 November."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("a.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(FIRST)
    _mark(workspace.outbox / sending.FILE_NAME, {
        d: FIRST for d, r in _rows(workspace).items() if r[3] is not None})
    workspace.drop("b.json", _same_person_new_number())
    workspace.run(LATER)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_contact_persons_new_number_is_no_new_contact_person(workspace, malform):
    """The contact person is the same, with a new phone number and title: the first
    invitations of 27 November give the new number and do not say the child has a new
    contact person («Sofie har fått ny kontaktperson hos oss, Ingrid Bakke & Berg» told the
    mother and the foster family of a change of person that never happened)."""
    _sent_then_a_new_number(workspace, malform)
    for rest in (THEME_1_MOTHER[malform], THEME_3_FOSTER[malform]):
        text = docx_text(workspace.outbox / _doc(malform, rest))
        assert "55 00 99 99" in text and FIRST_CONTACT in text
        assert "ny kontaktperson" not in text, text[:1500]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_sent_letter_issued_anew_for_a_new_number_tells_of_no_new_contact_person(
        workspace, malform):
    """Letters marked as sent on 23 November and issued anew because the same contact
    person's phone number and title changed say which letter they replace and give the new
    number, but not «… har fått ny kontaktperson hos oss, Ingrid Bakke & Berg»: the parent
    and the foster family know her already."""
    _sent_then_a_new_number(workspace, malform)
    replaced = {"bokmal": "erstatter brevet vårt fra", "nynorsk": "erstattar brevet vårt frå"}
    anew = [text for path in sorted(workspace.outbox.rglob("*.docx"))
            if replaced[malform] in (text := docx_text(path))]
    assert anew, "no letter marked as sent was issued anew"
    for text in anew:
        assert "55 00 99 99" in text and FIRST_CONTACT in text, text[:1500]
        assert "ny kontaktperson" not in text, text[:1500]
