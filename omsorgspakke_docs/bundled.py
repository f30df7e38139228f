"""Where the templates, mapping files, examples and example plugin the program ships are.

In a checkout (and an editable install) they are the top-level folders `templates/`,
`mappings/`, `examples/` and `plugins/`, which developers edit and tools regenerate. A built
wheel carries copies inside the package, in `omsorgspakke_docs/_bundled/` (the build step in
setup.py puts them there), so an installed program runs from any folder, and `omsorgspakke
init` copies them into a new configuration folder.
"""

from __future__ import annotations

from pathlib import Path

NAMES = ("templates", "mappings", "examples", "plugins")
CHECKOUT = Path(__file__).resolve().parent.parent
INSTALLED = Path(__file__).resolve().parent / "_bundled"


def folder(name: str) -> Path:
    """The shipped folder `name` (one of NAMES): the checkout's, else the installed copy."""
    if name not in NAMES:
        raise ValueError(name)
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / name).is_dir():
        return CHECKOUT / name
    return INSTALLED / name
