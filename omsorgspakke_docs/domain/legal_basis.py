"""What the legal basis of a placement says about it: a care order, a voluntary placement or a
temporary (emergency) one.

The paragraphs are barnevernsloven's (2021 and, for older measures, 1992) as SSB's formats
give a measure's legal basis (Lovhjemmel: Kapittel and Paragraf, in the KOSTRA 15F and
Barnevern v1-v4 schemas from Statistics Norway, MIT licence; copies and their source in
tests/data/ssb/). A journal's own text ('bvl. § 3-6') is read the same way.
"""

from __future__ import annotations

import re

CARE_ORDER = {(5, 1), (4, 12)}
VOLUNTARY = {(3, 2), (3, 6), (4, 4)}
TEMPORARY = {(4, 2), (4, 6), (4, 25)}

_PARAGRAPH = re.compile(r"§\s*(\d+)\s*-\s*(\d+)")


def paragraph(text: str | None) -> tuple[int, int] | None:
    """(chapter, paragraph) from a legal basis as written: 'barnevernsloven § 3-6' -> (3, 6)."""
    found = _PARAGRAPH.search(text or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def voluntary(basis: tuple[int, int] | None) -> bool | None:
    """True for a voluntary measure, False for a care order, None when the basis says neither."""
    if basis in VOLUNTARY:
        return True
    if basis in CARE_ORDER:
        return False
    return None


def temporary(basis: tuple[int, int] | None) -> bool | None:
    return True if basis in TEMPORARY else None
