"""A year of a small service, as it happens: every Monday an export in which the journal
records as held what the plans set for the days before (its minutes back two weeks later,
with the contact person's assessment), every Wednesday a run with no export. Read as its
users would, what must hold all year: every export archived and none set aside, no day
rewrites what it did not have to, no invitation reaches a family after its notice, no
caseworker copy beside a document («ny versjon»), the overview knows which minutes came
back, and at the end every conversation is held, every final evaluation made, and the
case leaves the team leader's overview after its twelve months."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.config import Schedule
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning.workdays import public_holidays
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, docx_text, make_workspace, synthetic_fnr, xlsx_rows

FIRST_MONDAY = date(2026, 1, 5)
WEEKS = 56
MINUTES_BACK_AFTER = timedelta(days=14)
DATE = re.compile(r"\b(\d{1,2})\. (januar|februar|mars|april|mai|juni|juli|august|september|"
                  r"oktober|november|desember) (\d{4})\b")
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]


def the_cases() -> list[dict]:
    """Two children placed just before the year starts: one whose parents live apart (each
    with their own conversations), one whose parents live together (one track)."""
    apart = canonical_case(journalnummer="2026-0101", samtaler=[], vurderinger=[],
                           oppfolgingsbesok=[])
    together = canonical_case(journalnummer="2026-0102", samtaler=[], vurderinger=[],
                              oppfolgingsbesok=[])
    together["barn"] = {**together["barn"], "fornavn": "Emil", "kjonn": "gutt",
                        "fodselsdato": "2014-06-02",
                        "fodselsnummer": synthetic_fnr(date(2014, 6, 2), 300)}
    mother, father = together["foreldre"]
    for parent in (mother, father):
        parent.update(adresse="Strandvegen 17 B", postnummer="5998", poststed="Fjordvik",
                      bor_sammen_med_annen_forelder=True)
    for case, placed in ((apart, date(2025, 12, 15)), (together, date(2025, 12, 29))):
        case["plassering"] = {**case["plassering"], "startdato": placed.isoformat()}
        case["planer"] = [{**p, "startdato": (placed + timedelta(days=15)).isoformat()}
                          for p in case["planer"]]
    return [apart, together]


def journal_on(case: dict, state: State, today: date) -> dict:
    """The case as the journal exports it on a Monday: every meeting the plan set before
    today held on its day, minutes back (and the theme assessed) two weeks after."""
    key = Case.model_validate(case).key
    try:
        planned, _, _ = state.kept_plan(key)
    except Exception:  # no plan yet: the first export
        planned = {}
    held = {(s["part"], s["tema"], s["nummer"], s.get("forelder")): s for s in case["samtaler"]}
    for (part, tema, nummer, parent), (day, at) in sorted(planned.items(), key=lambda i: i[1]):
        if day >= today or part == "fellesmote":
            continue
        if part == "besok":
            if day.isoformat() not in {b["dato"] for b in case["oppfolgingsbesok"]}:
                case["oppfolgingsbesok"].append({"dato": day.isoformat()})
            continue
        if (part, tema, nummer, parent) not in held:
            held[(part, tema, nummer, parent)] = entry = {
                "part": part, "tema": tema, "nummer": nummer, "dato": day.isoformat(),
                "klokkeslett": at.isoformat("minutes"), "status": "gjennomfort",
                **({} if parent is None else {"forelder": parent})}
            case["samtaler"].append(entry)
    for entry in held.values():
        if date.fromisoformat(entry["dato"]) <= today - MINUTES_BACK_AFTER \
                and not entry.get("referat_mottatt"):
            entry["referat_mottatt"] = True
            if entry["tema"] > 0:
                case["vurderinger"].append({
                    "part": entry["part"], "tema": entry["tema"], "dato": entry["dato"],
                    **({"forelder": entry["forelder"]} if "forelder" in entry else {}),
                    "positivt": "Samtalen ga et godt grunnlag for det videre arbeidet."})
    exported = json.loads(json.dumps(case))
    exported["eksportert"] = (today - timedelta(days=3)).isoformat()
    exported["planer"] = [p for p in case["planer"] if p["startdato"] < today.isoformat()]
    return exported


def as_date(match: re.Match) -> date:
    day, month, year = match.groups()
    return date(int(year), MONTHS.index(month) + 1, int(day))


@dataclass
class Year:
    """What the year left, and what was seen along the way."""

    ws: Any
    written: list[tuple[date, int]] = field(default_factory=list)
    invitations: dict[str, str] = field(default_factory=dict)
    """Each invitation as it was when first made: its text, by path and day."""
    same_again: list[tuple[date, str]] = field(default_factory=list)
    """Documents written again with nothing new to read in them."""
    cases_listed: dict[date, int] = field(default_factory=dict)
    """The number of cases in the team leader's overview, by day."""


def content(path: Path):
    """What a reader sees in a document: its text, or every sheet's cells (value and fill)."""
    if path.suffix == ".docx":
        return docx_text(path)
    book = load_workbook(path)
    return [[(cell.value, cell.fill.fgColor.rgb) for row in sheet.iter_rows() for cell in row]
            for sheet in book.worksheets]


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Year:
    """The year run once for every test here, watched run by run."""
    ws = make_workspace(tmp_path_factory.mktemp("year"))
    seen = Year(ws)
    cases = the_cases()
    state = State(ws.state)
    known: dict[Path, tuple[int, int, object]] = {}
    monday = FIRST_MONDAY
    for week in range(WEEKS):
        ws.drop(f"eksport-uke-{week + 1:02d}.json", {
            "format": "omsorgspakke-saker/1",
            "saker": [journal_on(case, state, monday) for case in cases]})
        for day in (monday, monday + timedelta(days=2)):
            summary = ws.run(today=day)
            assert summary.files_failed == 0, (day, summary.failed)
            seen.written.append((day, summary.documents_written))
            for path in sorted(ws.outbox.rglob("*.*")):
                if path.suffix not in (".docx", ".xlsx"):
                    continue
                info = path.stat()
                before = known.get(path)
                if before is not None and before[:2] == (info.st_mtime_ns, info.st_ino):
                    continue
                now = content(path)
                if before is not None and before[2] == now:
                    seen.same_again.append((day, path.relative_to(ws.outbox).as_posix()))
                if before is None and "Innkallinger" in path.parts:
                    seen.invitations[f"{path.name} ({day})"] = now
                if path.name == "Saksoversikt.xlsx":
                    seen.cases_listed[day] = xlsx_rows(path, "Saker")[2][1]  # «Saker:»
                known[path] = (info.st_mtime_ns, info.st_ino, now)
        monday += timedelta(days=7)
    return seen


def test_every_export_is_archived_and_none_set_aside(year):
    ws = year.ws
    assert not [p for p in ws.inbox.rglob("*") if p.is_file()]
    assert not list(ws.failed.iterdir())
    assert len(list(ws.archive.rglob("eksport-uke-*.json"))) == WEEKS


def test_a_document_is_written_again_only_with_something_new_in_it(year):
    """The daily reality of #19: a day writes what it changes, and nothing else; the first
    export writes the cases' documents, later days a handful, many days none."""
    assert year.same_again == []
    first = year.written[0][1]
    later = [count for _, count in year.written[1:]]
    assert first >= 20 and max(later) < first
    assert later.count(0) >= len(later) // 2


def test_no_caseworker_copy_appears_beside_a_document(year):
    assert not [p.name for p in year.ws.outbox.rglob("*") if "ny versjon" in p.name]


def test_every_invitation_reaches_the_family_before_its_notice(year):
    """The letter's date is its first; every meeting date in it is at least the notice
    period later (an invitation dated the day before its meeting helps nobody), and the
    letter is dated a working day. The move follow-up's contacts are agreed by phone and
    confirmed in writing: never after the meeting."""
    notice = timedelta(days=Schedule().notice_days)
    assert len(year.invitations) >= 40
    for name, text in year.invitations.items():
        dates = [as_date(m) for m in DATE.finditer(text)]
        issued, meetings = dates[0], dates[1:]
        assert issued.weekday() < 5 and issued not in public_holidays(issued.year), name
        assert meetings, name
        agreed = name.startswith("Tema 0 - ")
        assert min(meetings) >= issued + (timedelta(0) if agreed else notice), name


def test_the_overview_knows_which_minutes_came_back(year):
    for number in ("2026-0101", "2026-0102"):
        rows = xlsx_rows(year.ws.case_folder(number) / "04 Oppfølgingsoversikt.xlsx",
                         "Samtaler")
        header = next(r for r in rows if "Referat mottatt" in r)
        col, status = header.index("Referat mottatt"), header.index("Status")
        conversations = rows[rows.index(header) + 1:]
        assert len(conversations) >= 20, number
        assert all(r[status] == "Gjennomført" for r in conversations), number
        assert all(r[col] == "Ja" for r in conversations), number


def test_the_year_ends_with_every_conversation_held_and_evaluated(year):
    for number, evaluations in (("2026-0101", 4), ("2026-0102", 3)):
        folder = year.ws.case_folder(number)
        plan = docx_text(folder / "01 Oppfølgingsplan.docx")
        assert "Gjennomført" in plan
        for status in ("Planlagt", "Over fristen", "Ikke gjennomført"):
            assert status not in plan, (number, status)
        finals = sorted(folder.glob("03 Sluttevaluering - *.docx"))
        assert len(finals) == evaluations, (number, [p.name for p in finals])


def test_the_cases_are_in_the_team_leaders_overview_for_their_year_and_then_leave(year):
    listed = year.cases_listed
    assert listed[min(listed)] == 2
    assert max(listed.values()) == 2
    assert listed[max(listed)] == 0
    last_listed = max(day for day, count in listed.items() if count)
    assert date(2026, 12, 1) <= last_listed <= date(2027, 1, 15), last_listed
