"""Where a key sits in a TOML file, so a problem can name the line IT has to fix.

tomllib gives no positions, so the text is scanned once: table headers (`[felt]`,
`[[personer]]`), dotted keys (`"barn.fornavn" = ...`) and the keys of inline tables
(`{ kilde = "X", verdier = "ja_nei" }`), each recorded with its line number. Good enough for
hand-written mapping files; a key not found falls back to its nearest recorded parent.
"""

from __future__ import annotations

import re

KEY_PART = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*')
INLINE_KEY = re.compile(r'[{,]\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_-]+))\s*=')
HEADER = re.compile(r"^\s*(\[\[?)(.*?)\]\]?\s*(#.*)?$")


def parse_key(text: str) -> tuple[list[str], int]:
    """The dotted key at the start of text, and where it ends."""
    parts: list[str] = []
    pos = 0
    while True:
        match = KEY_PART.match(text, pos)
        if not match or match.end() == pos:
            return parts, pos
        parts.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
        if not text.startswith(".", pos):
            return parts, pos
        pos += 1


class KeyLines:
    """Line numbers (1-based) of every key path in one TOML text."""

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        self._arrays: dict[tuple, int] = {}
        table: tuple = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            header = HEADER.match(line)
            if header and "=" not in line.split("]")[0]:
                table = self._header(header, number)
            else:
                self._pair(table, line, number)

    def _header(self, header, number: int) -> tuple:
        parts, _ = parse_key(header[2])
        if header[1] == "[[":
            key = tuple(self._resolve(parts[:-1])) + (parts[-1],)
            self._arrays[key] = self._arrays.get(key, -1) + 1
            path = (*key, self._arrays[key])
        else:
            path = tuple(self._resolve(parts))
        self.lines.setdefault(path, number)
        return path

    def _resolve(self, parts: list[str]) -> list:
        """A header path with the current index after every array-of-tables prefix."""
        out: list = []
        for part in parts:
            out.append(part)
            if tuple(out) in self._arrays:
                out.append(self._arrays[tuple(out)])
        return out

    def _pair(self, table: tuple, line: str, number: int) -> None:
        parts, end = parse_key(line)
        if not parts or not line[end:].lstrip().startswith("="):
            return
        path = (*table, *parts)
        self.lines.setdefault(path, number)
        for match in INLINE_KEY.finditer(line[end:]):
            self.lines.setdefault((*path, match[1] or match[2]), number)

    def line_of(self, path) -> int | None:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def key_text(path) -> str:
    """A key path as written in TOML: felt."barn.fornavn", personer[0].hvis. A table of an
    array of tables counts from 0, as the list items of field paths do (foreldre[0])."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            bare = re.fullmatch(r"[A-Za-z0-9_-]+", part)
            out += ("." if out else "") + (part if bare else f'"{part}"')
    return out
