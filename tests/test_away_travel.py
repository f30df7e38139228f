"""Travel time around conversations held in the foster home ([schedule] child_meets_at), as
around follow-up visits (tests/test_visit_travel.py). A reader's finding in the demo
(«Denne måneden»): Jon Strand had case 2026-0720's parents at the office 10.00–11.30 on
26 November 2026 and case 2026-0721's foster family in their home at 12.00: half an hour to
get there. The one planned later now keeps [schedule] travel_minutes from the other; two
meetings of one case in its foster home the same day need none between them."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from .test_bookings import case
from .test_caseload import sheet_rows
from .test_visit_travel import (
    VISIT_DAY,
    A,
    B,
    _calendar_of,
    _rows,
    _span,
    _two_cases_of_one_contact_person,
)
from .test_visit_travel_upgrade import _without_marks, exported_again_with_some_not_held

FIRST_RUN = date(2026, 11, 23)
OFFICE_CASE, HOME_CASE = "2026-0720", "2026-0721"
IN_THE_HOME = ("Barnet:", "Fosterfamilien:", "Oppfølgingsbesøk")
"""What is held in the foster home ([schedule] child_meets_at = fosterhjemmet, the default)."""


def _demo_month(workspace) -> list[dict]:
    """The demo's cases of the two contact persons' export, planned on the demo's day."""
    workspace.drop_example("vendor-visma-flyt-personer.json")
    assert workspace.run(FIRST_RUN).files_failed == 0
    return sheet_rows(workspace.outbox / "Saksoversikt.xlsx", "Denne måneden", 6)


def test_a_foster_home_conversation_keeps_the_travel_time_from_another_cases_office_one(
        workspace):
    rows = _demo_month(workspace)
    day = [(r["Sak"], r["Hva"], r["Tid"]) for r in rows
           if r["Dato"] == datetime(2026, 11, 26) and r["Kontaktperson"] == "Jon Strand"]
    assert day == [
        (OFFICE_CASE, "Foreldre: Oppfølging i flytteprosessen (kontakt 1)", "10.00–11.30"),
        (HOME_CASE, "Fosterfamilien: Oppfølging i flytteprosessen (kontakt 1)", "12.30–14.00")]
    # Every day of the month: an hour between one contact person's meetings in different
    # places (the office, one case's foster home, another's); none needed in one home.
    for r in rows:
        for o in rows:
            if o is r or o["Dato"] != r["Dato"] or o["Kontaktperson"] != r["Kontaktperson"]:
                continue
            here, there = (x["Hva"].startswith(IN_THE_HOME) for x in (r, o))
            if o["Sak"] == r["Sak"] and here == there:
                continue
            (b1, e1), (b2, e2) = _span(r["Dato"], r["Tid"]), _span(o["Dato"], o["Tid"])
            assert e1 + timedelta(hours=1) <= b2 or e2 + timedelta(hours=1) <= b1, (r, o)


def test_two_conversations_in_one_foster_home_the_same_day_need_no_travel(workspace):
    """Case 2026-0720's foster family at 12.00 and the child at 14.00 on 24 November, in
    their home: the contact person stays, and the child keeps its time (no hour between)."""
    rows = _demo_month(workspace)
    assert [(r["Hva"], r["Tid"]) for r in rows
            if r["Dato"] == datetime(2026, 11, 24) and r["Sak"] == OFFICE_CASE] == [
        ("Fosterfamilien: Oppfølging i flytteprosessen (kontakt 1)", "12.00–13.30"),
        ("Barnet: Oppfølging i flytteprosessen (kontakt 1)", "14.00–15.30")]


def test_a_foster_home_conversation_moved_onto_the_cases_own_visit_follows_it_there(workspace):
    """Case A's visits at 10.30 ([schedule] visit_time), the second 2 March 2027
    10.30–12.00. The export of 20 February 2027 has the foster family's themes 3 and 4 not
    held: the first is moved to 2 March at the foster family's time 12.00, in their home,
    right after the visit there. It was put at 13.00, an hour's travel from its own visit."""
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(
        config.replace("[schedule]\n", '[schedule]\nvisit_time = "10:30"\n')
        if "[schedule]\n" in config else config + '\n[schedule]\nvisit_time = "10:30"\n',
        encoding="utf-8")
    exported_again_with_some_not_held(
        workspace, lambda r: r["part"] == "fosterfamilien" and r["tema"] in (3, 4))
    assert ("20270302T1030", "20270302T1200") in _calendar_of(workspace, A)
    assert [(r[0], r[4]) for r in _rows(workspace, A) if r[3].date() == VISIT_DAY] == [
        ("Fosterfamilien", "12.00–13.30")]


# --- the other way: an office meeting planned after another case's in its foster home -----

HOME_DAY = date(2027, 2, 16)
"""Case A's foster family, in their home 12.00–13.30 (planned on A's first run)."""


@pytest.mark.parametrize("release_before", [False, True])
def test_an_office_conversation_keeps_the_travel_time_from_another_cases_foster_home(
        workspace, release_before):
    """Case A planned first; case B of the same contact person read on 15 February 2027:
    its mother's first move follow-up contact is arranged from the next working day at the
    parents' time 10.00, which ends half an hour before A's foster family in their home. It
    is now at 09.30, the hour's travel kept. Also when A's bookings were kept by the release
    before, without marks, and A is not in the export: A's plan says where it meets."""
    if release_before:
        workspace.drop("a.json", case(A))
        assert workspace.run().files_failed == 0
        _without_marks(workspace)
        b = case(B)
        b["plassering"] = {**b["plassering"], "startdato": "2027-02-08"}
        b["barn"]["fodselsdato"] = "2024-06-01"
        b["eksportert"] = "2027-02-15"
        workspace.drop("b.json", b)
        assert workspace.run(date(2027, 2, 15)).files_failed == 0
    else:
        _two_cases_of_one_contact_person(workspace, "2027-02-08", date(2027, 2, 15))
    rows = [(r["Sak"], r["Hva"], r["Tid"])
            for r in sheet_rows(workspace.outbox / "Saksoversikt.xlsx", "Denne måneden", 6)
            if r["Dato"].date() == HOME_DAY]
    assert rows == [
        (B, "Foreldre (mor): Oppfølging i flytteprosessen (kontakt 1)", "09.30–11.00"),
        (A, "Fosterfamilien: Tema 4: Følelsesregulering", "12.00–13.30")]


def test_a_time_the_release_before_planned_without_the_travel_stays(workspace):
    """The release before could put case 2026-0721's foster family at 12.00, right after
    2026-0720's parents at the office, and kept no marks in the bookings: the next run of
    this release reads them, and the time stays (its letter may have gone out)."""
    from .test_damaged_state import state_file
    _demo_month(workspace)
    plan = state_file(workspace, "plans", HOME_CASE)
    kept = json.loads(plan.read_text(encoding="utf-8"))
    [row] = [r for r in kept if r["part"] == "fosterfamilien" and r["dato"] == "2026-11-26"]
    row["klokkeslett"] = "12:00"
    plan.write_text(json.dumps(kept, indent=1), encoding="utf-8")
    (bookings, *_) = [p for p in (workspace.state / "bookings").glob("*.json")
                      if plan.stem in json.loads(p.read_text(encoding="utf-8"))]
    held = json.loads(bookings.read_text(encoding="utf-8"))
    assert ["2026-11-26", "12:30", "14:00", "borte"] in [s[:4] for s in held[plan.stem]]
    held[plan.stem] = [["2026-11-26", "12:00", "13:30"] if s[:2] == ["2026-11-26", "12:30"]
                       else s for s in held[plan.stem]]
    _without_marks(workspace)
    bookings.write_text(json.dumps({k: [s[:3] for s in v] for k, v in held.items()},
                                   indent=1, sort_keys=True), encoding="utf-8")
    before = plan.read_text(encoding="utf-8")
    workspace.drop_example("vendor-visma-flyt-personer.json")
    assert workspace.run(date(2026, 11, 24)).files_failed == 0
    assert plan.read_text(encoding="utf-8") == before
    rows = sheet_rows(workspace.outbox / "Saksoversikt.xlsx", "Denne måneden", 6)
    assert (HOME_CASE, "12.00–13.30") in {
        (r["Sak"], r["Tid"]) for r in rows if r["Dato"] == datetime(2026, 11, 26)}
