"""The canonical case JSON (docs/case-format.md): integrations can skip adapters entirely."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..hookspecs import hookimpl
from ..model import FORMAT, Case

MAX_BYTES = 20 * 1024 * 1024
LIST_FORMAT = "omsorgspakke-saker/1"


class CanonicalJson:
    name = "omsorgspakke-json"
    description = f"Kanonisk saksfil i JSON ({FORMAT} eller {LIST_FORMAT})"

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
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            where = f" (linje {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise InputError(f"Filen er ikke gyldig JSON i UTF-8{where}.") from None
        items = data.get("saker") if isinstance(data, dict) and data.get("format") == LIST_FORMAT else [data]
        if not isinstance(items, list):
            raise InputError('Feltet "saker" må være en liste med saker.')
        for index, item in enumerate(items, start=1):
            yield parse_case(item, index, self.name)


def parse_case(item, index: int, source: str) -> Case:
    try:
        case = Case.model_validate(item)
    except ValidationError as exc:
        # loc and msg only: pydantic's "input" would echo personal data.
        problems = "; ".join(f"{_where(e)}: {e['msg']}" for e in exc.errors()[:5])
        raise InputError(f"Sak nr. {index} i filen følger ikke saksformatet: {problems}.") from None
    if case.key is None:
        raise InputError(f"Sak nr. {index} mangler både journalnummer og fødselsnummer.")
    case.kilde = case.kilde or source
    return case


def _where(error) -> str:
    """The field a validation error is about; an unknown key is not quoted, it may be data."""
    loc = [str(p) for p in error["loc"]]
    if error["type"] == "extra_forbidden" and loc:
        loc[-1] = "(ukjent felt)"
    return ".".join(loc) or "saken"


@hookimpl
def register_adapters(register):
    register(CanonicalJson())
