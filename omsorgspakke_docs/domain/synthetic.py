"""A synthetic case with every field filled in: for previews, the field list and template checks.

The people are made up and the identity number is a synthetic test number (month + 80). The
case has every adaptation the programme knows (family placement, other children in the
foster home, a temporary placement, an interpreter, parents living apart, one who declined),
so every section, list and document kind shows up, and every list has at least one item.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from ..config import Settings
from ..planning import schedule
from ..plugins import collect
from ..rendering import context
from ..rendering.renderer import Document
from . import programme as programme_module
from .model import Case

TODAY = date(2026, 11, 22)
PSEUDONYM = "sak-eksempel"

CASE: dict[str, Any] = {
    "kommunenummer": "4699",
    "journalnummer": "2026-0999",
    "kilde": "eksempel",
    "eksportert": "2026-11-20",
    "tjeneste": {
        "navn": "Barnevernstjenesten i Eksempelvik", "kommunenavn": "Eksempelvik kommune",
        "kommunenummer": "4699", "adresse": "Postboks 7", "postnummer": "5999",
        "besoksadresse": "Torget 1, 5999 Eksempelvik",
        "poststed": "Eksempelvik", "telefon": "55 00 00 00",
        "epost": "barnevern@eksempelvik.kommune.example",
    },
    "barn": {
        "fornavn": "Mia", "etternavn": "Strand Berg", "fodselsnummer": "09851660078",
        "fodselsdato": "2016-05-09", "kjonn": "jente", "telefon": "400 00 900",
        "epost": "mia@epost.example", "sprak": "polsk", "tolk": True,
    },
    "plassering": {
        "startdato": "2026-09-07", "kategori": "2.1", "i_familie_og_nettverk": True,
        "lovhjemmel": "barnevernsloven § 4-2", "frivillig": False, "midlertidig": True,
    },
    "foreldre": [
        {"rolle": "mor", "fornavn": "Anna", "etternavn": "Strand", "adresse": "Bakken 3",
         "postnummer": "5998", "poststed": "Eksempelvik", "telefon": "400 00 901",
         "epost": "anna@epost.example", "sprak": "polsk", "tolk": True, "takker_ja": True,
         "bor_sammen_med_annen_forelder": False},
        {"rolle": "far", "fornavn": "Erik", "etternavn": "Berg", "adresse": "Vegen 12",
         "postnummer": "5020", "poststed": "Bergen", "telefon": "400 00 902",
         "epost": "erik@epost.example", "takker_ja": False,
         "bor_sammen_med_annen_forelder": False},
    ],
    "fosterfamilie": {
        "fosterforeldre": [
            {"fornavn": "Liv", "etternavn": "Strand", "telefon": "400 00 903",
             "epost": "liv@epost.example"},
            {"fornavn": "Ola", "etternavn": "Strand", "telefon": "400 00 904",
             "epost": "ola@epost.example"},
        ],
        "adresse": "Fjellvegen 5", "postnummer": "5997", "poststed": "Eksempelvik",
        "andre_barn": 1,
    },
    "kontaktperson": {
        "fornavn": "Kari", "etternavn": "Nordmann", "tittel": "Kontaktperson",
        "telefon": "55 00 00 01", "epost": "kari.nordmann@eksempelvik.kommune.example",
    },
    "planer": [
        {"type": "omsorgsplan", "startdato": "2026-09-20", "evaluert": ["2026-11-01"]},
        {"type": "samvaersplan", "startdato": "2026-09-14"},
    ],
    "oppfolgingsbesok": [{"dato": "2026-10-05"}],
    "samtaler": [
        {"part": "barnet", "tema": 0, "nummer": 1, "dato": "2026-09-09", "status": "gjennomfort"},
        {"part": "fosterfamilien", "tema": 1, "nummer": 1, "dato": "2026-10-07",
         "klokkeslett": "12:00", "status": "gjennomfort", "deltakere": ["Liv Strand"],
         "referat_mottatt": True},
    ],
    "vurderinger": [
        {"part": "fosterfamilien", "tema": 1, "dato": "2026-10-07",
         "positivt": "Mia har funnet seg godt til rette og sover bedre.",
         "behov_for_stotte": "Hjelp til å snakke med Mia om savnet etter mor.",
         "dekkes_av_oppfolging": "Ja, tas opp i tema 3 og i veiledningen."},
    ],
}


NOT_STARTED = {
    "journalnummer": "2026-0998",
    "samtaler": [{"part": "barnet", "tema": 0, "nummer": 1, "dato": "2026-10-01",
                  "status": "planlagt"}],
    "vurderinger": [],
}
"""The synthetic case with no conversation held and one missed: not started, and overdue."""
ENDING_SOON = {"journalnummer": "2025-0997",
               "plassering": {**CASE["plassering"], "startdato": "2025-12-14"}}
"""The synthetic case placed nearly a year ago: its programme ends soon."""


def case(changes: dict | None = None) -> Case:
    return Case.model_validate({**CASE, **(changes or {})})


def case_context(settings: Settings | None = None, today: date = TODAY,
                 malform: str | None = None, changes: dict | None = None,
                 move_missed: bool = True) -> context.CaseContext:
    """The template context of the synthetic case (with changes to its top-level fields),
    built by the real context builder, in malform (default: the service's standard).
    move_missed: False keeps a missed conversation overdue, as the caseload shows it."""
    settings = settings or Settings()
    malform = malform or settings.malform
    prog = programme_module.for_malform(settings, malform)
    synthetic = case(changes)
    plan = schedule.plan_case(synthetic, prog, settings.schedule, today,
                              documents=settings.documents, move_missed=move_missed)
    return context.build(synthetic, plan, prog, today, settings.service,
                         settings=settings, pseudonym=PSEUDONYM, malform=malform)


def caseload_contexts(settings: Settings | None = None,
                      malform: str | None = None) -> list[context.CaseContext]:
    """The synthetic case and its two variants (NOT_STARTED, ENDING_SOON), planned as the
    outbox workbooks plan them, so that every list in those workbooks has a row."""
    settings = _every_letter(settings)
    return [case_context(settings, malform=malform, changes=changes, move_missed=False)
            for changes in (None, NOT_STARTED, ENDING_SOON)]


def _every_letter(settings: Settings | None) -> Settings:
    """Settings under which every letter of the year is made at once, not only those due
    on the synthetic day."""
    settings = dataclasses.replace(settings or Settings())
    settings.documents = dataclasses.replace(settings.documents, invitation_days_before=366)
    return settings


def documents_by_template(pm, settings: Settings | None = None,
                          malform: str | None = None) -> dict[str, Document]:
    """The first document each template makes for the synthetic case, by template name.

    Every letter of the year is made at once here (not only those due on the synthetic
    day), so each template, the joint meeting's included, is checked with its real context."""
    settings = _every_letter(settings)
    ctx = case_context(settings, malform=malform)
    found: dict[str, Document] = {}
    for kind in collect(pm, "register_document_kinds"):
        for doc in kind.documents(ctx):
            if doc.template and doc.template not in found:
                found[doc.template] = doc
    return found
