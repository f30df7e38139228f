"""Golden tests: each shipped mapping, the example plugin and both SSB formats, as canonical JSON.

The expected output is in tests/data/golden/<example>.json. After a deliberate change, run
`OMSORGSPAKKE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_mapping_golden.py` and
review the diff of the golden files before committing them. Identity numbers are kept there
as a hash, so no real-looking fødselsnummer (SSB's public test files have some) sits in our files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from omsorgspakke_docs.adapters.mapping.spec import load_folder
from omsorgspakke_docs.intake.detect import detect

from .conftest import DATA, ROOT
from .test_adapter_contract import EXAMPLE_FILES, FOUND, PM

GOLDEN = DATA / "golden"
PASSTHROUGH = {"omsorgspakke-json"}
"""The canonical format itself: nothing to translate, so nothing to pin down here."""
CASES = [
    (name, path)
    for name, paths in sorted(EXAMPLE_FILES.items()) if name not in PASSTHROUGH
    for path in paths
]


IDENTITY_FIELDS = {"fodselsnummer"}


def canonical(path: Path) -> list[dict]:
    adapter = detect(PM, path, FOUND)
    return [_masked(case.model_dump(mode="json", exclude_none=True)) for case in adapter.read(path)]


def _masked(value):
    """The value with every identity number replaced by a short hash of it (still compared)."""
    if isinstance(value, dict):
        return {key: _hashed(item) if key in IDENTITY_FIELDS and isinstance(item, str)
                else _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


def _hashed(number: str) -> str:
    return "sha256:" + hashlib.sha256(number.encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize("name, path", CASES, ids=[p.name for _, p in CASES])
def test_example_gives_the_expected_cases(name, path):
    golden = GOLDEN / f"{path.stem}.json"
    found = canonical(path)
    if os.environ.get("OMSORGSPAKKE_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.is_file(), "no golden file yet: run with OMSORGSPAKKE_UPDATE_GOLDEN=1"
    assert found == json.loads(golden.read_text(encoding="utf-8"))
    assert {case["kilde"] for case in found} == {name}


def test_every_shipped_mapping_has_a_golden_example():
    mappings, problems = load_folder(ROOT / "mappings")
    assert problems == [] and len(mappings) >= 4
    assert {m.name for m in mappings} <= {name for name, _ in CASES}
