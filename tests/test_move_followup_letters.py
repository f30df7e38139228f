"""The move follow-up's contacts are agreed with the party directly (planning/schedule.py):
their letters confirm what was agreed, with date, time and place and what to do if the time
does not suit, while the themes' letters still invite. No letter heading carries the staff's
contact number ("(kontakt 1)"); the file names and the plan keep it.

Read as the reader opens them (python-docx), in bokmål and in nynorsk, for every kind of
reader: a parent, the foster family, the foster parents of a younger child, an older child.
"""

from __future__ import annotations

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.planning import schedule

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, render
from .test_nynorsk import BOKMAL_ONLY, _words

WORDS = {
    "bokmal": {
        "confirm": ("Som avtalt", "Som vi har avtalt"), "invite": ("inviterer", "Snart skal vi",
                                                                 "Jeg vil gjerne ha"),
        "agreed": ("Bekreftelse på avtalt samtale", "Avtalt samtale med Sofie",
                   "Samtalen vi har avtalt"),
        "invited": ("Invitasjon til samtale", "Samtale med Sofie"),
        "not_suit": "Passer ikke tidspunktet likevel?", "suit": "Passer ikke tidspunktet?",
        "written": ("tid og sted skriftlig", "når og hvor vi møtes"),
    },
    "nynorsk": {
        "confirm": ("Som avtalt", "Som vi har avtalt"), "invite": ("inviterer", "Snart skal vi",
                                                                 "Eg vil gjerne ha"),
        "agreed": ("Stadfesting av avtalt samtale", "Avtalt samtale med Sofie",
                   "Samtalen vi har avtalt"),
        "invited": ("Invitasjon til samtale", "Samtale med Sofie"),
        "not_suit": "Passar ikkje tidspunktet likevel?", "suit": "Passar ikkje tidspunktet?",
        "written": ("tid og stad skriftleg", "når og kvar vi møtest"),
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


@pytest.mark.parametrize("older", [False, True], ids=["younger child", "older child"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_move_follow_up_letter_confirms_what_was_agreed(tmp_path, malform, older):
    w = WORDS[malform]
    letters = _letters(tmp_path, malform, older)
    agreed = {n: v for n, v in letters.items() if "Tema 0 " in n}
    # The child's track (its own letter, or the foster parents'), each parent living apart,
    # and the foster family: the first contact each (the next is made from its day).
    assert len(agreed) == 4
    for name, (heading, text, cells) in agreed.items():
        assert heading.startswith(w["agreed"]), (name, heading)
        assert "kontakt" not in heading and "(" not in heading, (name, heading)
        assert any(s in text for s in w["confirm"]), name
        assert any(s in text for s in w["written"]), name
        assert not any(s in text for s in w["invite"]), name
        assert w["not_suit"] in text, name
        # Date, time and place, as in an invitation.
        assert any(c.startswith("kl. ") for c in cells), name
        assert any("2026" in c for c in cells), name
        assert "(kontakt" in name  # the file name keeps the staff's number
        if malform == "nynorsk":
            assert _words(text) & set(BOKMAL_ONLY) == set(), name


@pytest.mark.parametrize("older", [False, True], ids=["younger child", "older child"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_theme_letter_still_invites(tmp_path, malform, older):
    w = WORDS[malform]
    letters = _letters(tmp_path, malform, older)
    themes = {n: v for n, v in letters.items() if "Tema 0 " not in n}
    assert len(themes) >= 4
    for name, (heading, text, cells) in themes.items():
        assert heading.startswith(w["invited"]), (name, heading)
        assert not heading.startswith(w["agreed"]), (name, heading)
        assert any(s in text for s in w["invite"]), name
        assert not any(s in text for s in w["confirm"] + w["written"]), name
        assert w["suit"] in text and w["not_suit"] not in text, name
        assert any(c.startswith("kl. ") for c in cells), name


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_document_title_says_which_letter_it_is(tmp_path, malform):
    """The title in Word's file properties (and the PDF's): a confirmation or an invitation,
    as the letter's heading; never a name."""
    ctx = case_context(_older_child(canonical_case(samtaler=[], vurderinger=[])))
    titles = {name: open_docx(str(path)).core_properties.title for name, path in render(
        ctx.in_malform(malform), "innkalling", tmp_path).items()}
    agreed = {n: title for n, title in titles.items() if "Tema 0 " in n}
    assert len(agreed) == 4 and set(agreed.values()) == {WORDS[malform]["agreed"][0]}
    assert {title for n, title in titles.items() if n not in agreed} == {
        "Invitasjon til samtale"}


def test_the_first_contact_is_not_a_new_one_and_the_second_is(tmp_path):
    """At the start, the first contact; in the example case (one contact held), the next."""
    for case, number, words in ((None, 1, "en samtale"), (canonical_case(), 2, "en ny samtale")):
        letters = _letters(tmp_path / str(number), "bokmal", older=False, case=case)
        parent = [(h, t) for n, (h, t, _) in letters.items()
                  if n.startswith("Innkallinger/Foreldre/") and f"(kontakt {number})" in n]
        assert len(parent) == 2  # mother and father, who live apart
        for heading, text in parent:
            assert heading == "Bekreftelse på avtalt samtale – Oppfølging i flytteprosessen"
            assert f"Som avtalt møtes vi til {words} om deg og Sofie." in text


def test_the_letter_follows_the_planner_on_what_is_arranged_directly():
    """The confirmation and the planner's shorter notice come from one rule."""
    assert schedule.arranged_directly(0)
    assert not any(schedule.arranged_directly(tema) for tema in range(1, 7))
    ctx = case_context(canonical_case(samtaler=[], vurderinger=[]))
    for conv in ctx.plan.conversations:
        assert ctx.samtale_context(conv)["avtalt"] is (conv.tema == 0)


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
