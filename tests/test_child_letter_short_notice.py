"""An older child's own letter made too late to reach the child before the conversation
(documents/innkalling.py short_notice: by post, within [documents] post_days working days)
is sent as confirmation, as Til utsending says and as the foster parents' letter the same
day reads: it says, simply, the day and time agreed («Som vi har avtalt, treffes vi …»), not
«Snart skal vi ha en samtale …» and «Passer ikke tidspunktet?», which asked for an answer
that could not come in time (a reader's finding in the demo's 2026-0655, 2026-0721 and
2026-0730, helper 409). The child can still tell the foster parents or call. One made in good
time still invites; one issued by the release before keeps its issue, its date and its mark
as sent."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.documents import innkalling
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.rendering import prepare

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts
from .test_move_followup_letters import _older_child
from .test_sent_marks import LIST, _mark, _rows

CHILD = "2026-0412/Innkallinger/Barnet/Tema 0 - Oppfølging i flytteprosessen (kontakt 3).docx"
"""The older child's own letter for the move follow-up's third contact, Monday 23 November,
made on Sunday 22 November."""

WORDS = {
    "bokmal": {
        "contact": "Som vi har avtalt, treffes vi igjen mandag 23. november 2026 kl. "
                   "14.00–15.30, du og jeg.",
        "theme": "Som vi har avtalt, treffes vi mandag 14. desember 2026 kl. 14.00–15.30, du "
                 "og jeg. Vi skal snakke om «Min historie».",
        "heading": "Samtalen vi har avtalt",
        "not_suit": "Passer ikke tidspunktet likevel?",
        "still": "Si fra til fosterforeldrene dine, eller ring meg på 55 00 12 34, så finner "
                 "vi en annen tid.",
        "invites": ("Snart skal vi", "Passer ikke tidspunktet?", "Invitasjon til samtale"),
        "later": "Snart skal vi ha en ny samtale, du og jeg. Denne gangen skal vi snakke om "
                 "«Samvær og kontakt».",
        "folder": "Innkallinger", "theme1": "Tema 1 - Min historie",
        "theme2": "Tema 2 - Samvær og kontakt",
    },
    "nynorsk": {
        "contact": "Som vi har avtalt, treffest vi igjen måndag 23. november 2026 kl. "
                   "14.00–15.30, du og eg.",
        "theme": "Som vi har avtalt, treffest vi måndag 14. desember 2026 kl. 14.00–15.30, du "
                 "og eg. Vi skal snakke om «Mi historie».",
        "heading": "Samtalen vi har avtalt",
        "not_suit": "Passar ikkje tidspunktet likevel?",
        "still": "Sei frå til fosterforeldra dine, eller ring meg på 55 00 12 34, så finn vi "
                 "ei anna tid.",
        "invites": ("Snart skal vi", "Passar ikkje tidspunktet?", "Invitasjon til samtale"),
        "later": "Snart skal vi ha ein ny samtale, du og eg. Denne gongen skal vi snakke om "
                 "«Samvær og kontakt».",
        "folder": "Innkallingar", "theme1": "Tema 1 - Mi historie",
        "theme2": "Tema 2 - Samvær og kontakt",
    },
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _childs_letters(case: dict, today: date, malform: str, folder,
                    fixed: schedule.Fixed | None = None) -> dict[str, str]:
    """The older child's own invitations made on that day (with the dates of a run before,
    fixed), by file name, as read."""
    made = texts(case_context(case, today=today, fixed=fixed).in_malform(malform),
                 "innkalling", folder)
    return {name: _flat(text) for name, text in made.items() if "/Barnet/" in name}


def _check_confirms(w: dict, text: str, said: str) -> None:
    assert said in text, text
    assert w["heading"] in text, text
    assert w["not_suit"] in text and w["still"] in text, text
    for invite in w["invites"]:
        assert invite not in text, (invite, text)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_childs_letter_for_tomorrow_confirms_the_day_and_time(tmp_path, malform):
    """Made on Sunday for Monday's contact (the contacts before it held): «igjen»."""
    w = WORDS[malform]
    letters = _childs_letters(_older_child(canonical_case()), date(2026, 11, 22), malform,
                              tmp_path)
    (text,) = [t for n, t in letters.items() if "(kontakt 3)" in n]
    _check_confirms(w, text, w["contact"])


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_theme_at_short_notice_confirms_and_one_in_good_time_still_invites(tmp_path,
                                                                             malform):
    """Friday 11 December, for the first theme on Monday 14 December (planned a week
    before): a confirmation naming the theme, the child's first talk about one (no
    «igjen»); the second theme, weeks ahead, invites as before."""
    w = WORDS[malform]
    case = _older_child(canonical_case())
    case["samtaler"].append({"part": "barnet", "tema": 0, "nummer": 3, "dato": "2026-11-23",
                             "status": "gjennomfort"})
    planned = case_context(case, today=date(2026, 12, 4))  # theme 1 on 14 December
    letters = _childs_letters(case, date(2026, 12, 11), malform, tmp_path,
                              fixed=schedule.fixed_dates(planned.plan))
    first = next(t for n, t in letters.items() if w["theme1"] in n)
    _check_confirms(w, first, w["theme"])
    later = next(t for n, t in letters.items() if w["theme2"] in n)
    assert w["later"] in later
    assert "Som vi har avtalt" not in later
    assert "Passer ikke tidspunktet?" in later or "Passar ikkje tidspunktet?" in later


def test_a_childs_letter_issued_at_short_notice_by_the_release_before_keeps_its_issue(
        workspace, monkeypatch):
    """On release day, the child's letter the release before issued on Sunday for Monday,
    as an invitation, and staff marked as sent, reads in the new words: a confirmation. It
    keeps its issue (its date, «Vår dato» 22 November) and its mark: not issued anew to
    send."""
    said_now = innkalling.short_notice

    def said_before(ctx, shown, meeting):
        if (shown.get("mottaker") or {}).get("er_barnet"):
            return lambda day: {"kort_varsel": False}
        return said_now(ctx, shown, meeting)

    monkeypatch.setattr(innkalling, "short_notice", said_before)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", _older_child(canonical_case()))
    assert workspace.run(date(2026, 11, 22)).files_failed == 0
    child = workspace.outbox / CHILD
    assert "Snart skal vi ha en ny samtale" in _flat(docx_text(child))
    listed = {row[2] for row in _rows(workspace.outbox / LIST)}
    assert CHILD in listed
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))

    workspace.as_kept_by_the_release_before()
    monkeypatch.setattr(innkalling, "short_notice", said_now)  # the new release
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(date(2026, 11, 23))
    assert summary.files_failed == 0
    text = _flat(docx_text(child))
    _check_confirms(WORDS["bokmal"], text, WORDS["bokmal"]["contact"])
    assert "22. november 2026" in text.split("Vår ref.")[0]
    assert "23. november 2026" not in text.split("Vår ref.")[0]
    marks = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST)}
    assert marks.get(CHILD, "x") == "x"
