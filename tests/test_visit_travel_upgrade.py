"""The travel time around another case's follow-up visit, on the runs a service makes after
the release that marked the visits in the bookings (helper 213's review of helper 210's
change): a case not in the day's export, a contact person changed, a case closed, two runs
a day, an older backup of the state."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from .test_visit_travel import VISIT_DAY, A, B, _on_the_visit_day, _span


def _without_marks(workspace) -> None:
    """The bookings as the release before kept them: [day, start, end], no «besok»."""
    for path in (workspace.state / "bookings").glob("*.json"):
        held = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({k: [s[:3] for s in v] for k, v in held.items()}, indent=1,
                                   sort_keys=True), encoding="utf-8")


def _keeps_the_hour(visit: tuple[datetime, datetime], others: list[dict]) -> None:
    begins, ends = visit
    assert others
    for r in others:
        b, e = _span(r["Dato"], r["Tid"])
        assert e + timedelta(hours=1) <= begins or ends + timedelta(hours=1) <= b, r


def test_a_visit_booked_by_the_release_before_is_kept_clear_of_a_new_case(workspace):
    """Case A planned by the release before, its visit 2 March 2027 09.00–10.30 unmarked in
    the bookings, and A not in the export of the first run of this release, which brings a
    new case B of the same contact person: B's first meeting that day keeps the hour's
    travel from A's visit, as it would had the release before marked it."""
    from .test_bookings import case
    workspace.drop("a.json", case(A))
    assert workspace.run().files_failed == 0
    _without_marks(workspace)
    b = case(B)
    b["plassering"] = {**b["plassering"], "startdato": "2027-02-15"}
    b["barn"]["fodselsdato"] = "2024-06-01"
    b["eksportert"] = date(2027, 3, 1).isoformat()
    workspace.drop("b.json", b)
    assert workspace.run(date(2027, 3, 1)).files_failed == 0
    visit, others = _on_the_visit_day(workspace)
    assert visit == (datetime(2027, 3, 2, 9), datetime(2027, 3, 2, 10, 30))
    _keeps_the_hour(visit, others)


EXPORTED_AGAIN = date(2027, 2, 20)


def exported_again_with_some_not_held(workspace, not_held) -> None:
    """Case A planned (run on the tests' day), then exported again on 20 February 2027 with
    every conversation of its plan before that day as held but those not_held picks, and its
    first visit held, and run that day."""
    from .test_bookings import case
    workspace.drop("a.json", case(A))
    assert workspace.run().files_failed == 0
    [plan] = (workspace.state / "plans").glob("*.json")
    held = [{**{k: r[k] for k in ("part", "tema", "nummer", "dato", "klokkeslett", "forelder")
                if k in r}, "status": "gjennomfort"}
            for r in json.loads(plan.read_text(encoding="utf-8"))
            if r["part"] in ("barnet", "foreldre", "fosterfamilien")
            and r["dato"] < EXPORTED_AGAIN.isoformat() and not not_held(r)]
    again = case(A)
    again.update(samtaler=held, eksportert=EXPORTED_AGAIN.isoformat(),
                 oppfolgingsbesok=[{"dato": "2026-12-02", "status": "gjennomfort"}])
    workspace.drop("a2.json", again)
    assert workspace.run(EXPORTED_AGAIN).files_failed == 0


def test_a_conversation_moved_in_a_later_run_keeps_clear_of_the_cases_own_visit(workspace):
    """Case A planned on 22 November 2026, its second visit 2 March 2027 09.00–10.30. The
    export of 20 February 2027 has the mother's themes 3 and 4 not held: they are moved, the
    first from notice, 2 March, at the parents' time 10.00, at the office, on the case's own
    visit in the foster home (the case's kept visits were not among the contact person's
    meetings when its conversations were planned). It now keeps the hour from the visit."""
    from .test_visit_travel import _calendar_of, _rows
    exported_again_with_some_not_held(
        workspace, lambda r: r["part"] == "foreldre" and r.get("forelder") == 0
        and r["tema"] in (3, 4))
    assert ("20270302T0900", "20270302T1030") in _calendar_of(workspace, A)
    visit = (datetime(2027, 3, 2, 9), datetime(2027, 3, 2, 10, 30))
    that_day = [{"Dato": r[3], "Tid": r[4]} for r in _rows(workspace, A)
                if r[3].date() == VISIT_DAY]
    assert len(that_day) == 1  # the mother's theme 3, moved
    _keeps_the_hour(visit, that_day)
