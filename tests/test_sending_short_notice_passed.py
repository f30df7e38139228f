"""An information letter still unsent after the conversation it names as the next, with
its reader's next conversation now a day or two ahead (helper 303): its row said «Kort
varsel: neste samtale er 25. november …» and then «Brevet sier at neste samtale er
24. november …, og den dagen er passert», two «neste samtale» a day apart, and staff could
not tell which to go by. It now says one thing: the day the letter names has passed, which
is the next one now, and what the contact person does. In both standards."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.planning.workdays import norsk_dato

from .conftest import TODAY, canonical_case, xlsx_rows

CASE = "2026-0999"
SAID = {
    "bokmal": "Brevet sier at neste samtale er {passert}, og den dagen er passert. Neste "
              "samtale er nå {dato}, så det er kort varsel: be kontaktpersonen ringe "
              "mottakeren og fortelle om samtalene, og avgjøre om brevet skal sendes som "
              "det er.",
    "nynorsk": "Brevet seier at neste samtale er {passert}, og den dagen er passert. Neste "
               "samtale er no {dato}, så det er kort varsel: be kontaktpersonen ringje "
               "mottakaren og fortelje om samtalane, og avgjere om brevet skal sendast som "
               "det er."}


def _letters(workspace) -> dict[str, tuple]:
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return {r[2]: r for r in rows if r[0] == CASE and "/02 Informasjonsbrev" in str(r[2] or "")}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_short_notice_row_past_the_conversation_it_names_says_one_thing(workspace, malform):
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    fresh = canonical_case(journalnummer=CASE, samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    made = _letters(workspace)
    assert len(made) == 2, made
    named = {name: r[8].date() for name, r in made.items()}  # the first each names
    workspace.run(date(2026, 11, 26))
    after = _letters(workspace)
    mother = next(r for name, r in after.items() if name.endswith(" - mor.docx"))
    # Her letter names 23 November as her next conversation; it has passed, and her next
    # one now, 30 November, is too close for a letter alone.
    passed = mother[8].date()
    assert passed == named[mother[2]] == date(2026, 11, 23), mother
    assert mother[6] == SAID[malform].format(passert=norsk_dato(passed, malform),
                                             dato=norsk_dato(date(2026, 11, 30), malform)), \
        mother
    assert mother[4].date() < date(2026, 11, 26) and mother[7] is None, mother  # due, red
    # The father's next conversation is not that close: the passed day alone, as before.
    father = next(r for name, r in after.items() if name.endswith(" - far.docx"))
    assert "varsel" not in father[6] and "passert" in father[6], father


BY_POST = {
    "bokmal": "Brevet sier at neste samtale er {passert}, og den dagen er passert. Neste "
              "samtale er nå {dato}, og brevet rekker ikke fram med post før den: be "
              "kontaktpersonen ringe mottakeren og fortelle om samtalene, og avgjøre om "
              "brevet skal sendes som det er.",
    "nynorsk": "Brevet seier at neste samtale er {passert}, og den dagen er passert. Neste "
               "samtale er no {dato}, og brevet rekk ikkje fram med post før den: be "
               "kontaktpersonen ringje mottakaren og fortelje om samtalane, og avgjere om "
               "brevet skal sendast som det er."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_by_post_past_the_conversation_it_names_says_one_thing(workspace, malform):
    """The same two dates for a letter by post: «Rekker ikke fram med post før neste samtale
    30. november» beside «… 23. november, og den dagen er passert». One note now."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    fresh = canonical_case(journalnummer=CASE, samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = "2026-11-18"
    fresh["foreldre"][0]["forsendelse"] = "post"
    workspace.drop("ny.json", fresh)
    workspace.run(TODAY)
    workspace.run(date(2026, 11, 26))
    mother = next(r for name, r in _letters(workspace).items() if name.endswith(" - mor.docx"))
    assert mother[6] == BY_POST[malform].format(
        passert=norsk_dato(date(2026, 11, 23), malform),
        dato=norsk_dato(date(2026, 11, 30), malform)), mother
    assert "Rekker ikke fram" not in mother[6] and "Rekk ikkje fram" not in mother[6]
