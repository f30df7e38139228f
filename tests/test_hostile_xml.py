"""Hostile XML: entity bombs, external entities and DTDs are refused fast, reading nothing.

The canary target is a named pipe: opening it for reading would block until a writer comes,
so a parser that tried to read it would not finish within the deadline, and a reader still
holding it open is visible to a non-blocking writer. The URL targets are a listening socket
that must see no connection, and the discard port the issue names.
"""

from __future__ import annotations

import errno
import os
import socket
import threading
import time

import pytest

from omsorgspakke_docs.adapters.ssb_bvr import SsbBarnevernXml
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake.xmlsafe import iter_elements, root_info

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")

DEADLINE = 2.0
SECRET = "KANARI-HEMMELIG-7731"


@pytest.fixture
def targets(tmp_path):
    fifo = tmp_path / "kanari.fifo"
    os.mkfifo(fifo)
    plain = tmp_path / "kanari.txt"
    plain.write_text(SECRET, encoding="utf-8")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    yield {
        "fifo": fifo.as_uri(), "file": plain.as_uri(),
        "url": f"http://127.0.0.1:{listener.getsockname()[1]}/x",
        "discard": "http://127.0.0.1:9/", "_listener": listener, "_fifo": fifo,
    }
    listener.close()


def billion_laughs() -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE Barnevern [{entities}]><Barnevern><Sak>&lol9;</Sak></Barnevern>"


def quadratic() -> str:
    return (f'<!DOCTYPE Barnevern [<!ENTITY a "{"x" * 50_000}">]>'
            f'<Barnevern><Sak>{"&a;" * 50_000}</Sak></Barnevern>')


def external(target: str) -> str:
    return (f'<!DOCTYPE Barnevern [<!ENTITY x SYSTEM "{target}">]>'
            '<Barnevern><Sak Journalnummer="1">&x;</Sak></Barnevern>')


def parameter(target: str) -> str:
    return (f'<!DOCTYPE Barnevern [<!ENTITY % p SYSTEM "{target}"> %p;]>'
            '<Barnevern><Sak Journalnummer="1"/></Barnevern>')


def external_dtd(target: str) -> str:
    return f'<!DOCTYPE Barnevern SYSTEM "{target}"><Barnevern><Sak Journalnummer="1"/></Barnevern>'


PAYLOADS = {
    "billion-laughs": lambda t: billion_laughs(),
    "quadratic-blowup": lambda t: quadratic(),
    "xxe-fifo": lambda t: external(t["fifo"]),
    "xxe-file": lambda t: external(t["file"]),
    "xxe-url": lambda t: external(t["url"]),
    "xxe-discard-port": lambda t: external(t["discard"]),
    "parameter-entity-fifo": lambda t: parameter(t["fifo"]),
    "parameter-entity-url": lambda t: parameter(t["url"]),
    "external-dtd-fifo": lambda t: external_dtd(t["fifo"]),
    "external-dtd-url": lambda t: external_dtd(t["url"]),
}
# Each payload as written, in UTF-16 (the raw bytes hide '<!DOCTYPE'), and behind a prologue
# longer than the quick look at the start of the file.
WRAPPINGS = {
    "plain": lambda text: text.encode("utf-8"),
    "utf-16": lambda text: text.encode("utf-16"),
    "long-prologue": lambda text: ("<!--" + "x" * 100_000 + "-->\n" + text).encode("utf-8"),
}
READERS = {
    "root_info": root_info,
    "iter_elements": lambda p: [e.attrib.get("Journalnummer") for e in iter_elements(p, {"Sak"})],
    "adapter": lambda p: list(SsbBarnevernXml().read(p)),
}


def run_with_deadline(func, seconds: float):
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = func()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            outcome["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    return thread.is_alive(), outcome, time.monotonic() - started


def fifo_is_open_for_reading(fifo) -> bool:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        assert exc.errno == errno.ENXIO
        return False
    os.close(fd)  # a reader was blocked on it: this releases it
    return True


def connection_attempted(listener) -> bool:
    try:
        conn, _ = listener.accept()
    except TimeoutError:
        return False
    conn.close()
    return True


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("wrapping", WRAPPINGS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_xml_is_refused_fast_without_reading_the_target(
        tmp_path, targets, payload, wrapping, reader):
    path = tmp_path / "eksport.xml"
    path.write_bytes(WRAPPINGS[wrapping](PAYLOADS[payload](targets)))
    still_running, outcome, elapsed = run_with_deadline(lambda: READERS[reader](path), DEADLINE)
    assert not fifo_is_open_for_reading(targets["_fifo"]), "the parser opened the canary pipe"
    assert not still_running, "the parser did not finish within the deadline"
    assert elapsed < DEADLINE
    assert not connection_attempted(targets["_listener"]), "the parser went on the network"
    error = outcome.get("error")
    assert isinstance(error, InputError), outcome
    assert "DOCTYPE" in str(error)
    assert SECRET not in str(error) and "kanari" not in str(error).lower()


def test_xinclude_is_not_processed(tmp_path, targets):
    path = tmp_path / "eksport.xml"
    path.write_text(
        '<Barnevern xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<Sak Journalnummer="1"><xi:include href="{targets["file"]}" parse="text"/></Sak>'
        '</Barnevern>', encoding="utf-8")
    texts = [e.xpath("string()") for e in iter_elements(path, {"Sak"})]
    assert texts == [""]


def test_syntax_errors_name_the_line_never_the_content(tmp_path):
    path = tmp_path / "eksport.xml"
    path.write_text('<Barnevern>\n<Sak Journalnummer="1">\n<KariNordmann></OlaNordmann>'
                    "</Sak></Barnevern>", encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(SsbBarnevernXml().read(path))
    assert "linje 3" in str(err.value)
    assert "Nordmann" not in str(err.value)


def test_deep_nesting_is_an_input_error(tmp_path):
    path = tmp_path / "eksport.xml"
    path.write_text("<Barnevern><Sak>" + "<a>" * 100_000 + "</a>" * 100_000 + "</Sak></Barnevern>",
                    encoding="utf-8")
    with pytest.raises(InputError):
        list(SsbBarnevernXml().read(path))
