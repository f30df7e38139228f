"""How the journal says a conversation is held (samtaler[].motform: oppmote, digitalt, video
or telefon) is a field a mapping file can give, as any other of the case format: from a
column of the vendor's report, through a value list for the vendor's own words. A digital
conversation mapped so is held nowhere: the contact person's calendar says it is digital."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from omsorgspakke_docs.domain.model import Case

from .conftest import TODAY
from .doc_helpers import case_context, render
from .test_mapping import CSV_MAPPING, adapter_for, write

# One row per conversation the journal has booked, beside the child's and parents' rows.
MAPPING = CSV_MAPPING.replace('[verdier.typer]', '''\
[[personer]]
hvis = { kilde = "Rolle", er = "samtale" }
felt."samtaler[].part" = { kilde = "Fornavn", verdier = "parter" }
felt."samtaler[].tema" = "Tema"
felt."samtaler[].dato" = "Dato"
felt."samtaler[].klokkeslett" = "Kl"
felt."samtaler[].motform" = { kilde = "Form", verdier = "motformer" }

[verdier.parter]
"Barnet" = "barnet"
"Foreldre" = "foreldre"

[verdier.motformer]
"Fysisk oppmøte" = "oppmote"
"Videomøte" = "video"
"Telefon" = "telefon"
"Digitalt" = "digitalt"

[verdier.typer]''')

ROWS = ("Jnr;Rolle;Fornavn;Fnr;Tolk;Plassert;Type;Tema;Dato;Kl;Form\n"
        "J-1;barn;Sofie;;;14.09.2026;Slekt;;;;\n"
        "J-1;mor;Kari;;;;;;;;\n"
        "J-1;samtale;Barnet;;;;;1;{dato};14:00;Videomøte\n"
        "J-1;samtale;Foreldre;;;;;1;{dato};10:00;Fysisk oppmøte\n")


def _mapped(tmp_path, day: str = "19.10.2026") -> Case:
    (case,) = adapter_for(tmp_path, MAPPING).read(
        write(tmp_path, "rapport.csv", ROWS.format(dato=day)))
    return case


def test_a_mapping_gives_how_each_conversation_is_held(tmp_path):
    case = _mapped(tmp_path)
    held = {s.part: s.motform for s in case.samtaler}
    assert held == {"barnet": "video", "foreldre": "oppmote"}
    assert [s.digital for s in case.samtaler] == [True, False]


def test_a_video_call_mapped_from_the_report_is_digital_in_the_calendar(tmp_path):
    """The report says «Videomøte» for the child's theme 1: the calendar entry says it is
    digital, not at the foster home; the parents', met in person, is at the office."""
    case = _mapped(tmp_path, f"{TODAY + timedelta(days=17):%d.%m.%Y}")
    (path,) = render(case_context(case.model_dump(mode="json")), "kalender",
                     tmp_path / "out").values()
    found = {str(e["UID"]).split("-", 2)[-1].removesuffix("@omsorgspakke-docs"):
             str(e.get("LOCATION")) for e in Calendar.from_ical(path.read_bytes()).events}
    assert found["barnet-t1-k1"] == "Digitalt møte (video)", found
    assert found["barnet-t2-k1"] != "Digitalt møte (video)"
