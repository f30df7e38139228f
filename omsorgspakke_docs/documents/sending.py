"""The administrative staff's list of letters to send now: outbox/Til utsending.xlsx.

Made from the template utsending.xlsx after every run that changed a case or a new day
began, like the caseload workbook (caseload.py), and written the same way: a list someone
has written in is kept, and the new one goes beside it as "Til utsending (ny versjon).xlsx".

A letter is on the list from the day it is made until the day it is for: an invitation
from [documents] invitation_days_before ahead of its conversation until the day before it,
the information letter and the renewed offer in the first invitation_days_before days of the
programme. "Send innen" is two weeks before the conversation (or the day the letter is made,
when that is later). Rows name the case by journal number and the recipient by role, never
by name. An invitation that was not made again (its date moved, or the conversation was held)
but that someone edited is kept in the case folder (run/case_step.py) and listed as not to send.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain import qualify
from ..hookspecs import hookimpl
from ..planning import schedule
from ..planning.workdays import norsk_dato
from ..rendering import context
from ..rendering.renderer import Document
from ..store.commit import NEW_VERSION
from ..store.safenames import claim_case_folder, journal_folder_name
from . import caseload, opens

if TYPE_CHECKING:
    from ..run.summary import Summary
    from ..run.workspace import Workspace

log = logging.getLogger("omsorgspakke")

FILE_NAME = "Til utsending.xlsx"
TEMPLATE = "utsending.xlsx"
MARKER = "utsending.laget"
NOTICE_DAYS = 14
"""An invitation should be sent at least this many days before its conversation."""
LETTERS_IN = "Innkallinger"
NOT_TO_SEND = ("Ikke send: datoen er flyttet, eller samtalen er holdt eller avlyst. Kopien er "
               "endret av noen og er derfor ikke slettet.")


def invitation(doc: Document, ctx, day: date) -> Document:
    """An invitation for a conversation or meeting on this day: on the list until then."""
    doc.send_by = max(opens(ctx, day), day - timedelta(days=NOTICE_DAYS))
    doc.listed_until = day - timedelta(days=1)
    return doc


def opening_letter(doc: Document, ctx) -> Document:
    """A letter sent as the programme starts: on the list in its first weeks."""
    start = ctx.plan.start
    doc.send_by = start + timedelta(days=7)
    doc.listed_until = start + timedelta(days=ctx.settings.documents.invitation_days_before)
    return doc


@hookimpl
def after_batch(summary: Summary, today: date, workspace: Workspace) -> str | None:
    """Rewrite the list when a case or the day changed; a message for staff, or None."""
    return update(workspace, today)


def update(ws: Workspace, today: date) -> str | None:
    return caseload.outbox_workbook(ws, today, FILE_NAME, TEMPLATE, MARKER,
                                    lambda: workbook_context(ws, today),
                                    "listen over brev til utsending")


def workbook_context(ws: Workspace, today: date) -> dict[str, Any]:
    settings = ws.settings
    kinds = [k for k in ws.kinds if getattr(k, "letters", False)]
    rows: list[dict[str, Any]] = []
    for case in ws.state.all_cases():
        if case.key is None or qualify.skip_reason(case, today, settings.qualify_months):
            continue
        pseudonym = ws.state.pseudonym(case.key)
        try:
            plan = schedule.plan_case(case, ws.programme, settings.schedule, today,
                                      ws.state.load_plan(case.key))
            ctx = context.build(case, plan, ws.programme, today, settings.service,
                                settings=settings, pseudonym=pseudonym)
            folder = claim_case_folder(settings.paths.outbox, case.journalnummer, pseudonym)
            plain = journal_folder_name(case.journalnummer)
            shown = case.journalnummer if plain and case.journalnummer else pseudonym
            rows.extend(_case_rows(ctx, kinds, folder, shown, settings.paths.outbox))
        except Exception as exc:  # noqa: BLE001 - one odd case must not hide all the others
            log.warning("%s: kom ikke med i listen til utsending (%s)", pseudonym,
                        type(exc).__name__)
    rows.sort(key=lambda r: (r["send_innen"] or date.max, r["sak"], r["dokument"]))
    return {"dato": norsk_dato(today), "antall": len(rows), "brev": rows}


def _case_rows(ctx, kinds, folder: Path, shown: str, outbox: Path) -> list[dict[str, Any]]:
    rows, made = [], set()
    where = folder.relative_to(outbox).as_posix() if outbox in folder.parents else folder.name
    for kind in kinds:
        for doc in kind.documents(ctx):
            made.add(doc.path.as_posix())
            if doc.send_by is None or ctx.today > (doc.listed_until or doc.send_by):
                continue
            mottaker = doc.context.get("mottaker", {})
            rows.append({
                "sak": shown, "mottaker": _role(mottaker), "dokument": f"{where}/{doc.path}",
                "send_innen": max(doc.send_by, ctx.today), "sendes": _how(mottaker),
                "merknad": "",
            })
    letters = folder / LETTERS_IN
    for path in sorted(letters.rglob("*.docx")) if letters.is_dir() else []:
        name = path.relative_to(folder).as_posix()
        if name not in made and f"({NEW_VERSION}" not in path.name:
            rows.append({"sak": shown, "mottaker": "", "dokument": f"{where}/{name}",
                         "send_innen": None, "sendes": "", "merknad": NOT_TO_SEND})
    return rows


def _role(mottaker: dict[str, Any]) -> str:
    role = {"forelder": "Forelder", "barnet": "Barnet"}.get(mottaker.get("rolle", ""),
                                                              "Fosterforeldre")
    who = mottaker.get("hvem", "")
    return f"Forelder ({who})" if role == "Forelder" and who else role


def _how(mottaker: dict[str, Any]) -> str:
    """As the recipient's letters go (documents._delivery: the export's forsendelse, else
    [documents] delivery_default, or delivery_child for a letter to the child)."""
    return {"post": "Post", "digitalt": "Digitalt"}.get(mottaker.get("sendes", ""), "")
