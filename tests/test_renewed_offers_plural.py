"""Both parents declined and the journal has neither's address: each gets a «Nytt tilbud»
of their own (documents/nytt_tilbud.py, one per parent), so the Avvik row that holds them
back speaks of two letters, not one («Brevene», «Breva»)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case
from .test_leader_open_findings import findings


def _both_declined_without_address(contact: bool = True) -> dict:
    case = canonical_case()
    for parent in case["foreldre"]:
        parent["takker_ja"] = False
        parent.pop("adresse")
    if not contact:
        case["kontaktperson"] = {}
    return case


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Brevene «Nytt tilbud» til mor og far kan ikke sendes: fagsystemet mangler "
               "adressen til mor og adressen til far. Registrer det i fagsystemet og "
               "eksporter saken på nytt, eller gi tilbudet på en annen måte og registrer "
               "datoen i fagsystemet."),
    ("nynorsk", "Breva «Nytt tilbod» til mor og far kan ikkje sendast: fagsystemet manglar "
                "adressa til mor og adressa til far. Registrer det i fagsystemet og eksporter "
                "saka på nytt, eller gi tilbodet på ein annan måte og registrer datoen i "
                "fagsystemet."),
])
def test_two_renewed_offers_held_back_are_two_letters(workspace, malform, said):
    workspace.in_malform(malform)
    workspace.drop("sak.json", _both_declined_without_address())
    workspace.run(date(2026, 9, 18))
    assert [f[0] for f in findings(workspace) if "kan ikk" in str(f[0])] == [said]


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", " og brevene «Nytt tilbud» til mor og far kan ikke sendes: "),
    ("nynorsk", " og breva «Nytt tilbod» til mor og far kan ikkje sendast: "),
])
def test_conversations_and_two_renewed_offers_in_one_row(workspace, malform, said):
    workspace.in_malform(malform)
    workspace.drop("sak.json", _both_declined_without_address(contact=False))
    workspace.run(date(2026, 11, 22))
    [row] = [f for f in findings(workspace) if "«Nytt tilb" in str(f[0])
             and "kan ikk" in str(f[0])]
    assert str(row[0]).startswith(("Brevene om samtalene fra ", "Breva om samtalane frå "))
    assert said in row[0]
