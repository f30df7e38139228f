"""«Kort varsel» on Til utsending as the letter itself reads: both judged by the day the
letter was issued. A theme invitation issued in good time invites («Gi beskjed så snart …»);
sent within the short notice days, its row says it is sent later than it was made, not «send
brevet som bekreftelse», which it does not read as. One issued at short notice reads as a
confirmation, and its row says to send it as one."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text
from .test_sending_notes import _letters

LATE = {"bokmal": "Kort varsel: samtalen er 2. desember 2026, og brevet ble laget 22. november "
                  "2026 som en invitasjon der mottakeren blir bedt om å gi beskjed hvis tiden "
                  "ikke passer. Nå er det for kort tid til det. Be kontaktpersonen ringe "
                  "mottakeren og avtale tiden. Blir det tiden i brevet, send brevet likevel.",
        "nynorsk": "Kort varsel: samtalen er 2. desember 2026, og brevet vart laga 22. november "
                   "2026 som ein invitasjon der mottakaren blir beden om å gi beskjed om tida "
                   "ikkje passar. No er det for kort tid til det. Be kontaktpersonen ringje "
                   "mottakaren og avtale tida. Blir det tida i brevet, send brevet likevel."}
CONFIRM = {"bokmal": "Blir det tiden i brevet, send brevet som bekreftelse.",
           "nynorsk": "Blir det tida i brevet, send brevet som stadfesting."}
INVITES = {"bokmal": ("Invitasjon til samtale", "Gi beskjed så snart"),
           "nynorsk": ("Invitasjon til samtale", "Gi beskjed så snart")}
CONFIRMS = {"bokmal": "Bekreftelse", "nynorsk": "Stadfesting"}


def _flat(path) -> str:
    return " ".join(docx_text(path).split())


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_kort_varsel_on_the_list_as_the_letter_reads(workspace, malform):
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2026, 12, 1))  # nobody marked anything as sent
    tomorrow = {document: row for document, row in _letters(workspace).items()
                if row["Samtaledato"] is not None
                and row["Samtaledato"].date() == date(2026, 12, 2)
                and row["Sendemåte"] == "Digitalt"}
    early = [d for d, row in tomorrow.items() if row["Brevdato"].date() == date(2026, 11, 22)]
    late = [d for d, row in tomorrow.items() if row["Brevdato"].date() == date(2026, 12, 1)]
    assert early and late, tomorrow
    for document in early:  # issued ten days ahead: it invites, and the row says so
        text = _flat(workspace.outbox / document)
        assert all(said in text for said in INVITES[malform]), text
        assert CONFIRMS[malform] not in text and "Som avtalt" not in text
        note = tomorrow[document]["Merknad"]
        assert note.startswith(LATE[malform]), note
        assert CONFIRM[malform] not in note
    for document in late:  # issued the day before: it confirms, and the row says so
        text = _flat(workspace.outbox / document)
        assert "Gi beskjed så snart" not in text, text
        assert CONFIRMS[malform] in text and "Som avtalt" in text, text
        assert CONFIRM[malform] in tomorrow[document]["Merknad"]
