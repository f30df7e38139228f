"""An invitation nobody marked as sent is listed once more on the day of its conversation
(test_sending_held_on_its_day). When no list was made that day (the service was off: a
holiday, the watch stopped), it left Til utsending without a trace, its reader perhaps never
told. The next list names it, not to send, until someone marks it or its days are over."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.store import issued

from .conftest import canonical_case, xlsx_rows
from .test_sending_held_on_its_day import MOTHER
from .test_sending_notes import _letters
from .test_sent_marks import _mark
from .test_unmarked_information_letter import _avvik

MEETING = date(2026, 11, 23)
"""The mother's second contact of the move follow-up, proposed in the letter of 22 November."""
MISSED = {
    "bokmal": "Ikke send: brevet er ikke merket som sendt, og samtalen var 23. november 2026, "
              "en dag listen ikke ble laget. Sjekk om det ble sendt, og skriv i så fall datoen "
              "i Sendt. Ble det ikke sendt, sjekk med kontaktpersonen at samtalen ble avtalt "
              "med mottakeren på telefon.",
    "nynorsk": "Ikkje send: brevet er ikkje merkt som sendt, og samtalen var 23. november "
               "2026, ein dag lista ikkje vart laga. Sjekk om det vart sendt, og skriv i så "
               "fall datoen i Sendt. Vart det ikkje sendt, sjekk med kontaktpersonen at "
               "samtalen vart avtalt med mottakaren på telefon."}
IN_AVVIK = {
    "bokmal": "Innkallingen til samtalen 23. november 2026 er ikke merket som sendt i Til "
              "utsending, og listen ble ikke laget den dagen. Mottaker: Forelder (mor). Sjekk "
              "med kontaktpersonen om den ble sendt, eller om mottakeren fikk beskjed om "
              "samtalen på telefon. Ble den sendt, merk den i kolonnen Sendt der.",
    "nynorsk": "Innkallinga til samtalen 23. november 2026 er ikkje merkt som sendt i Til "
               "utsending, og lista vart ikkje laga den dagen. Mottakar: Forelder (mor). Sjekk "
               "med kontaktpersonen om ho vart send, eller om mottakaren fekk beskjed om "
               "samtalen på telefon. Vart ho send, merk ho i kolonnen Sendt der."}
"""The team leader's Avvik sheet, on the first list after the day (not on each list after:
the clerk's list names it those days)."""
NOT_NOW = {"bokmal": "skal ikke sendes nå", "nynorsk": "skal ikkje sendast no"}


def _counts(workspace) -> str:
    """«Listen har … brev: …», above the list."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return str(rows[3][2])


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_invitation_unmarked_on_a_day_without_a_list_is_named_on_the_next(workspace,
                                                                           malform):
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    mother = MOTHER[malform]
    workspace.run(MEETING - timedelta(days=1))
    assert mother in _letters(workspace)  # on the list, to send; nobody marks it
    # No list on the 23rd. The next one names it, not to send, its day passed.
    workspace.run(MEETING + timedelta(days=1))
    row = _letters(workspace)[mother]
    assert row["Merknad"] == MISSED[malform], row
    assert row["Send innen"] is None and row["Sendt"] is None
    assert row["Samtaledato"].date() == MEETING
    assert NOT_NOW[malform] in _counts(workspace)
    # The foster parents' letter for the child's contact that day too: each named.
    avvik = {r[0]: r for r in _avvik(workspace, "2026-0412") if "nnkalling" in str(r[0])}
    assert len(avvik) == 2 and IN_AVVIK[malform] in avvik, avvik
    assert avvik[IN_AVVIK[malform]][1].date() == MEETING
    # And on the next list, while nobody marks it; not again on the Avvik sheet, where a
    # row the clerk is dealing with would be counted as a deviation day after day.
    workspace.run(MEETING + timedelta(days=2))
    assert _letters(workspace)[mother]["Merknad"] == MISSED[malform]
    assert not [r for r in _avvik(workspace, "2026-0412") if "nnkalling" in str(r[0])]
    # Marked: it leaves.
    _mark(workspace.outbox / sending.FILE_NAME, {mother: "x"})
    workspace.run(MEETING + timedelta(days=3))
    assert mother not in _letters(workspace) or _letters(workspace)[mother]["Sendt"]
    assert IN_AVVIK[malform] not in {r[0] for r in _avvik(workspace, "2026-0412")}


def test_an_unmarked_invitation_named_on_its_day_is_not_named_again(workspace):
    """A list was made on the day of the conversation and named it then: not again."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    mother = MOTHER["bokmal"]
    workspace.run(MEETING - timedelta(days=1))
    workspace.run(MEETING)
    assert _letters(workspace)[mother]["Merknad"].startswith(
        "Ikke send: brevet er ikke merket som sendt, og samtalen er i dag")
    workspace.run(MEETING + timedelta(days=1))
    assert mother not in _letters(workspace)


def test_an_unmarked_invitation_leaves_once_its_days_are_over(workspace):
    """Named on the lists after its day for issued.UNMARKED_PASSED_DAYS days, not for ever."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    mother = MOTHER["bokmal"]
    workspace.run(MEETING - timedelta(days=1))
    workspace.run(MEETING + timedelta(days=issued.UNMARKED_PASSED_DAYS))
    assert _letters(workspace)[mother]["Merknad"] == MISSED["bokmal"]
    workspace.run(MEETING + timedelta(days=issued.UNMARKED_PASSED_DAYS + 1))
    assert mother not in _letters(workspace)


def test_an_unmarked_invitation_whose_conversation_was_held_is_not_named(workspace):
    """The journal has the conversation as held on its day: it is over, its reader came;
    the list does not ask whether they were told of it."""
    from .test_sending import THEME_2, _case_with_meeting, _export

    _export(workspace, _case_with_meeting(date(2026, 12, 2)), "2026-11-20")
    workspace.run(date(2026, 11, 22))
    theme = f"2026-0412/{THEME_2}"
    assert theme in _letters(workspace)
    held = _case_with_meeting(date(2026, 12, 2))
    held["samtaler"][-1]["status"] = "gjennomfort"
    _export(workspace, held, "2026-12-03")
    workspace.run(date(2026, 12, 3))  # no list on 2 December
    assert theme not in _letters(workspace)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_other_parents_conversation_held_that_day_does_not_hide_this_ones(workspace,
                                                                           malform):
    """Mother and father are met separately on the same day (the same contact of the move
    follow-up), and no list is made that day. The journal has the mother's as held: her
    invitation is not asked about. The father's is not held: his invitation is named on the
    next list, not passed over as if he had come too."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case()
    case["samtaler"] += [
        {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0,
         "dato": MEETING.isoformat(), "klokkeslett": "09:00"},
        {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 1,
         "dato": MEETING.isoformat(), "klokkeslett": "13:00"}]
    workspace.drop("sak.json", {**case, "eksportert": "2026-11-20"})
    mother = MOTHER[malform]
    father = mother.replace(" - mor.docx", " - far.docx")
    workspace.run(MEETING - timedelta(days=1))
    assert {mother, father} <= set(_letters(workspace))  # both to send; nobody marks them
    case["samtaler"][-2]["status"] = "gjennomfort"  # the mother's, held
    workspace.drop("sak-2.json", {**case, "eksportert": "2026-11-24"})
    workspace.run(MEETING + timedelta(days=1))  # no list on the 23rd
    letters = _letters(workspace)
    assert mother not in letters, letters[mother]
    assert letters[father]["Merknad"] == MISSED[malform], letters[father]
    assert letters[father]["Samtaledato"].date() == MEETING


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_row_names_a_letter_that_is_in_the_case_folder(workspace, malform):
    """The invitations named after their day are no longer made: they used to be removed
    from the case folder as any letter whose day has passed, while the list named them, and
    the clerk looked for a file that was not there. Every row's Dokument is a file in the
    outbox, named once; once the list stops naming it, a making of the case removes it."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    mother = MOTHER[malform]
    workspace.run(MEETING - timedelta(days=1))
    workspace.run(MEETING + timedelta(days=1))  # no list on the 23rd
    rows = [r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")[5:]
            if r[2]]
    assert mother in {r[2] for r in rows} and _letters(workspace)[mother]["Merknad"] == \
        MISSED[malform]
    assert [r[2] for r in rows if not (workspace.outbox / r[2]).is_file()] == []
    assert len([r for r in rows if r[2] == mother]) == 1, rows
    workspace.run(MEETING + timedelta(days=issued.UNMARKED_PASSED_DAYS + 1))
    assert mother not in _letters(workspace)
    assert not (workspace.outbox / mother).exists()
