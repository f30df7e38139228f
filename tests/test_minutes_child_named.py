"""The minutes of the parents' and the foster family's conversations name the child, as
their invitations do (helper 187): the minutes are about one child, so their section titles
and questions say «Sofie» where they said «barnet». «barnet» stays where it is said of
children in general (the child's own conversations, a quoted title) and where the journal
has no first name. A question that says the child again as «det» says «hun»/«han» («ho»/«han»
in nynorsk) where the journal has the child's sex (helper 195), else the name once (helpers
199, 207). What a film made for every child is about keeps «barnet» (helper 199)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts

FOSTER_THEME_2 = "Referater/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"


def _network_case(**barn) -> dict:
    """The example case (Sofie), placed with family (category 2.1)."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "kategori": "2.1", "i_familie_og_nettverk": None}
    case["barn"] = {**case["barn"], **barn}
    return case


def test_the_foster_familys_minutes_name_the_child(tmp_path):
    """They said «Når barnet bor hos slekt eller nettverk» and «Samarbeid med barnets
    familie» in the minutes of a conversation about Sofie, whose invitation named her."""
    text = texts(case_context(_network_case()), "referat", tmp_path)[FOSTER_THEME_2]
    assert "Når Sofie bor hos slekt eller nettverk" in text
    assert "Samarbeid med Sofies familie" in text
    assert "Når barnet bor hos slekt eller nettverk" not in text
    # Said of her again as «det»: «henne» (the journal says «jente»), not «Sofie … det».
    assert ("Hvordan kan Sofie holde kontakten med søsken og andre i familien og nettverket "
            "som betyr mye for henne?") in text


BEFORE_AND_AFTER = [  # (as the programme says it, with «jente», with «gutt», with no sex)
    ("Hva vet barnet selv om hvorfor det måtte flytte, og hvordan reagerer det på flyttingen?",
     "Hva vet Sofie selv om hvorfor hun måtte flytte, og hvordan reagerer hun på flyttingen?",
     "Hva vet Sofie selv om hvorfor han måtte flytte, og hvordan reagerer han på flyttingen?",
     "Hva vet Sofie selv om grunnen til flyttingen, og hvordan har reaksjonene vært?"),
    ("Hvordan tar barnet imot omsorg, og hva slags omsorg har det mest nytte av?",
     "Hvordan tar Sofie imot omsorg, og hva slags omsorg har hun mest nytte av?",
     "Hvordan tar Sofie imot omsorg, og hva slags omsorg har han mest nytte av?",
     "Hvordan tar Sofie imot omsorg, og hva slags omsorg er mest til nytte?"),
    ("Hvordan viser barnet at det trenger nærhet eller avstand, og hvordan møter dere det?",
     "Hvordan viser Sofie at hun trenger nærhet eller avstand, og hvordan møter dere det?",
     "Hvordan viser Sofie at han trenger nærhet eller avstand, og hvordan møter dere det?",
     "Hvordan viser Sofie behov for nærhet eller avstand, og hvordan møter dere det?"),
    ("Hvordan viser dere barnet at dere er der for det, både følelsesmessig og fysisk?",
     "Hvordan viser dere Sofie at dere er der for henne, både følelsesmessig og fysisk?",
     "Hvordan viser dere Sofie at dere er der for ham, både følelsesmessig og fysisk?",
     "Hvordan viser dere Sofie at dere er der, både følelsesmessig og fysisk?"),
]


@pytest.mark.parametrize("kjonn", ["jente", "gutt", None])
def test_a_question_saying_the_child_again_names_the_child_with_hun_or_han(tmp_path, kjonn):
    """The minutes said «Sofie» in one question and «barnet» in the next, where it said the
    child again as «det» (helper 187 left «Hvordan tar barnet imot omsorg, og hva slags
    omsorg har det mest nytte av?»): with the child's sex in the journal, the name and «hun»
    or «han»; without it, the name once, the rest worded without a pronoun (helper 207:
    helper 199 said the name again, up to three times in one question)."""
    minutes = texts(case_context(_network_case(kjonn=kjonn)), "referat", tmp_path)
    text = "\n".join(t for k, t in minutes.items() if k.startswith("Referater/Fosterfamilien/"))
    for said, girl, boy, unknown in BEFORE_AND_AFTER:
        expected = {"jente": girl, "gutt": boy, None: unknown}[kjonn]
        assert expected in text
        assert said not in text
    # A «det» said of something else is no reason to keep «barnet».
    assert "Hvordan var samarbeidet før Sofie flyttet inn, og preger det samarbeidet nå?" in text


def test_the_parents_minutes_name_the_child_and_keep_a_quoted_title(tmp_path):
    minutes = texts(case_context(_network_case()), "referat", tmp_path)
    parents = "\n".join(t for k, t in minutes.items() if k.startswith("Referater/Foreldre/"))
    assert "Når Sofie bor hos slekt eller nettverk" in parents
    assert "Når barnet bor hos slekt eller nettverk" not in parents
    child = "\n".join(t for k, t in minutes.items() if k.startswith("Referater/Barnet/"))
    assert "Barnets rettigheter" in child  # said of children in general


def test_without_a_first_name_the_minutes_say_barnet(tmp_path):
    text = texts(case_context(_network_case(fornavn=None)), "referat", tmp_path)[FOSTER_THEME_2]
    assert "Når barnet bor hos slekt eller nettverk" in text


@pytest.mark.parametrize("malform", ["nynorsk"])
def test_the_nynorsk_minutes_name_the_child(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("sak.json", _network_case())
    assert workspace.run(date(2026, 11, 22)).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    foster = "\n".join(docx_text(p) for p in folder.glob("*/Fosterfamilien/*.docx"))
    assert "Når Sofie bur hos slekt eller nettverk" in foster
    assert "Når barnet bur hos slekt eller nettverk" not in foster
    # Said of her again as «det»: «ho», «henne» (the journal says «jente»).
    assert ("Kva veit Sofie sjølv om kvifor ho måtte flytte, og korleis reagerer ho på "
            "flyttinga?") in foster
    assert ("Korleis kan Sofie halde kontakten med sysken og andre i familien og nettverket "
            "som betyr mykje for henne?") in foster
    assert "kvifor det måtte flytte" not in foster


@pytest.mark.parametrize(("kjonn", "said"), [
    ("gutt", "Kva veit Sofie sjølv om kvifor han måtte flytte, og korleis reagerer han på "
             "flyttinga?"),
    (None, "Kva veit Sofie sjølv om grunnen til flyttinga, og korleis har reaksjonane vore?"),
])
def test_the_nynorsk_minutes_say_the_child_again_as_han_or_the_name(workspace, kjonn, said):
    workspace.in_malform("nynorsk")
    workspace.drop("sak.json", _network_case(kjonn=kjonn))
    assert workspace.run(date(2026, 11, 22)).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    foster = "\n".join(docx_text(p) for p in folder.glob("*/Fosterfamilien/*.docx"))
    assert said in foster




@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_every_question_saying_barnet_then_det_is_named_for_a_girl(malform):
    """Every question of the parents' and the foster family's themes with «det» (or
    nynorsk «trygt») after «barnet» is known to the text catalogue's [referat_barnet]: in
    the minutes about a girl it names her, not «barnet» beside «Sofie» in the next one."""
    from types import SimpleNamespace

    from omsorgspakke_docs.documents.referat import CHILD_WORDS, SAID_OF_IT, _child_named
    from omsorgspakke_docs.domain import programme as programme_module
    from omsorgspakke_docs.text import tekst

    programme = programme_module.load(programme_module.BUNDLED[malform])
    ctx = SimpleNamespace(t=tekst(malform), case=SimpleNamespace(
        barn=SimpleNamespace(fornavn="Sofie", kjonn="jente")))
    left = []
    for part in (p for p in programme.parter if p.id != "barnet"):
        for tema in part.temaer:
            named = _child_named(ctx, part.id, tema.model_dump())
            for section, said in zip(tema.seksjoner, named["seksjoner"], strict=True):
                for question, minutes in zip(section.sporsmal, said["sporsmal"], strict=True):
                    first = CHILD_WORDS.search(question)
                    if first and SAID_OF_IT.search(question, first.end()) \
                            and "barnet" in minutes:
                        left.append(question)
    assert left == []


OWN_QUESTIONS = {  # (the bundled question, the municipality's own, as its minutes say it)
    "bokmal": [
        ("Hvordan kan barnet holde kontakten med søsken og andre i familien og nettverket som "
         "betyr mye for det?", "Er barnet ensomt eller utrygt i hverdagen, og hva trenger det?"),
        ("Hva ser dere hos barnet etter samvær, og hva hjelper da?",
         "Hva gjør dere når barnet virker utrygt etter samvær?")],
    "nynorsk": [
        ("Korleis kan barnet halde kontakten med sysken og andre i familien og nettverket som "
         "betyr mykje for det?", "Er barnet einsamt eller utrygt i kvardagen, og kva treng det?"),
        ("Kva ser de hos barnet etter samvær, og kva hjelper då?",
         "Kva gjer de når barnet verkar utrygt etter samvær?")],
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_municipalitys_question_with_an_adjective_agreeing_with_barnet_keeps_barnet(
        workspace, malform):
    """A municipality's own programme asks «Er barnet ensomt eller utrygt …» and «… når
    barnet virker utrygt …»: the foster family's minutes about Sofie said «Er Sofie ensomt
    eller utrygt» and «når Sofie virker utrygt» (neuter adjectives with a girl's name),
    wrong in either standard. They keep «barnet», as a question whose «det» the text
    catalogue does not know does (helper 196); the other questions still name her."""
    from omsorgspakke_docs.domain.programme import BUNDLED

    workspace.in_malform(malform)
    own = workspace.root / "var-omsorgspakke.toml"
    text = BUNDLED[malform].read_text(encoding="utf-8")
    for bundled, ours in OWN_QUESTIONS[malform]:
        assert bundled in text
        text = text.replace(bundled, ours)
    own.write_text(text, encoding="utf-8")
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[programme]\nfile = "{own.as_posix()}"\n')
    workspace.drop("sak.json", _network_case())
    assert workspace.run(date(2026, 11, 22)).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    foster = "\n".join(docx_text(p) for p in folder.glob("*/Fosterfamilien/*.docx"))
    for _, ours in OWN_QUESTIONS[malform]:
        assert ours in foster
    assert "Sofie virker" not in foster and "Sofie verkar" not in foster
    assert "Er Sofie" not in foster
    assert {"bokmal": "Når Sofie bor hos slekt eller nettverk",
            "nynorsk": "Når Sofie bur hos slekt eller nettverk"}[malform] in foster


@pytest.mark.parametrize(("fornavn", "kjonn", "said"), [
    ("Andreas", "gutt", ["Samarbeid med Andreas' familie",
                         "som betyr mye for ham?", "Hvordan kan Andreas holde kontakten"]),
    ("Max", "gutt", ["Samarbeid med Max' familie"]),
    ("Anne Marie", "jente", ["Samarbeid med Anne Maries familie", "Når Anne Marie bor hos slekt",
                             "Hvordan kan Anne Marie holde kontakten", "betyr mye for henne?"]),
    ("Eva-Li", "ukjent", ["Samarbeid med Eva-Lis familie",
                          "Hvordan kan Eva-Li holde kontakten med søsken og andre viktige "
                          "personer i familien og nettverket?"]),
])
def test_the_minutes_name_children_with_other_names(tmp_path, fornavn, kjonn, said):
    """A name ending in s or x says its genitive with an apostrophe, a double name and a
    hyphenated one are said whole, and a child whose sex the journal gives as «ukjent» is
    named once where a known child would be «hun» or «han» (helper 207)."""
    text = texts(case_context(_network_case(fornavn=fornavn, kjonn=kjonn)), "referat",
                 tmp_path)[FOSTER_THEME_2]
    for words in said:
        assert words in text, words


def _one_foster_parent_case() -> dict:
    """The example case (Sofie) in the network, with one foster parent: the foster
    family's questions are put to «du»."""
    case = _network_case()
    case["fosterfamilie"] = {**case["fosterfamilie"],
                             "fosterforeldre": case["fosterfamilie"]["fosterforeldre"][:1]}
    return case


FILMS_AND_DU_FORMS = {  # what a film is about keeps «barnet»; questions put to «du»
    "bokmal": ["Hva satt igjen hos deg etter filmen om å la barnet slå seg til ro?",
               "Hva vekket filmen om å be barnet om unnskyldning hos deg?",
               "Hvordan stemmer bildet du hadde av Sofie på forhånd, med det du ser nå?",
               "Hvordan virker Sofie i dagene før et samvær, og hvordan kan du forberede det "
               "sammen med foreldrene og barnevernet?",
               "Hvordan viser Sofie at hun trenger nærhet eller avstand, og hvordan møter du det?"],
    "nynorsk": ["Kva sat att hos deg etter filmen om å la barnet slå seg til ro?",
                "Kva vekte filmen om å be barnet om orsaking hos deg?",
                "Korleis stemmer biletet du hadde av Sofie på førehand, med det du ser no?",
                "Korleis verkar Sofie i dagane før eit samvær, og korleis kan du førebu det "
                "saman med foreldra og barnevernet?",
                "Korleis viser Sofie at ho treng nærleik eller avstand, og korleis møter du det?"],
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_film_keeps_barnet_and_the_du_questions_name_the_child(workspace, malform):
    """The minutes said «Hva satt igjen hos deg etter filmen om å la Sofie slå seg til ro?»
    and «Hva vekket filmen om å be Sofie om unnskyldning …»: untrue, the film is made for
    every child («La barnet slå seg til ro?»), so what it is about keeps «barnet». And the
    questions put to one foster parent («du») kept «Hvordan stemmer bildet du hadde av barnet
    …», «Hvordan virker barnet i dagene før et samvær …» and «Hvordan viser barnet at det
    trenger nærhet …» beside «Sofie» in the next one: their «det» is what one sees, the
    visit and what one meets (helper 199)."""
    workspace.in_malform(malform)
    workspace.whole_year()
    workspace.drop("sak.json", _one_foster_parent_case())
    assert workspace.run(date(2026, 11, 22)).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    from omsorgspakke_docs.text import tekst

    referater = tekst(malform)("fil.referater")
    minutes = "\n".join(docx_text(p) for p in folder.glob(f"{referater}/*/*.docx"))
    for said in FILMS_AND_DU_FORMS[malform]:
        assert said in minutes, said
