"""Parents who live apart, where the father first declines and accepts later: the mother has
her own track from the first document, his begins the day he joins, and each is credited only
with the conversations they took part in (docs/planning.md, "Parents living apart").

Several runs with --today, as a service runs: the documents are opened as a caseworker would."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, docx_text, xlsx_rows

JN = "2026-0412"  # the canonical case: mother (0) and father (1) live apart
KEY = f"{canonical_case()['kommunenummer']}:{JN}"
FIRST, HELD, JOINS, AFTER = (date(2026, 9, 15), date(2026, 10, 26), date(2026, 11, 2),
                             date(2026, 11, 4))
MOTHERS = "Mors samtale om tema 1 ga et godt grunnlag."


def _export(ws, day: date, father_accepts: bool, held: list[dict]) -> None:
    """The journal's export the day before the run: the conversations held are recorded
    without naming a parent (as a journal system that knows no tracks records them)."""
    case = canonical_case(samtaler=held, eksportert=(day - timedelta(days=1)).isoformat())
    case["foreldre"][1]["takker_ja"] = father_accepts
    case["vurderinger"] = [{"part": "foreldre", "tema": 1, "dato": s["dato"],
                            "positivt": MOTHERS} for s in held if s["tema"] == 1]
    ws.drop(f"eksport-{day}.json", case)
    assert ws.cli(today=day) == 0


def _held_before(ws, day: date) -> list[dict]:
    """The parents' conversations planned before day, recorded as held (no parent named)."""
    dates = State(ws.state).kept_plan(KEY)[0]
    return [{"part": "foreldre", "tema": t, "nummer": n, "dato": d.isoformat(),
             "status": "gjennomfort"}
            for (part, t, n, _), (d, _) in sorted(dates.items(), key=lambda kv: kv[1])
            if part == "foreldre" and d < day]


def _files(ws) -> dict[str, str]:
    folder = ws.case_folder(JN)
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*.docx")}


def _for_parents(name: str) -> bool:
    """A letter or minutes document of the parents' track (not the renewed offer)."""
    return "/Foreldre/" in name or name.startswith(("02 Informasjonsbrev", "03 Sluttevaluering"
                                                    " - Foreldre")) or "Felles møte - " in name \
        and "fosterfamilien" not in name


def _parents_rows(ws) -> dict[str, list[tuple]]:
    rows = xlsx_rows(ws.case_folder(JN) / "04 Oppfølgingsoversikt.xlsx", "Samtaler")
    out: dict[str, list[tuple]] = {}
    for row in rows:
        if row[0] in ("Foreldre (mor)", "Foreldre (far)", "Foreldre"):
            out.setdefault(str(row[0]), []).append(row)
    return out


def test_the_father_who_joins_later_gets_his_own_track_and_no_credit_for_hers(workspace):
    ws = workspace
    _export(ws, FIRST, False, [])
    first = _files(ws)
    # The mother's letters carry her role from the first document, while she alone takes part.
    assert "02 Informasjonsbrev til foreldre - mor.docx" in first
    parents = [name for name in first if _for_parents(name) and not name.startswith("03 ")]
    assert len(parents) >= 3 and all(name.endswith("- mor.docx") for name in parents), parents

    held = _held_before(ws, HELD)
    assert [s["tema"] for s in held][-1] == 1  # the move follow-up and theme 1 with her
    _export(ws, HELD, False, held)
    before = _files(ws)

    _export(ws, JOINS, True, held)
    joined = _files(ws)
    ws.cli(today=AFTER)  # a daily run without an export
    after = _files(ws)

    # (b) Nothing of the mother's is renamed or issued again but what now says that the
    # father comes to the joint meeting too: its invitation, and the meeting's row in her
    # information letter («Felles møte med faren til Sofie og fosterforeldrene»).
    mothers = {name for name in before if name.endswith("- mor.docx")}
    changed = {name for name in mothers & set(after) if before[name] != after[name]}
    assert changed <= {"Innkallinger/Felles møte/Felles møte - mor.docx",
                       "02 Informasjonsbrev til foreldre - mor.docx"}, changed
    assert not [n for n in after if n.endswith("- mor.docx") and n not in before]
    assert not [n for n in after if _for_parents(n)
                and not n.endswith(("- mor.docx", "- far.docx"))]
    letter = docx_text(ws.case_folder(JN) / "02 Informasjonsbrev til foreldre - far.docx")
    assert "Ahmad" in letter and "Camilla" not in letter

    # His own invitations from then on: the first is his move follow-up, after he joined.
    his = sorted(n for n in joined if n.startswith("Innkallinger/Foreldre/") and "- far" in n)
    assert his and his[0].startswith("Innkallinger/Foreldre/Tema 0 - Oppfølging i "
                                     "flytteprosessen (kontakt 1)")

    # (a) The overview credits the mother, not him: his track begins the day he joined, and
    # nothing before it is shown as his (neither held nor overdue).
    rows = _parents_rows(ws)
    assert set(rows) == {"Foreldre (mor)", "Foreldre (far)"}
    assert any(r[1] == 1 and r[5] == "Gjennomført" for r in rows["Foreldre (mor)"])
    assert not [r for r in rows["Foreldre (far)"] if r[5] == "Gjennomført"]
    assert all(r[3].date() >= JOINS for r in rows["Foreldre (far)"])
    assert len(rows["Foreldre (far)"]) == len(rows["Foreldre (mor)"])  # the whole programme

    # What must be followed up names her: the minutes of her move follow-up are missing.
    findings = [r[2] for r in xlsx_rows(ws.case_folder(JN) / "04 Oppfølgingsoversikt.xlsx",
                                        "Dette må følges opp") if r[2]]
    minutes = [f for f in findings if f.startswith("Få referatene fra ")]
    assert minutes == ["Få referatene fra 3 samtaler skrevet og levert i innboksen: Foreldre "
                       "(mor), «Oppfølging i flytteprosessen», 17. september 2026 (kontakt 1), "
                       "24. september 2026 (kontakt 2) og 1. oktober 2026 (kontakt 3)."]

    # The final evaluation shows her assessment as hers only.
    folder = ws.case_folder(JN)
    assert MOTHERS in docx_text(folder / "03 Sluttevaluering - Foreldre - mor.docx")
    assert MOTHERS not in docx_text(folder / "03 Sluttevaluering - Foreldre - far.docx")

    # The plan says when his track began, and why the earlier conversations are not his.
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Foreldre (far): med fra 2. november 2026" in plan


def test_the_team_leaders_overview_counts_the_fathers_track_from_his_joining(workspace):
    ws = workspace
    _export(ws, FIRST, False, [])
    held = _held_before(ws, HELD)
    _export(ws, HELD, False, held)
    _export(ws, JOINS, True, held)
    rows = xlsx_rows(ws.outbox / "Saksoversikt.xlsx", "Saker")
    header = next(r for r in rows if r[0] == "Sak")
    (case,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == JN]
    assert case["Gjennomført"] == len(held)  # hers, once: none of them counted for him too
    month = xlsx_rows(ws.outbox / "Saksoversikt.xlsx", "Denne måneden")
    fathers = [r for r in month if str(r[2]).startswith("Foreldre (far)")]
    assert fathers and all(r[3].date() >= JOINS for r in fathers)


def _old_own_tracks(case, kept_shared=False, kept_own=False):
    """own_tracks before this rule: one parent taking part always had the shared track."""
    taking_part = [i for i, f in enumerate(case.foreldre) if f.takker_ja is not False]
    if len(taking_part) < 2:
        return [None]
    return list(taking_part) if schedule.live_apart(case) else [None]


def test_a_case_with_shared_track_letters_from_before_keeps_them(workspace, monkeypatch):
    """A service upgrading with a case whose only parent taking part (living apart) has
    letters on the shared track: they are not named anew or issued again."""
    ws = workspace
    with monkeypatch.context() as before_upgrade:
        before_upgrade.setattr(schedule, "own_tracks", _old_own_tracks)
        _export(ws, FIRST, False, [])
    old = _files(ws)
    assert "02 Informasjonsbrev til foreldre.docx" in old
    assert "Innkallinger/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx" in old

    ws.cli(today=FIRST + timedelta(days=1))  # the first run after the upgrade
    now = _files(ws)
    assert {name: now.get(name) for name in old} == old  # nothing named anew or made again
    held = _held_before(ws, HELD)
    _export(ws, HELD, False, held)
    now = _files(ws)
    letters = [n for n in now if _for_parents(n) and not n.startswith("03 ")]
    assert len(letters) > 3 and not [n for n in letters if n.endswith(("- mor.docx", "- far.docx"))]
