"""omsorgspakke templates check | fields | lock: tools for the people who edit the templates.

check finds syntax errors, unknown variables (down to nested names, loop variables too) and
tags Word has broken, and exits 1 when it finds any. fields lists every variable a template
may use, with a description and an example from the synthetic case. Nothing here reads an
export: what they print is about templates and made-up people only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain import synthetic
from ..errors import UsageError
from ..hookspecs import hookimpl
from ..plugins import collect_filters
from ..rendering import fields as catalogue
from ..rendering import template_folders
from ..rendering.renderer import Renderer
from ..text import MALFORMER, tekst
from . import lock_templates, malform_check
from .common import (
    add_config_option,
    exit_codes,
    plugin_manager,
    settings_from,
    templates_folder_or_stop,
)

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _setup(args):
    """Settings, the templates folder and the synthetic case's documents by template, in
    --malform (default: the service's standard)."""
    settings = settings_from(args)
    if getattr(args, "templates", None) is not None:
        settings.paths.templates = args.templates.resolve()
    folder = settings.paths.templates
    t = tekst(settings.messages_malform)
    if getattr(args, "templates", None) is None:
        templates_folder_or_stop(settings, t)  # as check says it: a file, a line
    if not folder.is_dir():
        raise UsageError(t("maler.mappe_mangler", mappe=folder))
    pm = plugin_manager(args)
    malform = getattr(args, "malform", None) or settings.malform
    return settings, folder, pm, synthetic.documents_by_template(pm, settings, malform)


def check(args) -> int:
    """Every template in both standards, checked with a case in its standard; then whether
    the standards agree, and which documents fall back to the other standard's template."""
    settings, folder, pm, _documents = _setup(args)
    t = tekst(settings.messages_malform)
    env = Renderer(folder, collect_filters(pm)).env
    total, checked, wanted = 0, 0, set()
    for _malform, where, documents, results in malform_check.by_standard(settings, pm, env):
        wanted |= set(documents)
        checked += len(results)
        prefix = "" if where == folder else f"{where.name}/"
        for name, problems in results.items():
            if not problems:
                note = "" if name in documents or name in malform_check.OUTBOX else (
                    t("maler.ubrukt"))
                print(f"{t('sjekk.ok'):<10}{prefix}{name}{note}")
                continue
            total += len(problems)
            print(f"{t('sammendrag.feil'):<10}{prefix}{name}: {t.count(len(problems), 'problem')}")
            for problem in problems:
                print(f"  - {problem.said(t)}")
    if not checked:
        print(t("maler.ingen", mappe=folder))
        return EXIT_PROBLEMS
    for line in template_folders.fallbacks(folder, wanted, t):
        print(f"{t('maler.merk'):<10}{line}")
    for line in malform_check.problems(settings, folder, t):
        total += 1
        print(f"{t('sammendrag.feil'):<10}{line}")
    print("\n" + (t("maler.i_orden", maler=t.count(checked, "mal"), mappe=folder) if not total
                  else t("maler.ma_rettes", maler=t.count(checked, "mal"), mappe=folder,
                         problemer=t.count(total, "problem"))))
    return EXIT_PROBLEMS if total else EXIT_OK


def fields(args) -> int:
    settings, _folder, _pm, documents = _setup(args)
    t = tekst(settings.messages_malform)
    found = catalogue.catalogue(documents)
    if args.template:
        if args.template not in documents:
            raise UsageError(t("maler.ukjent_mal", mal=args.template,
                               kjente=", ".join(sorted(documents))))
        found = [f for f in found if args.template in f.templates]
    everywhere = set(documents)
    if args.xlsx:
        write_workbook(args.xlsx, found)
        print(t("maler.skrev", antall=len(found), fil=args.xlsx))
    elif args.docs:
        text = args.docs.read_text(encoding="utf-8")
        try:
            new = catalogue.replace_docs_section(text, markdown(found, documents))
        except ValueError as exc:
            raise UsageError(f"{args.docs}: {exc}.") from None
        args.docs.write_text(new, encoding="utf-8")
        print(t("maler.oppdaterte", fil=args.docs))
    elif args.markdown:
        print(markdown(found, documents))
    else:
        print(catalogue.as_text(found, everywhere), end="")
    return EXIT_OK


def markdown(found: list[catalogue.Field], documents: dict) -> str:
    return catalogue.as_markdown(found, set(documents), catalogue.per_template(documents))


def write_workbook(path: Path, found: list[catalogue.Field]) -> None:
    from openpyxl import Workbook  # loaded for this command, not at every start
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Variabler"
    sheet.append(["Variabel", "Gruppe", "Beskrivelse", "Eksempel", "Maler"])
    for row in catalogue.as_rows(found):
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (34, 40, 70, 40, 40), strict=True):
        sheet.column_dimensions[column].width = width
        for cell in sheet[column][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = "Variabler i malene – omsorgspakke-docs"
    book.save(path)


def add_templates_option(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("--templates", type=Path, metavar="MAPPE",
                        help="malmappen (standard: [paths] templates i konfigurasjonen)")


def add_malform_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--malform", choices=MALFORMER,
                        help="målformen eksempelsaken skrives på (standard: [service] malform)")


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "templates", help="verktøy for malene: sjekk dem, eller se hvilke variabler de kan bruke",
        description="Verktøy for den som redigerer Word- og Excel-malene."
                    + exit_codes("0 når verktøyet gjorde jobben", "1 når check fant noe som "
                                 "må rettes"),
    )
    sub = parser.add_subparsers(dest="templates_command", metavar="VERKTØY", required=True,
                                parser_class=type(parser))
    checking = sub.add_parser(
        "check", help="finn syntaksfeil, ukjente variabler og tagger Word har ødelagt",
        description="Sjekker hver mal i malmappen: syntaksfeil (med teksten rundt), ukjente "
                    "variabler helt ned til navn i lister og løkker, ukjente filtre og tagger "
                    "Word har delt eller flyttet."
                    + exit_codes("0 når malene er i orden", "1 når noe må rettes"),
    )
    add_templates_option(checking)
    checking.set_defaults(func=check)
    listing = sub.add_parser(
        "fields", help="list alle variabler malene kan bruke, med forklaring og eksempel",
        description="Viser hver variabel en mal kan bruke, med beskrivelse og et eksempel fra "
                    "et oppdiktet eksempel på en sak." + exit_codes("0 når listen er skrevet"),
    )
    add_templates_option(listing)
    add_malform_option(listing)
    listing.add_argument("--template", metavar="MAL",
                         help="bare variablene denne malen kan bruke, f.eks. referat.docx")
    output = listing.add_mutually_exclusive_group()
    output.add_argument("--xlsx", type=Path, metavar="FIL", help="skriv listen som regneark")
    output.add_argument("--markdown", action="store_true", help="skriv listen som Markdown")
    output.add_argument("--docs", type=Path, metavar="FIL",
                        help="oppdater variabeltabellene i FIL (docs/templates.md)")
    listing.set_defaults(func=fields)
    lock_templates.register(sub, add_templates_option)
