"""Which adapter reads a file: the first that claims it, asked through a firstresult hook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..hookspecs import hookimpl
from ..plugins import collect

SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Sample:
    """The start of a file: enough for an adapter to recognise its format without parsing."""

    path: Path
    head: bytes

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def text(self) -> str:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return self.head.decode(encoding)
            except UnicodeDecodeError:
                continue
        return self.head.decode("latin-1")


def sample(path: Path) -> Sample:
    with open(path, "rb") as handle:
        return Sample(path, handle.read(SAMPLE_BYTES))


def adapters(pm) -> list:
    return collect(pm, "register_adapters")


def detect(pm, path: Path):
    found = adapters(pm)
    s = sample(path)
    if not s.head.strip():
        raise InputError("Filen er tom.", what_to_do="Lag eksporten på nytt i fagsystemet.")
    adapter = pm.hook.detect_adapter(sample=s, adapters=found)
    if adapter is None:
        raise unrecognised(pm, found, s)
    return adapter


def unrecognised(pm, found: list, s: Sample) -> InputError:
    """The note for a file no adapter claims: what did not match in the mappings that take
    its file type, and, when a mapping file is broken, that IT must fix it (not a new format)."""
    from ..adapters.mapping.adapter import broken_files, why_not

    tried = ", ".join(a.name for a in found)
    near = [f"- {a.name}: {'; '.join(notes)}." for a in found if (notes := why_not(a, s))]
    message = f"Ingen adapter kjenner igjen formatet på denne filen. Prøvd: {tried}."
    if near:
        message += "\nDette passet ikke:\n" + "\n".join(near)
    broken = broken_files(pm)
    if broken:
        return InputError(message, what_to_do=(
            f"Mappingfilen {', '.join(broken)} har feil og er ikke tatt i bruk. Be IT rette den "
            "(«omsorgspakke check» viser feilen), og legg så filen i innboksen på nytt."))
    if near:
        return InputError(message, what_to_do=(
            "Be IT rette mappingfilen eller rapporten i fagsystemet etter det som står over "
            "(«omsorgspakke check --sample FIL» viser det samme), og legg så filen i "
            "innboksen på nytt."))
    return InputError(message, what_to_do=(
        "Sjekk at filen er en eksport fra fagsystemet. Er det et nytt format, "
        "kan IT lage en mappingfil for det (se docs/adapters.md)."))


@hookimpl(trylast=True)
def detect_adapter(sample, adapters):
    for adapter in adapters:
        if adapter.claims(sample):
            return adapter
    return None
