"""The same input through two checkouts of the program, every output compared: a change
meant to make the same documents faster shows it made the same documents.

    python -m bench.same_output --base /path/to/other/clone [--cases 80] [--days 4]

Each checkout runs `omsorgspakke run` as a new process (its own code, its own templates),
one after the other, in the same folder (so the state's paths are the same) with the same
pseudonym key and installation id (so the case folders and calendar UIDs are the same).
The steady-state cases (generate.Synth history=True) are varied so that more of the
documents' branches are taken: some children without their sex in the journal, some
without a first name, a municipality writing nynorsk. The days: a cold run on Friday 4
December 2026; then, after a contact person has written in some minutes (their
document.xml changed in the case folder), the next working days with the same cases
exported again; on the third, some parents have declined since (minutes withdrawn), and a
re-export (a new `eksportert`) follows on the last.

After every run, compared: every file in the outbox (SHA-256 of its bytes: the text of every
document, the workbooks, the calendars), the ledger's documents (path, SHA-256,
fingerprint, gaps) and every file of the state but those that hold the code's version
(state/rendered: its `made_with` and the `inputs` digest over it; the logs; the ledger
file itself, compared by its rows). Prints what differs; exit 1 when anything does.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

from . import generate
from .pipeline_bench import next_working_day
from .process_run import LAUNCH

KEY = b"5a" * 32
INSTALLATION = "same-output-installation"
NOT_COMPARED = ("logs/", "journal.sqlite3", "rendered/", "worker.lock", "lest.json",
                "konfigurasjon.json", "malfelt.json", "brev.dag", "saker.endret",
                "saksoversikt.laget", "utsending.laget", "utsending/merker-lest-i-dag.json",
                "oversikter/")
"""State files that differ between two checkouts run alike (checked: the same code in two
clones): the code's version or its folder (rendered/, malfelt.json, konfigurasjon.json,
brev.dag, saker.endret, *.laget, merker-lest-i-dag.json), files' inodes and times
(lest.json, oversikter/: the workbooks' rows kept for the next run, whose workbooks are
compared in the outbox), the logs and the lock. The ledger is compared by its rows."""


def cases(count: int, today: date) -> list[dict]:
    people = list(generate.Synth(today, history=True).cases(count))
    for i, case in enumerate(people):
        if i % 5 == 1:
            case["barn"].pop("kjonn", None)  # the journal without the child's sex
        if i % 13 == 4:
            case["barn"]["fornavn"] = ""  # nor a first name
    return people


def settings(home: Path, code: Path) -> Path:
    for name in ("inbox", "outbox", "archive", "failed", "state", "plugins"):
        (home / name).mkdir(parents=True, exist_ok=True)
    (home / "state" / "pseudonym.key").write_bytes(KEY)
    (home / "state" / "installasjon.id").write_text(INSTALLATION + "\n")
    path = home / "omsorgspakke.toml"
    path.write_text(
        "[paths]\n"
        f'templates = "{(code / "templates").as_posix()}"\n'
        f'mappings = "{(code / "mappings").as_posix()}"\n'
        '[kommuner."4698"]\nmalform = "nynorsk"\n', encoding="utf-8")
    return path


def run(code: Path, home: Path, config: Path, day: date, export: Path) -> dict:
    shutil.copyfile(export, home / "inbox" / export.name)
    env = {**os.environ, "PYTHONPATH": str(code), "OMSORGSPAKKE_WORKERS": "1"}
    done = subprocess.run([sys.executable, "-c", LAUNCH, "run", "--json", "--config",
                           str(config), "--today", day.isoformat()],
                          cwd=code, env=env, capture_output=True, check=True)
    return json.loads(done.stdout)


def write_in(outbox: Path, every: int = 3) -> int:
    """A contact person writes in the first minutes of every third case folder: a word
    added to its document.xml, so the file is no longer the one a run wrote."""
    edited = 0
    for number, folder in enumerate(sorted(p for p in outbox.iterdir() if p.is_dir())):
        minutes = sorted(folder.rglob("*.docx"))
        minutes = [m for m in minutes if "eferat" in m.parent.parent.name]
        if number % every or not minutes:
            continue
        target = minutes[0]
        with zipfile.ZipFile(target) as old:
            parts = [(item, old.read(item.filename)) for item in old.infolist()]
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as new:
            for item, body in parts:
                if item.filename == "word/document.xml":
                    body = body.replace(b"</w:body>", b"<w:p><w:r><w:t>Skrevet inn.</w:t>"
                                        b"</w:r></w:p></w:body>", 1)
                new.writestr(item, body)
        target.write_bytes(data.getvalue())
        edited += 1
    return edited


def snapshot(home: Path) -> dict[str, str]:
    found = {}
    for top in ("outbox", "state"):
        for path in sorted((home / top).rglob("*")):
            rel = path.relative_to(home).as_posix()
            if path.is_file() and not any(rel.startswith(f"state/{n}") for n in NOT_COMPARED):
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    db = sqlite3.connect(home / "state" / "journal.sqlite3")
    for row in db.execute("SELECT path, sha256, fingerprint, missing, pending_sha256 "
                          "FROM documents ORDER BY path"):
        found[f"ledger:{row[0]}"] = repr(row[1:])
    db.close()
    return found


def series(code: Path, home: Path, people: list[dict], days: int, work: Path) -> list:
    shutil.rmtree(home, ignore_errors=True)
    config = settings(home, code)
    day = date(2026, 12, 4)
    taken = []
    export = generate.write_canonical_list(people, work / "cold.json")
    summary = run(code, home, config, day, export)
    taken.append((f"cold {day}", summary["documents_written"], snapshot(home)))
    print(f"  {code.name}: cold run, then minutes written in: {write_in(home / 'outbox')}",
          flush=True)
    for r in range(1, days + 1):
        day = next_working_day(day)
        today = people
        if r >= 3:  # some parents declined since
            today = copy.deepcopy(people)
            for i, case in enumerate(today):
                if i % 4 == 2 and case["foreldre"]:
                    case["foreldre"][0]["takker_ja"] = False
        if r == days and r > 1:
            today = copy.deepcopy(today)
            for case in today:
                case["eksportert"] = day.isoformat()
        export = generate.write_canonical_list(today, work / f"day-{r}.json", indent=r)
        summary = run(code, home, config, day, export)
        taken.append((f"day {r} {day}", summary["documents_written"], snapshot(home)))
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other checkout")
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--cases", type=int, default=80)
    parser.add_argument("--days", type=int, default=4)
    parser.add_argument("--work", type=Path, default=Path("/tmp/same-output"))
    args = parser.parse_args(argv)
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    people = cases(args.cases, date(2026, 12, 4))
    home = work / "home"
    a = series(args.base.resolve(), home, people, args.days, work)
    b = series(args.code.resolve(), home, people, args.days, work)
    different = 0
    for (when, written_a, files_a), (_, written_b, files_b) in zip(a, b, strict=True):
        changed = sorted(k for k in files_a.keys() | files_b.keys()
                         if files_a.get(k) != files_b.get(k))
        different += len(changed) + (written_a != written_b)
        print(f"{when}: {written_a} / {written_b} documents written, {len(files_a)} files "
              f"and ledger rows compared, {len(changed)} different")
        for name in changed[:20]:
            print(f"  differs: {name}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
