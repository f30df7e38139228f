"""The child's age: known for every adapter's case, and it changes what each party receives.

Age comes from fodselsdato or, where an export has only the identity number, from that
number (Barn.fodt), so a mapped vendor case is planned for the child it is about. A child too
young for conversations ([schedule] child_conversation_min_age) has none and gets no
invitations; the foster family's conversations cover the child's everyday life instead.
"""

from __future__ import annotations

from datetime import date

from omsorgspakke_docs.domain.model import Barn

from .conftest import canonical_case, docx_text, synthetic_fnr
from .doc_helpers import case_context, render, texts

EVERYDAY = "Barnets hverdag"


def test_the_birth_date_comes_from_the_identity_number_when_the_export_lacks_it():
    number = synthetic_fnr(date(2014, 5, 17))
    child = Barn(fodselsnummer=number)
    assert child.fodt == date(2014, 5, 17)
    assert child.alder(date(2026, 5, 16)) == 11 and child.alder(date(2026, 5, 17)) == 12
    assert Barn(fodselsnummer=number, fodselsdato=date(2014, 5, 18)).fodt == date(2014, 5, 18)
    assert Barn().alder(date(2026, 1, 1)) is None


def test_a_mapped_vendor_case_knows_the_childs_age(workspace):
    workspace.drop_example("vendor-acos-sakliste.csv")
    workspace.run()
    plans = {j: docx_text(workspace.case_folder(j) / "01 Oppfølgingsplan.docx")
             for j in ("2026-0740", "2026-0741")}
    assert "Barnet er 6 år" in plans["2026-0740"]
    assert "Barnet er 16 år og får innkallingene til sine samtaler skrevet til seg" in \
        plans["2026-0741"]
    assert all("alder er ikke kjent" not in t for t in plans.values())
    # The 16-year-old's invitations are written to him, not to the foster parents.
    child = workspace.documents("2026-0741", "Innkallinger/Barnet/*.docx")
    assert child and not any("til fosterforeldrene" in p.name for p in child)


def _two_year_old() -> dict:
    case = canonical_case()
    case["barn"]["fodselsdato"] = "2024-06-01"
    case["barn"]["fodselsnummer"] = synthetic_fnr(date(2024, 6, 1))
    return case


def test_a_two_year_old_has_no_conversations_and_no_invitations(tmp_path):
    ctx = case_context(_two_year_old())
    assert ctx.plan.for_part("barnet") == []
    invitations = render(ctx, "innkalling", tmp_path / "innk")
    assert invitations and not [n for n in invitations if n.startswith("Innkallinger/Barnet/")]
    minutes = render(ctx, "referat", tmp_path / "ref")
    assert not [n for n in minutes if n.startswith("Referater/Barnet/")]
    (calendar,) = render(ctx, "kalender", tmp_path / "cal").values()
    assert "UID:sak-0123456789ab-barnet-" not in calendar.read_text(encoding="utf-8")
    assert "UID:sak-0123456789ab-foreldre-" in calendar.read_text(encoding="utf-8")
    plan = docx_text(tmp_path / "plan" / next(iter(render(ctx, "oppfolgingsplan",
                                                              tmp_path / "plan"))))
    assert "Barnet er 2 år og har ikke egne samtaler" in plan
    assert "ser barnet ved oppfølgingsbesøkene" in plan


def test_the_foster_family_talks_about_a_young_childs_everyday_life(tmp_path):
    ctx = case_context(_two_year_old())
    foster = {n: t for n, t in texts(ctx, "referat", tmp_path / "ref").items()
              if n.startswith("Referater/Fosterfamilien/")}
    assert foster and all("Sofies hverdag" in t for t in foster.values())  # the minutes name her
    invitations = {n: t for n, t in texts(ctx, "innkalling", tmp_path / "innk").items()
                   if n.startswith("Innkallinger/Fosterfamilien/")}
    # Their invitations list it as the minutes title it (test_invitation_extras_name_the_child).
    assert invitations and all("Sofies hverdag" in t and EVERYDAY not in t
                               for t in invitations.values())
    letter = texts(ctx, "informasjonsbrev", tmp_path / "brev")
    assert all("jeg ser Sofie når jeg besøker fosterhjemmet" in t for t in letter.values())
    # An older child's case has no such section.
    older = texts(case_context(), "referat", tmp_path / "older")
    assert not any(EVERYDAY in t for n, t in older.items() if "Fosterfamilien" in n)


def test_the_minimum_age_is_a_setting(tmp_path):
    from omsorgspakke_docs import config
    from omsorgspakke_docs.domain.model import Case
    from omsorgspakke_docs.planning import schedule

    from .doc_helpers import PROGRAMME

    settings = config.Schedule(child_conversation_min_age=2)
    plan = schedule.plan_case(Case.model_validate(_two_year_old()), PROGRAMME, settings,
                              date(2026, 11, 22))
    assert plan.for_part("barnet")
