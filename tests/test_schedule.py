"""The scheduler: working days, holidays, cadence, dates from the journal, the first year."""

from datetime import date, time, timedelta

import pytest

from omsorgspakke_docs.config import Schedule
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.domain.model import Case, Samtale
from omsorgspakke_docs.planning.schedule import plan_case
from omsorgspakke_docs.planning.workdays import WorkCalendar, public_holidays


@pytest.fixture(scope="module")
def prog():
    return programme.load()


def case_starting(start: date, **extra) -> Case:
    return Case(journalnummer="T-1", plassering={"startdato": start}, **extra)


def test_norwegian_public_holidays_2027():
    days = public_holidays(2027)
    for holiday in ["2027-01-01", "2027-03-25", "2027-03-26", "2027-03-29", "2027-05-01",
                    "2027-05-06", "2027-05-17", "2027-05-17", "2027-12-25", "2027-12-26"]:
        assert date.fromisoformat(holiday) in days
    assert date(2027, 3, 24) not in days  # the Wednesday before Easter is a working day


def test_our_public_holidays_are_the_holidays_librarys_from_1950_to_2100():
    """workdays.py works the holidays out itself (the library costs 9 MB a process to import):
    the same days as the holidays library's Norwegian list, Sundays left out."""
    import holidays

    for year in range(1950, 2101):  # the library knows no later years
        known = holidays.country_holidays("NO", years=year, include_sundays=False)
        assert public_holidays(year) == frozenset(known), year


def test_every_conversation_is_on_a_working_day(prog):
    # Start just before Easter 2027 and the May holidays, so plenty of days need moving.
    plan = plan_case(case_starting(date(2027, 3, 19)), prog, Schedule())
    calendar = WorkCalendar()
    assert plan.conversations
    for conv in plan.conversations + [v for v in plan.visits]:
        assert conv.dato.weekday() < 5, conv
        assert calendar.is_working_day(conv.dato), conv


def test_each_party_gets_move_followup_then_every_theme_in_order(prog):
    plan = plan_case(case_starting(date(2026, 9, 14)), prog, Schedule())
    for part in prog.parter:
        convs = plan.for_part(part.id)
        themes = [c.tema for c in convs]
        assert themes == [0, 0, 0] + [t.nummer for t in part.temaer if t.nummer > 0]
        dates = [c.dato for c in convs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)


def test_cadence_at_least_monthly_and_first_themes_closer(prog):
    settings = Schedule()
    plan = plan_case(case_starting(date(2026, 9, 14)), prog, settings)
    for part in prog.parter:
        convs = plan.for_part(part.id)
        gaps = [(b.dato - a.dato).days for a, b in zip(convs, convs[1:], strict=False)]
        assert max(gaps) <= 31
        theme = {c.tema: c.dato for c in convs if c.nummer == 1}
        early = (theme[2] - theme[1]).days
        late = (theme[5] - theme[4]).days
        assert early < late


def test_conversations_within_working_hours_and_first_year(prog):
    settings = Schedule()
    start = date(2026, 9, 14)
    plan = plan_case(case_starting(start), prog, settings)
    assert plan.slutt == date(2027, 9, 13)
    for conv in plan.conversations:
        assert start < conv.dato <= plan.slutt
        assert conv.start.strftime("%H:%M") >= settings.workday_start
        assert conv.slutt.strftime("%H:%M") <= settings.workday_end
        assert conv.status == "planlagt" and not conv.fra_journal


def test_dates_from_the_journal_win_and_later_ones_follow(prog):
    start = date(2026, 9, 14)
    planned = plan_case(case_starting(start), prog, Schedule())
    computed = {c.key: c.dato for c in planned.conversations}
    late = computed[("barnet", 2, 1, None)] + timedelta(days=20)
    case = case_starting(start, samtaler=[
        Samtale(part="barnet", tema=2, dato=late, klokkeslett="09:30", status="gjennomfort"),
    ])
    plan = {c.key: c for c in plan_case(case, prog, Schedule()).conversations}
    held = plan[("barnet", 2, 1, None)]
    assert held.dato == late and held.fra_journal and held.status == "gjennomfort"
    assert held.start.strftime("%H:%M") == "09:30"
    # Theme 3 moves so it still comes after theme 2, with the early-theme spacing.
    gap = timedelta(days=Schedule().early_theme_interval_days)
    assert plan[("barnet", 3, 1, None)].dato >= late + gap
    # Other parties are not moved by the child's conversation.
    assert plan[("foreldre", 2, 1, None)].dato == computed[("foreldre", 2, 1, None)]


def test_configured_cadence_is_used(prog):
    slow = Schedule(theme_interval_days=30, early_theme_interval_days=21, first_theme_after_days=35)
    plan = plan_case(case_starting(date(2026, 9, 14)), prog, slow)
    theme = {c.tema: c.dato for c in plan.for_part("barnet") if c.nummer == 1}
    assert (theme[1] - date(2026, 9, 14)).days >= 35
    assert (theme[2] - theme[1]).days >= 21


def test_extra_closed_days_are_skipped(prog):
    base = plan_case(case_starting(date(2026, 9, 14)), prog, Schedule())
    first = base.for_part("barnet")[0].dato
    closed = Schedule(extra_closed_days=[first.isoformat()])
    plan = plan_case(case_starting(date(2026, 9, 14)), prog, closed)
    assert plan.for_part("barnet")[0].dato > first


def test_at_least_four_visits_the_first_year_counting_those_held(prog):
    start = date(2026, 9, 14)
    plan = plan_case(case_starting(start), prog, Schedule())
    assert len(plan.visits) == 4 and all(v.status == "planlagt" for v in plan.visits)
    held = case_starting(start, oppfolgingsbesok=[{"dato": date(2026, 10, 1)}])
    plan = plan_case(held, prog, Schedule())
    assert [v.status for v in plan.visits].count("gjennomfort") == 1
    assert len(plan.visits) == 4


def test_parents_who_declined_get_no_conversations(prog):
    case = case_starting(date(2026, 9, 14), foreldre=[{"rolle": "mor", "takker_ja": False}])
    plan = plan_case(case, prog, Schedule())
    assert plan.for_part("foreldre") == []
    assert "takket nei" in plan.parts_not_planned["foreldre"]


def test_a_case_seen_late_gets_its_new_dates_from_today(prog):
    today = date(2026, 11, 22)
    plan = plan_case(case_starting(date(2026, 6, 2)), prog, Schedule(), today=today)
    for part in prog.parter:
        convs = plan.for_part(part.id)
        assert all(c.dato > today for c in convs)
        assert convs[-1].dato <= plan.slutt
        assert [c.dato for c in convs] == sorted(c.dato for c in convs)


def test_dates_planned_in_an_earlier_run_are_kept(prog):
    from omsorgspakke_docs.planning.schedule import fixed_dates

    start = date(2026, 9, 14)
    first = plan_case(case_starting(start), prog, Schedule(), today=date(2026, 9, 14))
    # Settings changed, a run the next day: nothing has passed, nothing moves.
    later = plan_case(case_starting(start), prog, Schedule(theme_interval_days=20),
                      today=date(2026, 9, 15), fixed=fixed_dates(first))
    assert [c.dato for c in later.conversations] == [c.dato for c in first.conversations]


def test_conversations_before_one_the_journal_has_are_not_planned_after_it(prog):
    start, today = date(2026, 9, 14), date(2026, 11, 22)
    held = Samtale(part="fosterfamilien", tema=1, dato=date(2026, 10, 19), status="gjennomfort")
    plan = plan_case(case_starting(start, samtaler=[held]), prog, Schedule(), today=today)
    convs = plan.for_part("fosterfamilien")
    move = [c for c in convs if c.tema == 0]
    assert move and all(c.dato < held.dato and c.status == "ikke_registrert" for c in move)
    assert [c.dato for c in convs] == sorted(c.dato for c in convs)
    assert all(c.dato > today for c in convs if c.tema > 1)


def test_contacts_due_before_the_case_came_have_no_date_to_keep(prog):
    """Computed when already history, the move contacts were never planned: undated, their
    cadence's dates not kept, and undated again on the next day. Planned first (the case
    came in time), they keep the dates they had when a later one is registered."""
    from omsorgspakke_docs.planning.schedule import fixed_dates

    start, today = date(2026, 9, 14), date(2026, 11, 22)
    held = Samtale(part="fosterfamilien", tema=1, dato=date(2026, 10, 19), status="gjennomfort")
    plan = plan_case(case_starting(start, samtaler=[held]), prog, Schedule(), today=today)
    move = [c for c in plan.for_part("fosterfamilien") if c.tema == 0]
    assert move and all(c.undated for c in move)
    kept = fixed_dates(plan)
    assert not [k for k in kept if k[0] == "fosterfamilien" and k[1] == 0]
    again = plan_case(case_starting(start, samtaler=[held]), prog, Schedule(),
                      today=today + timedelta(days=1), fixed=kept)
    assert all(c.undated for c in again.for_part("fosterfamilien") if c.tema == 0)

    early = plan_case(case_starting(start), prog, Schedule(), today=date(2026, 9, 15))
    planned = {c.key: c.dato for c in early.for_part("fosterfamilien") if c.tema == 0}
    later = plan_case(case_starting(start, samtaler=[held]), prog, Schedule(), today=today,
                      fixed=fixed_dates(early))
    move = [c for c in later.for_part("fosterfamilien") if c.tema == 0]
    assert [(c.status, c.undated, c.dato) for c in move] == [
        ("ikke_registrert", False, planned[c.key]) for c in move]


def parents(apart: bool) -> list[dict]:
    return [
        {"rolle": "mor", "adresse": "Strandvegen 1", "postnummer": "5998",
         "bor_sammen_med_annen_forelder": not apart},
        {"rolle": "far", "adresse": "Kløvergata 3" if apart else "Strandvegen 1",
         "postnummer": "5020" if apart else "5998", "bor_sammen_med_annen_forelder": not apart},
    ]


def test_parents_living_apart_each_have_their_own_conversations_in_other_slots(prog):
    plan = plan_case(case_starting(date(2026, 9, 14), foreldre=parents(apart=True)), prog,
                     Schedule())
    mother = [c for c in plan.for_part("foreldre") if c.forelder == 0]
    father = [c for c in plan.for_part("foreldre") if c.forelder == 1]
    assert [c.tema for c in mother] == [c.tema for c in father] == [0, 0, 0, 1, 2, 3, 4, 5]
    assert len({c.key for c in mother + father}) == 16
    slots = {(c.dato, c.start) for c in mother}
    assert not slots & {(c.dato, c.start) for c in father}


def test_parents_living_together_share_one_track(prog):
    plan = plan_case(case_starting(date(2026, 9, 14), foreldre=parents(apart=False)), prog,
                     Schedule())
    assert {c.forelder for c in plan.for_part("foreldre")} == {None}
    assert len(plan.for_part("foreldre")) == 8


def test_a_gap_from_a_fully_booked_contact_person_says_so(prog):
    start = date(2026, 9, 14)
    free = plan_case(case_starting(start), prog, Schedule())
    third = next(c.dato for c in free.for_part("barnet") if c.tema == 3)
    full = [(time(8, 0), time(9, 30)), (time(14, 0), time(15, 30))]
    busy = {third + timedelta(days=n): list(full) for n in range(1, 40)}
    plan = plan_case(case_starting(start), prog, Schedule(), busy=busy)
    gaps = [g for g in plan.gaps if g.part == "barnet"]
    assert gaps and gaps[0].fra == third
    assert gaps[0].grunn == "Kontaktpersonen har ikke ledig tid tidligere (høyst 2 møter om dagen)."


def test_a_theme_with_no_room_before_a_journal_date_names_that_date_not_the_year(prog):
    # The journal has theme 1 held and theme 3 fixed five days later: theme 2 cannot fit
    # between them, however much the intervals shrink. The year's end is not the reason.
    start = date(2026, 9, 14)
    case = case_starting(start, samtaler=[
        Samtale(part="barnet", tema=1, dato=date(2026, 11, 2), status="gjennomfort"),
        Samtale(part="barnet", tema=3, dato=date(2026, 11, 9), status="planlagt"),
    ])
    plan = plan_case(case, prog, Schedule(), today=date(2026, 10, 20))
    assert ("barnet", 2, 1, None) in plan.left_out
    note = next(n for n in plan.notes if n.startswith("Barnet, tema 2"))
    assert "neste samtale, som er registrert i fagsystemet 9. november 2026" in note
    assert "programmets siste dag" not in note


def test_visits_planned_in_an_earlier_run_are_kept_when_a_period_had_two_held(prog):
    """Two visits held in the first period: the visits planned for the later periods keep
    their dates from run to run (fixed_dates keys them by their period), and never two
    come in one month."""
    from omsorgspakke_docs.planning.schedule import fixed_dates

    held = [{"dato": date(2026, 5, 20)}, {"dato": date(2026, 6, 10)}, {"dato": date(2026, 9, 1)}]
    case = case_starting(date(2026, 5, 4), oppfolgingsbesok=held)
    first = plan_case(case, prog, Schedule(), today=date(2026, 11, 22))
    later = plan_case(case, prog, Schedule(), today=date(2026, 11, 23),
                      fixed=fixed_dates(first))
    again = plan_case(case, prog, Schedule(), today=date(2026, 11, 24),
                      fixed=fixed_dates(later))
    planned = [v.dato for v in first.visits if v.status == "planlagt"]
    assert len(planned) == 2
    assert [v.dato for v in later.visits] == [v.dato for v in first.visits]
    assert [v.dato for v in again.visits] == [v.dato for v in first.visits]
    assert fixed_dates(again) == fixed_dates(first)


def test_a_visit_on_the_day_of_a_conversation_in_the_foster_home_follows_it(prog):
    """A case first exported late has its visits caught up from the next working days, the
    same days its foster family's move follow-up begins there: the contact person makes one
    trip, the visit straight after the conversation, not one at 09.00 and one at 12.00."""
    from omsorgspakke_docs.planning.schedule import FOSTER_HOME

    plan = plan_case(case_starting(date(2026, 9, 1)), prog, Schedule(),
                     today=date(2026, 11, 23))
    there = {c.dato: c for c in plan.conversations
             if c.sted == FOSTER_HOME and c.status == "planlagt"}
    same_day = [v for v in plan.visits if v.status == "planlagt" and v.dato in there]
    assert same_day, [v.dato for v in plan.visits]
    for visit in same_day:
        assert visit.start == there[visit.dato].slutt, (visit, there[visit.dato])
    # A day without one keeps the usual visit time.
    assert {v.start for v in plan.visits if v.status == "planlagt"
            and v.dato not in there} <= {time.fromisoformat(Schedule().visit_time)}


@pytest.mark.parametrize("returned, reason", [
    (False, "Samtalen er registrert som holdt denne datoen i fagsystemet. Er datoen feil, rett "
            "den i fagsystemet, så viser planen riktig dato etter neste eksport."),
    (True, "Datoen er hentet fra referatet som kom tilbake; registrer samtalen i fagsystemet "
           "hvis det ikke er gjort."),
])
def test_a_gap_to_a_date_from_returned_minutes_says_so(prog, returned, reason):
    start = date(2026, 9, 14)
    planned = plan_case(case_starting(start), prog, Schedule())
    computed = {c.key: c.dato for c in planned.conversations}
    late = computed[("barnet", 2, 1, None)] + timedelta(days=40)
    case = case_starting(start, samtaler=[
        Samtale(part="barnet", tema=1, dato=computed[("barnet", 1, 1, None)],
                status="gjennomfort"),
        Samtale(part="barnet", tema=2, dato=late, status="gjennomfort",
                referat_mottatt=returned or None)])
    gaps = [g for g in plan_case(case, prog, Schedule()).gaps if g.til == late]
    assert [g.grunn for g in gaps] == [reason]



def test_a_theme_missed_near_the_end_is_said_to_be_missed_not_short_of_room(prog):
    """The foster family's last theme was planned for 14 December, passed unregistered, and no
    date with notice is left before the programme's last day, 11 January. The plan blamed the
    spacing («selv med 7 dager mellom samtalene»): it was the missed date (helper 118). The
    date is kept with the plan (moved), so a planning from the state says the same."""
    start, today = date(2026, 1, 12), date(2027, 1, 4)
    first = plan_case(case_starting(start), prog, Schedule(), today=start)
    held = [Samtale(part=c.part, tema=c.tema, nummer=c.nummer, dato=c.dato,
                    status="gjennomfort")
            for c in first.conversations if (c.part, c.tema) != ("fosterfamilien", 6)]
    key = ("fosterfamilien", 6, 1, None)
    case = case_starting(start, samtaler=held, eksportert=today)
    said = ("Fosterfamilien, tema 6: samtalen 14. desember 2026 er ikke registrert som holdt, "
            "og det er ikke plass til en ny dato før programmets siste dag, 11. januar 2027. "
            "Avtal en dato med kontaktpersonens leder.")
    plan = plan_case(case, prog, Schedule(), today=today, fixed={key: (date(2026, 12, 14),
                                                                       time(10))})
    assert key in plan.left_out and said in plan.notes
    assert plan.moved[key] == date(2026, 12, 14)
    assert not any("selv med" in note for note in plan.notes)
    # Planned again from what the state keeps (no date for it, the date it had as moved),
    # also as the workbooks plan (move_missed False): the same note.
    for move_missed in (True, False):
        again = plan_case(case, prog, Schedule(), today=today, fixed={},
                          moved=dict(plan.moved), move_missed=move_missed)
        assert key in again.left_out and said in again.notes


def test_the_state_keeps_a_left_out_themes_date_with_the_plan(tmp_path):
    """save_plan writes a row for a conversation left out after its date passed (no date of
    its own, «utelatt»), and kept_plan gives it back as moved, not as a date to keep."""
    from omsorgspakke_docs.store.state import State

    state = State(tmp_path)
    kept = {("barnet", 1, 1, None): (date(2026, 12, 1), time(10))}
    moved = {("fosterfamilien", 6, 1, None): date(2026, 12, 14),
             ("barnet", 1, 1, None): date(2026, 11, 20)}
    state.save_plan("4699:T-1", kept, moved, {})
    dates, back, _ = state.kept_plan("4699:T-1")
    assert dates == kept and back == moved



def test_an_unreadable_left_out_row_costs_only_its_note(tmp_path):
    """A hand-edited «utelatt» row without its date: the plan's kept dates are read as
    ever (helper 124: the whole plan was taken as damaged)."""
    import json

    from omsorgspakke_docs.store.state import State

    state = State(tmp_path)
    kept = {("barnet", 1, 1, None): (date(2026, 12, 1), time(10))}
    state.save_plan("4699:T-1", kept, {("fosterfamilien", 6, 1, None): date(2026, 12, 14)}, {})
    path = state.plan_path("4699:T-1")
    rows = json.loads(path.read_text(encoding="utf-8"))
    for row in rows:
        row.pop("flyttet_fra", None) if row.get("utelatt") else None
    path.write_text(json.dumps(rows), encoding="utf-8")
    dates, moved, _ = state.kept_plan("4699:T-1")
    assert dates == kept and moved == {}
