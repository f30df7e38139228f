"""A voluntary placement and a temporary one change what the parents receive: two
adaptations, each with its own wording."""

from __future__ import annotations

import re

import pytest

from omsorgspakke_docs.domain.model import Plassering

from .conftest import canonical_case
from .doc_helpers import case_context, texts

CARE_ORDER = re.compile(r"omsorgsovertak|nemnd|omsorgen tilbake|tingrett", re.IGNORECASE)


def _placement(**plassering) -> dict:
    case = canonical_case()
    case["plassering"] = {k: v for k, v in case["plassering"].items()
                          if k not in ("frivillig", "lovhjemmel")} | plassering
    # So the renewed offer is made too; the parents live apart, so the mother's are «- mor».
    case["foreldre"][1]["takker_ja"] = False
    return case


def _parent_documents(ctx, tmp_path) -> dict[str, str]:
    found = {}
    for kind in ("informasjonsbrev", "nytt_tilbud", "innkalling", "fellesmote", "referat",
                 "sluttevaluering"):
        for name, text in texts(ctx, kind, tmp_path / kind).items():
            if kind in ("informasjonsbrev", "nytt_tilbud") or "Foreldre" in name \
                    or "forelder" in name:
                found[name] = text
    return found


@pytest.mark.parametrize("plassering", [
    {"frivillig": True, "lovhjemmel": "barnevernsloven § 3-6"},
    {"lovhjemmel": "bvl. § 3-6"},  # derived from the legal basis
])
def test_a_voluntary_placement_never_speaks_of_a_care_order_to_the_parents(tmp_path,
                                                                           plassering):
    ctx = case_context(_placement(**plassering))
    documents = _parent_documents(ctx, tmp_path)
    assert any(n.startswith("Referater/Foreldre/") for n in documents)
    assert any(n.startswith("03 Sluttevaluering - Foreldre") for n in documents)
    for name, text in documents.items():
        found = CARE_ORDER.search(text)
        assert found is None, (name, text[max(0, found.start() - 60):found.end() + 30])
    letter = documents["02 Informasjonsbrev til foreldre - mor.docx"]
    assert "Plasseringen er frivillig, og den endrer ikke hvem som har foreldreansvaret." \
        in letter
    assert "Plasseringen er midlertidig" not in letter
    last = documents["Referater/Foreldre/Tema 5 - Fortsatt familie og veien videre - mor.docx"]
    assert "Veien tilbake til hjemmet" in last


def test_a_care_order_keeps_its_questions(tmp_path):
    ctx = case_context(_placement(frivillig=False, lovhjemmel="barnevernsloven § 5-1"))
    documents = _parent_documents(ctx, tmp_path)
    assert any(CARE_ORDER.search(t) for n, t in documents.items() if n.startswith("Referater"))
    assert not any("foreldreansvaret" in t for n, t in documents.items()
                   if not n.startswith("Referater"))


def test_a_temporary_placement_has_its_own_wording(tmp_path):
    ctx = case_context(_placement(midlertidig=True, lovhjemmel="barnevernsloven § 4-2"))
    documents = _parent_documents(ctx, tmp_path)
    letter = documents["02 Informasjonsbrev til foreldre - mor.docx"]
    assert "Plasseringen er midlertidig" in letter and "foreldreansvaret" not in letter
    first = documents[
        "Referater/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 1) - mor.docx"]
    assert "Når plasseringen er midlertidig" in first
    assert "Når plasseringen er frivillig" not in first
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert "Midlertidig plassering." in plan and "Frivillig plassering." not in plan


ANY_PARENT_HAS_IT = re.compile(
    r"(du|dere|de|foreldrene|foreldra) (har|hadde) (fortsatt |framleis )?foreldreansvaret|"
    r"(har|hadde) (fortsatt|framleis) foreldreansvaret")
"""Parental responsibility said to be a parent's (or both parents'): the export does not say
who has it, and a parent who never had it would be told what is not so."""


@pytest.mark.parametrize("malform, said, plan_says", [
    ("bokmal", "Plasseringen er frivillig, og den endrer ikke hvem som har foreldreansvaret.",
     "Plasseringen er frivillig og endrer ikke hvem som har foreldreansvaret."),
    ("nynorsk", "Plasseringa er frivillig, og ho endrar ikkje kven som har foreldreansvaret.",
     "Plasseringa er frivillig og endrar ikkje kven som har foreldreansvaret."),
])
def test_a_voluntary_placement_says_who_has_parental_responsibility_to_no_parent(
        tmp_path, malform, said, plan_says):
    """A reader's finding: «Plasseringen er frivillig, og du har fortsatt foreldreansvaret for
    Emil» in the information letter and the renewed offer, to a father who never had it.
    Each parent's letters say what is so for every parent: the placement changes nothing of
    who has it; so do the plan and the minutes' questions, for staff."""
    ctx = case_context(_placement(**_VOLUNTARY)).in_malform(malform)
    documents = _parent_documents(ctx, tmp_path)
    letters = {n: " ".join(t.split()) for n, t in documents.items() if n.startswith("02 ")}
    # The mother's information letter, and the renewed offer to the father, who declined.
    assert len(letters) == 2 and any("Informasjonsbrev" in n for n in letters)
    for name, text in letters.items():
        assert said in text, name
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")
    for name, text in {**documents, **plan}.items():
        found = ANY_PARENT_HAS_IT.search(" ".join(text.split()))
        assert found is None, (name, found and found.group())
    assert plan_says in " ".join(next(iter(plan.values())).split())


def test_the_legal_basis_tells_voluntary_from_care_order():
    assert Plassering(lovhjemmel="bvl. § 3-6").er_frivillig
    assert not Plassering(lovhjemmel="barnevernsloven § 5-1").er_frivillig
    assert Plassering(lovhjemmel="§ 4-2").er_midlertidig
    assert not Plassering(frivillig=False, lovhjemmel="§ 3-6").er_frivillig  # the export wins


def _climate_and_distance(klima: str) -> dict:
    case = canonical_case(samarbeidsklima=klima)
    case["foreldre"][1]["lang_reisevei"] = True
    return case


def test_a_long_journey_offers_a_video_or_local_meeting_to_that_parent_only(tmp_path):
    ctx = case_context(_climate_and_distance("godt"))
    found = texts(ctx, "innkalling", tmp_path)
    far = [t for n, t in found.items() if n.endswith("- far.docx")]
    near = [t for n, t in found.items() if n.endswith("- mor.docx")]
    assert far and all("samtalen på video" in t for t in far)
    assert near and not any("video" in t for t in near)
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert "Lang reisevei." in plan and "Far har lang reisevei" in plan
    # His information letter says his conversations are digital, not "we meet at our office".
    letters = texts(ctx, "informasjonsbrev", tmp_path / "brev")
    his = letters["02 Informasjonsbrev til foreldre - far.docx"]
    hers = letters["02 Informasjonsbrev til foreldre - mor.docx"]
    assert "satt opp som digitale møter" in his and "Vi møtes hos oss" not in his
    assert "Vi møtes hos oss" in hers and "digitale møter" not in hers


@pytest.mark.parametrize("klima", ["krevende", "konflikt"])
def test_a_demanding_climate_makes_the_joint_meeting_optional_and_the_plan_says_why(tmp_path,
                                                                                    klima):
    ctx = case_context(_climate_and_distance(klima))
    letters = texts(ctx, "fellesmote", tmp_path)
    assert letters and all("Møtet er et tilbud." in t for t in letters.values())
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert "Krevende samarbeidsklima." in plan
    assert "Møtet er derfor et tilbud og ikke en fast del av planen" in plan
    calm = texts(case_context(_climate_and_distance("godt")), "fellesmote", tmp_path / "godt")
    assert not any("Møtet er et tilbud." in t for t in calm.values())


def test_kinship_names_who_the_child_lives_with_and_the_own_children_group_needs_children(
        tmp_path):
    case = canonical_case()
    case["plassering"]["i_familie_og_nettverk"] = True
    case["fosterfamilie"]["andre_barn"] = 0
    ctx = case_context(case)
    letter = next(iter(texts(ctx, "informasjonsbrev", tmp_path).values()))
    # Said as a person would, not as a form's field («..., i familien eller nettverket.»).
    assert ("Sofie bor nå hos Kari Øvrebø og Jon Åge Øvrebø. Når et barn flytter til noen i "
            "familien eller nettverket, endrer rollene seg, så vi snakker også om hva det "
            "betyr for deg og for samarbeidet.") in letter
    nynorsk = texts(ctx.in_malform("nynorsk"), "informasjonsbrev", tmp_path / "nn")
    assert nynorsk and all(
        "Sofie bur no hos Kari Øvrebø og Jon Åge Øvrebø. Når eit barn flyttar til nokon i "
        "familien eller nettverket, endrar rollene seg, så vi snakkar også om kva det har å "
        "seie for deg og for samarbeidet." in t for t in nynorsk.values())
    group = "Gruppe for fosterforeldrenes egne barn"
    name = "03 Sluttevaluering - Fosterfamilien.docx"
    foster = texts(ctx, "sluttevaluering", tmp_path / "ev")[name]
    assert group not in foster
    case["fosterfamilie"]["andre_barn"] = 2
    foster = texts(case_context(case), "sluttevaluering", tmp_path / "ev2")[name]
    assert group in foster


_VOLUNTARY = {"frivillig": True, "lovhjemmel": "barnevernsloven § 3-6"}
_TEMPORARY = {"midlertidig": True, "lovhjemmel": "barnevernsloven § 4-2"}


@pytest.mark.parametrize("malform, plassering, said, title", [
    ("bokmal", _VOLUNTARY, "hva det betyr at plasseringen er frivillig",
     "Når plasseringen er frivillig"),
    ("bokmal", _TEMPORARY, "hva det betyr at plasseringen er midlertidig",
     "Når plasseringen er midlertidig"),
    ("nynorsk", _VOLUNTARY, "kva det tyder at plasseringa er frivillig",
     "Når plasseringa er frivillig"),
    ("nynorsk", _TEMPORARY, "kva det tyder at plasseringa er mellombels",
     "Når plasseringa er mellombels"),
])
def test_an_invitation_says_what_the_placement_means_not_a_condition(tmp_path, malform,
                                                                   plassering, said, title):
    """The parents' invitation lists what the conversation also takes up. A section's title
    reads as a condition («Når plasseringen er frivillig»), as if the parent's own placement
    might not be: the letter says what it is about instead (the programme's i_brev). The
    minutes keep the title as the caseworker's heading."""
    ctx = case_context(_placement(**plassering)).in_malform(malform)
    invitations = {n: t for n, t in texts(ctx, "innkalling", tmp_path / "innk").items()
                   if "/Foreldre/" in n}
    assert any(said in t for t in invitations.values())
    assert not any(title in t for t in invitations.values())
    minutes = texts(ctx, "referat", tmp_path / "ref")
    assert any(title in t for n, t in minutes.items() if "/Foreldre/" in n)


@pytest.mark.parametrize("malform, forced, said", [
    ("bokmal", ("at Sofie måtte flytte", "hvorfor hun måtte flytte"),
     ("at Sofie flyttet", "hvorfor hun flyttet")),
    ("nynorsk", ("at Sofie måtte flytte", "kvifor ho måtte flytte"),
     ("at Sofie flytta", "kvifor ho flytta")),
])
def test_a_voluntary_placement_is_not_spoken_of_as_forced_in_the_minutes(tmp_path, malform,
                                                                        forced, said):
    """The parents' and foster family's minutes ask how it has been «at Sofie måtte
    flytte» and what she knows of «hvorfor hun måtte flytte»: after a care order.
    In a voluntary placement they ask it without «måtte» (programme.ordlyd_ved)."""
    voluntary = texts(case_context(_placement(**_VOLUNTARY)).in_malform(malform), "referat",
                      tmp_path / "voluntary")
    ordered = texts(case_context(canonical_case()).in_malform(malform), "referat",
                    tmp_path / "ordered")
    text = "\n".join(voluntary.values())
    assert all(words in text for words in said)
    assert not any(words in text for words in forced)
    assert all(words in "\n".join(ordered.values()) for words in forced)
