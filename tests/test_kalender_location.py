"""Where a calendar entry says the meeting is (LOCATION): the place the invitation gives,
the foster home with its address. Parsed back with the icalendar library."""

import pytest
from icalendar import Calendar

from .conftest import canonical_case
from .doc_helpers import case_context, render

ALL = "Kalender/Alle samtaler.ics"


def locations(case: dict, tmp_path, malform: str = "bokmal") -> dict[str, str | None]:
    """UID (less the case's pseudonym) -> LOCATION of each entry in the case's calendar."""
    (path,) = render(case_context(case).in_malform(malform), "kalender", tmp_path).values()
    return {str(e["UID"]).removeprefix("sak-0123456789ab-").removesuffix("@omsorgspakke-docs"):
            (str(e["LOCATION"]) if "LOCATION" in e else None)
            for e in Calendar.from_ical(path.read_bytes()).events}


def with_foster_home(**address) -> dict:
    case = canonical_case()
    case["fosterfamilie"] = {**case["fosterfamilie"], **address}
    return case


def test_a_conversation_in_the_foster_home_has_its_address_as_the_invitation_gives_it(
        tmp_path):
    """The child meets at the foster home ([schedule] child_meets_at): the entry said
    «Fosterhjemmet» and no more, while the invitation gave the street address."""
    ctx = case_context()
    conv = next(c for c in ctx.plan.conversations
                if (c.part, c.tema, c.nummer) == ("barnet", 1, 1))
    assert ctx.samtale_context(conv)["sted"] == "I fosterhjemmet, Lia 22, 5997 Fjordvik"
    found = locations(canonical_case(), tmp_path)
    assert found["barnet-t1-k1"] == "Fosterhjemmet, Lia 22, 5997 Fjordvik"
    visits = [uid for uid in found if uid.startswith("besok-")]
    assert visits and all(found[uid] == "Fosterhjemmet, Lia 22, 5997 Fjordvik"
                          for uid in visits)
    # Elsewhere, as before; and the address is in the file, never in its name.
    assert found["foreldre-t1-k1-f0"] == "Barnevernstjenesten i Fjordvik, Rådhusgata 4, " \
                                         "5999 Fjordvik"
    assert list(render(ctx, "kalender", tmp_path / "names")) == [ALL]


def test_a_foster_home_without_a_town_or_a_street_is_named_not_addressed(tmp_path):
    """A street alone is not an address to go by; no street address is a gap the
    invitation marks «[mangler: …]», which has no place in a calendar."""
    no_town = locations(with_foster_home(postnummer=None, poststed=None), tmp_path / "a")
    no_street = locations(with_foster_home(adresse=None), tmp_path / "b")
    assert no_town["barnet-t1-k1"] == "Fosterhjemmet"
    assert no_street["barnet-t1-k1"] == "Fosterhjemmet"


def test_a_foster_home_with_a_town_and_no_postal_code_has_the_address_the_invitation_gives(
        tmp_path):
    """«Lia 22, Fjordvik» in the invitation: the entry said «Fosterhjemmet» and no more,
    although a map and a colleague can go by it."""
    case = with_foster_home(postnummer=None)
    ctx = case_context(case)
    conv = next(c for c in ctx.plan.conversations
                if (c.part, c.tema, c.nummer) == ("barnet", 1, 1))
    assert ctx.samtale_context(conv)["sted"] == "I fosterhjemmet, Lia 22, Fjordvik"
    assert locations(case, tmp_path)["barnet-t1-k1"] == "Fosterhjemmet, Lia 22, Fjordvik"


def _digital(case: dict, motform: str, part: str) -> dict:
    """The case with its party's theme 1 registered in the journal as held `motform`, on
    the day and at the time the plan has it (the contact person agreed a video call)."""
    conv = next(c for c in case_context(case).plan.conversations
                if (c.part, c.tema, c.nummer, c.forelder) == (part, 1, 1, None))
    return {**case, "samtaler": [*case["samtaler"], {
        "part": part, "tema": 1, "nummer": 1, "dato": conv.dato.isoformat(),
        "klokkeslett": f"{conv.start:%H:%M}", "status": "planlagt", "motform": motform}]}


@pytest.mark.parametrize(("malform", "motform", "said"), [
    ("bokmal", "video", "Digitalt møte (video)"),
    ("bokmal", "telefon", "Digitalt møte (telefon)"),
    ("bokmal", "digitalt", "Digitalt møte"),
    ("nynorsk", "video", "Digitalt møte (video)"),
    ("nynorsk", "telefon", "Digitalt møte (telefon)"),
])
def test_a_conversation_the_journal_has_as_digital_is_digital_in_the_calendar(
        tmp_path, malform, motform, said):
    """The journal has the child's theme 1 on video (samtaler[].motform): the invitation
    says «Digitalt møte (video eller telefon)», while the calendar entry gave the foster
    home's address, and sent the contact person there for a meeting held on a screen."""
    case = _digital(canonical_case(), motform, "barnet")
    found = locations(case, tmp_path, malform)
    assert found["barnet-t1-k1"] == said
    # The child's other conversations are where they were.
    home = {"bokmal": "Fosterhjemmet", "nynorsk": "Fosterheimen"}[malform]
    assert found["barnet-t2-k1"] == f"{home}, Lia 22, 5997 Fjordvik"


def test_a_parents_digital_conversation_is_not_at_the_office_in_the_calendar(tmp_path):
    """A parent's conversation the journal has on the telephone gave the office's address."""
    ctx = case_context()
    conv = next(c for c in ctx.plan.conversations if (c.part, c.tema) == ("foreldre", 1))
    case = canonical_case()
    case["samtaler"] = [*case["samtaler"], {
        "part": "foreldre", "tema": 1, "nummer": 1, "forelder": conv.forelder,
        "dato": conv.dato.isoformat(), "klokkeslett": f"{conv.start:%H:%M}",
        "status": "planlagt", "motform": "telefon"}]
    found = locations(case, tmp_path)
    own = "" if conv.forelder is None else f"-f{conv.forelder}"
    assert found[f"foreldre-t1-k1{own}"] == "Digitalt møte (telefon)"
    assert not any(v == "Digitalt møte (telefon)" for k, v in found.items()
                   if k != f"foreldre-t1-k1{own}")
