"""Til utsending as the person who sends the letters reads it (a reader's findings, helper
171): a digital theme invitation sent the day before its conversation says «Kort varsel»
beside the note of an old export; the last theme's invitation after months with no earlier
theme registered as held says so; an invitation made on the day of its conversation is on
the list, not to send, rather than lying unlisted in the case folder; a case with no contact
person shows «(ingen kontaktperson registrert)»; and a letter that replaces an earlier one
says which."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, docx_text, xlsx_rows
from .doc_helpers import case_context, texts
from .test_replaced_invitation import CASE, INVITED, WAS, invited, moved

FATHER = "2026-0412/Innkallinger/Foreldre/Tema 5 - Fortsatt familie og veien videre - far.docx"
MOTHER = "2026-0412/Innkallinger/Foreldre/Tema 5 - Fortsatt familie og veien videre - mor.docx"
FOLDER = {"bokmal": "Innkallinger", "nynorsk": "Innkallingar"}
THEME5 = {"bokmal": "Tema 5 - Fortsatt familie og veien videre",
          "nynorsk": "Tema 5 - Framleis familie og vegen vidare"}
STALE = {"bokmal": "Sjekk i fagsystemet før brevet sendes: den siste eksporten av saken er "
                   "fra 20. november 2026.",
         "nynorsk": "Sjekk i fagsystemet før brevet blir sendt: den siste eksporten av saka "
                    "er frå 20. november 2026."}
SHORT = {"bokmal": "Kort varsel: samtalen er 16. mars 2027. Be kontaktpersonen ringe mottakeren",
         "nynorsk": "Kort varsel: samtalen er 16. mars 2027. Be kontaktpersonen ringje "
                    "mottakaren"}
UNHELD = {"bokmal": "Siste tema: tema 1–4 er ikke registrert som holdt, og datoene er passert, "
                    "men brevet ser tilbake på samtalene.",
          "nynorsk": "Siste tema: tema 1–4 er ikkje registrerte som haldne, og datoane er "
                     "passerte, men brevet ser tilbake på samtalane."}
SAME_DAY = {"bokmal": "Ikke send: samtalen er i dag, 15. mars 2027 kl. 10.00, og brevet ble "
                      "laget i dag, så det rekker ikke fram. Be kontaktpersonen ringe mottakeren "
                      "om samtalen.",
            "nynorsk": "Ikkje send: samtalen er i dag, 15. mars 2027 kl. 10.00, og brevet vart "
                       "laga i dag, så det rekk ikkje fram. Be kontaktpersonen ringje mottakaren "
                       "om samtalen."}
NO_CONTACT = "(ingen kontaktperson registrert)"
REPLACES = {"bokmal": "Erstatter brevet av 24. september 2026.",
            "nynorsk": "Erstattar brevet av 24. september 2026."}


COLUMNS = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
           "Sendt", "Samtaledato", "Kontaktperson")
"""The list's columns, as the bokmål list names them."""


def _letters(workspace) -> dict[str, dict[str, object]]:
    """The list's letter rows by document, each as {column: value}."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    header = next(i for i, r in enumerate(rows) if r[0] == "Sak" and r[2] == "Dokument")
    return {r[2]: dict(zip(COLUMNS, r, strict=False)) for r in rows[header + 1:]
            if str(r[2] or "").endswith(".docx")}


def _months_without_news(workspace, malform: str) -> dict[str, dict[str, object]]:
    """The example case exported on 20 November, and nothing from the journal since, run on
    15 March 2027: only the last themes' invitations are due, the parents' for tomorrow
    (far) and this morning (mor)."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2027, 3, 15))
    return _letters(workspace)


def _named(document: str, malform: str) -> str:
    return document.replace("Innkallinger", FOLDER[malform]).replace(
        "Tema 5 - Fortsatt familie og veien videre", THEME5[malform])


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_theme_invitation_for_tomorrow_says_kort_varsel_beside_the_old_export(workspace,
                                                                                malform):
    father = _months_without_news(workspace, malform)[_named(FATHER, malform)]
    assert father["Sendemåte"] == "Digitalt"
    assert father["Samtaledato"].date() == date(2027, 3, 16)
    note = father["Merknad"]
    # The old export first, what to do about the short notice after it: both.
    assert note.startswith(STALE[malform]), note
    assert SHORT[malform] in note, note


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_last_theme_after_earlier_themes_passed_unheld_is_to_check(workspace, malform):
    father = _months_without_news(workspace, malform)[_named(FATHER, malform)]
    assert UNHELD[malform] in father["Merknad"]


def test_a_last_theme_invitation_says_nothing_of_earlier_themes_while_they_are_ahead(
        workspace):
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    notes = [row["Merknad"] or "" for row in _letters(workspace).values()]
    assert notes and not any("Siste tema" in note for note in notes)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_invitation_made_on_the_morning_of_its_conversation_is_listed_not_to_send(
        workspace, malform):
    letters = _months_without_news(workspace, malform)
    mother = _named(MOTHER, malform)
    assert (workspace.outbox / mother).is_file()  # in the folder, looking ready to send
    row = letters[mother]
    assert row["Merknad"].startswith(SAME_DAY[malform]), row["Merknad"]
    assert row["Send innen"] is None
    assert row["Samtaledato"].date() == date(2027, 3, 15)
    # Every invitation in the case folder has its row.
    folder = workspace.outbox / "2026-0412" / FOLDER[malform]
    assert {f"2026-0412/{p.relative_to(folder.parent).as_posix()}"
            for p in folder.rglob("*.docx")} <= set(letters)


def test_a_case_without_a_contact_person_says_so_in_the_contact_column(workspace):
    case = canonical_case(eksportert="2026-11-20")
    case["kontaktperson"] = {}
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", case)
    workspace.run(date(2026, 11, 22))
    shown = {row["Kontaktperson"] for row in _letters(workspace).values()}
    assert shown == {NO_CONTACT}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_invitation_for_a_moved_conversation_names_the_letter_it_replaces(tmp_path,
                                                                              malform):
    ws, case = invited(tmp_path, malform)
    first = _letters(ws)
    assert any(d.startswith(f"{CASE}/") and "/Barnet/Tema 1 " in d for d in first)
    assert not any("brevet av" in str(row["Merknad"] or "") for row in first.values())
    later = INVITED + timedelta(days=4)
    moved(ws, case, WAS - timedelta(days=1), later)
    rows = {d: r for d, r in _letters(ws).items() if "/Barnet/Tema 1 " in d}
    assert rows, _letters(ws).keys()
    for row in rows.values():
        assert str(row["Merknad"] or "").endswith(REPLACES[malform]), row["Merknad"]
    # The next day it is the same letter, still saying so; the others say nothing of it.
    moved(ws, case, WAS - timedelta(days=1), later + timedelta(days=1))
    letters = _letters(ws)
    assert all(REPLACES[malform] in str(letters[d]["Merknad"]) for d in rows)
    assert not any("brevet av" in str(r["Merknad"] or "") for d, r in letters.items()
                   if d not in rows)



LETTER_SHORT = {
    "bokmal": "Kort varsel: neste samtale er {}. Be kontaktpersonen ringe mottakeren og "
              "fortelle om samtalene, og send brevet likevel.",
    "nynorsk": "Kort varsel: neste samtale er {}. Be kontaktpersonen ringje mottakaren og "
               "fortelje om samtalane, og send brevet likevel."}
LETTER_SAME_DAY = {
    "bokmal": "Kort varsel: neste samtale er {}, samme dag som brevet sendes. Be "
              "kontaktpersonen gå gjennom datoene for samtalene med mottakeren da, og send "
              "brevet likevel.",
    "nynorsk": "Kort varsel: neste samtale er {}, same dag som brevet blir sendt. Be "
               "kontaktpersonen gå gjennom datoane for samtalane med mottakaren då, og send "
               "brevet likevel."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_information_letter_days_before_the_first_conversation_says_kort_varsel(
        workspace, malform):
    """The example case first exported on Sunday 22 November: the parents' information
    letters, digital, are to be sent on Monday, the mother's first conversation that day and
    the father's on Wednesday. Their reader has no time to take in the dates before the
    first: each row says «Kort varsel», as the father's invitation for Wednesday beside it
    does (helper 188: the information letters had no note). The mother's, to send the day
    of her first conversation, says so: «neste samtale er 23. november 2026» alone read as
    if there were days to spare."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    letters = _letters(workspace)
    information = {row["Samtaledato"].date(): row for document, row in letters.items()
                   if "/02 " in document and "nformasjonsbrev" in document}
    assert set(information) == {date(2026, 11, 23), date(2026, 11, 25)}, letters.keys()
    for day, said in ((date(2026, 11, 23), LETTER_SAME_DAY[malform].format("23. november 2026")),
                      (date(2026, 11, 25), LETTER_SHORT[malform].format("25. november 2026"))):
        row = information[day]
        assert row["Sendemåte"] == "Digitalt"
        assert row["Send innen"].date() == date(2026, 11, 23)
        assert row["Merknad"] == said, row["Merknad"]
    # The father's invitation for Wednesday says the same of its conversation.
    invitation = next(row for document, row in letters.items()
                      if "(kontakt 2) - far" in document)
    assert invitation["Merknad"].startswith("Kort varsel: samtalen er 25. november 2026.")


CONFIRMS = {
    "bokmal": ("Bekreftelse på avtalt samtale – Tema 5: Fortsatt familie og veien videre",
               "Som avtalt møtes vi til en ny samtale om deg og Sofie. Her får du tid og sted "
               "skriftlig.",
               "Passer ikke tidspunktet likevel? Det er kort tid til samtalen. Ring meg så snart "
               "du kan på 55 00 12 34, så finner vi en ny tid."),
    "nynorsk": ("Stadfesting av avtalt samtale – Tema 5: Framleis familie og vegen vidare",
                "Som avtalt møtest vi til ein ny samtale om deg og Sofie. Her får du tid og "
                "stad skriftleg.",
                "Passar ikkje tidspunktet likevel? Det er kort tid til samtalen. Ring meg så "
                "snart du kan på 55 00 12 34, så finn vi ei ny tid."),
}
"""A parent's theme invitation made the day before its conversation, as it reads."""
INVITES = {"bokmal": ("Invitasjon til samtale", "Jeg inviterer deg", "Gi beskjed så snart"),
           "nynorsk": ("Invitasjon til samtale", "Eg inviterer deg", "Gi beskjed så snart")}
"""What such a letter no longer says: it is sent as confirmation of a time agreed by phone."""


def _flat(path) -> str:
    return " ".join(docx_text(path).split())


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_theme_invitation_for_tomorrow_reads_as_the_confirmation_it_is_sent_as(
        workspace, tmp_path, malform):
    """A reader's finding: a letter dated the day before its conversation said «Jeg inviterer
    deg …» and «Gi beskjed så snart du kan», while Til utsending says to agree the time by
    phone and send it as confirmation. It confirms the time, and says plainly that the
    conversation is very soon and to call if it does not suit; one made in good time still
    invites."""
    listed = _months_without_news(workspace, malform)
    father = _named(FATHER, malform)
    assert SHORT[malform] in listed[father]["Merknad"]
    text = _flat(workspace.outbox / father)
    for said in CONFIRMS[malform]:
        assert said in text
    for said in INVITES[malform]:
        assert said not in text
    # The mother's theme 1 invitation, made weeks ahead of it, still invites.
    ahead = next(" ".join(text.split()) for name, text in texts(
        case_context(canonical_case()).in_malform(malform), "innkalling", tmp_path).items()
        if "/Foreldre/Tema 1 " in name and name.endswith("mor.docx"))
    assert all(said in ahead for said in INVITES[malform])
    assert "kort tid til samtalen" not in ahead


def test_a_letter_issued_at_short_notice_by_the_release_before_keeps_its_issue(workspace,
                                                                               monkeypatch):
    """On release day, the invitation the release before issued the day before its
    conversation, and staff marked as sent, reads in the new words: a confirmation. It
    keeps its issue (its date), as for any reworded template: not issued anew to send."""
    from omsorgspakke_docs.documents import innkalling
    from omsorgspakke_docs.rendering import prepare

    from .test_sent_marks import LIST, _mark, _rows

    said_before = innkalling.short_notice
    monkeypatch.setattr(innkalling, "short_notice",
                        lambda ctx, shown, meeting: lambda day: {"kort_varsel": False})
    _months_without_news(workspace, "bokmal")
    father = workspace.outbox / FATHER
    assert "Jeg inviterer deg" in _flat(father)
    _mark(workspace.outbox / LIST, {FATHER: "x"})

    workspace.as_kept_by_the_release_before()
    monkeypatch.setattr(innkalling, "short_notice", said_before)  # the new release
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(date(2027, 3, 16))
    assert summary.files_failed == 0
    text = _flat(father)
    assert all(said in text for said in CONFIRMS["bokmal"])
    assert "15. mars 2027" in text and "16. mars 2027" not in text.split("Vår ref.")[0]
    marks = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST)}
    assert marks.get(FATHER, "x") == "x"
SAME_DAY_PASSED = {
    "bokmal": "Ikke send: samtalen var 15. mars 2027 kl. 10.00, og brevet ble laget samme dag. "
              "Det er ikke merket som sendt: sjekk at mottakeren fikk beskjed om samtalen på "
              "telefon.",
    "nynorsk": "Ikkje send: samtalen var 15. mars 2027 kl. 10.00, og brevet vart laga same "
               "dag. Det er ikkje merkt som sendt: sjekk at mottakaren fekk beskjed om "
               "samtalen på telefon."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_invitation_made_on_the_day_stays_one_more_list_while_not_marked(workspace,
                                                                            malform):
    """It left the list the next day without a trace (helper 312): nobody checked that its
    reader was called. It is listed once more, not to send, saying so; marked, it leaves."""
    _months_without_news(workspace, malform)
    mother = _named(MOTHER, malform)
    workspace.run(date(2027, 3, 16))
    row = _letters(workspace)[mother]
    assert row["Merknad"] == SAME_DAY_PASSED[malform], row
    assert row["Send innen"] is None and row["Sendt"] is None
    assert row["Samtaledato"].date() == date(2027, 3, 15)
    workspace.run(date(2027, 3, 17))  # one list after its day, not more
    assert mother not in _letters(workspace)


def test_an_invitation_made_on_the_day_marked_as_sent_is_not_listed_after_it(workspace):
    from openpyxl import load_workbook
    _months_without_news(workspace, "bokmal")
    mother = _named(MOTHER, "bokmal")
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    sheet = book["Til utsending"]
    row = next(r for r in sheet.iter_rows() if r[2].value == mother)
    row[7].value = "x"
    book.save(path)
    workspace.run(date(2027, 3, 16))
    assert mother not in _letters(workspace)


LAST_CALL = {"bokmal": "Ikke send: brevet er ikke merket som sendt, og samtalen er i dag, {}. "
                       "Sjekk om det ble sendt, og skriv i så fall datoen i Sendt. Ble det ikke "
                       "sendt, sjekk at samtalen ble avtalt med mottakeren på telefon.",
             "nynorsk": "Ikkje send: brevet er ikkje merkt som sendt, og samtalen er i dag, {}. "
                        "Sjekk om det vart sendt, og skriv i så fall datoen i Sendt. Vart det "
                        "ikkje sendt, sjekk at samtalen vart avtalt med mottakaren på telefon."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_invitation_not_marked_as_sent_is_listed_on_the_day_of_its_conversation(
        workspace, malform):
    """Its days on the list end the day before its conversation: one nobody marked as sent
    left the list silently (helper 312: 19 rows «Kort varsel» gone the next day). It is
    listed once more on the day itself, not to send, to check; one marked is not."""
    from openpyxl import load_workbook

    from omsorgspakke_docs.planning.workdays import norsk_dato
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    first = {doc: row for doc, row in _letters(workspace).items()
             if row["Samtaledato"] is not None and "/02 " not in doc
             and row["Samtaledato"].date() == date(2026, 11, 23)}
    assert len(first) >= 2, first
    marked, *unmarked = sorted(first)
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    for row in book["Til utsending"].iter_rows():
        if row[2].value == marked:
            row[7].value = "x"
    book.save(path)
    workspace.run(date(2026, 11, 23))
    after = _letters(workspace)
    assert marked not in after
    for document in unmarked:
        row = after[document]
        assert row["Merknad"] == LAST_CALL[malform].format(
            norsk_dato(date(2026, 11, 23), malform)), row
        assert row["Send innen"] is None and row["Sendt"] is None
