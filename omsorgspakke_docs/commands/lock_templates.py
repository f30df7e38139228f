"""omsorgspakke templates lock: approve the templates as they are now (template_lock.py)."""

from __future__ import annotations

from ..errors import UsageError
from ..rendering import template_lock as templatelock
from .common import exit_codes, settings_from


def lock_templates(args) -> int:
    settings = settings_from(args)
    if getattr(args, "templates", None) is not None:
        settings.paths.templates = args.templates.resolve()
    if settings.template_lock is None:
        raise UsageError(
            "Konfigurasjonen har ingen mallås. Sett template_lock = \"maler.lock\" øverst i "
            "omsorgspakke.toml, og kjør kommandoen på nytt."
        )
    if not settings.paths.templates.is_dir():
        raise UsageError(f"Malmappen {settings.paths.templates} finnes ikke.")
    names = templatelock.write(settings.paths.templates, settings.template_lock)
    print(f"Mallåsen {settings.template_lock} er skrevet. Godkjente maler ({len(names)}):")
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
