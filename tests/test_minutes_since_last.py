"""The minutes take up what was agreed last time: right after the conversation's plan (the
invitation says the conversation begins by agreeing what to talk about), a
section naming the party's conversation before (its theme and day) and what the journal
recorded after it, the need for support and the follow-up, with «Hvordan har det gått med
dette siden sist?». The words are the programme's ([siden_sist]); the section is there only
when the journal has something to show. Minutes a caseworker is writing in keep their issue
when it comes (the release day, an assessment recorded later): no copy «(ny versjon)»."""

from __future__ import annotations

from datetime import timedelta

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.documents import referat

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, render, write_in

FOSTER_2 = "Referater/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"
FOSTER_1 = "Referater/Fosterfamilien/Tema 1 - Den nye familien.docx"
SECTION = {
    "bokmal": [
        "Oppfølging fra sist",
        "Etter tema 1 «Den nye familien» 19. oktober 2026 ble dette registrert i fagsystemet:",
        "Behov for støtte: Hjelp til å snakke med de to andre barna i huset om hvorfor Sofie "
        "bor der.",
        "Oppfølging: Ja, tas opp i tema 3 og i veiledning fra fosterhjemstjenesten.",
        "Hvordan har det gått med dette siden sist?",
        "Samarbeid med Sofies familie",
    ],
    "nynorsk": [
        "Oppfølging frå sist",
        "Etter tema 1 «Den nye familien» 19. oktober 2026 vart dette registrert i fagsystemet:",
        "Behov for støtte: Hjelp til å snakke med de to andre barna i huset om hvorfor Sofie "
        "bor der.",
        "Oppfølging: Ja, tas opp i tema 3 og i veiledning fra fosterhjemstjenesten.",
        "Korleis har det gått med dette sidan sist?",
        "Samarbeid med familien til Sofie",
    ],
}


def _paragraphs(path) -> list[str]:
    return [p.text for p in open_docx(str(path)).paragraphs]


def _minutes(tmp_path, malform: str = "bokmal", case: dict | None = None) -> dict:
    ctx = case_context(case).in_malform(malform)
    return render(ctx, "referat", tmp_path)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_next_themes_minutes_say_what_the_journal_recorded_last_time(tmp_path, malform):
    """The foster family's theme 2: after theme 1 (19 October) the journal recorded a need
    for support and that it is taken up in theme 3. Said right after the conversation's plan
    (its questions and place to write), before the theme's next section, in this order, with
    the question how it has gone since."""
    made = _minutes(tmp_path, malform)
    lines = _paragraphs(made[FOSTER_2.replace("Referater", "Referat")
                               if malform == "nynorsk" else FOSTER_2])
    expected = SECTION[malform]
    start = lines.index(expected[0])
    # One after the other (the place to write notes is a content control between them).
    assert lines[start:start + len(expected)] == expected
    # After the plan: its heading and its last question come before the section.
    plan = lines.index("Plan for samtalen")
    assert plan < start
    assert lines[start - 1] == ("Hvordan går det i familien deres for tiden?"
                                if malform == "bokmal" else
                                "Korleis går det i familien dykkar for tida?")
    # What was positive is the assessment's own, not something to follow up.
    assert not any("dagsrytme" in line for line in lines)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_section_where_the_journal_has_nothing_from_last_time(tmp_path, malform):
    """Theme 1 has no conversation with an assessment before it, the child none at all: no
    heading with nothing under it."""
    made = _minutes(tmp_path, malform)
    title = SECTION[malform][0]
    first = FOSTER_1.replace("Referater", "Referat") if malform == "nynorsk" else FOSTER_1
    assert title not in _paragraphs(made[first])
    assert not any(title in _paragraphs(path) for name, path in made.items()
                   if "/Barnet/" in name or "/Foreldre/" in name)


def test_no_section_when_the_assessment_says_nothing_to_follow_up(tmp_path):
    """An assessment with only what is positive: nothing to ask about since."""
    case = canonical_case()
    case["vurderinger"] = [{**case["vurderinger"][0], "behov_for_stotte": "",
                            "dekkes_av_oppfolging": None}]
    made = _minutes(tmp_path, case=case)
    assert "Oppfølging fra sist" not in _paragraphs(made[FOSTER_2])


def test_only_what_the_journal_has_is_shown(tmp_path):
    case = canonical_case()
    case["vurderinger"] = [{**case["vurderinger"][0], "dekkes_av_oppfolging": ""}]
    lines = _paragraphs(_minutes(tmp_path, case=case)[FOSTER_2])
    assert "Oppfølging fra sist" in lines
    assert not any(line.startswith("Oppfølging:") for line in lines)


def test_a_programme_without_the_section_makes_none(tmp_path, monkeypatch):
    """A municipality's own programme file without [siden_sist]: no section."""
    ctx = case_context()
    monkeypatch.setattr(ctx, "programme", ctx.programme.model_copy(update={"siden_sist": None}))
    made = render(ctx, "referat", tmp_path)
    assert "Oppfølging fra sist" not in _paragraphs(made[FOSTER_2])


def test_a_programme_showing_an_unknown_assessment_is_refused(tmp_path):
    from omsorgspakke_docs.config import ConfigError
    from omsorgspakke_docs.domain import programme

    text = programme.BUNDLED["bokmal"].read_text(encoding="utf-8").replace(
        'dekkes_av_oppfolging = "Oppfølging"', 'oppfolging = "Oppfølging"', 1)
    own = tmp_path / "var.toml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        programme.load(own)
    assert "«siden_sist» viser vurderingen «oppfolging»" in str(refused.value)


def _without_the_section(monkeypatch) -> None:
    """The release before: minutes without the section."""
    monkeypatch.setattr(referat, "_since_last", lambda ctx, conv: referat._nothing_since())


def _run(workspace, case: dict, day=TODAY):
    workspace.drop(f"sak-{day.isoformat()}.json", {**case, "eksportert": day.isoformat()})
    summary = workspace.run(day)
    assert summary.files_failed == 0
    return summary


def test_minutes_written_in_before_the_section_came_keep_their_issue(workspace, monkeypatch):
    """Made by the release before (no section) and written in: the release day's run leaves
    them as they are, with no copy beside them; the foster family's theme 3, nobody has
    written in, is made again in place with the section."""
    workspace.whole_year()
    with monkeypatch.context() as patched:
        _without_the_section(patched)
        _run(workspace, canonical_case())
    folder = workspace.case_folder("2026-0412") / "Referater" / "Fosterfamilien"
    minutes = folder / "Tema 2 - Samvær og samarbeid.docx"
    assert "Oppfølging fra sist" not in docx_text(minutes)
    as_written = write_in(minutes)
    summary = _run(workspace, canonical_case(), TODAY + timedelta(days=1))
    assert summary.new_versions == []
    assert not list(folder.parent.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written
    assert "Oppfølging fra sist" in _paragraphs(folder / "Tema 3 - Å ivareta barnet.docx")


def test_minutes_written_in_keep_their_issue_when_an_assessment_comes_later(workspace):
    """Theme 1 held, its assessment not yet in the export: theme 2's minutes, written in,
    stay as they are when the next export has it; theme 3's, nobody wrote in, show it."""
    workspace.whole_year()
    case = canonical_case()
    _run(workspace, {**case, "vurderinger": []})
    folder = workspace.case_folder("2026-0412") / "Referater" / "Fosterfamilien"
    minutes = folder / "Tema 2 - Samvær og samarbeid.docx"
    assert "Oppfølging fra sist" not in docx_text(minutes)
    as_written = write_in(minutes)
    summary = _run(workspace, case, TODAY + timedelta(days=1))
    assert summary.new_versions == []
    assert not list(folder.parent.glob("**/*ny versjon*"))
    assert minutes.read_bytes() == as_written
    assert "Oppfølging fra sist" in _paragraphs(folder / "Tema 3 - Å ivareta barnet.docx")
