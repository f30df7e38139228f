"""A follow-up visit on a day the contact person has another meeting (a reader's finding, a
nynorsk municipality's first run on 23 November 2026): case 2026-0730's «Oppfølgingsbesøk i
fosterheimen 03.12.2026 08.30–10.00», then the father's conversation at the office at 10.00
with the same contact person. No time to get from the foster home to the office, and the
visit earlier than [schedule] visit_time 09:00. A visit now keeps travel_minutes from the
contact person's other meetings: at visit_time when that leaves the time, else the nearest
time that does, else another day. Read back from «Denne måneden» and the case's calendar."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from .test_caseload import sheet_rows

FIRST_RUN = date(2026, 11, 23)
CASE = "2026-0730"
IN_THE_HOME = ("Barnet:", "Fosterfamilien:")
"""The case's own conversations held in the foster home ([schedule] child_meets_at): a visit
follows them there, with no travel between."""
VISIT = {"bokmal": "Oppfølgingsbesøk i fosterhjemmet",
         "nynorsk": "Oppfølgingsbesøk i fosterheimen"}


def _span(day: datetime, tid: str) -> tuple[datetime, datetime]:
    begins, ends = (datetime.combine(day.date(), datetime.strptime(t, "%H.%M").time())
                    for t in tid.split("–"))
    return begins, ends


def _calendar(workspace) -> dict[str, list[tuple[datetime, datetime]]]:
    """The case's calendar file: each event's summary with its start and end."""
    [path] = (workspace.outbox / CASE).glob("*/*.ics")
    text = path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")
    found: dict[str, list[tuple[datetime, datetime]]] = {}
    for event in text.split("BEGIN:VEVENT")[1:]:
        summary = re.search(r"SUMMARY:(.*)", event).group(1).strip()
        start, end = (datetime.strptime(re.search(rf"{key}[^:]*:(\d{{8}}T\d{{4}})", event)
                                        .group(1), "%Y%m%dT%H%M") for key in ("DTSTART", "DTEND"))
        found.setdefault(summary, []).append((start, end))
    return found


@pytest.mark.parametrize(("malform", "sheet", "what"), [
    ("bokmal", "Denne måneden", "Hva"), ("nynorsk", "Denne månaden", "Kva")])
def test_a_visit_leaves_an_hour_to_and_from_the_contact_persons_other_meetings(
        workspace, malform, sheet, what):
    workspace.in_malform(malform)
    workspace.drop_example("vendor-acos-kontaktrapport.xml")
    assert workspace.run(FIRST_RUN).files_failed == 0
    rows = sheet_rows(workspace.outbox / "Saksoversikt.xlsx", sheet, 6)
    person = {r["Sak"]: r["Kontaktperson"] for r in rows}
    visits = [r for r in rows if r["Sak"] == CASE and r[what] == VISIT[malform]]
    assert visits
    calendar = _calendar(workspace)[f"Omsorgspakken: {VISIT[malform]} ({CASE})"]
    for visit in visits:
        begins, ends = _span(visit["Dato"], visit["Tid"])
        others = [_span(r["Dato"], r["Tid"]) for r in rows
                  if r is not visit and r["Dato"] == visit["Dato"]
                  and person[r["Sak"]] == person[CASE]
                  and not (r["Sak"] == CASE and r[what].startswith(IN_THE_HOME))]
        for b, e in others:
            assert e + timedelta(hours=1) <= begins or ends + timedelta(hours=1) <= b, \
                (visit, others)
        if others:  # the configured time, unless the hour to or from them is not left then
            at_nine = datetime.combine(begins.date(), datetime.min.time()) + timedelta(hours=9)
            assert begins == at_nine or any(
                b - timedelta(hours=1) < at_nine + (ends - begins) and at_nine < e + timedelta(
                    hours=1) for b, e in others)
        assert (begins, ends) in calendar  # the calendar as the overview
