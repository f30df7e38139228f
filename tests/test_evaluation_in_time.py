"""The final evaluation and the plan's adaptations as time passes without new exports, as a
reader found them on the demo's 2026-0412 (runs on 10 January, 1 June and 1 October 2027):
the parents' move follow-up, held with both and not registered with whom, read «Ikke
registrert som holdt» while the plan said «Gjennomført»; after the last theme's day the
evaluation still said «Før siste tema …» and «Ikke vurdert ennå»; and after the programme's
last day the plan's adaptations were in the present («får innkallingene», «Vi bestiller
tolk»)."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as open_docx

from .conftest import canonical_case
from .doc_helpers import case_context, render, texts
from .test_after_programme_end import ended

MOTHER = "03 Sluttevaluering - Foreldre - mor.docx"
FATHER = "03 Sluttevaluering - Foreldre - far.docx"
PLAN = "01 Oppfølgingsplan.docx"
AFTER_THE_END = date(2027, 10, 1)
AFTER_THE_LAST_THEME = date(2027, 6, 1)  # the mother's theme 5 was planned 15 March 2027
BEFORE_THE_LAST_THEME = date(2027, 3, 1)


def _rows(ctx, folder, name: str) -> dict[str, list[str]]:
    (path,) = [p for n, p in render(ctx, "sluttevaluering", folder).items() if n == name]
    return {r.cells[0].text: [c.text for c in r.cells[1:]]
            for table in open_docx(str(path)).tables for r in table.rows}


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Ikke vurdert: holdt 17. september 2026 med foreldrene (hvem som var med, er "
               "ikke registrert); referatet er ikke levert"),
    ("nynorsk", "Ikkje vurdert: halden 17. september 2026 med foreldra (kven som var med, er "
                "ikkje registrert); referatet er ikkje levert")])
@pytest.mark.parametrize("today", [AFTER_THE_END, AFTER_THE_LAST_THEME])
def test_the_move_follow_up_held_with_both_parents_says_so(tmp_path, malform, said, today):
    """Then each parent's own contacts 2 and 3, not registered as held, with their days:
    the row said nothing of them (a reader's finding, in a nynorsk municipality)."""
    ctx = ended(canonical_case(), today=today).in_malform(malform)
    own = {"bokmal": "kontakt 2 og 3 ({}) er ikke registrert som holdt",
           "nynorsk": "kontakt 2 og 3 ({}) er ikkje registrerte som haldne"}[malform]
    for name, days in ((MOTHER, "24. november og 1. desember 2026"),
                       (FATHER, "26. november og 3. desember 2026")):
        rows = _rows(ctx, tmp_path / name[-7:-5], name)
        (moving,) = [v for k, v in rows.items() if k.startswith(("Oppfølging i flytte",))]
        assert moving == [f"{said}; {own.format(days)}", "–", "–"], name


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", ["Tabellen samler vurderingene fra hvert tema i samtaleløpet",
                "Ikke vurdert: planlagt 15. mars 2027, ikke registrert som holdt",
                "Planene skulle evalueres i det siste temaet."],
     ["Før siste tema", "Ikke vurdert ennå", "Planene evalueres"]),
    ("nynorsk", ["Tabellen samlar vurderingane frå kvart tema i samtaleløpet",
                 "Ikkje vurdert: planlagd 15. mars 2027, ikkje registrert som halden",
                 "Planane skulle evaluerast i det siste temaet."],
     ["Før siste tema", "Ikkje vurdert enno", "Planane blir evaluerte"])])
def test_after_the_last_themes_day_the_evaluation_says_what_happened(tmp_path, malform, said,
                                                                   not_said):
    text = texts(ended(canonical_case(), today=AFTER_THE_LAST_THEME).in_malform(malform),
                 "sluttevaluering", tmp_path)[MOTHER]
    assert [s for s in said if s not in text] == []
    assert [s for s in not_said if s in text] == []


def test_before_the_last_themes_day_the_evaluation_says_what_is_to_be_done(tmp_path):
    text = texts(ended(canonical_case(), today=BEFORE_THE_LAST_THEME), "sluttevaluering",
                 tmp_path)[MOTHER]
    assert "Før siste tema går kontaktpersonen gjennom vurderingene" in text
    assert "Ikke vurdert ennå" in text


@pytest.mark.parametrize("malform, said, not_said", [
    # 12 on 14 March 2027, the child was 11 at every conversation: the invitations went
    # to the foster parents (not «får innkallingene … skrevet til seg», as of the day), and
    # the age beside that rule is the birthday after them, not «Barnet er 12 år».
    ("bokmal", ["Barnet fylte 12 år 14. mars 2027, etter datoen for den siste samtalen. "
                "Innkallingene til barnets samtaler ble sendt til fosterforeldrene, som "
                "forberedte barnet på samtalene.",
                "Det bodde to andre barn i fosterhjemmet. Samtalene med fosterfamilien tok også "
                "opp hvordan de hadde det, og om de trengte egen oppfølging",
                "Samtalene med far (arabisk) og det felles møtet skulle ha tolk.",
                "«Ikke registrert»: planen skulle ha vært laget, men er ikke registrert i "
                "fagsystemet."],
     ["får innkallingene", "sendes til", "Vi bestiller tolk", "tar også opp", "laget nå",
      "Barnet er 12 år"]),
    ("nynorsk", ["Barnet fylte 12 år 14. mars 2027, etter datoen for den siste samtalen. "
                 "Innkallingane til samtalane med barnet vart sende til fosterforeldra, som "
                 "førebudde barnet på samtalane.",
                 "Det budde to andre barn i fosterheimen. Samtalane med fosterfamilien tok også "
                 "opp korleis dei hadde det, og om dei trong eiga oppfølging",
                 "Samtalane med far (arabisk) og det felles møtet skulle ha tolk.",
                 "«Ikkje registrert»: planen skulle vore laga, men er ikkje registrert i "
                 "fagsystemet."],
     ["får innkallingane", "blir sende", "Vi bestiller tolk", "tek også opp", "laga no",
      "Barnet er 12 år"])])
def test_the_plans_adaptations_after_the_end_are_told_in_the_past(tmp_path, malform, said,
                                                                  not_said):
    text = texts(ended(canonical_case(), today=AFTER_THE_END).in_malform(malform),
                 "oppfolgingsplan", tmp_path)[PLAN]
    assert [s for s in said if s not in text] == []
    assert [s for s in not_said if s in text] == []


def test_the_plans_adaptations_while_the_programme_runs_are_in_the_present(tmp_path):
    text = texts(ended(canonical_case(), today=date(2027, 1, 10)), "oppfolgingsplan",
                 tmp_path)[PLAN]
    assert "Barnet er 11 år. Innkallingene til barnets samtaler sendes til fosterforeldrene" \
        in text
    assert "Vi bestiller tolk til samtalene med far (arabisk) og til det felles møtet." in text
    assert "planen skulle ha vært laget nå" in text


def test_a_plan_never_evaluated_is_not_evaluated_yet_only_while_the_programme_runs(tmp_path):
    """After the programme's last day, «Ikke evaluert ennå» promised an evaluation nobody
    was to make any more: the plan's and the evaluation's plans tables say «Ikke evaluert»."""
    case = canonical_case()
    case["planer"] = [{"type": "samvaersplan", "startdato": "2026-09-20"}]
    found = texts(ended(case), "sluttevaluering", tmp_path / "etter")
    found.update(texts(ended(case), "oppfolgingsplan", tmp_path / "plan"))
    assert all("Ikke evaluert ennå" not in text for text in found.values())
    assert all("Ikke evaluert" in text for text in found.values())
    running = texts(case_context(case), "sluttevaluering", tmp_path / "nå")
    assert all("Ikke evaluert ennå" in text for text in running.values())


A_MONTH_LATER = date(2027, 1, 6)


@pytest.mark.parametrize("malform, pending", [("bokmal", "Referat ikke levert ennå"),
                                              ("nynorsk", "Referat ikkje levert enno")])
def test_the_move_follow_up_held_with_both_parents_waits_for_its_minutes(tmp_path, malform,
                                                                       pending):
    """A month after the demo run: the parents' move follow-up, held 17 September with
    both and not registered with whom, its minutes overdue, read «Ikke vurdert ennå» in
    each parent's evaluation, while the child's, held the day before, rightly read
    «Referat ikke levert ennå» (a reader's finding). Each parent's row says as the
    child's does."""
    ctx = ended(canonical_case(), today=A_MONTH_LATER).in_malform(malform)
    for name in (MOTHER, FATHER, "03 Sluttevaluering - Barnet.docx"):
        rows = _rows(ctx, tmp_path / name[-7:-5], name)
        (moving,) = [v for k, v in rows.items() if k.startswith("Oppfølging i flytte")]
        assert moving == [pending] * 3, (name, moving)
