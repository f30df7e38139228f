"""A variable a letter's template reads that letters issued before did not show declares, in
the field catalogue beside its description, the value at which it says nothing new
(rendering/fields.py quiet): at that value it is left out of what a letter shows
(rendering/prepare.py QUIET_DEFAULTS), so a letter issued by a release before keeps its
issue and its date on release day. Forgetting it issued every such letter anew (the
information letter's part.neste_avtalt, before 0fa42b62)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omsorgspakke_docs.rendering import fields, prepare
from omsorgspakke_docs.rendering.renderer import Renderer

ROOT = Path(__file__).resolve().parent.parent
BEFORE = {"erstatter": "", "runde": 1, "referat.ikke_registrert": False,
          "erstatter_uten_datoer": False, "erstatter_ny_kontakt": False, "samtale_avlyst": "",
          "samtale_avlyst_forste": "", "ny_kontakt_forste": False, "flyttet_fosterhjem": False,
          "erstatter_invitert": False, "fellesmote.etter": False, "kort_varsel": False,
          "mottaker.referanse": "", "part.neste_avtalt": False,
          "part.neste_avtalt_i_fagsystemet": False,
          "referat.siden_sist.tittel": "", "referat.siden_sist.innledning": "",
          "referat.siden_sist.fra_journal": [], "referat.siden_sist.sporsmal": []}
"""The quiet values as prepare.py listed them by hand before the catalogue declared them,
and each declared since (part.neste_avtalt_i_fagsystemet)."""
OLDEST = ROOT / "tests" / "data" / "releases" / "e2c029c5-template-uses.json"
"""What each letter's template read in the oldest release whose issues the tests keep
(e2c029c5-informasjonsbrev-issued.json): the file's note says how it was made."""
NOT_QUIET = {
    "fellesmote.andre_foreldre": "words (documents/fellesmote.py: Fellesmote.words), never "
                                 "empty in a parent's letter",
    "mottaker.er_barnet": "read only in a part a letter to a parent or the foster home does "
                          "not show (former_releases.not_shown)",
}
"""Read by a letter's template since the oldest release, not quiet, and why a letter issued
before keeps its issue without."""


def test_the_quiet_values_are_those_listed_before():
    assert prepare.QUIET_DEFAULTS == BEFORE
    assert {k: type(v) for k, v in prepare.QUIET_DEFAULTS.items()} == {
        k: type(v) for k, v in BEFORE.items()}


def test_the_catalogue_declares_each_quiet_value_beside_its_description():
    assert fields.quiet_values() == BEFORE
    assert fields.BY_KEY["part"].quiet == {"neste_avtalt": False,
                                          "neste_avtalt_i_fagsystemet": False}
    assert fields.BY_KEY["referat"].fields["siden_sist.tittel"].startswith("Overskriften")
    assert fields.BY_KEY["mal"].quiet["runde"] == 1


def test_a_quiet_variable_only_met_in_a_list_is_refused():
    """A parent (each item of foreldre): what a template shows is keyed by paths without a
    list (uses.shown), so a quiet value there would never be met."""
    with pytest.raises(ValueError, match="forelder"):
        fields._context_path(fields._group("forelder", "", "f", x=fields.quiet("", "X.")))


def _top_level() -> set[str]:
    """The names a document's context has at its top (what a template's loop names, such
    as `linje` or `loop`, is not among them)."""
    return ({path.split(".")[0] for path in fields.BY_KEY["felles"].fields}
            | set(fields.BY_KEY["mal"].fields)
            | {path.removesuffix("[]") for path in fields.CHILDREN["felles"]})


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_what_a_letter_reads_that_the_oldest_release_did_not_is_quiet(malform):
    oldest = json.loads(OLDEST.read_text(encoding="utf-8"))["uses"][malform]
    renderer = Renderer(ROOT / "templates")
    top, quiet = _top_level(), prepare.QUIET_DEFAULTS
    now = {name: renderer.uses(name, malform) for name in oldest}
    assert None not in now.values()
    new = {(name, ".".join(path)) for name, before in oldest.items() for path in now[name] or ()
           if ".".join(path) not in before and path[0] in top}
    assert {("informasjonsbrev.docx", "part.neste_avtalt"),
            ("nytt_tilbud.docx", "mottaker.referanse")} <= new  # (it reads what it should)
    assert sorted((name, path) for name, path in new
                  if path not in quiet and path not in NOT_QUIET) == [], (
        "declare its quiet value in omsorgspakke_docs/rendering/fields.py (quiet(value, "
        "description)): the value at which letters issued before say the same")
