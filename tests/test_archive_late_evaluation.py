"""A case whose year ended months before the next run gets its final documents on that run
(run/refresh.py), but the archive hand-off filed a final evaluation only within three months
of the programme's last day: one written in the evaluation made that late run was never
filed, though it says it is. It is filed for three months from the day it was made, once,
and says so (nb and nn)."""

from __future__ import annotations

import time
from datetime import date

import pytest

from .conftest import canonical_case, docx_text
from .doc_helpers import write_in
from .test_archive import (
    archive_clock_on,
    at_noon,
    enable_archive,
    evaluation_packages,
    needs_libreoffice,
)

FIRST = date(2026, 11, 23)
BEFORE = date(2027, 6, 1)
LATE = date(2027, 12, 20)  # more than three months after the last day, 13 September 2027
CHILD = "03 Sluttevaluering - Barnet.docx"
WRITTEN = "Samlet vurdering: Sofie har funnet seg godt til rette."

SAYS = {
    "bokmal": "Det gjelder til og med 20. mars 2028, tre måneder etter at den ble laget; "
              "skrives den senere, legges den inn for hånd.",
    "nynorsk": "Det gjeld til og med 20. mars 2028, tre månader etter at ho vart laga; blir "
               "ho skriven seinare, må ho leggjast inn for hand.",
}
BEFORE_SAYS = {"bokmal": "Det gjelder i tre måneder etter siste dag",
               "nynorsk": "Det gjeld i tre månader etter den siste dagen"}


@needs_libreoffice
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_evaluation_made_late_is_filed_once_written_in(workspace, malform):
    workspace.in_malform(malform)
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=BEFORE) == 0
    evaluation = workspace.case_folder("2026-0412") / CHILD
    assert BEFORE_SAYS[malform] in docx_text(evaluation)
    assert workspace.cli(today=LATE) == 0  # the final documents, months after the end
    text = docx_text(evaluation)
    assert SAYS[malform] in text
    assert BEFORE_SAYS[malform] not in text
    assert evaluation_packages(workspace) == []  # as made it is a form

    write_in(evaluation, WRITTEN, saved=time.time() - 3600)
    assert workspace.cli(today=date(2027, 12, 21)) == 0
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]
    assert workspace.cli(today=date(2027, 12, 22)) == 0
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]  # once


@needs_libreoffice
@pytest.mark.parametrize("written_on, filed", [
    (date(2027, 11, 1), ["03 Sluttevaluering - Barnet"]),  # within three months: promised
    (date(2027, 12, 15), []),  # after them: «legges den inn for hånd», so not filed twice
])
def test_an_evaluation_written_before_the_late_run_is_filed_as_its_text_said(
        workspace, monkeypatch, written_on, filed):
    """Written in the evaluation made in June, which said it is filed for three months after
    the last day and journaled by hand after them; no run came in between."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=BEFORE) == 0
    evaluation = workspace.case_folder("2026-0412") / CHILD
    write_in(evaluation, WRITTEN, saved=at_noon(written_on))
    archive_clock_on(monkeypatch, date(2028, 1, 10))  # after it was saved
    assert workspace.cli(today=LATE) == 0
    assert workspace.cli(today=date(2027, 12, 21)) == 0
    assert evaluation_packages(workspace) == filed


@needs_libreoffice
def test_the_demo_run_long_after_its_end_files_the_late_evaluations(tmp_path):
    """The reader's run: the demo, then a run on 30 November 2027 with the archive on. Four
    of its cases ended more than three months before; their evaluations, written in after
    that run, go to the archive on the next, once."""
    from lxml import etree

    from omsorgspakke_docs.cli import main

    from .conftest import ROOT

    demo = tmp_path / "D"
    assert main(["demo", "--folder", str(demo), "--json"]) == 0
    config = demo / "omsorgspakke.toml"
    config.write_text((ROOT / "examples" / "omsorgspakke.toml").read_text(encoding="utf-8")
                      + f'\n[paths]\ntemplates = "{ROOT / "templates"}"\n'
                        f'plugins = "{ROOT / "plugins"}"\nmappings = "{ROOT / "mappings"}"\n'
                        '\n[archive]\nenabled = true\nfolder = "til-arkiv"\n'
                        'settle_minutes = 0\n', encoding="utf-8")
    folders = [arg for name in ("inbox", "outbox", "archive", "failed", "state")
               for arg in (f"--{name}", str(demo / name))]

    def run(day: str) -> None:
        assert main(["run", "--config", str(config), *folders, "--today", day, "--json",
                     "--accept-config"]) == 0

    def filed() -> list[str]:
        out = []
        for package in sorted((demo / "til-arkiv").iterdir()):
            title = etree.parse(str(package / "arkivmelding.xml")).findtext(
                ".//{*}registrering/{*}tittel") or ""
            if title.startswith("03 Sluttevaluering"):
                out.append(f"{package.name[:9]} {title.split(' – ')[0]}")
        return out

    run("2027-11-30")
    late = ["2026-0587", "2026-0710", "2026-0721", "2026-0741"]
    for case in late:
        evaluation = demo / "outbox" / case / CHILD
        assert "Det gjelder til og med 29. februar 2028" in docx_text(evaluation)
        write_in(evaluation, "Samlet vurdering: barnet har funnet seg godt til rette.",
                 saved=time.time() - 3600)
    run("2027-12-01")
    assert filed() == [f"{case} 03 Sluttevaluering - Barnet" for case in late]
    made = sorted(p.name for p in (demo / "til-arkiv").iterdir())
    run("2027-12-02")
    assert sorted(p.name for p in (demo / "til-arkiv").iterdir()) == made  # nothing twice
