"""The minutes' «Dato holdt» asks for the date with the conversation's planned date as its
example («for eksempel 18.01.2027» for a conversation planned 18 January 2027), not a fixed
20.11.2026 that reads as a date from another conversation (helper 194). The grey text is
the minutes' own: returned unwritten from an editor that keeps it as text, it is still no
date, never the planned day read as the day the conversation was held."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.rendering import minutes_marker as mm

from .test_minutes_forms import planned_day
from .test_minutes_prefilled import (
    CHILD,
    _keep_grey_text_as_written,
    all_text,
    minutes,
    run_case,
    stored_conversation,
)
from .test_readback import fill_minutes

ASK = {"bokmal": "Skriv datoen samtalen ble holdt, for eksempel {dato}.",
       "nynorsk": "Skriv datoen samtalen vart halden, til dømes {dato}."}


def _short(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_date_to_write_has_the_planned_date_as_example(tmp_path, malform):
    nynorsk = malform == "nynorsk"
    ws = run_case(tmp_path, nynorsk=nynorsk)
    path = minutes(ws, CHILD, nynorsk)
    lines = all_text(path).splitlines()
    planned = planned_day(minutes(run_case(tmp_path / "nb"), CHILD)) if nynorsk \
        else planned_day(path)
    assert ASK[malform].format(dato=_short(planned)) in lines
    assert not any("20.11.2026" in line for line in lines)


def test_the_example_left_as_text_is_no_date(tmp_path):
    """Sent back with the assessment written and the date left as its grey text, by an editor
    that keeps grey text as text: no date, so the minutes are set aside to be dated, and the
    conversation is not registered as held on its planned day."""
    ws = run_case(tmp_path)
    filled = fill_minutes(minutes(ws, CHILD), {})
    ws.drop("referat.docx", _keep_grey_text_as_written(filled))
    summary = ws.run()
    assert summary.files_failed == 1
    with pytest.raises(StopIteration):
        stored_conversation(ws, "barnet", 1)
    note = "\n".join(p.read_text(encoding="utf-8") for p in ws.failed.rglob("*.txt"))
    assert f"Skriv datoen i feltet «{mm.HELD.title}»" in note
