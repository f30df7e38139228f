"""Every variable a template may use, with a description: the one catalogue of them.

`omsorgspakke templates fields` prints it (also as a workbook), and the variable tables in
docs/templates.md are generated from it. Examples come from the synthetic case (synthetic.py)
through the real context builder, so they always show what a document really prints.
tests/test_template_tools.py fails when the context has a variable this catalogue lacks, or
the other way round: add new variables here, then run
`omsorgspakke templates fields --docs docs/templates.md`.

A variable a letter's template reads that letters issued by a release before did not show
declares here, with its description, the value at which it says nothing new (quiet): a
letter issued before keeps its issue and its date on release day (quiet_values,
rendering/prepare.py QUIET_DEFAULTS). tests/test_quiet_values.py fails when a letter's
template reads a variable the oldest recorded release's did not, and it has none.

A group is one kind of object (a party, a conversation, ...). Groups are nested where the
context nests them: CHILDREN says which path inside a group holds which other group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Quiet:
    """A variable's description, with the value at which it says nothing new (quiet)."""
    value: Any
    description: str


def quiet(value: Any, description: str) -> Quiet:
    """A variable added to templates after letters were issued without it, at the value that
    says nothing new (no letter replaced, the first offer, nothing from the journal since the
    conversation before, no «Deres ref.», ...): left out of what a document shows at that
    value (rendering/prepare.py QUIET_DEFAULTS), so a letter issued before keeps its issue
    and its date (store/issued.py), an edited copy of it is not told to be replaced, and
    minutes are not made again beside the copy being written in."""
    return Quiet(value, description)


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    name: str
    """How a template names one of them, e.g. "part" or "s" (in {% for s in part.samtaler %})."""
    fields: dict[str, str]
    quiet: dict[str, Any] = field(default_factory=dict)
    """The variables declared quiet (quiet), by their path inside the group: their value
    that says nothing new."""


def _group(key: str, title: str, name: str, **fields: str | Quiet) -> Group:
    paths = {k.replace("__", "."): v for k, v in fields.items()}
    return Group(key, title, name,
                 {k: v.description if isinstance(v, Quiet) else v for k, v in paths.items()},
                 {k: v.value for k, v in paths.items() if isinstance(v, Quiet)})


WHEN = {"dato": "Datoen.", "dato_med_ukedag": "Datoen med ukedag.", "kort_dato": "Kort dato.",
        "tid": "Start og slutt."}
"""A date and time as every conversation and meeting has them."""
HELD_WITHOUT_TIME = ("Start og slutt; «–» for en holdt samtale når fagsystemet har datoen, "
                     "men ikke klokkeslettet.")

UNDATED_WHEN = {"dato": "Datoen; «ikke registrert (før 19. oktober 2026)» med datoen for den "
                        "neste samtalen som har en dato,",
                "dato_med_ukedag": "Datoen med ukedag; «ikke registrert»",
                "kort_dato": "Kort dato; tom", "tid": f"{HELD_WITHOUT_TIME[:-1]}; «–»",
                "klokkeslett": "Starttidspunktet; «–»"}
UNDATED = ("for en samtale fagsystemet ikke har, som ingen har planlagt (den skulle vært "
           "holdt før saken kom fra fagsystemet).")
"""A conversation's date and time, and what they are for one never planned (the plan's
«Ikke registrert» contacts from before the case came: CaseContext._when)."""

GROUPS = [
    _group(
        "felles", "Tilgjengelig i alle maler", "",
        dato="Dokumentets dato: dagen det ble laget slik det er. Lages det på nytt med samme "
             "innhold en senere dag, beholder det datoen; endres innholdet, får det datoen "
             "for endringen.",
        malform="Målformen dokumentet skrives på: bokmal eller nynorsk.",
        sak__journalnummer="Saksnummeret i fagsystemet.",
        sak__var_referanse="«Vår referanse» i brev (i dag saksnummeret).",
        sak__kommunenummer="Kommunenummeret, fire sifre.",
        sak__kilde="Adapteren som leste saken; tom tekst hvis ukjent.",
        sak__merknader="Liste med merknader om saken fra innlesingen, for eksempel et "
                       "fødselsnummer som ikke stemmer.",
        tjeneste__navn="Navnet på barnevernstjenesten: [service] navn (eller kommunens i "
                       "[kommuner]) når konfigurasjonen har det, ellers eksportens.",
        tjeneste__kommunenavn="Navnet på kommunen.",
        tjeneste__adresse="Gateadressen til tjenesten.",
        tjeneste__postnummer="Postnummeret til tjenesten.",
        tjeneste__poststed="Poststedet til tjenesten.",
        tjeneste__postadresse="Postnummer og sted sammen.",
        tjeneste__besoksadresse=("Besøksadressen; postadressen når ingen egen er oppgitt og den er "
                                 "en gateadresse (aldri en postboks)."),
        tjeneste__telefon="Telefonnummeret til tjenesten.",
        tjeneste__epost="E-postadressen til tjenesten.",
        barn__navn="Barnets fulle navn.",
        barn__fornavn="Barnets fornavn.",
        barn__telefon="Barnets telefonnummer.",
        barn__epost="Barnets e-postadresse.",
        barn__fodselsnummer="Barnets fødselsnummer. Skriv det bare der det trengs.",
        barn__fodselsdato="Barnets fødselsdato.",
        barn__alder="Barnets alder i år i dag.",
        barn__liten="Sann/usann: barnet er under skolealder (under 6 år).",
        barn__egne_samtaler="Sann/usann: barnet har egne samtaler (usann for et barn under "
                            "[schedule] child_conversation_min_age).",
        barn__kjonn="gutt, jente eller ukjent.",
        barn__tolk="Sann/usann: barnet trenger tolk (til {% if %}).",
        barn__sprak="Barnets foretrukne språk.",
        plassering__startdato="Datoen barnet flyttet i fosterhjemmet.",
        plassering__kategori="Typen fosterhjem i ord.",
        plassering__lovhjemmel="Lovhjemmelen for plasseringen slik fagsystemet har den.",
        plassering__i_nettverk="Sann/usann: plassert i familie eller nære nettverk.",
        plassering__frivillig="Ja eller Nei: frivillig plassering.",
        plassering__er_frivillig="Sann/usann: frivillig plassering (fra eksporten, ellers fra "
                                 "lovhjemmelen); endrer ikke hvem som har foreldreansvaret.",
        plassering__er_midlertidig="Sann/usann: midlertidig plassering (fra eksporten, ellers "
                                   "fra lovhjemmelen).",
        fosterfamilie__navn="Fosterforeldrenes navn, for eksempel «Kari Berg og Per Berg».",
        fosterfamilie__adresse="Gateadressen til fosterhjemmet.",
        fosterfamilie__postnummer="Postnummeret til fosterhjemmet.",
        fosterfamilie__poststed="Poststedet til fosterhjemmet.",
        fosterfamilie__postadresse="Postnummer og sted til fosterhjemmet.",
        fosterfamilie__andre_barn="Antall andre barn som bor i fosterhjemmet (0 hvis ukjent).",
        fosterfamilie__malform="Målformen brev til fosterforeldrene skrives på (bokmal eller "
                               "nynorsk).",
        fosterfamilie__en_fosterforelder="Sann/usann: fagsystemet har én fosterforelder (brev "
                                         "til fosterhjemmet sier da «du», ikke «dere»).",
        fosterfamilie__for_barnet="Slik brev til barnet omtaler fosterforeldrene: "
                                  "«fosterforeldrene dine», eller fornavnet når det er én "
                                  "fosterforelder (fagsystemet oppgir ikke kjønn).",
        kontaktperson__navn="Kontaktpersonens navn.",
        kontaktperson__fornavn="Kontaktpersonens fornavn.",
        kontaktperson__telefon="Kontaktpersonens telefonnummer. I brev der eksporten ikke har "
                               "det: tjenestens (tjeneste.telefon) med «(sentralbord)» etter, "
                               "når det er kjent.",
        kontaktperson__epost="Kontaktpersonens e-postadresse. I brev der eksporten ikke har "
                             "den: tjenestens (tjeneste.epost), når den er kjent.",
        kontaktperson__tittel="Kontaktpersonens tittel; «Kontaktperson» hvis ingen er oppgitt.",
        kontaktperson__stilling="Tittelen uten ordet «Kontaktperson» (til raden Kontaktperson i "
                                "en tabell); tom hvis ingen annen tittel er oppgitt.",
        program__navn="Navnet på programmet (Omsorgspakken).",
        program__beskrivelse="En kort beskrivelse av programmet (fra programme.toml).",
        program__start="Første dag i programmet.",
        program__slutt="Siste dag i programmet (det første året).",
        program__merknader="Liste med merknader fra planleggingen, for eksempel en dato "
                           "etter siste dag.",
        samarbeidsklima="godt, krevende, konflikt, eller tom når det ikke er oppgitt.",
        fellesmote_frivillig="Sann/usann: det felles møtet er et tilbud, ikke en fast del av "
                             "planen (krevende samarbeidsklima).",
        besok_gjennomfort="Antall oppfølgingsbesøk som er gjennomført.",
        besok_minimum="Minste antall oppfølgingsbesøk det første året.",
        besok_kilde="Hvor minimumet kommer fra (fosterhjemsforskriften).",
    ),
    _group("opphold", "Et lengre opphold mellom to samtaler (hvert element i opphold)", "o",
           part="Parten, med rollen når foreldrene har hver sin samtale.",
           fra="Datoen for samtalen før.", til="Datoen for samtalen etter.",
           dager="Antall dager mellom dem.",
           siden=("Oppfølgingsplanen: sann/usann: oppholdet er ikke over: datoene etter "
                  "samtalen før (fra) er passert uten at noen samtale er registrert som holdt; "
                  "planen sier «ingen samtale registrert som holdt siden …», og til og dager "
                  "brukes ikke (til er tom)."),
           grunn="Hvorfor det er så lang tid (dato fra fagsystemet, samtale som ikke ble "
                 "holdt, sen første eksport og varsel, opptatt kontaktperson, stengt kontor).",
           egen=("Tom. (Varselet for innkalling eller tolk som et opphold venter på, står i "
                 "den felles grunnen, g.grunn, med hvem det gjelder.)")),
    _group("opphold_grupper", "De lengre oppholdene i rekkefølgen de kommer, samlet når de "
           "etter hverandre har samme grunn "
           "(hvert element i opphold_grupper; g.opphold er oppholdene med den grunnen, med "
           "feltene over)", "g",
           grunn="Grunnen, felles for dem (i flertall når de er flere).",
           alle="«de to oppholdene over» når flere opphold etter hverandre har samme grunn "
                "(«de to siste oppholdene over» når andre opphold står foran dem); tom for ett."),
    _group("fosterforelder", "En fosterforelder (hvert element i fosterfamilie.fosterforeldre)",
           "ff", navn="Navn.", fornavn="Fornavn.", telefon="Telefonnummer.",
           epost="E-postadresse."),
    _group("forelder", "En forelder (hvert element i foreldre)", "f",
           navn="Forelderens navn.", fornavn="Forelderens fornavn.",
           telefon="Forelderens telefonnummer.", epost="Forelderens e-postadresse.",
           adresse="Forelderens gateadresse.", postnummer="Forelderens postnummer.",
           poststed="Forelderens poststed.", postadresse="Postnummer og sted.",
           rolle="mor, far, medmor, ...",
           takker_ja="Sann, usann eller tom (ikke spurt): har takket ja til programmet.",
           takker_ja_tekst="«Har takket ja», «Har takket nei» eller «Ikke avklart».",
           nummer="1, 2, ...: forelderens plass i lista.",
           malform="Målformen brev til forelderen skrives på (bokmal eller nynorsk)."),
    _group("besok", "Et oppfølgingsbesøk (hvert element i besok)", "b",
           dato="Datoen for besøket.", dato_med_ukedag="Datoen med ukedag.",
           tid="Klokkeslett («09.00–10.30») for et besøk vi har planlagt; «–» for et besøk fra "
               "fagsystemet, som bare har datoen.",
           status="Planlagt, Gjennomført eller Over fristen."),
    _group("plan", "En plan (hvert element i planer)", "p",
           tittel="Planens navn med lovhjemmel.", startdato="Startdatoen for planen.",
           evaluert="Datoene planen er evaluert, eller «Ikke evaluert ennå». I "
                    "oppfølgingsplanen også en plan loven krever som ikke er registrert: "
                    "startdato «Ikke registrert», evaluert «–»."),
    _group("sporsmal", "Et vurderingsspørsmål (hvert element i program.vurderingssporsmal)",
           "q", id="Spørsmålets id (positivt, behov_for_stotte, dekkes_av_oppfolging).",
           tekst="Spørsmålet slik det står i referatet."),
    _group("lovhjemmel", "En lovhjemmel (hvert element i program.lovhjemler)", "h",
           id="Planens id.", tittel="Hva planen gjelder.", hjemmel="Lovhjemmelen."),
    _group("part", "En part (part, og hvert element i parter)", "part",
           id="barnet, foreldre eller fosterfamilien.",
           navn="Partens navn: Barnet, Foreldre eller Fosterfamilien.",
           spor="Navnet på partens samtaleløp, for eksempel «Foreldre – fortsatt familie».",
           beskrivelse="En kort beskrivelse av samtaleløpet (kan være tom); i "
                       "oppfølgingsplanen etter programmets siste dag i fortid "
                       "(beskrivelse_fortid i programfilen), når programmet har den.",
           videre_oppfolging="Liste med anbefalt videre oppfølging etter programmet.",
           ikke_planlagt="Hvorfor ingen samtaler er planlagt (for eksempel at foreldrene "
                         "takket nei); tom når de er planlagt.",
           tidligere_fosterhjem="Fosterfamilien, når barnet har flyttet til et annet "
                                "fosterhjem i løpet av året: når barnet flyttet dit, at den "
                                "nye fosterfamilien får hele samtaleløpet fra start, og hvilke "
                                "samtaler som ble holdt med det tidligere fosterhjemmet; ellers "
                                "tom.",
           ikke_registrert="Sann/usann: minst én samtale står som «Ikke registrert» "
                           "(skulle vært holdt før planen ble laget, og fagsystemet viser ikke "
                           "om den ble det). I oppfølgingsplanen etter programmets siste dag: "
                           "sann bare for den siste parten med en samtale som står slik, så "
                           "setningen om det står én gang, under den siste av tabellene.",
           sen="Sann/usann: brevet er datert etter programmets første uker eller etter en av "
               "mottakerens samtaler; da er part.samtaler bare de som kommer (regnet fra "
               "brevets dato, ikke fra dagen det lages igjen).",
           holdt="Samtalene som allerede er holdt (som part.samtaler); tom liste i et brev "
                 "fra starten av programmet.",
           holdt_tidligere="Informasjonsbrevet: part.holdt slik forrige versjon av "
                           "programmet regnet dem med; vises ikke i brevet.",
           holdt_forrige_tidligere="Informasjonsbrevet: part.holdt slik versjonen før "
                                   "den forrige regnet dem med; vises ikke i brevet.",
           foreldresamtale="I et sent brev til en forelder: datoen for den første samtalen "
                           "med foreldrene som er holdt uten at journalen sier hvem som var "
                           "med (den står ikke i part.holdt); ellers tom.",
           i_gang="Sann/usann: samtalene er i gang (part.holdt eller part.foreldresamtale).",
           neste="I informasjonsbrevet: datoen med ukedag for mottakerens neste samtale, "
                 "regnet fra brevets dato; tom når ingen samtale kommer.",
           siste="Sann/usann (informasjonsbrevet): bare én samtale gjenstår (og ingen er "
                 "uten dato).",
           flytting_forst="Sann/usann (informasjonsbrevet): den neste samtalen er en kontakt i "
                          "oppfølgingen i flytteprosessen, og det kommer et tema etter den.",
           neste_avtalt=quiet(False, "Sann/usann (informasjonsbrevet): på brevets dato er det så "
                              "kort tid til den første samtalen at innkallingen til den er en "
                              "bekreftelse, og Til utsending ber kontaktpersonen ringe og avtale "
                              "tiden; brevet sier «Som avtalt på telefon er den første samtalen "
                              "…»."),
           neste_avtalt_i_fagsystemet=quiet(False, "Sann/usann (informasjonsbrevet): tiden for "
                                            "den første samtalen er avtalt i fagsystemet (se "
                                            "samtale.avtalt), så innkallingen bekrefter den, "
                                            "og mottakeren har ikke takket ja ennå; brevet "
                                            "sier «Som avtalt er den første samtalen …», ikke "
                                            "«Vil du være med, …»."),
           mote="I informasjonsbrevet: datoen med ukedag for det felles møtet når det er "
                "blant datoene som kommer; ellers tom.",
           uten_dato="Sann/usann (informasjonsbrevet): en av mottakerens samtaler har ikke "
                     "fått dato (ikke plass i året).",
           mellomrom="I informasjonsbrevet: hvor langt det er mellom temaene som kommer, "
                     "«med noen ukers mellomrom» eller, når to kommer tettere enn to uker, "
                     "«med fra én til noen ukers mellomrom» (under en uke: «med fra noen "
                     "dager til noen ukers mellomrom»).",
           alle_holdt="Sann/usann (informasjonsbrevet): alle mottakerens samtaler er holdt "
                      "(ingen avlyst, uten dato eller passert uten å være registrert)."),
    _group("vurdering", "En vurdering (hvert element v i part.vurderinger, ett per tema)", "v",
           tema="Temanummeret.", tittel="Overskriften, for eksempel «Tema 2: Samvær og kontakt».",
           dato="Datoen for vurderingen; tom hvis ikke vurdert.",
           positivt="Hva som er positivt.",
           behov_for_stotte="Behov for støtte videre.",
           dekkes_av_oppfolging="Om den planlagte oppfølgingen dekker behovene.",
           vurdert="Sann/usann: det finnes en vurdering. Ellers står det «Ikke vurdert "
                   "ennå» i svarene, eller «Ikke fylt ut i referatet» når temaet er holdt "
                   "og referatet kom tilbake uten vurdering, og for et tomt svar i det; «Ikke fylt "
                   "ut» for et tomt svar i en vurdering fra fagsystemet; «Referat ikke levert "
                   "ennå» når temaet er holdt og referatet ikke er lest inn.",
           ikke_fylt_ut="Sann/usann: minst ett svar står som «Ikke fylt ut i referatet» "
                        "(referatet kom tilbake uten svar på spørsmålet).",
           referat_ikke_levert="Sann/usann: temaet er holdt, men ingen referat fra det er "
                               "lest inn; svarene står som «Referat ikke levert ennå»."),
    _group("samtale", "En samtale (samtale, og hvert element s i part.samtaler)", "samtale",
           part="Partens id.", part_navn="Partens navn.",
           forelder="Når foreldrene bor hver for seg og har hver sin samtale: hvem av dem "
                    "(rollen, «mor», «far», eller «forelder 2»); tom når samtalen er felles.",
           hvem_ukjent="Når foreldrene har hver sin samtale, og fagsystemet ikke sier hvem av "
                       "dem en holdt samtale var med: «foreldrene (hvem som var med, er ikke "
                       "registrert)»; ellers tom.",
           tema="Temanummeret; 0 er «Oppfølging i flytteprosessen».",
           nummer="Hvilken kontakt i tema 0 (1, 2, 3); 1 for temaene.",
           tittel="Temaets tittel, med «(kontakt N)» for tema 0 (ikke i brevet til "
                  "foreldrene, informasjonsbrev.docx).",
           overskrift="Overskrift med nummer, for eksempel «Tema 3: Å høre til»; «(kontakt "
                      "N)» som i tittel.",
           **{key: f"{text} {UNDATED}" for key, text in UNDATED_WHEN.items()},
           sted="Hvor samtalen holdes: tjenestens besøksadresse, fosterhjemmet ([schedule] "
                "child_meets_at) eller digitalt for en forelder med lang reisevei.",
           sted_kort="Stedet med ett ord, som oppfølgingsplanens tabeller viser det: "
                     "«Fosterhjemmet», «Kontoret» eller «Digitalt» (adressen står i steder).",
           merknad="Når det er lengre enn [schedule] theme_interval_days siden partens forrige "
                   "samtale: hvor lenge, og hvorfor; ellers tom.",
           status="Planlagt, Gjennomført, Avlyst, Over fristen (planlagt, men datoen er passert) "
                  "eller Ikke registrert (fagsystemet har en senere samtale, men ikke denne). "
                  "I oppfølgingsplanens tabeller står også et tema det ikke er plass til før "
                  "programslutt: «Ikke planlagt», med «ingen ledig dato» som dato, eller med "
                  "datoen det hadde og «Over fristen» når den passerte uten å bli registrert.",
           fra_journal="Sann hvis datoen kommer fra fagsystemet, usann hvis den er beregnet.",
           forste="Sann for partens første samtale (første kontakt i oppfølgingen i "
                  "flytteprosessen): brevet sier «en samtale», ikke «en ny samtale».",
           avtalt="Sann for en kontakt i oppfølgingen i flytteprosessen (tema 0) når datoen "
                  "kommer fra fagsystemet (en avtale som er registrert der): brevet bekrefter "
                  "avtalen i stedet for å invitere. Usann når programmet har foreslått tiden, "
                  "og for temaene.",
           referat_mottatt="Ja når samtalen er gjennomført og referatet er kommet tilbake "
                           "(det utfylte referatet, eller fagsystemet sier det) eller "
                           "vurderingen er kommet, ellers Nei."),
    _group("tema", "Et tema (tema)", "tema",
           nummer="Temanummeret.",
           tittel="Temaets tittel: den saken har en egen tittel for når programfilen gir en "
                  "(tittel_ved, for eksempel ved frivillig plassering), ellers den vanlige.",
           overskrift="Overskrift med nummer.",
           formal="Formålet med samtalen, skrevet for kontaktpersonen (plan og referat). I "
                  "referatet fra en kontakt i oppfølgingen i flytteprosessen som holdes etter "
                  "at tema 1 skulle ha begynt ([schedule] first_theme_after_days), med en "
                  "merknad til slutt om at spørsmålene om tiden rundt flyttingen nå sjekker "
                  "hva som er på plass.",
           i_brev="Hva samtalen handler om, sagt til den som leser brevet (du/dere), med "
                  "barnets fornavn der programfilen har {barn}.",
           i_brev_for="Det i_brev sa i tidligere utgaver av programfilen (liste): for "
                      "programmet, så et brev sendt med de ordene beholder datoen sin. Ikke "
                      "til bruk i maler.",
           verktoy="Liste med forslag til verktøy (filmer, arbeidsark, nettsider).",
           tillegg="Liste over de ekstra delene saken får (for eksempel for plassering i "
                   "familie og nettverk), slik et brev sier dem: programmets i_brev for "
                   "delen, ellers tittelen; i innkallingene til foreldrene og fosterfamilien "
                   "med barnets fornavn for «barnet».",
           er_siste="Sann for partens siste tema (der sluttevalueringen skrives)."),
    _group("seksjon", "En del av samtaleplanen (hvert element i tema.seksjoner)", "seksjon",
           tittel="Overskriften for delen.",
           sporsmal="Liste med spørsmål i delen. I referatet fra en samtale med én forelder "
                    "(foreldre som bor hver for seg, eller den eneste som er med) stilles "
                    "foreldrenes spørsmål til «du», ikke «dere»."),
    _group("mottaker", "En mottaker av et brev (mottaker)", "mottaker",
           navn="Mottakerens navn.", adresse="Gateadressen.", postadresse="Postnummer og sted.",
           co="«c/o ...» når brevet sendes via fosterhjemmet; ellers tom.",
           fil="Tillegget i filnavnet: rollen («mor», «far») eller «forelder 2»; tomt når det er "
               "én mottaker og foreldrene ikke bor hver for seg.",
           tolk="Sann/usann: mottakeren trenger tolk.",
           sprak="Språket det trengs tolk til.",
           er_barnet="Sann når brevet er skrevet til barnet.",
           hilsen="Navnet i hilsenen i brev til barnet («Hei, ...»).",
           lang_reisevei="Sann/usann: en forelder med lang reisevei (tilbud om video eller "
                         "et møtested nærmere).",
           rolle="Hvem som leser brevet: forelder, fosterforeldre eller barnet.",
           referanse=quiet("", "Mottakerens egen referanse («Deres ref.»), fra eksporten "
                           "(foreldre[].referanse, fosterfamilie.referanse); tom når ingen er "
                           "oppgitt, og alltid i brev til barnet."),
           en_person="Sann når brevet er til én person: en forelder, barnet eller den ene "
                     "fosterforelderen (brevet sier «du»); usann til to fosterforeldre "
                     "(«dere»).",
           hvem="For en forelder: rollen (mor, far, ...) eller «forelder 2»; ellers tom.",
           malform="bokmal eller nynorsk når mottakeren har bedt om en målform; ellers tom "
                   "(brevet følger kommunens).",
           andre="For en forelder: de andre foreldrene som er invitert til samme samtale "
                 "eller møte, med stor forbokstav («Faren til Sofie», ellers rollen eller "
                 "«Den andre forelderen»); ellers tom.",
           takket_ja="Sann når forelderen har takket ja til Omsorgspakken (fra "
                     "eksporten); ellers usann.",
           forelder="For en forelder: plassen i foreldre, fra 0 (hvem samtalene gjelder når "
                    "foreldrene bor hver for seg).",
           sendes="Hvordan brevet sendes: digitalt eller post (fra eksporten, ellers "
                  "innstillingen delivery_default; delivery_child for barnet)."),
    _group("fellesmote", "Det felles møtet med foreldre, fosterforeldre og tjenesten "
           "(fellesmote)", "fellesmote",
           **WHEN, status="Planlagt så lenge datoen ikke er passert; tom når den er passert "
                          "(ingen eksport sier om møtet ble holdt, så det står verken "
                          "«Gjennomført» eller «Over fristen»; se fellesmote.passert).",
           passert="Sann/usann: datoen for møtet er passert (ingen eksport sier om det ble "
                   "holdt).",
           etter_tema="Temaet møtet kommer etter.",
           etter=quiet(False, "Sann/usann, i invitasjonen: dagen for hver av samtalene om temaet "
                       "møtet kommer etter, med foreldrene og fosterfamilien, er passert den "
                       "dagen brevet er datert («… bygger videre på samtalene om «Samvær og "
                       "samarbeid» med deg og fosterforeldrene hver for seg»; ellers «som du og "
                       "fosterforeldrene har med meg»)."),
           sted="Hvor møtet holdes: tjenestens besøksadresse ([service] besoksadresse).",
           til_stede="Hvem som kommer, etter rolle: hver forelder som er invitert "
                     "(«foreldrene» når journalen ikke har navn på dem), fosterforeldrene "
                     "(den ene fosterforelderen med rolle og navn) og kontaktpersonen med "
                     "navn. I et brev er mottakeren «du» («dere») og kontaktpersonen «jeg»; "
                     "i brevet til en forelder kommer «du» først, så mor, far og andre "
                     "foreldre, uansett rekkefølgen i eksporten.",
           andre_foreldre="I invitasjonen til en forelder: de andre foreldrene som er "
                          "invitert, slik første setning nevner dem sammen med mottakeren "
                          "(«Jeg inviterer deg og faren til Sofie til et felles møte …»); "
                          "tom når mottakeren er den eneste forelderen som er invitert, og i "
                          "brevet til fosterforeldrene.",
           foreldrene="Foreldrene som kommer, slik brevet til fosterforeldrene nevner dem: "
                      "«foreldrene til Sofie», eller den ene etter rolle («moren til Jonas»).",
           hos_foreldrene="Hvor barnet skal kjenne seg trygg: «foreldrene», eller den ene "
                          "forelderen («moren sin»; «deg» i brevet til den forelderen)."),
    _group("referat", "Det som står i feltene i et referat før kontaktpersonen skriver "
           "(referat)", "referat",
           holdt="Datoen samtalen ble holdt når fagsystemet har den som gjennomført; ellers "
                 "tom (feltet viser da hva som skal skrives).",
           holdt_hjelp="Hjelpeteksten i feltet «Dato holdt», med samtalens planlagte dato som "
                       "eksempel («Skriv datoen samtalen ble holdt, for eksempel 18.01.2027.»); "
                       "uten eksempel for en samtale fagsystemet ikke har, der ingen senere "
                       "samtale har dato («Skriv datoen samtalen ble holdt.»).",
           til_stede="Hjelpeteksten i feltet «Til stede»: i barnets referat skal også barnet "
                     "nevnes, eller hvorfor barnet ikke var med. For en planlagt samtale "
                     "begynner den med hvem som er invitert («Invitert: …»).",
           invitert="Referatet fra felles møte: hvem som er invitert, hver med navn og rolle "
                    "(«Camilla Lindqvist (mor)»), én i hvert avsnitt; den fagsystemet ikke har "
                    "navnet på, med rollen. Foreldrene står i samme rekkefølge som i "
                    "invitasjonene: mor, far, så andre foreldre, uansett rekkefølgen i "
                    "eksporten.",
           tolk="Hjelpeteksten i feltet «Tolk», med språket, når parten har tolk (barnet, "
                "forelderen eller foreldrene); tom ellers, og da er raden ikke med.",
           vurdering_fra_journal="Sann når fagsystemet allerede har vurderingen fra en "
                                 "samtale det har som gjennomført.",
           ikke_registrert=quiet(False, "Sann når fagsystemet ikke har samtalen, men en senere "
                                 "samtale med parten (referatet skrives bare hvis den ble "
                                 "holdt)."),
           deltakere="Hvem fagsystemet har som til stede i en samtale det har som gjennomført, "
                     "én i hvert avsnitt i feltet «Til stede»; tom ellers.",
           vurdering__positivt="Vurderingen fra fagsystemet, hvis den finnes: hva er positivt.",
           vurdering__behov_for_stotte="Vurderingen fra fagsystemet: behov for støtte videre.",
           vurdering__dekkes_av_oppfolging="Vurderingen fra fagsystemet: dekkes behovene av "
                                           "planlagt oppfølging?",
           siden_sist__tittel=quiet("", "Overskriften på delen etter «Plan for samtalen» om det "
                                    "fagsystemet registrerte etter partens forrige samtale med "
                                    "vurdering (programfilens siden_sist: «Oppfølging fra "
                                    "sist»); tom når fagsystemet ikke har noe der, og da er "
                                    "delen ikke med."),
           siden_sist__innledning=quiet("", "Hvilken samtale det gjelder: «Etter tema 1 «Den nye "
                                        "familien» 19. oktober 2026 ble dette registrert i "
                                        "fagsystemet:»; tom når delen ikke er med."),
           siden_sist__fra_journal=quiet([], "Liste med det fagsystemet registrerte, hvert med "
                                         "navn («Behov for støtte», «Oppfølging») og tekst: navn "
                                         "og tekst i hvert element; tom liste når delen ikke er "
                                         "med."),
           siden_sist__sporsmal=quiet([], "Liste med spørsmålene i delen («Hvordan har det gått "
                                      "med dette siden sist?»); tom når delen ikke er med.")),
    _group("tilpasning", "En tilpasning saken har (hvert element i tilpasninger)", "t",
           tittel="Tilpasningens navn.", tekst="Hva tilpasningen betyr i denne saken.",
           temaer="Temaene som får ekstra spørsmål; tom hvis ingen."),
    _group("planevaluering", "En plan i sluttevalueringen (hvert element i planevaluering)",
           "p", tittel="Planens navn.", hjemmel="Lovhjemmelen.",
           finnes="«Ja» eller «Ikke registrert»: saken har planen i fagsystemet.",
           sist_evaluert="Datoen planen sist ble evaluert; «Ikke evaluert ennå»; tom når "
                         "planen ikke finnes."),
    _group("mal", "Bare i enkelte maler", "",
           temaer="Liste med temaene parten kan få (nytt tilbud).",
           temaer_for="Nytt tilbud: temaene slik tidligere versjoner skrev dem («barnet» "
                      "der temaer nå har barnets fornavn): for programmet, så et brev sendt "
                      "med de ordene beholder datoen sin. Ikke til bruk i maler.",
           runde=quiet(1, "Nytt tilbud: hvilket brev om tilbudet dette er, 1 for det første, 2 "
                       "for «(nr 2)» og så videre."),
           kort_varsel=quiet(False, "Innkallinger: sann når brevet foreslår en tid som ikke er "
                             "avtalt, og lages så sent at mottakeren ikke rekker å svare (Kort "
                             "varsel i Til utsending): tiden avtales på telefon, og brevet "
                             "bekrefter den; ellers usann."),
           erstatter=quiet("", "Innkallinger: datoen til brevet denne erstatter, når samtalen "
                           "eller møtet har fått nytt tidspunkt etter at det første brevet ble "
                           "laget («24. september 2026»). Informasjonsbrev: datoen til brevet "
                           "før, når datoene i brevet er endret siden det. Begge: datoen til "
                           "brevet som er merket som sendt, når noe annet brevet viser er endret "
                           "siden (adresse, tolk, kontaktperson); ellers tom."),
           erstatter_uten_datoer=quiet(False, "Sann når brevet sier bare hvilket brev det "
                                       "erstatter (erstatter), ikke at datoene eller tiden er "
                                       "endret: informasjonsbrevet når brevet før ble laget av "
                                       "en versjon som ikke tok vare på datoene; "
                                       "informasjonsbrevet og innkallingene når brevet før er "
                                       "merket som sendt og noe annet i brevet er endret siden; "
                                       "ellers usann."),
           erstatter_invitert=quiet(False, "Informasjonsbrev: sann når brevet erstatter brevet "
                                    "før (erstatter) bare fordi det er endret hvem andre som er "
                                    "invitert til det felles møtet, ikke noen av datoene; ellers "
                                    "usann."),
           samtale_avlyst=quiet("", "Innkallinger: datoen samtalen hadde når fagsystemet sier at "
                                "den ble avlyst den dagen, og den er planlagt på nytt: "
                                "innkallingen som erstatter den første, sier at samtalen ble "
                                "avlyst og hva den nye tiden er. Ellers tom."),
           samtale_avlyst_forste=quiet("", "Innkallinger: datoen samtalen hadde når fagsystemet "
                                       "sier at den ble avlyst den dagen, og den er planlagt på "
                                       "nytt, i den første innkallingen til samtalen (den "
                                       "erstatter ingen innkalling), når mottakeren har fått et "
                                       "brev med den datoen som er merket som sendt: den sier at "
                                       "samtalen ble avlyst og hva den nye tiden er. Ellers tom."),
           ny_kontakt_forste=quiet(False, "Innkallinger, også til felles møte, og "
                                   "informasjonsbrev: sann første gang brevet lages, når det "
                                   "siste brevet som er merket som sendt til mottakeren, nevnte "
                                   "en annen kontaktperson (et brev til begge fosterforeldrene "
                                   "regnes som sendt til hver av dem): brevet sier at "
                                   "kontaktpersonen er ny. Ikke når bare telefonnummeret er "
                                   "nytt. Ellers usann."),
           erstatter_ny_kontakt=quiet(False, "Innkallinger og informasjonsbrev: sann når brevet "
                                      "erstatter et brev som er merket som sendt og som nevnte "
                                      "en annen kontaktperson, også når tiden eller datoene er "
                                      "endret: brevet sier det én gang; ellers usann."),
           flyttet_fosterhjem=quiet(False, "Informasjonsbrevet: sann når brevet erstatter et "
                                    "brev som først ble laget før barnet flyttet til et annet "
                                    "fosterhjem: brevet sier at barnet har flyttet; ellers "
                                    "usann."),
           forelder="Sluttevalueringen: navnet på forelderen den gjelder når foreldrene får "
                    "hver sin; ellers tom.",
           arkiveres="Sann når dokumentet arkiveres i journalen av seg selv når det er "
                     "skrevet i ([archive] enabled): sluttevalueringen etter programmets "
                     "siste dag, referatet fra det felles møtet dagen etter møtet.",
           arkiveres_til="Sluttevalueringen: den siste dagen den arkiveres av seg selv "
                         "(«28. februar 2028»), når den ble laget mer enn tre måneder etter "
                         "programmets siste dag (ingen kjøring i mellomtiden): tre måneder "
                         "etter at den ble laget; ellers tom (da gjelder det i tre måneder "
                         "etter siste dag).",
           avsluttet="Sluttevalueringen: sann etter programmets siste dag, eller når dagen for "
                     "sporets siste tema er passert og ingenting i sporet er planlagt fram i "
                     "tid (innledningen sier "
                     "da hva tabellen viser, ikke hva som skal gjøres før siste tema, og "
                     "planene «skulle evalueres»).",
           avslag="Sluttevalueringen: hvorfor temaene ikke er vurdert (takket nei, og når "
                  "tilbudet kan gis på nytt, eller barnet har ikke egne samtaler); ellers tom.",
           besok_gjenstar="Regnearket: besøk som gjenstår for å nå minimum (et tall).",
           besok_gjenstar_navn="Regnearket: ledeteksten foran besok_gjenstar, «Gjenstår:», "
                               "etter programmets siste dag «Manglet:».",
           besok_minimum_navn="Regnearket: ledeteksten foran besok_minimum, «Minimum første "
                              "år:»; for en sak som avsluttes i løpet av året «Minimum til "
                              "programslutt:», og besok_minimum er da besøkene som skal være "
                              "holdt fram til da (som i avviket).",
           snart_dager="Regnearket: [documents] due_soon_days (et tall); fargereglene leser "
                       "det fra cellen sin.",
           antall_avvik="Regnearket: hvor mange funn saken har, alle tre alvorlighetsgradene "
                        "(et tall); radene med Lovfrist og merknaden om referater er ikke "
                        "funn og telles ikke.",
           planfrist="Oppfølgingsplanen: datoen planene for barnet skal være laget innen "
                     "([compliance] plan_due_days etter flyttingen).",
           planfrist_passert="Oppfølgingsplanen: sann/usann: planfristen er passert.",
           planer_mangler="Oppfølgingsplanen: sann/usann: planer lister en plan loven krever "
                          "nå, som eksporten viser at ikke er registrert (startdato «Ikke "
                          "registrert»).",
           opphold_grense="Oppfølgingsplanen: [compliance] max_conversation_gap_days, det "
                          "lengste det skal være mellom to samtaler, som Avvik regner det (et "
                          "tall); lengre opphold står under «Lengre opphold mellom samtalene».",
           samtaler_holdt="Oppfølgingsplanen: sann/usann: minst én samtale er registrert som "
                          "holdt; planen sier da ikke at datoene «settes opp allerede nå».",
           samtaler_gjenstar="Oppfølgingsplanen: sann/usann: programmet pågår, og minst én "
                             "samtale er ikke holdt ennå (planlagt, eller uten dato); ellers "
                             "sier planen ikke «datoene for dem som gjenstår».",
           samtaler_framover="Oppfølgingsplanen: sann/usann: minst én planlagt samtale har "
                             "dato i dag eller senere; ellers sier planen ikke «datoene for "
                             "dem som gjenstår» eller at datoene «settes opp allerede nå».",
           samtaler_passert="Oppfølgingsplanen: sann/usann: minst én planlagt samtale har "
                            "en dato som er passert uten at den er registrert som holdt.",
           programmet_over="Oppfølgingsplanen: sann/usann: programmets siste dag er passert; "
                           "planen forteller da året i fortid («varte», «fulgte opp», «skulle "
                           "besøke», «skulle evalueres») og viser hvilke samtaler som ble "
                           "holdt, og hvilke som ikke ble det."),
    _group("rad_sted", "Et sted i oppfølgingsplanens liste over stedene samtalene holdes, "
           "hvert én gang, i den rekkefølgen de først kommer (steder)", "steder",
           navn="Stedet med ett ord, som samtale.sted_kort.",
           adresse="Hvor det er: fosterhjemmets adresse, tjenestens navn og besøksadresse, "
                   "eller det digitale møtet som tilbys."),
    _group("rad_samtale", "En rad i regnearkets samtaleliste (samtaler)", "samtaler",
           part="Partens navn.",
           tema="Temanummeret (et tall), eller «Flytting» for oppfølgingen i flytteprosessen.",
           tittel="Temaets tittel.",
           dato="Datoen (en ekte dato; formater cellen); «–» " + UNDATED,
           tid=f"{HELD_WITHOUT_TIME[:-1]}; «–» " + UNDATED,
           status="Planlagt, Gjennomført, Avlyst, Over fristen eller Ikke registrert.",
           referat="Ja når samtalen er holdt og referatet er kommet tilbake (det utfylte "
                   "referatet, eller fagsystemet sier det) eller vurderingen er kommet, Nei "
                   "når den er holdt uten, tom så lenge den ikke er holdt.",
           kilde="Journal (datoen fra fagsystemet), Referat (datoen fra referatet som kom "
                 "tilbake) eller Beregnet; tom " + UNDATED,
           merknad="Lengre opphold siden forrige samtale, og grunnen; ellers tom."),
    _group("rad_besok", "En rad i regnearkets besøksliste (besok_liste)", "besok_liste",
           dato="Datoen (en ekte dato).", status="Planlagt, Gjennomført eller Over fristen."),
    _group("rad_avvik", "En rad i regnearkets liste over det som må følges opp (avvik; "
           "docs/compliance.md)", "avvik",
           hva="Én setning: hva som er galt, og hva som må gjøres; for en lovfrist som "
               "kommer, det samme som Saksoversikten sier om den («Lovfrist: …»).",
           frist="Fristen (en ekte dato), eller tom.",
           hjemmel="Lovhjemmelen, eller tom der regelen er Omsorgspakkens egen.",
           alvor="Lovbrudd, Avvik fra Omsorgspakken eller Mangler opplysninger; Lovfrist "
                 "for en plans lovfrist som kommer ([compliance] deadline_notice_days); "
                 "tom for merknaden om referater det skrives i, laget før fagsystemet "
                 "rettet barnets kjønn."),
]
BY_KEY = {g.key: g for g in GROUPS}

CHILDREN: dict[str, dict[str, str]] = {
    "felles": {
        "fosterfamilie.fosterforeldre[]": "fosterforelder", "foreldre[]": "forelder",
        "besok[]": "besok", "planer[]": "plan", "planevaluering[]": "planevaluering",
        "program.vurderingssporsmal[]": "sporsmal",
        "program.lovhjemler[]": "lovhjemmel", "parter[]": "part", "part": "part",
        "samtale": "samtale", "tema": "tema", "mottaker": "mottaker",
        "fellesmote": "fellesmote", "referat": "referat", "tilpasninger[]": "tilpasning",
        "samtaler[]": "rad_samtale", "besok_liste[]": "rad_besok", "opphold[]": "opphold",
        "opphold_grupper[]": "opphold_grupper", "avvik[]": "rad_avvik", "steder[]": "rad_sted",
    },
    # (samtaler_tidligere, holdt_tidligere, and the same _forrige_tidligere: the rows as the
    # release before, and the one before that, fingerprinted them, never shown:
    # documents/informasjonsbrev.py _rows_before.)
    "part": {"samtaler[]": "samtale", "holdt[]": "samtale", "vurderinger[]": "vurdering",
             "samtaler_tidligere[]": "samtale", "holdt_tidligere[]": "samtale",
             "samtaler_forrige_tidligere[]": "samtale",
             "holdt_forrige_tidligere[]": "samtale"},
    "tema": {"seksjoner[]": "seksjon"},
    "opphold_grupper": {"opphold[]": "opphold"},
}
TEMPLATE_ONLY = ("temaer", "temaer_for", "kort_varsel", "runde", "erstatter",
                 "erstatter_uten_datoer", "erstatter_invitert", "erstatter_ny_kontakt",
                 "samtale_avlyst",
                 "samtale_avlyst_forste", "ny_kontakt_forste",
                 "flyttet_fosterhjem",
                 "besok_gjenstar",
                 "besok_gjenstar_navn", "besok_minimum_navn",
                 "snart_dager", "arkiveres", "arkiveres_til", "avsluttet",
                 "avslag", "forelder", "antall_avvik", "planfrist", "planfrist_passert",
                 "planer_mangler", "opphold_grense", "samtaler_holdt", "samtaler_gjenstar",
                 "samtaler_framover", "samtaler_passert", "programmet_over")
"""Top-level variables that belong to the group "mal" (only some templates have them)."""


def quiet_values() -> dict[str, Any]:
    """Each variable declared quiet (quiet), by its dotted path in a document's context, at
    the value that says nothing new: rendering/prepare.py QUIET_DEFAULTS."""
    out: dict[str, Any] = {}
    for group in GROUPS:
        if group.quiet:
            at = _context_path(group)
            out.update({f"{at}.{path}" if at else path: value
                        for path, value in group.quiet.items()})
    return out


def _context_path(group: Group) -> str:
    """Where a document's context holds the group, as a dotted path ("" at the top): only a
    path without a list, as what a template shows is keyed (uses.shown), so a variable of a
    group met only as a list's item (a conversation of part.samtaler) cannot be quiet."""
    if group.key in ("felles", "mal"):
        return ""
    paths = [path for path, key in CHILDREN["felles"].items()
             if key == group.key and not path.endswith("[]")]
    if len(paths) != 1:
        raise ValueError(f"{group.key}: a quiet variable needs the group at one path of the "
                         "context without a list")
    return paths[0]


@dataclass
class Field:
    group: Group
    path: str
    description: str
    example: str = ""
    templates: set[str] = field(default_factory=set)

    @property
    def variable(self) -> str:
        return f"{self.group.name}.{self.path}" if self.group.name else self.path


def leaves(value: Any, group: str = "felles", rel: str = "") -> Iterator[tuple[str, str, Any]]:
    """(group key, path inside the group, sample value) for every variable in a context."""
    child = CHILDREN.get(group, {}).get(rel) if rel else None
    if child:
        yield from leaves(value, child, "")
    elif group == "felles" and rel in TEMPLATE_ONLY:
        yield "mal", rel, value
    elif isinstance(value, dict) and value:
        for key, item in value.items():
            yield from leaves(item, group, f"{rel}.{key}" if rel else key)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        yield from leaves(value[0], group, rel + "[]")
    else:
        yield group, rel, value


def catalogue(documents: dict[str, Any]) -> list[Field]:
    """Every catalogued field with its example and the templates that can use it.

    documents: template name -> a Document made for the synthetic case (its context)."""
    fields = {(g.key, p): Field(g, p, d) for g in GROUPS for p, d in g.fields.items()}
    for template, doc in sorted(documents.items()):
        for group, path, value in leaves(doc.context):
            found = fields.get((group, path))
            if found is None:
                continue
            found.templates.add(template)
            found.example = found.example or example(value)
    return list(fields.values())


def unknown(documents: dict[str, Any]) -> list[str]:
    """Variables in the contexts that the catalogue does not describe."""
    known = {(g.key, p) for g in GROUPS for p in g.fields}
    return sorted({f"{group}: {path}" for doc in documents.values()
                   for group, path, _ in leaves(doc.context) if (group, path) not in known})


def example(value: Any) -> str:
    if isinstance(value, list):
        return (example(value[0]) + (" …" if len(value) > 1 else "")) if value else "(tom liste)"
    if isinstance(value, bool):
        return "sann" if value else "usann"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    text = str(value)
    if not text:
        return "(tom)"
    return text if len(text) <= 60 else text[:57].rstrip() + " …"


# --- Output -------------------------------------------------------------------------------

def as_text(fields: list[Field], all_templates: set[str]) -> str:
    lines = []
    for group in GROUPS:
        rows = [f for f in fields if f.group is group and f.templates]
        if not rows:
            continue
        lines += ["", group.title, "-" * len(group.title)]
        for f in rows:
            lines.append(f"  {f.variable}")
            lines.append(f"      {f.description}")
            lines.append(f"      Eksempel: {f.example}")
            if f.templates != all_templates:
                lines.append(f"      Maler: {', '.join(sorted(f.templates))}")
    return "\n".join(lines).lstrip("\n") + "\n"


def per_template(documents: dict[str, Any]) -> dict[str, list[str]]:
    """For each template, the top-level variables it has besides those every template has."""
    common = set.intersection(*(set(d.context) for d in documents.values())) if documents else set()
    return {name: sorted(set(doc.context) - common) for name, doc in sorted(documents.items())}


def as_markdown(fields: list[Field], all_templates: set[str],
                extra: dict[str, list[str]] | None = None) -> str:
    out = []
    if extra:
        out += ["### Per mal", "", "| Mal | Variabler i tillegg til dem alle maler har |",
                "|---|---|"]
        out += [f"| `{name}` | {', '.join(f'`{v}`' for v in names) or 'ingen'} |"
                for name, names in extra.items()]
        out.append("")
    for group in GROUPS:
        rows = [f for f in fields if f.group is group]
        out += [f"### {group.title}", "", "| Variabel | Beskrivelse | Eksempel |", "|---|---|---|"]
        for f in rows:
            where = "" if f.templates == all_templates or not f.templates else (
                f" Bare i {', '.join(f'`{t}`' for t in sorted(f.templates))}.")
            out.append(f"| `{f.variable}` | {_cell(f.description)}{where} | {_cell(f.example)} |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("{%", "`{%").replace("%}", "%}`")


def as_rows(fields: list[Field]) -> list[tuple[str, str, str, str, str]]:
    """For the workbook: variable, group, description, example, templates."""
    return [(f.variable, f.group.title, f.description, f.example, ", ".join(sorted(f.templates)))
            for f in fields]


DOCS_START = "<!-- fields:start -->"
DOCS_END = "<!-- fields:end -->"


def replace_docs_section(text: str, generated: str) -> str:
    """text with everything between the markers replaced by the generated tables."""
    pattern = re.compile(re.escape(DOCS_START) + r".*?" + re.escape(DOCS_END), re.S)
    if not pattern.search(text):
        raise ValueError(f"fant ikke {DOCS_START} … {DOCS_END}")
    return pattern.sub(lambda m: f"{DOCS_START}\n{generated}\n{DOCS_END}", text)
