"""«Send innen» of a letter nobody marked as sent (helper 312): it moved on to today list by
list (an invitation made 23 November for 8 December showed 24.11 on the list of 24 November
and 25.11 on the next day's), so a letter never sent never read as late: the sheet's red
rule compares Send innen with TODAY(). It now keeps the day it was due by, as the first list
showed it, and the row is red once that has passed."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import TODAY, canonical_case, xlsx_rows


def _letters(workspace) -> dict[str, tuple]:
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return {r[2]: r for r in rows[5:] if r[2] and isinstance(r[4], datetime)}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_send_innen_keeps_the_day_the_letter_was_due(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    first = {name: r[4].date() for name, r in _letters(workspace).items()}
    later = TODAY + timedelta(days=3)
    workspace.run(later)
    after = _letters(workspace)
    # The letters still listed and due before the later list: due as they were.
    due = {name: (first[name], r[4].date()) for name, r in after.items()
           if name in first and first[name] < later and r[7] is None}
    assert due, (first, after)
    assert all(then == now for then, now in due.values()), due
    assert all(now < later for _, now in due.values())  # passed: the row is red
