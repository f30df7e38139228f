"""Digital or post is data: per recipient from the export (forsendelse), else the
municipality's setting ([documents] delivery_default, delivery_child), shown in
Til utsending.xlsx."""

from __future__ import annotations

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
from omsorgspakke_docs.adapters.mapping.spec import load
from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, xlsx_rows
from .test_sending import LIST_HEADER


def _how_sent(workspace) -> dict[str, set[str]]:
    """Recipient role -> how their letters on the list are sent."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    header = rows.index(LIST_HEADER)
    found: dict[str, set[str]] = {}
    for row in rows[header + 1:]:
        if row[0]:
            found.setdefault(row[1], set()).add(row[5])
    return found


def _case(mother: str | None = None, foster: str | None = None) -> dict:
    case = canonical_case()
    mor = next(p for p in case["foreldre"] if p["rolle"] == "mor")
    if mother:
        mor["forsendelse"] = mother
    if foster:
        case["fosterfamilie"]["forsendelse"] = foster
    return case


def test_the_export_decides_per_recipient(workspace):
    workspace.drop("sak.json", _case(mother="post"))
    workspace.run()
    assert _how_sent(workspace) == {"Forelder (mor)": {"Post"}, "Forelder (far)": {"Digitalt"},
                                    "Fosterforeldre": {"Digitalt"}}


def test_the_setting_decides_where_the_export_says_nothing(workspace):
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[documents]\ndelivery_default = "post"\n')
    workspace.drop("sak.json", _case(foster="digitalt"))
    workspace.run()
    assert _how_sent(workspace) == {"Forelder (mor)": {"Post"}, "Forelder (far)": {"Post"},
                                    "Fosterforeldre": {"Digitalt"}}


def test_a_letter_to_the_child_follows_delivery_child(workspace):
    case = canonical_case()
    case["barn"]["fodselsdato"] = "2012-03-01"  # 14: letters are written to the child
    case["barn"].pop("fodselsnummer", None)
    workspace.whole_year()
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('delivery_child = "digitalt"\n')
    workspace.drop("sak.json", case)
    workspace.run()
    assert _how_sent(workspace)["Barnet"] == {"Digitalt"}


@pytest.mark.parametrize("name", ["delivery_default", "delivery_child"])
def test_an_unknown_way_of_sending_stops_with_the_setting_named(tmp_path, name):
    path = tmp_path / "omsorgspakke.toml"
    path.write_text(f'[documents]\n{name} = "brev"\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match=f"{name} må være \"digitalt\" eller \"post\""):
        config.load(path)


def test_a_mapping_can_carry_a_reservation_against_digital_mail(tmp_path):
    (tmp_path / "m.toml").write_text("""\
[mapping]
navn = "personer"
beskrivelse = "Én rad per sak"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Saksnr"]

[felt]
journalnummer = "Saksnr"
kommunenummer = { standard = "4699" }
"plassering.startdato" = "Plassert"
"foreldre[0].rolle" = { standard = "mor" }
"foreldre[0].fornavn" = "Mor"
"foreldre[0].forsendelse" = { kilde = "Mor reservert", verdier = "reservert" }

[verdier.reservert]
"Ja" = "post"
"Nei" = "digitalt"
""", encoding="utf-8")
    path = tmp_path / "r.csv"
    path.write_text("Saksnr;Plassert;Mor;Mor reservert\nJ-1;01.10.2026;Kari;Ja\n"
                    "J-2;01.10.2026;Kari;Nei\nJ-3;01.10.2026;Kari;\n", encoding="utf-8")
    cases = list(MappingAdapter(load(tmp_path / "m.toml")).read(path))
    assert [c.foreldre[0].forsendelse for c in cases] == ["post", "digitalt", None]
