"""Example plugin: an adapter for a fixed-width text report, which a mapping file cannot describe.

Some report modules print lists where each column is a fixed range of characters instead of
being separated by a delimiter. A mapping file (mappings/*.toml) reads delimited text, Excel,
XML and JSON, so a layout like this needs a few lines of Python. This file is a complete,
working adapter for the EXAMPLE layout in examples/vendor-klientliste-fastbredde.txt; it is
not a vendor's real format. To use it for your own report, copy it under a new name, change
MARKER, COLUMNS and ROLES, and run `omsorgspakke check` and `omsorgspakke inspect FILE`.
docs/adapters.md explains when a plugin is the right tool.

It is harmless where it is not needed: it only claims .txt files whose first line starts
with MARKER, so every other export still goes to the adapter that knows it.

Every file in plugins/ is imported when omsorgspakke starts. Keep plugins small, and never
put personal data in an error message: the message ends up beside the file for staff to read.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from omsorgspakke_docs.adapters.canonical_json import parse_case
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.hookspecs import hookimpl
from omsorgspakke_docs.intake.guards import read_text

MARKER = "KLIENTLISTE FAST BREDDE"
KOMMUNENUMMER = "4699"  # IT: the municipality's own number, so cases merge with SSB exports
COLUMNS = {
    # field: (first, last) character, counted from 1 as report documentation usually does
    "journalnummer": (1, 10),
    "rolle": (12, 26),
    "fornavn": (28, 42),
    "etternavn": (44, 58),
    "fodselsnummer": (60, 70),
    "telefon": (72, 83),
    "plassert": (85, 94),
}
# Report role -> where the person goes in the canonical case.
ROLES = {"BARN": "barn", "MOR": "mor", "FAR": "far", "FOSTERFORELDER": "fosterforelder"}


class FixedWidthClientList:
    name = "eksempel-fastbredde-klientliste"
    description = "Eksempel: klientliste i fast bredde (programtillegg i plugins/)"

    def claims(self, sample) -> bool:
        return sample.suffix == ".txt" and sample.head.lstrip(b"\xef\xbb\xbf").startswith(
            MARKER.encode("ascii")
        )

    def read(self, path: Path):
        cases: dict[str, dict] = {}
        lines = read_text(path).splitlines()
        for number, line in enumerate(lines[2:], start=3):  # marker line, column titles
            if line.strip():
                row = {name: line[a - 1:b].strip() for name, (a, b) in COLUMNS.items()}
                case = cases.setdefault(row["journalnummer"], _new_case(row["journalnummer"]))
                _add_person(case, row, number)
        if not cases:
            raise InputError("Klientlisten har ingen rader.")
        for index, case in enumerate(cases.values(), start=1):
            yield parse_case(case, index, self.name)


def _new_case(journalnummer: str) -> dict:
    return {"journalnummer": journalnummer, "kommunenummer": KOMMUNENUMMER,
            "barn": {}, "foreldre": [], "fosterfamilie": {"fosterforeldre": []}}


def _add_person(case: dict, row: dict, number: int) -> None:
    role = ROLES.get(row["rolle"].upper())
    if role is None:
        raise InputError(f"Linje {number}: rollen står ikke i listen over kjente roller.")
    person = {"fornavn": row["fornavn"] or None, "etternavn": row["etternavn"] or None,
              "telefon": row["telefon"] or None}
    if role == "barn":
        case["barn"] = {**person, "fodselsnummer": row["fodselsnummer"] or None}
        case["plassering"] = {"startdato": _date(row["plassert"], number)}
    elif role == "fosterforelder":
        case["fosterfamilie"]["fosterforeldre"].append(person)
    else:
        case["foreldre"].append({**person, "rolle": role})


def _date(text: str, number: int):
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d.%m.%Y").date().isoformat()
    except ValueError:
        raise InputError(f"Linje {number}: datoen skal skrives som 31.12.2026.") from None


@hookimpl
def register_adapters(register):
    register(FixedWidthClientList())
