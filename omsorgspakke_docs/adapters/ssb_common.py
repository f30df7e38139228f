"""What SSB's two child-welfare XML formats share: measures, legal bases, plans and moves.

The register export "Barnevern" (v1-v4, one Sak per file) and the yearly KOSTRA "15F" file
(many Individ per file) describe a case with the same elements. They differ in small ways,
handled here in one place: KOSTRA puts end and evaluation dates in attributes
(Tiltak/@SluttDato, Plan/@EvaluertDato), the register export in child elements
(Konklusjon/@SluttDato, Evaluering/@UtfortDato); KOSTRA's Lovhjemmel uses attributes, the
register export child elements. Code lists: tests/data/ssb/ (from SSB, MIT).
"""

from __future__ import annotations

from datetime import date

from ..domain import legal_basis as basis_of
from ..domain.model import Case, Plan, Plassering
from ..errors import InputError
from ..intake.xmlsafe import local

FOSTER_HOME_CATEGORIES = {"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.99"}
PLAN_TYPES = {
    "1": "tiltaksplan", "2": "tiltaksplan", "3": "omsorgsplan", "4": "omsorgsplan",
    "5": "tiltaksplan", "6": "samvaersplan",
}
# Flytting/FlyttingTil codes that are moves into a foster home (1, 2) or emergency home (3).
MOVE_TO_FOSTER_HOME = {"1": "2.1", "2": "2.2", "3": "2.5"}


def children(element, name: str) -> list:
    return [c for c in element if isinstance(c.tag, str) and local(c) == name]


def first_child(element, name: str):
    return next(iter(children(element, name)), None)


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError("Filen har en dato som ikke er på formen ÅÅÅÅ-MM-DD.") from None


def district_number(value: str | None) -> str | None:
    """Bydelsnummer as two digits ("2" and "02" are the same district); None when absent."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 2:
        raise InputError("Filen har et bydelsnummer som ikke er ett eller to sifre.")
    return value.zfill(2)


def set_service(case: Case, reporter: dict[str, str]) -> None:
    """The reporting municipality (Avgiver), named by its Oslo district where it has one."""
    case.tjeneste.kommunenummer = reporter.get("Kommunenummer")
    if reporter.get("Kommunenavn"):
        case.tjeneste.kommunenavn = reporter.get("Bydelsnavn") or reporter["Kommunenavn"]


def end_date(element) -> date | None:
    """When a measure or plan ended: its own SluttDato (KOSTRA) or its Konklusjon's."""
    if element.get("SluttDato"):
        return parse_date(element.get("SluttDato"))
    conclusion = first_child(element, "Konklusjon")
    return parse_date(conclusion.get("SluttDato")) if conclusion is not None else None


def case_closed(case_element, flag: str, yes: set[str], fallback: date | None) -> date | None:
    """When the journal closed the case (Individ or Sak): its SluttDato, else `fallback` (the
    year end, the export date) when the closed flag is set. None for an open case: given to
    the case as it is, these formats state that it is open, and a case an earlier export
    had closed is opened again (merge.stated_open)."""
    if case_element.get("SluttDato"):
        return parse_date(case_element.get("SluttDato"))
    return fallback if (case_element.get(flag) or "").strip().lower() in yes else None


def placement(case_element) -> Plassering | None:
    """The newest foster-home measure still running (else the newest), or the last move.
    A measure's end is given as it is, None too (a running measure: merge.stated_open); a
    placement read from a move says nothing of its end."""
    measures = []
    for tiltak in children(case_element, "Tiltak"):
        kategori = first_child(tiltak, "Kategori")
        code = kategori.get("Kode") if kategori is not None else None
        if code in FOSTER_HOME_CATEGORIES and tiltak.get("StartDato"):
            measures.append((tiltak.get("StartDato"), code, tiltak))
    if not measures:
        return placement_from_move(case_element)
    running = [m for m in measures if end_date(m[2]) is None]
    start, code, tiltak = max(running or measures, key=lambda m: m[0])
    basis = legal_basis(tiltak)
    return Plassering(
        startdato=parse_date(start),
        sluttdato=end_date(tiltak),
        kategori=code,
        lovhjemmel=legal_text(tiltak),
        frivillig=basis_of.voluntary(basis),
        midlertidig=basis_of.temporary(basis),
    )


def placement_from_move(case_element) -> Plassering | None:
    moves = []
    for flytting in children(case_element, "Flytting"):
        to = first_child(flytting, "FlyttingTil")
        code = MOVE_TO_FOSTER_HOME.get(to.get("Kode", "")) if to is not None else None
        moved = parse_date(flytting.get("SluttDato") or flytting.get("StartDato"))
        if code and moved:
            moves.append((moved, code))
    if not moves:
        return None
    moved, code = max(moves)
    return Plassering(startdato=moved, kategori=code)


def plans(case_element) -> list[Plan]:
    return [plan(p) for p in children(case_element, "Plan") if p.get("Plantype") in PLAN_TYPES]


def plan(element) -> Plan:
    evaluated = [parse_date(e.get("UtfortDato")) for e in children(element, "Evaluering")]
    evaluated.append(parse_date(element.get("EvaluertDato")))
    return Plan(
        type=PLAN_TYPES[element.get("Plantype")],
        startdato=parse_date(element.get("StartDato")),
        evaluert=sorted({d for d in evaluated if d}),
        sluttdato=end_date(element),
    )


def legal_parts(tiltak) -> dict[str, str] | None:
    hjemmel = first_child(tiltak, "Lovhjemmel")
    if hjemmel is None:
        return None
    # v2+ use child elements, v1 and KOSTRA attributes.
    parts = {local(c): (c.text or "").strip() for c in hjemmel if isinstance(c.tag, str)}
    parts.update(hjemmel.attrib)
    return parts


def legal_basis(tiltak) -> tuple[int, int] | None:
    parts = legal_parts(tiltak)
    try:
        return (int(parts["Kapittel"]), int(parts["Paragraf"])) if parts else None
    except (KeyError, ValueError):
        return None


def legal_text(tiltak) -> str | None:
    parts = legal_parts(tiltak)
    if not parts or "Kapittel" not in parts or "Paragraf" not in parts:
        return None
    law = "barnevernsloven" if parts.get("Lov", "BVL").upper().startswith("BVL") else parts["Lov"]
    text = f"{law} § {parts['Kapittel']}-{parts['Paragraf']}"
    if parts.get("Ledd"):
        text += f" {parts['Ledd']}. ledd"
    return text
