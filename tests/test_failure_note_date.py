"""The note beside a failed file says when, the way every other text does: «Tidspunkt:
2. desember 2026 kl. 09.15», not «02.12.2026»."""

from __future__ import annotations

import re
from datetime import datetime

from omsorgspakke_docs.text import tekst


def test_the_failure_note_writes_the_date_in_words(workspace):
    workspace.drop("rapport.json", b'{"format": "omsorgspakke-sak/1", ')
    before = datetime.now()
    workspace.run()
    after = datetime.now()
    note = (workspace.failed / "rapport.json.feil.txt").read_text(encoding="utf-8")
    [line] = [x for x in note.splitlines() if x.startswith("Tidspunkt:")]
    days = {tekst("bokmal").dato(d.date()) for d in (before, after)}
    assert re.fullmatch(r"Tidspunkt: (.+) kl\. \d\d\.\d\d", line).group(1) in days
    assert not re.search(r"\d\d\.\d\d\.\d{4}", note)
