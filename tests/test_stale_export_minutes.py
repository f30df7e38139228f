"""Minutes sent back through the inbox are no export from the journal: a case whose last
export is old is still said to be not exported for long after its minutes came back
(an inbox file without an export date was counted as an undated export read that day)."""

from __future__ import annotations

from datetime import date

from omsorgspakke_docs.rendering import minutes_marker as mm

from .conftest import canonical_case
from .test_leader_open_findings import _old_export_rows
from .test_readback import JOURNAL, MINUTES, fill_minutes


def test_minutes_sent_back_do_not_make_an_old_export_new(workspace):
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    path = workspace.case_folder(JOURNAL) / MINUTES
    workspace.drop("referat.docx", fill_minutes(path, {mm.HELD.tag: "24.11.2026"}))
    assert workspace.run(date(2026, 12, 10)).files_failed == 0
    [(said, _, _, _)] = _old_export_rows(workspace)
    assert "er fra 20. november 2026." in said
