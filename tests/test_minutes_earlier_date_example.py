"""Minutes of a conversation the journal lacks, to be written only if it was held before a
later one («Planlagt dato: ikke registrert (før 19. oktober 2026)»), said «for eksempel
20.11.2026» in «Dato holdt»: a date after the one it must be before. Their example is now
the last working day before that date, and there is none where no working day from the
move on comes before it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from omsorgspakke_docs.documents import referat
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.text import tekst

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, render, write_in
from .test_minutes_prefilled import all_text

FIRST = "Fosterfamilien/Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"
PLANNED = {"bokmal": "ikke registrert (før 19. oktober 2026)",
           "nynorsk": "ikkje registrert (før 19. oktober 2026)"}
ASK = {"bokmal": "Skriv datoen samtalen ble holdt, for eksempel 16.10.2026.",
       "nynorsk": "Skriv datoen samtalen vart halden, til dømes 16.10.2026."}
WITHOUT = {"bokmal": "Skriv datoen samtalen ble holdt.",
           "nynorsk": "Skriv datoen samtalen vart halden."}


def _first_contact(tmp_path, malform: str, case: dict | None = None) -> list[str]:
    made = render(case_context(case).in_malform(malform), "referat", tmp_path)
    folder = "Referater" if malform == "bokmal" else "Referat"
    return all_text(made[f"{folder}/{FIRST}"]).splitlines()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_example_comes_before_the_date_it_must_be_before(tmp_path, malform):
    """19 October 2026 is a Monday: the example is the Friday before."""
    lines = _first_contact(tmp_path, malform)
    assert PLANNED[malform] in lines
    assert ASK[malform] in lines
    assert not any("20.11.2026" in line for line in lines)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_example_where_no_day_from_the_move_comes_before_it(tmp_path, malform):
    """Moved on the Monday of the foster family's theme 1: no working day from the move on
    comes before it, so the place asks for the date without an example."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "startdato": "2026-10-19"}
    lines = _first_contact(tmp_path, malform, case)
    assert PLANNED[malform] in lines
    assert WITHOUT[malform] in lines
    assert not any("20.11.2026" in line or "16.10.2026" in line for line in lines)


def _held_place(path) -> tuple[bool, str]:
    """Whether «Dato holdt» shows its grey text (nothing written), and that text."""
    for sdt in open_docx(str(path)).element.body.iter(qn("w:sdt")):
        pr = sdt.find(qn("w:sdtPr"))
        if pr.find(qn("w:tag")).get(qn("w:val")) == mm.HELD.tag:
            text = "".join(t.text or "" for t in sdt.find(qn("w:sdtContent")).iter(qn("w:t")))
            return pr.find(qn("w:showingPlcHdr")) is not None, text
    raise AssertionError("no place «Dato holdt»")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_example_date_where_no_later_conversation_has_a_date(tmp_path, monkeypatch,
                                                                  malform):
    """Helper 506: where no later conversation of the track has a date («Planlagt dato: ikke
    registrert»), «Dato holdt» said «for eksempel 20.11.2026», a real-looking date a
    caseworker might leave. Now it only asks for the date, in grey, with nothing written."""
    monkeypatch.setattr(schedule, "dated_after", lambda plan, conv: None)
    made = render(case_context().in_malform(malform), "referat", tmp_path)
    path = made[f"{'Referater' if malform == 'bokmal' else 'Referat'}/{FIRST}"]
    lines = all_text(path).splitlines()
    assert {"bokmal": "ikke registrert", "nynorsk": "ikkje registrert"}[malform] in lines
    assert _held_place(path) == (True, WITHOUT[malform])
    assert not any("20.11.2026" in line for line in lines)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("written", [True, False])
def test_minutes_made_with_the_example_date(workspace, monkeypatch, malform, written):
    """Such minutes made by the release before (with «20.11.2026»): written in, they keep
    their issue, with no copy «(ny versjon)» beside them; nobody wrote in them, they are
    made again in place without it."""
    monkeypatch.setattr(schedule, "dated_after", lambda plan, conv: None)
    workspace.in_malform(malform)
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    with monkeypatch.context() as before:
        before.setattr(referat, "_held_prompt", lambda ctx, conv: ctx.t("referatfelt.holdt"))
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    minutes = folder / FIRST
    assert "20.11.2026" in all_text(minutes)
    as_written = write_in(minutes) if written else None
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    if written:
        assert minutes.read_bytes() == as_written
        assert "Skrevet av kontaktpersonen" in docx_text(minutes)
    else:
        assert _held_place(minutes) == (True, WITHOUT[malform])
        assert "20.11.2026" not in all_text(minutes)
