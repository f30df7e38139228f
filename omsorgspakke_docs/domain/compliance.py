"""What the team leader must act on: statutory follow-up, plans, the programme and gaps.

Pure rules over one case, its plan (planning/schedule.py) and today's date; the limits come
from [compliance] (config.Compliance). Each finding says, in one Norwegian sentence, what to do,
by when, on what legal basis, and how serious it is. A finding names no person: parents are
their role ("mor", "far"; "forelder 2" when the journal gives none), the child "barnet"; the
caseload workbook adds the journal number.
docs/compliance.md explains every rule to the team leader; keep the two in step.
The sentences are in the text catalogues ([funn], in bokmål and nynorsk): check(..., t) writes
them in t's standard, with the programme of that standard naming the themes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..config import Compliance
from ..planning.schedule import (
    MEETING,
    VISIT_SPACING_DAYS,
    CasePlan,
    Conversation,
    dated_after,
    gap_pairs,
    late_since,
    living_together_unknown,
)
from ..planning.workdays import add_months
from ..text import Tekst, tekst
from . import idnumber, qualify
from .model import Case, Fagsystemet, Forelder, Fosterfamilie, Plan, Samtale, participant_words
from .programme import Programme

LOVBRUDD = "Lovbrudd"
AVVIK = "Avvik fra Omsorgspakken"
MANGLER = "Mangler opplysninger"
SEVERITIES = (LOVBRUDD, AVVIK, MANGLER)
"""Most serious first: the order of the Avvik sheet."""

KINDS = {
    "besok_for_fa": "For få oppfølgingsbesøk",
    "besok_ukjent": "Eksporten viser ingen oppfølgingsbesøk",
    "besok_opphold": "For lang tid mellom oppfølgingsbesøk",
    "omsorgsplan_mangler": "Plan for omsorgssituasjonen mangler",
    "tiltaksplan_mangler": "Tiltaksplan mangler",
    "omsorgsplan_ikke_evaluert": "Plan for omsorgssituasjonen er ikke evaluert",
    "tiltaksplan_ikke_evaluert": "Tiltaksplan er ikke evaluert",
    "fosterhjemsplan_mangler": "Plan for oppfølging av fosterfamilien mangler",
    "samvaersplan_mangler": "Samværsplan mangler",
    "samtaler_opphold": "For lang tid mellom samtalene",
    "referat_mangler": "Referat er ikke kommet tilbake",
    "vurdering_mangler": "Tema holdt uten vurdering",
    "program_ikke_ferdig": "Programmet ble eller blir ikke ferdig innen ett år",
    "nytt_tilbud_mangler": "Forelder har ikke fått tilbudet på nytt",
    "barnet_ikke_med": "Barnets deltakelse er ikke dokumentert",
    "barnets_spor_ikke_startet": "Barnets spor er ikke startet",
    "foreldrenes_spor_ikke_startet": "Foreldrenes spor er ikke startet",
    "samtaler_ikke_startet_kom_sent":
        "Samtalene er ikke startet med alle partene (saken kom sent)",
    "forelder_ikke_registrert": "Ikke registrert hvem av foreldrene som var med på samtalen",
    "bor_sammen_ukjent": "Ikke registrert om foreldrene bor sammen",
    "samtaler_ikke_registrert": "Samtaler ikke registrert i fagsystemet",
    "holdt_ikke_registrert": "Samtale holdt ifølge referatet, men ikke oppdatert i fagsystemet",
    "kontaktperson_mangler": "Kontaktperson mangler",
    "brev_kan_ikke_sendes": "Brev kan ikke sendes (opplysninger mangler)",
    "fosterforeldre_mangler": "Fosterforeldrenes navn mangler",
    "fodselsnummer_ugyldig": "Fødselsnummeret er ikke gyldig",
    "fodselsdato_ulik": "Fødselsdatoen stemmer ikke med fødselsnummeret",
    "eksport_gammel": "Saken er ikke eksportert på lenge",
    "informasjonsbrev_ikke_merket": "Informasjonsbrevet er ikke merket som sendt",
    "nytt_tilbud_ikke_merket": "Brevet «Nytt tilbud» er ikke merket som sendt",
    "innkalling_ikke_merket": "Innkalling er ikke merket som sendt",
    "fagsystem_samtidig": "Planlagt samtale samtidig med en annen avtale i fagsystemet",
}
"""Every kind of finding and its short Norwegian name (the Statistikk sheet, docs)."""

VISITS_BASIS = "barnevernsloven kap. 9 og fosterhjemsforskriften"
CARE_PLAN_BASIS = {"omsorgsplan": "barnevernsloven § 8-3", "tiltaksplan": "barnevernsloven § 8-1"}
FOSTER_PLAN_BASIS = "fosterhjemsforskriften § 9"
CONTACT_PLAN_BASIS = "barnevernsloven § 7-6"
PARTICIPATION_BASIS = "barnevernsloven § 1-4"
DOCUMENTATION_BASIS = "barnevernsloven § 12-4"
CANONICAL = "omsorgspakke-json"
VISITS_IN_EXPORT = {"ssb-barnevern-xml", CANONICAL}
PLANS_IN_EXPORT = {"ssb-barnevern-xml", "ssb-kostra-15f", CANONICAL}
SSB_EXPORTS = {"ssb-barnevern-xml", "ssb-kostra-15f"}
"""Where an empty list means "none": the SSB register export carries visits and plans, KOSTRA
plans, the canonical file all. A vendor report (mapping file) may carry neither, so there an
empty list means "not known", a missing fact (Mangler opplysninger), not a breach. Neither SSB
export has the foster family's plan."""
CHILD_WORDS = ("barnet", "barn", "fosterbarnet", "fosterbarn", "ungdommen")
"""How minutes name the child among the participants when they do not use the name."""


@dataclass(frozen=True)
class Finding:
    kind: str
    """One of KINDS."""
    hva: str
    """One Norwegian sentence: what is wrong and what to do."""
    frist: date | None
    """By when it must be put right (or when it went wrong); None where there is no date."""
    hjemmel: str
    """The legal basis, or "" where the rule is the programme's own."""
    alvor: str
    """One of SEVERITIES."""

    @property
    def title(self) -> str:
        return KINDS[self.kind]


def check(case: Case, plan: CasePlan, programme: Programme, today: date,
          rules: Compliance, t: Tekst | None = None, *,
          service_phone: bool = False) -> list[Finding]:
    """Every finding for one qualified case, most serious and earliest first, worded in t's
    standard (bokmål by default). service_phone: the service has a phone number of its own,
    which letters show for a contact person's the journal lacks (documents/sending.py)."""
    t = t or tekst()
    found = [
        *_visits(case, plan, today, rules, t),
        *_plans(case, plan, today, rules, t),
        *_conversation_gaps(case, plan, programme, today, rules, t),
        *_minutes(case, plan, programme, today, rules, t),
        *_not_registered(case, plan, programme, t),
        *_journal_behind(case, plan, programme, rules, t),
        *_unfinished(case, plan, programme, today, rules, t),
        *_declined_parents(case, plan, today, rules, t),
        *_parents_unknown(plan, programme, today, t),
        *_journal_clashes(case, plan, programme, t),
        *_living_together_unknown(case, plan, today, t),
        *_not_started(case, plan, today, rules, t),
        *_child_participation(case, plan, programme, rules, t),
        *_basics(case, plan, today, rules, t, service_phone),
    ]
    return sorted(found, key=sort_key)


EXPLAINS_THE_OTHERS = ("eksport_gammel",)
"""Findings listed before every other: the case's other rows may rest on what they name (an
export weeks old), so they are read first (a reader's finding: «Saken er ikke eksportert på
lenge» sorted among the case's rows, after its Lovbrudd)."""


def sort_key(finding: Finding) -> tuple:
    """The order of the Avvik sheet: what explains the others first (EXPLAINS_THE_OTHERS),
    then the most serious, then the earliest deadline."""
    return (finding.kind not in EXPLAINS_THE_OTHERS, SEVERITIES.index(finding.alvor),
            finding.frist or date.max, finding.kind)


# --- Follow-up visits ----------------------------------------------------------------------

@dataclass(frozen=True)
class VisitYear:
    """The placement year whose follow-up visits are counted, as the Avvik sheet counts
    them («i plasseringsår 1 … minimum for den tiden er 3») and Saker's «Besøk» shows them
    («1 av 3»): one rule for both (visit_year), so the two sheets never disagree (a reader's
    finding: Saker said «1 av 4» for a case closed within its year)."""

    year: int
    """0 for the first placement year."""
    begins: date
    ends: date
    """The year's last day, or the day before the journal closes the case or placement."""
    minimum: int
    """The year's minimum, or the visits due by ends where the case closes within it."""
    cut: bool
    """The journal closes the case or placement within the year."""
    held: tuple[date, ...]
    """Every visit the journal holds from the placement on, up to today, in order."""

    @property
    def done(self) -> int:
        """The visits held within the year (none after it, nor after the case closed)."""
        return sum(1 for d in self.held if self.begins <= d <= self.ends)


def visit_year(case: Case, plan: CasePlan, today: date, rules: Compliance) -> VisitYear | None:
    """The placement year counted: today's, but none that begins after the programme's last
    day (plan.slutt: the day before the journal closes the case or placement, when that
    comes first): the program follows the case no further, and a closed case has nothing to
    plan. After the last day the last year stays. None for a case the journal closed on or
    before its placement began (no visit is asked of it)."""
    closes = qualify.closing_day(case)
    if closes is not None and closes <= plan.start:
        return None
    held = sorted({b.dato for b in case.oppfolgingsbesok
                   if b.status == "gjennomfort" and plan.start <= b.dato <= today})
    horizon = today if today <= plan.slutt else plan.slutt  # asked of the day (WatchedDay)
    year = 0
    while add_months(plan.start, 12 * (year + 1)) <= horizon:
        year += 1
    begins = add_months(plan.start, 12 * year)
    ends = add_months(plan.start, 12 * (year + 1)) - timedelta(days=1)
    minimum = rules.visits_per_year if year < 2 else rules.visits_per_year_after_two_years
    # A case the journal closes within the year is followed until the day before: only the
    # visits due by then are asked (a year's minimum spread evenly over it, as the first
    # visit's due day in _visits), never visits after the case ended (helper 144).
    cut = closes is not None and closes <= ends
    if closes is not None and cut:
        ends = closes - timedelta(days=1)
        minimum = sum(1 for k in range(1, minimum + 1)
                      if add_months(begins, 12 * k // minimum) <= ends)
    return VisitYear(year, begins, ends, minimum, cut, tuple(held))


def _visits(case: Case, plan: CasePlan, today: date, rules: Compliance,
            t: Tekst) -> Iterator[Finding]:
    counted = visit_year(case, plan, today, rules)
    if counted is None:
        return
    held = list(counted.held)
    # A visit planned for today is still to come (it has not passed: «Neste besøk» shows it);
    # one the journal has held today is counted once, as held.
    ahead = sorted(({v.dato for v in plan.visits if v.status == "planlagt" and v.dato >= today}
                    | {b.dato for b in case.oppfolgingsbesok
                       if b.status == "planlagt" and b.dato >= today}) - set(held))
    closes = qualify.closing_day(case)
    year, begins, ends = counted.year, counted.begins, counted.ends
    minimum, cut = counted.minimum, counted.cut
    if not case.oppfolgingsbesok and case.kilde not in VISITS_IN_EXPORT:
        # The first visit was due within the first part of the year; a new plan places an
        # overdue one from now on, so the planned dates cannot say it was due.
        # Said as long as the case is followed, also after the programme's last day, when
        # the plan has no visits left to show (helper 136: a year that ended with none
        # shown had no row at all); not when the case closed before a visit was due.
        first_due = add_months(plan.start, 12 // max(rules.visits_per_year, 1))
        if first_due < today and first_due <= plan.slutt:
            yield Finding(
                "besok_ukjent",
                t("funn.besok_ukjent"),
                first_due, t.laws(VISITS_BASIS), MANGLER)
        return
    done = counted.done  # (after the year: not later ones)
    coming = sum(1 for d in ahead if d <= ends)
    # A visit the journal has planned whose day has passed, the newest export made too soon
    # after it to say whether it was held (CasePlan.journal_visits_unregistered, until
    # missed_after_days): held most likely, so it counts, and nothing is too few while it
    # may still be registered (a reader's finding: «For få oppfølgingsbesøk» the week after
    # the journal's visit, while the plan counted it and planned none beside it).
    # The gap between visits counts it so too (below).
    unregistered = {d for d in plan.journal_visits_unregistered
                    if plan.start <= d < today and d not in held}
    waiting = {d for d in unregistered if begins <= d <= ends}
    if done + coming + len(waiting) < minimum:
        # Visits the plan had this year that passed and the journal does not show as held:
        # most often held and not registered, which no new visit would mend; so are the
        # journal's waiting for an export to say so.
        # After the year: only those planned in it (not the next year's, passed since).
        passed = len({v.dato for v in plan.visits if v.status == "planlagt" and begins
                      <= v.dato < today and v.dato <= ends and v.dato not in held} | waiting)
        # What the journal ends, as the plan's note says it (schedule._ends_early).
        what = "_plassering" if closes is not None and closes == case.plassering.sluttdato \
            else ""
        lacking = minimum - done - coming
        none = "" if done else "_ingen"  # «ble ingen …», not «bare 0» (helper 181)
        # Every row of the kind reads alike: what is registered, the deadline, then what
        # to do (helper 187); the visits passed unregistered after it, with their own.
        why = t("funn.besok_hvorfor")
        plans = None  # "" or "_for" where the advice plans visits by the deadline
        late = False  # the advice is only «skriv hvorfor»: the year ended, or ends today
        if cut and ends < today:  # closed: what was until then
            said, advice = t(f"funn.besok_for_fa_avsluttet{what}{none}", aar=year + 1,
                             holdt=done, minimum=minimum,
                             dato=t.dato(ends + timedelta(days=1))), why
            late = True
        elif not cut and ends < today:  # its deadline passed (after the year): what was
            # («ble bare 1 … registrert», not «er antallet … 1»: a reader's finding)
            said, advice = t(f"funn.besok_for_fa_passert{none}", aar=year + 1, holdt=done,
                             minimum=minimum, dato=t.dato(ends)), why
            late = True
        elif not cut and ends == today:  # its last day: no visit can be planned before it
            said, advice = t(f"funn.besok_for_fa_siste_dag{none}", aar=year + 1, holdt=done,
                             minimum=minimum, dato=t.dato(ends)), why
            late = True
        elif (room := _room_for_visits(today, ends, ahead, lacking)) >= lacking:
            if cut:  # closing ahead: the visits due before that day
                said = t(f"funn.besok_for_fa_avsluttes{what}",
                         dato=t.dato(ends + timedelta(days=1)), aar=year + 1,
                         minimum=minimum, **_registered(done, coming, t))
                advice, plans = t("funn.besok_planlegg_for", flere=lacking), "_for"
            else:
                said = t("funn.besok_for_fa", dato=t.dato(ends), aar=year + 1,
                         minimum=minimum, **_registered(done, coming, t))
                advice, plans = t("funn.besok_planlegg", flere=lacking), ""
        else:  # too little time left to plan them all (a reader's finding: «Planlegg 3 …
            # til før» three days before the end, and on a closed case's last day)
            said, advice = _too_late_for_visits(counted, what, done, coming, lacking, room,
                                                passed, ends == today, t)
        # The visits passed unregistered before «skriv hvorfor»: registering those held may
        # make it enough (helper 195); also before the last day's (helper 196: it asked to
        # write why there were too few, then to register the visits held); and before
        # advice that plans by «da», in one sentence with it (helper 201).
        # One passed: «Registrer besøket hvis det ble holdt», not «dem som ble holdt»; after
        # the year, «planlagt i plasseringsår 1», not «i dette plasseringsåret» (helper 214).
        one = "_en" if passed == 1 else ""
        year_of = "_aar" if ends < today else ""
        passed_said = [t(f"funn.besok_passert{year_of}{one}", antall=passed, aar=year + 1)
                       ] if passed else []
        if late and passed and done + coming + passed >= minimum:
            # Registering those held may reach the minimum: why there were too few only if
            # it did not (it said «Skriv i journalen hvorfor det ble for få» regardless).
            advice = t(f"funn.besok_hvorfor_passert{one}", minimum=minimum)
        if passed and plans is not None:
            # Registering the visits held may leave none to plan: register first, then
            # plan what still lacks (it said «Planlegg 1 besøk …» before them; helper 201).
            # One passed: as many as lack if it was not held, one fewer if it was (helper
            # 214: «planlegg dem som mangler, innen da (1 hvis det passerte …)»).
            # Several passed: as many as lack if none was held, one fewer for each held; with
            # one lacking, just that (it said «Mangler det fortsatt besøk etter det, planlegg
            # dem som mangler, innen da (3 hvis ingen av de passerte besøkene ble holdt)»,
            # roundabout: a reader's finding).
            more = ("_flere" if lacking > 1 else "") if passed == 1 \
                else "_ett" if lacking == 1 else ""
            said = " ".join([said, t(f"funn.besok_passert_planlegg{plans}{one}{more}",
                                     antall=passed, flere=lacking, igjen=lacking - 1)])
        else:  # also before «bare tid til …»/«ikke tid til flere» (helper 201)
            said = " ".join([said, *passed_said, advice])
        yield Finding("besok_for_fa", said, ends, t.laws(VISITS_BASIS), LOVBRUDD)
    gap = timedelta(days=rules.max_visit_gap_days)
    previous = plan.start
    # A visit the journal planned that is not known to be held yet (unregistered) counts as
    # held, as for «For få oppfølgingsbesøk»: it said no visit was registered within the
    # days and to hold one as soon as possible, the week after the journal's visit. One
    # after the deadline says it is not registered yet, not «ble holdt».
    for day in sorted({*held, *unregistered}):
        if day - previous > gap:
            since = (t("funn.fra_plasseringen") if previous == plan.start
                     else t("funn.fra_besoket", dato=t.dato(previous)))
            yield Finding(
                "besok_opphold",
                t("funn.besok_opphold_ikke_registrert" if day in unregistered
                  else "funn.besok_opphold", dager=(day - previous).days, fra=since,
                  dato=t.dato(day), frist=t.dato(previous + gap)),
                previous + gap, t.laws(VISITS_BASIS), AVVIK)
        previous = day
    following = ahead[0] if ahead else None
    # Compared, not subtracted: a comparison with today is a question incremental.py can
    # ask again tomorrow; arithmetic on today would make the case's documents every day.
    # A closed case has no gap for the time after it closed.
    until = today if closes is None or today <= closes else closes
    if (following or until) > previous + gap:
        since = (t("funn.etter_plasseringen") if previous == plan.start
                 else t("funn.etter_forrige_besok", dato=t.dato(previous)))
        yield Finding(
            "besok_opphold",
            t(_next_visit_key(case, plan, today, previous + gap, closes),
              dato=t.dato(previous + gap), dager=rules.max_visit_gap_days, etter=since,
              slutt=t.dato(closes) if closes is not None else ""),
            previous + gap, t.laws(VISITS_BASIS), AVVIK)


def _next_visit_key(case: Case, plan: CasePlan, today: date, due: date,
                    closes: date | None) -> str:
    """What the row about the next visit says. Before its deadline, by when to hold it; once
    the deadline has passed, what happened and what to do now (a reader's finding: «Hold
    neste oppfølgingsbesøk senest 10. februar 2027» in September), as true on the day: a
    visit before the journal closes the case or placement, when it does; none once it has
    (on the day it closes too: the case is followed to the day before); and, after the
    programme's last day with the placement going on, a visit all the same: the visits are
    the placement's duty (fosterhjemsforskriften), not the programme's (helper 187)."""
    what = "_plassering" if closes is not None and closes == case.plassering.sluttdato \
        else ""
    if due >= today:
        # Closed before the deadline, the visit is due before that day, not «senest da»
        # (the case is followed to the day before it closes; helper 195).
        return f"funn.neste_besok_avsluttes{what}" \
            if closes is not None and today < closes <= due else "funn.neste_besok"
    if closes is not None:
        ended = "avsluttet" if closes <= today else "avsluttes"
        return f"funn.neste_besok_passert_{ended}{what}"
    if today > plan.slutt:
        return "funn.neste_besok_passert_etter_programmet"
    return "funn.neste_besok_passert"


def _registered(done: int, coming: int, t: Tekst) -> dict[str, str]:
    """The visits held and those planned ahead (not those passed: besok_passert says them)
    as a row of «For få oppfølgingsbesøk» says them: «er 1 oppfølgingsbesøk registrert som
    gjennomført, og 2 er planlagt framover», none as «ingen», never «0» (it said «er det
    registrert ingen gjennomførte og …», awkward: a reader's finding)."""
    return {"holdt": str(done) if done else t("funn.besok_ingen"),
            "planlagt": str(coming) if coming else t("funn.besok_ingen")}


def _room_for_visits(today: date, ends: date, ahead: list[date], wanted: int) -> int:
    """How many more visits, up to wanted, still fit before ends beside those planned after
    today: from tomorrow, VISIT_SPACING_DAYS apart (as the plan catches up visits: not days
    apart). Asked of the day by comparison only (no arithmetic on it: WatchedDay)."""
    spacing = timedelta(days=VISIT_SPACING_DAYS)
    planned = sum(1 for d in ahead if today < d <= ends)
    slots = 0
    while slots < wanted + planned and today < ends - spacing * slots:
        slots += 1
    return max(0, slots - planned)


def _too_late_for_visits(counted: VisitYear, what: str, done: int, coming: int, lacking: int,
                         room: int, passed: int, last_day: bool,
                         t: Tekst) -> tuple[str, str]:
    """«For få oppfølgingsbesøk» when the time left cannot hold the visits missing: how
    many it can hold, or none, and to write in the journal why there were too few; never
    «Planlegg 3 … til før» a day three days away. what: "_plassering" where the placement
    ends, as in _visits. What is registered with the deadline, and the advice, apart, as
    _visits words every row of the kind. passed: the year's planned visits passed
    unregistered, said before the advice; the visits missing count them as not held, and
    the advice says that is what the count assumes (a reader's finding: «bare tid til 1 av
    de 4 som mangler» where registering the 4 passed may leave none missing; helper 204)."""
    facts = dict(aar=counted.year + 1, minimum=counted.minimum, **_registered(done, coming, t))
    if counted.cut:  # the day the journal closes it
        said = t(f"funn.besok_for_fa_avsluttes_snart{what}",
                 dato=t.dato(counted.ends + timedelta(days=1)), **facts)
    else:
        said = t("funn.besok_for_fa_slutter", dato=t.dato(counted.ends), **facts)
    if room:
        key = "funn.besok_bare_tid" + ("" if not passed else "_passert_en" if passed == 1
                                       else "_passert")
        advice = t(key, dager=VISIT_SPACING_DAYS, tid=room, flere=lacking)
        return said, advice
    # No time for more: where registering the passed ones held would reach the minimum, why
    # is asked only if they did not (a reader's finding: «Skriv i journalen hvorfor det blir
    # for få» right after «Registrer dem som ble holdt», which may make it enough).
    reach = "" if not passed or passed < lacking else "_passert_en" if passed == 1 \
        else "_passert"
    if last_day:  # the day it closes, named
        advice = t(f"funn.besok_ingen_tid_siste_dag{what}{reach}", minimum=counted.minimum)
    else:
        advice = t(f"funn.besok_ingen_tid{reach}", dager=VISIT_SPACING_DAYS,
                   minimum=counted.minimum)
    return said, advice


# --- Plans -----------------------------------------------------------------------------------

def _plans(case: Case, plan: CasePlan, today: date, rules: Compliance,
           t: Tekst) -> Iterator[Finding]:
    """The plans' findings whose deadline has passed."""
    for finding in _plan_duties(case, plan, today, rules, t):
        if finding.frist is not None and finding.frist < today:
            yield finding


def coming_deadlines(case: Case, plan: CasePlan, today: date, rules: Compliance,
                     t: Tekst | None = None) -> list[Finding]:
    """The plans' legal deadlines still ahead, at most [compliance] deadline_notice_days
    away (today's included): what becomes a «Lovbrudd» in Avvik the day after its deadline
    unless the journal shows it done by then. Each is the Finding it would become, its hva
    saying what is due and by when (Saksoversikt's «Denne måneden» lists it, so the team
    leader sees the deadline before it is broken; a reader's finding: the plans' two
    «Lovbrudd» came the day after with no warning but the plan's prose). Not counted as
    findings: nothing is wrong yet."""
    t = t or tekst()
    window = timedelta(days=rules.deadline_notice_days)
    return [
        dataclasses.replace(finding, hva=t("funn.lovfrist", hva=t(f"lovfrist.{finding.kind}"),
                                           dato=t.dato(finding.frist),
                                           hjemmel=finding.hjemmel))
        for finding in _plan_duties(case, plan, today, rules, t)
        if finding.alvor == LOVBRUDD and finding.frist is not None
        and today <= finding.frist and finding.frist - window <= today
    ]


def _plan_duties(case: Case, plan: CasePlan, today: date, rules: Compliance,
                 t: Tekst) -> Iterator[Finding]:
    """The plans' findings as they are, or will be once their deadline has passed (today
    only says which plans still run)."""
    due = plan.start + timedelta(days=rules.plan_due_days)
    running = [p for p in case.planer if p.running(today)]
    # A care order needs the care plan (§ 8-3); a voluntary placement has a measure plan
    # (§ 8-1); where the export does not say which, either will do.
    care_order = case.plassering.frivillig is False
    care = [p for p in running
            if p.type == "omsorgsplan" or (p.type == "tiltaksplan" and not care_order)]
    if care_order or case.plassering.frivillig is None:
        basis = CARE_PLAN_BASIS["omsorgsplan"]
        name = t("funn.omsorgsplanen" if care_order else "funn.planen")
    else:
        basis, name = CARE_PLAN_BASIS["tiltaksplan"], t("funn.tiltaksplanen")
    known = bool(case.planer) or case.kilde in PLANS_IN_EXPORT
    if not care:
        yield Finding(
            "tiltaksplan_mangler" if case.plassering.frivillig else "omsorgsplan_mangler",
            t("funn.omsorgsplan_mangler", plan=name, dato=t.dato(due)) if known else
            t("funn.omsorgsplan_ukjent", plan=name),
            due, t.laws(basis), LOVBRUDD if known else MANGLER)
    for p in care:
        yield from _evaluation(p, t.laws(basis), today, rules, t)
    if not any(p.type == "oppfolging_fosterfamilie" for p in running):
        unknown = case.kilde in SSB_EXPORTS or not known
        yield Finding(
            "fosterhjemsplan_mangler",
            t("funn.fosterhjemsplan_ukjent") if unknown else t(
                "funn.fosterhjemsplan_mangler_en" if len(case.fosterfamilie.fosterforeldre) == 1
                else "funn.fosterhjemsplan_mangler"),
            due, t.laws(FOSTER_PLAN_BASIS), MANGLER if unknown else LOVBRUDD)
    contact_decided = case.plassering.samvaer_bestemt
    if contact_decided is None:
        contact_decided = case.plassering.frivillig is False  # a care order decides contact
    if contact_decided and not any(p.type == "samvaersplan" for p in running):
        yield Finding(
            "samvaersplan_mangler",
            t("funn.samvaersplan_mangler") if known else t("funn.samvaersplan_ukjent"),
            due, t.laws(CONTACT_PLAN_BASIS), LOVBRUDD if known else MANGLER)


def _evaluation(p: Plan, basis: str, today: date, rules: Compliance,
                t: Tekst) -> Iterator[Finding]:
    since = p.sist_evaluert or p.startdato
    if since is None:
        return
    due = add_months(since, rules.plan_evaluation_months)
    # Its deadline is _plans' and coming_deadlines' to weigh.
    last = (t("funn.sist_evaluert", dato=t.dato(p.sist_evaluert)) if p.sist_evaluert
            else t("funn.aldri_evaluert", dato=t.dato(p.startdato)) if p.startdato else "")
    # A voluntary placement's action plan (§ 8-1) is named and counted as itself.
    kind = "tiltaksplan_ikke_evaluert" if p.type == "tiltaksplan" else \
        "omsorgsplan_ikke_evaluert"
    yield Finding(kind, t(f"funn.{kind}", sist=last, dato=t.dato(due)), due, basis,
                  LOVBRUDD)


# --- Omsorgspakken itself --------------------------------------------------------------------

def _tracks(plan: CasePlan) -> dict[tuple, list[Conversation]]:
    """Each party's conversations in date order; per parent where parents are met separately.
    One held with the parents, not registered with whom, is in each parent's: there was no
    conversation with either between it and the next."""
    tracks: dict[tuple, list[Conversation]] = {}
    unknown = [c for c in plan.conversations if c.hvem_ukjent]
    for conv in plan.conversations:
        if conv.status in ("avlyst", "ikke_registrert") or conv.hvem_ukjent:
            continue
        track = tracks.setdefault((conv.part, conv.forelder), [])
        if not track and conv.forelder is not None:
            track.extend(c for c in unknown if c.part == conv.part)
        track.append(conv)
    return {key: sorted(convs, key=lambda c: c.dato) for key, convs in tracks.items()}


def _who(programme: Programme, case: Case, conv: Conversation, t: Tekst) -> str:
    """'Foreldre', or 'Foreldre (mor)' for one parent's own conversations: a role, never a
    name (as context.parent_label)."""
    name = programme.part(conv.part).navn
    index = conv.forelder
    if index is None or index >= len(case.foreldre):
        return name
    return f"{name} ({_parent(case, index, t)})"


def _parent(case: Case, index: int, t: Tekst) -> str:
    """'mor', or 'forelder 2' when the journal gives no role (or two parents share it)."""
    return case.parent_roles()[index] or t("hvem.forelder", nummer=index + 1)


def _conversation_gaps(case: Case, plan: CasePlan, programme: Programme, today: date,
                       rules: Compliance, t: Tekst) -> Iterator[Finding]:
    """Too long between two conversations of one track. The advice holds whatever the day:
    move the later one forward while that can still mend it, else write in the journal why
    (only the latter once the later one is held)
    (a text that changed as the days passed would write the case's overview again for it).
    Where the later one could come no sooner because the case came to the program after the
    limit had passed, moving it is no advice: one finding for the case names the gaps and
    asks for the journal to say why, by the first of the later conversations.
    A conversation with the parents the journal does not say which parent took part in is
    the parents' (not named as one parent's), and its gap is said once; when the parents'
    next conversations are on different days, each parent's gap is said (the case's overview
    gives each parent's own: 68 days to the mother's next were said of both, the father's
    overview said 69)."""
    gap = timedelta(days=rules.max_conversation_gap_days)
    pairs: list[tuple[Conversation, Conversation]] = []
    said_open: set[str] = set()
    grace = timedelta(days=rules.minutes_due_days)
    for convs in _tracks(plan).values():
        if today > plan.slutt:
            pairs += gap_pairs(convs, ended=True)
            continue
        track, open_gap = _open_gap(convs, today, gap, grace)
        pairs += [(before, after) for before, after in gap_pairs(track, ended=False)
                  if open_gap is None or before.key != open_gap[0].key]
        if open_gap is not None and (found := _passed_gap(
                case, programme, *open_gap, gap, t)).hva not in said_open:
            said_open.add(found.hva)  # a joint one in each parent's track: said once
            yield found
    next_days: dict[tuple, set[date]] = {}  # a shared conversation -> the days after it
    for before, after in pairs:
        next_days.setdefault(before.key, set()).add(after.dato)
    pairs = [(before, after) for before, after in pairs if after.dato - before.dato > gap]
    late: dict[str, tuple[Conversation, Conversation, date]] = {}  # who -> before, after, came
    said: set[tuple[str, date]] = set()
    for before, after in pairs:
        shared = before.hvem_ukjent and len(next_days[before.key]) == 1
        came = _came_late(plan, after)
        if came is not None:
            late.setdefault(_party(case, programme, after, shared, t), (before, after, came))
            continue
        who = programme.part(after.part).navn if shared else _who(programme, case, after, t)
        if (who, before.dato) in said:
            continue
        said.add((who, before.dato))
        # Held: there is nothing to move (the journal's export says so, not the day); said
        # once for the parents, held for each of them (helper 106).
        held = all(a.status == "gjennomfort" for b, a in pairs
                   if b.key == before.key) if shared else after.status == "gjennomfort"
        yield Finding(
            "samtaler_opphold",
            t("funn.samtaler_opphold_holdt" if held else "funn.samtaler_opphold", hvem=who,
              dager=(after.dato - before.dato).days, fra=t.dato(before.dato),
              tema=_theme(programme, after), dato=t.dato(after.dato), grense=gap.days),
            before.dato + gap, "", AVVIK)
    if late:
        gaps = [t("funn.opphold", hvem=who, dager=(after.dato - before.dato).days,
                  fra=t.dato(before.dato)) for who, (before, after, _) in late.items()]
        yield Finding(
            "samtaler_opphold",
            t("funn.samtaler_opphold_kom_sent", opphold=t.join(gaps), grense=gap.days,
              mottatt=t.dato(min(came for *_, came in late.values()))),
            min(after.dato for _, after, _ in late.values()), "", AVVIK)


def _open_gap(track: list[Conversation], today: date, gap: timedelta, grace: timedelta
              ) -> tuple[list[Conversation], tuple[Conversation, Conversation] | None]:
    """The track without the dates after the last conversation held that passed unheld (no
    conversation, and no day to measure a gap to: «regnet fram til neste planlagte samtale
    … 48 dager» ran to a date long passed), and, where more than the limit has gone since
    that last one, (that held, the first date passed): the gap runs to today. A date passed
    within grace (the minutes' time: the journal may be a few days behind) is still taken
    as planned. Compared, not subtracted: the text does not change with each day."""
    held = [c for c in track if c.status == "gjennomfort"]
    if not held:
        return track, None
    last = held[-1]
    missed = [c for c in track if c.status == "planlagt" and c.dato > last.dato
              and c.dato + grace < today]
    if not missed:
        return track, None
    kept = [c for c in track if c not in missed]
    return kept, (last, missed[0]) if today > last.dato + gap else None


def _passed_gap(case: Case, programme: Programme, before: Conversation, missed: Conversation,
                gap: timedelta, t: Tekst) -> Finding:
    """More than the limit since the last conversation held, the next one's date passed
    unheld: measured to today, worded so. Its deadline is the later of the month's end
    after the last one held and the planned date that passed, the two days the row names:
    the month's end alone came before a case read in late was known at all, and before the
    conversation it asks to register (a reader's finding: Frist 18.10.2026 for «planlagt
    24. november 2026»)."""
    who = _who(programme, case, missed, t)
    return Finding(
        "samtaler_opphold",
        t("funn.samtaler_opphold_passert", hvem=who, fra=t.dato(before.dato),
          tema=_theme(programme, missed), dato=t.dato(missed.dato), grense=gap.days),
        max(before.dato + gap, missed.dato), "", AVVIK)


def _party(case: Case, programme: Programme, conv: Conversation, parents: bool,
           t: Tekst) -> str:
    """Whom a conversation is with, within a sentence: «barnet», «mor», «foreldrene» (also
    when parents: the parents' conversation that names no parent), «fosterfamilien»."""
    if conv.part == "foreldre":
        return _parents_of(case, None if parents else conv.forelder, t)
    if conv.part in ("barnet", "fosterfamilien"):
        return t(f"hvem.{conv.part}")
    name = programme.part(conv.part).navn
    return name[:1].lower() + name[1:]


def _theme(programme: Programme, conv: Conversation) -> str:
    return programme.part(conv.part).tema(conv.tema).tittel


def _held(case: Case, plan: CasePlan) -> Iterator[tuple[Conversation, Samtale]]:
    """The conversations the journal or the minutes say were held, one per journal entry.

    A journal entry that names no parent counts for the parents who took part (as in
    schedule, Case.parents_at), but it is one conversation with one set of minutes: it is
    given once, with the first track; one the journal does not say who took part in, once
    without a parent (Conversation.hvem_ukjent)."""
    known: dict[tuple, Samtale] = {s.identity: s for s in case.samtaler}
    given: set[tuple] = set()
    for conv in plan.conversations:
        key = conv.key if conv.key in known else (conv.part, conv.tema, conv.nummer, None)
        if conv.status == "gjennomfort" and key in known and key not in given \
                and case.counts_for(conv.forelder, known[key]):
            given.add(key)
            yield conv, known[key]


def _one_parents(case: Case, conv: Conversation, samtale: Samtale) -> bool:
    """Whether a conversation held is one parent's: it names them, or it names no parent and
    counts for them alone (the other parent joined later, or the minutes name only them:
    Case.parents_at)."""
    if samtale.forelder is not None:
        return True
    found = case.parents_at(samtale) if conv.forelder is not None else None
    return found is not None and len(found) == 1


def _minutes(case: Case, plan: CasePlan, programme: Programme, today: date,
             rules: Compliance, t: Tekst) -> Iterator[Finding]:
    """Minutes not back, and themes held without the contact person's assessment: one finding
    of each per case, naming every conversation (month by month, one row per conversation
    would bury the team leader's sheet in reminders of the same kind)."""
    assessed = [v for v in case.vurderinger
                if v.positivt or v.behov_for_stotte or v.dekkes_av_oppfolging]
    missing: dict[str, list[tuple[Conversation, str]]] = {
        "referat_mangler": [], "vurdering_mangler": []}
    for conv, samtale in _held(case, plan):
        if conv.dato + timedelta(days=rules.minutes_due_days) >= today:
            continue
        who = _who(programme, case, conv, t) if _one_parents(case, conv, samtale) else (
            programme.part(conv.part).navn)
        done = any(v.of_conversation(conv, case) for v in assessed)
        if not samtale.referat_mottatt and not done:
            missing["referat_mangler"].append((conv, who))
        elif conv.tema > 0 and not done:
            missing["vurdering_mangler"].append((conv, who))
    for kind, held in missing.items():
        if not held:
            continue
        first = min(conv.dato for conv, _ in held)
        due = first + timedelta(days=rules.minutes_due_days)
        basis = t.laws(DOCUMENTATION_BASIS) if kind == "referat_mangler" else ""
        if len(held) == 1:
            conv, who = held[0]
            said = t(f"funn.{kind}",
                     samtale=f"{who}, «{_theme(programme, conv)}», {t.dato(conv.dato)}")
        else:
            said = t(f"funn.{kind}_flere", antall=len(held),
                     samtaler=_conversations(held, programme, t))
        yield Finding(kind, said, due, basis, AVVIK)


def _conversations(held: list[tuple[Conversation, str]], programme: Programme,
                   t: Tekst) -> str:
    """«Barnet, «Tema», 16. september 2026 og 24. september 2026; Foreldre, «Tema», ...»:
    the conversations of each party and theme together, in the order they were held."""
    dates: dict[tuple[str, str], list[str]] = {}
    for conv, who in sorted(held, key=lambda h: h[0].dato):
        # The move follow-up's contacts by number, as their minutes' file names have them.
        contact = t("sak.kontakt", nummer=conv.nummer) if conv.tema == 0 else ""
        dates.setdefault((who, _theme(programme, conv)), []).append(t.dato(conv.dato) + contact)
    return "; ".join(f"{who}, «{theme}», {t.join(days)}" for (who, theme), days in dates.items())


def _not_registered(case: Case, plan: CasePlan, programme: Programme,
                    t: Tekst) -> Iterator[Finding]:
    """Conversations the journal has nothing on while a later one of the same track is
    registered (status ikke_registrert: the plan neither invites to them nor calls them
    overdue). Held and not registered, or never held: either way the journal should say,
    once per track. Their minutes are in the case folder to be returned if they were held.

    Those never planned (Conversation.undated: due before the case came) are named without
    a date, as before the next conversation that has one, by the track's next planned
    conversation: no day that nobody set is looked for, nor a deadline long passed."""
    tracks: dict[tuple, list[Conversation]] = {}
    for conv in plan.conversations:
        if conv.status == "ikke_registrert":
            tracks.setdefault((conv.part, conv.forelder, conv.undated), []).append(conv)
    for (part, forelder, undated), convs in tracks.items():
        hvem = _who(programme, case, convs[0], t)
        if undated:
            yield _never_planned(plan, programme, part, forelder, convs, hvem, t)
            continue
        convs.sort(key=lambda c: c.dato)
        themes: dict[str, list[str]] = {}
        for conv in convs:
            themes.setdefault(_theme(programme, conv), []).append(t.dato(conv.dato))
        said = t.join([f"«{title}» {t.join(days)}" for title, days in themes.items()])
        yield Finding(
            "samtaler_ikke_registrert",
            t("funn.samtaler_ikke_registrert", samtaler=said, hvem=hvem),
            convs[0].dato, "", MANGLER)


def _journal_behind(case: Case, plan: CasePlan, programme: Programme, rules: Compliance,
                    t: Tekst) -> Iterator[Finding]:
    """Conversations held according to their returned minutes that the journal's latest
    export still has planned or cancelled (Samtale.fagsystemet, kept by merging): the
    documents follow the minutes, and the journal should say the same, or whoever reads it
    next books the conversation again. One finding per case, naming each (as _minutes).
    Due when the minutes were due, or when the export that said so came, if later."""
    behind: list[tuple[Conversation, Samtale, str, date]] = []
    for conv, samtale in _held(case, plan):
        said = samtale.fagsystemet
        if said is None or said.status == "gjennomfort":
            continue
        who = _who(programme, case, conv, t) if _one_parents(case, conv, samtale) else (
            programme.part(conv.part).navn)
        contact = t("sak.kontakt", nummer=conv.nummer) if conv.tema == 0 else ""
        behind.append((conv, samtale, f"{who}, «{_theme(programme, conv)}»{contact}",
                       _register_by(conv, said, rules)))
    if not behind:
        return
    if len(behind) == 1:
        conv, samtale, named, due = behind[0]
        said = samtale.fagsystemet
        assert said is not None
        text = t(f"funn.holdt_ikke_registrert_{said.status}", samtale=named,
                 dato=t.dato(conv.dato), journal=t.dato(said.dato))
    else:
        text = t("funn.holdt_ikke_registrert_flere", antall=len(behind), samtaler="; ".join(
            t(f"funn.holdt_ikke_registrert_en_{s.fagsystemet.status}", samtale=named,
              dato=t.dato(conv.dato), journal=t.dato(s.fagsystemet.dato))
            for conv, s, named, _ in sorted(behind, key=lambda b: b[0].dato)
            if s.fagsystemet is not None))
    yield Finding("holdt_ikke_registrert", text, min(b[3] for b in behind), "", MANGLER)


def _register_by(conv: Conversation, said: Fagsystemet, rules: Compliance) -> date:
    """When the journal should have it held: as the minutes are due, or before the day it
    still has it booked for, if that is sooner (it would be held again); never before the
    export that said so came."""
    due = conv.dato + timedelta(days=rules.minutes_due_days)
    if said.status == "planlagt" and conv.dato < said.dato < due:
        due = said.dato
    return max(due, said.eksportert or due)


def _never_planned(plan: CasePlan, programme: Programme, part: str, forelder: int | None,
                   convs: list[Conversation], hvem: str, t: Tekst) -> Finding:
    """One track's conversations not registered and never planned: «kontakt 1–3 i
    «Oppfølging i flytteprosessen»», before the date of the next one that has a date, to
    register by the track's first planned conversation (none when nothing is planned)."""
    convs = sorted(convs, key=lambda c: (c.tema, c.nummer))
    contacts = [c.nummer for c in convs if c.tema == 0]
    said = []
    if contacts:
        consecutive = len(contacts) > 1 and contacts[-1] - contacts[0] == len(contacts) - 1
        numbers = f"{contacts[0]}–{contacts[-1]}" if consecutive \
            else t.join([str(n) for n in contacts])
        said.append(t("funn.kontakter_i", nummer=numbers, tema=_theme(programme, convs[0])))
    said += [f"«{_theme(programme, c)}»" for c in convs if c.tema > 0]
    after = dated_after(plan, convs[-1])
    coming = [c.dato for c in plan.for_part(part)
              if c.forelder == forelder and c.status == "planlagt"]
    text = t("funn.samtaler_uten_dato", samtaler=t.join(said), hvem=hvem,
             dato=t.dato(after.dato)) if after is not None \
        else t("funn.samtaler_uten_dato_uten_neste", samtaler=t.join(said), hvem=hvem)
    return Finding("samtaler_ikke_registrert", text, min(coming, default=None), "", MANGLER)


def _unfinished(case: Case, plan: CasePlan, programme: Programme, today: date,
                rules: Compliance, t: Tekst) -> Iterator[Finding]:
    """Conversations the programme will not hold by its last day as the plan stands: those
    planned after it, those left out, and those whose date passed unheld, which have no new
    date (a reader's finding: Saker showed «Planlagt 0» and many «Over fristen» a few months
    before the end, and no row said the programme would not be finished). A date passed
    within the minutes' time does not make it said yet: the journal may be a few days
    behind; once said, every date passed unheld is counted."""
    if today > plan.slutt:
        yield from _not_held_by_the_end(case, plan, programme, t)
        return
    left = [c for c in plan.conversations if c.status == "planlagt" and c.dato > plan.slutt
            ] + plan.left_out
    grace = timedelta(days=rules.minutes_due_days)
    # Only where the party (or parent) has nothing planned ahead: one conversation missed
    # among dates still to come is the gap rows' and the overdue list's, not an unfinished
    # programme (a run moves it once an export says it was missed).
    ahead = {(c.part, c.forelder) for c in plan.conversations
             if c.status == "planlagt" and today <= c.dato <= plan.slutt}
    lapsed = [c for c in plan.conversations
              if c.status == "planlagt" and c.dato + grace < today
              and (c.part, c.forelder) not in ahead]
    if lapsed:
        # Said once a party has nothing ahead, but counting every conversation whose date
        # passed unheld, as the plan's «Over fristen» does (a reader's finding: «9 samtaler»
        # beside 23 in the plan the same day: a party with a date ahead was left out).
        passed = [c for c in plan.conversations if c.status == "planlagt" and c.dato < today]
        after = "" if not left else t("funn.program_ikke_ferdig_etter_en") if len(left) == 1 \
            else t("funn.program_ikke_ferdig_etter", antall=len(left))
        said = "funn.program_ikke_ferdig_passert"
        yield Finding(
            "program_ikke_ferdig",
            t(said + "_en" if len(passed) == 1 else said, antall=len(passed),
              dato=t.dato(plan.slutt), etter=after),
            plan.slutt, "", AVVIK)
    elif left:
        said = "funn.program_ikke_ferdig"
        yield Finding(
            "program_ikke_ferdig",
            t(said + "_en" if len(left) == 1 else said, antall=len(left),
              dato=t.dato(plan.slutt)),
            plan.slutt, "", AVVIK)


def _not_held_by_the_end(case: Case, plan: CasePlan, programme: Programme,
                         t: Tekst) -> Iterator[Finding]:
    """After the programme's last day there is no time left to find: the conversations not
    held are said so, each named by whom and theme as the overview's Samtaler sheet shows
    them (planned and «Ikke registrert», or cancelled and «Avlyst»), so the number can be
    counted there (a reader's finding: «9 samtaler» against 14 and 2 on the sheet). The
    move follow-up's contacts the journal moved past (ikke_registrert) have their own row
    (_not_registered) and are not counted again. The advice is what is true after the end:
    register what was held, and write in the journal why the rest was not; not «Avtal med
    partene hvordan programmet avsluttes», which only _unfinished says, before the end
    (helper 204)."""
    # A cancelled conversation counts once nothing else of its theme was held or planned.
    taken = {(c.part, c.forelder, c.tema) for c in plan.conversations
             if c.status in ("planlagt", "gjennomfort")}
    left: list[tuple[str, int | None, int, int, bool]] = [
        (c.part, c.forelder, c.tema, c.nummer, c.status == "avlyst")
        for c in plan.conversations if c.status == "planlagt" or c.status == "avlyst"
        and (c.part, c.forelder, c.tema) not in taken]
    # A theme left out is cancelled only where the journal has it so (LeftOut.avlyst): one
    # that never had a date, or passed unregistered, was not, and the Samtaler sheet shows it
    # «Ikke planlagt» or «Over fristen» (context.left_out); the demo's cases read first after
    # the end had every theme «(avlyst)».
    for part, tema, nummer, forelder in plan.left_out:
        why = plan.left_out_why.get((part, tema, nummer, forelder))
        left.append((part, forelder, tema, nummer, why is not None and why.avlyst is not None))
    if not left:
        return
    # All cancelled: said once, not «(avlyst)» after each (a reader's finding: «Registrer
    # samtalene som ble holdt» of a list of cancelled ones); the journal may say why already.
    cancels = sum(1 for *_, cancelled in left if cancelled)
    marked = 0 < cancels < len(left)
    by_whom: dict[tuple[str, int | None], tuple[list[str], list[str]]] = {}
    for part, forelder, tema, nummer, cancelled in sorted(
            left, key=lambda k: (_part_order(programme, k[0]), k[1] or 0, k[2], k[3])):
        contacts, themes = by_whom.setdefault((part, forelder), ([], []))
        number = str(nummer if tema == 0 else tema)
        (contacts if tema == 0 else themes).append(
            t("funn.ikke_holdt_avlyst", nummer=number) if cancelled and marked else number)
    said = "; ".join(
        f"{_party_named(case, programme, part, forelder, t)}: " + t.join(
            ([t("funn.ikke_holdt_kontakt", numre=t.join(contacts))] if contacts else [])
            + ([t("funn.ikke_holdt_tema", numre=t.join(themes))] if themes else []))
        for (part, forelder), (contacts, themes) in by_whom.items())
    key = "funn.program_ikke_holdt" + ("_en" if len(left) == 1 else "") + (
        "_avlyst" if cancels == len(left) else "_noen_avlyst" if cancels else "")
    yield Finding("program_ikke_ferdig",
                  t(key, antall=len(left), dato=t.dato(plan.slutt), samtaler=said),
                  plan.slutt, "", AVVIK)


def _part_order(programme: Programme, part: str) -> int:
    ids = [p.id for p in programme.parter]
    return ids.index(part) if part in ids else len(ids)


def _party_named(case: Case, programme: Programme, part: str, forelder: int | None,
                 t: Tekst) -> str:
    """«barnet», «mor», «foreldrene», «fosterfamilien»: as _party, for a conversation
    known only by its key."""
    if part == "foreldre":
        return _parents_of(case, forelder, t)
    if part in ("barnet", "fosterfamilien"):
        return t(f"hvem.{part}")
    name = programme.part(part).navn
    return name[:1].lower() + name[1:]


def _declined_parents(case: Case, plan: CasePlan, today: date,
                      rules: Compliance, t: Tekst) -> Iterator[Finding]:
    for index, parent in enumerate(case.foreldre):
        # After the last day there is no programme to offer again (the final evaluation
        # says it was not taken up again).
        if parent.takker_ja is not False or today > plan.slutt:
            continue
        due = offer_due(parent, plan.start, rules.renew_offer_months)
        if due <= today:
            who = _parents_of(case, index, t)
            yield Finding(
                "nytt_tilbud_mangler",
                t("funn.nytt_tilbud_mangler", hvem=who),
                due, "", AVVIK)


def _parents_unknown(plan: CasePlan, programme: Programme, today: date,
                     t: Tekst) -> Iterator[Finding]:
    """A conversation held with the parents, who have tracks of their own, that the journal
    does not say which parent took part in (the other may have had none). After the
    programme's last day nothing more is planned, so the row no longer promises it."""
    if "foreldre" in plan.parts_not_planned:
        return
    said = "funn.forelder_ikke_registrert_slutt" if today > plan.slutt \
        else "funn.forelder_ikke_registrert"
    for conv in (c for c in plan.for_part("foreldre") if c.hvem_ukjent):
        yield Finding(
            "forelder_ikke_registrert",
            t(said, tema=_theme(programme, conv),
              dato=t.dato(conv.dato), felt=t("referatfelt.deltakere_tittel")),
            None, "", MANGLER)


def _journal_clashes(case: Case, plan: CasePlan, programme: Programme,
                     t: Tekst) -> Iterator[Finding]:
    """A date the plan set and kept (its invitation may have gone out) that the journal now
    has another meeting of the case's on: a follow-up visit planned that day without a time,
    or another party's conversation at the same time (CasePlan.journal_clashes). The date is
    not moved, so the contact person is to agree a new time for one of them. The joint
    meeting kept so is said too (the plan said it, the Avvik sheet the team leader reads did
    not: a reader's finding)."""
    for clash in plan.journal_clashes:
        conv, other = clash.conversation, clash.other
        if conv.part == MEETING:
            said = {"dato": t.dato(conv.dato), "kl": f"{conv.start:%H.%M}"}
            if other is None:
                text = t("funn.fagsystem_besok_fellesmote", **said)
            else:
                text = t("funn.fagsystem_samtale_fellesmote", **said,
                         annen=_parents_of(case, other.forelder, t) if other.part == "foreldre"
                         else t(f"hvem.{other.part}"),
                         annen_tema=programme.part(other.part).tema(other.tema).tittel)
            yield Finding("fagsystem_samtidig", text, conv.dato, "", AVVIK)
            continue
        said = {"hvem": _party(case, programme, conv, False, t),
                "tema": _theme(programme, conv), "dato": t.dato(conv.dato),
                "kl": f"{conv.start:%H.%M}"}
        if other is None:
            text = t("funn.fagsystem_besok", **said)
        else:
            annen = _parents_of(case, other.forelder, t) if other.part == "foreldre" \
                else t(f"hvem.{other.part}")
            text = t("funn.fagsystem_samtale", **said, annen=annen,
                     annen_tema=programme.part(other.part).tema(other.tema).tittel)
        yield Finding("fagsystem_samtidig", text, conv.dato, "", AVVIK)


def _living_together_unknown(case: Case, plan: CasePlan, today: date,
                             t: Tekst) -> Iterator[Finding]:
    """Two parents take part, and neither the journal nor their addresses tell whether they
    live together: the planner has booked them into shared conversations on that guess,
    which in a case with separated parents (conflict, violence) may be harmful. Registered
    in the journal, it is right; due by the first shared conversation still ahead (none
    when nothing is: a date passed unheld is no plan to point to). None once the
    programme's last day has passed: it only decides how conversations are planned, and
    none is (a reader's finding: the row, without a deadline, in Avvik and Statistikk in
    October the year after)."""
    if "foreldre" in plan.parts_not_planned or not living_together_unknown(case) \
            or today > plan.slutt:
        return
    planned = [c.dato for c in plan.for_part("foreldre")
               if c.forelder is None and c.status == "planlagt" and c.dato >= today]
    if not planned:
        yield Finding("bor_sammen_ukjent", t("funn.bor_sammen_ukjent"), None, "", MANGLER)
        return
    first = min(planned)
    yield Finding("bor_sammen_ukjent", t("funn.bor_sammen_ukjent_samtaler", dato=t.dato(first)),
                  first, "", MANGLER)


def _not_started(case: Case, plan: CasePlan, today: date, rules: Compliance,
                 t: Tekst) -> Iterator[Finding]:
    """Tracks with nothing held when their first conversation was due: the child's and the
    parents' (per parent where they have tracks of their own; a parent who declined has
    none). Where the case came to the program after that and the first conversations are
    planned for that reason (schedule.DELAY_LATE), «start them» would ask for what is
    planned already: one finding for the case says nothing is registered, to check whether
    conversations were held and register them, and when the first is planned, which is its
    deadline."""
    late: list[tuple[str, date, Conversation, date]] = []  # who, due, first planned, came
    for kind, who, due, track in _tracks_not_started(case, plan, today, rules, t):
        first = _planned_late(plan, track, today)
        passed = _first_passed(track, today)
        if first is not None:
            late.append((who, due, *first))
        elif today > plan.slutt:
            # After the programme's last day nothing can be started: what was is said, as
            # the rows beside it say the programme is over (helper 136).
            yield Finding(kind, t(f"funn.{kind}_passert", hvem=who, dato=t.dato(due)), due,
                          "", AVVIK)
        elif passed is not None:
            # The first was planned and its day passed unregistered: «Start samtalene» asked
            # for what was planned already, beside Over fristen's row for it (a reader's
            # finding). Due by that day, the one the row names.
            yield Finding(kind, t(f"funn.{kind}_planlagt", hvem=who, dato=t.dato(passed)),
                          passed, "", AVVIK)
        elif (ahead := _first_in_the_journal(track, today)) is not None:
            # Planned in the journal, ahead: «Start samtalene» with a deadline passed asked
            # for what staff planned already; the row names that day and is due by it.
            yield Finding(kind, t(f"funn.{kind}_i_journal", hvem=who, frist=t.dato(due),
                                  dato=t.dato(ahead)), ahead, "", AVVIK)
        else:
            yield Finding(kind, t(f"funn.{kind}", hvem=who, dato=t.dato(due)), due, "", AVVIK)
    if not late:
        return
    days: dict[date, list[str]] = {}
    for who, _, conv, _ in late:
        days.setdefault(conv.dato, []).append(who)
    planned = t.dato(min(days)) if len(days) == 1 else t.join(
        [f"{t.dato(day)} ({t.join(whos)})" for day, whos in sorted(days.items())])
    yield Finding(
        "samtaler_ikke_startet_kom_sent",
        t("funn.samtaler_ikke_startet_kom_sent", hvem=t.join([w for w, *_ in late]),
          frist=t.dato(min(due for _, due, _, _ in late)),
          mottatt=t.dato(min(came for *_, came in late)), planlagt=planned),
        min(days), "", AVVIK)


def _first_passed(track: list[Conversation], today: date) -> date | None:
    """The day of the track's first conversation when it was planned and that day has
    passed unregistered (the track has nothing held), else None."""
    dated = sorted((c for c in track if c.status != "avlyst" and not c.undated),
                   key=lambda c: c.dato)
    if not dated or dated[0].status != "planlagt" or dated[0].dato >= today:
        return None
    return dated[0].dato


def _first_in_the_journal(track: list[Conversation], today: date) -> date | None:
    """The day of the track's first conversation when the journal has it planned and that
    day is still ahead (today included), else None."""
    dated = sorted((c for c in track if c.status != "avlyst" and not c.undated),
                   key=lambda c: c.dato)
    if not dated or dated[0].status != "planlagt" or not dated[0].fra_journal \
            or dated[0].dato < today:
        return None
    return dated[0].dato


def _tracks_not_started(case: Case, plan: CasePlan, today: date, rules: Compliance,
                        t: Tekst) -> Iterator[tuple[str, str, date, list[Conversation]]]:
    """(kind, who, the day the first was due, the track's conversations) of each track
    with nothing held by then."""
    held = [c for c, _ in _held(case, plan)]
    due = plan.start + timedelta(days=rules.child_track_start_days)
    if not any(c.part == "barnet" for c in held) and "barnet" not in plan.parts_not_planned \
            and due < today:
        yield "barnets_spor_ikke_startet", t("hvem.barnet"), due, plan.for_part("barnet")
    if "foreldre" in plan.parts_not_planned:
        return
    convs = plan.for_part("foreldre")
    unknown = [c for c in convs if c.hvem_ukjent]
    parents_held = {c.forelder for c in held if c.part == "foreldre"}
    for forelder in dict.fromkeys(c.forelder for c in convs if not c.hvem_ukjent):
        joined = case.foreldre[forelder].deltar_fra if forelder is not None else None
        begins = max(plan.start, joined or plan.start)
        due = begins + timedelta(days=rules.parents_track_start_days)
        # One held with the parents, who is not registered, may have been this parent's.
        if forelder in parents_held or any(c.dato >= begins for c in unknown) or due >= today:
            continue
        yield ("foreldrenes_spor_ikke_startet", _parents_of(case, forelder, t), due,
               [c for c in convs if c.forelder == forelder])


def _parents_of(case: Case, forelder: int | None, t: Tekst) -> str:
    """Who a parents' track is with: «mor» (their own track), the one parent taking part
    («far»), or «foreldrene». The one parent the journal has is named by role, as Til
    utsending names the recipient («Forelder (far)»; a reader's finding: «Gi forelderen
    tilbudet» beside it), «forelderen» only where the journal gives no role."""
    if len(case.foreldre) == 1:
        return case.parent_roles()[0] or t("funn.forelderen")
    if forelder is not None:
        return _parent(case, forelder, t)
    taking_part = [i for i, f in enumerate(case.foreldre) if f.takker_ja is not False]
    if len(taking_part) == 1:
        return _parent(case, taking_part[0], t)
    return t("hvem.foreldrene")


# --- The child's participation ---------------------------------------------------------------

def _child_participation(case: Case, plan: CasePlan, programme: Programme,
                         rules: Compliance, t: Tekst) -> Iterator[Finding]:
    for conv, samtale in _held(case, plan):
        if conv.part != "barnet":
            continue
        if samtale.referat_mottatt and not _child_named(samtale.deltakere, case.barn.fornavn):
            yield Finding(
                "barnet_ikke_med",
                t("funn.barnet_ikke_med", tema=_theme(programme, conv), dato=t.dato(conv.dato)),
                conv.dato + timedelta(days=rules.minutes_due_days),
                t.laws(PARTICIPATION_BASIS), LOVBRUDD)


def _planned_late(plan: CasePlan, track: list[Conversation],
                  today: date) -> tuple[Conversation, date] | None:
    """The track's first planned conversation still ahead and the day the case came, when
    it was placed late because the case came to the program after the cadence's day, else
    None. One whose day passed unregistered is no plan to point to («ellers er den første
    samtalen planlagt» a day months ago): the track is simply not started."""
    planned = [c for c in track if c.status == "planlagt" and c.dato >= today]
    if not planned:
        return None
    first = min(planned, key=lambda c: c.dato)
    came = _came_late(plan, first)
    return (first, came) if came is not None else None


def _came_late(plan: CasePlan, conv: Conversation) -> date | None:
    """The day the case came to the program, when conv was placed later than the cadence
    allows for that reason (schedule.DELAY_LATE), else None. The planner gives the code to a
    missed conversation moved too: one that had a date before that day was planned in time.
    A date the journal has now is the journal's, not placed from that day: None, as the plan
    says it (planmerknad.journal_samtale: «planen flytter den ikke»), not «de neste samtalene
    er planlagt fra da» (a reader's finding: Avvik said so of a date moved in the journal)."""
    came = late_since(plan.delays.get(conv.key, ""))
    if came is None or conv.fra_journal:
        return None
    had = plan.moved.get(conv.key)
    if isinstance(had, datetime):
        had = had.date()
    return None if had is not None and had < came else came


def _child_named(participants: list[str], first_name: str | None) -> bool:
    names = {w.casefold() for w in CHILD_WORDS}
    if first_name:
        names |= {w.casefold() for w in first_name.split()}
    return bool(participant_words(participants) & names)


# --- Missing basics --------------------------------------------------------------------------

def _basics(case: Case, plan: CasePlan, today: date, rules: Compliance, t: Tekst,
            service_phone: bool) -> Iterator[Finding]:
    if not case.kontaktperson.navn:
        yield _no_contact_person(plan, today, t)
    yield from _letters_held_back(case, plan, today, rules, t, service_phone)
    if not any(p.navn for p in case.fosterfamilie.fosterforeldre) and today <= plan.slutt:
        # Due by the first conversation whose letters go to the foster parents (helper 136:
        # without a date the row sorted last, after findings months away). None after the
        # programme's last day: the names are asked for the programme's letters, and none
        # is made then (as _letters_held_back).
        theirs = [c.dato for c in plan.conversations if c.status == "planlagt"
                  and c.part in FOSTER_HOME_LETTERS]
        yield Finding("fosterforeldre_mangler", t("funn.fosterforeldre_mangler"),
                      min(theirs, default=None), "", MANGLER)
    kind = idnumber.problem_kind(case.barn.fodselsnummer, case.barn.fodselsdato)
    if kind == "fodselsdato":
        yield Finding("fodselsdato_ulik", t("funn.fodselsdato_ulik"), None, "", MANGLER)
    elif problem := idnumber.problem(case.barn.fodselsnummer, t):
        yield Finding("fodselsnummer_ugyldig",
                      t("funn.fodselsnummer_ugyldig",
                        problem=problem[0].lower() + problem[1:].rstrip(".")),
                      None, "", MANGLER)


FOSTER_HOME_LETTERS = ("barnet", "fosterfamilien")
"""The parties whose letters go to the foster home: the child's (to the child and the
foster parents there) and the foster family's."""


def _letters_held_back(case: Case, plan: CasePlan, today: date, rules: Compliance, t: Tekst,
                       service_phone: bool) -> Iterator[Finding]:
    """Letters about planned conversations that Til utsending holds back («Ikke send») for
    what only the journal can give: the contact person's name, and phone number when the
    service has none of its own to show instead, the child's name (every letter); a parent's
    name or address (that parent's letters; the parents', when the journal lists none); the
    foster home's address (the child's and the foster family's letters). One row listing all
    of it (helper 136: a case with no contact person and no addresses had none), due by the
    first conversation the letters are about, so a meeting this week is not missed
    unnoticed. A declined parent's «Nytt tilbud» (documents/nytt_tilbud.py) is held back
    alike, for the same gaps: named in the same row (helper 144: it had none), due by the
    day the letter was to go (_offer_due). None once the programme's last day has passed:
    no letter of it is made then, so none is held back (a reader's finding: a case read
    last during its year kept the row after its end)."""
    if today > plan.slutt:
        return
    # Letters are made for what is still ahead: one about a date passed unheld is not sent.
    planned = [c for c in plan.conversations if c.status == "planlagt" and c.dato >= today]
    missing: list[str] = []
    affected: list[date] = []
    offers = {i: day for i, parent in enumerate(case.foreldre)
              if (day := _offer_due(parent, plan, today, rules)) is not None}
    offers_held: set[int] = set()

    def lacks(what: str, dates: list[date], offered: Iterable[int] = ()) -> None:
        offered = set(offered)
        if dates or offered:
            missing.append(what)
            affected.extend(dates)
            offers_held.update(offered)

    every = [c.dato for c in planned]
    if not case.kontaktperson.navn:
        lacks(t("funn.mangler_kontaktperson"), every, offers)
    if not case.barn.fornavn:
        lacks(t("funn.mangler_barn"), every, offers)
    if not case.kontaktperson.telefon and not service_phone:
        lacks(t("funn.mangler_telefon"), every, offers)
    if not case.foreldre:  # letters «to the parents», with neither name nor address
        lacks(t("funn.mangler_foreldre"), [c.dato for c in planned if c.part == "foreldre"])
    roles = case.parent_roles()
    information_held = False
    for i, parent in enumerate(case.foreldre):
        if parent.takker_ja is False:
            if i in offers:  # their «Nytt tilbud» is the one letter they get
                who = roles[i] or t("hvem.forelder", nummer=i + 1)
                if not parent.navn:
                    lacks(t("funn.mangler_navn", hvem=who), [], [i])
                if not _addressed(parent):
                    lacks(t("funn.mangler_adresse", hvem=who), [], [i])
            continue
        theirs = [c.dato for c in planned if c.part == "foreldre" and c.forelder in (None, i)]
        who = roles[i] or t("hvem.forelder", nummer=i + 1)
        if not parent.navn:
            lacks(t("funn.mangler_navn", hvem=who), theirs)
        if not _addressed(parent):
            lacks(t("funn.mangler_adresse", hvem=who), theirs)
        # Their information letter lacks it too: held back from the start, it leaves Til
        # utsending after its days unsent, and this row is all that says so (helper 312).
        information_held = information_held or bool(theirs) and (
            not parent.navn or not _addressed(parent))
    home = case.fosterfamilie
    if not _addressed(home):
        lacks(t("funn.mangler_adresse_fosterhjem"),
              [c.dato for c in planned if c.part in FOSTER_HOME_LETTERS])
    if missing:
        first = min([*affected, *(offers[i] for i in offers_held)])
        whom = t.join([roles[i] or t("hvem.forelder", nummer=i + 1) for i in sorted(offers_held)])
        if not offers_held:
            said = t("funn.brev_kan_ikke_sendes", dato=t.dato(first), hva=t.join(missing))
        else:
            # Each parent has a «Nytt tilbud» of their own: two held back are two letters.
            many = "_flere" if len(offers_held) > 1 else ""
            said = t(f"funn.brev_kan_ikke_sendes_og_tilbud{many}", dato=t.dato(min(affected)),
                     hvem=whom, hva=t.join(missing)) if affected else \
                t(f"funn.brev_kan_ikke_sendes_tilbud{many}", hvem=whom, hva=t.join(missing))
        if information_held and affected:
            gaps = f"{t.join(missing)}. "
            said = said.replace(gaps, f"{gaps}{t('funn.informasjonsbrev_ikke_sendt')} ", 1)
        yield Finding("brev_kan_ikke_sendes", said, first, "", MANGLER)


def _offer_due(parent: Forelder, plan: CasePlan, today: date, rules: Compliance) -> date | None:
    """For a parent who declined, the day their «Nytt tilbud» now listed was to go
    (documents/nytt_tilbud.py): the renewed offer's day once it has come, else, while the
    journal has no offer made again, the first letter's, a week after the placement (as
    sending.opening_letter). None for a parent taking part, one the journal says was offered
    it again and whose next offer is not due, or after the programme's last day (no letter
    is made then)."""
    if parent.takker_ja is not False or today > plan.slutt:
        return None
    due = offer_due(parent, plan.start, rules.renew_offer_months)
    if due <= today:
        return due
    # A parent who declined from the start has the offer in writing in the first week; one
    # who declined later has it again renew_offer_months after saying no, not before.
    first = parent.nytt_tilbud is None and parent.takket_nei is None
    return plan.start + timedelta(days=7) if first else None


def offer_due(parent: Forelder, start: date, months: int) -> date:
    """The day a parent who declined is to be offered the programme again: [compliance]
    renew_offer_months after the latest of the placement (start), the day they declined
    after taking part (Forelder.takket_nei) and the day the journal says the offer was last
    made again (Forelder.nytt_tilbud). A parent is not asked again the day after saying no
    (a reader's finding: the letter came the next day, while README promised every three
    months)."""
    since = max(d for d in (start, parent.takket_nei, parent.nytt_tilbud) if d is not None)
    return add_months(since, months)


def offer_waits(parent: Forelder, start: date, months: int, today: date) -> bool:
    """Whether a parent who declined after taking part has no renewed offer yet: the day
    for it (offer_due) is still ahead, and the journal has no offer made since the no."""
    if parent.takker_ja is not False or parent.takket_nei is None:
        return False
    if parent.nytt_tilbud is not None and parent.nytt_tilbud >= parent.takket_nei:
        return False
    return today < offer_due(parent, start, months)


def stale_export(exported: date | None, today: date, stale_days: int | None,
                 t: Tekst | None = None, ended: date | None = None,
                 made: date | None = None) -> Finding | None:
    """The case's newest export is older than [documents] stale_export_days (the journal's
    exports of it stopped coming: the export broke, the case moved to another unit): what
    the documents and letters rest on may no longer hold, and Til utsending lists its
    letters to check (documents/sending.py). Not part of check: the newest export is known
    only as the workbook is made (documents/caseload.py newest_export), so the case's own
    documents never change with it. None for a recent export, or a case with no date.
    ended: the programme's last day, when it has passed: its final plan, overview and
    evaluations rest on an export that was already old on that day (a reader's finding:
    the row went at the end, while the final documents rested on a year-old export), and
    the row says so, with no letter to check; none once an export from its last days came.
    Its deadline is then stale_days from the day its final documents were made (made, or the
    last day when later or unknown), when the re-export is first asked for: not the day the
    export grew old, a deadline long past before anyone was asked (a reader's finding: a
    run half a year after the end showed «Frist» a year back in every such row)."""
    if exported is None or stale_days is None or not export_is_stale(
            exported, today if ended is None else ended, stale_days):
        return None
    t = t or tekst()
    if ended is not None:
        return Finding("eksport_gammel", t("funn.eksport_gammel_avsluttet", dato=t.dato(
            exported), slutt=t.dato(ended)), max(filter(None, (made, ended))) + timedelta(
            days=stale_days), "", MANGLER)
    return Finding("eksport_gammel", t("funn.eksport_gammel", dato=t.dato(exported)),
                   exported + timedelta(days=stale_days), "", MANGLER)


def unmarked_letter(to: str, dated: date | None, due: date | None,
                    t: Tekst | None = None, remade: str = "",
                    letter: str = "informasjonsbrev", maybe_sent: bool = False) -> Finding:
    """An information letter issued by us whose days on Til utsending are over and that
    nobody marked as sent there (documents/sending.py unmarked_letters): its reader may never
    have been told of the programme. So for a renewed offer (letter "nytt_tilbud": a parent
    who declined may never have been offered the programme again). to: whom, as its file
    or its Mottaker names them («mor»; "" for the one letter to the parents); dated: its
    date; due: its «Send innen», the deadline. Made only as the workbook is, from the
    marks: marking it removes the row. remade: a version before it was marked as sent, and
    this one made again with other content, as Til utsending says how («med endrede
    datoer», else «med endret innhold»: documents/sent_marks.py what_changed; "" for
    none): the row says it is the new letter that is not marked (helper 221: a mark on
    any version counted, and the reader kept a letter with dates that no longer hold,
    nobody told). maybe_sent: listed «Kan være sendt før» (the service's first run, the
    programme's first weeks over): the row says it may have been sent before the list was
    taken into use, to check in the journal."""
    t = t or tekst()
    who = to or t("hvem.foreldrene")
    key = f"funn.{letter}_ny_utgave_ikke_merket" if remade else \
        f"funn.{letter}_kan_vaere_sendt_ikke_merket" if maybe_sent else \
        f"funn.{letter}_ikke_merket"
    said = t(key, hvem=who, dato=t.dato(dated), endring=remade) if dated is not None \
        else t(f"{key}_udatert", hvem=who, endring=remade)
    return Finding(f"{letter}_ikke_merket", said, due, "", AVVIK)


def unmarked_invitation(to: str, day: date, meeting: bool, t: Tekst | None = None) -> Finding:
    """An invitation nobody marked as sent whose conversation (or, meeting: the joint
    meeting) was on a day no list to send was made (documents/sending.py _unmarked_passed):
    the list did not ask that day whether its reader was told. Named on the first list
    after that day, once (sending._first_list_after): Til utsending goes on naming it, for
    the clerk, until it is marked or its days are over; due that day. to: its Mottaker."""
    t = t or tekst()
    key = "funn.innkalling_ikke_merket_mote" if meeting else "funn.innkalling_ikke_merket"
    return Finding("innkalling_ikke_merket", t(key, dato=t.dato(day), hvem=to), day, "",
                   AVVIK)


def export_is_stale(exported: date | None, today: date, stale_days: int | None) -> bool:
    """Whether the case's newest export is older than [documents] stale_export_days (None:
    never). The one rule behind the Avvik row (stale_export) and Til utsending's note on each
    letter of the case (documents/sending.py); compared, not subtracted: today may be a
    watched day."""
    return exported is not None and stale_days is not None and (
        today > exported + timedelta(days=stale_days))


def _addressed(who: Forelder | Fosterfamilie) -> bool:
    """Whether letters to them have an address, as the letters write it (rendering/context.py
    _address: a street address and a post town, the postal code or the place or both): a
    letter without, «[mangler: …]», is held back; one with the place but no postal code is
    not (helper 140: the Avvik sheet said the foster family's letters could not be sent while
    Til utsending listed them to send)."""
    return bool(who.adresse and (who.postnummer or who.poststed))


def _no_contact_person(plan: CasePlan, today: date, t: Tekst) -> Finding:
    """No contact person in the journal. With conversations planned, nobody is there to hold
    them: a deviation from the programme, due by the first of them still ahead, for the team
    leader to assign someone (not an IT matter). With none ahead (a date passed unheld is
    no plan: a reader's finding, «planlagt samtaler fra 25. november 2026» read in October
    the year after), or after the programme's last day, a missing fact."""
    planned = [c.dato for c in plan.conversations
               if c.status == "planlagt" and c.dato >= today and today <= plan.slutt]
    if not planned:
        return Finding("kontaktperson_mangler", t("funn.kontaktperson_mangler"), None, "",
                       MANGLER)
    first = min(planned)
    return Finding("kontaktperson_mangler",
                   t("funn.kontaktperson_mangler_samtaler", dato=t.dato(first)),
                   first, "", AVVIK)


SEVERITY_KEYS = {LOVBRUDD: "lovbrudd", AVVIK: "avvik_fra_omsorgspakken",
                 MANGLER: "mangler_opplysninger"}
"""Each severity as a plain key: template tags, status --json."""
