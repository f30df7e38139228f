"""A conversation the journal has for the parents without naming one, where the parents live
apart and each has a track of their own (the example case's first contact, 17 September).

It is held with the parents the journal or the returned minutes name among those present
(deltakere: a first name, the role, or «foreldrene» for both). When nothing says who, it is no
parent's: the plan and the overview show it once, «med foreldrene (hvem som var med, er ikke
registrert)», neither track plans it again on top, and the contact person is asked to
register who took part, since the other parent may have had no such contact. Once the
minutes name the father, the contact is his, and the mother's first contact is planned.

Read as the contact person opens them: the plan, the overview workbook, the case folder.
"""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs.rendering import minutes_marker as mm

from .conftest import TODAY, canonical_case, make_workspace
from .test_readback import fill_minutes

JOURNAL = "2026-0412"
WORDS = {
    "bokmal": {
        "unknown": "Oppfølging i flytteprosessen (kontakt 1) – med foreldrene (hvem som var "
                   "med, er ikke registrert)",
        "unknown_part": "Foreldre (hvem som var med, er ikke registrert)",
        "register": "Registrer hvem av foreldrene som var med på samtalen «Oppfølging i "
                    "flytteprosessen» 17. september 2026, i fagsystemet eller under «Til "
                    "stede» i referatet. Foreldrene har hver sin samtale, og den andre "
                    "forelderen kan ha gått glipp av denne; samtalen blir planlagt for den "
                    "andre når det er registrert.",
        "missing": "Mangler opplysninger", "held": "Gjennomført", "planned": "Planlagt",
        "minutes": "Referater", "letters": "Innkallinger", "since": "Siden sist",
        "cooperation": "Hvordan har samarbeidet med oss vært så langt?",
    },
    "nynorsk": {
        "unknown": "Oppfølging i flytteprosessen (kontakt 1) – med foreldra (kven som var "
                   "med, er ikkje registrert)",
        "unknown_part": "Foreldre (kven som var med, er ikkje registrert)",
        "register": "Registrer kven av foreldra som var med på samtalen «Oppfølging i "
                    "flytteprosessen» 17. september 2026, i fagsystemet eller under «Til "
                    "stades» i referatet. Foreldra har kvar sin samtale, og den andre "
                    "forelderen kan ha gått glipp av denne; samtalen blir planlagd for den "
                    "andre når det er registrert.",
        "missing": "Manglar opplysningar", "held": "Gjennomført", "planned": "Planlagt",
        "minutes": "Referat", "letters": "Innkallingar", "since": "Sidan sist",
        "cooperation": "Korleis har samarbeidet med oss vore så langt?",
    },
}
FIRST = "Oppfølging i flytteprosessen (kontakt 1)"


def _run(tmp_path, case: dict, malform: str = "bokmal"):
    ws = make_workspace(tmp_path)
    if malform == "nynorsk":
        ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
            "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    ws.drop("sak.json", case)
    summary = ws.run()
    assert summary.files_failed == 0, summary.failed
    return ws


def _parents_in_plan(ws) -> dict[str, str]:
    """The plan's table of the parents' conversations: what and with whom -> status."""
    (path,) = ws.case_folder(JOURNAL).glob("01 *.docx")
    tables = [t for t in open_docx(str(path)).tables
              if any("– med " in row.cells[0].text for row in t.rows)]
    (table,) = tables
    return {row.cells[0].text: row.cells[4].text for row in table.rows[1:]}


def _sheets(ws) -> tuple[list[tuple], list[tuple]]:
    """The overview's «Dette må følges opp» and «Samtaler» rows."""
    (path,) = ws.case_folder(JOURNAL).glob("04 *.xlsx")
    book = load_workbook(path)
    follow_up, talks = book.worksheets[0], book.worksheets[1]
    return ([r for r in follow_up.iter_rows(values_only=True) if any(r)],
            [r for r in talks.iter_rows(values_only=True) if any(r)])


def _files(ws, folder: str) -> set[str]:
    return {p.name for p in (ws.case_folder(JOURNAL) / folder / "Foreldre").glob("*.docx")}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_contact_not_registered_with_which_parent_is_shown_once_and_followed_up(
        tmp_path, malform):
    w = WORDS[malform]
    ws = _run(tmp_path, canonical_case(), malform)

    plan = _parents_in_plan(ws)
    assert {what: status for what, status in plan.items() if FIRST in what} == {
        w["unknown"]: w["held"]}
    # The next contacts are each parent's own; neither is given a first contact on top.
    assert plan[FIRST.replace("1", "2") + " – med mor"] == w["planned"]
    assert plan[FIRST.replace("1", "2") + " – med far"] == w["planned"]

    follow_up, talks = _sheets(ws)
    first = [r for r in talks if r[0] and str(r[0]).startswith("Foreldre") and r[2] == FIRST]
    assert [(r[0], r[3].date(), r[5], r[7]) for r in first] == [
        (w["unknown_part"], date(2026, 9, 17), w["held"], "Journal")]
    (item,) = [r for r in follow_up if r[2] == w["register"]]
    assert item[0] == w["missing"]

    # One set of minutes for the one conversation; no invitation to a first contact again.
    assert f"Tema 0 - {FIRST}.docx" in _files(ws, w["minutes"])
    assert not [n for n in _files(ws, w["minutes"]) | _files(ws, w["letters"])
                if "(kontakt 1) - " in n]
    # Each parent's contact 2 keeps the first contact's questions (the one held may not have
    # been theirs), but does not ask again whether they accept the programme: the journal
    # has both parents' yes.
    second = FIRST.replace("1", "2")
    for who in ("mor", "far"):
        path = (ws.case_folder(JOURNAL) / w["minutes"] / "Foreldre"
                / f"Tema 0 - {second} - {who}.docx")
        text = "\n".join(p.text for p in open_docx(str(path)).paragraphs)
        assert w["since"] not in text and w["cooperation"] in text, who
        assert "ta imot Omsorgspakken" not in text, who


@pytest.mark.parametrize("malform, asked", [
    ("bokmal", "Etter å ha sett informasjonsfilmen: ønsker du å ta imot Omsorgspakken?"),
    ("nynorsk", "Etter å ha sett informasjonsfilmen: ønskjer du å ta imot Omsorgspakken?"),
])
def test_a_parent_is_asked_to_accept_the_programme_until_the_journal_has_their_yes(
        tmp_path, malform, asked):
    """Parents living apart, each with a conversation of their own: the mother has said yes,
    the father's answer is not in the journal yet. Only he is asked."""
    w = WORDS[malform]
    case = canonical_case()
    case["foreldre"][1].pop("takker_ja")
    ws = _run(tmp_path, case, malform)
    second = FIRST.replace("1", "2")
    for who, is_asked in (("mor", False), ("far", True)):
        path = (ws.case_folder(JOURNAL) / w["minutes"] / "Foreldre"
                / f"Tema 0 - {second} - {who}.docx")
        text = "\n".join(p.text for p in open_docx(str(path)).paragraphs)
        assert (asked in text) is is_asked, who


def test_the_participants_say_which_parent_the_contact_was_with(tmp_path):
    """The journal's participants name the mother: it is her first contact, and the father's
    is planned and invited to; nothing asks who it was with."""
    case = canonical_case()
    (entry,) = [s for s in case["samtaler"] if s["part"] == "foreldre"]
    entry["deltakere"] = ["Camilla Lindqvist", "Ingrid Bakke & Berg (kontaktperson)"]
    ws = _run(tmp_path, case)

    plan = _parents_in_plan(ws)
    assert plan[f"{FIRST} – med mor"] == "Gjennomført"
    assert plan[f"{FIRST} – med far"] == "Planlagt"
    assert not [what for what in plan if "hvem som var med, er ikke registrert" in what]
    follow_up, _ = _sheets(ws)
    assert not [r for r in follow_up if r[2] and "Registrer hvem av foreldrene" in r[2]]
    assert f"Tema 0 - {FIRST} - far.docx" in _files(ws, "Innkallinger")
    assert f"Tema 0 - {FIRST} - mor.docx" not in _files(ws, "Innkallinger")


def test_minutes_naming_who_was_present_register_it(tmp_path):
    """The contact person writes the father under «Til stede» in the one set of minutes and
    puts them in the inbox: the contact is his, the mother's first contact is planned after
    it and before her next, and the question is gone."""
    ws = _run(tmp_path, canonical_case())
    minutes = ws.case_folder(JOURNAL) / "Referater" / "Foreldre" / f"Tema 0 - {FIRST}.docx"
    ws.drop(minutes.name, fill_minutes(minutes, {
        mm.HELD.tag: "17.09.2026",
        mm.PARTICIPANTS.tag: "Ahmad Hansen (far)\nTolk (arabisk)\nIngrid Bakke & Berg"}))
    summary = ws.run(TODAY)
    assert summary.files_failed == 0, summary.failed

    plan = _parents_in_plan(ws)
    assert plan[f"{FIRST} – med far"] == "Gjennomført"
    assert plan[f"{FIRST} – med mor"] == "Planlagt"
    assert not [what for what in plan if "hvem som var med, er ikke registrert" in what]
    follow_up, talks = _sheets(ws)
    assert not [r for r in follow_up if r[2] and "Registrer hvem av foreldrene" in r[2]]
    mother = [r[3].date() for r in talks if r[0] == "Foreldre (mor)" and r[1] == "Flytting"]
    assert mother == sorted(mother) and len(set(mother)) == len(mother)
    held = [r for r in talks if r[0] == "Foreldre (far)" and r[2] == FIRST]
    assert [(r[5], r[6]) for r in held] == [("Gjennomført", "Ja")]
    # His minutes came back: no blank copy of them is made under his name.
    assert f"Tema 0 - {FIRST} - far.docx" not in _files(ws, "Referater")
