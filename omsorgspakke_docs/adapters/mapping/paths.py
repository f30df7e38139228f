"""Canonical field paths in mapping files: `barn.fornavn`, `foreldre[].telefon`, `foreldre[1]`.

A path names a field of the canonical case (model.Case) with the same Norwegian names the
templates use. `[]` on a list means "the item this record describes": every `[]` path that one
record fills lands in the same new item, so a row per parent gives one parent per row. `[N]`
is a fixed item, for layouts with one column per parent (`foreldre[0]`, `foreldre[1]`).

Records are turned into a Tree: nested dicts, with list items kept in an Items dict keyed by
record (for `[]`) or index (for `[N]`) until the case is complete, so rows of one case can be
merged in any order.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ...domain.model import Case

STEP = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d*)\])?$")
NEW_ITEM = "new"
SET_BY_READER = {"format", "kilde", "fagsystemet", "ingen_sluttdato", "fra",
                 "tidligere_fosterhjem", "feilregistrert_fosterhjem", "rettede_navn"}
"""Set by the reader (format, kilde) or kept by the program (a conversation's fagsystemet,
merge.journal_word; the case's ingen_sluttdato, merge.open_ends; the foster family's fra and
the case's tidligere_fosterhjem and feilregistrert_fosterhjem, foster_home.moved; the case's
rettede_navn, spelling.corrected): never a mapping's target."""


class PathError(ValueError):
    """A path that names no field of the canonical case; the message is Norwegian."""


@dataclass(frozen=True)
class Step:
    name: str
    index: int | str | None = None
    """None for a plain field, NEW_ITEM for `[]`, an int for `[N]`."""


@dataclass(frozen=True)
class Target:
    """A parsed path and the Python type of the field it ends in."""

    text: str
    steps: tuple[Step, ...]
    kind: Any


class Items(dict):
    """List items under construction, keyed by record or fixed index."""


def parse(text: str) -> Target:
    steps, model = [], Case
    for part in text.split("."):
        step, model = _step(part, model, text)
        steps.append(step)
    if isinstance(model, type) and issubclass(model, BaseModel):
        raise PathError(f"«{text}» er en gruppe av felter; velg ett av feltene i den.")
    if steps[-1].index is not None:
        raise PathError(f"«{text}» er en liste av enkeltverdier, og den kan ikke mappes.")
    return Target(text, tuple(steps), model)


def _step(part: str, model, text: str) -> tuple[Step, Any]:
    match = STEP.match(part)
    fields = model.model_fields if isinstance(model, type) and issubclass(model, BaseModel) else {}
    if not match or match["name"] not in fields or match["name"] in SET_BY_READER:
        raise PathError(f"«{text}» er ikke et felt i saksformatet.")
    kind, is_list = _unwrap(fields[match["name"]].annotation)
    index = match["index"]
    if is_list != (index is not None):
        need = "trenger [] eller [nummer]" if is_list else "er ikke en liste og kan ikke ha []"
        raise PathError(f"«{text}»: «{match['name']}» {need}.")
    return Step(match["name"], None if index is None else int(index) if index else NEW_ITEM), kind


def _unwrap(annotation) -> tuple[Any, bool]:
    """The field's own type with Optional removed, and whether it is a list of that type."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0])
    if origin is list:
        return get_args(annotation)[0], True
    return annotation, False


def all_paths(model=Case, prefix: str = "") -> list[str]:
    """Every leaf path of the canonical case, lists written with []: for suggestions and inspect."""
    paths = []
    for name, info in model.model_fields.items():
        kind, is_list = _unwrap(info.annotation)
        path = f"{prefix}{name}{'[]' if is_list else ''}"
        if name in SET_BY_READER:
            continue
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            paths += all_paths(kind, path + ".")
        elif not is_list:
            paths.append(path)
    return paths


def allowed_values(kind) -> list[str] | None:
    """The codes an enum or Literal field accepts, or None for a free field."""
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [m.value for m in kind]
    if get_origin(kind) is Literal:
        return [str(a) for a in get_args(kind)]
    return None


def assign(tree: dict, target: Target, value: Any, item_key: Any) -> None:
    """Put value at target in tree; a value already there wins (the first row's, say)."""
    node = tree
    for step in target.steps[:-1]:
        node = _child(node, step, item_key)
    last = target.steps[-1]
    node.setdefault(last.name, value)


def _child(node: dict, step: Step, item_key: Any) -> dict:
    if step.index is None:
        return node.setdefault(step.name, {})
    items = node.setdefault(step.name, Items())
    key = ("item", item_key) if step.index == NEW_ITEM else ("fixed", step.index)
    return items.setdefault(key, {})


def merge(into: dict, other: dict, *, new_items: bool = True) -> dict:
    """Fill into with what other has and into lacks, recursively; into wins on conflicts.

    With new_items=False (for defaults) a list item is filled only where into already has it:
    a default never creates a person the export does not have, nor a list the export has
    none of: a list given empty says the journal has none (merge.STATED_LISTS: the visits
    planned before would be dropped), where the columns left empty say nothing.
    """
    for name, value in other.items():
        if name not in into:
            if new_items:
                into[name] = value
            elif not isinstance(into, Items) and not isinstance(value, Items):
                into[name] = _without_new_items(value)
        elif isinstance(value, dict) and isinstance(into[name], dict):
            merge(into[name], value, new_items=new_items)
    return into


def _without_new_items(value: Any) -> Any:
    """A defaults subtree with its lists left out (none of their items exist in the export)."""
    if isinstance(value, dict):
        return {k: _without_new_items(v) for k, v in value.items() if not isinstance(v, Items)}
    return value


def plain(tree: Any) -> Any:
    """The tree as the JSON-like data model.Case validates: Items become lists."""
    if isinstance(tree, Items):
        fixed = sorted((k[1], v) for k, v in tree.items() if k[0] == "fixed")
        added = [v for k, v in tree.items() if k[0] == "item"]
        return [plain(v) for _, v in fixed] + [plain(v) for v in added]
    if isinstance(tree, dict):
        return {k: plain(v) for k, v in tree.items()}
    return tree
