"""What a spreadsheet template's cells say, for both ways of filling one (renderer.fill_sheet
with openpyxl, fastxlsx): the tag a value replaces, text that must stay text, and the height
a row needs for the wrapped text written into it, and where a page break goes when the rows
above it grow.

Kept apart from fastxlsx so that a run with nothing to render does not load openpyxl."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

CELL_TAG = re.compile(r"^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$")
"""A cell whose whole text is one tag."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""Text starting with one of these would be read as a formula when edited: quotePrefix."""

LINE_HEIGHT = 15.0
"""Points: one line of the templates' 11-point Calibri, Excel's default row height."""
MAX_HEIGHT = 409.0
"""Points: the highest row Excel allows."""
DEFAULT_WIDTH = 8.43
"""A column's width when the sheet does not give it (Excel's default), in characters."""
CHARS_PER_WIDTH = 1.1
"""Characters of ordinary text per unit of column width (the width of a digit): a little
below what Calibri and LibreOffice's Carlito fit, so an estimate errs on the tall side."""


def written_text(value: object) -> str | None:
    """The text a value is written as in a cell; None for a number or a date."""
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        return None
    return "" if value is None else str(value)


def line_length(width: float) -> int:
    """How many characters fit on one line of a column this wide."""
    return max(int(width * CHARS_PER_WIDTH), 1)


def wraps(text: str, per_line: int) -> bool:
    """Whether text takes more than one line (line_length): most values do not, and a row
    whose texts all take one line keeps its height."""
    return len(text) > per_line or "\n" in text


@lru_cache(maxsize=4096)  # a finding's wording comes back in case after case
def wrapped_lines(text: str, width: float) -> int:
    """How many lines text takes when wrapped at word boundaries in a column this wide."""
    per_line = line_length(width)
    if not wraps(text, per_line):
        return 1
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        line = 0
        for word in paragraph.split():
            size = len(word)
            if line and line + 1 + size <= per_line:
                line += 1 + size
                continue
            if line:
                lines += 1
            while size > per_line:  # a word longer than the line is broken
                lines += 1
                size -= per_line
            line = size
    return lines


def fitted_height(height: float | None, texts: list[tuple[str, float]]) -> float | None:
    """A row's height for the wrapped texts written into it ((text, column width) each):
    the template's when they fit in it, else as many lines as the longest needs, up to
    Excel's highest row. Excel fits a row to its text when the workbook is opened, but
    LibreOffice keeps the height it is given, and a row without one stays one line high."""
    lines = max((wrapped_lines(text, width) for text, width in texts), default=0)
    needed = min(lines * LINE_HEIGHT, MAX_HEIGHT)
    return needed if needed > (height or LINE_HEIGHT) else height


def moved_break(after: int, list_row: int, by: int) -> int:
    """A row break's new place (the row it follows, as a sheet's rowBreaks count it) when the
    list in list_row takes by rows more (fewer when negative): a break under the list row,
    right under it or further down, moves with the rows below; one above it stays."""
    return after + by if after >= list_row else after
