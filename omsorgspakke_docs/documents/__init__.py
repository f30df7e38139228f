"""Built-in document kinds. Each is a plugin module registering itself through
register_document_kinds.

A document kind is any object with:
    name: str                               short, unique
    title: str                              Norwegian, shown to template authors
    templates: tuple[str, ...]              the template files it uses, in templates/
    documents(ctx) -> Iterable[Document]    one Document per output file for the case
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from ..render import Document

_NOT_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9ÆØÅæøå ,()-]+")


def file_title(text: str) -> str:
    """A title from our own programme data as a file name part: 'Hvorfor måtte jeg flytte'."""
    return re.sub(r"\s+", " ", _NOT_IN_FILE_NAMES.sub(" ", text)).strip()


def document(path: str, template: str, base: dict[str, Any], **extra: Any) -> Document:
    parts = [file_title(p) for p in path.split("/")]
    suffix = "." + template.rsplit(".", 1)[1]
    parts[-1] += suffix
    return Document(PurePosixPath(*parts), template, {**base, **extra})


def conversation_file(conv: dict[str, Any]) -> str:
    name = f"Tema {conv['tema']} - {conv['tittel']}"
    return name


def recipients(ctx, part_id: str) -> list[dict[str, Any]]:
    """Who letters to a party go to: each parent who has not declined, the child in care of
    the foster home, the foster parents."""
    base = ctx.base
    foster = base["fosterfamilie"]
    if part_id == "foreldre":
        parents = [f for f in base["foreldre"] if f["takker_ja"] is not False]
        if parents:
            return [
                {"navn": f["navn"], "adresse": f["adresse"], "postadresse": f["postadresse"],
                 "fil": f"forelder {f['nummer']}" if len(parents) > 1 else ""}
                for f in parents
            ]
        if base["foreldre"]:
            return []
        return [{"navn": "[mangler: navn på foreldrene]", "adresse": "[mangler: adresse til foreldrene]",
                 "postadresse": "[mangler: postnummer og sted til foreldrene]", "fil": ""}]
    if part_id == "barnet":
        return [{"navn": base["barn"]["navn"], "adresse": f"c/o {foster['navn']}, {foster['adresse']}",
                 "postadresse": foster["postadresse"], "fil": ""}]
    return [{"navn": foster["navn"], "adresse": foster["adresse"],
             "postadresse": foster["postadresse"], "fil": ""}]
