"""The dates the programme sets must not meet the journal's (docs/planning.md «Travel time and
dates planned before»). A date planned and kept, whose invitation may have gone out, that a
later export puts another meeting of the case's on (a follow-up visit planned that day
without a time, another party's conversation at the same time) stays, and the plan, the
case's overview and Saksoversikt's Avvik say so; one whose invitation is not made yet is
planned anew. A visit the journal has planned without a time takes the contact person's
working day. A conversation the journal has on video or the telephone needs no travel."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from .conftest import TODAY, docx_text, xlsx_rows
from .test_bookings import case
from .test_two_offices_travel import FJELLVIK, _minutes, _office_meetings

A, B = "2026-0801", "2026-0802"
LATER = date(2026, 11, 30)
"""The day of the second export: the themes of 21 and 22 December have (or may have) had
their invitations made (invitation_days_before, and a week); those of January have not."""
VISIT_NOTE = ("samtalen 21. desember 2026 kl. {kl} er samme dag som et oppfølgingsbesøk i "
              "fosterhjemmet som fagsystemet har uten klokkeslett. Innkallingen kan allerede "
              "være sendt, så datoen er ikke flyttet")


def _rows(workspace, journalnummer: str = A) -> list[tuple]:
    rows = xlsx_rows(workspace.case_folder(journalnummer) / "04 Oppfølgingsoversikt.xlsx",
                     "Samtaler")
    return [(r[0], r[1], r[3].date(), r[4]) for r in rows
            if r[5] == "Planlagt" and isinstance(r[3], datetime)]


def _exported_again(workspace, **changes) -> None:
    workspace.drop("a.json", case(A))
    assert workspace.run().files_failed == 0
    workspace.drop("a2.json", {**case(A), "eksportert": "2026-11-29", **changes})
    assert workspace.run(LATER).files_failed == 0


def _avvik(workspace) -> list[str]:
    return [r[2] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
            if r and r[0] == A and isinstance(r[2], str)]


@pytest.mark.parametrize("form", ["video", "telefon", None])
def test_a_conversation_on_video_needs_no_travel(workspace, form):
    """The journal has the foster family's first move follow-up contact on 25 November at
    12.00, on video: the father's at the office keeps its usual 10.00, with no hour to travel
    to the foster home; met there (no form given), it is at 09.30. The plan says where."""
    contact = {"part": "fosterfamilien", "tema": 0, "nummer": 1, "dato": "2026-11-25",
               "klokkeslett": "12:00", "status": "planlagt"}
    workspace.drop("a.json", {**case(A), "samtaler": [
        {**contact, **({"motform": form} if form else {})}]})
    assert workspace.run().files_failed == 0
    father = ("Foreldre (far)", "Flytting", date(2026, 11, 25))
    assert (*father, "10.00–11.30" if form else "09.30–11.00") in _rows(workspace)
    plan = docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx")
    assert ("25. november 2026\n12.00–13.30\nDigitalt\n" in plan) == bool(form)


def test_an_office_booked_by_the_release_before_keeps_the_travel_time(workspace):
    """B, of Fjellvik with its own office, was booked by the release before, which marked
    no office: A, of the service's own office, planned after it keeps the travel time from
    B's meetings at Fjellvik's office, which B's stored case tells."""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(FJELLVIK)
    workspace.drop("b.json", {**case(B), "kommunenummer": "4601"})
    assert workspace.run().files_failed == 0
    for path in (workspace.state / "bookings").glob("*.json"):
        held = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({k: [s[:3] if s[3:4] == ["kontor"] else s for s in v]
                                    for k, v in held.items()}), encoding="utf-8")
    workspace.drop("a.json", case(A))
    assert workspace.run(TODAY).files_failed == 0
    here, there = _office_meetings(workspace, A), _office_meetings(workspace, B)
    both = sorted(set(here) & set(there))
    assert both
    for day in both:
        for b1, e1 in here[day]:
            for b2, e2 in there[day]:
                assert _minutes(e1) + 60 <= _minutes(b2) or _minutes(e2) + 60 <= _minutes(b1), \
                    (day, here[day], there[day])
