"""The omsorgspakke command. Each subcommand is a plugin module in commands/.

One plugin manager serves the whole command: the configuration (--config, wherever it stands)
is read first, so the local plugins/ folder it names can add subcommands too.

Messages for staff are Norwegian. Exit codes: 0 every file processed, 1 at least one file
failed, 2 usage or configuration error, 3 an unexpected error (named by its type only).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__, logs, stop_requests
from . import config as config_module
from .config import ConfigError
from .errors import UsageError
from .plugins import PluginError, make_manager, manager_for
from .rendering.renderer import TemplateError
from .text import Tekst, tekst

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "bruk: " if prefix is None else prefix)


# argparse's own messages that staff meet most often, in Norwegian (text [argumentfeil], in
# the service's standard); others stay as they are.
_MESSAGES = {
    "the following arguments are required": "mangler",
    "unrecognized arguments": "ukjente",
    "invalid choice": "ugyldig_valg",
    "(choose from": "velg_blant",
    "expected one argument": "en_verdi",
}


class _BadArguments(Exception):
    """argparse found the command line wrong: said by _main in the service's standard."""

    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser, self.message = parser, message

    def say(self, t: Tekst) -> None:
        message = self.message
        for english, key in _MESSAGES.items():
            message = message.replace(english, t(f"argumentfeil.{key}"))
        self.parser.print_usage(sys.stderr)
        print(t("argumentfeil.linje", melding=message, program=self.parser.prog),
              file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse in Norwegian: headings, the help option, usage line and common errors."""

    def __init__(self, add_help: bool = True, **kwargs: Any):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="vis denne hjelpen og avslutt")

    def error(self, message: str):  # exit 2 with a Norwegian hint, as argparse does
        raise _BadArguments(self, message)


class _EarlyParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise ValueError(message)


def config_option(argv: list[str] | None) -> Path | None:
    """--config FIL wherever it stands, before the subcommands exist; None when not given (or
    malformed: the full parser then says what is wrong)."""
    early = _EarlyParser(add_help=False)
    early.add_argument("--config", type=Path)
    try:
        known, _ = early.parse_known_args(argv)
    except ValueError:
        return None
    return known.config


def plugin_manager(argv: list[str] | None):
    """The one manager for this command: built-ins, installed plugins and the configured local
    plugins/ folder. When the configuration or a local plugin cannot be loaded, the built-ins
    alone, with the error kept for the commands that need plugins (check reports it)."""
    try:
        return manager_for(config_module.load(config_option(argv))), None
    except (ConfigError, PluginError) as exc:
        return make_manager(), exc


def build_parser(pm=None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="omsorgspakke",
        description="Lager dokumentene til Omsorgspakken fra eksporter fra fagsystemet.",
    )
    parser.add_argument("--version", action="version", version=f"omsorgspakke {__version__}",
                        help="vis versjonen og avslutt")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True,
                                parser_class=_Parser)
    (pm or make_manager(entry_points=True)).hook.register_commands(subparsers=sub)
    return parser


class _ReaderMayLeave:
    """Standard output whose reader may stop early (omsorgspakke check | head -1): what it
    does not want is dropped, and the command finishes with its own exit code."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        """From now on the output goes nowhere, also the interpreter's last flush."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    stdout = sys.stdout
    sys.stdout = _ReaderMayLeave(stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def _main(argv: list[str] | None) -> int:
    console = logging.StreamHandler()
    console.setFormatter(logs.Console())
    logging.basicConfig(level=logging.WARNING, handlers=[console])
    if os.name == "posix":
        os.umask(0o077)  # everything this process creates is the owner's only (docs/security.md)
    try:
        pm, problem = plugin_manager(argv)
        args = build_parser(pm).parse_args(argv)
        args.plugins, args.plugin_problem = pm, problem
        if not getattr(args, "stops_cleanly", False):
            stop_requests.forget()
        return args.func(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except _BadArguments as exc:  # in the service's standard, when its configuration says
        exc.say(_said(argv))
        return EXIT_USAGE
    except (PluginError, TemplateError) as exc:  # written in bokmål: in the service's standard
        section = "programtillegg" if isinstance(exc, PluginError) else "malfeil"
        print(f"Feil: {_said(argv).note(str(exc), section)}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:  # the store's refusals are raised in bokmål: [bruksfeil]
        print(f"Feil: {_said(argv).note(str(exc), 'bruksfeil')}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a traceback's message could quote personal data
        print(_said(argv)("kommando.uventet", type=type(exc).__name__), file=sys.stderr)
        return EXIT_INTERNAL


def _said(argv: list[str] | None) -> Tekst:
    """The standard of the service's messages, for what main says itself after a plugin's or
    an unexpected error. A configuration with an error in it still tells it where a line
    says it (ConfigError.malform); bokmål when nothing can be read."""
    try:
        return tekst(config_module.load(config_option(argv)).messages_malform)
    except ConfigError as exc:
        return tekst(exc.malform)
    except Exception:  # noqa: BLE001 - whatever stopped the program may stop this too
        return tekst()
