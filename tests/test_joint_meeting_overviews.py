"""The joint meeting is in the overviews beside the conversations: the case's follow-up
workbook lists it, and the team leader's «Denne måneden» has it in the month it is held.
No export says whether a joint meeting was held, so one whose day has passed has no status
and a note saying why, never «Over fristen»."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import load_workbook

from omsorgspakke_docs.documents import caseload
from omsorgspakke_docs.planning.workdays import norsk_dato

from .conftest import canonical_case
from .doc_helpers import case_context, render, texts


def _meeting_rows(ctx, tmp_path) -> list[dict]:
    """The rows of the case workbook's Samtaler sheet about the joint meeting."""
    path = next(iter(render(ctx, "oversikt", tmp_path).values()))
    sheet = load_workbook(path).worksheets[1]  # Samtaler (nynorsk: Samtalar)
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "Part")
    return [dict(zip(header, r, strict=False)) for r in rows if r[0] == "Felles møte"]


def test_the_case_workbook_lists_the_joint_meeting_as_the_plan_has_it(tmp_path):
    ctx = case_context()
    meeting = ctx.plan.joint_meeting
    assert meeting is not None
    [row] = _meeting_rows(ctx, tmp_path / "a")
    assert row["Dato"].date() == meeting.dato and row["Status"] == "Planlagt"
    assert row["Tid"] == f"{meeting.start:%H.%M}–{meeting.slutt:%H.%M}"
    assert row["Tittel"] == "Mor, far, fosterforeldrene og kontaktpersonen Ingrid Bakke & Berg"
    assert row["Merknad"] is None
    plan = next(iter(texts(ctx, "oppfolgingsplan", tmp_path / "b").values()))
    assert norsk_dato(meeting.dato) in plan  # the day the plan gives


def test_a_joint_meeting_whose_day_has_passed_is_not_overdue_and_says_why(tmp_path):
    ctx = case_context()
    ctx.today = ctx.plan.joint_meeting.dato + timedelta(days=1)  # the same plan, a day later
    [row] = _meeting_rows(ctx, tmp_path)
    assert row["Status"] is None
    assert row["Merknad"] == ("Datoen er passert. Eksporten fra fagsystemet viser ikke om "
                              "møtet ble holdt.")
    [nynorsk] = _meeting_rows(ctx.in_malform("nynorsk"), tmp_path / "nn")
    assert nynorsk["Merknad"] == ("Datoen er passert. Eksporten frå fagsystemet viser ikkje "
                                  "om møtet vart halde.")
    rows = caseload._case_rows(ctx, "2026-0412")
    assert not any("Felles møte" in r["hva"] for r in rows["denne_maneden"] + rows["forfalt"])


def test_a_plan_made_after_the_meetings_day_says_it_was_planned_not_that_it_is_coming(
        tmp_path):
    """The plan made again after the meeting's day (the next export) does not say the
    meeting is coming: it says when it was to be and, as the case workbook, that no export
    says whether it was held."""
    ctx = case_context()
    meeting = ctx.plan.joint_meeting
    day = norsk_dato(meeting.dato)
    before = next(iter(texts(ctx, "oppfolgingsplan", tmp_path / "a").values()))
    assert "Mor, far, fosterforeldrene og kontaktpersonen Ingrid Bakke & Berg møtes " in before
    assert "skulle møtes" not in before and "Datoen er passert" not in before
    ctx.today = meeting.dato + timedelta(days=1)
    after = next(iter(texts(ctx, "oppfolgingsplan", tmp_path / "b").values()))
    said = next(line for line in after.splitlines() if "skulle møtes" in line)
    assert said.startswith("Mor, far, fosterforeldrene og kontaktpersonen Ingrid Bakke & "
                           "Berg skulle møtes ")
    assert day in said and " var tatt opp med hver av dem " in said
    assert said.endswith("Datoen er passert, og eksporten fra fagsystemet viser ikke om "
                         "møtet ble holdt.")
    assert "Ingrid Bakke & Berg møtes " not in after
    nynorsk = next(iter(texts(ctx.in_malform("nynorsk"), "oppfolgingsplan",
                              tmp_path / "nn").values()))
    said = next(line for line in nynorsk.splitlines() if "skulle møtast" in line)
    assert " var teke opp med kvar av dei " in said
    assert said.endswith("Datoen er passert, og eksporten frå fagsystemet viser ikkje om "
                         "møtet vart halde.")


def test_the_information_letters_rows_stay_the_same_when_the_meetings_day_passes():
    """The parents' information letters list the joint meeting: what the plan says once its
    day has passed (passert) is not theirs. Their rows are fingerprinted whole, so a value
    that changed with the day would make each letter again, a new version beside one the
    office may have edited."""
    from omsorgspakke_docs.documents import informasjonsbrev

    ctx = case_context()
    meeting = ctx.plan.joint_meeting
    before = {f: informasjonsbrev._dates(ctx, f) for f in (0, 1)}
    assert all(any(row[2].get("overskrift", "").startswith("Felles møte") for row in rows)
               for rows in before.values())
    ctx.today = meeting.dato + timedelta(days=1)
    assert {f: informasjonsbrev._dates(ctx, f) for f in (0, 1)} == before


def test_the_team_leader_sees_the_joint_meeting_in_its_month():
    ctx = case_context()
    meeting = ctx.plan.joint_meeting
    ctx.today = meeting.dato.replace(day=1)
    rows = caseload._case_rows(ctx, "2026-0412")["denne_maneden"]
    [row] = [r for r in rows if r["hva"] == "Felles møte for foreldre og fosterforeldre"]
    assert row["dato"] == meeting.dato and row["status"] == "Planlagt"
    assert row["tid"] == f"{meeting.start:%H.%M}–{meeting.slutt:%H.%M}"
    ctx = case_context()
    ctx.today = meeting.dato - timedelta(days=60)  # two months before: not yet
    assert not any("Felles" in r["hva"] for r in caseload._case_rows(ctx, "x")["denne_maneden"])


def test_a_joint_meeting_that_is_an_offer_says_so_in_the_case_workbook(tmp_path):
    """A demanding climate makes the meeting an offer (tests/test_placement.py)."""
    [row] = _meeting_rows(case_context(canonical_case(samarbeidsklima="konflikt")), tmp_path)
    assert row["Merknad"] == "Et tilbud, ikke en fast del av planen (se oppfølgingsplanen)."
    assert row["Status"] == "Planlagt"


def test_a_templates_joint_meeting_status_is_never_overdue_nor_held(tmp_path):
    """fellesmote.status, as a municipality's own plan or letter would show it: «Planlagt»
    while the meeting is ahead, nothing once its day has passed (as the case workbook's
    Status), never «Over fristen» for a meeting nobody can register, nor «Gjennomført»,
    which no export can say. The field help says so."""
    from omsorgspakke_docs.rendering import fields

    from .doc_helpers import KINDS

    def status(days_after: int, malform: str) -> str:
        ctx = case_context()  # the same plan, on the meeting's day or after it
        ctx.today = ctx.plan.joint_meeting.dato + timedelta(days=days_after)
        [plan] = KINDS["oppfolgingsplan"].documents(ctx.in_malform(malform))
        return plan.context["fellesmote"]["status"]

    assert status(0, "bokmal") == "Planlagt" == status(0, "nynorsk")
    assert status(1, "bokmal") == "" == status(1, "nynorsk")
    [help_text] = [g.fields["status"] for g in fields.GROUPS if g.key == "fellesmote"]
    assert "Planlagt" in help_text and "tom når den er passert" in help_text
    assert "Planlagt, Gjennomført" not in help_text
