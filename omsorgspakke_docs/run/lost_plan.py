"""A case whose plan is gone from the state (deleted, or damaged) while its documents are out.

The planned dates may already stand in letters people have received, so they must not move.
They are taken back from the calendar file of all coming meetings that we wrote to the case
folder (Kalender/Alle samtaler.ics, in nynorsk Alle samtalane.ics: a stable UID per
conversation, visit and joint meeting, with its start), when the ledger says the file is
still as we wrote it. What cannot be taken back (a meeting already passed when that file was
made, or no such file) is planned anew, and the case folder gets a note (fil.ny_plan in the
text catalogues: planen-ble-laget-på-nytt.txt, in nynorsk planen-vart-laga-på-nytt.txt)
naming each meeting whose date is new, so no date moves without staff being told. The note
is in the case's written standard; the log names the case by pseudonym only.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

from ..domain import programme as programme_module
from ..domain.model import Case
from ..planning import schedule
from ..rendering.ics import read_starts
from ..store.commit import sha256_file, write_text_atomic
from ..store.issued import FOLDER as ISSUED
from ..text import Tekst
from .workspace import Workspace

log = logging.getLogger("omsorgspakke")

NOTE = "fil.ny_plan"
"""The catalogue key of the note's file name."""
WHY = {"manglet": "manglet", "skadet": "var skadet"}
"""Why the plan was made again: the reason's catalogue key (ny_plan.<key>), and its words
in the log (bokmål, for IT)."""
_UID = re.compile(r"^sak-[0-9a-f]+-(?:(?P<part>[a-z]+)-t(?P<tema>\d+)-k(?P<nummer>\d+)"
                  r"(?:-f(?P<forelder>\d+))?|besok-(?P<visit>\d+)|(?P<meeting>fellesmote))@")


def calendar(t: Tekst) -> Path:
    """The calendar file of all coming meetings, as documents/kalender.py names it."""
    return Path(t("fil.kalender"), t("fil.alle_samtaler") + ".ics")


def had_documents(ws: Workspace, pseudonym: str, folder: Path, t: Tekst) -> bool:
    """The case was given documents before: their issue dates are kept, or its calendar is
    in its folder."""
    return (ws.state.folder / ISSUED / f"{pseudonym}.json").exists() \
        or (folder / calendar(t)).exists()


def recover(ws: Workspace, folder: Path, t: Tekst) -> schedule.Fixed:
    """The dates in the case's calendar of coming meetings, if the file is still ours."""
    path = folder / calendar(t)
    root = ws.settings.paths.outbox
    root = root if root.resolve() in folder.resolve().parents else folder
    try:
        key = path.relative_to(root).as_posix()
    except ValueError:
        return {}
    digest = sha256_file(path)
    if digest is None or ws.ledger.ours(key, digest) is None:
        return {}  # none, or changed by someone: its dates may not be ours
    after = ws.settings.documents.joint_meeting_after_theme
    fixed: schedule.Fixed = {}
    for uid, start in read_starts(path.read_bytes()).items():
        if (m := _UID.match(uid)) is None:
            continue
        if m["visit"]:
            fixed[(schedule.VISIT, int(m["visit"]), 1, None)] = (start.date(), start.time())
        elif m["meeting"]:
            fixed[(schedule.MEETING, after, 1, None)] = (start.date(), start.time())
        else:
            forelder = int(m["forelder"]) if m["forelder"] is not None else None
            fixed[(m["part"], int(m["tema"]), int(m["nummer"]), forelder)] = (
                start.date(), start.time())
    return fixed


def report(ws: Workspace, case: Case, pseudonym: str, folder: Path, plan: schedule.CasePlan,
           recovered: schedule.Fixed, why: str, today: date, t: Tekst) -> None:
    """Say that the plan was made again (why: a key of WHY), and which meetings got a date
    not taken back: in the case's standard (t)."""
    new = [c for c in plan.conversations
           if c.status == "planlagt" and not c.fra_journal and c.key not in recovered]
    log.warning("%s: planen (tilstandsfilen plans/%s.json) %s; %d datoer hentet tilbake fra "
                "kalenderfilen, %d samtaler fikk ny dato", pseudonym, pseudonym, WHY[why],
                len(recovered), len(new),
                extra={"event": "plan_rebuilt", "case": pseudonym})
    if not new:
        return
    programme = ws.programme
    if programme.malform != t.malform:
        programme = programme_module.for_malform(ws.settings, t.malform)
    parts = {p.id: p for p in programme.parter}
    heading = t("ny_plan.overskrift")
    kalender = calendar(t).as_posix()
    lines = [
        heading,
        "=" * len(heading),
        t(f"ny_plan.{why}", dato=t.dato(today)),
        t("ny_plan.beholdt" if recovered else "ny_plan.ingen_kalender", kalender=kalender),
        *t("ny_plan.forklaring").splitlines(),
        "",
    ]
    for c in new:
        who = schedule.party_label(case, parts[c.part], c.forelder) if c.part in parts \
            else c.part
        lines.append("  - " + t("ny_plan.samtale", hvem=who, samtale=_which(c, parts, t),
                                 dato=t.dato(c.dato), klokkeslett=f"{c.start:%H.%M}"))
    write_text_atomic(folder / t(NOTE), "\n".join(lines) + "\n")


def _which(c, parts, t) -> str:
    """"tema 2", or the move follow-up by its title and contact: no reader knows it as a
    theme numbered 0."""
    if c.tema != 0:
        return t("sak.tema_kort", nummer=c.tema)
    title = parts[c.part].tema(0).tittel if c.part in parts else ""
    return f"«{title}»{t('sak.kontakt', nummer=c.nummer)}"
