"""The service's name in the documents, as a reader found it in a nynorsk municipality: the
cases whose export named the service «Barnevernstjenesten i Fjordvik» (the journal
system's name, in bokmål) said so in every document, letterhead, «Stad» and signature,
while the others said «Barnevernstenesta i Fjordvik», the configuration's: one service
signing with two names. The configuration's name ([service] navn, or a municipality's own)
is the one the documents show; the export's only where the configuration has none."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.rendering import context

from .conftest import canonical_case, docx_text, xlsx_rows
from .doc_helpers import PROGRAMME, texts

TODAY = date(2026, 11, 22)
SERVICE = {"kommunenavn": "Fjordvik kommune", "adresse": "Postboks 120",
           "postnummer": "5999", "poststed": "Fjordvik",
           "besoksadresse": "Rådhusgata 4, 5999 Fjordvik"}


def _texts(navn: str | None, malform: str, exported: str | None, kind: str,
           tmp_path) -> dict[str, str]:
    settings = config.Settings()
    settings.documents = config.Documents(invitation_days_before=366)
    settings.service = {**SERVICE, **({"navn": navn} if navn is not None else {})}
    data = canonical_case()
    data["tjeneste"] = {**data["tjeneste"], "navn": exported}
    case = Case.model_validate(data)
    plan = schedule.plan_case(case, PROGRAMME, settings.schedule, TODAY,
                              documents=settings.documents)
    ctx = context.build(case, plan, PROGRAMME, TODAY, settings.service, settings=settings)
    return texts(ctx.in_malform(malform), kind, tmp_path)


@pytest.mark.parametrize("malform, configured, exported", [
    ("nynorsk", "Barnevernstenesta i Fjordvik", "Barnevernstjenesten i Fjordvik"),
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Barneverntjenesten Fjordvik kommune")])
def test_the_configured_name_is_the_services_in_every_document(tmp_path, malform, configured,
                                                               exported):
    plan = _texts(configured, malform, exported, "oppfolgingsplan", tmp_path)
    (text,) = plan.values()
    # The letterhead, the page header, and the office among the places.
    assert text.count(configured) >= 3
    assert f"{configured}, Rådhusgata 4, 5999 Fjordvik" in text
    assert exported not in text
    documents = {**_texts(configured, malform, exported, "sluttevaluering", tmp_path / "e"),
                 **_texts(configured, malform, exported, "informasjonsbrev", tmp_path / "i")}
    for name, text in documents.items():
        assert configured in text, name
        assert exported not in text, name
    letter = next(t for n, t in documents.items() if n.startswith("02 "))
    assert (f"Eg er barnevernskonsulent og kontaktperson for Sofie i {configured}."
            if malform == "nynorsk" else
            f"Jeg er barnevernskonsulent og kontaktperson for Sofie i {configured}.") in letter


@pytest.mark.parametrize("configured", [None, "Barnevernstenesta i [kommune]"])
def test_without_a_configured_name_the_exports_is_shown(tmp_path, configured):
    (text,) = _texts(configured, "nynorsk", "Barnevernstenesta i Fjordvik", "oppfolgingsplan",
                     tmp_path).values()
    assert "Barnevernstenesta i Fjordvik, Rådhusgata 4, 5999 Fjordvik" in text
    assert "[kommune]" not in text


def test_a_name_set_in_the_configuration_keeps_the_letters_issued_before(workspace):
    """IT names the service in the configuration (or a release shows the configured name
    where the export's stood): the letters issued before are made again under that name,
    dated as they were issued, not issued anew to be sent again."""
    workspace.config_file.write_text("".join(  # the exports' service, its details theirs
        line for line in workspace.config_file.read_text(encoding="utf-8").splitlines(
            keepends=True) if line.split(" = ")[0] not in ("navn", *context.CONTACT_KEYS)),
        encoding="utf-8")
    workspace.in_malform("nynorsk")
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(today=date(2026, 11, 23)).files_failed == 0
    letter = workspace.case_folder("2026-0412") / "02 Informasjonsbrev til foreldre - mor.docx"
    assert "Barnevernstjenesten i Fjordvik" in docx_text(letter)
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", '[service]\nnavn = "Barnevernstenesta i Fjordvik"\n'), encoding="utf-8")
    assert workspace.run(today=date(2026, 11, 24)).files_failed == 0
    text = docx_text(letter)
    assert "Barnevernstenesta i Fjordvik" in text and "Barnevernstjenesten" not in text
    rows = xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
    (row,) = [r for r in rows if str(r[2]).endswith(letter.name) and "/Innkall" not in r[2]]
    assert row[3] == datetime(2026, 11, 23)
    assert not list(letter.parent.glob("*ny versjon*"))
