"""The contact person's calendar file for Outlook: one per case, every upcoming conversation,
visit and the joint meeting in it (Kalender/Alle samtaler.ics). One file, not one per
conversation: importing it again updates the entries (their UIDs stay the same), so a folder
holds one calendar, not a dozen.

This kind has no template: it makes the file's bytes itself (Document.data). An entry names
the party, the theme and the journal number, never the child: calendars are shared and
synchronised outside the case folder. UIDs come from the case's pseudonym, so they carry no
personal data and stay the same from run to run.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time
from pathlib import PurePosixPath

from ..hookspecs import hookimpl
from ..planning import schedule
from ..rendering.context import MISSING_RE
from ..rendering.ics import Entry, calendar_bytes
from ..rendering.renderer import Document
from . import one_or_both
from .fellesmote import joint_meeting

DOMAIN = "omsorgspakke-docs"
CALENDAR = "Kalender/Alle samtaler.ics"
"""In bokmål; a nynorsk case folder has Kalender/Alle samtalane.ics (fil.kalender,
fil.alle_samtaler in the text catalogues)."""


def _known(*values: str) -> list[str]:
    return [v for v in values if v and not MISSING_RE.search(v)]


class _CaseEntries:
    """What every calendar entry of one case shares: reference, place and UID prefix."""

    def __init__(self, ctx):
        base = ctx.base
        reference = base["sak"]["journalnummer"]
        if MISSING_RE.search(reference):
            reference = ctx.pseudonym or ctx.t("kalender.uten_journalnummer")
        self.reference = reference
        self.ctx = ctx
        self.t = ctx.t
        self.uid = ctx.pseudonym or "sak"
        self.programme = base["program"]["navn"]

    def location(self, kind: str) -> str | None:
        """The visiting address for the office; the foster home and a parent's town are named
        but not addressed, since calendars are shared outside the case folder."""
        if kind == schedule.FOSTER_HOME:
            return self.t("kalender.fosterhjemmet")
        if kind == schedule.DIGITAL:
            return self.t("kalender.digitalt")
        place = self.ctx.place_text(kind, None)
        return None if MISSING_RE.search(place) else place

    def entry(self, key: str, day, start, end, title: str, about: str, more: str = "",
              place: str = schedule.OFFICE) -> Entry:
        return Entry(
            uid=f"{self.uid}-{key}@{DOMAIN}",
            start=datetime.combine(day, start),
            end=datetime.combine(day, end),
            summary=f"{self.programme}: {title} ({self.reference})",
            description="\n\n".join(x for x in (
                f"{about} {self.t('kalender.referanse', referanse=self.reference)}", more) if x),
            location=self.location(place),
        )


def _uid(conv) -> str:
    own = "" if conv.forelder is None else f"-f{conv.forelder}"
    return f"{conv.part}-t{conv.tema}-k{conv.nummer}{own}"


class Kalender:
    name = "kalender"
    title = "Kalenderfiler (.ics) for Outlook"
    templates: tuple[str, ...] = ()

    def documents(self, ctx):
        case, t = _CaseEntries(ctx), ctx.t
        entries: list[Entry] = []
        for part in ctx.programme.parter:
            for conv in ctx.plan.for_part(part.id):
                if conv.status != "planlagt" or conv.dato < ctx.today:
                    continue
                s = ctx.samtale_context(conv)
                entries.append(case.entry(
                    _uid(conv), conv.dato, conv.start, conv.slutt,
                    " – ".join(x for x in (part.navn, s["overskrift"], s["forelder"]) if x),
                    t("kalender.samtale", hvem=s["forelder"] or part.navn.lower(), spor=part.spor),
                    ctx.in_case_words(part.tema(conv.tema).formal), conv.sted))
        for visit in ctx.plan.visits:
            if visit.status == "planlagt" and visit.dato >= ctx.today and visit.start:
                entries.append(case.entry(
                    f"besok-{visit.nummer}", visit.dato, visit.start, visit.slutt,
                    t("saksoversikt.besok"), t("kalender.besok"),
                    place=schedule.FOSTER_HOME))
        meeting = joint_meeting(ctx)
        if meeting is not None and meeting.dato >= ctx.today:
            entries.append(case.entry(
                "fellesmote", meeting.dato, meeting.start, meeting.slutt,
                t("kalender.felles_mote_tittel"), t(one_or_both(ctx, "kalender.felles_mote"))))
        if entries:
            yield _calendar(ctx, PurePosixPath(t("fil.kalender"), t("fil.alle_samtaler") + ".ics"),
                            entries)


def _calendar(ctx, path: PurePosixPath, entries: list[Entry]) -> Document:
    """A calendar file stamped (DTSTAMP) with the day its entries were first issued as they
    are, so the same entries make the same bytes on a later day."""
    content = hashlib.sha256(repr(entries).encode("utf-8")).hexdigest()
    stamp = datetime.combine(ctx.issued_on(str(path), content), time(0), tzinfo=UTC)
    return Document(path, "", {}, data=calendar_bytes(entries, stamp))


@hookimpl
def register_document_kinds(register):
    register(Kalender())
