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



def _rows(workspace) -> list[tuple]:
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    return [r for r in rows[rows.index(LIST_HEADER) + 1:] if r[0]]


def _mark_all(workspace, which=lambda row: True) -> list[str]:
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    sheet = book["Til utsending"]
    marked = []
    for row in sheet.iter_rows(min_row=1):
        document = row[2].value
        if isinstance(document, str) and "/Innkallinger/" in document and which(document) \
                and row[7].value is None:
            row[7].value = "x"
            marked.append(document)
    book.save(path)
    return marked


def test_invitations_sent_for_meetings_after_a_placement_ends_ask_staff_to_tell_them(workspace):
    """The placement ends on 25 November. Invitations sent for 26 November and later were
    dropped from the list the day the case closed, and nobody was asked to tell the
    families (helper 114). Each is listed first, red, «Gi beskjed: …», until its day; one
    never sent is not listed."""
    workspace.drop("sak.json", canonical_case())
    meeting: dict[str, date] = {}
    sent = []
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert workspace.cli(today=day) == 0
        meeting.update((r[2], r[8].date()) for r in _rows(workspace) if r[8])
        sent += _mark_all(workspace, lambda document: "- far" not in document)
    unsent = [r[2] for r in _rows(workspace) if "- far" in r[2] and "/Innkallinger/" in r[2]]
    ahead = sorted(d for d in sent if meeting[d] >= date(2026, 11, 25))
    assert ahead and unsent
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-11-25"
    workspace.drop("slutt.json", ended)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    rows = _rows(workspace)
    told = [r for r in rows if (r[6] or "").startswith("Gi beskjed:")]
    assert sorted(r[2] for r in told) == ahead
    assert rows[:len(told)] == told  # first on the list
    for r in told:
        assert r[6] == ("Gi beskjed: innkallingen er sendt, men saken eller plasseringen er "
                        f"avsluttet i fagsystemet, så samtalen {_dato(meeting[r[2]])} blir "
                        "ikke holdt. Fortell mottakeren det.")
        assert r[7] == "x" and r[8].date() == meeting[r[2]]
    assert not any(r[2] in unsent for r in rows)
    counts = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]["C4"].value
    assert f"{len(told)} til samtaler som ikke blir holdt (gi beskjed)" in counts
    # Listed until the day of its meeting, then gone.
    last = max(meeting[d] for d in ahead)
    assert workspace.cli(today=last) == 0
    assert [r[2] for r in _rows(workspace) if (r[6] or "").startswith("Gi beskjed:")] == [
        d for d in ahead if meeting[d] == last]
    assert workspace.cli(today=last + timedelta(days=1)) == 0
    assert not [r for r in _rows(workspace) if (r[6] or "").startswith("Gi beskjed:")]


def _dato(day: date) -> str:
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]
    return f"{day.day}. {months[day.month - 1]} {day.year}"


def test_an_invitation_sent_for_a_day_after_a_known_end_asks_staff_to_tell_them(workspace):
    """The next export gives the placement's end ahead: the conversations after it leave the
    plan, and an invitation already sent for one of them is listed «Gi beskjed: …»."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    sent = _mark_all(workspace)
    meeting = {r[2]: r[8].date() for r in _rows(workspace) if r[2] in sent}
    cut = min(day for day in meeting.values() if day > date(2026, 11, 24))
    ends = canonical_case(eksportert="2026-11-24")
    ends["plassering"]["sluttdato"] = cut.isoformat()
    workspace.drop("slutt.json", ends)
    assert workspace.cli(today=date(2026, 11, 24)) == 0
    told = {r[2]: r[6] for r in _rows(workspace) if (r[6] or "").startswith("Gi beskjed:")}
    assert sorted(told) == sorted(d for d, day in meeting.items() if day >= cut), told
    assert all(note.startswith("Gi beskjed: innkallingen er sendt, men samtalen ")
               and "er ikke lenger i planen (se oppfølgingsplanen)" in note
               for note in told.values())
