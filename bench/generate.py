"""Realistic synthetic cases, written in every input format the pipeline reads.

Every person is made up from bench/norsk.py; identity numbers are synthetic test numbers
(month + 80) with valid check digits; foster-home placements start on days spread over the
year before "today", so every case qualifies. The same seed gives the same cases.

    python -m bench.generate --cases 1000 --out /tmp/export   # one file per format
"""

from __future__ import annotations

import argparse
import json
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

from omsorgspakke_docs.config import Schedule
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.domain.idnumber import check_digits
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning import schedule

from . import norsk

# (category, in family or network, legal basis (chapter, paragraph), voluntary), by weight.
PLACEMENTS = (
    (("2.2", False, (5, 1), False), 40), (("2.1", True, (5, 1), False), 20),
    (("2.5", False, (4, 2), None), 12), (("2.3", False, (5, 1), False), 8),
    (("2.2", False, (3, 2), True), 10), (("2.6", True, (4, 2), None), 6),
    (("2.4", False, (6, 3), None), 4),
)
MINUTES_BACK = 14
"""A history's conversations of the last two weeks have no minutes back yet."""
TRICKY = ("Bakke & Berg", "Nilsen <Nisse>", "O'Neil \"Junior\"", "Ærø-Østbø Åsheim")


@dataclass
class Synth:
    """A seeded source of synthetic cases as of a given day."""

    today: date
    seed: int = 7
    tricky_share: float = 0.05
    """Share of cases with '&', '<' and quotes in a name, to keep escaping honest."""
    history: bool = False
    """The journal records every conversation the programme's cadence put before today as
    held, as a service that has run Omsorgspakken all year would have it: a caseload in its
    steady state, where a new day brings a few letters. Without it, only the first move
    follow-up contacts are recorded and every older case comes in late, so its first run
    plans the rest of its programme from the next working day on (an onboarding day)."""

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def cases(self, count: int, start: int = 1) -> Iterator[dict]:
        for index in range(start, start + count):
            yield self.case(index)

    def case(self, index: int) -> dict:
        r = self.rng
        kommunenummer, kommune = r.choice(norsk.KOMMUNER)
        kategori, nettverk, (kap, par), frivillig = r.choices(
            [p for p, _ in PLACEMENTS], [w for _, w in PLACEMENTS])[0]
        start = self.today - timedelta(days=r.randint(0, 360))
        born = start - timedelta(days=r.randint(200, 17 * 365))
        girl = r.random() < 0.5
        surname = r.choice(norsk.ETTERNAVN)
        parents = self._parents(surname)
        case = {
            "format": "omsorgspakke-sak/1",
            "kommunenummer": kommunenummer,
            "journalnummer": f"{start.year}-{index:05d}",
            "eksportert": (self.today - timedelta(days=1)).isoformat(),
            "tjeneste": self._service(kommunenummer, kommune),
            "barn": {
                "fornavn": r.choice(norsk.JENTER if girl else norsk.GUTTER),
                "etternavn": surname,
                "fodselsnummer": synthetic_fnr(born, r),
                "fodselsdato": born.isoformat(),
                "kjonn": "jente" if girl else "gutt",
            },
            "plassering": {
                "startdato": start.isoformat(), "kategori": kategori,
                "i_familie_og_nettverk": nettverk,
                "lovhjemmel": f"barnevernsloven § {kap}-{par}",
                **({"frivillig": frivillig} if frivillig is not None else {}),
            },
            "foreldre": parents,
            "fosterfamilie": self._foster_family(),
            "kontaktperson": self._contact(),
            "planer": self._plans(start),
            "oppfolgingsbesok": [{"dato": d.isoformat()} for d in self._visits(start)],
            "samtaler": self._held(start),
        }
        if r.random() < self.tricky_share:
            case["kontaktperson"]["etternavn"] = r.choice(TRICKY)
        if self.history:
            case["samtaler"], case["vurderinger"] = self._history(case)
        return case

    # -- parts of a case -----------------------------------------------------------------
    def _person(self, women: bool, surname: str | None = None) -> dict:
        r = self.rng
        first = r.choice(norsk.VOKSNE_KVINNER if women else norsk.VOKSNE_MENN)
        last = surname or r.choice(norsk.ETTERNAVN)
        mail = f"{first}.{last}".lower().replace(" ", "")
        for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("'", ""), ('"', "")):
            mail = mail.replace(a, b)
        return {"fornavn": first, "etternavn": last,
                "telefon": f"4{r.randint(0, 9999999):07d}", "epost": f"{mail}@epost.example"}

    def _address(self) -> dict:
        r = self.rng
        postnummer, poststed = r.choice(norsk.STEDER)
        return {"adresse": f"{r.choice(norsk.GATER)} {r.randint(1, 120)}",
                "postnummer": postnummer, "poststed": poststed}

    def _parents(self, surname: str) -> list[dict]:
        r = self.rng
        roles = ["mor", "far"] if r.random() < 0.7 else [r.choice(["mor", "far"])]
        apart = r.random() < 0.6
        shared = self._address()
        parents = []
        for role in roles:
            person = self._person(role == "mor", surname if role == "far" else None)
            parent = {"rolle": role, **person, **(self._address() if apart else shared),
                      "takker_ja": r.choice([True, True, True, None, False]),
                      "bor_sammen_med_annen_forelder": not apart and len(roles) == 2}
            if r.random() < 0.15:
                parent.update(sprak=r.choice(norsk.SPRAK), tolk=True)
            parents.append(parent)
        return parents

    def _foster_family(self) -> dict:
        r = self.rng
        surname = r.choice(norsk.ETTERNAVN)
        parents = [self._person(True, surname)]
        if r.random() < 0.8:
            parents.append(self._person(False, surname))
        return {"fosterforeldre": parents, **self._address(), "andre_barn": r.randint(0, 3)}

    def _service(self, number: str, name: str) -> dict:
        slug = name.lower().replace("å", "a").replace("ø", "o").replace("æ", "ae")
        return {"navn": f"Barnevernstjenesten i {name}", "kommunenavn": f"{name} kommune",
                "kommunenummer": number, "adresse": f"Postboks {self.rng.randint(1, 500)}",
                "postnummer": "5999", "poststed": name, "telefon": "55 00 12 00",
                "epost": f"barnevern@{slug}.kommune.example"}

    def _contact(self) -> dict:
        person = self._person(self.rng.random() < 0.75)
        person["tittel"] = self.rng.choice(norsk.STILLINGER)
        return person

    def _plans(self, start: date) -> list[dict]:
        kind = "omsorgsplan" if self.rng.random() < 0.6 else "tiltaksplan"
        plans = [{"type": kind, "startdato": _not_after(start + timedelta(days=20), self.today)}]
        if self.rng.random() < 0.5:
            plans.append({"type": "samvaersplan",
                          "startdato": _not_after(start + timedelta(days=10), self.today)})
        return plans

    def _visits(self, start: date) -> list[date]:
        days = (start + timedelta(days=30 + 90 * n) for n in range(4))
        return [d for d in days if d < self.today]

    def _held(self, start: date) -> list[dict]:
        """The first move follow-up contacts, held already when the placement is old enough."""
        held = []
        for part, offset in (("barnet", 2), ("foreldre", 3)):
            day = start + timedelta(days=offset)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            if day < self.today:
                held.append({"part": part, "tema": 0, "nummer": 1, "dato": day.isoformat(),
                             "status": "gjennomfort"})
        return held


    def _history(self, case: dict) -> tuple[list[dict], list[dict]]:
        """Each conversation the programme's default cadence puts before today, held then;
        those more than MINUTES_BACK days ago with their minutes returned (the child named
        among those present in the child's) and, for a theme, the contact person's
        assessment: what a service keeping up with the programme has in its journal."""
        read = Case.model_validate({k: v for k, v in case.items() if k != "format"})
        plan = schedule.plan_case(read, programme.load(), Schedule(), None)
        held, assessed = [], []
        for c in plan.conversations:
            if c.dato >= self.today:
                continue
            own = {"forelder": c.forelder} if c.forelder is not None else {}
            minuted = c.dato < self.today - timedelta(days=MINUTES_BACK)
            held.append({
                "part": c.part, "tema": c.tema, "nummer": c.nummer, "dato": c.dato.isoformat(),
                "klokkeslett": f"{c.start:%H:%M}", "status": "gjennomfort", **own,
                **({"referat_mottatt": True,
                    "deltakere": [case["barn"]["fornavn"]] if c.part == "barnet" else []}
                   if minuted else {})})
            if minuted and c.tema > 0:
                assessed.append({"part": c.part, "tema": c.tema, **own,
                                 "dato": c.dato.isoformat(),
                                 "positivt": "Samtalen fungerte godt og ga et felles grunnlag."})
        return held, assessed


def synthetic_fnr(born: date, rng: random.Random) -> str:
    """A synthetic identity number (month + 80) with valid check digits for this birth date."""
    low, high = (500, 999) if born.year >= 2000 else (0, 499)
    while True:
        individual = rng.randint(low, high)
        first9 = f"{born.day:02d}{born.month + 80:02d}{born.year % 100:02d}{individual:03d}"
        if digits := check_digits(first9):
            return first9 + digits


def _not_after(day: date, today: date) -> str:
    return min(day, today).isoformat()


# --- Writers, one per input format -------------------------------------------------------

def write_canonical(case: dict, path: Path) -> Path:
    path.write_text(json.dumps(case, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_canonical_list(cases: Iterable[dict], path: Path, indent: int | None = None) -> Path:
    """Many cases in one file (omsorgspakke-saker/1); indent changes the bytes, not the cases."""
    data = {"format": "omsorgspakke-saker/1", "saker": list(cases)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent), encoding="utf-8")
    return path


def write_bvr(case: dict, path: Path, rng: random.Random) -> Path:
    """SSB "Barnevern" XML v4: one Sak, as Modulus Barn and Visma Flyt Barnevern send it."""
    ids = _ids(rng)
    place, child = case["plassering"], case["barn"]
    kap, par = _basis(place)
    start = place["startdato"]
    exported = f"{case['eksportert']}T06:00:00+01:00"
    root = etree.Element("Barnevern", Id=next(ids), DatoUttrekk=exported)
    etree.SubElement(root, "Fagsystem", Leverandor="Netcompany", Navn="Modulus Barn", Versjon="4")
    etree.SubElement(root, "Avgiver", Organisasjonsnummer="999999999",
                     Kommunenummer=case["kommunenummer"],
                     Kommunenavn=case["tjeneste"]["kommunenavn"])
    sak = etree.SubElement(root, "Sak", Id=next(ids), StartDato=start,
                           Journalnummer=case["journalnummer"])
    etree.SubElement(sak, "Personalia", Id=next(ids), StartDato=start,
                     Fodselsnummer=child["fodselsnummer"], Fodseldato=child["fodselsdato"],
                     Kjonn="2" if child["kjonn"] == "jente" else "1")
    for plan in case["planer"]:
        etree.SubElement(sak, "Plan", Id=next(ids), StartDato=plan["startdato"],
                         Plantype=_PLAN_CODES[plan["type"]])
    tiltak = etree.SubElement(sak, "Tiltak", Id=next(ids), StartDato=start)
    law = etree.SubElement(tiltak, "Lovhjemmel")
    for name, value in (("Lov", "BVL"), ("Kapittel", kap), ("Paragraf", par)):
        etree.SubElement(law, name).text = value
    etree.SubElement(tiltak, "Kategori", Kode=place["kategori"])
    follow = etree.SubElement(tiltak, "Oppfolging")
    etree.SubElement(follow, "Hyppighet", Id=next(ids), StartDato=start, Kode="4")
    for visit in case["oppfolgingsbesok"]:
        etree.SubElement(follow, "Utfort", Id=next(ids), UtfortDato=visit["dato"])
    flytting = etree.SubElement(sak, "Flytting", Id=next(ids), SluttDato=start)
    etree.SubElement(flytting, "ArsakFra", Kode="1.1.1")
    etree.SubElement(flytting, "FlyttingTil", Kode="1" if place["i_familie_og_nettverk"] else "2")
    etree.ElementTree(root).write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def write_kostra(cases: Iterable[dict], path: Path, year: int) -> Path:
    """The yearly KOSTRA 15F file: every case an Individ, written streaming (ISO-8859-1)."""
    with etree.xmlfile(str(path), encoding="iso-8859-1") as xf:
        xf.write_declaration()
        with xf.element("Barnevern"):
            first = True
            for number, case in enumerate(cases, start=1):
                if first:
                    xf.write(etree.Element(
                        "Avgiver", Organisasjonsnummer="999999999", Versjon=str(year),
                        Kommunenummer=case["kommunenummer"],
                        Kommunenavn=case["tjeneste"]["kommunenavn"]))
                    first = False
                xf.write(_individ(case, number))
    return path


def _individ(case: dict, number: int):
    place, contact = case["plassering"], case["kontaktperson"]
    start = place["startdato"]
    individ = etree.Element(
        "Individ", Id=f"i{number}", StartDato=start, Journalnummer=case["journalnummer"],
        Fodselsnummer=case["barn"]["fodselsnummer"], Avslutta3112="2",
        Saksbehandler=f"{contact['fornavn']} {contact['etternavn']}"[:50])
    for index, plan in enumerate(case["planer"], start=1):
        etree.SubElement(individ, "Plan", Id=f"P{index}", StartDato=plan["startdato"],
                         Plantype=_PLAN_CODES[plan["type"]])
    tiltak = etree.SubElement(individ, "Tiltak", Id="T1", StartDato=start)
    kap, par = _basis(place)
    etree.SubElement(tiltak, "Lovhjemmel", Lov="BVL", Kapittel=kap, Paragraf=par)
    etree.SubElement(tiltak, "Kategori", Kode=place["kategori"])
    flytting = etree.SubElement(individ, "Flytting", Id="F1", SluttDato=start)
    etree.SubElement(flytting, "ArsakFra", Kode="1.1.1")
    etree.SubElement(flytting, "FlyttingTil", Kode="1" if place["i_familie_og_nettverk"] else "2")
    return individ


def write_visma_flyt(cases: Iterable[dict], path: Path) -> Path:
    """The Visma Flyt Barnevern person export as mappings/visma-flyt-barnevern-personer.toml
    reads it: cases with the child, the placement and a list of related people."""
    saker = [_visma_case(case) for case in cases]
    export = {"uttrekk": {"system": "Visma Flyt Barnevern (syntetisk)",
                          "opprettet": f"{saker[0]['sistOppdatert']}T06:00:00+01:00"},
              "saker": saker}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return path


def _visma_case(case: dict) -> dict:
    child, place = case["barn"], case["plassering"]
    people = [{"relasjon": p["rolle"].upper(), **_visma_person(p),
               "tolkebehov": p.get("tolk", False), "harTakketJa": p["takker_ja"],
               **({"sprak": p["sprak"]} if "sprak" in p else {})}
              for p in case["foreldre"]]
    foster = case["fosterfamilie"]
    people += [{"relasjon": "FOSTERFORELDER", **_visma_person({**p, **foster})}
               for p in foster["fosterforeldre"]]
    return {
        "saksnummer": case["journalnummer"], "sistOppdatert": case["eksportert"],
        "barn": {"fornavn": child["fornavn"], "etternavn": child["etternavn"],
                 "fodselsnummer": child["fodselsnummer"],
                 "kjonn": "KVINNE" if child["kjonn"] == "jente" else "MANN"},
        "plassering": {"fraDato": place["startdato"], "type": _VISMA_TYPES[place["kategori"]],
                       "frivillig": bool(place.get("frivillig")), "hjemmel": place["lovhjemmel"]},
        "kontaktperson": {k: case["kontaktperson"][k]
                          for k in ("fornavn", "etternavn", "telefon", "epost")},
        "relasjoner": people,
    }


def _visma_person(person: dict) -> dict:
    return {"fornavn": person["fornavn"], "etternavn": person["etternavn"],
            "telefon": person["telefon"], "epost": person["epost"],
            "adresse": {"gate": person["adresse"], "postnummer": person["postnummer"],
                        "sted": person["poststed"]}}


# The layout has no type of its own for 2.4 (bvl. § 6-3): an ordinary foster home.
_VISMA_TYPES = {"2.1": "FOSTERHJEM_SLEKT_NETTVERK", "2.2": "FOSTERHJEM_ORDINAERT",
                "2.3": "FOSTERHJEM_FORSTERKET", "2.4": "FOSTERHJEM_ORDINAERT",
                "2.5": "BEREDSKAPSHJEM", "2.6": "MIDLERTIDIG_SLEKT_NETTVERK"}
_PLAN_CODES = {"tiltaksplan": "1", "omsorgsplan": "4", "samvaersplan": "6"}


def _basis(place: dict) -> tuple[str, str]:
    kap, par = place["lovhjemmel"].rsplit(" ", 1)[1].split("-")
    return kap, par


def _ids(rng: random.Random) -> Iterator[str]:
    while True:
        yield str(uuid.UUID(int=rng.getrandbits(128), version=4))


# --- Command line ------------------------------------------------------------------------

def write_all(folder: Path, count: int, today: date, seed: int = 7) -> dict[str, Path]:
    """One export per format in folder: canonical (single and list), BVR v4, KOSTRA 15F and
    the Visma Flyt mapping layout (the other vendor layouts are not generated)."""
    folder.mkdir(parents=True, exist_ok=True)
    synth = Synth(today, seed)
    cases = list(synth.cases(count))
    written = {
        "canonical": write_canonical(cases[0], folder / "sak-0001.json"),
        "canonical_list": write_canonical_list(cases, folder / "saker.json"),
        "bvr": write_bvr(cases[0], folder / "bvr-0001.xml", synth.rng),
        "kostra": write_kostra(cases, folder / "kostra-15f.xml", today.year),
        "visma_flyt": write_visma_flyt(cases, folder / "visma-flyt-personer.json"),
    }
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for kind, path in write_all(args.out, args.cases, args.today, args.seed).items():
        print(f"{kind}: {path}")


if __name__ == "__main__":
    main()
