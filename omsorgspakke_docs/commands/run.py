"""omsorgspakke run: process every file now in the inbox once."""

from datetime import date

from ..hookspecs import hookimpl
from .common import add_folder_options, exit_codes, plugin_manager, process_inbox, settings_from


def run(args) -> int:
    return process_inbox(settings_from(args), plugin_manager(args), args.today or date.today(),
                         args.json, pdf=args.pdf, accept_config=args.accept_config)


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "run", help="behandle alle filer som ligger i innboksen nå, én gang",
        description="Behandler alle filer i innboksen én gang og avslutter. Behandlede filer "
                    "flyttes til arkivet; filer som ikke kan behandles flyttes til feilmappen "
                    "med en forklaring."
                    + exit_codes("0 når alt gikk bra",
                                 "1 når minst én fil ble satt til side eller venter på nytt "
                                 "forsøk"),
    )
    add_folder_options(parser)
    parser.set_defaults(func=run)
