"""The information letter says what remains for its reader, as the plan has it.

A parent with every conversation held is told so, not that the next ones are to be agreed;
the joint meeting, when it is all that is left, is called a meeting, not a conversation; and
what the letter says comes first follows the reader's own next dates: a conversation the
journal has as held on the letter's day is among those held, not the next one.
"""

from __future__ import annotations

from datetime import date

from .conftest import both_parents_took_part, canonical_case, docx_text
from .doc_helpers import case_context, render
from .test_late_letter import _tables

TODAY = date(2026, 11, 22)
MOTHER, FATHER = 0, 1
MOTHERS_YEAR = [(0, 2, "2026-09-24"), (0, 3, "2026-10-01"), (1, 1, "2026-10-08"),
                (2, 1, "2026-10-15"), (3, 1, "2026-10-29"), (4, 1, "2026-11-05"),
                (5, 1, "2026-11-19")]
"""The mother's own conversations after the first contact (held with both): the whole
year's, the last theme three days before the letter."""


def _held(case: dict, forelder: int, dates) -> dict:
    case["samtaler"] += [{"part": "foreldre", "tema": tema, "nummer": nummer,
                          "forelder": forelder, "dato": day, "status": "gjennomfort"}
                         for tema, nummer, day in dates]
    return case


def _letter(case: dict, forelder: str, folder, today: date = TODAY,
            malform: str = "bokmal") -> tuple[str, dict]:
    ctx = case_context(case, today=today, invitation_days_before=21).in_malform(malform)
    letters = render(ctx, "informasjonsbrev", folder / malform)
    path = next(p for name, p in letters.items() if name.endswith(f"- {forelder}.docx"))
    return docx_text(path), _tables(path)


def _whole_year_held(climate: str | None = None) -> dict:
    case = _held(both_parents_took_part(canonical_case()), MOTHER, MOTHERS_YEAR)
    if climate:
        case["samarbeidsklima"] = climate
    return case


def test_a_parent_with_every_conversation_held_is_told_so(tmp_path):
    """No joint meeting listed (the climate makes it an offer): nothing is ahead."""
    case = _whole_year_held("konflikt")
    text, tables = _letter(case, "mor", tmp_path)
    assert ("Omsorgspakken startet 14. september 2026, da Sofie flyttet. Vi har hatt alle "
            "samtalene med deg i Omsorgspakken.\n") in text
    assert len(tables[("Samtale", "Dato")]) == 8
    assert ("Samtale", "Dato", "Tid") not in tables
    for wrong in ("Vi avtaler datoene", "neste samtale", "Vi møtes til samtaler",
                  "Hver samtale varer", "hvis en dato ikke passer", "ta en pause"):
        assert wrong not in text, wrong
    assert "Samtalene det første året etter at Sofie flyttet" in text
    assert ("Ta gjerne kontakt på 55 00 12 34 hvis du lurer på noe. Takk for samtalene vi har "
            "hatt.") in text
    assert "Takk for samtalene vi har hatt." in text
    nynorsk, _ = _letter(case, "mor", tmp_path, malform="nynorsk")
    assert "Vi har hatt alle samtalane med deg i Omsorgspakken.\n" in nynorsk
    assert "Vi avtalar datoane" not in nynorsk and "neste samtale" not in nynorsk
    assert "Takk for samtalane vi har hatt." in nynorsk


def test_a_parent_with_only_the_joint_meeting_left_is_told_of_a_meeting(tmp_path):
    """A reader's finding: «Det som gjenstår, er det felles møtet med fosterforeldrene» left
    out the father, who is invited too (the table's row, the plan and the meeting's own
    letter say so). The sentence names the meeting as the row does, with the other parent."""
    case = _whole_year_held()
    ctx = case_context(case, today=TODAY)
    meeting = ctx.t.dato_med_ukedag(ctx.plan.joint_meeting.dato)
    text, tables = _letter(case, "mor", tmp_path)
    assert (f"Vi har hatt alle samtalene med deg i Omsorgspakken. Det som gjenstår, er det "
            f"felles møtet med faren til Sofie og fosterforeldrene {meeting}.") in text
    assert ("Her er datoen for møtet som gjenstår, slik at du vet hva som kommer. Før møtet "
            "får du også et eget brev med tid og sted.") in text
    assert tables[("Samtale", "Dato", "Tid")][0][:2] == [
        "Felles møte med faren til Sofie og fosterforeldrene", meeting]
    assert "samtalen som gjenstår" not in text and "Vi møtes hos oss" not in text
    assert "Jeg ser fram til møtet." in text
    nynorsk, _ = _letter(case, "mor", tmp_path, malform="nynorsk")
    assert (f"Det som står att, er det felles møtet med faren til Sofie og fosterforeldra "
            f"{ctx.in_malform('nynorsk').t.dato_med_ukedag(ctx.plan.joint_meeting.dato)}."
            ) in nynorsk
    assert ("Her er datoen for møtet som står att, slik at du veit kva som kjem. Før møtet får "
            "du også eit eige brev med tid og stad.") in nynorsk


def test_a_parent_invited_alone_to_the_joint_meeting_is_told_it_is_with_the_foster_parents(
        tmp_path):
    """The father declined the programme: the mother is the one parent invited to the joint
    meeting, and her letter names it with the foster parents only, in the sentence as in the
    table; with one foster parent in the journal, «fosterforelderen»."""
    case = _whole_year_held()
    case["foreldre"][FATHER]["takker_ja"] = False
    for malform, said in (("bokmal", "Det som gjenstår, er det felles møtet med "
                                     "fosterforeldrene "),
                          ("nynorsk", "Det som står att, er det felles møtet med "
                                      "fosterforeldra ")):
        text, tables = _letter(case, "mor", tmp_path / "begge", malform=malform)
        assert said in text and "faren til" not in text, text
    case["fosterfamilie"]["fosterforeldre"] = case["fosterfamilie"]["fosterforeldre"][:1]
    text, _ = _letter(case, "mor", tmp_path / "en")
    assert "Det som gjenstår, er det felles møtet med fosterforelderen " in text, text


def test_the_last_conversation_and_the_meeting_are_named_as_what_they_are(tmp_path):
    case = _held(both_parents_took_part(canonical_case()), MOTHER, MOTHERS_YEAR[:-1])
    text, tables = _letter(case, "mor", tmp_path)
    coming = tables[("Samtale", "Dato", "Tid")]
    assert [row[0] for row in coming] == [
        coming[0][0], "Felles møte med faren til Sofie og fosterforeldrene"]
    assert coming[0][0].startswith("Tema 5:")
    assert (f"Neste samtale med deg er {coming[0][1]}, og det er den siste i Omsorgspakken. "
            "Hver samtale varer") in text
    assert ("Her er datoene for samtalen og møtet som gjenstår, slik at du vet hva som kommer. "
            "Vi møtes hos oss hvis vi ikke avtaler noe annet. "
            "Før samtalen og før møtet får du også et eget brev med tid og sted.") in text
    nynorsk, _ = _letter(case, "mor", tmp_path, malform="nynorsk")
    assert "Her er datoane for samtalen og møtet som står att, slik at du veit kva som kjem." \
        in nynorsk


def test_a_conversation_held_on_the_letters_day_is_not_the_next_one(tmp_path):
    """The father met once, the journal has it as held that day: the letter lists it as held,
    names the one after it as the next, and does not ask whether he was at the first
    contact (his own conversation takes that up)."""
    case = _held(canonical_case(), FATHER, [(0, 2, "2027-01-11")])
    text, tables = _letter(case, "far", tmp_path, today=date(2027, 1, 11))
    assert tables[("Samtale", "Dato")] == [["Oppfølging i flytteprosessen (samtale 2)",
                                            "mandag 11. januar 2027"]]
    coming = tables[("Samtale", "Dato", "Tid")]
    assert "mandag 11. januar 2027" not in [row[1] for row in coming]
    assert coming[0][0] == "Oppfølging i flytteprosessen (samtale 3)"
    assert (f"Neste samtale med deg er {coming[0][1]}, og da snakker vi om hvordan du har det "
            "etter flyttingen. Etter det møtes vi til samtaler om ulike temaer") in text
    assert "du ikke var med på den" not in text


def test_what_comes_first_follows_the_readers_plan(tmp_path):
    """The father's last contact of the move follow-up comes after his themes (the journal
    has it so): the letter says it is the last conversation, not that the themes follow."""
    themes = [(tema, 1, day) for tema, day in ((1, "2026-10-08"), (2, "2026-10-15"),
                                               (3, "2026-10-29"), (4, "2026-11-05"),
                                               (5, "2026-11-19"))]
    case = _held(both_parents_took_part(canonical_case()), FATHER,
                 [(0, 2, "2026-09-24"), *themes])
    case["samtaler"].append({"part": "foreldre", "tema": 0, "nummer": 3, "forelder": FATHER,
                             "dato": "2026-11-26", "status": "planlagt"})
    case["samarbeidsklima"] = "krevende"
    text, tables = _letter(case, "far", tmp_path)
    coming = tables[("Samtale", "Dato", "Tid")]
    assert [row[0] for row in coming] == ["Oppfølging i flytteprosessen (samtale 3)"]
    assert (f"Neste samtale med deg er {coming[0][1]}, og det er den siste i "
            "Omsorgspakken.") in text
    assert "Først snakker vi" not in text and "etter det møtes vi" not in text
    assert "Her er datoen for samtalen som gjenstår" in text


def test_a_conversation_with_the_parents_held_on_the_letters_day_is_named_as_held(tmp_path):
    """The first contact, held with the parents the day the letter is issued, the journal
    not saying with whom: neither parent is told that the conversations begin now."""
    case = canonical_case()
    case["samtaler"] = [c for c in case["samtaler"] if c["part"] != "foreldre"]
    case["samtaler"].append({"part": "foreldre", "tema": 0, "nummer": 1,
                             "dato": TODAY.isoformat(), "status": "gjennomfort"})
    for forelder in ("mor", "far"):
        text, _ = _letter(case, forelder, tmp_path)
        assert ("Omsorgspakken startet 14. september 2026, da Sofie flyttet, og den første "
                "samtalen med foreldrene var 22. november 2026.") in text, forelder
        assert "nå begynner vi samtalene" not in text


def test_the_meeting_and_a_conversation_the_same_day_are_listed_in_their_order(tmp_path):
    """The mother's last theme at 10.00 and the joint meeting at 08.30 on 30 August 2027: the
    meeting was listed after the conversation (helper 139: rows by day only)."""
    import json

    from .conftest import ROOT

    case = json.loads((ROOT / "tests" / "data" / "sak-2026-0412-august-2027.json")
                      .read_text(encoding="utf-8"))
    _, tables = _letter(case, "mor", tmp_path, today=date(2027, 8, 20))
    rows = [row for table in tables.values() for row in table if "30. august 2027" in row[1]]
    assert [row[0] for row in rows] == [
        "Felles møte med faren til Sofie og fosterforeldrene",
        "Tema 5: Fortsatt familie og veien videre"]
    assert [row[2] for row in rows] == ["08.30–10.00", "10.00–11.30"]


def test_a_letter_with_themes_that_have_no_date_says_the_dates_set_up(tmp_path):
    """A case first read in August 2027: the parents' later themes find no room before the
    end («ingen ledig dato» in the plan). The letter said «Her er datoene for samtalene som
    gjenstår» (nynorsk «Alle datoane er sette opp alt no») as if every date were set
    (helper 139)."""
    from .conftest import make_workspace

    said = {"bokmal": "Her er datoene som er satt opp, slik at du vet hva som kommer. Noen av "
                      "samtalene dine har ikke fått dato ennå; dem avtaler vi med deg.",
            "nynorsk": "Her er datoane som er sette opp, slik at du veit kva som kjem. Nokre "
                       "av samtalane dine har ikkje fått dato enno; dei avtalar vi med deg."}
    for malform, sentence in said.items():
        ws = make_workspace(tmp_path / malform)
        ws.in_malform(malform)
        ws.drop("sak.json", canonical_case(eksportert="2027-08-19"))
        assert ws.run(today=date(2027, 8, 20)).files_failed == 0
        folder = ws.case_folder("2026-0412")
        assert "ingen ledig dato" in docx_text(folder / "01 Oppfølgingsplan.docx") or \
            malform == "nynorsk"
        for letter in sorted(folder.glob("02 *.docx")):
            text = docx_text(letter)
            assert sentence in text, letter.name
            assert "Alle datoane er sette opp" not in text and "som gjenstår" not in text
