"""A parent's own minutes say whose they are in the header, as the file name and the plan do:
«Part: Foreldre (mor)», not «Foreldre» for both the mother's and the father's."""

from __future__ import annotations

from .conftest import canonical_case
from .doc_helpers import case_context, texts


def _party_rows(minutes: dict[str, str]) -> dict[str, str]:
    rows = {}
    for name, text in minutes.items():
        lines = text.splitlines()
        rows[name] = lines[lines.index("Part") + 1]
    return rows


def test_a_parents_own_minutes_name_the_parent(tmp_path):
    rows = _party_rows(texts(case_context(), "referat", tmp_path))
    mother = [row for name, row in rows.items() if name.endswith(" - mor.docx")]
    father = [row for name, row in rows.items() if name.endswith(" - far.docx")]
    assert mother and set(mother) == {"Foreldre (mor)"}
    assert father and set(father) == {"Foreldre (far)"}
    assert {row for name, row in rows.items() if "/Barnet/" in name} == {"Barnet"}


def test_shared_parent_minutes_name_the_party_only(tmp_path):
    case = canonical_case()
    case["foreldre"] = case["foreldre"][:1]
    rows = _party_rows(texts(case_context(case), "referat", tmp_path))
    assert {row for name, row in rows.items() if "/Foreldre/" in name} == {"Foreldre"}
