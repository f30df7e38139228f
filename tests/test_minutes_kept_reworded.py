"""Minutes a caseworker is writing in keep their issue through this release's new words and
title (helper 207) on the runs a service makes after it (helper 213's review): in nynorsk,
and when the journal later gives the child's sex, so that the questions say «hun» or «han»
where the minutes say the name."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case, docx_text
from .doc_helpers import write_in
from .test_minutes_child_named_once import TITLES, TODAY, _as_the_release_before, _case, _minutes
from .test_minutes_dates_question import _in_the_words_before


def _write_in(folder, names) -> dict:
    """A line typed in each of the minutes, saved as python-docx saves (as Word would)."""
    return {path: write_in(path) for path in (folder / name for name in names)}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_minutes_written_in_are_kept_when_the_journal_gives_the_childs_sex(workspace, malform):
    """Minutes made by this release without the child's sex (a question names the child
    once: «Hva vet Sofie om grunnen til flyttingen …»), written in, and then an export with
    the child's sex: the questions now say «hun». The minutes written in stay as they are,
    with no copy «(ny versjon)» beside them."""
    made = _minutes(workspace, malform, _case(kjonn=None))
    parents_file = TITLES[malform][1]
    assert parents_file in made
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    as_written = _write_in(folder, [parents_file])
    day = TODAY + timedelta(days=1)
    workspace.drop("sak2.json", {**_case(kjonn="jente"), "eksportert": day.isoformat()})
    summary = workspace.run(day)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert {path: path.read_bytes() for path in as_written} == as_written
    father = docx_text(folder / parents_file.replace("- mor", "- far"))
    assert "hun" in father or "ho " in father  # made again in place: «hun» now


def test_minutes_written_in_in_nynorsk_get_no_copy_and_the_others_the_new_words(
        workspace, monkeypatch):
    """As in bokmål (test_minutes_child_named_once): nynorsk minutes made by the release
    before and written in are kept; those nobody wrote in are made again with the title
    naming the child."""
    with monkeypatch.context() as patched:
        _as_the_release_before(patched)
        before = _minutes(workspace, "nynorsk", _case(kjonn=None))
    assert "Tema 4: Kvifor måtte barnet flytte?" in before[TITLES["nynorsk"][1]]
    folder = workspace.case_folder("2026-0412") / "Referat"
    as_written = _write_in(folder, [TITLES["nynorsk"][1]])
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert {path: path.read_bytes() for path in as_written} == as_written
    father = docx_text(folder / "Foreldre" / "Tema 4 - Kvifor måtte barnet flytte - far.docx")
    assert "Referat – Tema 4: Kvifor måtte Sofie flytte?" in father



@pytest.mark.parametrize("kjonn", [None, "jente"])
def test_minutes_written_in_are_kept_through_a_later_export(workspace, kjonn):
    """Minutes made by this release, written in, and the case's next export (nothing about
    the child changed): kept, no copy beside them."""
    _minutes(workspace, "bokmal", _case(kjonn=kjonn))
    folder = workspace.case_folder("2026-0412") / "Referater"
    as_written = _write_in(folder, [TITLES["bokmal"][1]])
    day = TODAY + timedelta(days=1)
    workspace.drop("sak2.json", {**_case(kjonn=kjonn), "eksportert": day.isoformat()})
    summary = workspace.run(day)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert {path: path.read_bytes() for path in as_written} == as_written


FOSTER_THEME_2 = "Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"
SIBLINGS = {"bokmal": ("Hvordan kan Sofie holde kontakten med søsken og andre viktige "
                       "personer i familien og nettverket?",
                       "som betyr mye for henne?"),
            "nynorsk": ("Korleis kan Sofie halde kontakten med sysken og andre viktige "
                        "personar i familien og nettverket?",
                        "som betyr mykje for henne?")}
"""The foster family's theme 2 question the child's sex rewords (without it, then with it)."""


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("written", [True, False])
def test_the_foster_familys_theme_2_minutes_through_the_childs_sex(workspace, malform,
                                                                   written):
    """Helper 506: the foster family's «Samvær og samarbeid», made by this release without
    the child's sex, and an export with it (a question now says «henne»). Their film
    question was reworded in this release too (sporsmal_for): the minutes' issue was
    looked for in the film's words before, which they never showed, and a copy «(ny
    versjon)» came beside the minutes being written in. Now those are kept as written;
    minutes nobody wrote in are made again in place with «henne»."""
    case = canonical_case()
    case["barn"] = {**case["barn"], "kjonn": None}
    made = _minutes(workspace, malform, case)
    without, with_sex = SIBLINGS[malform]
    assert without in made[FOSTER_THEME_2]
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    minutes = folder / FOSTER_THEME_2
    as_written = write_in(minutes) if written else minutes.read_bytes()
    day = TODAY + timedelta(days=1)
    case["barn"] = {**case["barn"], "kjonn": "jente"}
    workspace.drop("sak2.json", {**case, "eksportert": day.isoformat()})
    summary = workspace.run(day)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    text = docx_text(minutes)
    if written:
        assert minutes.read_bytes() == as_written
        assert "Skrevet av kontaktpersonen" in text and without in text
    else:
        assert with_sex in text and without not in text


def _written_in_all(workspace, malform: str, written: bool) -> tuple[Path, dict]:
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    files = sorted(folder.glob("*/*.docx"))
    return folder, {path: write_in(path) if written else path.read_bytes() for path in files}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("written", [True, False])
def test_minutes_the_release_before_made_without_the_sex(workspace, monkeypatch, malform,
                                                          written):
    """Helper 506: minutes the release before made without the child's sex (its words: the
    name again for each «det»), a run of this release, then an export with the sex. Each of
    the parents' and the foster family's minutes written in got a copy «(ny versjon)» (14 in
    the example case). Now they stay as written; those nobody wrote in are made again in
    place, saying «hun»."""
    case = _case(kjonn=None)
    with monkeypatch.context() as patched:
        _as_the_release_before(patched)
        _in_the_words_before(patched)
        _minutes(workspace, malform, case)
    folder, as_written = _written_in_all(workspace, malform, written)
    day = TODAY + timedelta(days=1)
    assert workspace.run(day).new_versions == []
    day += timedelta(days=1)
    workspace.drop("sak2.json", {**case, "barn": {**case["barn"], "kjonn": "jente"},
                                 "eksportert": day.isoformat()})
    summary = workspace.run(day)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    theme_2 = docx_text(folder / FOSTER_THEME_2)
    if written:
        assert {path: path.read_bytes() for path in as_written} == as_written
        assert "Skrevet av kontaktpersonen" in theme_2
    else:
        assert SIBLINGS[malform][1] in theme_2


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_new_contact_person_on_the_release_day_with_the_sex_known(workspace, monkeypatch,
                                                                   malform):
    """Minutes the release before made with the child's sex (it compared them as they say
    «hun»), written in, and a new contact person in the first export this release reads:
    kept as written, as before, with no copy beside them."""
    case = _case(kjonn="jente")
    with monkeypatch.context() as patched:
        patched.setattr(prepare, "_issued", _as_the_release_before_compared(prepare._issued))
        _minutes(workspace, malform, case)
    folder, as_written = _written_in_all(workspace, malform, True)
    day = TODAY + timedelta(days=1)
    other = {**case["kontaktperson"], "fornavn": "Nora", "etternavn": "Lie"}
    workspace.drop("sak2.json", {**case, "kontaktperson": other, "eksportert": day.isoformat()})
    summary = workspace.run(day)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert {path: path.read_bytes() for path in as_written} == as_written


def _as_the_release_before_compared(issued):
    """prepare._issued as the release before: minutes compared as they show the child's
    sex (no Document.kept_through)."""
    def before(ctx, doc, *args, **kwargs):
        return issued(ctx, replace(doc, kept_through={}), *args, **kwargs)
    return before
