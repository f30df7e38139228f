"""An information letter issued anew with other dates says which letter it replaces.

A parent who kept the letter of 22 November and gets a new one with other dates must know
which dates count: the new letter says, first and in bold, that the dates have changed since
the letter of that day and that its own dates apply now (as an invitation for a meeting moved
does, test_replaced_invitation.py). The first letter says nothing of the kind, nor does one
issued anew with the same dates (a conversation recorded as held), and the new letter goes on
saying the same on later days: it stays one letter, not issued again each day
(store/issued.py Issued.replaces, Document.dates).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from omsorgspakke_docs.documents.sending import FILE_NAME
from omsorgspakke_docs.store.issued import FOLDER, Issued, Showing

from .conftest import (
    TODAY,
    canonical_case,
    docx_text,
    mothers_next_conversation_cancelled,
    xlsx_rows,
)

CASE = "2026-0412"
MOVED_ON = date(2026, 11, 23)
SAID = {
    "bokmal": ("Det er endringer i datoene siden brevet vårt fra 22. november 2026. Dette "
               "brevet erstatter det, og det er datoene i dette brevet som gjelder nå."),
    "nynorsk": ("Det er endringar i datoane sidan brevet vårt frå 22. november 2026. Dette "
                "brevet erstattar det, og det er datoane i dette brevet som gjeld no."),
}
WORDS = ("endringer i datoene", "endringar i datoane")


def _letter(workspace, who: str):
    return workspace.case_folder(CASE) / f"02 Informasjonsbrev til foreldre - {who}.docx"


def _saying(path) -> list[str]:
    return [line for line in docx_text(path).splitlines() if line.startswith("Det er endring")]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_issued_anew_with_new_dates_says_it_replaces_the_first(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    workspace.run(TODAY)
    mother, father = _letter(workspace, "mor"), _letter(workspace, "far")
    first = docx_text(mother)
    assert _saying(mother) == [] and _saying(father) == []  # the first letters
    assert not any(words in first for words in WORDS)

    workspace.drop("sak2.json", mothers_next_conversation_cancelled())
    workspace.run(MOVED_ON)
    assert docx_text(mother) != first and "23. november 2026" in docx_text(mother)
    assert _saying(mother) == [SAID[malform]]
    assert _saying(father) == []  # his dates did not change: his letter is as it was

    # Later runs: the same letter, dated as issued, saying the same.
    made = mother.read_bytes()
    for day in (MOVED_ON + timedelta(days=1), MOVED_ON + timedelta(days=9)):
        workspace.run(day)
        assert _saying(mother) == [SAID[malform]], day
        assert mother.read_bytes() == made, day


def test_a_letter_issued_anew_for_a_conversation_held_does_not_say_it_replaces_one(workspace):
    """The journal records the mother's first conversation as held on its day: her letter is
    issued anew (it lists it as held), with the same dates to come: nothing replaced."""
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    mother = workspace.case_folder("2026-0999") / "02 Informasjonsbrev til foreldre - mor.docx"
    before = docx_text(mother)
    held = {**fresh, "eksportert": "2026-11-24", "samtaler": [
        {"part": "foreldre", "tema": 0, "nummer": 1, "forelder": 0, "dato": "2026-11-23",
         "status": "gjennomfort"}]}
    workspace.drop("sak2.json", held)
    workspace.run(date(2026, 11, 24))
    after = docx_text(mother)
    assert after != before and "24. november 2026" in after  # issued anew ...
    assert _saying(mother) == []  # ... replacing nothing


def _issued(folder, today: date) -> Issued:
    return Issued(folder, "sak-1", today)


def test_the_issue_kept_says_which_letter_other_dates_replace(tmp_path):
    """store/issued.py: the letter replaces the one issued before when one of its dates is
    another, or gone (not held); not when one was held since, nor for an issue kept by a
    release before this one (no dates kept): then from its next issue."""
    key, first, later = "02 Informasjonsbrev.docx", date(2026, 11, 22), date(2026, 12, 1)
    issued = _issued(tmp_path, first)
    dates = {"0.2": "a", "1.1": "b", "felles_mote": "c"}
    issued.issue(key, Showing("s1"), dates=dates)
    issued.save()
    again = _issued(tmp_path, later)
    assert again.replaces(key, "", dates) is None
    assert again.replaces(key, "", {**dates, "0.2": ""}) is None  # held since
    assert again.replaces(key, "", {**dates, "1.1": "x"}) == first  # moved
    assert again.replaces(key, "", {"0.2": "a", "1.1": "b"}) == first  # the meeting dropped
    assert again.replaces(key, "", {**dates, "2.1": "d"}) == first  # one given a date
    again.issue(key, Showing("s2"), dates={**dates, "1.1": "x"})
    again.save()
    # The next day, the same dates: it still replaces the letter of 22 November.
    third = _issued(tmp_path, later + timedelta(days=1))
    assert third.replaces(key, "", {**dates, "1.1": "x"}) == first
    # Kept by a release before this one (no dates): says nothing, keeps them from now.
    old = _issued(tmp_path / "old", later)
    old.issue(key, Showing("s1"))
    old.save()
    assert _issued(tmp_path / "old", later + timedelta(days=1)).replaces(
        key, "", dates) is None


UNKNOWN = {
    "bokmal": ("Dette brevet erstatter brevet vårt fra 22. november 2026, og det er datoene i "
               "dette brevet som gjelder nå."),
    "nynorsk": ("Dette brevet erstattar brevet vårt frå 22. november 2026, og det er datoane i "
                "dette brevet som gjeld no."),
}
ROW = {"bokmal": "Erstatter brevet av 22. november 2026.",
       "nynorsk": "Erstattar brevet av 22. november 2026."}


def _as_kept_before_dates(state) -> None:
    """The state as a release that kept no dates with a letter's issue left it (helper 188):
    no "dates" (nor "replaces") in the case's issued/ file."""
    for path in (state / FOLDER).glob("*.json"):
        kept = json.loads(path.read_text(encoding="utf-8"))
        for entry in kept.values():
            if isinstance(entry, dict):
                entry.pop("dates", None)
                entry.pop("replaces", None)
        path.write_text(json.dumps(kept), encoding="utf-8")


def _row_notes(workspace) -> dict[str, str]:
    rows = xlsx_rows(workspace.outbox / FILE_NAME, "Til utsending")
    return {str(r[2]).rsplit("/", 1)[-1]: r[6] or "" for r in rows
            if "/02 Informasjonsbrev" in str(r[2] or "")}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_after_an_upgrade_the_letter_issued_anew_says_which_letter_it_replaces(workspace,
                                                                               malform):
    """The letters of 22 November were issued by a release that kept no dates. The next
    export moves the mother's: her letter is issued anew, and whether its dates are other
    than those of the letter she has cannot be told (what was kept is a digest of the whole
    letter). It does not claim they changed, but says which letter it replaces and that its
    own dates apply, and its row in Til utsending says which letter it replaces. The
    father's, kept as issued, says nothing of the kind (helper 188: hers said nothing, and
    she held two letters with different dates)."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    workspace.run(TODAY)
    _as_kept_before_dates(workspace.state)
    mother, father = _letter(workspace, "mor"), _letter(workspace, "far")
    father_before = father.read_bytes()

    workspace.drop("sak2.json", mothers_next_conversation_cancelled())
    workspace.run(MOVED_ON)
    text = docx_text(mother)
    assert "23. november 2026" in text  # issued anew
    assert UNKNOWN[malform] in text.splitlines()
    assert not any(words in text for words in WORDS)  # no claim that the dates changed
    assert _saying(father) == [] and UNKNOWN[malform] not in docx_text(father)
    assert father.read_bytes() == father_before
    notes = _row_notes(workspace)
    assert notes[mother.name].endswith(ROW[malform]), notes
    assert ROW[malform] not in notes[father.name], notes

    # Later runs: the same letter, saying the same; its row too.
    made = mother.read_bytes()
    for day in (MOVED_ON + timedelta(days=1), MOVED_ON + timedelta(days=4)):
        workspace.run(day)
        assert mother.read_bytes() == made, day
        assert ROW[malform] in _row_notes(workspace)[mother.name], day


def test_an_issue_kept_without_dates_is_replaced_by_the_next_letter_issued_anew(tmp_path):
    """store/issued.py: an issue kept by a release that kept no dates is replaced by the
    letter issued anew on a later day, whatever changed (dates_unknown); not by one kept as
    issued, nor by one issued anew the same day. The next issue with the same dates says the
    same; one with other dates again replaces the letter issued after the upgrade."""
    key, first, later = "02 Informasjonsbrev.docx", date(2026, 11, 22), date(2026, 12, 1)
    old = _issued(tmp_path, first)
    old.issue(key, Showing("s1"))
    old.save()
    dates = {"0.2": "a", "1.1": "b"}
    again = _issued(tmp_path, later)
    assert again.replaces(key, "", dates) is None  # not issued yet: it may be kept
    assert again.replaces(key, "", dates, first) is None  # kept as issued
    assert again.replaces(key, "", dates, later) == first  # issued anew
    assert again.dates_unknown(key, dates, later)
    assert _issued(tmp_path, first).replaces(key, "", dates, first) is None  # the same day
    again.issue(key, Showing("s2"), dates=dates)
    again.save()
    third = _issued(tmp_path, later + timedelta(days=1))
    assert third.replaces(key, "", dates) == first and third.dates_unknown(key, dates)
    moved = {**dates, "1.1": "x"}
    assert third.replaces(key, "", moved) == later and not third.dates_unknown(key, moved)
