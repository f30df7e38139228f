"""The final evaluation is made when the year is over: the journal registers the last
conversations' assessments in the days after its last day (helper 118). Those exports were
skipped as out of scope, and the final evaluation kept «Ikke vurdert ennå» for good."""

from __future__ import annotations

from datetime import date

from .conftest import canonical_case, docx_text, xlsx_rows

CHILD = "03 Sluttevaluering - Barnet.docx"


def _after_the_year(exported: str) -> dict:
    """The example case (placed 14 September 2026, last day 13 September 2027) with the
    child's theme 5 held on 8 September 2027 and assessed."""
    case = canonical_case(eksportert=exported)
    case["samtaler"].append({"part": "barnet", "tema": 5, "nummer": 1, "dato": "2027-09-08",
                             "status": "gjennomfort"})
    case["vurderinger"].append({"part": "barnet", "tema": 5, "dato": "2027-09-08",
                                "positivt": "Sofie gleder seg til neste skoleår.",
                                "behov_for_stotte": "Ingen nye behov.",
                                "dekkes_av_oppfolging": "Ja."})
    return case


def _sent_rows(workspace) -> list[tuple]:
    rows = xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
    return [r for r in rows if isinstance(r[2], str) and r[2].startswith("2026-0412/")]


def test_assessments_registered_after_the_year_reach_the_final_evaluation(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    assert "Ikke vurdert ennå" in docx_text(workspace.case_folder("2026-0412") / CHILD)
    workspace.drop("etter.json", _after_the_year("2027-09-20"))
    assert workspace.cli(today=date(2027, 9, 20)) == 0
    text = docx_text(workspace.case_folder("2026-0412") / CHILD)
    assert "Sofie gleder seg til neste skoleår." in text
    assert "Ikke vurdert ennå" not in text
    # The themes the journal has not registered as held, each said once (helper 150).
    assert "ikke registrert som holdt" in text
    assert not _sent_rows(workspace)  # no letter to send after the year
    saker = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Saker")
    assert any("2026-0412" in r and "Avsluttet" in r for r in saker)
    # The next day, the same export: nothing is made again.
    workspace.drop("igjen.json", _after_the_year("2027-09-21"))
    before = {p: p.stat().st_mtime_ns for p in workspace.case_folder("2026-0412").rglob("*")}
    assert workspace.cli(today=date(2027, 9, 21)) == 0
    assert {p: p.stat().st_mtime_ns
            for p in workspace.case_folder("2026-0412").rglob("*")} == before


def test_three_months_after_the_year_the_case_is_left_as_it_is(workspace):
    """Once its final documents were made (the first run after its last day): a case whose
    last day passed with no run at all gets them on the next run, however late
    (test_year_end_long_after.py)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    assert workspace.cli(today=date(2027, 9, 16)) == 0  # its final documents, by the day
    before = docx_text(workspace.case_folder("2026-0412") / CHILD)
    workspace.drop("etter.json", _after_the_year("2027-12-14"))
    assert workspace.cli(today=date(2027, 12, 14)) == 0
    assert docx_text(workspace.case_folder("2026-0412") / CHILD) == before


def test_a_case_first_seen_after_its_year_is_skipped(workspace):
    workspace.drop("etter.json", _after_the_year("2027-09-20"))
    assert workspace.cli(today=date(2027, 9, 20)) == 0
    assert not workspace.case_folder("2026-0412").exists()


def _planned(workspace) -> set[tuple]:
    rows = xlsx_rows(workspace.case_folder("2026-0412") / "04 Oppfølgingsoversikt.xlsx",
                     "Samtaler")
    return {(r[0], r[1], r[3].date()) for r in rows if hasattr(r[3], "date")}


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_after_the_year_nothing_moves_and_no_letter_is_made(workspace):
    """An export after the year kept re-planning: the conversations of the last days left
    the plan, and the parents' information letters were issued anew, dated after the
    programme had ended; a meeting the journal moved past the end got a new invitation
    nobody was asked to send (helper 122)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    workspace.drop("sept.json", canonical_case(eksportert="2027-09-06"))
    assert workspace.cli(today=date(2027, 9, 6)) == 0
    folder = workspace.case_folder("2026-0412")
    before, planned = _files(folder), _planned(workspace)
    last = {p for p in planned if p[2] >= date(2027, 9, 6) and p[:2] != ("Barnet", "Flytting")}
    assert last  # conversations on the last days of the year (the child's contact: moved)
    moved = canonical_case(eksportert="2027-09-20")
    moved["samtaler"].append({"part": "barnet", "tema": 0, "nummer": 3, "dato": "2027-09-27",
                              "klokkeslett": "10:00", "status": "planlagt"})
    workspace.drop("etter.json", moved)
    assert workspace.cli(today=date(2027, 9, 20)) == 0
    after = _files(folder)
    assert last <= _planned(workspace)  # still on their days, not held
    letters = [name for name in before if name.startswith(("02 ", "Innkallinger/"))]
    assert letters and all(after.get(name) == before[name] for name in letters
                           if name.startswith("02 "))
    assert not [name for name in after if name.startswith("Innkallinger/")
                and name not in before]
