"""A voluntary placement's theme 4 documents issued under the programme's own title (by the
release before, or before the placement was registered as voluntary) keep their file names,
«Tema 4 - Hvorfor måtte barnet flytte - mor», so that their dates and marks stay with them
(test_voluntary_file_names.py). Their archive entries took the title from that name, and the
public journal (offentligTittel) said «måtte» of a voluntary placement. The entry is titled
as the document says it: «Hvorfor flyttet barnet»."""

from __future__ import annotations

from datetime import timedelta

from omsorgspakke_docs.rendering import context

from .conftest import TODAY
from .test_archive import enable_archive, find, needs_libreoffice, packages
from .test_voluntary_file_names import _release_before, _theme_4, _voluntary

LATER = TODAY + timedelta(days=1)


def _letters(workspace, case) -> list[str]:
    """The child's and the parents' theme 4 invitations (the foster family's theme 4 has
    no other title)."""
    found = _theme_4(workspace, case)
    return [name for party in ("Barnet", "Foreldre") for name in found[party]
            if name.startswith("Innkallinger/")]


@needs_libreoffice
def test_documents_kept_under_the_old_title_are_filed_under_the_one_they_show(
        workspace, monkeypatch):
    workspace.whole_year()
    case = _voluntary()
    workspace.drop("sak.json", case)
    with monkeypatch.context() as before:
        before.setattr(context.CaseContext, "file_title", _release_before)
        assert workspace.run().files_failed == 0
    kept = _letters(workspace, case)
    assert kept and all("Hvorfor måtte" in name for name in kept), kept
    enable_archive(workspace)
    assert workspace.run(LATER).files_failed == 0
    titles = {find(root, "a:registrering/a:tittel"): find(root, "a:registrering/a:offentligTittel")
              for root in packages(workspace).values()}
    theme_4 = {title: public for title, public in titles.items()
               if "Tema 4 - " in title and " – Fosterfamilien – " not in title}
    assert len(theme_4) == len(kept), titles
    for title, public in theme_4.items():
        assert "Hvorfor flyttet" in title and "Hvorfor flyttet" in public, (title, public)
        assert "måtte" not in title and "måtte" not in public, (title, public)
    # The files themselves stay where they were issued.
    assert _letters(workspace, case) == kept
