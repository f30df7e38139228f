"""The foster family's «Samvær og samarbeid» minutes asked «Trengs felles møter …» while the plan
has set a joint meeting with the parents (with its date in their letters): now they ask what
they want to raise there, without naming its day and time (the plan does: helper 506, minutes
naming it got a copy «(ny versjon)» beside the one a caseworker was writing in whenever the
meeting moved); the old question where no meeting is set, or it is only offered (a demanding
cooperation climate). And «Filmen viser foreldrenes side av saken» names the film, as the
theme's tools list it («Samarbeid er best for barnet»), and in bokmål says «viser hvordan
foreldrene ser saken», as nynorsk «viser korleis foreldra ser saka», not «foreldrenes side av
saken», which sounded like a dispute. Minutes in the words before that a caseworker is writing
in keep their issue, with no copy «(ny versjon)» beside them; those nobody wrote in get the new
words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, texts, write_in
from .test_minutes_dates_question import _in_the_words_before

THEME_2 = "Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"
SET = {"bokmal": "Det er satt opp et felles møte med foreldrene (dato og tid står i "
                 "oppfølgingsplanen). Hva vil dere ta opp der?",
       "nynorsk": "Det er sett opp eit felles møte med foreldra (dato og tid står i "
                  "oppfølgingsplanen). Kva vil de ta opp der?"}
NEEDED = {"bokmal": "Trengs felles møter eller familieråd, og hvilken rolle har foreldrene i en "
                    "eventuell ansvarsgruppe?",
          "nynorsk": "Trengst felles møte eller familieråd, og kva rolle har foreldra i ei "
                     "eventuell ansvarsgruppe?"}
FILM = {"bokmal": "Filmen «Samarbeid er best for barnet» viser hvordan foreldrene ser saken – "
                  "hvilke tanker får dere, og hvordan preger Sofies erfaringer samarbeidet med "
                  "foreldrene?",
        "nynorsk": "Filmen «Samarbeid er best for barnet» viser korleis foreldra ser saka – kva "
                   "tankar får de, og korleis pregar erfaringane til Sofie samarbeidet med "
                   "foreldra?"}
FILM_BEFORE = "Filmen viser foreldrenes side av saken"


def _theme_2(tmp_path, malform: str = "bokmal", case: dict | None = None):
    ctx = case_context(case).in_malform(malform)
    folder = "Referater" if malform == "bokmal" else "Referat"
    return ctx, texts(ctx, "referat", tmp_path)[f"{folder}/{THEME_2}"]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_minutes_ask_what_to_raise_at_the_joint_meeting_set(tmp_path, malform):
    ctx, text = _theme_2(tmp_path, malform)
    assert ctx.plan.joint_meeting is not None
    assert SET[malform] in text
    assert NEEDED[malform] not in text
    assert "12. januar 2027" not in text and "kl. 10.00" not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_old_question_where_the_meeting_is_only_offered(tmp_path, malform):
    """A demanding cooperation climate: the joint meeting is an offer, not set."""
    _, text = _theme_2(tmp_path, malform, canonical_case(samarbeidsklima="krevende"))
    assert NEEDED[malform] in text
    assert "er satt opp" not in text and "er sett opp" not in text


def test_the_old_question_where_no_meeting_is_set(tmp_path):
    """Both parents declined: no joint meeting."""
    case = canonical_case()
    case["foreldre"] = [{**f, "takker_ja": False} for f in case["foreldre"]]
    ctx, text = _theme_2(tmp_path, case=case)
    assert ctx.plan.joint_meeting is None
    assert NEEDED["bokmal"] in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_question_about_the_film_names_it(tmp_path, malform):
    _, text = _theme_2(tmp_path, malform)
    assert FILM[malform] in text
    assert "Filmen viser" not in text
    assert "side av saken" not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_minutes_written_in_the_words_before_keep_their_issue(workspace, monkeypatch,
                                                              malform):
    from omsorgspakke_docs.text import tekst

    workspace.in_malform(malform)
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    minutes = folder / THEME_2
    assert NEEDED[malform] in docx_text(minutes)
    as_written = write_in(minutes)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written


def test_minutes_nobody_wrote_in_get_the_new_words(workspace, monkeypatch):
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    with monkeypatch.context() as patched:
        _in_the_words_before(patched)
        assert workspace.run(TODAY).files_failed == 0
    minutes = workspace.case_folder("2026-0412") / "Referater" / THEME_2
    assert FILM_BEFORE in docx_text(minutes)
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    text = docx_text(minutes)
    assert FILM["bokmal"] in text and FILM_BEFORE not in text
    assert SET["bokmal"] in text and NEEDED["bokmal"] not in text


def _meeting_moved(workspace, malform: str, write: bool):
    """The year's documents made, the foster family's theme 2 minutes written in (write) or
    not, and the next export moving the father's theme 2 a week later: the joint meeting,
    which follows it, moves from 12 to 19 January; the foster family's theme 2 does not."""
    from omsorgspakke_docs.text import tekst

    workspace.in_malform(malform)
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(TODAY).files_failed == 0
    case_folder = workspace.case_folder("2026-0412")
    minutes = case_folder / tekst(malform)("fil.referater") / THEME_2
    made = minutes.read_bytes()
    assert SET[malform] in docx_text(minutes)
    as_written = write_in(minutes) if write else made
    day = TODAY + timedelta(days=1)
    moved = {"part": "foreldre", "forelder": 1, "tema": 2, "nummer": 1, "dato": "2027-01-12",
             "klokkeslett": "10:00", "status": "planlagt"}
    case = canonical_case()
    workspace.drop("sak2.json", {**case, "eksportert": day.isoformat(),
                                 "samtaler": [*case["samtaler"], moved]})
    summary = workspace.run(day)
    assert summary.files_failed == 0
    plan = docx_text(next(case_folder.glob("01 *.docx")))
    assert "12. januar 2027 kl. 10.00" not in plan
    assert "19. januar 2027" in plan  # the meeting moved
    return summary, minutes, as_written


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_minutes_written_in_get_no_copy_when_the_joint_meeting_moves(workspace, malform):
    summary, minutes, as_written = _meeting_moved(workspace, malform, write=True)
    assert summary.new_versions == []
    assert not list(minutes.parent.parent.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written
    text = docx_text(minutes)
    assert "Skrevet av kontaktpersonen" in text and SET[malform] in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_minutes_nobody_wrote_in_stay_in_place_when_the_joint_meeting_moves(workspace,
                                                                            malform):
    summary, minutes, _ = _meeting_moved(workspace, malform, write=False)
    assert summary.new_versions == []
    assert not list(minutes.parent.parent.glob("**/*ny versjon*"))
    text = docx_text(minutes)
    assert SET[malform] in text and "januar 2027" not in text
