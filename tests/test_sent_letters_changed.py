"""Letters changed after they were marked as sent reach their reader (a reader's finding,
demo case 2026-0412: the mother's information letter was made again with a new address
and an interpreter after the office had marked it sent; Til utsending kept the old mark on
the new letter, green, and the letter said nothing of the one it replaced, so she never got
it). A letter listing its reader's dates whose facts change after it was marked as sent is
issued anew saying which letter it replaces, and its row asks to send it, without the old
mark (store/issued.py Issued._sent_then_changed, documents/sent_marks.py on_replaced)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, docx_text, xlsx_rows
from .test_sent_marks import _mark

CASE = "2026-0412"
FIRST, CHANGED = date(2026, 11, 23), date(2026, 11, 25)
MOTHER = f"{CASE}/02 Informasjonsbrev til foreldre - mor.docx"
FATHER = f"{CASE}/02 Informasjonsbrev til foreldre - far.docx"
REPLACES = {
    "bokmal": ("Dette brevet erstatter brevet vårt fra 23. november 2026, og det er datoene i "
               "dette brevet som gjelder nå."),
    "nynorsk": ("Dette brevet erstattar brevet vårt frå 23. november 2026, og det er datoane i "
                "dette brevet som gjeld no."),
}
SEND_AGAIN = {
    "bokmal": "Merket som sendt 23. november 2026, men laget på nytt med endret innhold: "
              "send det nye brevet.",
    "nynorsk": "Merkt som sendt 23. november 2026, men laga på nytt med endra innhald: "
               "send det nye brevet.",
}


def _rows(workspace) -> dict[str, tuple]:
    return {str(r[2]): r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME,
                                            "Til utsending") if r[0] == CASE}


def _letter(workspace, document: str):
    return workspace.outbox / document


def _first_letters(workspace, malform: str = "bokmal") -> None:
    """The example case (exported 22 November) read on 23 November by a service running
    since October: its first letters."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("a.json", canonical_case(eksportert="2026-11-22"))
    workspace.run(FIRST)


def _first_letters_sent(workspace, malform: str) -> None:
    """The example case's letters of 23 November, both information letters marked as sent
    that day, as the office does."""
    _first_letters(workspace, malform)
    _mark(workspace.outbox / sending.FILE_NAME, {MOTHER: FIRST, FATHER: FIRST})


def _exported_again(*samtaler: dict) -> dict:
    """The example case exported again on 24 November, with these conversations added."""
    case = canonical_case(eksportert="2026-11-24")
    case["samtaler"] = [*case["samtaler"], *samtaler]
    return case


MOTHERS_SECOND_HELD = {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0,
                       "dato": "2026-11-24", "klokkeslett": "10:00", "status": "gjennomfort"}
"""The mother's second conversation (24 November) recorded as held: her next one is
another."""


def _mother_moved_with_an_interpreter() -> dict:
    """Exported again: the mother has a new address and a Polish interpreter, and her
    second conversation is recorded as held."""
    case = _exported_again(MOTHERS_SECOND_HELD)
    case["foreldre"][0].update(adresse="Havnegata 9", postnummer="5996", poststed="Fjordvik",
                               sprak="polsk", tolk=True)
    return case


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_information_letter_changed_after_it_was_sent_is_to_be_sent_again(workspace,
                                                                             malform):
    _first_letters_sent(workspace, malform)
    workspace.drop("b.json", _mother_moved_with_an_interpreter())
    workspace.run(CHANGED)

    text = docx_text(_letter(workspace, MOTHER))
    assert "Havnegata 9" in text and "25. november 2026" in text
    assert REPLACES[malform] in text.splitlines()  # she knows which letter counts
    row = _rows(workspace)[MOTHER]
    assert row[3] == datetime(2026, 11, 25)  # Brevdato
    assert row[7] is None  # Sendt: the mark was on the letter of 23 November
    assert row[6].startswith(SEND_AGAIN[malform]), row[6]
    assert "Kan være sendt før" not in row[6] and "Kan vere sendt før" not in row[6]
    # The father's letter changed only as the programme went on: as sent, saying nothing.
    father = _rows(workspace)[FATHER]
    assert father[7] == datetime(2026, 11, 23) and not father[6]
    assert REPLACES[malform] not in docx_text(_letter(workspace, FATHER))

    # Sent and marked: the next days it stays the one letter, sent, still saying so.
    _mark(workspace.outbox / sending.FILE_NAME, {MOTHER: CHANGED})
    made = _letter(workspace, MOTHER).read_bytes()
    for day in (CHANGED + timedelta(days=1), CHANGED + timedelta(days=3)):
        workspace.run(day)
        assert _letter(workspace, MOTHER).read_bytes() == made, day
        row = _rows(workspace)[MOTHER]
        assert row[7] == datetime(2026, 11, 25) and not (row[6] or "").startswith(
            SEND_AGAIN[malform][:12]), (day, row)


def test_a_letter_issued_anew_only_as_the_programme_goes_on_keeps_its_mark(workspace):
    """A conversation recorded as held alone (the next one named in the letter changes):
    the copy sent still serves its reader, as before (helper 105)."""
    _first_letters_sent(workspace, "bokmal")
    workspace.drop("b.json", _exported_again(MOTHERS_SECOND_HELD))
    workspace.run(CHANGED)
    row = _rows(workspace)[MOTHER]
    assert row[3] == datetime(2026, 11, 25) and row[7] == datetime(2026, 11, 23), row
    assert not row[6]
    assert "erstatter" not in docx_text(_letter(workspace, MOTHER))


FATHERS_INVITATION = (f"{CASE}/Innkallinger/Foreldre/"
                      "Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - far.docx")
FOLDER = {"bokmal": "/Innkallinger/", "nynorsk": "/Innkallingar/"}
SHORT = "Kort varsel"


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_marked_as_sent_in_time_has_no_short_notice_note(workspace, malform):
    """The father's invitation of 23 November for 26 November, marked as sent that day: on
    25 November it is green, and says nothing of «Kort varsel … Nå er det for kort tid til
    det … dette brevet skal ikke sendes» (a reader's finding: the note stayed on the rows
    of letters sent in time, to 30 November). His information letter, sent the same day,
    likewise."""
    _first_letters(workspace, malform)
    invitation = FATHERS_INVITATION.replace("/Innkallinger/", FOLDER[malform])
    assert invitation in _rows(workspace)
    _mark(workspace.outbox / sending.FILE_NAME, {invitation: FIRST, FATHER: FIRST})
    for day in (CHANGED, CHANGED + timedelta(days=1)):
        workspace.run(day)
        rows = _rows(workspace)
        for document in (invitation, FATHER):
            if document not in rows:  # the day of his conversation: it left the list
                assert day == date(2026, 11, 26) and document == invitation
                continue
            row = rows[document]
            assert row[7] == datetime(2026, 11, 23), (day, row)
            assert SHORT not in (row[6] or ""), (day, row)


def test_a_letter_marked_as_sent_too_late_keeps_its_short_notice_note(workspace):
    """Marked as sent on 25 November for a conversation on 26 November: its reader had no
    time to answer it, and the contact person is still to call them."""
    _first_letters(workspace)
    workspace.run(CHANGED)
    _mark(workspace.outbox / sending.FILE_NAME, {FATHERS_INVITATION: CHANGED})
    workspace.run(CHANGED)
    row = _rows(workspace)[FATHERS_INVITATION]
    assert row[7] == datetime(2026, 11, 25) and "Kort varsel" in (row[6] or ""), row


CANCELLED = {
    "bokmal": ("Samtalen 26. november 2026 ble avlyst. Den nye tiden er {dag} kl. 10.00–11.30. "
               "Dette brevet erstatter brevet vårt fra 23. november 2026."),
    "nynorsk": ("Samtalen 26. november 2026 vart avlyst. Den nye tida er {dag} kl. 10.00–11.30. "
                "Dette brevet erstattar brevet vårt frå 23. november 2026."),
}
DAY = {"bokmal": "mandag 30. november 2026", "nynorsk": "måndag 30. november 2026"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_cancelled_conversation_planned_again_says_it_was_cancelled(workspace, malform):
    """The journal says the father's conversation of 26 November is cancelled (avlyst): the
    planner gives it a new day, and his new invitation says plainly that the conversation
    was cancelled and what the new time is, not «Samtalen har fått nytt tidspunkt»."""
    _first_letters(workspace, malform)
    invitation = FATHERS_INVITATION.replace("/Innkallinger/", FOLDER[malform])
    _mark(workspace.outbox / sending.FILE_NAME, {invitation: FIRST})
    workspace.drop("b.json", _exported_again({
        "part": "foreldre", "tema": 0, "nummer": 2, "forelder": 1, "dato": "2026-11-26",
        "klokkeslett": "10:00", "status": "avlyst"}))
    workspace.run(CHANGED)
    text = docx_text(workspace.outbox / invitation)
    assert CANCELLED[malform].format(dag=DAY[malform]) in text.splitlines(), text[:1500]
    assert "nytt tidspunkt" not in text
    row = _rows(workspace)[invitation]
    assert row[7] is None and row[6].startswith(SEND_AGAIN[malform][:15]), row


NEW_PERSON = {"fornavn": "Mari", "etternavn": "Solheim",
              "tittel": "Kontaktperson, barnevernskonsulent", "telefon": "55 00 12 77",
              "epost": "mari.solheim@fjordvik.kommune.example"}
NEW_CONTACT = {
    "bokmal": ("Sofie har fått ny kontaktperson hos oss, Mari Solheim. Dette brevet erstatter "
               "brevet vårt fra 23. november 2026."),
    "nynorsk": ("Sofie har fått ny kontaktperson hos oss, Mari Solheim. Dette brevet erstattar "
                "brevet vårt frå 23. november 2026."),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_invitation_sent_names_the_new_contact_person_in_a_letter_that_replaces_it(
        workspace, malform):
    """A new contact person after the invitations were marked as sent: each is issued anew
    for the same time, naming the new contact person and their number, saying so and which
    letter it replaces; its row asks to send it (a reader's finding: the invitations sent
    said «Ring meg på 55 00 12 34», signed by the old contact person, while Til utsending's
    Kontaktperson column named the new one)."""
    _first_letters(workspace, malform)
    invitations = [d for d, r in _rows(workspace).items() if FOLDER[malform] in d
                   and not r[6]]
    assert invitations, "an invitation to send as it is"
    _mark(workspace.outbox / sending.FILE_NAME, dict.fromkeys(invitations, FIRST))
    workspace.drop("b.json", canonical_case(eksportert="2026-11-24", kontaktperson=NEW_PERSON))
    workspace.run(CHANGED)
    rows = _rows(workspace)
    for document in invitations:
        text = docx_text(workspace.outbox / document)
        assert "25. november 2026" in text and "55 00 12 77" in text, document
        assert "55 00 12 34" not in text and "Ingrid Bakke" not in text, document
        assert NEW_CONTACT[malform] in text.splitlines(), text[:1200]
        row = rows[document]
        assert row[7] is None and row[6].startswith(SEND_AGAIN[malform][:15]), row
        assert row[9] == "Mari Solheim"


TOLD = {
    "bokmal": "Gi beskjed: innkallingen er sendt, men samtalen 3. desember 2026 er registrert "
              "som avlyst i fagsystemet. Fortell mottakeren at samtalen er avlyst",
    "nynorsk": "Gi beskjed: innkallinga er sendt, men samtalen 3. desember 2026 er registrert "
               "som avlyst i fagsystemet. Fortel mottakaren at samtalen er avlyst",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_invitation_sent_for_a_conversation_cancelled_asks_to_tell_its_reader(workspace,
                                                                               malform):
    """The foster family's theme 2 of 3 December, its invitation marked as sent, is then
    cancelled in the journal, and theme 3 recorded as held after it (so it is not planned
    again): the invitation is no longer made, and Til utsending has a «Gi beskjed» row for
    telling the foster parents the conversation is cancelled, until they are told."""
    _first_letters(workspace, malform)
    theme2 = f"{CASE}{FOLDER[malform]}Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"
    assert theme2 in _rows(workspace)
    _mark(workspace.outbox / sending.FILE_NAME, {theme2: FIRST})
    workspace.drop("b.json", _exported_again(
        {"part": "fosterfamilien", "tema": 2, "dato": "2026-12-03", "status": "avlyst"},
        {"part": "fosterfamilien", "tema": 3, "dato": "2026-11-24", "status": "gjennomfort"}))
    workspace.run(CHANGED)
    told = [r for d, r in _rows(workspace).items() if d.startswith(theme2)
            and str(r[6] or "").startswith("Gi beskjed")]
    assert len(told) == 1 and told[0][6].startswith(TOLD[malform]), _rows(workspace).get(theme2)
    assert told[0][7] is None
