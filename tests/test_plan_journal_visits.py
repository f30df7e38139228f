"""The follow-up plan and the journal's own plans: the visits ahead the journal has planned are
in the plan's table of visits (the contact person looked them up in the journal), once each;
a joint meeting kept on the day of such a visit is said, as a conversation is; and a letter
the state knows is made is said to be made, not «lages senest» a day ahead."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook

from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.planning.workdays import letter_day, norsk_dato
from omsorgspakke_docs.rendering.sheet_cells import LINE_HEIGHT, wrapped_lines
from omsorgspakke_docs.store import issued
from omsorgspakke_docs.text import MONTHS, tekst

from .conftest import canonical_case, docx_text, make_workspace, xlsx_rows
from .doc_helpers import case_context, render
from .test_compliance_year_end import sheet_rows
from .test_planning_year import a_case, events, run, start_of

IN_JOURNAL = "Planlagt i fagsystemet"  # (the same words in nynorsk)


def _visit_rows(ctx, folder) -> list[list[str]]:
    (path,) = render(ctx, "oppfolgingsplan", folder).values()
    return next([[c.text for c in row.cells] for row in table.rows][1:]
                for table in Document(str(path)).tables
                if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_the_journal_has_planned_is_in_the_plans_table(tmp_path, malform):
    """The journal has a visit planned on 10 February 2027: the table lists it in its place
    by date, its time a dash, «Planlagt i fagsystemet». It is the visit of its part of the
    year (14 December to 14 March), so the plan sets none of its own there (it set one on 14
    January beside it); the other visits the plan set are there as before, and the count is
    the visits held («Gjennomført 1 av 4»)."""
    status, day = IN_JOURNAL, "onsdag 10. februar 2027"
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-02-10", "status": "planlagt"}])
    ctx = case_context(case).in_malform(malform)
    t = tekst(malform)
    rows = _visit_rows(ctx, tmp_path / "plan")
    assert [day, "–", status] in rows
    assert [r[::2] for r in rows] == [
        [t.dato_med_ukedag(date(2026, 10, 13)), "Gjennomført"], [day, status],
        [t.dato_med_ukedag(date(2027, 4, 14)), "Planlagt"],
        [t.dato_med_ukedag(date(2027, 8, 2)), "Planlagt"]]
    assert "Gjennomført 1 av 4." in _plan_text(ctx, tmp_path / "text")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_planned_visit_the_journal_has_on_its_day_is_listed_once(tmp_path, malform):
    """The plan set visit 2 on 14 January 2027 at 09.00; the contact person put it in the
    journal, which has a visit planned that day: one row, with the plan's time, and said to
    be in the journal."""
    status, day = IN_JOURNAL, "torsdag 14. januar 2027"
    first = case_context()
    fixed = schedule.fixed_dates(first.plan)
    assert (schedule.VISIT, 2, 1, None) in fixed and fixed[(schedule.VISIT, 2, 1, None)][0] \
        == date(2027, 1, 14)
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-14", "status": "planlagt"}])
    rows = _visit_rows(case_context(case, fixed=fixed).in_malform(malform), tmp_path)
    assert [r for r in rows if r[0] == day] == [[day, "09.00–10.30", status]]
    assert len(rows) == 4


MEETING_DAY = date(2027, 1, 12)
"""The joint meeting's day in the example's plan, at 10.00 (after theme 2 with everyone)."""
MEETING_ON_VISIT = {
    "bokmal": "Felles møte: 12. januar 2027 kl. 10.00 er samme dag som et oppfølgingsbesøk i "
              "fosterhjemmet som fagsystemet har uten klokkeslett. Invitasjonene kan allerede "
              "ha gått ut, så datoen er ikke flyttet: se til at kontaktpersonen rekker begge, "
              "eller avtal en ny tid for besøket eller møtet, og registrer den nye tiden i "
              "fagsystemet.",
    "nynorsk": "Felles møte: 12. januar 2027 kl. 10.00 er same dag som eit oppfølgingsbesøk i "
               "fosterheimen som fagsystemet har utan klokkeslett. Invitasjonane kan alt ha "
               "gått ut, så datoen er ikkje flytta: sjå til at kontaktpersonen rekk begge, "
               "eller avtal ei ny tid for besøket eller møtet, og registrer den nye tida i "
               "fagsystemet."}
MEETING_ON_CONVERSATION = {
    "bokmal": "Felles møte: 12. januar 2027 kl. 10.00 er samtidig med samtalen med "
              "fosterfamilien (tema 3) som fagsystemet har kl. 10.00. Invitasjonene kan "
              "allerede ha gått ut, så datoen er ikke flyttet: avtal en ny tid for møtet eller "
              "samtalen, og registrer den nye tiden i fagsystemet.",
    "nynorsk": "Felles møte: 12. januar 2027 kl. 10.00 er samstundes med samtalen med "
               "fosterfamilien (tema 3) som fagsystemet har kl. 10.00. Invitasjonane kan alt "
               "ha gått ut, så datoen er ikkje flytta: avtal ei ny tid for møtet eller "
               "samtalen, og registrer den nye tida i fagsystemet."}


def _plan_text(ctx, folder) -> str:
    (path,) = render(ctx, "oppfolgingsplan", folder).values()
    return " ".join(docx_text(path).split())


def _kept(**documents) -> schedule.Fixed:
    first = case_context(**documents)
    assert first.plan.joint_meeting is not None and first.plan.joint_meeting.dato == MEETING_DAY
    return schedule.fixed_dates(first.plan)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_kept_joint_meeting_on_the_journals_visit_is_said(tmp_path, malform):
    """The joint meeting was planned for 12 January 2027 and its invitations made; the
    journal now has a follow-up visit planned that day, without a time. The meeting stays,
    and the plan's notes say so, as they do for a conversation."""
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-12", "status": "planlagt"}])
    ctx = case_context(case, fixed=_kept())
    assert ctx.plan.joint_meeting is not None and ctx.plan.joint_meeting.dato == MEETING_DAY
    assert MEETING_ON_VISIT[malform] in _plan_text(ctx.in_malform(malform), tmp_path)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_kept_joint_meeting_at_the_time_of_a_journal_conversation_is_said(tmp_path, malform):
    """The journal has the foster family's theme 3 on 12 January 2027 at 10.00, the time of
    the joint meeting invited to: the meeting stays, and the plan says so."""
    case = canonical_case()
    case["samtaler"] = [*case["samtaler"], {
        "part": "fosterfamilien", "tema": 3, "nummer": 1, "dato": "2027-01-12",
        "klokkeslett": "10:00", "status": "planlagt"}]
    ctx = case_context(case, fixed=_kept())
    assert ctx.plan.joint_meeting is not None and ctx.plan.joint_meeting.dato == MEETING_DAY
    assert MEETING_ON_CONVERSATION[malform] in _plan_text(ctx.in_malform(malform), tmp_path)


def test_a_kept_joint_meeting_not_invited_yet_moves_off_the_journals_visit(tmp_path):
    """Seven weeks ahead, its invitations not made yet (21 days before, and a week): the
    meeting is planned anew off the day of the journal's visit, and the plan has nothing to
    ask."""
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-12", "status": "planlagt"}])
    ctx = case_context(case, fixed=_kept(invitation_days_before=21),
                       invitation_days_before=21)
    assert ctx.plan.joint_meeting is not None and ctx.plan.joint_meeting.dato != MEETING_DAY
    assert "Felles møte: 12. januar 2027" not in _plan_text(ctx, tmp_path)


def test_a_moved_conversations_letter_made_at_once_is_said_to_be_made(tmp_path):
    """The child's theme 1 had its invitation made; the journal moves it five weeks on, so
    the new letter's own day (21 days before) is still ahead, but the letter is made at once
    in that run (it replaces the first). The plan says it is made, not «lages senest» that
    day, in that run and the next (the state knows the letter was issued)."""
    case = a_case("2026-0916", "2026-09-14", 616, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    planned = {str(e["UID"]): start_of(e) for e in events(ws, "2026-0916")}
    theme1 = next(k for k in planned if k.endswith("-barnet-t1-k1@omsorgspakke-docs"))
    was = planned[theme1]
    invited = letter_day(was.date(), 21)
    assert ws.run(today=invited).files_failed == 0
    letters = ws.case_folder("2026-0916") / "Innkallinger" / "Barnet"
    (letter,) = letters.glob("Tema 1*.docx")
    assert norsk_dato(was.date()) in docx_text(letter)

    now = was + timedelta(days=35)
    for day in (invited + timedelta(days=1), invited + timedelta(days=2)):
        ws.drop(f"moved-{day}.json", {**case, "eksportert": day.isoformat(), "samtaler": [{
            "part": "barnet", "tema": 1, "nummer": 1, "dato": now.date().isoformat(),
            "klokkeslett": f"{now:%H:%M}", "status": "planlagt"}]})
        assert ws.run(today=day).files_failed == 0
        assert letter_day(now.date(), 21) > day  # its own letter day is still ahead
        assert norsk_dato(now.date()) in docx_text(letter)  # made at once
        plan = " ".join(docx_text(ws.case_folder("2026-0916") / "01 Oppfølgingsplan.docx")
                        .split())
        note = (f"Barnet, tema 1: planlagt {norsk_dato(was.date())}, flyttet til "
                f"{norsk_dato(now.date())} i fagsystemet; ny innkalling er laget og ligger i "
                "mappen Innkallinger.")
        assert note in plan, day
        # Saksoversikt's «Merknad om planen» says the same.
        book = load_workbook(ws.outbox / "Saksoversikt.xlsx")
        (row,) = [" ".join(str(v) for v in r if v) for r in
                  book["Saker"].iter_rows(values_only=True) if r and r[0] == "2026-0916"]
        assert "ny innkalling er laget og ligger i mappen Innkallinger" in row, day
    assert tekst("nynorsk").note(note, "planmerknad") == (
        f"Barnet, tema 1: planlagd {norsk_dato(was.date())}, flytta til "
        f"{norsk_dato(now.date())} i fagsystemet; ny innkalling er laga og ligg i mappa "
        "Innkallingar.")


def _besok_sheet(ctx, folder) -> list[tuple[date, str]]:
    """The case workbook's Besøk sheet: each visit's date and status."""
    (path,) = render(ctx, "oversikt", folder).values()
    ws = load_workbook(path)["Besøk"]
    return [(r[0].date(), r[1]) for r in ws.iter_rows(min_row=8, max_col=2, values_only=True)
            if r[0] is not None]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_case_workbook_lists_the_journals_visits_as_the_plan_does(tmp_path, malform):
    """The plan lists the journal's visit on 10 February 2027 and says «Planlagt i
    fagsystemet» for the plan's visit the journal has on 14 January; the case's workbook
    (04 Oppfølgingsoversikt, Besøk) left the first out and said «Planlagt» for the second.
    It lists the same visits with the same words, and colours them as planned."""
    first = case_context()
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-14", "status": "planlagt"},
                                            {"dato": "2027-02-10", "status": "planlagt"}])
    ctx = case_context(case, fixed=schedule.fixed_dates(first.plan)).in_malform(malform)
    assert _besok_sheet(ctx, tmp_path / "book") == [
        (date(2026, 10, 13), "Gjennomført"), (date(2027, 1, 14), IN_JOURNAL),
        (date(2027, 2, 10), IN_JOURNAL), (date(2027, 4, 14), "Planlagt"),
        (date(2027, 8, 2), "Planlagt")]
    assert [r[::2] for r in _visit_rows(ctx, tmp_path / "plan")] == [
        [tekst(malform).dato_med_ukedag(day), status]
        for day, status in _besok_sheet(ctx, tmp_path / "again")]
    (path,) = render(ctx, "oversikt", tmp_path / "rules").values()
    ws = load_workbook(path)["Besøk"]
    due = [rule.formula[0] for rng in ws.conditional_formatting for rule in rng.rules]
    assert all(f'$B8="{IN_JOURNAL}"' in f for f in due[:2]), due


def test_saksoversikt_next_visit_is_the_journals_when_it_comes_first(tmp_path):
    """The journal has a visit planned on 12 January 2027, before the plan's next on 14
    January: Saker's «Neste besøk» is 12 January, as the plan's table lists it first."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case(oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]))
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    [case] = sheet_rows(ws, "Saker", "Sak")
    assert case["Neste besøk"] == datetime(2027, 1, 12)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_journal_visit_planned_then_held_is_held_in_the_plan(tmp_path, malform):
    """The journal had a visit planned on 15 December 2026; its next export has it held
    (a held visit's status is the default, so the export may leave it out). The plan counted
    it as planned still, and once its day passed left it out of the table and the count:
    «Gjennomført 1 av 4». It is held: «Gjennomført 2 av 4», its row «Gjennomført»."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", canonical_case(eksportert="2026-11-20", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2026-12-15", "status": "planlagt"}]))
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    ws.drop("sak2.json", canonical_case(eksportert="2026-12-17", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2026-12-15"}]))
    assert ws.run(date(2026, 12, 17)).files_failed == 0
    (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
    rows = next([[c.text for c in row.cells] for row in table.rows][1:]
                for table in Document(str(plan)).tables
                if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])
    t = tekst(malform)
    assert [t.dato_med_ukedag(date(2026, 12, 15)), "–", "Gjennomført"] in rows
    assert "Gjennomført 2 av 4." in " ".join(docx_text(plan).split())


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_kept_joint_meeting_with_no_invitation_made_moves_off_the_journals_visit(
        tmp_path, malform):
    """26 days ahead (inside the week before its letter day, so it could have been invited)
    the journal puts a visit on the joint meeting's day. The state knows no invitation was
    made for it: the plan said «Invitasjonene kan allerede ha gått ut, så datoen er ikke
    flyttet» for letters made five days later. It is planned anew off that day instead; one
    whose invitations were made keeps its day, and the plan says so."""
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-12", "status": "planlagt"}])
    today = MEETING_DAY - timedelta(days=26)
    kept = _kept(invitation_days_before=21)
    ctx = case_context(case, today=today, fixed=kept, invited=[],
                       invitation_days_before=21)
    assert ctx.plan.joint_meeting is not None and ctx.plan.joint_meeting.dato != MEETING_DAY
    text = _plan_text(ctx.in_malform(malform), tmp_path / "moved")
    assert "Felles møte: 12. januar 2027" not in text
    assert tekst(malform).dato_med_ukedag(ctx.plan.joint_meeting.dato) in text

    ctx = case_context(case, today=today, fixed=kept, invited=["2027-01-12T10:00"],
                       invitation_days_before=21)
    assert ctx.plan.joint_meeting is not None and ctx.plan.joint_meeting.dato == MEETING_DAY
    assert MEETING_ON_VISIT[malform] in _plan_text(ctx.in_malform(malform), tmp_path / "kept")


CHILD_ON_VISIT = {
    "bokmal": "er samme dag som et oppfølgingsbesøk i fosterhjemmet som fagsystemet har uten "
              "klokkeslett. Innkallingen kan allerede være sendt",
    "nynorsk": "er same dag som eit oppfølgingsbesøk i fosterheimen som fagsystemet har utan "
               "klokkeslett. Innkallinga kan alt vere sendt"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_kept_conversation_with_no_invitation_made_moves_off_the_journals_visit(
        tmp_path, malform):
    """The journal puts a visit on the day of the child's theme 2, on the day its letter is
    due (21 days ahead): the plan kept it and said «Innkallingen kan allerede være sendt»,
    and made the letter in that same run. No invitation was made for it: it is planned
    anew off the visit, and the plan has nothing to ask; one invited keeps its day."""
    first = case_context(invitation_days_before=21)
    (theme2,) = [c for c in first.plan.conversations if (c.part, c.tema) == ("barnet", 2)]
    today = letter_day(theme2.dato, 21)
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"}, {
        "dato": theme2.dato.isoformat(), "status": "planlagt"}])
    kept = schedule.fixed_dates(first.plan)
    ctx = case_context(case, today=today, fixed=kept, invited=[],
                       invitation_days_before=21)
    (moved,) = [c for c in ctx.plan.conversations if (c.part, c.tema) == ("barnet", 2)]
    assert moved.dato != theme2.dato
    text = _plan_text(ctx.in_malform(malform), tmp_path / "moved")
    assert CHILD_ON_VISIT[malform] not in text

    invited = [f"{theme2.dato.isoformat()}T{theme2.start:%H:%M}"]
    ctx = case_context(case, today=today, fixed=kept, invited=invited,
                       invitation_days_before=21)
    (kept2,) = [c for c in ctx.plan.conversations if (c.part, c.tema) == ("barnet", 2)]
    assert kept2.dato == theme2.dato
    text = _plan_text(ctx.in_malform(malform), tmp_path / "kept")
    assert f"Barnet, tema 2: samtalen {norsk_dato(theme2.dato)}" in text
    assert CHILD_ON_VISIT[malform] in text


def test_the_state_cannot_tell_for_an_invitation_kept_without_its_meeting(tmp_path):
    """An invitation kept by a release that did not keep its meeting may be for any date:
    the plan is told the state cannot tell (None), and keeps a date with a journal meeting
    on it as one possibly invited, never moving one whose letter may be out."""
    (tmp_path / "issued").mkdir()
    entry = {"issued": "2026-11-30", "basis": "b", "shows": "s"}
    kept = {"Innkallingar/Barnet/Tema 1 - Mi historie - til fosterforeldra.docx": entry,
            "Innkallinger/Barnet/Tema 2 - Samvær og kontakt.docx":
                {**entry, "for": "2027-01-05T14:00"}}
    (tmp_path / "issued" / "sak-1.json").write_text(json.dumps(kept), encoding="utf-8")
    assert issued.invited_meetings(tmp_path, "sak-1") is None
    del kept["Innkallingar/Barnet/Tema 1 - Mi historie - til fosterforeldra.docx"]
    (tmp_path / "issued" / "sak-1.json").write_text(json.dumps(kept), encoding="utf-8")
    assert issued.invited_meetings(tmp_path, "sak-1") == ["2027-01-05T14:00"]
    assert issued.invited_meetings(tmp_path, "sak-2") == []


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_journals_visit_is_the_visit_of_its_part_of_the_year(tmp_path, malform):
    """The plan set visit 2 on 14 January 2027; the journal then has a visit planned on
    12 January, two days before. The plan listed both, and the contact person had to guess
    which was real. The journal's is the visit of that part of the year: the plan's table
    lists it alone there, «Planlagt i fagsystemet», its other visits as they were, and the
    count waits for a visit held («Gjennomført 1 av 4»)."""
    first = case_context()
    fixed = schedule.fixed_dates(first.plan)
    assert fixed[(schedule.VISIT, 2, 1, None)][0] == date(2027, 1, 14)
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-12", "status": "planlagt"}])
    ctx = case_context(case, fixed=fixed).in_malform(malform)
    t = tekst(malform)
    kept = [v.dato for v in first.plan.visits if v.nummer in (3, 4)]
    assert [r[::2] for r in _visit_rows(ctx, tmp_path / "plan")] == [
        [t.dato_med_ukedag(date(2026, 10, 13)), "Gjennomført"],
        [t.dato_med_ukedag(date(2027, 1, 12)), IN_JOURNAL],
        *[[t.dato_med_ukedag(day), "Planlagt"] for day in kept]]
    assert "Gjennomført 1 av 4." in _plan_text(ctx, tmp_path / "text")
    # The case's workbook lists the same.
    assert _besok_sheet(ctx, tmp_path / "book") == [
        (date(2026, 10, 13), "Gjennomført"), (date(2027, 1, 12), IN_JOURNAL),
        *[(day, "Planlagt") for day in kept]]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_denne_maneden_lists_the_journals_visit_as_the_plan_does(tmp_path, malform):
    """The journal has a visit planned on 16 December 2026, ten days after the run:
    Saksoversikt's «Denne måneden» left it out while the plan listed it. It is listed as
    the plan lists it, its time a dash, «Planlagt i fagsystemet»; the plan sets no visit of
    its own beside it, and Saker counts the visits held («1 av 4»)."""
    t = tekst(malform)
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", canonical_case(eksportert="2026-12-04", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2026-12-16", "status": "planlagt"}]))
    assert ws.run(date(2026, 12, 6)).files_failed == 0
    month, what = ("Denne måneden", "Hva") if malform == "bokmal" else ("Denne månaden", "Kva")
    visits = [(r[what], r["Dato"], r["Tid"], r["Status"])
              for r in sheet_rows(ws, month, "Sak") if r[what] == t("saksoversikt.besok")]
    assert visits == [(t("saksoversikt.besok"), datetime(2026, 12, 16), "–", IN_JOURNAL)]
    [case] = sheet_rows(ws, "Saker", "Sak")
    assert (case["Besøk"], case["Neste besøk"]) == ("1 av 4", datetime(2026, 12, 16))
    (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
    text = " ".join(docx_text(plan).split())
    assert "Gjennomført 1 av 4." in text
    assert t.dato_med_ukedag(date(2027, 1, 14)) not in text


def test_the_journals_visit_still_counts_the_days_after_until_an_export_can_say(tmp_path):
    """14 January 2027, the journal's visit of 12 January passed; the newest export was made
    on 10 January, too soon to say it was held. The plan sets no visit of its own in its
    part of the year in the meantime (it set one the next working day, days after a visit
    most likely held); an export made a week after the visit that still has it planned
    says it was not, and the plan sets one again."""
    visits = [{"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]
    fixed = schedule.fixed_dates(case_context().plan)
    part = (date(2026, 12, 14), date(2027, 3, 14))

    def planned_in_part(exported: str) -> list[date]:
        ctx = case_context(canonical_case(eksportert=exported, oppfolgingsbesok=visits),
                           today=date(2027, 1, 14) if exported < "2027-01-19"
                           else date(2027, 1, 20), fixed=fixed)
        return [v.dato for v in ctx.plan.visits
                if v.status == "planlagt" and part[0] <= v.dato < part[1]]

    assert planned_in_part("2027-01-10") == []
    assert len(planned_in_part("2027-01-20")) == 1


MEETING_ON_VISIT_AVVIK = {
    "bokmal": "Det felles møtet 12. januar 2027 kl. 10.00 er samme dag som et "
              "oppfølgingsbesøk i fosterhjemmet som fagsystemet har uten klokkeslett. "
              "Invitasjonene kan allerede ha gått ut, så datoen er ikke flyttet. Se til at "
              "kontaktpersonen rekker begge, eller at det avtales en ny tid for besøket eller "
              "møtet og den nye tiden registreres i fagsystemet.",
    "nynorsk": "Det felles møtet 12. januar 2027 kl. 10.00 er same dag som eit "
               "oppfølgingsbesøk i fosterheimen som fagsystemet har utan klokkeslett. "
               "Invitasjonane kan alt ha gått ut, så datoen er ikkje flytta. Sjå til at "
               "kontaktpersonen rekk begge, eller at det blir avtalt ei ny tid for besøket "
               "eller møtet og den nye tida blir registrert i fagsystemet."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_kept_joint_meeting_on_the_journals_visit_is_on_the_avvik_sheet(tmp_path, malform):
    """The joint meeting's invitations for 12 January 2027 were made on their letter day;
    the next day the journal has a follow-up visit planned on 12 January. The plan said the
    meeting is kept on the visit's day; Saksoversikt's Avvik sheet, which the team leader
    reads, said nothing (a conversation kept so has its row there). It has its row, dated
    the meeting's day."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20")
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    invited = letter_day(MEETING_DAY, 21)
    assert ws.run(invited).files_failed == 0
    ws.drop("sak2.json", {**case, "eksportert": "2026-11-21", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]})
    assert ws.run(invited + timedelta(days=1)).files_failed == 0
    (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
    assert MEETING_ON_VISIT[malform] in " ".join(docx_text(plan).split())
    # (Hva and Frist: «Kva» in nynorsk)
    rows = [tuple(r.values())[2:4] for r in sheet_rows(ws, "Avvik", "Sak")]
    assert (MEETING_ON_VISIT_AVVIK[malform], datetime(2027, 1, 12)) in rows, rows


MEETING_MOVED_OFF_VISIT = {
    "bokmal": "Det felles møtet var planlagt 12. januar 2027, samme dag som et oppfølgingsbesøk "
              "i fosterhjemmet som fagsystemet hadde. Invitasjonene var ikke laget ennå, så "
              "møtet er flyttet til 13. januar 2027; invitasjonene lages senest 23. desember "
              "2026 og legges i mappen Innkallinger.",
    "nynorsk": "Det felles møtet var planlagt 12. januar 2027, same dag som eit oppfølgingsbesøk "
               "i fosterheimen som fagsystemet hadde. Invitasjonane var ikkje laga enno, så "
               "møtet er flytta til 13. januar 2027; invitasjonane blir laga seinast 23. "
               "desember 2026 og lagde i mappa Innkallingar."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_joint_meeting_moved_off_the_journals_visit_says_why_in_the_plan(tmp_path, malform):
    """The plan set the joint meeting on 12 January 2027; before its invitations were made
    the journal has a follow-up visit planned that day, and the meeting is planned anew on
    13 January. The plan's notes said nothing of why, where they explain the other moves
    (only the information letter said the dates had changed). They say it, and when the
    invitations are made, in that run and the next."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20")
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    ws.drop("sak2.json", {**case, "eksportert": "2026-11-21", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]})
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert ws.run(day).files_failed == 0
        (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
        text = " ".join(docx_text(plan).split())
        assert tekst(malform).dato_med_ukedag(date(2027, 1, 13)) in text, day
        assert MEETING_MOVED_OFF_VISIT[malform] in text, day


NOT_YET = {"bokmal": "Ikke registrert som holdt ennå", "nynorsk": "Ikkje registrert som halde enno"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_passed_journal_visit_not_known_to_be_held_yet_has_its_row(tmp_path, malform):
    """14 January 2027: the journal's visit of 12 January has passed, and the newest export
    (10 January) was made too soon after to say it was held. It still counts for its part of
    the year, so the plan sets no visit of its own there; but its table had no row for it
    either, and the contact person saw no visit at all between October and April. It is
    listed, its time a dash, «Ikke registrert som holdt ennå» (not overdue), and the case's
    workbook lists it alike."""
    t = tekst(malform)
    fixed = schedule.fixed_dates(case_context().plan)
    case = canonical_case(eksportert="2027-01-10", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}])
    ctx = case_context(case, today=date(2027, 1, 14), fixed=fixed).in_malform(malform)
    rows = _visit_rows(ctx, tmp_path / "plan")
    assert [r for r in rows if r[0] == t.dato_med_ukedag(date(2027, 1, 12))] == [
        [t.dato_med_ukedag(date(2027, 1, 12)), "–", NOT_YET[malform]]]
    assert [r[2] for r in rows] == ["Gjennomført", NOT_YET[malform], "Planlagt", "Planlagt"]
    assert (date(2027, 1, 12), NOT_YET[malform]) in _besok_sheet(ctx, tmp_path / "book")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_denne_maneden_lists_a_passed_journal_visit_not_known_to_be_held_yet(tmp_path,
                                                                             malform):
    """Saksoversikt's «Denne måneden» on 14 January 2027 lists the journal's visit of 12
    January as the plan does, «Ikke registrert som holdt ennå», and «Over fristen» does not
    have it: the export of 10 January could not say it was held."""
    t = tekst(malform)
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", canonical_case(eksportert="2027-01-10", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]))
    assert ws.run(date(2027, 1, 14)).files_failed == 0
    month, what = ("Denne måneden", "Hva") if malform == "bokmal" else ("Denne månaden", "Kva")
    visits = [(r[what], r["Dato"], r["Tid"], r["Status"]) for r in sheet_rows(ws, month, "Sak")
              if r[what] == t("saksoversikt.besok")]
    assert (t("saksoversikt.besok"), datetime(2027, 1, 12), "–", NOT_YET[malform]) in visits, \
        visits
    overdue = xlsx_rows(ws.outbox / "Saksoversikt.xlsx", "Over fristen")
    assert not any(datetime(2027, 1, 12) in r for r in overdue)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_denne_maneden_shows_each_visit_status_on_one_line(tmp_path, malform):
    """Denne måneden's Status column was 12 wide: «Planlagt i fagsystemet» wrapped onto two
    lines, its row twice as high as the others, and «Ikkje registrert som halde enno» is
    longer still. Each status the sheet lists fits on one line, and the rows stay one line
    high (as LibreOffice shows them: checked by PDF)."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", canonical_case(eksportert="2027-01-10", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"},
        {"dato": "2027-01-27", "status": "planlagt"}]))
    assert ws.run(date(2027, 1, 14)).files_failed == 0
    book = load_workbook(ws.outbox / "Saksoversikt.xlsx")
    sheet = book["Denne måneden" if malform == "bokmal" else "Denne månaden"]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Sak")
    (status,) = [cell for cell in header if cell.value == "Status"]
    width = sheet.column_dimensions[status.column_letter].width
    shown = {row[status.column - 1].value: row[0].row
             for row in sheet.iter_rows(min_row=header[0].row + 1) if row[0].value}
    assert {NOT_YET[malform], IN_JOURNAL, "Planlagt"} <= set(shown), shown
    for text, row in shown.items():
        assert wrapped_lines(text, width) == 1, (text, width)
        assert (sheet.row_dimensions[row].height or LINE_HEIGHT) <= LINE_HEIGHT, text


NEAR_VISIT = {
    "bokmal": "Oppfølgingsbesøk 3: 16. mars 2027 kl. 09.00 er 6 dager etter oppfølgingsbesøket "
              "fagsystemet har 10. mars 2027. Besøket kan allerede være avtalt med "
              "fosterhjemmet, så datoen er ikke flyttet: avtal gjerne en annen dato for ett av "
              "besøkene, og registrer den i fagsystemet.",
    "nynorsk": "Oppfølgingsbesøk 3: 16. mars 2027 kl. 09.00 er 6 dagar etter oppfølgingsbesøket "
               "fagsystemet har 10. mars 2027. Besøket kan alt vere avtalt med fosterheimen, så "
               "datoen er ikkje flytta: avtal gjerne ein annan dato for eitt av besøka, og "
               "registrer han i fagsystemet."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_kept_visit_days_from_the_journals_visit_is_spaced_from_it(tmp_path, malform):
    """The plan kept visit 3 on 16 March 2027 (the first days of its part of the year); the
    journal then has a visit planned on 10 March, the last of the part before. The plan
    listed both, two trips to the foster home six days apart. Far enough ahead that nobody
    has arranged it yet, visit 3 is planned anew as a new visit is, a month and two weeks
    from the journal's (14 April); nearer, it may be arranged with the foster home, so it
    stays and the plan says so."""
    t = tekst(malform)
    fixed = schedule.fixed_dates(case_context().plan)
    fixed[(schedule.VISIT, 3, 1, None)] = (date(2027, 3, 16), datetime(2027, 3, 16, 9).time())
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-03-10", "status": "planlagt"}])
    far = case_context(case, fixed=fixed, invitation_days_before=21).in_malform(malform)
    rows = [r[::2] for r in _visit_rows(far, tmp_path / "far")]
    assert rows == [[t.dato_med_ukedag(date(2026, 10, 13)), "Gjennomført"],
                    [t.dato_med_ukedag(date(2027, 3, 10)), IN_JOURNAL],
                    [t.dato_med_ukedag(date(2027, 4, 14)), "Planlagt"],
                    [t.dato_med_ukedag(date(2027, 8, 2)), "Planlagt"]]
    assert NEAR_VISIT[malform] not in _plan_text(far, tmp_path / "far_text")

    near = case_context(case, today=date(2027, 3, 1), fixed=fixed,
                        invitation_days_before=21).in_malform(malform)
    assert [t.dato_med_ukedag(date(2027, 3, 16)), "Planlagt"] in [
        r[::2] for r in _visit_rows(near, tmp_path / "near")]
    assert NEAR_VISIT[malform] in _plan_text(near, tmp_path / "near_text")


CHILD_MOVED_OFF_VISIT = {
    "bokmal": "Barnet, tema 4: planlagt 1. februar 2027, samme dag som et oppfølgingsbesøk i "
              "fosterhjemmet som fagsystemet hadde. Innkallingen var ikke laget ennå, så "
              "samtalen er flyttet til {ny}; innkallingen lages senest {laget} og legges i "
              "mappen Innkallinger.",
    "nynorsk": "Barnet, tema 4: planlagd 1. februar 2027, same dag som eit oppfølgingsbesøk i "
               "fosterheimen som fagsystemet hadde. Innkallinga var ikkje laga enno, så "
               "samtalen er flytta til {ny}; innkallinga blir laga seinast {laget} og lagd i "
               "mappa Innkallingar."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_conversation_moved_off_the_journals_visit_says_why_in_the_plan(tmp_path, malform):
    """The plan set the child's theme 4 on 1 February 2027; before its invitation was made
    the journal has a follow-up visit planned that day, and the conversation is planned
    anew. The plan showed the new day without a word (the joint meeting moved so is
    explained). Its notes say why and when the invitation is made, in that run and the
    next, and the same in Saksoversikt's «Merknad om planen»."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20")
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    ws.drop("sak2.json", {**case, "eksportert": "2026-11-21", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-02-01", "status": "planlagt"}]})
    t = tekst(malform)
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert ws.run(day).files_failed == 0
        (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
        text = " ".join(docx_text(plan).split())
        said = CHILD_MOVED_OFF_VISIT[malform].split("{ny}")[0]
        found = re.search(re.escape(said) + r"(\d+)\. (\w+) (\d{4});", text)
        assert found is not None, (day, text)
        new = date(int(found[3]), MONTHS.index(found[2]) + 1, int(found[1]))
        # The new day is the child's theme 4 in the plan's table, not 1 February.
        assert new != date(2027, 2, 1) and t.dato_med_ukedag(new) in text
        note = CHILD_MOVED_OFF_VISIT[malform].format(
            ny=norsk_dato(new), laget=norsk_dato(letter_day(new, 21)))
        assert note in text, (day, text)
        book = load_workbook(ws.outbox / "Saksoversikt.xlsx")
        (row,) = [" ".join(str(v) for v in r if v) for r in
                  book["Saker"].iter_rows(values_only=True) if r and r[0] == "2026-0412"]
        assert note in " ".join(row.split()), day


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_too_few_visits_waits_while_the_journals_visit_may_be_registered(tmp_path, malform):
    """14 January 2027: the journal's visit of 12 January passed, and the newest export (10
    January) was made too soon to say it was held. The plan counts it for its part of the
    year and sets none beside it, but Avvik counted it neither held nor to come: «For få
    oppfølgingsbesøk» (1 held and 2 to come of 4) for that week. It waits, on Avvik and in
    the case's «Dette må følges opp», while the visit may still be registered as held."""
    t = tekst(malform)
    said = t("funn.besok_for_fa", dato="D", aar=1, minimum=4, holdt="H", planlagt="P") \
        .split(" H ")[0]
    what = "Hva" if malform == "bokmal" else "Kva"
    visits = [{"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", canonical_case(eksportert="2027-01-10", oppfolgingsbesok=visits))
    assert ws.run(date(2027, 1, 14)).files_failed == 0
    rows = [r[what] for r in sheet_rows(ws, "Avvik", "Sak")]
    assert rows and not [r for r in rows if r.startswith(said)], rows
    book = load_workbook(next(ws.case_folder("2026-0412").glob("04 *.xlsx")))
    todo = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert not [c for c in todo if c.startswith(said)], todo


def _fill_of(sheet, row: int, status_col: str, status: str) -> str | None:
    """The fill the sheet's colour rules give the row whose Status is status (the first
    rule that holds, as stopIfTrue makes it): only rules that compare the Status cell with a
    text are asked (the date rules ask for «Planlagt», which this row is not)."""
    for rng in sheet.conditional_formatting:
        if not any(cells.min_row <= row <= cells.max_row for cells in rng.sqref.ranges):
            continue
        for rule in rng.rules:
            said = re.findall(rf'\${status_col}\d+="([^"]+)"', rule.formula[0])
            if status in said:
                return rule.dxf.fill.bgColor.rgb[-6:]
    return None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_not_known_to_be_held_yet_is_yellow_as_waiting_statuses_are(tmp_path, malform):
    """«Ikke registrert som holdt ennå» was left white on the case's Besøk sheet and in
    Saksoversikt's «Denne måneden», where red says overdue and yellow says something waits
    (a planned visit due soon, «Lovfrist», «Avsluttes snart»). Its row is yellow, the same
    fill as those; not the red of «Over fristen»."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    ws.drop("sak.json", canonical_case(eksportert="2027-01-10", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]))
    assert ws.run(date(2027, 1, 14)).files_failed == 0
    saker = load_workbook(ws.outbox / "Saksoversikt.xlsx")
    # The yellow of «Avsluttes snart» on Saker.
    yellow = _fill_of(saker["Saker"], 6, "L", tekst(malform)("saksoversikt.avsluttes_snart"))
    assert yellow is not None
    month = saker["Denne måneden" if malform == "bokmal" else "Denne månaden"]
    (row,) = [r[0].row for r in month.iter_rows() if r[6].value == NOT_YET[malform]]
    assert _fill_of(month, row, "G", NOT_YET[malform]) == yellow
    book = load_workbook(next(ws.case_folder("2026-0412").glob("04 *.xlsx")))
    visits = book["Besøk"]
    (row,) = [r[0].row for r in visits.iter_rows() if r[1].value == NOT_YET[malform]]
    assert _fill_of(visits, row, "B", NOT_YET[malform]) == yellow


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_journal_visit_moved_to_another_day_is_listed_once(tmp_path, malform):
    """The journal had a visit planned on 12 January 2027; its next export has it on 19
    January instead (the visit moved). The plan listed both, «Planlagt i fagsystemet», two
    visits where the journal has one, and the day left stayed planned: it would have been
    «Ikke registrert som holdt ennå» once passed and counted for its part of the year. A
    later export of the journal says which visits it has planned: only 19 January is."""
    t = tekst(malform)
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}])
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    ws.drop("sak2.json", {**case, "eksportert": "2026-11-25", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-01-19", "status": "planlagt"}]})
    assert ws.run(date(2026, 11, 26)).files_failed == 0
    (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
    rows = next([[c.text for c in row.cells] for row in table.rows][1:]
                for table in Document(str(plan)).tables
                if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])
    days = [r[0] for r in rows if r[2] == IN_JOURNAL]
    assert days == [t.dato_med_ukedag(date(2027, 1, 19))], rows


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_joint_meeting_moved_off_a_visit_the_journal_then_moved_still_says_a_visit(
        tmp_path, malform):
    """The joint meeting moved off 12 January 2027, the day of a visit the journal had
    planned, to 13 January. Days later the journal moves that visit to 19 January. The plan's
    note then said the meeting had been «samtidig med en samtale som fagsystemet har den
    dagen», a conversation nobody has: it still says it moved off a follow-up visit, and the
    meeting stays on 13 January. That visit is no longer on 12 January: the note says what
    the journal had then («som fagsystemet hadde»), not «som fagsystemet har»."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20")
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    ws.drop("sak2.json", {**case, "eksportert": "2026-11-21", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}]})
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    ws.drop("sak3.json", {**case, "eksportert": "2026-11-25", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-01-19", "status": "planlagt"}]})
    assert ws.run(date(2026, 11, 26)).files_failed == 0
    (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
    text = " ".join(docx_text(plan).split())
    assert MEETING_MOVED_OFF_VISIT[malform] in text
    assert ("samtidig med en samtale" if malform == "bokmal" else "samstundes med ein samtale") \
        not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_journal_visit_registered_held_a_day_late_is_counted_once(tmp_path, malform):
    """The journal had a visit planned on 12 January 2027; it was held on 13 January, and
    the next export has it so (the 12th no longer planned). The plan kept the 12th
    «Ikke registrert som holdt ennå» beside the 13th «Gjennomført»: one visit, two rows."""
    t = tekst(malform)
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2027-01-10", oppfolgingsbesok=[
        {"dato": "2026-10-13"}, {"dato": "2027-01-12", "status": "planlagt"}])
    ws.drop("sak.json", case)
    assert ws.run(date(2027, 1, 14)).files_failed == 0
    ws.drop("sak2.json", {**case, "eksportert": "2027-01-15", "oppfolgingsbesok": [
        {"dato": "2026-10-13"}, {"dato": "2027-01-13"}]})
    assert ws.run(date(2027, 1, 15)).files_failed == 0
    (plan,) = ws.case_folder("2026-0412").glob("01 *.docx")
    rows = next([[c.text for c in row.cells] for row in table.rows][1:]
                for table in Document(str(plan)).tables
                if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])
    assert [r for r in rows if "januar 2027" in r[0]] == [
        [t.dato_med_ukedag(date(2027, 1, 13)), "–", "Gjennomført"]], rows
    assert "Gjennomført 2 av 4." in " ".join(docx_text(plan).split())


@pytest.mark.parametrize("kept", [False, True])
def test_the_visit_after_the_journals_early_visit_is_within_120_days(tmp_path, kept):
    """The journal has a visit planned on 15 March 2027, the first days of its part of the
    year: it is that part's visit, and the plan set the next one as the next part's, on 2
    August 2027 (14 July is in the summer weeks): 140 days after, where Saksoversikt counts
    more than 120 days between visits an «Opphold mellom besøk» (max_visit_gap_days). The
    next visit comes within 120 days of the journal's, before the summer weeks: 9 July, in a
    new plan and in one that kept 2 August while nobody can have arranged it yet."""
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-03-15", "status": "planlagt"}])
    fixed = schedule.fixed_dates(case_context().plan) if kept else None
    ctx = case_context(case, fixed=fixed, invitation_days_before=21)
    after = [v.dato for v in ctx.plan.visits if v.dato > date(2027, 3, 15)]
    assert after == [date(2027, 7, 9)], after


def _journal_visit_days(workspace) -> list[str]:
    """The days the plan's table of visits lists «Planlagt i fagsystemet»."""
    (plan,) = workspace.case_folder("2026-0412").glob("01 *.docx")
    rows = next([[c.text for c in row.cells] for row in table.rows][1:]
                for table in Document(str(plan)).tables
                if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])
    return [r[0] for r in rows if r[2] == IN_JOURNAL]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_later_export_that_lists_no_visits_drops_the_journals_planned_one(tmp_path,
                                                                            malform):
    """The journal had a visit planned on 19 January 2027; the next export lists no visits
    at all («oppfolgingsbesok»: [], the visit cancelled in the journal). The plan kept
    19 January «Planlagt i fagsystemet», as an export listing other visits would not: an
    export that gives the list says which visits the journal has planned, also when it
    lists none."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20", oppfolgingsbesok=[
        {"dato": "2027-01-19", "status": "planlagt"}])
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    assert _journal_visit_days(ws) == [tekst(malform).dato_med_ukedag(date(2027, 1, 19))]
    ws.drop("sak2.json", {**case, "eksportert": "2026-11-25", "oppfolgingsbesok": []})
    assert ws.run(date(2026, 11, 26)).files_failed == 0
    assert _journal_visit_days(ws) == []


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_later_export_without_visits_keeps_the_journals_planned_one(tmp_path, malform):
    """The same, with the next export leaving «oppfolgingsbesok» out: it says nothing of
    visits (as an end date left out says nothing), and 19 January stays."""
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    case = canonical_case(eksportert="2026-11-20", oppfolgingsbesok=[
        {"dato": "2027-01-19", "status": "planlagt"}])
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    later = {k: v for k, v in case.items() if k != "oppfolgingsbesok"}
    ws.drop("sak2.json", {**later, "eksportert": "2026-11-25"})
    assert ws.run(date(2026, 11, 26)).files_failed == 0
    assert _journal_visit_days(ws) == [tekst(malform).dato_med_ukedag(date(2027, 1, 19))]
