"""Letters when they are due: invitations and minutes appear invitation_days_before ahead of
their conversation, a moved date supersedes its invitation, and outbox/Til utsending.xlsx
lists exactly the letters to send now."""

from __future__ import annotations

import os
import re
import zipfile
from datetime import date, datetime, timedelta

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs import config
from omsorgspakke_docs.documents import conversation_due, conversation_file, file_title, sending
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.planning.workdays import WorkCalendar, norsk_dato
from omsorgspakke_docs.rendering import context
from omsorgspakke_docs.store import hashes, rows
from omsorgspakke_docs.text import MISSING_RE

from .conftest import TODAY, canonical_case, docx_text, xlsx_rows
from .doc_helpers import case_context, render, texts

WINDOW = timedelta(days=21)


def _upcoming(ctx) -> dict[tuple[str, int, int], date]:
    return {c.key: c.dato for c in ctx.plan.conversations if c.status == "planlagt"}


def test_no_invitation_or_minutes_before_their_window(tmp_path):
    today = date(2026, 11, 22)
    ctx = case_context(invitation_days_before=21, today=today)
    planned = [c for c in ctx.plan.conversations if c.status == "planlagt"]
    due = {(c.part, c.tema, c.nummer) for c in planned if today <= c.dato <= today + WINDOW
           and conversation_due(ctx, c)}
    # The move follow-up's contacts one at a time: the next from the day of the one before.
    waiting = [c for c in planned if c.dato <= today + WINDOW and not conversation_due(ctx, c)]
    assert [(c.tema, c.nummer) for c in waiting] == [(0, 3), (0, 3)]  # each parent's
    later = [c for c in planned if c.dato > today + WINDOW] + waiting
    assert due and later  # the example has both
    invitations = render(ctx, "innkalling", tmp_path / "innk")
    minutes = render(ctx, "referat", tmp_path / "ref")
    names = {p.navn: p.id for p in ctx.programme.parter}
    for conv in later:
        title = file_title(conversation_file(ctx.samtale_context(conv), ctx.t))
        part = ctx.programme.part(conv.part).navn
        assert not [n for n in invitations if n.startswith(f"Innkallinger/{part}/{title}")]
        assert f"Referater/{part}/{title}.docx" not in minutes
    made = {(names[n.split("/")[1]], n) for n in invitations if not n.startswith(
        "Innkallinger/Felles")}
    assert {part for part, _ in made} <= {c.part for c in planned if (c.part, c.tema, c.nummer)
                                          in due}
    assert len({n.split(" - ")[0] + n.split(" - ")[1] for _, n in made}) == len(due)


def test_a_conversation_entering_its_window_gets_its_invitation_dated_that_day(tmp_path):
    first = case_context(invitation_days_before=21, today=date(2026, 11, 22))
    conv = min((c for c in first.plan.conversations
                if c.status == "planlagt" and c.dato > date(2026, 11, 22) + WINDOW),
               key=lambda c: c.dato)
    day = conv.dato - WINDOW
    fixed = schedule.fixed_dates(first.plan)  # the dates as planned in the first run
    before = case_context(invitation_days_before=21, today=day - timedelta(days=1), fixed=fixed)
    ctx = case_context(invitation_days_before=21, today=day, fixed=fixed)
    title = file_title(conversation_file(ctx.samtale_context(conv), ctx.t))
    part = ctx.programme.part(conv.part).navn

    def invitations(context, folder):
        return {n: docx_text(p) for n, p in render(context, "innkalling", folder).items()
                if n.startswith(f"Innkallinger/{part}/{title}")}

    assert not invitations(before, tmp_path / "before")
    found = invitations(ctx, tmp_path / "on")
    assert found
    for text in found.values():
        assert f"Vår dato:\t{norsk_dato(day)}" in text
        assert ctx.samtale_context(conv)["dato_med_ukedag"] in text
    # The information letter carries every date from the start, also those far ahead: the
    # first parent's (the parents live apart, so only their own; not the first contact,
    # which the journal does not say who took part in).
    letter = next(iter(render(ctx, "informasjonsbrev", tmp_path / "brev").values()))
    text = docx_text(letter)
    for c in ctx.plan.for_part("foreldre"):
        if c.forelder == 0 or (c.forelder is None and not c.hvem_ukjent):
            assert ctx.samtale_context(c)["dato_med_ukedag"] in text


def _case_with_meeting(day: date) -> dict:
    """The example case with the foster family's theme 2 set in the journal on this day."""
    case = canonical_case()
    case["samtaler"] = [s for s in case["samtaler"] if s["part"] != "fosterfamilien"] + [
        {"part": "fosterfamilien", "tema": 1, "nummer": 1, "dato": "2026-10-19",
         "status": "gjennomfort"},
        {"part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": day.isoformat(),
         "klokkeslett": "12:00", "status": "planlagt"},
    ]
    return case


THEME_2 = "Innkallinger/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"


def _export(workspace, case: dict, exported: str) -> None:
    workspace.drop(f"sak-{exported}.json", {**case, "eksportert": exported})


def test_a_moved_date_supersedes_its_invitation(workspace):
    _export(workspace, _case_with_meeting(date(2026, 12, 2)), "2026-11-20")
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    assert "onsdag 2. desember 2026" in docx_text(folder / THEME_2)
    # Moved within the window: the invitation now has the new date, and only that.
    _export(workspace, _case_with_meeting(date(2026, 12, 9)), "2026-11-21")
    workspace.run()
    text = docx_text(folder / THEME_2)
    assert "onsdag 9. desember 2026" in text and "2. desember" not in text
    # Moved past the window: the family has a letter for 9 December, so the new one is
    # made at once, not when its own window opens, and says which letter it replaces.
    _export(workspace, _case_with_meeting(date(2027, 1, 20)), "2026-11-22")
    workspace.run(today=date(2026, 11, 23))
    text = docx_text(folder / THEME_2)
    assert "onsdag 20. januar 2027" in text and "9. desember" not in text
    assert ("Samtalen har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra "
            "22. november 2026.") in text
    (row,) = [r for r in _to_send(workspace) if "Fosterfamilien/Tema 2" in r[2]]
    assert row[4] == datetime(2026, 11, 23)  # to send now


def _edited_invitation(workspace):
    """The foster family's theme 2 invitation, made and then edited by staff: its folder."""
    _export(workspace, _case_with_meeting(date(2026, 12, 2)), "2026-11-20")
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    doc = open_docx(str(folder / THEME_2))
    doc.add_paragraph("Husk parkering bak rådhuset.")
    doc.save(str(folder / THEME_2))
    return folder


def test_an_edited_invitation_whose_date_moved_is_kept_and_its_new_version_named(workspace):
    folder = _edited_invitation(workspace)
    _export(workspace, _case_with_meeting(date(2027, 1, 20)), "2026-11-23")
    workspace.run(today=date(2026, 11, 23))
    assert "Husk parkering" in docx_text(folder / THEME_2)
    # The new letter goes beside it, and the row says to send that one.
    beside = folder / THEME_2.replace(".docx", " (ny versjon).docx")
    assert "onsdag 20. januar 2027" in docx_text(beside)
    (marked,) = [r for r in _to_send(workspace) if r[2] == f"2026-0412/{THEME_2}"]
    assert marked[6] == (
        "Send den nye versjonen som ligger ved siden av: «Tema 2 - Samvær og samarbeid (ny "
        "versjon).docx». Denne kopien er endret av noen og viser ikke det som står i saken nå.")


def test_an_edited_invitation_whose_conversation_was_held_is_marked_not_to_send(workspace):
    folder = _edited_invitation(workspace)
    case = _case_with_meeting(date(2026, 12, 2))
    case["samtaler"][-1]["status"] = "gjennomfort"
    _export(workspace, case, "2026-12-03")
    workspace.run(today=date(2026, 12, 3))
    assert "Husk parkering" in docx_text(folder / THEME_2)
    marked = [r for r in _to_send(workspace) if r[2] == f"2026-0412/{THEME_2}"]
    assert len(marked) == 1 and marked[0][6].startswith("Ikke send:")
    # A kept letter names whom to ask about it too, as the letters made do.
    (kept,) = [r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
               if r[2] == f"2026-0412/{THEME_2}"]
    assert kept[-1] == "Ingrid Bakke & Berg"


LIST_HEADER = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
               "Sendt", "Samtaledato", "Kontaktperson")
"""The columns of Til utsending.xlsx."""
EARLIER_HEADERS = (LIST_HEADER[:8], LIST_HEADER[:5] + ("Sendes",) + LIST_HEADER[6:8])
"""The columns as releases before this one named them (up to «Sendt»; «Sendes»)."""


def _to_send(workspace) -> list[tuple]:
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    header = next(i for i, row in enumerate(rows)
                  if row == LIST_HEADER or row in EARLIER_HEADERS)
    # Up to Sendt: the contact person is test_the_list_names_whom_to_ask_of_each_letter's.
    return [r[:8] for r in rows[header + 1:] if r[0]]


def test_send_by_is_a_working_day_when_the_list_is_made_on_a_sunday(workspace):
    assert TODAY.weekday() == 6  # Sunday 22 November 2026
    workspace.in_use_since(date(2026, 10, 1))  # the case is new to a running service
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    by_send_by = {}
    for row in _to_send(workspace):
        by_send_by.setdefault(row[4].date(), []).append(row[2])
    # The invitations due now: Monday, the first day the office can send them (Friday has
    # passed). The information letters, made today, go with the first invitation of their
    # reader (not a week later, after the meeting they present).
    assert sorted(by_send_by) == [date(2026, 11, 23)]
    assert {"Informasjonsbrev" in name for name in by_send_by[date(2026, 11, 23)]} == {
        True, False}


def test_send_by_moves_off_weekends_and_holidays():
    # An office that keeps no closed periods of its own: weekends and public holidays only.
    open_days = WorkCalendar.from_settings(config.Schedule(
        closed_christmas=False, closed_easter_week=False, summer_weeks=[]))
    friday, saturday, sunday = date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)
    assert sending.send_by(sunday, friday, open_days) == friday  # back to the day before
    assert sending.send_by(sunday, saturday, open_days) == date(2026, 11, 23)  # Friday passed
    assert sending.send_by(friday, sunday, open_days) == date(2026, 11, 23)  # overdue: next
    assert sending.send_by(date(2026, 12, 10), sunday, open_days) == date(2026, 12, 10)
    # Easter Monday 2027 (29 March): back past the Easter holidays to Wednesday 24 March.
    assert sending.send_by(date(2027, 3, 29), date(2027, 3, 1), open_days) == date(2027, 3, 24)
    # Boxing Day 2026 is a Saturday, and the run is on it: Monday 28 December.
    assert sending.send_by(date(2026, 12, 26), date(2026, 12, 26),
                           open_days) == date(2026, 12, 28)


def test_send_by_keeps_out_of_the_offices_own_closed_days():
    """The calendar the planner sets meetings by: [schedule] closed periods and extra days."""
    open_days = WorkCalendar.from_settings(config.Schedule(extra_closed_days=["2026-12-10"]))
    sunday = date(2026, 11, 22)
    assert sending.send_by(date(2026, 12, 10), sunday, open_days) == date(2026, 12, 9)
    # Easter week closed (the default): back to Friday 19 March.
    assert sending.send_by(date(2027, 3, 29), date(2027, 3, 1), open_days) == date(2027, 3, 19)
    # Due on 2 January, in the Christmas closing: the last day before it, 23 December...
    assert sending.send_by(date(2027, 1, 2), date(2026, 12, 22), open_days) == date(2026, 12, 23)
    # ...or, when that has passed (a run in the closing), the first day after: 4 January.
    assert sending.send_by(date(2027, 1, 2), date(2026, 12, 28), open_days) == date(2027, 1, 4)
    assert sending.send_by(date(2026, 12, 26), date(2026, 12, 26), open_days) == date(2027, 1, 4)
    # Unless the letter cannot wait that long: an invitation made on Monday 12 July 2027, in
    # the summer closing (weeks 28-30), for a conversation on Monday 2 August. The office
    # opens that day; the letter is due on 19 July, a working day, and stays so.
    assert sending.send_by(date(2027, 7, 19), date(2027, 7, 12), open_days) == date(2027, 8, 2)
    assert sending.send_by(date(2027, 7, 19), date(2027, 7, 12), open_days,
                           last=date(2027, 8, 1)) == date(2027, 7, 19)


def test_send_by_on_the_list_made_before_christmas_is_before_the_closing(workspace):
    """A run on Tuesday 22 December: the information letters, made today, are due within a
    week, on Tuesday 29 December, when the office is closed for Christmas ([schedule]
    closed_christmas, the default). The list asks for them the day before the closing."""
    _in_use_since_december(workspace)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 12, 22))
    rows = _to_send(workspace)
    letters = {r[1]: r for r in rows if "Informasjonsbrev" in r[2] and r[0] == "2026-0412"}
    assert letters["Forelder (far)"][4].date() == date(2026, 12, 23)
    # The mother's goes with the invitation to her first conversation after the closing,
    # which is due now: the letter presenting the programme does not come after it.
    mother = [r[4].date() for r in rows if r[1] == "Forelder (mor)" and "/Innkallinger/" in r[2]]
    assert letters["Forelder (mor)"][4].date() == min(mother) == date(2026, 12, 22)
    open_days = WorkCalendar.from_settings(workspace.settings().schedule)
    assert all(open_days.is_working_day(r[4].date()) for r in rows if r[4]), rows


def test_send_by_on_the_list_skips_the_offices_extra_closed_days(workspace):
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[schedule]\nextra_closed_days = ["2026-12-23"]\n')
    _in_use_since_december(workspace)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 12, 22))
    letters = [r for r in _to_send(workspace) if "Informasjonsbrev" in r[2]
               and r[0] == "2026-0412"]
    assert len(letters) == 2 and {r[4].date() for r in letters} == {date(2026, 12, 22)}


def _in_use_since_december(workspace) -> None:
    """The service began on 1 December with another case: a case first exported later has
    its late letters listed with a "Send innen" (not as possibly sent before it began)."""
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-30"
    workspace.drop("ny.json", fresh)
    workspace.run(date(2026, 12, 1))


def test_til_utsending_lists_exactly_the_letters_due(workspace):
    workspace.in_use_since(date(2026, 10, 1))  # the case is new to a running service
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    rows = _to_send(workspace)
    on_disk = {f"2026-0412/{p.relative_to(folder).as_posix()}"
               for p in folder.glob("Innkallinger/**/*.docx")}
    listed = {r[2] for r in rows}
    # Every invitation in the folder is to be sent now, and so are the information letters:
    # the programme started 14. september, but the case was first exported today, to a
    # service already running, so they were made today (tests/test_late_letter.py has more).
    letters = {f"2026-0412/{p.name}" for p in folder.glob("02 Informasjonsbrev*.docx")}
    assert len(letters) == 2 and listed == on_disk | letters
    assert any("/Tema 0 - " in r[2] for r in rows) and any("/Tema 2 - " in r[2] for r in rows)
    for sak, mottaker, document, dated, send_by, how, note, sent in rows:
        # The move follow-up's next contacts: the journal has not registered them, so the
        # program proposed their times and their letters invite (not confirm); one on
        # Monday cannot go out before its day, and one later this week is too close to
        # answer (tests/test_move_followup_letters.py).
        # The information letters, sent a day or two before the parents' first
        # conversations, say so too (helper 188).
        proposed = "/Tema 0 - " in document
        assert sak == "2026-0412"
        assert dated.date() == date(2026, 11, 22)  # the letters' own date: made today
        if proposed:
            assert note.startswith(("Foreslår en tid som ikke er avtalt ennå (",
                                    "Kort varsel: samtalen er ")), note
        elif document in letters:
            assert note.startswith("Kort varsel: neste samtale er "), note
        else:
            assert note is None
        assert mottaker in {"Forelder (mor)", "Forelder (far)", "Fosterforeldre"}
        assert how == "Digitalt"
        assert send_by.date() >= date(2026, 11, 22)
        assert sent is None  # nothing marked as sent yet
        # Roles, never names.
        for name in ("Sofie", "Camilla", "Ahmad", "Kari", "Øvrebø"):
            assert name not in mottaker
    # A case that started this week has its information letters on the list.
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    workspace.drop("ny.json", fresh)
    workspace.run()
    letters = [r for r in _to_send(workspace) if "Informasjonsbrev" in r[2]
               and r[0] == "2026-0999"]
    assert [r[1] for r in letters] == ["Forelder (far)", "Forelder (mor)"]  # by file name
    # Each with the first invitation of its reader, which is due now (not a week after the
    # programme started: the first contact is this week).
    for letter in letters:
        invited = [r[4] for r in _to_send(workspace) if r[0] == "2026-0999"
                   and r[1] == letter[1] and "/Innkallinger/" in r[2]]
        assert letter[4] == min(invited) < datetime(2026, 11, 25), letter
    # Every letter's row is two lines high, so a long path wraps without running into the
    # next row (LibreOffice does not fit the rows' height itself).
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    for row in range(1, sheet.max_row + 1):
        if str(sheet.cell(row, 3).value or "").endswith(".docx"):
            assert (sheet.row_dimensions[row].height or 0) >= 30, row


def test_an_information_letter_made_late_goes_with_the_first_invitation_it_lists(workspace):
    """A case first exported months after the placement, to a running service: the
    information letters are made today. Staff follow «Send innen»: each letter goes out with
    its reader's first invitation, and is listed just before it, so the letter presenting
    the programme never comes after the first meeting it lists (a week later, as before)."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    rows = _to_send(workspace)
    letters = [r for r in rows if "/02 Informasjonsbrev" in r[2]]
    assert {r[1] for r in letters} == {"Forelder (mor)", "Forelder (far)"}
    for letter in letters:
        who = letter[1].split("(")[1].rstrip(")")
        first = min((r for r in rows if r[2].startswith("2026-0412/Innkallinger/Foreldre/")
                     and r[2].endswith(f" - {who}.docx")), key=lambda r: (r[4], rows.index(r)))
        assert letter[4] == first[4] == datetime(2026, 11, 23), (letter, first)
        assert rows.index(letter) < rows.index(first)


@pytest.mark.parametrize("days_before", [20, 21])
def test_an_information_letter_made_at_the_end_of_the_first_weeks_stays_a_week(
        workspace, days_before):
    """A case first exported on the last days of the programme's first weeks (here 21
    days, invitation_days_before): its information letters, never sent, stayed on the
    list until the end of those weeks, one day or two (helper 104: 2026-0655's were gone
    the next day). Now a week from the day they were made."""
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case(journalnummer="2026-0998", samtaler=[], vurderinger=[])
    case["plassering"]["startdato"] = (TODAY - timedelta(days=days_before)).isoformat()
    workspace.drop("sak.json", case)
    workspace.run(TODAY)

    def letters() -> list[tuple]:
        return [r for r in _to_send(workspace) if "/02 Informasjonsbrev" in r[2]]

    made = letters()
    assert len(made) == 2 and all(r[3].date() == TODAY for r in made)
    # Due by the first invitation of its reader, at most a week after it was made (not a
    # week after the placement, before it was made: helper 105).
    assert all(TODAY <= r[4].date() <= TODAY + timedelta(days=7) for r in made), made
    for later in (1, 7):
        workspace.run(TODAY + timedelta(days=later))
        assert [r[2] for r in letters()] == [r[2] for r in made], later
    # Then no longer to send: never marked as sent, each stays to check whether it was
    # (helper 203: it left the list, and nobody knew whether the parents were informed).
    workspace.run(TODAY + timedelta(days=8))
    assert [r[2] for r in letters()] == [r[2] for r in made]
    # (Not to send as it is, «Ikke send: …»: the conversation it names has passed.)
    assert all("ikke merket som sendt" in r[6].lower() for r in letters()), letters()
    from .test_sent_marks import _mark  # (it builds on this module)

    _mark(workspace.outbox / sending.FILE_NAME, {r[2]: "x" for r in made})
    workspace.run(TODAY + timedelta(days=9))
    assert letters() == []


def test_a_letter_listed_again_on_a_later_day_shows_the_date_it_was_made(workspace):
    """A letter stays on the list until the day before its conversation, and once its
    «Send innen» has passed that column says the day the list is made: the letter's own
    date (Brevdato, «Vår dato» in it) tells staff which letters are new since they last
    sent, and which they sent before."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    first = {r[2]: r for r in _to_send(workspace)}
    later = TODAY + timedelta(days=9)
    workspace.run(later)
    # (Not the invitations for conversations gone by while no list was made, nobody having
    # marked them: listed not to send, to check: test_sending_day_missed.)
    again = {r[2]: r for r in _to_send(workspace)
             if not str(r[6] or "").startswith("Ikke send: brevet er ikke merket som sendt")}
    kept = [name for name in again if name in first]
    new = [name for name in again if name not in first]
    assert kept and new
    for name in kept:
        assert again[name][3].date() == TODAY, name
        assert f"Vår dato:\t{norsk_dato(TODAY)}" in docx_text(workspace.outbox / name)
    for name in new:
        assert again[name][3].date() == later, name


def test_a_letter_with_gaps_is_listed_as_not_to_send_with_what_it_lacks(workspace):
    """The office must not post a letter to «[mangler: navn på foreldrene]»: its row says
    what is missing, as the letter shows it (a few gaps named, many counted and mangler.txt
    pointed to); a complete case's letters are to send."""
    workspace.drop_example("bvr-modulus-2026-0587.xml")  # no names in this export
    case = canonical_case()
    case["foreldre"][0]["adresse"] = None  # one gap in an otherwise complete case
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    rows = _to_send(workspace)
    for row in [r for r in rows if r[2].startswith("2026-0587/")]:
        text = docx_text(workspace.outbox / row[2])
        count = len(set(MISSING_RE.findall(text)))
        assert count > 3 and row[6].startswith(
            f"Ikke send: brevet mangler {count} opplysninger (se mangler.txt i saksmappen)."), row
    one_gap = [r for r in rows if r[2].startswith("2026-0412/")]
    assert one_gap
    for row in one_gap:
        gaps = set(MISSING_RE.findall(docx_text(workspace.outbox / row[2])))
        if gaps:
            assert gaps == {"adresse til mor"}
            assert row[6].startswith("Ikke send: brevet mangler adresse til mor. "
                                     "Fyll inn i fagsystemet"), row
        else:
            assert not (row[6] or "").startswith("Ikke send"), row
    assert any(r[6] and r[6].startswith("Ikke send") for r in one_gap)


def test_a_letter_not_to_send_of_a_case_not_exported_for_long_still_says_so_first(workspace):
    """The list colours a row yellow by its first words, «Ikke send:»: a case whose newest
    export is old had «Sjekk i fagsystemet før brevet sendes: …» in front of them, which
    read as a letter to check and send, and lost the colour (helper 166, 10 January). Nor
    does it go on to say what to check «før brevet sendes» (helper 193): it is not to be
    sent; the letters of the case to send say it."""
    case = canonical_case(eksportert="2026-11-01")
    case["foreldre"][0]["adresse"] = None
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    held = [r for r in _to_send(workspace) if "adresse til mor" in (r[6] or "")]
    assert held, "the mother's letters lack her address"
    stale = "den siste eksporten av saken er fra 1. november 2026"
    for row in held:
        assert row[6].startswith("Ikke send: brevet mangler adresse til mor."), row
        assert stale not in row[6] and "før brevet sendes:" not in row[6], row
    others = [r for r in _to_send(workspace) if r[0] == "2026-0412" and r not in held]
    assert others and all(stale in (r[6] or "") for r in others), others


def test_the_letters_to_send_come_first_then_those_to_check_and_those_not_to_send(workspace):
    """Staff read the list from the top: the letters to send first (by «Send innen», case,
    document), then those to check in the journal, then those not to send now; not the
    «Ikke send» rows scattered among them by date."""
    workspace.drop_example("bvr-modulus-2026-0587.xml")  # no names: not to send
    workspace.drop("sak.json", canonical_case())
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    rows = _to_send(workspace)
    parts = ["ikke" if (r[6] or "").startswith("Ikke send") else
             "sjekk" if (r[6] or "").startswith("Kan være sendt") else "send" for r in rows]
    assert parts == sorted(parts, key=["send", "sjekk", "ikke"].index), parts
    assert {"send", "sjekk", "ikke"} <= set(parts)
    sending_part = [r for r, p in zip(rows, parts, strict=True) if p == "send"]
    assert sending_part == sorted(sending_part, key=lambda r: (r[4], r[0], r[2]))


def _service_as_exported(workspace) -> None:
    """The workspace's [service] naming the service as the exports do, its address, phone
    and e-mail left to them (rendering/context.service_of): a case whose export lacks the
    service's phone or e-mail then has none."""
    lines = workspace.config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    workspace.config_file.write_text("".join(
        line.replace("i Testvik", "i Fjordvik") for line in lines
        if line.split(" = ")[0] not in context.CONTACT_KEYS), encoding="utf-8")


SERVICE_EMAIL = {
    "bokmal": "E-post til kontaktpersonen mangler i eksporten: brevet viser e-postadressen til "
              "tjenesten i stedet.",
    "nynorsk": "E-post til kontaktpersonen manglar i eksporten: brevet viser e-postadressa til "
               "tenesta i staden.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_lacking_only_the_contact_persons_email_shows_the_services(workspace,
                                                                             malform):
    """A re-export cannot come before tomorrow's meeting: a letter whose only gap is the
    contact person's e-mail shows the service's own ([service] or the export's tjeneste)
    and is to send, its row saying so. A letter lacking what truly blocks it (the parent's
    address) stays «Ikke send»; so does one without any e-mail when the service has none."""
    _service_as_exported(workspace)
    workspace.in_malform(malform)
    case = canonical_case()
    case["kontaktperson"].pop("epost")
    case["foreldre"][0]["adresse"] = None  # the mother's letters cannot be posted
    workspace.drop("sak.json", case)
    no_email = canonical_case(journalnummer="2026-0413")
    no_email["kontaktperson"].pop("epost")
    no_email["tjeneste"].pop("epost")
    workspace.drop("uten.json", no_email)
    workspace.run(TODAY)
    rows = [r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
            if str(r[2] or "").endswith(".docx")]
    hold = "Ikkje send:" if malform == "nynorsk" else "Ikke send:"
    mother = [r for r in rows if r[0] == "2026-0412" and "mor" in r[1]]
    others = [r for r in rows if r[0] == "2026-0412" and "mor" not in r[1]]
    assert mother and others
    assert all(r[6].startswith(hold) and "e-post" not in r[6] for r in mother), mother
    for row in others:
        assert not (row[6] or "").startswith(hold), row
        assert row[6].endswith(SERVICE_EMAIL[malform]), row
        text = docx_text(workspace.outbox / row[2])
        assert "barnevern@fjordvik.kommune.example" in text and "[mangl" not in text, row[2]
    blocked = [r for r in rows if r[0] == "2026-0413"]
    assert blocked and all(r[6].startswith(hold) for r in blocked)


SERVICE_PHONE = {
    "bokmal": ("Telefon til kontaktpersonen mangler i eksporten: brevet viser sentralbordet "
               "til tjenesten i stedet.",
               "Telefon og e-post til kontaktpersonen mangler i eksporten: brevet viser "
               "sentralbordet og e-postadressen til tjenesten i stedet."),
    "nynorsk": ("Telefon til kontaktpersonen manglar i eksporten: brevet viser sentralbordet "
                "til tenesta i staden.",
                "Telefon og e-post til kontaktpersonen manglar i eksporten: brevet viser "
                "sentralbordet og e-postadressa til tenesta i staden."),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_lacking_the_contact_persons_phone_shows_the_services_switchboard(
        workspace, malform):
    """The SSB export and many journals carry no phone number for the contact person: the
    letters give the service's own, marked as the switchboard, and are to send, their rows
    saying so (with the e-mail too when that is missing as well). The team leader's Avvik
    sheet does not call such letters held back; without the service's number it does."""
    _service_as_exported(workspace)
    workspace.in_malform(malform)
    case = canonical_case()
    case["kontaktperson"].pop("telefon")
    workspace.drop("sak.json", case)
    both = canonical_case(journalnummer="2026-0413")
    both["kontaktperson"].pop("telefon")
    both["kontaktperson"].pop("epost")
    workspace.drop("begge.json", both)
    none = canonical_case(journalnummer="2026-0414")
    none["kontaktperson"].pop("telefon")
    none["tjeneste"].pop("telefon")
    workspace.drop("ingen.json", none)
    workspace.run(TODAY)
    rows = [r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
            if str(r[2] or "").endswith(".docx")]
    hold = "Ikkje send:" if malform == "nynorsk" else "Ikke send:"
    for journal, note in (("2026-0412", SERVICE_PHONE[malform][0]),
                          ("2026-0413", SERVICE_PHONE[malform][1])):
        letters = [r for r in rows if r[0] == journal]
        assert letters
        for row in letters:
            assert row[6].endswith(note) and not row[6].startswith(hold), row
            text = docx_text(workspace.outbox / row[2])
            assert "55 00 12 00 (sentralbord)" in text and "[mangl" not in text, row[2]
            # The reference line's label does not call the switchboard a direct number.
            assert "Telefon:\t55 00 12 00 (sentralbord)" in text, row[2]
            assert "Direkte" not in text, row[2]
    blocked = [r for r in rows if r[0] == "2026-0414"]
    assert blocked and all(r[6].startswith(hold) for r in blocked), blocked
    said = "kan ikkje sendast" if malform == "nynorsk" else "kan ikke sendes"
    avvik = {r[0] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
             if said in str(r[2] or "")}
    assert avvik == {"2026-0414"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_child_told_to_call_the_switchboard_is_told_whom_to_ask_for(tmp_path, malform):
    """An older child's invitation says «ring meg» with the contact person's own number; on
    the service's switchboard «ring oss», and whom to ask for there (a reader's finding: the
    writer asked to be asked for by name, «ring meg … og spør etter» herself)."""
    case = canonical_case()
    case["barn"] = {**case["barn"], "fodselsdato": "2010-04-30"}
    own = [t for n, t in texts(case_context(case).in_malform(malform), "innkalling",
                               tmp_path / "own").items() if "/Barnet/" in n]
    case["kontaktperson"].pop("telefon")
    board = [t for n, t in texts(case_context(case).in_malform(malform), "innkalling",
                                 tmp_path / "board").items() if "/Barnet/" in n]
    assert own and board
    said = {"bokmal": "eller ring oss på 55 00 12 00 (sentralbord) og spør etter Ingrid Bakke "
                      "& Berg, så finner vi en annen tid.",
            "nynorsk": "eller ring oss på 55 00 12 00 (sentralbord) og spør etter Ingrid "
                       "Bakke & Berg, så finn vi ei anna tid."}[malform]
    assert all(said in text for text in board)
    assert all("ring meg på 55 00 12 34, så finn" in text and "spør etter" not in text
               for text in own)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_parents_and_foster_parents_told_to_call_the_switchboard_are_told_whom_to_ask_for(
        tmp_path, malform):
    """A reader's finding: the letters to the parents and the foster parents said «Du når meg
    på 55 00 12 00 (sentralbord) eller …», where the child's says whom to ask for there.
    Every invitation says it now (at short notice too), and so does the renewed offer to a
    parent who declined. With the contact person's own number, nothing more."""
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False

    def letters(case, folder):
        found = {n: " ".join(t.split()) for kind in ("innkalling", "nytt_tilbud")
                 for n, t in texts(case_context(case).in_malform(malform), kind,
                                   tmp_path / folder / kind).items()}
        assert any("/Foreldre/" in n for n in found) and any("/Fosterfamilien/" in n
                                                             for n in found)
        assert any("til foster" in n for n in found)  # a younger child's, to the foster home
        assert any("/" not in n for n in found)  # the renewed offer
        return found

    # «Ring meg på …», or at short notice «Ring meg så snart du kan på …»; on the
    # switchboard «Ring oss …», never «ring meg … og spør etter» the writer.
    call = r"Ring {} (så snart (du|dere|de) kan )?på "
    for name, text in letters(case, "own").items():
        assert re.search(call.format("meg") + "55 00 12 34", text), name
        assert "spør etter" not in text, name
    case["kontaktperson"].pop("telefon")
    for name, text in letters(case, "board").items():
        assert "Ring meg" not in text, name
        board = re.escape("55 00 12 00 (sentralbord) og spør etter Ingrid Bakke & Berg")
        assert re.search(call.format("oss") + board, text), name
    assert "eller send e-post til ingrid.bakke@fjordvik.kommune.example" in text


def test_a_letter_not_to_send_stays_yellow_when_its_send_by_has_passed(workspace):
    """The list is opened on later days too: a row whose «Send innen» has passed turns red
    (send it now), but one not to send keeps its own colour, and one marked as sent stays
    green. Excel and LibreOffice apply the first rule that holds (stopIfTrue), in priority
    order."""
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rules = sorted((rule for entry in sheet.conditional_formatting for rule in entry.rules),
                   key=lambda rule: rule.priority)
    assert all(rule.stopIfTrue for rule in rules)
    formulas = [rule.formula[0] for rule in rules]
    sent = formulas.index('$H6<>""')
    not_to_send = next(i for i, f in enumerate(formulas) if '"Ikke send:"' in f)
    late = next(i for i, f in enumerate(formulas) if "TODAY()" in f)
    assert sent < not_to_send < late, formulas


def _edit_letter(path, placeholder: str, by: str, added: str = "") -> None:
    """As a caseworker in Word: the placeholder replaced, a sentence added at the end."""
    letter = open_docx(str(path))
    cells = [p for t in letter.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for paragraph in [*letter.paragraphs, *cells]:
        for run in paragraph.runs:
            run.text = run.text.replace(placeholder, by)
    if added:
        letter.add_paragraph(added)
    letter.save(str(path))


def _notes_next_day(workspace) -> dict[str, str]:
    """The list's notes by document after the next day's run."""
    workspace.run(TODAY + timedelta(days=1))
    return {r[2]: r[6] for r in _to_send(workspace)}


def _held_back_letters(workspace) -> list[tuple]:
    case = canonical_case()
    case["fosterfamilie"]["adresse"] = None  # the foster family's letters lack their address
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    held = [r for r in _to_send(workspace) if (r[6] or "").startswith("Ikke send: brevet")]
    assert len(held) > 1
    held.sort(key=lambda r: "Tema 0" in r[2])  # the next day's move contact leaves the list
    return held


def test_a_letter_whose_gap_was_filled_in_by_hand_is_listed_to_send(workspace):
    """The caseworker writes the missing address into the letter itself: the next list no
    longer holds it back, it says it was filled in by hand and asks to look it over; the
    letter is left as the caseworker saved it."""
    held = _held_back_letters(workspace)
    path = workspace.outbox / held[0][2]
    _edit_letter(path, "[mangler: adresse til fosterhjemmet]", "Storgata 1")
    assert "[mangler:" not in docx_text(path)
    saved = path.read_bytes()
    rows = _notes_next_day(workspace)
    assert rows[held[0][2]] == (
        "Fylt ut for hånd: brevet manglet adresse til fosterhjemmet, og [mangler: …] er "
        "fjernet fra brevet i saksmappen. Se over at det som manglet, står i brevet før det "
        "sendes.")
    others = [r for r in held[1:] if r[2] in rows]
    assert others and all(rows[r[2]].startswith("Ikke send: brevet") for r in others)
    assert path.read_bytes() == saved
    book = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    counts = " ".join(str(c) for row in book.iter_rows(max_row=5, values_only=True)
                      for c in row if c)
    # (With the invitations for today nobody marked as sent, listed once more: helper 312.)
    not_to_send = [n for n in rows.values() if n and n.startswith("Ikke send:")]
    assert f"{len(not_to_send)} skal ikke sendes nå" in counts, counts


def test_a_letter_whose_placeholder_was_only_deleted_is_not_said_to_be_filled_in(workspace):
    """The caseworker deletes «[mangler: adresse til fosterhjemmet]» and writes nothing in
    its place (to fill it in later). Nothing tells the program whether the address is there:
    the row asks to see that it is, and does not say it was filled in."""
    held = _held_back_letters(workspace)
    path = workspace.outbox / held[0][2]
    _edit_letter(path, "[mangler: adresse til fosterhjemmet]", "")
    workspace.run(TODAY + timedelta(days=1))
    note = {r[2]: r[6] for r in _to_send(workspace)}[held[0][2]]
    assert "fylt inn" not in note
    assert "Se over at det som manglet, står i brevet før det sendes." in note


def test_a_letter_saved_in_a_form_whose_text_is_not_read_stays_held_back(workspace):
    """Saved by Word as «Strict Open XML» (still .docx), the letter's text is in another
    namespace and reads as no text at all: that is not a letter filled in by hand, and its
    «[mangler: adresse til fosterhjemmet]» is still in it. It stays «Ikke send»."""
    held = _held_back_letters(workspace)
    path = workspace.outbox / held[0][2]
    _edit_letter(path, "Ingen", "Ingen")  # edited: the ledger no longer knows its bytes
    transitional = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, data.replace(transitional, strict))
    workspace.run(TODAY + timedelta(days=1))
    note = {r[2]: r[6] for r in _to_send(workspace)}[held[0][2]]
    assert note.startswith("Ikke send:"), note
    assert "adresse til fosterhjemmet" in note


def test_a_letter_edited_with_its_gap_still_in_it_stays_held_back(workspace):
    """The caseworker edits the letter (a sentence added) but the address is still
    «[mangler: …]» in it: it stays yellow «Ikke send», saying what it still lacks, not a
    letter to send with a placeholder for its address."""
    held = _held_back_letters(workspace)
    path = workspace.outbox / held[0][2]
    _edit_letter(path, "[mangler: adresse til fosterhjemmet]",
                 "[mangler: adresse til fosterhjemmet]", added="Ta med skolesekken.")
    assert "Ta med skolesekken." in docx_text(path)
    saved = path.read_bytes()
    rows = _notes_next_day(workspace)
    assert rows[held[0][2]] == (
        "Ikke send: brevet er endret i saksmappen, men mangler fortsatt adresse til "
        "fosterhjemmet. Fyll det inn i brevet der det står [mangler: …], eller fyll det inn i "
        "fagsystemet og eksporter saken på nytt.")
    assert path.read_bytes() == saved


def test_an_edited_held_letter_points_to_the_complete_new_version_after_a_new_export(workspace):
    """Edited with the gap still in it, then the address is registered in the journal: the
    new export's letter goes beside the edited copy, which is left as it was, and the row
    says to send the new one, not «Ikke send» for what the copy lacks."""
    held = _held_back_letters(workspace)
    path = workspace.outbox / held[0][2]
    _edit_letter(path, "[mangler: adresse til fosterhjemmet]",
                 "[mangler: adresse til fosterhjemmet]", added="Ta med skolesekken.")
    saved = path.read_bytes()
    workspace.drop("sak.json", canonical_case())  # with the foster family's address
    rows = _notes_next_day(workspace)
    newer = path.with_name(f"{path.stem} (ny versjon).docx")
    assert "[mangler:" not in docx_text(newer)
    assert rows[held[0][2]] == (
        f"Send den nye versjonen som ligger ved siden av: «{newer.name}». Denne kopien er "
        "endret av noen og viser ikke det som står i saken nå.")
    assert path.read_bytes() == saved


def test_a_letter_changed_in_place_is_seen_though_its_hash_was_kept(workspace, monkeypatch):
    """The hashes of listed letters are kept from one day to the next (store/hashes.py):
    a letter as it was is not read again, but one changed in place, keeping its size and
    modification time, is still seen as changed."""
    monkeypatch.setattr(hashes, "RECENT_NS", -10**12)  # keep even a letter written just now
    read = []
    real = hashes.sha256_file
    monkeypatch.setattr(hashes, "sha256_file", lambda path: read.append(path) or real(path))
    case = canonical_case()
    case["fosterfamilie"]["adresse"] = None  # the foster family's letters lack their address
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    held = [r[2] for r in _to_send(workspace) if (r[6] or "").startswith("Ikke send: brevet")]
    assert len(held) > 1 and len(read) >= len(held)
    read.clear()
    rows = _notes_next_day(workspace)
    still = [name for name in held if name in rows]
    assert still and all(rows[name].startswith("Ikke send: brevet") for name in still)
    assert not {workspace.outbox / name for name in still} & set(read)  # taken as kept
    # One still listed after the next day: not one whose conversation is that day (listed
    # once more then, «… ikke merket som sendt, og samtalen er i dag …», and not made after).
    still.sort(key=lambda name: "ikke merket" in rows[name])
    path = workspace.outbox / still[0]
    info = path.stat()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # the same size, other bytes
    with open(path, "r+b") as handle:  # in place: the same file
        handle.write(data)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_ino == info.st_ino and path.stat().st_mtime_ns == info.st_mtime_ns
    workspace.run(TODAY + timedelta(days=2))
    rows = {r[2]: r[6] for r in _to_send(workspace)}
    # (The bytes changed, not the text: it still shows «[mangler: …]», and is held back.)
    assert rows[still[0]].startswith("Ikke send: brevet er endret i saksmappen, men mangler "
                                     "fortsatt adresse til fosterhjemmet")
    assert all(rows[name].startswith("Ikke send: brevet") for name in still[1:] if name in rows)


def test_a_damaged_file_of_kept_hashes_costs_only_reading_the_letters(workspace):
    case = canonical_case()
    case["fosterfamilie"]["adresse"] = None  # the foster family's letters lack their address
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    before = _to_send(workspace)
    kept = workspace.state / rows.FOLDER / sending.HASHES
    kept.write_text('{"2026-0412/Innkallinger/x.docx": [1, 2', encoding="utf-8")
    (workspace.state / sending.MARKER).unlink()  # the list is made again the same day
    workspace.run(TODAY)
    assert _to_send(workspace) == before


def test_letters_kept_in_a_case_folder_are_found_as_a_glob_finds_them(tmp_path):
    """sending._docx_under lists what sorted(Path.rglob("*.docx")) did, in its order."""
    letters = tmp_path / "Innkallinger"
    for name in ("Foreldre/Tema 1.docx", "Foreldre/Tema 10.docx", "Foreldre/Tema 2.DOCX",
                 "Felles møte/a b.docx", "Barnet/notat.txt", "Å/z.docx", "b.docx",
                 ".skjult/c.docx", "Foreldre/under/d.docx"):
        (letters / name).parent.mkdir(parents=True, exist_ok=True)
        (letters / name).write_text("x")
    (letters / "mappe.docx").mkdir()
    (letters / "lenke").symlink_to(letters / "Foreldre")  # a linked folder: not looked in
    (letters / "lenke.docx").symlink_to(letters / "b.docx")
    expected = [p.relative_to(tmp_path).as_posix() for p in sorted(letters.rglob("*.docx"))]
    assert len(expected) == 9
    assert sending._docx_under(letters, "Innkallinger") == expected
    assert sending._docx_under(tmp_path / "ingen", "ingen") == []


def test_a_held_letter_whose_meeting_is_near_asks_the_contact_person_to_call(workspace):
    """A letter held back for what it lacks gives its reader no notice at all: when its
    conversation is as near as a letter needs (post_days, short_notice_days), its row says
    who must tell the reader meanwhile; the office cannot send it."""
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    fresh["foreldre"][0]["adresse"] = None
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    held = [r for r in _to_send(workspace) if "adresse til mor" in (r[6] or "")]
    assert held
    calls = [re.search(r"(?:Neste samtale|Samtalen) er (\d+\. \w+ 2026): be "
                       r"kontaktpersonen ringe mottakeren om (?:tiden|den) mens brevet venter\.$",
                       r[6]) for r in held]
    assert any(calls), [r[6] for r in held]
    for found in filter(None, calls):
        day = next(TODAY + timedelta(days=n) for n in range(10)
                   if norsk_dato(TODAY + timedelta(days=n)) == found.group(1))
        assert day <= TODAY + timedelta(days=7)
    others = [r for r in _to_send(workspace) if not (r[6] or "").startswith("Ikke send")]
    assert others and not any("mens brevet venter" in (r[6] or "") for r in others)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_held_letter_in_a_case_without_a_contact_person_asks_the_leader(workspace, malform):
    """No contact person in the journal (the Avvik sheet asks the leader to assign one):
    nobody to ask to call, so the held letter's row asks the leader to see that someone
    does, in the case's standard."""
    workspace.in_malform(malform)
    fresh = canonical_case(journalnummer="2026-0998", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    fresh.pop("kontaktperson")
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    rows = [r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
            if r[0] == "2026-0998" and str(r[2] or "").endswith(".docx")]
    said = {"bokmal": r"(?:Neste samtale|Samtalen) er \d+\. \w+ 2026, og saken har ingen "
                      r"kontaktperson: be lederen sørge for at noen ringer mottakeren om "
                      r"(?:tiden|den) mens brevet venter\.$",
            "nynorsk": r"(?:Neste samtale|Samtalen) er \d+\. \w+ 2026, og saka har ingen "
                       r"kontaktperson: be leiaren sjå til at nokon ringjer mottakaren om tida "
                       r"medan brevet ventar\.$"}[malform]
    assert any(re.search(said, r[6] or "") for r in rows), [r[6] for r in rows]
    assert not any("be kontaktpersonen ring" in (r[6] or "") for r in rows)


def test_the_list_names_whom_to_ask_of_each_letter_and_the_day_it_is_for(workspace):
    """«Be kontaktpersonen ringe mottakeren»: staff saw the case's number, not whom to ask,
    nor the day of the conversation (helper 99, reading as the team leader). Each row names
    the case's contact person, as Saksoversikt does, and a case without one says so, never
    a blank; and the day of the conversation the letter is for, as the letter says it (an
    information letter: the first it lists)."""
    workspace.drop("sak.json", canonical_case())
    fresh = canonical_case(journalnummer="2026-0998", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    fresh.pop("kontaktperson")
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    header = rows.index(LIST_HEADER)
    contact = {r[0]: set() for r in rows[header + 1:] if r[0]}
    for r in rows[header + 1:]:
        if r[0]:
            contact[r[0]].add(r[-1])
    assert contact == {"2026-0412": {"Ingrid Bakke & Berg"},
                       "2026-0998": {"(ingen kontaktperson registrert)"}}
    day = LIST_HEADER.index("Samtaledato")
    letters = [r for r in rows[header + 1:] if r[0]]
    assert len(letters) >= 4 and all(isinstance(r[day], datetime) for r in letters)
    for r in letters:
        text = docx_text(workspace.outbox / r[2])
        assert norsk_dato(r[day].date()) in text, (r[2], r[day])


def test_a_new_version_beside_an_edited_letter_that_lacks_something_is_not_to_send(workspace):
    """Staff typed the missing address into the letter; then its date moved. The new
    version beside it lacks the address again: the row says not to send yet, and where."""
    case = _case_with_meeting(date(2026, 12, 2))
    case["fosterfamilie"]["adresse"] = None
    _export(workspace, case, "2026-11-20")
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    letter = open_docx(str(folder / THEME_2))
    cells = [p for t in letter.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for paragraph in [*letter.paragraphs, *cells]:
        for run in paragraph.runs:
            run.text = run.text.replace("[mangler: adresse til fosterhjemmet]", "Storgata 1")
    letter.save(str(folder / THEME_2))
    case = _case_with_meeting(date(2026, 12, 9))
    case["fosterfamilie"]["adresse"] = None
    _export(workspace, case, "2026-11-24")
    workspace.run(date(2026, 11, 24))
    (row,) = [r for r in _to_send(workspace) if r[2] == f"2026-0412/{THEME_2}"]
    assert row[6] == (
        "Ikke send: datoen eller noe annet i brevet er endret, og den nye versjonen som ligger "
        "ved siden av, «Tema 2 - Samvær og samarbeid (ny versjon).docx», mangler adresse til "
        "fosterhjemmet. Fyll det inn der, eller fyll det inn i fagsystemet og eksporter saken "
        "på nytt. Denne kopien viser ikke det som står i saken nå.")


JOINT_SHORT_NOTICE = {
    "bokmal": "Kort varsel: møtet er 12. januar 2027. Be kontaktpersonen ringe mottakeren og "
              "gi beskjed om møtet, og send brevet likevel.",
    "nynorsk": "Kort varsel: møtet er 12. januar 2027. Be kontaktpersonen ringje mottakaren og "
               "gi beskjed om møtet, og send brevet likevel.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_joint_meeting_invitation_sent_the_day_before_says_kort_varsel(workspace, malform):
    """The joint meeting on Tuesday 12 January 2027 is the planner's time, agreed with
    nobody, and its letter asks for word if the time does not suit. Still on the list on
    Monday the 11th (nobody marked it as sent), a digital invitation leaves its reader no
    time for that ([documents] short_notice_days): the row says «Kort varsel», as a proposed
    contact's does; listed weeks ahead, it has no note."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[documents]\nstale_export_days = 90\n")  # no «Sjekk i fagsystemet»
    workspace.drop("sak.json", canonical_case())
    workspace.run()

    def joint(day: date) -> dict[str, tuple]:
        workspace.run(day)
        rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
        return {r[2]: r for r in rows if "/Felles møte/" in str(r[2] or "")}

    ahead = joint(date(2026, 12, 29))
    assert len(ahead) == 3 and {(r[5], r[6]) for r in ahead.values()} == {("Digitalt", None)}
    late = joint(date(2027, 1, 11))
    assert set(late) == set(ahead)
    assert {r[6] for r in late.values()} == {JOINT_SHORT_NOTICE[malform]}
