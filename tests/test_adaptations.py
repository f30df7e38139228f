"""The guide's adaptations, driven by the case: each opened as a caseworker would see it."""

import re
from datetime import date, timedelta

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.documents import fellesmote
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.planning.workdays import WorkCalendar, norsk_dato, norsk_dato_med_ukedag

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, render, texts

NETWORK = "Når barnet bor hos slekt eller nettverk"
OTHER_CHILDREN = "Når det bor andre barn i fosterhjemmet"


def child_invitations(ctx, tmp_path):
    return {k: v for k, v in texts(ctx, "innkalling", tmp_path).items()
            if k.startswith("Innkallinger/Barnet/")}


def with_child(**barn):
    case = canonical_case()
    case["barn"] = {**case["barn"], **barn}
    return case


# --- The child's invitations: to the foster parents, or written to the child ----------------

def test_a_young_childs_invitation_goes_to_the_foster_parents(tmp_path):
    found = child_invitations(case_context(), tmp_path)  # Sofie is 11, below the default 12
    assert found and all(k.endswith(" - til fosterforeldrene.docx") for k in found)
    text = found["Innkallinger/Barnet/Tema 1 - Min historie - til fosterforeldrene.docx"]
    assert "Kari Øvrebø og Jon Åge Øvrebø" in text
    assert "Samtale med Sofie – Tema 1: Min historie" in text
    assert "Slik kan dere forberede Sofie" in text
    # Read days or a day before, for a conversation at home or at the office.
    assert ("Fortell gjerne om samtalen på forhånd, med enkle ord. Noe kjent kan gjøre "
            "samtalen tryggere for Sofie.") in text
    assert "Lia 22" in text and "5997 Fjordvik" in text
    assert "Hei, Sofie" not in text


def test_an_older_child_gets_an_invitation_written_to_them(tmp_path):
    found = child_invitations(case_context(with_child(fodselsdato="2012-04-30")), tmp_path)
    text = found["Innkallinger/Barnet/Tema 1 - Min historie.docx"]
    assert "Hei, Sofie." in text
    assert "Invitasjon til samtale: Min historie" in text
    # Also for a conversation at home: not «ha med deg».
    assert "Du kan gjerne ha med deg en voksen du er trygg på." in text
    # Addressed to the child, in care of the foster home.
    assert "Sofie Lindqvist-Hansen\nc/o Kari Øvrebø og Jon Åge Øvrebø\nLia 22" in text
    assert "Slik kan dere forberede" not in text


def test_a_birthday_before_the_conversation_addresses_its_invitation_to_the_child(tmp_path):
    """The recipient is chosen by the age on the conversation's day: a child who turns 12
    between the letter and the conversation gets the letter, and no second letter to the
    child follows days before the conversation once the birthday has passed."""
    dates = [c.dato for c in case_context().plan.for_part("barnet") if c.tema > 0]
    birthday = dates[2] - timedelta(days=1)
    case = with_child(fodselsdato=birthday.replace(year=birthday.year - 12).isoformat())
    found = child_invitations(case_context(case), tmp_path)
    young = [k for k in found if k.endswith(" - til fosterforeldrene.docx")]
    own = [k for k in found if not k.endswith(" - til fosterforeldrene.docx")]
    assert [k.split(" - ")[0] for k in young if "Tema 0" not in k] == [
        "Innkallinger/Barnet/Tema 1", "Innkallinger/Barnet/Tema 2"]
    assert own and all("Hei, Sofie." in found[k] for k in own)
    assert "Innkallinger/Barnet/Tema 3 - Å høre til.docx" in own
    # The plan, made while the child is 11, says so.
    (plan,) = texts(case_context(case), "oppfolgingsplan", tmp_path / "plan").values()
    assert "sendes til fosterforeldrene" in plan
    assert (f"Barnet fyller 12 år {norsk_dato(birthday)}, før samtalen "
            f"{norsk_dato(dates[2])}: fra da av skrives innkallingene til barnet selv") in plan


def _turns_12_before_theme_3():
    """The example case with a child who turns 12 the day before the child's theme 3, and
    that birthday and the theme's date."""
    dates = [c.dato for c in case_context().plan.for_part("barnet") if c.tema > 0]
    birthday = dates[2] - timedelta(days=1)
    return with_child(fodselsdato=birthday.replace(year=birthday.year - 12).isoformat()), \
        birthday, dates[2]


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Barnet er 12 år og får innkallingene til sine samtaler skrevet til seg, sendt "
               "via fosterhjemmet. Fram til barnet fylte 12 år {bursdag}, ble innkallingene "
               "sendt til fosterforeldrene."),
    ("nynorsk", "Barnet er 12 år og får innkallingane til samtalane sine skrivne til seg, "
                "sende via fosterheimen. Fram til barnet fylte 12 år {bursdag}, vart "
                "innkallingane sende til fosterforeldra.")])
def test_a_plan_made_after_the_birthday_says_until_when_the_foster_parents_got_them(
        tmp_path, malform, said):
    """A reader's finding: the plan said «sendes til fosterforeldrene» before the birthday
    and «får innkallingene … skrevet til seg» after it, without a word of the change."""
    case, birthday, _ = _turns_12_before_theme_3()
    ctx = case_context(case, today=birthday + timedelta(days=1)).in_malform(malform)
    (plan,) = texts(ctx, "oppfolgingsplan", tmp_path).values()
    day = norsk_dato(birthday) if malform == "bokmal" else ctx.t.dato(birthday)
    assert said.format(bursdag=day) in plan


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", "Barnet fylte 12 år {bursdag}. Fram til da ble innkallingene til barnets "
               "samtaler sendt til fosterforeldrene, som forberedte barnet på samtalene; fra "
               "samtalen {dato} ble de skrevet til barnet selv, sendt via fosterhjemmet.",
     "Barnet er 12 år. Innkallingene"),
    ("nynorsk", "Barnet fylte 12 år {bursdag}. Fram til då vart innkallingane til samtalane "
                "med barnet sende til fosterforeldra, som førebudde barnet på samtalane; frå "
                "samtalen {dato} vart dei skrivne til barnet sjølv, sende via fosterheimen.",
     "Barnet er 12 år. Innkallingane")])
def test_after_the_end_the_plan_tells_the_birthday_that_changed_who_got_the_letters(
        tmp_path, malform, said, not_said):
    """A reader's finding: after the end the plan said «Barnet er 12 år» beside the rule for
    a child under 12, though the invitations after the birthday were written to the child."""
    case, birthday, theme_3 = _turns_12_before_theme_3()
    first = case_context(case)
    ctx = case_context(case, today=first.plan.slutt + timedelta(days=14),
                       fixed=schedule.fixed_dates(first.plan)).in_malform(malform)
    (plan,) = texts(ctx, "oppfolgingsplan", tmp_path).values()
    assert said.format(bursdag=ctx.t.dato(birthday), dato=ctx.t.dato(theme_3)) in plan
    assert not_said not in plan


def test_the_age_threshold_is_a_setting(tmp_path):
    found = child_invitations(case_context(child_letter_min_age=10), tmp_path)
    assert "Innkallinger/Barnet/Tema 1 - Min historie.docx" in found


def test_a_child_of_unknown_age_counts_as_young(tmp_path):
    found = child_invitations(case_context(with_child(fodselsdato=None)), tmp_path)
    assert all(k.endswith(" - til fosterforeldrene.docx") for k in found)


# --- Family and network placement --------------------------------------------------------

def network_case():
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "kategori": "2.1", "i_familie_og_nettverk": None}
    return case


def test_a_network_placement_adds_its_topics_to_parents_and_foster_family(tmp_path):
    ctx = case_context(network_case())
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    for part, theme in (("Foreldre", "Tema 2 - Samvær og samarbeid - mor"),
                        ("Fosterfamilien", "Tema 2 - Samvær og samarbeid")):
        text = invitations[f"Innkallinger/{part}/{theme}.docx"]
        assert "I denne samtalen snakker vi også om:" in text, part
        # What it is about, not the minutes' heading, which reads as a condition.
        # Naming the child, as the minutes do (test_invitation_extras_name_the_child.py).
        assert "hvordan det er at Sofie bor hos slekt eller nettverk" in text, part
        assert NETWORK not in text, part
    child = invitations[
        "Innkallinger/Barnet/Tema 2 - Samvær og kontakt - til fosterforeldrene.docx"]
    assert NETWORK not in child
    letter = texts(ctx, "informasjonsbrev", tmp_path / "brev")
    assert all("i familien eller nettverket" in t for t in letter.values())
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert "Plassering i familie og nettverk" in plan
    # A home in the family or network often has had no Solid course: not said as done.
    assert "opplæringen familien har fått eller skal få (for eksempel Solid)" in plan
    assert "opplæringen i Solid" not in plan
    # Says what the themes are for: the minutes hold questions on it there.
    # Said so that it holds also where questions are taken out (a voluntary placement).
    # Said so that it holds also where questions are taken out (a voluntary placement),
    # with a full stop and why the other themes have none (helper 145).
    assert ("Referatmalene har en egen del om dette i temaene der programmet tar det opp: "
            "Foreldre (tema 1, 2, 3 og 4); Fosterfamilien (tema 1, 2, 3, 4 og 5). De andre "
            "temaene har ingen egen del om det.") in plan


def test_without_a_network_placement_nothing_about_it_is_said(tmp_path):
    ctx = case_context()
    letters = texts(ctx, "informasjonsbrev", tmp_path / "brev")
    assert not any("nettverket" in t for t in letters.values())
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    assert not any(NETWORK in t or "slekt eller nettverk" in t for t in invitations.values())
    assert "Plassering i familie og nettverk" not in texts(ctx, "oppfolgingsplan", tmp_path)[
        "01 Oppfølgingsplan.docx"]


# --- Other children in the foster home ---------------------------------------------------

def test_other_children_in_the_foster_home_get_their_section(tmp_path):
    ctx = case_context()  # two other children live in the example's foster home
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    foster = invitations["Innkallinger/Fosterfamilien/Tema 3 - Å ivareta barnet.docx"]
    assert "hvordan det går med de andre barna i fosterhjemmet" in foster
    assert OTHER_CHILDREN not in foster  # the minutes' heading reads as a condition
    minutes = texts(ctx, "referat", tmp_path / "ref")
    assert OTHER_CHILDREN in minutes["Referater/Fosterfamilien/Tema 3 - Å ivareta barnet.docx"]
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert "Andre barn i fosterhjemmet" in plan
    assert "Det bor to andre barn i fosterhjemmet." in plan  # a number under ten in words
    assert "der programmet tar det opp: Fosterfamilien (tema 1, 2, 3, 4 og 5)." in plan


@pytest.mark.parametrize("malform, count, said", [
    ("bokmal", 2, "Det bor to andre barn i fosterhjemmet."),
    ("nynorsk", 2, "Det bur to andre barn i fosterheimen."),
    ("bokmal", 9, "Det bor ni andre barn i fosterhjemmet."),
    ("nynorsk", 9, "Det bur ni andre barn i fosterheimen."),
    ("bokmal", 12, "Det bor 12 andre barn i fosterhjemmet."),
])
def test_the_number_of_other_children_is_written_as_a_person_would(tmp_path, malform, count,
                                                                   said):
    case = canonical_case()
    case["fosterfamilie"] = {**case["fosterfamilie"], "andre_barn": count}
    plan = next(iter(texts(case_context(case).in_malform(malform), "oppfolgingsplan",
                           tmp_path).values()))
    assert said in plan


def test_one_other_child_is_written_in_good_norwegian(tmp_path):
    case = canonical_case()
    case["fosterfamilie"] = {**case["fosterfamilie"], "andre_barn": 1}
    plan = texts(case_context(case), "oppfolgingsplan", tmp_path)["01 Oppfølgingsplan.docx"]
    assert "Det bor ett annet barn i fosterhjemmet" in plan
    # and the rest of the sentence speaks of that one child, not of «de»
    assert "hvordan dette barnet har det, og om det trenger egen oppfølging" in plan
    assert "hvordan de har det" not in plan


def test_one_other_child_in_nynorsk_is_dette_barnet_too():
    from omsorgspakke_docs.text import tekst
    one = tekst("nynorsk")("tilpasning.andre_barn_i_fosterhjemmet_ett", andre_barn="eitt anna barn")
    assert "Det bur eitt anna barn" in one and "korleis dette barnet har det" in one
    assert "dei" not in one.split()


def test_no_other_children_no_section(tmp_path):
    case = canonical_case()
    case["fosterfamilie"] = {**case["fosterfamilie"], "andre_barn": 0}
    ctx = case_context(case)
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    assert not any(OTHER_CHILDREN in t for t in invitations.values())
    assert "Andre barn i fosterhjemmet" not in texts(ctx, "oppfolgingsplan", tmp_path / "p")[
        "01 Oppfølgingsplan.docx"]


# --- Interpreter -------------------------------------------------------------------------

def test_an_interpreter_need_is_in_that_recipients_invitations_only(tmp_path):
    invitations = texts(case_context(), "innkalling", tmp_path)
    father = invitations["Innkallinger/Foreldre/Tema 1 - Fortsatt familie - far.docx"]
    mother = invitations["Innkallinger/Foreldre/Tema 1 - Fortsatt familie - mor.docx"]
    assert "Tolk: Jeg bestiller tolk på arabisk til samtalen." in father
    assert "Tolk:" not in mother and "arabisk" not in mother
    assert "Si også fra hvis du ønsker tolk." in mother


def test_the_interpreter_is_in_the_parents_information_letter(tmp_path):
    letters = texts(case_context(), "informasjonsbrev", tmp_path)
    # Every time they meet (the joint meeting too), not only «the conversations with you».
    assert "Tolk: Vi bestiller tolk på arabisk hver gang vi møtes. Tolken har taushetsplikt" \
        in letters["02 Informasjonsbrev til foreldre - far.docx"]
    assert "Trenger du tolk, sier du bare fra" in letters[
        "02 Informasjonsbrev til foreldre - mor.docx"]


@pytest.mark.parametrize("born, expected", [
    ("2018-01-10", "Jeg bestiller tolk på polsk til samtalen med Sofie."),
    ("2012-01-10", "Det kommer en tolk som snakker polsk"),
])
def test_a_child_who_needs_an_interpreter(tmp_path, born, expected):
    found = child_invitations(
        case_context(with_child(fodselsdato=born, tolk=True, sprak="polsk")), tmp_path)
    assert found and all(expected in t for t in found.values())


def test_an_interpreter_without_a_language_shows_what_is_missing(tmp_path):
    case = canonical_case()
    case["foreldre"][1]["sprak"] = None
    father = texts(case_context(case), "innkalling", tmp_path)[
        "Innkallinger/Foreldre/Tema 1 - Fortsatt familie - far.docx"]
    assert "tolk på [mangler: språk for tolk]" in father


def test_the_plan_says_the_interpreter_comes_to_the_joint_meeting_too(tmp_path):
    """The father's invitation to the joint meeting says an interpreter is ordered; the plan's
    adaptation says the same (helper 100), and only when a parent who needs one is invited."""
    plan = texts(case_context(), "oppfolgingsplan", tmp_path / "p")["01 Oppfølgingsplan.docx"]
    assert "Tolk. Vi bestiller tolk til samtalene med far (arabisk) og til det felles " \
           "møtet." in plan
    child_only = canonical_case()
    child_only["foreldre"][1]["tolk"] = False
    child_only["barn"].update(tolk=True, sprak="polsk")
    plan = texts(case_context(child_only), "oppfolgingsplan", tmp_path / "b")[
        "01 Oppfølgingsplan.docx"]
    assert "Tolk. Vi bestiller tolk til samtalene med barnet (polsk)." in plan


# --- Parents: apart, together, declined ----------------------------------------------------

def test_parents_living_apart_each_get_their_own_letters(tmp_path):
    ctx = case_context()
    letters = texts(ctx, "informasjonsbrev", tmp_path / "brev")
    assert "Camilla Lindqvist\nStrandvegen 17 B\n5998 Fjordvik" in letters[
        "02 Informasjonsbrev til foreldre - mor.docx"]
    assert "Ahmad Hansen\nKløvergata 3\n5020 Bergen" in letters[
        "02 Informasjonsbrev til foreldre - far.docx"]
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    theme1 = [k for k in invitations if k.startswith("Innkallinger/Foreldre/Tema 1 ")]
    assert len(theme1) == 2


def test_parents_living_together_still_decide_for_themselves(tmp_path):
    case = canonical_case()
    for parent in case["foreldre"]:
        parent.update(adresse="Bakkeveien 9", postnummer="5996", poststed="Fjordvik",
                      bor_sammen_med_annen_forelder=True)
    letters = texts(case_context(case), "informasjonsbrev", tmp_path)
    assert len(letters) == 2


def declined(case, *which):
    for i in which:
        case["foreldre"][i]["takker_ja"] = False
    return case


def test_a_parent_who_declined_gets_no_invitations_but_a_renewed_offer(tmp_path):
    ctx = case_context(declined(canonical_case(), 1))
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    parents = [t for k, t in invitations.items() if k.startswith("Innkallinger/Foreldre/")]
    assert parents and all("Camilla Lindqvist" in t and "Ahmad" not in t for t in parents)
    # The parents live apart: hers is named by her role, as it stays when he joins later.
    assert list(texts(ctx, "informasjonsbrev", tmp_path / "brev")) == [
        "02 Informasjonsbrev til foreldre - mor.docx"]
    offers = texts(ctx, "nytt_tilbud", tmp_path / "tilbud")
    # Named by his role, as the other parents' letters: two parents' offers never share one.
    assert list(offers) == ["02 Nytt tilbud om Omsorgspakken - far.docx"]
    offer = offers["02 Nytt tilbud om Omsorgspakken - far.docx"]
    assert "Ahmad Hansen\nKløvergata 3\n5020 Bergen" in offer
    assert "Tilbudet om samtaler gjelder fortsatt" in offer
    # The child named once in the sentence, not twice.
    assert ("Selv om Sofie bor et annet sted nå, er du fortsatt en viktig person for barnet "
            "ditt.") in offer
    # Open until the programme ends, and sooner means more of the conversations.
    assert "takke ja når som helst fram til 13. september 2027. Jo før du tar kontakt, jo " \
        "flere av samtalene rekker vi å ha." in offer
    nynorsk = texts(ctx.in_malform("nynorsk"), "nytt_tilbud", tmp_path / "tilbod")
    assert "Jo før du tek kontakt, jo fleire av samtalane rekk vi å ha." in next(
        iter(nynorsk.values()))
    assert ("Sjølv om Sofie bur ein annan stad no, er du framleis ein viktig person for "
            "barnet ditt.") in next(iter(nynorsk.values()))
    assert "Tema 3: Å være foreldre på avstand" in offer
    assert "tolk på arabisk" in offer
    # The themes' cadence as the plan has it (a few weeks apart), not «once a month»; on the
    # condition he takes part (he has not said yes).
    assert "Hvis du vil være med, møtes vi med noen ukers mellomrom, og hver samtale varer " \
        "inntil halvannen time." in offer
    assert "Viss du vil vere med, møtest vi med nokre vekers mellomrom" in next(
        iter(nynorsk.values()))


def test_when_both_parents_declined_there_is_no_parents_track_and_no_joint_meeting(tmp_path):
    ctx = case_context(declined(canonical_case(), 0, 1))
    invitations = texts(ctx, "innkalling", tmp_path / "innk")
    assert not any(k.startswith("Innkallinger/Foreldre/") for k in invitations)
    assert not texts(ctx, "informasjonsbrev", tmp_path / "brev")
    assert sorted(texts(ctx, "nytt_tilbud", tmp_path / "tilbud")) == [
        "02 Nytt tilbud om Omsorgspakken - far.docx",
        "02 Nytt tilbud om Omsorgspakken - mor.docx",
    ]
    assert fellesmote.joint_meeting(ctx) is None
    assert not texts(ctx, "fellesmote", tmp_path / "felles")


def test_no_renewed_offer_while_nobody_declined(tmp_path):
    assert not texts(case_context(), "nytt_tilbud", tmp_path)


# --- The joint meeting ---------------------------------------------------------------------

def expected_meeting_day(ctx, theme=2, days=5):
    last = max(c.dato for c in ctx.plan.conversations
               if c.part in ("foreldre", "fosterfamilien") and c.tema == theme)
    return WorkCalendar().add_working_days(last, days)


def test_joint_meeting_after_theme_2_with_parents_and_foster_family(tmp_path):
    ctx = case_context()
    day = expected_meeting_day(ctx)
    assert day.weekday() < 5 and day > TODAY
    found = texts(ctx, "fellesmote", tmp_path)
    assert sorted(found) == [
        "Innkallinger/Felles møte/Felles møte - far.docx",
        "Innkallinger/Felles møte/Felles møte - fosterfamilien.docx",
        "Innkallinger/Felles møte/Felles møte - mor.docx",
    ]
    for text in found.values():
        assert "Invitasjon til felles møte" in text
        assert norsk_dato_med_ukedag(day) in text and "10.00–11.30" in text
        assert "«Samvær og samarbeid»" in text
    assert "Kari Øvrebø og Jon Åge Øvrebø" in found[
        "Innkallinger/Felles møte/Felles møte - fosterfamilien.docx"]
    assert "tolk på arabisk til møtet" in found[
        "Innkallinger/Felles møte/Felles møte - far.docx"]
    # Each parent's letter invites them with the other parent to meet the foster parents and
    # the contact person, in its opening, says who comes («Du» for the reader, first, the
    # other parent as the child's) in the table, and offers a meeting of one's own where the
    # other parent is invited.
    contact = "kontaktpersonen " + ctx.base["kontaktperson"]["navn"]
    mother, father, foster = (found[f"Innkallinger/Felles møte/Felles møte - {who}.docx"]
                              for who in ("mor", "far", "fosterfamilien"))
    assert "Invitert\nDu, faren til Sofie, fosterforeldrene og jeg" in mother
    assert "Invitert\nDu, moren til Sofie, fosterforeldrene og jeg" in father
    assert "Invitert\nForeldrene til Sofie, dere og jeg" in foster
    opening = "Jeg inviterer deg og {} til et felles møte med fosterforeldrene og meg."
    assert opening.format("faren til Sofie") in mother
    assert opening.format("moren til Sofie") in father
    own = "Passer ikke tidspunktet, eller vil du heller ha et eget møte? Gi beskjed"
    assert own in mother and own in father and "eget møte" not in foster
    assert "også invitert" not in mother + father + foster
    # Sent before the theme's conversations are held, as a rule: «har», not «har hatt»;
    # each reader told who has them (not «hver av dere» to one parent).
    assert ("«Samvær og samarbeid» som du og fosterforeldrene har med meg hver for seg."
            in mother)
    assert ("«Samvær og samarbeid» som du og fosterforeldrene har med meg hver for seg."
            in father)
    assert ("«Samvær og samarbeid» som dere og foreldrene til Sofie har med meg hver for seg."
            in foster)
    assert not any("hver av dere" in text for text in found.values())
    assert "der dere, foreldrene til Sofie og jeg møtes" in foster
    assert "trygg både hos foreldrene og i fosterhjemmet" in foster
    # A parent who declined is not invited, and not said to be coming.
    one = texts(case_context(declined(canonical_case(), 1)), "fellesmote", tmp_path / "en")
    assert sorted(one) == ["Innkallinger/Felles møte/Felles møte - fosterfamilien.docx",
                           "Innkallinger/Felles møte/Felles møte - mor.docx"]
    alone = one["Innkallinger/Felles møte/Felles møte - mor.docx"]
    assert "Invitert\nDu, fosterforeldrene og jeg" in alone
    # She reads about herself as «deg», not «moren sin».
    assert "trygg både hos deg og i fosterhjemmet" in alone and "moren sin" not in alone
    lone = one["Innkallinger/Felles møte/Felles møte - fosterfamilien.docx"]
    assert "Invitert\nMoren til Sofie, dere og jeg" in lone
    assert "der dere, moren til Sofie og jeg møtes" in lone
    assert "trygg både hos moren sin og i fosterhjemmet" in lone
    assert "også invitert" not in "".join(one.values())
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert f"Felles møte\nMor, far, fosterforeldrene og {contact} møtes" in plan
    # The plan names who meets as the invitations do: a parent who declined is not there.
    assert norsk_dato_med_ukedag(day) in plan
    plan = texts(case_context(declined(canonical_case(), 1)), "oppfolgingsplan",
                 tmp_path / "plan-en")["01 Oppfølgingsplan.docx"]
    assert f"Mor, fosterforeldrene og {contact} møtes" in plan and "Foreldrene," not in plan


def test_joint_meeting_settings(tmp_path):
    ctx = case_context(joint_meeting_after_theme=3, joint_meeting_days_after=1,
                       joint_meeting_time="13:00")
    meeting = fellesmote.joint_meeting(ctx)
    assert meeting.dato == expected_meeting_day(ctx, 3, 1)
    assert (meeting.start.hour, meeting.slutt.hour, meeting.slutt.minute) == (13, 14, 30)
    assert fellesmote.joint_meeting(case_context(joint_meeting_after_theme=0)) is None


def test_no_invitation_to_a_joint_meeting_that_has_passed(tmp_path):
    ctx = case_context()
    later = expected_meeting_day(ctx) + timedelta(days=1)
    again = case_context(today=later, fixed=schedule.fixed_dates(ctx.plan))
    assert fellesmote.joint_meeting(again).dato == expected_meeting_day(ctx)
    assert not texts(again, "fellesmote", tmp_path)


# --- Every letter looks like the municipality's own ---------------------------------------

LETTERS = ["informasjonsbrev", "innkalling", "fellesmote", "oppfolgingsplan", "sluttevaluering"]


@pytest.mark.parametrize("kind", LETTERS + ["nytt_tilbud"])
def test_letters_carry_service_reference_contact_person_and_confidentiality(tmp_path, kind):
    ctx = case_context(declined(canonical_case(), 1) if kind == "nytt_tilbud" else None)
    paths = render(ctx, kind, tmp_path)
    assert paths
    for path in paths.values():
        text = docx_text(path)
        # The final evaluation is dated where it is signed (test_evaluation.py).
        dated = ["Vår dato:", "22. november 2026"] if kind != "sluttevaluering" else []
        # The plan names the contact person under «Kontaktperson», not in its reference lines.
        reference = ["Saksbehandler:", "Telefon:"] if kind != "oppfolgingsplan" else []
        for expected in ["Fjordvik kommune", "Barnevernstjenesten i Fjordvik",
                         "Besøksadresse: Rådhusgata 4, 5999 Fjordvik",
                         "Postadresse: Postboks 120, 5999 Fjordvik",
                         *dated, "Vår ref.:", "2026-0412",
                         *reference, "Ingrid Bakke & Berg",
                         "55 00 12 34", "ingrid.bakke@fjordvik.kommune.example",
                         "Side"]:
            assert expected in text, (kind, expected)
        # No reader gave a reference of theirs: no letter has an empty «Deres ref.» line
        # (test_letters.py: one that is given is shown).
        assert "Deres ref." not in text, kind
        doc = open_docx(str(path))
        section = doc.sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
        assert round(section.left_margin.cm, 2) == round(section.right_margin.cm, 2) == 2.5
        # Page numbers are fields, on the first page and the pages after it.
        for footer in (section.footer, section.first_page_footer):
            assert "PAGE" in footer._element.xml and "NUMPAGES" in footer._element.xml
        assert "Vår ref.: 2026-0412" in "\n".join(p.text for p in section.header.paragraphs)


def test_a_child_is_never_identified_by_number_in_letters(tmp_path):
    ctx = case_context()
    for kind in LETTERS:
        for text in texts(ctx, kind, tmp_path / kind).values():
            assert "14831550695" not in text, kind


def test_dates_in_letters_are_norwegian(tmp_path):
    text = texts(case_context(today=date(2026, 12, 1)), "informasjonsbrev", tmp_path)[
        "02 Informasjonsbrev til foreldre - mor.docx"]
    assert "1. desember 2026" in text and "2026-12-01" not in text
    assert re.search(r"(mandag|tirsdag|onsdag|torsdag|fredag) \d{1,2}\. (desember|januar) 202[67]",
                     text)


def test_parents_living_apart_are_each_invited_to_their_own_conversation(tmp_path):
    invitations = texts(case_context(), "innkalling", tmp_path)
    mother = invitations["Innkallinger/Foreldre/Tema 1 - Fortsatt familie - mor.docx"]
    father = invitations["Innkallinger/Foreldre/Tema 1 - Fortsatt familie - far.docx"]
    assert "Camilla Lindqvist" in mother and "Ahmad" not in mother
    assert "Ahmad Hansen" in father and "Camilla" not in father
    when = re.compile(r"\w+dag \d+\. \w+ \d{4}")
    assert when.search(mother).group() != when.search(father).group()


def test_each_parent_is_told_the_other_is_invited_to_their_joint_conversation(tmp_path):
    """Parents with one track get a letter each: each says the other is invited too, and
    that they may ask to meet alone; a parent's own conversation says nothing of it."""
    case = canonical_case()
    for parent in case["foreldre"]:
        parent["bor_sammen_med_annen_forelder"] = True
    found = texts(case_context(case), "innkalling", tmp_path / "together")
    to_parents = {name: text for name, text in found.items() if "/Foreldre/" in name}
    assert to_parents
    for name, text in to_parents.items():
        other = "Faren" if name.endswith(" - mor.docx") else "Moren"
        assert (f"{other} til Sofie er også invitert til samtalen. Vil du heller ha en "
                "samtale alene, gi meg beskjed.") in text, name
    apart = texts(case_context(canonical_case()), "innkalling", tmp_path / "apart")
    assert not any("også invitert" in text for text in apart.values())


def test_a_joint_meeting_of_parents_the_journal_does_not_name_still_has_the_parents(
        tmp_path):
    case = canonical_case()
    case["foreldre"] = []
    ctx = case_context(case)
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    contact = ctx.base["kontaktperson"]["navn"]
    assert f"Foreldrene, fosterforeldrene og kontaktpersonen {contact} møtes" in plan
    found = texts(ctx, "fellesmote", tmp_path / "letters")
    foster = next(text for name, text in found.items() if "fosterfamilien" in name)
    assert "Invitert\nForeldrene, dere og jeg" in foster
    assert "der dere, foreldrene til Sofie og jeg møtes" in foster


def test_where_the_minutes_take_an_adaptation_up_is_a_whole_sentence_in_nynorsk(tmp_path):
    """The plan's line under an adaptation ends with a full stop and says why other themes
    have no part on it (helper 145), in nynorsk too."""
    ctx = case_context(network_case()).in_malform("nynorsk")
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")["01 Oppfølgingsplan.docx"]
    assert ("Referatmalane har ein eigen del om dette i temaa der programmet tek det opp: "
            "Foreldre (tema 1, 2, 3 og 4); Fosterfamilien (tema 1, 2, 3, 4 og 5). Dei andre "
            "temaa har ingen eigen del om det.") in plan


def test_a_small_child_s_foster_family_minutes_ask_in_nynorsk_verb_forms(tmp_path):
    """A child too young for conversations of its own: the foster family's minutes ask how
    they answer what the child shows, in nynorsk «svarar» (the bokmål form «svarer» stood
    in the nynorsk programme file)."""
    ctx = case_context(with_child(fodselsdato="2025-06-01")).in_malform("nynorsk")
    assert "barn_uten_egne_samtaler" in ctx.adaptations()
    minutes = texts(ctx, "referat", tmp_path / "ref")
    said = [text for name, text in minutes.items() if "Fosterfamilien" in name
            and "Korleis viser Sofie kva ho treng" in text]
    assert len(said) == 9  # every theme's, the three first contacts' too
    assert all("Korleis viser Sofie kva ho treng, og korleis svarar de på det?" in text
               and "svarer" not in text for text in said)
