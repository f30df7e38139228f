"""The demo run forward to 1 June 2027 with no new export: the plan and the final evaluation
read true with every date passed (a reader's findings): no gap that «ended» on a date
never held, no «datoene for dem som gjenstår» or «får innkallingene» with nothing planned,
no «referat ikke levert ennå» quoted where no cell says it, and the service's switchboard
in the evaluation where the contact person has no phone, as the letters have it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parent.parent


def _text(path: Path) -> str:
    xml = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in xml.iter(W + "p"))


@pytest.fixture(scope="module")
def outbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("late") / "D"
    run = [sys.executable, "-m", "omsorgspakke_docs"]
    subprocess.run([*run, "demo", "--folder", str(folder), "--json"], cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([*run, "run", "--config", "examples/omsorgspakke.toml", "--accept-config",
                    "--today", "2027-06-01", *[a for name in ("inbox", "outbox", "archive",
                                                             "failed", "state")
                                               for a in (f"--{name}", str(folder / name))],
                    "--json"], cwd=ROOT, check=True, capture_output=True)
    return folder / "outbox"


def test_plan_says_the_gap_is_open_and_nothing_is_ahead(outbox):
    plan = _text(outbox / "2026-0412" / "01 Oppfølgingsplan.docx")
    assert "Barnet: ingen samtale registrert som holdt siden 24. september 2026." in plan
    assert "24. september 2026 til 24. november 2026" not in plan
    assert "datoene for dem som gjenstår" not in plan
    assert "hvilke samtaler som er holdt, og hvilke som ikke er registrert som holdt" in plan
    assert "får innkallingene" not in plan
    assert ("Barnet fylte 12 år 14. mars 2027, etter datoen for den siste samtalen. "
            "Innkallingene til barnets samtaler ble sendt til fosterforeldrene") in plan
    assert "Planene under skal evalueres i det siste temaet" in plan


def test_plan_with_every_date_passed_unheld_does_not_set_them_up_now(outbox):
    plan = _text(outbox / "2026-0655" / "01 Oppfølgingsplan.docx")
    assert "settes opp allerede nå" not in plan
    assert "Tabellene nedenfor viser datoene som er satt opp; ingen av samtalene er " \
           "registrert som holdt ennå." in plan


def test_plan_in_nynorsk(outbox):
    plan = _text(outbox / "2026-0520" / "01 Oppfølgingsplan.docx")
    assert "Planane under skal evaluerast i det siste temaet" in plan
    assert "alt no" not in plan


def test_final_evaluation_note_agrees_with_its_table(outbox):
    text = _text(outbox / "2026-0412" / "03 Sluttevaluering - Barnet.docx")
    assert "er holdt, men referatene er ikke levert" in text
    assert "Der det står at referatet ikke er levert, er samtalen holdt, men referatet er " \
           "ikke lest inn." in text
    assert "ennå" not in text.split("Der det står")[1].split("\n")[0]


def test_final_evaluation_gives_the_switchboard_as_the_letters_do(outbox):
    text = _text(outbox / "2026-0741" / "03 Sluttevaluering - Foreldre.docx")
    assert "[mangler: telefon til kontaktpersonen]" not in text
    assert "(sentralbord)" in text
