"""omsorgspakke init DIR: a working configuration folder for a new installation.

Lays out DIR with a commented omsorgspakke.toml, the work folders (inbox, outbox, archive,
failed, state), and copies of the shipped templates and mapping files for the municipality
to adapt. The example plugin and the example exports are not copied: a production folder
should load only plugins someone chose. Nothing that exists is overwritten. Exit codes: 0
laid out, 2 the folder already has a configuration, is a file, or cannot be written (what
was made before that stays, and is said).

`--malform nynorsk` says what init says in nynorsk, and writes the configuration with
[service] malform = "nynorsk" (and the service's name as a nynorsk service writes it), its
comments in nynorsk too: the same settings, from the same omsorgspakke.mal.toml.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from .. import bundled
from ..config import CONFIG_NAME, PACKAGE_DATA
from ..errors import UsageError, reason
from ..hookspecs import hookimpl
from ..text import DEFAULT, MALFORMER, tekst
from .common import exit_codes

WORK_FOLDERS = ("inbox", "outbox", "archive", "failed", "state", "plugins")
COPIED = ("templates", "mappings")
CONFIG_TEMPLATE = PACKAGE_DATA / "omsorgspakke.mal.toml"
NYNORSK_COMMENTS = PACKAGE_DATA / "omsorgspakke.mal.nn.toml"
"""CONFIG_TEMPLATE's comments in nynorsk: each one's bokmål text as it ends its line there."""


def init(args) -> int:
    folder: Path = args.folder.resolve()
    config = folder / CONFIG_NAME
    malform = getattr(args, "malform", None) or DEFAULT
    t = tekst(malform)
    if folder.exists() and not folder.is_dir():
        raise UsageError(t("init.ikke_mappe", mappe=folder))
    if config.exists():
        raise UsageError(t("init.finnes_fra_for", fil=config))
    taken = [name for name in (*WORK_FOLDERS, *COPIED) if (folder / name).exists()]
    if taken:
        raise UsageError(t("init.har_allerede", mappe=folder, navn=", ".join(taken)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in WORK_FOLDERS:
            (folder / name).mkdir()
        for name in COPIED:
            shutil.copytree(bundled.folder(name), folder / name,
                            ignore=shutil.ignore_patterns("__pycache__", "~$*"))
        config.write_text(configuration(malform), encoding="utf-8")
    except OSError as exc:  # (no rights there, a disk full or gone): said, exit 2
        raise UsageError(t("init.kan_ikke_lage", mappe=folder,
                           grunn=t.said(reason(exc)))) from None
    lines = [t("init.laget", mappe=folder, fil=CONFIG_NAME, mapper=", ".join(WORK_FOLDERS))]
    if malform != DEFAULT:
        lines.append(t("init.malform_satt", fil=CONFIG_NAME))
    print("\n".join([*lines, "", t("init.neste"), t("init.steg_tjeneste", fil=config),
                     t("init.steg_mapping", mappe=folder / "mappings", fil=config),
                     t("init.steg_kjor", fil=config)]))
    return 0


def configuration(malform: str) -> str:
    """The commented omsorgspakke.toml, as shipped; for nynorsk with [service] malform set,
    the service's name as a nynorsk service writes it, and the comments in nynorsk. One
    template holds the settings for both: only the comments' text differs."""
    text = CONFIG_TEMPLATE.read_text(encoding="utf-8")
    if malform == DEFAULT:
        return text
    for old, new in NYNORSK_LINES:
        if old not in text:
            raise AssertionError(f"omsorgspakke.mal.toml has no line {old!r}")
        text = text.replace(old, new, 1)
    return _comments_in_nynorsk(text)


def _comments_in_nynorsk(text: str) -> str:
    """Each line whose comment ends in a text of NYNORSK_COMMENTS, with that text in
    nynorsk (the longest that fits: «behandlede eksporter» is archive's comment, and the end
    of none of [retention]'s). A text no line ends in is a comment changed in the template
    and not here: init stops rather than write a file half in bokmål."""
    pairs = tomllib.loads(NYNORSK_COMMENTS.read_text(encoding="utf-8"))["kommentar"]
    pairs.sort(key=lambda pair: len(pair["bokmal"]), reverse=True)
    used: set[str] = set()
    lines = []
    for line in text.split("\n"):
        for pair in pairs:
            old = pair["bokmal"]
            if line.endswith(old) and "#" in line[:-len(old)]:
                line = line[:-len(old)] + pair["nynorsk"]
                used.add(old)
                break
        lines.append(line)
    if missing := [pair["bokmal"] for pair in pairs if pair["bokmal"] not in used]:
        raise AssertionError(f"omsorgspakke.mal.toml has no comment {missing[0]!r}")
    return "\n".join(lines)


NYNORSK_LINES = (
    ('navn = "Barnevernstjenesten i [kommune]"', 'navn = "Barnevernstenesta i [kommune]"'),
    ('# malform = "bokmal"           # eller "nynorsk"',
     'malform = "nynorsk"            # eller "bokmal"'),
)
"""The lines of omsorgspakke.mal.toml that init --malform nynorsk writes otherwise."""


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "init", help="lag en ny konfigurasjonsmappe med innstillinger, maler og mappingfiler",
        description="Lager mappen med en kommentert omsorgspakke.toml, inbox/, outbox/, "
                    "archive/, failed/, state/ og plugins/, og kopier av malene og "
                    "mappingfilene som følger med programmet, til å tilpasse. Ingenting som "
                    "finnes, blir overskrevet."
                    + exit_codes("0 når mappen er laget",
                                 "2 når den allerede har en konfigurasjon (da endres "
                                 "ingenting)"),
    )
    parser.add_argument("folder", type=Path, metavar="MAPPE", help="mappen som skal lages")
    parser.add_argument("--malform", choices=MALFORMER, default=DEFAULT,
                        help="målformen tjenesten skriver: det init skriver ut, og [service] "
                             "malform i konfigurasjonen den lager (standard: bokmal)")
    parser.set_defaults(func=init)
