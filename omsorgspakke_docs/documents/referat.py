"""Pre-filled minutes for every conversation: header, theme, purpose, sections, assessment.
A planned conversation's minutes appear with its invitation ([documents]
invitation_days_before ahead; a later contact of the move follow-up from the day of the
contact before), so the case folder holds what is at hand, not the whole year.

Each carries the hidden marker (minutes_marker) that lets the written minutes come back
through the inbox. Once they have come back, the minutes are not made again, so the copy the
contact person wrote in stays as it is. Minutes nobody has written in yet (the case folder's
copy is as a run made it, and no editor holds it open) are made again in place when the
journal has more to fill in: the conversation held, with its date, participants and
assessment; and they go from the case folder when their parent declines, or when the
parents' shared minutes are now made as one parent's own (or the other way round):
CaseContext.withdrawn, removed as invitations no longer made are. Minutes open in Word or
LibreOffice are left as they are that run (CaseContext.held_open, said in the log).
Minutes someone has written in name the contact person they were made with until something
else they show changes: a new contact person alone does not make them again
(rendering/prepare.py), so no second copy appears beside the one being written in; minutes
nobody has written in, and minutes made from then on, name the new one. So too the journal
giving the child's sex (the questions say «hun» or «han» where they named the child):
minutes being written in keep their words (Document.kept_through); those nobody has written
in are made again in place. The journal correcting the sex (a girl, now a boy): those being
written in are kept as they are, and the case's overview names them once
(kept_in_the_other_sex, documents/oversikt.py) for whoever writes them to correct.
"""

import copy
import re
import zipfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path, PurePosixPath
from types import EllipsisType

from ..hookspecs import hookimpl
from ..planning import schedule
from ..planning.workdays import WorkCalendar, kort_dato
from ..rendering import minutes_marker
from ..rendering.context import clean
from ..rendering.fields import quiet_values
from ..rendering.former_releases import FORMER_TITLE
from ..rendering.one_parent import to_one_parent
from ..rendering.shown_text import shown_text_of
from ..store.commit import open_in_office
from ..store.safenames import case_folder_path
from ..text import MISSING_RE
from . import _interpreter, conversation_due, conversation_file, document, document_key
from .innkalling import title_to_parents


class Referat:
    name = "referat"
    title = "Referat fra samtale"
    templates = ("referat.docx",)

    def documents(self, ctx):
        made: list[tuple[PurePosixPath, minutes_marker.Marker]] = []
        folder = _case_folder(ctx)  # once a case: its owner marker is read to find it
        for doc, marker in self._made(ctx, folder):
            made.append((PurePosixPath(doc.path), marker))
            yield doc
        ctx.withdrawn.extend(_withdrawn(ctx, made, folder))

    def _made(self, ctx, folder: Path | None):
        """Each minutes document with its marker (those made: _minutes_due)."""
        for part, convs in _minutes_due(ctx):
            part_ctx = ctx.part_context(part)
            for conv in convs:
                samtale = ctx.samtale_context(conv)
                name = conversation_file(samtale, ctx.t, ctx.file_title(conv)) \
                    + _new_family(ctx, part.id)
                theme = part.tema(conv.tema)
                asked = (part, theme, ctx.with_one_parent(conv), ctx.later_contact(conv),
                         conv.forelder)
                tema = _with_late_note(ctx, conv, ctx.tema_context(*asked))
                # The theme as the release before asked it, where its purpose or questions
                # were worded otherwise then (Seksjon.sporsmal_for, Programme.ordlyd_for).
                was = _with_late_note(ctx, conv, ctx.tema_context(*asked, former=True)) \
                    if ctx.programme.reworded(theme) else None
                doc = document(
                    f"{ctx.t('fil.referater')}/{part.navn}/{name}",
                    "referat.docx", ctx.base,
                    part=part_ctx, samtale=title_to_parents(ctx, part.id, samtale),
                    tema=_questions_named(ctx, part.id, tema, was),
                    referat=(written := _written_for(ctx, conv)),
                )
                doc.untouched = _untouched(ctx, doc.path, folder)
                if doc.untouched:  # made again in place in the new words, not kept through
                    # the words before (former_releases.said_before)
                    doc.context.update(_said_now(doc.context, ("samtale", "tema")))
                else:
                    doc.context.update(_as_in_the_file(ctx, part.id, tema, doc, folder))
                marker = minutes_marker.for_conversation(ctx.case, conv, ctx.programme)
                doc.properties = {**marker.as_property(),
                                  **minutes_marker.grey_property(_own_grey(written))}
                doc.kept_as_made = True  # written in: a new contact person alone does not
                # make it again, nor the child's sex alone (the questions as without it)
                doc.kept_through = {"tema": _child_named(ctx, part.id, tema, sex_unknown=True)}
                if not doc.untouched:  # as the release before kept them (the name again),
                    # in its words: kept on the first run of this release that brings the
                    # sex, or corrects it (rendering/prepare.py _kept_before)
                    doc.kept_through_before = {"tema": _child_named(
                        ctx, part.id, was if was is not None else tema, reworded=False,
                        sex_unknown=True)}
                doc.held_open = _open_now(ctx, doc.path, folder)
                yield doc, marker


def _new_family(ctx, part: str) -> str:
    """What the foster family's minutes add to their file name after the child has moved to
    another foster home (domain/foster_home.py): « - ny fosterfamilie», « - ny fosterfamilie
    2» after a second move. The family the child left keeps its minutes where they are (the
    theme 1 held with them, written in or not, and any made ahead for them), and the new
    family's of the same theme are made beside them, never over them nor as a copy «(ny
    versjon)» of them. No name: the case folder never names a person. Nothing for the other
    parties, nor for a case without a move: their paths stay as they were."""
    moves = len(ctx.case.tidligere_fosterhjem)
    if part != "fosterfamilien" or not moves:
        return ""
    said = ctx.t("fil.ny_fosterfamilie") if moves == 1 \
        else ctx.t("fil.ny_fosterfamilie_nr", nummer=moves)
    return f" - {said}"


def kept_in_the_other_sex(ctx) -> list[PurePosixPath]:
    """The minutes someone is writing in, kept as made, that still say of the child what the
    journal said before it corrected the child's sex («hun» where it now has a boy): their
    paths in the case folder, for the case's overview to say once (documents/oversikt.py).
    Worked out once per case context, only in a run (the case folder known) and where the
    journal has the child's sex."""
    if ctx.kept_other_sex is None:
        found: list[PurePosixPath] = []
        if ctx.case.barn.kjonn in ("jente", "gutt") and \
                (folder := _case_folder(ctx)) is not None:
            # Only what tells which they are (Referat._made asks the same of each minutes):
            # their path, whether anyone has written in them, and, where someone has, their
            # theme as it names the child; not the rest of each minutes' context.
            for part, convs in _minutes_due(ctx):
                for conv in convs:
                    path = document_key(f"{ctx.t('fil.referater')}/{part.navn}/"
                                        + conversation_file(ctx.samtale_context(conv), ctx.t,
                                                            ctx.file_title(conv)),
                                        "referat.docx")
                    if _untouched(ctx, path, folder):
                        continue
                    tema = _with_late_note(ctx, conv, ctx.tema_context(
                        part, part.tema(conv.tema), ctx.with_one_parent(conv),
                        ctx.later_contact(conv), conv.forelder))
                    if _in_the_other_sex(ctx, part.id, tema, path, folder):
                        found.append(PurePosixPath(path))
        ctx.kept_other_sex = found
    return ctx.kept_other_sex


def _minutes_due(ctx):
    """Each part of the programme with its conversations whose minutes are made this run:
    not those that came back, nor those not due yet, nor those held whose minutes the
    journal records."""
    returned = {(s.part, s.tema, s.nummer, s.forelder)
                for s in ctx.case.samtaler if s.referat_mottatt}
    for part in ctx.programme.parter:
        # Returned also when they came back for an entry naming no parent that counts for
        # this parent (its participants name them: Case.parents_at).
        yield part, (conv for conv in ctx.plan.for_part(part.id)
                     if not (conv.key in returned
                             or (conv.status == "planlagt" and not conversation_due(ctx, conv))
                             or (conv.status == "gjennomfort"
                                 and ctx.minutes_recorded(conv))))


def _questions_named(ctx, part: str, tema: dict, was: dict | None = None) -> dict:
    """The theme with its section titles and questions naming the child (_child_named), and
    what each section's questions said in the release before beside them («sporsmal_for»,
    rendering/former_releases.py FORMER_TITLE), where they were worded otherwise (helper 207:
    without the child's sex, a question names the child once, where it said the name up to
    three times; the programme's own words reworded, was: the theme in them,
    Seksjon.sporsmal_for, helper 311: the parents' «Hvilke datoer setter vi opp …», where
    their letter said the dates were set). Minutes being written in, made in those words,
    then show nothing new: they keep their issue, and no copy «(ny versjon)» appears beside
    them. The parents' theme title naming the child (innkalling.title_to_parents) keeps its
    former so too."""
    named = _child_named(ctx, part, tema)
    if was is not None and was["formal"] != tema["formal"]:  # the purpose reworded
        named = {**named, "formal" + FORMER_TITLE: was["formal"]}
    reworded = was is not None and was["seksjoner"] != tema["seksjoner"]
    sex = ctx.case.barn.kjonn in ("jente", "gutt")  # «hun», «han»: as the release before
    if sex and not reworded:
        return named
    before = _child_named(ctx, part, {**tema, "seksjoner": was["seksjoner"]}
                          if was is not None and reworded else tema, reworded=sex)
    return {**named, "seksjoner": [
        {**now, "sporsmal" + FORMER_TITLE: was["sporsmal"]}
        if now["sporsmal"] != was["sporsmal"] else now
        for now, was in zip(named["seksjoner"], before["seksjoner"], strict=True)]}


def _as_in_the_file(ctx, part: str, tema: dict, doc, folder: Path | None) -> dict:
    """For minutes someone is writing in (not Document.untouched): what their context keeps
    of what the questions said before, by what the minutes in the case folder say. Made by
    the release before, in its words (a question saying the name again): those words beside
    the questions (_questions_named), for the minutes to keep their issue through them.
    Made by this release, in its words: not (helper 213: the former words are part of what
    the minutes show, as their template lists the sections, and minutes first made nobody
    had written in, so without them; the case's next export then gave minutes being written
    in a copy «(ny versjon)» beside them). With the child's sex now: _made_without_sex."""
    named = doc.context.get("tema")
    sections = named.get("seksjoner") if isinstance(named, dict) else None
    former = [q for s in sections or () for q in s.get("sporsmal" + FORMER_TITLE, ())
              if q not in s["sporsmal"]]
    purpose = named.get("formal" + FORMER_TITLE) if isinstance(named, dict) else None
    if not former and not purpose:
        return _made_without_sex(ctx, part, tema, doc, folder)
    shown = None if folder is None else shown_text_of(
        folder.joinpath(*PurePosixPath(doc.path).parts))
    if shown is None or any((clean(q) or q) in shown for q in former):
        return {}
    if purpose and (clean(purpose) or purpose) in shown:
        # The purpose as it was, the questions as they are (a theme whose questions were
        # reworded by a release before these minutes were made, and its purpose by this
        # one: the foster family's theme 2 in nynorsk, «Han skal …» of the conversation).
        return {"tema": {**_said_now({"tema": named}, ("tema",))["tema"],
                         "formal" + FORMER_TITLE: purpose}}
    # Made in this release's words: without the words before, or, with the child's sex
    # now, with what they said without it (the programme's own words reworded: helper 311).
    return _made_without_sex(ctx, part, tema, doc, folder) \
        or _said_now(doc.context, ("tema",))


def _made_without_sex(ctx, part: str, tema: dict, doc, folder: Path | None) -> dict:
    """For minutes someone is writing in (not Document.untouched), made by this release
    while the journal had no sex for the child (a question naming the child once: «Hva vet
    Sofie selv om grunnen til flyttingen …»), now that it has: the theme's questions with
    what they said then beside them (FORMER_TITLE), and the title without what it said in
    the release before (the minutes named the child in it already). They then show nothing
    new, keep their issue and get no copy «(ny versjon)» beside them (helper 213: the
    journal giving the child's sex made such a copy of minutes being written in; helper 506:
    and of the foster family's theme 2, whose sections the sex changes nothing in were
    asked in the words of the release before, the film's, which these minutes never
    showed). Known by the minutes in the case folder saying a question so; else nothing
    changes. (Minutes the release before made without the sex, the name again, which no
    former context here can say, are kept by what they show apart from the sex:
    Document.kept_through, helper 506.)"""
    if ctx.case.barn.kjonn not in ("jente", "gutt"):
        return {}
    named = doc.context.get("tema")
    if not isinstance(named, dict) or "seksjoner" not in named:
        return {}
    before = _child_named(ctx, part, tema, sex_unknown=True)
    said_then = [q for now, was in zip(named["seksjoner"], before["seksjoner"], strict=True)
                 for q in was["sporsmal"] if q not in now["sporsmal"]]
    if not said_then or folder is None:
        return {}
    shown = shown_text_of(folder.joinpath(*PurePosixPath(doc.path).parts))
    if shown is None or not any((clean(q) or q) in shown for q in said_then):
        return {}
    # Each section as these minutes were made: a section the sex changes nothing in as it
    # is now, not with what the release before said in it (sporsmal_for: the film's
    # question, made by this release in its own words), which the minutes never showed.
    now_said = _said_now({"tema": named}, ("tema",))["tema"]
    named = {k: v for k, v in named.items() if k != "formal" + FORMER_TITLE}  # made now: in
    # this release's purpose
    return {**_said_now(doc.context, ("samtale",)), "tema": {**named, "seksjoner": [
        {**now, "sporsmal" + FORMER_TITLE: was["sporsmal"]}
        if now["sporsmal"] != was["sporsmal"] else now
        for now, was in zip(now_said["seksjoner"], before["seksjoner"], strict=True)]}}


def _in_the_other_sex(ctx, part: str, tema: dict, path, folder: Path | None) -> bool:
    """Whether minutes someone is writing in (not Document.untouched), kept as made, say of
    the child what the journal no longer does: made while it had the child as a girl, it
    now has a boy (or the other way round), and the minutes in the case folder say a
    question so («hun», «henne»). They stay as they are (Document.kept_through); the case's
    overview says so once (documents/oversikt.py), for whoever writes them to correct."""
    now = ctx.case.barn.kjonn
    if now not in ("jente", "gutt") or folder is None:
        return False
    named = _child_named(ctx, part, tema)
    other = _child_named(ctx, part, tema, kjonn="gutt" if now == "jente" else "jente")
    said_then = [q for was, is_ in zip(other["seksjoner"], named["seksjoner"], strict=True)
                 for q in was["sporsmal"] if q not in is_["sporsmal"]]
    if not said_then:
        return False
    shown = shown_text_of(folder.joinpath(*PurePosixPath(path).parts))
    return shown is not None and any((clean(q) or q) in shown for q in said_then)


def _said_now(context: dict, keys: tuple[str, ...]) -> dict:
    """context's values at keys without what they said before (FORMER_TITLE): minutes nobody
    has written in (Document.untouched) are made again in place in the new words, rather
    than kept in the words they were made with. A value with nothing to leave out anywhere
    in it is given as it is, not copied: the same object the other documents of the case
    hold (a shared theme, the conversation), which rendering/prepare.py then cleans and
    digests once for all of them (by identity), as it does any shared value."""
    def now(value):
        if isinstance(value, dict) and type(value) is not dict:  # (none is: as it was)
            return {k: now(v) for k, v in value.items() if not k.endswith(FORMER_TITLE)}
        if isinstance(value, list) and type(value) is not list:
            return [now(v) for v in value]
        if isinstance(value, dict):
            made = None
            for k, v in value.items():
                if k.endswith(FORMER_TITLE):
                    made = made if made is not None else _until(value, k)
                    continue
                kept = now(v) if isinstance(v, CONTAINERS) else v  # (a text: as it is)
                if made is None and kept is not v:
                    made = _until(value, k)
                if made is not None:
                    made[k] = kept
            return value if made is None else made
        if isinstance(value, list):
            said = None
            for i, v in enumerate(value):
                kept = now(v) if isinstance(v, CONTAINERS) else v
                if said is None and kept is not v:
                    said = value[:i]
                if said is not None:
                    said.append(kept)
            return value if said is None else said
        return value
    return {key: now(context[key]) for key in keys if key in context}


CONTAINERS = (dict, list)


def _until(value: dict, key: str) -> dict:
    """value's items before key, in their order (a copy _said_now goes on filling)."""
    made: dict = {}
    for k, v in value.items():
        if k == key:
            return made
        made[k] = v
    return made


def _withdrawn(ctx, made, folder: Path | None) -> list[str]:
    """Minutes in the case folder, made by an earlier run and not this one, that are for a
    parent who declined (their marker names the parent), or for a conversation now made
    under another name (the parents' shared minutes, now one parent's own, or the other way
    round): their paths, to go when nobody has written in them (CaseContext.withdrawn), as
    invitations no longer made do. Never minutes that came back. folder: _case_folder."""
    if folder is None:
        return []
    paths = {path for path, _ in made}
    kept = {(m.part, m.tema, m.nummer, m.forelder) for _, m in made}
    shared = {which[:3] for which in kept if which[3] is None}
    own = {which[:3] for which in kept if which[3] is not None}
    declined = {i for i, p in enumerate(ctx.case.foreldre) if p.takker_ja is False}
    returned = {s.identity for s in ctx.case.samtaler if s.referat_mottatt}
    gone = []
    for part in {PurePosixPath(path).parent for path, _ in made} | _parent_folders(ctx):
        for file in sorted((folder / part).glob("*.docx")) if (folder / part).is_dir() else []:
            path = part / file.name
            if path in paths or not ctx.ours(file):
                continue
            marker = _marker_of(file)
            if marker is None:
                continue
            which = (marker.part, marker.tema, marker.nummer, marker.forelder)
            if which not in returned and which not in kept and (
                    marker.forelder in declined
                    or which[:3] in (own if marker.forelder is None else shared)):
                if open_in_office(file):  # not from under whoever has it open: said in the log
                    ctx.held_open.append(path.as_posix())
                else:
                    gone.append(path.as_posix())
    return gone


def _parent_folders(ctx) -> set[PurePosixPath]:
    """The parents' minutes folder, also when no minutes of theirs are made this run (both
    declined)."""
    return {PurePosixPath(ctx.t("fil.referater"), part.navn) for part in ctx.programme.parter
            if part.id == "foreldre"}


def _marker_of(file: Path) -> minutes_marker.Marker | None:
    """The hidden marker of minutes in the case folder; None for any other file."""
    try:
        with zipfile.ZipFile(file) as archive:
            return minutes_marker.find_marker(archive)
    except (OSError, zipfile.BadZipFile):
        return None


def _case_folder(ctx) -> Path | None:
    """Where the case's documents are, in a run; None outside one. Found once a case
    (Referat.documents) and handed to what needs it."""
    if ctx.ours is None or not ctx.pseudonym:
        return None
    return case_folder_path(Path(ctx.settings.paths.outbox), ctx.case.journalnummer,
                            ctx.pseudonym)


def _untouched(ctx, path, folder: Path | None | EllipsisType = ...) -> bool:
    """Whether nobody has written in the minutes at path (the case folder's copy is as a run
    wrote it, or none is there): then they are made again in place when the journal has
    more to fill in (the conversation held, its participants and assessment), rather than
    kept as made; but not while they are open (_open_now). Outside a run: no. folder: the
    case's (_case_folder), found here when not given."""
    if isinstance(folder, EllipsisType):
        folder = _case_folder(ctx)
    if folder is None:
        return False
    return ctx.ours(folder.joinpath(*PurePosixPath(path).parts))


def _open_now(ctx, path, folder: Path | None | EllipsisType = ...) -> bool:
    """Whether the case folder's copy of the minutes at path is open in Word or LibreOffice:
    then it is kept as it is, not made again under whoever is writing in it
    (Document.held_open). Outside a run: no. folder: as _untouched's."""
    if isinstance(folder, EllipsisType):
        folder = _case_folder(ctx)
    return folder is not None and open_in_office(folder.joinpath(*PurePosixPath(path).parts))


def _written_for(ctx, conv) -> dict:
    """What the places to write show before the contact person writes: the date, those
    present and the assessment the journal already has for a conversation it records as held
    (read back as written when the minutes come back), the child's minutes asking for the
    child among those present, who is invited to a planned conversation (in the grey text),
    the interpreter's language for a party with one, whether the journal has the
    conversation at all (ikke_registrert), and what it recorded after the party's
    conversation before (siden_sist: _since_last)."""
    t = ctx.t
    held = conv.status == "gjennomfort"
    journal = next((v for v in ctx.case.vurderinger
                    if v.of_conversation(conv, ctx.case)), None)
    prompt = t("referatfelt.deltakere_barnet" if conv.part == "barnet"
               else "referatfelt.deltakere")
    invited = _invited(ctx, conv) if conv.status == "planlagt" else []
    if invited:
        prompt = f"{t('referatfelt.invitert', navn=t.join(invited))} {prompt}"
    return {
        "holdt": t.dato(conv.dato) if held else "",
        "holdt_hjelp": _held_prompt(ctx, conv),
        "til_stede": prompt,
        "deltakere": _present(ctx, conv) if held else [],
        "tolk": interpreter_prompt(ctx, conv.part, conv.forelder),
        "vurdering_fra_journal": held and journal is not None,
        # History the journal did not record (a later conversation of the party is there):
        # the minutes say to write them only if it was held.
        "ikke_registrert": conv.status == "ikke_registrert",
        "vurdering": {q.id: (clean(getattr(journal, q.id, None)) or "") if held and journal
                      else "" for q in ctx.programme.vurderingssporsmal},
        "siden_sist": _since_last(ctx, conv),
    }


SINCE_LAST = "referat.siden_sist."


def _nothing_since() -> dict:
    """The section after the conversation's plan when there is none (_since_last): quiet, as
    minutes made before it were (the quiet values referat.siden_sist declares in
    rendering/fields.py), each a value of its own (the lists are not shared)."""
    return {path.removeprefix(SINCE_LAST): copy.copy(value)
            for path, value in quiet_values().items() if path.startswith(SINCE_LAST)}


def _since_last(ctx, conv) -> dict:
    """The minutes' section after the conversation's plan (the programme's siden_sist): what
    the journal recorded after the party's last conversation before this one that it has an
    assessment of (the need for support, the follow-up), naming that conversation's theme
    and day, and how it has gone since. For a parent's own conversation, their own track and
    the parents' shared conversations before it. Nothing (_nothing_since) when the programme
    has no such section, or that assessment says nothing there: no heading without anything
    under it.

    With the prefilled places (rendering/prepare.py PREFILLED_KEY), not the theme: minutes
    a caseworker is writing in keep their issue when the journal records an assessment
    later (or on the release that brought the section), with no copy «(ny versjon)» beside
    them; minutes nobody has written in are made again in place with it."""
    since = ctx.programme.siden_sist
    if since is None:
        return _nothing_since()
    case = ctx.case
    before = [c for c in ctx.plan.for_part(conv.part)
              if c.status == "gjennomfort" and (c.tema, c.nummer) < (conv.tema, conv.nummer)
              and (conv.forelder is None or c.forelder in (None, conv.forelder))]
    for last in sorted(before, key=lambda c: (c.dato, c.tema, c.nummer), reverse=True):
        journal = next((v for v in case.vurderinger if v.of_conversation(last, case)), None)
        if journal is None:
            continue
        lines = [{"navn": label, "tekst": text} for key, label in since.vurderinger.items()
                 if (text := clean(getattr(journal, key, None) or ""))]
        if not lines:
            return _nothing_since()
        t = ctx.t
        title = ctx.part(conv.part).tema(last.tema).tittel  # as the parents' minutes name it
        title = title_to_parents(ctx, conv.part, {"tittel": title, "overskrift": title})["tittel"]
        named = (f"{t('sak.tema_kort', nummer=last.tema)} «{title}»" if last.tema
                 else f"«{title}»{t('sak.kontakt', nummer=last.nummer)}")
        ask = (lambda q: to_one_parent(q, ctx.malform)) if ctx.with_one_parent(conv) \
            else (lambda q: q)
        return {"tittel": since.tittel,
                "innledning": since.innledning.format(tema=named, dato=t.dato(last.dato)),
                "fra_journal": lines,
                "sporsmal": [ask(ctx.in_case_words(q)) for q in since.sporsmal]}
    return _nothing_since()


def _held_prompt(ctx, conv) -> str:
    """The grey text of «Dato holdt»: its example is the conversation's planned date («for
    eksempel 18.01.2027»), the date most likely to be written (helper 194); the catalogue's
    own example for one without a date. One the journal lacks, held before a later
    conversation («ikke registrert (før 19. oktober 2026)»): the last working day before
    that one as the example, not a date after it; none where no working day from the move
    on comes before it, nor where no later conversation has a date («ikke registrert»):
    the catalogue's example, 20.11.2026, read there as a real date a caseworker might leave
    (helper 506), so the place only asks for the date."""
    if conv.undated:
        after = schedule.dated_after(ctx.plan, conv)
        if after is None:
            return ctx.t("referatfelt.holdt_uten_eksempel")
        day = WorkCalendar.from_settings(ctx.settings.schedule).on_or_before(
            after.dato - timedelta(days=1))
        if day < ctx.plan.start:
            return ctx.t("referatfelt.holdt_uten_eksempel")
        return ctx.t("referatfelt.holdt_eksempel", dato=kort_dato(day))
    return ctx.t("referatfelt.holdt_eksempel", dato=kort_dato(conv.dato))


def _own_grey(written: dict) -> dict[str, str]:
    """The places whose grey text is the minutes' own (who is invited, in «Til stede»; the
    planned date in «Dato holdt»): read back as nothing written only while it is as made
    (minutes_marker.GREY_PROPERTY)."""
    own = {}
    prompt = written["til_stede"]
    if not written["deltakere"] and prompt not in minutes_marker.PROMPTS:
        own[minutes_marker.PARTICIPANTS.tag] = prompt
    if not written["holdt"] and written["holdt_hjelp"] not in minutes_marker.PROMPTS:
        own[minutes_marker.HELD.tag] = written["holdt_hjelp"]
    return own


def _present(ctx, conv) -> list[str]:
    """Who the journal says took part in a conversation it records as held (its entry's
    deltakere), one a line; none when it names nobody (the place then asks for them)."""
    entries = [s for s in ctx.case.samtaler
               if s.status == "gjennomfort" and s.deltakere
               and (s.part, s.tema, s.nummer) == (conv.part, conv.tema, conv.nummer)
               and s.forelder in (None, conv.forelder)]
    entry = next((s for s in entries if s.dato == conv.dato), entries[0] if entries else None)
    return [name for name in (clean(n) for n in entry.deltakere) if name] if entry else []


def _invited(ctx, conv) -> list[str]:
    """Who is invited to a planned conversation, named in the grey text of «Til stede» («Invitert:
    …»): the child by first name; the foster parents; the parent whose own conversation it
    is, or the parents taking part (not one who declined); and the contact person. Names the
    journal lacks are left out. Grey text, read back as empty while it is as made
    (minutes_marker.is_prompt, _own_grey): a copy sent back unwritten is no minutes, and
    takes back none read before; a name changed in it is written."""
    case = ctx.case
    if conv.part == "barnet":
        people = [case.barn.fornavn]
    elif conv.part == "fosterfamilien":
        people = [p.navn for p in case.fosterfamilie.fosterforeldre]
    elif conv.part == "foreldre":
        people = [p.navn for i, p in enumerate(case.foreldre)
                  if (i == conv.forelder if conv.forelder is not None
                      else p.takker_ja is not False)]
    else:
        return []
    names = [name for name in (clean(p or "") for p in people) if name]
    contact = clean(ctx.base["kontaktperson"]["navn"] or "")
    if names and contact and not MISSING_RE.search(contact):
        names.append(contact)
    return names


def _with_late_note(ctx, conv, tema: dict) -> dict:
    """The theme, for a move follow-up contact held after theme 1 would have begun
    ([schedule] first_theme_after_days: a case that came late, say), with a note after its
    purpose: its questions about the time around the move now check what is in place.

    In the purpose (tema.formal), which the minutes show already, not a field of its own:
    a field the template newly shows would make every unreturned minutes document again on
    the release day (store/issued.py), beside the copies being written in."""
    later = ctx.plan.start + timedelta(days=ctx.settings.schedule.first_theme_after_days)
    if conv.tema != 0 or conv.dato <= later:
        return tema
    note = ctx.t("referatfelt.sen_flytting", dato=ctx.t.dato(ctx.plan.start))
    return {**tema, "formal": f"{tema['formal']} {note}"}


CHILD_WORDS = re.compile(r"\b([Bb])arnet(s)?(?: (?:ditt|deres|dykkar|sitt))?\b")
"""«barnet» in a question or section title of the programme, with its possessive («barnet
ditt», «barnet deres»: the parents'), and «barnets»."""
QUOTED = re.compile(r"(«[^»]*»|\bfilmen om [^,.;:?!–—()«]*)")
"""A name the programme quotes («Barnets behov i sentrum»), and what a film is about
(«filmen om å la barnet slå seg til ro»: a film made for every child): said as it is."""
SAID_OF_IT = re.compile(r"\b(?:det|dets|dens|trygt)\b", re.IGNORECASE)
"""After «barnet», words that may say it again as «det» (or agree with it: nynorsk «kjenne
seg trygt»). A question with them is named only where the text catalogue's [referat_barnet]
knows its «det» (_said_again); else it keeps «barnet» («Hvordan viser barnet hva det trenger
…» without the child's sex)."""
CLAUSE_END = re.compile(r"[,.;:?!–—()]")
"""Where a clause of a question ends: what it says of «barnet» is in its own."""
BEING = frozenset("er blir ble var virker virke verkar verke vart bli være vere føler føle "
                  "kjenner kjenne".split())
"""Verbs saying what the child is or feels like («Er barnet ensomt?», «Virker barnet utrygt
…», «kan barnet kjenne seg trygt»): an adjective after them agrees with «barnet»."""
BY_THE_WAY = frozenset("seg blitt vorte så mer meir veldig litt ofte ganske nokså helt heilt "
                       "svært".split())
"""Words between such a verb and its adjective («Er barnet blitt sårbart?»)."""


def _child_named(ctx, part: str, tema: dict, reworded: bool = True,
                 sex_unknown: bool = False, kjonn: str | None = None) -> dict:
    """The theme's section titles and questions in the minutes of the parents' and the
    foster family's conversations with the child's first name for «barnet», as the
    invitations name the child (CaseContext.child_named): the minutes are about this one
    child («Hva trenger Sofie …», «Når Sofie bor hos slekt eller nettverk»). The child's own
    conversations keep their words (there «barnet» is said of children in general, as in
    «Barnets rettigheter»), as do quoted names and the theme's purpose; and «barnet» stays
    where the journal has no first name (helper 187). A question that says the child again
    as «det» says «hun» or «han» where the journal has the child's sex («Hvordan viser Sofie
    hva hun trenger …»; helper 195), else the name again («hva slags omsorg har Jonas mest
    nytte av?»; helper 199), not «barnet … det» in one question and the name in the next
    (_said_again). Without the sex, such a «det» the text catalogue's [referat_barnet]
    uten_kjonn words without a pronoun is said so, naming the child once («Hva vet Jonas
    selv om grunnen til flyttingen, og hvordan har reaksjonene vært?», not «… hvorfor Jonas
    måtte flytte, og hvordan reagerer Jonas …»; helper 207); reworded=False: as the release
    before said it (the name again); sex_unknown: as said without the sex, though the
    journal has it now (_made_without_sex); kjonn: as said of a child of that sex, not the
    journal's (_in_the_other_sex). What a film is about keeps «barnet» («filmen om
    å la barnet slå seg til ro»: the film is made for every child; helper 199)."""
    name = clean(ctx.case.barn.fornavn)
    if part == "barnet" or not name:
        return tema
    sex = kjonn or ctx.case.barn.kjonn
    sex_known = sex in ("jente", "gutt") and not sex_unknown
    pronouns = ctx.t.get(f"referat_barnet.{sex}") if sex_known \
        else [name, name]
    without = [] if sex_known or not reworded else \
        [(said, instead) for said, instead in ctx.t.get("referat_barnet.uten_kjonn")]
    # Each text named once a case so: a case's minutes, and each minutes' three wordings
    # (as now, as made without the sex, as the release before), say many of the same.
    # (A context without it, a test's stand-in: each asked afresh.)
    said_before: dict[str, str] = ctx.once(
        ("referat.barnet", name, tuple(pronouns), tuple(without)), dict) \
        if hasattr(ctx, "once") else {}

    def named(text: str) -> str:
        if "arnet" not in text:  # nothing CHILD_WORDS finds: most of the programme's words
            return text
        found = said_before.get(text)
        if found is None:
            found = said_before[text] = naming(text)
        return found

    def naming(text: str) -> str:
        kept = [m.span() for m in QUOTED.finditer(text)]
        said = [m for m in CHILD_WORDS.finditer(text)
                if not any(start <= m.start() < end for start, end in kept)]
        if not said:
            return text
        first = said[0]
        if any(_agrees_with_it(ctx.t, text, m.start(), m.end()) for m in said):
            return text
        if SAID_OF_IT.search(text, first.end()):
            again = _said_again(ctx.t, text[first.end():], pronouns, without)
            if again is None:
                return text
            text = text[:first.end()] + again
        return "".join(bit if QUOTED.fullmatch(bit) else CHILD_WORDS.sub(
            lambda m: _genitive(name) if m.group(2) else name, bit)
            for bit in QUOTED.split(text))

    return {**tema, "seksjoner": [
        {**s, "tittel": named(s["tittel"]), "sporsmal": [named(q) for q in s["sporsmal"]]}
        for s in tema["seksjoner"]]}


def _said_again(t, after: str, pronouns: list[str],
                without: Sequence[tuple[str, str]] = ()) -> str | None:
    """What follows «barnet» in a question, for a name: each «det» the text catalogue knows
    as the child («hva det trenger», [referat_barnet] sagt_igjen) as «hun»/«han» (pronouns:
    subject, object; the name twice where the journal has no sex), a phrase of without (the
    catalogue's uten_kjonn, where it has no sex) as it says it, words agreeing with «barnet» as
    with a name («trygt»: «trygg»), and a «det» it knows as something else as it is
    («hvordan barnet har det»). None where the question must keep «barnet»: a «det» the
    catalogue does not know (it may be the child)."""
    known = [(said, instead) for said, instead in without if said in after]
    known += [(said, with_name) for said, with_name in t.get("referat_barnet.samsvar")]
    for phrase in t.get("referat_barnet.sagt_igjen"):
        it = phrase.replace("<S>", "det").replace("<O>", "det")
        if it in after:
            known.append((it, phrase.replace("<S>", pronouns[0]).replace("<O>", pronouns[1])))
    rest = after
    for said in [s for s, _ in known] + t.get("referat_barnet.sagt_om_annet"):
        rest = rest.replace(said, " ")
    if SAID_OF_IT.search(rest):
        return None
    for said, with_name in known:
        after = after.replace(said, with_name)
    return after


def _agrees_with_it(t, text: str, start: int, end: int) -> bool:
    """Whether the clause saying «barnet» (text[start:end]) says what it is or feels like
    with a word that may be an adjective agreeing with «barnet» (neuter: «Er barnet
    ensomt?», «Virker barnet utrygt …», «… lite», nynorsk «Er barnet einsamt?»): with a name
    it would need «ensom», so the question keeps «barnet» (a municipality's own programme may
    ask so; helper 196). Participles alike with a name («skuffet», «frustrert», «ivaretatt»)
    are no reason; a word that only may be one («sint») is, as nothing wrong may be said.
    The text catalogue's [referat_barnet] samsvar («kjenne seg trygt») are said as it gives
    them."""
    before = CLAUSE_END.split(text[:start])[-1].split()
    after_text = CLAUSE_END.split(text[end:])[0]
    for said, _ in t.get("referat_barnet.samsvar"):
        after_text = after_text.replace(said, " ")
    after = after_text.split()
    if before and before[-1].lower() in BEING:
        words = after
    elif after and after[0].lower() in BEING:
        words = after[1:]
    else:
        return False
    for word in words:
        word = word.lower()
        if word not in BY_THE_WAY:
            return word == "lite" or (word.endswith("t") and word != "det"
                                      and not word.endswith(("tt", "et", "ert")))
    return False


def _genitive(name: str) -> str:
    """«Sofies», and «Jonas'» for a name ending in s, x or z."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def interpreter_prompt(ctx, part: str, forelder: int | None = None) -> str:
    """The grey text of the minutes' «Tolk» row, naming the languages interpreted when the
    contact person meets this party (forelder: one parent's own conversation); empty when
    none is, and the row is left out. Also the joint meeting's (documents/fellesmote.py),
    where the parents taking part meet together."""
    languages = _languages(ctx, part, forelder)
    return ctx.t("referatfelt.tolk", sprak=ctx.t.join(languages)) if languages else ""


def _languages(ctx, part: str, forelder: int | None) -> list[str]:
    """The languages interpreted: the child's, or each parent's taking part (their own
    conversation's parent only), with whose it is when the parents share it."""
    t = ctx.t
    if part == "barnet":
        return [_interpreter(ctx.case.barn, t)[1]] if ctx.case.barn.tolk else []
    if part != "foreldre":
        return []
    parents = [(i, p) for i, p in enumerate(ctx.case.foreldre)
               if p.tolk and (i == forelder if forelder is not None
                              else p.takker_ja is not False)]
    if forelder is not None or len(ctx.case.foreldre) < 2:
        return [_interpreter(p, t)[1] for _, p in parents]
    return [t("referatfelt.tolk_for", sprak=_interpreter(p, t)[1],
              hvem=ctx.parent_label(i)) for i, p in parents]


@hookimpl
def register_document_kinds(register):
    register(Referat())
