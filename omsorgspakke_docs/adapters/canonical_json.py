"""The canonical case JSON (docs/case-format.md): integrations can skip adapters entirely."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..domain.model import FORMAT, Case
from ..errors import InputError
from ..hookspecs import hookimpl
from ..text import tekst

MAX_BYTES = 20 * 1024 * 1024
LIST_FORMAT = "omsorgspakke-saker/1"
FRAME = f'{{"format": "{LIST_FORMAT}", "saker": [ ... ]}}'


class CanonicalJson:
    name = "omsorgspakke-json"
    description = f"Omsorgspakke-saksfil, kanonisk JSON ({FORMAT} eller {LIST_FORMAT})"

    def claims(self, sample) -> bool:
        if sample.suffix != ".json":
            return False
        head = sample.text()
        return FORMAT in head or LIST_FORMAT in head

    def read(self, path: Path):
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"Filen er større enn {MAX_BYTES // (1024 * 1024)} MB.")
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        # Also a number of thousands of digits (ValueError) or thousands of nested lists
        # (RecursionError): not an export, said as one that cannot be read, not as a bug.
        except (ValueError, RecursionError) as exc:
            where = (f" (linje {exc.lineno}). Den kan være avkortet eller skadet"
                     if isinstance(exc, json.JSONDecodeError) else "")
            raise InputError(f"Filen er ikke gyldig JSON i UTF-8{where}.") from None
        if isinstance(data, list):  # cases without the frame: "case 1 is not an object" misleads
            raise InputError(tekst()("feilmelding.liste_uten_ramme", ramme=FRAME))
        is_list = isinstance(data, dict) and data.get("format") == LIST_FORMAT
        items = data.get("saker") if is_list else [data]
        if not isinstance(items, list):
            raise InputError('Feltet "saker" må være en liste med saker.')
        for index, item in enumerate(items, start=1):
            yield parse_case(item, index, self.name)


def parse_case(item, index: int, source: str, paths: bool = False) -> Case:
    """One case checked against the format. paths: name a field as a mapping file does
    («foreldre[0].telefon»), for IT who wrote the mapping; else «foreldre nr. 1, telefon»."""
    try:
        case = Case.model_validate(item)
    except ValidationError as exc:
        # Field and kind of problem only: pydantic's "input" would echo personal data.
        where = _path if paths else _where
        problems = "; ".join(f"{where(e)} {_problem(e)}" for e in exc.errors()[:5])
        more = len(exc.errors()) - 5
        tail = f" (og {more} til)" if more > 0 else ""
        raise InputError(
            f"Sak nr. {index} i filen følger ikke saksformatet: {problems}{tail}.") from None
    if case.key is None:
        raise InputError(f"Sak nr. {index} mangler både journalnummer og fødselsnummer.")
    case.kilde = case.kilde or source
    return case


def _where(error) -> str:
    """The field an error is about, as «barn.kjonn» or «samtaler nr. 2, tema».

    An unknown key is not quoted: it may be data.
    """
    loc = list(error["loc"])
    unknown = error["type"] == "extra_forbidden"
    if unknown:
        loc = loc[:-1]
    path = ""
    for item in loc:
        if isinstance(item, int):
            path += f" nr. {item + 1}"
        else:
            path += (", " if path[-1:].isdigit() else "." if path else "") + str(item)
    if unknown:
        field = tekst().table("feilmelding_ord")["et_felt"]
        return f"{field} under «{path}»" if path else field
    return f"«{path}»" if path else "saken"


def _path(error) -> str:
    """The field an error is about as a mapping file names it: «foreldre[0].telefon»."""
    path = ""
    for item in error["loc"]:
        path += f"[{item}]" if isinstance(item, int) else ("." if path else "") + str(item)
    return f"«{path}»" if path else "saken"


_PATTERNS = {r"^\d{4}$": "fire_sifre", r"^\d{2}:\d{2}$": "klokkeslett"}
_KINDS = [  # pydantic error type (prefix) -> what to say, in the order they are tried
    ("missing", "mangler"),
    ("extra_forbidden", "ikke_med"),
    ("string_type", "tekst"),
    ("int_", "heltall"),
    ("float_", "tall"),
    ("bool_", "sann_usann"),
    ("date", "dato"),
    ("time", "klokkeslett"),
    ("model_", "objekt"),
    ("dict_", "objekt"),
    ("list_", "liste"),
    ("string_too_long", "for_lang"),
    ("too_long", "for_mange"),
]
"""The words are the text catalogue's [feilmelding_ord], so that a nynorsk service's note
says them in nynorsk (Tekst.note)."""


def _problem(error) -> str:
    """What is wrong, in Norwegian; the values the schema allows, never the value found."""
    words = tekst().table("feilmelding_ord")
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "literal_error":
        return f"{words['en_av']} " + str(ctx.get("expected", "")).replace(" or ", " eller ")
    if kind == "string_pattern_mismatch":
        return words[_PATTERNS.get(str(ctx.get("pattern")), "form")]
    for prefix, key in _KINDS:
        if kind.startswith(prefix):
            return words[key]
    return words["ugyldig"]


@hookimpl
def register_adapters(register):
    register(CanonicalJson())
