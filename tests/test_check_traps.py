"""Traps a reviewer connecting a new vendor found that «omsorgspakke check» did not catch
(helper 120): what IT sees in check's output, never a value from the export."""

from __future__ import annotations

import re

import pytest

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES
from .local_plugins import adapter_plugin, write_plugin
from .test_check_inspect import own_mappings  # noqa: F401 - fixture
from .test_check_sample import familia, said_line, sample_check

# -- Dates read in the wrong order of day and month --------------------------------------


def _dates(own_mappings, formats: str) -> None:  # noqa: F811
    mapping = own_mappings / "familia-personrapport.toml"
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(re.sub(r"(?m)^datoformater = .*$", f"datoformater = {formats}", text),
                       encoding="utf-8")


def _us(text: str, *dates: str) -> str:
    """The example with its start dates as an American export writes them, row by row."""
    rows = text.split("\n")
    found = [i for i, row in enumerate(rows) if "01.09.2026" in row or "15.10.2026" in row]
    for n, i in enumerate(found):
        said = dates[min(n, len(dates) - 1)]
        rows[i] = rows[i].replace("01.09.2026", said).replace("15.10.2026", said)
    return "\n".join(rows)


@pytest.fixture
def both_orders(own_mappings) -> str:  # noqa: F811
    """Both orders of day and month in «datoformater» (as check once advised), and the
    export with one start date that reads month-first only (10/25) and one that reads
    day-first by the first format (11/02): the export's text."""
    _dates(own_mappings, '["%d/%m/%Y", "%m/%d/%Y"]')
    return _us(familia(), "10/25/2026", "11/02/2026")


def _refused(workspace, export: str) -> str:
    """The note beside the export, which a run sets aside."""
    from .test_mapping_posts_named import refused
    return refused(workspace, export.encode("cp1252"), "eksport.csv")


def test_month_first_on_a_day_first_export_is_warned_when_no_day_tells(
        workspace, own_mappings, capsys):  # noqa: F811
    """«%m.%d.%Y» on a dd.mm.yyyy export whose days are all 12 or less: check was clean,
    and every start date came out swapped (1 September as 9 January)."""
    _dates(own_mappings, '["%m.%d.%Y"]')
    export = familia().replace("15.10.2026", "05.10.2026")
    code, out = sample_check(workspace, capsys, export)
    assert code == 0, out
    line = said_line(out, "begge veier")
    assert line.startswith("ADVARSEL  prøvefil: «Plassert dato» (feltet plassering.startdato): "
                           "alle ")
    assert ("datoene i prøvefilen kan leses begge veier, med dagen eller måneden først, og "
            'mappingen leser med måneden først ("%m.%d.%Y"); sammenlign én dato med '
            "fagsystemet.") in line
    # The Norwegian way (dots, the day first) is no warning on the same file.
    _dates(own_mappings, '["%d.%m.%Y"]')
    code, out = sample_check(workspace, capsys, export)
    assert "begge veier" not in out


def test_an_american_export_whose_days_tell_nothing_is_not_given_a_day_first_format(
        workspace, capsys):
    """10/05/2026: check said «De er skrevet på formen "%d/%m/%Y"», and following it swapped
    every date. Now both readings, said to be ambiguous."""
    code, out = sample_check(workspace, capsys, _us(familia(), "10/05/2026"))
    assert code == 1
    line = said_line(out, "«Plassert dato»")
    assert ('kan leses begge veier, med dagen eller måneden først ("%d/%m/%Y", "%m/%d/%Y"): '
            "sammenlign én dato med fagsystemet, og legg bare formatet som stemmer, til i "
            "«datoformater»") in line
    assert "er skrevet på formen" not in line


def test_a_date_only_month_first_reads_suggests_month_first_only(workspace, capsys):
    code, out = sample_check(workspace, capsys, _us(familia(), "10/25/2026", "10/05/2026"))
    assert code == 1
    line = said_line(out, "«Plassert dato»")
    assert 'er skrevet på formen "%m/%d/%Y": legg til i «datoformater»' in line
    assert "%d/%m/%Y" not in line


def test_one_field_read_in_two_orders_is_an_error(workspace, both_orders, capsys):
    """With both formats listed (as check advised), 10/25 was read as 25 October and 11/02
    as 11 February, and check said «Alt er i orden»."""
    code, out = sample_check(workspace, capsys, both_orders)
    assert code == 1, out
    line = said_line(out, "ulik rekkefølge")
    assert line.startswith("FEIL      prøvefil: «Plassert dato» (feltet plassering.startdato): "
                           "datoformatene leser datoene i ulik rekkefølge, ")
    assert ('med dagen først ("%d/%m/%Y") og 1 dato (rad 3) med måneden først ("%m/%d/%Y"), '
            "så noen datoer blir byttet om. En kolonne har bare ett datoformat: behold bare "
            '"%m/%d/%Y" (noen datoer kan bare leses med måneden først).') in line


def test_the_date_order_findings_are_said_in_nynorsk(workspace, both_orders, capsys):
    workspace.in_malform("nynorsk")
    code, out = sample_check(workspace, capsys, both_orders)
    line = said_line(out, "ulik rekkjefølgje")
    assert "datoformata les datoane i ulik rekkjefølgje" in line
    assert "behald berre \"%m/%d/%Y\" (nokre datoar kan berre lesast med månaden først)" in line
    assert "datoer" not in line


# -- A mapping without journalnummer ----------------------------------------------------


def test_a_mapping_without_the_journal_number_is_warned(workspace, own_mappings, capsys):  # noqa: F811
    """Without journalnummer the outbox's case folders are pseudonyms, and caseworkers cannot
    tell the cases apart; check passed without a word (cf. kommunenummer)."""
    from .test_check_inspect import check
    from .test_mapping import CSV_MAPPING
    (own_mappings / "ny.toml").write_text(CSV_MAPPING.replace('journalnummer = "Jnr"\n', ""),
                                          encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 0, out
    assert said_line(out, "mappingfil ny.toml").endswith("kan brukes, men se 2 advarsler under.")
    line = said_line(out, "ADVARSEL  mappingfil ny.toml")
    assert ("journalnummer er ikke satt. Saksmappene i utboksen får da et pseudonym i stedet "
            "for journalnummeret, og saksbehandlerne kan ikke se hvilken sak en mappe hører "
            "til") in line
    workspace.in_malform("nynorsk")
    code, out = check(workspace, capsys)
    assert "journalnummer er ikkje sett. Saksmappene i utboksen får då eit pseudonym" in out


def test_a_mapping_without_the_municipality_number_is_given_plain_advice(
        workspace, own_mappings, capsys):  # noqa: F811
    """«sett f.eks. kommunenummer = { standard = "4699" }» read as if 4699 were the number to
    set: said now as advice, with a placeholder for the municipality's own number (4699, the
    example number, is one check warns about itself: IT's day, finding 2)."""
    from .test_check_inspect import check
    from .test_mapping import CSV_MAPPING
    (own_mappings / "ny.toml").write_text(
        CSV_MAPPING.replace('kommunenummer = { standard = "4699" }\n', ""), encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 0, out
    assert ("kommunenummer er ikke satt, så sakene blir ikke slått sammen med de samme sakene "
            "fra SSB-eksporter. Har rapporten ingen kolonne for kommunenummeret, skriver du "
            "kommunens nummer som en fast verdi, slik: kommunenummer = { standard = \"NNNN\" }, "
            "der NNNN er kommunenummeret (fire sifre, slik SSB skriver det).") \
        in said_line(out, "ADVARSEL  mappingfil ny.toml")
    assert "4699" not in said_line(out, "ADVARSEL  mappingfil ny.toml")
    workspace.in_malform("nynorsk")
    code, out = check(workspace, capsys)
    assert ("kommunenummer er ikkje sett, så sakene blir ikkje slått saman med dei same sakene "
            "frå SSB-eksportar. Har rapporten ingen kolonne for kommunenummeret, skriv du "
            "nummeret til kommunen som ein fast verdi, slik: kommunenummer = { standard = "
            "\"NNNN\" }, der NNNN er kommunenummeret (fire siffer, slik SSB "
            "skriv det).") in said_line(out, "ÅTVARING  mappingfil ny.toml")
    assert "4699" not in said_line(out, "ÅTVARING  mappingfil ny.toml")
    advice = [line for line in out.splitlines() if "eksempelnummeret" not in line]
    assert not any("f.eks." in line or "t.d." in line for line in advice)


# -- Person elements no [[personer]] rule takes; an «under» that finds nothing -----------

ACOS = EXAMPLES / "vendor-acos-kontaktrapport.xml"
ACOS_PERSONAL = ("Hilde", "Kristian", "Eide", "Gunn", "Sofie", "23851360042")


def acos_check(workspace, capsys, xml: str) -> tuple[int, str]:
    path = workspace.root / "kontaktrapport.xml"
    path.write_text(xml, encoding="utf-8")
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(path),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert not [word for word in ACOS_PERSONAL if word in out], "personal data printed"
    return code, out


def test_a_person_element_no_rule_takes_is_said_by_post(workspace, own_mappings, capsys):  # noqa: F811
    """A co-mother («MEDMOR») in a mapping whose rules list only MOR and FAR: she was left
    out of the programme, and check --sample was clean."""
    mapping = own_mappings / "acos-barnevern-kontaktrapport.toml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        'er = ["MOR", "FAR", "MEDMOR"]', 'er = ["MOR", "FAR"]'), encoding="utf-8")
    xml = ACOS.read_text(encoding="utf-8").replace('rolle="FAR"', 'rolle="MEDMOR"')
    code, out = acos_check(workspace, capsys, xml)
    assert code == 0, out
    line = said_line(out, "passer ikke med noen [[personer]]-regel")
    assert line == ("ADVARSEL  prøvefil: 1 element under «Person» passer ikke med noen "
                    "[[personer]]-regel (post nr. 1, del 2 i saken med journalnummer 2026-0730): "
                    "verdien i «@rolle» står "
                    "ikke under «er» i noen regel, så personen blir ikke lest inn. Legg verdien "
                    "til i riktig regel i acos-barnevern-kontaktrapport.toml (verdiene vises "
                    "ikke her, de kan være personopplysninger).")
    assert "MEDMOR" not in out


def test_an_under_that_finds_nothing_is_one_warning_naming_it(workspace, capsys):
    """Person elements in a namespace of their own, and «under = "Person"» without a prefix:
    nine warnings, one per field's XPath, and none named personer[N].under."""
    xml = ACOS.read_text(encoding="utf-8").replace("<Person ", '<Person xmlns="urn:person" ')
    code, out = acos_check(workspace, capsys, xml)
    assert code == 0, out
    assert "XPath-uttrykket" not in out
    said = [line for line in out.splitlines() if "«Person»" in line]
    assert said == [
        "ADVARSEL  prøvefil: personer[1].under, personer[2].under = «Person» fant ingen "
        "elementer i prøvefilen, så ingen personer blir lest inn. Har filen et "
        "navnerom (xmlns), trenger «under» og XPath-uttrykkene i reglene et prefiks fra "
        "«navnerom» under [lesing], f.eks. «k:Person» («poster» trenger det ikke)."], out
    workspace.in_malform("nynorsk")
    code, out = acos_check(workspace, capsys, xml)
    assert "personer[1].under, personer[2].under = «Person» fann ingen element i prøvefila" in out


# -- A plugin that fails to load stops nothing else ---------------------------------------


def test_a_misspelt_hook_in_a_plugin_leaves_the_rest_of_check_running(workspace, capsys):
    """register_adapter for register_adapters: the plugin's error, and then nothing: no
    adapters, no templates, no --sample. Now the rest is checked with the built-in
    adapters and the mapping files."""
    from .test_check_plugins import MISSPELT
    write_plugin(workspace, MISSPELT)
    code, out = sample_check(workspace, capsys, familia())
    assert code == 1
    assert "FEIL      programtillegg: Programtillegget lokal.py, linje 5: «register_adapter»" in out
    assert ("MERK      programtillegg: resten av kontrollen gjøres uten programtilleggene i "
            f"{workspace.root / 'plugins'}, med de innebygde adapterne og mappingfilene.") in out
    assert "adaptere: " in out and "OK        maler: " in out
    assert "OK        prøvefil: kjennes igjen av familia-personrapport" in out
    assert "saker lest" in out
    assert out.rstrip().splitlines()[-1].startswith("Fant 1 feil.")


# -- Several adapters recognise the sample ----------------------------------------------

GREEDY = adapter_plugin("return sample.suffix == '.xml'", name="alt-xml",
                        description="all XML")


def test_a_plugin_that_claims_every_xml_file_is_named_beside_the_mapping(workspace, capsys):
    """A plugin claiming .xml took the vendor's export from its mapping, and check --sample
    said only «kjennes igjen av alt-xml»."""
    write_plugin(workspace, GREEDY, "alt.py")
    code, out = acos_check(workspace, capsys, ACOS.read_text(encoding="utf-8"))
    line = said_line(out, "adaptere kjenner den igjen")
    assert line.startswith("ADVARSEL  prøvefil: 2 adaptere kjenner den igjen (")
    assert "alt-xml" in line and "acos-barnevern-kontaktrapport" in line
    assert "og den leses med alt-xml uten at de andre blir spurt" in line
    # The plugin to change is named: IT may have several in the plugins folder.
    assert ("Skal en annen lese den, må programtillegget alt.py kjenne igjen færre filer "
            "(claims)") in line
    # One adapter alone is no warning.
    (workspace.root / "plugins" / "alt.py").unlink()
    code, out = acos_check(workspace, capsys, ACOS.read_text(encoding="utf-8"))
    assert "kjenner den igjen (" not in out


def test_every_plugin_that_claims_the_sample_is_named(workspace, capsys):
    write_plugin(workspace, GREEDY, "alt.py")
    write_plugin(workspace, GREEDY.replace("'alt-xml'", "'hele-xml'"), "hele.py")
    code, out = acos_check(workspace, capsys, ACOS.read_text(encoding="utf-8"))
    line = said_line(out, "adaptere kjenner den igjen")
    assert line.startswith("ADVARSEL  prøvefil: 3 adaptere kjenner den igjen (")
    assert "må programtilleggene hele.py og alt.py kjenne igjen færre filer (claims)" in line


def test_the_plugin_that_claims_the_sample_is_named_in_nynorsk(workspace, capsys):
    write_plugin(workspace, GREEDY, "alt.py")
    workspace.in_malform("nynorsk")
    code, out = acos_check(workspace, capsys, ACOS.read_text(encoding="utf-8"))
    assert ("Skal ein annan lese henne, må programtillegget alt.py kjenne att færre filer "
            "(claims)") in said_line(out, "adapterar kjenner att fila")


def test_a_run_refuses_a_file_whose_one_field_is_read_in_two_orders(
        workspace, own_mappings, both_orders):  # noqa: F811
    """The same mapping live: the run read 10/25 as 25 October and 11/02 as 11 February and
    made the documents. Now the file is set aside with a plain note, no date in it."""
    note = _refused(workspace, both_orders)
    assert ("«Plassert dato» (feltet plassering.startdato): datoene i kolonnen leses dels med "
            "dagen først, dels med måneden først (ulikt her og i rad 3), så noen datoer ville "
            "blitt byttet om.") in note
    assert "Be IT beholde bare ett av datoformatene for feltet i mappingfilen " in note
    assert "11/02" not in note and "10/25" not in note
    # One order throughout reads as before.
    _dates(own_mappings, '["%m/%d/%Y"]')
    workspace.drop("eksport2.csv", both_orders.encode("cp1252"))
    assert workspace.run().files_failed == 0


def test_the_refusal_is_said_in_nynorsk(workspace, both_orders):
    workspace.in_malform("nynorsk")
    note = _refused(workspace, both_orders)
    assert "datoane i kolonnen blir lesne dels med dagen først, dels med månaden først" in note
    assert "Be IT behalde berre eitt av datoformata for feltet i mappingfila " in note


def test_a_mapping_beside_a_built_in_adapter_names_no_plugin(workspace, own_mappings, capsys):  # noqa: F811
    """A mapping file that claims SSB's register format too: no plugin to change, so none
    is named («programtillegget» alone sent IT looking for one)."""
    acos = (own_mappings / "acos-barnevern-kontaktrapport.toml").read_text(encoding="utf-8")
    (own_mappings / "acos-barnevern-kontaktrapport.toml").write_text(
        acos.replace('rotelement = "AcosRapport"\nattributter = { type = "kontaktrapport" }',
                     'rotelement = "Barnevern"'), encoding="utf-8")
    code, out = acos_check(workspace, capsys,
                           (EXAMPLES / "bvr-modulus-2026-0587.xml").read_text(encoding="utf-8"))
    line = said_line(out, "adaptere kjenner den igjen")
    assert "acos-barnevern-kontaktrapport" in line
    assert line.endswith("Skal en annen lese den, må adapteren som ikke skal lese den, gjøre "
                         "gjenkjenningen strengere.")
    assert "programtillegg" not in line
