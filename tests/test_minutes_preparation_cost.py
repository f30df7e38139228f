"""What preparing a case's minutes costs on a day they are due (issue 19): the case folder
is found once for all its minutes (its owner marker read), not twice for each, and the
theme as the release before asked it is built only where the programme worded its questions
otherwise then (Seksjon.sporsmal_for, Programme.ordlyd_for in the bundled programme). The
minutes themselves are the same: tests/test_minutes_*.py."""

from __future__ import annotations

from datetime import date

from omsorgspakke_docs.documents import referat
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.rendering.context import CaseContext

from .conftest import canonical_case, make_workspace


def test_a_cases_minutes_find_its_folder_once_and_the_former_theme_only_where_reworded(
        tmp_path, monkeypatch):
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    found: list[object] = []
    former: list[tuple[str, int]] = []
    minutes: list[str] = []
    folder_of, theme_of, documents_of = (referat._case_folder, CaseContext.tema_context,
                                         referat.Referat.documents)

    def case_folder(ctx):
        found.append(ctx)
        return folder_of(ctx)

    def tema_context(self, part, tema, *args, **kwargs):
        if kwargs.get("former"):
            former.append((part.id, tema.nummer))
        return theme_of(self, part, tema, *args, **kwargs)

    def documents(self, ctx):
        for doc in documents_of(self, ctx):
            minutes.append(doc.path)
            yield doc

    monkeypatch.setattr(referat, "_case_folder", case_folder)
    monkeypatch.setattr(CaseContext, "tema_context", tema_context)
    monkeypatch.setattr(referat.Referat, "documents", documents)
    summary = ws.run()
    assert summary.files_failed == 0 and len(minutes) > 3
    # One case: its minutes kind asked once, and the overview's note on minutes kept in the
    # child's former sex once (referat.kept_in_the_other_sex: the example child is a girl);
    # the joint meeting's minutes (fellesmote.py) find the folder for themselves, two looks
    # each, and there are none before theme 2.
    assert len(found) == 2
    bundled = programme.load()
    reworded = {(part.id, tema.nummer) for part in bundled.parter
                for tema in part.temaer if bundled.reworded(tema)}
    assert former and set(former) <= reworded, (former, reworded)


def test_the_overview_asks_each_minutes_only_what_tells_it_says_the_childs_former_sex(
        tmp_path, monkeypatch):
    """The overview's note on minutes kept in the child's former sex (kept_in_the_other_sex)
    reads each minutes' path and whether anyone has written in them, not the whole of each
    minutes' context: what the places to write show (_written_for) is worked out once a
    minutes document, by the minutes kind, on the first run and on the next day."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    assert case["barn"]["kjonn"] in ("jente", "gutt")  # the overview looks (a run, a sex)
    written: list[object] = []
    minutes: list[str] = []
    written_for, documents_of = referat._written_for, referat.Referat.documents

    def counted(ctx, conv):
        written.append(conv.key)
        return written_for(ctx, conv)

    def documents(self, ctx):
        for doc in documents_of(self, ctx):
            minutes.append(doc.path)
            yield doc

    monkeypatch.setattr(referat, "_written_for", counted)
    monkeypatch.setattr(referat.Referat, "documents", documents)
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0 and len(minutes) > 3
    assert len(written) == len(minutes)
    written.clear()
    minutes.clear()
    ws.drop("sak.json", {**case, "eksportert": "2026-11-23"})
    assert ws.run(date(2026, 11, 23)).files_failed == 0 and minutes
    assert len(written) == len(minutes)
