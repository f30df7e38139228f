"""The team leader's caseload workbook: every case in the state, in one workbook.

outbox/Saksoversikt.xlsx is made from the template saksoversikt.xlsx after each batch that
changed a case (the after_batch hook), and on the first run of a new day (dates move on even
when no export arrives). A case leaves it qualify.AFTER_END_MONTHS after its programme's
end; a line beside «Saker i alt» counts those left out (_ended_long_ago), naming a few. Its
first sheet, Avvik, lists what the team leader must act on (domain/compliance.py: visits,
plans, the programme, the child's participation, missing basics), and Statistikk counts them
per finding and per contact person. Then come conversations and visits due this month, what
is overdue, cases not started some weeks after the placement, and cases whose programme ends
soon. The counts of findings are also kept in the state folder (FINDINGS) for `omsorgspakke
status --json`. It names cases by journal number (or the case's pseudonym) and the contact
person; it never carries an identity number or the child's name. It is written like every
document (commit.py): a workbook the team leader has changed is kept, and the new one goes
beside it as "Saksoversikt (ny versjon).xlsx". """

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..domain import compliance, foster_home, qualify
from ..domain.merge import MERGE_ONLY
from ..errors import StateDamaged
from ..hookspecs import hookimpl
from ..planning import schedule
from ..planning.workdays import add_months
from ..rendering import context
from ..rendering.renderer import Document, TemplateError
from ..rendering.watched_day import WatchedDay
from ..store import incremental, issued
from ..store.commit import DocumentWriter, open_in_office, sha256_file, versions, write_text_atomic
from ..store.issued import in_use_from, kept_dates
from ..store.rows import KeptRows, Rows, key_of
from ..store.safenames import journal_folder_name
from ..store.state import CaseHead
from ..text import MISSING_RE, Tekst, tekst
from ..text import _pattern as text_pattern
from . import fellesmote
from .sluttevaluering import one_each

if TYPE_CHECKING:
    from ..config import Documents
    from ..run.summary import Summary
    from ..run.workspace import Workspace

log = logging.getLogger("omsorgspakke")

FILE_NAME = "Saksoversikt.xlsx"
TEMPLATE = "saksoversikt.xlsx"
MARKER = "saksoversikt.laget"
"""In the state folder: what the workbook was last made from (made_from)."""
SHEETS = ("saker", "denne_maneden", "forfalt", "ikke_startet", "avsluttes_snart", "avvik")
"""The row lists of the workbook's sheets."""
FINDINGS = "avvik.json"
"""In the state folder: the counts of findings when the workbook was last made (status)."""


@hookimpl
def after_batch(summary: Summary, today: date, workspace: Workspace) -> str | None:
    """Rewrite the workbook when a case or the day changed; a message for staff, or None."""
    return update(workspace, today)


def update(ws: Workspace, today: date) -> str | None:
    return outbox_workbook(ws, today, FILE_NAME, TEMPLATE, MARKER,
                           lambda: _values_and_counts(ws, today), "saksoversikten")


def _values_and_counts(ws: Workspace, today: date) -> dict[str, Any]:
    """The workbook's values; the findings' counts go to the state for `status` on the way."""
    values = workbook_context(ws, today)
    counted = {"dato": today.isoformat(), **values["antall"]}
    write_text_atomic(ws.state.folder / FINDINGS,
                      json.dumps(counted, ensure_ascii=False, indent=1) + "\n")
    return values


def outbox_workbook(ws: Workspace, today: date, file_name: str, template: str, marker_name: str,
                    values: Callable[[], dict[str, Any]], what: str,
                    written: Callable[[Path, bytes], None] | None = None) -> str | None:
    """A workbook at the outbox root (Saksoversikt, Til utsending), made again when a case or
    the day changed since it was last made (made_from). It is written like every document: a
    copy someone changed is kept and the new one goes beside it. A message for staff, or None.
    written(path, data): told where the workbook is and what it holds, once it is there.
    """
    target = ws.settings.paths.outbox / file_name
    marker = ws.state.folder / marker_name
    stamp = made_from(ws, today)
    if target.exists() and marker.exists() and marker.read_text().strip() == stamp:
        return None
    t = tekst(ws.settings.malform)
    what = t(f"melding.{what}")
    named = what[0].upper() + what[1:]
    try:
        rendered = ws.renderer.render(Document(PurePosixPath(file_name), template, values(),
                                               malform=ws.settings.malform))
    except TemplateError as exc:
        # The run itself went well; only this workbook is missing. No case data in the message.
        log.warning("%s ble ikke laget: %s", what, exc)
        return t("melding.ikke_laget", hva=named, feil=exc)
    writer = DocumentWriter(ws.ledger, target.parent)
    placed = writer.place(target, hashlib.sha256(rendered.data).hexdigest())
    if not placed.unchanged:
        writer.write(placed, rendered.data, [])
        writer.flush()
    _remove_older(ws, target, placed.path)
    if written is not None:
        written(placed.path, rendered.data)
    write_text_atomic(marker, stamp)
    if placed.beside:
        return t("melding.endret", hva=what, fil=placed.path.name)
    return None


def _remove_older(ws: Workspace, target: Path, current: Path) -> None:
    """The versions of the workbook after the one just written ("(ny versjon 2)" beside a
    new "(ny versjon)") that are as we wrote them, or as staff left them with nothing but
    marks as sent (those are taken in first: sent_marks.py): they show an earlier day, and
    are removed, so nobody works from one. Versions staff wrote in are kept."""
    root = target.parent
    after = False
    gone = []
    for path in versions(target):
        if path == current:
            after = True
            continue
        if not after or not path.is_file() or open_in_office(path):
            continue
        key = path.relative_to(root).as_posix()
        try:
            if ws.ledger.ours(key, sha256_file(path)) is not None:
                path.unlink(missing_ok=True)
                gone.append(key)
        except OSError:  # open in Excel on Windows, or not ours to read: left as it is
            continue
    if gone:
        ws.ledger.forget(gone)


def _made_from(ws: Workspace) -> dict[str, Any]:
    """What every row of an outbox workbook is made from, besides its case and the day."""
    settings = ws.settings
    return {
        "settings": dataclasses.asdict(settings),
        "programme": ws.programme.model_dump(mode="json"),
        "code": incremental.code_version(settings.paths.plugins),
        "templates": incremental.folder_version(Path(settings.paths.templates)),
    }


def made_from(ws: Workspace, today: date) -> str:
    """A fingerprint of what the workbook is made from: the cases and plans in the state (no
    case read: State.cases_version, and the plans as the file system knows them), today, the
    settings, programme, templates and code.

    A run that changed no case leaves it as it is, however many exports it read; so does a
    re-export that brings only a newer export date (merge.MERGE_ONLY).
    """
    state = ws.state
    return incremental.digest({
        "today": today, **_made_from(ws),
        "cases": state.cases_version(),
        "plans": incremental.folder_version(state.plans_dir),
    })


@dataclass(frozen=True)
class CaseRows:
    """How an outbox workbook makes one stored case's rows (each_stored_case, keep_rows)."""

    what: str
    """The workbook, as a line of the log names it ("saksoversikten")."""
    kept: str
    """Its folder of kept rows in the state (store/rows.py)."""
    rows_of: Callable[[Any, str, context.CaseContext], Any]
    """(case, pseudonym, context) -> the case's rows."""
    malform: str | None = None
    """The workbook's written standard, else each case's own."""
    after_end: bool = False
    """Also the cases whose programme ended recently: its year over, or the case or its
    placement closed in the journal (qualify.closed_recently)."""


def each_stored_case(ws: Workspace, today: date, spec: CaseRows) -> list[tuple[Any, Any]]:
    """spec.rows_of(case, pseudonym, context) for every stored case still in its programme,
    with the state's dates as they stand: a missed conversation shows as overdue until the
    case's next export moves it (and makes its new letters), as the day's refresh leaves it.
    Rows are kept in the state (store/rows.py, under spec.kept) and made again only for a
    case that changed or whose questions the day answers otherwise (most of those were made
    already where the case's documents were: keep_rows); rows_of must ask the day, never
    use it as a value, and must hold no personal data (the state keeps it in clear only in
    cases/): a name is put in from the case, which comes with its rows. Which cases there
    are and whether they are in the programme is read from each case file's head
    (State.case_heads); the whole case only where its rows are made. A case that cannot
    be built is logged by pseudonym and left out: one odd case must not hide all the
    others. The context knows the day each document was first made (ctx.made), kept with
    the rows' key. Returns (case head, rows) for each case shown."""
    settings, state = ws.settings, ws.state
    common = _common(ws, spec.malform, today)
    kept = KeptRows(state.folder, spec.kept, common)
    contexts = state.shared.setdefault("contexts", {})  # both workbooks of the batch
    out = []
    for head in state.case_heads():
        if head.key is None or qualify.skip_reason(head, today, settings.qualify_months) and not (
                spec.after_end and followed_up_after_end(ws, head, today)):
            continue
        pseudonym = state.pseudonym(head.key)
        try:
            files = _files_of(ws, head.version, head.key, pseudonym)
            found = kept.get(pseudonym, files, today)
            if found is None:
                case = _whole_case(ws, head, pseudonym, contexts)
                found, day = _made_rows(ws, case, pseudonym, today, spec, contexts)
                kept.put(pseudonym, files, day, found)
            out.append((head, found))
        except Exception as exc:  # noqa: BLE001 - one odd case must not hide all the others
            log.warning("%s: kom ikke med i %s (%s)", pseudonym, spec.what, type(exc).__name__)
    kept.save()
    return out


def followed_up_after_end(ws: Workspace, case, today: date) -> bool:
    """Whether a case out of scope (its year over, or closed in the journal) is still shown:
    at most qualify.AFTER_END_MONTHS after its last day, or, when its final documents were
    issued only after those months, after that day (qualify.closed_recently). A case whose
    last day passed with no run for months gets its final documents on the first run after
    it (run/refresh.py), and the team leader sees it in the workbook from then on, not only
    in «Ikke med her». case: the case or its head."""
    settings = ws.settings
    months, programme_months = settings.qualify_months, settings.schedule.programme_months
    if qualify.closed_recently(case, today, months, programme_months):
        return True
    end = qualify.last_day(case, programme_months)
    if end is None or case.key is None or add_months(end, qualify.AFTER_END_MONTHS) >= today:
        return False
    return qualify.closed_recently(case, today, months, programme_months,
                                   remade=_last_made(ws, case))


def _whole_case(ws: Workspace, head: CaseHead, pseudonym: str, contexts: dict[tuple, Any]):
    """The case whose head this is, read once for both workbooks; StateDamaged when its
    file cannot be read, or is now another case (changed since its head was read)."""
    found = contexts.get(("case", head.file, str(head.version)))
    if found is None:
        found = ws.state.load_pseudonym(head.file.removesuffix(".json"))
        if found is None or found.key != head.key:
            raise StateDamaged(f"cases/{head.file}")
        contexts[("case", head.file, str(head.version))] = found
    return found


def keep_rows(ws: Workspace, case, today: date, spec: CaseRows,
              contexts: dict[tuple, Any]) -> None:
    """Make and keep one case's rows where its documents were just made (the after_case
    hook, in a worker or the reading process): the workbooks then take them as they are,
    and the work is spread over the cores instead of done after them. contexts: shared by
    the workbooks for this case."""
    state = ws.state
    pseudonym = state.pseudonym(case.key)
    files = _files_of(ws, state.case_version(case.key), case.key, pseudonym)
    rows = Rows(state.folder, spec.kept)
    key = key_of(_common(ws, spec.malform, today), files)
    if rows.get(pseudonym, key, today) is None:
        made, day = _made_rows(ws, case, pseudonym, today, spec, contexts)
        rows.put(pseudonym, key, day, made)


def _made_rows(ws: Workspace, case, pseudonym: str, today: date, spec: CaseRows,
               contexts: dict[tuple, Any]) -> tuple[Any, WatchedDay]:
    """The case's rows made now, and the day they asked their questions of."""
    made, content = _made_of(ws, case, pseudonym, contexts)
    ctx, day = _context(ws, case, pseudonym, today, spec.malform, made, content, contexts)
    return spec.rows_of(case, pseudonym, ctx), day


def _files_of(ws: Workspace, case_version: list[int] | None, key: str,
              pseudonym: str) -> list[list[int] | None]:
    """The files a case's rows are made from, as the file system knows them: its case file,
    plan file and issue dates (each written as a new file: store/commit.write_atomic). So a
    kept row is found without reading the plan or digesting the case."""
    state = ws.state
    return [case_version, state.plan_version(key), issued.version(state.folder, pseudonym)]


def _made_of(ws: Workspace, case, pseudonym: str,
             contexts: dict[tuple, Any]) -> tuple[dict[str, tuple[date, date]], str]:
    """What the case's rows are made from (the case less merge.MERGE_ONLY, its plan file
    and each of its documents' date and the day it was first made: a late letter is listed
    from then), and its digest: worked out once for both workbooks (contexts, as in
    _context)."""
    found = contexts.get(("made", pseudonym))
    if found is None:
        plan_file = ws.state.plan_path(case.key)
        made = kept_dates(ws.state.folder, pseudonym)
        content = incremental.digest({
            "case": case.model_dump(mode="json", exclude=MERGE_ONLY),
            "plan": plan_file.read_text(encoding="utf-8") if plan_file.exists() else None,
            "made": {k: [d.isoformat() for d in v] for k, v in made.items()},
        })
        found = contexts[("made", pseudonym)] = (made, content)
    return found


def _common(ws: Workspace, malform: str | None, today: date) -> str:
    """What every row of a workbook is made from besides its case and the day, worked out
    once a batch (State.shared; in a worker, once for the file it works on)."""
    found = ws.state.shared.setdefault("common", {})
    if malform not in found:
        found[malform] = incremental.digest({
            "made_from": _made_from(ws), "malform": malform,
            "in_use_from": _in_use_from(ws, today).isoformat()})
    return found[malform]


def _in_use_from(ws: Workspace, today: date) -> date:
    """The day the service first made documents (store/issued.py): Til utsending marks the
    late letters made that day (documents/sending.py). Once a batch, as _common."""
    shared = ws.state.shared
    if "in_use_from" not in shared:
        shared["in_use_from"] = in_use_from(ws.state.folder, today)
    return shared["in_use_from"]


def as_listed(ctx: context.CaseContext, ws: Workspace, pseudonym: str, today: date,
              made: dict[str, tuple[date, date]] | None = None) -> context.CaseContext:
    """The context with what the lists know of its letters from the state: the day each was
    first made and last issued, the day the letter each replaces was issued, for one that
    says it replaces one (an information letter issued anew with other dates or another
    parent at the joint meeting: to send again), and the day the service began (Til
    utsending, the archive: a letter made late on that day may have been sent by hand).
    made: kept_dates, read here when not given."""
    if made is None:
        made = kept_dates(ws.state.folder, pseudonym)
    known = made
    ctx.made = {key: first for key, (_, first) in known.items()}
    ctx.issued_last = lambda key: known[key][0] if key in known else None
    ctx.issued_keys = known.keys  # the names letters were issued under (file_title)
    replaced = issued.replaced(ws.state.folder, pseudonym)
    ctx.issued_replaces = lambda key, *_: replaced.get(key)
    ctx.in_use_from = _in_use_from(ws, today)
    return ctx


def _context(ws: Workspace, case, pseudonym: str, today: date, malform: str | None,
             made: dict[str, tuple[date, date]], content: str,
             built: dict[tuple, Any]) -> tuple[context.CaseContext, WatchedDay]:
    """The case's context for its rows, built once for both workbooks when they ask in the
    same standard (built: State.shared for the workbooks of one batch, or one case's).
    Its WatchedDay records the questions of both: more questions only make rows again
    more often."""
    settings, state = ws.settings, ws.state
    standard = malform or settings.for_kommune(case.kommunenummer).malform
    found = built.get((pseudonym, standard, content, today))
    if found is None:
        # Planned with the plain day, as the case's own documents are
        # (case_step.prepare_documents): the dates come from the state.
        plan = schedule.as_stored(case, ws.programme, settings, state, today)
        day = WatchedDay(today)
        ctx = context.build(case, plan, ws.programme, day, settings.service,
                            settings=settings, pseudonym=pseudonym, malform=standard)
        as_listed(ctx, ws, pseudonym, today, made)
        found = built[(pseudonym, standard, content, today)] = (ctx, day)
    return found


@hookimpl
def after_case(case, today: date, workspace: Workspace, shared: dict[tuple, Any]) -> None:
    """The case's rows, made where its documents were (keep_rows)."""
    keep_rows(workspace, case, today, case_rows(workspace), shared)


def case_rows(ws: Workspace) -> CaseRows:
    """The team leader's workbook is the service's: in [service] malform."""
    def rows_of(case, pseudonym: str, ctx: context.CaseContext) -> dict[str, list]:
        # A journal number that is not one (an identity number, a name) is not shown.
        plain = journal_folder_name(case.journalnummer)
        return _case_rows(ctx, case.journalnummer if plain and case.journalnummer else pseudonym)

    # A case stays for some months after its programme's end: the team leader sees what is
    # left open (the findings), not only the cases still running.
    return CaseRows("saksoversikten", "saksoversikt", rows_of, ws.settings.malform,
                    after_end=True)


def workbook_context(ws: Workspace, today: date) -> dict[str, Any]:
    """The team leader's workbook is the service's: in [service] malform, each case's
    conversations named in the service's words (an inter-municipal service has one leader)."""
    settings = ws.settings
    t = tekst(settings.malform)
    # Each case's newest export, looked up as the workbook is made (not kept with its rows),
    # and the day its documents were last made (after its end: its final documents).
    found = [(head, {**rows, "eksportert": newest_export(ws, head, rows.get("eksportert")),
                     "laget": _last_made(ws, head) if _ended(rows, today) else None})
             for head, rows in each_stored_case(ws, today, case_rows(ws))]
    from . import sending  # (it builds on this module)

    return _workbook_values(found, today, t, settings.documents, _ended_long_ago(ws, today),
                            sending.unmarked_letters(ws, today))


NAMED_LEFT_OUT = 10
"""At most this many cases left out are named by journal number beside «Saker i alt»;
more are counted only (the line is one cell)."""


def _ended_long_ago(ws: Workspace, today: date) -> list[str]:
    """The cases in the state that left the workbook because their programme ended more
    than qualify.AFTER_END_MONTHS ago (each_stored_case shows them until then), found from
    their heads. Only cases once planned (their plan file is kept), not those that never
    came into the programme. Named as their folders are, by journal number (or pseudonym:
    case_rows), up to NAMED_LEFT_OUT, else "" each: the team leader asked which they are,
    and only these few cases are read for it."""
    settings, state = ws.settings, ws.state
    months, programme_months = settings.qualify_months, settings.schedule.programme_months
    keys = []
    for head in state.case_heads():
        if head.key is None or not qualify.skip_reason(head, today, months) or \
                state.plan_version(head.key) is None or \
                followed_up_after_end(ws, head, today):
            continue
        end = qualify.last_day(head, programme_months)
        if end is not None and add_months(end, qualify.AFTER_END_MONTHS) < today:
            keys.append(head.key)
    if len(keys) > NAMED_LEFT_OUT:
        return [""] * len(keys)
    names = []
    for key in keys:
        case = state.load(key)
        number = case.journalnummer if case is not None else None
        names.append(number if number and journal_folder_name(number)
                     else state.pseudonym(key))
    return sorted(names)


def newest_export(ws: Workspace, head: CaseHead, made_with: date | str | None) -> date | None:
    """The date of the newest export of the case the run knows: the one its rows were made
    with (made_with: the case file's, or the export just read), or a newer one the readings
    keep (a re-export that changes nothing else is not saved to the case file:
    store/readings.py). An export without an export date (some journals give none) counts
    from the day it was read (Readings.read_undated), when that is newer: such cases were
    never said to be exported long ago (a reader's finding: 6 of 13 equally old cases).
    For Saksoversikt (its «Saken er ikke eksportert på lenge») and Til utsending
    (documents/sending.py: its letters to check), alike."""
    if isinstance(made_with, str):  # as kept by an earlier form of the rows
        made_with = date.fromisoformat(made_with)
    if head.key is None:
        return made_with
    pseudonym = ws.state.pseudonym(head.key)
    dated = ws.readings.newest_export_date(pseudonym, made_with)
    read = ws.readings.read_undated(pseudonym)
    return max(filter(None, (dated, read)), default=None)


def sample_context(contexts: list[context.CaseContext]) -> dict[str, Any]:
    """The workbook's values as a run makes them, from these case contexts alone (each
    case's rows for its own day; the first one's day and standard for the workbook): what
    `templates check` checks the template's fields against, with synthetic cases."""
    first = contexts[0]
    found = [(c.case, _case_rows(c, c.case.journalnummer or "")) for c in contexts]
    return _workbook_values(found, first.today, first.t, first.settings.documents, [])


def _workbook_values(found: list[tuple[Any, Any]], today: date, t: Tekst,
                     limits: Documents, hidden: list[str],
                     unmarked: dict[Any, list[compliance.Finding]] | None = None
                     ) -> dict[str, Any]:
    """The workbook's values from each case's rows (case, rows by sheet); hidden: the cases
    whose programme ended too long ago to be shown (_ended_long_ago: named, or "" each
    when too many to name). unmarked: by case key, the findings for information letters
    nobody marked as sent in Til utsending (sending.unmarked_letters), made as the workbook
    is, never kept with the case's rows: a mark removes them."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SHEETS}
    for case, case_rows in found:
        name = contact_shown(case, t)
        for sheet in SHEETS:
            rows[sheet].extend({**row, "kontaktperson": name} for row in case_rows[sheet])
        if (old := _old_export(case, case_rows, today, t, limits)) is not None:
            rows["avvik"].append({**old, "kontaktperson": name})
        if case_rows["saker"]:
            for finding in (unmarked or {}).get(case.key, ()):
                rows["avvik"].append({"sak": case_rows["saker"][0]["sak"],
                                      **finding_row(finding, t), "funn": finding,
                                      "kontaktperson": name})
    _count_days(rows, today)
    rows["saker"].sort(key=lambda r: r["sak"])
    for name in ("denne_maneden", "forfalt"):  # a day's in the order they come
        rows[name].sort(key=lambda r: (r["dato"], r["tid"], r["sak"]))
    # The longest waiting first; the soonest to end first (not in the state's own order).
    rows["ikke_startet"].sort(key=lambda r: (r["plassert"], r["sak"]))
    rows["avsluttes_snart"].sort(key=lambda r: (r["slutt"], r["sak"]))
    rows["avvik"].sort(key=lambda r: (*compliance.sort_key(r["funn"]), r["sak"]))
    counted = statistics(rows["avvik"], t)
    rows["avvik"] = [{k: v for k, v in r.items() if k != "funn"} for r in rows["avvik"]]
    return {
        **counted,
        "dato": t.dato(today),
        "antall_saker": len(rows["saker"]),
        "ikke_med": _left_out(hidden, t),
        "snart_dager": limits.due_soon_days,
        "ikke_startet_uker": limits.not_started_weeks,
        "avsluttes_dager": limits.ends_soon_days,
        # An empty list says so above its header: an empty sheet read as one not made.
        "ingen_forfalt": "" if rows["forfalt"] else t("saksoversikt.ingen_forfalt"),
        "forfalt_i_alt": _overdue_listed(rows["forfalt"], t),
        "denne_maneden_forfalt": _overdue_this_month(rows["denne_maneden"], t),
        "ingen_avsluttes_snart": "" if rows["avsluttes_snart"]
        else t("saksoversikt.ingen_avsluttes_snart"),
        **rows,
    }


def _overdue_listed(overdue: list[dict[str, Any]], t: Tekst) -> str:
    """The line above Over fristen's list: how many it holds and the days they span, oldest
    first, or that it is empty (a reader's finding: the list ran over many pages with the
    oldest on the first, and read as holding only those, beside «Denne måneden» marking the
    last few days «Over fristen»). Saker counts the same rows, per case."""
    if not overdue:
        return t("saksoversikt.ingen_forfalt")
    first, last = min(r["dato"] for r in overdue), max(r["dato"] for r in overdue)
    if first == last:
        return t("saksoversikt.forfalt_i_alt_en_dag", antall=len(overdue), dato=t.dato(first))
    return t("saksoversikt.forfalt_i_alt", antall=len(overdue), fra=t.dato(first),
             til=t.dato(last))


def _overdue_this_month(due: list[dict[str, Any]], t: Tekst) -> str:
    """The line above Denne måneden's list: how many of its rows are «Over fristen», each of
    them also a row of the sheet Over fristen; "" when none is."""
    passed = sum(1 for r in due if r["status"] == t("status.forfalt"))
    return t("saksoversikt.denne_maneden_forfalt", antall=passed) if passed else ""


def _last_made(ws: Workspace, case) -> date | None:
    """The day the case's documents were last made (store/issued.py kept_dates), if known.
    case: the case or its head."""
    if case.key is None:
        return None
    return max((last for last, _ in kept_dates(
        ws.state.folder, ws.state.pseudonym(case.key)).values()), default=None)


def _ended(case_rows: dict[str, Any], today: date) -> bool:
    """Whether the programme's last day of the case these rows are of has passed."""
    return bool(case_rows.get("saker")) and case_rows["saker"][0]["slutt"] < today


def _old_export(case, case_rows: dict[str, Any], today: date, t: Tekst,
                limits: Documents) -> dict[str, Any] | None:
    """An Avvik row for a case whose newest export (case_rows' «eksportert»: newest_export)
    is older than [documents] stale_export_days, as Til utsending lists its letters to check;
    not for a case the journal has closed (no export of it is to come). Once the programme's
    last day has passed («Avsluttet»), while its newest export was already old on that day:
    its final plan, overview and evaluations rest on it (compliance.stale_export ended).
    Made as the workbook is, never kept with the case's rows or in its own documents: the
    day and the readings decide it. case_rows' «laget»: the day its documents were last
    made (workbook_context), which the deadline of the row after the end counts from."""
    closes = qualify.closing_day(case)
    if not case_rows["saker"] or closes is not None and closes <= today:
        return None
    last = case_rows["saker"][0]["slutt"]
    finding = compliance.stale_export(case_rows.get("eksportert"), today,
                                      limits.stale_export_days, t,
                                      ended=last if last < today else None,
                                      made=case_rows.get("laget"))
    if finding is None:
        return None
    return {"sak": case_rows["saker"][0]["sak"], **finding_row(finding, t), "funn": finding}


def contact_name(case, t: Tekst) -> str:
    """The case's contact person as the workbooks name them, from the case (its head): as
    the case's own documents show it, "[mangler: ...]", never silently blank."""
    return context.text(case.kontaktperson.navn,
                        t("felt.navn", hvem=t("hvem.kontaktpersonen")), t)


def contact_shown(case, t: Tekst) -> str:
    """The contact person as both outbox workbooks (Saksoversikt, Til utsending) name them:
    for a case with none, «(ingen kontaktperson registrert)», not the letters' «[mangler:
    navn på kontaktpersonen]» (a reader's finding: a placeholder read as a name). The
    finding «Kontaktperson mangler», and the list's notes, say what to do."""
    name = contact_name(case, t)
    return t("saksoversikt.ingen_kontaktperson") if MISSING_RE.search(name) else name


def _no_contact(name: str, t: Tekst) -> bool:
    """A case with no contact person, as either workbook names it."""
    return MISSING_RE.search(name) is not None or name == t("saksoversikt.ingen_kontaktperson")


def _count_days(rows: dict[str, list[dict[str, Any]]], today: date) -> None:
    """The numbers counted from today, put in as the workbook is put together (the kept rows
    hold the dates they count from: store/rows.py)."""
    for row in rows["forfalt"]:
        row["dager"] = (today - row["dato"]).days
    for row in rows["ikke_startet"]:
        row["uker"] = (today - row["plassert"]).days // 7
    for row in rows["avsluttes_snart"]:
        row["dager"] = (row["slutt"] - today).days


def _left_out(hidden: list[str], t: Tekst) -> str:
    """The line beside «Saker i alt»: the rule, or the cases left out, named when few."""
    if not hidden:
        return t("saksoversikt.ikke_med")
    counted = t.count(len(hidden), "sak")
    if all(hidden):
        return t("saksoversikt.ikke_med_saker", saker=counted, journalnumre=t.join(hidden))
    return t("saksoversikt.ikke_med_antall", saker=counted)


def _case_rows(ctx: context.CaseContext, folder: str) -> dict[str, Any]:
    """One case's rows in each sheet. The day is only asked (ctx.today is watched)."""
    today, limits, plan, t = ctx.today, ctx.settings.documents, ctx.plan, ctx.t
    rows: dict[str, Any] = {name: [] for name in SHEETS}
    # The export the rows are made with (not shown): the workbook takes the newest one the
    # run knows (newest_export), as a re-export that changes nothing else is not saved.
    rows["eksportert"] = ctx.case.eksportert
    case = {"sak": folder, "kontaktperson": None}  # the name is put in by workbook_context
    breaches = 0
    for finding in ctx.findings():
        rows["avvik"].append({**case, **finding_row(finding, t), "funn": finding})
        breaches += finding.alvor == compliance.LOVBRUDD
    ended = plan.slutt < today
    events = [(c.dato, c.status, ctx.samtale_context(c)) for c in plan.conversations]
    held = sum(1 for _, status, _ in events if status == "gjennomfort")
    ahead = [(d, s) for d, status, s in events if status == "planlagt" and d >= today]
    # The visits ahead the journal has planned, as the plan's table lists them
    # (oppfolgingsplan.visits): by date, «Planlagt i fagsystemet», its time a dash; a visit
    # the plan set on such a day is that visit, listed once with its time (a reader's
    # finding: the journal's visit on 12 January was in the plan and not here).
    # One passed that still counts, not known to be held yet, is listed as the plan lists
    # it, «Ikke registrert som holdt ennå», and is not overdue (not in «Over fristen»).
    journal, not_yet = plan.journal_days()
    planned = [
        (f"{_who(s)}: {s['overskrift']}", d, s["tid"], False)
        for d, status, s in events if status == "planlagt"
    ] + [(t("saksoversikt.besok"), v.dato, _visit_time(v), v.dato in journal)
         for v in plan.visits if v.status == "planlagt" and v.dato not in not_yet
         # (one passed in a foster home the child has left: not overdue, nothing to do)
         and not foster_home.left_unheld(ctx.case, v.status, v.dato, today)]
    listed = {v.dato for v in plan.visits}
    planned += [(t("saksoversikt.besok"), day, "–", True) for day in sorted(journal - listed)]
    unheld = [(day, next((_visit_time(v) for v in plan.visits
                          if v.dato == day and v.status == "planlagt"), "–"))
              for day in sorted(not_yet)]
    # A theme left out once its date passed unregistered is overdue from that date, as a
    # planned one (context.left_out); one that never had a date is still to be held.
    left_out = [s for p in ctx.programme.parter for s in ctx.left_out(p.id)]
    planned += [(f"{_who(s)}: {s['overskrift']}", s["passert"], s["tid"], False)
                for s in left_out if s["passert"] is not None]
    if (meeting := fellesmote.listed(ctx)) is not None and meeting["planlagt"]:
        planned.append((t("kalender.felles_mote_tittel"), meeting["dato"], meeting["tid"],
                        False))
    overdue = 0  # what the sheet Over fristen lists for the case (Saker says so)
    for what, day, tid, in_journal in planned:
        code = context.status_code("planlagt", day, today)
        overdue += code == "forfalt"
        if ended:  # what an ended programme left is counted (and in Avvik), not listed
            continue
        status = "planlagt_fagsystem" if in_journal and code == "planlagt" else code
        row = {**case, "hva": what, "dato": day, "tid": tid, "uke": day.isocalendar().week,
               "status": t(f"status.{status}")}
        first, last = _month_of(day)
        # This month, and the due-soon days ahead when they reach into the next: late in
        # November the team leader sees the first days of December too. (Asked of today,
        # never computed from it: store/rows.py.)
        soon_from = day - timedelta(days=limits.due_soon_days)
        if first <= today <= last or soon_from <= today <= day:
            rows["denne_maneden"].append(row)
        if code == "forfalt":
            rows["forfalt"].append({**row, "dager": None})  # counted in _count_days
    for day, tid in [] if ended else unheld:
        first, last = _month_of(day)
        if first <= today <= last:
            rows["denne_maneden"].append({
                **case, "hva": t("saksoversikt.besok"), "dato": day, "tid": tid,
                "uke": day.isocalendar().week, "status": t("status.ikke_holdt_enna")})
    if not ended:
        # The plans' legal deadlines ahead (deadline_notice_days): seen before they are
        # broken, the day after they are Avvik's «Lovbrudd» instead (a reader's finding:
        # two came with no row the day before). Not findings: Statistikk counts none.
        for coming in compliance.coming_deadlines(ctx.case, plan, today,
                                                  ctx.settings.compliance, t):
            if (deadline := coming.frist) is not None:
                rows["denne_maneden"].append({
                    **case, "hva": coming.hva, "dato": deadline, "tid": "",
                    "uke": deadline.isocalendar().week, "status": t("status.lovfrist")})
    started = held > 0
    next_date = min((d for d, _ in ahead), default=None)
    # Every conversation not yet held whose date passed: planned and passed unheld (also in
    # «Over fristen»), and themes left out once their date passed.
    passed = sum(1 for d, status, _ in events if status == "planlagt" and d < today)
    lapsed_left_out = sum(1 for s in left_out if s["passert"] is not None)
    # Started, dates passed unheld and nothing ahead: no longer «I gang» (a reader's
    # finding: «Planlagt 0» beside 27 over their deadline read as a case going well).
    unplanned = not ahead and passed + lapsed_left_out > 0
    stalled = started and unplanned
    late = not ended and not started and \
        plan.start + timedelta(weeks=limits.not_started_weeks) <= today
    if late:
        # Nothing ahead is said, with why when the dates passed unheld (a reader's finding:
        # an empty cell explained nothing).
        lapsed = any(status == "planlagt" and d < today for d, status, _ in events)
        rows["ikke_startet"].append({
            **case, "plassert": plan.start, "uker": None,
            "forste_samtale": next_date or t("saksoversikt.ingen_planlagt_passert" if lapsed
                                             else "saksoversikt.ingen_planlagt")})
    ends_soon = not ended and plan.slutt - timedelta(days=limits.ends_soon_days) <= today
    if ends_soon:
        # Not the themes of a party with no conversations (parents who declined, a child
        # too young for their own): nothing is owed there.
        parts = [p for p in ctx.base["parter"] if p["id"] not in plan.parts_not_planned]
        owed = [v for p in parts for v in _themes_owed(ctx, p)]
        assessed = sum(1 for v in owed if v["vurdert"])
        themes = len(owed)
        # Every conversation not yet held: ahead, passed unheld (also in «Over fristen») and
        # left out (a reader's finding: «Samtaler igjen 0» with 12 passed read as done).
        rows["avsluttes_snart"].append({
            **case, "slutt": plan.slutt, "dager": None,
            "gjenstar": len(ahead) + passed + len(left_out),
            "forfalt": overdue,
            "vurderinger": t("ord.av", del_=assessed, hele=themes),
        })
    rows["saker"].append({
        **case,
        "plassert": plan.start,
        "slutt": plan.slutt,
        "gjennomfort": held,
        "planlagt": len(ahead),
        # Only what the sheet «Over fristen» lists, so the number leads to its rows (a
        # reader's finding: 28 on a case whose programme had ended, and no row of it there).
        # An ended programme's unheld conversations are Avvik's «… ble ikke registrert som
        # holdt før programmets siste dag»: empty here, and the sheet's «Merk:» says so.
        "forfalt": None if ended else overdue,
        "lovbrudd": breaches,
        "neste": next_date,
        "besok": _visits_counted(ctx),
        # The plan's next visit, or the journal's planned one before it (the plan's table
        # lists both: a reader's finding, «Neste besøk» 14 January beside the plan's
        # journal visit on 12 January).
        "neste_besok": min([v.dato for v in plan.visits
                            if v.status == "planlagt" and v.dato >= today]
                           + [v.dato for v in plan.journal_visits
                              if today <= v.dato <= plan.slutt], default=None),
        "status": t("saksoversikt." + _case_status(started, late, ends_soon, ended, stalled,
                                                   unplanned)),
        "merknad": _plan_notes(plan, t, ended),
    })
    return rows


def _visits_counted(ctx: context.CaseContext) -> str:
    """Saker's «Besøk»: the visits held in the placement year and its minimum, as Avvik
    counts them (compliance.visit_year): «1 av 3» for a case closed within its year, as
    Avvik's «minimum for den tiden er 3», not the year's «1 av 4»."""
    counted = compliance.visit_year(ctx.case, ctx.plan, ctx.today, ctx.settings.compliance)
    if counted is None:  # closed before the placement began: nothing is asked
        return ctx.t("ord.av", del_=ctx.base["besok_gjennomfort"], hele=0)
    return ctx.t("ord.av", del_=counted.done, hele=counted.minimum)


def _plan_notes(plan, t, ended: bool = False) -> str:
    """The plan's notes for Saker's «Merknad om planen»: themes with no room before the end
    said once, with their number, where there are several (helper 136: one sentence a theme
    made the column unreadable); the plan itself names each. ended: the programme's last
    day has passed, and a note that has a past form says it so (_in_the_past)."""
    no_room = [why.note for why in plan.left_out_why.values() if why.had is None]
    said: list[str] = []
    for note in plan.notes:
        if len(no_room) < 2 or note not in no_room:
            said.append(t.note(note, "planmerknad"))
        elif note == no_room[0]:
            said.append(t("saksoversikt.ikke_plass_flere", antall=len(no_room)))
    return " ".join(_in_the_past(n, t) if ended else n for n in said)


def _in_the_past(note: str, t: Tekst) -> str:
    """A plan note as a case whose programme has ended says it: «Samtalene ble derfor planlagt
    fra …, senere enn programmet la opp til» (a reader's finding: «er … legger opp til» on a
    case «Avsluttet – ingen samtaler registrert»). The notes of [planmerknad_avsluttet],
    each the past of the [planmerknad] note of its key, with the same fields; any other
    note as it is."""
    for key, past in t.table("planmerknad_avsluttet").items():
        found = text_pattern(t(f"planmerknad.{key}")).fullmatch(note)
        if found:
            return past.format(**found.groupdict())
    return note


def _themes_owed(ctx: context.CaseContext, part: dict[str, Any]) -> list[dict[str, Any]]:
    """A party's themes, each with whether it is assessed, as its final evaluations list
    them: where the parents get one each (sluttevaluering.one_each), every parent's own
    themes and assessments (not one parent's credited to the other), but none of a parent
    who declined; else the party's, once."""
    if part["id"] != "foreldre" or not one_each(ctx):
        return list(part["vurderinger"])
    parents = ctx.programme.part(part["id"])
    return [v for index, parent in enumerate(ctx.case.foreldre) if parent.takker_ja is not False
            for v in ctx.vurderinger(parents, index)]


def _visit_time(visit: schedule.Visit) -> str:
    """A planned visit's time as the plan has it («09.00–10.30»; as the case's overview and
    a conversation's «Tid»); empty where it has none."""
    return f"{visit.start:%H.%M}–{visit.slutt:%H.%M}" if visit.start and visit.slutt else ""


def _month_of(day: date) -> tuple[date, date]:
    """The first and last day of day's month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def finding_row(finding: compliance.Finding, t: Tekst) -> dict[str, Any]:
    """A finding as the workbooks show it (Avvik here, "Dette må følges opp" per case), its
    severity in t's standard (the colour rules of the nn/ templates use the same words)."""
    return {"hva": finding.hva, "frist": finding.frist, "hjemmel": finding.hjemmel,
            "alvor": t(f"alvor.{compliance.SEVERITY_KEYS[finding.alvor]}")}


def statistics(avvik: list[dict[str, Any]], t: Tekst | None = None) -> dict[str, Any]:
    """Counts for the Statistikk sheet and status --json: per severity, per kind of finding
    (every kind, also those with none) and per contact person."""
    t = t or tekst()
    by_kind = Counter(r["funn"].kind for r in avvik)
    cases_by_kind = {k: len({r["sak"] for r in avvik if r["funn"].kind == k}) for k in by_kind}
    people: dict[str, Counter] = {}
    for r in avvik:
        people.setdefault(r["kontaktperson"], Counter())[r["funn"].alvor] += 1
    return {
        "antall": {
            "avvik": len(avvik),
            "saker_med_avvik": len({r["sak"] for r in avvik}),
            **{key: sum(1 for r in avvik if r["funn"].alvor == severity)
               for severity, key in compliance.SEVERITY_KEYS.items()},
            "funn": {k: by_kind.get(k, 0) for k in compliance.KINDS},
        },
        "per_funn": [
            {"funn": t(f"funntype.{kind}"), "antall": by_kind.get(kind, 0),
             "saker": cases_by_kind.get(kind, 0)}
            for kind in compliance.KINDS
        ],
        "per_kontaktperson": [
            {"kontaktperson": (t("saksoversikt.uten_kontaktperson")
                               if _no_contact(person, t) else person),
             "lovbrudd": c[compliance.LOVBRUDD],
             "avvik": c[compliance.AVVIK], "mangler": c[compliance.MANGLER],
             "totalt": sum(c.values())}
            for person, c in sorted(people.items(), key=lambda item: (
                _no_contact(item[0], t), person_order(item[0])))
        ],
    }


_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
"""æ, ø and å after z and in that order (their code points put å first)."""


def person_order(name: str) -> tuple[bool, str]:
    """Names in Norwegian alphabetical order, whatever their case; a missing name
    («[mangler: navn på kontaktpersonen]») last, not among the names."""
    return MISSING_RE.search(name) is not None, name.casefold().translate(_AFTER_Z)


def _who(samtale: dict[str, Any]) -> str:
    """'Foreldre', or 'Foreldre (mor)' for one parent's own conversation."""
    own = samtale["forelder"]
    return f"{samtale['part_navn']} ({own})" if own else samtale["part_navn"]


def _case_status(started: bool, late: bool, ends_soon: bool, ended: bool = False,
                 stalled: bool = False, unplanned: bool = False) -> str:
    """'Ikke startet' (coloured) only once not_started_weeks have passed; before that 'Ny'.
    ends_soon: the programme's last day is at most ends_soon_days away; ended: it has
    passed (the case is shown for some months more: qualify.closed_recently), 'Avsluttet
    uten samtaler' when none was held (helper 144: it left «Ikke startet» the day after,
    and read as a programme done). stalled: started, with conversations whose date passed
    unheld and none ahead: 'Over fristen – ingen planlagt', what the team leader acts on,
    not 'I gang'. unplanned: dates passed unheld and none ahead, started or not: a case
    not started says it as a stalled one does, 'Ikke startet – ingen planlagt' (a reader's
    finding: «Ikke startet» beside 27 over their deadline, while a started case in the same
    state read «Over fristen – ingen planlagt»). The key of the text in the catalogue's
    [saksoversikt]."""
    if ended:
        return "avsluttet" if started else "avsluttet_uten_samtaler"
    if late:
        # Both, when both hold: «Ikke startet» alone hid that the end is near (a reader's
        # finding: a case on its last day read as merely late).
        if ends_soon:
            return "ikke_startet_avsluttes_snart"
        return "ikke_startet_ingen_planlagt" if unplanned else "ikke_startet"
    if not started:
        return "ny"
    if stalled:
        # Both, when both hold, as for «Ikke startet – avsluttes snart».
        return "over_fristen_avsluttes_snart" if ends_soon else "over_fristen"
    if ends_soon:
        return "avsluttes_snart"
    return "i_gang"

