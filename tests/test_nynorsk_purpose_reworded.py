"""Nynorsk verb forms (a reader's finding): the purpose of the parents' theme 5 said the
bokmål «vi avtaler konkret», now «vi avtalar konkret», in the minutes and the calendar.
Minutes made with the words before and written in by the caseworker keep their issue on the
release day (Programme.ordlyd_for): no copy «(ny versjon)» beside them; minutes nobody has
written in are made again in the new words."""

from __future__ import annotations

from datetime import date, timedelta

from omsorgspakke_docs.domain import programme

from .conftest import canonical_case, docx_text
from .doc_helpers import write_in

TODAY = date(2026, 11, 22)
NOW = "og vi avtalar konkret korleis kontakten med barnet"
BEFORE = "og vi avtaler konkret korleis kontakten med barnet"


def _theme_5(folder):
    return sorted(folder.glob("Tema 5*.docx"))


def _as_the_release_before(patched, tmp_path) -> None:
    """The release before: the bundled nynorsk programme file as it was, «avtaler» in the
    purpose and no former words listed."""
    text = programme.BUNDLED["nynorsk"].read_text(encoding="utf-8")
    table = '[ordlyd_for]\n"vi avtalar konkret korleis kontakten" = ' \
            '"vi avtaler konkret korleis kontakten"\n'
    assert text.count(NOW) == 1
    before = tmp_path / "programme.nn.toml"
    before.write_text(text.replace(table, "").replace(NOW, BEFORE), encoding="utf-8")
    patched.setitem(programme.BUNDLED, "nynorsk", before)


def test_parents_theme_5_minutes_written_in_keep_their_issue_the_others_say_avtalar(
        workspace, monkeypatch, tmp_path):
    workspace.in_malform("nynorsk")
    workspace.whole_year()
    case = canonical_case()
    workspace.drop("sak.json", case)
    with monkeypatch.context() as patched:
        _as_the_release_before(patched, tmp_path)
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"]) / "Referat" / "Foreldre"
    minutes = _theme_5(folder)
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


def test_the_calendar_says_the_purpose_in_nynorsk(workspace):
    workspace.in_malform("nynorsk")
    workspace.whole_year()
    case = canonical_case()
    workspace.drop("sak.json", case)
    assert workspace.run(TODAY).files_failed == 0
    calendars = list(workspace.case_folder(case["journalnummer"]).rglob("*.ics"))
    assert calendars
    text = "".join(p.read_text(encoding="utf-8") for p in calendars)
    unfolded = text.replace("\r\n ", "").replace("\n ", "").replace("\\,", ",")
    assert "vi avtalar konkret korleis kontakten" in unfolded
    assert "avtaler" not in unfolded
