"""Where a document's template is found: one folder per written standard.

    templates/nb/referat.docx     bokmål
    templates/nn/referat.docx     nynorsk

A document in one standard uses its folder's template; when a municipality has that template
in the other standard only, the other one is used (a fallback `omsorgspakke check` and
`templates check` name), and a flat folder of templates without nb/ and nn/ (the layout before
nynorsk) serves both. Both standards' templates must use the same fields (`same_fields`).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..text import CODE, MALFORMER, NAME, Tekst, other, tekst

SUFFIXES = (".docx", ".xlsx")
_TAG = re.compile(r"\{[{%].*?[%}]\}", re.S)
_XML_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<t(?:\s[^>]*)?>([^<]*)</t>")


def resolve(root: Path, name: str, malform: str) -> Path:
    """The template file a document in this standard uses (it may not exist)."""
    for code in (CODE[malform], CODE[other(malform)]):
        path = root / code / name
        if path.is_file():
            return path
    return root / name


def allowed(root: Path) -> set[Path]:
    """The folders a template may be in: the templates folder and its nb/ and nn/."""
    root = root.resolve()
    return {root, *(root / CODE[m] for m in MALFORMER)}


def names(root: Path) -> set[str]:
    """Every template name in the folder, in either standard or flat."""
    found = set()
    for folder in (root, *(root / CODE[m] for m in MALFORMER)):
        if folder.is_dir():
            found |= {p.name for p in folder.iterdir()
                      if p.suffix in SUFFIXES and not p.name.startswith(("~$", "."))}
    return found


def fallbacks(root: Path, wanted: set[str], t: Tekst | None = None) -> list[str]:
    """Which documents use a template in another standard than their own, in t's words."""
    t = t or tekst()
    out = []
    for malform in MALFORMER:
        for name in sorted(wanted):
            path = resolve(root, name, malform)
            if not path.is_file() or path.parent.name == CODE[malform]:
                continue
            used = (t("malmappe.felles") if path.parent.resolve() == root.resolve()
                    else t("malmappe.annen", malform=NAME[other(malform)],
                           mal=f"{path.parent.name}/{name}"))
            out.append(t("malmappe.bruker", mal=name, malform=NAME[malform], bruker=used))
    return out


def tags(path: Path) -> list[str]:
    """The template's tags ({{ ... }} and {% ... %}), whitespace folded, in order."""
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist()
                 if n.startswith(("word/", "xl/")) and n.endswith(".xml")]
        text = "".join(
            "".join(a or b for a, b in _XML_TEXT.findall(z.read(n).decode("utf-8", "replace")))
            for n in sorted(parts))
    return [" ".join(t.split()) for t in _TAG.findall(text)]


def same_fields(root: Path, t: Tekst | None = None) -> list[str]:
    """Templates whose bokmål and nynorsk versions differ in their tags, in t's words."""
    t = t or tekst()
    problems: list[str] = []
    nb, nn = root / CODE["bokmal"], root / CODE["nynorsk"]
    if not (nb.is_dir() and nn.is_dir()):
        return problems
    for name in sorted(names(root)):
        a, b = nb / name, nn / name
        if not (a.is_file() and b.is_file()):
            continue
        ta, tb = tags(a), tags(b)
        if sorted(set(ta)) != sorted(set(tb)):
            only = sorted(set(ta) ^ set(tb))
            problems.append(t("malmappe.ulike_felt", mal=name, felt=", ".join(only[:3])))
    return problems
