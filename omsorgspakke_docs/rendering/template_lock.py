"""An optional lock of approved templates: the run refuses a template changed since approval.

The lock file lists each template's SHA-256 and name in the format `sha256sum` writes and
checks, so IT can write or verify it with standard tools as well as with
`omsorgspakke templates lock`. With `template_lock` set in the configuration, the run checks
every template the document kinds use before it claims any file, and each template again
when it is loaded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..store.commit import write_text_atomic
from ..text import CODE, MALFORMER
from .renderer import TemplateError

TEMPLATE_SUFFIXES = (".docx", ".xlsx")
_LINE = re.compile(r"^([0-9A-Fa-f]{64}) [ *]?(\S.*?)\s*$")


@dataclass(frozen=True)
class TemplateLock:
    path: Path
    hashes: dict[str, str]

    def verify(self, name: str, data: bytes) -> None:
        expected = self.hashes.get(name)
        if expected is None:
            raise TemplateError(
                f"Malen {name} står ikke i mallåsen {self.path.name}. Nye maler må godkjennes "
                "før de tas i bruk (omsorgspakke templates lock)."
            )
        if hashlib.sha256(data).hexdigest() != expected:
            raise TemplateError(
                f"Malen {name} er endret etter at den ble godkjent i mallåsen {self.path.name}. "
                "Få endringen godkjent og skriv mallåsen på nytt (omsorgspakke templates lock), "
                "eller legg tilbake den godkjente malen."
            )


def load(path: Path | None) -> TemplateLock | None:
    """The lock from its file; None when no lock is configured."""
    if path is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise TemplateError(
            f"Mallåsen {path} finnes ikke. Skriv den med «omsorgspakke templates lock», "
            "eller fjern template_lock fra konfigurasjonen."
        ) from None
    hashes = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            raise TemplateError(f"Mallåsen {Path(path).name} har en ugyldig linje {number}.")
        hashes[m.group(2)] = m.group(1).lower()
    return TemplateLock(Path(path), hashes)


def verify_all(renderer, kinds) -> None:
    """Check every template the document kinds use, in both standards, before the run
    touches any input."""
    if renderer.lock is None:
        return
    for name in sorted({t for kind in kinds for t in getattr(kind, "templates", ())}):
        for malform in MALFORMER:
            renderer.template_path(name, malform)


def write(templates_dir: Path, lock_path: Path) -> list[str]:
    """Approve the templates now in the folder (and its nb/ and nn/): write their hashes to
    the lock file, named by their path in the folder (nn/referat.docx)."""
    root = Path(templates_dir)
    names = sorted(p.relative_to(root).as_posix()
                   for folder in (root, *(root / CODE[m] for m in MALFORMER)) if folder.is_dir()
                   for p in folder.iterdir()
                   if p.is_file() and p.suffix in TEMPLATE_SUFFIXES and not p.name.startswith("~$"))
    lines = [
        f"{hashlib.sha256((Path(templates_dir) / name).read_bytes()).hexdigest()}  {name}"
        for name in names
    ]
    write_text_atomic(Path(lock_path), "".join(line + "\n" for line in lines))
    return names
