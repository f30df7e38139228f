"""The nynorsk templates: the text of every bokmål template, in nynorsk.

tools/build_templates.py builds each template in bokmål (templates/nb/) and then once more,
with every run of text replaced by its nynorsk here, as templates/nn/: the same layout and
the same fields, in the other written standard. A run with no nynorsk here stops the build
and is named, so a template change in bokmål cannot leave the nynorsk template behind.

The places to write in the minutes and the workbooks' status words come from the text
catalogues (omsorgspakke_docs/text/), the same words the program itself writes.
"""

from __future__ import annotations

import re

from build_templates import (
    AGREED,
    ASK_FOR,
    CALL_OR_WRITE,
    CALL_OR_WRITE_ALL,
    CHILD_FIRST,
    CHILD_SHORT,
    CHILD_THEME,
    COMING,
    CONTACT_ALSO,
    CONTACT_FIRST,
    CONTACT_FIRST_TOO,
    CONTACT_TOO,
    EACH_LETTER,
    JOINT_TALKS,
    JOINT_TALKS_WITH,
    MEETING_ROW,
    NEW_TO_CHILD,
    NEXT_DATES,
    ONE_FOSTER,
    RING,
    RING_LC,
    THEME_IS,
    YOU,
)
from docx.oxml.ns import qn

from omsorgspakke_docs.text import tekst

LANGUAGE = "nn-NO"

THE_MEETING_NN = ("{% if 'Felles møte' in " + MEETING_ROW + " %}{{ " + MEETING_ROW
                  + "|replace('Felles møte', 'det felles møtet', 1) }}{% else %}det felles "
                  "møtet med " + ONE_FOSTER + "fosterforelderen{% else %}fosterforeldra"
                  "{% endif %}{% endif %}")
"""build_templates.THE_MEETING in nynorsk: the row's heading is in nynorsk already."""
EACH_CONVERSATION_NN = ("Kvar samtale varer inntil halvannan time. Du bestemmer sjølv kva du "
                        "vil fortelje, og etter kvar samtale får du vite kva eg skriv ned.")
COMING_NN = ("{% if part.neste %}{% if part.i_gang %}Neste samtale med deg er "
             "{{ part.neste }}{% if part.siste %}, og det er den siste i {{ program.navn }}."
             "{% elif part.flytting_forst %}, og då snakkar vi om korleis du har det etter "
             "flyttinga. Etter det møtest vi til samtalar om ulike tema, {{ part.mellomrom }}."
             "{% else %}. Vi møtest til samtalar om ulike tema, {{ part.mellomrom }}.{% endif %}"
             "{% else %}{% if part.neste_avtalt %}Som avtalt på telefon er den første "
             "samtalen{% elif mottaker.takket_ja %}Den første samtalen er{% elif "
             "part.neste_avtalt_i_fagsystemet %}Som avtalt er den første samtalen{% else %}"
             "Vil du vere med, er den første samtalen{% endif %} {{ part.neste }}. "
             "{% if part.siste %}Det er den einaste samtalen med deg i {{ program.navn }}."
             "{% elif part.flytting_forst %}"
             "Først snakkar vi om korleis du har det etter flyttinga, og etter det møtest vi til "
             "samtalar om ulike tema, {{ part.mellomrom }}.{% else %}Vi møtest til samtalar om "
             "ulike tema, {{ part.mellomrom }}.{% endif %}{% endif %} " + EACH_CONVERSATION_NN
             + "{% elif part.alle_holdt %}Vi har hatt alle "
             "samtalane med deg i {{ program.navn }}.{% if part.mote %} Det som står att, er "
             + THE_MEETING_NN + " {{ part.mote }}.{% endif %}{% else %}Vi møtest til samtalar "
             "om ulike tema, {{ part.mellomrom }}. " + EACH_CONVERSATION_NN + "{% endif %}")
"""In nynorsk, the late information letter's next conversations (build_templates.COMING),
with what each conversation is like: parts of more than one paragraph's text."""
NEXT_DATES_NN = ("{% if part.uten_dato %}Her er datoane som er sette opp"
                 "{% elif not part.i_gang %}Alle datoane er sette opp alt no"
                 "{% elif not part.neste %}Her er datoen for møtet som står att"
                 "{% elif part.siste and part.mote %}Her er datoane for samtalen og møtet som "
                 "står att{% elif part.siste %}Her er datoen for samtalen som står att"
                 "{% else %}Her er datoane for samtalane som står att{% endif %}, slik at du "
                 "veit kva som kjem.{% if part.uten_dato %} Nokre av samtalane dine har ikkje "
                 "fått dato enno; dei avtalar vi med deg.{% endif %}")
EACH_LETTER_NN = ("{% if part.siste and part.mote %}Før samtalen og før møtet{% else %}Før "
                  "kvar samtale{% endif %} får du også eit eige brev med tid og stad.{% else %} "
                  "Før møtet får du også eit eige brev med tid og stad.{% endif %}")
"""build_templates.NEXT_DATES and EACH_LETTER in nynorsk."""
THEME_IS_NN = ("{% if samtale.forste %}Temaet er{% elif samtale.tema == 0 %}Temaet er framleis"
               "{% else %}Denne gongen er temaet{% endif %}")
TALK_ABOUT_NN = ("{% if " + CHILD_FIRST + " %}Vi skal snakke om{% else %}Denne gongen skal vi "
                 "snakke om{% endif %}")
"""build_templates.THEME_IS and TALK_ABOUT in nynorsk."""
JOINT_TALKS_NN = ('{% if mottaker.rolle == "forelder" %}du og ' + ONE_FOSTER
                  + "{{ fosterfamilie.navn }}{% else %}fosterforeldra{% endif %}{% else %}"
                  "{% if mottaker.en_person %}du{% else %}de{% endif %} og "
                  "{{ fellesmote.foreldrene }}{% endif %}")
"""build_templates.JOINT_TALKS in nynorsk."""
JOINT_TALKS_WITH_NN = ('{% if mottaker.rolle == "forelder" %}deg og ' + ONE_FOSTER
                       + "{{ fosterfamilie.navn }}{% else %}fosterforeldra{% endif %}{% else %}"
                       "{% if mottaker.en_person %}deg{% else %}dykk{% endif %} og "
                       "{{ fellesmote.foreldrene }}{% endif %}")
"""build_templates.JOINT_TALKS_WITH in nynorsk."""


CONTACT_TOO_NN = CONTACT_TOO.replace(" har også fått", " har òg fått")
"""build_templates.CONTACT_TOO in nynorsk (the rest of its words are the same)."""
CONTACT_ALSO_NN = CONTACT_ALSO
"""build_templates.CONTACT_ALSO: the same words in nynorsk."""
CONTACT_FIRST_TOO_NN = CONTACT_FIRST_TOO.replace(" har også fått", " har òg fått")
"""build_templates.CONTACT_FIRST_TOO in nynorsk."""

TEXT: dict[str, str] = {
    # Letterhead, reference block, header and footer
    "Saksbehandler:": "Saksbehandlar:",
    "Med vennlig hilsen": "Med vennleg helsing",

    # An invitation for a meeting moved (build_templates.replaces_paragraph)
    "Samtalen har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra "
    "{{ erstatter }}." + CONTACT_TOO:
        "Samtalen har fått nytt tidspunkt. Dette brevet erstattar brevet vårt frå "
        "{{ erstatter }}." + CONTACT_TOO_NN,
    # ... marked as sent, issued anew for a new contact person (build_templates.NEW_CONTACT)
    "{% if mottaker.er_barnet %}Du{% else %}{{ barn.fornavn }}{% endif %} har fått ny "
    "kontaktperson hos oss, {{ kontaktperson.navn }}. Dette brevet erstatter brevet vårt fra "
    "{{ erstatter }}.":
        "{% if mottaker.er_barnet %}Du{% else %}{{ barn.fornavn }}{% endif %} har fått ny "
        "kontaktperson hos oss, {{ kontaktperson.navn }}. Dette brevet erstattar brevet vårt "
        "frå {{ erstatter }}.",
    # ... or for another fact it shows (build_templates.OTHER_FACTS)
    "Noe i brevet er endret siden brevet vårt fra {{ erstatter }}. Dette brevet erstatter "
    "det, og det er opplysningene i dette brevet som gjelder nå.":
        "Noko i brevet er endra sidan brevet vårt frå {{ erstatter }}. Dette brevet erstattar "
        "det, og det er opplysningane i dette brevet som gjeld no.",
    # ... cancelled in the journal and planned again (build_templates.CANCELLED_AGAIN)
    "Samtalen {{ samtale_avlyst }} ble avlyst. Den nye tiden er {{ samtale.dato_med_ukedag }} "
    "kl. {{ samtale.tid }}. Dette brevet erstatter brevet vårt fra {{ erstatter }}."
    + CONTACT_TOO:
        "Samtalen {{ samtale_avlyst }} vart avlyst. Den nye tida er "
        "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}. Dette brevet erstattar "
        "brevet vårt frå {{ erstatter }}." + CONTACT_TOO_NN,
    # ... the first invitation for it (build_templates.CANCELLED_FIRST), and the contact
    # person new since the reader's latest letter sent (build_templates.CONTACT_FIRST_TOO)
    "Samtalen {{ samtale_avlyst_forste }} ble avlyst. Den nye tiden er "
    "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}." + CONTACT_FIRST_TOO:
        "Samtalen {{ samtale_avlyst_forste }} vart avlyst. Den nye tida er "
        "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}." + CONTACT_FIRST_TOO_NN,
    # A first invitation whose reader's latest letter sent named another contact person
    # (build_templates.CONTACT_FIRST): the same words in nynorsk
    CONTACT_FIRST: CONTACT_FIRST,
    "Møtet har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra {{ erstatter }}."
    + CONTACT_TOO:
        "Møtet har fått nytt tidspunkt. Dette brevet erstattar brevet vårt frå "
        "{{ erstatter }}." + CONTACT_TOO_NN,
    # An information letter issued anew with other dates (build_templates.NEW_DATES)
    "Det er endringer i datoene siden brevet vårt fra {{ erstatter }}. Dette brevet "
    "erstatter det, og det er datoene i dette brevet som gjelder nå." + CONTACT_TOO:
        "Det er endringar i datoane sidan brevet vårt frå {{ erstatter }}. Dette brevet "
        "erstattar det, og det er datoane i dette brevet som gjeld no." + CONTACT_TOO_NN,
    # ... only because who else is invited to the joint meeting changed
    # (build_templates.NEW_INVITED)
    "Siden brevet vårt fra {{ erstatter }} er det endret hvem som er invitert til det felles "
    "møtet. Dette brevet erstatter det, og det er datoene i dette brevet som gjelder nå."
    + CONTACT_TOO:
        "Sidan brevet vårt frå {{ erstatter }} er det endra kven som er invitert til det "
        "felles møtet. Dette brevet erstattar det, og det er datoane i dette brevet som gjeld "
        "no." + CONTACT_TOO_NN,
    # ... after a letter of a release that kept no dates (build_templates.REPLACES_ONLY)
    "Dette brevet erstatter brevet vårt fra {{ erstatter }}, og det er datoene i dette "
    "brevet som gjelder nå." + CONTACT_ALSO:
        "Dette brevet erstattar brevet vårt frå {{ erstatter }}, og det er datoane i dette "
        "brevet som gjeld no." + CONTACT_ALSO_NN,
    # ... after the child moved to another foster home (build_templates.MOVED)
    "{{ barn.fornavn }} har flyttet til et nytt fosterhjem siden vi skrev til deg sist.":
        "{{ barn.fornavn }} har flytta til ein ny fosterheim sidan vi skreiv til deg sist.",

    # Oppfølgingsplan
    "{% if programmet_over %}Samtalene var lagt til disse stedene:{% else %}"
    "Samtalene holdes på disse stedene, hvis ikke annet blir avtalt:{% endif %}":
        "{% if programmet_over %}Samtalane var lagde til desse stadene:{% else %}"
        "Samtalane blir haldne på desse stadene, om ikkje anna blir avtalt:{% endif %}",
    "{% if programmet_over %}Denne planen viser hvordan barnevernstjenesten fulgte opp "
    "barnet, foreldrene og fosterfamilien det første året etter flyttingen: hvem som var "
    "kontaktperson, når samtalene skulle holdes, og hvilke besøk og planer som hørte med."
    "{% else %}Denne planen viser hvordan barnevernstjenesten følger opp barnet, foreldrene og "
    "fosterfamilien det første året etter flyttingen: hvem som er kontaktperson, når "
    "samtalene skal holdes, og hvilke besøk og planer som hører med.{% endif %}":
        "{% if programmet_over %}Denne planen viser korleis barnevernstenesta følgde opp "
        "barnet, foreldra og fosterfamilien det første året etter flyttinga: kven som var "
        "kontaktperson, når samtalane skulle haldast, og kva besøk og planar som høyrde med."
        "{% else %}Denne planen viser korleis barnevernstenesta følgjer opp barnet, foreldra og "
        "fosterfamilien det første året etter flyttinga: kven som er kontaktperson, når "
        "samtalane skal haldast, og kva besøk og planar som høyrer med.{% endif %}",
    "Om barnet og plasseringen": "Om barnet og plasseringa",
    "Barnets navn": "Namnet til barnet",
    "Navn": "Namn",
    "Flyttet i fosterhjem": "Flytta i fosterheim",
    "Type fosterhjem": "Type fosterheim",
    "Lovhjemmel": "Lovheimel",
    "{% if programmet_over %}{{ program.navn }} varte fra {{ program.start }} til "
    "{{ program.slutt }}. Hver part hadde sitt eget samtaleløp, planlagt med minst én samtale "
    "i måneden fram til det siste temaet. Tabellene nedenfor viser hvilke samtaler som ble "
    "holdt, og hvilke som ikke ble det. Hver samtale var satt av til inntil halvannen "
    "time.{% else %}"
    "{{ program.navn }} gjennomføres fra {{ program.start }} til {{ program.slutt }}. Hver "
    "part har sitt eget samtaleløp med minst én samtale i måneden fram til det siste temaet"
    "{% if samtaler_holdt %}. Tabellene nedenfor viser "
    "{% if samtaler_framover %}samtalene som er holdt, og datoene for dem som "
    "gjenstår.{% elif samtaler_gjenstar %}hvilke samtaler som er holdt, og hvilke "
    "som ikke er registrert som holdt.{% else %}samtalene som er holdt.{% endif %}"
    "{% elif samtaler_passert %}. Tabellene nedenfor viser datoene som er satt opp; "
    "ingen av samtalene er registrert som holdt ennå."
    "{% else %}, og alle datoene settes opp allerede nå, slik at alle vet hva som "
    "kommer.{% endif %} En samtale varer inntil halvannen time.{% endif %}":
        "{% if programmet_over %}{{ program.navn }} varte frå {{ program.start }} til "
        "{{ program.slutt }}. Kvar part hadde sitt eige samtaleløp, planlagt med minst éin "
        "samtale i månaden fram til det siste temaet. Tabellane nedanfor viser kva samtalar "
        "som vart haldne, og kva som ikkje vart det. Kvar samtale var sett av til inntil "
        "halvannan time."
        "{% else %}{{ program.navn }} blir gjennomført frå {{ program.start }} til "
        "{{ program.slutt }}. Kvar part har sitt eige samtaleløp med minst éin samtale i "
        "månaden fram til det siste temaet{% if samtaler_holdt %}. Tabellane nedanfor viser "
        "{% if samtaler_framover %}samtalane som er haldne, og datoane for dei som står att."
        "{% elif samtaler_gjenstar %}kva samtalar som er haldne, og kva som ikkje er "
        "registrerte som haldne.{% else %}samtalane som er haldne.{% endif %}"
        "{% elif samtaler_passert %}. Tabellane nedanfor viser datoane som er sette opp; "
        "ingen av samtalane er registrerte som haldne enno."
        "{% else %}, og alle datoane blir sette opp alt no, slik at alle veit kva "
        "som kjem.{% endif %} Ein samtale varer inntil halvannan time.{% endif %}",
    "Samtaler for hver part": "Samtalar for kvar part",
    "Tilpasninger i denne saken": "Tilpassingar i denne saka",
    "Omsorgspakken tilpasses hvert barn og hver familie. Dette er lagt inn for denne saken:":
        "Omsorgspakken blir tilpassa kvart barn og kvar familie. Dette er lagt inn for denne "
        "saka:",
    "Referatmalene har en egen del om dette i temaene der programmet tar det opp: "
    "{{ t.temaer }}. De andre temaene har ingen egen del om det.":
        "Referatmalane har ein eigen del om dette i temaa der programmet tek det opp: "
        "{{ t.temaer }}. Dei andre temaa har ingen eigen del om det.",
    "Oppfølgingsbesøk i fosterhjemmet": "Oppfølgingsbesøk i fosterheimen",
    "Planer": "Planar",
    "Planene under {% if programmet_over %}skulle{% else %}skal{% endif %} evalueres i det "
    "siste temaet i samtaleløpene.":
        "Planane under {% if programmet_over %}skulle{% else %}skal{% endif %} evaluerast i "
        "det siste temaet i samtaleløpa.",
    "{% if programmet_over %}Planene for barnet er ikke registrert i saken.{% else %}Planene "
    "for barnet er ikke registrert i saken ennå. Når de er laget, evalueres de i det siste "
    "temaet.{% endif %}":
        "{% if programmet_over %}Planane for barnet er ikkje registrerte i saka.{% else %}"
        "Planane for barnet er ikkje registrerte i saka enno. Når dei er laga, blir dei "
        "evaluerte i det siste temaet.{% endif %}",
    "Det er ikke registrert noen planer i saken ennå. Planene skal lages innen "
    "{{ planfrist }}, og evalueres i det siste temaet.":
        "Det er ikkje registrert nokon planar i saka enno. Planane skal lagast innan "
        "{{ planfrist }}, og blir evaluerte i det siste temaet.",
    "Lovgrunnlag for planene": "Lovgrunnlag for planane",

    # Informasjonsbrev
    "Vi bestiller tolk på {{ mottaker.sprak }} hver gang vi møtes. Tolken har "
    "taushetsplikt, og det er gratis for deg.":
        "Vi bestiller tolk på {{ mottaker.sprak }} kvar gong vi møtest. Tolken har "
        "teieplikt, og det er gratis for deg.",
    "Trenger du tolk, sier du bare fra, så ordner vi det.":
        "Treng du tolk, seier du berre frå, så ordnar vi det.",
    "Hvis du vil være med, bestiller vi tolk på {{ mottaker.sprak }} hver gang vi møtes. "
    "Tolken har taushetsplikt, og det er gratis for deg.":
        "Viss du vil vere med, bestiller vi tolk på {{ mottaker.sprak }} kvar gong vi "
        "møtest. Tolken har teieplikt, og det er gratis for deg.",

    # Nytt tilbud
    "{% if not mottaker.tolk %} Trenger du tolk, sier du bare fra, så ordner vi det."
    "{% endif %}":
        "{% if not mottaker.tolk %} Treng du tolk, seier du berre frå, så ordnar vi det."
        "{% endif %}",
    "Vil du være med? ": "Vil du vere med? ",
    "Nytt tilbud om Omsorgspakken": "Nytt tilbod om Omsorgspakken",

    # Innkalling
    "Slik kan {% if mottaker.en_person %}du{% else %}dere{% endif %} forberede "
    "{{ barn.fornavn }}":
        "Slik kan {% if mottaker.en_person %}du{% else %}de{% endif %} førebu "
        "{{ barn.fornavn }}",
    "Tid og sted": "Tid og stad",
    "Sted": "Stad",
    "Hva skal vi snakke om?": "Kva skal vi snakke om?",

    # Felles møte

    # Referat
    "Planlagt dato": "Planlagd dato",
    "Skriv i de innrammede feltene. Når referatet er ferdig, lagrer du det som Word-dokument "
    "og legger det i innboksen. Da blir samtalen registrert som gjennomført, og vurderingen "
    "din kommer med i sluttevalueringen.":
        "Skriv i dei innramma felta. Når referatet er ferdig, lagrar du det som Word-dokument "
        "og legg det i innboksen. Då blir samtalen registrert som gjennomført, og vurderinga di "
        "kjem med i sluttevalueringa.",
    "Dato holdt": "Dato halden",

    # Referat fra felles møte
    "Referat fra felles møte": "Referat frå felles møte",
    "Skriv i de innrammede feltene, og lagre referatet her i saksmappen. Dagen etter møtet "
    "arkiveres det i journalen av seg selv når det har vært lukket en stund, så det skal ikke "
    "legges inn i fagsystemet for hånd. Blir det rettet senere, arkiveres den nye utgaven "
    "også. Det leses ikke inn igjen her, så det skal ikke i innboksen.":
        "Skriv i dei innramma felta, og lagre referatet her i saksmappa. Dagen etter møtet "
        "blir det arkivert i journalen av seg sjølv når det har vore lukka ei stund, så det "
        "skal ikkje leggjast inn i fagsystemet for hand. Blir det retta seinare, blir den nye "
        "utgåva arkivert òg. Det blir ikkje lese inn igjen her, så det skal ikkje i "
        "innboksen.",
    "Skriv i de innrammede feltene. Referatet legges i journalen i fagsystemet. Det leses ikke "
    "inn igjen her, så det skal ikke i innboksen.":
        "Skriv i dei innramma felta. Referatet skal i journalen i fagsystemet. Det blir ikkje "
        "lese inn igjen her, så det skal ikkje i innboksen.",
    "Møtet samler {{ fellesmote.foreldrene }}, {% if fosterfamilie.en_fosterforelder %}"
    "fosterforelderen{% else %}fosterforeldrene{% endif %} og barnevernstjenesten, slik at de "
    "kan bli bedre kjent og finne gode måter å samarbeide på, og {{ barn.fornavn }} kan kjenne "
    "seg trygg både i fosterhjemmet og hos {{ fellesmote.hos_foreldrene }}. Møtet bygger videre "
    "på samtalene om «{{ fellesmote.etter_tema }}» med hver av dem.":
        "Møtet samlar {{ fellesmote.foreldrene }}, {% if fosterfamilie.en_fosterforelder %}"
        "fosterforelderen{% else %}fosterforeldra{% endif %} og barnevernstenesta, slik at dei "
        "kan bli betre kjende og finne gode måtar å samarbeide på, og {{ barn.fornavn }} kan "
        "kjenne seg trygg både i fosterheimen og hos {{ fellesmote.hos_foreldrene }}. Møtet "
        "byggjer vidare på samtalane om «{{ fellesmote.etter_tema }}» med kvar av dei.",
    "Avtaler": "Avtalar",
    "Er alle enige i det som skrives i referatet?":
        "Er alle samde i det som blir skrive i referatet?",
    "Er alle enige om hvordan vi bruker tiden?": "Er alle samde om korleis vi brukar tida?",
    "Hva er avtalt, hvem gjør hva, og innen når?": "Kva er avtalt, kven gjer kva, og innan når?",
    "Hva er viktig at alle de voksne rundt {{ barn.fornavn }} vet?":
        "Kva er viktig at alle dei vaksne rundt {{ barn.fornavn }} veit?",
    "Hva kan gjøre overgangene mellom hjemmene lettere for {{ barn.fornavn }}?":
        "Kva kan gjere overgangane mellom heimane lettare for {{ barn.fornavn }}?",
    "Hva ser dere av hvordan {{ barn.fornavn }} har det nå, i fosterhjemmet og i samværene?":
        "Kva ser de av korleis {{ barn.fornavn }} har det no, i fosterheimen og i samværa?",
    "Hva vil dere fortelle hverandre om hverdagen til {{ barn.fornavn }}, og hvordan?":
        "Kva vil de fortelje kvarandre om kvardagen til {{ barn.fornavn }}, og korleis?",
    "Hva ønsker hver av dere å ta opp i dag?": "Kva ønskjer kvar av dykk å ta opp i dag?",
    "Hvordan går samværene, og hvordan holder {{ barn.fornavn }} kontakten med familien "
    "mellom dem?":
        "Korleis går samværa, og korleis held {{ barn.fornavn }} kontakten med familien "
        "mellom dei?",
    "Hvordan påvirker de nye rollene i familien samarbeidet?":
        "Korleis påverkar dei nye rollene i familien samarbeidet?",
    "Hvordan tar dere det opp hvis dere blir uenige, eller noe blir vanskelig?":
        "Korleis tek de det opp om de blir usamde, eller noko blir vanskeleg?",
    "Hvordan {{ barn.fornavn }} har det": "Korleis {{ barn.fornavn }} har det",
    "Skal dere møtes igjen, og i så fall når?": "Skal de møtast igjen, og i så fall når?",
    "Skriv datoen møtet ble holdt.": "Skriv datoen møtet vart halde.",
    "Skriv notater fra denne delen av møtet her.": "Skriv notat frå denne delen av møtet her.",
    "Dette er siste tema. Før samtalen går kontaktpersonen gjennom vurderingene fra hvert "
    "tema, og planene evalueres i samtalen. Den samlede vurderingen og evalueringen av "
    "planene skrives i sluttevalueringen, dokumentet «03 Sluttevaluering» i saksmappen. I "
    "dette referatet skrives vurderingen av denne samtalen, som for de andre temaene.":
        "Dette er det siste temaet. Før samtalen går kontaktpersonen gjennom vurderingane frå "
        "kvart tema, og planane blir evaluerte i samtalen. Den samla vurderinga og "
        "evalueringa av planane blir skrivne i sluttevalueringa, dokumentet "
        "«03 Sluttevaluering» i saksmappa. I dette referatet blir vurderinga av denne "
        "samtalen skriven, som for dei andre temaa.",
    "Kontaktpersonens vurdering": "Vurderinga til kontaktpersonen",
    "Her skriver du vurderingen din etter samtalen, med partens egne perspektiver og "
    "refleksjoner som grunnlag.":
        "Her skriv du vurderinga di etter samtalen, med perspektiva og refleksjonane til "
        "parten som grunnlag.",
    "Vurderingen fra denne samtalen er allerede registrert i fagsystemet og står i feltene "
    "under. Den kommer med i sluttevalueringen, så du trenger bare å rette eller legge til det "
    "som mangler.":
        "Vurderinga frå denne samtalen er alt registrert i fagsystemet og står i felta under. "
        "Ho kjem med i sluttevalueringa, så du treng berre å rette eller leggje til det som "
        "manglar.",
    "Fagsystemet viser ikke at denne samtalen ble holdt, men har en senere samtale "
    "registrert. Ble den holdt, skriver du referatet her. Ble den ikke holdt, trenger du ikke "
    "å fylle det ut.":
        "Fagsystemet viser ikkje at denne samtalen vart halden, men har ein seinare samtale "
        "registrert. Vart han halden, skriv du referatet her. Vart han ikkje halden, treng du "
        "ikkje å fylle det ut.",
    "Referat fra samtale": "Referat frå samtale",

    # Sluttevaluering
    "Skriv i de innrammede feltene og i tabellene, og lagre sluttevalueringen her i "
    "saksmappen. Etter programmets siste dag, {{ program.slutt }}, arkiveres den i journalen "
    "av seg selv når den har vært lukket en stund, så den skal ikke legges inn i fagsystemet "
    "for hånd. Blir den rettet senere, arkiveres den nye utgaven også. {% if arkiveres_til %}"
    "Det gjelder til og med {{ arkiveres_til }}, tre måneder etter at den ble laget"
    "{% else %}Det gjelder i tre måneder etter siste dag{% endif %}; skrives den senere, "
    "legges den inn for hånd.":
        "Skriv i dei innramma felta og i tabellane, og lagre sluttevalueringa her i saksmappa. "
        "Etter den siste dagen i programmet, {{ program.slutt }}, blir ho arkivert i journalen "
        "av seg sjølv når ho har vore lukka ei stund, så ho skal ikkje leggjast inn i "
        "fagsystemet for hand. Blir ho retta seinare, blir den nye utgåva arkivert òg. "
        "{% if arkiveres_til %}Det gjeld til og med {{ arkiveres_til }}, tre månader etter at "
        "ho vart laga{% else %}Det gjeld i tre månader etter den siste dagen{% endif %}; blir "
        "ho skriven seinare, må ho leggjast inn for hand.",
    "Tabellen samler vurderingene fra hvert tema i samtaleløpet: det som var positivt, hvor "
    "det trengs støtte videre, og om den planlagte oppfølgingen dekker behovene. Et tema som "
    "ikke ble vurdert, står med «Ikke vurdert» og hva som skjedde med det.":
        "Tabellen samlar vurderingane frå kvart tema i samtaleløpet: det som var positivt, kvar "
        "det trengst støtte vidare, og om den planlagde oppfølginga dekkjer behova. Eit tema som "
        "ikkje vart vurdert, står med «Ikkje vurdert» og kva som skjedde med det.",
    "Før siste tema går kontaktpersonen gjennom vurderingene fra hvert tema i samtaleløpet. "
    "Tabellen samler det som er positivt, hvor det trengs støtte videre, og om den planlagte "
    "oppfølgingen dekker behovene.":
        "Før det siste temaet går kontaktpersonen gjennom vurderingane frå kvart tema i "
        "samtaleløpet. Tabellen samlar det som er positivt, kvar det trengst støtte vidare, og "
        "om den planlagde oppfølginga dekkjer behova.",
    "Der det står «Ikke fylt ut i referatet», kom referatet tilbake uten svar på det "
    "spørsmålet. Skriv svaret i referatet for temaet i mappen Referater, lagre det og lever det "
    "i innboksen igjen; da kommer svaret med her. Svarene som alt er lest inn, blir stående. "
    "Har du ikke noe å skrive, skriv «Ikke aktuelt».":
        "Der det står «Ikkje fylt ut i referatet», kom referatet tilbake utan svar på det "
        "spørsmålet. Skriv svaret i referatet for temaet i mappa Referat, lagre det og lever "
        "det i innboksen igjen; då kjem svaret med her. Svara som alt er lesne inn, blir "
        "ståande. Har du ikkje noko å skrive, skriv «Ikkje aktuelt».",
    "{% if avsluttet %}Der det står at referatet ikke er levert, er samtalen holdt, men "
    "referatet er ikke lest inn.{% else %}Der det står «Referat ikke levert ennå», er "
    "samtalen holdt, men referatet er ikke lest inn ennå.{% endif %} Fyll ut referatet for "
    "temaet i mappen Referater, lagre det og lever det i innboksen; da kommer vurderingen "
    "med her.":
        "{% if avsluttet %}Der det står at referatet ikkje er levert, er samtalen halden, men "
        "referatet er ikkje lese inn.{% else %}Der det står «Referat ikkje levert enno», er "
        "samtalen halden, men referatet er ikkje lese inn enno.{% endif %} Fyll ut referatet "
        "for temaet i mappa Referat, lagre det og lever det i innboksen; då kjem vurderinga "
        "med her.",
    "Hva er positivt": "Kva er positivt",
    "Behov for støtte videre": "Behov for støtte vidare",
    "Dekkes av planlagt oppfølging?": "Blir dekt av planlagd oppfølging?",
    "Anbefalt videre oppfølging": "Tilrådd vidare oppfølging",
    "Aktuelle tilbud etter at {{ program.navn }} er avsluttet:":
        "Aktuelle tilbod etter at {{ program.navn }} er avslutta:",
    "Det er ikke lagt inn forslag til videre oppfølging for denne parten.":
        "Det er ikkje lagt inn forslag til vidare oppfølging for denne parten.",
    "Kontaktpersonens samlede vurdering": "Den samla vurderinga til kontaktpersonen",
    "Sted og dato: ": "Stad og dato: ",

    # Letters as reworded for issue 13 (every letter speaks to its reader)
    "Unntatt offentlighet, offl. § 13 jf. bvl. § 13-1":
        "Unnateke offentlegheit, offl. § 13 jf. bvl. § 13-1",
    "Deres ref.:": "Dykkar ref.:",
    "Kontaktpersonen {% if programmet_over %}skulle besøke{% else %}besøker{% endif %} "
    "fosterhjemmet jevnlig gjennom året, minimum {{ besok_minimum }} "
    "besøk det første året ({{ besok_kilde }}). Gjennomført {{ besok_gjennomfort }} av "
    "{{ besok_minimum }}.":
        "Kontaktpersonen {% if programmet_over %}skulle besøkje{% else %}besøkjer{% endif %} "
        "fosterheimen jamleg gjennom året, minimum {{ besok_minimum }} "
        "besøk det første året ({{ besok_kilde }}). Gjennomført {{ besok_gjennomfort }} av "
        "{{ besok_minimum }}.",
    "{% if part.alle_holdt %}Samtalene{% elif part.holdt %}Samtalene videre{% elif "
    "mottaker.takket_ja %}Samtalene{% else %}Tilbud om samtaler{% endif %} det første året "
    "etter at {{ barn.fornavn }} flyttet":
        "{% if part.alle_holdt %}Samtalane{% elif part.holdt %}Samtalane vidare{% elif "
        "mottaker.takket_ja %}Samtalane{% else %}Tilbod om samtalar{% endif %} det første året "
        "etter at {{ barn.fornavn }} flytta",
    "{% if part.alle_holdt %}Vi har fulgt deg opp med faste samtaler med meg, "
    "{{ kontaktperson.navn }}.{% elif part.holdt %}Vi følger deg opp gjennom det første året "
    "med faste samtaler med meg, {{ kontaktperson.navn }}.{% else %}{{ barn.fornavn }} har "
    "flyttet til et fosterhjem. Det er en stor endring for {{ barn.fornavn }} og for deg, og "
    "det er forståelig om du har mange tanker og følelser nå. Vi vil gjerne følge deg opp det "
    "første året, og {% if mottaker.takket_ja %}du får{% else %}tilbyr deg{% endif %} faste "
    "samtaler med meg, {{ kontaktperson.navn }}.{% endif %} Jeg er {% if kontaktperson.stilling %}"
    "{{ kontaktperson.stilling }} og {% endif %}kontaktperson for {{ barn.fornavn }} i "
    "{{ tjeneste.navn }}.":
        "{% if part.alle_holdt %}Vi har følgt deg opp med faste samtalar med meg, "
        "{{ kontaktperson.navn }}.{% elif part.holdt %}Vi følgjer deg opp gjennom det første "
        "året med faste samtalar med meg, {{ kontaktperson.navn }}.{% else %}"
        "{{ barn.fornavn }} har flytta til ein fosterheim. Det er ei stor endring for "
        "{{ barn.fornavn }} og for deg, og det er forståeleg om du har mange tankar og "
        "kjensler no. Vi vil gjerne følgje deg opp det første året, og {% if "
        "mottaker.takket_ja %}du får{% else %}tilbyr deg{% endif %} faste samtalar med meg, "
        "{{ kontaktperson.navn }}.{% endif %} Eg er {% if "
        "kontaktperson.stilling %}{{ kontaktperson.stilling }} og {% endif %}kontaktperson for "
        "{{ barn.fornavn }} i {{ tjeneste.navn }}.",
    "{% if part.holdt or mottaker.takket_ja %}Samtalene er en del av {{ program.navn }}."
    "{% else %}Tilbudet heter "
    "{{ program.navn }}.{% endif %} {% if barn.egne_samtaler %}{{ barn.fornavn }}, "
    "fosterfamilien og du får hver deres samtaler.{% else %}Du og fosterfamilien får hver deres "
    "samtaler, og jeg ser {{ barn.fornavn }} når jeg besøker fosterhjemmet.{% endif %} I "
    "samtalene med deg står du i sentrum, for du er og blir en viktig person for "
    "{{ barn.fornavn }}.":
        "{% if part.holdt or mottaker.takket_ja %}Samtalane er ein del av "
        "{{ program.navn }}.{% else %}Tilbodet "
        "heiter {{ program.navn }}.{% endif %} {% if barn.egne_samtaler %}{{ barn.fornavn }}, "
        "fosterfamilien og du får kvar sine samtalar.{% else %}Du og fosterfamilien får kvar "
        "sine samtalar, og eg ser {{ barn.fornavn }} når eg besøkjer fosterheimen."
        "{% endif %} I samtalane med deg står du i sentrum, for du er og blir ein viktig "
        "person for {{ barn.fornavn }}.",
    "Plasseringen er frivillig, og den endrer ikke hvem som har foreldreansvaret. I samtalene "
    "snakker vi også om hva som skal til for at {{ barn.fornavn }} kan flytte hjem igjen.":
        "Plasseringa er frivillig, og ho endrar ikkje kven som har foreldreansvaret. I "
        "samtalane snakkar vi også om kva som skal til for at {{ barn.fornavn }} kan flytte "
        "heim att.",
    "Plasseringen er midlertidig, og du får vite hva som skal skje videre så snart noe er "
    "avklart.":
        "Plasseringa er mellombels, og du får vite kva som skal skje vidare så snart noko er "
        "avklart.",
    "{{ barn.fornavn }} bor nå hos {{ fosterfamilie.navn }}. Når et barn flytter til noen i "
    "familien eller nettverket, endrer rollene seg, så vi snakker også om hva det betyr for deg "
    "og for samarbeidet.":
        "{{ barn.fornavn }} bur no hos {{ fosterfamilie.navn }}. Når eit barn flyttar til "
        "nokon i familien eller nettverket, endrar rollene seg, så vi snakkar også om kva det "
        "har å seie for deg og for samarbeidet.",
    "{{ barn.fornavn }} bor nå hos {{ fosterfamilie.navn }}. Når et barn flytter til noen i "
    "familien eller nettverket, endrer rollene i familien seg, og det kan være både godt og "
    "krevende. Derfor snakker vi i samtalene også om hvordan dette er for deg, og hva det "
    "betyr for kontakten og samarbeidet rundt {{ barn.fornavn }}.":
        "{{ barn.fornavn }} bur no hos {{ fosterfamilie.navn }}. Når eit barn flyttar til "
        "nokon i familien eller nettverket, endrar rollene i familien seg, og det kan vere både "
        "godt og krevjande. Difor snakkar vi i samtalane også om korleis dette er for deg, og "
        "kva det har å seie for kontakten og samarbeidet rundt {{ barn.fornavn }}.",
    "Jeg tar kontakt med deg de første ukene for å bli kjent og høre hvordan du har det{% if "
    "part.samtaler %}, første gang {{ part.samtaler[0].dato_med_ukedag }}{% endif %}. Etter "
    "det møtes vi til samtaler om ulike temaer, med noen ukers mellomrom. Hver samtale varer "
    "inntil halvannen time. Du bestemmer selv hva du vil fortelle, og etter hver samtale får "
    "du vite hva jeg skriver ned.":
        "Eg tek kontakt med deg dei første vekene for å bli kjend og høyre korleis du har det"
        "{% if part.samtaler %}, første gong {{ part.samtaler[0].dato_med_ukedag }}{% endif %}. "
        "Etter det møtest vi til samtalar om ulike tema, med nokre vekers mellomrom. Kvar "
        "samtale varer inntil halvannan time. Du bestemmer sjølv kva du vil fortelje, og etter "
        "kvar samtale får du vite kva eg skriv ned.",
    "{% if mottaker.takket_ja %}Nå begynner vi samtalene med deg. {% endif %}" + COMING:
        "{% if mottaker.takket_ja %}No byrjar vi samtalane med deg. {% endif %}" + COMING_NN,
    "{% if part.holdt|length == 1 %}Denne samtalen har vi allerede hatt:{% else %}Disse "
    "samtalene har vi allerede hatt:{% endif %}":
        "{% if part.holdt|length == 1 %}Denne samtalen har vi alt hatt:{% else %}Desse "
        "samtalane har vi alt hatt:{% endif %}",
    "{{ program.navn }} startet {{ program.start }}, da {{ barn.fornavn }} flyttet{% if "
    "part.foreldresamtale %}, og den første samtalen med foreldrene var "
    "{{ part.foreldresamtale }}{% endif %}. " + COMING:
        "{{ program.navn }} starta {{ program.start }}, då {{ barn.fornavn }} flytta{% if "
        "part.foreldresamtale %}, og den første samtalen med foreldra var "
        "{{ part.foreldresamtale }}{% endif %}. " + COMING_NN,
    NEXT_DATES + "{% if part.neste %} Vi møtes hos oss hvis vi ikke avtaler noe annet. "
    + EACH_LETTER:
        NEXT_DATES_NN + "{% if part.neste %} Vi møtest hos oss om vi ikkje avtalar noko anna. "
        + EACH_LETTER_NN,
    NEXT_DATES + "{% if part.neste %} Fordi du har lang reisevei, er samtalene satt opp som "
    "digitale møter. Vil du heller møtes hos oss eller et sted nærmere der du bor, avtaler vi "
    "det. " + EACH_LETTER:
        NEXT_DATES_NN + "{% if part.neste %} Fordi du har lang reiseveg, er samtalane sette opp "
        "som digitale møte. Vil du heller møtast hos oss eller ein stad nærare der du bur, "
        "avtalar vi det. " + EACH_LETTER_NN,
    "Vi avtaler datoene for {% if part.i_gang %}de neste samtalene{% else %}samtalene{% endif %} "
    "sammen med deg.":
        "Vi avtalar datoane for {% if part.i_gang %}dei neste samtalane{% else %}samtalane"
        "{% endif %} saman med deg.",
    "Det er frivillig å være med. Ønsker du ikke samtalene nå, gir du meg bare beskjed, og "
    "du kan få tilbudet igjen senere.":
        "Det er frivillig å vere med. Ønskjer du ikkje samtalane no, gir du meg berre beskjed, "
        "og du kan få tilbodet igjen seinare.",
    "Fint at du vil være med. Det er fortsatt frivillig: si fra til meg hvis du vil ta en "
    "pause eller avslutte.":
        "Fint at du vil vere med. Det er framleis frivillig: sei frå til meg om du vil ta ein "
        "pause eller avslutte.",
    "Ta gjerne kontakt på {{ kontaktperson.telefon|telefon }}" + ASK_FOR
    + " hvis du lurer på noe{% if part.samtaler %} eller en dato ikke passer. Da finner vi en "
    "ny tid{% endif %}.":
        "Ta gjerne kontakt på {{ kontaktperson.telefon|telefon }}" + ASK_FOR
        + " om du lurer på noko{% if part.samtaler %} eller ein dato ikkje passar. Då finn vi "
        "ei ny tid{% endif %}.",
    "{% if part.alle_holdt and not part.samtaler %}Takk for samtalene vi har hatt.{% elif "
    "part.samtaler and not part.neste %}Jeg ser fram til møtet.{% elif part.i_gang %}Jeg ser "
    "fram til neste samtale med deg.{% else %}Jeg ser fram til å møte deg.{% endif %}":
        "{% if part.alle_holdt and not part.samtaler %}Takk for samtalane vi har hatt.{% elif "
        "part.samtaler and not part.neste %}Eg ser fram til møtet.{% elif part.i_gang %}Eg ser "
        "fram til neste samtale med deg.{% else %}Eg ser fram til å møte deg.{% endif %}",
    "Tilbudet om samtaler gjelder fortsatt": "Tilbodet om samtalar gjeld framleis",
    "Jeg har skrevet til deg om samtalene i {{ program.navn }} før, tilbudet om oppfølging "
    "det første året etter at {{ barn.fornavn }} flyttet. Jeg skriver igjen fordi tilbudet "
    "fortsatt står åpent, og fordi det kan kjennes annerledes nå enn da. Det er frivillig å "
    "være med, og det er i orden å si nei. Du kan takke ja når som helst fram til "
    "{{ program.slutt }}. Jo før du tar kontakt, jo flere av samtalene rekker vi å ha.":
        "Eg har skrive til deg om samtalane i {{ program.navn }} før, tilbodet om oppfølging "
        "det første året etter at {{ barn.fornavn }} flytta. Eg skriv igjen fordi tilbodet "
        "framleis står ope, og fordi det kan kjennast annleis no enn då. Det er frivillig å "
        "vere med, og det er i orden å seie nei. Du kan takke ja når som helst fram til "
        "{{ program.slutt }}. Jo før du tek kontakt, jo fleire av samtalane rekk vi å ha.",
    "Du har tidligere takket nei til samtalene i {{ program.navn }}, tilbudet om oppfølging "
    "det første året etter at {{ barn.fornavn }} flyttet. Det er frivillig å være med, og det "
    "er i orden å si nei. Jeg vil likevel fortelle deg at tilbudet fortsatt står åpent. Du kan "
    "takke ja når som helst fram til {{ program.slutt }}. Jo før du tar kontakt, jo flere av "
    "samtalene rekker vi å ha.":
        "Du har tidlegare takka nei til samtalane i {{ program.navn }}, tilbodet om oppfølging "
        "det første året etter at {{ barn.fornavn }} flytta. Det er frivillig å vere med, og "
        "det er i orden å seie nei. Eg vil likevel fortelje deg at tilbodet framleis står ope. "
        "Du kan takke ja når som helst fram til {{ program.slutt }}. Jo før du tek kontakt, "
        "jo fleire av samtalane rekk vi å ha.",
    "Selv om {{ barn.fornavn }} bor et annet sted nå, er du fortsatt en viktig person for "
    "barnet ditt. Samtalene er til for deg. Der kan du snakke om hvordan du har det, om "
    "{{ barn.fornavn }} og om samarbeidet med oss og fosterfamilien.":
        "Sjølv om {{ barn.fornavn }} bur ein annan stad no, er du framleis ein viktig person "
        "for barnet ditt. Samtalane er til for deg. Der kan du snakke om korleis du har det, "
        "om {{ barn.fornavn }} og om samarbeidet med oss og fosterfamilien.",
    "Hvis du vil være med, møtes vi med noen ukers mellomrom, og hver samtale varer inntil "
    "halvannen time. Temaene er:":
        "Viss du vil vere med, møtest vi med nokre vekers mellomrom, og kvar samtale varer "
        "inntil halvannan time. Temaa er:",
    RING + " på {{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", eller send e-post til "
    "{{ kontaktperson.epost }}, så finner vi tidspunkter som passer for deg. Du kan også ringe "
    "bare for å høre mer før du bestemmer deg. Uansett hva du velger, kan du alltid ta kontakt "
    "med oss om {{ barn.fornavn }}.":
        RING + " på {{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", eller send e-post til "
        "{{ kontaktperson.epost }}, så finn vi tidspunkt som passar for deg. Du kan også ringje "
        "berre for å høyre meir før du bestemmer deg. Uansett kva du vel, kan du alltid ta "
        "kontakt med oss om {{ barn.fornavn }}.",
    "Snart skal vi ha en " + NEW_TO_CHILD + "samtale, du og jeg. " + CHILD_THEME
    + "{{ tema.i_brev }}":
        "Snart skal vi ha ein " + NEW_TO_CHILD + "samtale, du og eg. "
        "{% if samtale.tema != 0 %}" + TALK_ABOUT_NN + " «{{ tema.tittel }}». {% endif %}"
        "{{ tema.i_brev }}",
    "Du bestemmer selv hva du vil fortelle, og du kan spørre om alt du lurer på. Du kan "
    "gjerne ha med deg en voksen du er trygg på. Til slutt oppsummerer vi sammen, så du vet "
    "hva jeg skriver ned.":
        "Du bestemmer sjølv kva du vil fortelje, og du kan spørje om alt du lurer på. Du kan "
        "gjerne ha med deg ein vaksen du er trygg på. Til slutt summerer vi opp saman, så du "
        "veit kva eg skriv ned.",
    "Jeg vil gjerne ha en {% if not samtale.forste %}ny {% endif %}samtale med "
    "{{ barn.fornavn }}. " + THEME_IS + " «{{ tema.tittel }}». I samtalene får "
    "{{ barn.fornavn }} snakke om seg selv, familien sin og det nye hjemmet, på en måte "
    "som passer alderen.":
        "Eg vil gjerne ha ein {% if not samtale.forste %}ny {% endif %}samtale med "
        "{{ barn.fornavn }}. " + THEME_IS_NN + " «{{ tema.tittel }}». I samtalane får "
        "{{ barn.fornavn }} snakke om seg sjølv, familien sin og den nye heimen, på ein måte "
        "som passar for alderen.",
    "Fortell gjerne om samtalen på forhånd, med enkle ord. Noe kjent{% if barn.liten %}, for "
    "eksempel en kosebamse eller en tegning,{% endif %} kan gjøre samtalen tryggere for "
    "{{ barn.fornavn }}. Vi avtaler sammen om {% if mottaker.en_person %}du{% else %}en av "
    "dere{% endif %} skal være med i samtalen, ut fra hva {{ barn.fornavn }} trenger.":
        "Fortel gjerne om samtalen på førehand, med enkle ord. Noko kjent{% if barn.liten %}, "
        "til dømes ein kosebamse eller ei teikning,{% endif %} kan gjere samtalen tryggare for "
        "{{ barn.fornavn }}. Vi avtalar saman om {% if mottaker.en_person %}du{% else %}ein av "
        "dykk{% endif %} skal vere med i samtalen, ut frå kva {{ barn.fornavn }} treng.",
    "Jeg inviterer dere til en {% if not samtale.forste %}ny {% endif %}samtale i "
    "oppfølgingen av dere som fosterfamilie for {{ barn.fornavn }}. " + THEME_IS
    + " «{{ tema.tittel }}». {{ tema.i_brev }}":
        "Eg inviterer dykk til ein {% if not samtale.forste %}ny {% endif %}samtale i "
        "oppfølginga av dykk som fosterfamilie for {{ barn.fornavn }}. " + THEME_IS_NN
        + " «{{ tema.tittel }}». {{ tema.i_brev }}",
    "Jeg inviterer deg til en {% if not samtale.forste %}ny {% endif %}samtale i "
    "oppfølgingen din som fosterforelder for {{ barn.fornavn }}. " + THEME_IS
    + " «{{ tema.tittel }}». {{ tema.i_brev }}":
        "Eg inviterer deg til ein {% if not samtale.forste %}ny {% endif %}samtale i "
        "oppfølginga di som fosterforelder for {{ barn.fornavn }}. " + THEME_IS_NN
        + " «{{ tema.tittel }}». {{ tema.i_brev }}",
    "Som avtalt møtes vi til en {% if not samtale.forste %}ny {% endif %}samtale i "
    "oppfølgingen din som fosterforelder for {{ barn.fornavn }}. Her får du tid og sted "
    "skriftlig. {{ tema.i_brev }}":
        "Som avtalt møtest vi til ein {% if not samtale.forste %}ny {% endif %}samtale i "
        "oppfølginga di som fosterforelder for {{ barn.fornavn }}. Her får du tid og stad "
        "skriftleg. {{ tema.i_brev }}",
    "Jeg inviterer deg til en {% if not samtale.forste %}ny {% endif %}samtale om deg og "
    "{{ barn.fornavn }}. " + THEME_IS + " «{{ tema.tittel }}». {{ tema.i_brev }}":
        "Eg inviterer deg til ein {% if not samtale.forste %}ny {% endif %}samtale om deg og "
        "{{ barn.fornavn }}. " + THEME_IS_NN + " «{{ tema.tittel }}». {{ tema.i_brev }}",
    "Vi begynner med å bli enige med {{ barn.fornavn }} om hva vi skal snakke om, og vi "
    "avslutter med å oppsummere sammen.":
        "Vi byrjar med å bli einige med {{ barn.fornavn }} om kva vi skal snakke om, og vi "
        "avsluttar med å summere opp saman.",
    "Vi begynner med å bli enige om hva vi skal snakke om, og vi avslutter med å oppsummere "
    "sammen og avtale veien videre.":
        "Vi byrjar med å bli einige om kva vi skal snakke om, og vi avsluttar med å summere opp "
        "saman og avtale vegen vidare.",
    # The move follow-up's contacts are agreed directly: the letter confirms them.
    AGREED + "Bekreftelse på avtalt samtale{% else %}Invitasjon til samtale{% endif %}":
        AGREED + "Stadfesting av avtalt samtale{% else %}Invitasjon til samtale{% endif %}",
    '{% if mottaker.er_barnet %}' + AGREED + 'Samtalen vi har avtalt{% else %}'
    'Invitasjon til samtale{% endif %}{% if samtale.tema != 0 %}: {{ tema.tittel }}{% endif %}'
    '{% elif part.id == "barnet" %}' + AGREED + 'Avtalt samtale{% else %}Samtale{% endif %} '
    'med {{ barn.fornavn }} – {{ tema.overskrift }}{% else %}' + AGREED + 'Bekreftelse på '
    'avtalt samtale{% else %}Invitasjon til samtale{% endif %} – {{ tema.overskrift }}'
    '{% endif %}':
        '{% if mottaker.er_barnet %}' + AGREED + 'Samtalen vi har avtalt{% else %}'
        'Invitasjon til samtale{% endif %}{% if samtale.tema != 0 %}: {{ tema.tittel }}{% endif %}'
        '{% elif part.id == "barnet" %}' + AGREED + 'Avtalt samtale{% else %}Samtale{% endif %} '
        'med {{ barn.fornavn }} – {{ tema.overskrift }}{% else %}' + AGREED + 'Stadfesting av '
        'avtalt samtale{% else %}Invitasjon til samtale{% endif %} – {{ tema.overskrift }}'
        '{% endif %}',
    CHILD_SHORT:
        "Som vi har avtalt, treffest vi{% if not (" + CHILD_FIRST + ") %} igjen{% endif %} "
        "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}, du og eg. "
        "{% if samtale.tema != 0 %}" + TALK_ABOUT_NN + " «{{ tema.tittel }}». {% endif %}"
        "{{ tema.i_brev }}",
    "Som vi har avtalt, skal vi ha en {% if not samtale.forste %}ny {% endif %}samtale, du og "
    "jeg. Her ser du når og hvor vi møtes. {{ tema.i_brev }}":
        "Som vi har avtalt, skal vi ha ein {% if not samtale.forste %}ny {% endif %}samtale, "
        "du og eg. Her ser du når og kvar vi møtest. {{ tema.i_brev }}",
    "Som avtalt skal jeg ha en {% if not samtale.forste %}ny {% endif %}samtale med "
    "{{ barn.fornavn }}. Her får {% if mottaker.en_person %}du{% else %}dere{% endif %} tid og "
    "sted skriftlig. I samtalene får {{ barn.fornavn }} snakke om seg selv, familien sin og det "
    "nye hjemmet, på en måte som passer alderen.":
        "Som avtalt skal eg ha ein {% if not samtale.forste %}ny {% endif %}samtale med "
        "{{ barn.fornavn }}. Her får {% if mottaker.en_person %}du{% else %}de{% endif %} tid og "
        "stad skriftleg. I samtalane får "
        "{{ barn.fornavn }} snakke om seg sjølv, familien sin og den nye heimen, på ein måte "
        "som passar for alderen.",
    "Som avtalt møtes vi til en {% if not samtale.forste %}ny {% endif %}samtale i "
    "oppfølgingen av dere som fosterfamilie for {{ barn.fornavn }}. Her får dere tid og sted "
    "skriftlig. {{ tema.i_brev }}":
        "Som avtalt møtest vi til ein {% if not samtale.forste %}ny {% endif %}samtale i "
        "oppfølginga av dykk som fosterfamilie for {{ barn.fornavn }}. Her får de tid og stad "
        "skriftleg. {{ tema.i_brev }}",
    "Som avtalt møtes vi til en {% if not samtale.forste %}ny {% endif %}samtale om deg og "
    "{{ barn.fornavn }}. Her får du tid og sted skriftlig. {{ tema.i_brev }}":
        "Som avtalt møtest vi til ein {% if not samtale.forste %}ny {% endif %}samtale om deg "
        "og {{ barn.fornavn }}. Her får du tid og stad skriftleg. {{ tema.i_brev }}",
    "Passer ikke tidspunktet" + AGREED + " likevel{% endif %}?":
        "Passar ikkje tidspunktet" + AGREED + " likevel{% endif %}?",
    "I denne samtalen snakker vi også om:": "I denne samtalen snakkar vi også om:",
    '{% if mottaker.er_barnet %}Det kommer en tolk som snakker {{ mottaker.sprak }}, så du '
    'kan snakke det språket du vil.{% elif part.id == "barnet" %}Jeg bestiller tolk på '
    '{{ mottaker.sprak }} til samtalen med {{ barn.fornavn }}.{% else %}Jeg bestiller tolk på '
    '{{ mottaker.sprak }} til samtalen. Tolken har taushetsplikt.{% endif %}':
        '{% if mottaker.er_barnet %}Det kjem ein tolk som snakkar {{ mottaker.sprak }}, så du '
        'kan snakke det språket du vil.{% elif part.id == "barnet" %}Eg bestiller tolk på '
        '{{ mottaker.sprak }} til samtalen med {{ barn.fornavn }}.{% else %}Eg bestiller tolk '
        'på {{ mottaker.sprak }} til samtalen. Tolken har teieplikt.{% endif %}',
    "Si fra til {{ fosterfamilie.for_barnet }}, eller " + RING_LC + " på "
    "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finner vi en annen tid.":
        "Sei frå til {{ fosterfamilie.for_barnet }}, eller " + RING_LC + " på "
        "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finn vi ei anna tid.",
    "Jeg gleder meg til å snakke med deg.": "Eg gler meg til å snakke med deg.",
    CALL_OR_WRITE: (
        "{% if kort_varsel %}Det er kort tid til samtalen. " + RING + " så snart du kan på "
        "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finn vi ei ny tid."
        "{% else %}Gi beskjed så snart du kan, så finn vi ei ny tid. " + RING + " på "
        "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", eller send e-post til "
        "{{ kontaktperson.epost }}.{% endif %}"),
    "{% if not mottaker.tolk %} Si også fra hvis du ønsker tolk.{% endif %}":
        "{% if not mottaker.tolk %} Sei også frå om du ønskjer tolk.{% endif %}",
    CALL_OR_WRITE_ALL: (
        "{% if kort_varsel %}Det er kort tid til samtalen. " + RING + " så snart de kan på "
        "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finn vi ei ny tid."
        "{% else %}Gi beskjed så snart de kan, så finn vi ei ny tid. " + RING + " på "
        "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", eller send e-post til "
        "{{ kontaktperson.epost }}.{% endif %}"),
    "Jeg inviterer deg{% if fellesmote.andre_foreldre %} og {{ fellesmote.andre_foreldre }}"
    "{% endif %} til et felles møte med {% if fosterfamilie.en_fosterforelder %}"
    "{{ fosterfamilie.navn }}, som {{ barn.fornavn }} bor hos,{% else %}fosterforeldrene"
    "{% if not fellesmote.andre_foreldre %} til {{ barn.fornavn }}{% endif %}{% endif %} og "
    "meg. Målet er at dere blir bedre kjent, og at vi "
    "sammen finner gode måter å samarbeide på, slik at {{ barn.fornavn }} har det godt.":
        "Eg inviterer deg{% if fellesmote.andre_foreldre %} og {{ fellesmote.andre_foreldre }}"
        "{% endif %} til eit felles møte med {% if fosterfamilie.en_fosterforelder %}"
        "{{ fosterfamilie.navn }}, som {{ barn.fornavn }} bur hos,{% else %}fosterforeldra"
        "{% if not fellesmote.andre_foreldre %} til {{ barn.fornavn }}{% endif %}{% endif %} "
        "og meg. Målet er at de blir betre kjende, "
        "og at vi saman finn gode måtar å samarbeide på, slik at {{ barn.fornavn }} har det "
        "godt.",
    "Jeg inviterer deg til et møte der du, {{ fellesmote.foreldrene }} og jeg møtes. "
    "Målet er at dere blir bedre kjent, og at vi sammen finner gode måter å "
    "samarbeide på, slik at {{ barn.fornavn }} har det godt.":
        "Eg inviterer deg til eit møte der du, {{ fellesmote.foreldrene }} og eg møtest. "
        "Målet er at de blir betre kjende, og at vi saman finn gode måtar å "
        "samarbeide på, slik at {{ barn.fornavn }} har det godt.",
    "Jeg inviterer dere til et møte der dere, {{ fellesmote.foreldrene }} og jeg "
    "møtes. Målet er at dere blir bedre kjent, og at vi sammen finner gode "
    "måter å samarbeide på, slik at {{ barn.fornavn }} har det godt.":
        "Eg inviterer dykk til eit møte der de, {{ fellesmote.foreldrene }} og eg møtest. "
        "Målet er at de blir betre kjende, og at vi saman finn gode måtar å "
        "samarbeide på, slik at {{ barn.fornavn }} har det godt.",
    "Møtet bygger videre på samtalene om «{{ fellesmote.etter_tema }}» med "
    + JOINT_TALKS_WITH + " hver for seg.":
        "Møtet byggjer vidare på samtalane om «{{ fellesmote.etter_tema }}» med "
        + JOINT_TALKS_WITH_NN + " kvar for seg.",
    "Møtet bygger videre på samtalene om «{{ fellesmote.etter_tema }}» som " + JOINT_TALKS
    + " har med meg hver for seg.":
        "Møtet byggjer vidare på samtalane om «{{ fellesmote.etter_tema }}» som "
        + JOINT_TALKS_NN + " har med meg kvar for seg.",
    "Jeg bestiller tolk på {{ mottaker.sprak }} til møtet. Tolken har taushetsplikt.":
        "Eg bestiller tolk på {{ mottaker.sprak }} til møtet. Tolken har teieplikt.",
    "Du har lang reisevei til oss. Du kan derfor være med på video. Si fra om du ønsker "
    "det, eller om vi skal finne et annet sted å møtes.":
        "Du har lang reiseveg til oss. Difor kan du vere med på video. Sei frå om du ønskjer "
        "det, eller om vi skal finne ein annan stad å møtast.",
    "Vi snakker om hvordan samvær og kontakt fungerer, hvordan dere kan dele det som skjer i "
    "hverdagen til {{ barn.fornavn }}, og hva som skal til for at {{ barn.fornavn }} kan "
    "kjenne seg trygg både hos {{ fellesmote.hos_foreldrene }} og i fosterhjemmet.":
        "Vi snakkar om korleis samvær og kontakt fungerer, korleis de kan dele det som skjer i "
        "kvardagen til {{ barn.fornavn }}, og kva som skal til for at {{ barn.fornavn }} kan "
        "kjenne seg trygg både hos {{ fellesmote.hos_foreldrene }} og i fosterheimen.",
    "{{ mottaker.andre }} er også invitert til samtalen. Vil du heller ha en samtale "
    "alene, gi meg beskjed.":
        "{{ mottaker.andre }} er også invitert til samtalen. Vil du heller ha ein "
        "samtale åleine, gi meg beskjed.",
    "Tenk gjerne gjennom på forhånd hva " + YOU + " vil at de andre skal vite, og hva som "
    "allerede fungerer godt.":
        "Tenk gjerne gjennom på førehand kva {% if mottaker.en_person %}du{% else %}de"
        "{% endif %} vil at dei andre skal vite, og kva som alt fungerer godt.",
    "{% if plassering.i_nettverk %} Fosterhjemmet er i familien eller nettverket til "
    "{{ barn.fornavn }}, så vi snakker også om de nye rollene i familien og hvordan de "
    "påvirker samarbeidet.{% endif %}":
        "{% if plassering.i_nettverk %} Fosterheimen er i familien eller nettverket til "
        "{{ barn.fornavn }}, så vi snakkar også om dei nye rollene i familien og korleis dei "
        "påverkar samarbeidet.{% endif %}",
    "Jeg leder møtet og passer på at alle blir hørt.":
        "Eg leier møtet og passar på at alle blir høyrde.",
    "Passer ikke tidspunktet{% if mottaker.andre %}, eller vil du heller ha et eget "
    "møte{% endif %}? Gi beskjed så snart som mulig til meg på "
    "{{ kontaktperson.telefon|telefon }} eller {{ kontaktperson.epost }}, så finner vi "
    "{% if mottaker.andre %}en løsning{% else %}en tid som passer for alle{% endif %}.":
        "Passar ikkje tidspunktet{% if mottaker.andre %}, eller vil du heller ha eit eige "
        "møte{% endif %}? Gi beskjed så snart som mogleg til meg på "
        "{{ kontaktperson.telefon|telefon }} eller {{ kontaktperson.epost }}, så finn vi "
        "{% if mottaker.andre %}ei løysing{% else %}ei tid som passar for alle{% endif %}.",

    # Workbooks
    "Snart (dager):": "Snart (dagar):",
    "Referat mottatt": "Referat motteke",
    "Kilde": "Kjelde",
    "Farger:": "Fargar:",
    "Over fristen (rød)": "Over fristen (raud)",
    "Gjennomført (grønn)": "Gjennomført (grøn)",
    "Samtaler": "Samtalar",
    "Laget:": "Laga:",
    "Merk:": "Merk:",
    "Uke": "Veke",
    "Frist er dagen det senest skal være gjort. For lovbrudd er fristen alt passert, unntatt "
    "for oppfølgingsbesøk som mangler: der er fristen siste dag i plasseringsåret.":
        "Frist er dagen det seinast skal vere gjort. For lovbrot er fristen alt passert, "
        "unnateke for oppfølgingsbesøk som manglar: der er fristen siste dagen i "
        "plasseringsåret.",
    "Rader om en sak som ikke er eksportert på lenge, står øverst: de andre radene i den saken "
    "kan være utdatert til saken er eksportert på nytt.":
        "Rader om ei sak som ikkje er eksportert på lenge, står øvst: dei andre radene i den "
        "saka kan vere utdaterte til saka er eksportert på nytt.",
    "Denne måneden": "Denne månaden",
    "Samtaler som er flyttet til en ny dato, står ikke her, heller ikke det som ikke ble "
    "holdt i saker der programmet er avsluttet. Se Avvik for frister som er passert.":
        "Samtalar som er flytta til ein ny dato, står ikkje her, heller ikkje det som ikkje "
        "vart halde i saker der programmet er avslutta. Sjå Avvik for fristar som er "
        "passerte.",
    "Gjennomført og Planlagt teller samtalene med partene (ikke felles møte og besøk); Over "
    "fristen også besøk som har passert uten å bli registrert, som på arket Over fristen. "
    "Er programmet avsluttet, står det som ikke ble holdt, på arket Avvik. Lovbrudd teller "
    "sakens lovbrudd på arket Avvik.":
        "Gjennomført og Planlagt tel samtalane med partane (ikkje felles møte og besøk); Over "
        "fristen også besøk som har passert utan å bli registrerte, som på arket Over "
        "fristen. Er programmet avslutta, står det som ikkje vart halde, på arket Avvik. "
        "Lovbrot tel lovbrota i saka på arket Avvik.",
    "Samtaler, besøk og lovfrister denne måneden og de neste dagene":
        "Samtalar, besøk og lovfristar denne månaden og dei neste dagane",
    "Hva": "Kva",
    "Samtaler og besøk over fristen": "Samtalar og besøk over fristen",
    "Dager over fristen": "Dagar over fristen",
    "Ikke startet": "Ikkje starta",
    "Saker som ikke er startet": "Saker som ikkje er starta",
    "Grense (uker):": "Grense (veker):",
    "Uker siden plassering": "Veker sidan plassering",
    "Første planlagte samtale": "Første planlagde samtale",
    "Avsluttes snart": "Blir avslutta snart",
    "Samtaler igjen teller samtalene som ikke er holdt: dem som er planlagt, dem som har "
    "passert uten å bli registrert (står også i Over fristen), og dem som ikke har fått dato "
    "før programslutt (se Merknad om planen på arket Saker).":
        "Samtalar att tel samtalane som ikkje er haldne: dei som er planlagde, dei som har "
        "passert utan å bli registrerte (står også i Over fristen), og dei som ikkje har fått "
        "dato før programslutt (sjå Merknad om planen på arket Saker).",
    "Over fristen teller også oppfølgingsbesøk som har passert uten å bli registrert, som på "
    "arket Saker.":
        "Over fristen tel også oppfølgingsbesøk som har passert utan å bli registrerte, som på "
        "arket Saker.",
    "Saker der Omsorgspakken avsluttes snart": "Saker der Omsorgspakken blir avslutta snart",
    "Innen (dager):": "Innan (dagar):",
    "Dager igjen": "Dagar att",
    "Samtaler igjen": "Samtalar att",
    "Temaer vurdert": "Vurderte tema",
    # Workbooks: the team leader's deviations (issue 15) and the letters to send (issue 13)
    "Avvik fra Omsorgspakken": "Avvik frå Omsorgspakken",
    "Avvik fra Omsorgspakken:": "Avvik frå Omsorgspakken:",
    "Dette må følges opp": "Dette må følgjast opp",
    "Avvik – dette må følges opp": "Avvik – dette må følgjast opp",
    "Hjemmel": "Heimel",
    "Lovbrudd": "Lovbrot",
    "Lovbrudd:": "Lovbrot:",
    "Mangler opplysninger": "Manglar opplysningar",
    "Mangler opplysninger:": "Manglar opplysningar:",
    "Antall": "Tal",
    "Mottaker": "Mottakar",
    "Send innen": "Send innan",
    "Sendemåte": "Sendemåte",
    "Når et brev er sendt: skriv datoen (eller x) i kolonnen Sendt. Merket blir med i neste "
    "liste.":
        "Når eit brev er sendt: skriv datoen (eller x) i kolonnen Sendt. Merket blir med i "
        "neste liste.",
    "Brev å sende står øverst, sendte nederst. Neste liste erstatter denne: det du skriver "
    "i andre kolonner enn Sendt, blir ikke med.":
        "Brev å sende står øvst, brev som er sende, nedst. Neste liste erstattar denne: det "
        "du skriv i andre kolonnar enn Sendt, blir ikkje med.",
    "Fristen er passert (rød)": "Fristen er passert (raud)",
    "Ikke send (gul)": "Ikkje send (gul)",
    "Sendt (grønn)": "Sendt (grøn)",
    "Sendt, på listen:": "Sendt, på lista:",

    # Texts of the rewritten letters, plan and evaluation (issues 12, 13)
    "{{ fellesmote.til_stede }} møtes {{ fellesmote.dato_med_ukedag }} "
    "kl. {{ fellesmote.tid }}, etter at temaet «{{ fellesmote.etter_tema }}» er tatt opp med "
    "hver av dem (sted: {{ fellesmote.sted }}). Der kan de bli bedre kjent og snakke sammen om "
    "samvær, kontakt og samarbeid til det beste for barnet.":
        "{{ fellesmote.til_stede }} møtest {{ fellesmote.dato_med_ukedag }} "
        "kl. {{ fellesmote.tid }}, etter at temaet «{{ fellesmote.etter_tema }}» er teke opp "
        "med kvar av dei (stad: {{ fellesmote.sted }}). Der kan dei bli betre kjende og snakke "
        "saman om samvær, kontakt og samarbeid til det beste for barnet.",
    "{{ fellesmote.til_stede }} skulle møtes {{ fellesmote.dato_med_ukedag }} kl. "
    "{{ fellesmote.tid }}, etter at temaet «{{ fellesmote.etter_tema }}» var tatt opp "
    "med hver av dem (sted: {{ fellesmote.sted }}), for å bli bedre kjent og snakke "
    "sammen om samvær, kontakt og samarbeid til det beste for barnet. Datoen er "
    "passert, og eksporten fra fagsystemet viser ikke om møtet ble holdt.":
        "{{ fellesmote.til_stede }} skulle møtast {{ fellesmote.dato_med_ukedag }} kl. "
        "{{ fellesmote.tid }}, etter at temaet «{{ fellesmote.etter_tema }}» var teke opp med "
        "kvar av dei (stad: {{ fellesmote.sted }}), for å bli betre kjende og snakke saman om "
        "samvær, kontakt og samarbeid til det beste for barnet. Datoen er passert, og "
        "eksporten frå fagsystemet viser ikkje om møtet vart halde.",
    "{% if o.siden %}ingen samtale registrert som holdt siden {{ o.fra }}.{% else %}"
    "{{ o.fra }} til {{ o.til }} ({{ o.dager }} dager).{% endif %}"
    "{% if not g.alle %} {{ g.grunn }}"
    "{% elif o.egen %} {{ o.egen }}"
    "{% endif %}":
        "{% if o.siden %}ingen samtale registrert som halden sidan {{ o.fra }}.{% else %}"
        "{{ o.fra }} til {{ o.til }} ({{ o.dager }} dagar).{% endif %}"
        "{% if not g.alle %} {{ g.grunn }}"
        "{% elif o.egen %} {{ o.egen }}"
        "{% endif %}",
    "Grunnen er den samme for {{ g.alle }}: {{ g.grunn }}":
        "Grunnen er den same for {{ g.alle }}: {{ g.grunn }}",
    "Lengre opphold mellom samtalene": "Lengre opphald mellom samtalane",
    "«Ikke registrert»: planen skulle ha vært laget{% if not programmet_over %} nå"
    "{% endif %}, men er ikke registrert i fagsystemet.":
        "«Ikkje registrert»: planen skulle vore laga{% if not programmet_over %} no"
        "{% endif %}, men er ikkje registrert i fagsystemet.",
    "«Ikke registrert» betyr at fagsystemet ikke viser om samtalen ble holdt. "
    "{% if programmet_over %}Registrer i fagsystemet de samtalene som ble holdt, og eksporter "
    "saken på nytt, så viser planen det.{% else %}Kontaktpersonen sjekker dette, og planen "
    "viser det når det er registrert.{% endif %}":
        "«Ikkje registrert» tyder at fagsystemet ikkje viser om samtalen vart halden. "
        "{% if programmet_over %}Registrer i fagsystemet dei samtalane som vart haldne, og "
        "eksporter saka på nytt, så viser planen det.{% else %}Kontaktpersonen sjekkar dette, "
        "og planen viser det når det er registrert.{% endif %}",
    "Samtalene holdes minst én gang i måneden, med høyst {{ opphold_grense }} dager mellom. "
    "Her er det lengre tid mellom to samtaler, og grunnen til det:":
        "Samtalane blir haldne minst éin gong i månaden, med høgst {{ opphold_grense }} dagar "
        "mellom. Her er det lengre tid mellom to samtalar, og grunnen til det:",
    "Samarbeidsklimaet er {% if samarbeidsklima == \"konflikt\" %}preget av konflikt"
    "{% else %}krevende{% endif %}. Møtet er derfor et tilbud og ikke en fast del av planen: "
    "kontaktpersonen avklarer med hver av partene om og når et felles møte kan være til hjelp "
    "for barnet, og kan møte dem hver for seg i stedet.":
        "Samarbeidsklimaet er {% if samarbeidsklima == \"konflikt\" %}prega av konflikt"
        "{% else %}krevjande{% endif %}. Difor er møtet eit tilbod og ikkje ein fast del av "
        "planen: kontaktpersonen avklarar med kvar av partane om og når eit felles møte kan "
        "vere til hjelp for barnet, og kan møte dei kvar for seg i staden.",
    "Plasseringen er midlertidig. I samtalene snakker vi også om hva som skal skje videre, og "
    "du får vite det så snart noe er avklart.":
        "Plasseringa er mellombels. I samtalane snakkar vi også om kva som skal skje vidare, "
        "og du får vite det så snart noko er avklart.",
    "Plasseringen er frivillig, og den endrer ikke hvem som har foreldreansvaret. "
    "I samtalene snakker vi om hvordan vi best kan samarbeide, og om hva som skal til for at "
    "{{ barn.fornavn }} kan flytte hjem igjen.":
        "Plasseringa er frivillig, og ho endrar ikkje kven som har foreldreansvaret. "
        "I samtalane snakkar vi om korleis vi best kan samarbeide, og om kva som skal til for "
        "at {{ barn.fornavn }} kan flytte heim att.",
    "Du har lang reisevei til oss. Vi kan derfor ha samtalen på video, eller møtes et sted "
    "nærmere der du bor. Si fra hva du ønsker, så avtaler vi det.":
        "Du har lang reiseveg til oss. Difor kan vi ha samtalen på video, eller møtast ein "
        "stad nærare der du bur. Sei frå kva du ønskjer, så avtalar vi det.",
    "Møtet er et tilbud. {% if mottaker.en_person %}Du{% else %}Dere{% endif %} velger selv "
    "om {% if mottaker.en_person %}du{% else %}dere{% endif %} vil være med, og vi kan gjerne "
    "snakke sammen først om hvordan møtet kan bli trygt og nyttig.":
        "Møtet er eit tilbod. {% if mottaker.en_person %}Du{% else %}De{% endif %} vel sjølv "
        "om {% if mottaker.en_person %}du{% else %}de{% endif %} vil "
        "vere med, og vi kan gjerne snakke saman først om korleis møtet kan bli trygt og "
        "nyttig.",
    "{% if not mottaker.andre %} {% if mottaker.en_person %}Du{% else %}Dere{% endif %} kan "
    "også møte meg alene.{% endif %}":
        "{% if not mottaker.andre %} {% if mottaker.en_person %}Du{% else %}De{% endif %} kan "
        "også møte meg åleine.{% endif %}",
    "Sist evaluert": "Sist evaluert",
    "Skriv din samlede vurdering her: hva er positivt, hva trenger parten støtte til videre, "
    "og dekker den planlagte oppfølgingen behovene?":
        "Skriv den samla vurderinga di her: kva er positivt, kva treng parten støtte til "
        "vidare, og dekkjer den planlagde oppfølginga behova?",
    "Evaluering av planene": "Evaluering av planane",
    "Samlet vurdering": "Samla vurdering",
    "Finnes": "Finst",
    "Hva bør endres?": "Kva bør endrast?",
    "Planene {% if avsluttet %}skulle evalueres{% else %}evalueres{% endif %} i det siste "
    "temaet. Tabellen viser hvilke planer saken har i fagsystemet og når de sist ble evaluert; "
    "skriv i siste kolonne hva som bør endres.":
        "Planane {% if avsluttet %}skulle evaluerast{% else %}blir evaluerte{% endif %} i det "
        "siste temaet. Tabellen viser kva planar saka har i fagsystemet og når dei sist vart "
        "evaluerte; skriv i den siste kolonnen kva som bør endrast.",
    "Sluttevaluering – {{ part.spor }}{% if forelder %} – {{ forelder }}{% endif %}":
        "Sluttevaluering – {{ part.spor }}{% if forelder %} – {{ forelder }}{% endif %}",
    "Merknad om planen": "Merknad om planen",
    "Felles møte": "Felles møte",
    "{{ s.overskrift }}{% if s.forelder %} – med {{ s.forelder }}"
    "{% elif s.hvem_ukjent %} – med {{ s.hvem_ukjent }}{% endif %}":
        "{{ s.overskrift }}{% if s.forelder %} – med {{ s.forelder }}"
        "{% elif s.hvem_ukjent %} – med {{ s.hvem_ukjent }}{% endif %}",
}

SAME = {
    "Adresse",
    "{{ s.overskrift }}{% if s.tema is defined and s.tema == 0 %} (samtale {{ s.nummer }})"
    "{% endif %}",
    "Telefon {{ tjeneste.telefon|telefon }} · E-post {{ tjeneste.epost }}",
    "Oppfølgingsplan – {{ program.navn }}", "Vår dato:", "Vår referanse:", "Telefon:",
    "E-post:", "Fødselsdato", "Kontaktperson", "Telefon", "E-post",
    "Programperiode", "Tema", "Dato", "Tid", "Status", "Over fristen", "Brevdato",
    "{% if fosterfamilie.en_fosterforelder %}Fosterforelder{% else %}Fosterforeldre"
    "{% endif %}", "Plan", "Startdato", "Evaluert", "Merknader",
    "Side ", " av ", "Oppfølgingsplan", "Informasjonsbrev til foreldre", "Samtale",
    "Tolk: ",
    "Klokkeslett", "{{ samtale.tid }}", "{{ fellesmote.tid }}", "Invitasjon til felles møte",
    "Sak / Vår referanse", "Barn",
    "Part", "Referat – {{ samtale.overskrift }}", "Samtaleløp: ", "Om samtalen",
    "Formål med samtalen", "Forslag til verktøy",
    "Formål med møtet", "Invitert", "Video", "Tolk", "Om møtet", "Oppsummering",
    "Plan for møtet",
    "Referat – felles møte", "Samarbeidet framover", "Samvær og kontakt",
    "{{ fellesmote.dato_med_ukedag }}, kl. {{ fellesmote.tid }}",
    "Periode", "Vurdering per tema", "Sluttevaluering",
    # Workbooks
    "Oppfølgingsoversikt – Omsorgspakken", "Kontaktperson:", "Plassering:", "Tittel",
    "Snart (gul)", "Besøk", "Gjennomført:", "Side &P av &N",
    "Saker i alt:", "Saksoversikt – Omsorgspakken", "Sak", "Plassert", "Programslutt",
    "Gjennomført", "Planlagt", "Neste samtale", "Neste besøk", "Saker", "Samtaledato",
    # Letters as reworded for issue 13
    "Besøksadresse: ", "Postadresse: ", "Vår ref.:", "Vår ref.: {{ sak.var_referanse }}",
    "Hei, {{ mottaker.hilsen }}.",
    "Invitasjon til felles møte om {{ barn.fornavn }}",
    "Alvor", "Funn:", "Frist", "Avvik", "Funn i alt:", "Funn",
    "Per kontaktperson", "Saker med funn:", "Statistikk", "Statistikk – funn", "Totalt",
    "Brev til utsending – Omsorgspakken", "Brev å sende:", "Dokument", "Merknad", "Til utsending",
    "Sendt",
}


def _places() -> dict[str, str]:
    """The minutes' places to write: titles and grey text, from the text catalogues."""
    nb, nn = tekst("bokmal").table("referatfelt"), tekst("nynorsk").table("referatfelt")
    return {nb[k]: nn[k] for k in nb}


def _statuses() -> dict[str, str]:
    nb, nn = tekst("bokmal"), tekst("nynorsk")
    out = {}
    for section in ("status", "saksoversikt", "alvor"):
        a, b = nb.table(section), nn.table(section)
        out.update({a[k]: b[k] for k in a})
    return out


_LETTERS = re.compile(r"[A-Za-zÆØÅæøå]")
_TAGS = re.compile(r"\{[{%].*?[%}]\}")


def translate(text: str, missing: set[str]) -> str:
    """The nynorsk of one run of text; a run with words and no nynorsk goes into missing."""
    if not _LETTERS.search(_TAGS.sub("", text)) or text in SAME:
        return text
    found = TEXT.get(text)
    if found is None:
        for nb, nn in _places().items():  # "Notater: {{ seksjon.tittel }}"
            if text.startswith(nb.strip()):
                return nn.strip() + text[len(nb.strip()):]
        missing.add(text)
        return text
    return found


def docx(doc, name: str) -> None:
    """Make a built bokmål Word template nynorsk: text, control titles, language."""
    missing: set[str] = set()
    places = _places()
    parts = [doc.element.body]
    for section in doc.sections:
        for hf in (section.header, section.first_page_header, section.footer,
                   section.first_page_footer):
            parts.append(hf._element)
    for part in parts:
        for el in part.iter(qn("w:t")):
            el.text = places.get(el.text or "") or translate(el.text or "", missing)
        for el in part.iter(qn("w:alias")):
            el.set(qn("w:val"), translate(el.get(qn("w:val")), missing))
    doc.core_properties.title = translate(doc.core_properties.title, missing)
    doc.core_properties.language = LANGUAGE
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    _fail_on(missing, name)


def xlsx(book, name: str) -> None:
    """Make a built bokmål workbook template nynorsk: cells, sheet names, colour rules."""
    missing: set[str] = set()
    statuses = _statuses()
    for ws in book.worksheets:
        ws.title = translate(ws.title, missing)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = translate(cell.value, missing)
        for footer in (ws.oddFooter.left, ws.oddFooter.right):
            if footer.text:
                footer.text = translate(footer.text, missing)
        for rng in ws.conditional_formatting:
            for rule in rng.rules:
                rule.formula = [re.sub(r'"([^"]+)"',
                                       lambda m: f'"{statuses.get(m[1], m[1])}"', f)
                                for f in rule.formula]
    book.properties.title = translate(book.properties.title or "", missing)
    book.properties.language = LANGUAGE
    _fail_on(missing, name)


def _fail_on(missing: set[str], name: str) -> None:
    if missing:
        raise SystemExit(f"nn/{name}: mangler nynorsk i tools/nynorsk.py for:\n"
                         + "\n".join(f"  {text!r}" for text in sorted(missing)))
