"""One inter-municipal service, several offices: a municipality with a visiting address of
its own ([kommuner."NNNN"] besoksadresse) meets its parents there, and the contact person
needs [schedule] travel_minutes between that office and the service's own, as between the
office and a foster home. Meetings at two offices the same day were planned with no time
between them, as if the two were one place (planning/bookings.py busy,
docs/planning.md «Travel time and dates planned before»)."""

from __future__ import annotations

from datetime import date, datetime, time

from omsorgspakke_docs.config import Schedule

from .conftest import docx_text, xlsx_rows
from .test_bookings import case

A, B = "2026-0801", "2026-0802"
OFFICE_PARTIES = ("Foreldre", "Felles møte")
"""The parties met at the office (the parents, the joint meeting)."""
FJELLVIK = ('\n[kommuner."4601"]\nnavn = "Barnevernstjenesten i Fjellvik"\n'
            'kommunenavn = "Fjellvik kommune"\nadresse = "Postboks 40"\npostnummer = "6899"\n'
            'poststed = "Fjellvik"\nbesoksadresse = "Tunvegen 2, 6899 Fjellvik"\n'
            'telefon = "57 00 40 00"\nepost = "barnevern@fjellvik.kommune.example"\n')


def _office_meetings(workspace, journalnummer: str) -> dict[date, list[tuple[time, time]]]:
    rows = xlsx_rows(workspace.case_folder(journalnummer) / "04 Oppfølgingsoversikt.xlsx",
                     "Samtaler")
    days: dict[date, list[tuple[time, time]]] = {}
    for row in rows:
        if row[5] == "Planlagt" and isinstance(row[3], datetime) \
                and str(row[0]).startswith(OFFICE_PARTIES):
            begins, ends = (time.fromisoformat(t.replace(".", ":")) for t in row[4].split("–"))
            days.setdefault(row[3].date(), []).append((begins, ends))
    return days


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def _planned(workspace, configured: str = "") -> None:
    """A of the service's own municipality, B of Fjellvik (configured: its office), one
    contact person: both planned on the first day."""
    if configured:
        with workspace.config_file.open("a", encoding="utf-8") as handle:
            handle.write(configured)
    workspace.drop("a.json", case(A))
    workspace.drop("b.json", {**case(B), "kommunenummer": "4601"})
    assert workspace.run().files_failed == 0


def test_meetings_at_two_offices_the_same_day_keep_the_travel_time(workspace):
    _planned(workspace, FJELLVIK)
    travel = Schedule().travel_minutes
    here, there = _office_meetings(workspace, A), _office_meetings(workspace, B)
    both = sorted(set(here) & set(there))
    assert both  # the two cases' parents are met on the same days
    for day in both:
        for b1, e1 in here[day]:
            for b2, e2 in there[day]:
                assert _minutes(e1) + travel <= _minutes(b2) \
                    or _minutes(e2) + travel <= _minutes(b1), (day, here[day], there[day])
    # B's plan names its own office, where its parents are met.
    plan = docx_text(workspace.case_folder(B) / "01 Oppfølgingsplan.docx")
    assert "Tunvegen 2, 6899 Fjellvik" in plan


def test_one_office_needs_no_travel_time(workspace):
    """Without an office of its own, B's parents are met at the service's office, right
    after A's: no travel time between two meetings in one place."""
    _planned(workspace)
    here, there = _office_meetings(workspace, A), _office_meetings(workspace, B)
    assert any(e1 == b2 or e2 == b1 for day in set(here) & set(there)
               for b1, e1 in here[day] for b2, e2 in there[day])
