"""What preparing a due case's documents costs (issue 19): how the releases before this one
kept a letter's issue (rendering/former_releases.py: their words, fields and rows) is worked
out only for a document whose issue one of them kept (no "fields": store/issued.py), not for
every document of every case made. The letters are the same: their issue dates are kept
either way (tests/test_reworded_release.py, tests/test_new_release.py for the words)."""

from __future__ import annotations

from datetime import timedelta

from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.store import incremental
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .test_letters_name_the_child import as_the_release_before

CASE = "2026-0412"


def _issue_dates(workspace) -> dict[str, object]:
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    return {name: issued for name, (issued, _) in kept_dates(workspace.state, pseudonym).items()}


def _asked(monkeypatch) -> list[str]:
    """The documents whose issue is read as the releases before kept it, as they are."""
    asked: list[str] = []
    worked_out = prepare.as_kept_before

    def as_kept_before(doc, *args, **kwargs):
        asked.append(str(doc.path))
        return worked_out(doc, *args, **kwargs)

    monkeypatch.setattr(prepare, "as_kept_before", as_kept_before)
    return asked


def test_the_releases_before_are_asked_only_of_the_issues_they_kept(workspace, monkeypatch):
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    asked = _asked(monkeypatch)
    summary = workspace.run(TODAY)
    dates = _issue_dates(workspace)
    letters = sorted(name for name in dates if name.endswith(".docx"))
    assert summary.files_failed == 0 and len(letters) > 10
    assert asked == []  # nothing was issued before: no issue to read as they kept it

    # Made again by a new version of the program, the same day: every issue kept field by
    # field, as this release keeps them; none is read as the releases before kept them.
    code = incremental.code_version
    monkeypatch.setattr(incremental, "code_version", lambda plugins: code(plugins) + "new")
    again = workspace.run(TODAY)
    assert again.documents_written == 0 and asked == []



def test_a_letter_issued_in_the_former_words_is_read_so_and_keeps_its_date(workspace,
                                                                           monkeypatch):
    """The release before said what a theme is about in other words (Tema.i_brev_for) and
    kept each letter's issue whole (no fields): this release, making the letters again in its
    words, reads each issue as that release kept it, and the letters keep their dates."""
    this_release = as_the_release_before(monkeypatch)
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    asked = _asked(monkeypatch)
    assert workspace.run(TODAY).files_failed == 0 and asked == []
    dates = _issue_dates(workspace)
    workspace.as_kept_by_the_release_before()

    this_release()
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    now = _issue_dates(workspace)
    assert {name: now[name] for name in dates} == dates
    letters = [name for name in asked if name.startswith("Innkallinger/") and name in dates]
    assert letters and len(set(asked)) < len(dates)  # only those whose words changed
    folder = workspace.case_folder(CASE)
    assert all("Vår dato:\t22. november 2026" in docx_text(folder / name) for name in letters)
