"""A case field's path, as merging names it («samtaler[barnet:1::].dato»), in the words a
caseworker reads in the case folder's list of disagreements («Samtale med barnet, tema 1:
dato»). Never a value: the path holds only what tells list items apart without personal
data (a conversation's party, theme, contact and parent; a parent's role).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import Tekst

ITEM_KEYS = {
    "samtaler": ("part", "tema", "nummer", "forelder"),
    "vurderinger": ("part", "tema", "nummer", "forelder"),
    "foreldre": ("rolle",),
    "planer": ("type",),
}
"""What names a list item in a path, in place of its place in one export's list (which says
nothing to a reader): a conversation by party, theme, contact and parent, a parent by role,
a plan by type. Items without these are named by place, counted from 1."""

_SEGMENT = re.compile(r"^(\w+)(?:\[([^\]]*)\])?$")


def item_key(name: str, item: dict, index: int) -> str:
    """What goes between the brackets for this list item."""
    keys = ITEM_KEYS.get(name)
    if keys is None or not any(item.get(k) is not None for k in keys):
        return str(index)
    return ":".join("" if item.get(k) is None else str(item[k]) for k in keys)


def field_words(path: str, t: Tekst, roles: Sequence[str | None] = ()) -> str:
    """«Barnet: fødselsdato», «Samtale med barnet, tema 1: dato», «Forelder (mor): telefon»;
    a path it cannot read, as it is. roles: what tells the case's parents apart
    (Case.parent_roles), for a parent's own conversation named by place."""
    segments = []
    for segment in path.split("."):
        found = _SEGMENT.match(segment)
        if found is None:
            return path
        segments.append(_segment(found[1], found[2], t, roles))
    *within, leaf = segments
    words = f"{' – '.join(within)}: {leaf}" if within else leaf
    return words[:1].upper() + words[1:]


def _segment(name: str, key: str | None, t: Tekst, roles: Sequence[str | None]) -> str:
    labels = t.table("avvik_felt")
    label = labels.get(name, name.replace("_", " "))
    if key is None:
        return label
    if key.isdigit():  # by place: the first is 1
        return f"{label} {int(key) + 1}"
    if name in ("samtaler", "vurderinger"):
        return f"{label} {_conversation(key, t, roles)}"
    return f"{label} ({key})"


def _conversation(key: str, t: Tekst, roles: Sequence[str | None]) -> str:
    """«med barnet, tema 1», «med foreldrene (mor), oppfølgingen i flytteprosessen, kontakt
    3»; a parent without a role of their own by place («forelder 2»)."""
    part, tema, nummer, forelder = (key.split(":") + ["", "", "", ""])[:4]
    who = t.table("hvem").get({"foreldre": "foreldrene"}.get(part, part), part)
    if forelder.isdigit():
        index = int(forelder)
        role = roles[index] if index < len(roles) else None
        who += f" ({role or t('hvem.forelder', nummer=index + 1)})"
    if tema == "0":
        what = t("avvik_felt.flytteoppfolging", nummer=nummer or "1")
    else:
        what = t("sak.tema_kort", nummer=tema)
    return t("avvik_felt.samtale_med", hvem=who, hva=what)
