"""A parent's dates follow the parent, not their place in the export's list of parents: an
export that lists the parents in another order, or without one of them, leaves each
parent's planned dates and invitations theirs (domain/parent_order.py)."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import informasjonsbrev, one_or_both, recipients, the_other_parent
from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.store.state import State

from .conftest import TODAY, canonical_case, docx_text, make_workspace
from .test_crash_points import Crash, crash_at
from .test_sent_marks import LIST, _mark, _rows

CASE = "2026-0412"
INVITATIONS = "Innkallinger/Foreldre"
CONTACT_2 = "Tema 0 - Oppfølging i flytteprosessen (kontakt 2)"
MOTHER = "mandag 23. november 2026"
"""The mother's second contact of the move follow-up, as the example case is planned."""
FATHER = "torsdag 26. november 2026"
FATHER_BOOKED = {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 1,
                 "dato": "2026-11-26", "klokkeslett": "12:00", "status": "planlagt"}
"""The father's second contact, as the journal has it booked (he is parent 1 in the
example)."""


def first_run(tmp_path, each_their_own: bool = False):
    """The example case, with the father's second contact booked in the journal;
    each_their_own: its parents' first contact is in the journal once for each parent."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    if each_their_own:
        case["samtaler"] = [
            *(s for s in case["samtaler"] if s["part"] != "foreldre"),
            *({"part": "foreldre", "tema": 0, "nummer": 1, "forelder": forelder,
               "dato": "2026-09-17", "status": "gjennomfort"} for forelder in (0, 1))]
    case["samtaler"].append(dict(FATHER_BOOKED))
    ws.drop("sak.json", case)
    assert ws.run(today=TODAY).files_failed == 0
    return ws, case


def invitation_day(ws, role: str) -> list[str]:
    """The meeting day(s) the parent's invitation to the second contact names."""
    letter = ws.case_folder(CASE) / INVITATIONS / f"{CONTACT_2} - {role}.docx"
    return [line for line in docx_text(letter).splitlines()
            if line.endswith("november 2026") and not line.startswith("Vår dato")]


def invitation_to(ws, first_name: str) -> list[str]:
    """The meeting day(s) the invitation to the second contact addressed to this parent
    names (a parent without a role is «forelder 1» or «forelder 2» in its file name)."""
    letters = (ws.case_folder(CASE) / INVITATIONS).glob(f"{CONTACT_2} - forelder *.docx")
    texts = [docx_text(letter) for letter in letters]
    found = [text for text in texts if first_name in text.split("Vår dato")[0]]
    assert len(found) == 1
    return [line for line in found[0].splitlines()
            if line.endswith("november 2026") and not line.startswith("Vår dato")]


PARENTS_ONLY = ("Tema 1: Fortsatt familie", "Tema 3: Å være foreldre på avstand",
                "Tema 4: Hvorfor måtte barnet flytte?", "Tema 5: Fortsatt familie og veien videre")
"""The parents' themes whose names no other party's theme has."""


def plan_dates(ws, role: str) -> dict[str, str]:
    """The parent's themes (PARENTS_ONLY) in the plan's table: theme -> the day it is
    planned. The rows of the only parent the case has may name nobody."""
    lines = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx").splitlines()
    return {theme: lines[n + 1] for n, line in enumerate(lines) for theme in PARENTS_ONLY
            if line in (theme, f"{theme} – med {role}")}


def exported_again(ws, case: dict, day: str = "2026-11-21") -> None:
    ws.drop(f"sak-{day}.json", {**case, "eksportert": day})
    assert ws.run(today=TODAY).files_failed == 0


def swapped(case: dict) -> dict:
    """The case as a journal's export lists the parents the other way: the father first,
    its entries naming him parent 0."""
    case = copy.deepcopy(case)
    case["foreldre"].reverse()
    for entry in case["samtaler"]:
        if entry.get("forelder") is not None:
            entry["forelder"] = 1 - entry["forelder"]
    return case


def test_each_parent_keeps_their_dates_when_the_export_lists_the_parents_the_other_way(
        tmp_path):
    ws, case = first_run(tmp_path)
    assert invitation_day(ws, "mor") == [MOTHER]
    assert invitation_day(ws, "far") == [FATHER]
    before = {role: plan_dates(ws, role) for role in ("mor", "far")}
    assert before["mor"] != before["far"]
    exported_again(ws, swapped(case))
    assert invitation_day(ws, "mor") == [MOTHER]
    assert invitation_day(ws, "far") == [FATHER]
    assert {role: plan_dates(ws, role) for role in ("mor", "far")} == before


def test_a_same_day_export_listing_the_parents_the_other_way_gives_each_their_own(tmp_path):
    """An export made the same day as the one read (it decides no list: merge.moves_on)
    lists the parents the other way, the father's booked conversation under his place in it
    (0): it stays his, on his invitation, not the mother's (before: read by the state's
    places, the mother's invitation named the father's day)."""
    ws, case = first_run(tmp_path)
    exported_again(ws, swapped(case), day=case["eksportert"])
    assert invitation_day(ws, "mor") == [MOTHER]
    assert invitation_day(ws, "far") == [FATHER]


@pytest.mark.parametrize("after", [True, False], ids=["after", "before"])
def test_a_run_stopped_around_saving_the_parents_new_order_keeps_their_dates(
        tmp_path, monkeypatch, after):
    """The export listing the parents the other way is read, and the run stops just after
    (or just before) the case in the new order is saved: the next run ends with each
    parent's dates and invitations theirs, not the other's (the plan was renumbered only
    after the case was saved, so a stop in between swapped them for good)."""
    ws, case = first_run(tmp_path)
    before = {role: plan_dates(ws, role) for role in ("mor", "far")}
    crash_at(monkeypatch, State, "save", 1, after=after)
    with pytest.raises(Crash):
        exported_again(ws, swapped(case))
    monkeypatch.undo()
    assert ws.run(today=TODAY).files_failed == 0
    assert invitation_day(ws, "mor") == [MOTHER]
    assert invitation_day(ws, "far") == [FATHER]
    assert {role: plan_dates(ws, role) for role in ("mor", "far")} == before
    assert not list((ws.state / "plans").glob("*.renumbered.json"))


def mother_left(case: dict) -> dict:
    """The case as a journal's export lists it once the mother is no longer in it: the
    father is parent 0 now."""
    father_only = copy.deepcopy(case)
    father_only["foreldre"] = father_only["foreldre"][1:]
    for entry in father_only["samtaler"]:
        if entry.get("forelder") is not None:
            entry["forelder"] = 0
    return father_only


@pytest.mark.parametrize("after", [True, False], ids=["after", "before"])
def test_a_run_stopped_around_saving_the_case_a_parent_left_keeps_the_others_dates(
        tmp_path, monkeypatch, after):
    """The mother leaves the export, so the father is parent 0 now (the same parents in
    another order keep their places: nothing is renumbered then), and the run stops just
    after (or just before) the case is saved: the next run ends with the father's dates
    and invitation his, the renumbered plan put in place or left, never half of both."""
    ws, case = first_run(tmp_path, each_their_own=True)
    before = plan_dates(ws, "far")
    crash_at(monkeypatch, State, "save", 1, after=after)
    with pytest.raises(Crash):
        exported_again(ws, mother_left(case))
    monkeypatch.undo()
    assert ws.run(today=TODAY).files_failed == 0
    assert plan_dates(ws, "far") == before
    assert invitation_day(ws, "far") == [FATHER]
    assert not list((ws.state / "plans").glob("*.renumbered.json"))


def test_the_remaining_parent_keeps_their_dates_when_the_other_leaves_the_export(tmp_path):
    ws, case = first_run(tmp_path, each_their_own=True)
    before = plan_dates(ws, "far")
    assert before and before != plan_dates(ws, "mor")
    exported_again(ws, mother_left(case))
    assert plan_dates(ws, "far") == before
    assert invitation_day(ws, "far") == [FATHER]
    letters = sorted(p.name for p in (ws.case_folder(CASE) / INVITATIONS).glob("*.docx"))
    assert not [name for name in letters if name.endswith("- mor.docx")]


MOTHER_SAID = "Mor trenger hjelp til å forberede samværet."
FATHER_SAID = "Far møtte godt forberedt."
FATHER_NOW = "Far møtte godt forberedt og hadde med seg spørsmål."
"""The father's assessment as the journal has it after it was written out more fully."""
ASSESSED = [{"part": "foreldre", "tema": 0, "forelder": 0, "dato": "2026-09-17",
             "behov_for_stotte": MOTHER_SAID},
            {"part": "foreldre", "tema": 0, "forelder": 1, "dato": "2026-09-17",
             "positivt": FATHER_SAID}]
"""Each parent's assessment after their first contact (the mother is parent 0)."""


def test_what_was_assessed_with_a_parent_who_left_the_export_is_not_the_other_ones(tmp_path):
    ws = make_workspace(tmp_path)
    case = canonical_case()
    case["samtaler"] = [
        *(s for s in case["samtaler"] if s["part"] != "foreldre"),
        *({"part": "foreldre", "tema": 0, "nummer": 1, "forelder": forelder,
           "dato": "2026-09-17", "status": "gjennomfort"} for forelder in (0, 1))]
    case["vurderinger"] = [*case["vurderinger"], *ASSESSED]
    ws.drop("sak.json", case)
    assert ws.run(today=TODAY).files_failed == 0
    evaluation = ws.case_folder(CASE) / "03 Sluttevaluering - Foreldre - mor.docx"
    assert MOTHER_SAID in docx_text(evaluation)
    # The mother is no longer in the journal's export: the father is parent 0 now.
    father_only = copy.deepcopy(case)
    father_only["foreldre"] = father_only["foreldre"][1:]
    father_only["samtaler"] = [s for s in father_only["samtaler"] if s.get("forelder") != 0]
    father_only["vurderinger"] = [v for v in father_only["vurderinger"]
                                  if v.get("forelder") != 0]
    for entry in father_only["samtaler"] + father_only["vurderinger"]:
        if entry.get("forelder") is not None:
            entry["forelder"] = 0
    father_only["vurderinger"][-1]["positivt"] = FATHER_NOW
    exported_again(ws, father_only)
    text = docx_text(ws.case_folder(CASE) / "03 Sluttevaluering - Foreldre.docx")
    assert FATHER_NOW in text
    assert FATHER_SAID not in text.replace(FATHER_NOW, "")
    assert MOTHER_SAID not in text


def test_parents_without_a_role_are_told_apart_by_name(tmp_path):
    ws = make_workspace(tmp_path)
    case = canonical_case()
    for parent in case["foreldre"]:
        del parent["rolle"]
    case["samtaler"].append(dict(FATHER_BOOKED))
    ws.drop("sak.json", case)
    assert ws.run(today=TODAY).files_failed == 0
    assert invitation_to(ws, "Camilla") == [MOTHER]
    assert invitation_to(ws, "Ahmad") == [FATHER]
    exported_again(ws, swapped(case))
    assert invitation_to(ws, "Camilla") == [MOTHER]
    assert invitation_to(ws, "Ahmad") == [FATHER]



PARENTS_LETTERS = ("02 Informasjonsbrev til foreldre - forelder {}.docx",
                   f"{INVITATIONS}/{CONTACT_2} - forelder {{}}.docx")
"""The letters each parent has, named by their number when the journal gives them no role
of their own (Case.parent_roles)."""


@pytest.mark.parametrize("roles", [(None, None), ("mor", "mor")], ids=["no-role", "same-role"])
def test_parents_named_by_number_keep_their_letters_when_listed_the_other_way(
        tmp_path, roles):
    """Two parents the journal gives no role (or the same one), so their letters are named
    «forelder 1» and «forelder 2»: the next export lists them the other way round, nothing
    else changed. Each letter stays the one its parent was sent, with its words, «Vår dato»
    and mark as sent (before: the letters changed hands, each «forelder 1» letter now to the
    other parent, dated anew, «Dette brevet erstatter …», all four to be sent again)."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    for parent, role in zip(case["foreldre"], roles, strict=True):
        parent.pop("rolle")
        if role:
            parent["rolle"] = role
    ws.drop("sak.json", case)
    assert ws.run(today=TODAY).files_failed == 0
    folder = ws.case_folder(CASE)
    names = [name.format(n) for name in PARENTS_LETTERS for n in (1, 2)]
    before = {name: docx_text(folder / name) for name in names}
    assert "Camilla Lindqvist" in before[names[0]] and "Ahmad Hansen" in before[names[1]]
    _mark(ws.outbox / LIST, {f"{CASE}/{name}": "x" for name in names})

    exported_again(ws, swapped(case), day="2026-11-22")
    assert {name: docx_text(folder / name) for name in names} == before
    marked = {row[2] for row in _rows(ws.outbox / LIST) if row[-1]}
    assert {f"{CASE}/{name}" for name in names} <= marked


STEPPARENTS = (("stemor", "Berit", "Dahl"), ("stefar", "Ola", "Nordmann"))
MEETING_ROW = {"bokmal": "Felles møte med faren til Sofie, stemor, stefar og fosterforeldrene",
               "nynorsk": "Felles møte med faren til Sofie, stemor, stefar og fosterforeldra"}


def _four_parents(workspace, malform: str) -> tuple[dict, Path, list[str]]:
    """The example case with a stepmother and a stepfather beside the parents, each with a
    role of their own, made on TODAY in this standard and every letter marked as sent:
    (the case, its folder, its letters' names in the folder)."""
    workspace.in_malform(malform)
    workspace.whole_year()
    case = canonical_case()
    for role, first, last in STEPPARENTS:
        parent = copy.deepcopy(case["foreldre"][0])
        parent.update(rolle=role, fornavn=first, etternavn=last, adresse=f"{first}vegen 1")
        case["foreldre"].append(parent)
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder(CASE)
    made = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.docx")
                  if p.relative_to(folder).parts[0] in ("Innkallinger", "Innkallingar")
                  or p.name.startswith("02 "))
    # The stepmother has her letters too: an information letter, invitations.
    assert len([name for name in made if name.endswith(" - stemor.docx")]) > 2
    _mark(workspace.outbox / LIST, {f"{CASE}/{name}": "x" for name in made})
    return case, folder, made


def _all_marked(workspace, made: list[str]) -> bool:
    rows = load_workbook(workspace.outbox / LIST).worksheets[0].iter_rows(values_only=True)
    marked = {row[2] for row in rows if len(row) > 7 and row[2] and row[7]}
    return {f"{CASE}/{name}" for name in made} <= marked


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_four_parents_listed_in_another_order_keep_every_letter_as_sent(workspace, malform):
    """Four parents, each with a role of their own (mother, father, stepmother, stepfather):
    the next export lists them in another order, nothing else changed. Every letter stays
    as sent, word for word, dated 22 November and marked as sent (before: each parent's
    invitation to the joint meeting was issued anew, «Noe i brevet er endret …», as it
    names the other parents in the export's order; the information letters' «Felles møte
    med …» row named them in the new order in a letter otherwise as sent)."""
    case, folder, made = _four_parents(workspace, malform)
    before = {name: docx_text(folder / name) for name in made}
    # The mother's information letter names the others in one list, «og» once only (it
    # read «faren til Sofie, stemor og stefar og fosterforeldrene»).
    assert MEETING_ROW[malform] in before["02 Informasjonsbrev til foreldre - mor.docx"]

    case = {**copy.deepcopy(case), "eksportert": "2026-11-22"}
    case["foreldre"] = [case["foreldre"][i] for i in (3, 1, 0, 2)]
    workspace.drop("sak2.json", case)
    assert workspace.run().files_failed == 0
    assert {name: docx_text(folder / name) for name in made} == before
    assert _all_marked(workspace, made)


def _heading_before(ctx, forelder):
    """The joint meeting's row as the release before named the other parents: «og» twice."""
    others = [the_other_parent(ctx, ctx.case.foreldre[m["forelder"]])
              for m in recipients(ctx, "foreldre")
              if forelder is not None and m.get("forelder") not in (None, forelder)]
    if not others:
        return ctx.t(one_or_both(ctx, informasjonsbrev.MEETING_BEFORE))
    return ctx.t(one_or_both(ctx, "kalender.felles_mote_med_andre"), andre=ctx.t.join(others))


def test_the_reworded_meeting_row_keeps_the_information_letters_date_and_mark(
        workspace, monkeypatch):
    """Release day: information letters made by the release before, whose row read
    «… stemor og stefar og fosterforeldrene», are made again in this release's words,
    dated 22 November still, their marks as sent kept (the row is words, not a fact)."""
    monkeypatch.setattr(informasjonsbrev, "_meeting_heading", _heading_before)
    _, folder, made = _four_parents(workspace, "bokmal")
    mother = "02 Informasjonsbrev til foreldre - mor.docx"
    assert "stemor og stefar og fosterforeldrene" in docx_text(folder / mother)
    monkeypatch.undo()
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    text = docx_text(folder / mother)
    assert MEETING_ROW["bokmal"] in text and "Vår dato:\t22. november 2026" in text
    assert _all_marked(workspace, [name for name in made if name.startswith("02 ")])
