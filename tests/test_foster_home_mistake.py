"""A foster home registered by mistake and corrected (domain/foster_home.py): the journal
names the Haugland family for a child who never moved, the program takes it as a move from
the Øvrebø family, and the next export names the Øvrebø family again. Before anything is
held with the Haugland family, that is a correction, not a second move: the Øvrebø family's
track is as it was, and the Haugland family is told that the meetings they had letters for
are off. Read as each reader would, in bokmål and in nynorsk."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending, sent_marks
from omsorgspakke_docs.store import issued

from .conftest import docx_text
from .test_foster_home_move import (
    NEW_HOME,
    WORDS,
    _case,
    _mark,
    _paths,
    _rows,
    _told,
    moved,
    older,
    older_child_moved,
)

MISTAKE = {
    "bokmal": {
        "mottaker": "Fosterforeldre registrert ved en feil",
        "etter": " (registrert ved en feil) (beskjed)",
        "beskjed": "Gi beskjed: innkallingen ble sendt til Liv Haugland og Per Haugland fordi "
                   "de ved en feil ble registrert som barnets fosterhjem i fagsystemet. "
                   "Registreringen er rettet, og samtalen {dato} blir ikke holdt med dem. "
                   "Fortell dem det, og skriv datoen i Sendt når det er gjort.",
        "flyttet_igjen": "Barnet har flyttet til dette fosterhjemmet, registrert i fagsystemet "
                         "1. desember 2026.",
    },
    "nynorsk": {
        "mottaker": "Fosterforeldre registrerte ved ein feil",
        "etter": " (registrert ved ein feil) (beskjed)",
        "beskjed": "Gi beskjed: innkallinga vart sendt til Liv Haugland og Per Haugland fordi "
                   "dei ved ein feil vart registrerte som fosterheimen til barnet i "
                   "fagsystemet. Registreringa er retta, og samtalen {dato} blir ikkje halden "
                   "med dei. Fortel dei det, og skriv datoen i Sendt når det er gjort.",
        "flyttet_igjen": "Barnet har flytta til denne fosterheimen, registrert i fagsystemet "
                         "1. desember 2026.",
    },
}
PLAN = "2026-0412/01 Oppfølgingsplan.docx"


def _plan(workspace) -> str:
    return docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")


def _foster_track(plan: str) -> list[str]:
    """The foster family's table in the plan: from its theme 1 to its theme 6."""
    lines = plan.splitlines()
    start = lines.index("Tema 1: Den nye familien")
    end = next(i for i, line in enumerate(lines) if line.startswith("Tema 6: "))
    return lines[start:end + 5]


def _moved_and_marked(workspace, malform: str, **patched) -> list[str]:
    """test_foster_home_move's move, with `patched` in place of that module's names while it
    runs (another new home, a hook on its marking), then the invitations marked as sent on
    30 November, as staff would. The letters marked."""
    import tests.test_foster_home_move as move

    with mock.patch.multiple(move, **patched):
        moved(workspace, malform)
    return _mark(workspace, lambda document, note: "/Innkall" in document
                 and "(beskjed)" not in document and not note.startswith("Ikke send"))


def corrected(workspace, malform: str, held: bool = False,
              letters: dict[str, tuple[str, tuple]] | None = None) -> tuple[list[str], str]:
    """The move of test_foster_home_move (the Haugland family, read on 30 November), the
    Haugland family's letters marked as sent that day, then an export of 1 December names
    the Øvrebø family again, read that day. held: the journal has the Haugland family's
    theme 1 held on 30 November. The letters marked, and the plan before the move; letters:
    filled with the Øvrebø family's two letters (_paths) as they were before the move, their
    text and their row in Til utsending once marked as sent."""
    before: list[str] = []

    def mark(workspace, *args):
        before[:] = [_plan(workspace)]
        marked = _mark(workspace, *args)
        if letters is not None:
            rows = {r[2]: r for r in _rows(workspace)}
            letters.update({document: (docx_text(workspace.outbox / document), rows[document])
                            for document in _paths(WORDS[malform])})
        return marked
    sent = _moved_and_marked(workspace, malform, _mark=mark)
    back = _case("2026-12-01")
    if held:
        back["samtaler"] = [*back["samtaler"], {
            "part": "fosterfamilien", "tema": 1, "dato": "2026-11-30", "klokkeslett": "10:00",
            "status": "gjennomfort"}]
    workspace.drop("rettet.json", back)
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    return sent, before[0]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_family_registered_by_mistake_is_told_their_meetings_are_off(workspace,
                                                                          malform):
    """Each invitation marked as sent to the Haugland family gets a red «Gi beskjed» row,
    first on the list, saying calmly that they were registered by mistake and the meeting
    is off; the Øvrebø family is not asked to be told anything, as nothing of theirs is
    off."""
    words, mistake = WORDS[malform], MISTAKE[malform]
    theme_2, child_1 = _paths(words)
    sent, _ = corrected(workspace, malform)
    assert theme_2 in sent and child_1 in sent
    told = _told(workspace, mistake)
    assert set(told) == set(sent)
    rows = _rows(workspace)
    assert rows[:len(told)] == list(told.values())
    # Their theme 2 was planned for 18 January (theirs from the start); the child's theme 1
    # with them is on 8 December.
    for document, day, shown in ((theme_2, date(2027, 1, 18), "18. januar 2027"),
                                 (child_1, date(2026, 12, 8), "8. desember 2026")):
        row = told[document]
        assert row[1] == mistake["mottaker"]
        assert row[3] == datetime(2026, 11, 30)  # the letter they were sent
        assert row[6] == mistake["beskjed"].format(dato=shown)
        assert row[7] is None and row[8] == datetime.combine(day, datetime.min.time())
    assert _told(workspace, words) == {}  # nothing for the Øvrebø family
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    assert f"{len(told)} {words['telling']}" in sheet["C4"].value
    # Staff told them of theme 2: that row is done; the others are still to do, also after
    # the next export.
    _mark(workspace, lambda document, note: document == theme_2 + mistake["etter"])
    workspace.drop("neste.json", _case("2026-12-02"))
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    again = _told(workspace, mistake)
    assert again[theme_2][7] is not None and again[child_1][7] is None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_restored_family_is_the_foster_family_as_before(workspace, malform):
    """The plan is as before the mistake: the Øvrebø family at Lia 22, theme 1 held on 19
    October, the rest of their track on the days it had, and no word of a move. Their
    letters name them and replace no letter only the Haugland family got. A letter they
    were sent before the mistake, whose words have not changed, is that letter still: the
    same text, dated as it was, its row in Til utsending showing the mark staff set then
    (not dated the day of the correction and listed to send again)."""
    words = WORDS[malform]
    letters: dict[str, tuple[str, tuple]] = {}
    _, before = corrected(workspace, malform, letters=letters)
    plan = _plan(workspace)
    lines = plan.splitlines()
    assert lines[lines.index(words["hjemme"]) + 1] == "Lia 22, 5997 Fjordvik"
    assert words["flyttet"][:40] not in plan and "Haugland" not in plan
    assert words["tidligere"] not in lines
    assert _foster_track(plan) == _foster_track(before)
    theme_1 = lines.index("Tema 1: Den nye familien")
    assert lines[theme_1 + 1] in ("mandag 19. oktober 2026", "måndag 19. oktober 2026")
    for document in _paths(words):
        letter = docx_text(workspace.outbox / document)
        assert "Kari Øvrebø og Jon Åge Øvrebø" in letter and "Lia 22" in letter
        assert "Haugland" not in letter and "Bjørkeveien" not in letter
        # No letter only the Haugland family got (30 November) is replaced; the theme 2
        # letter of 25 November still replaces the one they had of 23 November.
        assert "30. november 2026" not in letter
        assert "1. desember 2026" not in letter
        text, then = letters[document]
        assert then[7] == "x" and then[3] < datetime(2026, 11, 28)
        assert letter == text  # the letter they have, word for word and dated as it was
        row = next(r for r in _rows(workspace) if r[2] == document)
        assert row[1] == "Fosterforeldre"
        assert row[3] == then[3] and row[7] == "x"  # their own mark, not the Haugland one's
        assert "30. november" not in (row[6] or "") and "Merket som sendt" not in (row[6] or "")
    # Staff clear that mark on their theme 2 letter: it stays cleared on the next list.
    theme_2 = _paths(words)[0]
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    for cells in book["Til utsending"].iter_rows(min_row=1):
        if cells[2].value == theme_2:
            cells[7].value = None
    book.save(path)
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    assert next(r for r in _rows(workspace) if r[2] == theme_2)[7] is None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_conversation_held_with_them_makes_it_a_second_move(workspace, malform):
    """Theme 1 was held with the Haugland family on 30 November: the child lived there, and
    the Øvrebø family named again is a second move, as for any move: they start on the
    foster family's themes, and nobody is told of a registration made by mistake."""
    mistake = MISTAKE[malform]
    corrected(workspace, malform, held=True)
    plan = _plan(workspace)
    assert mistake["flyttet_igjen"] in plan
    assert _told(workspace, mistake) == {}
    assert not any("feil" in (r[6] or "") for r in _rows(workspace))



ONE_PARENT_HOME = {"fosterforeldre": [{"fornavn": "Eva", "etternavn": "Nilsen",
                                       "telefon": "400 00 707"}],
                   "adresse": "Granveien 9", "postnummer": "5994", "poststed": "Fjordvik",
                   "andre_barn": 0}
REPLACES_THEIRS = {"bokmal": "Dette brevet erstatter brevet vårt fra 30. november 2026.",
                   "nynorsk": "Dette brevet erstattar brevet vårt frå 30. november 2026."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_correction_after_a_second_move_to_a_home_of_one_foster_parent(workspace, malform):
    """The child moved to the Haugland family (theme 1 held with them on 30 November, their
    letters marked as sent); the export of 2 December names Eva Nilsen, one foster parent,
    by mistake (her letters are «… til fosterforelderen»), and that of 3 December the
    Haugland family again. Their letter for the child's theme 1, set for another day since,
    says it replaces the one they were sent on 30 November (it said nothing, as if it were
    their first, and Til utsending showed the mark set on Eva Nilsen's letter)."""
    moved(workspace, malform)
    _mark(workspace)
    real = _case("2026-12-01")
    real["fosterfamilie"] = NEW_HOME
    real["samtaler"] = [*real["samtaler"], {
        "part": "fosterfamilien", "tema": 1, "dato": "2026-11-30", "klokkeslett": "10:00",
        "status": "gjennomfort"}]
    workspace.drop("flyttet.json", real)
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    _mark(workspace)
    workspace.drop("feil.json", {**real, "eksportert": "2026-12-02",
                                 "fosterfamilie": ONE_PARENT_HOME})
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    _mark(workspace)
    workspace.drop("rettet.json", {**real, "eksportert": "2026-12-03"})
    assert workspace.cli(today=date(2026, 12, 3)) == 0
    child_1 = _paths(WORDS[malform])[1]
    letter = docx_text(workspace.outbox / child_1)
    assert "Haugland" in letter and "Nilsen" not in letter
    assert any(line.endswith(REPLACES_THEIRS[malform]) for line in letter.splitlines()), \
        letter[:1500]
    row = next(r for r in _rows(workspace) if r[2] == child_1)
    assert row[7] is None and "30. november 2026" in row[6]


ONE_MISTAKE = {
    "bokmal": {
        "mottaker": "Fosterforelder registrert ved en feil",
        "beskjed": "Gi beskjed: innkallingen ble sendt til Eva Nilsen, som ved en feil ble "
                   "registrert som barnets fosterhjem i fagsystemet. Registreringen er rettet, "
                   "og samtalen {dato} blir ikke holdt. Fortell Eva Nilsen det, og skriv "
                   "datoen i Sendt når det er gjort.",
    },
    "nynorsk": {
        "mottaker": "Fosterforelder registrert ved ein feil",
        "beskjed": "Gi beskjed: innkallinga vart sendt til Eva Nilsen, som ved ein feil vart "
                   "registrert som fosterheimen til barnet i fagsystemet. Registreringa er "
                   "retta, og samtalen {dato} blir ikkje halden. Fortel Eva Nilsen det, og "
                   "skriv datoen i Sendt når det er gjort.",
    },
}


def _corrected_from_one_parent(workspace, malform: str) -> list[str]:
    """test_foster_home_move's letters of 23 to 27 November, marked as sent; an export of 28
    November names Eva Nilsen, one foster parent, by mistake (read on 30 November: the
    child's letters to her are «… til fosterforelderen»), her invitations marked as sent
    that day; the export of 1 December names the Øvrebø family again. The letters marked
    on 30 November."""
    sent = _moved_and_marked(workspace, malform, NEW_HOME=ONE_PARENT_HOME)
    workspace.drop("rettet.json", _case("2026-12-01"))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    return sent


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_one_foster_parent_registered_by_mistake_is_told_too(workspace, malform):
    """Eva Nilsen, registered by mistake, was sent the child's theme 1 invitation («… til
    fosterforelderen») and her own theme 2: each gets a «Gi beskjed» row naming her as one
    person. The child's letter had none: its mark was under the name it had while she was
    registered, and the row was left out, so nobody told her the child was not coming. The
    row's Dokument names the letter she was sent, not the restored family's «… til
    fosterforeldrene» (it did, so staff looked for a file Eva Nilsen never had)."""
    words, mistake = WORDS[malform], ONE_MISTAKE[malform]
    theme_2, child_1 = _paths(words)
    sent = _corrected_from_one_parent(workspace, malform)
    one = child_1.replace(*(("til fosterforeldrene", "til fosterforelderen")
                            if malform == "bokmal" else ("til fosterforeldra",
                                                         "til fosterforelderen")))
    assert one in sent and theme_2 in sent
    told = _told(workspace, MISTAKE[malform])
    assert child_1 not in told
    for document, shown in ((one, "8. desember 2026"), (theme_2, "18. januar 2027")):
        assert document in told, sorted(told)
        row = told[document]
        assert row[1] == mistake["mottaker"]
        assert row[6] == mistake["beskjed"].format(dato=shown)
        assert row[7] is None


TWO_DAYS = {
    "bokmal": "Gi beskjed: innkallingene til samtalen ble sendt til Liv Haugland og Per "
              "Haugland fordi de ved en feil ble registrert som barnets fosterhjem i "
              "fagsystemet, med datoene 18. januar 2027 og 20. januar 2027. Registreringen er "
              "rettet, og samtalen blir ikke holdt med dem på noen av disse datoene. Fortell "
              "dem det, og skriv datoen i Sendt når det er gjort.",
    "nynorsk": "Gi beskjed: innkallingane til samtalen vart sende til Liv Haugland og Per "
               "Haugland fordi dei ved ein feil vart registrerte som fosterheimen til barnet i "
               "fagsystemet, med datoane 18. januar 2027 og 20. januar 2027. Registreringa er "
               "retta, og samtalen blir ikkje halden med dei på nokon av desse datoane. Fortel "
               "dei det, og skriv datoen i Sendt når det er gjort.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("second_sent", [True, False], ids=["both-sent", "first-sent"])
def test_a_family_registered_by_mistake_sent_two_letters_for_one_meeting(workspace, malform,
                                                                         second_sent):
    """The Haugland family, registered by mistake, was sent their theme 2 invitation for 18
    January (30 November); the journal then set theme 2 on 20 January, and its new letter
    (1 December) was sent too, or not. After the correction (2 December), their «Gi
    beskjed» row names both days when they had both letters, and only 18 January when
    they had that one (it named 20 January, a day no letter of theirs gave)."""
    theme_2 = _paths(WORDS[malform])[0]
    moved(workspace, malform)
    _mark(workspace, lambda document, note: "/Innkall" in document
          and "(beskjed)" not in document and not note.startswith("Ikke send"))
    again = _case("2026-12-01")
    again["fosterfamilie"] = NEW_HOME
    again["samtaler"] = [s for s in again["samtaler"]
                         if not (s["part"] == "fosterfamilien" and s.get("tema") == 2)] + [{
        "part": "fosterfamilien", "tema": 2, "dato": "2027-01-20", "klokkeslett": "12:30",
        "status": "planlagt"}]
    workspace.drop("igjen.json", again)
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    if second_sent:
        assert _mark(workspace, lambda document, note: document == theme_2) == [theme_2]
    workspace.drop("rettet.json", _case("2026-12-02"))
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    row = _told(workspace, MISTAKE[malform])[theme_2]
    if second_sent:
        assert row[6] == TWO_DAYS[malform]
        assert row[8] == datetime(2027, 1, 20)
    else:
        assert row[6] == MISTAKE[malform]["beskjed"].format(dato="18. januar 2027")
        assert row[8] == datetime(2027, 1, 18)
    assert row[7] is None


WEEKDAYS = {"mandag", "måndag", "tirsdag", "tysdag", "onsdag", "torsdag", "fredag", "lørdag",
            "laurdag", "søndag", "sundag"}


def _visits(plan: str) -> list[tuple[str, ...]]:
    """The plan's table of follow-up visits: (day, time, status) per row."""
    lines = plan.splitlines()
    at = next(i for i in range(len(lines) - 2) if lines[i:i + 3] == ["Dato", "Tid", "Status"])
    rows = []
    for n in range(at + 3, len(lines) - 2, 3):
        if lines[n].split(" ")[0] not in WEEKDAYS:
            break
        rows.append(tuple(lines[n:n + 3]))
    return rows


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_visits_in_the_home_are_as_before_the_mistake(workspace, malform):
    """The move planned the follow-up visits ahead anew, in the Haugland family's home (14
    January at 09.00 instead of 13.30); after the correction the plan's table of visits is
    as before the mistake, its day and time as the Øvrebø family knew them. So are the
    child's conversations (the move never moved them)."""
    _, before = corrected(workspace, malform)
    visits = _visits(before)
    assert any(row[1] == "13.30–15.00" for row in visits), visits
    plan = _plan(workspace)
    assert _visits(plan) == visits
    assert _child_track(plan) == _child_track(before)


def _child_track(plan: str) -> list[str]:
    """The child's table in the plan: its five themes, each with its day, time and place."""
    lines = plan.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line in ("Tema 1: Min historie", "Tema 1: Mi historie"))
    return lines[start:start + 25]


OLDER = {"bokmal": ("2026-0412/Innkallinger/Barnet/Tema 1 - Min historie.docx",
                    "Dette brevet erstatter brevet vårt fra 30. november 2026"),
         "nynorsk": ("2026-0412/Innkallingar/Barnet/Tema 1 - Mi historie.docx",
                     "Dette brevet erstattar brevet vårt frå 30. november 2026")}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_older_childs_letter_is_as_before_the_mistake(workspace, malform):
    """A child of 13 gets letters written to her, «c/o» the foster home. The export of 28
    November names the Haugland family by mistake: her theme 1 letter is made again c/o
    them at Bjørkeveien 5 and marked as sent (there, not to her). Corrected on 1 December,
    her letter is the one she had at Lia 22: dated 23 November, its row showing the mark
    set then, not a letter of 1 December saying it replaces one of 30 November that she
    never got (nor, before, could the move's letters be made at all)."""
    document, replaces_theirs = OLDER[malform]
    had = older_child_moved(workspace, malform, document)
    assert document in _mark(workspace)  # sent c/o the Haugland family
    workspace.drop("rettet.json", older("2026-12-01"))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    letter = docx_text(workspace.outbox / document)
    assert letter == had and replaces_theirs not in letter
    row = next(r for r in _rows(workspace) if r[2] == document)
    assert row[3] == datetime(2026, 11, 23) and row[7] == "x"
    assert "30. november" not in (row[6] or "")


CHILD_TOLD = {
    "bokmal": "Gi beskjed: innkallingen til samtalen 8. desember 2026, skrevet til barnet, ble "
              "sendt c/o Liv Haugland og Per Haugland fordi de ved en feil ble registrert som "
              "barnets fosterhjem i fagsystemet. Barnet bor ikke der, så brevet skulle ikke ha "
              "gått dit. Spør dem om brevet er åpnet, og be dem sende det tilbake til tjenesten "
              "eller makulere det. Brevet har personopplysninger om barnet, så meld det som "
              "personvernavvik etter tjenestens rutine. Skriv datoen i Sendt når beskjeden er "
              "gitt.",
    "nynorsk": "Gi beskjed: innkallinga til samtalen 8. desember 2026, skriven til barnet, vart "
               "sendt c/o Liv Haugland og Per Haugland fordi dei ved ein feil vart registrerte "
               "som fosterheimen til barnet i fagsystemet. Barnet bur ikkje der, så brevet "
               "skulle ikkje ha gått dit. Spør dei om brevet er opna, og be dei sende det "
               "tilbake til tenesta eller makulere det. Brevet har personopplysningar om "
               "barnet, så meld det som personvernavvik etter rutinen til tenesta. Skriv datoen "
               "i Sendt når beskjeden er gitt.",
}
CHILD_DONE = {"bokmal": "Det er gitt beskjed om at brevet til barnet ikke skulle ha gått dit.",
              "nynorsk": "Det er gitt beskjed om at brevet til barnet ikkje skulle ha gått dit."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_family_registered_by_mistake_is_told_of_the_older_childs_letter(workspace,
                                                                              malform):
    """The older child's theme 1 letter, made again «c/o» the Haugland family while they
    were registered by mistake, was marked as sent: it went to a household she does not
    live in. After the correction Til utsending has a red «Gi beskjed» row, first, asking
    staff to have them send it back unopened or destroy it; its Dokument names the file
    that was sent, the child by no name. Once staff mark it, it says they were told. The
    letter she has c/o the Øvrebø family keeps its own row and mark."""
    document, _ = OLDER[malform]
    mistake = MISTAKE[malform]
    older_child_moved(workspace, malform, document)
    assert document in _mark(workspace)  # sent c/o the Haugland family
    workspace.drop("rettet.json", older("2026-12-01"))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    told = _told(workspace, mistake)
    assert document in told, sorted(told)
    row = told[document]
    assert row in _rows(workspace)[:len(told)]  # first, with the family's own
    assert row[1] == mistake["mottaker"]
    assert row[2] == document + mistake["etter"]
    assert "Sofie" not in row[2] and "Lindqvist" not in row[2]
    assert row[3] == datetime(2026, 11, 30)  # the letter they were sent
    assert row[6] == CHILD_TOLD[malform]
    assert row[7] is None and row[8] == datetime(2026, 12, 8)
    own = next(r for r in _rows(workspace) if r[2] == document)
    assert own[3] == datetime(2026, 11, 23) and own[7] == "x"
    # Staff told them: the row says so, and the child's own letter is as it was.
    _mark(workspace, lambda shown, note: shown == document + mistake["etter"])
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    row = _told(workspace, mistake)[document]
    assert row[7] is not None and row[6] == CHILD_DONE[malform]
    own = next(r for r in _rows(workspace) if r[2] == document)
    assert own[3] == datetime(2026, 11, 23) and own[7] == "x"


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_unsent_letter_to_the_older_child_needs_no_message(workspace, malform):
    """The older child's letter made again «c/o» the Haugland family was never marked as
    sent: nobody there had it, and no «Gi beskjed» row asks staff to contact them."""
    document, _ = OLDER[malform]
    older_child_moved(workspace, malform, document)
    workspace.drop("rettet.json", older("2026-12-01"))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    assert document not in _told(workspace, MISTAKE[malform])
    assert not any((r[6] or "").startswith("Gi beskjed") for r in _rows(workspace))


CHILD_TOLD_ONE = {
    "bokmal": "Gi beskjed: innkallingen til samtalen 8. desember 2026, skrevet til barnet, ble "
              "sendt c/o Eva Nilsen, som ved en feil ble registrert som barnets fosterhjem i "
              "fagsystemet. Barnet bor ikke der, så brevet skulle ikke ha gått dit. Spør Eva "
              "Nilsen om brevet er åpnet, og be om at det sendes tilbake til tjenesten eller "
              "makuleres. Brevet har personopplysninger om barnet, så meld det som "
              "personvernavvik etter tjenestens rutine. Skriv datoen i Sendt når beskjeden er "
              "gitt.",
    "nynorsk": "Gi beskjed: innkallinga til samtalen 8. desember 2026, skriven til barnet, vart "
               "sendt c/o Eva Nilsen, som ved ein feil vart registrert som fosterheimen til "
               "barnet i fagsystemet. Barnet bur ikkje der, så brevet skulle ikkje ha gått dit. "
               "Spør Eva Nilsen om brevet er opna, og be om at det blir sendt tilbake til "
               "tenesta eller makulert. Brevet har personopplysningar om barnet, så meld det "
               "som personvernavvik etter rutinen til tenesta. Skriv datoen i Sendt når "
               "beskjeden er gitt.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_one_foster_parent_registered_by_mistake_is_told_of_the_older_childs_letter(
        workspace, malform):
    """Eva Nilsen alone, registered by mistake, was sent the older child's letter «c/o» her:
    the row names her as one person («Be Eva Nilsen sende det tilbake …»)."""
    import tests.test_foster_home_move as move

    document, _ = OLDER[malform]
    with mock.patch.multiple(move, NEW_HOME=ONE_PARENT_HOME):
        older_child_moved(workspace, malform, document)
    assert document in _mark(workspace)
    workspace.drop("rettet.json", older("2026-12-01"))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    row = _told(workspace, MISTAKE[malform])[document]
    assert row[1] == ONE_MISTAKE[malform]["mottaker"]
    assert row[6] == CHILD_TOLD_ONE[malform]


COUNTED = {
    "bokmal": {"feil": "1 som gikk til feil adresse (gi beskjed)",
               "feil_gitt": "1 som gikk til feil adresse, der det er gitt beskjed",
               "avlyst": "til samtaler som ikke blir holdt (gi beskjed)",
               "avlyst_gitt": "der mottakeren har fått beskjed om at samtalen ikke blir holdt",
               "vente": "+ {antall} gi beskjed"},
    "nynorsk": {"feil": "1 som gjekk til feil adresse (gi beskjed)",
                "feil_gitt": "1 som gjekk til feil adresse, der det er gitt beskjed",
                "avlyst": "til samtalar som ikkje blir haldne (gi beskjed)",
                "avlyst_gitt": "der mottakaren har fått beskjed om at samtalen ikkje blir "
                               "halden",
                "vente": "+ {antall} gi beskjed"},
}


def _summary(workspace) -> tuple[str, str]:
    """The list's line of what it holds (C4), and «Brev å sende» (B3)."""
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    return str(sheet["C4"].value), str(sheet["B3"].value)


def _child_corrected(workspace, malform: str) -> str:
    """test_the_family_registered_by_mistake_is_told_of_the_older_childs_letter's case up to
    the correction, read on 1 December: the child's letter c/o the Haugland family marked
    as sent. Its row's Dokument."""
    document, _ = OLDER[malform]
    older_child_moved(workspace, malform, document)
    assert document in _mark(workspace)
    workspace.drop("rettet.json", older("2026-12-01"))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    return document + MISTAKE[malform]["etter"]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_older_childs_letter_is_counted_as_a_letter_at_a_wrong_address(workspace,
                                                                           malform):
    """The line above the list counts the child's letter c/o the Haugland family as one
    that went to a wrong address (her conversation is held all the same), not among those
    «til samtaler som ikke blir holdt», which counts the family's own invitations only; and
    once staff mark it, not among those whose reader was told a meeting is off."""
    words = COUNTED[malform]
    shown = _child_corrected(workspace, malform)
    told = [r for r in _rows(workspace) if (r[6] or "").startswith("Gi beskjed")]
    assert shown in [r[2] for r in told]
    summary, to_send = _summary(workspace)
    assert words["feil"] in summary, summary
    assert f"{len(told) - 1} {words['avlyst']}" in summary, summary
    assert words["vente"].format(antall=len(told)) in to_send, to_send
    _mark(workspace, lambda document, note: document == shown)
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    summary, _ = _summary(workspace)
    assert words["feil_gitt"] in summary, summary
    assert words["feil"] not in summary and words["avlyst_gitt"] not in summary, summary


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_older_childs_letter_stays_listed_after_her_conversation(workspace, malform):
    """Her theme 1 is held on 8 December, as planned: the letter c/o the Haugland family is
    still at their address, and its red row stays on the lists after that day (it left
    the list on 9 December, nobody having told them) until staff write in Sendt that they
    were told. Then it leaves, and does not come back."""
    shown = _child_corrected(workspace, malform)
    held = older("2026-12-09")
    held["samtaler"] = [*held["samtaler"], {
        "part": "barnet", "tema": 1, "dato": "2026-12-08", "klokkeslett": "14:00",
        "status": "gjennomfort"}]
    workspace.drop("holdt.json", held)
    for day in (9, 14):
        assert workspace.cli(today=date(2026, 12, day)) == 0
        row = next((r for r in _rows(workspace) if r[2] == shown), None)
        assert row is not None, f"{day}. desember: {[r[2] for r in _rows(workspace)]}"
        assert row[6] == CHILD_TOLD[malform] and row[7] is None
        assert row[8] == datetime(2026, 12, 8)
        assert COUNTED[malform]["feil"] in _summary(workspace)[0]
    _mark(workspace, lambda document, note: document == shown)
    for day in (date(2026, 12, 15), date(2027, 1, 20)):
        assert workspace.cli(today=day) == 0
        assert shown not in [r[2] for r in _rows(workspace)], day


CHILD_TOLD_TWO = {
    "bokmal": "Gi beskjed: innkallingene til samtalen, skrevet til barnet, ble sendt c/o Liv "
              "Haugland og Per Haugland fordi de ved en feil ble registrert som barnets "
              "fosterhjem i fagsystemet, med datoene 8. desember 2026 og 15. desember 2026. "
              "Barnet bor ikke der, så brevene skulle ikke ha gått dit. Spør dem om brevene er "
              "åpnet, og be dem sende brevene tilbake til tjenesten eller makulere dem. "
              "Brevene har personopplysninger om barnet, så meld det som personvernavvik "
              "etter tjenestens rutine. Skriv datoen i Sendt når beskjeden er gitt.",
    "nynorsk": "Gi beskjed: innkallingane til samtalen, skrivne til barnet, vart sende c/o Liv "
               "Haugland og Per Haugland fordi dei ved ein feil vart registrerte som "
               "fosterheimen til barnet i fagsystemet, med datoane 8. desember 2026 og 15. "
               "desember 2026. Barnet bur ikkje der, så breva skulle ikkje ha gått dit. Spør "
               "dei om breva er opna, og be dei sende breva tilbake til tenesta eller makulere "
               "dei. Breva har personopplysningar om barnet, så meld det som personvernavvik "
               "etter rutinen til tenesta. Skriv datoen i Sendt når beskjeden er gitt.",
}
CHILD_TOLD_TWO_ONE = {
    "bokmal": "Gi beskjed: innkallingene til samtalen, skrevet til barnet, ble sendt c/o Eva "
              "Nilsen, som ved en feil ble registrert som barnets fosterhjem i fagsystemet, "
              "med datoene 8. desember 2026 og 15. desember 2026. Barnet bor ikke der, så "
              "brevene skulle ikke ha gått dit. Spør Eva Nilsen om brevene er åpnet, og be om "
              "at de sendes tilbake til tjenesten eller makuleres. Brevene har "
              "personopplysninger om barnet, så meld det som personvernavvik etter tjenestens "
              "rutine. Skriv datoen i Sendt når beskjeden er gitt.",
    "nynorsk": "Gi beskjed: innkallingane til samtalen, skrivne til barnet, vart sende c/o Eva "
               "Nilsen, som ved ein feil vart registrert som fosterheimen til barnet i "
               "fagsystemet, med datoane 8. desember 2026 og 15. desember 2026. Barnet bur "
               "ikkje der, så breva skulle ikkje ha gått dit. Spør Eva Nilsen om breva er "
               "opna, og be om at dei blir sende tilbake til tenesta eller makulerte. Breva har "
               "personopplysningar om barnet, så meld det som personvernavvik etter rutinen "
               "til tenesta. Skriv datoen i Sendt når beskjeden er gitt.",
}


def _child_on(day: str, eksportert: str, **changed) -> dict:
    """older(), the child's theme 1 set on `day` in the journal (planned for 8 December)."""
    case = older(eksportert, **changed)
    case["samtaler"] = [s for s in case["samtaler"]
                        if not (s["part"] == "barnet" and s.get("tema") == 1)] + [{
        "part": "barnet", "tema": 1, "dato": day, "klokkeslett": "14:00",
        "status": "planlagt"}]
    return case


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("one_parent", [False, True], ids=["two", "one"])
def test_the_older_childs_letters_for_two_days_at_the_wrong_address(workspace, malform,
                                                                      one_parent):
    """The older child's theme 1 letter went «c/o» the family registered by mistake for 8
    December (30 November); the journal then set her theme 1 on 15 December, and that
    letter (1 December) went c/o them too. After the correction (2 December) the «Gi
    beskjed» row names both letters and both days; of one foster parent, by her name."""
    import tests.test_foster_home_move as move

    document, _ = OLDER[malform]
    home = ONE_PARENT_HOME if one_parent else NEW_HOME
    with mock.patch.multiple(move, NEW_HOME=home):
        older_child_moved(workspace, malform, document)
    assert document in _mark(workspace)  # for 8 December, c/o them
    workspace.drop("igjen.json", _child_on("2026-12-15", "2026-12-01", fosterfamilie=home))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    assert document in _mark(workspace)  # for 15 December, c/o them
    workspace.drop("rettet.json", _child_on("2026-12-15", "2026-12-02"))
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    row = _told(workspace, MISTAKE[malform])[document]
    wanted = CHILD_TOLD_TWO_ONE if one_parent else CHILD_TOLD_TWO
    assert row[6] == wanted[malform]
    assert row[7] is None and row[8] == datetime(2026, 12, 15)


def _kept_for(workspace, document: str) -> tuple[bool, list[str]]:
    """Whether the state keeps the issue of the case's letter `document` (store/issued.py
    invitations), and the marks it keeps on rows for it (documents/sent_marks.py kept)."""
    from omsorgspakke_docs.store.state import State

    state = State(workspace.state)
    (case,) = state.all_cases()
    where, key = document.split("/", 1)
    kept = key in issued.invitations(workspace.state, state.pseudonym(case.key))
    return kept, sorted(d for d in sent_marks.kept(workspace.state)
                        if d.startswith(f"{document} ("))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_older_childs_letter_leaves_the_state_once_told_and_its_day_passed(workspace,
                                                                              malform):
    """The letter c/o the Haugland family, marked done after her conversation: its row
    leaves Til utsending, and as any «Gi beskjed» row once marked and its day passed, the
    state lets the letter's issue go when the case's documents are next made, and the marks
    on its row FORGET_DAYS after it was last listed (both stayed as long as the case). Its
    row does not come back."""
    shown = _child_corrected(workspace, malform)
    document = shown.removesuffix(MISTAKE[malform]["etter"])
    held = older("2026-12-09")
    held["samtaler"] = [*held["samtaler"], {
        "part": "barnet", "tema": 1, "dato": "2026-12-08", "klokkeslett": "14:00",
        "status": "gjennomfort"}]
    workspace.drop("holdt.json", held)
    assert workspace.cli(today=date(2026, 12, 9)) == 0
    assert shown in [r[2] for r in _rows(workspace)]
    kept, marks = _kept_for(workspace, document)
    assert kept and marks  # her letter's issue, and the mark it was sent there with
    _mark(workspace, lambda document, note: document == shown)
    assert workspace.cli(today=date(2026, 12, 10)) == 0  # staff's mark taken in
    assert shown not in [r[2] for r in _rows(workspace)]
    # The next run that makes the case's documents (here the journal's next export) once
    # UNMARKED_PASSED_DAYS have passed since her conversation keeps no issue of it, as of
    # any invitation whose day has passed.
    after = date(2026, 12, 8) + timedelta(days=issued.UNMARKED_PASSED_DAYS + 1)
    workspace.drop("neste.json", {**held, "eksportert": after.isoformat()})
    assert workspace.cli(today=after) == 0
    assert shown not in [r[2] for r in _rows(workspace)]
    assert _kept_for(workspace, document)[0] is False
    last = after + timedelta(days=sent_marks.FORGET_DAYS + 1)
    assert workspace.cli(today=last) == 0
    assert _kept_for(workspace, document) == (False, [])
    assert shown not in [r[2] for r in _rows(workspace)]
