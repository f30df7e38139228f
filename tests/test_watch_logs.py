"""Structured logs: JSON lines in the state folder, rotated, pseudonyms and references only."""

from __future__ import annotations

import json
import logging
import shutil

from omsorgspakke_docs import logs

from .conftest import ROOT, canonical_case

PERSONAL = ["Sofie", "Lindqvist", "14831550695", "Camilla", "Ahmad", "hemmelig-navn"]


def log_lines(folder) -> list[dict]:
    lines = []
    for path in sorted(folder.glob(f"{logs.LOG_FILE}*")):
        lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return lines


def test_a_run_logs_json_lines_without_personal_data(workspace):
    workspace.drop("hemmelig-navn Sofie 14831550695.json", canonical_case())
    workspace.drop("ødelagt.json", "{")
    workspace.cli()
    folder = workspace.state / "logs"
    text = (folder / logs.LOG_FILE).read_text(encoding="utf-8")
    for secret in PERSONAL:
        assert secret not in text
    entries = log_lines(folder)
    events = {e.get("event") for e in entries}
    assert {"case_rendered", "archived", "failed", "processed"} <= events
    # A file read as it should is said with its reference, as one set aside is (helper 142:
    # the line had a fallback event name and no «file»).
    (done,) = [e for e in entries if e.get("event") == "processed"]
    assert len(done["file"]) == 10 and done["outcome"] == "ferdig"
    assert all({"time", "level", "message"} <= set(e) for e in entries)
    assert any(e.get("case", "").startswith("sak-") for e in entries)


def test_logs_rotate_by_size_and_go_to_a_configured_folder(workspace):
    with open(workspace.config_file, "a", encoding="utf-8") as handle:
        handle.write('\n[logs]\nfolder = "logger"\nmax_megabytes = 0.0005\nkeep = 2\n')
    for n in range(8):
        workspace.drop(f"{n}.json", canonical_case(journalnummer=f"2023-{n:04d}",
                                                   plassering={"startdato": "2023-01-09"}))
        workspace.cli()
    folder = workspace.root / "logger"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [logs.LOG_FILE, f"{logs.LOG_FILE}.1", f"{logs.LOG_FILE}.2"]  # keep = 2
    assert log_lines(folder)


def test_identity_numbers_are_masked_even_if_a_message_carries_one():
    record = logging.LogRecord("omsorgspakke", logging.WARNING, __file__, 1,
                               "uventet: %s", ("14831550695",), None)
    entry = json.loads(logs.JsonLines().format(record))
    assert "14831550695" not in entry["message"] and "[fnr]" in entry["message"]
    record = logging.LogRecord("omsorgspakke", logging.INFO, __file__, 1,
                               "sak-123456789012 fil 0123456789", (), None)
    assert json.loads(logs.JsonLines().format(record))["message"] == record.msg


def test_a_mapping_file_left_out_for_its_errors_is_in_the_log_file(workspace):
    """The run said it on the console only: the adapters were collected before the log
    file was opened, so the JSON log had no line on it, though the guide promised one."""
    folder = workspace.own_mappings()
    (folder / "ny.toml").write_text('[mapping]\nnavn = "ny"\nformat = "pdf"\n',
                                    encoding="utf-8")
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder)  # one that loads
    workspace.drop("sak.json", canonical_case())
    workspace.cli()
    broken = [e for e in log_lines(workspace.state / "logs") if e["event"] == "mapping_broken"]
    assert broken, "no mapping_broken line in the log"
    assert all(e["level"] == "warning" and "ny.toml" in e["message"] for e in broken)
    assert any("linje 3" in e["message"] for e in broken)
