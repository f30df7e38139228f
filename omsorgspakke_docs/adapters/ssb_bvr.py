"""The register export to SSB/Bufdir, "Barnevern" XML v4 (and v3/v1, which share the layout).

Visma Flyt Barnevern and Modulus Barn send one Sak per file. The file carries identity
numbers, dates, measures, plans and moves, but no names or addresses: documents made from it
alone show those as missing. Schema and code lists: tests/data/ssb/bvr/ (from SSB, MIT).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from ..domain.model import Besok, Case, Plassering
from ..errors import InputError
from ..hookspecs import hookimpl
from ..intake.xmlsafe import iter_elements, local, root_info
from .ssb_common import case_closed, district_number, placement, plans, set_service
from .ssb_common import children as _children
from .ssb_common import parse_date as _date

GENDER: dict[str, Literal["gutt", "jente"]] = {"1": "gutt", "2": "jente"}


class SsbBarnevernXml:
    name = "ssb-barnevern-xml"
    description = "SSB/Bufdir-registereksport «Barnevern», XML v1–v4 (én Sak per fil)"

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
            sluttdato=case_closed(sak, "Avsluttet", {"true", "1"}, exported),
            kommunenummer=service.get("Kommunenummer"),
            bydel=district_number(service.get("Bydelsnummer")),
            journalnummer=sak.get("Journalnummer"),
        )
        set_service(case, service)
        self._personalia(sak, case)
        case.plassering = placement(sak) or Plassering()
        case.planer = plans(sak)
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

    def _visits(self, sak) -> list[Besok]:
        dates = set()
        for tiltak in _children(sak, "Tiltak"):
            for oppfolging in _children(tiltak, "Oppfolging"):
                for utfort in _children(oppfolging, "Utfort"):
                    if d := _date(utfort.get("UtfortDato")):
                        dates.add(d)
        return [Besok(dato=d) for d in sorted(dates)]


@hookimpl
def register_adapters(register):
    register(SsbBarnevernXml())
