"""File and folder names from an allowlist of characters, safe on Windows and on shares."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_ALLOWED = re.compile(r"[^A-Za-z0-9ÆØÅæøå._ -]+")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}
MAX_LENGTH = 80


def safe_name(text: str, *, fallback: str = "uten-navn") -> str:
    """A name that keeps its meaning for people, but can never leave its folder.

    Anything outside the allowlist becomes '_'; when that changed the text, a short hash of
    the original keeps two different inputs from landing on the same name.
    """
    original = unicodedata.normalize("NFC", text)
    name = _ALLOWED.sub("_", original).strip(" .")
    name = re.sub(r"\.{2,}", "_", name)
    changed = name != original
    if not name:
        name, changed = fallback, True
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name, changed = f"_{name}", True
    if len(name) > MAX_LENGTH:
        name, changed = name[:MAX_LENGTH].rstrip(" ."), True
    if changed:
        digest = hashlib.sha256(original.encode("utf-8")).hexdigest()[:8]
        name = f"{name}-{digest}"
    return name
