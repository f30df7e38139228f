"""omsorgspakke inspect FILE: which adapter reads a file, and what it makes of it.

For IT trying out a mapping: the adapter that claims the file, how many cases it gives, and
which canonical fields are filled in how many cases and which are missing. It prints no
personal data (no names, numbers or file name) unless asked with --vis-persondata; then each
case is printed as canonical JSON. Exit codes: 0 read fine, 1 the file could not be read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..adapters.mapping.adapter import MappingAdapters
from ..adapters.mapping.paths import all_paths
from ..domain.idnumber import problem as idnumber_problem
from ..errors import InputError, UsageError
from ..hookspecs import hookimpl
from ..intake.detect import adapters, detect
from ..plugins import plugin_failure
from ..text import Tekst, tekst
from .common import add_config_option, exit_codes, plugin_manager, settings_from


def inspect(args) -> int:
    path: Path = args.file
    settings = settings_from(args)
    t = tekst(settings.messages_malform)
    if not path.is_file():
        raise UsageError(t("undersok.finnes_ikke"))
    pm = plugin_manager(args)
    problems = MappingAdapters(settings.paths.mappings).problems
    if any(not p.warning for p in problems):
        print(t("undersok.mappingfil_feil") + "\n")
    try:
        adapter = detect(pm, path, adapters(pm, settings), settings)
        print(t("undersok.leses_av", navn=adapter.name, beskrivelse=adapter.description))
        filled, cases, invalid = _survey(adapter.read(path), args.vis_persondata, t)
    except InputError as exc:
        print(t("undersok.kan_ikke_leses", grunn=t.note(str(exc)))
              + f"\n{t.note(exc.what_to_do)}")
        return 1
    except Exception as exc:  # noqa: BLE001 - a plugin's bug is reported, never raised
        failure = plugin_failure(exc, settings.paths.plugins)
        print(t("undersok.kan_ikke_leses", grunn=t.note(failure, "programtillegg")))
        return 1
    _print_survey(filled, cases, invalid, t)
    return 0


def _survey(cases, show: bool, t: Tekst) -> tuple[Counter, int, int]:
    """How many cases fill each field; every case is read once and not kept."""
    filled: Counter = Counter()
    count = invalid = 0
    for count, case in enumerate(cases, start=1):
        data = case.model_dump(mode="json", exclude_defaults=True, exclude={"kilde"})
        filled.update(set(leaf_paths(data)))
        invalid += idnumber_problem(case.barn.fodselsnummer) is not None  # the number alone
        if show:
            print(f"\n{t('undersok.sak', nummer=count)}\n"
                  f"{case.model_dump_json(indent=2, exclude_none=True)}")
    return filled, count, invalid


def _print_survey(filled: Counter, cases: int, invalid: int, t: Tekst) -> None:
    print(f"\n{t('undersok.saker', antall=cases)}")
    if invalid:
        print(t("undersok.ugyldig_fnr", saker=t.count(invalid, "sak")))
    print(f"\n{t('undersok.fylt_ut')}")
    for path in all_paths():
        if filled[path]:
            print(f"  {path:<45} {t('ord.av', del_=filled[path], hele=cases)}")
    missing = [path for path in all_paths() if not filled[path]]
    print(f"\n{t('undersok.mangler')}")
    print("\n".join(f"  {path}" for path in missing) or f"  ({t('undersok.ingen')})")


def leaf_paths(data, prefix: str = ""):
    """Dotted paths of every value in a case dump, lists written with []."""
    for name, value in data.items():
        path = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from leaf_paths(value, path + ".")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                yield from leaf_paths(item, path + "[].")
        elif value not in (None, [], ""):
            yield path


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "inspect", help="vis hvilken adapter som leser en fil, og hvilke felter den fyller",
        description="Finner adapteren som leser filen, og viser hvor mange saker den gir og "
                    "hvilke felter som er fylt ut eller mangler. Viser ingen personopplysninger "
                    "uten --vis-persondata."
                    + exit_codes("0 når filen kan leses", "1 når den ikke kan leses"),
    )
    parser.add_argument("file", type=Path, metavar="FIL", help="eksporten som skal undersøkes")
    add_config_option(parser)
    parser.add_argument("--vis-persondata", action="store_true",
                        help="vis også hver sak med navn og fødselsnummer (bruk med varsomhet)")
    parser.set_defaults(func=inspect)
