"""omsorgspakke templates lock: approve the templates as they are now (template_lock.py)."""

from __future__ import annotations

from ..errors import UsageError
from ..rendering import template_lock as templatelock
from ..text import tekst
from .common import exit_codes, settings_from


def lock_templates(args) -> int:
    settings = settings_from(args)
    if getattr(args, "templates", None) is not None:
        settings.paths.templates = args.templates.resolve()
    t = tekst(settings.messages_malform)
    if settings.template_lock is None:
        raise UsageError(t("maler.ingen_mallas"))
    if not settings.paths.templates.is_dir():
        raise UsageError(t("maler.mappe_mangler", mappe=settings.paths.templates))
    names = templatelock.write(settings.paths.templates, settings.template_lock)
    print(t("maler.mallas_skrevet", fil=settings.template_lock, antall=len(names)))
    for name in names:
        print(f"  {name}")
    return 0


def register(subparsers, add_options) -> None:
    """The `lock` tool under `omsorgspakke templates`."""
    parser = subparsers.add_parser(
        "lock", help="godkjenn malene slik de er nå (skriv mallåsen)",
        description="Skriver SHA-256 for hver mal i malmappen til mallåsen (template_lock i "
                    "konfigurasjonen). Deretter nekter run og watch å bruke en mal som er "
                    "endret uten at mallåsen er skrevet på nytt."
                    + exit_codes("0 når mallåsen er skrevet"),
    )
    add_options(parser)
    parser.set_defaults(func=lock_templates)
