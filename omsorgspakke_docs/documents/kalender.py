"""Calendar files for Outlook: one per upcoming conversation, and one per case with them all.

This kind has no template: it makes the file's bytes itself (Document.data). An entry names
the party, the theme and the journal number, never the child: calendars are shared and
synchronised outside the case folder. UIDs come from the case's pseudonym, so they carry no
personal data and stay the same from run to run.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import PurePosixPath

from ..calendar_files import Entry, calendar_bytes
from ..context import MISSING_RE
from ..hookspecs import hookimpl
from ..render import Document
from . import conversation_file, file_title
from .fellesmote import joint_meeting

DOMAIN = "omsorgspakke-docs"


def _known(*values: str) -> list[str]:
    return [v for v in values if v and not MISSING_RE.search(v)]


class Kalender:
    name = "kalender"
    title = "Kalenderfiler (.ics) for Outlook"
    templates: tuple[str, ...] = ()

    def documents(self, ctx):
        base = ctx.base
        reference = base["sak"]["journalnummer"]
        if MISSING_RE.search(reference):
            reference = ctx.pseudonym or "uten journalnummer"
        service = base["tjeneste"]
        location = ", ".join(_known(service["navn"], service["adresse"], service["postadresse"]))
        uid_base = ctx.pseudonym or "sak"
        stamp = datetime.combine(ctx.today, time(0), tzinfo=UTC)
        entries: list[tuple[PurePosixPath, Entry]] = []
        for part in ctx.programme.parter:
            for conv in ctx.plan.for_part(part.id):
                if conv.status != "planlagt" or conv.dato < ctx.today:
                    continue
                s = ctx.samtale_context(conv)
                tema = part.tema(conv.tema)
                entries.append((
                    PurePosixPath("Kalender", part.navn, file_title(conversation_file(s)) + ".ics"),
                    Entry(
                        uid=f"{uid_base}-{part.id}-t{conv.tema}-k{conv.nummer}@{DOMAIN}",
                        start=datetime.combine(conv.dato, conv.start),
                        end=datetime.combine(conv.dato, conv.slutt),
                        summary=f"{base['program']['navn']}: {part.navn} – {s['overskrift']} "
                                f"({reference})",
                        description=f"Samtale med {part.navn.lower()} i {part.spor}. "
                                    f"Vår referanse: {reference}.\n\n{tema.formal}",
                        location=location or None,
                    ),
                ))
        meeting = joint_meeting(ctx)
        if meeting is not None and meeting.dato >= ctx.today:
            entries.append((
                PurePosixPath("Kalender", "Felles møte.ics"),
                Entry(
                    uid=f"{uid_base}-fellesmote@{DOMAIN}",
                    start=datetime.combine(meeting.dato, meeting.start),
                    end=datetime.combine(meeting.dato, meeting.slutt),
                    summary=f"{base['program']['navn']}: Felles møte foreldre og fosterforeldre "
                            f"({reference})",
                    description="Felles møte for foreldrene, fosterforeldrene og "
                                f"barnevernstjenesten. Vår referanse: {reference}.",
                    location=location or None,
                ),
            ))
        for path, entry in entries:
            yield Document(path, "", {}, data=calendar_bytes([entry], stamp))
        if entries:
            yield Document(PurePosixPath("Kalender", "Alle samtaler.ics"), "", {},
                           data=calendar_bytes([e for _, e in entries], stamp))


@hookimpl
def register_document_kinds(register):
    register(Kalender())
