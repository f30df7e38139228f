"""bench/word_floor.py: the strict figure, and beside it the Word renderer's own share and
the one-off work, from the same cold run (no timings asserted: only that the figures are
there, positive and agree with each other)."""

from __future__ import annotations

import logging

import pytest

from bench import word_floor
from omsorgspakke_docs.rendering import fastdocx, renderer

from .conftest import TODAY


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """The bench's runs quiet the program's log (bench/workspace.py): given back after, as
    the tests after these read it."""
    log = logging.getLogger("omsorgspakke")
    level = log.level
    try:
        return word_floor.measure(tmp_path_factory.mktemp("floor"), TODAY, 2, larger=3)
    finally:
        log.setLevel(level)


def test_the_strict_figure_is_kept_as_it_was(figures):
    assert figures["word_run_cases"] == 2 and figures["word_documents"] > 0
    assert figures["word_cpu_ms_per_doc"] > 0 and figures["word_floor_ms_per_doc"] > 0
    assert figures["word_cpu_vs_floor"] == pytest.approx(
        figures["word_cpu_ms_per_doc"] / figures["word_floor_ms_per_doc"], rel=0.05, abs=0.1)


def test_the_renderers_share_is_part_of_the_run_over_the_same_floor(figures):
    # A cold run renders each Word document it writes once.
    assert figures["word_render_calls"] == figures["word_documents"]
    render = figures["word_render_cpu_ms_per_doc"]
    assert 0 < render <= figures["word_cpu_ms_per_doc"]
    assert 0 < figures["word_render_share_of_run"] <= 1
    assert figures["word_render_cpu_vs_floor"] == pytest.approx(
        render / figures["word_floor_ms_per_doc"], rel=0.05, abs=0.1)
    assert 0 < figures["word_render_cpu_vs_floor_without_prep"] \
        <= figures["word_render_cpu_vs_floor"] <= figures["word_cpu_vs_floor"]
    # The templates' preparation is inside the renderer's share, amortised over the run.
    prep_per_doc = figures["word_template_prep_cpu_ms"] / figures["word_documents"]
    assert 0 < prep_per_doc <= render + 0.001


def test_the_one_off_work_is_the_preparation_and_the_imports(figures):
    assert figures["word_template_prep_cpu_ms"] > 0 and figures["word_import_cpu_ms"] > 0
    assert figures["word_oneoff_cpu_ms"] == pytest.approx(
        figures["word_template_prep_cpu_ms"] + figures["word_import_cpu_ms"], abs=0.15)


def test_the_larger_run_gives_the_strict_figure_by_its_cases(figures):
    assert figures["word_documents_3"] > 0 and figures["word_cpu_ms_per_doc_3"] > 0
    assert figures["word_cpu_vs_floor_3"] == pytest.approx(
        figures["word_cpu_ms_per_doc_3"] / figures["word_floor_ms_per_doc"], rel=0.05, abs=0.1)


def test_the_product_is_given_back_unwrapped(figures):
    assert renderer.Renderer._docx.__qualname__ == "Renderer._docx"
    assert renderer.Renderer._found_uses.__qualname__ == "Renderer._found_uses"
    assert fastdocx.PreparedDocx.__init__.__qualname__ == "PreparedDocx.__init__"
    assert fastdocx._CompiledOnce.from_string.__qualname__ == "_CompiledOnce.from_string"


def test_a_call_inside_another_is_counted_once_for_the_inner(monkeypatch):
    ticks = iter(range(100))
    monkeypatch.setattr(word_floor.time, "process_time", lambda: float(next(ticks)))
    clock = word_floor._Clock()
    inner = clock.timed("prepare", lambda: None)  # start 1, end 2: 1 tick

    def outer_call():
        inner()
        inner()  # start 3, end 4: 1 tick

    outer = clock.timed("render", outer_call)  # start 0, end 5: 5 ticks, 2 of them inner
    outer()
    skipped = clock.timed("prepare", lambda x: x, lambda x: x > 1)
    assert skipped(1) == 1  # not counted: no tick taken
    assert clock.spent == {"render": 3.0, "prepare": 2.0}
    assert clock.calls == {"render": 1, "prepare": 2}
