"""The contract every adapter keeps: built in, mapping-based, or a plugin from plugins/.

Each registered adapter needs at least one example file below (a new adapter without one
fails test_every_adapter_has_examples). With its examples it must: be the one detection
picks for them and claim no one else's; read them into cases with a key; answer claims()
with a plain yes or no for any file at all; and meet a damaged file with an InputError whose
message quotes no personal data, never with another exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake.detect import adapters as registered
from omsorgspakke_docs.intake.detect import detect, sample
from omsorgspakke_docs.plugins import make_manager

from .conftest import DATA, EXAMPLES, ROOT, canonical_case, make_workspace, shipped_settings

VENDORS = DATA / "vendors"
BVR = DATA / "ssb" / "bvr"
KOSTRA = DATA / "ssb" / "kostra-15f"

EXAMPLE_FILES: dict[str, list[Path]] = {
    "omsorgspakke-json": [EXAMPLES / "sak-fjordvik-2026-0412.json",
                          EXAMPLES / "saker-fjordvik-uke47.json"],
    "ssb-barnevern-xml": [EXAMPLES / "bvr-modulus-2026-0587.xml",
                          VENDORS / "bvr-v3-visma-flyt-2026-0046.xml",
                          BVR / "example_modulus-barn_valid_v1-v4.xml",
                          BVR / "legacy-draft_test01_file09_total.xml"],
    "ssb-kostra-15f": [VENDORS / "kostra-15f-fjordvik-2025.xml",
                       *sorted(KOSTRA.glob("*.xml"))],
    "familia-personrapport": [EXAMPLES / "vendor-familia-personrapport.csv"],
    "modulus-barn-kontaktrapport": [EXAMPLES / "vendor-modulus-kontaktrapport.xlsx"],
    "visma-flyt-barnevern-personer": [EXAMPLES / "vendor-visma-flyt-personer.json"],
    "acos-barnevern-kontaktrapport": [EXAMPLES / "vendor-acos-kontaktrapport.xml"],
    "acos-barnevern-sakliste": [EXAMPLES / "vendor-acos-sakliste.csv"],
    "eksempel-fastbredde-klientliste": [EXAMPLES / "vendor-klientliste-fastbredde.txt"],
}


def full_manager():
    """Built-ins, the shipped example plugin and the shipped mapping files, as installed."""
    return make_manager(ROOT / "plugins", entry_points=False)


PM = full_manager()
FOUND = registered(PM, shipped_settings())
ADAPTERS = {a.name: a for a in FOUND}
NAMES = sorted(ADAPTERS)


def returned_minutes(folder: Path) -> Path:
    """Minutes the pipeline made for the canonical example, filled in as a caseworker would."""
    from .test_readback import MINUTES, WRITTEN, fill_minutes

    ws = make_workspace(folder)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    path = ws.root / "referat.docx"
    path.write_bytes(fill_minutes(ws.case_folder("2026-0412") / MINUTES, WRITTEN))
    return path


MADE_EXAMPLES = {"referat-docx": returned_minutes}
"""Adapters whose example the pipeline has to make first."""


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, list[Path]]:
    made = {name: [make(tmp_path_factory.mktemp(name))]
            for name, make in MADE_EXAMPLES.items() if name in ADAPTERS}
    return {**EXAMPLE_FILES, **made}


def test_every_adapter_has_examples():
    assert set(EXAMPLE_FILES) <= set(NAMES) <= set(EXAMPLE_FILES) | set(MADE_EXAMPLES)


@pytest.mark.parametrize("name", NAMES)
def test_names_and_descriptions(name):
    adapter = ADAPTERS[name]
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]+", adapter.name)
    assert isinstance(adapter.description, str) and adapter.description.strip()
    assert callable(adapter.claims) and callable(adapter.read)


@pytest.mark.parametrize("name", NAMES)
def test_detection_picks_it_for_its_examples_and_it_claims_no_one_elses(name, examples):
    adapter = ADAPTERS[name]
    for path in examples[name]:
        assert detect(PM, path, FOUND).name == name, path.name
    for other, paths in examples.items():
        if other != name:
            assert not any(adapter.claims(sample(p)) for p in paths), other


@pytest.mark.parametrize("name", NAMES)
def test_reads_its_examples_lazily_into_cases_with_a_key(name, examples):
    adapter = ADAPTERS[name]
    for path in examples[name]:
        result = adapter.read(path)
        assert isinstance(result, Iterator), "read() should stream: return a generator"
        cases = list(result)
        assert cases and all(isinstance(c, Case) and c.key for c in cases)
        assert all(c.kilde in (name, None) for c in cases)


def junk_files(folder: Path) -> list[Path]:
    contents = {
        "tom.csv": b"", "tom.xml": b"", "tom.json": b"", "tom.xlsx": b"", "tom.txt": b"",
        "binaer.xml": bytes(range(256)) * 8, "binaer.csv": bytes(range(256)) * 8,
        "falsk.xlsx": b"PK\x03\x04 ikke en zip", "falsk.docx": b"PK\x03\x04 ikke en zip",
        "doctype.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><Barnevern/>',
        "halv.json": b'{"saker": [{"id": ', "latin1.csv": "Æ;Ø;Å\nx;y;z\n".encode("latin-1"),
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in contents]


@pytest.mark.parametrize("name", NAMES)
def test_claims_is_a_quiet_yes_or_no_for_any_file(name, tmp_path, examples):
    adapter = ADAPTERS[name]
    for path in junk_files(tmp_path):
        assert adapter.claims(sample(path)) in (True, False), path.name
    for path in damaged(examples[name][0], tmp_path):
        assert adapter.claims(sample(path)) in (True, False), path.name


def damaged(example: Path, folder: Path) -> list[Path]:
    data = example.read_bytes()
    half, cut, mangled = (folder / f"{kind}{example.suffix}" for kind in ("halv", "kort", "rot"))
    half.write_bytes(data[: len(data) // 2])
    cut.write_bytes(data[: max(1, len(data) // 5)])
    middle = len(data) // 2
    mangled.write_bytes(data[:middle] + b"\x00\xff<<;;\"\"" * 20 + data[middle + 160:])
    return [half, cut, mangled]


def personal_data(paths: list[Path], adapter) -> set[str]:
    found: set[str] = set()
    for path in paths:
        for case in adapter.read(path):
            people = [case.barn, *case.foreldre, *case.fosterfamilie.fosterforeldre]
            found |= {p.fornavn for p in people if p.fornavn}
            found |= {p.etternavn for p in people if p.etternavn}
            found |= {case.barn.fodselsnummer} if case.barn.fodselsnummer else set()
    return {f for f in found if len(f) > 2}


@pytest.mark.parametrize("name", NAMES)
def test_a_damaged_file_is_an_input_error_that_quotes_no_personal_data(name, tmp_path, examples):
    adapter = ADAPTERS[name]
    secrets = personal_data(examples[name], adapter)
    for path in damaged(examples[name][0], tmp_path):
        if not adapter.claims(sample(path)):
            continue
        try:
            list(adapter.read(path))
        except InputError as exc:
            message = f"{exc} {exc.what_to_do}"
            assert not [s for s in secrets if s in message], path.name


def test_the_shipped_examples_use_synthetic_identity_numbers_only():
    from omsorgspakke_docs.domain.idnumber import is_synthetic

    for name, paths in EXAMPLE_FILES.items():
        for path in paths:
            if path.is_relative_to(EXAMPLES) or path.is_relative_to(VENDORS):
                for case in ADAPTERS[name].read(path):
                    number = case.barn.fodselsnummer
                    assert number is None or is_synthetic(number), path.name
