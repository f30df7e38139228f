"""Render chosen document kinds for one synthetic case, without the pipeline: fast, and the
documents are opened the way a caseworker would (python-docx, openpyxl, icalendar)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from docx import Document as open_docx

from omsorgspakke_docs import config
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.plugins import collect, collect_filters, make_manager
from omsorgspakke_docs.rendering import context
from omsorgspakke_docs.rendering.renderer import Renderer

from .conftest import ROOT, TODAY, canonical_case, docx_text

_PM = make_manager()
KINDS = {k.name: k for k in collect(_PM, "register_document_kinds")}
RENDERER = Renderer(ROOT / "templates", collect_filters(_PM))
PROGRAMME = programme.load()


def case_context(case: dict | None = None, today: date = TODAY, pseudonym: str = "sak-0123456789ab",
                 fixed: schedule.Fixed | None = None, invited: list[str] | None = None,
                 **documents) -> context.CaseContext:
    """A context for the example case (or the given one), with [documents] overrides; fixed
    holds dates planned in an earlier run (schedule.fixed_dates); invited, the meetings the
    state knows invitations were issued for (schedule.plan_case), when it is asked.

    Every letter of the year is made (invitation_days_before a year) unless a test sets the
    window itself, as tests/test_sending.py does."""
    documents.setdefault("invitation_days_before", 366)
    settings = config.Settings()
    settings.documents = config.Documents(**documents)
    # The service the example exports are from: its name in the configuration is the one the
    # documents show (context.service_name), as the exports name it; so is its address
    # (the configuration's comes first: context.service_of).
    settings.service = {"navn": "Barnevernstjenesten i Fjordvik", "adresse": "Postboks 120",
                        "postnummer": "5999", "poststed": "Fjordvik",
                        "besoksadresse": "Rådhusgata 4, 5999 Fjordvik"}
    model = Case.model_validate(case or canonical_case())
    plan = schedule.plan_case(model, PROGRAMME, settings.schedule, today, fixed,
                              documents=settings.documents, invited=invited)
    return context.build(model, plan, PROGRAMME, today, settings.service,
                         settings=settings, pseudonym=pseudonym)


def render(ctx: context.CaseContext, kind: str, folder: Path) -> dict[str, Path]:
    """Every document of one kind, written under folder; keyed by its path in the case."""
    out = {}
    for doc in KINDS[kind].documents(ctx):
        target = folder.joinpath(*doc.path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(RENDERER.render(doc).data)
        out[str(doc.path)] = target
    return out


def texts(ctx: context.CaseContext, kind: str, folder: Path) -> dict[str, str]:
    """The text of every Word document of one kind."""
    return {name: docx_text(path) for name, path in render(ctx, kind, folder).items()}


def rendered_by_run(ws, suffix: str = "") -> list:
    """Every document (of templates ending in suffix) the pipeline renders in one run of the
    test workspace ws, as the renderer receives it."""
    import pytest

    seen = []
    real = Renderer.render

    def spy(self, doc):
        if doc.template.endswith(suffix):
            seen.append(doc)
        return real(self, doc)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Renderer, "render", spy)
        summary = ws.run()
    assert summary.files_failed == 0, summary.failed
    return seen


def write_in(path: Path, line: str = "Skrevet av kontaktpersonen",
             saved: float | None = None) -> bytes:
    """A line typed in a document (minutes), saved as python-docx saves it (as Word would):
    its bytes, to compare with after a run. saved: when it was saved (its modification time,
    seconds since the epoch), where that matters (the archive files what has settled)."""
    document = open_docx(str(path))
    document.add_paragraph(line)
    document.save(str(path))
    if saved is not None:
        os.utime(path, (saved, saved))
    return path.read_bytes()


def calendar_text(folder: Path) -> str:
    """Every calendar file under a case folder, as a calendar app reads it: folded lines
    joined and «\\,» unescaped, so a phrase is found wherever a line break fell."""
    calendars = sorted(folder.rglob("*.ics"))
    assert calendars, folder
    text = "".join(path.read_text(encoding="utf-8") for path in calendars)
    return text.replace("\r\n ", "").replace("\n ", "").replace("\\,", ",")
