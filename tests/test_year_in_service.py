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
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openpyxl import load_workbook

from omsorgspakke_docs.config import Schedule
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning.workdays import public_holidays
from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, docx_text, make_workspace, synthetic_fnr, xlsx_rows
from .test_nynorsk import BOKMAL_ONLY
from .test_readback import fill_minutes

FIRST_MONDAY = date(2026, 1, 5)
WEEKS = 56
MINUTES_BACK_AFTER = timedelta(days=14)
DATE = re.compile(r"\b(\d{1,2})\. (januar|februar|mars|april|mai|juni|juli|august|september|"
                  r"oktober|november|desember) (\d{4})\b")
INVITATIONS = ("Innkallinger", "Innkallingar")
MINUTES = ("Referater", "Referat")
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


def journal_on(case: dict, state: State, today: date, back: list | None = None) -> dict:
    """The case as the journal exports it on a Monday: every meeting the plan set before
    today held on its day; two weeks after, its minutes back and the theme assessed, in
    the journal (back None) or written in the minutes document, which is then listed in
    back to go through the inbox."""
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
        if date.fromisoformat(entry["dato"]) > today - MINUTES_BACK_AFTER \
                or entry.get("referat_mottatt"):
            continue
        if back is not None:
            back.append(entry)
            continue
        entry["referat_mottatt"] = True
        if entry["tema"] > 0:
            case["vurderinger"].append({
                "part": entry["part"], "tema": entry["tema"], "dato": entry["dato"],
                **({"forelder": entry["forelder"]} if "forelder" in entry else {}),
                "positivt": assessment(entry["tema"])})
    exported = json.loads(json.dumps(case))
    exported["eksportert"] = (today - timedelta(days=3)).isoformat()
    exported["planer"] = [p for p in case["planer"] if p["startdato"] < today.isoformat()]
    return exported


def assessment(tema: int) -> str:
    return f"Samtalen om tema {tema} ga et godt grunnlag for det videre arbeidet."


def minutes_back(ws, case: dict, entry: dict) -> bytes:
    """The conversation's minutes document (found by its marker) as the contact person
    returns it: the day held, who took part and, after a theme, the assessment."""
    folder = ws.case_folder(case["journalnummer"])
    for path in sorted(folder.glob("Referat*/**/*.docx")):
        with zipfile.ZipFile(path) as package:
            marker = mm.find_marker(package)
        if marker is not None and (marker.part, marker.tema, marker.nummer, marker.forelder) \
                == (entry["part"], entry["tema"], entry["nummer"], entry.get("forelder")):
            held = date.fromisoformat(entry["dato"])
            values = {mm.HELD.tag: f"{held.day}.{held.month}.{held.year}",
                      mm.PARTICIPANTS.tag: "Den det gjelder\nKontaktpersonen"}
            if entry["tema"]:
                values[mm.ASSESSMENT.tag + "positivt"] = assessment(entry["tema"])
            return fill_minutes(path, values)
    raise AssertionError(f"no minutes document for {entry}")


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
    statuses: dict[date, list[str]] = field(default_factory=dict)
    """The number of cases in the team leader's overview, by day."""
    versions: list[tuple[str, object]] = field(default_factory=list)
    """Every version of every document written, as content() reads it."""
    data: set[str] = field(default_factory=set)
    """Every text the exports carried."""
    minutes_returned: int = 0
    minutes_again: list[tuple[date, str]] = field(default_factory=list)
    """Minutes nobody wrote in, made again in place with something new in them (the date
    the journal has them held)."""


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def content(path: Path):
    """What a reader sees in a document: its text, with what its places to write show (the
    minutes' content controls, which docx_text does not reach: a date held filled in, grey
    text), or every sheet's cells (value and fill)."""
    if path.suffix == ".docx":
        return docx_text(path) + "\n" + places_text(path)
    book = load_workbook(path)
    return [[(cell.value, cell.fill.fgColor.rgb) for row in sheet.iter_rows() for cell in row]
            for sheet in book.worksheets]


def places_text(path: Path) -> str:
    """The text of every content control in the document's body, a line per paragraph."""
    with zipfile.ZipFile(path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t"))
                     for sdt in body.iter(f"{W}sdt") for p in sdt.iter(f"{W}p"))


def live_a_year(ws, minutes_by_inbox: bool = False, weeks: int = WEEKS) -> Year:
    """Every Monday's export and run, every Wednesday's run, each run's documents watched.
    minutes_by_inbox: the minutes come back as filled-in documents dropped in the inbox after
    Monday's run (read on Wednesday), not as the journal's mark. weeks: fewer for a test that
    reads only the programme's conversations (done by the summer), not the year's end."""
    seen = Year(ws)
    cases = the_cases()
    state = State(ws.state)
    known: dict[Path, tuple[int, int, object]] = {}
    monday = FIRST_MONDAY
    for week in range(weeks):
        back: list[list | None] = [[] if minutes_by_inbox else None for _ in cases]
        exported = [journal_on(case, state, monday, b) for case, b in zip(cases, back, strict=True)]
        seen.data |= data_values(exported)
        ws.drop(f"eksport-uke-{week + 1:02d}.json",
                {"format": "omsorgspakke-saker/1", "saker": exported})
        for day in (monday, monday + timedelta(days=2)):
            summary = ws.run(today=day)
            for case, entries in zip(cases, back, strict=True) if day == monday else ():
                for entry in entries or ():
                    seen.minutes_returned += 1
                    ws.drop(f"referat-{seen.minutes_returned:03d}.docx",
                            minutes_back(ws, case, entry))
                    entry["referat_mottatt"] = True  # in the journal from now on
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
                name = path.relative_to(ws.outbox).as_posix()
                seen.versions.append((name, now))
                if before is not None and before[2] == now:
                    seen.same_again.append((day, name))
                elif before is not None and path.parent.parent.name in MINUTES:
                    seen.minutes_again.append((day, name))
                if before is None and path.parent.parent.name in INVITATIONS:
                    seen.invitations[f"{path.name} ({day})"] = now
                if path.parent == ws.outbox and path.name.startswith("Saksoversikt"):
                    rows = xlsx_rows(path, "Saker")
                    seen.cases_listed[day] = rows[2][1]  # «Saker i alt:»
                    status = rows[4].index("Status")
                    seen.statuses[day] = [r[status] for r in rows[5:] if r and r[0]]
                known[path] = (info.st_mtime_ns, info.st_ino, now)
        monday += timedelta(days=7)
    return seen


def data_values(value) -> set[str]:
    """Every text the exports carry (names, addresses, the journal's own words): documents
    print them as written, in whatever standard the journal has them."""
    if isinstance(value, dict):
        return set().union(set(), *(data_values(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(set(), *(data_values(v) for v in value))
    return {value} if isinstance(value, str) else set()


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Year:
    """The year of a bokmål service, run once for every test here."""
    return live_a_year(make_workspace(tmp_path_factory.mktemp("year")))


@pytest.fixture(scope="module")
def minutes_year(tmp_path_factory) -> Year:
    """The same year, the minutes coming back through the inbox as filled-in documents."""
    return live_a_year(make_workspace(tmp_path_factory.mktemp("minutes-year")), True, weeks=30)


@pytest.fixture(scope="module")
def nynorsk_year(tmp_path_factory) -> Year:
    """The same year in a service that writes nynorsk, its name too (the configuration's is
    the one the documents show: context.service_name)."""
    ws = make_workspace(tmp_path_factory.mktemp("nynorsk-year"))
    config = ws.config_file.read_text(encoding="utf-8").replace(
        "Barnevernstjenesten i Testvik", "Barnevernstenesta i Testvik")
    ws.config_file.write_text(config.replace("[service]\n", '[service]\nmalform = "nynorsk"\n'),
                              encoding="utf-8")
    return live_a_year(ws)


def test_every_export_is_archived_and_none_set_aside(year):
    ws = year.ws
    assert not [p for p in ws.inbox.rglob("*") if p.is_file()]
    assert not list(ws.failed.iterdir())
    assert len(list(ws.archive.rglob("eksport-uke-*.json"))) == WEEKS


def test_a_document_is_written_again_only_with_something_new_in_it(year):
    """The daily reality of #19: a day writes what it changes, and nothing else; the first
    export writes the cases' documents, later days a handful, many days none. Minutes
    nobody has written in are made again once, in place, when the journal has their
    conversation held (they show its date): counted apart."""
    assert year.same_again == []
    first = year.written[0][1]
    again = [day for day, _ in year.minutes_again]
    assert len(set(year.minutes_again)) == len(year.minutes_again) > 0
    assert len({name for _, name in year.minutes_again}) == len(year.minutes_again)
    later = [count - again.count(day) for day, count in year.written[1:]]
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
        *conversations, meeting = rows[rows.index(header) + 1:]
        # The joint meeting last: held or not, no export says (no status, a note why).
        assert meeting[0] == "Felles møte" and meeting[status] is None, number
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


def test_the_cases_are_in_the_team_leaders_overview_for_their_year_and_after_it(year):
    """Placed 15 and 29 December 2025: each is «Avsluttet» from the day after its
    programme's last day, and stays so (for three months: test_caseload.py sees it leave)."""
    listed = year.cases_listed
    assert set(listed.values()) == {2}
    ends = (date(2026, 12, 14), date(2026, 12, 28))
    for day, statuses in year.statuses.items():
        assert statuses.count("Avsluttet") == sum(day > end for end in ends), (day, statuses)


def test_a_nynorsk_service_reads_nynorsk_all_year(nynorsk_year):
    """Every version of every document the year made, Word and Excel, in nynorsk: no word
    only bokmål has, outside what the exports themselves say. The first week makes other
    documents than the last (confirmations of the move follow-up, minutes, statuses that
    change, the final evaluations), so a bokmål text that shows only late in the year is
    found here."""
    year = nynorsk_year
    assert not list(year.ws.failed.iterdir()) and year.same_again == []
    kinds = {re.sub(r"\d", "#", name.rsplit("/", 1)[-1])[:14] for name, _ in year.versions}
    assert len(year.versions) > 300 and len(kinds) >= 10
    for name, seen in year.versions:
        text = seen if isinstance(seen, str) else "\n".join(
            str(value) for sheet in seen for value, _ in sheet if isinstance(value, str))
        for value in sorted(year.data, key=len, reverse=True):
            text = text.replace(value, " ")
        assert {w.lower() for w in re.findall(r"\w+", text)} & set(BOKMAL_ONLY) == set(), name
    assert any("Innkallingar" in name for name, _ in year.versions)


def test_minutes_written_in_and_returned_through_the_inbox_all_year(minutes_year):
    """The loop a contact person lives: the minutes document out, written in, dropped in
    the inbox, and what it says in the overview and the final evaluation. Each one is read
    and archived, none set aside, nothing made twice."""
    year = minutes_year
    ws = year.ws
    assert year.minutes_returned >= 40
    assert len(list(ws.archive.rglob("referat-*.docx"))) == year.minutes_returned
    assert not list(ws.failed.iterdir()) and year.same_again == []
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]
    for number in ("2026-0101", "2026-0102"):
        folder = ws.case_folder(number)
        rows = xlsx_rows(folder / "04 Oppfølgingsoversikt.xlsx", "Samtaler")
        header = next(r for r in rows if "Referat mottatt" in r)
        col = header.index("Referat mottatt")
        assert all(r[col] == "Ja" for r in rows[rows.index(header) + 1:]
                   if r[0] != "Felles møte"), number
        final = docx_text(folder / "03 Sluttevaluering - Barnet.docx")
        for tema in range(1, 6):
            assert assessment(tema) in final, (number, tema)
