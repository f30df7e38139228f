"""What every step of a run works with, opened once: settings, plugins, state, ledger, renderer.

A Workspace is built by Workspace.open and handed to the steps explicitly; nothing in it
changes during a run (today's date is an argument of each step, not a field here).
"""

from __future__ import annotations

from dataclasses import dataclass

import pluggy

from ..archive import packages
from ..config import Settings
from ..domain import programme as programme_module
from ..domain.programme import Programme
from ..hookspecs import Adapter, DocumentKind
from ..intake import detect, inbox
from ..intake import guards as safety
from ..planning.bookings import Bookings
from ..plugins import collect, collect_filters
from ..rendering import template_lock as templatelock
from ..rendering.renderer import Renderer
from ..rendering.uses import KEPT_FILE, KeptUses
from ..store import incremental, installation, ledger
from ..store.ledger import Ledger
from ..store.readings import Readings
from ..store.state import State


@dataclass(frozen=True)
class Workspace:
    settings: Settings
    pm: pluggy.PluginManager
    """The plugin manager (pluggy), for hooks called during the run."""
    programme: Programme
    state: State
    ledger: Ledger
    bookings: Bookings
    readings: Readings
    """Each case's last reading (store/readings.py): only the reading process uses it."""
    renderer: Renderer
    kinds: list[DocumentKind]
    adapters: list[Adapter]

    @classmethod
    def open(cls, settings: Settings, pm, *, reads: bool = True) -> Workspace:
        """Check what must hold before any input is touched, then open the state and ledger.

        reads=False: a worker process, which renders and never reads an export, so the
        adapters (and the mapping files with their schema) are not loaded."""
        safety.require_safe_parsers()
        packages.require_soffice(settings)
        state = State(settings.paths.state)
        safety.restrict_to_owner(settings.paths.state, settings.paths.archive)
        ledger.verify(settings.paths.state, state.has_history())
        plugins = settings.paths.plugins
        renderer = Renderer(settings.paths.templates, collect_filters(pm),
                            lock=templatelock.load(settings.template_lock),
                            kept_uses=KeptUses(settings.paths.state / KEPT_FILE,
                                               lambda: incremental.code_version(plugins)))
        kinds = collect(pm, "register_document_kinds")
        templatelock.verify_all(renderer, kinds)
        ws = cls(
            settings=settings, pm=pm, programme=programme_module.load(settings.programme_file),
            state=state, ledger=Ledger(settings.paths.state, settings.paths.outbox),
            bookings=Bookings(state),
            readings=Readings(state),
            renderer=renderer, kinds=kinds, adapters=detect.adapters(pm, settings) if reads else [],
        )
        ws.bookings.office_of = ws.office_of
        paths = settings.paths  # last, once nothing else refuses: marks a fresh installation
        installation.claim(paths.state, paths.inbox / inbox.WORK_DIR, paths.outbox)
        return ws

    def office_of(self, case) -> str | None:
        """The case's office when it is not the service's own (case_step.office_of): the
        bookings ask it of a case booked by the release before (bookings.py)."""
        from .case_step import office_of  # (case_step imports this module)
        return office_of(self, case)
