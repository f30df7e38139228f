"""Local plugins the tests write into a workspace's plugins folder: one adapter, registered
as IT's own would be, and one document kind that raises. Line numbers matter (messages name
them): claims' body is on line CLAIMS_LINE, read's on READ_LINE, the kind raises on line
KIND_RAISES_AT."""

from __future__ import annotations

ADAPTER = (
    "from omsorgspakke_docs.errors import InputError\n"
    "from omsorgspakke_docs.hookspecs import hookimpl\n"
    "\n"
    "\n"
    "class Lokal:\n"
    "    name = {name}\n"
    "    description = {description}\n"
    "\n"
    "    def claims(self, sample):\n"
    "        {claims}\n"
    "\n"
    "    def read(self, path):\n"
    "        {read}\n"
    "\n"
    "\n"
    "@hookimpl\n"
    "def register_adapters(register):\n"
    "    register(Lokal())\n"
)
CLAIMS_LINE = 10
READ_LINE = 13


def adapter_plugin(claims: str = "return sample.suffix == '.csv'", read: str = "return []",
                   name: str = "lokal", description: str = "lokal rapport") -> str:
    """The plugin's source: claims and read are each one statement (read's may run on over
    lines indented under it)."""
    return (ADAPTER.replace("{name}", repr(name)).replace("{description}", repr(description))
            .replace("{claims}", claims).replace("{read}", read))


def write_plugin(workspace, source: str, file: str = "lokal.py") -> None:
    (workspace.root / "plugins" / file).write_text(source, encoding="utf-8")


RAISING_KIND = (
    "from omsorgspakke_docs.hookspecs import hookimpl\n"
    "\n"
    "\n"
    "class Skjema:\n"
    "    name, title, templates = 'skjema', 'Skjema', ()\n"
    "\n"
    "    def documents(self, ctx):\n"
    "        raise KeyError('Kari Nordmann 02868610088')\n"
    "\n"
    "\n"
    "@hookimpl\n"
    "def register_document_kinds(register):\n"
    "    register(Skjema())\n"
)
"""A document kind of IT's own («skjema», in skjema.py) that raises as a case's documents are
made, with an error message that quotes a name and a fødselsnummer (synthetic)."""
KIND_RAISES_AT = 8
