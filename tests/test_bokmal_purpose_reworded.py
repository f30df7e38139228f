"""Bokmål adjective agreement (a reader's finding in the demo): the purpose of the foster
family's theme 4 («Følelsesregulering») said «Fosterforeldrene skal bli mer bevisst på
hvordan …», a plural subject with the singular adjective; now «mer bevisste på». One foster
parent still reads «Fosterforelderen skal bli mer bevisst på hvordan egne …». Minutes made
in the words before and written in by the caseworker keep their issue on the release day
(Programme.ordlyd_for): no copy «(ny versjon)» beside them; minutes nobody has written in are
made again in the new words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs.domain import programme

from .conftest import canonical_case, docx_text
from .doc_helpers import calendar_text, case_context, texts, write_in

TODAY = date(2026, 11, 22)
NOW = "Fosterforeldrene skal bli mer bevisste på hvordan deres egne følelser"
BEFORE = "Fosterforeldrene skal bli mer bevisst på hvordan deres egne følelser"
ONE = "Fosterforelderen skal bli mer bevisst på hvordan egne følelser"


def _one_foster_parent(case: dict) -> dict:
    foster = case["fosterfamilie"]
    return {**case, "fosterfamilie": {**foster, "fosterforeldre": foster["fosterforeldre"][:1]}}


def _theme_4(found: dict[str, str]) -> str:
    (text,) = [t for name, t in found.items()
               if "/Fosterfamilien/" in name and "Tema 4" in name]
    return text


def test_the_foster_familys_theme_4_minutes_say_bevisste(tmp_path):
    text = _theme_4(texts(case_context(canonical_case()), "referat", tmp_path / "two"))
    assert NOW in text and BEFORE not in text
    one = _theme_4(texts(case_context(_one_foster_parent(canonical_case())), "referat",
                         tmp_path / "one"))
    assert ONE in one and "Fosterforeldrene" not in one and "bevisste" not in one


def _as_the_release_before(patched, tmp_path) -> None:
    """The release before: the bundled bokmål programme file as it was, the purpose (and
    the other words listed as former, [ordlyd_for]) in those words and no former words
    listed; the one foster parent's line for the purpose in those words."""
    text = programme.BUNDLED["bokmal"].read_text(encoding="utf-8")
    start = text.index("[ordlyd_for]\n")
    end = text.index("\n\n", start)
    lines = text[start:end].splitlines()[1:]
    assert any("bevisste på" in line for line in lines), lines
    rest = text[:start] + text[end:]
    for line in lines:  # the other words listed as former, as they were too
        if "bevisste på" not in line:
            now, was = (part.strip().strip('"') for part in line.split(" = "))
            rest = rest.replace(now, was)
    before, seen = [], set()
    for line in rest.splitlines():
        line = line.replace(NOW, BEFORE)
        if line.startswith(f'"{BEFORE}'):
            if line in seen:
                continue
            seen.add(line)
        before.append(line)
    assert sum('formal = "' in line and BEFORE in line for line in before) == 1
    path = tmp_path / "programme.nb.toml"
    path.write_text("\n".join(before) + "\n", encoding="utf-8")
    patched.setitem(programme.BUNDLED, "bokmal", path)


@pytest.mark.parametrize("count", [2, 1])
def test_theme_4_minutes_written_in_keep_their_issue_the_others_say_bevisste(
        workspace, monkeypatch, tmp_path, count):
    workspace.whole_year()
    case = canonical_case() if count == 2 else _one_foster_parent(canonical_case())
    workspace.drop("sak.json", case)
    with monkeypatch.context() as patched:
        _as_the_release_before(patched, tmp_path)
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"]) / "Referater" / "Fosterfamilien"
    (minutes,) = sorted(folder.glob("Tema 4*.docx"))
    said = BEFORE if count == 2 else ONE
    assert said in docx_text(minutes)
    as_written = write_in(minutes)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("*ny versjon*"))
    assert minutes.read_bytes() == as_written
    # Another case made by this release: the new words.
    workspace.drop("sak.json", {**case, "journalnummer": "2026-0999"})
    assert workspace.run(TODAY + timedelta(days=2)).files_failed == 0
    (fresh,) = sorted((workspace.case_folder("2026-0999") / "Referater" / "Fosterfamilien")
                      .glob("Tema 4*.docx"))
    assert (NOW if count == 2 else ONE) in docx_text(fresh)
    assert BEFORE not in docx_text(fresh)


def test_theme_4_minutes_nobody_wrote_in_are_made_again_in_the_new_words(
        workspace, monkeypatch, tmp_path):
    workspace.whole_year()
    case = canonical_case()
    workspace.drop("sak.json", case)
    with monkeypatch.context() as patched:
        _as_the_release_before(patched, tmp_path)
        assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"]) / "Referater" / "Fosterfamilien"
    assert BEFORE in docx_text(next(folder.glob("Tema 4*.docx")))
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    (minutes,) = sorted(folder.glob("Tema 4*.docx"))
    assert NOW in docx_text(minutes) and BEFORE not in docx_text(minutes)


def test_the_calendar_says_bevisste(workspace):
    workspace.whole_year()
    case = canonical_case()
    workspace.drop("sak.json", case)
    assert workspace.run(TODAY).files_failed == 0
    unfolded = calendar_text(workspace.case_folder(case["journalnummer"]))
    assert NOW in unfolded and BEFORE not in unfolded
