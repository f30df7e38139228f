"""Each contact person's conversations across cases, so a new plan never double-books them.

A case is planned in full the first time it is seen (schedule.py), and its dates then stay.
At that moment the contact person's conversations in their other cases are taken as busy:
a new conversation that would overlap one moves to the next working day at the same time of
day. The bookings are kept in the state folder, one file per contact person, named by a
pseudonym of the contact person and holding case pseudonyms and times only.

The reading process plans new cases one at a time, in order, before their documents are made
(run/case_step.py), so two workers never plan the same contact person's week at once.
"""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from ..domain.model import Case
from ..store.commit import ensure_dir, write_text_atomic
from .schedule import Busy, CasePlan


class Bookings:
    def __init__(self, state):
        self.state = state
        self.folder: Path = state.folder / "bookings"

    def busy(self, case: Case) -> Busy | None:
        """The contact person's conversations in their other cases; None without one."""
        path = self._path(case)
        if path is None:
            return None
        own = self.state.pseudonym(case.key)
        busy: Busy = {}
        for other, slots in self._read(path).items():
            if other != own:
                for day, begins in slots:
                    busy.setdefault(date.fromisoformat(day), []).append(time.fromisoformat(begins))
        return busy

    def record(self, case: Case, plan: CasePlan) -> None:
        """Keep the case's planned conversations under its contact person."""
        path = self._path(case)
        if path is None:
            return
        slots = [[c.dato.isoformat(), c.start.isoformat("minutes")]
                 for c in plan.conversations if c.status == "planlagt"]
        booked = self._read(path)
        own = self.state.pseudonym(case.key)
        if booked.get(own) != slots:
            booked[own] = slots
            ensure_dir(self.folder)
            write_text_atomic(path, json.dumps(booked, indent=1, sort_keys=True))

    def _path(self, case: Case) -> Path | None:
        person = case.kontaktperson
        # The name first: some exports carry the e-mail address and others of the same
        # person's cases do not. Two contact persons with one name are planned as one.
        who = " ".join((person.navn or person.epost or "").split()).casefold()
        if not who:
            return None
        return self.folder / f"{self.state.pseudonym('kontaktperson:' + who, prefix='kp')}.json"

    @staticmethod
    def _read(path: Path) -> dict[str, list[list[str]]]:
        if not path.exists():
            return {}
        return json.loads(path.read_text(encoding="utf-8"))
