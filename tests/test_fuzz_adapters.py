"""Property-based fuzzing of every registered adapter with random and mutated files.

The property: recognising a file never fails, and reading a file an adapter recognises
either gives cases that have a key, or an InputError whose message does not quote the file.
Never another exception (that would reach staff as "an unexpected error"), never a hang.
Seeds are the bundled examples and test files each adapter recognises; mutations flip,
cut, repeat and insert bytes, including hostile snippets, in the file or, for zip
containers, inside one of its XML parts. Example counts are bounded so CI stays fast.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omsorgspakke_docs.adapters.mapping.spec import load_folder
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake.detect import sample
from omsorgspakke_docs.plugins import collect, make_manager

from .conftest import DATA, EXAMPLES, ROOT, make_workspace, shipped_settings

CANARY = b"Fuzzkanari"
HOSTILE = [
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'"', b"'",
    b"<", b">", b"&", b";", b",", b"\r\n", b"{{7*7}}", b"=cmd|' /C calc'!A0", b"\xed\xa0\x80",
    b"9999-12-31", b"0000-00-00", b"31.02.2026", b"-1", b"1e309", b"NaN", b"null", b"[]", b"{}",
    b"<![CDATA[", b"]]>", b"</", b"A" * 70_000, CANARY, b"\x81\x8d", b"\xc3\x28",
]
SUFFIXES = [".json", ".xml", ".csv", ".txt", ".xlsx", ".docx"]
SEED_LIMIT = 1 << 20
DEADLINE = 5.0
FUZZ = settings(max_examples=25, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def registered_adapters() -> list:
    """The built-ins, the bundled example plugins and the bundled mappings' adapters."""
    plugins = ROOT / "plugins"
    pm = make_manager(plugins if plugins.is_dir() else None)
    return collect(pm, "register_adapters", settings=shipped_settings())


ADAPTERS = {adapter.name: adapter for adapter in registered_adapters()}
BUILT_INS = {"omsorgspakke-json", "ssb-barnevern-xml", "ssb-kostra-15f", "referat-docx"}
MINUTES = "referat-docx"
"""Fuzzed with minutes the program itself wrote (the last test), not with seed files."""


def seeds_for(adapter) -> list[Path]:
    candidates = [*EXAMPLES.iterdir(), *DATA.rglob("*")]
    found = []
    for path in sorted(candidates):
        if path.is_file() and path.stat().st_size <= SEED_LIMIT and path.suffix != ".md":
            try:
                if adapter.claims(sample(path)):
                    found.append(path)
            except Exception:  # noqa: BLE001 - claims() failures are the other test's job
                continue
    return found


SEEDS = {name: seeds_for(adapter) for name, adapter in ADAPTERS.items()}


def check(adapter, data: bytes, suffix: str) -> None:
    """The property, for one file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"eksport{suffix}"
        path.write_bytes(data)
        started = time.monotonic()
        claimed = adapter.claims(sample(path))
        assert isinstance(claimed, bool)
        if claimed:
            try:
                cases = list(adapter.read(path))
            except InputError as exc:
                assert CANARY.decode() not in str(exc)
                assert CANARY.decode() not in (exc.what_to_do or "")
            else:
                assert all(isinstance(c, Case) and c.key is not None for c in cases)
        assert time.monotonic() - started < DEADLINE


def mutate(draw, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(out)))
        kind = draw(st.sampled_from(["insert", "flip", "cut", "delete", "repeat"]))
        if kind == "insert":
            out[at:at] = draw(st.sampled_from(HOSTILE) | st.binary(min_size=1, max_size=16))
        elif kind == "flip" and at < len(out):
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del out[at:]
        elif kind == "delete":
            del out[at:at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            out[at:at] = out[at:at + draw(st.integers(1, 256))] * draw(st.integers(2, 50))
    return bytes(out)


# A value in the file: a JSON string, an XML text or attribute, a CSV field.
VALUES = {
    ".json": re.compile(rb'"((?:[^"\\]|\\.)*)"'),
    ".xml": re.compile(rb'>([^<>]+)<|="([^"]*)"'),
    ".csv": re.compile(rb"(?<=[;,\n])([^;,\r\n\"]*)(?=[;,\r\n])"),
}
VALUES[".txt"] = VALUES[".csv"]
HOSTILE_VALUES = ["", " ", "9999-12-31", "0001-01-01", "31.02.2026", "0", "-1", "1e309", "NaN",
                  "null", "true", "Ja", "X", "2.1", "99", "=1+1", "{{7*7}}", "\u202e", "ÆØÅ",
                  "A" * 40_000, CANARY.decode()]


def encoded(text: str, suffix: str) -> bytes:
    if suffix == ".json":
        return json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8")
    if suffix == ".xml":
        return xml_escape(text, {'"': "&quot;"}).encode("utf-8")
    return re.sub(r'[;,\r\n"]', " ", text).encode("utf-8")


def mutate_values(draw, data: bytes, suffix: str) -> bytes:
    """Values replaced by odd or hostile ones, the syntax around them kept."""
    found = list(VALUES[suffix].finditer(data))
    if not found:
        return mutate(draw, data)
    printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
    for _ in range(draw(st.integers(1, 3))):
        match = draw(st.sampled_from(found))
        group = 1 if match.group(1) is not None else 2
        value = encoded(draw(st.sampled_from(HOSTILE_VALUES) | printable), suffix)
        data = data[:match.start(group)] + value + data[match.end(group):]
        found = list(VALUES[suffix].finditer(data))
    return data


def mutate_inside_zip(draw, data: bytes) -> bytes:
    """One XML part of an XLSX or DOCX mutated, the container rebuilt around it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml_parts = sorted(name for name in parts if name.endswith((".xml", ".rels")))
    target = draw(st.sampled_from(xml_parts))
    if draw(st.booleans()):
        parts[target] = mutate_values(draw, parts[target], ".xml")
    else:
        parts[target] = mutate(draw, parts[target])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name, content in parts.items():
            rebuilt.writestr(name, content)
    return out.getvalue()


@st.composite
def mutated_seed(draw, seeds: list[Path]) -> tuple[bytes, str]:
    seed = draw(st.sampled_from(seeds))
    data = seed.read_bytes()
    if data.startswith(b"PK"):
        return (mutate_inside_zip(draw, data) if draw(st.booleans()) else mutate(draw, data),
                seed.suffix)
    if draw(st.booleans()):
        return mutate_values(draw, data, seed.suffix), seed.suffix
    return mutate(draw, data), seed.suffix


def test_every_adapter_is_fuzzed():
    """Every built-in adapter and every shipped mapping is here, and every one but the
    minutes reader has seed files to mutate (a new adapter without one fails)."""
    mappings, problems = load_folder(ROOT / "mappings")
    assert problems == [] and len(mappings) >= 4
    assert BUILT_INS | {m.name for m in mappings} <= set(ADAPTERS)
    assert [name for name, seeds in SEEDS.items() if not seeds and name != MINUTES] == []


@pytest.mark.parametrize("name", sorted(ADAPTERS))
@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_files_are_recognised_or_refused_cleanly(name, data, suffix):
    check(ADAPTERS[name], data, suffix)


@pytest.mark.parametrize("name", sorted(set(ADAPTERS) - {MINUTES}))
@settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_mutated_exports_give_cases_or_a_clean_input_error(name, data):
    content, suffix = data.draw(mutated_seed(SEEDS[name]))
    check(ADAPTERS[name], content, suffix)


@pytest.mark.parametrize("name", sorted(ADAPTERS))
@FUZZ
@given(text=st.text(max_size=512), suffix=st.sampled_from(SUFFIXES))
def test_random_text_is_recognised_or_refused_cleanly(name, text, suffix):
    check(ADAPTERS[name], text.encode("utf-8", "surrogatepass"), suffix)


@pytest.fixture(scope="module")
def written_minutes(tmp_path_factory) -> tuple[object, list[Path]]:
    """Minutes as the program writes them, and the adapter that reads them back."""
    workspace = make_workspace(tmp_path_factory.mktemp("referater"))
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.run()
    minutes = sorted(workspace.outbox.rglob("Referater/*/*.docx"))[:2]
    assert minutes
    readers = [a for a in ADAPTERS.values() if a.claims(sample(minutes[0]))]
    assert [a.name for a in readers] == [MINUTES]
    return readers[0], minutes


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_mutated_minutes_give_a_case_or_a_clean_input_error(written_minutes, data):
    adapter, minutes = written_minutes
    content, suffix = data.draw(mutated_seed(minutes))
    check(adapter, content, suffix)
