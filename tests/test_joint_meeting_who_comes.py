"""Who else is invited to the joint meeting is a fact of the parents' information letter.

The joint meeting's row names the other parent in words («Felles møte med faren til Sofie og
fosterforeldrene»), words a release may reword without issuing the letter anew
(rendering/prepare.py Words). Who is invited is a fact of its own beside them
(informasjonsbrev.OTHERS_INVITED): the father declining, or accepting again, issues the
mother's letter anew, dated that day and saying which letter it replaces, to be sent again;
a release that rewords the heading only keeps its «Vår dato» and its mark as sent. The first
run of this release on a state the release before kept (2bd69d77, its real digests, its
letters kept field by field without who else is invited) re-dates nothing, and keeps each
letter field by field from then on, that fact among its fields (store/issued.py
Showing.added).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import (
    fellesmote,
    informasjonsbrev,
    recipients,
    sent_marks,
    the_other_parent,
)
from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.store.issued import FOLDER, issues, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .test_contact_change import letters
from .test_new_release import _reworded
from .test_sent_marks import LIST, _mark, _rows

CASE = "2026-0412"
OTHERS_INVITED = f"part.samtaler[].{informasjonsbrev.OTHERS_INVITED}="
NEXT_DAY = TODAY + timedelta(days=1)
MOTHER = "02 Informasjonsbrev til foreldre - mor.docx"
FATHER = "02 Informasjonsbrev til foreldre - far.docx"
WITH_FATHER = "Felles møte med faren til Sofie og fosterforeldrene"
ALONE = "Felles møte med fosterforeldrene"
ISSUED = "Vår dato:\t22. november 2026"
REISSUED = "Vår dato:\t23. november 2026"
REPLACES = "Dette brevet erstatter det"
RELEASE_BEFORE = Path(__file__).parent / "data" / "releases" / "2bd69d77-issued.json"
"""What the release before (2bd69d77) kept for the canonical case made on TODAY, every
document (the file's note says how it was made)."""
KEPT_BY_PLACES = Path(__file__).parent / "data" / "releases" / "a41bd92-issued.json"
"""The same, as a41bd92 kept it: who else is invited by each other parent's place in the
export («2 far»: informasjonsbrev.OTHERS_INVITED_BEFORE)."""


def _case(father_takes_part: bool, exported: str = "2026-11-21") -> dict:
    case = canonical_case(eksportert=exported)
    if not father_takes_part:
        case["foreldre"][1]["takker_ja"] = False
    return case


def _state(workspace) -> Path:
    (state,) = (workspace.state / FOLDER).glob("*.json")
    return state


def _dates(workspace) -> dict:
    return {name: issued for name, (issued, _) in
            kept_dates(workspace.state, _state(workspace).stem).items()}


def _made_and_marked(workspace, father_takes_part: bool = True) -> list[str]:
    workspace.drop("sak.json", _case(father_takes_part))
    workspace.run()
    made = sorted(letters(workspace.case_folder(CASE)))
    _mark(workspace.outbox / LIST, {f"{CASE}/{name}": "x" for name in made})
    return made


def _marked(workspace) -> set[str]:
    return {row[2] for row in _rows(workspace.outbox / LIST) if row[-1]}


def _still_marked(workspace, marked: set[str]) -> None:
    """Every letter marked as sent that is still on the list is marked (none to send
    again), the information letters among them."""
    rows = _rows(workspace.outbox / LIST)
    assert not [row[2] for row in rows if row[2] in marked and not row[-1]]
    assert {f"{CASE}/{MOTHER}", f"{CASE}/{FATHER}"} <= _marked(workspace)


@pytest.mark.parametrize("before, after", [(True, False), (False, True)],
                         ids=["father-declines", "father-accepts-again"])
def test_the_other_parent_invited_or_not_issues_the_letter_anew(workspace, before, after):
    """Only who else is invited changed in the export: the mother's letter is dated anew,
    says it replaces the letter of 22 November, names the meeting as it now is and is to be
    sent again (not marked)."""
    _made_and_marked(workspace, father_takes_part=before)
    folder = workspace.case_folder(CASE)
    first = docx_text(folder / MOTHER)
    assert ISSUED in first and REPLACES not in first
    assert (WITH_FATHER if before else ALONE) in first

    workspace.drop("sak2.json", _case(after, exported="2026-11-23"))
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0
    text = docx_text(folder / MOTHER)
    assert REISSUED in text and ISSUED not in text
    assert REPLACES in text and "22. november 2026" in text
    assert (WITH_FATHER if after else ALONE) in text
    assert (ALONE if after else WITH_FATHER) not in text
    assert _dates(workspace)[MOTHER] == NEXT_DAY
    assert f"{CASE}/{MOTHER}" not in _marked(workspace)  # to send again


def test_a_release_rewording_the_meeting_heading_only_keeps_date_and_mark(workspace,
                                                                         monkeypatch):
    made = _made_and_marked(workspace)
    folder = workspace.case_folder(CASE)
    marked = _marked(workspace)
    assert {f"{CASE}/{MOTHER}", f"{CASE}/{FATHER}"} <= marked
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    heading = informasjonsbrev._meeting_heading
    monkeypatch.setattr(informasjonsbrev, "_meeting_heading", lambda ctx, forelder: heading(
        ctx, forelder).replace("faren til Sofie", "Sofies far"))
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    text = docx_text(folder / MOTHER)
    assert "Felles møte med Sofies far og fosterforeldrene" in text  # made again
    assert ISSUED in text and REPLACES not in text
    assert _dates(workspace) == {**_dates(workspace), **dict.fromkeys(made, TODAY)}
    _still_marked(workspace, marked)


def _as_the_release_before_kept_it(workspace, release: Path = RELEASE_BEFORE) -> dict:
    """The case made on TODAY, its issues replaced by those a release before kept (the
    same case, made on that day by that release's own code: 2bd69d77's, or another's
    file), every letter marked as sent on the list as that release listed its issues."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    kept = json.loads(release.read_text(encoding="utf-8"))["issued"]
    state = _state(workspace)
    assert set(kept) == set(json.loads(state.read_text(encoding="utf-8")))
    state.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
    listed = workspace.state / sent_marks.FOLDER / sent_marks.MARKS
    marks = json.loads(listed.read_text(encoding="utf-8"))
    as_kept = issues(workspace.state, state.stem)
    for rows in marks["lists"].values():
        rows.update({name: as_kept[name.split("/", 1)[1]] for name in rows})
    listed.write_text(json.dumps(marks), encoding="utf-8")
    made = sorted(letters(workspace.case_folder(CASE)))
    _mark(workspace.outbox / LIST, {f"{CASE}/{name}": "x" for name in made})
    return kept


def test_the_first_run_on_the_release_befores_state_re_dates_nothing(workspace, monkeypatch):
    """Release day on what 2bd69d77 kept: no document dated anew, every mark as sent kept,
    no «(ny versjon)»; each letter kept field by field from then on, the information
    letters with who else is invited among their fields. Then the father declines: the
    mother's letter is issued anew."""
    kept = _as_the_release_before_kept_it(workspace)
    marked = _marked(workspace)
    assert {f"{CASE}/{MOTHER}", f"{CASE}/{FATHER}"} <= marked
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    folder = workspace.case_folder(CASE)
    assert not list(folder.glob("**/*ny versjon*"))
    # (Not the calendar: its entries name the case by its pseudonym, this workspace's own,
    # not the one the release before's state was kept under.)
    documents = [name for name in kept if not name.startswith("Kalender/")]
    assert len(documents) == len(kept) - 1
    assert {name: _dates(workspace)[name] for name in documents} == dict.fromkeys(
        documents, TODAY)
    _still_marked(workspace, marked)
    for name in (MOTHER, FATHER):
        assert ISSUED in docx_text(folder / name), name
    now = json.loads(_state(workspace).read_text(encoding="utf-8"))
    fields = {name: now[name].get("fields") for name, entry in kept.items() if "fields" in entry}
    assert len(fields) > 5
    assert all(said and all("=" in one for one in said.split()) for said in fields.values())
    for name in (MOTHER, FATHER):
        assert OTHERS_INVITED not in kept[name]["fields"]
        assert OTHERS_INVITED in fields[name], name

    workspace.drop("sak2.json", _case(False, exported="2026-11-24"))
    workspace.run(NEXT_DAY + timedelta(days=1))
    text = docx_text(folder / MOTHER)
    assert "Vår dato:\t24. november 2026" in text and REPLACES in text and ALONE in text


INVITED_ONLY = {
    "bokmal": ("Siden brevet vårt fra 22. november 2026 er det endret hvem som er invitert til "
               "det felles møtet. Dette brevet erstatter det, og det er datoene i dette brevet "
               "som gjelder nå."),
    "nynorsk": ("Sidan brevet vårt frå 22. november 2026 er det endra kven som er invitert til "
                "det felles møtet. Dette brevet erstattar det, og det er datoane i dette brevet "
                "som gjeld no."),
}
DATES_CHANGED = ("Det er endringer i datoene", "Det er endringar i datoane")
CHANGED_CONTENT = {"bokmal": "laget på nytt med endret innhold",
                   "nynorsk": "laga på nytt med endra innhald"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_letter_issued_anew_as_the_other_parent_declines_says_what_changed(workspace,
                                                                             malform):
    """A reader's finding (nynorsk, helper 807): the father declined, and the mother's letter
    issued anew said «Det er endringar i datoane sidan brevet vårt frå …» above the very
    dates she had. Issued anew only because who else is invited to the joint meeting
    changed, it says that, in her standard, and goes on saying it on later days; her letter
    is to send again, the list calling it changed in content, not in its dates."""
    workspace.in_malform(malform)
    _made_and_marked(workspace)
    mother = workspace.case_folder(CASE) / MOTHER
    workspace.drop("sak2.json", _case(False, exported="2026-11-23"))
    workspace.run(NEXT_DAY)
    text = docx_text(mother)
    assert INVITED_ONLY[malform] in text.splitlines()
    assert not any(words in text for words in DATES_CHANGED)
    (row,) = [row for row in load_workbook(workspace.outbox / LIST).worksheets[0].iter_rows(
        values_only=True) if row[2] == f"{CASE}/{MOTHER}"]
    assert not row[7]  # Sendt: to send again
    assert CHANGED_CONTENT[malform] in row[6], row[6]
    assert "med endrede datoer" not in row[6] and "med endra datoar" not in row[6]

    made = mother.read_bytes()
    workspace.run(NEXT_DAY + timedelta(days=3))
    assert mother.read_bytes() == made
    assert INVITED_ONLY[malform] in docx_text(mother).splitlines()


def test_a_date_changed_with_who_is_invited_says_the_dates_changed(workspace):
    """The father declines and the mother's next conversation is cancelled in the same
    export: her dates changed too, and her letter says so (test_replaced_information_letter)."""
    _made_and_marked(workspace)
    mother = workspace.case_folder(CASE) / MOTHER
    case = _case(False, exported="2026-11-23")
    case["samtaler"].append({"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0,
                             "dato": "2026-11-24", "status": "avlyst"})
    workspace.drop("sak2.json", case)
    workspace.run(NEXT_DAY)
    text = docx_text(mother)
    assert "Det er endringer i datoene siden brevet vårt fra 22. november 2026." in text
    assert INVITED_ONLY["bokmal"] not in text


def test_parents_listed_in_another_order_issue_no_information_letter_anew(workspace):
    """The next export lists the father before the mother, nothing else changed: the same
    parents are invited to the joint meeting, so each parent's information letter keeps its
    «Vår dato» and its mark as sent, and says nothing of who is invited having changed
    (before: issued anew, «Siden brevet vårt fra 22. november 2026 er det endret hvem som er
    invitert til det felles møtet», to be sent again). (Who is invited is kept by the
    parents' roles in the export, not its words: the same in nynorsk.)"""
    _made_and_marked(workspace)
    folder = workspace.case_folder(CASE)
    before = {name: docx_text(folder / name) for name in (MOTHER, FATHER)}
    case = _case(True, exported="2026-11-23")
    case["foreldre"].reverse()
    workspace.drop("sak2.json", case)
    assert workspace.run(NEXT_DAY).files_failed == 0
    assert {name: docx_text(folder / name) for name in (MOTHER, FATHER)} == before
    assert {name: _dates(workspace)[name] for name in (MOTHER, FATHER)} == {
        MOTHER: TODAY, FATHER: TODAY}
    assert {f"{CASE}/{MOTHER}", f"{CASE}/{FATHER}"} <= _marked(workspace)


def _as_kept_by_places(workspace) -> None:
    """The information letters' issues as the release before this one kept them: who else
    is invited by the parents' places in the export (informasjonsbrev.
    OTHERS_INVITED_BEFORE) only, not by their roles."""
    state = _state(workspace)
    kept = json.loads(state.read_text(encoding="utf-8"))
    now = f"part.samtaler[].{informasjonsbrev.OTHERS_INVITED}="
    for name in (MOTHER, FATHER):
        entry = kept[name]
        assert now in entry["fields"] and OTHERS_INVITED_BEFORE in entry["fields"]
        entry["fields"] = " ".join(f for f in entry["fields"].split() if not f.startswith(now))
        entry["dates"] = {what.replace(informasjonsbrev.OTHERS_INVITED,
                                       informasjonsbrev.OTHERS_INVITED_BEFORE): digest
                          for what, digest in entry["dates"].items()}
    state.write_text(json.dumps(kept), encoding="utf-8")


OTHERS_INVITED_BEFORE = f"part.samtaler[].{informasjonsbrev.OTHERS_INVITED_BEFORE}="


def test_the_first_runs_on_a_state_kept_by_places_keep_letters_of_parents_reordered(workspace):
    """Release day on what a41bd92 kept (its own digests: who else is invited by the other
    parent's place, «2 far»), the next export listing the father first: both parents'
    information letters keep «Vår dato: 22. november 2026» and their mark as sent, and say
    nothing of replacing a letter, that day and on the next run (before: the next run
    dated both anew, «Dette brevet erstatter brevet vårt fra 22. november 2026», to be sent
    again, as «1 far» was not «2 far»). The father declining still issues the mother's
    letter anew."""
    _as_the_release_before_kept_it(workspace, KEPT_BY_PLACES)
    folder = workspace.case_folder(CASE)
    reordered = _case(True, exported="2026-11-23")
    reordered["foreldre"].reverse()
    for day, export in ((NEXT_DAY, "sak2.json"), (NEXT_DAY + timedelta(days=3), "sak3.json")):
        workspace.drop(export, {**reordered, "eksportert": day.isoformat()})
        assert workspace.run(day).files_failed == 0
        for name in (MOTHER, FATHER):
            text = docx_text(folder / name)
            assert ISSUED in text and not any(said in text for said in REPLACES_ANY), name
            assert _dates(workspace)[name] == TODAY, name
        assert {f"{CASE}/{MOTHER}", f"{CASE}/{FATHER}"} <= _marked(workspace)

    workspace.drop("sak4.json", {**_case(False, exported="2026-11-27")})
    workspace.run(NEXT_DAY + timedelta(days=4))
    text = docx_text(folder / MOTHER)
    assert "Vår dato:\t27. november 2026" in text and INVITED_ONLY["bokmal"] in text.splitlines()


@pytest.mark.parametrize("reverse, declines", [(True, False), (False, True)],
                         ids=["parents-in-another-order", "father-declines"])
def test_a_letter_the_release_before_kept_keeps_its_issue_or_follows_a_decline(
        workspace, monkeypatch, reverse, declines):
    """Letters kept by the release before, who else is invited by the parents' places: the
    first run of this release keeps them when the export lists the parents in another
    order, and issues the mother's letter anew when the father declines."""
    _made_and_marked(workspace)
    _as_kept_by_places(workspace)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    folder = workspace.case_folder(CASE)
    case = _case(not declines, exported="2026-11-23")
    if reverse:
        case["foreldre"].reverse()
    workspace.drop("sak2.json", case)
    assert workspace.run(NEXT_DAY).files_failed == 0
    text = docx_text(folder / MOTHER)
    if declines:
        assert REISSUED in text and ALONE in text and WITH_FATHER not in text
        assert f"{CASE}/{MOTHER}" not in _marked(workspace)
    else:
        assert ISSUED in text and REPLACES not in text and WITH_FATHER in text
        assert {f"{CASE}/{MOTHER}", f"{CASE}/{FATHER}"} <= _marked(workspace)


def test_a_parent_who_declined_and_accepts_again_is_sent_the_letter_made_anew(workspace):
    """The father's information letter marked as sent on 22 November; he declines on the
    23rd (his letter is withdrawn) and accepts again on the 24th: the letter made for him
    then lists other dates than the one he has, so it is to be sent (Sendt empty), not
    taken as sent by the mark on the letter withdrawn."""
    _made_and_marked(workspace)
    folder = workspace.case_folder(CASE)
    first = docx_text(folder / FATHER)
    workspace.drop("sak2.json", _case(False, exported="2026-11-23"))
    assert workspace.run(NEXT_DAY).files_failed == 0
    workspace.drop("sak3.json", _case(True, exported="2026-11-24"))
    assert workspace.run(NEXT_DAY + timedelta(days=1)).files_failed == 0
    now = docx_text(folder / FATHER)
    assert "Vår dato:\t24. november 2026" in now and now != first
    assert f"{CASE}/{FATHER}" not in _marked(workspace)


WHO_COMES = {"bokmal": ("Du, faren til Sofie, fosterforeldrene og jeg",
                        "Du, moren til Sofie, fosterforeldrene og jeg"),
             "nynorsk": ("Du, faren til Sofie, fosterforeldra og eg",
                         "Du, mora til Sofie, fosterforeldra og eg")}
"""Who comes to the joint meeting, as the mother's and the father's invitation name them:
the reader first, then the other parent (fellesmote._parents_named)."""
REPLACES_ANY = ("Dette brevet erstatter", "Dette brevet erstattar")


def _invitations(workspace) -> dict[str, str]:
    """The joint meeting's invitations to the parents (in the case's standard's folder
    names), by their name in the case folder -> their text."""
    folder = workspace.case_folder(CASE)
    return {path.relative_to(folder).as_posix(): docx_text(path)
            for path in folder.glob("*/Felles møte/Felles møte - *.docx")
            if path.stem.endswith(("mor", "far"))}


def _joint_meeting_made(workspace, case: dict) -> dict[str, str]:
    """Every letter of the year made on TODAY from this export and marked as sent: the
    joint meeting's invitations to the parents (_invitations)."""
    workspace.whole_year()
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    rows = load_workbook(workspace.outbox / LIST).worksheets[0].iter_rows(values_only=True)
    listed = {row[2] for row in rows if len(row) > 7 and str(row[2]).startswith(f"{CASE}/")}
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))
    invitations = _invitations(workspace)
    assert len(invitations) == 2
    assert {f"{CASE}/{name}" for name in invitations} <= _marked_in_either(workspace)
    return invitations


def _marked_in_either(workspace) -> set[str]:
    """The documents marked as sent on the list, in either standard (its header is the
    standard's own: _marked reads the bokmål one)."""
    rows = load_workbook(workspace.outbox / LIST).worksheets[0].iter_rows(values_only=True)
    return {row[2] for row in rows if len(row) > 7 and row[2] and row[7]}


def _kept_as_issued(workspace, before: dict[str, str]) -> None:
    """Each invitation reads word for word as before, is dated 22 November still, replaces
    no letter and keeps its mark as sent."""
    assert _invitations(workspace) == before
    dates = _dates(workspace)
    for name, text in before.items():
        assert ISSUED in text and not any(said in text for said in REPLACES_ANY), name
        assert dates[name] == TODAY, name
    assert {f"{CASE}/{name}" for name in before} <= _marked_in_either(workspace)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("father_first", [False, True], ids=["mother-first", "father-first"])
def test_parents_listed_in_another_order_issue_no_joint_meeting_invitation_anew(
        workspace, malform, father_first):
    """The next export lists the parents in the other order, nothing else changed: the
    parents' invitations to the joint meeting name the same people in the same order
    (the reader first: «Du, faren til Sofie, …»), keep their «Vår dato» and their mark as
    sent (before: issued anew, «Noe i brevet er endret siden brevet vårt fra 22. november
    2026», only as «Du, faren til Sofie, …» became «Faren til Sofie, du, …»)."""
    workspace.in_malform(malform)
    case = _case(True)
    if father_first:
        case["foreldre"].reverse()
    before = _joint_meeting_made(workspace, case)
    to_mother, to_father = WHO_COMES[malform]
    (mother,) = [text for name, text in before.items() if name.endswith(" - mor.docx")]
    (father,) = [text for name, text in before.items() if name.endswith(" - far.docx")]
    assert to_mother in mother.splitlines() and to_father in father.splitlines()

    case = _case(True, exported="2026-11-23")
    if not father_first:
        case["foreldre"].reverse()
    workspace.drop("sak2.json", case)
    assert workspace.run(NEXT_DAY).files_failed == 0
    _kept_as_issued(workspace, before)


def _in_the_exports_order(ctx, reader) -> list[str]:
    """The parents as the release before this one (a41bd92) named them in a letter to one
    of them: in the export's order, the reader («du») in their place."""
    return [ctx.t("hvem.du") if m.get("forelder") == reader
            else the_other_parent(ctx, ctx.case.foreldre[m["forelder"]])
            for m in recipients(ctx, "foreldre") if m.get("hvem")]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("swapped", [False, True], ids=["same-order", "other-order"])
def test_invitations_the_release_before_issued_keep_their_order_date_and_mark(
        workspace, monkeypatch, malform, swapped):
    """Release day. The release before named the parents in the export's order: the
    father's invitation «Moren til Sofie, du, fosterforeldrene og jeg». The first run of
    this release, on the same export or one listing the parents in the other order, makes
    each invitation again naming them as it was issued, dated 22 November, its mark as sent
    kept, no «(ny versjon)» (the order is read from the digest the issue kept of who comes:
    fellesmote._as_issued). A letter made for the first time names the reader first."""
    workspace.in_malform(malform)
    monkeypatch.setattr(fellesmote, "_parents_named", _in_the_exports_order)
    before = _joint_meeting_made(workspace, _case(True))
    (father,) = [text for name, text in before.items() if name.endswith(" - far.docx")]
    assert WHO_COMES[malform][1] not in father.splitlines()  # «Moren til Sofie, du, …»

    monkeypatch.undo()
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    case = _case(True, exported="2026-11-23")
    if swapped:
        case["foreldre"].reverse()
    workspace.drop("sak2.json", case)
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    _kept_as_issued(workspace, before)

    # The father declines: the mother's invitation is issued anew, naming who comes now.
    workspace.drop("sak3.json", _case(False, exported="2026-11-24"))
    assert workspace.run(NEXT_DAY + timedelta(days=1)).files_failed == 0
    (mother,) = [text for name, text in _invitations(workspace).items()
                 if name.endswith(" - mor.docx")]
    assert "Vår dato:\t24. november 2026" in mother
    assert not any(line.startswith(("Du, faren", "Faren")) for line in mother.splitlines())


def _declined_unsent_then(workspace, case: dict) -> str:
    """Both letters made and marked as sent on 22 November; the father declines on the
    23rd (the mother's letter issued anew that day, never marked as sent); then this export
    on the 24th: the mother's letter as made then."""
    _made_and_marked(workspace)
    workspace.drop("sak2.json", _case(False, exported="2026-11-23"))
    assert workspace.run(NEXT_DAY).files_failed == 0
    assert "Vår dato:\t23. november 2026" in docx_text(workspace.case_folder(CASE) / MOTHER)
    assert f"{CASE}/{MOTHER}" not in _marked_in_either(workspace)
    workspace.drop("sak3.json", case)
    assert workspace.run(NEXT_DAY + timedelta(days=1)).files_failed == 0
    return docx_text(workspace.case_folder(CASE) / MOTHER)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_never_sent_is_not_named_as_replaced_when_the_parent_accepts_again(
        workspace, malform):
    """The father accepts again on the 24th: the mother has the letter of 22 November, which
    names him as invited, as her letter does again. It says nothing of replacing the letter
    of 23 November she never got (before: «Siden brevet vårt fra 23. november 2026 er det
    endret hvem som er invitert …», listed to send), and her letter is not to send again."""
    workspace.in_malform(malform)
    text = _declined_unsent_then(workspace, _case(True, exported="2026-11-24"))
    assert WITH_FATHER in text or "Felles møte med faren til Sofie og fosterforeldra" in text
    assert not any(said in text for said in REPLACES_ANY)
    assert "23. november 2026" not in text
    assert f"{CASE}/{MOTHER}" in _marked_in_either(workspace)


def test_a_letter_replacing_one_never_sent_names_the_letter_its_reader_has(workspace):
    """The father has declined (the mother's letter of 23 November never sent) and her next
    conversation is cancelled on the 24th: her letter says her dates changed since the
    letter of 22 November she has, not since one of 23 November."""
    case = _case(False, exported="2026-11-24")
    case["samtaler"].append({"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0,
                             "dato": "2026-11-24", "status": "avlyst"})
    text = _declined_unsent_then(workspace, case)
    assert "Det er endringer i datoene siden brevet vårt fra 22. november 2026." in text
    assert "23. november 2026" not in text
    assert f"{CASE}/{MOTHER}" not in _marked(workspace)


OPENING_NOW = ("Jeg inviterer deg{% if fellesmote.andre_foreldre %} og "
               "{{ fellesmote.andre_foreldre }}{% endif %} til et felles møte med "
               "{% if fosterfamilie.en_fosterforelder %}{{ fosterfamilie.navn }}, som "
               "{{ barn.fornavn }} bor hos,{% else %}fosterforeldrene"
               "{% if not fellesmote.andre_foreldre %} til {{ barn.fornavn }}{% endif %}"
               "{% endif %}")
OPENING_BEFORE = ("Jeg inviterer deg til et felles møte med "
                  "{% if fosterfamilie.en_fosterforelder %}{{ fosterfamilie.navn }}, som "
                  "{{ barn.fornavn }} bor hos,{% else %}fosterforeldrene til "
                  "{{ barn.fornavn }}{% endif %}")
"""A parent's invitation to the joint meeting as it opens now, and as the release before
opened it (not naming the other parent invited)."""


def test_invitations_issued_before_the_opening_named_the_other_parent_keep_date_and_mark(
        workspace, monkeypatch):
    """Release day: the parents' invitations issued by the release before, opening «Jeg
    inviterer deg til et felles møte med fosterforeldrene til Sofie og meg», are made again
    naming the father in the mother's opening, dated 22 November still, their mark as
    sent kept, no «(ny versjon)»."""
    template = workspace.own_templates() / "nb" / "fellesmote.docx"
    _reworded(template, OPENING_NOW, OPENING_BEFORE)
    before = _joint_meeting_made(workspace, _case(True))
    (mother,) = [name for name in before if name.endswith(" - mor.docx")]
    assert "Jeg inviterer deg til et felles møte med fosterforeldrene til Sofie" in before[
        mother]
    _reworded(template, OPENING_BEFORE, OPENING_NOW)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    now = _invitations(workspace)
    assert "Jeg inviterer deg og faren til Sofie til et felles møte med fosterforeldrene og " \
           "meg." in now[mother]
    dates = _dates(workspace)
    assert {name: dates[name] for name in before} == dict.fromkeys(before, TODAY)
    assert all(ISSUED in text and not any(said in text for said in REPLACES_ANY)
               for text in now.values())
    assert {f"{CASE}/{name}" for name in before} <= _marked_in_either(workspace)
