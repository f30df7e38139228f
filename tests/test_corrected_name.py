"""The journal corrects how a parent's or a foster parent's name is spelt between two exports
(«Camila» for «Camilla»): the same person, so her letters are hers still. Those issued are
made again with the name as spelt now, keep their «Vår dato» and their mark as sent in Til
utsending, and nobody is asked to send them again or to call anyone
(domain/spelling.py, rendering/prepare.py _as_spelt_before). What the case keeps of her (the
day she declined) is hers still."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.domain import spelling
from omsorgspakke_docs.domain.model import Case, Person

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import write_in
from .test_sent_marks import _mark, _rows

CASE = "2026-0412"
NEXT_DAY = TODAY + timedelta(days=1)


def misspelt(case: dict, who: str) -> dict:
    """The example case as an export that spelt the mother («Camila Lindqvist») or a
    foster parent («Kari Øvrebo») wrong: the example's spelling is the corrected one."""
    case = copy.deepcopy(case)
    if who == "mor":
        case["foreldre"][0]["fornavn"] = "Camila"
    else:
        case["fosterfamilie"]["fosterforeldre"][0]["etternavn"] = "Øvrebo"
    return case


def sent_first(workspace, who: str) -> dict[str, str]:
    """The first export, with the name spelt wrong, and every letter of the case on the
    list marked as sent: each letter's path in the case folder -> its text."""
    workspace.drop("sak.json", misspelt(canonical_case(), who))
    assert workspace.run(TODAY).files_failed == 0
    path = workspace.outbox / sending.FILE_NAME
    marks = {r[2]: "x" for r in _rows(path) if r[2].startswith(f"{CASE}/")}
    _mark(path, marks)
    folder = workspace.case_folder(CASE)
    return {name.split("/", 1)[1]: docx_text(folder / name.split("/", 1)[1]) for name in marks}


@pytest.mark.parametrize(("who", "wrong", "right"), [
    ("mor", "Camila Lindqvist", "Camilla Lindqvist"),
    ("fosterforelder", "Kari Øvrebo", "Kari Øvrebø")])
def test_letters_sent_under_a_misspelt_name_keep_their_date_and_mark(workspace, who, wrong,
                                                                    right):
    before = sent_first(workspace, who)
    theirs = {name: text for name, text in before.items() if wrong in text}
    assert theirs, "letters showing the name as spelt first"
    workspace.drop("sak-2.json", canonical_case(eksportert=NEXT_DAY.isoformat()))
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    folder = workspace.case_folder(CASE)
    for name in theirs:  # made again with the name as spelt now, dated as before
        text = docx_text(folder / name)
        assert right in text and wrong not in text, name
        assert "Vår dato:\t22. november 2026" in text, name
        assert "erstatter" not in text.casefold(), name
    rows = {r[2]: r for r in _rows(workspace.outbox / sending.FILE_NAME)}
    for name in before:
        row = rows.get(f"{CASE}/{name}")
        if row is None:  # its conversation was yesterday
            continue
        assert row[3] == datetime(2026, 11, 22), name  # Brevdato
        assert row[-1] == "x", name  # still marked as sent
        assert not row[6], (name, row[6])  # no «send det nye brevet», no «Ikke send …»
    assert not any("Gi beskjed" in (r[6] or "") for r in rows.values())


def test_another_person_in_the_same_role_is_not_taken_for_the_one_before(workspace):
    """The father's name in the journal is now clearly someone else's: his letters are not
    kept as the other man's; the one showing the name is issued anew, to send."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(TODAY).files_failed == 0
    path = workspace.outbox / sending.FILE_NAME
    letter = f"{CASE}/02 Informasjonsbrev til foreldre - far.docx"
    _mark(path, {letter: "x"})
    case = canonical_case(eksportert=NEXT_DAY.isoformat())
    case["foreldre"][1].update(fornavn="Trond", etternavn="Berg")
    workspace.drop("sak-2.json", case)
    assert workspace.run(NEXT_DAY).files_failed == 0
    row = {r[2]: r for r in _rows(path)}[letter]
    assert row[3] == datetime(2026, 11, 23) and row[-1] is None
    assert "Trond Berg" in docx_text(workspace.case_folder(CASE) / letter.split("/", 1)[1])


def test_a_parent_who_declined_keeps_the_day_she_declined_through_a_corrected_name(workspace):
    """The father declined on 26 November (kept with the case, Forelder.takket_nei); the
    next export spells his name right: his offer still comes three months after his no, as
    the plan says, not three months after the placement (the case took him for a new parent
    who had declined from the start, and the offer letter came on 14 December)."""
    first = canonical_case()
    first["foreldre"][1]["fornavn"] = "Ahmed"
    workspace.drop("sak.json", first)
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    declines = copy.deepcopy(first)
    declines.update(eksportert="2026-11-26")
    declines["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak-2.json", declines)
    assert workspace.cli(today=date(2026, 11, 27)) == 0
    corrected = canonical_case(eksportert="2026-12-01")
    corrected["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak-3.json", corrected)
    assert workspace.cli(today=date(2026, 12, 15)) == 0
    folder = workspace.case_folder(CASE)
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Far takket nei til Omsorgspakken 26. november 2026. Tilbudet gis på nytt innen " \
           "26. februar 2027." in plan
    assert not list(folder.glob("02 Nytt tilb*"))


def _people(*names: str) -> list[Person]:
    return [Person(fornavn=name.rsplit(" ", 1)[0], etternavn=name.rsplit(" ", 1)[1])
            for name in names]


@pytest.mark.parametrize(("before", "now", "same"), [
    ("Kari Nordman", "Kari Nordmann", True),
    ("Ann-Kristin Berg", "Anne-Kristin Berg", True),
    ("Jon Åge Øvrebø", "Jon-Åge Øvrebø", True),
    ("Kari Nordmann", "Kari Hansen", False),
    ("Kari Nordmann", "Per Nordmann", False),
])
def test_a_name_spelt_anew_is_told_from_another_name(before, now, same):
    assert spelling.alike(*_people(before, now)) is same


def test_two_foster_parents_both_near_the_new_spelling_are_not_guessed_between():
    """Two foster parents respelt at once, each new name near both old ones: nobody's name
    is taken for corrected (the letters are issued anew, as for new people)."""
    known = Case(fosterfamilie={"fosterforeldre": _people("Ann Berg", "Anna Berg")})
    now = Case(fosterfamilie={"fosterforeldre": _people("Anne Berg", "Annie Berg")})
    assert spelling.spelt_now(known, now)[1] == []
    # One of them alone respelt, the other as before: hers is.
    now = Case(fosterfamilie={"fosterforeldre": _people("Anne Berg", "Anna Berg")})
    as_now, found = spelling.spelt_now(known, now)
    assert [(r.navn, r.fornavn) for r in found] == [("Anne Berg", "Ann")]
    assert [p.navn for p in as_now.fosterfamilie.fosterforeldre] == ["Anne Berg", "Anna Berg"]


def test_two_mothers_are_not_confused_when_one_name_is_corrected():
    known = Case(foreldre=[{"rolle": "mor", "fornavn": "Kari", "etternavn": "Nordman"},
                           {"rolle": "mor", "fornavn": "Kari", "etternavn": "Nordvik"}])
    now = Case(foreldre=[{"rolle": "mor", "fornavn": "Kari", "etternavn": "Nordmann"},
                         {"rolle": "mor", "fornavn": "Kari", "etternavn": "Nordvik"}])
    assert [(r.navn, r.etternavn) for r in spelling.spelt_now(known, now)[1]] == [
        ("Kari Nordmann", "Nordman")]
    # Both spelt anew, each near the same one: neither is taken for her.
    now.foreldre[1].etternavn = "Nordmand"
    assert spelling.spelt_now(known, now)[1] == []


def _child_spelt(case: dict, fornavn: str, etternavn: str) -> dict:
    case = copy.deepcopy(case)
    case["barn"].update(fornavn=fornavn, etternavn=etternavn)
    return case


@pytest.mark.parametrize(("wrong", "right", "shown"), [
    (("Sofie", "Lindqvist-Hansen"), ("Sophie", "Lindqvist-Hansen"), "Sofie"),
    (("Sofie", "Lindqvist Hansen"), ("Sofie", "Lindqvist-Hansen"), None)])
def test_documents_under_the_childs_name_spelt_before_keep_their_issue(workspace, wrong,
                                                                      right, shown):
    """The journal corrects the child's name (the case is the same: its journal number).
    The letters to the parents, the foster family and the child naming her (by her first
    name: her last name is in the plan, the minutes and the evaluations), marked as sent,
    are made again with her name as spelt now and keep their «Vår dato» and their mark;
    minutes a caseworker is writing in are left as they are, with no copy «(ny versjon)»;
    the plan says her name as spelt now."""
    workspace.drop("sak.json", _child_spelt(canonical_case(), *wrong))
    assert workspace.run(TODAY).files_failed == 0
    path = workspace.outbox / sending.FILE_NAME
    marks = {r[2]: "x" for r in _rows(path) if r[2].startswith(f"{CASE}/")}
    _mark(path, marks)
    folder = workspace.case_folder(CASE)
    was, now = " ".join(wrong), " ".join(right)
    before = {name.split("/", 1)[1]: docx_text(folder / name.split("/", 1)[1])
              for name in marks}
    named = {name for name, text in before.items() if shown and shown in text}
    assert len(named) > 3 or shown is None, "letters naming the child as spelt first"
    written = [*sorted(folder.glob("Referater/Foreldre/Tema 0*(kontakt 1).docx")),
               *sorted(folder.glob("Referater/Barnet/Tema 0*(kontakt 1).docx"))]
    assert len(written) == 2 and all(was in docx_text(one) for one in written)
    as_written = [write_in(one) for one in written]
    workspace.drop("sak-2.json",
                   _child_spelt(canonical_case(eksportert=NEXT_DAY.isoformat()), *right))
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert [one.read_bytes() for one in written] == as_written
    for name in named:  # made again with the name as spelt now, dated as before
        text = docx_text(folder / name)
        assert right[0] in text and shown not in text, name
        assert "Vår dato:\t22. november 2026" in text, name
        assert "erstatter" not in text.casefold(), name
    rows = {r[2]: r for r in _rows(path)}
    for name in before:
        row = rows.get(f"{CASE}/{name}")
        if row is None:  # its conversation was yesterday
            continue
        assert row[3] == datetime(2026, 11, 22), name  # Brevdato
        assert row[-1] == "x", name  # still marked as sent
        assert not row[6], (name, row[6])
    assert not any("Gi beskjed" in (r[6] or "") for r in rows.values())
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert now in plan and was not in plan


@pytest.mark.parametrize("who", ["mor", "barn"])
def test_a_name_corrected_in_an_export_of_the_same_day_keeps_the_letters(workspace, who):
    """The journal exports the case twice on one day, the second export correcting the
    mother's or the child's name after the first run issued the letters, marked as sent:
    the same person, so no letters to a new «forelder 1» or «forelder 3» beside the
    mother's, and the letters marked as sent keep their «Vår dato» and their mark."""
    first = canonical_case(eksportert=TODAY.isoformat())
    first = misspelt(first, "mor") if who == "mor" else _child_spelt(
        first, "Sofi", "Lindqvist-Hansen")
    workspace.drop("sak.json", first)
    assert workspace.run(TODAY).files_failed == 0
    path = workspace.outbox / sending.FILE_NAME
    marks = {r[2]: "x" for r in _rows(path) if r[2].startswith(f"{CASE}/")}
    _mark(path, marks)
    workspace.drop("sak-2.json", canonical_case(eksportert=TODAY.isoformat()))
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    folder = workspace.case_folder(CASE)
    assert not list(folder.glob("**/*forelder*.docx"))
    rows = {r[2]: r for r in _rows(path)}
    for name in marks:
        row = rows.get(name)
        if row is None:  # its conversation was yesterday
            continue
        assert row[3] == datetime(2026, 11, 22) and row[-1] == "x", name
        assert "Merket som sendt" not in (row[6] or ""), (name, row[6])
    text = docx_text(folder / "02 Informasjonsbrev til foreldre - mor.docx")
    assert "Camilla Lindqvist" in text and "Camila" not in text and "Sofi " not in text
