"""Every setting omsorgspakke.toml accepts is in README's configuration block, in its own
section, with a comment: IT configures from that block (issue: a key config.py reads but no
document names cannot be found, and its default cannot be known)."""

from __future__ import annotations

import dataclasses
import re

from omsorgspakke_docs import config

from .conftest import ROOT

SECTIONS = {"paths": config.Paths, "schedule": config.Schedule,
            "documents": config.Documents, "compliance": config.Compliance,
            "retention": config.Retention, "watch": config.Watch, "archive": config.Archive,
            "logs": config.Logs}


def _readme_block() -> dict[str, set[str]]:
    """The keys of each section of README's ```toml block under «Configuration»."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("### Configuration", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    keys: dict[str, set[str]] = {"": set()}
    section = ""
    for line in block.splitlines():
        header = re.match(r"#?\s*\[([\w.\"]+)\]", line)
        if header:
            section = header.group(1)
            keys.setdefault(section, set())
            continue
        key = re.match(r"#?\s*(\w+)\s*=", line)
        if key:
            keys[section].add(key.group(1))
    return keys


def test_every_setting_is_in_the_readme_configuration_block():
    documented = _readme_block()
    missing = [f"[{name}] {field.name}" for name, section in SECTIONS.items()
               for field in dataclasses.fields(section)
               if field.name not in documented.get(name, set())]
    assert missing == []
