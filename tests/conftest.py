"""Shared fixtures: a work folder laid out in one call, synthetic people, document readers."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs import config
from omsorgspakke_docs.cli import main
from omsorgspakke_docs.documents import sent_marks
from omsorgspakke_docs.domain.idnumber import check_digits
from omsorgspakke_docs.plugins import make_manager
from omsorgspakke_docs.run.pipeline import Pipeline
from omsorgspakke_docs.store import written
from omsorgspakke_docs.store.issued import IN_USE_FROM

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
TODAY = date(2026, 11, 22)


def shipped_settings() -> config.Settings:
    """Default settings that point at the mappings and plugins shipped in the checkout."""
    settings = config.Settings()
    settings.paths.mappings = ROOT / "mappings"
    settings.paths.plugins = ROOT / "plugins"
    return settings


def synthetic_fnr(born: date, individual: int | None = None) -> str:
    """A synthetic test number (month + 80) with valid check digits."""
    start = individual if individual is not None else (600 if born.year >= 2000 else 100)
    for ind in range(start, start + 200):
        first9 = f"{born.day:02d}{born.month + 80:02d}{born.year % 100:02d}{ind:03d}"
        digits = check_digits(first9)
        if digits:
            return first9 + digits
    raise AssertionError("no synthetic number found")


def canonical_case(**overrides) -> dict:
    """A complete canonical case as a dict; override any top-level key."""
    case = json.loads((EXAMPLES / "sak-fjordvik-2026-0412.json").read_text(encoding="utf-8"))
    case.update(overrides)
    return case


def mothers_next_conversation_cancelled() -> dict:
    """The example case exported again on 23 November with the mother's next conversation
    (that day) cancelled: the planner gives it, and her themes after it, new dates, so her
    information letter is issued anew; the father's dates stay as they were."""
    case = canonical_case(eksportert="2026-11-23")
    case["samtaler"] = [*case["samtaler"], {
        "part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0, "dato": "2026-11-23",
        "status": "avlyst"}]
    return case


def both_parents_took_part(case: dict) -> dict:
    """The example case's parents' contact (it names no parent, and the parents live apart)
    with both parents among those present, as returned minutes write them: it is held with
    each. Without them, the journal does not say with whom it was held."""
    for entry in case["samtaler"]:
        if entry["part"] == "foreldre" and "forelder" not in entry:
            entry["deltakere"] = ["Camilla Lindqvist (mor)", "Ahmad Hansen (far)", "Tolk"]
    return case


@dataclass
class Workspace:
    root: Path

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def failed(self) -> Path:
        return self.root / "failed"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def config_file(self) -> Path:
        return self.root / "omsorgspakke.toml"

    def in_use_since(self, day: date) -> None:
        """As if the service had made its first documents on this day (store/issued.py
        in_use_from): a case exported now is new to a service already running."""
        self.state.mkdir(parents=True, exist_ok=True)
        (self.state / IN_USE_FROM).write_text(day.isoformat() + "\n", encoding="utf-8")

    def as_kept_by_the_release_before(self) -> None:
        """The issue dates kept as the releases before this one kept them: each letter by
        what it shows whole, without its fields (store/issued.py "fields"): they read them
        through rendering/former_releases.py."""
        for path in (self.state / "issued").glob("*.json"):
            kept = json.loads(path.read_text(encoding="utf-8"))
            for entry in kept.values():
                if isinstance(entry, dict):
                    entry.pop("fields", None)
            path.write_text(json.dumps(kept), encoding="utf-8")

    def whole_year(self) -> None:
        """Make every letter and minutes document of the year at once, not only those due
        ([documents] invitation_days_before a year), for tests that read them all."""
        with self.config_file.open("a", encoding="utf-8") as handle:
            handle.write("\n[documents]\ninvitation_days_before = 366\n")

    def in_malform(self, malform: str) -> None:
        """The municipality's written standard ([service] malform); bokmål is the default."""
        if malform != "bokmal":
            config = self.config_file.read_text(encoding="utf-8")
            self.config_file.write_text(
                config.replace("[service]\n", f'[service]\nmalform = "{malform}"\n'),
                encoding="utf-8")

    def own_templates(self) -> Path:
        """The shipped templates copied to where this municipality keeps its own, and the
        configuration pointed there: a test may change them as a municipality would."""
        own = self.root / "maler"
        shutil.copytree(ROOT / "templates", own)
        config = self.config_file.read_text(encoding="utf-8")
        self.config_file.write_text(
            config.replace((ROOT / "templates").as_posix(), own.as_posix()), encoding="utf-8")
        return own

    def own_mappings(self, name: str = "mine-mappinger", shipped: bool = False) -> Path:
        """A mapping folder of the municipality's own (with a copy of the shipped mapping
        files when shipped), and the configuration pointed there: a test writes IT's files."""
        folder = self.root / name
        if shipped:
            shutil.copytree(ROOT / "mappings", folder)
        folder.mkdir(exist_ok=True)
        config = self.config_file.read_text(encoding="utf-8")
        config = "\n".join(line for line in config.splitlines()
                           if not line.startswith("mappings ="))
        self.config_file.write_text(
            config.replace("[paths]", f'[paths]\nmappings = "{name}"'), encoding="utf-8")
        return folder

    def drop(self, name: str, content: str | bytes | dict) -> Path:
        path = self.inbox / name
        if isinstance(content, dict):
            content = json.dumps(content, ensure_ascii=False, indent=1)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    def drop_example(self, name: str) -> Path:
        return Path(shutil.copy2(EXAMPLES / name, self.inbox / name))

    def settings(self) -> config.Settings:
        return config.load(self.config_file)

    def run(self, today: date = TODAY):
        settings = self.settings()
        return Pipeline(settings, make_manager(settings.paths.plugins)).run(today)

    def cli(self, *args: str, today: date = TODAY) -> int:
        return main(["run", "--config", str(self.config_file), "--today", today.isoformat(), *args])

    def case_folder(self, journalnummer: str) -> Path:
        return self.outbox / journalnummer

    def documents(self, journalnummer: str, pattern: str = "**/*.docx") -> list[Path]:
        return sorted(self.case_folder(journalnummer).glob(pattern))


def make_workspace(root: Path) -> Workspace:
    """inbox/, outbox/, archive/, failed/, state/ and a config using the shipped templates."""
    ws = Workspace(root / "work")
    for name in ("inbox", "outbox", "archive", "failed", "state", "plugins"):
        (ws.root / name).mkdir(parents=True)
    ws.config_file.write_text(
        "[paths]\n"
        f'templates = "{(ROOT / "templates").as_posix()}"\n'
        f'mappings = "{(ROOT / "mappings").as_posix()}"\n'
        "\n[service]\n"
        'navn = "Barnevernstjenesten i Testvik"\n'
        'kommunenavn = "Testvik kommune"\n'
        'adresse = "Postboks 1"\n'
        'postnummer = "9999"\n'
        'poststed = "Testvik"\n'
        'besoksadresse = "Rådhusgata 4, 9999 Testvik"\n'
        'telefon = "99 00 12 00"\n'
        'epost = "barnevern@testvik.kommune.example"\n',
        encoding="utf-8",
    )
    return ws


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    return make_workspace(tmp_path)


def case_folders(outbox: Path) -> list[Path]:
    """The case folders in the outbox, sorted (not the hidden record of what was written
    there: store/written.py)."""
    return sorted(p for p in outbox.iterdir() if p.is_dir() and p.name != written.FOLDER)


def docx_text(path: Path, as_set: bool = False) -> str:
    """All text of a Word document: paragraphs, tables, headers and footers; a no-break
    space (a phone number's, rendering/filters.py telefon) read as the space it shows,
    unless as_set."""
    doc = open_docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
        parts.extend(p.text for p in section.header.paragraphs)
    text = "\n".join(parts)
    return text if as_set else text.replace("\u00a0", " ")


def xlsx_rows(path: Path, sheet: str) -> list[tuple]:
    book = load_workbook(path)
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


@pytest.fixture
def reads(monkeypatch):
    """The lists of letters to send (Til utsending) read from the outbox for their marks as
    sent, counted by file name (documents/sent_marks.py read_list)."""
    read: list = []
    real = sent_marks.read_list

    def counted(path, today=None):
        read.append(path.name)
        return real(path, today)
    monkeypatch.setattr(sent_marks, "read_list", counted)
    return read
