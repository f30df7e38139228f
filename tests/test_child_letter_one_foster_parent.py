"""Til utsending's notes for a letter to the child that cannot do what it is for in time
say whom the contact person calls to agree the time with the child. With one foster parent
in the journal that is «fosterforelderen» («fosterforelderen» in nynorsk too), not
«fosterforeldrene» («fosterforeldra»): a reader's finding in the demo, where 2026-0721 (the
child lives with Randi Kleppe alone), 2026-0655, 2026-0730 and 2026-0741 asked to call the
foster parents of a home with one. Two foster parents are still called together
(tests/test_move_followup_letters.py)."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.rendering.renderer import Document
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case
from .doc_helpers import case_context
from .test_move_followup_letters import TAKEN_ALONG, _listed, _older_child

LATE_BY_POST = {
    "bokmal": "Rekker ikke fram med post før samtalen 23. november 2026. Be kontaktpersonen "
              "ringe fosterforelderen og avtale tiden med barnet. Blir det tiden i brevet, ta "
              "brevet med til samtalen. Blir det en annen tid, skal den registreres i "
              "fagsystemet, og dette brevet skal ikke brukes: et nytt brev lages når saken er "
              "eksportert på nytt.",
    "nynorsk": "Rekk ikkje fram med post før samtalen 23. november 2026. Be kontaktpersonen "
               "ringje fosterforelderen og avtale tida med barnet. Blir det tida i brevet, ta "
               "brevet med til samtalen. Blir det ei anna tid, skal ho registrerast i "
               "fagsystemet, og dette brevet skal ikkje brukast: eit nytt brev blir laga når "
               "saka er eksportert på nytt.",
}
AGREED_BY_POST = {
    "bokmal": "Bekrefter en avtalt samtale, men rekker ikke fram med post før samtalen 23. "
              "november 2026. Be kontaktpersonen minne barnet om tiden gjennom "
              "fosterforelderen, og ta brevet med til samtalen.",
    "nynorsk": "Stadfestar ein avtalt samtale, men rekk ikkje fram med post før samtalen 23. "
               "november 2026. Be kontaktpersonen minne barnet om tida gjennom "
               "fosterforelderen, og ta brevet med til samtalen.",
}
DIGITAL = {
    "bokmal": "Kort varsel: samtalen er 23. november 2026. Be kontaktpersonen ringe "
              "fosterforelderen og avtale tiden med barnet.",
    "nynorsk": "Kort varsel: samtalen er 23. november 2026. Be kontaktpersonen ringje "
               "fosterforelderen og avtale tida med barnet.",
}
HELD = {
    "bokmal": "Samtalen er 23. november 2026: be kontaktpersonen ringe fosterforelderen og "
              "avtale tiden med barnet mens brevet venter.",
    "nynorsk": "Samtalen er 23. november 2026: be kontaktpersonen ringje fosterforelderen og "
               "avtale tida med barnet medan brevet ventar.",
}
HELD_NOBODY = {
    "bokmal": "Samtalen er 23. november 2026, og saken har ingen kontaktperson: be lederen "
              "sørge for at noen ringer fosterforelderen og avtaler tiden med barnet mens "
              "brevet venter.",
    "nynorsk": "Samtalen er 23. november 2026, og saka har ingen kontaktperson: be leiaren sjå "
               "til at nokon ringjer fosterforelderen og avtalar tida med barnet medan brevet "
               "ventar.",
}
PLURAL = ("fosterforeldrene", "fosterforeldra")


def _one_foster_parent(case: dict) -> dict:
    foster = case["fosterfamilie"]
    case["fosterfamilie"] = {**foster, "fosterforeldre": foster["fosterforeldre"][:1]}
    return case


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_childs_letter_too_late_by_post_says_to_call_the_one_foster_parent(workspace,
                                                                              malform):
    """A 14-year-old living with one foster parent: made on Friday 20 November, the letter
    by post for Monday 23 November cannot reach the child in time. Its row asks the contact
    person to call the foster parent, and the letter is taken to the conversation."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", _one_foster_parent(_older_child(canonical_case())))
    assert workspace.run(today=date(2026, 11, 20)).files_failed == 0
    folder = "Innkallingar" if malform == "nynorsk" else "Innkallinger"
    contact = [r for d, r in _listed(workspace).items()
               if f"/{folder}/Barnet/Tema 0 - " in d and "til foster" not in d]
    assert len(contact) == 1
    assert contact[0][6] == LATE_BY_POST[malform]
    assert contact[0][5] == TAKEN_ALONG[malform] and contact[0][4] is None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_every_note_for_the_childs_letter_names_the_one_foster_parent(malform):
    """Each note for a letter to the child, short notice or held back, with one foster
    parent in the journal: «fosterforelderen», never the plural."""
    ctx = case_context(_one_foster_parent(canonical_case())).in_malform(malform)
    t, day = tekst(malform), date(2026, 11, 23)

    def letter(sendes: str, avtalt: bool = False, contact: str = "Ingrid Bakke") -> Document:
        return Document(PurePosixPath("x.docx"), "x.docx",
                        {"mottaker": {"sendes": sendes, "rolle": "barnet"},
                         "samtale": {"tema": 0, "avtalt": avtalt},
                         "kontaktperson": {"navn": contact}}, meeting=day)

    notes = {
        "post": sending._too_close(letter("post"), ctx, t),
        "avtalt": sending._too_close(letter("post", avtalt=True), ctx, t),
        "digitalt": sending._too_close(letter("digitalt"), ctx, t),
        "venter": sending._while_held(letter("post"), ctx, t),
        "ingen": sending._while_held(letter("post", contact=""), ctx, t),
    }
    said = {kind: found[1] for kind, found in notes.items() if found is not None}
    assert said["post"] == LATE_BY_POST[malform]
    assert said["avtalt"] == AGREED_BY_POST[malform]
    assert said["digitalt"].startswith(DIGITAL[malform]), said["digitalt"]
    assert said["venter"] == HELD[malform]
    assert said["ingen"] == HELD_NOBODY[malform]
    for kind, note in said.items():
        assert not any(word in note for word in PLURAL), (kind, note)
