"""`omsorgspakke check --sample FILE`: a mapping tried on a real export before it goes live.

Reads the whole file the way a run would, but collects every problem instead of stopping at
the first: the encoding and separator, columns the mapping reads that the file lacks (with
the nearest column it has), dates in none of the mapping's formats (with the format they are
in), values missing from a value list. Findings name rows, columns and mapping keys, never a
value from the file: the sample is a real export full of personal data.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path

from ...errors import InputError
from ...wording import count as plural
from .adapter import MappingAdapter, matches
from .diagnose import (
    csv_header,
    csv_header_notes,
    encoding_notes,
    lacking_columns,
    missing_text,
    xlsx_header,
    xlsx_header_notes,
)
from .records import records
from .spec import FieldSpec, Mapping, _walk
from .tomlfile import KeyLines, key_text
from .values import (
    DAY_FIRST,
    MONTH_FIRST,
    DateProblem,
    ListProblem,
    ValueProblem,
    both_orders,
    date_order,
    is_empty,
    key,
    parse_date,
    swapped,
    year_first,
)

SAMPLE_BYTES = 64 * 1024
ROWS_SHOWN = 5


@dataclass
class Finding:
    error: bool
    text: str
    warning: bool = False


@dataclass
class _Misses:
    """One field's problems across the file: where, and (dates) the formats seen."""

    kind: str
    message: str
    where: list[str] = field(default_factory=list)
    readings: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class _Orders:
    """One date field's values read in the sample: by the order of day and month of the
    format that read each, where, and which could not be read the other way."""

    used: dict[str, list[str]] = field(default_factory=dict)
    only: dict[str, int] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)


def check_sample(adapter: MappingAdapter, path: Path) -> list[Finding]:
    findings = _layout(adapter, path)
    if any(f.error for f in findings):
        return findings
    misses: dict[tuple[str, str], _Misses] = {}
    count = 0
    given: set[str] = set()
    unmatched: list[str] = []
    seen: dict[int, set[str]] = {}  # each [[personer]] rule's «hvis» values in the file
    orders: dict[tuple[str, str, bool], _Orders] = {}
    people: dict[str, _People] = {}  # each «under» of the [[personer]] rules
    for number, record in enumerate(records(adapter.mapping, path)):
        count += 1
        if adapter.person_unmatched(record):
            unmatched.append(record.listed)
        _when_values(adapter, record, seen)
        _people(adapter, record, people)
        for spec, source, _ in adapter.uses(record, number):
            if spec.source is not None and not is_empty(source.get(spec.source)):
                given.add(spec.source)
            try:
                if adapter.value(spec, source) is not None and spec.target.kind is date:
                    _order(adapter, spec, source, orders)
            except ValueProblem as exc:
                _note(misses, spec, source.listed, exc)
    findings += [_finding(adapter, spec_key, found) for spec_key, found in misses.items()]
    findings += [f for spec_key, found in orders.items()
                 if (f := _order_finding(spec_key, found)) is not None]
    if not misses:
        findings.append(Finding(False, f"{plural(count, 'post', 'poster')} lest uten feil i "
                                       "verdiene"))
    if unmatched:
        findings.append(_unmatched(adapter, unmatched))
    empty = {under for under, found in people.items() if not found.elements}
    if count:
        findings += _never_seen(adapter, seen)
        findings += _under_findings(adapter, people)
    if count and adapter.mapping.format in ("xml", "json"):
        findings += _never_given(adapter, given, empty)
    return findings


@dataclass
class _People:
    """The elements one «under» found in the sample, and where those no rule took are."""

    elements: int = 0
    untaken: list[str] = field(default_factory=list)


def _people(adapter: MappingAdapter, record, people: dict[str, _People]) -> None:
    rules = adapter.mapping.rules
    for under in dict.fromkeys(r.under for r in rules if r.under):
        found = people.setdefault(under, _People())
        ours = [r for r in rules if r.under == under]
        for sub in record.children(under):
            found.elements += 1
            if not any(matches(r, sub) for r in ours):
                found.untaken.append(sub.listed)


def _under_findings(adapter: MappingAdapter, people: dict[str, _People]) -> list[Finding]:
    """An «under» that found no element in the sample (most often an XPath without the
    namespace prefix: one warning naming it, not one per field of its rules), and elements
    it found that no rule with it takes (a role no rule lists, «MEDMOR»: a parent left out
    of the programme without a word). Positions only, never a value."""
    mapping = adapter.mapping
    findings = []
    for under, found in people.items():
        rules = [i for i, r in enumerate(mapping.rules, start=1) if r.under == under]
        names = ", ".join(f"personer[{i}].under" for i in rules)
        if not found.elements:
            text = f"{names} = «{under}» fant ingen elementer i prøvefilen, så ingen personer " \
                   "blir lest inn"
            if mapping.format == "xml":
                text += (". Har filen et navnerom (xmlns), trenger «under» og XPath-uttrykkene "
                         "i reglene et prefiks fra «navnerom» under [lesing], f.eks. "
                         "«k:Person» («poster» trenger det ikke)")
            findings.append(Finding(False, text, warning=True))
        elif found.untaken:
            n = len(found.untaken)
            shown = ", ".join(found.untaken[:ROWS_SHOWN]) + (" ..." if n > ROWS_SHOWN else "")
            sources = " / ".join(sorted({f"«{mapping.rules[i - 1].when_source}»" for i in rules
                                         if mapping.rules[i - 1].when_source}))
            findings.append(Finding(False, (
                f"{plural(n, 'element', 'elementer')} under «{under}» passer ikke med noen "
                f"[[personer]]-regel ({shown}): verdien i {sources} står ikke under «er» i "
                "noen regel, så personen blir ikke lest inn. Legg verdien til i riktig regel "
                f"i {mapping.file.name} (verdiene vises ikke her, de kan være "
                "personopplysninger)"), warning=True))
    return findings


def _never_given(adapter: MappingAdapter, given: set[str], empty: set[str]) -> list[Finding]:
    """An XPath or JSON pointer that gave no value in any record: most often misspelt (a
    column name is checked against the header; a path has nothing to be checked against).
    Not for the fields of a rule whose «under» found nothing: that is said once."""
    mapping = adapter.mapping
    fields = [*mapping.fields, *(spec for rule in mapping.rules if rule.under not in empty
                                 for spec in rule.fields)]
    found: dict[str, list[str]] = {}
    for spec in fields:
        if spec.source is not None and spec.source not in given:
            found.setdefault(spec.source, []).append(spec.target.text)
    kind = "XPath-uttrykket" if mapping.format == "xml" else "JSON-pekeren"
    return [Finding(False, f"{kind} «{source}» (feltet {', '.join(targets)}) ga ingen verdi i "
                           "noen post i prøvefilen. Sjekk stavemåten (store og små bokstaver "
                           "teller), eller se med «omsorgspakke inspect» om feltet fylles",
                    warning=True)
            for source, targets in found.items()]


def _when_values(adapter: MappingAdapter, record, seen: dict[int, set[str]]) -> None:
    for index, rule in enumerate(adapter.mapping.rules):
        if rule.when_source is None:
            continue
        for sub in record.children(rule.under) if rule.under else [record]:
            try:
                value = sub.get(rule.when_source)
            except ValueProblem:
                continue
            seen.setdefault(index, set()).add(key(value or ""))


def _never_seen(adapter: MappingAdapter, seen: dict[int, set[str]]) -> list[Finding]:
    """A value under a rule's «er» that no record of the sample has, while one much like it
    that no rule takes is there: misspelt («Fostemor» for «Fostermor»), and every such
    person is left out without a word (a rule without «hvis» hides them from the rows no
    rule takes). A value simply absent (no «Medmor» in the sample) is not said. The values
    named are the mapping file's own; the file's are not shown."""
    listed = {key(v) for rule in adapter.mapping.rules for v in rule.when_values}
    findings = []
    for index, rule in enumerate(adapter.mapping.rules):
        if rule.when_source is None:
            continue
        untaken = sorted(seen.get(index, set()) - listed)
        misspelt = [v for v in rule.when_values if key(v) not in seen.get(index, set())
                    and get_close_matches(key(v), untaken, n=1, cutoff=0.8)]
        if misspelt:
            findings.append(Finding(False, (
                f"[[personer]] nr. {index + 1} i {adapter.mapping.file.name}: "
                + ", ".join(f"«{v}»" for v in misspelt)
                + f" under «er» finnes ikke i «{rule.when_source}» i prøvefilen, men en verdi "
                "som ligner, gjør det, og den står ikke i noen regel. Sjekk stavemåten: "
                "personer med den verdien blir ikke lest inn"), warning=True))
    return findings


def _unmatched(adapter: MappingAdapter, where: list[str]) -> Finding:
    """Rows no [[personer]] rule takes: their people would be left out of the cases."""
    sources = sorted({r.when_source for r in adapter.mapping.rules if r.when_source})
    shown = ", ".join(where[:ROWS_SHOWN]) + (" ..." if len(where) > ROWS_SHOWN else "")
    return Finding(False, f"{plural(len(where), 'rad', 'rader')} passer ikke med noen "
                          f"[[personer]]-regel ({shown}): verdien i "
                          f"{' / '.join(f'«{s}»' for s in sources)} står ikke under «er» i "
                          "noen regel, så personen på raden blir ikke lest inn. Legg verdien "
                          f"til i riktig regel i {adapter.mapping.file.name} (verdiene vises "
                          "ikke her, de kan være personopplysninger)", warning=True)


def _layout(adapter: MappingAdapter, path: Path) -> list[Finding]:
    mapping = adapter.mapping
    if mapping.format == "csv":
        with open(path, "rb") as handle:
            head = handle.read(SAMPLE_BYTES)
        notes = encoding_notes(mapping, head) + csv_header_notes(mapping, head, recognise=False)
        return [Finding(True, n) for n in _where_read(mapping, notes, csv_header(mapping, head))]
    if mapping.format == "xlsx":
        notes = xlsx_header_notes(mapping, path, sorted(mapping.sources()))
        try:
            cells = xlsx_header(mapping, path) if notes else []
        except InputError:  # no such sheet: said in the notes already
            cells = []
        return [Finding(True, n) for n in _where_read(mapping, notes, cells)]
    return []


def _where_read(mapping: Mapping, notes: list[str], cells) -> list[str]:
    """The notes, with the one on columns the header lacks said column by column, each with
    the keys that read it and their lines in the mapping file («Poststed» alone sent IT
    searching the file for it)."""
    lacking = lacking_columns(sorted(mapping.sources()), cells)
    together = missing_text([said for _, said in lacking])
    if not together or together[0] not in notes:
        return notes
    readers = _readers(mapping)
    out = []
    for note in notes:
        if note != together[0]:
            out.append(note)
            continue
        for name, said in lacking:
            text = missing_text([said])[0]
            where = readers.get(name)
            if where:
                text += f"; {mapping.file.name} leser den i " + " og ".join(where)
            out.append(text)
    return out


def _readers(mapping: Mapping) -> dict[str, list[str]]:
    """Each column the mapping file reads, with the keys that read it: «felt.x» (linje 23).
    Read from the file again: a loaded Mapping keeps no lines."""
    try:
        text = mapping.file.read_bytes().decode("utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    lines = KeyLines(text)
    found: dict[str, list[str]] = {}
    for where, value in _walk(data):
        if not isinstance(value, str) or not _reads_a_column(where):
            continue
        line = lines.line_of(where)
        found.setdefault(value, []).append(f"«{key_text(where)}»"
                                           + (f" (linje {line})" if line else ""))
    return found


def _reads_a_column(where: list) -> bool:
    """A key whose value is a column: a field's (felt.x = "Kolonne", or its «kilde»), a
    rule's «hvis.kilde», gruppering.kilde."""
    if where[:1] == ["gruppering"]:
        return where[-1] == "kilde"
    if where[:1] == ["felt"]:
        fields = where[1:]
    elif where[:1] == ["personer"] and len(where) > 2:
        if where[2] == "hvis":
            return where[-1] == "kilde"
        fields = where[3:] if where[2] == "felt" else []
    else:
        return False
    return len(fields) == 1 or (len(fields) == 2 and fields[1] == "kilde")


def _note(misses: dict, spec: FieldSpec, where: str, problem: ValueProblem) -> None:
    kind = ("dato" if isinstance(problem, DateProblem)
            else "verdiliste" if isinstance(problem, ListProblem) else "verdi")
    found = misses.setdefault((spec.source, spec.target.text), _Misses(kind, str(problem)))
    found.where.append(where)
    if isinstance(problem, DateProblem) and problem.readings:
        found.readings.append(problem.readings)


def _order(adapter: MappingAdapter, spec: FieldSpec, record, orders: dict) -> None:
    """Which order of day and month read the date (the first format that reads it, as a
    run), and whether the other order would have read it too."""
    read = adapter.date_read(spec, record)
    if read is None:
        return  # a date cell of a workbook, or no order to get wrong
    raw, fmt, order = read
    found = orders.setdefault((spec.source, spec.target.text, year_first(fmt)), _Orders())
    found.used.setdefault(order, []).append(record.listed)
    found.formats.setdefault(order, fmt)
    if not parse_date(raw, [swapped(fmt)]):
        found.only[order] = found.only.get(order, 0) + 1


def _order_finding(spec_key: tuple[str, str, bool], found: _Orders) -> Finding | None:
    """FEIL when one field's dates are read some with the day first, some with the month
    first (two formats listed: 11/02 read as 11 February next to 10/25 as 25 October);
    ADVARSEL when every date of the field reads both ways, so the sample cannot tell
    whether the format is right (dd.mm read as mm.dd while no day is over 12)."""
    source, target, _ = spec_key
    head = f"«{source}» (feltet {target})"
    if len(found.used) > 1:
        day, month = found.used[DAY_FIRST], found.used[MONTH_FIRST]
        keep = _keep(found)
        return Finding(True, head + f": datoformatene leser datoene i ulik rekkefølge, "
                                    f"{_rows(day)} med dagen først "
                                    f"(\"{found.formats[DAY_FIRST]}\") og {_rows(month)} med "
                                    f"måneden først (\"{found.formats[MONTH_FIRST]}\"), så "
                                    "noen datoer blir byttet om. En kolonne har bare ett "
                                    f"datoformat: {keep}")
    (order, where), = found.used.items()
    if found.only.get(order) or usual(found.formats[order]):
        return None
    first = "dagen" if order == DAY_FIRST else "måneden"
    dates = "den eneste datoen" if len(where) == 1 else f"alle {len(where)} datoene"
    return Finding(False, head + f": {dates} i prøvefilen kan leses begge veier, med dagen "
                                 f"eller måneden først, og mappingen leser med {first} først "
                                 f"(\"{found.formats[order]}\"); sammenlign én dato med "
                                 "fagsystemet", warning=True)


def usual(fmt: str) -> bool:
    """A day-first format with dots (31.12.2026, 31.12.26): how Norwegian journals write a
    date, never month-first; or the year first and then the month (2026-12-31, 2026/12/31),
    as ISO and every export with the year first has it. A sample whose days are all 12 or
    less is no warning then; the year first and then the day ("%Y/%d/%m") is."""
    if year_first(fmt):
        return fmt.find("%m") < fmt.find("%d")
    return date_order(fmt) == DAY_FIRST and "%d.%m." in fmt


def _keep(found: _Orders) -> str:
    day, month = found.only.get(DAY_FIRST, 0), found.only.get(MONTH_FIRST, 0)
    if month and not day:
        return (f"behold bare \"{found.formats[MONTH_FIRST]}\" (noen datoer kan bare leses "
                "med måneden først)")
    if day and not month:
        return (f"behold bare \"{found.formats[DAY_FIRST]}\" (noen datoer kan bare leses "
                "med dagen først)")
    return "sammenlign én dato med fagsystemet, og behold bare formatet som stemmer"


def _rows(where: list[str]) -> str:
    shown = ", ".join(where[:ROWS_SHOWN]) + (" ..." if len(where) > ROWS_SHOWN else "")
    return f"{plural(len(where), 'dato', 'datoer')} ({shown})"


def _suggested(readings: list[tuple[str, ...]]) -> tuple[list[str], bool]:
    """The formats to suggest for dates that do not parse, and whether they are ambiguous:
    when some date reads only with the month first (10/25/2026), month-first only (and the
    same for the day); when every date reads both ways, both, said to be ambiguous."""
    day = any(not both_orders(r) and date_order(f) == DAY_FIRST for r in readings
              for f in r)
    month = any(not both_orders(r) and date_order(f) == MONTH_FIRST for r in readings
                for f in r)
    formats = sorted({f for r in readings for f in r
                      if not (month and not day and date_order(f) == DAY_FIRST)
                      and not (day and not month and date_order(f) == MONTH_FIRST)})
    return formats, both_orders(formats)


def _finding(adapter: MappingAdapter, spec_key: tuple[str, str], found: _Misses) -> Finding:
    source, target = spec_key
    shown = ", ".join(found.where[:ROWS_SHOWN]) + (" ..." if len(found.where) > ROWS_SHOWN else "")
    head = f"«{source}» (feltet {target}), {shown}: "
    n = len(found.where)
    if found.kind == "dato":
        text = head + (f"{n} datoer kan ikke leses" if n > 1 else "datoen kan ikke leses")
        suggested, ambiguous = _suggested(found.readings)
        if ambiguous:
            formats = ", ".join(f'"{f}"' for f in suggested)
            text += (f". {'De' if n > 1 else 'Den'} kan leses begge veier, med dagen eller "
                     f"måneden først ({formats}): sammenlign én dato med fagsystemet, og legg "
                     "bare formatet som stemmer, til i «datoformater» under [lesing] (eller "
                     "«datoformat» på feltet)")
        elif suggested:
            formats = ", ".join(f'"{f}"' for f in suggested)
            text += (f". {'De' if n > 1 else 'Den'} er skrevet på formen {formats}: legg til "
                     "i «datoformater» under [lesing] (eller «datoformat» på feltet)")
        else:
            text += ". Formen er ukjent; se hvordan datoene står i rapporten"
        return Finding(True, text)
    if found.kind == "verdiliste":
        return Finding(True, head + f"{plural(n, 'verdi', 'verdier')} står ikke i verdilisten; "
                                    f"legg {'den' if n == 1 else 'dem'} til under "
                                    f"[verdier] i {adapter.mapping.file.name} (verdiene vises "
                                    "ikke her, de kan være personopplysninger)")
    return Finding(True, head + found.message.rstrip("."))
