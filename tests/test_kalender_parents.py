"""A parent's conversations keep their calendar entries when the parents in the case change:
a second parent comes into the export, one leaves it, or the export lists them in another
order. The entry that was «the mother's conversation on 14 December» stays that entry (its
UID), so importing the new file does not show it «AVLYST» beside a new one at the same time.
Each run keeps the dates of the run before (schedule.fixed_dates), as the state does. The
files are parsed back with the icalendar library (tests/test_kalender_avlyst.py)."""

import copy
import json
from datetime import timedelta

from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.rendering.ics import read_starts

from .conftest import TODAY, canonical_case
from .doc_helpers import case_context
from .test_kalender_avlyst import ALL, events, made

MOTHER, FATHER = 0, 1


def parents(*which: int, case: dict | None = None) -> dict:
    """The example case with only these of its parents (mother 0, father 1), in this order."""
    case = copy.deepcopy(case or canonical_case())
    case["foreldre"] = [case["foreldre"][i] for i in which]
    return case


def fixed(case: dict, kept: schedule.Fixed | None = None) -> schedule.Fixed:
    """The dates a run of this case keeps for the next (kept: the dates it was given)."""
    return schedule.fixed_dates(case_context(case, fixed=kept).plan)


def parents_entries(found: dict[str, dict]) -> dict[str, dict]:
    return {uid: e for uid, e in found.items() if uid.startswith("foreldre-")}


def cancelled(found: dict[str, dict]) -> set[str]:
    return {uid for uid, e in found.items() if e["status"] == "CANCELLED"}


def whose(found: dict[str, dict], role: str) -> dict[str, dict]:
    """The parents' entries that are this parent's own (their title names the role)."""
    return {uid: e for uid, e in parents_entries(found).items()
            if not e["status"] and e["summary"].rsplit(" (", 1)[0].endswith(f" – {role}")}


def test_a_second_parent_coming_into_the_export_leaves_the_first_ones_entries_as_they_were(
        tmp_path):
    """The mother alone: the parents' conversations are hers. The father comes, living
    apart: they are her own ones now, on the same days, and were «AVLYST» beside new
    entries at the same times."""
    alone = parents(MOTHER)
    first = parents_entries(events(made(tmp_path, alone)))
    assert first
    again = events(made(tmp_path, canonical_case(), fixed=fixed(alone)))
    assert not cancelled(again)
    mothers = whose(again, "mor")
    assert set(first) <= set(mothers)
    assert all(mothers[uid]["start"] == first[uid]["start"] for uid in first)
    assert whose(again, "far")  # his own ones, new
    assert not set(whose(again, "far")) & set(first)


def test_a_parent_leaving_the_export_cancels_their_entries_only(tmp_path):
    """The mother leaves the export: her own coming conversations are «AVLYST» once; the
    father's are his still (now the parents' conversations, shared with no one), not
    cancelled beside new ones."""
    both = canonical_case()
    first = events(made(tmp_path, both))  # as the release before wrote it too
    mothers, fathers = whose(first, "mor"), whose(first, "far")
    assert mothers and fathers
    data = made(tmp_path, parents(FATHER), fixed=fixed(both))
    again = events(data)
    assert cancelled(again) == set(mothers)
    assert all(again[uid]["sequence"] == 1 for uid in mothers)
    assert set(parents_entries(again)) == set(mothers) | set(fathers)
    # Made again from its own output: the same file, nothing cancelled anew.
    kept = fixed(parents(FATHER), fixed(both))
    assert made(tmp_path, parents(FATHER), fixed=kept) == data
    # Once her days have passed, nothing of hers is left, and his entries are as they were.
    day = max(e["start"] for e in mothers.values()).date() + timedelta(days=1)
    later = events(made(tmp_path, parents(FATHER), today=day, fixed=kept))
    assert not cancelled(later) and not set(later) & set(mothers)


def test_parents_listed_in_another_order_keep_their_entries(tmp_path):
    """The export lists the father first: each parent's entries stay theirs (the entry
    named by the parent's place in the list went to the other parent before), at the times
    the plan now gives them."""
    both = canonical_case()
    first = events(made(tmp_path, both))
    swapped = parents(FATHER, MOTHER)
    again = events(made(tmp_path, swapped, fixed=fixed(both)))
    assert not cancelled(again)
    plan = case_context(swapped, fixed=fixed(both)).plan
    for role, forelder in (("mor", 1), ("far", 0)):
        before, now = whose(first, role), whose(again, role)
        assert before and set(now) == set(before)
        days = sorted(c.dato for c in plan.conversations if c.forelder == forelder
                      and c.status == "planlagt" and c.dato >= TODAY)
        assert sorted(e["start"].date() for e in now.values()) == days


def test_a_parent_leaving_and_another_coming_gives_the_new_one_entries_of_their_own(
        tmp_path):
    """The mother leaves and a stepmother comes, in her place in the list: the father keeps
    his entries, hers are «AVLYST», and the stepmother's are new entries, not the father's
    or the mother's."""
    both = canonical_case()
    first = events(made(tmp_path, both))
    case = parents(FATHER, MOTHER)
    case["foreldre"][1].update(rolle="stemor", fornavn="Eva", adresse="Fjellvegen 2")
    again = events(made(tmp_path, case, fixed=fixed(both)))
    assert cancelled(again) == set(whose(first, "mor"))
    assert set(whose(again, "far")) == set(whose(first, "far"))
    stepmothers = whose(again, "stemor")
    assert stepmothers and not set(stepmothers) & set(first)


def test_the_fathers_entries_stay_his_through_two_changes(tmp_path):
    """The mother leaves the export, later a stepmother comes: the father's entries are the
    same entries all along (their UIDs), though he is parent 0 between; the mother's stay
    «AVLYST» as they were, the stepmother's are new. Between
    them the file says what each kept entry is now, which a plan made again from the
    calendar takes back (run/lost_plan.py)."""
    both = canonical_case()
    first = events(made(tmp_path, both))
    assert b"X-OMSORGSPAKKE" not in (tmp_path / "2026-0412" / ALL).read_bytes()
    alone = parents(FATHER)
    between = made(tmp_path, alone, fixed=fixed(both))
    starts = read_starts(between)
    # Left alone in the list, he keeps his own track (schedule.own_tracks), as parent 0 now.
    assert "sak-0123456789ab-foreldre-t1-k1-f0@omsorgspakke-docs" in starts
    case = parents(FATHER, MOTHER)
    case["foreldre"][1].update(rolle="stemor", fornavn="Eva", adresse="Fjellvegen 2")
    again = events(made(tmp_path, case, fixed=fixed(alone, fixed(both))))
    assert cancelled(again) == set(whose(first, "mor"))
    assert set(whose(again, "far")) == set(whose(first, "far"))
    assert whose(again, "stemor") and not set(whose(again, "stemor")) & set(first)


def test_a_run_keeps_the_fathers_entries_when_the_mother_leaves_the_export(workspace):
    """Through the pipeline, with the dates the state keeps."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics"
    first = events(path.read_bytes())
    day = TODAY + timedelta(days=1)
    case = parents(FATHER)
    case["eksportert"] = day.isoformat()
    workspace.drop("sak-2.json", json.dumps(case, ensure_ascii=False))
    assert workspace.run(day).files_failed == 0
    again = events(path.read_bytes())
    coming = {uid for uid, e in first.items() if e["start"].date() >= day}
    assert cancelled(again) == {uid for uid in whose(first, "mor") if uid in coming}
    # His own track still (as parent 0 now), under his entries' UIDs: none beside them.
    kept = {uid for uid, e in parents_entries(again).items() if not e["status"]}
    assert kept == {uid for uid in whose(first, "far") if uid in coming}
