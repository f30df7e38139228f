"""A daily run with nothing in the inbox makes the letters that came into their window: the
new invitation dated that day and listed in Til utsending.xlsx, while a case with nothing
due is not touched (run/refresh.py)."""

from __future__ import annotations

import errno
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.planning.workdays import norsk_dato
from omsorgspakke_docs.plugins import make_manager
from omsorgspakke_docs.run.pipeline import Pipeline
from omsorgspakke_docs.run.watch import Watcher
from omsorgspakke_docs.store import written

from .conftest import TODAY, canonical_case, docx_text, xlsx_rows
from .test_sending import LIST_HEADER


def _files(outbox: Path) -> dict[str, int]:
    """The case folders' files (not the record of what was written: store/written.py)."""
    return {p.relative_to(outbox).as_posix(): p.stat().st_mtime_ns
            for p in outbox.rglob("*") if p.is_file() and p.parent != outbox
            and p.parts[len(outbox.parts)] != written.FOLDER}


def _listed(outbox: Path) -> dict[str, tuple]:
    rows = xlsx_rows(outbox / sending.FILE_NAME, "Til utsending")
    header = rows.index(LIST_HEADER)
    return {r[2]: r for r in rows[header + 1:] if r[0]}


def _quiet_case() -> dict:
    """A case placed in January whose conversations are all held and minuted, with its
    visits made: few of its documents change from one day to the next."""
    case = canonical_case(journalnummer="2026-0111", vurderinger=[])
    case["plassering"]["startdato"] = "2026-01-12"
    for parent in case["foreldre"]:
        parent["bor_sammen_med_annen_forelder"] = True
    day, held = date(2026, 1, 14), []
    for part in programme.load().parter:
        for tema in part.temaer:
            for nummer in range(1, 4) if tema.nummer == 0 else (1,):
                held.append({"part": part.id, "tema": tema.nummer, "nummer": nummer,
                             "dato": day.isoformat(), "status": "gjennomfort",
                             "referat_mottatt": True})
                day += timedelta(days=3)
    case["samtaler"] = held
    case["oppfolgingsbesok"] = [{"dato": d} for d in (
        "2026-02-10", "2026-04-14", "2026-06-09", "2026-09-08", "2026-11-10")]
    return case


def test_a_run_with_an_empty_inbox_adds_the_invitations_now_due(workspace):
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.drop("rolig.json", _quiet_case())
    summary = workspace.run(TODAY)
    assert summary.cases == 2
    before = _files(workspace.outbox)
    for days in range(1, 29):
        day = TODAY + timedelta(days=days)
        summary = workspace.run(day)
        after = _files(workspace.outbox)
        new = sorted(n for n in after if n not in before and "/Innkallinger/" in n)
        touched = {n.split("/")[0] for n in after if before.get(n) != after[n]}
        untouched = {n.split("/")[0] for n in before} - touched
        if new and untouched:
            break
        before = after
    else:
        raise AssertionError("no day in four weeks with a new invitation in one case only")
    assert summary.files_ok == 0 and summary.cases_refreshed == len(touched)
    listed = _listed(workspace.outbox)
    for name in new:
        text = docx_text(workspace.outbox / name)
        assert f"Vår dato:\t{norsk_dato(day)}" in text, name
        assert name in listed, name
        assert listed[name][4].date() >= day
    # The other case: not one of its files written again.
    for case in untouched:
        assert {n: t for n, t in after.items() if n.startswith(case + "/")} == {
            n: t for n, t in before.items() if n.startswith(case + "/")}
    # In the case with a new letter, a document that did not change was not written again.
    case = new[0].split("/")[0]
    evaluation = f"{case}/03 Sluttevaluering - Fosterfamilien.docx"
    assert after[evaluation] == before[evaluation]


def test_a_day_with_nothing_due_touches_no_case(workspace):
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.run(TODAY)
    workspace.run(TODAY + timedelta(days=1))
    before = _files(workspace.outbox)
    # Once the next day's letters are made, the same day again has nothing new to make.
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.cases_refreshed == 0 and summary.documents_written == 0
    assert _files(workspace.outbox) == before


def test_watch_makes_the_letters_due_on_a_new_day(workspace):
    """watch does at start, and on each new day, what run does with an empty inbox."""
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.run(TODAY)
    before = _files(workspace.outbox)
    settings = workspace.settings()
    later = TODAY + timedelta(days=14)
    watcher = Watcher(Pipeline(settings, make_manager(settings.paths.plugins)), polling=True,
                      today=later)
    daily = watcher._daily

    def one_day() -> None:
        daily()
        watcher.stop()
    watcher._daily = one_day  # type: ignore[method-assign]
    watcher.run()
    new = [n for n in _files(workspace.outbox) if n not in before and "/Innkallinger/" in n]
    assert new
    assert all(f"Vår dato:\t{norsk_dato(later)}" in docx_text(workspace.outbox / n) for n in new)


def test_letters_are_made_and_dated_on_working_days_only(workspace):
    """A window that opens on a Saturday, a Sunday or a public holiday opens the working day
    before: a daily run never dates a letter on a day the office does not send it. (Three
    weeks ahead of a weekday is a weekday; twenty-two days ahead of a Monday is a Sunday.)"""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[documents]\ninvitation_days_before = 22\n")
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.run(TODAY - timedelta(days=2))  # a Friday
    before = _files(workspace.outbox)
    made = 0
    for days in range(-1, 26):
        day = TODAY + timedelta(days=days)
        workspace.run(day)
        after = _files(workspace.outbox)
        for name in (n for n in after if n not in before and "/Innkallinger/" in n):
            assert day.weekday() < 5, (day, name)
            assert f"Vår dato:\t{norsk_dato(day)}" in docx_text(workspace.outbox / name)
            made += 1
        before = after
    assert made


def test_a_document_open_in_word_leaves_the_days_letters_for_the_next_run(
        workspace, monkeypatch, caplog):
    """An error that may pass while the day's letters are made (a document locked by Word,
    a share away) is said in one line and the run ends normally; the next run makes them."""
    from omsorgspakke_docs.run import refresh as refresh_module

    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli(today=TODAY) == 0
    day, tried = TODAY + timedelta(days=14), []

    def locked(*args, **kwargs):
        tried.append(args)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(refresh_module, "_submit", locked)
    assert workspace.cli(today=day) == 0
    assert tried, "nothing fell due that day: pick another day"
    assert any("brev som forfaller i dag ble ikke laget" in r.getMessage()
               for r in caplog.records)
    monkeypatch.undo()
    summary = workspace.run(day)
    assert summary.cases_refreshed == 1 and summary.documents_written > 0


def test_the_summary_counts_a_days_letters_with_the_cases_that_got_them(workspace, capsys):
    """It said «0 saker fikk dokumenter (7 dokumenter)» on a day with no export."""
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli(today=TODAY) == 0
    capsys.readouterr()
    for days in range(1, 29):
        assert workspace.cli(today=TODAY + timedelta(days=days)) == 0
        out = capsys.readouterr().out
        found = re.search(r"1 sak uten ny eksport fikk nye eller oppdaterte dokumenter "
                          r"\((\d+) dokumenter?\), blant annet brev og referater som nå er "
                          r"innen rekkevidde\.", out)
        if found:
            break
    else:
        raise AssertionError("no day in four weeks with letters due")
    assert int(found.group(1)) > 0
    assert "0 saker fikk dokumenter (0 dokumenter), 0 saker ble hoppet over." in out


AFTER_THE_END = {
    "bokmal": "1 sak der programmets siste dag er passert, fikk dokumentene laget på nytt én "
              "siste gang (6 dokumenter), uten nye brev: de viser nå hvilke samtaler som ble "
              "holdt, og hvilke som ikke ble det.",
    "nynorsk": "1 sak der den siste dagen i programmet er passert, fekk dokumenta laga på nytt "
               "ein siste gong (6 dokument), utan nye brev: dei viser no kva samtalar som vart "
               "haldne, og kva som ikkje vart det.",
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("day", [date(2027, 9, 14), date(2027, 9, 16)],
                         ids=["the-day-after", "days-after"])
def test_the_summary_after_the_end_says_no_letter_was_made(workspace, capsys, malform, day):
    """The first run after a programme's last day makes its plan, overview and final
    evaluations once more, and no letter (tests/test_after_the_end_without_export.py). The
    summary said «… blant annet brev og referater som nå er innen rekkevidde» for it, though
    nothing was any longer; also on the day right after the last day, a year to the day
    after the placement began, when the case is still within the year a case is taken in
    for (qualify_months) but its programme is over."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=TODAY) == 0
    assert workspace.cli(today=date(2027, 9, 13)) == 0  # its last day: no export since
    capsys.readouterr()
    assert workspace.cli(today=day) == 0
    out = capsys.readouterr().out
    assert AFTER_THE_END[malform] in out.splitlines()
    assert "rekkevidde" not in out and "rekkjevidd" not in out


def test_a_case_exported_again_unchanged_is_not_counted_as_one_that_got_documents(workspace,
                                                                                   capsys):
    """Two cases exported again, one with a new conversation registered: it said «2 saker fikk
    dokumenter». The unchanged one is said as it is, in the line and in --json."""
    first = canonical_case(journalnummer="2026-0001")
    second = canonical_case(journalnummer="2026-0002")
    workspace.drop("eksport-1.json", {"format": "omsorgspakke-saker/1", "saker": [first, second]})
    assert workspace.cli(today=TODAY) == 0
    capsys.readouterr()
    second["samtaler"] = [*second["samtaler"], {
        "part": "barnet", "tema": 1, "nummer": 1, "dato": "2026-10-21", "status": "gjennomfort"}]
    workspace.drop("eksport-2.json", {"format": "omsorgspakke-saker/1", "saker": [first, second]})
    assert workspace.cli(today=TODAY) == 0
    out = capsys.readouterr().out
    found = re.search(r"^1 sak fikk nye eller oppdaterte dokumenter \((\d+) dokumenter?\), "
                      r"1 sak var som før, 0 saker ble hoppet over\.$", out, re.M)
    assert found and int(found.group(1)) > 0, out
    assert workspace.run(TODAY).cases_unchanged == 0  # nothing read: nothing said unchanged
