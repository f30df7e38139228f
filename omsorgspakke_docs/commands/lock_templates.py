"""omsorgspakke lock-templates: approve the templates as they are now (templatelock.py)."""

from __future__ import annotations

from .. import templatelock
from ..errors import UsageError
from ..hookspecs import hookimpl
from .common import add_config_option, settings_from


def lock_templates(args) -> int:
    settings = settings_from(args)
    if settings.template_lock is None:
        raise UsageError(
            "Konfigurasjonen har ingen mallås. Sett template_lock = \"maler.lock\" øverst i "
            "omsorgspakke.toml, og kjør kommandoen på nytt."
        )
    names = templatelock.write(settings.paths.templates, settings.template_lock)
    print(f"Mallåsen {settings.template_lock} er skrevet. Godkjente maler ({len(names)}):")
    for name in names:
        print(f"  {name}")
    return 0


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "lock-templates", help="godkjenn malene slik de er nå (skriv mallåsen)",
        description="Skriver SHA-256 for hver mal i malmappen til mallåsen (template_lock i "
                    "konfigurasjonen). Deretter nekter run og watch å bruke en mal som er "
                    "endret uten at mallåsen er skrevet på nytt.",
    )
    add_config_option(parser)
    parser.set_defaults(func=lock_templates)
