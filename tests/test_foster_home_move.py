"""The child moves to another foster home during the programme (domain/foster_home.py): a
reader's finding on the demo's 2026-0412, where an export named the Haugland family at
Bjørkeveien 5 instead of the Øvrebø family at Lia 22. The family left was never told that
the meetings they had letters for were off; the new family's letter said it replaced one
they never got; and the plan showed the new family's theme 1 as held on 19 October, with
the old family. Read as each reader would, in bokmål and in nynorsk."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.rendering.sheet_cells import LINE_HEIGHT, wrapped_lines
from omsorgspakke_docs.store.state import State
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case, docx_text
from .test_readback import fill_minutes

NEW_HOME = {"fosterforeldre": [
    {"fornavn": "Liv", "etternavn": "Haugland", "telefon": "400 00 505",
     "epost": "liv.haugland@epost.example"},
    {"fornavn": "Per", "etternavn": "Haugland", "telefon": "400 00 506"}],
    "adresse": "Bjørkeveien 5", "postnummer": "5995", "poststed": "Fjordvik", "andre_barn": 0}
MOVED_ON = date(2026, 11, 30)
WORDS = {
    "bokmal": {
        "mottaker": "Tidligere fosterforeldre", "etter": " (tidligere fosterhjem) (beskjed)",
        "beskjed": "Gi beskjed: innkallingen ble sendt til Kari Øvrebø og Jon Åge Øvrebø i "
                   "fosterhjemmet barnet har flyttet fra, og samtalen {dato} blir ikke holdt "
                   "der. Fortell dem det, og skriv datoen i Sendt når det er gjort.",
        "telling": "til samtaler som ikke blir holdt (gi beskjed)",
        "erstatter": "erstatter", "nytt": "nytt tidspunkt",
        "flyttet": "Barnet har flyttet til dette fosterhjemmet, registrert i fagsystemet 28. "
                   "november 2026. Før det ble disse samtalene holdt med fosterfamilien i det "
                   "tidligere fosterhjemmet (Kari Øvrebø og Jon Åge Øvrebø, Lia 22, 5997 "
                   "Fjordvik): Tema 1: Den nye familien (19. oktober 2026). Fosterfamilien her "
                   "får hele samtaleløpet fra start.",
        "tidligere": "Tidligere fosterhjem", "hjemme": "Fosterhjemmet",
        "oversikt": ("Fosterfamilien (tidligere fosterhjem)", "Holdt med fosterforeldrene i det "
                     "tidligere fosterhjemmet (Kari Øvrebø og Jon Åge Øvrebø, Lia 22, 5997 "
                     "Fjordvik)."),
        "desember": {8: "8. desember 2026", 10: "10. desember 2026"},
        "brev": ("2026-0412/Innkallinger/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx",
                 "2026-0412/Innkallinger/Barnet/Tema 1 - Min historie - til fosterforeldrene"
                 ".docx"),
    },
    "nynorsk": {
        "mottaker": "Tidlegare fosterforeldre", "etter": " (tidlegare fosterheim) (beskjed)",
        "beskjed": "Gi beskjed: innkallinga vart sendt til Kari Øvrebø og Jon Åge Øvrebø i "
                   "fosterheimen barnet har flytta frå, og samtalen {dato} blir ikkje halden "
                   "der. Fortel dei det, og skriv datoen i Sendt når det er gjort.",
        "telling": "til samtalar som ikkje blir haldne (gi beskjed)",
        "erstatter": "erstatt", "nytt": "nytt tidspunkt",
        "flyttet": "Barnet har flytta til denne fosterheimen, registrert i fagsystemet 28. "
                   "november 2026. Før det vart desse samtalane haldne med fosterfamilien i den "
                   "tidlegare fosterheimen (Kari Øvrebø og Jon Åge Øvrebø, Lia 22, 5997 "
                   "Fjordvik): Tema 1: Den nye familien (19. oktober 2026). Fosterfamilien her "
                   "får heile samtaleløpet frå start.",
        "tidligere": "Tidlegare fosterheim", "hjemme": "Fosterheimen",
        "oversikt": ("Fosterfamilien (tidlegare fosterheim)", "Halden med fosterforeldra i den "
                     "tidlegare fosterheimen (Kari Øvrebø og Jon Åge Øvrebø, Lia 22, 5997 "
                     "Fjordvik)."),
        "desember": {8: "8. desember 2026", 10: "10. desember 2026"},
        "brev": ("2026-0412/Innkallingar/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx",
                 "2026-0412/Innkallingar/Barnet/Tema 1 - Mi historie - til fosterforeldra.docx"),
    },
}


def _paths(words: dict) -> tuple[str, str]:
    """The Øvrebø family's theme 2 invitation, and the child's theme 1 sent to them."""
    return words["brev"]


def _rows(workspace) -> list[tuple]:
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[:3] == ("Sak", r[1], "Dokument"))
    return [r for r in rows[header + 1:] if r[0]]


def _mark(workspace, which=lambda document, note: "/Innkall" in document
          and not note.startswith("Ikke send")) -> list[str]:
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    marked = []
    for row in book["Til utsending"].iter_rows(min_row=1):
        document = row[2].value
        if isinstance(document, str) and row[7].value is None \
                and which(document, row[6].value or ""):
            row[7].value = "x"
            marked.append(document)
    book.save(path)
    return marked


def _case(eksportert: str) -> dict:
    """The example, with the foster family's theme 2 moved to 10 December in the journal
    (as the demo's second export had it)."""
    case = canonical_case(eksportert=eksportert)
    case["samtaler"] = [*case["samtaler"], {
        "part": "fosterfamilien", "tema": 2, "dato": "2026-12-10", "klokkeslett": "12:30",
        "status": "planlagt"}]
    return case


def moved(workspace, malform: str) -> list[str]:
    """Letters made and marked as sent from 23 to 27 November (among them the Øvrebø
    family's invitations for the child's theme 1 on 8 December and their own theme 2 on 10
    December), then an export of 28 November names the Haugland family, read on 30 November."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    sent = []
    for day in range(23, 28):
        if day == 25:
            workspace.drop("flyttet-samtale.json", _case("2026-11-25"))
        assert workspace.cli(today=date(2026, 11, day)) == 0
        sent += _mark(workspace)
    after = _case("2026-11-28")
    after["fosterfamilie"] = NEW_HOME
    workspace.drop("nytt-fosterhjem.json", after)
    assert workspace.cli(today=MOVED_ON) == 0
    return sent


def _moved_on(workspace, malform: str, first: str, then: str, read_on: date,
              **fields) -> None:
    """The example exported on `first` (read on 23 November), then an export of `then`
    naming the Haugland family, read on read_on. fields: top-level fields of both exports
    (oppfolgingsbesok=[]: the journal has no visit)."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert=first, **fields))
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    workspace.drop("nytt-fosterhjem.json",
                   canonical_case(eksportert=then, **fields, fosterfamilie=NEW_HOME))
    assert workspace.cli(today=read_on) == 0


def _told(workspace, words) -> dict[str, tuple]:
    return {r[2].removesuffix(words["etter"]): r for r in _rows(workspace)
            if r[2].endswith(words["etter"])}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_family_the_child_left_is_told_their_meetings_are_off(workspace, malform):
    """Each invitation sent to the Øvrebø family for a meeting ahead gets a red «Gi beskjed»
    row, first on the list, naming them and the meeting; it stays when staff send the new
    family their letters, until staff mark that the old family was told."""
    words = WORDS[malform]
    theme_2, child_1 = _paths(words)
    sent = moved(workspace, malform)
    assert theme_2 in sent and child_1 in sent
    told = _told(workspace, words)
    assert set(told) >= {theme_2, child_1}
    rows = _rows(workspace)
    assert rows[:len(told)] == list(told.values())  # first, as when a case closes
    for document, day in ((theme_2, 10), (child_1, 8)):
        row = told[document]
        assert row[1] == words["mottaker"]
        assert row[6] == words["beskjed"].format(dato=words["desember"][day])
        assert row[7] is None and row[8] == datetime(2026, 12, day)
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    assert f"{len(told)} {words['telling']}" in sheet["C4"].value
    # The new family's letters sent: the old family still has to be told.
    _mark(workspace, lambda document, note: document in (theme_2, child_1))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    assert set(_told(workspace, words)) == set(told)
    # Staff told the old family of theme 2: that row is no longer to do.
    _mark(workspace, lambda document, note: document == theme_2 + words["etter"])
    assert workspace.cli(today=date(2026, 12, 2)) == 0
    assert _told(workspace, words)[theme_2][7] is not None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_new_family_gets_first_letters(workspace, malform):
    """The Haugland family never had a letter: theirs says nothing of a new time or of a
    letter it replaces, and its row on the list says nothing of one sent before."""
    words = WORDS[malform]
    moved(workspace, malform)
    for document in _paths(words):
        letter = docx_text(workspace.outbox / document)
        assert "Liv Haugland og Per Haugland" in letter and "Bjørkeveien 5" in letter
        assert words["erstatter"] not in letter and words["nytt"] not in letter
        assert "Øvrebø" not in letter and "Lia 22" not in letter
        row = next(r for r in _rows(workspace) if r[2] == document)
        assert row[3] == datetime(2026, 11, 30) and row[7] is None
        assert "Erstatt" not in (row[6] or "") and "Merket som sendt" not in (row[6] or "")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_plan_gives_the_old_family_their_conversations(workspace, malform):
    """Theme 1 was held with the family the child left: the new family's table does not show
    it as held, the plan says it was held with the former home, and the new family starts on
    the foster family's themes. The child's conversations at the old home keep its address."""
    words = WORDS[malform]
    moved(workspace, malform)
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert words["flyttet"] in plan
    lines = plan.splitlines()
    at = lines.index(words["tidligere"])
    assert lines[at + 1] == "Lia 22, 5997 Fjordvik"
    assert lines[lines.index(words["hjemme"]) + 1] == "Bjørkeveien 5, 5995 Fjordvik"
    # The foster family's theme 1 is planned for the new family, not held on 19 October.
    theme_1 = lines.index("Tema 1: Den nye familien")
    assert "19. oktober 2026" not in lines[theme_1 + 1]
    assert lines[theme_1 + 4] != "Gjennomført"
    # The child's contacts held in September were at the old home.
    first = lines.index("Oppfølging i flytteprosessen (kontakt 1)")
    assert lines[first + 1] == "onsdag 16. september 2026"
    assert lines[first + 3] == words["tidligere"]
    # The overview: the new family's theme 1 is planned; the one held is the old family's.
    book = load_workbook(workspace.case_folder("2026-0412") / "04 Oppfølgingsoversikt.xlsx")
    rows = [r for sheet in book for r in sheet.iter_rows(values_only=True)]
    theirs = [r for r in rows if r[:3] == ("Fosterfamilien", 1, "Den nye familien")]
    assert len(theirs) == 1 and theirs[0][3] > datetime(2026, 11, 30)
    assert "Gjennomført" not in theirs[0]
    held = [r for r in rows if r[0] == words["oversikt"][0]]
    assert [r[1:4] for r in held] == [(1, "Den nye familien", datetime(2026, 10, 19))]
    assert "Gjennomført" in held[0] and words["oversikt"][1] in held[0]


THE_SAME_FAMILY = {
    # The Øvrebø family as another export writes them, with the address written otherwise.
    "initials, postcode in the address": (
        [("Kari", "Ø."), ("Jon Åge", "Ø.")], {"adresse": "Lia 22, 5997 Fjordvik"}),
    "first and last name swapped": (
        [("Øvrebø", "Kari"), ("Øvrebø", "Jon Åge")], {"adresse": "LIA 22 A"}),
    "whole name in the first name": (
        [("Kari Øvrebø", None), ("Jon-Åge Øvrebø", None)], {"adresse": "Lia 22A"}),
    "one of them, a middle name added, gt. for gata": (
        [("Kari Marie", "Øvrebø")], {"adresse": "Liagt. 22"}),
}


@pytest.mark.parametrize(("malform", "written"), [
    ("bokmal", "initials, postcode in the address"), ("bokmal", "first and last name swapped"),
    ("bokmal", "whole name in the first name"),
    ("nynorsk", "one of them, a middle name added, gt. for gata")])
def test_the_same_family_written_otherwise_is_no_move(workspace, malform, written):
    """An export that writes the Øvrebø family's names and address another way (a vendor
    format, a mapping, the journal corrected) is no move: their letters stand, no one is
    asked to tell them their meetings are off, and the plan says nothing of a move."""
    words = WORDS[malform]
    workspace.in_malform(malform)
    first = canonical_case(eksportert="2026-11-23")
    if written.startswith("one of them"):
        first["fosterfamilie"] = {**first["fosterfamilie"], "adresse": "Liagata 22",
                                  "postnummer": None,
                                  "fosterforeldre": first["fosterfamilie"]["fosterforeldre"][:1]}
    workspace.drop("sak.json", first)
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    sent = _mark(workspace)
    assert sent
    names, address = THE_SAME_FAMILY[written]
    after = _case("2026-11-28")
    after["fosterfamilie"] = {**after["fosterfamilie"], **address, "fosterforeldre": [
        {"fornavn": fornavn, **({"etternavn": etternavn} if etternavn else {})}
        for fornavn, etternavn in names]}
    workspace.drop("samme-fosterhjem.json", after)
    assert workspace.cli(today=MOVED_ON) == 0
    assert _told(workspace, words) == {}
    assert not any((r[6] or "").startswith("Gi beskjed") for r in _rows(workspace))
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert words["flyttet"][:40] not in plan and words["tidligere"] not in plan.splitlines()


@pytest.mark.parametrize(("malform", "made"), [
    ("bokmal", "2026-11-26"), ("nynorsk", "2026-11-26"), ("bokmal", "2026-11-28")])
def test_an_export_from_before_the_move_delivered_late_changes_nothing(workspace, malform,
                                                                        made):
    """An export of 26 November, or of the move's day (the Øvrebø family at Lia 22), read
    after the move: the Haugland family's letters are not made again naming the Øvrebø
    parents too or their address, the plan keeps the new home, and the old family is still
    to be told."""
    words = WORDS[malform]
    moved(workspace, malform)
    told = set(_told(workspace, words))
    workspace.drop("forsinket.json", _case(made))
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    for document in _paths(words):
        letter = docx_text(workspace.outbox / document)
        assert "Liv Haugland og Per Haugland" in letter and "Øvrebø" not in letter
        assert "Bjørkeveien 5" in letter and "Lia 22" not in letter
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    lines = plan.splitlines()
    assert lines[lines.index(words["hjemme"]) + 1] == "Bjørkeveien 5, 5995 Fjordvik"
    assert words["flyttet"] in plan
    assert set(_told(workspace, words)) == told


@pytest.mark.parametrize("malform", ["nynorsk"])
def test_the_family_moving_house_or_one_foster_parent_changing_is_no_move(workspace, malform):
    """The Øvrebø family moves house (the same names at Bjørkeveien 5), then Jon Åge moves
    out and Per Haugland in, Kari staying: neither is a move to another foster home. The
    letters go to the family at their new address, and nobody is asked to tell anyone a
    meeting is off."""
    words = WORDS[malform]
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    assert _mark(workspace)
    house = _case("2026-11-28")
    house["fosterfamilie"] = {**house["fosterfamilie"], "adresse": "Bjørkeveien 5",
                              "postnummer": "5995"}
    workspace.drop("nytt-hus.json", house)
    assert workspace.cli(today=MOVED_ON) == 0
    partner = _case("2026-11-30")
    partner["fosterfamilie"] = {**house["fosterfamilie"], "fosterforeldre": [
        house["fosterfamilie"]["fosterforeldre"][0], NEW_HOME["fosterforeldre"][1]]}
    workspace.drop("ny-partner.json", partner)
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    assert not any((r[6] or "").startswith("Gi beskjed") for r in _rows(workspace))
    letter = docx_text(workspace.outbox / _paths(words)[0])
    assert "Kari Øvrebø og Per Haugland" in letter and "Bjørkeveien 5" in letter
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert words["flyttet"][:40] not in plan and words["tidligere"] not in plan.splitlines()
    theme_1 = plan.splitlines().index("Tema 1: Den nye familien")
    assert plan.splitlines()[theme_1 + 1] == "måndag 19. oktober 2026"


MINUTES = {"bokmal": "2026-0412/Referater/Fosterfamilien",
           "nynorsk": "2026-0412/Referat/Fosterfamilien"}
THEME_1 = "Tema 1 - Den nye familien"
THEIR_THEME_1_MINUTES = date(2026, 12, 14)
"""The day the Haugland family's theme 1 minutes are made (with its invitation)."""
FORMER_SAID = "Kari og Jon Åge fortalte at Sofie har funnet seg godt til rette i huset."


def _workdays_till(workspace, last: date) -> None:
    """A run each workday after the move up to last."""
    day = MOVED_ON
    while day < last:
        day += timedelta(days=1)
        if day.weekday() < 5:
            assert workspace.cli(today=day) == 0


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_former_familys_minutes_keep_their_file(workspace, malform):
    """The theme 1 held with the Øvrebø family on 19 October: the caseworker writes its
    minutes after the move (bokmål), or nobody has written in them (nynorsk). When the
    Haugland family's theme 1 minutes are made, they get a file of their own, « - ny
    fosterfamilie»; the Øvrebø family's stay byte for byte as they were, with no copy «(ny
    versjon)» beside them. Written in and put in the inbox, they are still read as the
    conversation with the family the child left."""
    moved(workspace, malform)
    folder = workspace.outbox / MINUTES[malform]
    former = folder / f"{THEME_1}.docx"
    assert former.exists()
    if malform == "bokmal":
        former.write_bytes(fill_minutes(former, {
            mm.HELD.tag: "19.10.2026", mm.ASSESSMENT.tag + "positivt": FORMER_SAID}))
    was = former.read_bytes()
    theirs_before = {p.name: p.read_bytes() for p in folder.glob("*.docx")}
    _workdays_till(workspace, THEIR_THEME_1_MINUTES)
    assert former.read_bytes() == was
    assert not any("ny versjon" in p.name for p in folder.parent.rglob("*.docx"))
    # Every minutes document the Øvrebø family had stays as it was (the contacts and themes
    # made ahead for them too); each made since is the Haugland family's, named so.
    now = {p.name: p.read_bytes() for p in folder.glob("*.docx")}
    assert {name: now.get(name) for name in theirs_before} == theirs_before
    made = sorted(set(now) - set(theirs_before))
    assert f"{THEME_1} - ny fosterfamilie.docx" in made
    assert all(name.endswith(" - ny fosterfamilie.docx") for name in made)
    new = folder / f"{THEME_1} - ny fosterfamilie.docx"
    assert "19. oktober 2026" in docx_text(former)
    assert "19. oktober 2026" not in docx_text(new) and FORMER_SAID not in docx_text(new)
    if malform == "bokmal":  # the written minutes come back through the inbox
        workspace.drop("referat.docx", was)
        assert workspace.cli(today=date(2026, 12, 15)) == 0
        assert (workspace.archive / "referat.docx").is_file()
        assert not any(workspace.failed.iterdir())
        stored = State(workspace.state).load("4699:2026-0412")
        assert stored is not None
        home = stored.tidligere_fosterhjem[0]
        theirs = next(s for s in home.samtaler if s.tema == 1)
        assert theirs.referat_mottatt and theirs.dato == date(2026, 10, 19)
        assert [v.positivt for v in home.vurderinger if v.tema == 1] == [FORMER_SAID]
        assert not any(s.referat_mottatt for s in stored.samtaler if s.part == "fosterfamilien")
        # The Haugland family's theme 1 is still theirs to hold, its minutes still there.
        book = load_workbook(workspace.case_folder("2026-0412") / "04 Oppfølgingsoversikt.xlsx")
        rows = [r for sheet in book for r in sheet.iter_rows(values_only=True)]
        planned = [r for r in rows if r[:3] == ("Fosterfamilien", 1, "Den nye familien")]
        assert len(planned) == 1 and "Gjennomført" not in planned[0]
        assert FORMER_SAID not in docx_text(
            workspace.case_folder("2026-0412") / "03 Sluttevaluering - Fosterfamilien.docx")
        assert former.read_bytes() == was and new.exists()
        assert not any("ny versjon" in p.name for p in folder.parent.rglob("*.docx"))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_second_move_names_the_newest_familys_minutes_apart(malform):
    """The family after a second move: « - ny fosterfamilie 2», not the first new family's
    ending; no ending for the other parties or a case without a move."""
    from types import SimpleNamespace

    from omsorgspakke_docs.documents.referat import _new_family
    from omsorgspakke_docs.text import tekst

    def ending(moves: int, part: str = "fosterfamilien") -> str:
        case = SimpleNamespace(tidligere_fosterhjem=[object()] * moves)
        return _new_family(SimpleNamespace(case=case, t=tekst(malform)), part)

    assert [ending(n) for n in (0, 1, 2)] == [
        "", " - ny fosterfamilie", " - ny fosterfamilie 2"]
    assert ending(1, "barnet") == ending(1, "foreldre") == ""


STATUSES = {"Planlagt", "Over fristen", "Gjennomført", "Gjennomført (tidligere fosterhjem)",
            "Gjennomført (tidlegare fosterheim)", "Ikke registrert som holdt (tidligere "
            "fosterhjem)", "Ikkje registrert som halde (tidlegare fosterheim)"}


def _visit_rows(workspace) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The case's visits on Saksoversikt's sheet of this month, in the plan's table (date,
    time, status) and on the overview's Besøk sheet (date, status)."""
    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    month = [r for r in book[book.sheetnames[3]].iter_rows(values_only=True)
             if r[0] == "2026-0412" and isinstance(r[2], str) and "besøk" in r[2]]
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    lines = plan.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Oppfølgingsbesøk i"))
    table = [tuple(lines[i:i + 3]) for i in range(at, len(lines) - 2)
             if lines[i].endswith((" 2026", " 2027")) and lines[i + 2] in STATUSES]
    book = load_workbook(workspace.case_folder("2026-0412") / "04 Oppfølgingsoversikt.xlsx")
    sheet = next(book[name] for name in book.sheetnames if name.startswith("Besøk"))
    overview = [r[:2] for r in sheet.iter_rows(values_only=True) if isinstance(r[0], datetime)]
    return month, table, overview


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_planned_at_the_home_left_is_off_not_overdue(workspace, malform):
    """A reader's finding on the demo's 2026-0520: the follow-up visit planned in the home
    the child left, on the day of the move, showed as «Over fristen» in Saksoversikt the
    next day, as if the new home had missed it. It is off, as that family's conversations
    are, and the visit of that part of the year is planned anew in the new home."""
    workspace.in_malform(malform)
    case = canonical_case(eksportert="2026-11-23")
    case["oppfolgingsbesok"] = []
    workspace.drop("sak.json", case)
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    month, table, overview = _visit_rows(workspace)
    assert [r[3] for r in month] == [datetime(2026, 11, 25)]  # planned at the Øvrebø family
    after = canonical_case(eksportert="2026-11-25")
    after["oppfolgingsbesok"] = []
    after["fosterfamilie"] = NEW_HOME
    workspace.drop("nytt-fosterhjem.json", after)
    assert workspace.cli(today=date(2026, 11, 26)) == 0
    month, table, overview = _visit_rows(workspace)
    assert month and all(r[6] == "Planlagt" and r[3] >= datetime(2026, 11, 26) for r in month)
    assert not [row for row in table if "25. november" in row[0]]
    assert table and all(row[2] == "Planlagt" for row in table), table
    assert overview and all(day >= datetime(2026, 11, 26) and status == "Planlagt"
                            for day, status in overview)
    # The next day's run (no new export) plans the same: the new home's visit stays.
    assert workspace.cli(today=date(2026, 11, 27)) == 0
    assert _visit_rows(workspace)[2] == overview


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_before_the_move_never_registered_is_not_overdue(workspace, malform):
    """The follow-up visit planned at the Øvrebø family's on 25 November, before the move
    of 27 November, was never registered as held: it showed as «Over fristen», as if someone
    still had to visit a home the child has left. The plan and the overview say calmly that
    it is not registered as held there; Saksoversikt lists it neither this month nor as
    overdue."""
    workspace.in_malform(malform)
    case = canonical_case(eksportert="2026-11-23")
    case["oppfolgingsbesok"] = []
    workspace.drop("sak.json", case)
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    assert [r[3] for r in _visit_rows(workspace)[0]] == [datetime(2026, 11, 25)]
    after = canonical_case(eksportert="2026-11-27")
    after["oppfolgingsbesok"] = []
    after["fosterfamilie"] = NEW_HOME
    workspace.drop("nytt-fosterhjem.json", after)
    assert workspace.cli(today=MOVED_ON) == 0
    closed = {"bokmal": "Ikke registrert som holdt (tidligere fosterhjem)",
              "nynorsk": "Ikkje registrert som halde (tidlegare fosterheim)"}[malform]
    month, table, overview = _visit_rows(workspace)
    assert [row[2] for row in table if "25. november" in row[0]] == [closed]
    assert (datetime(2026, 11, 25), closed) in overview
    assert "Over fristen" not in [status for _, status in overview]
    assert not [row for row in table if row[2] == "Over fristen"]
    assert datetime(2026, 11, 25) not in [r[3] for r in month]
    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    sheet = next(book[name] for name in book.sheetnames if name.startswith("Over fristen"))
    overdue = [r for r in sheet.iter_rows(values_only=True)
               if r[0] == "2026-0412" and isinstance(r[2], str) and "besøk" in r[2]]
    assert overdue == []


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_held_before_the_move_was_at_the_home_left(workspace, malform):
    """The visit held on 13 October was in the Øvrebø family's home: the plan's table and
    the overview say so, and it still counts for its part of the year (held 1 of 4)."""
    _moved_on(workspace, malform, "2026-11-23", "2026-11-28", MOVED_ON)
    held = {"bokmal": "Gjennomført (tidligere fosterhjem)",
            "nynorsk": "Gjennomført (tidlegare fosterheim)"}[malform]
    month, table, overview = _visit_rows(workspace)
    assert [row[2] for row in table if "13. oktober" in row[0]] == [held]
    assert overview[0] == (datetime(2026, 10, 13), held)
    assert all(status == "Planlagt" for _, status in overview[1:])
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert "1 av 4." in plan


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_parents_letter_after_the_move_says_the_child_moved(workspace, malform):
    """A reader's finding on the demo's 2026-0520: the parents' information letter issued
    again after the move said only «Ola bor no hos Gunnhild Rysstad og Arne Rysstad», as if
    nothing had happened since the letter that named the Nesheim family. It says, in a
    paragraph of its own, that the child has moved to a new foster home; a letter first made
    after the move does not, nor does the next day's run date it anew."""
    moved_words, home = {
        "bokmal": ("Sofie har flyttet til et nytt fosterhjem siden vi skrev til deg sist.",
                   "Sofie bor nå hos Liv Haugland og Per Haugland."),
        "nynorsk": ("Sofie har flytta til ein ny fosterheim sidan vi skreiv til deg sist.",
                    "Sofie bur no hos Liv Haugland og Per Haugland."),
    }[malform]
    workspace.in_malform(malform)
    case = canonical_case(eksportert="2026-11-23")
    case["plassering"]["i_familie_og_nettverk"] = True
    workspace.drop("sak.json", case)
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    letters = workspace.documents("2026-0412", "02 Informasjonsbrev*.docx")
    assert letters
    before = {p.name: docx_text(p) for p in letters}
    assert not any(moved_words in text for text in before.values())
    _mark(workspace, lambda document, note: "Informasjonsbrev" in document)
    after = canonical_case(eksportert="2026-11-28")
    after["plassering"]["i_familie_og_nettverk"] = True
    after["fosterfamilie"] = NEW_HOME
    workspace.drop("nytt-fosterhjem.json", after)
    assert workspace.cli(today=MOVED_ON) == 0
    texts = {p.name: docx_text(p) for p in letters}
    for text in texts.values():
        lines = text.splitlines()
        assert "30. november 2026" in text
        assert moved_words in lines
        assert any(line.startswith(home) for line in lines)
        assert lines.index(moved_words) < next(i for i, line in enumerate(lines)
                                               if line.startswith(home))
        assert "Øvrebø" not in text
    # The next day: the same letters, dated as they were, still saying so.
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    assert {p.name: docx_text(p) for p in letters} == texts


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_new_familys_track_is_not_said_to_be_missed_or_moved(workspace, malform):
    """A reader's finding (nynorsk, helper 807): after a move, the plan's notes said the new
    family's first contact was «planlagd 24. november 2026, men ikkje registrert som halden.
    Flytta til 8. desember 2026», a contact held that day with the family the child left,
    and every theme after it «Flytta … for å kome etter samtalen før». The new family starts
    on the foster family's track from the day of the run: no date of theirs was missed or
    moved, and neither the plan, the overview nor Saksoversikt says one was. The child's and
    the parents' notes are as they were."""
    _moved_on(workspace, malform, "2026-11-21", "2026-12-18", date(2026, 12, 21))
    folder = workspace.case_folder("2026-0412")
    plan = docx_text(folder / "01 Oppfølgingsplan.docx").splitlines()
    assert not [line for line in plan if line.startswith("Fosterfamilien,")]
    assert not [line for line in plan if line.startswith("Fosterfamilien:")]  # no long gap
    assert [line for line in plan if line.startswith("Barnet, ")]  # theirs are still said
    # The new family's theme 1 is the first of its themes, from the day of the run.
    theme_1 = plan.index("Tema 1: Den nye familien")
    assert plan[theme_1 + 4] == {"bokmal": "Planlagt", "nynorsk": "Planlagt"}[malform]
    book = load_workbook(folder / "04 Oppfølgingsoversikt.xlsx")
    theirs = [r for r in book.worksheets[1].iter_rows(values_only=True)
              if r[0] == "Fosterfamilien"]
    assert len(theirs) == 9 and not [r for r in theirs if r[8]], [r[8] for r in theirs if r[8]]
    overview = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    notes = [r[-1] for sheet in overview for r in sheet.iter_rows(values_only=True)
             if r[0] == "2026-0412" and isinstance(r[-1], str)]
    assert notes and not [n for n in notes if "Fosterfamilien," in n]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_besok_sheet_says_a_visit_at_the_home_left_on_one_line(workspace, malform):
    """The case's Besøk sheet gave its Status column room for the usual statuses only: «Ikke
    registrert som holdt (tidligere fosterhjem)» wrapped onto two lines, its row twice as
    high as the others (as LibreOffice prints it). Both statuses of a visit at the home left
    take one line, in both standards, the rows stay one line high, and the sheet's two
    columns still fit a landscape page's width at full size (checked by PDF)."""
    _moved_on(workspace, malform, "2026-11-23", "2026-11-27", MOVED_ON, oppfolgingsbesok=[])
    t = tekst(malform)
    book = load_workbook(workspace.case_folder("2026-0412") / "04 Oppfølgingsoversikt.xlsx")
    sheet = next(book[name] for name in book.sheetnames if name.startswith("Besøk"))
    width = sheet.column_dimensions["B"].width
    for key in ("gjennomfort_tidligere_fosterhjem", "ikke_holdt_tidligere_fosterhjem"):
        assert wrapped_lines(t(f"status.{key}"), width) == 1, (key, width)
    (row,) = [r[1].row for r in sheet.iter_rows()
              if r[1].value == t("status.ikke_holdt_tidligere_fosterhjem")]
    assert (sheet.row_dimensions[row].height or LINE_HEIGHT) <= LINE_HEIGHT
    # A4 landscape less the margins holds some 135 units of width at 100 %.
    assert sheet.column_dimensions["A"].width + width <= 135


LATE_START = {
    "bokmal": "Plasseringen startet 2. juni 2026, men saken kom fra fagsystemet første gang "
              "22. november 2026. Samtalene er derfor planlagt fra 23. november 2026, senere "
              "enn programmet legger opp til",
    "nynorsk": "Plasseringa starta 2. juni 2026, men saka kom frå fagsystemet første gong "
               "22. november 2026. Samtalane er difor planlagde frå 23. november 2026, seinare "
               "enn programmet legg opp til",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_late_start_note_stays_after_a_move(workspace, malform):
    """A case placed on 2 June and first exported on 22 November: the plan says its
    conversations start later than the programme would have them. After a move on 30
    November, nothing held yet, that is still true of the child's and the parents' tracks,
    and the plan still says it (the note went, since the new family's track starts from the
    move, not late)."""
    workspace.in_malform(malform)

    def late(eksportert: str, **changed) -> dict:
        case = canonical_case(eksportert=eksportert, samtaler=[], vurderinger=[],
                              oppfolgingsbesok=[], **changed)
        case["plassering"]["startdato"] = "2026-06-02"
        return case
    workspace.drop("sak.json", late("2026-11-20"))
    assert workspace.cli(today=date(2026, 11, 22)) == 0
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert LATE_START[malform] in plan
    workspace.drop("nytt-fosterhjem.json", late("2026-11-28", fosterfamilie=NEW_HOME))
    assert workspace.cli(today=MOVED_ON) == 0
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert "Liv Haugland" in plan  # moved
    assert LATE_START[malform] in plan


def older(eksportert: str, **changed) -> dict:
    """_case, the child 13 years old: her letters are written to her, «c/o» the foster
    home."""
    case = _case(eksportert)
    case.update(changed)
    case["barn"] = {**case["barn"], "fodselsdato": "2013-03-14", "fodselsnummer": None}
    return case


def older_child_moved(workspace, malform: str, document: str) -> str:
    """The older child's letters of 23 November marked as sent; an export of 28 November
    names the Haugland family, read on 30 November. The text of her letter `document` as
    she had it before the move."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", older("2026-11-23"))
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    assert document in _mark(workspace)
    had = docx_text(workspace.outbox / document)
    assert "Sofie Lindqvist-Hansen\nc/o Kari Øvrebø og Jon Åge Øvrebø\nLia 22" in had
    workspace.drop("nytt-fosterhjem.json", older("2026-11-28", fosterfamilie=NEW_HOME))
    assert workspace.cli(today=MOVED_ON) == 0
    return had


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_older_childs_letter_goes_to_the_new_home(workspace, malform):
    """A child of 13, her theme 1 letter sent c/o the Øvrebø family: after the move it is
    made again c/o the Haugland family at Bjørkeveien 5, replacing the one she had, and
    listed to send. Before, no letter of the case could be made: the export was set aside
    («Malen innkalling.docx kunne ikke fylles ut: UndefinedError»)."""
    document = {"bokmal": "2026-0412/Innkallinger/Barnet/Tema 1 - Min historie.docx",
                "nynorsk": "2026-0412/Innkallingar/Barnet/Tema 1 - Mi historie.docx"}[malform]
    older_child_moved(workspace, malform, document)
    assert not any(workspace.failed.iterdir())
    letter = docx_text(workspace.outbox / document)
    assert "Sofie Lindqvist-Hansen\nc/o Liv Haugland og Per Haugland\nBjørkeveien 5" in letter
    assert "Øvrebø" not in letter
    assert {"bokmal": "Noe i brevet er endret siden brevet vårt fra 23. november 2026.",
            "nynorsk": "Noko i brevet er endra sidan brevet vårt frå 23. november 2026."}[
        malform] in letter
    row = next(r for r in _rows(workspace) if r[2] == document)
    assert row[3] == datetime(2026, 11, 30) and row[7] is None
