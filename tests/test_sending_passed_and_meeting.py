"""Til utsending as a reader of a nynorsk municipality's year found it (helper 189's walk,
fixed by helper 193), in both standards: an information letter still unsent weeks after the
conversation it names as the next says so beside the note of an old export, and keeps the
«Send innen» it had, passed (the list shows it red), rather than moving on with the days;
the joint meeting is «møtet» in a row, also when an invitation to it is made on its day or
it is the next date an information letter lists; and a row not to send says nothing of what
to check before it is sent."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, xlsx_rows
from .doc_helpers import case_context

COLUMNS = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
           "Sendt", "Samtaledato", "Kontaktperson")
"""The list's columns, as the bokmål list names them."""

PASSED = {"bokmal": "Brevet sier at neste samtale er 25. november 2026, og den dagen er passert. "
                    "Spør kontaktpersonen om brevet skal sendes som det er.",
          "nynorsk": "Brevet seier at neste samtale er 25. november 2026, og den dagen er "
                     "passert. Spør kontaktpersonen om brevet skal sendast som det er."}
STALE = {"bokmal": "Sjekk i fagsystemet før brevet sendes: den siste eksporten av saken er "
                   "fra 20. november 2026.",
         "nynorsk": "Sjekk i fagsystemet før brevet blir sendt: den siste eksporten av saka "
                    "er frå 20. november 2026."}
BEFORE_SENDING = {"bokmal": "før brevet sendes:", "nynorsk": "før brevet blir sendt:"}
SAME_DAY = {"bokmal": "Ikke send: møtet er i dag, {} kl. 10.00, og brevet ble laget i dag, så "
                      "det rekker ikke fram. Be kontaktpersonen ringe mottakeren om møtet.",
            "nynorsk": "Ikkje send: møtet er i dag, {} kl. 10.00, og brevet vart laga i dag, så "
                       "det rekk ikkje fram. Be kontaktpersonen ringje mottakaren om møtet."}
FOLDER = {"bokmal": "Innkallinger/Felles møte/", "nynorsk": "Innkallingar/Felles møte/"}
MONTHS = {"bokmal": "januar", "nynorsk": "januar"}


def _letters(workspace) -> dict[str, dict[str, object]]:
    """The list's letter rows by document, each as {column: value} (openpyxl)."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    header = next(i for i, r in enumerate(rows) if r[0] == "Sak" and r[2] == "Dokument")
    return {r[2]: dict(zip(COLUMNS, r, strict=False)) for r in rows[header + 1:]
            if str(r[2] or "").endswith(".docx")}


def _exported_on_20_november(workspace, malform: str) -> dict[str, dict[str, object]]:
    """The example case, new to a running service, exported on 20 November and never
    again; the list of its first run, on Sunday 22 November."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    return _letters(workspace)


def _day(value: object) -> date:
    assert isinstance(value, datetime), value
    return value.date()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_unsent_past_its_next_conversation_says_so_beside_the_old_export(
        workspace, malform):
    """The father's information letter names 25 November as his next conversation. On
    10 December it is still unsent, and the case was last exported on 20 November: the row
    said only to check the journal, the passed date no longer said, and its «Send innen»
    had moved on to the day of the list, never late."""
    first = {doc: row for doc, row in _exported_on_20_november(workspace, malform).items()
             if "Informasjonsbrev" in doc and doc.endswith("far.docx")}
    assert len(first) == 1
    (document, made), = first.items()
    due = _day(made["Send innen"])
    assert due <= date(2026, 11, 25)
    workspace.run(date(2026, 12, 10))
    row = _letters(workspace)[document]
    note = str(row["Merknad"])
    # Both, the passed date first: the more serious.
    assert note.startswith(PASSED[malform]), note
    assert STALE[malform] in note, note
    # The day it was due, passed (the list colours a row red by a «Send innen» before
    # today), not the day the list is made.
    assert _day(row["Send innen"]) == due, row
    assert row["Sendt"] is None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_unsent_past_its_next_conversation_shows_that_conversation_as_its_date(
        workspace, malform):
    """The same row's Samtaledato: the conversation the note says has passed, 25 November,
    not the father's next one to come. A «Send innen» gone by beside a date weeks ahead
    read as if there were still time (helper 203)."""
    first = {doc: row for doc, row in _exported_on_20_november(workspace, malform).items()
             if "Informasjonsbrev" in doc and doc.endswith("far.docx")}
    (document, made), = first.items()
    assert _day(made["Samtaledato"]) == date(2026, 11, 25)
    workspace.run(date(2026, 12, 10))
    row = _letters(workspace)[document]
    assert str(row["Merknad"]).startswith(PASSED[malform]), row
    assert _day(row["Samtaledato"]) == date(2026, 11, 25), row
    assert _day(row["Send innen"]) < date(2026, 12, 10), row


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_joint_meeting_invitation_made_on_its_day_says_moetet_and_nothing_of_checking(
        workspace, malform):
    """No run between 22 November and the day of the joint meeting: its invitations are
    made that morning, not to send. Their rows said «samtalen er i dag», and then what to
    check «før brevet blir sendt» for the old export."""
    _exported_on_20_november(workspace, malform)
    meeting = case_context(canonical_case(eksportert="2026-11-20"),
                           today=date(2026, 11, 22)).plan.joint_meeting
    assert meeting is not None
    workspace.run(meeting.dato)
    rows = {doc: row for doc, row in _letters(workspace).items() if FOLDER[malform] in doc}
    assert rows, _letters(workspace).keys()
    said = SAME_DAY[malform].format(f"{meeting.dato.day}. {MONTHS[malform]} "
                                    f"{meeting.dato.year}")
    for row in rows.values():
        assert row["Merknad"] == said, row
        assert row["Send innen"] is None
    # The letters of the case that are to send still say to check the journal first.
    others = [row for doc, row in _letters(workspace).items()
              if doc.startswith("2026-0412/") and doc not in rows]
    for row in others:
        note = str(row["Merknad"] or "")
        assert not note.startswith(("Ikke send", "Ikkje send")) or \
            BEFORE_SENDING[malform] not in note, row


MEETING_NEXT = {
    ("bokmal", "digitalt"): "Kort varsel: møtet er 12. januar 2027. Be kontaktpersonen ringe "
                            "mottakeren og gi beskjed om møtet, og send brevet likevel.",
    ("nynorsk", "digitalt"): "Kort varsel: møtet er 12. januar 2027. Be kontaktpersonen ringje "
                             "mottakaren og gi beskjed om møtet, og send brevet likevel.",
    ("bokmal", "post"): "Rekker ikke fram med post før møtet 12. januar 2027.",
    ("nynorsk", "post"): "Rekk ikkje fram med post før møtet 12. januar 2027."}


def _export(workspace, case: dict, day: date, held: list[tuple[str, int, int, int]],
            extra: tuple[dict, ...] = ()) -> None:
    """The case exported on this day, with the parents' conversations held (day, theme,
    number, parent) and what else the journal has."""
    now = {**case, "eksportert": day.isoformat(), "samtaler": [*case["samtaler"], *(
        {"part": "foreldre", "tema": tema, "nummer": nummer, "forelder": forelder,
         "dato": when, "status": "gjennomfort"} for when, tema, nummer, forelder in held),
        *extra]}
    workspace.drop(f"sak-{day.isoformat()}.json", now)


@pytest.mark.parametrize("how", ["digitalt", "post"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_information_letter_whose_next_date_is_the_joint_meeting_names_the_meeting(
        workspace, malform, how):
    """Every conversation held as planned up to theme 2; on Friday 8 January the journal
    has the mother's theme 3 (18 January) cancelled: her information letter is issued anew,
    and the next date it lists is the joint meeting on Tuesday 12 January. Its row said
    «Kort varsel: neste samtale er 12. januar 2027» (or by post «før den første samtalen»)
    of the meeting."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case(eksportert="2026-11-20")
    case["foreldre"][0]["forsendelse"] = how
    workspace.drop("sak.json", case)
    workspace.run(date(2026, 11, 22))
    autumn = [("2026-11-23", 0, 2, 0), ("2026-11-30", 0, 3, 0), ("2026-12-14", 1, 1, 0),
              ("2026-11-25", 0, 2, 1), ("2026-12-02", 0, 3, 1), ("2026-12-16", 1, 1, 1)]
    _export(workspace, case, date(2026, 12, 22), autumn)
    workspace.run(date(2026, 12, 22))  # the joint meeting's invitations are made
    cancelled = {"part": "foreldre", "tema": 3, "nummer": 1, "forelder": 0,
                 "dato": "2027-01-18", "status": "avlyst"}
    _export(workspace, case, date(2027, 1, 8),
            [*autumn, ("2027-01-04", 2, 1, 0), ("2027-01-05", 2, 1, 1)], (cancelled,))
    workspace.run(date(2027, 1, 8))
    mother = next(row for doc, row in _letters(workspace).items()
                  if "Informasjonsbrev" in doc and doc.endswith("mor.docx"))
    assert _day(mother["Brevdato"]) == date(2027, 1, 8)
    assert _day(mother["Samtaledato"]) == date(2027, 1, 12)
    note = str(mother["Merknad"])
    assert note.startswith(MEETING_NEXT[malform, how]), note
    assert "samtale" not in note.split(".")[0], note


BY_POST = {"bokmal": "Brevet sier at neste samtale er 25. november 2026, og den dagen er "
                     "passert. Neste samtale er nå 2. desember 2026, og brevet rekker ikke "
                     "fram med post før den:",
           "nynorsk": "Brevet seier at neste samtale er 25. november 2026, og den dagen er "
                      "passert. Neste samtale er no 2. desember 2026, og brevet rekk ikkje "
                      "fram med post før den:"}
# (helper 312: one note, not «Rekker ikke fram med post før neste samtale 2. desember»
# beside the passed day it names)
WAITING = {"bokmal": "Neste samtale er 30. november 2026: be kontaktpersonen ringe mottakeren "
                     "om den mens brevet venter.",
           "nynorsk": "Neste samtale er 30. november 2026: be kontaktpersonen ringje "
                      "mottakaren om tida medan brevet ventar."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_listed_after_its_first_conversation_names_the_next_one(workspace,
                                                                         malform):
    """The father's letters go by post, the mother's letter lacks her address. On 30
    November the father's letter, unsent, is listed after his first conversation (25
    November): its row said «før den første samtalen 2. desember», which was his second."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case(eksportert="2026-11-20")
    case["foreldre"][1]["forsendelse"] = "post"
    case["foreldre"][0]["adresse"] = None
    workspace.drop("sak.json", case)
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2026, 11, 30))
    rows = {doc.rsplit(" - ", 1)[-1]: row for doc, row in _letters(workspace).items()
            if "Informasjonsbrev" in doc}
    father, mother = rows["far.docx"], rows["mor.docx"]
    assert father["Sendemåte"] == "Post"
    assert str(father["Merknad"]).startswith(BY_POST[malform]), father
    assert _day(father["Send innen"]) == date(2026, 11, 23)  # due then: passed, red
    assert str(mother["Merknad"]).startswith(("Ikke send:", "Ikkje send:"))
    assert str(mother["Merknad"]).endswith(WAITING[malform]), mother
