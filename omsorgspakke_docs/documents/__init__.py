"""Built-in document kinds, one plugin module each, and the team leader's caseload workbook.

Each kind registers itself through register_document_kinds and is a hookspecs.DocumentKind:
name, title (Norwegian, shown to template authors), templates (the files it uses, in
templates/) and documents(ctx) -> Iterable[Document], one Document per output file.
The helpers below are shared by the kinds.

A kind whose output needs no template (the calendar files) gives each Document its bytes in
`data` and an empty template name; see docs/plugins.md.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from ..planning.workdays import LETTER_DAYS as LETTER_DAYS  # sending.py's, from here
from ..planning.workdays import letter_day
from ..rendering.context import _age
from ..rendering.renderer import Document
from ..text import MISSING_RE

_NOT_IN_FILE_NAMES = re.compile(r"[^A-Za-z0-9ÆØÅæøå ,()-]+")


def file_title(text: str) -> str:
    """A title from our own programme data as a file name part: 'Hvorfor måtte jeg flytte'."""
    return re.sub(r"\s+", " ", _NOT_IN_FILE_NAMES.sub(" ", text)).strip()


def document(path: str, template: str, base: dict[str, Any], **extra: Any) -> Document:
    """A document from template, in the standard of base (the context's "malform"); a
    letter (to a mottaker) with whom it is addressed to (readers)."""
    return Document(document_key(path, template), template, {**base, **extra},
                    malform=base.get("malform", "bokmal"),
                    readers=readers(base, extra.get("mottaker")))


def readers(base: dict[str, Any], mottaker: dict[str, Any] | None) -> tuple[str, ...]:
    """Each person a letter to this recipient is addressed to, by name, when it is more than
    one: the foster parents the journal names, one by one (a letter to «Kari Øvrebø og Jon
    Åge Øvrebø» is a letter to each, also the younger child's letter to them), as a letter to
    one of them alone names them. None for a letter to one person, whose name the letter
    shows (store/issued.py READER), nor for foster parents the journal does not name. Parents
    get letters of their own (parents), each to one parent."""
    if not mottaker or mottaker.get("rolle") != "fosterforeldre" or mottaker.get("en_person"):
        return ()
    names = tuple(name for p in base.get("fosterfamilie", {}).get("fosterforeldre", [])
                  if isinstance(name := p.get("navn"), str) and name
                  and not MISSING_RE.search(name))
    return names if len(names) > 1 else ()


def document_key(path: str, template: str) -> PurePosixPath:
    """Where the document from template goes in the case folder: its key in the state."""
    parts = [file_title(p) for p in path.split("/")]
    parts[-1] += "." + template.rsplit(".", 1)[1]
    return PurePosixPath(*parts)


def opens(ctx, day: date) -> date:
    """The day letters for a meeting on this day are made and dated (workdays.letter_day:
    the plan's note on a date the journal moved says it too)."""
    return letter_day(day, ctx.settings.documents.invitation_days_before)


def due(ctx, day: date) -> bool:
    """Whether letters for a conversation on this day are made yet (opens). Until then the
    plan and the information letter carry the date; a later run (a daily watch) makes the
    letter."""
    return ctx.today >= opens(ctx, day)


def conversation_due(ctx, conv) -> bool:
    """Whether a planned conversation's invitation and minutes are made yet: from its window
    (due), and for the move follow-up's later contacts only from the day of the contact
    before, which is where the next one is agreed; so a folder does not fill with a whole
    move's letters and minutes at once."""
    if not due(ctx, conv.dato):
        return False
    if conv.tema != 0 or conv.nummer == 1:
        return True
    before = next((c for c in ctx.plan.for_part(conv.part) if c.tema == 0
                   and c.nummer == conv.nummer - 1 and c.forelder == conv.forelder), None)
    return before is None or before.status != "planlagt" or before.dato <= ctx.today


def conversation_file(conv: dict[str, Any], t, title: str | None = None) -> str:
    """'Tema 1 - Fortsatt familie', and '- mor' for one parent's own conversation. title: the
    theme's title in file names (CaseContext.file_title), when not the one conv shows."""
    name = t("fil.samtale", tema=conv["tema"], tittel=title or conv["tittel"])
    return f"{name} - {conv['forelder']}" if conv.get("forelder") else name


def in_their_standard(ctx, people: list[dict[str, Any]], find) -> list[tuple]:
    """Each recipient with the context their letter is written from: [(recipient as the
    case folder names it, letter context, recipient as the letter words it)]. find(c) lists
    the same recipients, in the same order, from context c."""
    out = []
    for i, mottaker in enumerate(people):
        c = for_recipient(ctx, mottaker)
        out.append((mottaker, c, mottaker if c is ctx else find(c)[i]))
    return out


def for_recipient(ctx, mottaker: dict[str, Any]):
    """The context a letter to this recipient is written from: the municipality's standard,
    or the one the recipient asked for (foreldre[].malform, fosterfamilie.malform)."""
    return ctx.in_malform(mottaker.get("malform") or ctx.malform)


def listed_date(day: date, tid: str, cancelled: bool = False) -> str:
    """A conversation's day and time (as its row shows it: «10.00–11.30») and whether it is
    cancelled, as the information letter's dates keep them (informasjonsbrev._listed): what
    an invitation asks of them (innkalling.given_day)."""
    said = f"{day.isoformat()} {tid} {cancelled}"
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:16]


def with_suffix(path: str, mottaker: dict[str, Any]) -> str:
    """The file name for one recipient: '02 Informasjonsbrev til foreldre - mor'."""
    return f"{path} - {mottaker['fil']}" if mottaker["fil"] else path


# --- Who letters go to -------------------------------------------------------------------
# A recipient (mottaker) is what a letter's address block and greeting need, plus the
# adaptations that belong to that reader: an interpreter and its language, and whether the
# letter is written to the child.

def _recipient(navn, adresse, postadresse, fil="", tolk=False, sprak="", **more) -> dict:
    """rolle says who reads the letter: forelder, fosterforeldre or barnet; sendes how the
    letter goes (digitalt or post: _delivery); en_person whether the letter says «du» (a
    parent, the child, one foster parent) or «dere» (the foster parents); referanse the
    reader's own reference, «Deres ref.» (empty: the letter has no such line)."""
    found = {"navn": navn, "adresse": adresse, "postadresse": postadresse, "fil": fil,
             "tolk": tolk, "sprak": sprak, "er_barnet": False, "hilsen": navn, "co": "",
             "rolle": "fosterforeldre", "lang_reisevei": False, "hvem": "",
             "sendes": "digitalt", "malform": None, "takket_ja": False, "andre": "",
             "referanse": "", **more}
    found.setdefault("en_person", found["rolle"] != "fosterforeldre")
    return found


def _delivery(ctx, person) -> str:
    """How a letter to this person goes: as the export says (forsendelse), else as the
    municipality set it ([documents] delivery_default; delivery_child for the child)."""
    if person is not None and person.forsendelse:
        return person.forsendelse
    documents = ctx.settings.documents
    return documents.delivery_child if person is ctx.case.barn else documents.delivery_default


def _interpreter(person, t) -> tuple[bool, str]:
    """Whether this person needs an interpreter, and the language (a placeholder if unknown)."""
    if not person.tolk:
        return False, ""
    return True, person.sprak or t.missing(t("felt.sprak_tolk"))


def parents(ctx, accepted: bool = True) -> list[dict[str, Any]]:
    """Letters to the parents, one to each: to those who have not declined (accepted=True), or
    to those who have declined (accepted=False). Each parent decides for themselves whether to
    take part, so parents get their own letters also when they live together. A parent with
    a track of their own (living apart, schedule.own_tracks) is named in the file also while
    the other declines, so the letter keeps its name when the other joins. A letter to a
    parent who declined is named by them whenever the journal lists another parent
    («02 Nytt tilbud om Omsorgspakken - far»), as the other parents' letters are."""
    pairs = [(p, f) for p, f in zip(ctx.case.foreldre, ctx.base["foreldre"], strict=True)
             if (p.takker_ja is False) != accepted]
    # A renewed offer is named by its parent whenever the journal has another: two parents'
    # offers never share a name, and one keeps its name when the other declines too.
    many = len(pairs) > 1 or accepted and any(
        c.forelder is not None for c in ctx.plan.for_part("foreldre")) \
        or not accepted and len(ctx.case.foreldre) > 1
    out = []
    for p, f in pairs:
        # Who else the letter's joint conversation or meeting is for: each parent is told.
        others = [the_other_parent(ctx, o) for o, _ in pairs if o is not p]
        tolk, sprak = _interpreter(p, ctx.t)
        # Named in the file as in their invitations and minutes: "mor", else "forelder 2".
        label = ctx.parent_label(f["nummer"] - 1)
        out.append(_recipient(f["navn"], f["adresse"], f["postadresse"],
                              label if many else "", tolk, sprak,
                              rolle="forelder", lang_reisevei=bool(p.lang_reisevei),
                              hvem=p.rolle or ctx.t("hvem.forelder", nummer=f["nummer"]),
                              malform=f["malform"],
                              forelder=f["nummer"] - 1, takket_ja=p.takker_ja is True,
                              andre=_capitalised(f" {ctx.t('ord.og')} ".join(others)),
                              sendes=_delivery(ctx, p), referanse=p.referanse or ""))
    return out


def role_key(person) -> str:
    """A parent's role as the catalogue's [foreldrene_til] words it: mor, far or forelder."""
    role = (person.rolle or "").strip().lower()
    return role if role in ("mor", "far") else "forelder"


def the_other_parent(ctx, person) -> str:
    """Another parent, as a letter to one parent names them: «faren til Sofie»; a role
    the catalogue has no words for as the journal gives it; else «den andre forelderen»."""
    key = role_key(person)
    if key != "forelder":
        return ctx.t(f"foreldrene_til.{key}", barn=ctx.base["barn"]["fornavn"])
    return person.rolle.strip() if person.rolle else ctx.t("foreldrene_til.andre")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def parent_recipient(ctx, index: int) -> dict[str, Any]:
    """The letter to one parent, for a conversation of their own (the file name already says
    whose conversation it is)."""
    person, f = ctx.case.foreldre[index], ctx.base["foreldre"][index]
    tolk, sprak = _interpreter(person, ctx.t)
    return _recipient(f["navn"], f["adresse"], f["postadresse"], "", tolk, sprak,
                      rolle="forelder", lang_reisevei=bool(person.lang_reisevei),
                      hvem=person.rolle or ctx.t("hvem.forelder", nummer=f["nummer"]),
                      malform=f["malform"], sendes=_delivery(ctx, person),
                      referanse=person.referanse or "")


def child_writes_to_self(ctx, on: date | None = None) -> bool:
    """An older child gets letters written to them; a younger child's go to the foster parents.

    on: the day the letter is about (an invitation's conversation), so the recipient of a
    conversation's invitation does not change when the child has a birthday between the
    letter and the conversation; without it, the day of the run (the watched day sees the
    question)."""
    age = _age(ctx.case.barn.fodt, ctx.today if on is None else on)
    return age is not None and age >= ctx.settings.documents.child_letter_min_age


def one_or_both(ctx, key: str) -> str:
    """A catalogue key said of the foster parents, or its «_en» twin said of the one foster
    parent the journal has («Felles møte med fosterforelderen»)."""
    return f"{key}_en" if ctx.base["fosterfamilie"]["en_fosterforelder"] else key


def foster_parents(ctx, fil: str = "") -> dict[str, Any]:
    foster = ctx.base["fosterfamilie"]
    return _recipient(foster["navn"], foster["adresse"], foster["postadresse"], fil,
                      malform=foster["malform"], sendes=_delivery(ctx, ctx.case.fosterfamilie),
                      en_person=foster["en_fosterforelder"],
                      referanse=ctx.case.fosterfamilie.referanse or "")


def recipients(ctx, part_id: str, on: date | None = None) -> list[dict[str, Any]]:
    """Who letters to a party go to: each parent who has not declined, the child (for a
    younger child, the foster parents: the child's age on `on`, child_writes_to_self), the
    foster parents."""
    base, t = ctx.base, ctx.t
    if part_id == "foreldre":
        found = parents(ctx)
        if found or ctx.case.foreldre:
            return found
        who = t("hvem.foreldrene")
        return [_recipient(t.missing(t("felt.navn", hvem=who)),
                           t.missing(t("felt.adresse", hvem=who)),
                           t.missing(t("felt.postadresse", hvem=who)),
                           rolle="forelder", sendes=_delivery(ctx, None))]
    if part_id == "barnet":
        tolk, sprak = _interpreter(ctx.case.barn, t)
        if not child_writes_to_self(ctx, on):
            return [{**foster_parents(ctx, ctx.foster_parents_ending()), "tolk": tolk,
                     "sprak": sprak}]
        foster = base["fosterfamilie"]
        return [_recipient(base["barn"]["navn"], foster["adresse"], foster["postadresse"], "",
                           tolk, sprak, er_barnet=True, hilsen=base["barn"]["fornavn"],
                           rolle="barnet", sendes=_delivery(ctx, ctx.case.barn),
                           co=f"c/o {foster['navn']}")]
    return [foster_parents(ctx)]
