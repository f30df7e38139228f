"""tools/nynorsk.py holds the nynorsk of the texts the templates have now, and nothing more:
a text the bokmål templates no longer use is not kept as a translation nobody reads."""

from __future__ import annotations

import importlib

from .conftest import ROOT


def test_every_nynorsk_text_is_used_by_a_template(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    nynorsk = importlib.import_module("nynorsk")
    build_templates = importlib.import_module("build_templates")
    asked: set[str] = set()
    translate = nynorsk.translate

    def recording(text, missing):
        asked.add(text)
        return translate(text, missing)

    monkeypatch.setattr(nynorsk, "translate", recording)
    build_templates.build(tmp_path)
    assert asked
    assert sorted(set(nynorsk.TEXT) - asked) == []
    assert sorted(nynorsk.SAME - asked) == []


def test_the_shipped_templates_are_the_ones_the_build_makes(tmp_path, monkeypatch):
    """templates/ is what tools/build_templates.py makes from its sources, byte for byte (the
    build is reproducible): a source changed without building again, or a template changed
    by hand, would ship other texts than the sources say (the nynorsk overview's red rows
    once named a bokmål status)."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    build_templates = importlib.import_module("build_templates")
    made = build_templates.build(tmp_path)
    assert made
    stale = [path.relative_to(tmp_path).as_posix() for path in made
             if path.read_bytes() != (ROOT / "templates" / path.relative_to(tmp_path)).read_bytes()]
    assert stale == [], "run tools/build_templates.py and commit templates/"
