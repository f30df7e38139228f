"""Archive packages: every document that has become final, ready for the Fiks Arkiv import.

After each batch, when `[archive] enabled = true`, every qualifying case's documents are
looked at. A document is final when

- a letter (information letter, renewed offer, invitation, joint meeting) is in the case
  folder: letters are made when they are due to be sent. Not one that shows «[mangler: …]»
  (Til utsending says not to send it as it is; the export that fills the gap makes it
  again, or the contact person writes it in), and not one that may have been sent by hand
  before the service began (Document.maybe_sent, «Kan være sendt før»): that one only once
  staff marked it as sent in Til utsending (documents/sent_marks.py), so the journal never
  gets a letter nobody sent. One filed after staff marked it as sent with a date has that
  date as `sendtDato`; one filed the day it is made has none (the archive's dispatch
  dates it);
- minutes (referat) have come back through the inbox;
- the joint meeting's minutes, which are not read back, have been written in (their words
  are no longer those we made them with; a file only saved again is not) and their meeting
  is over;
- the final evaluation (sluttevaluering) has been written in and its programme's year has
  ended: one as we made it is a form, not an evaluation. Filed for three months after the
  last day, or, when its final documents were made only after those months (no run in
  them), for three months from the day they were made, as the evaluation made then says
  (_promised);
- the follow-up plan says something new since it was last filed (its first version
  included): other dates, a cancellation, a conversation held, anything someone wrote in
  it; not when it was only made again because a planned day passed («Over fristen») and
  so shows a new date of its own (_reads).

Each final version becomes one folder `til-arkiv/<journalnummer>-<document id>-v<n>/` with
`arkivmelding.xml` (arkivmelding.py), the document as PDF/A-2b (`dokument.pdf`, archive
format) and as Word (`dokument.docx`, production format). The folder appears whole or not at
all: it is made under a dot name and renamed. What was packaged is remembered in the state
(`arkiv/pakker.json`), so a package the archive has taken (its folder removed) is not made
again; a document that changes afterwards (an edited letter, a plan with new dates) gets a
package of its next version that says which one it replaces.

A document someone edited is filed only when it has been left alone for
`[archive] settle_minutes` and Word does not hold it open (no "~$" owner file beside it), so
a document still being written in is never filed. The document id is a hash of the case and
the document's place in the case folder: folder names carry no names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..documents import caseload, conversation_file, file_title, sent_marks
from ..domain import qualify
from ..errors import UsageError
from ..hookspecs import hookimpl
from ..planning import schedule
from ..planning.workdays import add_months
from ..rendering import context, pdf
from ..rendering.renderer import Document
from ..rendering.shown_text import body_words_of, shown_text_of
from ..store import issued
from ..store.commit import _fsync_dir as fsync_dir
from ..store.commit import ensure_dir, open_in_office, sha256_file, write_atomic, write_text_atomic
from ..store.safenames import claim_case_folder, journal_folder_name
from ..text import MISSING_RE, Tekst, tekst
from . import arkivmelding
from .arkivmelding import Entry, File, Party

if TYPE_CHECKING:
    from ..config import Settings
    from ..run.workspace import Workspace

log = logging.getLogger("omsorgspakke")

RECORD = Path("arkiv") / "pakker.json"
"""In the state folder: per document id, the versions packaged (sha256 of the Word file)."""
FORMS = Path("arkiv") / "skjema.json"
"""In the state folder: per document id of a form (Rule.written_in), the file as we last
made it: its sha256 and a digest of its body's words (Forms)."""
WORK = Path("arkiv") / "arbeid"
"""In the state folder: Word copies waiting for their PDF, owner-only like all state."""


@dataclass(frozen=True)
class Rule:
    journalposttype: str
    """U: a letter sent; N: an internal note."""
    final_when: str
    """in_folder, minutes_returned, meeting_over (the day after doc.meeting),
    programme_ended, changed."""
    written_in: bool = False
    """Filed only once someone has written in it (its words are not those we made it
    with: Forms): a form to fill in, which as made says nothing."""


RULES: dict[str, Rule] = {
    "oppfolgingsplan": Rule("N", "changed"),
    "informasjonsbrev": Rule("U", "in_folder"),
    "nytt_tilbud": Rule("U", "in_folder"),
    "innkalling": Rule("U", "in_folder"),
    "fellesmote": Rule("U", "in_folder"),
    "referat": Rule("N", "minutes_returned"),
    "fellesmote_referat": Rule("N", "meeting_over", written_in=True),
    "sluttevaluering": Rule("N", "programme_ended", written_in=True),
}
"""Built-in document kinds that are filed. A plugin's kind sets `archive = Rule(...)`."""


@dataclass
class Candidate:
    doc_id: str
    case: Any
    ctx: context.CaseContext
    doc: Document
    source: Path
    rule: Rule
    sha256: str
    version: int
    replaces: str
    dated: date | None = None
    """The day the letter was issued (the date it shows), None for what is not a letter."""
    sent: date | None = None
    """The day staff marked the letter as sent in Til utsending, when they wrote a date."""
    reads: str | None = None
    """A document filed when it changes: what it says apart from the day (_reads)."""


@dataclass
class Result:
    made: list[Path]
    waiting: int = 0

    def message(self, t: Tekst | None = None) -> str:
        """A line for the summary in t's standard (the service's messages; bokmål when None)."""
        t = t or tekst()
        if not self.made and not self.waiting:
            return ""
        line = t("arkivpakke.laget", pakker=t.count(len(self.made), "arkivpakke"))
        if self.waiting:
            line += " " + t("arkivpakke.venter", antall=self.waiting)
        return line


def rule_for(kind) -> Rule | None:
    return getattr(kind, "archive", None) or RULES.get(getattr(kind, "name", ""))


def make_packages(ws: Workspace, today: date, cases: Iterable | None = None) -> Result:
    """Package every document that has become final since it was last packaged."""
    settings = ws.settings
    archive = settings.archive
    target = ensure_dir(archive.folder)
    record = _load(ws.state.folder / RECORD)
    forms = Forms(ws.state.folder / FORMS)
    marks = sent_marks.kept(ws.state.folder)
    candidates: list[Candidate] = []
    alike: list[str] = []
    for case in cases if cases is not None else ws.state.all_cases():
        try:
            candidates += _final_documents(ws, today, case, record, forms, marks, alike)
        except Exception as exc:  # noqa: BLE001 - one odd case must not stop the others
            log.warning("arkivpakker: en sak ble hoppet over (%s)", type(exc).__name__,
                        extra={"event": "archive_case_failed"})
    forms.save()
    if alike:
        write_text_atomic(ws.state.folder / RECORD, json.dumps(record, indent=1, sort_keys=True))
    result = Result(made=[])
    if not candidates:
        return result
    work = ws.state.folder / WORK
    shutil.rmtree(work, ignore_errors=True)
    staged = []
    for c in candidates:
        folder = ensure_dir(work / c.doc_id)
        shutil.copyfile(c.source, folder / "dokument.docx")
        staged.append(folder / "dokument.docx")
    converted = pdf.convert(staged, archive.soffice or None)
    for c, docx in zip(candidates, staged, strict=True):
        pdf_file = docx.with_suffix(".pdf")
        if pdf_file not in converted.written:
            result.waiting += 1
            continue
        made = _write_package(target, c, docx, pdf_file, settings, today)
        filed = {"version": c.version, "sha256": c.sha256, "package": made.name,
                 "date": today.isoformat()}
        if c.reads is not None:
            filed["reads"] = c.reads
        record.setdefault(c.doc_id, []).append(filed)
        write_text_atomic(ws.state.folder / RECORD,
                          json.dumps(record, indent=1, sort_keys=True))
        result.made.append(made)
    shutil.rmtree(work, ignore_errors=True)
    log.info("arkivpakker: %d laget", len(result.made),
             extra={"event": "archive_packages", "made": len(result.made),
                    "waiting": result.waiting})
    return result


def _final_documents(ws: Workspace, today: date, case, record: dict, forms: Forms,
                     marks: dict[str, dict] | None = None,
                     alike: list[str] | None = None) -> list[Candidate]:
    """marks: the marks as sent kept in the state (sent_marks.kept); none when not given.
    alike: gets the ids of documents that changed but read as their last version (_reads);
    record has their files' hash under "alike"."""
    alike = [] if alike is None else alike
    settings = ws.settings
    if case.key is None:
        return []
    months, programme_months = settings.qualify_months, settings.schedule.programme_months
    late = False
    if qualify.skip_reason(case, today, months) and not qualify.closed_recently(
            case, today, months, programme_months):
        # What is written in a case ended or closed recently is still filed; so is what its
        # final documents, made only months after its last day (no run in between), are.
        if not caseload.followed_up_after_end(ws, case, today):
            return []
        late = True
    pseudonym = ws.state.pseudonym(case.key)
    promised = _promised(ws, case, pseudonym) if late else None
    plan = schedule.as_stored(case, ws.programme, settings, ws.state, today)
    ctx = caseload.as_listed(context.build(case, plan, ws.programme, today, settings.service,
                                           settings=settings, pseudonym=pseudonym),
                             ws, pseudonym, today)  # a letter perhaps sent before is as listed
    folder = claim_case_folder(settings.paths.outbox, case.journalnummer, pseudonym)
    where = folder.relative_to(settings.paths.outbox).as_posix() \
        if settings.paths.outbox in folder.parents else folder.name
    letters = issued.issues(ws.state.folder, pseudonym)
    found = []
    for kind in ws.kinds:
        rule = rule_for(kind)
        if rule is None:
            continue
        for doc in kind.documents(ctx):
            source = folder.joinpath(*doc.path.parts)
            if source.suffix != ".docx" or not source.is_file():
                continue
            final = _is_final(rule, doc, case, plan, today,
                              qualify.last_day(case, programme_months))
            if not final and not rule.written_in:
                continue
            sha = sha256_file(source)
            if sha is None:  # gone since it was listed
                continue
            ours = _ours(ws, source, sha)
            doc_id = _doc_id(case.key, doc)
            if rule.written_in and ours:
                forms.made(doc_id, source, sha)  # read while it is ours, final or not
                continue  # nobody has written in it
            if not final or not _left_alone(source, ours, settings.archive.settle_minutes):
                continue
            if rule.written_in and not forms.written_in(doc_id, source):
                continue  # saved again as it was
            if promised is not None and not ours and not promised(doc, source):
                # Saved by someone after the three months, in a document made before them
                # (a form, a plan, a letter alike): journaled by hand, not filed twice.
                continue
            versions = record.get(doc_id, [])
            if versions and sha in (versions[-1]["sha256"], versions[-1].get("alike")):
                continue
            if versions and rule.final_when != "changed" and not _edited_again(versions, sha):
                continue
            reads = _reads(source, doc, ctx.t) if rule.final_when == "changed" else None
            if reads is not None and versions and versions[-1].get("reads") == reads:
                versions[-1]["alike"] = sha  # made again for the day only: read it once
                alike.append(doc_id)
                continue
            dated = sent = None
            if rule.journalposttype == "U":
                issue = letters.get(str(doc.path))
                mark = sent_marks.mark_of(marks or {}, f"{where}/{doc.path.as_posix()}", issue)
                if (doc.maybe_sent and mark is None) or _shows_missing(source):
                    continue  # not sent as it is, or perhaps sent before: not to journal
                dated = date.fromisoformat(issue.split("/", 1)[0]) if issue else None
                sent = mark if isinstance(mark, date) else None
            replaces = _key(doc_id, versions[-1]["version"]) if versions else ""
            found.append(Candidate(doc_id, case, ctx, doc, source, rule, sha,
                                   len(versions) + 1, replaces, dated, sent, reads))
    return found


def _promised(ws: Workspace, case, pseudonym: str):
    """For a case filed after its three months only because its final documents were made
    later (caseload.followed_up_after_end): whether a document someone saved (a final
    evaluation written in, a plan or letter changed in Word) is filed by itself. It is when
    we made it after those months (an evaluation names the day until which it is filed:
    sluttevaluering.filed_until), or when it was saved within them, as every document then
    was; not one saved after them in a document made before, which is journaled by hand
    (filed here too, it would be there twice). Our own, unchanged, are not asked."""
    end = qualify.last_day(case, ws.settings.schedule.programme_months)
    window = add_months(end, qualify.AFTER_END_MONTHS) if end is not None else None
    kept = issued.kept_dates(ws.state.folder, pseudonym)

    def promised(doc: Document, source: Path) -> bool:
        if window is None:
            return False
        made = kept.get(str(doc.path))
        saved = date.fromtimestamp(source.stat().st_mtime)
        # Made after them and saved since: an edit of that version (a version made later
        # was written beside an edit of an older one, which is what the folder holds).
        if made is not None and made[0] > window and saved >= made[0]:
            return True
        return saved <= window

    return promised


def _shows_missing(source: Path) -> bool:
    """Whether the letter shows a gap («[mangler: …]», «[manglar: …]»), as made or as
    someone left it: not a letter anyone sends as it is. One that cannot be read is not
    judged here (its PDF copy says whether it is a document)."""
    text = shown_text_of(source)
    return text is not None and MISSING_RE.search(text) is not None


class Forms:
    """The words each form (Rule.written_in) had as we last made it, kept in the state.

    A form nobody wrote in, opened and saved again (Word's AutoSave, LibreOffice), has other
    bytes than we wrote but the same words: it is not written in, and not filed as if it
    were. The words are read whenever the archive finds the form as we made it, after each
    batch, so they are those of the version in the case folder. A form made before they
    were kept is judged by its bytes, as before."""

    def __init__(self, path: Path):
        self.path = path
        self.known: dict[str, dict[str, str]] = _load(path)  # type: ignore[assignment]
        self.changed = False

    def made(self, doc_id: str, source: Path, sha: str) -> None:
        """The form at source is as we made it (its bytes hash to sha)."""
        if self.known.get(doc_id, {}).get("sha256") == sha:
            return
        words = _words_digest(source)
        if words is not None:
            self.known[doc_id] = {"sha256": sha, "words": words}
            self.changed = True

    def written_in(self, doc_id: str, source: Path) -> bool:
        """Whether the form at source, which is not as we made it, says something else."""
        made = self.known.get(doc_id)
        return made is None or _words_digest(source) != made["words"]

    def save(self) -> None:
        if self.changed:
            ensure_dir(self.path.parent)
            write_text_atomic(self.path, json.dumps(self.known, indent=1, sort_keys=True))
            self.changed = False


def _words_digest(source: Path) -> str | None:
    words = body_words_of(source)
    return None if words is None else hashlib.sha256(words.encode("utf-8")).hexdigest()


def _reads(source: Path, doc: Document, t: Tekst) -> str | None:
    """A digest of what a document filed on each change (the plan) says apart from the day
    it was made: its date (the first it shows, «Vår dato») left out and «Over fristen» read
    as «Planlagt». The plan is made again when a planned day passes; that is no new version
    for the archive, while new dates, a cancellation, a conversation held or anything
    someone wrote in it is; so is its note that the dates after a party's last conversation
    all passed unheld (said once, the day it first holds). None when it cannot be read
    (then its bytes decide)."""
    words = body_words_of(source)
    if words is None:
        return None
    made_on = doc.context.get("dato")
    if isinstance(made_on, str) and made_on:
        words = words.replace(made_on, "", 1)
    words = words.replace(t("status.forfalt"), t("status.planlagt"))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _edited_again(versions: list[dict], sha: str) -> bool:
    """A filed document whose file changed since: a newer version to file."""
    return all(v["sha256"] != sha for v in versions)


def _is_final(rule: Rule, doc: Document, case, plan, today: date,
              ended: date | None = None) -> bool:
    """ended: the programme's last day, or the day the case was closed when that came
    first (qualify.last_day); plan.slutt when not given."""
    if rule.final_when in ("in_folder", "changed"):
        return True
    if rule.final_when == "programme_ended":
        return today > (ended or plan.slutt)
    if rule.final_when == "meeting_over":  # written on the day, filed from the day after
        return doc.meeting is not None and today > doc.meeting
    if rule.final_when == "minutes_returned":
        marker = doc.properties.get("omsorgspakke-referat")
        if not marker:
            return False
        which = json.loads(marker)
        return any(s.referat_mottatt and s.part == which.get("part")
                   and s.tema == which.get("tema") and s.nummer == which.get("nummer", 1)
                   for s in case.samtaler)
    return False


def _ours(ws: Workspace, source: Path, sha: str) -> bool:
    """Whether the file is as we wrote it (the ledger has its hash)."""
    root = ws.settings.paths.outbox
    try:
        key = source.relative_to(root).as_posix()
    except ValueError:
        key = source.as_posix()
    return ws.ledger.ours(key, sha) is not None


def _left_alone(source: Path, ours: bool, settle_minutes: float) -> bool:
    """Not while Word or LibreOffice holds it open (commit.open_in_office). Ours as we wrote it:
    final now. Edited by someone: only when nobody has touched it for settle_minutes."""
    if open_in_office(source):
        return False
    return ours or time.time() - source.stat().st_mtime >= settle_minutes * 60


def _doc_id(case_key: str, doc: Document) -> str:
    return hashlib.sha256(f"{case_key}\0{doc.path.as_posix()}".encode()).hexdigest()[:12]


def _key(doc_id: str, version: int) -> str:
    return f"{doc_id}-v{version}"


def _write_package(target: Path, c: Candidate, docx: Path, pdf_file: Path, settings,
                   today: date) -> Path:
    case = c.case
    folder_name = journal_folder_name(case.journalnummer) or c.ctx.pseudonym or "sak"
    name = f"{folder_name}-{_key(c.doc_id, c.version)}"
    final = target / name
    if final.exists():
        return final  # made before a crash cut the record short
    tmp = target / f".{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    ensure_dir(tmp)
    files = []
    for path, variant in ((pdf_file, "A"), (docx, "P")):
        data = path.read_bytes()
        write_atomic(tmp / path.name, data)
        files.append(File(tmp / path.name, path.name, c.source.with_suffix(path.suffix).name,
                          variant, hashlib.sha256(data).hexdigest(), len(data)))
    entry = _entry(c, tuple(files), settings, today)
    write_atomic(tmp / "arkivmelding.xml", arkivmelding.build(entry))
    tmp.rename(final)
    fsync_dir(target)
    return final


def _as_said(ctx: context.CaseContext, doc: Document) -> PurePosixPath:
    """The document's place in the case folder as its entry's title names it: a
    conversation's document kept under a title its theme no longer has for the case
    (CaseContext.file_title: «Tema 4 - Hvorfor måtte barnet flytte - mor», issued before the
    placement was registered as voluntary, or by a release that named files so) is titled
    by its theme as the document says it («Tema 4 - Hvorfor flyttet barnet - mor»). The
    file keeps its name so that its dates and marks stay with it; the journal, and the
    public journal's offentligTittel, need not say «måtte» of a voluntary placement."""
    path = PurePosixPath(doc.path).with_suffix("")
    samtale = doc.context.get("samtale")
    if not isinstance(samtale, dict):
        return path
    for conv in ctx.plan.for_part(samtale.get("part", "")):
        if (conv.tema, conv.nummer) != (samtale.get("tema"), samtale.get("nummer")):
            continue
        said, kept = ctx.file_titles(conv)[0], ctx.file_title(conv)
        if kept == said:
            continue
        own = ctx.samtale_context(conv)
        old = file_title(conversation_file(own, ctx.t, kept))
        if path.name.startswith(old):
            return path.with_name(file_title(conversation_file(own, ctx.t, said))
                                  + path.name[len(old):])
    return path


def _entry(c: Candidate, files: tuple[File, ...], settings, today: date) -> Entry:
    case, ctx, doc = c.case, c.ctx, c.doc
    archive = settings.archive
    child = case.barn.navn
    people = [child, *(f.navn for f in case.foreldre),
              *(p.navn for p in case.fosterfamilie.fosterforeldre)]
    recipient = doc.context.get("mottaker") if c.rule.journalposttype == "U" else None
    names = [n for n in people if n]
    title = " – ".join(_as_said(ctx, doc).parts)
    if child:
        title += f" – {child}"
    parties: tuple[Party, ...] = ()
    if isinstance(recipient, dict) and _known(recipient.get("navn")):
        names.append(recipient["navn"])
        title += ctx.t("arkiv.til", navn=recipient["navn"])
        number, _, place = str(recipient.get("postadresse", "")).partition(" ")
        parties = (Party(
            navn=recipient["navn"],
            adresse=_plain(recipient.get("adresse")),
            postnummer=number if re.fullmatch(r"\d{4}", number) else "",
            poststed=place if re.fullmatch(r"\d{4}", number) else "",
        ),)
    match = re.fullmatch(r"(\d{4})[-/](\d+)", case.journalnummer or "")
    tjeneste = ctx.base.get("tjeneste", {}).get("navn", "")
    merknader = (ctx.t("arkiv.erstatter", versjon=c.replaces),) if c.replaces else ()
    return Entry(
        journalposttype=c.rule.journalposttype,
        tittel=title,
        names=tuple(names),
        dokumentdato=c.dated or today,
        sendt=c.sent,
        saksaar=int(match.group(1)) if match else None,
        sakssekvensnummer=int(match.group(2)) if match else None,
        journalnummer=case.journalnummer or "",
        ekstern_noekkel=_key(c.doc_id, c.version),
        files=files,
        saksbehandler=_plain(case.kontaktperson.navn),
        saksbehandler_epost=case.kontaktperson.epost or "",
        tjeneste=tjeneste if _known(tjeneste) else "",
        mottakere=parties,
        skjermingshjemmel=archive.skjermingshjemmel,
        tilgangskode=archive.tilgangskode,
        fagsystem=archive.fagsystem,
        klassering=tuple((k.split(":", 1)[0], k.split(":", 1)[1]) for k in archive.klassering),
        erstatter=c.replaces,
        merknader=merknader,
    )


def _known(value) -> bool:
    return isinstance(value, str) and bool(value) and not MISSING_RE.match(value)


def _plain(value) -> str:
    return value if _known(value) else ""


def _load(path: Path) -> dict[str, list[dict]]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def require_soffice(settings: Settings) -> None:
    """When `[archive] enabled = true`, LibreOffice is looked for when a run's workspace is
    opened, before any file is taken: without it no package could hold its PDF/A copy, so the
    run stops with a message for IT."""
    if not settings.archive.enabled:
        return
    soffice = settings.archive.soffice or pdf.find_soffice()
    if soffice is None:
        t = tekst(settings.messages_malform)
        raise UsageError(t("arkivpakke.uten_libreoffice", grunn=t("pdf.ikke_installert")))
    settings.archive.soffice = soffice


@hookimpl(trylast=True)
def after_batch(today: date, workspace: Workspace) -> str | None:
    """The step after each batch (run and watch) when `[archive] enabled = true`: after the
    other steps, so the marks as sent that Til utsending took in this batch are seen."""
    if not workspace.settings.archive.enabled:
        return None
    said = tekst(workspace.settings.messages_malform)
    return make_packages(workspace, today).message(said) or None
