"""A placement the journal says ends before the programme's year is over: nothing is planned,
invited or listed from that day on, and the plan says why (helper 114)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, docx_text

LIST_HEADER = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
               "Sendt", "Samtaledato", "Kontaktperson")


def _meetings_listed(workspace) -> list[date]:
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    start = rows.index(LIST_HEADER) + 1
    return [r[8].date() for r in rows[start:] if r[0] and isinstance(r[8], datetime)]


def test_a_known_end_of_the_placement_plans_nothing_after_it(workspace):
    case = canonical_case()
    case["plassering"]["sluttdato"] = "2026-12-05"
    workspace.drop("sak.json", case)
    ends = date(2026, 12, 5)
    day = date(2026, 11, 23)
    listed: set[date] = set()
    while day < ends:
        assert workspace.cli(today=day) == 0
        listed.update(_meetings_listed(workspace))
        assert all(meeting < ends for meeting in listed), day
        day += timedelta(days=1)
    assert len(listed) >= 3  # the invitations to the conversations before the end
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert "gjennomføres fra 14. september 2026 til 4. desember 2026." in plan
    assert ("Fagsystemet viser at plasseringen avsluttes 5. desember 2026. Samtaler, besøk og "
            "fellesmøte etter det er derfor ikke planlagt.") in plan
    assert "desember 2026" in plan and " januar 2027" not in plan

