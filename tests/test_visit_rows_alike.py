"""The Avvik sheet's rows about follow-up visits as the team leader scans them (helper 187):
every row of a kind in one order (what is registered, the deadline, what to do), nynorsk
that reads as written in nynorsk, and the advice on a visit gap true on the day: the visits
are the placement's duty (fosterhjemsforskriften), not the programme's, and there is no visit
to hold once the journal has closed the case. Read back from the workbook."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case
from .test_leader_open_findings import findings

GAP_NB = ("Ingen oppfølgingsbesøk er registrert som gjennomført innen 120 dager etter forrige "
          "besøk (13. oktober 2026); fristen var 10. februar 2027")


def _rows(workspace, day: date, malform: str = "bokmal", **more) -> list[str]:
    """The case planned the day it came (22 November 2026), then read on day from an export
    of that day with more (the example case: placed 14 September 2026, one visit held on
    13 October 2026)."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(**more))
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert=day.isoformat(), **more))
    workspace.run(day)
    return [str(f[0]) for f in findings(workspace) if "besøk" in str(f[0])]


def _placement_ending(day: str) -> dict:
    return {"plassering": {**canonical_case()["plassering"], "sluttdato": day}}


@pytest.mark.parametrize(("malform", "too_few", "gap"), [
    ("bokmal",
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er planlagt "
     "framover; "
     "minimum er 4, og året slutter 13. september 2027. Besøk som var planlagt i dette "
     "plasseringsåret og er passert uten å være registrert som gjennomført: 1. Registrer "
     "besøket hvis det ble holdt. Ble det ikke holdt, planlegg 1 besøk i tillegg innen da.",
     GAP_NB + ". Registrer besøk som ble holdt. Ble ingen holdt, hold et besøk så snart som "
     "mulig, og skriv i journalen hvorfor det gikk så lang tid."),
    ("nynorsk",
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er planlagt "
     "framover; "
     "minimum er 4, og året sluttar 13. september 2027. Besøk som var planlagde i dette "
     "plasseringsåret og har passert utan å vere registrerte som gjennomførte: 1. Registrer "
     "besøket om det vart halde. Vart det ikkje halde, planlegg 1 besøk i tillegg innan då.",
     "Ingen oppfølgingsbesøk er registrert som gjennomført innan 120 dagar etter førre besøk "
     "(13. oktober 2026); fristen var 10. februar 2027. Registrer besøk som vart haldne. Vart "
     "ingen halde, hald eit besøk så snart som råd, og skriv i journalen kvifor det gjekk så "
     "lang tid."),
])
def test_the_visit_rows_say_what_is_registered_then_the_deadline_then_what_to_do(
        workspace, malform, too_few, gap):
    """15 March 2027, no export since November: «For få oppfølgingsbesøk» began with the
    order («Planlegg 1 oppfølgingsbesøk før …: i plasseringsår 1 er …») while the gap row
    beside it began with what was registered; and the nynorsk row said «talet på
    registrerte gjennomførte 1 og talet på planlagde 2». The January visit passed unregistered:
    the row said «Planlegg 1 besøk i tillegg innen da.», then to register the visits held,
    while registering the January one, if it was held, leaves none to plan (helper 201)."""
    rows = _rows(workspace, date(2027, 3, 15), malform)
    assert gap in rows
    assert too_few in rows
    assert "talet på" not in " ".join(rows)


def test_a_visit_gap_ahead_says_what_is_registered_first(workspace):
    """Before the deadline: it said «Hold neste oppfølgingsbesøk senest …», the order first."""
    rows = _rows(workspace, date(2027, 2, 5))
    assert ("Ingen oppfølgingsbesøk er registrert som gjennomført etter forrige besøk "
            "(13. oktober 2026); fristen er 10. februar 2027, 120 dager etter. Hold et besøk "
            "senest da.") in rows


@pytest.mark.parametrize(("day", "more", "advice"), [
    # The programme is over (13 September 2027) and the placement goes on: a visit still.
    (date(2027, 9, 27), {},
     ". Registrer besøk som ble holdt. Ble ingen holdt, hold et besøk så snart som mulig "
     "(besøkene fortsetter så lenge plasseringen varer, også etter Omsorgspakken), og skriv i "
     "journalen hvorfor det gikk så lang tid."),
    # The journal closes the case, or the placement, in a few days: a visit before that.
    (date(2027, 2, 20), {"sluttdato": "2027-03-01"},
     ". Registrer besøk som ble holdt. Ble ingen holdt, hold et besøk før saken avsluttes "
     "1. mars 2027 hvis det går, og skriv i journalen hvorfor det gikk så lang tid."),
    (date(2027, 2, 20), _placement_ending("2027-03-01"),
     ". Registrer besøk som ble holdt. Ble ingen holdt, hold et besøk før plasseringen "
     "avsluttes 1. mars 2027 hvis det går, og skriv i journalen hvorfor det gikk så lang "
     "tid."),
    # The day it closes (the case is followed to the day before) and after: no visit to hold.
    (date(2027, 3, 1), {"sluttdato": "2027-03-01"},
     ", og saken ble avsluttet 1. mars 2027. Registrer besøk som ble holdt. Ble ingen holdt, "
     "skriv i journalen hvorfor."),
    (date(2027, 3, 5), _placement_ending("2027-03-01"),
     ", og plasseringen ble avsluttet 1. mars 2027. Registrer besøk som ble holdt. Ble ingen "
     "holdt, skriv i journalen hvorfor."),
])
def test_a_visit_gap_past_its_deadline_says_what_is_true_on_the_day(workspace, day, more,
                                                                     advice):
    """It said «hold et besøk så snart som mulig» alike after the programme, days before
    the case closed and on the day it closed."""
    rows = _rows(workspace, day, **more)
    assert GAP_NB + advice in rows


PLANNED_AFTER = {"oppfolgingsbesok": [{"dato": "2026-10-13"},
                                      {"dato": "2027-03-01", "status": "planlagt"}]}


@pytest.mark.parametrize(("malform", "more", "advice"), [
    ("bokmal", {"sluttdato": "2027-02-08"}, "Hold et besøk før saken avsluttes 8. februar 2027."),
    ("bokmal", _placement_ending("2027-02-10"),
     "Hold et besøk før plasseringen avsluttes 10. februar 2027."),
    ("nynorsk", {"sluttdato": "2027-02-08"},
     "Hald eit besøk før saka blir avslutta 8. februar 2027."),
    ("nynorsk", _placement_ending("2027-02-08"),
     "Hald eit besøk før plasseringa blir avslutta 8. februar 2027."),
    # Closing after the deadline: the deadline is the day to hold it by.
    ("bokmal", {"sluttdato": "2027-02-12"}, "Hold et besøk senest da."),
])
def test_a_visit_gap_ahead_of_a_case_closing_first_asks_for_a_visit_before_it_closes(
        workspace, malform, more, advice):
    """5 February 2027, the next visit planned 1 March, the deadline 10 February: with the
    journal closing the case on 8 February it said «Hold et besøk senest da», a day the case
    is no longer followed (helper 195)."""
    rows = _rows(workspace, date(2027, 2, 5), malform, **more, **PLANNED_AFTER)
    deadline = ("Ingen oppfølgingsbesøk er registrert som gjennomført etter forrige besøk "
                "(13. oktober 2026); fristen er 10. februar 2027, 120 dager etter. ")
    if malform == "nynorsk":
        deadline = ("Ingen oppfølgingsbesøk er registrert som gjennomført etter førre besøk "
                    "(13. oktober 2026); fristen er 10. februar 2027, 120 dagar etter. ")
    assert deadline + advice in rows


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal",
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum fram til saken avsluttes 13. september 2027 er 3. Besøk som "
     "var planlagt i dette plasseringsåret og er passert uten å være registrert som "
     "gjennomført: 3. Registrer dem som ble holdt. I dag er siste dag før saken avsluttes, så "
     "det er ikke tid til flere besøk. Er det fortsatt færre enn 3 med dem som ble holdt, "
     "skriv i journalen hvorfor."),
    ("nynorsk",
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum fram til saka blir avslutta 13. september 2027 er 3. Besøk "
     "som var planlagde i dette plasseringsåret og har passert utan å vere registrerte som "
     "gjennomførte: 3. Registrer dei som vart haldne. I dag er siste dagen før saka blir "
     "avslutta, så det er ikkje tid til fleire besøk. Er det framleis færre enn 3 med dei "
     "som vart haldne, skriv i journalen kvifor."),
])
def test_the_last_day_before_the_case_closes_asks_to_register_the_visits_held_first(
        workspace, malform, said):
    """The journal closes the case on 13 September 2027, the last day of its first year; on
    12 September three planned visits have passed unregistered. The row said «Skriv i
    journalen hvorfor det ble for få», then «Registrer dem som ble holdt», where registering
    them may make it enough (as the year's last day without a closing, and a closed year,
    ask; helper 196); and then why there were too few regardless, where registering them
    may make the 3 (a reader's finding)."""
    rows = _rows(workspace, date(2027, 9, 12), malform, sluttdato="2027-09-13")
    assert said in rows, rows


def _journal_visit(day: str) -> dict:
    """The example case's visit held on 13 October 2026, and one the journal has planned on
    day (not known to be held: the export is made the day after)."""
    return {"oppfolgingsbesok": [{"dato": "2026-10-13"}, {"dato": day, "status": "planlagt"}]}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_journal_visit_not_registered_yet_within_the_deadline_is_no_visit_gap(workspace,
                                                                                 malform):
    """The journal planned a visit on 8 February 2027, within 120 days of the one held on
    13 October 2026 (deadline 10 February); the export of 9 February is too soon to say it
    was held («Ikke registrert som holdt ennå»). On 12 February «For få oppfølgingsbesøk»
    counts it, held most likely, while Avvik said «Ingen oppfølgingsbesøk er registrert
    som gjennomført innen 120 dager …; fristen var 10. februar 2027 … hold et besøk så
    snart som mulig». The gap is counted to that visit, as «For få» counts it: no row."""
    rows = _rows(workspace, date(2027, 2, 12), malform, **_journal_visit("2027-02-08"))
    gap = "Ingen oppfølgingsbesøk er registrert som gjennomført inn"
    assert not [r for r in rows if r.startswith(gap)], rows


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal",
     "Oppfølgingsbesøket 15. februar 2027 var planlagt 125 dager etter besøket 13. oktober "
     "2026, og er ikke registrert som holdt ennå; fristen var 10. februar 2027. Registrer "
     "besøket hvis det ble holdt, og skriv i journalen hvorfor det gikk så lang tid. Ble det "
     "ikke holdt, hold et besøk så snart som mulig."),
    ("nynorsk",
     "Oppfølgingsbesøket 15. februar 2027 var planlagt 125 dagar etter besøket 13. oktober "
     "2026, og er ikkje registrert som halde enno; fristen var 10. februar 2027. Registrer "
     "besøket om det vart halde, og skriv i journalen kvifor det gjekk så lang tid. Vart det "
     "ikkje halde, hald eit besøk så snart som råd."),
])
def test_a_journal_visit_not_registered_yet_after_the_deadline_says_so(workspace, malform,
                                                                        said):
    """The journal planned a visit on 15 February 2027, after the deadline of 10 February
    (120 days after 13 October 2026), and the export of 16 February is too soon to say it
    was held. Read on 17 February, the row said no visit was registered and to hold one as
    soon as possible, with that visit two days back. It names the visit, that it is not
    registered as held yet, and to register it, or hold one if it was not held."""
    rows = _rows(workspace, date(2027, 2, 17), malform, **_journal_visit("2027-02-15"))
    assert said in rows, rows
    gap = "Ingen oppfølgingsbesøk er registrert som gjennomført inn"
    assert not [r for r in rows if r.startswith(gap)], rows
