"""What `check` and `templates check` say about the two written standards: each standard's
templates checked with a case in that standard, the catalogues and programmes in step, and
which documents fall back to the other standard's template or programme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from ..documents import caseload, sending
from ..domain import programme, synthetic
from ..plugins import collect
from ..rendering import template_folders
from ..text import CODE, MALFORMER, NAME, Tekst, catalogue_differences, tekst

OUTBOX = (caseload.TEMPLATE, sending.TEMPLATE)
"""The workbooks made at the outbox root after a run, not by a document kind: checked
against their own values (outbox_contexts)."""


def by_standard(settings: Settings, pm, env) -> Iterator[tuple[str, Path, dict, dict]]:
    """Per standard: the folder checked (templates/nb/, templates/nn/, or the flat folder),
    the synthetic case's documents by template, and the problems per template file."""
    root = settings.paths.templates
    flat_done = False
    for malform in MALFORMER:
        documents = synthetic.documents_by_template(pm, settings, malform)
        folder = root / CODE[malform]
        if not folder.is_dir():
            if flat_done:
                continue
            folder, flat_done = root, True
        contexts = {**outbox_contexts(pm, settings, malform),
                    **{name: doc.context for name, doc in documents.items()}}
        yield malform, folder, documents, _check_folder(folder, contexts, env)


def _check_folder(folder: Path, contexts: dict, env) -> dict:
    """rendering/template_check.py, loaded (with python-docx) when templates are checked:
    every command is registered at each start, and a run needs none of it."""
    from ..rendering import template_check

    return template_check.check_folder(folder, contexts, env)


def outbox_contexts(pm, settings: Settings, malform: str) -> dict[str, dict[str, Any]]:
    """The values the workbooks at the outbox root (Saksoversikt, Til utsending) are made
    from, by template: made as a run makes them, from synthetic cases that give every list
    a row (synthetic.caseload_contexts)."""
    contexts = synthetic.caseload_contexts(settings, malform)
    kinds = collect(pm, "register_document_kinds")
    return {caseload.TEMPLATE: caseload.sample_context(contexts),
            sending.TEMPLATE: sending.sample_context(contexts, kinds)}


def problems(settings: Settings, root: Path, t: Tekst | None = None) -> list[str]:
    """Disagreements between the standards: catalogue messages, template fields, programmes,
    in t's words (the catalogues' own disagreements, a developer's, in bokmål)."""
    t = t or tekst()
    found = [f"tekstkatalog: {line}" for line in catalogue_differences()]
    found += [f"{t('sjekk.maler')}: {line}" for line in template_folders.same_fields(root, t)]
    nb, nn = (programme.for_malform(settings, m) for m in MALFORMER)
    found += [t("malmappe.program_ulike", hva=line)
              for line in programme.structure_differences(nb, nn, t)]
    return found


def programme_fallbacks(settings: Settings, t: Tekst | None = None) -> list[str]:
    """Documents that use a programme file written in the other standard, in t's words."""
    t = t or tekst()
    out = []
    for malform in MALFORMER:
        used = programme.for_malform(settings, malform)
        if used.malform != malform:
            out.append(t("malmappe.program", malform=NAME[malform],
                         fil=programme.source(settings, malform).name,
                         brukt=NAME[used.malform]))
    return out
