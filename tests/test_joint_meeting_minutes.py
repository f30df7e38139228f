"""Minutes for the joint meeting of parents, foster parents and the service: made with its
invitations, pre-filled with when, where and who is invited, with the meeting's own outline
and places to write. They go in the journal; one put back in the inbox is set aside with a
note saying so, and nothing in the case changes."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta

from omsorgspakke_docs.documents import opens
from omsorgspakke_docs.rendering import minutes_marker as mm

from .conftest import canonical_case, make_workspace
from .doc_helpers import case_context, render
from .test_minutes_prefilled import all_text

NAME = "Referater/Felles møte.docx"


def _on_the_day_letters_open(ctx):
    """The context on the day the meeting's letters are made (documents.opens)."""
    ctx.today = opens(ctx, ctx.plan.joint_meeting.dato)
    return ctx


def test_the_joint_meetings_minutes_come_with_its_invitations(tmp_path):
    ctx = _on_the_day_letters_open(case_context(invitation_days_before=21))
    meeting = ctx.plan.joint_meeting
    made = render(ctx, "fellesmote_referat", tmp_path)
    assert list(made) == [NAME]
    text = all_text(made[NAME])
    assert "Referat – felles møte" in text
    assert (f"{ctx.t.dato_med_ukedag(meeting.dato)}, kl. {meeting.start:%H.%M}–"
            f"{meeting.slutt:%H.%M}") in text
    assert INVITED in text
    assert ("Møtet samler foreldrene til Sofie, fosterforeldrene og barnevernstjenesten, slik "
            "at de kan bli bedre kjent") in text
    assert "Møtet bygger videre på samtalene om «Samvær og samarbeid» med hver av dem." in text
    # The father needs an interpreter (the example case): a row to say who interpreted.
    assert "Tolk på arabisk for far: skriv navnet på tolken" in text
    for heading in ("Plan for møtet", "Hvordan Sofie har det", "Samvær og kontakt",
                    "Samarbeidet framover", "Avtaler", "Oppsummering"):
        assert heading in text
    # The meeting's words in the places to write, not a conversation's.
    assert "Skriv datoen møtet ble holdt." in text
    assert "samtalen ble holdt" not in text and "delen av samtalen" not in text
    # Where it goes: the journal, not the inbox.
    assert "Referatet legges i journalen i fagsystemet." in text
    with zipfile.ZipFile(made[NAME]) as archive:
        assert mm.is_joint_meeting(archive) and mm.find_marker(archive) is None


def test_the_minutes_name_who_meets_as_the_case_has_them(tmp_path):
    """One parent taking part and one foster parent: not «foreldrene og fosterforeldrene»;
    no interpreter, no row for one."""
    case = canonical_case()
    case["foreldre"] = [case["foreldre"][0]]  # the mother, no interpreter
    case["fosterfamilie"]["fosterforeldre"] = case["fosterfamilie"]["fosterforeldre"][:1]
    ctx = _on_the_day_letters_open(case_context(case, invitation_days_before=21))
    text = all_text(next(iter(render(ctx, "fellesmote_referat", tmp_path).values())))
    assert "Møtet samler moren til Sofie, fosterforelderen og barnevernstjenesten" in text
    assert "hos moren sin" in text
    assert "Tolk" not in text


INVITED = ("Camilla Lindqvist (mor)\nAhmad Hansen (far)\nKari Øvrebø (fosterforelder)\n"
           "Jon Åge Øvrebø (fosterforelder)\nIngrid Bakke & Berg (kontaktperson)")
"""The minutes' «Invitert» for the example case: by name and role, one a line."""


def test_the_minutes_name_the_people_invited_as_the_conversations_minutes_do(tmp_path):
    """«Invitert» gave roles («Mor, far, fosterforeldrene og kontaktpersonen …») where the
    parents' minutes name people («Invitert: Ahmad Hansen og Ingrid Bakke & Berg»): now each
    by name and role, one a line; a parent who declined is not invited; one the journal does
    not name is said by the role (helper 171, finding 14). Nynorsk the same."""
    ctx = _on_the_day_letters_open(case_context(invitation_days_before=21))
    for malform in ("bokmal", "nynorsk"):
        text = all_text(next(iter(render(ctx.in_malform(malform), "fellesmote_referat",
                                         tmp_path / malform).values())))
        assert INVITED in text, malform
        assert "Mor, far, fosterforeldrene" not in text
    case = canonical_case()
    case["foreldre"][0]["takker_ja"] = False  # the mother declined: not invited
    del case["foreldre"][1]["fornavn"], case["foreldre"][1]["etternavn"]
    for foster in case["fosterfamilie"]["fosterforeldre"]:
        del foster["fornavn"], foster["etternavn"]
    ctx = _on_the_day_letters_open(case_context(case, invitation_days_before=21))
    text = all_text(next(iter(render(ctx, "fellesmote_referat", tmp_path / "roles").values())))
    assert "Far\nFosterforeldrene\nIngrid Bakke & Berg (kontaktperson)" in text
    assert "Camilla" not in text


def test_no_minutes_before_the_meetings_letters_are_made(tmp_path):
    ctx = _on_the_day_letters_open(case_context(invitation_days_before=21))
    ctx.today -= timedelta(days=1)
    assert render(ctx, "fellesmote_referat", tmp_path) == {}


def test_the_joint_meetings_minutes_in_nynorsk(tmp_path):
    ctx = _on_the_day_letters_open(case_context(invitation_days_before=21))
    made = render(ctx.in_malform("nynorsk"), "fellesmote_referat", tmp_path)
    [path] = made.values()
    assert path.as_posix().endswith("Referat/Felles møte.docx")
    text = all_text(path)
    assert "Møtet byggjer vidare på samtalane om" in text
    assert "Skriv datoen møtet vart halde." in text
    assert "Referatet skal i journalen i fagsystemet." in text


def test_the_joint_meetings_minutes_put_in_the_inbox_are_set_aside_saying_why(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    day = date(2027, 1, 4)  # the meeting (January) is in its letters' window: refreshed
    ws.run(today=day)
    minutes = ws.case_folder("2026-0412") / NAME
    state_before = sorted((p.name, p.read_bytes()) for p in (ws.state / "cases").glob("*"))
    ws.drop("Felles møte.docx", minutes.read_bytes())
    summary = ws.run(today=day)
    assert summary.files_failed == 1 and summary.cases == 0
    note = (ws.failed / "Felles møte.docx.feil.txt").read_text(encoding="utf-8")
    assert "Dette er referatet fra det felles møtet. Det leses ikke inn her.\n" \
           "Ingenting fra denne filen er lest inn." in note  # not «Ingen saker … fått dokumenter»
    assert "Følg det som står under tittelen i referatet, om hvordan det kommer i journalen." \
        in note
    assert (ws.failed / "Felles møte.docx").read_bytes() == minutes.read_bytes()  # not lost
    assert sorted((p.name, p.read_bytes()) for p in (ws.state / "cases").glob("*")) \
        == state_before


def test_the_minutes_list_the_parents_in_the_invitations_order(tmp_path):
    """An export listing the father first: the minutes' «Invitert» still lists the mother,
    then the father, as the invitations name them (before: in the export's order, «Ahmad
    Hansen (far)» first)."""
    case = canonical_case()
    case["foreldre"].reverse()
    ctx = _on_the_day_letters_open(case_context(case, invitation_days_before=21))
    text = all_text(next(iter(render(ctx, "fellesmote_referat", tmp_path).values())))
    assert INVITED in text
