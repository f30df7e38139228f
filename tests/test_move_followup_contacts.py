"""The later contacts of the move follow-up: their minutes open with what happened since the
last contact and leave out what the first contact settles (accepting the programme, setting
the dates), as the programme data marks it (Seksjon.kontakt, forste_kontakt)."""

import pytest

from omsorgspakke_docs.config import ConfigError
from omsorgspakke_docs.domain import programme

from .conftest import both_parents_took_part, canonical_case
from .test_minutes_prefilled import all_text, minutes, run_case

CHILD = "Referater/Barnet/Tema 0 - Oppfølging i flytteprosessen (kontakt {n}).docx"
FATHER = "Referater/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt {n}) - far.docx"
CHILD_FIRST_ONLY = (
    "Hva tror du blir annerledes nå som du bor et nytt sted?",
    "Har du hørt om Omsorgspakken – samtalene vi skal ha med deg dette første året?",
    "Hvor og når passer det best for deg at vi treffes?",
)
FATHER_FIRST_ONLY = (
    "Etter å ha sett informasjonsfilmen: ønsker du å ta imot Omsorgspakken?",
    "Passer datoene vi har satt opp for samtalene framover",
)


def _father_not_answered() -> dict:
    """Both parents at the first contact; the father's answer to the offer not yet in the
    journal (with every parent's yes there, no contact asks: foreldrene_har_takket_ja)."""
    case = both_parents_took_part(canonical_case())
    case["foreldre"][1].pop("takker_ja")
    return case


def test_the_first_contact_settles_the_programme_and_later_ones_follow_up(tmp_path):
    ws = run_case(tmp_path, case=_father_not_answered())
    first, third = (all_text(minutes(ws, CHILD.format(n=n))) for n in (1, 3))
    assert "Siden sist" not in first
    for question in CHILD_FIRST_ONLY:
        assert question in first
        assert question not in third
    assert "Siden sist\nHva har skjedd siden sist vi snakket sammen?" in third
    # What every contact asks stays.
    assert "Hvem andre hjelper deg, for eksempel på skolen" in third

    father_first, father_second = (all_text(minutes(ws, FATHER.format(n=n))) for n in (1, 2))
    for question in FATHER_FIRST_ONLY:
        assert question in father_first
        assert question not in father_second
    assert ("Er det noe fra forrige samtale du har tenkt mer på, eller som vi skal ta opp "
            "igjen?") in father_second  # to the one parent, «du»


def test_later_contacts_follow_up_in_nynorsk(tmp_path):
    ws = run_case(tmp_path, nynorsk=True, case=_father_not_answered())
    second = all_text(minutes(ws, FATHER.format(n=2), nynorsk=True))
    assert "Sidan sist\nKva har skjedd sidan sist vi snakka saman?" in second
    assert "ønskjer du å ta imot Omsorgspakken" not in second
    first = all_text(minutes(ws, FATHER.format(n=1), nynorsk=True))
    assert "ønskjer du å ta imot Omsorgspakken" in first
    assert "Sidan sist" not in first


def test_a_first_contact_question_the_section_does_not_ask_is_refused(tmp_path):
    text = programme.BUNDLED["bokmal"].read_text(encoding="utf-8").replace(
        '  "Hva tror du blir annerledes nå som du bor et nytt sted?",\n]',
        '  "Hva tror du blir annerledes?",\n]', 1)
    own = tmp_path / "var.toml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        programme.load(own)
    assert ("Programfilen var.toml: «forste_kontakt» i delen «Rettigheter og medvirkning» "
            "nevner et spørsmål delen ikke har: «Hva tror du blir annerledes?»"
            ) in str(refused.value)


def test_the_bundled_standards_mark_the_same_contacts():
    nb = programme.load(programme.BUNDLED["bokmal"])
    nn = programme.load(programme.BUNDLED["nynorsk"])
    assert programme.structure_differences(nb, nn) == []
    moved = nn.model_copy(deep=True)
    section = moved.parter[0].temaer[0].seksjoner[1]
    object.__setattr__(section, "kontakt", None)
    assert programme.structure_differences(nb, moved) != []


@pytest.mark.parametrize("typo", [
    ('[ordlyd_ved.en_fosterforelder]', '[ordlyd_ved.en_fosterforeldre]', "ordlyd_ved"),
    ('gjelder = "slekt_og_nettverk"', 'gjelder = "slekt_og_netverk"', "foreldre, tema 1"),
])
def test_a_feature_the_program_does_not_know_is_refused(tmp_path, typo):
    """A municipality's programme file naming an adaptation with a typo: the words or the
    section would never apply, silently. Loading it says so, and lists the names known."""
    written, wrong, where = typo
    text = programme.BUNDLED["bokmal"].read_text(encoding="utf-8")
    assert written in text
    own = tmp_path / "var.toml"
    own.write_text(text.replace(written, wrong, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        programme.load(own)
    said = str(refused.value)
    name = wrong.split(".")[-1].rstrip("]") if "ordlyd" in wrong else wrong.split('"')[1]
    assert f"Programfilen var.toml: «{name}» ({where}" in said
    assert "er ingen tilpasning programmet kjenner" in said and "en_fosterforelder" in said


def test_every_feature_a_case_can_have_is_one_programme_data_may_name():
    """CaseContext.adaptations and programme.FEATURES agree: cases that turn on each."""
    from .doc_helpers import case_context

    seen: set[str] = set()
    for change in ({}, {"fosterfamilie": {"fosterforeldre": [{"fornavn": "Kari"}],
                                          "andre_barn": 0}},
                   {"plassering": {"startdato": "2026-09-14", "frivillig": True,
                                   "midlertidig": True}},
                   {"barn": {"fornavn": "Ola", "fodselsdato": "2010-01-01"}},
                   {"samarbeidsklima": "konflikt"}):
        case = canonical_case()
        for key, value in change.items():
            case[key] = {**case.get(key, {}), **value} if isinstance(value, dict) else value
        seen |= case_context(case).adaptations()
    assert seen <= programme.FEATURES, seen - programme.FEATURES
    assert {"en_fosterforelder", "ingen_andre_barn", "barn_fra_12_ar",
            "foreldrene_har_takket_ja", "frivillig_plassering", "krevende_samarbeid"} <= seen
