"""A father declines (the export of 26 November), and his invitation for the conversation of
26 November, made before, was left on Til utsending asking staff to check whether it was
sent and, if not, that the conversation was agreed with him by phone: he had said no to the
programme. Its row now says not to send it, that the conversation is taken out of the plan,
and that nobody needs to call (today's readers, helper 903)."""

from __future__ import annotations

import pytest

from .conftest import xlsx_rows
from .test_parent_declines_later import _declined

FATHER = "Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - far.docx"
MOTHER = "Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - mor.docx"
SAID = {
    "bokmal": "Ikke send: mottakeren har takket nei til Omsorgspakken, og samtalen 26. "
              "november 2026 er tatt ut av planen. Ingen trenger å ringe om den. Ble brevet "
              "sendt før mottakeren takket nei, kan du skrive datoen i Sendt.",
    "nynorsk": "Ikkje send: mottakaren har takka nei til Omsorgspakken, og samtalen 26. "
               "november 2026 er teken ut av planen. Ingen treng å ringje om han. Vart brevet "
               "sendt før mottakaren takka nei, kan du skrive datoen i Sendt.",
}
MOTHER_SAID = {"bokmal": "sjekk med kontaktpersonen at samtalen ble avtalt med mottakeren",
               "nynorsk": "sjekk med kontaktpersonen at samtalen vart avtalt med mottakaren"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_declined_fathers_passed_invitation_says_not_to_send_and_no_call(workspace,
                                                                            malform):
    workspace.in_malform(malform)
    _declined(workspace)
    rows = xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
    father = [r for r in rows if r[2] and str(r[2]).endswith(FATHER)]
    assert [r[6] for r in father] == [SAID[malform]], father
    # The mother, who still takes part, is asked as before.
    mother = [r for r in rows if r[2] and str(r[2]).endswith(MOTHER)]
    assert len(mother) == 1 and MOTHER_SAID[malform] in mother[0][6], mother
