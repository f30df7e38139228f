"""What a spreadsheet template's cells say, for both ways of filling one (renderer.fill_sheet
with openpyxl, fastxlsx): the tag a value replaces, and text that must stay text.

Kept apart from fastxlsx so that a run with nothing to render does not load openpyxl."""

from __future__ import annotations

import re

CELL_TAG = re.compile(r"^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$")
"""A cell whose whole text is one tag."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""Text starting with one of these would be read as a formula when edited: quotePrefix."""
