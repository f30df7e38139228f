"""The minutes forms as the caseworker meets them in the case folder: what an unwritten form
shows once the journal has the conversation as held, who is named under «Til stede», the
forms of a parent who declined, and the wording of the questions."""

import re
import tomllib
from datetime import date
from pathlib import Path

from .conftest import canonical_case
from .test_minutes_prefilled import CHILD, all_text, minutes, run_case

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember"]
ASSESSMENT = {"positivt": "Sofie fortalte mye om skolen.",
              "behov_for_stotte": "Trenger mer tid med mor.",
              "dekkes_av_oppfolging": "Ja, i tema 2."}


def planned_day(path) -> str:
    """The day the minutes at path show as planned, ISO («4. desember 2026»)."""
    lines = all_text(path).splitlines()
    day, month, year = lines[lines.index("Planlagt dato") + 1].split()
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day.rstrip('.')):02d}"


def _held_child_theme_1(held: str, deltakere=("Sofie", "Ingrid Bakke & Berg")) -> dict:
    """The example case exported again: the child's theme 1 held on its planned day, with
    its participants and the caseworker's assessment registered in the journal."""
    case = canonical_case(eksportert="2026-12-20")
    case["samtaler"].append({"part": "barnet", "tema": 1, "dato": held,
                             "status": "gjennomfort", "deltakere": list(deltakere)})
    case["vurderinger"].append({"part": "barnet", "tema": 1, "dato": held, **ASSESSMENT})
    return case


# --- (6) An unwritten form shows what the journal has ------------------------------------

def test_an_unwritten_form_shows_the_held_date_and_assessment_the_journal_has(tmp_path):
    """The form made while the conversation was planned, nobody has written in it: once the
    journal has it held, the form says when, and what the assessment was, in place (no
    second copy beside it)."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    assert "Skriv datoen samtalen ble holdt" in all_text(path)
    held = planned_day(path)

    ws.drop("sak.json", _held_child_theme_1(held))
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    text = all_text(path)
    day = date.fromisoformat(held)
    assert f"Dato holdt\n{day.day}. {MONTHS[day.month - 1]} {day.year}\n" in text
    for answer in ASSESSMENT.values():
        assert answer in text
    assert "Skriv vurderingen din her." not in text
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]


# --- (13) The questions' wording ---------------------------------------------------------

def test_no_question_ends_a_quoted_title_with_two_question_marks():
    """«… der?»?» reads as a typing error: a title ending in «?» is not followed by one."""
    data = Path(__file__).parent.parent / "omsorgspakke_docs" / "data"
    for malform in ("nb", "nn"):
        programme = tomllib.loads((data / f"programme.{malform}.toml").read_text("utf-8"))
        texts = _texts(programme)
        assert len(texts) > 100
        for text in texts:
            assert not re.search(r"[?!]»\?", text), (malform, text)


def _texts(value) -> list[str]:
    """Every string in a theme (its sections, questions, purpose), however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return []
