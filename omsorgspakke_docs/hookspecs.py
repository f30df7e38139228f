"""Every hook a plugin can implement, and the types they exchange. Built-ins use these too."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pluggy

if TYPE_CHECKING:
    from .config import Settings
    from .domain.model import Case
    from .intake.detect import Sample
    from .rendering.context import CaseContext
    from .rendering.renderer import Document
    from .run.summary import Summary
    from .run.workspace import Workspace

hookspec = pluggy.HookspecMarker("omsorgspakke_docs")
hookimpl = pluggy.HookimplMarker("omsorgspakke_docs")


class Adapter(Protocol):
    """Reads one export format into canonical cases (docs/plugins.md)."""

    name: str
    """Short and unique, shown to IT."""
    description: str
    """One line; up to its first comma or parenthesis, the export in caseworkers' words
    (intake.detect.labels)."""

    def claims(self, sample: Sample) -> bool:
        """Recognise the format from the start of the file, without parsing it."""

    def read(self, path: Path) -> Iterable[Case]:
        """The canonical cases in the file, streaming where it can."""


class DocumentKind(Protocol):
    """Makes one kind of document for a case (docs/plugins.md)."""

    name: str
    title: str
    templates: tuple[str, ...]
    """The template files it uses, in templates/."""

    def documents(self, ctx: CaseContext) -> Iterable[Document]:
        """One Document per output file for the case."""


@hookspec
def register_adapters(register: Callable[[Adapter], None], settings: Settings | None):
    """Call register(adapter) for each adapter. settings is None outside a configured run."""


@hookspec(firstresult=True)
def detect_adapter(sample: Sample, adapters: list[Adapter]):
    """Return the adapter that reads this sample, or None to let others try.

    adapters is the list of registered adapters, in registration order.
    """


@hookspec
def register_document_kinds(register: Callable[[DocumentKind], None]):
    """Call register(kind) for each document kind."""


@hookspec
def register_template_filters(register: Callable[[str, Callable[..., Any]], None]):
    """Call register(name, function) to make a Jinja filter available to every template."""


@hookspec
def register_commands(subparsers):
    """Add subcommands: subparsers.add_parser(...), with set_defaults(func=callable(args) -> int).
    """


@hookspec
def after_case(case: Case, today: date, workspace: Workspace, shared: dict):
    """Runs when a case's documents have been made (also when none had to change), in the
    process that made them: a worker or the reading process. For what a plugin's after_batch
    will need of the case, worked out while the work is spread over the cores (the outbox
    workbooks keep the case's rows: documents/caseload.keep_rows). shared: a dict the
    plugins share for this case only. An error here is logged and passed over: after_batch
    must manage without."""


@hookspec
def after_batch(summary: Summary, today: date, workspace: Workspace):
    """Runs after each batch of inbox files (a run; a watch round, and once a day in watch),
    when every input is where it belongs. Return a Norwegian message for staff, or None."""
