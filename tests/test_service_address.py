"""The sender block of every letter: the service's name, address and phone belong together.
A configuration naming the service «Barnevernstjenesten i Testvik» signed letters to parents
«Barnevernstjenesten i Testvik, Rådhusgata 4, 5999 Fjordvik»: the name the configuration's,
the address and phone those of the service the exports named. [service] gives the address
and phone too, before the export's; an export's are shown only where it names the same
service, and check tells IT to fill in what [service] lacks."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.cli import main
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.rendering import context

from .conftest import canonical_case, docx_text, xlsx_rows
from .doc_helpers import PROGRAMME, texts

TODAY = date(2026, 11, 22)
LETTER = "02 Informasjonsbrev til foreldre - mor.docx"
EXPORTED = ("Rådhusgata 4, 5999 Fjordvik", "Postboks 120", "55 00 12 00",
            "barnevern@fjordvik.kommune.example", "Fjordvik kommune")
"""The example exports' service's own address, phone, e-mail and municipality."""


def _letter(service: dict[str, str], tmp_path, malform: str = "bokmal",
            exported: str = "Barnevernstjenesten i Fjordvik") -> str:
    settings = config.Settings()
    settings.documents = config.Documents(invitation_days_before=366)
    settings.service = service
    data = canonical_case()
    data["tjeneste"] = {**data["tjeneste"], "navn": exported}
    case = Case.model_validate(data)
    plan = schedule.plan_case(case, PROGRAMME, settings.schedule, TODAY,
                              documents=settings.documents)
    ctx = context.build(case, plan, PROGRAMME, TODAY, settings.service, settings=settings)
    found = texts(ctx.in_malform(malform), "informasjonsbrev", tmp_path)
    return next(text for name, text in found.items() if name.startswith("02 "))


def test_a_letter_shows_the_configured_address_with_the_configured_name(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(today=TODAY).files_failed == 0
    text = docx_text(workspace.case_folder("2026-0412") / LETTER)
    assert "Testvik kommune\t" in text
    assert "Barnevernstjenesten i Testvik\nBesøksadresse: Rådhusgata 4, 9999 Testvik\n" \
           "Postadresse: Postboks 1, 9999 Testvik\n" \
           "Telefon 99 00 12 00 · E-post barnevern@testvik.kommune.example\n" in text
    for exported in EXPORTED:
        assert exported not in text, exported


def test_a_name_without_an_address_never_shows_another_services(tmp_path):
    """[service] names the service, the exports another: the letter says what is missing
    (and is held back, as check warns) rather than give the other service's address."""
    text = _letter({"navn": "Barnevernstjenesten i Testvik"}, tmp_path)
    assert "Barnevernstjenesten i Testvik\n" \
           "Besøksadresse: [mangler: besøksadresse til barnevernstjenesten]\n" \
           "Postadresse: [mangler: adresse til barnevernstjenesten], " \
           "[mangler: postnummer og sted til barnevernstjenesten]\n" in text
    for exported in EXPORTED:
        assert exported not in text, exported


@pytest.mark.parametrize("malform, configured, exported", [
    ("nynorsk", "Barnevernstenesta i Fjordvik", "Barnevernstjenesten i Fjordvik"),
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Barnevernstjenesten i Fjordvik"),
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Barneverntjenesten Fjordvik kommune"),
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Fjordvik barnevern"),
    # An export that writes the name in capitals, or an inter-municipal company's suffix:
    # «I», «OG», «IKS» are no place's name (helper 217).
    ("bokmal", "Barnevernstjenesten i Fjordvik", "BARNEVERNTJENESTEN I FJORDVIK"),
    ("nynorsk", "Barnevernstenesta i Indre Fjord", "Barnevernet Indre Fjord IKS"),
    ("bokmal", "Barnevernstjenesten i Indre Fjord", "Interkommunal barnevernstjeneste For "
                                                    "Indre Fjord"),
    # The unit the service is part of, as the journal system names it: «Enhet», «Barne-» are
    # no place's name either.
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Enhet for barnevern, Fjordvik kommune"),
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Barne- og familietjenesten i Fjordvik"),
    # A name written in lower case throughout: its words are the place.
    ("bokmal", "Barnevernstjenesten i Fjordvik", "barneverntjenesten fjordvik kommune"),
    # A name naming no place: nothing says it is another service's.
    ("bokmal", "Barnevernstjenesten i Fjordvik", "Barneverntjenesten")])
def test_the_exports_address_stays_where_it_names_the_same_service(tmp_path, malform,
                                                                     configured, exported):
    """The journal system's name for the service (in bokmål for a nynorsk service, or its
    own way of writing it) is still the service's: the letters keep the address and phone
    of the export."""
    text = _letter({"navn": configured}, tmp_path, malform, exported)
    assert f"{configured}\n" in text and exported not in text.replace(configured, "")
    assert "Rådhusgata 4, 5999 Fjordvik" in text and "Postboks 120, 5999 Fjordvik" in text
    assert "55 00 12 00" in text and "[mangl" not in text


@pytest.mark.parametrize("malform, configured", [
    ("nynorsk", "Barnevernstenesta i [kommune]"),
    ("bokmal", "Barnevernstjenesten i [kommune]")])
def test_a_name_left_as_init_wrote_it_keeps_the_exports_address(tmp_path, malform, configured):
    """A configuration just made by init (its [service] navn «… i [kommune]», no address):
    the letters showed the export's name over «[manglar: kommunenamn]» and an address and
    phone all missing, though the export gave them. A name init left is no name yet: the
    export's name and its address are shown together (a reader's finding, helper 909)."""
    text = _letter({"navn": configured}, tmp_path, malform)
    assert "Fjordvik kommune\t" in text
    assert "Barnevernstjenesten i Fjordvik\nBesøksadresse: Rådhusgata 4, 5999 Fjordvik\n" \
           "Postadresse: Postboks 120, 5999 Fjordvik\n" \
           "Telefon 55 00 12 00 · E-post barnevern@fjordvik.kommune.example\n" in text
    assert "[mangl" not in text and "[kommune]" not in text


@pytest.mark.parametrize("placeholder", ["Barnevernstjenesten i [kommune]",
                                         "Barnevernstenesta i [kommune]"])
def test_a_municipalitys_letters_never_take_the_address_under_an_inits_name(tmp_path,
                                                                             placeholder):
    """[service] given an address, phone and e-mail but its name left as init wrote it
    («… i [kommune]»), and a [kommuner."4699"] table naming a service of its own
    («Barnevernstjenesten i Fjordvik») with no address: nothing says [service]'s address is
    Fjordvik's. The letters were signed «Barnevernstjenesten i Fjordvik» with Testvik's
    address and phone; they show the export's, which names Fjordvik's service."""
    settings = config.Settings()
    settings.documents = config.Documents(invitation_days_before=366)
    settings.service = {"navn": placeholder, "adresse": "Postboks 1", "postnummer": "9999",
                        "poststed": "Testvik", "besoksadresse": "Rådhusgata 4, 9999 Testvik",
                        "telefon": "99 00 12 00",
                        "epost": "barnevern@testvik.kommune.example"}
    settings.kommuner = {"4699": config.Kommune(
        "bokmal", {"navn": "Barnevernstjenesten i Fjordvik"})}
    case = Case.model_validate(canonical_case())
    plan = schedule.plan_case(case, PROGRAMME, settings.schedule, TODAY,
                              documents=settings.documents)
    ctx = context.build(case, plan, PROGRAMME, TODAY, settings.service, settings=settings)
    found = texts(ctx, "informasjonsbrev", tmp_path)
    text = next(text for name, text in found.items() if name.startswith("02 "))
    assert "Barnevernstjenesten i Fjordvik\nBesøksadresse: Rådhusgata 4, 5999 Fjordvik\n" \
           "Postadresse: Postboks 120, 5999 Fjordvik\n" \
           "Telefon 55 00 12 00 · E-post barnevern@fjordvik.kommune.example\n" in text
    assert "Testvik" not in text and "99 00 12 00" not in text and "[mangl" not in text


def test_check_asks_the_municipality_for_its_address_under_an_inits_name(workspace, capsys):
    """[service] with its address but init's name, a municipality's table with a name of its
    own and no address: its letters take none of [service]'s, so check asks the table for
    them (it asked nothing: the table was taken for [service]'s service)."""
    text = workspace.config_file.read_text(encoding="utf-8").replace(
        'navn = "Barnevernstjenesten i Testvik"', 'navn = "Barnevernstjenesten i [kommune]"')
    text += '\n[kommuner."4601"]\nnavn = "Barnevernstjenesten i Fjellvik"\n'
    workspace.config_file.write_text(text, encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    out = capsys.readouterr().out
    assert ('ADVARSEL  [kommuner."4601"]: fyll inn kommunenavn, adresse, postnummer, '
            "poststed, besoksadresse, telefon og epost.") in out


def test_check_tells_it_to_give_the_address_with_the_name(workspace, capsys):
    text = workspace.config_file.read_text(encoding="utf-8")
    for key in ("adresse", "postnummer", "poststed", "besoksadresse", "telefon", "epost"):
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.startswith(f"{key} = "))
    workspace.config_file.write_text(text, encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    out = capsys.readouterr().out
    assert ("ADVARSEL  [service]: fyll inn adresse, postnummer, poststed, besoksadresse, "
            "telefon og epost. Brevene viser navnet «Barnevernstjenesten i Testvik» herfra, "
            "og adressen, telefonen og e-posten herfra når de står her. Det som mangler her, "
            "tar brevene fra eksporten, men bare i saker der eksporten kaller tjenesten det "
            "samme (eller gir den et navn med samme sted). I andre saker står det "
            "«[mangler: …]» i brevhodet, og brevene er merket «Ikke send» i Til utsending. "
            "Legg inn tjenestens egen adresse og telefon her, så hører navnet og adressen "
            "sammen i hvert brev.") in out.splitlines()


def _as_before(exported: context.Tjeneste, configured: dict[str, str]) -> context.Tjeneste:
    """The release before's sender block: [service] only where the export lacks a field."""
    return exported.model_copy(update={
        **{k: v for k, v in configured.items()
           if k in type(exported).model_fields and getattr(exported, k) is None},
        "navn": context.service_name(configured.get("navn"), exported.navn)})


WRITTEN_OTHERWISE = {"telefon": "55001200", "epost": "Barnevern@Fjordvik.kommune.example",
                     "besoksadresse": "Rådhusgata 4,  5999 FJORDVIK"}
"""The exports' phone, e-mail and visiting address as a configuration may write them (spaces
and capitals aside, the same): the letters issued with the exports' are not issued anew."""


@pytest.mark.parametrize("configured, written", [
    ("Barnevernstjenesten i Fjordvik", {}), ("Barnevernstenesta i Fjordvik", {}),
    ("Barnevernstjenesten i Fjordvik", WRITTEN_OTHERWISE)])
def test_a_service_whose_configuration_and_exports_agree_keeps_its_letters(
        workspace, monkeypatch, configured, written):
    """Made by the release before, the letters of a service whose [service] and exports
    give the same address are the same, byte for byte, on the next run: none issued anew,
    no «ny versjon», the same Brevdato in Til utsending. Also where [service] writes the
    phone without spaces, or the address in other capitals (helper 217: every letter was
    issued anew, and those marked as sent listed «… laget på nytt med endret innhold: send
    det nye brevet»)."""
    text = workspace.config_file.read_text(encoding="utf-8").replace(
        "Barnevernstjenesten i Testvik", configured)
    same = {"kommunenavn": "Fjordvik kommune", "adresse": "Postboks 120", "postnummer": "5999",
            "poststed": "Fjordvik", "besoksadresse": "Rådhusgata 4, 5999 Fjordvik",
            "telefon": "55 00 12 00", "epost": "barnevern@fjordvik.kommune.example", **written}
    lines = [line for line in text.splitlines(keepends=True)
             if line.split(" = ")[0] not in same]
    lines += [f'{key} = "{value}"\n' for key, value in same.items()]
    workspace.config_file.write_text("".join(lines), encoding="utf-8")
    workspace.drop("sak.json", canonical_case())
    with monkeypatch.context() as before:
        before.setattr(context, "service_of", _as_before)
        assert workspace.run(today=date(2026, 11, 23)).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    made = {p: p.read_bytes() for p in folder.rglob("*.docx")}
    assert folder / LETTER in made
    dated = [(r[2], r[3]) for r in xlsx_rows(workspace.outbox / "Til utsending.xlsx",
                                             "Til utsending")]
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(today=date(2026, 11, 24)).files_failed == 0
    after = {p: p.read_bytes() for p in folder.rglob("*.docx")}
    assert {p: after.get(p) for p in made} == made  # (and the next invitations, new)
    assert not list(folder.rglob("*ny versjon*"))
    again = dict((r[2], r[3]) for r in xlsx_rows(workspace.outbox / "Til utsending.xlsx",
                                                 "Til utsending"))
    kept = [(name, again[name]) for name, _ in dated if name in again]
    assert kept == [(name, day) for name, day in dated if name in again]
    assert any(str(name).endswith(LETTER) for name, _ in kept)


FJELLVIK = "Barnevernstenesta i Fjellvik"


def _fjellvik_letter(tmp_path, exported: str) -> str:
    """The letter of a case from Fjellvik, whose [kommuner."4698"] names its own service
    but gives no address, under a [service] giving Fjordvik's in full."""
    settings = config.Settings()
    settings.documents = config.Documents(invitation_days_before=366)
    settings.service = {"navn": "Barnevernstjenesten i Fjordvik", "kommunenavn": "Fjordvik kommune",
                        "adresse": "Postboks 120", "postnummer": "5999", "poststed": "Fjordvik",
                        "besoksadresse": "Rådhusgata 4, 5999 Fjordvik",
                        "telefon": "55 00 12 00", "epost": "barnevern@fjordvik.kommune.example"}
    settings.kommuner = {"4698": config.Kommune("nynorsk", {"navn": FJELLVIK})}
    data = canonical_case(kommunenummer="4698")
    data["tjeneste"] = {"navn": exported, "kommunenummer": "4698",
                        "kommunenavn": "Fjellvik kommune",
                        "adresse": "Postboks 40", "postnummer": "6899", "poststed": "Fjellvik",
                        "besoksadresse": "Tunvegen 2, 6899 Fjellvik", "telefon": "57 00 40 00",
                        "epost": "barnevern@fjellvik.kommune.example"}
    case = Case.model_validate(data)
    plan = schedule.plan_case(case, PROGRAMME, settings.schedule, TODAY,
                              documents=settings.documents)
    ctx = context.build(case, plan, PROGRAMME, TODAY, settings.service, settings=settings)
    found = texts(ctx, "informasjonsbrev", tmp_path)
    return next(text for name, text in found.items() if name.startswith("02 "))


def test_a_municipality_naming_its_own_service_never_signs_with_the_services_address(
        tmp_path):
    """[kommuner."4698"] names «Barnevernstenesta i Fjellvik» and gives no address: its
    letters took [service]'s, signed «Barnevernstenesta i Fjellvik» with Fjordvik's address
    (helper 217). What neither the table nor an export naming Fjellvik gives is missing."""
    text = _fjellvik_letter(tmp_path, "Barnevernstjenesten i Fjordvik")
    assert f"{FJELLVIK}\nBesøksadresse: [manglar: besøksadresse til barnevernstenesta]\n" \
        in text
    for exported in EXPORTED + ("Tunvegen 2", "57 00 40 00"):
        assert exported not in text, exported


def test_a_municipality_naming_its_own_service_keeps_the_address_of_its_exports(tmp_path):
    text = _fjellvik_letter(tmp_path, "Barnevernstjenesten i Fjellvik")
    assert f"{FJELLVIK}\nBesøksadresse: Tunvegen 2, 6899 Fjellvik\n" in text
    assert "57 00 40 00" in text and "[mangl" not in text
    for exported in EXPORTED:
        assert exported not in text, exported


@pytest.mark.parametrize("malform, said", [
    ("bokmal", 'ADVARSEL  [kommuner."4698"]: fyll inn kommunenavn, adresse, postnummer, '
     "poststed, besoksadresse, telefon og epost. Brevene i sakene fra denne kommunen viser "
     f"navnet «{FJELLVIK}» herfra, og adressen, telefonen og e-posten herfra når de står "
     "her, aldri fra [service], som er en annen tjeneste («Barnevernstjenesten i Testvik»). "
     "Det som mangler her, tar brevene fra eksporten, men bare i saker der eksporten kaller "
     "tjenesten det samme (eller gir den et navn med samme sted). I andre saker står det "
     "«[mangler: …]» i brevhodet, og brevene er merket «Ikke send» i Til utsending. Legg "
     "inn tjenestens egen adresse og telefon her, så hører navnet og adressen sammen i "
     "hvert brev."),
    # Its only municipality writing nynorsk, the service's messages are in nynorsk.
    ("nynorsk", 'ÅTVARING  [kommuner."4698"]: fyll inn kommunenavn, adresse, postnummer, '
     "poststed, besoksadresse, telefon og epost. Breva i sakene frå denne kommunen viser "
     f"namnet «{FJELLVIK}» herifrå, og adressa, telefonen og e-posten herifrå når dei står "
     "her, aldri frå [service], som er ei anna teneste («Barnevernstjenesten i Testvik»). "
     "Det som manglar her, tek breva frå eksporten, men berre i saker der eksporten kallar "
     "tenesta det same (eller gir henne eit namn med same stad). I andre saker står det "
     "«[manglar: …]» i brevhovudet, og breva er merkte «Ikkje send» i Til utsending. Legg "
     "inn adressa og telefonen til tenesta her, så høyrer namnet og adressa saman i kvart "
     "brev.")])
def test_check_tells_it_to_give_a_municipalitys_own_service_its_address(
        workspace, capsys, malform, said):
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[kommuner."4698"]\nmalform = "{malform}"\nnavn = "{FJELLVIK}"\n')
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    assert said in capsys.readouterr().out.splitlines()
