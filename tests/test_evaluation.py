"""The final evaluation the guide asks for: per party (and per parent when parents live apart
or one declined), every theme's assessment, a framed place for the overall assessment, and the
evaluation of the plans. The child's rights in the child's theme 1 minutes."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.planning.workdays import norsk_dato

from .conftest import both_parents_took_part, canonical_case
from .doc_helpers import case_context, render, texts

PARENTS = ("03 Sluttevaluering - Foreldre - mor.docx",
           "03 Sluttevaluering - Foreldre - far.docx")


def test_parents_living_apart_each_get_their_own_evaluation(tmp_path):
    found = texts(case_context(), "sluttevaluering", tmp_path)
    assert set(PARENTS) <= set(found)
    assert "03 Sluttevaluering - Foreldre.docx" not in found
    assert "Sluttevaluering – Foreldre – fortsatt familie – Camilla Lindqvist" in found[PARENTS[0]]
    assert "Ahmad Hansen" in found[PARENTS[1]]
    for name in PARENTS:
        assert "Tema 1: Fortsatt familie" in found[name]


def test_parents_at_two_addresses_get_one_each_as_their_conversations_do(tmp_path):
    """No «lives with the other parent» in the export, but two addresses: the planner meets
    them apart, and so each has an evaluation of their own conversations (the first contact
    held with both)."""
    case = both_parents_took_part(canonical_case())
    for parent in case["foreldre"]:
        parent.pop("bor_sammen_med_annen_forelder", None)
    case["foreldre"][0].update(adresse="Storgata 1", postnummer="5003", poststed="Bergen")
    case["foreldre"][1].update(adresse="Fjellveien 9", postnummer="5020", poststed="Bergen")
    ctx = case_context(case)
    assert {c.forelder for c in ctx.plan.conversations if c.part == "foreldre"} == {0, 1}
    found = texts(ctx, "sluttevaluering", tmp_path)
    assert set(PARENTS) <= set(found) and "03 Sluttevaluering - Foreldre.docx" not in found


def test_a_declined_parents_evaluation_says_so_and_when_the_offer_can_be_renewed(tmp_path):
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    ctx = case_context(case)
    found = texts(ctx, "sluttevaluering", tmp_path)
    declined = found[PARENTS[1]]
    assert "Ahmad Hansen takket nei til tilbudet om Omsorgspakken" in declined
    assert f"fram til {norsk_dato(ctx.plan.slutt)}" in declined
    assert "Ikke vurdert ennå" not in declined
    assert "takket nei" not in found[PARENTS[0]]


def test_parents_who_all_declined_share_one_evaluation_that_says_why(tmp_path):
    case = canonical_case()
    for parent in case["foreldre"]:
        parent["takker_ja"] = False
        parent["bor_sammen_med_annen_forelder"] = True
    found = texts(case_context(case), "sluttevaluering", tmp_path)
    text = found["03 Sluttevaluering - Foreldre.docx"]
    assert "Ikke vurdert ennå" not in text
    # Not the plan's «kan gis på nytt senere»: the letter that renews it is already made.
    assert ("Foreldrene takket nei til tilbudet om Omsorgspakken, og temaene er derfor ikke "
            "vurdert med dem.") in text
    # The letter is made; whether it went is for Til utsending to say (helper 136: the
    # evaluation said «har fått» while the caseload's Avvik asked for the offer again).
    assert ("Et brev til hver av dem som gir tilbudet på nytt, ligger i saksmappen («02 Nytt "
            "tilbud om Omsorgspakken»).") in text
    assert "har fått et brev" not in text


def test_the_one_parent_who_declined_is_named_in_the_evaluation(tmp_path):
    """A case whose only parent declined (demo 2026-0721) has one shared evaluation; it
    says who declined and that the letter renewing the offer is in the case folder (not
    that it was sent: the list of letters to send knows that)."""
    case = canonical_case()
    case["foreldre"] = [{**case["foreldre"][1], "takker_ja": False}]
    ctx = case_context(case)
    text = texts(ctx, "sluttevaluering", tmp_path)["03 Sluttevaluering - Foreldre.docx"]
    assert "Ahmad Hansen takket nei til tilbudet om Omsorgspakken" in text
    assert ("Et brev som gir tilbudet på nytt, ligger i saksmappen («02 Nytt tilbud om "
            "Omsorgspakken»).") in text
    assert "sendt et brev" not in text and "kan gis på nytt senere" not in text
    nynorsk = texts(ctx.in_malform("nynorsk"), "sluttevaluering", tmp_path / "nn")
    assert any("Ahmad Hansen takka nei til tilbodet om" in t and "ligg i saksmappa" in t
               for t in nynorsk.values())


def test_the_evaluation_goes_through_every_plan(tmp_path):
    case = canonical_case()
    case["planer"] = [
        {"type": "omsorgsplan", "startdato": "2026-09-20", "evaluert": ["2026-10-30"]},
        {"type": "samvaersplan", "startdato": "2026-09-20"},
    ]
    ctx = case_context(case)
    paths = render(ctx, "sluttevaluering", tmp_path)
    doc = open_docx(str(paths["03 Sluttevaluering - Fosterfamilien.docx"]))
    rows = {}
    for table in doc.tables:
        if table.rows[0].cells[0].text == "Plan":
            rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows == {
        "Plan for barnets omsorgssituasjon og oppfølging av barn og foreldre "
        "(barnevernsloven § 8-3)": ["Ja", "30. oktober 2026", ""],
        "Plan for samvær og kontakt med foreldre, søsken og andre nærstående "
        "(barnevernsloven § 7-6)": ["Ja", "Ikke evaluert ennå", ""],
        "Individuell plan (barnevernsloven § 15-9, når barnet har behov for langvarige og "
        "koordinerte tjenester)": ["Ikke registrert", "", ""],
        "Plan for oppfølging av fosterfamilien (fosterhjemsforskriften § 9)":
            ["Ikke registrert", "", ""],
    }
    # A framed place to write the overall assessment, in every party's evaluation.
    for path in paths.values():
        xml = open_docx(str(path)).element.xml
        assert 'w:val="omsorgspakke:samlet-vurdering"' in xml


@pytest.mark.parametrize("malform, action_plan, care_plan", [
    ("bokmal", "Tiltaksplan (barnevernsloven § 8-1)", "barnevernsloven § 8-3"),
    ("nynorsk", "Tiltaksplan (barnevernslova § 8-1)", "barnevernslova § 8-3"),
])
def test_a_voluntary_placement_is_evaluated_against_its_action_plan(tmp_path, malform,
                                                                     action_plan, care_plan):
    """A voluntary placement has an action plan (§ 8-1), not a care plan (§ 8-3): the final
    evaluation and the plan's legal basis name the plan the case can have, as the overview's
    findings do (compliance.py), and find the journal's action plan."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "frivillig": True,
                          "lovhjemmel": "barnevernsloven § 3-6"}
    case["planer"] = [{"type": "tiltaksplan", "startdato": "2026-09-20",
                       "evaluert": ["2026-10-30"]}]
    ctx = case_context(case).in_malform(malform)
    paths = render(ctx, "sluttevaluering", tmp_path / "evaluering")
    for path in paths.values():
        doc = open_docx(str(path))
        rows = {r.cells[0].text: [c.text for c in r.cells[1:]]
                for table in doc.tables if table.rows[0].cells[0].text == "Plan"
                for r in table.rows[1:]}
        assert rows[action_plan][:2] == ["Ja", "30. oktober 2026"], path.name
        assert not any(care_plan in name for name in rows), path.name
    plan = texts(ctx, "oppfolgingsplan", tmp_path / "plan")
    (text,) = plan.values()
    assert action_plan in text and care_plan not in text
    # A care order keeps its care plan.
    ordered = texts(case_context().in_malform(malform), "oppfolgingsplan", tmp_path / "order")
    (text,) = ordered.values()
    assert care_plan in text and "§ 8-1" not in text


def _child_minutes(tmp_path, born: str | None, malform: str = "bokmal") -> dict[str, str]:
    case = canonical_case()  # moved 14 September 2026
    case["barn"] = {**case["barn"], "fodselsdato": born}
    case["barn"].pop("fodselsnummer", None)
    minutes = texts(case_context(case).in_malform(malform), "referat", tmp_path)
    return {n: t for n, t in minutes.items() if "/Barnet/" in n}  # Referat/ in nynorsk


def test_the_childs_rights_are_in_theme_1(tmp_path):
    minutes = texts(case_context(), "referat", tmp_path)
    text = minutes["Referater/Barnet/Tema 1 - Min historie.docx"]
    for point in ("tilsynsperson", "rett til kontakt", "barnevernet betaler"):
        assert point in text, point
    older = _child_minutes(tmp_path / "older", "2010-05-01")  # 16 at the move
    assert "fyller 18 år" in older["Referater/Barnet/Tema 1 - Min historie.docx"]


@pytest.mark.parametrize("malform, older_only, both", [
    ("bokmal", ("klage til Statsforvalteren", "fyller 18 år", "taushetsplikt"), "116 111"),
    ("nynorsk", ("klage til Statsforvaltaren", "fyller 18 år", "teieplikt"), "116 111"),
])
def test_the_childs_minutes_are_worded_for_the_childs_age(tmp_path, malform, older_only,
                                                          both):
    """A child under 12 at the move (not yet a party to the case) is not asked about
    complaining to the county governor, confidentiality or turning 18; a child of 12 or
    more is, and a child of unknown age counts as young. Both are told of 116 111. The age
    is the age at the move: a birthday during the year changes no minutes."""
    for born, young in (("2020-03-01", True), ("2014-10-01", True), ("2014-09-01", False),
                        ("2010-05-01", False), (None, True)):
        minutes = _child_minutes(tmp_path / str(born), born, malform)
        text = "\n".join(minutes[n] for n in minutes if "Tema 0 " in n or "Tema 1 " in n)
        assert both in text, born
        for words in older_only:
            assert (words in text) is not young, (born, words)


@pytest.mark.parametrize("malform, school, leisure", [
    ("bokmal", "på skolen", "helsesykepleier eller på fritida"),
    ("nynorsk", "på skulen", "helsesjukepleiaren eller på fritida"),
])
def test_a_teenager_is_not_asked_about_kindergarten(tmp_path, malform, school, leisure):
    """A child of 12 or more at the move is asked about school and leisure, not about
    «barnehagen», which a younger child's minutes keep (ordlyd_ved.barn_fra_12_ar)."""
    for born, young in (("2020-03-01", True), ("2010-05-01", False)):
        text = "\n".join(_child_minutes(tmp_path / born, born, malform).values())
        assert school in text, born
        assert ("barnehagen" in text) is young, born
        assert (leisure in text) is not young, born


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_document_of_a_school_childs_case_speaks_of_kindergarten(tmp_path, malform):
    """Not the foster family's minutes («Helse og skole»), the evaluation's recommended
    follow-up («Ansvarsgruppe med skolen») or any other document of a child of 7 or more at
    the move (14 September 2026: at school, whatever the month); a child of 6, who may be at
    either, and a younger child's documents keep «barnehage»."""
    for born, young in (("2010-05-01", False), ("2015-05-01", False), ("2019-09-01", False),
                        ("2020-03-01", True), ("2022-03-01", True)):
        case = canonical_case()
        case["barn"] = {**case["barn"], "fodselsdato": born}
        case["barn"].pop("fodselsnummer", None)
        ctx = case_context(case).in_malform(malform)
        said = {kind: "\n".join(texts(ctx, kind, tmp_path / born / kind).values())
                for kind in ("referat", "sluttevaluering", "oppfolgingsplan", "innkalling",
                             "informasjonsbrev", "fellesmote")}
        assert ("barnehage" in said["referat"]) is young, born
        if not young:
            assert [kind for kind, text in said.items() if "barnehage" in text] == []
            school = "skolen" if malform == "bokmal" else "skulen"
            assert f"Ansvarsgruppe med {school}" in said["sluttevaluering"]


def test_a_lone_parent_who_declined_is_not_called_the_parents(tmp_path):
    """The journal has only the father, and he declined: the plan and his evaluation say
    he did, not «Foreldrene», as if two had been asked."""
    case = canonical_case()
    case["foreldre"] = [{**case["foreldre"][1], "takker_ja": False}]
    ctx = case_context(case)
    role = case["foreldre"][0]["rolle"]
    said = f"{role.capitalize()} har takket nei til Omsorgspakken."
    assert ctx.plan.parts_not_planned["foreldre"].startswith(said)
    plan = texts(ctx, "oppfolgingsplan", tmp_path)["01 Oppfølgingsplan.docx"]
    assert said in plan and "Foreldrene har takket nei" not in plan


@pytest.mark.parametrize("malform, late, early", [
    ("bokmal", "Planene for barnet er ikke registrert i saken ennå. Når de er laget, "
               "evalueres de i det siste temaet.",
     "Planene skal lages innen 26. oktober 2026, og evalueres i det siste temaet."),
    ("nynorsk", "Planane for barnet er ikkje registrerte i saka enno. Når dei er laga, blir "
                "dei evaluerte i det siste temaet.",
     "Planane skal lagast innan 26. oktober 2026, og blir evaluerte i det siste temaet."),
])
def test_the_plan_says_when_missing_plans_are_late(tmp_path, malform, late, early):
    """No plans registered: the follow-up plan says by when they should be made
    ([compliance] plan_due_days after the move, 14 September); once that day has passed
    it says they are not registered yet, without a deadline or a note to staff: the plan
    goes to the parties, and the lateness is the team leader's finding."""
    case = canonical_case()  # moved 14 September 2026
    case["planer"] = []
    for today, said, not_said in ((date(2026, 11, 22), late, early),
                                  (date(2026, 9, 28), early, late)):
        ctx = case_context(case, today=today).in_malform(malform)
        (plan,) = texts(ctx, "oppfolgingsplan", tmp_path / str(today)).values()
        assert said in plan and not_said not in plan, today
        assert "eksporten" not in plan and "skulle v" not in plan


def test_the_evaluation_is_dated_where_it_is_signed_not_the_day_it_was_made(tmp_path):
    """Made at the start and renewed as assessments come in, the evaluation is written at
    the end: «Vår dato» of the day it was made beside an empty «Sted og dato» gave it two
    dates."""
    for text in texts(case_context(), "sluttevaluering", tmp_path).values():
        assert "Vår dato:" not in text and "Vår ref.:" in text and "Sted og dato:" in text
