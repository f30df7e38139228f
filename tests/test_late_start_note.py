"""A case first exported after its first conversations were due, with none recorded, gets a
note in its plan: when the placement started, when the case first came, and from when the
conversations are planned. A case that starts on time gets none."""

from __future__ import annotations

from datetime import date, timedelta

from docx import Document as open_docx

from .conftest import TODAY, canonical_case, xlsx_rows
from .test_nynorsk import BOKMAL_ONLY, _config, _words

PLAN = "01 Oppfølgingsplan.docx"
LATE = ("Plasseringen startet 2. juni 2026, men saken kom fra fagsystemet første gang "
        "22. november 2026. Samtalene er derfor planlagt fra 23. november 2026, senere enn "
        "programmet legger opp til, og med vanlig avstand mellom dem.")
LATE_NN = ("Plasseringa starta 2. juni 2026, men saka kom frå fagsystemet første gong "
           "22. november 2026. Samtalane er difor planlagde frå 23. november 2026, seinare "
           "enn programmet legg opp til, og med vanleg avstand mellom dei.")


def _starting(start: date) -> dict:
    case = canonical_case(samtaler=[], vurderinger=[], oppfolgingsbesok=[])
    case["plassering"]["startdato"] = start.isoformat()
    return case


def _paragraphs(workspace) -> list[str]:
    return [p.text for p in open_docx(str(workspace.case_folder("2026-0412") / PLAN)).paragraphs]


MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def _first_conversation(workspace) -> date:
    """The earliest date in the plan's tables of conversations ("mandag 23. november 2026")."""
    return min(_theme_dates(workspace, ""))


def test_a_case_first_exported_long_after_the_move_says_so_in_its_plan(workspace):
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(TODAY)  # 22 November 2026
    paragraphs = _paragraphs(workspace)
    assert LATE in paragraphs
    # Under the plan's notes, and true of its dates: the first conversation is the one named.
    assert paragraphs.index(LATE) > paragraphs.index("Merknader")
    assert _first_conversation(workspace) == date(2026, 11, 23)
    # The team leader's caseload shows it beside the case.
    rows = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Saker")
    row = next(r for r in rows if r[0] == "2026-0412")
    assert row[-1] == LATE
    # A week later, with nothing held yet, the note says the same (the day the case came).
    workspace.drop("sak-1.json", _starting(date(2026, 6, 2)))
    assert workspace.run(TODAY + timedelta(days=7)).files_failed == 0
    assert LATE in _paragraphs(workspace)


def test_a_case_that_starts_on_time_has_no_such_note(workspace):
    workspace.drop("sak.json", _starting(date(2026, 11, 16)))
    workspace.run(date(2026, 11, 17))
    assert not any("kom fra fagsystemet første gang" in p for p in _paragraphs(workspace))


def test_a_late_case_with_conversations_held_has_no_such_note(workspace):
    # The bundled case was placed 14 September and has conversations in the journal: its
    # gaps carry their own reasons, and the plan does not say nothing was held.
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    assert not any("kom fra fagsystemet første gang" in p for p in _paragraphs(workspace))


def test_the_note_is_nynorsk_in_a_nynorsk_municipality(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(TODAY)
    paragraphs = _paragraphs(workspace)
    assert LATE_NN in paragraphs
    assert _words(LATE_NN) & set(BOKMAL_ONLY) == set()
    assert not any("kom fra fagsystemet" in p for p in paragraphs)


CLOSER = ("Plasseringen startet 2. juni 2026, men saken kom fra fagsystemet første gang "
          "1. februar 2027. Samtalene er derfor planlagt fra 2. februar 2027, senere enn "
          "programmet legger opp til, og noen av dem tettere enn vanlig for å få plass før "
          "programmets siste dag, 1. juni 2027: ned til 8 dager mellom to samtaler.")
CLOSER_NN = ("Plasseringa starta 2. juni 2026, men saka kom frå fagsystemet første gong "
             "1. februar 2027. Samtalane er difor planlagde frå 2. februar 2027, seinare enn "
             "programmet legg opp til, og nokre av dei tettare enn vanleg for å få plass før den "
             "siste dagen i programmet, 1. juni 2027: ned til 8 dagar mellom to samtalar.")


def _theme_dates(workspace, heading_start: str) -> list[date]:
    """The dates in the plan's table whose first column starts so, in order."""
    doc = open_docx(str(workspace.case_folder("2026-0412") / PLAN))
    found = []
    for table in doc.tables:
        if table.rows[0].cells[0].text != "Tema":
            continue
        for row in table.rows[1:]:
            if row.cells[0].text.startswith(heading_start):
                _, day, month, year = row.cells[1].text.split()
                found.append(date(int(year), MONTHS.index(month) + 1, int(day.rstrip("."))))
    return found


def test_a_late_case_whose_last_themes_come_closer_says_so_not_usual_spacing(workspace):
    """Exported eight months after the move: the foster family's last theme fits only 8 days
    after the one before, before the programme's last day. The note said «med vanlig
    avstand mellom dem» (helper 145); it now says how close they come."""
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(date(2027, 2, 1))
    paragraphs = _paragraphs(workspace)
    assert CLOSER in paragraphs
    assert not any("vanlig avstand" in p for p in paragraphs)
    themes = _theme_dates(workspace, "Tema 5: Avvisning") + _theme_dates(
        workspace, "Tema 6: Den nye familien og veien videre")
    assert (themes[1] - themes[0]).days == 8  # true of the plan's dates
    rows = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Saker")
    assert next(r for r in rows if r[0] == "2026-0412")[-1] == CLOSER


def test_the_closer_note_is_nynorsk_in_a_nynorsk_municipality(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(date(2027, 2, 1))
    assert CLOSER_NN in _paragraphs(workspace)
    assert _words(CLOSER_NN) & set(BOKMAL_ONLY) == set()


def _letter_lines(workspace, parent: str) -> list[str]:
    path = workspace.case_folder("2026-0412") / f"02 Informasjonsbrev til foreldre - {parent}.docx"
    return [p.text for p in open_docx(str(path)).paragraphs if "mellomrom" in p.text]


def test_a_letter_to_a_parent_whose_themes_come_a_week_apart_does_not_say_some_weeks(workspace):
    """Exported late in February: the mother's last theme comes a week after the one before
    (1 June after 25 May). Her letter said «med noen ukers mellomrom» (helper 145); a week
    apart is not some weeks. A late case whose themes keep two weeks or more keeps the words."""
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(date(2027, 2, 22))
    themes = _theme_dates(workspace, "Tema 4: Hvorfor måtte barnet flytte? – med mor") + \
        _theme_dates(workspace, "Tema 5: Fortsatt familie og veien videre – med mor")
    assert (themes[1] - themes[0]).days == 7
    lines = _letter_lines(workspace, "mor")
    assert len(lines) == 1 and "med fra én til noen ukers mellomrom." in lines[0]
    assert "med noen ukers mellomrom" not in lines[0]


def test_a_letter_to_a_parent_whose_themes_keep_weeks_apart_says_some_weeks(workspace):
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(date(2027, 2, 1))
    assert "med noen ukers mellomrom." in _letter_lines(workspace, "mor")[0]


def test_the_letter_says_a_week_apart_in_nynorsk(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("sak.json", _starting(date(2026, 6, 2)))
    workspace.run(date(2027, 2, 22))
    path = workspace.case_folder("2026-0412") / "02 Informasjonsbrev til foreldre - mor.docx"
    text = " ".join(p.text for p in open_docx(str(path)).paragraphs)
    assert "med frå éi til nokre vekers mellomrom." in text
