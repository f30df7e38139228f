"""The move follow-up's contacts are arranged with the party directly (planning/schedule.py),
but a letter says a time was agreed only when it was: when the contact's date and time come
from the journal (a registered or held appointment, schedule.agreed); a journal date without
a time is proposed at the usual time. Its letter confirms what was
agreed, with date, time and place and what to do if the time does not suit. A contact whose
time the program picked (from the next working day, say) is invited to as the themes are:
the letter proposes the time and says how to ask for another. Til utsending says which is
which. No letter heading carries the staff's contact number ("(kontakt 1)"); the file names
and the plan keep it.

Read as the reader opens them (python-docx), in bokmål and in nynorsk, for every kind of
reader: a parent, the foster family, the foster parents of a younger child, an older child.

A proposed time made too late for its reader to answer (the program's first contact, the
next working day) is one Til utsending says to agree by phone and send as confirmation:
its letter confirms (documents/innkalling.py short_notice; the last test here). The others
here are read as made in good time (short_notice off), to tell proposed from agreed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.documents import innkalling, sending
from omsorgspakke_docs.planning import schedule

from .conftest import TODAY, both_parents_took_part, canonical_case, docx_text, xlsx_rows
from .doc_helpers import case_context, render
from .test_nynorsk import BOKMAL_ONLY, _words


@pytest.fixture(autouse=True)
def in_good_time(request, monkeypatch):
    """Letters made in good time: none at short notice (documents/innkalling.py), but in the
    test about that (AT_SHORT_NOTICE)."""
    if request.function.__name__ != AT_SHORT_NOTICE:
        monkeypatch.setattr(innkalling, "short_notice",
                            lambda ctx, shown, meeting: lambda day: {"kort_varsel": False})


WORDS = {
    "bokmal": {
        "confirm": ("Som avtalt", "Som vi har avtalt"), "invite": ("inviterer", "Snart skal vi",
                                                                 "Jeg vil gjerne ha"),
        "agreed": ("Bekreftelse på avtalt samtale", "Avtalt samtale med Sofie",
                   "Samtalen vi har avtalt"),
        "invited": ("Invitasjon til samtale", "Samtale med Sofie"),
        "not_suit": "Passer ikke tidspunktet likevel?", "suit": "Passer ikke tidspunktet?",
        "written": ("tid og sted skriftlig", "når og hvor vi møtes"),
        "ask": ("finner vi en ny tid", "finner vi en annen tid"),
        "monday": "mandag", "wednesday": "onsdag",
    },
    "nynorsk": {
        "confirm": ("Som avtalt", "Som vi har avtalt"), "invite": ("inviterer", "Snart skal vi",
                                                                 "Eg vil gjerne ha"),
        "agreed": ("Stadfesting av avtalt samtale", "Avtalt samtale med Sofie",
                   "Samtalen vi har avtalt"),
        "invited": ("Invitasjon til samtale", "Samtale med Sofie"),
        "not_suit": "Passar ikkje tidspunktet likevel?", "suit": "Passar ikkje tidspunktet?",
        "written": ("tid og stad skriftleg", "når og kvar vi møtest"),
        "ask": ("finn vi ei ny tid", "finn vi ei anna tid"),
        "monday": "måndag", "wednesday": "onsdag",
    },
}


def _older_child(case):
    case["barn"]["fodselsdato"] = "2012-03-01"  # 14: the child gets letters of their own
    case["barn"].pop("fodselsnummer", None)
    return case


def _letters(tmp_path, malform: str, older: bool,
             case: dict | None = None) -> dict[str, tuple[str, str, list[str]]]:
    """Every invitation of a case (by default one at its start), by file name: (heading,
    whole text, the texts of the tables: date, time and place)."""
    case = case or canonical_case(samtaler=[], vurderinger=[])
    ctx = case_context(_older_child(case) if older else case).in_malform(malform)
    out = {}
    for name, path in render(ctx, "innkalling", tmp_path / malform).items():
        doc = open_docx(str(path))
        heading = next(p.text for p in doc.paragraphs if p.style.name == "Heading 1")
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        out[name] = (heading, docx_text(path), cells)
    return out


REGISTERED = [  # contact 1 of the parents' track, registered in the journal ahead
    {"part": "foreldre", "tema": 0, "nummer": 1, "dato": "2026-11-25", "klokkeslett": "13:00",
     "status": "planlagt"},
]


SERVICE = "Barnevernstjenesten i Fjordvik"
"""The name of the service in the example export (a bokmål municipality's)."""


def _check_confirmation(w, name, heading, text, cells, malform):
    assert heading.startswith(w["agreed"]), (name, heading)
    assert "kontakt" not in heading and "(" not in heading, (name, heading)
    assert any(s in text for s in w["confirm"]), name
    assert any(s in text for s in w["written"]), name
    assert not any(s in text for s in w["invite"]), name
    assert w["not_suit"] in text, name
    # Date, time and place, as in an invitation.
    assert any(re.fullmatch(r"\d\d\.\d\d–\d\d\.\d\d", c) for c in cells), name
    assert any("2026" in c for c in cells), name
    assert "(kontakt" in name  # the file name keeps the staff's number
    if malform == "nynorsk":  # the service's name is the export's
        assert _words(text.replace(SERVICE, " ")) & set(BOKMAL_ONLY) == set(), name


def _check_invitation(w, name, heading, text, cells, malform):
    """The themes' invitation: no word of an agreement, the time proposed, and how to ask
    for another time."""
    assert heading.startswith(w["invited"]), (name, heading)
    assert not heading.startswith(w["agreed"]), (name, heading)
    assert "avtalt" not in heading.lower(), (name, heading)
    assert any(s in text for s in w["invite"]), name
    assert not any(s in text for s in w["confirm"] + w["written"]), name
    assert w["suit"] in text and w["not_suit"] not in text, name
    assert any(s in text for s in w["ask"]), name
    assert any(re.fullmatch(r"\d\d\.\d\d–\d\d\.\d\d", c) for c in cells), name
    if malform == "nynorsk":  # the service's name is the export's
        assert _words(text.replace(SERVICE, " ")) & set(BOKMAL_ONLY) == set(), name


@pytest.mark.parametrize("older", [False, True], ids=["younger child", "older child"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_contact_the_program_planned_is_invited_to_not_confirmed(tmp_path, malform, older):
    """Nothing in the journal: the program picked every contact's time (from the next
    working day), so no letter says «Som avtalt»; each invites, with its proposed date."""
    w = WORDS[malform]
    letters = _letters(tmp_path, malform, older)
    contacts = {n: v for n, v in letters.items() if "Tema 0 " in n}
    # The child's track (its own letter, or the foster parents'), each parent living apart,
    # and the foster family: the first contact each (the next is made from its day).
    assert len(contacts) == 4
    for name, (heading, text, cells) in contacts.items():
        _check_invitation(w, name, heading, text, cells, malform)
        assert "(kontakt 1)" in name
    # The mother's first contact, proposed for the next working day after the run (Sunday
    # 22 November): the date as the letter writes it.
    (mother,) = [v for n, v in contacts.items() if "/Foreldre/" in n
                 and n.endswith(" - mor.docx")]
    assert f"{w['monday']} 23. november 2026" in mother[2]
    assert "10.00–11.30" in mother[2]


@pytest.mark.parametrize("older", [False, True], ids=["younger child", "older child"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_contact_registered_in_the_journal_is_confirmed(tmp_path, malform, older):
    """The journal has the parents' first contact (25 November at 13.00, naming no parent:
    it counts for both); the child's and the foster family's the program picked. In the same
    case, the parents' letters confirm what was agreed, the others invite."""
    w = WORDS[malform]
    case = canonical_case(samtaler=REGISTERED, vurderinger=[])
    letters = _letters(tmp_path, malform, older, case=case)
    contacts = {n: v for n, v in letters.items() if "Tema 0 " in n}
    agreed = {n: v for n, v in contacts.items() if "/Foreldre/" in n}
    assert len(agreed) == 2 and len(contacts) == 4  # mother and father, who live apart
    for name, (heading, text, cells) in agreed.items():
        _check_confirmation(w, name, heading, text, cells, malform)
        assert f"{w['wednesday']} 25. november 2026" in cells, name
        assert "13.00–14.30" in cells, name
    for name, (heading, text, cells) in contacts.items():
        if name not in agreed:
            _check_invitation(w, name, heading, text, cells, malform)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_journal_date_without_a_time_is_proposed_not_confirmed(tmp_path, malform):
    """The journal has the parents' first contact on 25 November but no time (KOSTRA has
    none, and a vendor may leave it out): the date is the journal's, the time the service's
    usual one, which nobody agreed. So the letter proposes it, as an invitation does, on
    the journal's date; it never says «Som avtalt» of a time the journal does not have."""
    w = WORDS[malform]
    no_time = [{k: v for k, v in REGISTERED[0].items() if k != "klokkeslett"}]
    letters = _letters(tmp_path, malform, False,
                       case=canonical_case(samtaler=no_time, vurderinger=[]))
    parents = {n: v for n, v in letters.items() if "Tema 0 " in n and "/Foreldre/" in n}
    assert len(parents) == 2  # mother and father, who live apart
    for name, (heading, text, cells) in parents.items():
        _check_invitation(w, name, heading, text, cells, malform)
        assert f"{w['wednesday']} 25. november 2026" in cells, name
        assert "10.00–11.30" in cells, name


@pytest.mark.parametrize("older", [False, True], ids=["younger child", "older child"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_theme_letter_still_invites(tmp_path, malform, older):
    w = WORDS[malform]
    case = canonical_case(samtaler=REGISTERED, vurderinger=[])
    letters = _letters(tmp_path, malform, older, case=case)
    themes = {n: v for n, v in letters.items() if "Tema 0 " not in n}
    assert len(themes) >= 4
    for name, (heading, text, cells) in themes.items():
        _check_invitation(w, name, heading, text, cells, malform)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_document_title_says_which_letter_it_is(tmp_path, malform):
    """The title in Word's file properties (and the PDF's): a confirmation or an invitation,
    as the letter's heading; never a name."""
    case = _older_child(canonical_case(samtaler=REGISTERED, vurderinger=[]))
    titles = {name: open_docx(str(path)).core_properties.title for name, path in render(
        case_context(case).in_malform(malform), "innkalling", tmp_path).items()}
    agreed = {n: title for n, title in titles.items()
              if "Tema 0 " in n and "/Foreldre/" in n}
    assert len(agreed) == 2 and set(agreed.values()) == {WORDS[malform]["agreed"][0]}
    assert {title for n, title in titles.items() if n not in agreed} == {
        "Invitasjon til samtale"}


def test_the_first_contact_is_not_a_new_one_and_the_second_is(tmp_path):
    """At the start, the first contact; in the example case (one contact held, with both
    parents), the next. Both the program planned: they invite. Where the journal does not say
    which parent the contact held was with, the next is not called a new one: it may be the
    first for one of them."""
    for case, number, words in ((None, 1, "en samtale"),
                                (both_parents_took_part(canonical_case()), 2, "en ny samtale"),
                                (canonical_case(), 2, "en samtale")):
        letters = _letters(tmp_path / f"{number}-{words}", "bokmal", older=False, case=case)
        parent = [(h, t) for n, (h, t, _) in letters.items()
                  if "/Foreldre/" in n and f"(kontakt {number})" in n]
        assert len(parent) == 2  # mother and father, who live apart
        for heading, text in parent:
            assert heading == "Invitasjon til samtale – Oppfølging i flytteprosessen"
            assert f"Jeg inviterer deg til {words} om deg og Sofie." in text
    # The example case with its next contact registered in the journal: a confirmation.
    case = both_parents_took_part(canonical_case())
    case["samtaler"].append({**REGISTERED[0], "nummer": 2})
    letters = _letters(tmp_path / "agreed", "bokmal", older=False, case=case)
    parent = [(h, t) for n, (h, t, _) in letters.items()
              if "/Foreldre/" in n and "(kontakt 2)" in n]
    assert len(parent) == 2
    for heading, text in parent:
        assert heading == "Bekreftelse på avtalt samtale – Oppfølging i flytteprosessen"
        assert "Som avtalt møtes vi til en ny samtale om deg og Sofie." in text


@pytest.mark.parametrize("malform, goes_on, child", [
    ("bokmal", "Temaet er fortsatt", "du og jeg. Vi snakker om flyttingen og om det som skjer nå."),
    ("nynorsk", "Temaet er framleis", "du og eg. Vi snakkar om flyttinga og om det som skjer no.")])
def test_a_later_contact_says_the_theme_goes_on(tmp_path, malform, goes_on, child):
    """The move follow-up's second contact has the theme of the first: its letter says the
    theme goes on («Temaet er fortsatt»), not that it is another this time («Denne gangen er
    temaet», which a theme's invitation says)."""
    case = both_parents_took_part(canonical_case())
    letters = _letters(tmp_path, malform, older=False, case=case)
    parent = {n: t for n, (_, t, _) in letters.items()
              if "/Foreldre/" in n and "(kontakt 2)" in n}
    assert len(parent) == 2
    for name, text in parent.items():
        assert f"{goes_on} «Oppfølging i flytteprosessen»." in text, name
        assert "Denne gangen" not in text and "Denne gongen" not in text, name
    themes = [t for n, (_, t, _) in letters.items() if "/Foreldre/" in n and "Tema 1 " in n]
    assert themes and all("Denne g" in t and goes_on not in t for t in themes)
    # An older child's own letter says what the talk is about in its own words, not by the
    # service's name for the move follow-up («Vi skal snakke om «Oppfølging i
    # flytteprosessen». Vi snakker om flyttingen …» read as office words, twice over).
    letters = _letters(tmp_path / "older", malform, older=True, case=case)
    own = [(h, t) for n, (h, t, _) in letters.items() if "/Barnet/" in n and "Tema 0 " in n]
    assert own and all(child in t and "flytteprosessen" not in h + t for h, t in own)
    later = [t for n, (_, t, _) in letters.items() if "/Barnet/" in n and "Tema 1 " in n]
    title = "«Min historie»." if malform == "bokmal" else "«Mi historie»."
    assert later and all(title in t for t in later)


def test_the_letter_follows_the_journal_on_what_was_agreed():
    """The confirmation, the planner's notes and the list of letters to send come from one
    rule: a contact of the move follow-up (arranged directly, with the planner's shorter
    notice) whose date and time the journal has."""
    assert schedule.arranged_directly(0)
    assert not any(schedule.arranged_directly(tema) for tema in range(1, 7))
    ctx = case_context(canonical_case(samtaler=REGISTERED, vurderinger=[]))
    seen = set()
    for conv in ctx.plan.conversations:
        agreed = conv.tema == 0 and conv.fra_journal and conv.journal_time
        assert ctx.samtale_context(conv)["avtalt"] is agreed is schedule.agreed(conv)
        seen.add(agreed)
    assert seen == {True, False}


def _listed(workspace) -> dict[str, tuple]:
    """The list's rows by document (a letter's row names its .docx; the list's sheet keeps
    its name in either standard)."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return {r[2]: r for r in rows if str(r[2] or "").endswith(".docx")}


SHORT_NOTICE = {
    "bokmal": " Be kontaktpersonen ringe mottakeren og avtale tiden. Blir det tiden i brevet, "
              "send brevet som bekreftelse. Blir det en annen tid, skal den registreres i "
              "fagsystemet, og dette brevet skal ikke sendes: et nytt brev lages når saken er "
              "eksportert på nytt.",
    "nynorsk": " Be kontaktpersonen ringje mottakaren og avtale tida. Blir det tida i brevet, "
               "send brevet som stadfesting. Blir det ei anna tid, skal ho registrerast i "
               "fagsystemet, og dette brevet skal ikkje sendast: eit nytt brev blir laga når "
               "saka er eksportert på nytt.",
}
"""What a proposal sent too close to its conversation to answer asks of staff («Kort
varsel»): a time agreed by phone as in the letter, it goes as confirmation; another time is
registered, and the letter made for it is sent instead."""

LIST_NOTES = {
    "bokmal": ("Bekrefter en avtalt samtale (ikke en invitasjon).",
               "Foreslår en tid som ikke er avtalt ennå (en invitasjon, ikke en bekreftelse). "
               "Send brevet som det er: det sier hvordan mottakeren ber om en annen tid.",
               "Foreslår en tid som ikke er avtalt ennå (23. november 2026), men brevet kan "
               "først sendes samme dag. Be kontaktpersonen avtale tiden direkte med "
               "mottakeren.",
               "Kort varsel: samtalen er 23. november 2026." + SHORT_NOTICE["bokmal"]),
    "nynorsk": ("Stadfestar ein avtalt samtale (ikkje ein invitasjon).",
                "Føreslår ei tid som ikkje er avtalt enno (ein invitasjon, ikkje ei "
                "stadfesting). Send brevet som det er: det seier korleis mottakaren ber om ei "
                "anna tid.",
                "Føreslår ei tid som ikkje er avtalt enno (23. november 2026), men brevet kan "
                "først sendast same dag. Be kontaktpersonen avtale tida direkte med "
                "mottakaren.",
                "Kort varsel: samtalen er 23. november 2026." + SHORT_NOTICE["nynorsk"]),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_til_utsending_tells_a_confirmation_from_a_proposal(workspace, malform):
    """The mother's next contact is registered in the journal (25 November); the father's
    and the child's (Monday 23 November) the program picked. Made on Friday 20 November,
    the list calls the first a confirmation and the others not agreed, and too close to
    answer ([documents] short_notice_days): the time is agreed by phone. Made again on
    Sunday 22 November, the proposals cannot go out before the day of their meeting, so the
    contact person is to agree the time directly. A theme's invitation has no note."""
    confirms, _, too_late, short_notice = LIST_NOTES[malform]
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))  # the case is new to a running service
    case = canonical_case()
    case["samtaler"] = [*case["samtaler"], {**REGISTERED[0], "nummer": 2, "forelder": 0}]
    # No interpreter: the father's contact would come later ([schedule]
    # interpreter_notice_days), and this is about one proposed the next working day.
    case["foreldre"][1]["tolk"] = False
    workspace.drop("sak.json", case)
    folder = "Innkallingar" if malform == "nynorsk" else "Innkallinger"
    child = "til fosterforeldra.docx" if malform == "nynorsk" else "til fosterforeldrene.docx"
    for today, proposal in ((date(2026, 11, 20), short_notice), (TODAY, too_late)):
        assert workspace.run(today=today).files_failed == 0
        rows = _listed(workspace)
        contacts = {d.rsplit(" - ", 1)[1]: r for d, r in rows.items()
                    if f"/{folder}/Foreldre/Tema 0 - " in d
                    or f"/{folder}/Barnet/Tema 0 - " in d}
        themes = [r for d, r in rows.items() if f"/{folder}/" in d and "/Tema 0 - " not in d]
        assert set(contacts) == {"mor.docx", "far.docx", child} and themes
        assert contacts["mor.docx"][6] == confirms
        assert contacts["far.docx"][6] == contacts[child][6] == proposal
        assert {r[6] for r in themes} == {None}
        # "Send innen": the day itself on Friday, kept on Sunday, passed (red): not moved on
        # to the next working day (helper 312).
        send_by = date(2026, 11, 20)
        assert {r[4].date() for r in contacts.values()} == {send_by}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_proposal_too_close_to_answer_says_to_agree_by_phone(workspace, malform):
    """The father's next contact is in the journal for Thursday 26 November without a time:
    its letter proposes the usual time; the mother's is registered with a time (25
    November): hers confirms. Sent digitally on Friday 20 or Monday 23 November, the
    proposal leaves its reader time to ask for another, and its row says to send it as it
    is; sent on Tuesday 24 November, the conversation is within [documents]
    short_notice_days (2) working days: the row says so, and that the contact person agrees
    the time by phone and the letter goes all the same. The letter stays
    one to send; the confirmation's row is the same every day."""
    confirms, proposes, _, _ = LIST_NOTES[malform]
    # The proposal was made on 20 November, in good time, and reads as one (it asks for an
    # answer if the time does not suit): the row says so and sends it all the same (403).
    short_notice = {
        "bokmal": "Kort varsel: samtalen er 26. november 2026, og brevet ble laget 20. "
                  "november 2026 som en invitasjon der mottakeren blir bedt om å gi beskjed "
                  "hvis tiden ikke passer. Nå er det for kort tid til det."
                  + SHORT_NOTICE["bokmal"].replace("som bekreftelse", "likevel"),
        "nynorsk": "Kort varsel: samtalen er 26. november 2026, og brevet vart laga 20. "
                   "november 2026 som ein invitasjon der mottakaren blir beden om å gi beskjed "
                   "om tida ikkje passar. No er det for kort tid til det."
                   + SHORT_NOTICE["nynorsk"].replace("som stadfesting", "likevel")}[malform]
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    case = canonical_case()
    case["samtaler"] = [*case["samtaler"], {**REGISTERED[0], "nummer": 2, "forelder": 0},
                        {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 1,
                         "dato": "2026-11-26", "status": "planlagt"}]
    workspace.drop("sak.json", case)
    folder = "Innkallingar" if malform == "nynorsk" else "Innkallinger"
    for today, note in ((date(2026, 11, 20), proposes), (date(2026, 11, 23), proposes),
                        (date(2026, 11, 24), short_notice)):
        assert workspace.run(today=today).files_failed == 0
        parents = {d.rsplit(" - ", 1)[1]: r for d, r in _listed(workspace).items()
                   if f"/{folder}/Foreldre/Tema 0 - " in d}
        assert set(parents) == {"mor.docx", "far.docx"}, today
        assert parents["far.docx"][5] == parents["mor.docx"][5] == "Digitalt"
        assert parents["far.docx"][6] == note, today
        # Still to send; due the day it was made, and on the lists after it that day,
        # passed (red): not moved on to today (helper 312).
        assert parents["far.docx"][4].date() == date(2026, 11, 20)
        assert parents["mor.docx"][6] == confirms, today


@pytest.mark.parametrize(("malform", "words"), [("bokmal", "et eget brev med tid og sted"),
                                                ("nynorsk", "eit eige brev med tid og stad")])
def test_the_information_letter_promises_a_letter_not_an_invitation(tmp_path, malform, words):
    """Before each conversation a letter comes: an invitation, or a confirmation."""
    case = canonical_case(samtaler=[], vurderinger=[])
    case["plassering"]["startdato"] = "2026-11-18"  # a letter from the start lists the dates
    ctx = case_context(case, invitation_days_before=21).in_malform(malform)
    letters = render(ctx, "informasjonsbrev", tmp_path)
    assert letters
    for path in letters.values():
        text = docx_text(path)
        assert words in text and "invitasjon" not in text


LATE_BY_POST_TO_THE_CHILD = {
    "bokmal": "Rekker ikke fram med post før samtalen 23. november 2026. Be kontaktpersonen "
              "ringe fosterforeldrene og avtale tiden med barnet. Blir det tiden i brevet, ta "
              "brevet med til samtalen. Blir det en annen tid, skal den registreres i "
              "fagsystemet, og dette brevet skal ikke brukes: et nytt brev lages når saken er "
              "eksportert på nytt.",
    "nynorsk": "Rekk ikkje fram med post før samtalen 23. november 2026. Be kontaktpersonen "
               "ringje fosterforeldra og avtale tida med barnet. Blir det tida i brevet, ta "
               "brevet med til samtalen. Blir det ei anna tid, skal ho registrerast i "
               "fagsystemet, og dette brevet skal ikkje brukast: eit nytt brev blir laga når "
               "saka er eksportert på nytt.",
}
"""The child's own letter by post too late: the child is not called, and the letter would come
after the conversation (a reader's finding in the demo's 2026-0655)."""

TAKEN_ALONG = {"bokmal": "Tas med til samtalen", "nynorsk": "Takast med til samtalen"}
"""Its Sendemåte: the contact person takes the letter along, nobody posts it."""

LATE_BY_POST = {
    "bokmal": "Rekker ikke fram med post før samtalen 23. november 2026. Be kontaktpersonen "
              "ringe mottakeren og avtale tiden. Blir det tiden i brevet, send brevet likevel, "
              "som bekreftelse. Blir det en annen tid, skal den registreres i fagsystemet, og "
              "dette brevet skal ikke sendes: et nytt brev lages når saken er eksportert på "
              "nytt.",
    "nynorsk": "Rekk ikkje fram med post før samtalen 23. november 2026. Be kontaktpersonen "
               "ringje mottakaren og avtale tida. Blir det tida i brevet, send brevet likevel, "
               "som stadfesting. Blir det ei anna tid, skal ho registrerast i fagsystemet, og "
               "dette brevet skal ikkje sendast: eit nytt brev blir laga når saka er eksportert "
               "på nytt.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_by_post_that_cannot_arrive_in_time_says_to_agree_by_phone(workspace,
                                                                             malform):
    """A 14-year-old's letters go by post ([documents] delivery_child). Made on Friday 20
    November, the proposal for Monday 23 November cannot reach the child before the day
    ([documents] post_days, 2 working days): its row says so and what to do, through the
    foster parents, the letter taken to the conversation; a theme's invitation weeks ahead,
    by post too, has no note."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", _older_child(canonical_case()))
    assert workspace.run(today=date(2026, 11, 20)).files_failed == 0
    folder = "Innkallingar" if malform == "nynorsk" else "Innkallinger"
    by_post = {d: r for d, r in _listed(workspace).items()
               if f"/{folder}/Barnet/" in d and "til foster" not in d}
    contact = [r for d, r in by_post.items() if "/Tema 0 - " in d]
    themes = [r for d, r in by_post.items() if "/Tema 0 - " not in d]
    assert len(contact) == 1 and themes
    assert contact[0][6] == LATE_BY_POST_TO_THE_CHILD[malform]
    assert "mottaker" not in contact[0][6] and "mottakaren" not in contact[0][6]
    # Taken to the conversation, not posted: shown as that, with no «Send innen» to keep.
    assert contact[0][5] == TAKEN_ALONG[malform] and contact[0][4] is None
    assert {(r[5], r[6]) for r in themes} == {("Post", None)}


def test_each_letter_by_post_too_late_says_what_to_do_for_its_kind():
    """The note for a letter by post that cannot arrive in time fits what the letter is: a
    proposed time, an agreed one, the joint meeting, or the information letter. Digitally,
    only a proposal and the joint meeting (its time the planner's) have a note ([documents]
    short_notice_days): too close to answer."""
    from pathlib import PurePosixPath

    from omsorgspakke_docs.rendering.renderer import Document
    from omsorgspakke_docs.text import tekst

    ctx, t = case_context(canonical_case()), tekst("bokmal")
    day = date(2026, 11, 24)
    kinds = {"forslag": {"samtale": {"tema": 0}}, "avtalt": {"samtale": {"avtalt": True}},
             "mote": {"fellesmote": {}}, "brev": {}}
    notes = {}
    for kind, extra in kinds.items():
        doc = Document(PurePosixPath("x.docx"), "x.docx",
                       {"mottaker": {"sendes": "post"}, **extra}, meeting=day)
        notes[kind] = sending._too_close(doc, ctx, t)
        digital = Document(PurePosixPath("x.docx"), "x.docx",
                           {"mottaker": {"sendes": "digitalt"}, **extra}, meeting=day)
        if kind == "forslag":  # a proposal sent digitally: too close to answer
            assert sending._too_close(digital, ctx, t) == (
                2, "Kort varsel: samtalen er 24. november 2026." + SHORT_NOTICE["bokmal"],
                False)
        elif kind == "mote":  # the joint meeting's: its reader told by phone
            assert sending._too_close(digital, ctx, t) == (
                2, "Kort varsel: møtet er 24. november 2026. Be kontaktpersonen ringe "
                   "mottakeren og gi beskjed om møtet, og send brevet likevel.", False)
        elif kind == "brev":  # the information letter's: its reader told by phone
            assert sending._too_close(digital, ctx, t) == (
                2, "Kort varsel: neste samtale er 24. november 2026. Be kontaktpersonen "
                   "ringe mottakeren og fortelle om samtalene, og send brevet likevel.", False,
                "Kort varsel: neste samtale er 24. november 2026, samme dag som brevet sendes. "
                "Be kontaktpersonen gå gjennom datoene for samtalene med mottakeren da, og "
                "send brevet likevel.")
        else:
            assert sending._too_close(digital, ctx, t) is None
    assert {(days, post) for days, _, post in notes.values()} == {(2, True)}
    assert notes["forslag"][1].startswith("Rekker ikke fram med post før samtalen 24. november")
    assert "ringe mottakeren og avtale tiden" in notes["forslag"][1]
    assert notes["avtalt"][1].startswith("Bekrefter en avtalt samtale, men rekker ikke fram")
    assert notes["mote"][1] == ("Rekker ikke fram med post før møtet 24. november 2026. Be "
                                "kontaktpersonen gi mottakeren beskjed om møtet på telefon, og "
                                "send brevet likevel.")
    assert notes["brev"][1].startswith("Rekker ikke fram med post før neste samtale")


AT_SHORT_NOTICE = "test_a_proposed_contact_for_the_next_working_day_reads_as_the_confirmation"


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_proposed_contact_for_the_next_working_day_reads_as_the_confirmation(tmp_path,
                                                                              malform):
    """A reader's finding: the program's first contacts, made on Sunday 22 November for
    Monday, said «Jeg inviterer deg …» and «Gi beskjed så snart du kan», while Til utsending
    says to agree the time by phone first. The parent's and the foster family's letters
    confirm the time, and say plainly it is very soon and to call. So does the older
    child's own letter, in its own simple words, without asking for an answer that cannot
    come in time (helper 409: tests/test_child_letter_short_notice.py)."""
    w = WORDS[malform]
    soon = ("Det er kort tid til samtalen. Ring meg så snart {} kan på 55 00 12 34",
            ("du", "dere" if malform == "bokmal" else "de"))
    letters = _letters(tmp_path, malform, older=True)
    contacts = {n: v for n, v in letters.items() if "Tema 0 " in n and "(kontakt 1)" in n}
    adults = {n: v for n, v in contacts.items() if "/Barnet/" not in n}
    assert len(adults) == 3  # each parent living apart, the foster family
    for name, (heading, text, cells) in adults.items():
        _check_confirmation(w, name, heading, text, cells, malform)
        said = " ".join(text.split())
        assert any(soon[0].format(who) in said for who in soon[1]), name
    (child,) = [v for n, v in contacts.items() if "/Barnet/" in n]
    heading, text, cells = child
    assert heading.startswith("Samtalen vi har avtalt"), heading
    assert "Som vi har avtalt, " in text and w["not_suit"] in text
    assert not any(s in text for s in w["invite"]) and w["suit"] not in text
    # The time said once, under «Klokkeslett», without a second «kl.» (helper 401).
    assert any(re.fullmatch(r"\d\d\.\d\d–\d\d\.\d\d", c) for c in cells), cells
    assert not any(c.startswith("kl. ") for c in cells), cells


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_to_the_child_too_late_says_to_agree_the_time_through_the_foster_parents(
        malform):
    """Every short-notice note for a letter to the child: the contact person calls the foster
    parents and agrees the time with the child; by post, the letter is taken to the
    conversation. A letter to someone else keeps its notes (the same day, the same kind)."""
    from pathlib import PurePosixPath

    from omsorgspakke_docs.rendering.renderer import Document
    from omsorgspakke_docs.text import tekst

    ctx, t = case_context(canonical_case()).in_malform(malform), tekst(malform)
    day = date(2026, 11, 23)

    def note(rolle: str, sendes: str, avtalt: bool = False) -> str:
        doc = Document(PurePosixPath("x.docx"), "x.docx",
                       {"mottaker": {"sendes": sendes, "rolle": rolle},
                        "samtale": {"tema": 0, "avtalt": avtalt}}, meeting=day)
        found = sending._too_close(doc, ctx, t)
        assert found is not None
        return found[1]

    child = ("ringe fosterforeldrene og avtale tiden med barnet" if malform == "bokmal"
             else "ringje fosterforeldra og avtale tida med barnet")
    taken = "ta brevet med til samtalen"
    assert note("barnet", "post") == LATE_BY_POST_TO_THE_CHILD[malform]
    agreed = note("barnet", "post", avtalt=True)
    assert taken in agreed and ("fosterforeldrene" in agreed or "fosterforeldra" in agreed)
    digital = note("barnet", "digitalt")
    assert digital.startswith("Kort varsel: samtalen er 23. november 2026.") and child in digital
    for said in (note("barnet", "post"), agreed, digital):
        assert "mottak" not in said, said
    assert note("forelder", "post") == LATE_BY_POST[malform]
    assert "mottak" in note("forelder", "post", avtalt=True)
    assert "mottak" in note("forelder", "digitalt")
