"""A case filed late (its final documents made only months after the programme's last day,
no run in between) had its final evaluation filed only when it was written in within the
three months its text promised, or was made after them (the saved-time check,
archive/packages.py _promised); its other documents went without it (helper 606). A plan a
caseworker changed after those three months, in a plan made before them, was filed on the
late run, though the service files nothing of the case by then: journaled by hand too, it
would be there twice. Every document of a late case a caseworker saved goes through the
same check now; our own, unchanged, are filed as before."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case
from .doc_helpers import write_in
from .test_archive import (
    archive_clock_on,
    at_noon,
    enable_archive,
    find,
    needs_libreoffice,
    packages,
)
from .test_archive_late_evaluation import BEFORE, FIRST, LATE

PLAN = "01 Oppfølgingsplan.docx"
EDIT = "Avtalt i telefonsamtale med fosterforeldrene: neste besøk flyttes."


def _plans_with_the_edit(workspace) -> int:
    from docx import Document

    found = 0
    for package in packages(workspace):
        folder = workspace.root / "til-arkiv" / package
        root = packages(workspace)[package]
        if not find(root, "a:registrering/a:tittel").startswith("01 Oppfølgingsplan"):
            continue
        text = "\n".join(p.text for p in Document(str(folder / "dokument.docx")).paragraphs)
        found += EDIT in text
    return found


@needs_libreoffice
@pytest.mark.parametrize("saved_on, filed", [
    (date(2027, 11, 1), 1),  # within the three months: filed, as every document then was
    (date(2027, 12, 15), 0),  # after them: journaled by hand, not filed as well
])
def test_a_plan_changed_in_a_late_case_is_filed_only_when_saved_in_time(
        workspace, monkeypatch, saved_on, filed):
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=BEFORE) == 0
    write_in(workspace.case_folder("2026-0412") / PLAN, EDIT, saved=at_noon(saved_on))
    archive_clock_on(monkeypatch, date(2028, 1, 10))  # after it was saved
    assert workspace.cli(today=LATE) == 0
    assert workspace.cli(today=date(2027, 12, 21)) == 0
    assert _plans_with_the_edit(workspace) == filed
