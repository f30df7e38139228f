"""A case that leaves the programme (the journal ends its placement) frees its contact
person's times, and the plans of their other cases that said a kept date of theirs was on
or beside one of its meetings are made again in the same run: the note about a case no
longer in the service is gone at once, not kept until that plan is next made for another
reason (planning/bookings.py release, docs/planning.md «Cases that leave the programme»)."""

from __future__ import annotations

import pytest

from .conftest import docx_text
from .test_bookings import OTHER, case
from .test_kept_travel import LATER, A, B, _elsewhere

SAID = {
    "bokmal": ("Fosterfamilien, flyttesamtale (kontakt 1): 24. november 2026 kl. 12.00 har "
               "kontaktpersonen en avtale i en annen sak et annet sted kl. 10.00–11.30"),
    "nynorsk": ("Fosterfamilien, flyttesamtale (kontakt 1): 24. november 2026 kl. 12.00 har "
                "kontaktpersonen ein avtale i ei anna sak ein annan stad kl. 10.00–11.30"),
}


def _a_plan(workspace) -> list[str]:
    return docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx").splitlines()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_case_that_leaves_takes_the_other_plans_note_on_it_with_it(workspace, malform):
    """As in test_kept_travel: B comes to Ingrid with its mother at the office 10.00 on 24
    November, A's foster family in their home at 12.00; both dates kept, A's plan says so.
    The same day, B's next export ends its placement that day: A, in no export, has its
    plan made again in that run, without the note."""
    workspace.in_malform(malform)
    workspace.drop("a.json", case(A))
    workspace.drop("b.json", _elsewhere(B, OTHER, "2026-11-19"))
    assert workspace.run().files_failed == 0
    workspace.drop("b2.json", {**_elsewhere(B, None, "2026-11-19"),
                               "eksportert": LATER.isoformat()})
    assert workspace.run(LATER).files_failed == 0
    assert [line for line in _a_plan(workspace) if line.startswith(SAID[malform])]

    ended = _elsewhere(B, None, "2026-11-19")
    ended["plassering"] = {**ended["plassering"], "sluttdato": LATER.isoformat()}
    workspace.drop("b3.json", {**ended, "eksportert": LATER.isoformat()})
    assert workspace.run(LATER).files_failed == 0
    plan = _a_plan(workspace)
    assert not [line for line in plan if line.startswith(SAID[malform])]
    assert not [line for line in plan if "annen sak" in line or "anna sak" in line]
