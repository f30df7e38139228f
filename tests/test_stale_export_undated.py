"""Some journals' exports carry no export date. A case read only from such exports was
never said to be exported long ago, however long its exports had stopped: on the demo's
1 March 2027, 6 of 13 equally old cases had no «Saken er ikke eksportert på lenge» row
and no note in Til utsending. Such an export counts from the day it was read."""

from __future__ import annotations

import json
from datetime import date, datetime

from .conftest import canonical_case, xlsx_rows
from .test_leader_open_findings import _old_export_rows


def _undated() -> dict:
    data = canonical_case()
    data.pop("eksportert", None)
    return data


def test_an_undated_export_counts_from_the_day_it_was_read(workspace):
    workspace.drop("sak.json", _undated())
    workspace.run(date(2026, 11, 23))
    assert not _old_export_rows(workspace)
    # Exported again, nothing new (a new file: the same bytes again are a duplicate).
    workspace.drop("sak.json", json.dumps(_undated(), ensure_ascii=False, indent=2))
    workspace.run(date(2026, 11, 30))
    workspace.run(date(2026, 12, 14))  # 14 days after: not yet too old
    assert not _old_export_rows(workspace)
    workspace.run(date(2026, 12, 15))  # nothing from the journal since
    [(said, due, _, _)] = _old_export_rows(workspace)
    assert "er fra 30. november 2026." in said and due == datetime(2026, 12, 14)
    # (Not an invitation for today nobody marked as sent, listed not to send: helper 312.)
    letters = [r for r in xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
               if r[0] == "2026-0412" and not str(r[6] or "").startswith("Ikke send:")]
    assert letters and all("30. november 2026" in " ".join(map(str, r)) for r in letters)
