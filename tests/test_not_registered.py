"""Conversations the journal has nothing on, while a later one of the same party is
registered: the plan shows them «Ikke registrert» (neither invited to nor overdue), and the
overview asks, once per party, for the journal to say whether they were held."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from .conftest import canonical_case, make_workspace

JOURNAL = "2026-0412"
ASKED = {
    "bokmal": "Fagsystemet viser ikke om dette ble holdt: «Oppfølging i flytteprosessen» "
              "{days} (Fosterfamilien). Registrer det som ble holdt, i fagsystemet eller ved å "
              "levere referatet i innboksen. Ble noe ikke holdt, skriv i journalen hvorfor.",
    "nynorsk": "Fagsystemet viser ikkje om dette vart halde: «Oppfølging i flytteprosessen» "
               "{days} (Fosterfamilien). Registrer det som vart halde, i fagsystemet eller ved "
               "å levere referatet i innboksen. Vart noko ikkje halde, skriv i journalen "
               "kvifor.",
}
MISSING = {"bokmal": "Mangler opplysninger", "nynorsk": "Manglar opplysningar"}


def _follow_up(tmp_path, case: dict, malform: str) -> list[tuple]:
    ws = make_workspace(tmp_path)
    if malform == "nynorsk":
        ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
            "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    (path,) = ws.case_folder(JOURNAL).glob("04 *.xlsx")
    sheet = load_workbook(path).worksheets[0]
    return [r for r in sheet.iter_rows(values_only=True) if any(r)]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_foster_familys_unregistered_move_contacts_are_followed_up_once(tmp_path, malform):
    # The journal has the foster family's theme 1 held, nothing on the three move contacts.
    rows = _follow_up(tmp_path / "all", canonical_case(), malform)
    days = "18. september 2026, 25. september 2026 og 2. oktober 2026"
    (item,) = [r for r in rows if r[2] == ASKED[malform].format(days=days)]
    assert item[0] == MISSING[malform]
    # Registered as held, a contact leaves the list; all registered, no item.
    case = canonical_case()
    case["samtaler"].append({"part": "fosterfamilien", "tema": 0, "nummer": 1,
                             "dato": "2026-09-18", "status": "gjennomfort"})
    rows = _follow_up(tmp_path / "one", case, malform)
    days = "25. september 2026 og 2. oktober 2026"
    assert [r for r in rows if r[2] == ASKED[malform].format(days=days)]
    for nummer, day in ((2, "2026-09-25"), (3, "2026-10-02")):
        case["samtaler"].append({"part": "fosterfamilien", "tema": 0, "nummer": nummer,
                                 "dato": day, "status": "gjennomfort"})
    rows = _follow_up(tmp_path / "none", case, malform)
    assert not [r for r in rows if str(r[2]).startswith("Fagsystemet viser")]


@pytest.mark.parametrize("malform, came", [
    ("bokmal", "saken ble lest inn første gang 22. november 2026. Sjekk om samtaler er "
               "holdt, og registrer dem i fagsystemet; ellers er den første samtalen planlagt "),
    ("nynorsk", "saka vart lesen inn første gong 22. november 2026. Sjekk om samtalar er "
                "haldne, og registrer dei i fagsystemet; elles er den første samtalen planlagd "),
])
def test_a_track_not_started_in_a_case_received_late_says_when_it_came(tmp_path, malform,
                                                                      came):
    """A case the journal first exported months after the move: one item for the child and
    the parents says when the case came, to check whether conversations were held, and when
    the first is planned, so nobody starts again what is already planned."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "startdato": "2026-06-15"}
    case["samtaler"], case["vurderinger"] = [], []
    rows = _follow_up(tmp_path, case, malform)
    (text,) = [r[2] for r in rows if r[2] and came in r[2]]
    assert text.startswith(("Ingen samtaler med barnet, mor og far er registrert",
                            "Ingen samtalar med barnet, mor og far er registrerte"))
    assert not [r for r in rows if r[2] and r[2].startswith(("Start samtal", "Flytt"))]
