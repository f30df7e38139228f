"""The joint meeting's letter says the talks it builds on as its reader has them on the day
it is dated: issued weeks ahead, as a rule, «som du og fosterforeldrene har med meg hver for
seg»; issued after those talks' days (a case that came late, a meeting moved), «… bygger
videre på samtalene om «Samvær og samarbeid» med deg og fosterforeldrene hver for seg»,
neither «har» nor «har hatt», whether or not the journal has them as held (helpers 194,
198, 200). As of the day it was issued: a letter kept says what it said."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts

TALKS = {"bokmal": "som du og fosterforeldrene har med meg hver for seg.",
         "nynorsk": "som du og fosterforeldra har med meg kvar for seg."}
# The example case's joint meeting comes after theme 2 with the mother (4 January 2027),
# the father (5 January) and the foster family (2 December 2026).


def _held_as_planned(today: date, status: str = "gjennomfort") -> dict:
    """The example case exported on today, its theme 2 talks before then held on their day
    (status), or in the journal still as planned then ("planlagt")."""
    case = canonical_case(eksportert=today.isoformat())
    for entry in ({"part": "foreldre", "forelder": 0, "dato": "2027-01-04"},
                  {"part": "foreldre", "forelder": 1, "dato": "2027-01-05"},
                  {"part": "fosterfamilien", "dato": "2026-12-02"}):
        if date.fromisoformat(entry["dato"]) < today:
            case["samtaler"].append({**entry, "tema": 2, "status": status})
    return case


def _mothers_letter(tmp_path, malform: str, today: date) -> str:
    ctx = case_context(_held_as_planned(today), today=today).in_malform(malform)
    assert ctx.plan.joint_meeting.dato > today
    letters = texts(ctx, "fellesmote", tmp_path / f"{malform}-{today}")
    return " ".join(next(text for name, text in letters.items() if "mor" in name).split())


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_issued_before_them_says_they_are_to_come(tmp_path, malform):
    for today in (date(2026, 11, 22), date(2027, 1, 5)):  # the father's talk that day
        assert TALKS[malform] in _mothers_letter(tmp_path, malform, today)


def test_a_letter_kept_says_what_it_said_when_the_talks_are_had(workspace):
    """Issued weeks ahead («har med meg»), the letter is not made again once the talks are
    held: it keeps its date and its words, as the family has it."""
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    mother = next(workspace.case_folder("2026-0412").rglob("Felles møte - mor.docx"))
    before = " ".join(docx_text(mother).split())
    assert TALKS["bokmal"] in before and "22. november 2026" in before

    later = date(2027, 1, 7)
    workspace.drop("sak.json", _held_as_planned(later))
    assert workspace.run(later).files_failed == 0
    assert " ".join(docx_text(mother).split()) == before


NOT_REGISTERED = {
    "bokmal": ("Møtet bygger videre på samtalene om «Samvær og samarbeid» med {} hver for seg.",
               "deg og fosterforeldrene", "dere og foreldrene til Sofie"),
    "nynorsk": ("Møtet byggjer vidare på samtalane om «Samvær og samarbeid» med {} kvar for seg.",
                "deg og fosterforeldra", "dykk og foreldra til Sofie"),
}


@pytest.mark.parametrize("status", ["gjennomfort", "planlagt"], ids=["held", "not-registered"])
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_issued_after_the_talks_days_says_what_the_meeting_builds_on(
        tmp_path, malform, status):
    """Their days passed, whether the journal has them as held or still as planned
    (Saksoversikt: «Gjennomført 0»): the letter says neither «har hatt» (helper 198: talks
    the journal did not have as held told as had) nor «har», only what the meeting builds
    on; and so a letter issued so is not issued anew when the journal comes to have them
    as held (helper 200)."""
    today = date(2027, 1, 7)
    ctx = case_context(_held_as_planned(today, status), today=today).in_malform(malform)
    letters = {name: " ".join(text.split())
               for name, text in texts(ctx, "fellesmote", tmp_path).items()}
    mother = next(text for name, text in letters.items() if name.endswith("mor.docx"))
    foster = next(text for name, text in letters.items() if "fosterfamilien" in name)
    said, to_a_parent, to_the_foster_parents = NOT_REGISTERED[malform]
    assert said.format(to_a_parent) in mother
    assert said.format(to_the_foster_parents) in foster
    for text in (mother, foster):
        assert "med meg hver for seg" not in text and "med meg kvar for seg" not in text
