"""One name for one parent in the case folder: every document of a parent's own (letters,
invitations, minutes, final evaluation, joint-meeting letter) ends in the role the journal
gives ("mor", "far"), or in "forelder N" when it gives none; never in a name."""

from __future__ import annotations

import json
from datetime import date, timedelta

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import KINDS as DOCUMENT_KINDS
from .doc_helpers import case_context, render
from .test_sending import _to_send

KINDS = ("informasjonsbrev", "innkalling", "referat", "sluttevaluering", "fellesmote")


def names(case, tmp_path, **documents) -> dict[str, str]:
    """Every parent's own document in the case folder: its path -> its text."""
    ctx = case_context(case, **documents)
    found = {}
    for kind in KINDS:
        for name, path in render(ctx, kind, tmp_path / kind).items():
            found[name] = docx_text(path)
    return found


def ending(name: str) -> str:
    return name.rsplit(" - ", 1)[-1].removesuffix(".docx") if " - " in name else ""


def test_each_parents_documents_carry_their_role(tmp_path):
    docs = names(canonical_case(), tmp_path)
    assert not [n for n in docs if "forelder" in n.lower()]
    for role, name in (("mor", "Camilla Lindqvist"), ("far", "Ahmad Hansen")):
        own = {n for n in docs if ending(n) == role}
        assert {n.split("/")[0].split(" - ")[0] for n in own} >= {
            "02 Informasjonsbrev til foreldre", "03 Sluttevaluering", "Innkallinger",
            "Referater"}, role
        assert f"Innkallinger/Felles møte/Felles møte - {role}.docx" in own
        letter = docs[f"02 Informasjonsbrev til foreldre - {role}.docx"]
        assert name in letter
    # No name of a person in a file name.
    for n in docs:
        for person in ("Camilla", "Lindqvist", "Ahmad", "Hansen", "Sofie"):
            assert person not in n


def test_a_parent_without_a_role_is_numbered_in_every_document(tmp_path):
    case = canonical_case()
    case["foreldre"][1]["rolle"] = None
    docs = names(case, tmp_path)
    endings = {ending(n) for n in docs if "Foreldre" in n or n.startswith("02 ")
               or "Felles møte" in n}
    assert {"mor", "forelder 2"} <= endings and "far" not in endings
    assert "forelder 1" not in endings
    father = [n for n in docs if ending(n) == "forelder 2"]
    assert "02 Informasjonsbrev til foreldre - forelder 2.docx" in father
    assert any(n.startswith("Referater/Foreldre/") for n in father)
    assert all("Ahmad Hansen" in docs[n] for n in father if n.startswith(("02", "Innk")))


def test_two_parents_with_the_same_role_are_numbered_and_no_file_is_made_twice(tmp_path):
    case = canonical_case()
    case["foreldre"][1]["rolle"] = "Mor"
    ctx = case_context(case)
    for kind in KINDS:
        made = [str(d.path) for d in DOCUMENT_KINDS[kind].documents(ctx)]
        assert len(made) == len(set(made)), kind
    docs = names(case, tmp_path)
    endings = {ending(n) for n in docs if n.startswith("02 ")}
    assert endings == {"forelder 1", "forelder 2"}


def test_nynorsk_names_the_parents_the_same_way(tmp_path):
    case = canonical_case()
    case["foreldre"][1]["rolle"] = None
    ctx = case_context(case).in_malform("nynorsk")
    letters = render(ctx, "informasjonsbrev", tmp_path)
    assert sorted(letters) == ["02 Informasjonsbrev til foreldre - forelder 2.docx",
                               "02 Informasjonsbrev til foreldre - mor.docx"]


def _as_the_old_version_left_it(workspace) -> None:
    """The outbox and issue dates as a version that numbered parents' letters left them:
    '- forelder 1' for the mother, '- forelder 2' for the father."""
    old = {" - mor.": " - forelder 1.", " - far.": " - forelder 2."}
    folder = workspace.case_folder("2026-0412")
    for path in folder.glob("02 *.docx"):
        for new, former in old.items():
            if new in path.name:
                path.rename(path.with_name(path.name.replace(new, former)))
    for kept in (workspace.state / "issued").glob("*.json"):
        dates = json.loads(kept.read_text(encoding="utf-8"))
        renamed = {}
        for key, value in dates.items():
            for new, former in old.items():
                if key.startswith("02 "):
                    key = key.replace(new, former)
            renamed[key] = value
        kept.write_text(json.dumps(renamed), encoding="utf-8")
    for made in (workspace.state / "rendered").glob("*.json"):  # a new version redoes all
        made.unlink()


def test_an_upgrade_keeps_the_day_a_renamed_letter_was_made(workspace):
    # A case first exported late to a running service: its information letters are made
    # today and listed to send within a week (tests/test_late_letter.py).
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    _as_the_old_version_left_it(workspace)
    later = TODAY + timedelta(days=3)
    workspace.drop("sak.json", canonical_case(eksportert=later.isoformat()))  # the next export
    workspace.run(later)
    folder = workspace.case_folder("2026-0412")
    letters = sorted(p.name for p in folder.glob("02 *.docx"))
    # The letters under their new names; the old files are left where they were.
    assert letters == ["02 Informasjonsbrev til foreldre - far.docx",
                       "02 Informasjonsbrev til foreldre - forelder 1.docx",
                       "02 Informasjonsbrev til foreldre - forelder 2.docx",
                       "02 Informasjonsbrev til foreldre - mor.docx"]
    rows = [r for r in _to_send(workspace) if "Informasjonsbrev" in r[2]]
    # Listed once each, under the new name, still to send by the week after they were
    # first made: not as letters made today.
    assert sorted(r[2] for r in rows) == ["2026-0412/02 Informasjonsbrev til foreldre - far.docx",
                                          "2026-0412/02 Informasjonsbrev til foreldre - mor.docx"]
    # «Send innen» is the day each was due by, as the first list showed it (kept, not moved
    # on to the day of the run: a late letter shows as late, helper 312); the day first
    # made shows in how long they stay listed: 21 days from the 22nd. The mother's letter
    # names her first conversation, 23 November, passed by now, and its note says so.
    by_parent = {r[1]: r for r in rows}
    assert by_parent["Forelder (far)"][4].date() == date(2026, 11, 23) < later, rows
    mother = by_parent["Forelder (mor)"]
    assert mother[4].date() == date(2026, 11, 23), rows
    assert mother[6].startswith("Brevet sier at neste samtale er 23. november 2026, og den "
                                "dagen er passert."), rows
    workspace.run(TODAY + timedelta(days=21))
    assert len([r for r in _to_send(workspace) if "Informasjonsbrev" in r[2]]) == 2
    workspace.run(TODAY + timedelta(days=22))
    # Their days on the list are over: never marked as sent, they stay only to be marked
    # (tests/test_unmarked_information_letter.py), not to send as they are: the
    # conversation each names has passed (tests/test_unmarked_letters_late_in_the_year.py).
    left = [r for r in _to_send(workspace) if "Informasjonsbrev" in r[2]]
    assert len(left) == 2 and all(r[6].startswith("Ikke send:")
                                  and "ikke merket som sendt" in r[6] for r in left), left
