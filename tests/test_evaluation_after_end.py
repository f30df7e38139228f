"""The final evaluation after the programme's last day, as a reader found it on the demo's
2026-0412: a theme's status («Avlyst 10. februar 2027») stood alone under «Hva er
positivt» and read as if it were the positive; a held theme without minutes and the move
follow-up said «Referat ikke levert ennå» or «Ikke registrert som holdt» three times over;
the introduction spoke of what to do «Før siste tema»; and «Det ble ikke laget noe brev som
ga tilbudet på nytt» read as the system's words, not the service's."""

from __future__ import annotations

import pytest
from docx import Document as open_docx

from .doc_helpers import render, texts
from .test_after_programme_end import FATHER, ended

CHILD = "03 Sluttevaluering - Barnet.docx"
FOSTER = "03 Sluttevaluering - Fosterfamilien.docx"


def _rows(ctx, tmp_path, name: str) -> dict[str, list[str]]:
    (path,) = [p for n, p in render(ctx, "sluttevaluering", tmp_path).items() if n == name]
    return {r.cells[0].text: [c.text for c in r.cells[1:]]
            for table in open_docx(str(path)).tables for r in table.rows}


@pytest.mark.parametrize("malform, cancelled, move", [
    ("bokmal", "Ikke vurdert: avlyst 10. februar 2027",
     "Ikke vurdert: kontakt 1, 2 og 3 fikk ingen dato og er ikke registrert som holdt"),
    ("nynorsk", "Ikkje vurdert: avlyst 10. februar 2027",
     "Ikkje vurdert: kontakt 1, 2 og 3 fekk ingen dato og er ikkje registrerte som haldne")])
def test_a_theme_not_assessed_says_so_once(tmp_path, malform, cancelled, move):
    ctx = ended().in_malform(malform)
    child = _rows(ctx, tmp_path, CHILD)
    (second,) = [v for k, v in child.items() if k.startswith("Tema 2")]
    assert second == [cancelled, "–", "–"]
    foster = _rows(ctx, tmp_path / "f", FOSTER)
    (moving,) = [v for k, v in foster.items() if k.startswith(("Oppfølging i flytte",))]
    assert moving == [move, "–", "–"]


def test_a_held_theme_without_minutes_says_so_once(tmp_path):
    ctx = ended()
    # The child's theme 3 was held 14 April 2027; no minutes came back.
    child = _rows(ctx, tmp_path, CHILD)
    (third,) = [v for k, v in child.items() if k.startswith("Tema 3")]
    assert third == ["Ikke vurdert: holdt, men referatet er ikke levert", "–", "–"]


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", "Tabellen samler vurderingene fra hvert tema i samtaleløpet: det som var "
               "positivt, hvor det trengs støtte videre, og om den planlagte oppfølgingen "
               "dekker behovene. Et tema som ikke ble vurdert, står med «Ikke vurdert» og hva "
               "som skjedde med det.", "Før siste tema"),
    ("nynorsk", "Eit tema som ikkje vart vurdert, står med «Ikkje vurdert» og kva som skjedde "
                "med det.", "Før det siste temaet")])
def test_the_introduction_after_the_end_says_what_the_table_holds(tmp_path, malform, said,
                                                                  not_said):
    text = texts(ended().in_malform(malform), "sluttevaluering", tmp_path)[CHILD]
    assert said in text and not_said not in text


def test_no_letter_renewing_the_offer_is_said_calmly(tmp_path):
    ctx = ended()
    ctx.issued_last = lambda key: None
    text = texts(ctx, "sluttevaluering", tmp_path)[FATHER]
    assert "Det er ikke registrert at tilbudet ble gitt på nytt." in text
    assert "Det ble ikke laget noe brev" not in text
