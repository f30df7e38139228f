"""The minutes forms as the caseworker meets them in the case folder: what an unwritten form
shows once the journal has the conversation as held, who is named under «Til stede», the
forms of a parent who declined, and the wording of the questions."""

import logging
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from omsorgspakke_docs.rendering import minutes_marker as mm

from .conftest import canonical_case
from .test_minutes_prefilled import (
    CHILD,
    FATHER,
    MOTHER,
    all_text,
    minutes,
    run_case,
    stored_conversation,
)
from .test_readback import JOURNAL, fill_minutes

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember"]
ASSESSMENT = {"positivt": "Sofie fortalte mye om skolen.",
              "behov_for_stotte": "Trenger mer tid med mor.",
              "dekkes_av_oppfolging": "Ja, i tema 2."}


def planned_day(path) -> str:
    """The day the minutes at path show as planned, ISO («4. desember 2026»)."""
    lines = all_text(path).splitlines()
    day, month, year = lines[lines.index("Planlagt dato") + 1].split()
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day.rstrip('.')):02d}"


def _held_child_theme_1(held: str, deltakere=("Sofie", "Ingrid Bakke & Berg")) -> dict:
    """The example case exported again: the child's theme 1 held on its planned day, with
    its participants and the caseworker's assessment registered in the journal."""
    case = canonical_case(eksportert="2026-12-20")
    case["samtaler"].append({"part": "barnet", "tema": 1, "dato": held,
                             "status": "gjennomfort", "deltakere": list(deltakere)})
    case["vurderinger"].append({"part": "barnet", "tema": 1, "dato": held, **ASSESSMENT})
    return case


# --- (6) An unwritten form shows what the journal has ------------------------------------

def test_an_unwritten_form_shows_the_held_date_and_assessment_the_journal_has(tmp_path):
    """The form made while the conversation was planned, nobody has written in it: once the
    journal has it held, the form says when, and what the assessment was, in place (no
    second copy beside it)."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    assert "Skriv datoen samtalen ble holdt" in all_text(path)
    held = planned_day(path)

    ws.drop("sak.json", _held_child_theme_1(held))
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    text = all_text(path)
    day = date.fromisoformat(held)
    assert f"Dato holdt\n{day.day}. {MONTHS[day.month - 1]} {day.year}\n" in text
    for answer in ASSESSMENT.values():
        assert answer in text
    assert "Skriv vurderingen din her." not in text
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]


@pytest.mark.parametrize("lock_name", [lambda name: f".~lock.{name}#",
                                       lambda name: f"~${name[2:]}"], ids=["libreoffice", "word"])
def test_an_unwritten_form_open_in_an_editor_is_not_made_again_under_the_writer(
        tmp_path, caplog, lock_name):
    """LibreOffice's lock file «.~lock.<name>#» (or Word's owner file «~$…»: a name this
    long loses its first two characters) beside the form: someone has it open, perhaps
    writing in it. The form stays as it is, the log says so (its place in the case folder,
    no name), and a run once it is closed fills it in."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    before = path.read_bytes()
    held = planned_day(path)
    lock = path.parent / lock_name(path.name)
    lock.write_bytes(b"open")
    ws.drop("sak.json", _held_child_theme_1(held))
    with caplog.at_level(logging.INFO, logger="omsorgspakke"):
        assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    assert path.read_bytes() == before
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]
    said = [r.getMessage() for r in caplog.records
            if getattr(r, "event", None) == "minutes_held_open"]
    assert said and all(r.endswith(f": {CHILD}") for r in said), said
    assert not any(name in m for m in said for name in ("Sofie", "Lindqvist", JOURNAL))

    lock.unlink()
    ws.drop("sak2.json", {**_held_child_theme_1(held), "eksportert": "2026-12-21"})
    assert ws.run(today=date(2026, 12, 22)).files_failed == 0
    day = date.fromisoformat(held)
    assert f"Dato holdt\n{day.day}. {MONTHS[day.month - 1]} {day.year}\n" in all_text(path)


def test_an_unwritten_form_left_open_is_filled_in_by_a_run_once_closed_without_an_export(
        tmp_path, caplog):
    """The form was open (or LibreOffice crashed and left its lock file) when the export
    that has the conversation held came. Once it is closed (the lock file gone), the next
    run fills it in, the same day and with nothing new in the inbox: no later export is
    needed, and no later day."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    held = planned_day(path)
    lock = path.parent / f".~lock.{path.name}#"
    lock.write_bytes(b"open")
    ws.drop("sak.json", _held_child_theme_1(held))
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0
    assert "Skriv datoen samtalen ble holdt" in all_text(path)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="omsorgspakke"):
        assert ws.run(today=date(2026, 12, 21)).files_failed == 0  # still open: as it is
    assert "Skriv datoen samtalen ble holdt" in all_text(path)
    # Said again on each run while it is (a lock file a crash left keeps it so).
    assert [r for r in caplog.records if getattr(r, "event", None) == "minutes_held_open"]

    lock.unlink()
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0
    day = date.fromisoformat(held)
    assert f"Dato holdt\n{day.day}. {MONTHS[day.month - 1]} {day.year}\n" in all_text(path)
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]


# --- (7) «Til stede» -------------------------------------------------------------------

FOSTER_PLANNED = "Referater/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"
CONTACT = "Ingrid Bakke & Berg"


def present(path) -> list[str]:
    """What the place «Til stede» holds, a line a paragraph (as the adapter reads it); []
    while it shows its grey prompt."""
    body = open_docx(str(path)).element.body
    for sdt in body.iter(qn("w:sdt")):
        pr = sdt.find(qn("w:sdtPr"))
        if pr.find(qn("w:tag")).get(qn("w:val")) != mm.PARTICIPANTS.tag:
            continue
        if pr.find(qn("w:showingPlcHdr")) is not None:
            return []
        return ["".join(t.text or "" for t in p.iter(qn("w:t")))
                for p in sdt.find(qn("w:sdtContent")).iter(qn("w:p"))]
    raise AssertionError("no place «Til stede»")


def test_a_planned_conversations_minutes_name_who_is_invited(tmp_path):
    """The grey text of «Til stede» names the party's people and the contact person, never
    a parent who is not in the conversation; the contact person writes who came."""
    ws = run_case(tmp_path)
    assert ("Invitert: Sofie og Ingrid Bakke & Berg. Skriv hvem som var til stede, én på hver "
            "linje, også barnet. Var barnet ikke med, skriv hvorfor.") in all_text(
                minutes(ws, CHILD))
    assert ("Invitert: Kari Øvrebø, Jon Åge Øvrebø og Ingrid Bakke & Berg. Skriv hvem som var "
            "til stede, én på hver linje.") in all_text(minutes(ws, FOSTER_PLANNED))
    mother = all_text(minutes(ws, MOTHER))
    assert "Invitert: Camilla Lindqvist og Ingrid Bakke & Berg. Skriv hvem" in mother
    assert "Ahmad" not in mother
    assert "Invitert: Ahmad Hansen og Ingrid Bakke & Berg." in all_text(minutes(ws, FATHER))
    assert present(minutes(ws, CHILD)) == []  # grey text: nothing written yet


def test_the_invited_in_nynorsk(tmp_path):
    ws = run_case(tmp_path, nynorsk=True)
    assert ("Invitert: Sofie og Ingrid Bakke & Berg. Skriv kven som var til stades, éin på "
            "kvar linje, også barnet.") in all_text(minutes(ws, CHILD, nynorsk=True))


def test_minutes_sent_back_unwritten_name_nobody_as_present(tmp_path):
    """The invited are named in grey text: minutes sent back with only the date say nobody
    was there (the overview asks for the child), also from an editor that keeps the grey
    text as written; a blank copy is no minutes and takes back none read before."""
    from .test_minutes_prefilled import _keep_grey_text_as_written

    ws = run_case(tmp_path)
    filled = fill_minutes(minutes(ws, CHILD), {mm.HELD.tag: "20.11.2026"})
    ws.drop("referat.docx", _keep_grey_text_as_written(filled))
    assert ws.run().files_failed == 0
    assert stored_conversation(ws, "barnet", 1).deltakere == []


def _as_libreoffice_saves(data: bytes, participants: str) -> bytes:
    """An editor that keeps the grey text as plain text (LibreOffice), where the caseworker
    changed it to participants: no placeholder flag, the text as they left it."""
    import io

    from .test_minutes_prefilled import _keep_grey_text_as_written

    doc = open_docx(io.BytesIO(_keep_grey_text_as_written(data)))
    for sdt in doc.element.body.iter(qn("w:sdt")):
        if sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val")) == mm.PARTICIPANTS.tag:
            texts = list(sdt.iter(qn("w:t")))
            texts[0].text = participants
            for other in texts[1:]:
                other.text = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_invited_edited_in_libreoffice_are_written(tmp_path):
    """The caseworker corrects the names in the grey text and keeps the rest: that is what
    they wrote, not the grey text (helper 157's reviewer found it read back as nobody).
    Returned as made, with spaces as an editor saves them, it is still nothing written."""
    ws = run_case(tmp_path)
    made = all_text(minutes(ws, CHILD))
    invited = next(line for line in made.splitlines() if line.startswith("Invitert: Sofie"))
    edited = invited.replace("Sofie og", "Sofie, Kari Øvrebø og")
    filled = fill_minutes(minutes(ws, CHILD), {mm.HELD.tag: "20.11.2026"})
    ws.drop("referat.docx", _as_libreoffice_saves(filled, edited))
    assert ws.run().files_failed == 0
    assert stored_conversation(ws, "barnet", 1).deltakere == [edited]

    ws2 = run_case(tmp_path / "as-made")
    filled = fill_minutes(minutes(ws2, CHILD), {mm.HELD.tag: "20.11.2026"})
    ws2.drop("referat.docx", _as_libreoffice_saves(filled, invited.replace(". ", ".  ")))
    assert ws2.run().files_failed == 0
    assert stored_conversation(ws2, "barnet", 1).deltakere == []


def test_a_held_conversations_minutes_show_who_the_journal_says_took_part(tmp_path):
    """Sent back as they were filled, they change nothing the journal says."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    held = planned_day(path)
    ws.drop("sak.json", _held_child_theme_1(held, ("Sofie", "Kari Øvrebø", CONTACT)))
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    assert present(path) == ["Sofie", "Kari Øvrebø", CONTACT]
    assert "Invitert:" not in all_text(path)
    ws.drop("referat.docx", fill_minutes(path, {}))
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0
    assert stored_conversation(ws, "barnet", 1).deltakere == ["Sofie", "Kari Øvrebø", CONTACT]


# --- (8) The minutes of a parent who declined --------------------------------------------

SHARED = "Referater/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"


def _father_declines() -> dict:
    case = canonical_case(eksportert="2026-11-23")
    case["foreldre"][1]["takker_ja"] = False
    return case


def test_unwritten_minutes_of_a_parent_who_declined_go(tmp_path):
    """The father says no after his minutes were made: those nobody has written in go, as
    invitations no longer made do. The parents' shared minutes of the first contact, held
    on 17 September before he declined, stay the parents' (a decline does not rewrite what
    was held before it: a reader's finding); the mother's own stay."""
    ws = run_case(tmp_path)
    assert minutes(ws, FATHER).exists() and minutes(ws, SHARED).exists()

    ws.drop("sak.json", _father_declines())
    assert ws.run(today=date(2026, 11, 23)).files_failed == 0

    folder = ws.case_folder(JOURNAL) / "Referater" / "Foreldre"
    names = sorted(p.name for p in folder.glob("*.docx"))
    assert not [n for n in names if n.endswith(" - far.docx")], names
    assert minutes(ws, SHARED).exists(), names
    assert minutes(ws, MOTHER).exists()


def test_minutes_written_in_by_someone_stay_when_the_parent_declines(tmp_path):
    ws = run_case(tmp_path)
    path = minutes(ws, FATHER)
    path.write_bytes(fill_minutes(path, {mm.NOTES.tag + "1": "Far ville tenke på det."}))
    written_in = path.read_bytes()

    ws.drop("sak.json", _father_declines())
    assert ws.run(today=date(2026, 11, 23)).files_failed == 0

    assert path.read_bytes() == written_in
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]


def test_unwritten_minutes_of_a_parent_who_declined_stay_while_open(tmp_path, caplog):
    """Open in LibreOffice (its lock file beside it), the father's minutes are not removed
    from under whoever has them open: the log says so, and a run once they are closed
    removes them."""
    ws = run_case(tmp_path)
    path = minutes(ws, FATHER)
    lock = path.parent / f".~lock.{path.name}#"
    lock.write_bytes(b"open")
    ws.drop("sak.json", _father_declines())
    with caplog.at_level(logging.INFO, logger="omsorgspakke"):
        assert ws.run(today=date(2026, 11, 23)).files_failed == 0

    assert path.exists()
    assert any(getattr(r, "event", None) == "minutes_held_open"
               and r.getMessage().endswith(f": {FATHER}") for r in caplog.records)
    lock.unlink()
    ws.drop("sak2.json", {**_father_declines(), "eksportert": "2026-11-24"})
    assert ws.run(today=date(2026, 11, 24)).files_failed == 0
    assert not path.exists()


# --- (13) The questions' wording ---------------------------------------------------------

def test_no_question_ends_a_quoted_title_with_two_question_marks():
    """«… der?»?» reads as a typing error: a title ending in «?» is not followed by one."""
    data = Path(__file__).parent.parent / "omsorgspakke_docs" / "data"
    for malform in ("nb", "nn"):
        programme = tomllib.loads((data / f"programme.{malform}.toml").read_text("utf-8"))
        texts = _texts(programme)
        assert len(texts) > 100
        for text in texts:
            assert not re.search(r"[?!]»\?", text), (malform, text)


def _texts(value) -> list[str]:
    """Every string in a theme (its sections, questions, purpose), however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return []


def test_written_in_minutes_of_a_case_without_a_contact_person_stay_as_they_are(tmp_path):
    """A case the journal gives no contact person: minutes someone has written in are kept
    when the journal later has the conversation held (what their places show changed), as
    in a case with one, not given a copy «(ny versjon)» beside them."""
    case = canonical_case(eksportert="2026-11-23")
    del case["kontaktperson"]
    ws = run_case(tmp_path, case=case)
    path = minutes(ws, CHILD)
    held = planned_day(path)
    path.write_bytes(fill_minutes(path, {mm.NOTES.tag + "1": "Sofie viste meg rommet sitt."}))
    written_in = path.read_bytes()

    case = _held_child_theme_1(held)
    del case["kontaktperson"]
    ws.drop("sak.json", case)
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    assert path.read_bytes() == written_in
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]
