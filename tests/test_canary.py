"""The canary test: exports full of distinctive names and numbers, good and broken, through
the whole program as staff run it; none of them may turn up anywhere but in the case data.

Looked through: everything the command prints (captured at the file-descriptor level, so a C
library's message counts too), every log record at DEBUG and the log files, the .feil.txt
notes, the state folder except the case records themselves, every file and folder name, and
whatever temporary files are left.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from .conftest import EXAMPLES, canonical_case, docx_text, synthetic_fnr
from .test_hostile_files import workbook_bytes

CHILD = ("Kanarilda", "Zqwertysen")
PARENTS = (("Fuglinna", "Pipsdatter"), ("Kvitrar", "Xylofonsen"))
FOSTER = (("Quoxanna", "Brzeskvik"), ("Jumbojarl", "Brzeskvik"))
CONTACT = ("Vopsine", "Kaktusdal")
CRASHER = "Krasjilda"
HEALTH = "Helsedetaljkanari astmaanfall"
ADDRESS, PLACE, PHONE, EMAIL = "Kanariveien 77", "Zqvik", "40417733", "kanarilda.zq@example.invalid"
FNR_CHILD = synthetic_fnr(date(2015, 3, 9))
FNR_AS_JOURNAL = synthetic_fnr(date(2016, 7, 21))
FNR_BAD_CHECKSUM = FNR_CHILD[:9] + ("00" if FNR_CHILD[9:] != "00" else "11")
FNR_XML = synthetic_fnr(date(2019, 11, 2))
NAMES = [*CHILD, *(n for p in PARENTS for n in p), *(n for p in FOSTER for n in p), *CONTACT,
         CRASHER, "Skipilda", "Tagkanari", "Datokanari", "Rollekanari", "Binærkanari",
         "Arkkanari", "Bombekanari", "Entitetkanari", "Nøkkelkanari"]
CANARIES = [*NAMES, HEALTH, ADDRESS, PLACE, PHONE, EMAIL,
            FNR_CHILD, FNR_AS_JOURNAL, FNR_BAD_CHECKSUM, FNR_XML]

PLUGIN = f'''
"""Test plugin: errors whose messages quote personal data, as careless code would."""
from omsorgspakke_docs.hookspecs import hookimpl


class Explodes:
    name = "kanari-test"
    description = "Leser .kanari-filer og feiler med innholdet i feilmeldingen"

    def claims(self, sample):
        return sample.suffix == ".kanari"

    def read(self, path):
        raise ValueError("kunne ikke lese " + path.read_text(encoding="utf-8"))


class Crashes:
    name, title, templates = "kanari-krasj", "Krasj", ()

    def documents(self, ctx):
        if ctx.case.barn.fornavn == "{CRASHER}":
            barn = ctx.case.barn
            raise RuntimeError(f"krasj for {{barn.fornavn}} {{barn.fodselsnummer}}")
        return []


@hookimpl
def register_adapters(register):
    register(Explodes())


@hookimpl
def register_document_kinds(register):
    register(Crashes())
'''


def person(names, **extra) -> dict:
    return {"fornavn": names[0], "etternavn": names[1], **extra}


def canary_case(journalnummer: str, fnr: str = FNR_CHILD, first: str = CHILD[0], **extra) -> dict:
    case = canonical_case(journalnummer=journalnummer, **extra)
    case["barn"].update(person((first, CHILD[1]), fodselsnummer=fnr))
    case["foreldre"] = [
        {**person(names, telefon=PHONE, epost=EMAIL, adresse=ADDRESS, poststed=PLACE),
         "rolle": role} for names, role in zip(PARENTS, ("mor", "far"), strict=True)
    ]
    case["fosterfamilie"].update(fosterforeldre=[person(n, telefon=PHONE) for n in FOSTER],
                                 adresse=ADDRESS, poststed=PLACE)
    case["kontaktperson"].update(person(CONTACT, epost=EMAIL))
    for assessment in case.get("vurderinger", []):
        assessment["positivt"] = HEALTH
        assessment["behov_for_stotte"] = f"{CHILD[0]} trenger støtte ({HEALTH})"
    return case


def bvr(journalnummer: str, fnr: str, **replace: str) -> str:
    text = (EXAMPLES / "bvr-modulus-2026-0587.xml").read_text(encoding="utf-8")
    text = text.replace('Journalnummer="2026-0587"', f'Journalnummer="{journalnummer}"')
    text = text.replace('Fodselsnummer="02911950688"', f'Fodselsnummer="{fnr}"')
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def familia_csv(rows: list[list[str]]) -> bytes:
    header = ["Journalnr", "Rolle", "Fornavn", "Etternavn", "Fødselsnr", "Telefon", "E-post",
              "Adresse", "Postnr", "Poststed", "Tolk", "Språk", "Plassert dato",
              "Plasseringstype", "Saksbehandler fornavn", "Saksbehandler etternavn",
              "Saksbehandler telefon"]
    lines = ["Personrapport fra Familia", ";".join(header), *(";".join(r) for r in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def familia_row(role: str, names, fnr: str = "", placed: str = "01.09.2026") -> list[str]:
    return ["2026-7010", role, *names, fnr, PHONE, EMAIL, ADDRESS, "5999", PLACE, "Nei", "",
            placed, "Fosterhjem utenfor slekt", *CONTACT, PHONE]


def vendor_variants() -> dict[str, str | bytes | dict]:
    """The vendor examples the mapping adapters read, with canary names and numbers, and
    each once more with a date that cannot be read, so the failing path sees canaries too."""
    variants: dict[str, str | bytes | dict] = {}
    for name in ("vendor-visma-flyt-personer.json", "vendor-acos-kontaktrapport.xml",
                 "vendor-modulus-kontaktrapport.xlsx"):
        source = EXAMPLES / name
        if not source.exists():
            continue
        for bad in (False, True):
            variant = {".json": canary_json, ".xml": canary_xml, ".xlsx": canary_xlsx}
            variants[f"eksport-{20 + len(variants)}{source.suffix}"] = variant[source.suffix](
                source, bad)
    return variants


def _canary_value(key: str, bad: bool) -> str | None:
    key = key.casefold()
    names = CONTACT if "kontakt" in key or "saksbehandler" in key else CHILD
    key = key.rsplit(".", 1)[-1]
    if "fornavn" in key:
        return names[0]
    if "etternavn" in key:
        return names[1]
    if "fnr" in key or "fødselsn" in key or "fodselsn" in key:
        return FNR_CHILD
    if bad and ("dato" in key or key in ("fra", "tiltak fra")):
        return "Datokanari"
    return None


def canary_json(path: Path, bad: bool) -> dict:
    def walk(value, where: str):
        if isinstance(value, dict):
            return {k: _canary_value(f"{where}.{k}", bad) or walk(v, f"{where}.{k}")
                    for k, v in value.items()}
        return [walk(v, where) for v in value] if isinstance(value, list) else value
    return walk(json.loads(path.read_text(encoding="utf-8")), "")


def canary_xml(path: Path, bad: bool) -> bytes:
    tree = etree.parse(str(path))
    for element in tree.iter(etree.Element):
        where = ".".join(e.tag for e in reversed(list(element.iterancestors()))) + "." + element.tag
        if len(element) == 0 and (value := _canary_value(where, bad)):
            element.text = value
        for name in element.attrib:
            if value := _canary_value(f"{where}.{name}", bad):
                element.set(name, value)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def canary_xlsx(path: Path, bad: bool) -> bytes:
    book = load_workbook(path)
    sheet = book.active
    header = next(r for r in sheet.iter_rows() if any(c.value == "Fornavn" for c in r))
    for cell in header:
        value = _canary_value(str(cell.value or ""), bad)
        for row in range(header[0].row + 1, sheet.max_row + 1) if value else ():
            sheet.cell(row=row, column=cell.column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exports() -> dict[str, str | bytes | dict]:
    """Good and broken exports, every one of them full of canaries; neutral file names."""
    bad = canary_case("2026-7003")
    bad["plassering"]["startdato"] = "Datokanari"
    bad["barn"]["kjonn"] = "Rollekanari"
    bad["barn"]["Nøkkelkanari"] = CHILD[0]
    old = canary_case("2026-7005", first="Skipilda")
    old["plassering"]["startdato"] = "2020-01-06"
    good_json = json.dumps(canary_case("2026-7001"), ensure_ascii=False)
    return {
        "eksport-01.json": canary_case("2026-7001"),
        "eksport-02.json": canary_case(FNR_AS_JOURNAL),
        "eksport-03.json": bad,
        "eksport-04.json": good_json[: len(good_json) // 2],
        "eksport-05.json": old,
        "eksport-06.json": canary_case("2026-7006", fnr=FNR_BAD_CHECKSUM),
        "eksport-07.json": canary_case("2026-7007", first=CRASHER),
        "eksport-08.xml": bvr("2026-7008", FNR_XML),
        "eksport-09.xml": bvr(FNR_XML, FNR_XML),
        "eksport-10.xml": bvr("2026-7009", FNR_XML, **{"<Plan ": "<Tagkanari><Plan ",
                                                       "</Sak>": "</Zqwertysen></Sak>"}),
        "eksport-11.xml": '<?xml version="1.0"?><!DOCTYPE Barnevern [<!ENTITY e "Entitetkanari">]>'
                          + bvr("2026-7011", FNR_XML).split("?>", 1)[1].replace(
                              'Kjonn="1"', 'Kjonn="&e;"'),
        "eksport-12.xml": bvr("2026-7012", FNR_XML,
                              **{'StartDato="2026-06-02"': 'StartDato="Datokanari"'}),
        "eksport-13.csv": familia_csv([familia_row("Barn", CHILD, FNR_CHILD),
                                       familia_row("Mor", PARENTS[0])]),
        "eksport-14.csv": familia_csv([familia_row("Rollekanari", CHILD, FNR_CHILD, "Datokanari")]),
        "eksport-15.json": b"\x00\x01Bin\xe6rkanari" + FNR_CHILD.encode() + os.urandom(256),
        "eksport-16.xlsx": workbook_bytes([("Navn", "Fødselsnummer"),
                                     ("Arkkanari " + CHILD[1], FNR_CHILD)]),
        "eksport-17.xlsx": workbook_bytes([("Bombekanari", FNR_CHILD)])[:-200],
        "eksport-18.kanari": f"{CHILD[0]} {CHILD[1]} {FNR_CHILD} {HEALTH}",
        "eksport-19.txt": f"{CHILD[0]};{FNR_CHILD};{HEALTH}\n",
        # Enough cases for the worker processes to take part (parallel.py), one of them crashing.
        "eksport-26.json": {"format": "omsorgspakke-saker/1", "saker": [
            canary_case(f"2026-78{n:02d}", first=CRASHER if n == 9 else CHILD[0])
            for n in range(10)]},
        **vendor_variants(),
    }


def found_in(text: str) -> list[str]:
    folded = text.casefold()
    return [c for c in CANARIES if c.casefold() in folded]


# The case records: the merged cases themselves. (The aliases that link a case seen by identity
# number to the same case seen by journal number hold only pseudonyms, so they are checked.)
CASE_RECORDS = {"cases"}


def state_text(state: Path) -> dict[str, str]:
    """Everything the state folder holds besides the case records, as text by file."""
    texts = {}
    for path in sorted(p for p in state.rglob("*") if p.is_file()):
        relative = path.relative_to(state)
        if relative.parts[0] in CASE_RECORDS or path.name.endswith(("-wal", "-shm", "-journal")):
            continue
        if path.read_bytes()[:16] == b"SQLite format 3\x00":
            texts[str(relative)] = sqlite_text(path)
        else:
            texts[str(relative)] = path.read_bytes().decode("utf-8", "replace")
    return texts


def sqlite_text(path: Path) -> str:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = [repr(row) for table in tables if "case" not in table and "sak" not in table
                for row in db.execute(f'SELECT * FROM "{table}"')]
    return "\n".join(rows)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "systemtemp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def test_no_canary_leaves_the_case_data(workspace, capfd, caplog, private_tmp, monkeypatch):
    monkeypatch.setenv("OMSORGSPAKKE_WORKERS", "2")
    (workspace.root / "plugins" / "kanari_plugin.py").write_text(PLUGIN, encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    files = exports()
    names = sorted(files)
    for name in names[: len(names) // 2]:
        workspace.drop(name, files[name])
    first = workspace.cli()
    for name in names[len(names) // 2:]:
        workspace.drop(name, files[name])
    second = workspace.cli("--json")
    out, err = capfd.readouterr()

    assert first == second == 1
    assert json.loads(out[out.index("{"):])["files_failed"] >= 1
    assert len(list(workspace.archive.iterdir())) >= 5
    # The canaries did go through: the good case's documents carry them.
    letters = workspace.documents("2026-7001", "01 *.docx")
    assert letters and CHILD[0] in docx_text(letters[0])

    assert found_in(out) == [] and found_in(err) == []
    assert found_in("\n".join(r.getMessage() for r in caplog.records)) == []
    assert found_in("\n".join(str(r.args) for r in caplog.records)) == []
    notes = sorted(workspace.failed.glob("*.feil.txt"))
    assert len(notes) >= 8
    for note in notes:
        assert found_in(note.read_text(encoding="utf-8")) == [], note.name
    for name, text in state_text(workspace.state).items():
        assert found_in(text) == [], name
    # The team leader's workbook across cases: journal numbers and contact persons only.
    caseload = workspace.outbox / "Saksoversikt.xlsx"
    if caseload.exists():
        cells = [str(v) for sheet in load_workbook(caseload).worksheets
                 for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
        assert [c for c in found_in("\n".join(cells)) if c not in CONTACT] == []
    every = [p for p in workspace.root.rglob("*")]
    assert [p for p in every if found_in(p.name)] == []
    assert [p for p in every if p.name.startswith(".tmp-")] == []
    assert list(private_tmp.iterdir()) == []


def test_a_crash_outside_any_file_is_named_by_its_type_only(workspace, capfd, monkeypatch):
    from omsorgspakke_docs.commands import run

    def crash(*args, **kwargs):
        raise KeyError(f"{CHILD[0]} {FNR_CHILD}")

    monkeypatch.setattr(run, "process_inbox", crash)
    assert workspace.cli() == 3
    out, err = capfd.readouterr()
    assert "KeyError" in err
    assert found_in(out + err) == []
