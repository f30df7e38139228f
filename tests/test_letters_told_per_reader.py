"""Who was told what, per reader: «Sofie har fått ny kontaktperson hos oss, …» in a reader's
first letter when the latest letter marked as sent to them named another contact person
(rendering/prepare.py NEW_CONTACT_FIRST_KEY), counted for every person a letter was
addressed to (store/issued.py READERS), and said by the joint meeting's first invitation
and the first information letter too, as by a first invitation to a conversation.

A letter to both foster parents («Kari Øvrebø og Jon Åge Øvrebø») is a letter to each: a
foster parent who has the letters alone later was told the old contact person by it. A
letter kept by a release before this one (no READERS) counts as it did: for the same two
only."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.store.issued import FOLDER, READERS

from .conftest import canonical_case, docx_text
from .test_letters_replaced_told import (
    FIRST,
    LATER,
    NEW_PERSON,
    SAID,
    THEME_3_FOSTER,
    _doc,
    _exported_again,
    _rows,
)
from .test_sent_marks import _mark

CASE = "2026-0412"
NEW_NUMBER = {**canonical_case()["kontaktperson"], "telefon": "55 00 99 99"}
"""The contact person of 23 November, Ingrid Bakke & Berg, with a new phone number."""


def _both_declined_then_the_mother_accepts(workspace, malform: str, contact: dict) -> None:
    """Every letter of the year made at once. On 23 November both parents have declined
    (each is sent a renewed offer, and there is no joint meeting); the foster family's
    invitations go out. All marked as sent. The export of 26 November has the mother
    accepting, and `contact` as the contact person: her information letter and the joint
    meeting's invitations are made for the first time on 27 November."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.whole_year()
    case = canonical_case(eksportert="2026-11-20")
    for parent in case["foreldre"]:
        parent["takker_ja"] = False
    workspace.drop("a.json", case)
    workspace.run(FIRST)
    rows = _rows(workspace)
    assert not [d for d in rows if "Felles møte" in d or "Informasjonsbrev" in d]
    _mark(workspace.outbox / sending.FILE_NAME,
          {d: FIRST for d, r in rows.items() if r[3] is not None})
    case = canonical_case(eksportert="2026-11-26", kontaktperson=contact)
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("b.json", case)
    workspace.run(LATER)


def _first_letters(malform: str) -> list[str]:
    """The mother's first information letter, and the joint meeting's first invitations to
    her and to the foster family."""
    meeting = "Felles møte/Felles møte - {}.docx"
    return [f"{CASE}/02 Informasjonsbrev til foreldre - mor.docx",
            _doc(malform, meeting.format("mor")), _doc(malform, meeting.format("fosterfamilien"))]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_joint_meetings_and_the_information_letters_first_issue_say_the_contact_is_new(
        workspace, malform):
    """The mother's renewed offer and the foster family's invitations, marked as sent, named
    Ingrid Bakke & Berg: the mother's first information letter and the joint meeting's first
    invitations to her and to the foster family say, once and in their own words, that the
    child has a new contact person, naming Mari Solheim, and replace no letter."""
    _both_declined_then_the_mother_accepts(workspace, malform, NEW_PERSON)
    rows = _rows(workspace)
    for letter in _first_letters(malform):
        lines = docx_text(workspace.outbox / letter).splitlines()
        assert SAID[malform]["first"] in lines, (letter, lines[:25])
        text = "\n".join(lines)
        assert text.count("ny kontaktperson") == 1
        assert "erstatter" not in text and "erstattar" not in text
        assert rows[letter][3] == datetime(2026, 11, 27)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_same_contact_persons_new_number_is_no_new_contact_person_there(workspace,
                                                                           malform):
    """The same, with Ingrid Bakke & Berg still the contact person and only her phone number
    changed: those first letters give the new number and say nothing of a new contact
    person."""
    _both_declined_then_the_mother_accepts(workspace, malform, NEW_NUMBER)
    for letter in _first_letters(malform):
        text = docx_text(workspace.outbox / letter)
        assert "55 00 99 99" in text and "Ingrid Bakke & Berg" in text, (letter, text[:1500])
        assert "ny kontaktperson" not in text, (letter, text[:1500])


def _one_foster_parent_left(case: dict) -> dict:
    """The case with Kari Øvrebø the only foster parent (Jon Åge Øvrebø moved out)."""
    case["fosterfamilie"]["fosterforeldre"] = case["fosterfamilie"]["fosterforeldre"][:1]
    return case


def _sent_to_the_foster_family(workspace, malform: str, before: dict, after: dict,
                               old_records: bool = False) -> None:
    """The export `before` made on 23 November, every letter marked as sent; then the export
    `after` (with Mari Solheim the contact person) read on 27 November. old_records: the
    letters of 23 November kept as a release before this one kept them, without READERS."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("a.json", before)
    workspace.run(FIRST)
    _mark(workspace.outbox / sending.FILE_NAME,
          {d: FIRST for d, r in _rows(workspace).items() if r[3] is not None})
    if old_records:
        (state,) = (workspace.state / FOLDER).glob("*.json")
        kept = json.loads(state.read_text(encoding="utf-8"))
        assert any(READERS in entry for entry in kept.values())
        for entry in kept.values():
            entry.pop(READERS, None)
        state.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
    workspace.drop("b.json", after)
    workspace.run(LATER)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_to_both_foster_parents_counts_for_the_one_who_stays(workspace, malform):
    """The foster family's theme 2 invitation of 23 November went to Kari Øvrebø and Jon Åge
    Øvrebø and named Ingrid Bakke & Berg; by 26 November Kari is the only foster parent and
    Mari Solheim the contact person. Kari's first invitation (theme 3) tells her that the
    child has a new contact person: the letter to both was a letter to her."""
    _sent_to_the_foster_family(workspace, malform, canonical_case(eksportert="2026-11-20"),
                               _one_foster_parent_left(_exported_again()))
    lines = docx_text(workspace.outbox / _doc(malform, THEME_3_FOSTER[malform])).splitlines()
    assert "Kari Øvrebø" in lines, lines[:12]
    assert SAID[malform]["first"] in lines, lines[:25]
    assert "\n".join(lines).count("ny kontaktperson") == 1


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_to_both_foster_parents_counts_for_the_one_who_had_letters_alone(workspace,
                                                                                 malform):
    """The other way: on 23 November Kari Øvrebø is the only foster parent, and her letters
    name Ingrid Bakke & Berg; by 26 November Jon Åge Øvrebø is a foster parent too and Mari
    Solheim the contact person. Their first invitation together (theme 3) tells them that the
    child has a new contact person: Kari knew the old one."""
    _sent_to_the_foster_family(
        workspace, malform, _one_foster_parent_left(canonical_case(eksportert="2026-11-20")),
        _exported_again())
    lines = docx_text(workspace.outbox / _doc(malform, THEME_3_FOSTER[malform])).splitlines()
    assert "Kari Øvrebø og Jon Åge Øvrebø" in lines, lines[:12]
    assert SAID[malform]["first"] in lines, lines[:25]


def test_a_letter_kept_by_the_release_before_counts_as_it_did(workspace):
    """The letters to both foster parents kept as the release before kept them (no READERS):
    they count for the same two only, as they did, so Kari's first invitation alone says
    nothing of a new contact person (as before this release); it names Mari Solheim."""
    _sent_to_the_foster_family(workspace, "bokmal", canonical_case(eksportert="2026-11-20"),
                               _one_foster_parent_left(_exported_again()), old_records=True)
    text = docx_text(workspace.outbox / _doc("bokmal", THEME_3_FOSTER["bokmal"]))
    assert "Mari Solheim" in text and "ny kontaktperson" not in text, text[:1500]
