"""The register export to SSB/Bufdir, "Barnevern" XML v4 (and v3/v1, which share the layout).

Visma Flyt Barnevern and Modulus Barn send one Sak per file. The file carries identity
numbers, dates, measures, plans and moves, but no names or addresses: documents made from it
alone show those as missing. Schema and code lists: tests/data/ssb/bvr/ (from SSB, MIT).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import InputError
from ..hookspecs import hookimpl
from ..model import Besok, Case, Plan, Plassering
from ..xmlsafe import iter_elements, local, root_info

FOSTER_HOME_CATEGORIES = {"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.99"}
PLAN_TYPES = {
    "1": "tiltaksplan", "2": "tiltaksplan", "3": "omsorgsplan", "4": "omsorgsplan",
    "5": "tiltaksplan", "6": "samvaersplan",
}
GENDER = {"1": "gutt", "2": "jente"}
# Legal bases (chapter, paragraph) that tell a care order from a voluntary or temporary
# placement: barnevernsloven 2021 and, for older measures, 1992.
CARE_ORDER = {(5, 1), (4, 12)}
VOLUNTARY = {(3, 2), (3, 6), (4, 4)}
TEMPORARY = {(4, 2), (4, 6), (4, 25)}
# Flytting/FlyttingTil codes that are moves into a foster home (1, 2) or emergency home (3).
MOVE_TO_FOSTER_HOME = {"1": "2.1", "2": "2.2", "3": "2.5"}


class SsbBarnevernXml:
    name = "ssb-barnevern-xml"
    description = "SSB/Bufdir-registereksport «Barnevern» XML v1–v4 (én Sak per fil)"

    def claims(self, sample) -> bool:
        head = sample.head
        return (
            sample.suffix == ".xml"
            and b"<Barnevern" in head
            and (b"<Sak" in head or b"<Fagsystem" in head)
            and b"<Individ" not in head
        )

    def read(self, path: Path):
        _, root = root_info(path)
        exported = _date(root.get("DatoUttrekk", "")[:10])
        service: dict[str, str] = {}
        found = False
        for element in iter_elements(path, {"Avgiver", "Sak"}):
            if local(element) == "Avgiver":
                service = dict(element.attrib)
                continue
            found = True
            yield self._case(element, service, exported)
        if not found:
            raise InputError("Filen inneholder ingen Sak.")

    def _case(self, sak, service: dict[str, str], exported: date | None) -> Case:
        case = Case(
            kilde=self.name,
            eksportert=exported,
            kommunenummer=service.get("Kommunenummer"),
            journalnummer=sak.get("Journalnummer"),
        )
        case.tjeneste.kommunenummer = service.get("Kommunenummer")
        if service.get("Kommunenavn"):
            name = service["Kommunenavn"]
            if service.get("Bydelsnavn"):
                name = service["Bydelsnavn"]
            case.tjeneste.kommunenavn = name
        self._personalia(sak, case)
        case.plassering = self._placement(sak) or Plassering()
        case.planer = [self._plan(p) for p in _children(sak, "Plan") if p.get("Plantype") in PLAN_TYPES]
        case.oppfolgingsbesok = self._visits(sak)
        if case.key is None:
            raise InputError("En Sak i filen mangler både journalnummer og fødselsnummer.")
        return case

    def _personalia(self, sak, case: Case) -> None:
        # v2+ keep identity in dated Personalia elements; the 2021 draft put it on Sak itself.
        items = sorted(_children(sak, "Personalia"), key=lambda p: p.get("StartDato", ""))
        source = items[-1] if items else sak
        case.barn.fodselsnummer = source.get("Fodselsnummer")
        case.barn.fodselsdato = _date(source.get("Fodseldato"))
        case.barn.kjonn = GENDER.get(source.get("Kjonn", ""), None)

    def _placement(self, sak) -> Plassering | None:
        measures = []
        for tiltak in _children(sak, "Tiltak"):
            kategori = next(iter(_children(tiltak, "Kategori")), None)
            code = kategori.get("Kode") if kategori is not None else None
            if code in FOSTER_HOME_CATEGORIES and tiltak.get("StartDato"):
                measures.append((tiltak.get("StartDato"), code, tiltak))
        if not measures:
            return self._placement_from_move(sak)
        # The newest foster-home measure that is still running, else the newest of all.
        running = [m for m in measures if _end(m[2]) is None]
        start, code, tiltak = max(running or measures, key=lambda m: m[0])
        basis = _legal_basis(tiltak)
        return Plassering(
            startdato=_date(start),
            sluttdato=_end(tiltak),
            kategori=code,
            lovhjemmel=_legal_text(tiltak),
            frivillig=True if basis in VOLUNTARY else False if basis in CARE_ORDER else None,
            midlertidig=True if basis in TEMPORARY else None,
        )

    def _placement_from_move(self, sak) -> Plassering | None:
        moves = []
        for flytting in _children(sak, "Flytting"):
            to = next(iter(_children(flytting, "FlyttingTil")), None)
            code = MOVE_TO_FOSTER_HOME.get(to.get("Kode", "")) if to is not None else None
            moved = _date(flytting.get("SluttDato") or flytting.get("StartDato"))
            if code and moved:
                moves.append((moved, code))
        if not moves:
            return None
        moved, code = max(moves)
        return Plassering(startdato=moved, kategori=code)

    def _plan(self, element) -> Plan:
        conclusion = next(iter(_children(element, "Konklusjon")), None)
        return Plan(
            type=PLAN_TYPES[element.get("Plantype")],
            startdato=_date(element.get("StartDato")),
            evaluert=sorted(
                d for e in _children(element, "Evaluering") if (d := _date(e.get("UtfortDato")))
            ),
            sluttdato=_date(conclusion.get("SluttDato")) if conclusion is not None else None,
        )

    def _visits(self, sak) -> list[Besok]:
        dates = set()
        for tiltak in _children(sak, "Tiltak"):
            for oppfolging in _children(tiltak, "Oppfolging"):
                for utfort in _children(oppfolging, "Utfort"):
                    if d := _date(utfort.get("UtfortDato")):
                        dates.add(d)
        return [Besok(dato=d) for d in sorted(dates)]


def _children(element, name: str) -> list:
    return [c for c in element if isinstance(c.tag, str) and local(c) == name]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError("Filen har en dato som ikke er på formen ÅÅÅÅ-MM-DD.") from None


def _end(tiltak) -> date | None:
    conclusion = next(iter(_children(tiltak, "Konklusjon")), None)
    if conclusion is None:
        return None
    return _date(conclusion.get("SluttDato"))


def _legal_parts(tiltak) -> dict[str, str] | None:
    hjemmel = next(iter(_children(tiltak, "Lovhjemmel")), None)
    if hjemmel is None:
        return None
    # v2+ use child elements, v1 and KOSTRA attributes.
    parts = {local(c): (c.text or "").strip() for c in hjemmel if isinstance(c.tag, str)}
    parts.update(hjemmel.attrib)
    return parts


def _legal_basis(tiltak) -> tuple[int, int] | None:
    parts = _legal_parts(tiltak)
    try:
        return (int(parts["Kapittel"]), int(parts["Paragraf"])) if parts else None
    except (KeyError, ValueError):
        return None


def _legal_text(tiltak) -> str | None:
    parts = _legal_parts(tiltak)
    if not parts or "Kapittel" not in parts or "Paragraf" not in parts:
        return None
    law = "barnevernsloven" if parts.get("Lov", "BVL").upper().startswith("BVL") else parts["Lov"]
    text = f"{law} § {parts['Kapittel']}-{parts['Paragraf']}"
    if parts.get("Ledd"):
        text += f" {parts['Ledd']}. ledd"
    return text


@hookimpl
def register_adapters(register):
    register(SsbBarnevernXml())
