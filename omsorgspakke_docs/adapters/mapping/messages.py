"""What is wrong with a mapping file, in plain Norwegian, from a JSON Schema error.

jsonschema's own messages are English and quote the instance; these name the problem in the
words IT uses, and suggest the key that was probably meant.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

TYPE_NAMES = {
    "string": "tekst i anførselstegn", "integer": "et heltall", "boolean": "true eller false",
    "array": "en liste i [ ]", "object": "en tabell",
}


def describe(error) -> tuple[str, str | None]:
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "oneOf" and isinstance(instance, dict) and error.context:
        inner = _in_table(error)
        if inner is not None:
            return inner
    if kind == "required":
        # One error per key missing: its own key is in its message (jsonschema words it
        # "'felt' is a required property"); else the first missing, as before.
        return f"nøkkelen «{missing_key(error)}» mangler, og den må være med.", None
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = next(k for k in instance if k not in allowed)
        hint = get_close_matches(extra, allowed, n=1)
        tip = f" Mente du «{hint[0]}»?" if hint else f" Tillatt her: {', '.join(allowed)}."
        return "ukjent nøkkel." + tip, extra
    if kind == "type":
        types = value if isinstance(value, list) else [value]
        return "verdien skal være " + " eller ".join(TYPE_NAMES[t] for t in types) + ".", None
    if kind == "enum":
        return "verdien må være en av: " + ", ".join(str(v) for v in value) + ".", None
    if "propertyNames" in error.relative_schema_path:
        return field_path(error.instance), error.instance
    return describe_limits(error), None


def missing_key(error) -> str:
    """The key a «required» error is about: its own key is in its message (jsonschema words
    it "'felt' is a required property"); else the first missing."""
    named = re.match(r"^'([^']+)' is a required property", str(error.message))
    value, instance = error.validator_value, error.instance
    return named[1] if named and named[1] in value else next(
        k for k in value if k not in instance)


def meant_key(error) -> str | None:
    """The key an «additionalProperties» error suggests («Mente du …?»), if any."""
    allowed = sorted(error.schema.get("properties", {}))
    extra = next((k for k in error.instance if k not in allowed), None)
    hint = get_close_matches(extra, allowed, n=1) if extra is not None else []
    return hint[0] if hint else None


def said_once(errors: list) -> list:
    """The errors to say, in their order, without a key said missing where a misspelt key
    beside it is said as «ukjent nøkkel. Mente du …?» for it (`[gjenkjening]` said as
    «gjenkjenning mangler» too): the one line IT needs, the spelling to fix."""
    meant = {(tuple(e.absolute_path), meant_key(e)) for e in errors
             if e.validator == "additionalProperties"}
    return [e for e in errors if e.validator != "required"
            or (tuple(e.absolute_path), missing_key(e)) not in meant]


def field_path(name: str) -> str:
    """A key under [felt] that cannot be a field path (the schema's propertyNames pattern:
    capitals, a hyphen, a space), with the path probably meant: the error itself is the
    pattern's, which would otherwise read as the one for file extensions."""
    from .paths import all_paths  # the canonical case's model: loaded when a key is wrong

    said = (f"«{name}» er ikke en gyldig feltsti (f.eks. barn.fornavn eller "
            "foreldre[].fornavn).")
    plain = re.sub(r"\[\d*\]", "[]", name.lower().replace("-", "").replace(" ", "."))
    hint = get_close_matches(plain, all_paths(), n=1)
    if not hint:
        return said
    meant = hint[0]
    for number in re.findall(r"\[(\d+)\]", name):  # «foreldre[0]» suggested as written
        meant = meant.replace("[]", f"[{number}]", 1)
    return f"{said} Mente du «{meant}»?"


TABLE_BRANCH = 1
"""A field's value in the schema: a column (oneOf branch 0) or a table (branch 1)."""
FIRST_SAID = {"additionalProperties": 0, "enum": 1, "type": 2, "anyOf": 3}


def _in_table(error) -> tuple[str, str | None] | None:
    """What is wrong inside a field's table ({ kilder = "X" }, deling = "person 2"), said
    for its key, rather than «verdien har feil form» for the whole value."""
    inner = [e for e in error.context if e.relative_schema_path
             and e.relative_schema_path[0] == TABLE_BRANCH and e.validator in FIRST_SAID]
    if not inner:
        return None
    first = min(inner, key=lambda e: (FIRST_SAID[e.validator], len(e.relative_path)))
    if first.validator == "anyOf":
        return "tabellen må ha «kilde» eller «standard».", None
    message, extra = describe(first)
    return message, extra if extra is not None else (
        str(first.relative_path[-1]) if first.relative_path else None)


def describe_limits(error) -> str:
    kind, value = error.validator, error.validator_value
    if kind in ("minItems", "minLength", "minProperties"):
        return "kan ikke være tom."
    if kind == "maxLength" and list(error.absolute_path)[-1:] == ["skilletegn"]:
        # «semikolon», «tab»: the character itself is what the file has between columns.
        return ("skriv selve tegnet mellom kolonnene, f.eks. \";\", \",\" eller \"|\" "
                "(tabulator: \"\\t\").")
    if kind == "maxLength":
        return f"kan ha høyst {value} tegn."
    if kind in ("minimum", "maximum"):
        return "tallet er utenfor det tillatte (1–100)."
    if kind == "pattern" and error.absolute_path and error.absolute_path[-1] == "navn":
        return "navnet kan bare ha små bokstaver (a–z), tall og bindestrek."
    if kind == "pattern":
        return "filendelsen skal starte med punktum, f.eks. «.csv»."
    if "felt" in error.absolute_path:
        return (
            "verdien har feil form. Skriv et kolonnenavn i anførselstegn, eller en tabell med "
            "kilde og/eller standard, f.eks. { kilde = \"Tolk\", verdier = \"ja_nei\" }."
        )
    return "verdien har feil form; se docs/adapters.md for hva som er tillatt her."
