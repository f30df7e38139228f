"""A parents' contact the journal has without naming a parent, its participants naming the
mother, when the mother then declines (parents living apart: the example case's first
contact, 17 September). It was hers: the father, who now takes part alone, was not there,
so his letters do not say it was held with him, and his first contact is invited to.
Before, the one parent left taking part was credited with it (Case.parents_at).
"""

from __future__ import annotations

from .conftest import canonical_case
from .doc_helpers import case_context, texts

FIRST = "Tema 0 - Oppfølging i flytteprosessen (kontakt 1)"


def _mother_at_the_first_contact_then_declined():
    case = canonical_case()
    (entry,) = [s for s in case["samtaler"] if s["part"] == "foreldre"]
    entry["deltakere"] = ["Camilla Lindqvist (mor)", "Ingrid Bakke & Berg (kontaktperson)"]
    case["foreldre"][0]["takker_ja"] = False
    return case_context(case)


def test_a_contact_the_mother_was_at_is_not_the_fathers_when_she_declines(tmp_path):
    ctx = _mother_at_the_first_contact_then_declined()
    letters = texts(ctx, "informasjonsbrev", tmp_path / "brev")
    assert list(letters) == ["02 Informasjonsbrev til foreldre - far.docx"]
    (father,) = letters.values()
    assert "allerede hatt" not in father
    assert "17. september 2026" not in father
    invitations = texts(ctx, "innkalling", tmp_path / "innkallinger")
    assert f"Innkallinger/Foreldre/{FIRST} - far.docx" in invitations


def test_the_plan_does_not_name_the_father_for_the_mothers_contact(tmp_path):
    ctx = _mother_at_the_first_contact_then_declined()
    (plan,) = texts(ctx, "oppfolgingsplan", tmp_path).values()
    assert "Foreldre (far): 17. september 2026" not in plan
    father = [c for c in ctx.plan.for_part("foreldre") if c.forelder == 1]
    assert (father[0].tema, father[0].nummer, father[0].status) == (0, 1, "planlagt")
