"""The information letter says where things stand on the day it is written.

A case first exported weeks after the child moved gets a letter that says when the programme
started, which conversations were held and which come next, instead of promising contact "in
the first weeks" and listing past dates as coming. A letter written at the start reads as it
always did, and keeps reading so on later runs.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.planning.workdays import norsk_dato

from .conftest import (
    TODAY,
    both_parents_took_part,
    canonical_case,
    docx_text,
    mothers_next_conversation_cancelled,
    xlsx_rows,
)
from .doc_helpers import case_context, render
from .test_nynorsk import BOKMAL_ONLY, _words
from .test_sending import _to_send
from .test_sent_marks import _mark

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]
DAY = re.compile(r"(\d{1,2})\. (\w+) (\d{4})")
FIRST_WEEKS = "Jeg tar kontakt med deg de første ukene"


def _day(text: str) -> date:
    d, month, year = DAY.search(text).groups()
    return date(int(year), MONTHS.index(month) + 1, int(d))


def _tables(path) -> dict[tuple[str, ...], list[list[str]]]:
    """The letter's tables of dates by their header row: held (Samtale, Dato) and coming
    (Samtale, Dato, Tid)."""
    found = {}
    for table in open_docx(str(path)).tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][0] == "Samtale":
            found[tuple(rows[0])] = rows[1:]
    return found


def _letters(case, today=TODAY, malform="bokmal", folder=None):
    ctx = case_context(case, today=today, invitation_days_before=21).in_malform(malform)
    return render(ctx, "informasjonsbrev", folder)


def _starting(start: date) -> dict:
    case = canonical_case(samtaler=[], vurderinger=[], oppfolgingsbesok=[])
    case["plassering"]["startdato"] = start.isoformat()
    return case


def test_a_late_letter_says_which_conversations_were_held_and_which_come(tmp_path):
    # The parents live apart: one letter each. Both were at the first contact.
    letters = _letters(both_parents_took_part(canonical_case()), folder=tmp_path)
    assert len(letters) == 2
    for path in letters.values():
        text = docx_text(path)
        assert "første ukene" not in text and "Alle datoene er satt opp" not in text
        assert "Omsorgspakken startet 14. september 2026, da Sofie flyttet." in text
        assert "Denne samtalen har vi allerede hatt:" in text
        assert "Her er datoene for samtalene som gjenstår, slik at du vet hva som kommer." in text
        assert "Jeg ser fram til neste samtale med deg." in text
        tables = _tables(path)
        held = tables[("Samtale", "Dato")]
        assert held == [["Oppfølging i flytteprosessen (samtale 1)", "torsdag 17. september 2026"]]
        coming = tables[("Samtale", "Dato", "Tid")]
        assert len(coming) >= 5
        # The next date said, and the move follow-up's contacts before the monthly themes
        # (no promise to call "before the next conversation", which may be tomorrow).
        assert coming[0][0] == "Oppfølging i flytteprosessen (samtale 2)"
        assert (f"Neste samtale med deg er {coming[0][1]}, og da snakker vi om hvordan du har "
                "det etter flyttingen. Etter det møtes vi til samtaler om ulike temaer, med noen "
                "ukers mellomrom. Hver samtale varer inntil halvannen time.") in text
        assert "tar kontakt med deg før" not in text
        assert all(_day(row[1]) >= TODAY for row in coming), coming
        assert "torsdag 17. september 2026" not in [row[1] for row in coming]


def test_a_late_letter_whose_next_conversation_is_a_theme_says_they_are_monthly(tmp_path):
    """The move follow-up held with the parents: the letter names the next conversation's
    date and the monthly themes, with nothing said of the move follow-up."""
    case = both_parents_took_part(canonical_case())
    case["samtaler"] += [
        {"part": "foreldre", "tema": 0, "nummer": n, "dato": day, "status": "gjennomfort",
         "deltakere": ["Camilla Lindqvist (mor)", "Ahmad Hansen (far)"]}
        for n, day in ((2, "2026-09-24"), (3, "2026-10-01"))]
    for malform, said in (
            ("bokmal", "Neste samtale med deg er {}. Vi møtes til samtaler om ulike temaer, "
                       "med noen ukers mellomrom. Hver samtale varer inntil halvannen time."),
            ("nynorsk", "Neste samtale med deg er {}. Vi møtest til samtalar om ulike tema, "
                        "med nokre vekers mellomrom. Kvar samtale varer inntil halvannan "
                        "time.")):
        for path in _letters(case, malform=malform, folder=tmp_path / malform).values():
            text = docx_text(path)
            tables = _tables(path)
            held = [row[0] for row in tables[("Samtale", "Dato")]]
            assert held == [f"Oppfølging i flytteprosessen (samtale {n})" for n in (1, 2, 3)]
            coming = tables[("Samtale", "Dato", "Tid")]
            assert coming[0][0].startswith("Tema 1:"), coming
            assert said.format(coming[0][1]) in text, text
            assert "Først snak" not in text


def test_a_letter_does_not_say_a_parent_had_a_conversation_the_journal_does_not_give_them(
        tmp_path):
    """The first contact names no parent, nor who took part: neither parent living apart is
    told it was held with them, nor that the conversations begin now (one of them was
    there): the letter says a conversation with the parents was held, and lists the dates
    still to come."""
    for path in _letters(canonical_case(), folder=tmp_path).values():
        text = docx_text(path)
        assert "allerede hatt" not in text and "nå begynner vi samtalene" not in text
        # Either parent may have missed it. Nothing is said of who was there: not «Hvis du
        # ikke var med på den, …», which told a parent who was there that we did not know
        # it, nor a promise to go through what was said there, which may be what the other
        # parent said (readers' findings).
        assert ("Omsorgspakken startet 14. september 2026, da Sofie flyttet, og den første "
                "samtalen med foreldrene var 17. september 2026. Neste samtale med deg er ") \
            in text
        assert "Hvis du ikke var med på den" not in text and "tatt opp da" not in text
        assert "vi hadde" not in text
    for path in _letters(canonical_case(), malform="nynorsk", folder=tmp_path / "nn").values():
        assert ("og den første samtalen med foreldra var 17. september 2026. Neste samtale med "
                "deg er ") in docx_text(path)
        assert "Om du ikkje var med på han" not in docx_text(path)
        assert "Her er datoane for samtalane som står att, slik at du veit kva som kjem." \
            in docx_text(path)
        assert ("Samtale", "Dato") not in _tables(path)
        coming = _tables(path)[("Samtale", "Dato", "Tid")]
        assert coming and all(_day(row[1]) >= TODAY for row in coming)


def test_a_letter_at_the_start_of_the_programme_reads_as_before(tmp_path):
    start = date(2026, 11, 18)
    for path in _letters(_starting(start), today=start + timedelta(days=1),
                         folder=tmp_path).values():
        text = docx_text(path)
        first = _tables(path)[("Samtale", "Dato", "Tid")][0][1]
        assert (f"{FIRST_WEEKS} for å bli kjent og høre hvordan du har det, første gang "
                f"{first}. Etter det møtes vi til samtaler om ulike temaer, med noen ukers "
                "mellomrom.") in text
        assert "Alle datoene er satt opp allerede nå, slik at du vet hva som kommer." in text
        assert "Jeg ser fram til å møte deg." in text
        # She said yes: not offered what she has accepted (a reader's finding).
        assert ("Vi vil gjerne følge deg opp det første året, og du får faste samtaler med "
                "meg, Ingrid Bakke & Berg.") in text
        assert "allerede hatt" not in text and "startet" not in text
        tables = _tables(path)
        assert ("Samtale", "Dato") not in tables
        assert tables[("Samtale", "Dato", "Tid")][0][0] == (
            "Oppfølging i flytteprosessen (samtale 1)")


def test_a_case_first_exported_late_with_nothing_held_yet_promises_no_first_weeks(tmp_path):
    """No conversation with the parent yet: the letter says they begin now, not that the
    programme «started» in September and the next conversation follows (a reader of the demo
    took that for conversations they had missed). Each parent's first contact is in the
    journal on a day with time to answer the letter (not at short notice, when the letter
    says it was agreed on the phone: test_parents_letters_as_read.py)."""
    case = _starting(date(2026, 9, 14))
    case["samtaler"] = [{"part": "foreldre", "tema": 0, "nummer": 1, "forelder": forelder,
                         "dato": "2026-11-26", "status": "planlagt"} for forelder in (0, 1)]
    for path in _letters(case, folder=tmp_path).values():
        text = docx_text(path)
        assert "første ukene" not in text and "allerede hatt" not in text
        assert "startet" not in text and "neste samtale" not in text
        assert "Nå begynner vi samtalene med deg. Den første samtalen er" in text
        assert "Alle datoene er satt opp allerede nå" in text
        assert "Jeg ser fram til å møte deg." in text
        coming = _tables(path)[("Samtale", "Dato", "Tid")]
        assert all(_day(row[1]) >= TODAY for row in coming)
        assert coming[0][0] == "Oppfølging i flytteprosessen (samtale 1)"
        assert (f"Den første samtalen er {coming[0][1]}. Først snakker vi om hvordan du har "
                "det etter flyttingen, og etter det møtes vi til samtaler om ulike temaer, med "
                "noen ukers mellomrom.") in text
        assert "tar kontakt med deg før" not in text
    for path in _letters(case, malform="nynorsk", folder=tmp_path / "nn").values():
        text = docx_text(path)
        assert "No byrjar vi samtalane med deg. Den første samtalen er" in text
        assert "Kvar samtale varer inntil halvannan time." in text
        assert "starta" not in text and "Alle datoane er sette opp alt no" in text
        first = _tables(path)[("Samtale", "Dato", "Tid")][0][1]
        assert (f"Den første samtalen er {first}. Først snakkar vi om korleis du har det etter "
                "flyttinga, og etter det møtest vi til samtalar om ulike tema, med nokre vekers "
                "mellomrom.") in text


def test_the_letter_numbers_the_move_follow_up_as_conversations(tmp_path):
    """«(kontakt N)» is for staff: the plan keeps it. The parents' letter lists the move
    follow-up's contacts one after the other under one title, so it numbers them as the
    conversations they are, in both standards (a reader took three identical rows for a
    mistake)."""
    case = _starting(date(2026, 11, 18))
    for malform in ("bokmal", "nynorsk"):
        letters = _letters(case, today=date(2026, 11, 19), malform=malform,
                           folder=tmp_path / malform)
        for path in letters.values():
            rows = [row for table in _tables(path).values() for row in table]
            contacts = [row for row in rows if row[0].startswith("Oppfølging i flytteprosessen")]
            assert [row[0] for row in contacts] == [
                f"Oppfølging i flytteprosessen (samtale {n})" for n in (1, 2, 3)], (malform, rows)
            assert "(kontakt" not in docx_text(path)
        ctx = case_context(case, today=date(2026, 11, 19)).in_malform(malform)
        plan = render(ctx, "oppfolgingsplan", tmp_path / f"plan-{malform}")
        assert "Oppfølging i flytteprosessen (kontakt 1)" in docx_text(
            next(iter(plan.values())))


def test_the_late_letter_in_nynorsk_has_no_bokmal_words(tmp_path):
    for path in _letters(both_parents_took_part(canonical_case()), malform="nynorsk",
                         folder=tmp_path).values():
        text = docx_text(path)
        assert "Omsorgspakken starta 14. september 2026, då Sofie flytta." in text
        assert "Denne samtalen har vi alt hatt:" in text
        assert "Eg ser fram til neste samtale med deg." in text
        assert "dei første vekene" not in text
        # Names and addresses are the case's own, not the letter's words.
        for value in ("Barnevernstjenesten i Fjordvik", "Camilla Lindqvist", "Ahmad Hansen"):
            text = text.replace(value, " ")
        assert _words(text) & set(BOKMAL_ONLY) == set()


def _only_letter(workspace):
    return next(workspace.case_folder("2026-0412").glob("02 Informasjonsbrev*.docx"))


def _mothers_letter_the_day_after(workspace, start: date):
    """A case starting on start whose father declined: one letter, the mother's, made the
    day after; the case and the letter."""
    case = _starting(start)
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=1))
    return case, _only_letter(workspace)


def test_the_letter_made_again_after_the_first_conversation_reads_as_of_its_date(workspace):
    start = date(2026, 11, 16)
    case, letter = _mothers_letter_the_day_after(workspace, start)
    assert FIRST_WEEKS in docx_text(letter) and "17. november 2026" in docx_text(letter)
    first = _tables(letter)[("Samtale", "Dato", "Tid")][0]
    held = _day(first[1])

    # The journal records the first contact as held; the letter made the day after says so,
    # dated that day.
    case["samtaler"] = [{"part": "foreldre", "tema": 0, "nummer": 1, "dato": held.isoformat(),
                         "klokkeslett": first[2][:5].replace(".", ":"),
                         "status": "gjennomfort"}]
    workspace.drop("sak.json", case)
    workspace.run(held + timedelta(days=1))
    letter = _only_letter(workspace)
    text = docx_text(letter)
    assert FIRST_WEEKS not in text and "Denne samtalen har vi allerede hatt:" in text
    assert "Omsorgspakken startet 16. november 2026, da Sofie flyttet." in text
    assert f"Vår dato:\t{(held + timedelta(days=1)).day}. november 2026" in text
    assert _tables(letter)[("Samtale", "Dato")] == [[first[0], first[1]]]


def test_a_case_first_exported_late_gets_the_late_letter_in_a_run(workspace):
    workspace.drop("sak.json", both_parents_took_part(canonical_case()))
    workspace.run(TODAY)
    text = docx_text(next(workspace.case_folder("2026-0412").glob("02 Informasjonsbrev*.docx")))
    assert "første ukene" not in text and "allerede hatt:" in text
    assert "Vår dato:" in text and "22. november 2026" in text


SHORT_NOTICE = "Kort varsel: neste samtale er "
"""The note of a digital information letter sent a day or two before the first conversation
it lists (nynorsk begins the same)."""


def _opening_letters(workspace) -> list[tuple]:
    return [r for r in _to_send(workspace) if "Informasjonsbrev" in r[2] or "Nytt tilbud" in r[2]]


def test_the_late_letter_is_on_the_list_to_send_from_the_day_it_is_made(workspace):
    # The case started 14. september and is first exported 22. november (TODAY), to a
    # service running since October: its information letters are made today, and staff are
    # asked to send them within a week.
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    rows = _opening_letters(workspace)
    assert sorted(r[1] for r in rows) == ["Forelder (far)", "Forelder (mor)"]
    folder = workspace.case_folder("2026-0412")
    assert {r[2] for r in rows} == {f"2026-0412/{p.name}"
                                    for p in folder.glob("02 Informasjonsbrev*.docx")}
    # Not a week from today: with the first invitation of the reader, due now (Monday, the
    # office's first day): the letter presenting the programme comes before its first meeting.
    assert all(r[4].date() == date(2026, 11, 23) for r in rows)
    # On the list for [documents] invitation_days_before (21) days from the day it was made;
    # then it drops off. Unsent after the conversation it names as the next, it keeps the
    # day it was due, passed (the list shows it red), not the day the list is made
    # (helper 193: it moved on to that day, never late).
    workspace.run(TODAY + timedelta(days=21))
    rows = _opening_letters(workspace)
    assert len(rows) == 2 and all(r[4].date() == date(2026, 11, 23) for r in rows), rows
    assert all("og den dagen er passert" in r[6] for r in rows), rows
    # Marked as sent (unmarked, they stay to check: test_unmarked_information_letter).
    _mark(workspace.outbox / sending.FILE_NAME, {r[2]: "x" for r in rows})
    workspace.run(TODAY + timedelta(days=22))
    assert _opening_letters(workspace) == []


def test_a_renewed_offer_made_late_is_on_the_list_to_send(workspace):
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    offers = [r for r in _opening_letters(workspace) if "Nytt tilbud" in r[2]]
    assert [(r[1], r[4].date()) for r in offers] == [("Forelder (far)", date(2026, 11, 27))]


def test_letters_at_the_start_are_listed_as_before(workspace):
    start = date(2026, 11, 16)
    workspace.drop("sak.json", _starting(start))
    workspace.run(start + timedelta(days=1))
    rows = _opening_letters(workspace)
    # Within a week of the start, or with the reader's first invitation when that is sooner:
    # here the move follow-up's first contacts, due today.
    assert len(rows) == 2 and all(r[4].date() == start + timedelta(days=1) for r in rows)
    # Until the programme's first invitation_days_before days are over, as before.
    workspace.run(start + timedelta(days=21))
    assert len(_opening_letters(workspace)) == 2
    # Marked as sent (unmarked, they stay to check: test_unmarked_information_letter).
    _mark(workspace.outbox / sending.FILE_NAME, {r[2]: "x" for r in _opening_letters(workspace)})
    workspace.run(start + timedelta(days=22))
    assert _opening_letters(workspace) == []
    assert (workspace.outbox / sending.FILE_NAME).exists()


def test_issue_dates_kept_before_the_first_day_was_count_from_their_issue(tmp_path):
    from omsorgspakke_docs.store.issued import FOLDER, Issued, first_made
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / "p.json").write_text('{"a.docx": ["2026-11-20", "x"]}')
    assert first_made(tmp_path, "p") == {"a.docx": date(2026, 11, 20)}
    issued = Issued(tmp_path, "p", date(2026, 11, 25))
    assert issued.date("a.docx", "y") == date(2026, 11, 25)  # issued anew, first made kept
    issued.save()
    assert first_made(tmp_path, "p") == {"a.docx": date(2026, 11, 20)}


def test_a_renewed_offer_to_a_parent_who_declines_later_is_listed_three_months_on(workspace):
    start = date(2026, 11, 16)
    case = _starting(start)
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=1))
    assert not [r for r in _opening_letters(workspace) if "Nytt tilbud" in r[2]]
    # The information letters sent (unmarked, they stay to check).
    _mark(workspace.outbox / sending.FILE_NAME, {r[2]: "x" for r in _opening_letters(workspace)})
    # The father declines in the programme's sixth week: not asked again the day after his
    # no, but renew_offer_months after it (a reader's finding).
    declined = start + timedelta(days=40)
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak.json", case)
    workspace.run(declined)
    assert not [r for r in _opening_letters(workspace) if "Nytt tilbud" in r[2]]
    workspace.run(date(2027, 3, 26))  # three months after 26 December
    offers = [r for r in _opening_letters(workspace) if "Nytt tilbud" in r[2]]
    assert [(r[1], r[4].date()) for r in offers] == [("Forelder (far)", date(2027, 4, 2))]
    # The parents live apart, so the mother's information letter keeps its name («- mor»);
    # her joint meeting no longer has the father, so it was issued anew the day he declined,
    # saying which letter it replaces, to send (test_joint_meeting_who_comes.py); not
    # marked, it is still on the list.
    listed = {r[2].split("/")[-1]: r for r in _opening_letters(workspace)}
    assert sorted(listed) == ["02 Informasjonsbrev til foreldre - mor.docx",
                              "02 Nytt tilbud om Omsorgspakken - far.docx"]
    mother = listed["02 Informasjonsbrev til foreldre - mor.docx"]
    assert mother[3].date() == declined and mother[-1] is None
    assert "Erstatter brevet av 17. november 2026." in mother[6]


def test_a_letter_says_what_it_said_when_a_conversation_it_lists_passes(workspace):
    """Nothing in the journal changed: the letter issued at the start still lists its first
    conversation as coming and promises the first weeks, keeps its date, and is not written
    again (a caseworker's edited copy gets no new version beside it)."""
    start = date(2026, 11, 16)
    case, letter = _mothers_letter_the_day_after(workspace, start)
    coming = _tables(letter)[("Samtale", "Dato", "Tid")]
    doc = open_docx(str(letter))
    doc.add_paragraph("Ring meg gjerne om du lurer på noe.")
    doc.save(str(letter))
    edited = letter.read_bytes()

    later = _day(coming[1][1]) + timedelta(days=1)  # two of its conversations have passed
    workspace.run(later)
    assert [p.name for p in workspace.case_folder("2026-0412").glob("02 Informasjonsbrev*")] \
        == [letter.name]
    assert letter.read_bytes() == edited
    text = docx_text(letter)
    assert FIRST_WEEKS in text and "allerede hatt" not in text
    assert "Vår dato:\t17. november 2026" in text
    assert _tables(letter)[("Samtale", "Dato", "Tid")] == coming


def test_a_late_letter_keeps_what_it_said_as_its_conversations_pass(workspace):
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    letter = _only_letter(workspace)
    before = letter.read_bytes()
    coming = _tables(letter)[("Samtale", "Dato", "Tid")]
    workspace.run(_day(coming[0][1]) + timedelta(days=1))
    assert letter.read_bytes() == before
    assert _tables(letter)[("Samtale", "Dato", "Tid")] == coming
    assert "Vår dato:\t22. november 2026" in docx_text(letter)


def _passed(day: str) -> str:
    return (f"Brevet sier at neste samtale er {day}. november 2026, og den dagen er passert. "
            "Spør kontaktpersonen om brevet skal sendes som det er.")


MAYBE_SENT = ("Kan være sendt før: Omsorgspakken startet før denne listen ble tatt i bruk. "
              "Send bare hvis fagsystemet viser at brevet ikke er sendt. Er det sendt et brev med "
              "en annen dato, avklarer kontaktpersonen med mottakeren hvilket av brevene som "
              "gjelder.")


def test_the_services_first_run_asks_to_check_not_send_letters_of_programmes_long_started(
        workspace):
    """A municipality starts using the service with a case in its tenth week and one that
    started this week: the first case's letters went out by hand before, so staff are asked
    to check them, not to send them; the new case's are to send. A case first exported after
    the first run is new to the service: its late letters are to send."""
    workspace.drop("sak.json", canonical_case())  # started 14. september
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    rows = _opening_letters(workspace)
    old = [r for r in rows if r[0] == "2026-0412"]
    assert sorted(r[1] for r in old) == ["Forelder (far)", "Forelder (mor)"]
    assert all(r[4] is None and r[6] == MAYBE_SENT for r in old), old
    new = [r for r in rows if r[0] == "2026-0999"]
    # To send, the first conversations a day or two ahead (helper 188: «Kort varsel»).
    assert len(new) == 2 and all(r[4].date() == date(2026, 11, 23) and r[6].startswith(
        SHORT_NOTICE) for r in new), new
    # Started in September too, but no conversation was held with the parents: their
    # letter says the conversations begin now, and is to send, not to check.
    unbegun = canonical_case(journalnummer="2026-0888", samtaler=[], vurderinger=[])
    workspace.drop("ubegynt.json", unbegun)
    workspace.run(TODAY)
    rows = _opening_letters(workspace)
    assert [r for r in rows if r[0] == "2026-0412"] == old
    begins = [r for r in rows if r[0] == "2026-0888"]
    assert len(begins) == 2 and all(r[4] is not None and r[6] is None for r in begins), begins
    # The invitations of the long-started case are to send as before.
    assert all(r[4] is not None for r in _to_send(workspace) if "/Innkallinger/" in r[2])
    # Listed so as long as a late letter is: invitation_days_before (21) days. No export
    # came since 20 November: the note says so ([documents] stale_export_days), after what
    # is more serious: the next conversation each letter names has passed (helper 198: one
    # found unsent and sent would name a day weeks gone).
    workspace.run(TODAY + timedelta(days=21))
    stale = ("Sjekk i fagsystemet før brevet sendes: den siste eksporten av saken er fra "
             "20. november 2026. Er noe endret siden, eksporter saken på nytt.")
    assert sorted(r[6] for r in _opening_letters(workspace) if r[0] == "2026-0412") == [
        f"{_passed(day)} {stale} {MAYBE_SENT}" for day in ("23", "25")]
    # After their days, not marked as sent: they stay, to check, never gone unnamed
    # (test_unmarked_information_letter: the Avvik sheet names them too).
    workspace.run(TODAY + timedelta(days=22))
    assert all(r[4] is None and r[6].startswith(("Ikke merket som sendt, og tiden på listen",
                                                   "Ikke send: brevet sier at neste samtale"))
               and MAYBE_SENT in r[6]
               for r in _opening_letters(workspace) if r[0] == "2026-0412")

    # A week later a case that started in September is first exported: it is new to the
    # service, and its letter is to send within a week.
    later = canonical_case(journalnummer="2026-0777", eksportert="2026-12-14")
    later["foreldre"][1]["takker_ja"] = False
    workspace.drop("senere.json", later)
    workspace.run(TODAY + timedelta(days=22))
    late = [r for r in _opening_letters(workspace) if r[0] == "2026-0777"]
    assert late and all(r[4] is not None and (r[6] is None or r[6].startswith(SHORT_NOTICE))
                        for r in late), late


def test_a_letter_issued_anew_stays_to_send_after_the_conversation_that_moved(workspace):
    """On the service's first day the mother's letter is one to check (it may have been
    sent by hand). The next export cancels her next conversation: her letter is issued anew
    with the new dates, to send, and stays so once the day it moved to has passed (helper
    104: it was «Kan være sendt før» again then, as if never issued by the service)."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    workspace.run(TODAY)
    cancelled = mothers_next_conversation_cancelled()
    workspace.drop("sak2.json", cancelled)
    for day in (date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 4)):
        workspace.run(day)
        rows = {r[1]: r for r in _opening_letters(workspace) if r[0] == "2026-0412"}
        mother, father = rows["Forelder (mor)"], rows["Forelder (far)"]
        assert mother[3].date() == date(2026, 11, 23) and mother[4] is not None, (day, mother)
        # To send, not to check, as the letter it replaces (its dates changed: the letter
        # says so, and so does its row); once her next conversation has passed, the list
        # says that too.
        tail = "Erstatter brevet av 22. november 2026." + (
            "" if day == date(2026, 11, 23) else " Brevet sier at neste samtale er 24. "
            "november 2026, og den dagen er passert. Spør kontaktpersonen om brevet skal "
            "sendes som det er.")
        # After «Kort varsel» when her next conversation is a day or two ahead (helper 188);
        # once the day the letter names has passed, in one note with it (helper 303).
        combined = tail.replace(" Spør kontaktpersonen om brevet skal sendes som det er.",
                                " Neste samtale er nå 1. desember 2026, så det er kort "
                                "varsel: be kontaktpersonen ringe mottakeren og fortelle om "
                                "samtalene, og avgjøre om brevet skal sendes som det er.")
        assert mother[6] in (tail, combined) or mother[6].startswith(SHORT_NOTICE) and \
            mother[6].endswith(f"send brevet likevel. {tail}"), (day, mother)
        # Not issued anew; his first conversation, 25 November, passed: said too (198).
        assert father[3].date() == TODAY and father[6] == MAYBE_SENT + (
            "" if day < date(2026, 11, 26) else f" {_passed('25')}"), (day, father)


def test_a_letter_sent_then_issued_anew_with_new_dates_is_to_send_again(workspace):
    """The mother's letter marked as sent; her next conversation is cancelled and her letter
    issued anew with the new dates: the copy she has shows a day that no longer holds, so
    the new one is to send, and the list says so («Merket som sendt …»)."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    workspace.run(TODAY)
    _mark(workspace.outbox / sending.FILE_NAME,
          {r[2]: "x" for r in _opening_letters(workspace) if r[1] == "Forelder (mor)"})
    cancelled = mothers_next_conversation_cancelled()
    workspace.drop("sak2.json", cancelled)
    workspace.run(date(2026, 11, 23))
    mother = next(r for r in _opening_letters(workspace) if r[1] == "Forelder (mor)")
    assert mother[7] is None and mother[6].startswith(
        "Merket som sendt «x», men laget på nytt med endrede datoer: send det nye brevet"), mother


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Brevet sier at neste samtale er {}, og den dagen er passert. Spør "
               "kontaktpersonen om brevet skal sendes som det er."),
    ("nynorsk", "Brevet seier at neste samtale er {}, og den dagen er passert. Spør "
                "kontaktpersonen om brevet skal sendast som det er.")])
def test_a_letter_still_listed_after_the_next_conversation_it_names_says_so(
        workspace, malform, said):
    """An information letter not sent (or not marked sent) by its reader's first
    conversation, which the journal has not registered yet: it still tells its reader that
    conversation is ahead. The list keeps it to send, saying so (helper 104)."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    workspace.drop("ny.json", fresh)
    # And one whose letter to the mother is not to send now (it lacks her address).
    lacking = canonical_case(journalnummer="2026-0998", samtaler=[], vurderinger=[])
    lacking["plassering"]["startdato"] = "2026-11-18"
    lacking["foreldre"][0].pop("adresse")
    workspace.drop("mangler.json", lacking)
    workspace.run(TODAY)

    def letters(case: str = "2026-0999") -> dict[str, tuple]:
        rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
        return {r[2]: r for r in rows if "/02 Informasjonsbrev" in str(r[2] or "")
                and r[0] == case}

    made = letters()
    # To send, the first conversations a day or two ahead (helper 188).
    assert len(made) == 2 and all(r[6].startswith(SHORT_NOTICE[:12]) for r in made.values()), \
        made
    first = {name: r[8].date() for name, r in made.items()}  # Samtaledato: the first
    for name in made:
        assert norsk_dato(first[name], malform) in docx_text(workspace.outbox / name)
    later = max(first.values()) + timedelta(days=1)
    workspace.run(later)
    after = letters()
    assert set(after) == set(made)
    for name, row in after.items():
        # With «kort varsel» for the next conversation, when it is a day or two ahead: in
        # one note, the passed day first (helper 303).
        passed = said.format(norsk_dato(first[name], malform))
        assert row[6].endswith(passed) or "kort varsel:" in row[6] and row[6].startswith(
            passed.split(" Spør ")[0]), row
        assert row[3] == made[name][3]  # the same letter, not issued anew
    # Not on one not to send now: it is made again before it goes.
    held = [r for name, r in letters("2026-0998").items() if name.endswith(" - mor.docx")]
    assert held and held[0][6].startswith(("Ikke send:", "Ikkje send:")), held
    assert "passert" not in held[0][6]
    # Marked as sent: nothing to ask.
    sent = sorted(after)[0]
    _mark(workspace.outbox / sending.FILE_NAME, {sent: "x"})
    workspace.run(later + timedelta(days=1))
    assert letters()[sent][6] is None and letters()[sent][7] == "x"


@pytest.mark.parametrize("by_post", [False, True])
def test_a_letter_sent_then_made_again_for_a_conversation_recorded_stays_sent(workspace,
                                                                             by_post):
    """Both letters marked as sent; the journal then records the mother's first
    conversation as held, so her letter is issued anew, with the same dates to come: the
    copy she has serves her, so the mark holds and the list does not ask to send the new
    one, nor (its next conversation passed) whether to send it as it is (helpers 105,
    106). One whose dates moved is to send again (test above); so is one by post, which
    may be issued anew for a corrected address."""
    workspace.in_use_since(date(2026, 10, 1))
    fresh = canonical_case(journalnummer="2026-0999", samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    if by_post:
        fresh["foreldre"][0]["forsendelse"] = "post"
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    _mark(workspace.outbox / sending.FILE_NAME,
          {r[2]: "x" for r in _opening_letters(workspace)})
    workspace.run(date(2026, 11, 23))
    held = {**fresh, "eksportert": "2026-11-24", "samtaler": [
        {"part": "foreldre", "tema": 0, "nummer": 1, "forelder": 0, "dato": "2026-11-23",
         "status": "gjennomfort"}]}
    workspace.drop("sak2.json", held)
    for day in (date(2026, 11, 24), date(2026, 12, 1)):
        workspace.run(day)
        mother = next(r for r in _opening_letters(workspace) if r[1] == "Forelder (mor)")
        assert mother[3].date() == date(2026, 11, 24)  # issued anew ...
        if by_post:
            assert mother[7] is None and mother[6].startswith("Merket som sendt «x», men "
                                                               "laget på nytt"), mother
        else:
            assert mother[7] == "x" and mother[6] is None, (day, mother)  # ... still sent


def _listed_letters(workspace) -> list[tuple]:
    return [r for r in _opening_letters(workspace) if r[7] is None]  # not marked as sent


def test_a_letter_issued_anew_for_a_new_release_after_a_new_contact_is_not_listed(
        workspace, monkeypatch):
    """The contact person changes (the letters are kept as issued), then a new release
    issues them anew with the new person: the parents have their dates, so the letters
    are not back on the list to send (helper 105: every running case's were, for 21
    days)."""
    from omsorgspakke_docs.rendering import prepare

    start = date(2026, 11, 16)
    case = _starting(start)
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=1))
    # Sent (unmarked, they stay to check: test_unmarked_information_letter).
    _mark(workspace.outbox / sending.FILE_NAME, {r[2]: "x" for r in _opening_letters(workspace)})
    case["kontaktperson"] = {**case["kontaktperson"], "fornavn": "Kari", "etternavn": "Nymann",
                             "telefon": "99 88 77 66"}
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=30))
    assert _listed_letters(workspace) == []
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    workspace.run(start + timedelta(days=31))
    letters = sorted(workspace.case_folder("2026-0412").glob("02 Informasjonsbrev*"))
    assert letters and all("Kari Nymann" in docx_text(p) for p in letters)  # issued anew
    assert _listed_letters(workspace) == []


def test_an_answer_recorded_after_the_letter_was_sent_does_not_list_it_again(workspace):
    """Both letters marked as sent; a month later the journal records that the father
    accepted, so his letter thanks him and is issued anew: it is not to send again (its
    dates are the ones he has), and the list does not say it must be (helper 105)."""
    start = date(2026, 11, 16)
    case = _starting(start)
    case["foreldre"][1].pop("takker_ja", None)
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=1))
    _mark(workspace.outbox / sending.FILE_NAME,
          {r[2]: "x" for r in _opening_letters(workspace)})
    workspace.run(start + timedelta(days=2))
    case["foreldre"][1]["takker_ja"] = True
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=35))
    assert _listed_letters(workspace) == []


def test_the_first_day_of_a_state_kept_before_is_its_earliest_document(tmp_path):
    from omsorgspakke_docs.store.issued import FOLDER, IN_USE_FROM, in_use_from
    assert in_use_from(tmp_path, TODAY) == TODAY  # nothing made yet: not begun
    assert not (tmp_path / IN_USE_FROM).exists()
    (tmp_path / FOLDER).mkdir()
    (tmp_path / FOLDER / "a.json").write_text(
        '{"x.docx": ["2026-11-20", "d", "2026-03-02"], "y.docx": ["2026-05-01", "d"]}')
    (tmp_path / FOLDER / "b.json").write_text('{"z.docx": ["2026-04-01", "d", "2026-04-01"]}')
    assert in_use_from(tmp_path, TODAY) == date(2026, 3, 2)
    # Kept from then on, whatever is made later.
    (tmp_path / FOLDER / "c.json").write_text('{"z.docx": ["2026-01-01", "d", "2026-01-01"]}')
    assert in_use_from(tmp_path, TODAY) == date(2026, 3, 2)


@pytest.mark.parametrize("malform, thanked, asked, heading, offer", [
    ("bokmal", "Fint at du vil være med. Det er fortsatt frivillig: si fra til meg hvis du vil "
     "ta en pause eller avslutte.", "Det er frivillig å være med. Ønsker du ikke samtalene nå",
     "Samtalene det første året etter at Sofie flyttet",
     "Tilbud om samtaler det første året etter at Sofie flyttet"),
    ("nynorsk", "Fint at du vil vere med. Det er framleis frivillig: sei frå til meg om du vil "
     "ta ein pause eller avslutte.", "Det er frivillig å vere med. Ønskjer du ikkje samtalane no",
     "Samtalane det første året etter at Sofie flytta",
     "Tilbod om samtalar det første året etter at Sofie flytta"),
])
def test_a_parent_who_said_yes_is_not_offered_and_asked_to_choose_again(
        tmp_path, malform, thanked, asked, heading, offer):
    """A reader's finding: the letter both offered («Tilbud om samtaler …») and thanked
    («Takk for at du har takket ja til samtalene.»). To a parent the journal has as having
    said yes, its heading is no offer, and it is glad of it, plainly; the other parent is
    offered them and asked."""
    case = canonical_case()
    case["foreldre"][0]["takker_ja"] = True
    case["foreldre"][1].pop("takker_ja", None)
    letters = _letters(case, malform=malform, folder=tmp_path)
    mother, father = (" ".join(docx_text(letters[name]).split())
                      for name in sorted(letters, key=lambda name: "far" in name))
    assert thanked in mother and asked not in mother
    assert heading in mother and offer not in mother
    assert "Takk for at du har" not in mother
    assert asked in father and thanked not in father
    assert offer in father


def test_an_information_letter_by_post_that_cannot_arrive_before_the_first_meeting_says_so(
        workspace):
    """The mother's letters go by post (forsendelse), and her first conversation is in a few
    days: the information letter made today cannot arrive before it ([documents] post_days),
    so its row says to send it all the same and to have the contact person call first."""
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case()
    case["foreldre"][0]["forsendelse"] = "post"
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    rows = {r[1]: r for r in _opening_letters(workspace)}
    mother, father = rows["Forelder (mor)"], rows["Forelder (far)"]
    assert mother[5] == "Post" and mother[6].startswith(
        "Rekker ikke fram med post før neste samtale ")
    assert mother[6].endswith(". Send brevet likevel, og be kontaktpersonen fortelle "
                              "mottakeren om samtalene på telefon før den.")
    # His, digital, is sent the Monday for his first conversation on the Wednesday: too
    # short a notice to read the dates before it (helper 188).
    assert father[5] == "Digitalt" and father[6].startswith(
        "Kort varsel: neste samtale er 25. november 2026.")


def _offers(workspace) -> list[tuple[str, date]]:
    return [(r[2].split("/")[-1], r[4].date()) for r in _opening_letters(workspace)
            if "Nytt tilbud" in r[2]]


def _send_offers(workspace) -> None:
    """Staff mark the renewed offers on the list as sent."""
    _mark(workspace.outbox / sending.FILE_NAME,
          {r[2]: "x" for r in _opening_letters(workspace) if "Nytt tilbud" in r[2]})


def test_the_offer_is_made_again_every_renew_offer_months_while_a_parent_declines(workspace):
    """The guide: the offer may have to be made more than once. The overview asks for it
    again three months on ([compliance] renew_offer_months); a letter of its own is made
    that day and listed to send, not the first one from months before."""
    start = date(2026, 11, 16)
    case = _starting(start)
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak.json", case)
    workspace.run(start + timedelta(days=1))
    assert _offers(workspace) == [("02 Nytt tilbud om Omsorgspakken - far.docx",
                                   start + timedelta(days=7))]  # within a week
    _send_offers(workspace)  # marked as sent (unmarked, each stays: test_unmarked_renewed_offer)
    folder = workspace.case_folder("2026-0412")
    second = folder / "02 Nytt tilbud om Omsorgspakken (nr 2) - far.docx"
    workspace.run(date(2027, 2, 15))  # the day before three months have passed
    assert _offers(workspace) == [] and not second.exists()
    workspace.run(date(2027, 2, 16))  # a Tuesday: the finding falls due, and the letter
    assert _offers(workspace) == [(second.name, date(2027, 2, 23))]
    _send_offers(workspace)
    text = docx_text(second)
    assert "tilbudet fortsatt står åpent" in text and "16. februar 2027" in text
    assert "16. november 2026" not in text
    # It says it is written again; the first said the offer as news.
    assert "Jeg har skrevet til deg om samtalene i Omsorgspakken før" in text
    first = docx_text(folder / "02 Nytt tilbud om Omsorgspakken - far.docx")
    assert "Du har tidligere takket nei" in first and "skrevet til deg" not in first
    assert (folder / "02 Nytt tilbud om Omsorgspakken - far.docx").is_file()  # the first stays
    # Not registered as sent in the journal: the finding stays, and no third letter comes.
    workspace.run(date(2027, 5, 17))
    assert not (folder / "02 Nytt tilbud om Omsorgspakken (nr 3) - far.docx").exists()
    # The journal has the day the second was sent: the third three months after it.
    case["foreldre"][1]["nytt_tilbud"] = "2027-02-18"
    workspace.drop("sak.json", case)
    workspace.run(date(2027, 5, 17))
    assert not (folder / "02 Nytt tilbud om Omsorgspakken (nr 3) - far.docx").exists()
    workspace.run(date(2027, 5, 18))
    assert _offers(workspace) == [("02 Nytt tilbud om Omsorgspakken (nr 3) - far.docx",
                                   date(2027, 5, 25))]
    # The father takes part from June: no more letters offering it.
    case["foreldre"][1]["takker_ja"] = True
    workspace.drop("sak.json", case)
    workspace.run(date(2027, 8, 20))
    assert not (folder / "02 Nytt tilbud om Omsorgspakken (nr 4) - far.docx").exists()


def test_a_letter_to_check_once_marked_as_sent_no_longer_asks_to_check_it(workspace):
    """The father's letter may have been sent by hand before the service began («Kan være
    sendt før … Send bare hvis fagsystemet viser at brevet ikke er sendt»). Staff checked and
    marked it as sent: the list showed the same advice beside their mark (helper 113)."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    workspace.run(TODAY)
    _mark(workspace.outbox / sending.FILE_NAME,
          {r[2]: "x" for r in _opening_letters(workspace) if r[1] == "Forelder (far)"})
    workspace.run(TODAY + timedelta(days=1))
    rows = {r[1]: r for r in _opening_letters(workspace)}
    assert rows["Forelder (far)"][7] == "x" and rows["Forelder (far)"][6] is None
    assert rows["Forelder (mor)"][7] is None and rows["Forelder (mor)"][6] == MAYBE_SENT


def test_a_parent_met_already_is_not_asked_whether_they_missed_the_first_contact(tmp_path):
    """The first contact names no parent; each parent has since had a conversation of their
    own. A letter to a father who had had eight said «Var du ikke med på den, tar vi opp det
    samme med deg i neste samtale» (helper 118; now «Hvis du ikke var med på den»): that is
    for a parent not yet met."""
    case = canonical_case()
    plan = case_context(case).plan
    own = [min((c for c in plan.conversations if c.part == "foreldre" and c.forelder == i
                and c.status == "planlagt"), key=lambda c: c.dato) for i in (0, 1)]
    case["samtaler"] += [{"part": "foreldre", "tema": c.tema, "nummer": c.nummer,
                          "forelder": c.forelder, "dato": c.dato.isoformat(),
                          "status": "gjennomfort"} for c in own]
    day = max(c.dato for c in own) + timedelta(days=1)
    case["eksportert"] = day.isoformat()
    for malform, said, asked, followed in (
            ("bokmal", "samtalen med foreldrene var 17. september 2026. Neste samtale med deg "
             "er ",
             "du ikke var med på den", "Vi følger deg opp gjennom det første året med faste "
             "samtaler med meg, Ingrid Bakke & Berg. Jeg er barnevernskonsulent og "
             "kontaktperson"),
            ("nynorsk", "samtalen med foreldra var 17. september 2026. Neste samtale med deg "
             "er ",
             "du ikkje var med på han", "Vi følgjer deg opp gjennom det første året med faste "
             "samtalar med meg, Ingrid Bakke & Berg. Eg er barnevernskonsulent og "
             "kontaktperson")):
        letters = _letters(case, today=day, malform=malform, folder=tmp_path / malform)
        assert len(letters) == 2
        for path in letters.values():
            text = docx_text(path)
            assert said in text and asked not in text, text
            # Nor offered what they have («tilbyr deg derfor faste samtaler»).
            assert followed in text and "tilby" not in text


def test_the_letter_before_a_parents_last_conversation_says_it_is_the_last(tmp_path):
    """Late in the year, with one theme left for the mother, her letter said «Vi møtes til
    samtaler om ulike temaer, med noen ukers mellomrom» (helper 118)."""
    case = both_parents_took_part(canonical_case())
    plan = case_context(case).plan
    mine = sorted((c for c in plan.conversations if c.part == "foreldre"
                   and c.forelder == 0 and c.status == "planlagt"), key=lambda c: c.dato)
    last = mine[-1]
    case["samtaler"] += [{"part": "foreldre", "tema": c.tema, "nummer": c.nummer,
                          "forelder": 0, "dato": c.dato.isoformat(), "status": "gjennomfort"}
                         for c in mine[:-1]]
    day = mine[-2].dato + timedelta(days=1)
    case["eksportert"] = day.isoformat()
    letters = _letters(case, today=day, folder=tmp_path)
    text = docx_text(next(p for name, p in letters.items() if "mor" in str(name)))
    assert f"Tema {last.tema}" in text
    assert ", og det er den siste i Omsorgspakken." in text
    assert "med noen ukers mellomrom" not in text
