"""Letters after a cancellation and a new contact person tell their reader (a reader's
finding, demo case 2026-0412, every Til utsending row marked as sent on 23 November, then an
export of 26 November: the father declines, a new contact person, the mother's conversation
of 1 December cancelled).

The mother's invitation of 23 November was for 1 December; the journal then has her
contact 2 held on 24 November and contact 3 on 1 December cancelled. Her new invitation is
another document (contact 3, planned again for 2 December): it must still say that the
conversation of 1 December was cancelled, the new time, and which letter it replaces, and
that the child has a new contact person. Letters re-issued for a new time or new dates
together with a new contact person say that too."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, docx_text, xlsx_rows
from .doc_helpers import KINDS, RENDERER, case_context
from .test_sent_marks import _mark

CASE = "2026-0412"
FIRST, LATER = date(2026, 11, 23), date(2026, 11, 27)
FOLDER = {"bokmal": "Innkallinger", "nynorsk": "Innkallingar"}
NEW_PERSON = {"fornavn": "Mari", "etternavn": "Solheim",
              "tittel": "Kontaktperson, barnevernskonsulent", "telefon": "55 00 12 77",
              "epost": "mari.solheim@fjordvik.kommune.example"}


def _rows(workspace) -> dict[str, tuple]:
    return {str(r[2]): r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME,
                                            "Til utsending") if r[0] == CASE}


def _exported_again() -> dict:
    """The export of 26 November: the father declines, Mari Solheim is the contact person,
    the mother's contact 2 held on 24 November and contact 3 on 1 December cancelled, the
    father's contact 2 on 26 November cancelled, the foster family's theme 2 set for
    9 December."""
    case = canonical_case(eksportert="2026-11-26", kontaktperson=NEW_PERSON)
    case["foreldre"][1]["takker_ja"] = False
    case["samtaler"] = [*case["samtaler"], {
        "part": "barnet", "tema": 0, "nummer": 3, "dato": "2026-11-24",
        "klokkeslett": "14:00", "status": "gjennomfort"}, {
        "part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0, "dato": "2026-11-24",
        "klokkeslett": "10:00", "status": "gjennomfort"}, {
        "part": "foreldre", "tema": 0, "nummer": 2, "forelder": 1, "dato": "2026-11-26",
        "klokkeslett": "10:00", "status": "avlyst"}, {
        "part": "foreldre", "tema": 0, "nummer": 3, "forelder": 0, "dato": "2026-12-01",
        "klokkeslett": "10:00", "status": "avlyst"}, {
        "part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": "2026-12-09",
        "klokkeslett": "09:00", "status": "planlagt", "motform": "digitalt"}]
    return case


def _all_sent_then_changed(workspace, malform: str, unmarked: tuple[str, ...] = ()) -> None:
    """Every letter of 23 November marked as sent (but those unmarked), then the export of
    26 November read on 27 November."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("a.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(FIRST)
    _mark(workspace.outbox / sending.FILE_NAME, {
        d: FIRST for d, r in _rows(workspace).items() if r[3] is not None and d not in unmarked})
    workspace.drop("b.json", _exported_again())
    workspace.run(LATER)


MOTHER_INFO = f"{CASE}/02 Informasjonsbrev til foreldre - mor.docx"
SAID = {
    "bokmal": {
        "info": ("Det er endringer i datoene siden brevet vårt fra 23. november 2026. Dette "
                 "brevet erstatter det, og det er datoene i dette brevet som gjelder nå. Sofie "
                 "har også fått ny kontaktperson hos oss, Mari Solheim."),
        "moved": ("Samtalen har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra "
                  "23. november 2026. Sofie har også fått ny kontaktperson hos oss, "
                  "Mari Solheim."),
        "cancelled": ("Samtalen 1. desember 2026 ble avlyst. Den nye tiden er onsdag "
                      "2. desember 2026 kl. 10.00–11.30. Sofie har også fått ny kontaktperson "
                      "hos oss, Mari Solheim."),
        "first": "Sofie har fått ny kontaktperson hos oss, Mari Solheim.",
        "only": ("Sofie har fått ny kontaktperson hos oss, Mari Solheim. Dette brevet "
                 "erstatter brevet vårt fra 23. november 2026."),
        "row": "Erstatter brevet av 23. november 2026.",
    },
    "nynorsk": {
        "info": ("Det er endringar i datoane sidan brevet vårt frå 23. november 2026. Dette "
                 "brevet erstattar det, og det er datoane i dette brevet som gjeld no. Sofie "
                 "har òg fått ny kontaktperson hos oss, Mari Solheim."),
        "moved": ("Samtalen har fått nytt tidspunkt. Dette brevet erstattar brevet vårt frå "
                  "23. november 2026. Sofie har òg fått ny kontaktperson hos oss, "
                  "Mari Solheim."),
        "cancelled": ("Samtalen 1. desember 2026 vart avlyst. Den nye tida er onsdag "
                      "2. desember 2026 kl. 10.00–11.30. Sofie har òg fått ny kontaktperson "
                      "hos oss, Mari Solheim."),
        "first": "Sofie har fått ny kontaktperson hos oss, Mari Solheim.",
        "only": ("Sofie har fått ny kontaktperson hos oss, Mari Solheim. Dette brevet "
                 "erstattar brevet vårt frå 23. november 2026."),
        "row": "Erstattar brevet av 23. november 2026.",
    },
}


def _doc(malform: str, rest: str) -> str:
    return f"{CASE}/{FOLDER[malform]}/{rest}"


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_letters_for_a_new_time_or_new_dates_say_the_contact_person_is_new(workspace,
                                                                           malform):
    """The foster family's theme 2, set for 9 December, and the mother's information letter
    with her new dates: each says which letter it replaces and, once, that the child has a
    new contact person; a letter whose only change is the contact person says that alone,
    as before."""
    _all_sent_then_changed(workspace, malform)
    said, rows = SAID[malform], _rows(workspace)
    theme2 = _doc(malform, "Fosterfamilien/Tema 2 - Samvær og samarbeid.docx")
    text = docx_text(workspace.outbox / theme2)
    assert said["moved"] in text.splitlines(), text[:1500]
    assert text.count("ny kontaktperson") == 1
    assert rows[theme2][3] == datetime(2026, 11, 27) and rows[theme2][7] is None
    assert said["row"] in rows[theme2][6]
    text = docx_text(workspace.outbox / MOTHER_INFO)
    assert said["info"] in text.splitlines(), text[:1500]
    assert text.count("ny kontaktperson") == 1
    assert rows[MOTHER_INFO][7] is None and said["row"] in rows[MOTHER_INFO][6]
    child = _doc(malform, "Barnet/Tema 1 - " + ("Min historie - til fosterforeldrene.docx"
                                                if malform == "bokmal" else
                                                "Mi historie - til fosterforeldra.docx"))
    text = docx_text(workspace.outbox / child)
    assert said["only"] in text.splitlines() and text.count("ny kontaktperson") == 1, text[:900]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_first_invitation_after_a_cancelled_day_says_it_was_cancelled(workspace, malform):
    """The mother's contact 3 of 1 December, a date her information letter marked as sent
    gave her, is cancelled in the journal and set again for 2 December: her first
    invitation for it says the conversation was cancelled and the new time (it replaces no
    invitation, so it names none), and, as that letter named Ingrid Bakke, that the child
    has a new contact person; the next day it is the same letter, dated as before."""
    _all_sent_then_changed(workspace, malform)
    mother = _doc(malform, "Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 3) - mor.docx")
    made = (workspace.outbox / mother).read_bytes()
    text = docx_text(workspace.outbox / mother)
    assert SAID[malform]["cancelled"] in text.splitlines(), text[:1500]
    assert "erstatter" not in text and "erstattar" not in text
    row = _rows(workspace)[mother]
    assert row[3] == datetime(2026, 11, 27) and row[7] is None
    workspace.run(date(2026, 11, 30))
    assert (workspace.outbox / mother).read_bytes() == made
    assert _rows(workspace)[mother][3] == datetime(2026, 11, 27)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_reader_never_sent_the_cancelled_day_gets_a_plain_invitation(workspace, malform):
    """The same, with the mother's information letter of 23 November, the only letter that
    gave her 1 December, not marked as sent: she was never told that day, so her first
    invitation for 2 December is a plain one, saying nothing of a day cancelled."""
    _all_sent_then_changed(workspace, malform, unmarked=(MOTHER_INFO,))
    mother = _doc(malform, "Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 3) - mor.docx")
    text = docx_text(workspace.outbox / mother)
    assert "avlyst" not in text and "1. desember 2026" not in text, text[:1500]
    assert "2. desember 2026" in text
    assert "erstatter" not in text and "erstattar" not in text


THEME_1_MOTHER = {"bokmal": "Foreldre/Tema 1 - Fortsatt familie - mor.docx",
                  "nynorsk": "Foreldre/Tema 1 - Framleis familie - mor.docx"}
THEME_3_FOSTER = {"bokmal": "Fosterfamilien/Tema 3 - Å ivareta barnet.docx",
                  "nynorsk": "Fosterfamilien/Tema 3 - Å ta vare på barnet.docx"}


def _first_lines(workspace, malform: str, rest: str) -> list[str]:
    return docx_text(workspace.outbox / _doc(malform, rest)).splitlines()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_first_invitation_says_the_contact_person_is_new(workspace, malform):
    """The mother's theme 1 and the foster family's theme 3, first invited on 27 November:
    the letters marked as sent to them on 23 November (her information letter and contact
    2, their theme 2) named Ingrid Bakke. Each first invitation says, once, that the child
    has a new contact person, and names no letter it replaces (it replaces none)."""
    _all_sent_then_changed(workspace, malform)
    for rest in (THEME_1_MOTHER[malform], THEME_3_FOSTER[malform]):
        lines = _first_lines(workspace, malform, rest)
        assert SAID[malform]["first"] in lines, lines[:25]
        text = "\n".join(lines)
        assert text.count("ny kontaktperson") == 1
        assert "erstatter" not in text and "erstattar" not in text
        assert _rows(workspace)[_doc(malform, rest)][3] == datetime(2026, 11, 27)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_first_invitation_to_a_reader_sent_no_letter_is_plain(workspace, malform):
    """The same, with none of the mother's letters of 23 November marked as sent: she never
    had Ingrid Bakke's name from us, so her first invitation names Mari Solheim as her
    letters do, saying nothing of a change; the foster family's, whose theme 2 invitation
    was sent, still says it."""
    contact_2 = "Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - mor.docx"
    _all_sent_then_changed(workspace, malform, unmarked=(MOTHER_INFO, _doc(malform, contact_2)))
    text = "\n".join(_first_lines(workspace, malform, THEME_1_MOTHER[malform]))
    assert "ny kontaktperson" not in text and "Mari Solheim" in text
    assert SAID[malform]["first"] in _first_lines(workspace, malform, THEME_3_FOSTER[malform])


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Samtalen 1. desember 2026 ble avlyst. Den nye tiden er "),
    ("nynorsk", "Samtalen 1. desember 2026 vart avlyst. Den nye tida er "),
])
def test_a_childs_first_invitation_after_a_cancelled_day_says_it_once(tmp_path, malform, said):
    """An older child's own first invitation after a cancelled day: said once, after the
    greeting, with «Du har … fått ny kontaktperson» (the template said the cancelled day
    before the greeting too)."""
    ctx = case_context(child_letter_min_age=10).in_malform(malform)
    doc = next(d for d in KINDS["innkalling"].documents(ctx) if d.context["mottaker"]["er_barnet"])
    doc.context.update(samtale_avlyst_forste="1. desember 2026", ny_kontakt_forste=True)
    (tmp_path / "brev.docx").write_bytes(RENDERER.render(doc).data)
    lines = docx_text(tmp_path / "brev.docx").splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(said)]
    assert len(found) == 1, lines[:30]
    assert lines[found[0] - 1].startswith("Hei, ")
    assert (" Du har også fått ny kontaktperson hos oss, " if malform == "bokmal" else
            " Du har òg fått ny kontaktperson hos oss, ") in lines[found[0]]
