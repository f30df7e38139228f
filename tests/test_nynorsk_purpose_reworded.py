"""Nynorsk verb forms (a reader's finding): the purpose of the parents' theme 5 said the
bokmål «vi avtaler konkret», now «vi avtalar konkret», in the minutes and the calendar.
Minutes made with the words before and written in by the caseworker keep their issue on the
release day (Programme.ordlyd_for): no copy «(ny versjon)» beside them; minutes nobody has
written in are made again in the new words."""

from __future__ import annotations

from datetime import date, timedelta

from omsorgspakke_docs.domain import programme

from .conftest import canonical_case, docx_text
from .doc_helpers import calendar_text, write_in

TODAY = date(2026, 11, 22)
NOW = "og vi avtalar konkret korleis kontakten med barnet"
BEFORE = "og vi avtaler konkret korleis kontakten med barnet"


def _as_the_release_before(patched, tmp_path) -> None:
    """The release before: the bundled nynorsk programme file as it was, every purpose in
    the words listed as former ([ordlyd_for]: «avtaler» in the parents' theme 5, «Han skal
    …» of the conversation in three purposes) and no former words listed."""
    text = programme.BUNDLED["nynorsk"].read_text(encoding="utf-8")
    start = text.index("[ordlyd_for]\n")
    end = text.index("\n\n", start)
    lines = text[start:end].splitlines()[1:]
    assert any(NOW[3:39] in line and BEFORE[3:39] in line for line in lines), lines
    assert len(lines) >= 4, lines
    before_text = text[:start] + text[end:]
    for line in lines:
        now, was = (part.strip().strip('"') for part in line.split(" = "))
        assert before_text.count(now) == 1, now
        before_text = before_text.replace(now, was)
    before = tmp_path / "programme.nn.toml"
    before.write_text(before_text, encoding="utf-8")
    patched.setitem(programme.BUNDLED, "nynorsk", before)


def _made_by_the_release_before(workspace, monkeypatch, tmp_path, part: str, theme: str):
    """The canonical case in a nynorsk service, its minutes made by the release before
    (_as_the_release_before): the case, and the folder and files of that part's theme."""
    workspace.in_malform("nynorsk")
    workspace.whole_year()
    case = canonical_case()
    workspace.drop("sak.json", case)
    with monkeypatch.context() as patched:
        _as_the_release_before(patched, tmp_path)
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"]) / "Referat" / part
    return case, folder, sorted(folder.glob(f"{theme}*.docx"))


def test_parents_theme_5_minutes_written_in_keep_their_issue_the_others_say_avtalar(
        workspace, monkeypatch, tmp_path):
    _, folder, minutes = _made_by_the_release_before(workspace, monkeypatch, tmp_path,
                                                     "Foreldre", "Tema 5")
    assert len(minutes) >= 2, sorted(p.name for p in folder.iterdir())
    assert all(BEFORE in docx_text(p) and NOW not in docx_text(p) for p in minutes)
    written, untouched = minutes[0], minutes[1:]
    as_written = write_in(written)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("*ny versjon*"))
    assert written.read_bytes() == as_written
    for path in untouched:
        text = docx_text(path)
        assert NOW in text and BEFORE not in text
    # The next export, a week on: still kept as it is.
    assert workspace.run(TODAY + timedelta(days=7)).files_failed == 0
    assert not list(folder.glob("*ny versjon*"))
    assert written.read_bytes() == as_written


def test_foster_family_theme_2_minutes_say_samtalen_not_han(workspace, monkeypatch, tmp_path):
    """A nynorsk reader's finding: «Han skal hjelpe barnet med å halde ved like …» of the
    conversation read as if a person were meant; now «Samtalen skal også hjelpe …». Minutes
    made in the words before and written in keep them; the others are made again."""
    case, folder, minutes = _made_by_the_release_before(workspace, monkeypatch, tmp_path,
                                                        "Fosterfamilien", "Tema 2")
    assert minutes, sorted(p.name for p in folder.iterdir())
    was, now = "Han skal hjelpe barnet med å halde", "Samtalen skal også hjelpe barnet med å halde"
    assert all(was in docx_text(p) for p in minutes)
    as_written = write_in(minutes[0])
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("*ny versjon*"))
    assert minutes[0].read_bytes() == as_written
    workspace.drop("sak.json", {**case, "journalnummer": "2026-0999"})
    assert workspace.run(TODAY + timedelta(days=2)).files_failed == 0
    fresh = sorted((workspace.case_folder("2026-0999") / "Referat" / "Fosterfamilien")
                   .glob("Tema 2*.docx"))
    assert fresh and all(now in docx_text(p) and "Han skal" not in docx_text(p) for p in fresh)


def test_the_calendar_says_the_purpose_in_nynorsk(workspace):
    workspace.in_malform("nynorsk")
    workspace.whole_year()
    case = canonical_case()
    workspace.drop("sak.json", case)
    assert workspace.run(TODAY).files_failed == 0
    unfolded = calendar_text(workspace.case_folder(case["journalnummer"]))
    assert "vi avtalar konkret korleis kontakten" in unfolded
    assert "avtaler" not in unfolded
