"""Conversations the journal has nothing on, while a later one of the same party is
registered: the plan shows them «Ikke registrert» (neither invited to nor overdue), and the
overview asks, once per party, for the journal to say whether they were held."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from .conftest import canonical_case, docx_text, make_workspace

JOURNAL = "2026-0412"
ASKED = {
    "bokmal": "Fagsystemet viser ikke om dette ble holdt: «Oppfølging i flytteprosessen» "
              "{days} (Fosterfamilien). Registrer det som ble holdt, i fagsystemet eller ved å "
              "levere referatet i innboksen. Ble noe ikke holdt, skriv i journalen hvorfor.",
    "nynorsk": "Fagsystemet viser ikkje om dette vart halde: «Oppfølging i flytteprosessen» "
               "{days} (Fosterfamilien). Registrer det som vart halde, i fagsystemet eller ved "
               "å levere referatet i innboksen. Vart noko ikkje halde, skriv i journalen "
               "kvifor.",
}
MISSING = {"bokmal": "Mangler opplysninger", "nynorsk": "Manglar opplysningar"}


def _workspace(tmp_path, malform: str):
    ws = make_workspace(tmp_path)
    if malform == "nynorsk":
        ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
            "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    return ws


def _follow_up(tmp_path, case: dict, malform: str) -> list[tuple]:
    ws = _workspace(tmp_path, malform)
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    (path,) = ws.case_folder(JOURNAL).glob("04 *.xlsx")
    sheet = load_workbook(path).worksheets[0]
    return [r for r in sheet.iter_rows(values_only=True) if any(r)]


NEVER_PLANNED = {
    "bokmal": "Fagsystemet viser ikke om disse samtalene før 19. oktober 2026 ble holdt: "
              "kontakt {contacts} i «Oppfølging i flytteprosessen» (Fosterfamilien). Registrer "
              "dem som ble holdt, med dato, i fagsystemet eller ved å levere referatet i "
              "innboksen. Ble noen ikke holdt, skriv i journalen hvorfor.",
    "nynorsk": "Fagsystemet viser ikkje om desse samtalane før 19. oktober 2026 vart haldne: "
               "kontakt {contacts} i «Oppfølging i flytteprosessen» (Fosterfamilien). Registrer "
               "dei som vart haldne, med dato, i fagsystemet eller ved å levere referatet i "
               "innboksen. Vart nokon ikkje haldne, skriv i journalen kvifor.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_foster_familys_unregistered_move_contacts_are_followed_up_once(tmp_path, malform):
    # The journal has the foster family's theme 1 held on 19 October, nothing on the three
    # move contacts; the case comes on 22 November. Nobody ever planned those contacts: the
    # item names them without a date, by the family's next conversation planned.
    rows = _follow_up(tmp_path / "all", canonical_case(), malform)
    (item,) = [r for r in rows if r[2] == NEVER_PLANNED[malform].format(contacts="1–3")]
    assert item[0] == MISSING[malform]
    assert item[1] == datetime(2026, 12, 2)  # theme 2 with the foster family
    assert not [r for r in rows if "Fosterfamilien" in str(r[2])
                and ("september" in str(r[2]) or "2. oktober" in str(r[2]))]
    # Registered as held, a contact leaves the list; all registered, no item.
    case = canonical_case()
    case["samtaler"].append({"part": "fosterfamilien", "tema": 0, "nummer": 1,
                             "dato": "2026-09-18", "status": "gjennomfort"})
    rows = _follow_up(tmp_path / "one", case, malform)
    assert [r for r in rows if r[2] == NEVER_PLANNED[malform].format(contacts="2–3")]
    case["samtaler"].append({"part": "fosterfamilien", "tema": 0, "nummer": 3,
                             "dato": "2026-10-02", "status": "gjennomfort"})
    rows = _follow_up(tmp_path / "two", case, malform)
    contact_2 = NEVER_PLANNED[malform].format(contacts="2").replace(
        "19. oktober", "2. oktober")
    assert [r for r in rows if r[2] == contact_2], rows
    case["samtaler"].append({"part": "fosterfamilien", "tema": 0, "nummer": 2,
                             "dato": "2026-09-25", "status": "gjennomfort"})
    rows = _follow_up(tmp_path / "none", case, malform)
    assert not [r for r in rows if str(r[2]).startswith("Fagsystemet viser")]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_contacts_planned_before_keep_their_dates_when_not_registered(tmp_path, malform):
    """Contacts the program planned (and announced) while the case was running, then passed
    by a later conversation the journal has: their dates are real, and the item names them."""
    case = canonical_case()
    held = [s for s in case["samtaler"] if s["part"] == "fosterfamilien"]
    case["samtaler"] = [s for s in case["samtaler"] if s["part"] != "fosterfamilien"]
    ws = _workspace(tmp_path, malform)
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 9, 15)).files_failed == 0
    case["samtaler"] += held
    case["eksportert"] = "2026-11-21"
    ws.drop("sak2.json", case)
    assert ws.run().files_failed == 0
    (path,) = ws.case_folder(JOURNAL).glob("04 *.xlsx")
    rows = [r for r in load_workbook(path).worksheets[0].iter_rows(values_only=True) if any(r)]
    days = "18. september 2026, 25. september 2026 og 2. oktober 2026"
    assert [r for r in rows if r[2] == ASKED[malform].format(days=days)], rows


@pytest.mark.parametrize("malform, came", [
    ("bokmal", "saken ble lest inn første gang 22. november 2026. Sjekk om samtaler er "
               "holdt, og registrer dem i fagsystemet; ellers er den første samtalen planlagt "),
    ("nynorsk", "saka vart lesen inn første gong 22. november 2026. Sjekk om samtalar er "
                "haldne, og registrer dei i fagsystemet; elles er den første samtalen planlagd "),
])
def test_a_track_not_started_in_a_case_received_late_says_when_it_came(tmp_path, malform,
                                                                      came):
    """A case the journal first exported months after the move: one item for the child and
    the parents says when the case came, to check whether conversations were held, and when
    the first is planned, so nobody starts again what is already planned."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "startdato": "2026-06-15"}
    case["samtaler"], case["vurderinger"] = [], []
    rows = _follow_up(tmp_path, case, malform)
    (text,) = [r[2] for r in rows if r[2] and came in r[2]]
    assert text.startswith(("Ingen samtaler med barnet, mor og far er registrert",
                            "Ingen samtalar med barnet, mor og far er registrerte"))
    assert not [r for r in rows if r[2] and r[2].startswith(("Start samtal", "Flytt"))]


UNDATED = {
    "bokmal": ("Referater", "ikke registrert", "Ikke registrert", "Planlagt dato"),
    "nynorsk": ("Referat", "ikkje registrert", "Ikkje registrert", "Planlagd dato"),
}
WRITE_IF_HELD = {
    "bokmal": "Fagsystemet viser ikke at denne samtalen ble holdt, men har en senere samtale "
              "registrert. Ble den holdt, skriver du referatet her. Ble den ikke holdt, "
              "trenger du ikke å fylle det ut.",
    "nynorsk": "Fagsystemet viser ikkje at denne samtalen vart halden, men har ein seinare "
               "samtale registrert. Vart han halden, skriv du referatet her. Vart han ikkje "
               "halden, treng du ikkje å fylle det ut.",
}


def _table_rows(path) -> list[list[str]]:
    return [[cell.text for cell in row.cells]
            for table in Document(str(path)).tables for row in table.rows]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_contacts_nobody_planned_show_no_date_or_time(tmp_path, malform):
    """The case came on 22 November; the foster family's move contacts were due in September
    and the journal has nothing on them. The plan, their minutes and the overview show their
    place in the programme, but no day or time that nobody set."""
    folder_name, no_date, status, planned = UNDATED[malform]
    ws = _workspace(tmp_path, malform)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    folder = ws.case_folder(JOURNAL)
    contacts = [r for r in _table_rows(folder / "01 Oppfølgingsplan.docx")
                if r[0].startswith("Oppfølging i flytteprosessen (kontakt") and r[-1] == status]
    assert [(r[0], r[1], r[2]) for r in contacts] == [
        (f"Oppfølging i flytteprosessen (kontakt {n})", no_date, "–") for n in (1, 2, 3)]
    for n in (1, 2, 3):
        minutes = folder / folder_name / "Fosterfamilien" / (
            f"Tema 0 - Oppfølging i flytteprosessen (kontakt {n}).docx")
        assert [planned, f"{no_date} (før 19. oktober 2026)"] in _table_rows(minutes)
        # Nobody has to write minutes of a contact that may not have been held.
        assert WRITE_IF_HELD[malform] in docx_text(minutes).splitlines()
    planned_ahead = [p for p in (folder / folder_name).rglob("*.docx")
                     if "Fosterfamilien" not in p.parts]
    assert planned_ahead and not [p for p in planned_ahead
                                  if WRITE_IF_HELD[malform] in docx_text(p)]
    (path,) = folder.glob("04 *.xlsx")
    rows = [r for r in load_workbook(path).worksheets[1].iter_rows(values_only=True)
            if r[0] == "Fosterfamilien" and str(r[2]).startswith("Oppfølging")]
    assert [r[3:6] for r in rows] == [("–", "–", status)] * 3
    assert not (folder / "Kalender").exists() or "2026091" not in "".join(
        p.read_text(encoding="utf-8") for p in (folder / "Kalender").glob("*.ics"))


def test_dates_an_earlier_release_kept_for_contacts_nobody_planned_are_dropped(tmp_path):
    """A state from before: the cadence's dates of the foster family's move contacts were
    kept with the plan, from before the case was first planned. The next export's run shows
    them without a date, and they are no longer kept."""
    ws = _workspace(tmp_path, "bokmal")
    case = canonical_case()
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    (plan_file,) = (ws.state / "plans").glob("*.json")
    rows = json.loads(plan_file.read_text(encoding="utf-8"))
    rows += [{"part": "fosterfamilien", "tema": 0, "nummer": n, "dato": day,
              "klokkeslett": "12:00"}
             for n, day in ((1, "2026-09-18"), (2, "2026-09-25"), (3, "2026-10-02"))]
    plan_file.write_text(json.dumps(rows), encoding="utf-8")
    case["eksportert"] = "2026-11-23"
    case["barn"]["telefon"] = "99999999"
    ws.drop("sak2.json", case)
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    plan = docx_text(ws.case_folder(JOURNAL) / "01 Oppfølgingsplan.docx")
    assert "18. september" not in plan and "2. oktober" not in plan
    kept = json.loads(plan_file.read_text(encoding="utf-8"))
    assert not [r for r in kept if r["part"] == "fosterfamilien" and r["tema"] == 0]


def test_a_parents_letter_lists_no_contact_nobody_planned(tmp_path):
    """The case came on 20 November, after the father's theme 1 was held on 18 November;
    his move contacts were never planned, the last one due that very day. His letter lists
    what was held and what comes, not a contact without a date."""
    from .doc_helpers import case_context, texts

    case = canonical_case()
    case["plassering"]["startdato"] = "2026-11-02"
    case["samtaler"] = [{"part": "foreldre", "tema": 1, "nummer": 1, "dato": "2026-11-18",
                         "status": "gjennomfort", "deltakere": ["mor", "far"]}]
    case["vurderinger"] = []
    ctx = case_context(case, today=date(2026, 11, 20))
    assert [c.dato for c in ctx.plan.for_part("foreldre")
            if c.forelder == 1 and c.undated][-1] == date(2026, 11, 20)
    letter = texts(ctx, "informasjonsbrev", tmp_path)[
        "02 Informasjonsbrev til foreldre - far.docx"]
    assert "onsdag 18. november 2026" in letter and "onsdag 16. desember 2026" in letter
    assert "ikke registrert" not in letter, letter


def test_a_case_known_since_its_start_is_not_said_to_have_come_late(tmp_path):
    """Placed 1 October and planned the next day; on 22 November nothing is registered and
    the missed conversations are moved. The plan says they were moved, not that the case
    «kom fra fagsystemet første gang 22. november 2026»."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "startdato": "2026-10-01"}
    case["samtaler"], case["vurderinger"] = [], []
    case["eksportert"] = "2026-10-02"
    ws = _workspace(tmp_path, "bokmal")
    ws.drop("sak.json", case)
    assert ws.run(date(2026, 10, 2)).files_failed == 0
    case["eksportert"] = "2026-11-22"
    ws.drop("sak2.json", case)
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    plan = docx_text(ws.case_folder(JOURNAL) / "01 Oppfølgingsplan.docx")
    assert "første gang 22. november 2026" not in plan
    assert "men ikke registrert som holdt" in plan
