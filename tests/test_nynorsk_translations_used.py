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
