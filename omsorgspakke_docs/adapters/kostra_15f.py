"""The yearly KOSTRA child-welfare file to SSB ("15F"): many Individ in one file.

Every journal system could produce it until the register export replaced it, and older
archives are full of them. A large municipality's file holds thousands of Individ, so it is
read streaming (xmlsafe.iter_elements clears each Individ after use): memory stays flat
however long the file is. The files are declared ISO-8859-1; the XML parser honours that.

Like the register export it has identity numbers, measures, plans and moves but no names or
addresses, except the caseworker (Saksbehandler), who becomes the contact person. There is no
export timestamp: the file describes the year in Avgiver/@Versjon as of 31 December.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..domain.model import Case, Plassering
from ..errors import InputError
from ..hookspecs import hookimpl
from ..intake.xmlsafe import iter_elements, local
from .ssb_common import case_closed, district_number, placement, plans, set_service

MUNICIPALITY = re.compile(r"^\d{4}$")


class Kostra15F:
    name = "ssb-kostra-15f"
    description = "SSBs KOSTRA-fil for barnevern («15F», årlig, mange Individ per fil)"

    def claims(self, sample) -> bool:
        head = sample.head
        return sample.suffix == ".xml" and b"<Barnevern" in head and b"<Individ" in head

    def read(self, path: Path):
        reporter: dict[str, str] = {}
        found = False
        for element in iter_elements(path, {"Avgiver", "Individ"}):
            if local(element) == "Avgiver":
                reporter = _reporter(element)
                continue
            found = True
            yield self._case(element, reporter)
        if not found:
            raise InputError("Filen inneholder ingen Individ (saker).")

    def _case(self, individ, reporter: dict[str, str]) -> Case:
        if not reporter:
            raise InputError("Filen mangler Avgiver (kommunen som rapporterer) før sakene.")
        year_end = _year_end(reporter.get("Versjon"))
        case = Case(
            kilde=self.name,
            eksportert=year_end,
            # Avslutta3112 = 1: closed before the year end, with or without a SluttDato.
            sluttdato=case_closed(individ, "Avslutta3112", {"1"}, year_end),
            kommunenummer=reporter["Kommunenummer"],
            bydel=district_number(individ.get("Bydelsnummer")),
            journalnummer=individ.get("Journalnummer"),
        )
        set_service(case, {**reporter, **_district(individ)})
        number = individ.get("Fodselsnummer")
        case.barn.fodselsnummer = number
        _caseworker(case, individ.get("Saksbehandler"))
        case.plassering = placement(individ) or Plassering()
        case.planer = plans(individ)
        if case.key is None:
            raise InputError("Et Individ i filen mangler både journalnummer og fødselsnummer.")
        return case


def _reporter(avgiver) -> dict[str, str]:
    attrs = dict(avgiver.attrib)
    if not MUNICIPALITY.match(attrs.get("Kommunenummer", "")):
        raise InputError("Avgiver i filen har ikke et firesifret kommunenummer.")
    return attrs


def _district(individ) -> dict[str, str]:
    name = individ.get("Bydelsnavn")
    return {"Bydelsnavn": name} if name else {}


_YEAR = re.compile(r"[1-9]\d{3}")


def _year_end(version: str | None) -> date | None:
    """31 December of the year in Versjon; None when it is not a four-digit year."""
    return date(int(version), 12, 31) if version and _YEAR.fullmatch(version) else None


def _caseworker(case: Case, name: str | None) -> None:
    """Saksbehandler is one string; the last word is taken as the surname."""
    words = (name or "").split()
    if words:
        case.kontaktperson.fornavn = " ".join(words[:-1]) or None
        case.kontaktperson.etternavn = words[-1]


@hookimpl
def register_adapters(register):
    register(Kostra15F())
