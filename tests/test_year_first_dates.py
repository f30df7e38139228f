"""Date formats with the year first, both orders of day and month listed (IT's day, finding
1): with datoformater = ["%Y/%d/%m", "%Y/%m/%d"], check --sample said «Alt er i orden» and a
run read 2026/09/01 as 9 January. They are told apart like day-first and month-first formats:
FEIL when one field is read both ways, ADVARSEL when no date in the sample tells, and a run
refuses the file. Never a date from the export in what IT reads."""

from __future__ import annotations

from .test_check_inspect import own_mappings  # noqa: F401 - fixture
from .test_check_sample import said_line, sample_check
from .test_check_traps import _dates, _refused, _us, familia

BOTH = '["%Y/%d/%m", "%Y/%m/%d"]'


def _year_first(*dates: str) -> str:
    """The example export with its start dates written year first, row by row."""
    return _us(familia(), *dates)


def test_a_field_read_both_ways_with_the_year_first_is_an_error(
        workspace, own_mappings, capsys):  # noqa: F811
    _dates(own_mappings, BOTH)
    code, out = sample_check(workspace, capsys, _year_first("2026/09/01", "2026/10/15"))
    assert code == 1, out
    assert "Alt er i orden" not in out
    line = said_line(out, "ulik rekkefølge")
    assert line.startswith("FEIL      prøvefil: «Plassert dato» (feltet plassering.startdato): "
                           "datoformatene leser datoene i ulik rekkefølge, ")
    assert ('1 dato (rad 3) med dagen først ("%Y/%d/%m") og 7 datoer (rad 4, rad 5, rad 6, '
            'rad 7, rad 8 ...) med måneden først ("%Y/%m/%d"), så noen datoer blir byttet om. '
            'En kolonne har bare ett datoformat: behold bare "%Y/%m/%d" (noen datoer kan bare '
            "leses med måneden først).") in line
    assert "2026/09/01" not in out and "2026/10/15" not in out
    workspace.in_malform("nynorsk")
    code, out = sample_check(workspace, capsys, _year_first("2026/09/01", "2026/10/15"))
    line = said_line(out, "ulik rekkjefølgje")
    assert line.startswith("FEIL      prøvefil: «Plassert dato» (feltet plassering.startdato): "
                           "datoformata les datoane i ulik rekkjefølgje")
    assert "behald berre \"%Y/%m/%d\" (nokre datoar kan berre lesast med månaden først)" in line


def test_year_then_day_is_warned_when_no_date_tells(workspace, own_mappings, capsys):  # noqa: F811
    _dates(own_mappings, BOTH)
    code, out = sample_check(workspace, capsys, _year_first("2026/09/01", "2026/10/05"))
    assert code == 0, out
    assert "Alt er i orden" not in out
    line = said_line(out, "begge veier")
    assert line.startswith("ADVARSEL  prøvefil: «Plassert dato» (feltet plassering.startdato): "
                           "alle ")
    assert ("datoene i prøvefilen kan leses begge veier, med dagen eller måneden først, og "
            'mappingen leser med dagen først ("%Y/%d/%m"); sammenlign én dato med '
            "fagsystemet.") in line
    workspace.in_malform("nynorsk")
    code, out = sample_check(workspace, capsys, _year_first("2026/09/01", "2026/10/05"))
    line = said_line(out, "begge vegar")
    assert line.startswith("ÅTVARING  prøvefil: «Plassert dato»")
    assert 'mappinga les med dagen først ("%Y/%d/%m")' in line


def test_year_then_month_alone_is_no_warning(workspace, own_mappings, capsys):  # noqa: F811
    """The usual way with the year first (ISO, 2026/09/01) is not doubted, as dd.mm.yyyy."""
    _dates(own_mappings, '["%Y/%m/%d"]')
    code, out = sample_check(workspace, capsys, _year_first("2026/09/01", "2026/10/05"))
    assert code == 0, out
    assert "begge veier" not in out and "ulik rekkefølge" not in out


def test_day_first_beside_iso_is_no_error(workspace, own_mappings, capsys):  # noqa: F811
    """31.12.2026 beside 2026-12-31 in one column swaps nothing: not two orders."""
    _dates(own_mappings, '["%d.%m.%Y", "%Y-%m-%d"]')
    code, out = sample_check(workspace, capsys, _year_first("01.09.2026", "2026-10-15"))
    assert code == 0, out
    assert "ulik rekkefølge" not in out


def test_a_run_refuses_a_file_read_both_ways_with_the_year_first(
        workspace, own_mappings):  # noqa: F811
    _dates(own_mappings, BOTH)
    export = _year_first("2026/09/01", "2026/10/15")
    note = _refused(workspace, export)
    assert ("«Plassert dato» (feltet plassering.startdato): datoene i kolonnen leses dels med "
            "dagen først, dels med måneden først (ulikt her og i rad 3), så noen datoer ville "
            "blitt byttet om.") in note
    assert "2026/09/01" not in note and "2026/10/15" not in note


def test_the_refusal_with_the_year_first_is_said_in_nynorsk(
        workspace, own_mappings):  # noqa: F811
    workspace.in_malform("nynorsk")
    _dates(own_mappings, BOTH)
    note = _refused(workspace, _year_first("2026/09/01", "2026/10/15"))
    assert "datoane i kolonnen blir lesne dels med dagen først, dels med månaden først" in note
    assert "Be IT behalde berre eitt av datoformata for feltet i mappingfila " in note


def test_check_warns_of_a_format_listed_both_ways_round(workspace, own_mappings, capsys):  # noqa: F811
    """Before any sample: the mapping file itself lists one layout in both orders."""
    from omsorgspakke_docs.cli import main

    _dates(own_mappings, BOTH)
    main(["check", "--config", str(workspace.config_file)])
    line = said_line(capsys.readouterr().out, "motsatt rekkefølge")
    assert line == (
        'ADVARSEL  mappingfil familia-personrapport.toml, linje 25, «lesing.datoformater[1]»: '
        '"%Y/%d/%m" og "%Y/%m/%d" leser dag og måned i motsatt rekkefølge: en dato der begge '
        "er 12 eller mindre, leses alltid med det første formatet, og noen datoer kan bli "
        "byttet om. Behold bare formatet som stemmer med fagsystemet; har kolonnene ulike "
        "formater, setter du «datoformat» på hvert felt (omsorgspakke check --sample FIL viser "
        "hvilke datoer som leses hvordan).")
    workspace.in_malform("nynorsk")
    main(["check", "--config", str(workspace.config_file)])
    line = said_line(capsys.readouterr().out, "motsett rekkjefølgje")
    assert line.startswith('ÅTVARING  mappingfil familia-personrapport.toml, linje 25, '
                           '«lesing.datoformater[1]»: "%Y/%d/%m" og "%Y/%m/%d" les dag og månad '
                           "i motsett rekkjefølgje: ein dato der begge er 12 eller mindre, blir "
                           "alltid lesen med det første formatet")
    # The usual pair, a day-first and an ISO date, is no warning.
    _dates(own_mappings, '["%d.%m.%Y", "%Y-%m-%d"]')
    main(["check", "--config", str(workspace.config_file)])
    assert "rekkjefølgje" not in capsys.readouterr().out
