"""omsorgspakke preview MAL: render one template with the synthetic case, to look at it.

MAL is a template's name in the templates folder (referat.docx) or the path to a template
file being edited. The case is made up (synthetic.py), so the preview can be shared freely.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..domain import synthetic
from ..errors import UsageError
from ..hookspecs import hookimpl
from ..plugins import collect_filters
from ..rendering import template_folders
from ..rendering.renderer import Document, Renderer
from ..text import MALFORMER, tekst
from . import malform_check
from .common import (
    add_config_option,
    exit_codes,
    plugin_manager,
    settings_from,
    templates_folder_or_stop,
)
from .malform_check import OUTBOX


def preview(args) -> int:
    settings = settings_from(args)
    t = tekst(settings.messages_malform)
    malform = args.malform or settings.malform
    given = Path(args.template)
    name = given.name
    if given.is_file():
        folder = given.parent.resolve()
    else:  # by name: the template a document in that standard uses
        # As run and check say it when the templates folder is no folder (./templates a
        # file, a link leading nowhere, a [paths] templates not there), not «Fant ikke malen».
        templates_folder_or_stop(settings, t)
        folder = template_folders.resolve(settings.paths.templates, name, malform).parent
    if not (folder / name).is_file():
        raise UsageError(t("forhandsvisning.finnes_ikke", mal=name, mappe=folder))
    pm = plugin_manager(args)
    documents = synthetic.documents_by_template(pm, settings, malform)
    made = documents.get(name)
    outbox = malform_check.outbox_contexts(pm, settings, malform) if name in OUTBOX else {}
    if made:
        context = made.context
    else:  # Saksoversikt and Til utsending: made from several (synthetic) cases
        context = outbox.get(name) or synthetic.case_context(settings, malform=malform).base
    properties = made.properties if made else {}
    rendered = Renderer(folder, collect_filters(pm)).render(
        Document(PurePosixPath(name), name, context, properties=properties))
    out = args.out or Path(f"{given.stem}-forhandsvisning{given.suffix}")
    out.write_bytes(rendered.data)
    print(t("forhandsvisning.skrev", fil=out))
    if made is None and not outbox:
        print(t("forhandsvisning.ubrukt"))
    return 0


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "preview", help="lag et eksempeldokument fra en mal, med en oppdiktet sak",
        description="Fyller ut malen med en oppdiktet sak der alle felt har en verdi, så du "
                    "kan se hvordan dokumentet blir. Feil i malen meldes som ved en vanlig "
                    "kjøring; sjekk dem gjerne med «omsorgspakke templates check»."
                    + exit_codes("0 når eksempeldokumentet er laget"),
    )
    add_config_option(parser)
    parser.add_argument("template", metavar="MAL",
                        help="malens navn i malmappen (f.eks. referat.docx) eller stien til "
                             "en malfil")
    parser.add_argument("--malform", choices=MALFORMER,
                        help="målformen den oppdiktede saken skrives på, og dermed hvilken "
                             "mal (nb/ eller nn/) som brukes når MAL er et navn (standard: "
                             "[service] malform)")
    parser.add_argument("--out", type=Path, metavar="FIL",
                        help="hvor dokumentet skrives (standard: <mal>-forhandsvisning.docx/.xlsx "
                             "i mappen du står i)")
    parser.set_defaults(func=preview)
