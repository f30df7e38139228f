"""What Saksoversikt.xlsx told the team leader once deadlines had passed (helper 181, from a
reader's findings): Avvik counted «9 samtaler» passed unheld where the plan and Saker showed
23; it ordered a visit «senest» a day seven months back; it said «til før» and «er antallet
registrerte gjennomførte oppfølgingsbesøk 1» after the year; Statistikk named a kind that
also counts finished cases in the future tense; «Avsluttes snart» did not say why «Over
fristen» was larger than «Samtaler igjen»; and a case with no contact person showed the
letters' «[mangler: navn på kontaktpersonen]» as a name. Read back from the workbook as the
team leader opens it."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, xlsx_rows
from .test_leader_open_findings import CASE, findings, sheet_rows


def _months_without_export(workspace, malform: str, day: date) -> None:
    """The case planned the day it came (22 November 2026), four conversations held; then
    nothing from the journal until day."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    workspace.run(day)


# --- 1. The count of conversations passed unheld -------------------------------------------

@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "{n} samtaler har passert datoen sin uten å bli registrert som holdt, og ingen "
               "av dem har fått ny dato før programmets siste dag (13. september 2027)."),
    ("nynorsk", "{n} samtalar har passert datoen sin utan å bli registrerte som haldne, og "
                "ingen av dei har fått ny dato før den siste dagen i programmet "
                "(13. september 2027)."),
])
def test_the_conversations_passed_unheld_are_counted_as_the_overdue_list_counts_them(
        workspace, malform, said):
    """15 March 2027, four months with no export: the mother's and father's last theme was
    still ahead, so their passed conversations were left out of the count («9 samtaler»
    beside 23 in the plan and on the sheet Over fristen)."""
    _months_without_export(workspace, malform, date(2027, 3, 15))
    overdue = [r for r in sheet_rows(workspace, "Over fristen") if r[0] == CASE]
    conversations = [r for r in overdue if not str(r[2]).startswith(("Oppfølgingsbesøk",
                                                                     "Felles møte"))]
    [text] = [str(f[0]) for f in findings(workspace) if "har passert datoen sin" in str(f[0])]
    assert len(conversations) == 23
    assert text.startswith(said.format(n=len(conversations)))


# --- 2. Visits after their deadline --------------------------------------------------------

@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Ingen oppfølgingsbesøk er registrert som gjennomført innen 120 dager etter "
               "forrige besøk (13. oktober 2026); fristen var 10. februar 2027. Registrer "
               "besøk som ble holdt. Ble ingen holdt, hold et besøk så snart som mulig "
               "(besøkene fortsetter så lenge plasseringen varer, også etter Omsorgspakken), og "
               "skriv i journalen hvorfor det gikk så lang tid."),
    ("nynorsk", "Ingen oppfølgingsbesøk er registrert som gjennomført innan 120 dagar etter "
                "førre besøk (13. oktober 2026); fristen var 10. februar 2027. Registrer "
                "besøk som vart haldne. Vart ingen halde, hald eit besøk så snart som råd "
                "(besøka held fram så lenge plasseringa varer, også etter Omsorgspakken), og "
                "skriv i journalen kvifor det gjekk så lang tid."),
])
def test_a_visit_gap_whose_deadline_passed_says_what_to_do_now(workspace, malform, said):
    """27 September 2027: «Hold neste oppfølgingsbesøk senest 10. februar 2027». The
    programme ended 13 September, the placement goes on: a visit is still to be held, as a
    duty of the placement (helper 187)."""
    _months_without_export(workspace, malform, date(2027, 9, 27))
    texts = [str(f[0]) for f in findings(workspace)]
    assert said in texts
    assert not [t for t in texts if "Hold et besøk senest" in t or "Hald eit besøk seinast" in t]


def test_a_visit_gap_still_ahead_keeps_its_deadline(workspace):
    """Before the deadline (the visit planned 14 January passed unheld) the row still says
    by when to hold the next visit."""
    _months_without_export(workspace, "bokmal", date(2027, 2, 5))  # 14 January passed
    texts = [str(f[0]) for f in findings(workspace)]
    assert ("Ingen oppfølgingsbesøk er registrert som gjennomført etter forrige besøk "
            "(13. oktober 2026); fristen er 10. februar 2027, 120 dager etter. Hold et besøk "
            "senest da.") in texts


def _facts_and_advice(said: str) -> tuple[str, str]:
    """What was registered, and the advice after the visits passed unregistered: only if
    registering them leaves too few, why (helper 214)."""
    at = min(said.find(word) for word in (" Ble det ", " Vart det ") if word in said)
    return said[:at], said[at:]


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 ble bare 1 oppfølgingsbesøk registrert som gjennomført; "
               "minimum er 4, og året endte 13. september 2027. Ble det fortsatt færre enn 4 "
               "med dem som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", "I plasseringsår 1 vart berre 1 oppfølgingsbesøk registrert som gjennomført; "
                "minimum er 4, og året slutta 13. september 2027. Vart det framleis færre enn "
                "4 med dei som vart haldne, skriv i journalen kvifor."),
])
def test_after_the_year_too_few_visits_say_how_few_were_registered(workspace, malform, said):
    """It said «er antallet registrerte gjennomførte oppfølgingsbesøk 1, og minimum er 4»."""
    _months_without_export(workspace, malform, date(2027, 9, 27))
    [text] = [str(f[0]) for f in findings(workspace) if "plasseringsår 1" in str(f[0])]
    facts, advice = _facts_and_advice(said)  # the visits passed unregistered between
    assert text.startswith(facts) and text.endswith(advice)


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 ble ingen oppfølgingsbesøk registrert som gjennomført; "
               "minimum er 4, og året endte 13. september 2027. Ble det fortsatt færre enn 4 "
               "med dem som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", "I plasseringsår 1 vart ingen oppfølgingsbesøk registrert som gjennomført; "
                "minimum er 4, og året slutta 13. september 2027. Vart det framleis færre enn "
                "4 med dei som vart haldne, skriv i journalen kvifor."),
])
def test_after_the_year_with_no_visit_none_is_said_not_bare_0(workspace, malform, said):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(oppfolgingsbesok=[]))
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2027, 9, 27))
    [text] = [str(f[0]) for f in findings(workspace) if "plasseringsår 1" in str(f[0])]
    facts, advice = _facts_and_advice(said)  # the visits passed unregistered between
    assert text.startswith(facts) and text.endswith(advice)


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er "
               "planlagt framover; minimum er 4, og året slutter 13. september 2027. Besøk som "
               "var planlagt i dette plasseringsåret og er passert uten å være registrert som "
               "gjennomført: 1. Registrer besøket hvis det ble holdt. Ble det ikke holdt, "
               "planlegg 1 besøk i tillegg innen da."),
    ("nynorsk", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er "
                "planlagt framover; minimum er 4, og året sluttar 13. september 2027. Besøk som "
                "var planlagde i dette plasseringsåret og har passert utan å vere registrerte "
                "som gjennomførte: 1. Registrer besøket om det vart halde. Vart det ikkje "
                "halde, planlegg 1 besøk i tillegg innan då."),
])
def test_visits_to_plan_are_asked_before_a_day_not_til_for(workspace, malform, said):
    """«Planlegg 1 oppfølgingsbesøk til før 13. september 2027» is not Norwegian."""
    _months_without_export(workspace, malform, date(2027, 3, 15))
    [text] = [str(f[0]) for f in findings(workspace) if "plasseringsår 1" in str(f[0])]
    assert text == said
    assert "til før" not in " ".join(str(f[0]) for f in findings(workspace))


# --- 3. The labels and notes of the sheets -------------------------------------------------

@pytest.mark.parametrize(("malform", "label"), [
    ("bokmal", "Programmet ble eller blir ikke ferdig innen ett år"),
    ("nynorsk", "Programmet vart eller blir ikkje ferdig innan eitt år"),
])
def test_statistikk_names_the_unfinished_programme_in_past_and_future(workspace, malform,
                                                                      label):
    """Counted for a case whose programme ended too: «blir ikke ferdig» only looked ahead."""
    _months_without_export(workspace, malform, date(2027, 9, 27))
    counted = {r[0]: r[1:] for r in sheet_rows(workspace, "Statistikk")}
    assert counted[label][:2] == (1, 1)


@pytest.mark.parametrize(("malform", "note"), [
    ("bokmal", "Over fristen teller også oppfølgingsbesøk som har passert uten å bli "
               "registrert, som på arket Saker."),
    ("nynorsk", "Over fristen tel også oppfølgingsbesøk som har passert utan å bli "
                "registrerte, som på arket Saker."),
])
def test_avsluttes_snart_says_over_fristen_counts_visits_too(workspace, malform, note):
    """«Samtaler igjen 25, Over fristen 29»: the four more are visits, said only on Saker."""
    _months_without_export(workspace, malform, date(2027, 8, 30))
    sheet = "Avsluttes snart" if malform == "bokmal" else "Blir avslutta snart"
    rows = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", sheet)
    at = next(i for i, r in enumerate(rows) if r[0] == "Merk:")
    assert rows[at + 1][1] == note  # on the line under the note on Samtaler igjen
    [case] = [r for r in sheet_rows(workspace, sheet) if r[0] == CASE]
    left, overdue = case[4:6]
    assert overdue > left  # the visits passed unregistered: what the note explains


# --- 4. A case with no contact person ------------------------------------------------------

@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_case_with_no_contact_person_is_named_calmly_in_every_sheet(workspace, malform):
    """The Kontaktperson column showed «[mangler: navn på kontaktpersonen]», the letters'
    placeholder, as if it were a name."""
    workspace.in_malform(malform)
    without = {k: v for k, v in canonical_case().items() if k != "kontaktperson"}
    workspace.drop("sak.json", without)
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2027, 8, 30))
    book = workspace.outbox / "Saksoversikt.xlsx"
    shown = set()
    for sheet in ("Saker", "Avvik", "Denne måneden" if malform == "bokmal"
                  else "Denne månaden", "Over fristen",
                  "Avsluttes snart" if malform == "bokmal" else "Blir avslutta snart"):
        rows = [r for r in sheet_rows(workspace, sheet) if r[0] == CASE]
        assert rows, sheet
        shown |= {r[1] for r in rows}
    assert shown == {"(ingen kontaktperson registrert)"}
    assert "[mangl" not in " ".join(str(c) for r in xlsx_rows(book, "Saker") for c in r)
    # Statistikk still groups it last, as «Uten kontaktperson» («Utan kontaktperson»).
    people = sheet_rows(workspace, "Statistikk")
    people = people[next(i for i, r in enumerate(people) if r[0] == "Kontaktperson") + 1:]
    assert [r[0] for r in people] == [
        "Uten kontaktperson" if malform == "bokmal" else "Utan kontaktperson"]


# --- 5. The other visit rows that say what was ---------------------------------------------

@pytest.mark.parametrize(("malform", "closing", "said"), [
    ("bokmal", {"sluttdato": "2027-06-20"},
     "I plasseringsår 1 ble ingen oppfølgingsbesøk registrert som gjennomført før saken ble "
     "avsluttet 20. juni 2027; minimum for den tiden er 3. Ble det fortsatt færre enn 3 med "
     "dem som ble holdt, skriv i journalen hvorfor."),
    ("bokmal", {"plassering_slutt": "2027-06-20"},
     "I plasseringsår 1 ble ingen oppfølgingsbesøk registrert som gjennomført før "
     "plasseringen ble avsluttet 20. juni 2027; minimum for den tiden er 3. Ble det fortsatt "
     "færre enn 3 med dem som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", {"sluttdato": "2027-06-20"},
     "I plasseringsår 1 vart ingen oppfølgingsbesøk registrert som gjennomført før saka vart "
     "avslutta 20. juni 2027; minimum for den tida er 3. Vart det framleis færre enn 3 med "
     "dei som vart haldne, skriv i journalen kvifor."),
    ("nynorsk", {"plassering_slutt": "2027-06-20"},
     "I plasseringsår 1 vart ingen oppfølgingsbesøk registrert som gjennomført før "
     "plasseringa vart avslutta 20. juni 2027; minimum for den tida er 3. Vart det framleis "
     "færre enn 3 med dei som vart haldne, skriv i journalen kvifor."),
])
def test_a_closed_case_with_no_visit_says_none_was_registered(workspace, malform, closing,
                                                              said):
    """It said «Fram til da er antallet registrerte gjennomførte oppfølgingsbesøk 0»."""
    workspace.in_malform(malform)
    more: dict = {"oppfolgingsbesok": []}
    if "sluttdato" in closing:
        more["sluttdato"] = closing["sluttdato"]
    else:
        placement = canonical_case()["plassering"]
        more["plassering"] = {**placement, "sluttdato": closing["plassering_slutt"]}
    workspace.drop("sak.json", canonical_case(**more))
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert="2027-07-01", **more))
    workspace.run(date(2027, 7, 1))
    [text] = [str(f[0]) for f in findings(workspace) if "plasseringsår 1" in str(f[0])]
    # The plan's visits passed unregistered are said before «Skriv …» (helper 195).
    facts, advice = _facts_and_advice(said)
    assert text.startswith(facts) and text.endswith(advice)
