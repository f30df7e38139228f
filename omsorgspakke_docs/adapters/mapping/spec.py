"""Load a mapping file: TOML, checked against the published schema and against the case model.

Every problem names the file, the line and the key, and says in plain Norwegian what is
wrong. A broken file gives problems instead of a Mapping; it never stops the other files
(load_folder). The schema is omsorgspakke_docs/data/mapping.schema.json; docs/adapters.md
explains every key.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...text import Tekst
from .messages import describe, said_once
from .paths import PathError, Target, all_paths, parse
from .splitters import PARTS
from .tomlfile import KeyLines, key_text
from .values import (
    BUILT_IN_MAPS,
    DEFAULT_DATE_FORMATS,
    PADDED,
    Filled,
    ValueProblem,
    day_month_order,
    not_foster_home,
    swapped,
    to_kind,
)

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "data" / "mapping.schema.json"
FORMATS_WITH_SUBRECORDS = {"xml", "json"}


@dataclass
class Problem:
    file: Path
    line: int | None
    key: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return self.said()

    def said(self, t: Tekst | None = None) -> str:
        """Where and what, in t's standard (bokmål when None): the message, written here in
        bokmål, is found by pattern in [mappingproblem] (Tekst.note)."""
        where = [self.file.name]
        if self.line:
            where.append(f"linje {self.line}")
        if self.key:
            where.append(f"«{self.key}»")
        message = t.note(self.message, "mappingproblem", nested=True) if t else self.message
        return f"{', '.join(where)}: {message}"


class MappingError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class FieldSpec:
    target: Target
    source: str | None
    values: dict | None = None
    default: Any = None
    date_format: str | None = None
    split: str | None = None
    """A splitter from splitters.PARTS: the column holds several fields."""


@dataclass(frozen=True)
class PersonRule:
    fields: tuple[FieldSpec, ...]
    under: str | None = None
    when_source: str | None = None
    when_values: tuple[str, ...] = ()


@dataclass
class Mapping:
    file: Path
    name: str
    description: str
    format: str
    detect: dict
    reading: dict
    fields: tuple[FieldSpec, ...]
    rules: tuple[PersonRule, ...] = ()
    group_by: str | None = None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def date_formats(self) -> list[str]:
        return self.reading.get("datoformater") or list(DEFAULT_DATE_FORMATS)

    def all_fields(self):
        yield from self.fields
        for rule in self.rules:
            yield from rule.fields

    def sources(self) -> set[str]:
        """Every column, XPath or pointer the mapping reads from a record."""
        found = {f.source for f in self.all_fields() if f.source}
        found |= {r.when_source for r in self.rules if r.when_source}
        return found | ({self.group_by} if self.group_by else set())


def recognition(mapping: Mapping) -> frozenset[tuple]:
    """What in a file's content the mapping looks for to claim it ([gjenkjenning]: columns,
    keys, the root's attributes), as comparable marks."""
    detect = mapping.detect
    marks: set[tuple] = {("kolonne", " ".join(c.split()).casefold())
                         for c in detect.get("kolonner", [])}
    marks |= {("nokkel", k) for k in detect.get("nokler", [])}
    marks |= {("attributt", k, v) for k, v in detect.get("attributter", {}).items()}
    return frozenset(marks)


def looks_for_all_of(wider: Mapping, narrower: Mapping) -> bool:
    """Whether wider looks for everything narrower looks for: of two that claim a file, the
    one that looks for more is the file's own (a vendor's report over a generic mapping)."""
    return recognition(narrower) <= recognition(wider)


def reads_alike(a: Mapping, b: Mapping) -> bool:
    """Whether the two can claim the same file: the same format and a file ending of both,
    and read the same way where it decides what they find (the root element; the sheet,
    the header row and the separator, where the columns are looked for)."""
    def fixed(m: Mapping) -> tuple:
        reading = m.reading
        return (m.format, m.detect.get("rotelement"), reading.get("ark") or m.detect.get("ark"),
                reading.get("overskriftsrad", 1), reading.get("skilletegn", ";"))
    ends = {e.lower() for e in a.detect.get("filendelser", [])}
    return fixed(a) == fixed(b) and bool(ends & {e.lower() for e in b.detect.get(
        "filendelser", [])})


@cache
def schema_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # only where a mapping is read: ~8 MB

    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def load_folder(folder: Path) -> tuple[list[Mapping], list[Problem]]:
    """Every *.toml in the folder; broken files give problems and are left out."""
    mappings: list[Mapping] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return mappings, problems
    for path in sorted(folder.glob("*.toml")):
        try:
            mapping = load(path)
        except MappingError as exc:
            problems += exc.problems
            continue
        if mapping.name in {m.name for m in mappings}:
            problems.append(Problem(path, 2, "mapping.navn", "en annen mappingfil har samme navn."))
            continue
        mappings.append(mapping)
        problems += mapping.warnings
    return mappings, problems


def load(path: Path) -> Mapping:
    text = _read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError([_syntax_problem(path, exc)]) from None
    lines = KeyLines(text)
    problems = [
        _schema_problem(path, lines, error)
        for error in said_once(sorted(schema_validator().iter_errors(_jsonable(data)),
                                      key=_error_order))
    ]
    if problems:
        raise MappingError(problems)
    checker = _Checker(path, lines, data)
    mapping = checker.build()
    if checker.errors:
        raise MappingError(checker.errors)
    mapping.warnings = checker.warnings
    return mapping


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingError([Problem(path, None, "", "filen må være lagret som UTF-8.")]) from None


def _syntax_problem(path: Path, exc: tomllib.TOMLDecodeError) -> Problem:
    found = re.search(r"at line (\d+)", str(exc))
    return Problem(
        path, int(found[1]) if found else None, "",
        "linjen kan ikke leses som TOML. Sjekk anførselstegn, likhetstegn, komma og klammer, "
        "og at ingen nøkkel står to ganger.",
    )


def _jsonable(value):
    """TOML dates become text so the JSON Schema can check them like any other value."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _error_order(error) -> tuple:
    return tuple(str(p) for p in error.absolute_path)


def _schema_problem(path: Path, lines: KeyLines, error) -> Problem:
    where = list(error.absolute_path)
    message, extra = describe(error)
    if extra is not None:
        where.append(extra)
    return Problem(path, lines.line_of(where), key_text(where), message)


# -- checks the schema cannot make -----------------------------------------------------
class _Checker:
    """Turns validated TOML data into a Mapping, collecting problems with their lines."""

    def __init__(self, path: Path, lines: KeyLines, data: dict):
        self.path, self.lines, self.data = path, lines, data
        self.format = data["mapping"]["format"]
        self.value_maps = {**BUILT_IN_MAPS, **data.get("verdier", {})}
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, where: list, message: str, *, warning: bool = False) -> None:
        found = Problem(self.path, self.lines.line_of(where), key_text(where), message, warning)
        (self.warnings if warning else self.errors).append(found)

    def build(self) -> Mapping:
        data = self.data
        mapping = Mapping(
            file=self.path,
            name=data["mapping"]["navn"],
            description=data["mapping"]["beskrivelse"],
            format=self.format,
            detect=data["gjenkjenning"],
            reading=data.get("lesing", {}),
            fields=self._fields(data["felt"], ["felt"]),
            rules=tuple(
                self._rule(r, ["personer", i]) for i, r in enumerate(data.get("personer", []))
            ),
            group_by=data.get("gruppering", {}).get("kilde"),
        )
        self._check_format(mapping)
        self._check_identity(mapping)
        return mapping

    def _rule(self, raw: dict, where: list) -> PersonRule:
        when = raw.get("hvis", {})
        values = when.get("er", ())
        if raw.get("under") and self.format not in FORMATS_WITH_SUBRECORDS:
            self.problem([*where, "under"], "«under» brukes bare for XML og JSON.")
        return PersonRule(
            fields=self._fields(raw["felt"], [*where, "felt"]),
            under=raw.get("under"),
            when_source=when.get("kilde"),
            when_values=(values,) if isinstance(values, str) else tuple(values),
        )

    def _fields(self, raw: dict, where: list) -> tuple[FieldSpec, ...]:
        specs = []
        for path_text, spec in raw.items():
            spec = {"kilde": spec} if isinstance(spec, str) else spec
            try:
                target = parse(path_text)
            except PathError as exc:
                self.problem([*where, path_text], str(exc) + _suggest(path_text))
                continue
            specs.append(self._field(target, spec, [*where, path_text]))
        return tuple(specs)

    def _field(self, target: Target, spec: dict, where: list) -> FieldSpec:
        values = self._values(target, spec.get("verdier"), [*where, "verdier"])
        date_format = spec.get("datoformat")
        if date_format:
            self._check_date_format(date_format, [*where, "datoformat"])
        default = spec.get("standard")
        if default is not None:
            default = self._check_default(target, default, [*where, "standard"])
        split = spec.get("deling")
        if split:
            self._check_split(target, split, spec, [*where, "deling"])
        return FieldSpec(target, spec.get("kilde"), values, default, date_format, split)

    def _check_split(self, target: Target, split: str, spec: dict, where: list) -> None:
        parts = PARTS[split]
        if target.steps[-1].name not in parts:
            self.problem(where, f"deling = \"{split}\" gir bare {', '.join(parts)}; "
                                f"feltet {target.text} er ingen av dem.")
        if not spec.get("kilde"):
            self.problem(where, "deling trenger en kilde (kolonnen som skal deles).")

    def _values(self, target: Target, raw, where: list) -> dict | None:
        if raw is None:
            return None
        if isinstance(raw, str):
            if raw not in self.value_maps:
                known = ", ".join(sorted(self.value_maps))
                self.problem(where, f"verdilisten «{raw}» finnes ikke. Kjente: {known}.")
                return None
            raw = self.value_maps[raw]
        if isinstance(raw, Filled) and target.kind is not bool:
            self.problem(where, "verdilisten «utfylt» passer bare for ja/nei-felter, "
                                "f.eks. barn.tolk.")
            return None
        for vendor_value, ours in raw.items():
            if not_foster_home(ours, target):
                continue
            try:
                to_kind(ours, target, self.date_formats())
            except ValueProblem as exc:
                self.problem(where, f"«{vendor_value}» = «{ours}»: {exc}")
        return raw

    def _check_default(self, target: Target, default, where: list):
        """A default is written in our terms (a category code, a date), not the vendor's."""
        try:
            return to_kind(default, target, self.date_formats())
        except ValueProblem as exc:
            self.problem(where, f"standardverdien passer ikke i feltet {target.text}: {exc}")
            return None

    def date_formats(self) -> list[str]:
        return self.data.get("lesing", {}).get("datoformater") or list(DEFAULT_DATE_FORMATS)

    def _check_date_format(self, fmt: str, where: list) -> None:
        sample = datetime(2026, 12, 31)
        try:
            ok = datetime.strptime(sample.strftime(fmt), fmt).date() == sample.date()
        except ValueError:
            ok = False
        if not ok:
            self.problem(where, "datoformatet kan ikke brukes. Skriv f.eks. "
                                "\"%d.%m.%Y\" for 31.12.2026.")

    def _check_format(self, mapping: Mapping) -> None:
        formats = mapping.reading.get("datoformater", [])
        for i, fmt in enumerate(formats):
            self._check_date_format(fmt, ["lesing", "datoformater", i])
            if day_month_order(fmt) and swapped(fmt) in formats[:i]:
                # 2026/09/01 or 01/09/2026 is read by the first whatever the export meant
                self.problem(["lesing", "datoformater", i], (
                    f'"{swapped(fmt)}" og "{fmt}" leser dag og måned i motsatt rekkefølge: en '
                    "dato der begge er 12 eller mindre, leses alltid med det første formatet, "
                    "og noen datoer kan bli byttet om. Behold bare formatet som stemmer med "
                    "fagsystemet; har kolonnene ulike formater, setter du «datoformat» på "
                    "hvert felt (omsorgspakke check --sample FIL viser hvilke datoer som "
                    "leses hvordan)."), warning=True)
        needs = {"csv": "kolonner", "xlsx": "kolonner", "xml": "rotelement", "json": "nokler"}
        if needs[self.format] not in mapping.detect:
            self.problem(["gjenkjenning"], f"for {self.format} må «{needs[self.format]}» være med, "
                         "ellers kan mappingen ta filer som ikke er dens.")
        if self.format == "xml":
            self._check_xml(mapping)
        if self.format == "json":
            self._check_json(mapping)

    def _check_xml(self, mapping: Mapping) -> None:
        from lxml import etree

        if not mapping.reading.get("poster"):
            self.problem(["lesing"], "for XML må «poster» si hvilket element som er én post.")
        namespaces = mapping.reading.get("navnerom") or None
        for expr in mapping.sources() | {r.under for r in mapping.rules if r.under}:
            try:
                etree.XPath(expr, namespaces=namespaces)
            except etree.XPathError:
                self.problem(self._where_source(expr), "uttrykket er ikke gyldig XPath.")

    def _check_json(self, mapping: Mapping) -> None:
        pointers = mapping.sources() | {r.under for r in mapping.rules if r.under}
        pointers |= {mapping.reading.get("poster", "")}
        numbers = {f.source for f in mapping.all_fields()  # said as the number meant
                   if f.target.text == "kommunenummer" and (f.source or "").strip().isdigit()}
        for pointer in pointers - numbers:
            if pointer and not pointer.startswith("/"):
                self.problem(self._where_source(pointer),
                             "en JSON-peker starter med «/», f.eks. «/barn/fornavn».")

    def _where_source(self, expr: str) -> list:
        """The key that holds this source expression, for the line number: not a value of
        [gjenkjenning] (a JSON key or root element of the same name as the source written
        wrong: `poster = "saker"` was said as «gjenkjenning.nokler[1]», line 19), nor a
        value a table of values translates to, when a key where sources are written has it."""
        found = [where for where, value in _walk(self.data) if value == expr]
        sources = [where for where in found
                   if where[:1] != ["gjenkjenning"] and "verdier" not in where]
        return (sources or found or [[]])[0]

    def _check_identity(self, mapping: Mapping) -> None:
        targets = {f.target.text for f in mapping.all_fields()}
        if not targets & {"journalnummer", "barn.fodselsnummer"}:
            self.problem(["felt"], "mappingen må gi journalnummer eller barn.fodselsnummer, "
                         "ellers kan sakene ikke kjennes igjen.")
        elif "journalnummer" not in targets:
            self.problem(["felt"], "journalnummer er ikke satt. Saksmappene i utboksen får da "
                         "et pseudonym i stedet for journalnummeret, og saksbehandlerne kan ikke "
                         "se hvilken sak en mappe hører til; sett journalnummer til kolonnen "
                         "(eller elementet) med journalnummeret.", warning=True)
        if "kommunenummer" not in targets:
            self.problem(["felt"], "kommunenummer er ikke satt, så sakene blir ikke slått "
                         "sammen med de samme sakene fra SSB-eksporter. Har rapporten ingen "
                         "kolonne for kommunenummeret, skriver du kommunens nummer som en fast "
                         "verdi, slik: kommunenummer = { standard = \"NNNN\" }, der NNNN er "
                         "kommunenummeret (fire sifre, slik SSB skriver det).",
                         warning=True)
        self._check_municipality_number(mapping)
        self._check_municipality_source(mapping)

    def _check_municipality_number(self, mapping: Mapping) -> None:
        """A fixed kommunenummer that is not one (five digits, a name): every case of the
        file would be refused in a run, and only `check --sample` said so, about «Sak nr. 1»
        rather than the mapping's line. One that reads as where the number is in the export
        (an XPath, a JSON pointer, a column's name) is said as that: a source was meant."""
        for spec in mapping.all_fields():
            if spec.target.text != "kommunenummer" or spec.default is None:
                continue
            number = str(spec.default).strip()
            if number.isdigit() and len(number) <= PADDED["kommunenummer"]:
                continue
            where = next((w for w, v in _walk(self.data)
                          if w[-2:] == ["kommunenummer", "standard"]), ["felt"])
            if _looks_like_source(number, self.format):
                self.problem(where, f"«{number}» ser ut som {SOURCE_KIND[self.format]}, "
                             "men standard er en fast verdi, ikke et sted i "
                             "eksporten. Skal kommunenummeret leses fra eksporten, skriver "
                             f"du kommunenummer = \"{number}\", uten standard; ellers skriver "
                             "du kommunens eget nummer, fire sifre (f.eks. \"4601\" for "
                             "Bergen).")
                continue
            self.problem(where, "kommunenummeret skal være fire sifre, slik SSB skriver det "
                         "(f.eks. \"4601\" for Bergen); ellers blir hver sak i filen avvist. "
                         "Skriv kommunens eget nummer.")

    def _check_municipality_source(self, mapping: Mapping) -> None:
        """An XPath or JSON pointer for kommunenummer that is only digits («4601»): the
        municipality's number, meant as a fixed value. As an XPath it gives every case the
        number 4601.0, which is refused; as a pointer it was said only as a pointer not
        starting with «/». Column names (CSV, Excel): commands/check.py, which the run's
        note agrees with (records.check_header)."""
        if self.format not in FORMATS_WITH_SUBRECORDS:
            return
        for where, value in _walk(self.data):
            if not (isinstance(value, str) and value.strip().isdigit()):
                continue
            as_table = where[-1:] == ["kilde"]
            if as_table:
                where = where[:-1]
            if where[-1:] != ["kommunenummer"] or "felt" not in where:
                continue
            number = value.strip()
            fast = f'{{ standard = "{number}" }}'
            said = kommunenummer_written(number, as_table)  # as IT wrote it
            if self.format == "xml":
                self.problem(where, f"{said} er et XPath-uttrykk, ikke "
                             "kommunens nummer. Er "
                             f"{number} kommunens nummer, skriver du det som en fast verdi: "
                             f"kommunenummer = {fast}. Står nummeret i eksporten, skriver du "
                             'XPath-uttrykket som finner det, f.eks. kommunenummer = '
                             '"@kommunenr".')
            else:
                self.problem(where, f"{said} er verken en JSON-peker "
                             "(de starter med «/») eller en fast verdi. Er "
                             f"{number} kommunens nummer, skriver du det som en fast verdi: "
                             f"kommunenummer = {fast}. Står nummeret i eksporten, skriver du "
                             'JSON-pekeren som finner det, f.eks. kommunenummer = '
                             '"/kommunenummer".')


def kommunenummer_written(number: str, as_table: bool) -> str:
    """`kommunenummer = "5001"`, or `kommunenummer = { kilde = "5001" }` when written so: a
    message quotes what IT wrote, not the other form."""
    if as_table:
        return f'kommunenummer = {{ kilde = "{number}" }}'
    return f'kommunenummer = "{number}"'


SOURCE_KIND = {"csv": "et kolonnenavn", "xlsx": "et kolonnenavn", "xml": "et XPath-uttrykk",
               "json": "en JSON-peker"}
"""Where a value is read from in each format, as a message names it."""


def _looks_like_source(value: str, format: str) -> bool:
    """Whether a fixed value reads as a place in the export: a pointer («/kommune/nr»), an
    XPath with a step or an attribute in it («@kommunenr», «Kommune/Nr»), a column named
    for a number («Kommunenr», «Kommunenummer»). A name («Bergen») is the municipality
    meant, and is told to be written as its number."""
    if format == "json":
        return value.startswith("/")
    if format == "xml":
        return any(c in value for c in "/@") and any(c.isalpha() for c in value)
    return bool(re.search(r"nr\b|nummer", value, re.IGNORECASE))


def _walk(value, where=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*where, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*where, i))
    else:
        yield list(where), value


SHORT_NAMES = {"tlf": "telefon", "fnr": "fodselsnummer", "pnr": "postnummer",
               "fodt": "fodselsdato", "mail": "epost", "adr": "adresse"}
"""Abbreviations journal systems and IT write for a field («barn.fnr»)."""


def _suggest(path_text: str) -> str:
    """The field meant: the one a common abbreviation stands for, one in the same group whose
    name the last word begins («foreldre[].postnr»: postnummer, not epost, which difflib
    finds nearer), else the nearest."""
    group, _, last = path_text.rpartition(".")
    known = all_paths()
    spelled = f"{group}.{SHORT_NAMES[last]}" if last in SHORT_NAMES else None
    if spelled in known:
        return f" Mente du «{spelled}»?"
    begun = [p for p in known if p.rpartition(".")[0] == group and len(last) >= 3
             and p.rpartition(".")[2].startswith(last[:3])]
    hint = get_close_matches(path_text, begun, n=1, cutoff=0) if begun else \
        get_close_matches(path_text, known, n=1)
    return f" Mente du «{hint[0]}»?" if hint else ""
