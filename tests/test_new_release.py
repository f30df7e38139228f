"""A new release of the program, or a municipality's new letterhead: the documents are made
again (they look different), but no letter is issued anew: each keeps its date, and what
the office marked as sent in Til utsending stays marked (store/issued.py)."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date, timedelta
from pathlib import Path

from omsorgspakke_docs.documents import innkalling, sending
from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.store import issued as issued_store
from omsorgspakke_docs.store.issued import (
    FOLDER,
    Issued,
    Showing,
    issues,
    kept_dates,
    replaced,
)

from .conftest import TODAY, canonical_case, docx_text
from .test_contact_change import NEW, NEW_PERSON, OLD, letters
from .test_parents_letters_as_read import _not_answered_late_case
from .test_sent_marks import LIST, LISTED_FOR_DAYS, _mark, _rows

KEEP = Issued.keep
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LETTERHEAD = ("Telefon {{ tjeneste.telefon|telefon }}",
              "Sentralbord {{ tjeneste.telefon|telefon }}")


def _new_letterhead(template, letterhead: str = LETTERHEAD[1]) -> None:
    """The template's letterhead says «Sentralbord» for «Telefon» (what it is made with
    changes, not which facts it shows), or what else is given."""
    _reworded(template, LETTERHEAD[0], letterhead)


def _reworded(template, text: str, new_text: str) -> None:
    """The template with new_text for text in its body."""
    with zipfile.ZipFile(template) as old:
        parts = {info: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                assert text.encode() in data
                data = data.replace(text.encode(), new_text.encode())
            new.writestr(info, data)


def _letters_marked_then_made_with(workspace, monkeypatch, letterhead: str = LETTERHEAD[1],
                                   before: tuple[str, str] | None = None):
    """The example case's invitations, issued on TODAY and two of them marked as sent in
    Til utsending; then made again the next day in a new release, with a template whose
    letterhead says `letterhead`: (the invitations, their kept dates, the marks now).
    before: (text, as the release before had it) in the template, for the first run."""
    own = workspace.own_templates()
    if before is not None:
        _reworded(own / "nb" / "innkalling.docx", *before)
    case = canonical_case()
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    invitations = {name: path for name, path in letters(folder).items()
                   if name.startswith("Innkallinger/")}
    _mark(workspace.outbox / LIST, dict.fromkeys(LISTED_FOR_DAYS, "x"))
    assert invitations and all("22. november 2026" in docx_text(p) for p in invitations.values())
    _new_letterhead(own / "nb" / "innkalling.docx", letterhead)
    if before is not None:
        _reworded(own / "nb" / "innkalling.docx", before[1], before[0])
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    return invitations, {name: dates[name][0] for name in invitations}, marked


def test_a_new_release_and_letterhead_keep_letter_dates_and_sent_marks(workspace, monkeypatch):
    invitations, dates, marked = _letters_marked_then_made_with(workspace, monkeypatch)
    # Made again with the new letterhead, dated as issued.
    for name, path in invitations.items():
        text = docx_text(path)
        assert "Sentralbord" in text and "22. november 2026" in text, name
    assert dates == dict.fromkeys(invitations, TODAY)
    # Still marked as sent, on the one list.
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")
    assert sorted(p.name for p in workspace.outbox.glob("Til utsending*.xlsx")) == [LIST]


def test_a_template_showing_a_field_that_says_nothing_here_keeps_letter_dates_and_marks(
        workspace, monkeypatch):
    """The new template shows whether the child was born on a day she was not: the letters
    read word for word as before, so each keeps its issue (rendering/shown_text.py)."""
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch,
        LETTERHEAD[0] + "{% if barn.fodselsdato == '1900-01-01' %} (aldri){% endif %}")
    assert dates == dict.fromkeys(invitations, TODAY)
    assert all("22. november 2026" in docx_text(p) for p in invitations.values())
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def test_letters_kept_through_a_field_that_says_nothing_here_stay_kept_the_days_after(
        workspace, monkeypatch):
    """Kept on the release day because they read word for word as issued (Issued.keep),
    the letters marked as sent keep that issue on the days after too: none says it replaces
    the letter of 22 November, as if that were another letter (it is this one), and none is
    dated anew. The issue made and discarded that day kept its note that it replaced the
    letter marked as sent, so two days later both were issued anew saying «Noe i brevet er
    endret siden brevet vårt fra 22. november 2026»."""
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch,
        LETTERHEAD[0] + "{% if barn.fodselsdato == '1900-01-01' %} (aldri){% endif %}")
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")
    summary = workspace.run(TODAY + timedelta(days=2))
    assert summary.files_failed == 0 and summary.new_versions == []
    sent = [name for name in invitations if f"2026-0412/{name}" in LISTED_FOR_DAYS]
    assert len(sent) == len(LISTED_FOR_DAYS)
    for name in sent:
        text = docx_text(invitations[name])
        assert "Vår dato:\t22. november 2026" in text, name
        assert "erstatter" not in text and "endret siden" not in text, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def _keep_as_0fa42b62(self, key):
    """Issued.keep as releases up to 0fa42b62 had it: the letter kept its issue's date and
    mark, with the note of the issue made and set aside that day that it replaced the
    letter marked as sent (this very letter)."""
    kept = self._earlier.pop(key)
    now = self._now[key]
    now.update(issued=kept["issued"], first=kept["first"], mark=issued_store._mark(kept))
    return date.fromisoformat(now["issued"]), now["basis"]


def _saved_notes(workspace) -> dict[str, dict]:
    """Each document's issue as the state keeps it, for those saying they replace one."""
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    kept = json.loads((workspace.state / FOLDER / f"{pseudonym}.json").read_text("utf-8"))
    return {key: entry for key, entry in kept.items()
            if isinstance(entry, dict) and entry.get("replaces")}


def test_letters_a_release_before_kept_saying_they_replace_themselves_keep_their_issue(
        workspace, monkeypatch):
    """A service upgrading from a release that kept, on its release day, the letters marked
    as sent that read word for word as before (Issued.keep) with the note of the issue set
    aside that day: they replace the letter of 22 November (themselves). Read by this
    release, the state says they replace none: the next run keeps their date and mark as
    sent, and no letter says «erstatter» or «endret siden» (they were issued anew, dated
    that day, unmarked)."""
    monkeypatch.setattr(Issued, "keep", _keep_as_0fa42b62)
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch,
        LETTERHEAD[0] + "{% if barn.fodselsdato == '1900-01-01' %} (aldri){% endif %}")
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")
    sent = [name for name in invitations if f"2026-0412/{name}" in LISTED_FOR_DAYS]
    assert len(sent) == len(LISTED_FOR_DAYS)
    # The state as that release saved it: each letter marked as sent says it replaces the
    # letter issued on its own day.
    notes = _saved_notes(workspace)
    assert sorted(notes) == sorted(sent)
    assert all(entry["replaces"] == entry["issued"] == TODAY.isoformat()
               for entry in notes.values())
    monkeypatch.setattr(Issued, "keep", KEEP)  # this release, from the next run
    summary = workspace.run(TODAY + timedelta(days=2))
    assert summary.files_failed == 0 and summary.new_versions == []
    for name in sent:
        text = docx_text(invitations[name])
        assert "Vår dato:\t22. november 2026" in text, name
        assert "erstatter" not in text and "endret siden" not in text, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")
    assert _saved_notes(workspace) == {}


def test_information_letters_a_release_before_kept_saying_they_replace_themselves_stay_kept(
        workspace, monkeypatch):
    """The same for the parents' information letters marked as sent, which that release
    saved saying they replace the letter of 22 November with its dates (sent_dates): the
    next run keeps their date and mark, and neither says «erstatter» (they were issued
    anew, «Dette brevet erstatter brevet vårt fra 22. november 2026 …», every date as
    before)."""
    case, informed, marks = _information_letters_marked(workspace)
    _new_release_reading_a_field_that_says_nothing(workspace, monkeypatch)
    monkeypatch.setattr(Issued, "keep", _keep_as_0fa42b62)
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    notes = _saved_notes(workspace)
    assert sorted(notes) == sorted(informed)
    assert all(entry["replaces"] == entry["issued"] == TODAY.isoformat()
               and "sent_dates" in entry for entry in notes.values())
    monkeypatch.setattr(Issued, "keep", KEEP)
    summary = workspace.run(TODAY + timedelta(days=2))
    assert summary.files_failed == 0 and summary.new_versions == []
    for name, path in informed.items():
        text = docx_text(path)
        assert "Vår dato:\t22. november 2026" in text, name
        assert "erstatter" not in text, name
    rows = _rows(workspace.outbox / LIST)
    assert {row[2]: row[-1] for row in rows if row[2] in marks} == marks


def test_a_saved_note_replacing_an_earlier_letter_is_kept(tmp_path):
    """Only a note naming the issue's own day is the letter's own: one replacing a letter
    issued before (a meeting moved, a letter marked as sent that changed) is read as kept,
    with what it says of that letter, and kept on."""
    meeting = "2026-11-26T10:00"
    _kept_before(tmp_path, {
        "flyttet.docx": {"issued": "2026-11-22", "first": "2026-11-20", "shows": "s" * 64,
                         "basis": "b" * 64, "for": meeting, "replaces": "2026-11-20",
                         "dates_unknown": True, "contact": True},
        "seg_selv.docx": {"issued": "2026-11-22", "first": "2026-11-22",
                          "shows": "t" * 64, "basis": "c" * 64, "for": meeting,
                          "replaces": "2026-11-22", "dates_unknown": True,
                          "contact": True}})
    issued = Issued(tmp_path, "p", TODAY + timedelta(days=2))
    assert issued.replaces("flyttet.docx", meeting) == date(2026, 11, 20)
    assert issued.dates_unknown("flyttet.docx", None, None, meeting)
    assert issued.new_contact("flyttet.docx")
    assert issued.replaces("seg_selv.docx", meeting) is None
    assert not issued.new_contact("seg_selv.docx")
    assert issued.issue("flyttet.docx", Showing("s" * 64), appointment=meeting)[0] == \
        date(2026, 11, 22)
    issued.save()
    kept = json.loads((tmp_path / FOLDER / "p.json").read_text("utf-8"))["flyttet.docx"]
    assert (kept["issued"], kept["replaces"], kept["dates_unknown"]) == (
        "2026-11-22", "2026-11-20", True)


def test_information_letters_kept_through_a_field_that_says_nothing_here_stay_kept(
        workspace, monkeypatch):
    """The same for the parents' information letters, marked as sent: kept on the release
    day, they keep their date on the days after and say they replace no letter. They were
    issued anew two days later, «Dette brevet erstatter brevet vårt fra 22. november 2026,
    og det er datoene i dette brevet som gjelder nå.», every date as before."""
    case, informed, marks = _information_letters_marked(workspace)
    _new_release_reading_a_field_that_says_nothing(workspace, monkeypatch)
    for day in (TODAY + timedelta(days=1), TODAY + timedelta(days=2)):
        summary = workspace.run(day)
        assert summary.files_failed == 0 and summary.new_versions == []
        for name, path in informed.items():
            text = docx_text(path)
            assert "Vår dato:\t22. november 2026" in text, (day, name)
            assert "erstatter" not in text, (day, name)
        rows = _rows(workspace.outbox / LIST)
        assert {row[2]: row[-1] for row in rows if row[2] in marks} == marks, day


def test_information_letters_replacing_one_sent_keep_saying_so_when_kept(
        workspace, monkeypatch):
    """Helper 951, beside the test before: letters that genuinely replace one sent (the
    dates changed on 23 November), themselves marked as sent, then kept through a template
    field that says nothing here, still say they replace the letter of 22 November, keep
    their date and mark, and are not issued anew on the days after."""
    case, informed, marks = _information_letters_marked(workspace)
    case["samtaler"].append({"part": "foreldre", "tema": 1, "nummer": 1, "dato": "2026-12-15",
                             "klokkeslett": "13:00", "status": "planlagt"})
    workspace.drop("sak.json", case)
    workspace.run(TODAY + timedelta(days=1))
    replacing = ("Det er endringer i datoene siden brevet vårt fra 22. november 2026.",
                 "Dette brevet erstatter det, og det er datoene i dette brevet som gjelder nå.")
    for name, path in informed.items():
        text = " ".join(docx_text(path).split())
        assert "Vår dato: 23. november 2026" in text and all(
            said in text for said in replacing), name
    _mark(workspace.outbox / LIST, marks)
    _new_release_reading_a_field_that_says_nothing(workspace, monkeypatch)
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    for day in (TODAY + timedelta(days=2), TODAY + timedelta(days=3)):
        summary = workspace.run(day)
        assert summary.files_failed == 0 and summary.new_versions == []
        for name, path in informed.items():
            text = " ".join(docx_text(path).split())
            assert "Vår dato: 23. november 2026" in text, (day, name)
            assert all(said in text for said in replacing), (day, name, text)
        assert replaced(workspace.state, pseudonym) == dict.fromkeys(informed, TODAY), day
        rows = _rows(workspace.outbox / LIST)
        assert {row[2]: row[-1] for row in rows if row[2] in marks} == marks, day


def test_a_template_without_an_empty_paragraph_keeps_letter_dates_and_marks(
        workspace, monkeypatch):
    """The release before had an empty paragraph the new template leaves out (the
    signature's blank line under «Med vennlig hilsen», helper 304), and the new one shows a
    field that says nothing here: the letters read word for word as before, the blank line
    being spacing, not words, so each keeps its issue. It was issued anew, dated the day
    of the release (the release day's check: an information letter re-dated)."""
    closing = "Med vennlig hilsen"
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch,
        LETTERHEAD[0] + "{% if barn.fodselsdato == '1900-01-01' %} (aldri){% endif %}",
        before=(closing, closing + "</w:t></w:r></w:p><w:p><w:r><w:t>"))
    assert dates == dict.fromkeys(invitations, TODAY)
    assert all("22. november 2026" in docx_text(p) for p in invitations.values())
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def test_phone_numbers_kept_on_one_line_keep_letter_dates_and_marks(workspace, monkeypatch):
    """The release before wrote the contact person's phone number with plain spaces; this
    one keeps it on one line (no-break spaces, the `telefon` filter), and shows a field that
    says nothing here: the letters read word for word as before (a no-break space is layout,
    not words: rendering/shown_text.py), so each keeps its issue. Without that, the plans
    of three of the demo's cases were dated anew on the release day."""
    phone = "{{ kontaktperson.telefon|telefon }}"
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch,
        LETTERHEAD[0] + "{% if barn.fodselsdato == '1900-01-01' %} (aldri){% endif %}",
        before=(phone, "{{ kontaktperson.telefon }}"))
    assert dates == dict.fromkeys(invitations, TODAY)
    for name, path in invitations.items():
        assert "22. november 2026" in docx_text(path), name
        assert "\u00a0" in docx_text(path, as_set=True), name  # made again, on one line
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def test_a_template_showing_a_field_that_says_something_issues_its_letters_anew(
        workspace, monkeypatch):
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch, LETTERHEAD[0] + " (født {{ barn.fodselsdato }})")
    assert dates == dict.fromkeys(invitations, TODAY + timedelta(days=1))
    for name, path in invitations.items():
        text = docx_text(path)
        assert "(født 14. mars 2015)" in text and "23. november 2026" in text, name
    assert marked == {}


def test_a_template_showing_what_the_letters_path_names_keeps_letter_dates_and_marks(
        workspace, monkeypatch):
    """The release before said «Denne gangen er temaet» in the move follow-up's later
    contacts too; this one words them by their theme's number («Temaet er fortsatt»). The
    number is in the letter's file name («Tema 0 - …»), so it is no new fact
    (former_releases.NAMED_BY_PATH): the letters read otherwise, and each keeps its issue."""
    # As made in good time: one for the next days would confirm (innkalling.short_notice).
    monkeypatch.setattr(innkalling, "short_notice",
                        lambda ctx, shown, meeting: lambda day: {"kort_varsel": False})
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch, before=("samtale.tema == 0", "false"))
    assert dates == dict.fromkeys(invitations, TODAY)
    later = [docx_text(p) for n, p in invitations.items() if "Tema 0 " in n]
    later = [text for text in later if " ny samtale" in text]  # not the reader's first
    assert later
    for text in later:
        assert "Temaet er fortsatt" in text and "22. november 2026" in text
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def test_a_letter_kept_through_a_contact_change_is_issued_anew_with_a_new_letterhead(
        workspace):
    """Made again as it was issued, it would show its old date with the new contact person:
    it is issued anew instead, naming the one the family now has. A letter marked as sent
    is kept through the change only when its time on the list to send is over (helper 609):
    an invitation for a conversation that very day (Document.listed_until); the others are
    issued anew at once. So the new release comes that day (a second run after it is
    installed): the day after, the conversation has passed and its invitation leaves the
    folder, release or not, as every invitation no longer made does (run/case_step.py
    _remove_superseded). No invitation in the folder before the release run is gone after
    it."""
    own = workspace.own_templates()
    case = canonical_case()
    workspace.drop("a.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    _mark(workspace.outbox / sending.FILE_NAME,  # sent: kept as issued through the change
          {f"{case['journalnummer']}/{name}": "x" for name in letters(folder)})
    later = TODAY + timedelta(days=1)
    workspace.drop("b.json", {**case, "eksportert": later.isoformat(),
                              "kontaktperson": NEW_PERSON})
    workspace.run(later)
    invitations = {name for name in letters(folder) if name.startswith("Innkallinger/")}
    kept = {name: text for name, path in letters(folder).items()
            if name in invitations and OLD in (text := docx_text(path))}
    assert kept and all("22. november 2026" in text for text in kept.values())

    _new_letterhead(own / "nb" / "innkalling.docx")
    summary = workspace.run(later)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert invitations <= set(letters(folder)), invitations - set(letters(folder))
    for name in kept:
        text = docx_text(folder / name)
        assert "Sentralbord" in text and NEW in text and OLD not in text, name
        # Dated the day it is issued anew; to a reader sent the letter of 22 November with
        # the contact person before, it says so (helpers 620, 707, 709).
        assert "Vår dato:\t23. november 2026" in text, name
        assert ("Sofie har fått ny kontaktperson hos oss, Kari Nyland. Dette brevet erstatter "
                "brevet vårt fra 22. november 2026.") in text or "22. november" not in text, name


def _kept_before(tmp_path, entries: dict) -> None:
    """Issue dates as the release before this one kept them."""
    (tmp_path / FOLDER).mkdir(exist_ok=True)
    (tmp_path / FOLDER / "p.json").write_text(json.dumps(entries), encoding="utf-8")


def test_issue_dates_kept_by_the_release_before_keep_their_dates_and_marks(tmp_path):
    _kept_before(tmp_path, {
        "brev.docx": ["2026-11-20", "W" * 64, "2026-11-18"],
        "kalender.ics": ["2026-11-20", "c" * 64],
        "sendt.docx": ["2026-11-20", "L" * 64, "2026-11-20", "F" * 64],
        "endret.docx": ["2026-11-20", "X" * 64, "2026-11-19"]})
    marks = issues(tmp_path, "p")
    issued = Issued(tmp_path, "p", TODAY)
    # The same document, as that release digested it whole: the same issue, its
    # fingerprint made from the same digest (not made again).
    assert issued.issue("brev.docx", Showing("s" * 64, "W" * 64, "m")) == (
        TODAY - timedelta(days=2), "W" * 64)
    assert issued.date("kalender.ics", "c" * 64) == TODAY - timedelta(days=2)
    # A letter kept through a contact change then: kept still.
    assert issued.issue("sendt.docx", Showing("t" * 64, "T" * 64, "m"),
                        Showing("f" * 64, "F" * 64, "m"))[0] == TODAY - timedelta(days=2)
    # One that shows something else: issued today, first made kept.
    assert issued.issue("endret.docx", Showing("u" * 64, "U" * 64, "m"))[0] == TODAY
    issued.save()
    after = issues(tmp_path, "p")
    assert {k: after[k] for k in ("brev.docx", "kalender.ics", "sendt.docx")} == {
        k: marks[k] for k in ("brev.docx", "kalender.ics", "sendt.docx")}
    assert after["endret.docx"] != marks["endret.docx"]
    assert kept_dates(tmp_path, "p")["endret.docx"] == (TODAY, TODAY.replace(day=19))

    # Kept in the new form: the next run, with the new release's digests only.
    again = Issued(tmp_path, "p", TODAY + timedelta(days=1))
    assert again.issue("brev.docx", Showing("s" * 64, "Z" * 64, "m2")) == (
        TODAY - timedelta(days=2), "Z" * 64)  # another release: made again, same date
    assert again.issue("sendt.docx", Showing("t" * 64, "T" * 64, "m"),
                       Showing("f" * 64, "F" * 64, "m"))[0] == TODAY - timedelta(days=2)
    again.save()
    assert issues(tmp_path, "p")["brev.docx"] == marks["brev.docx"]


def test_the_whole_of_a_document_is_digested_as_the_release_before_digested_its_issue():
    """The digest an upgraded state's issue dates and ledger fingerprints hold: the same
    (so upgrading re-dates and rewrites nothing)."""
    from omsorgspakke_docs import __version__
    from omsorgspakke_docs.rendering.prepare import _digest, _MadeWith
    shows = {"path": "Innkallinger/Foreldre/Tema 1 - mor.docx", "properties": {"tittel": "æ"},
             "context": {"barn": "d" * 64, "samtale.dato": "e" * 64}, "data_sha256": None}
    before = {**shows, "version": __version__, "template": "innkalling.docx",
              "template_sha256": "t" * 64}
    assert _MadeWith("innkalling.docx", "t" * 64).digests(shows) == (
        _digest(shows), _digest(before))
    assert _MadeWith("", None).digests(shows)[1] == _digest(
        {**shows, "version": __version__, "template": "", "template_sha256": None})


def test_what_is_not_a_word_document_reads_as_nothing_else_does(tmp_path):
    """A file in the case folder that is not one of our letters (damaged, or something else
    under its name) is never taken as reading the same: the letter is issued anew."""
    from omsorgspakke_docs.rendering.shown_text import shown_text, shown_text_of
    os.mkfifo(tmp_path / "rør.docx")
    assert shown_text_of(tmp_path / "rør.docx") is None  # not waited for
    assert shown_text_of(tmp_path / "borte.docx") is None
    other = tmp_path / "annet.zip"
    with zipfile.ZipFile(other, "w") as package:
        package.writestr("word/header1.xml", "<x/>")
    assert shown_text(b"not a zip") is None
    assert shown_text(other.read_bytes()) is None
    letter = tmp_path / "brev.docx"
    with zipfile.ZipFile(letter, "w") as package:
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p>'
                         '<w:r><w:t>Hei</w:t><w:tab/><w:t>du</w:t></w:r></w:p></w:body>'
                         '</w:document>')
    assert shown_text_of(letter) == "Hei\tdu"
    (tmp_path / "lenke.docx").symlink_to(letter)
    assert shown_text_of(tmp_path / "lenke.docx") is None  # a link is not followed
    with zipfile.ZipFile(other, "a") as package:
        package.writestr("word/document.xml", "<!DOCTYPE x [<!ENTITY e 'e'>]><x>&e;</x>")
    assert shown_text(other.read_bytes()) is None


def _information_letters_made(workspace):
    """The example case made on the first day: its folder, and its two information letters'
    bytes by name (to compare with after the next run)."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    before = {name: path.read_bytes() for name, path in letters(folder).items()
              if name.startswith("02 Informasjonsbrev")}
    assert len(before) == 2
    return folder, before


def test_a_field_added_for_the_plan_issues_no_information_letter_anew(workspace, monkeypatch):
    """A release that adds a field only the plan shows (the place's one-word name,
    samtale.sted_kort) and rewords the information letter: the letter is made again with
    its new words but keeps its date, so one already sent is not listed to send again. The
    plan, which shows the field, is issued anew."""
    from omsorgspakke_docs.rendering.context import CaseContext

    own = workspace.own_templates()
    folder, before = _information_letters_made(workspace)
    place = CaseContext.place
    monkeypatch.setattr(CaseContext, "place",
                        lambda self, kind, forelder, on=None: (
                            lambda named: (named[0].upper(), named[1]))(
                            place(self, kind, forelder, on)))
    _reworded(own / "nb" / "informasjonsbrev.docx", "Hver samtale varer inntil halvannen time.",
              "Hver samtale varer opptil halvannen time.")
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    workspace.run(TODAY + timedelta(days=1))
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    for name in before:
        text = docx_text(folder / name)
        assert "Hver samtale varer opptil halvannen time." in text  # made again
        assert "Vår dato:\t22. november 2026" in text and dates[name][0] == TODAY, name
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "FOSTERHJEMMET" in plan and "Vår dato:\t23. november 2026" in plan


def test_minutes_already_made_are_not_made_again_for_a_new_template_or_release(
        workspace, monkeypatch):
    """The release-day check of a new minutes template (a section's questions kept with the
    box for its notes): every unreturned minutes document was made again, and one a
    caseworker was writing in would have got a copy «(ny versjon)» beside it. Minutes made
    before keep the template they were made with; an edited one is left as it is."""
    from docx import Document as open_docx

    own = workspace.own_templates()
    case = canonical_case()
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    minutes = sorted(folder.glob("Referater/**/*.docx"))
    assert minutes
    edited = minutes[0]
    document = open_docx(str(edited))
    document.add_paragraph("Skrevet av kontaktpersonen")
    document.save(str(edited))
    before = {path: path.read_bytes() for path in minutes}
    _reworded(own / "nb" / "referat.docx", "Formål med samtalen", "Hva samtalen skal gi")
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert {path: path.read_bytes() for path in minutes} == before
    assert "Skrevet av kontaktpersonen" in docx_text(edited)


def test_a_plan_note_reworded_issues_no_information_letter_anew(workspace, monkeypatch):
    """The release that says the plan's note «Tolken bestilles minst 3 virkedager før
    samtalen, og samtalen er lagt til …» (it said «og den er lagt», 282426f): the father's
    information letter, whose rows carry the note though it shows none of it, keeps its
    date («Vår dato») and is not listed to send again; it was re-dated the day the release
    came."""
    from omsorgspakke_docs.rendering.context import CaseContext

    workspace.drop("sak.json", canonical_case())
    note = CaseContext.gap_note
    monkeypatch.setattr(CaseContext, "gap_note", lambda self, conv: note(self, conv).replace(
        "før samtalen, og samtalen er lagt til", "før samtalen, og den er lagt til"))
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    father = "02 Informasjonsbrev til foreldre - far.docx"
    assert "Vår dato:\t22. november 2026" in docx_text(folder / father)
    monkeypatch.setattr(CaseContext, "gap_note", note)
    workspace.run(TODAY + timedelta(days=1))
    assert "Vår dato:\t22. november 2026" in docx_text(folder / father)
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    assert kept_dates(workspace.state, pseudonym)[father][0] == TODAY
def test_information_letters_fingerprinted_with_the_plans_notes_keep_their_issue(
        workspace, monkeypatch):
    """The release day's check (2026-0412, the father's letter): the release before
    fingerprinted the letter's rows whole, the plan's note on a long gap (merknad) with them,
    though the letter does not show it; this release rewords that note («og den er lagt» →
    «og samtalen er lagt») and the letter. Both parents' letters are made again in the new
    words, keeping their date and their mark as sent: not new letters to send."""
    from omsorgspakke_docs.documents import informasjonsbrev, one_or_both
    from omsorgspakke_docs.rendering.context import CaseContext

    own = workspace.own_templates()
    # The release before: rows fingerprinted with all but these, the note in its words, the
    # joint meeting «Felles møte med fosterforeldrene» to each parent (two releases before
    # the one naming the other parent there: its rows are FINGERPRINTED_EARLIER's), and
    # without who else is invited to the meeting as a fact of its own (OTHERS_INVITED, nor
    # as later kept by the parents' places: OTHERS_INVITED_BEFORE).
    monkeypatch.setattr(informasjonsbrev, "NOT_IN_THE_LETTER", (
        "status", "passert", "sted_kort", informasjonsbrev.OTHERS_INVITED,
        informasjonsbrev.OTHERS_INVITED_BEFORE))
    monkeypatch.setattr(informasjonsbrev, "_meeting_heading", lambda ctx, forelder: ctx.t(
        one_or_both(ctx, informasjonsbrev.MEETING_BEFORE)))
    note = CaseContext.gap_note
    monkeypatch.setattr(CaseContext, "gap_note", lambda self, conv: note(self, conv).replace(
        ", og samtalen er lagt til første ledige dag", ", og den er lagt til første ledige dag"))
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    before = [name for name in letters(folder) if name.startswith("02 Informasjonsbrev")]
    assert len(before) == 2
    _mark(workspace.outbox / LIST, {f"2026-0412/{name}": "x" for name in before})
    workspace.as_kept_by_the_release_before()

    monkeypatch.undo()  # the new release, with the letter reworded
    _reworded(own / "nb" / "informasjonsbrev.docx", "Hver samtale varer inntil halvannen time.",
              "Hver samtale varer opptil halvannen time.")
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    for name in before:
        text = docx_text(folder / name)
        assert "Hver samtale varer opptil halvannen time." in text  # made again
        assert "Vår dato:\t22. november 2026" in text and dates[name][0] == TODAY, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert {f"2026-0412/{name}" for name in before} <= set(marked)


def test_a_plan_note_reworded_alone_issues_no_information_letter_anew(workspace, monkeypatch):
    """The plan's note on a long gap before a conversation (merknad) is the plan's, not the
    letter's: worded otherwise the next day, by the same release, the information letters
    are not made again, and keep their date."""
    from omsorgspakke_docs.rendering.context import CaseContext

    folder, before = _information_letters_made(workspace)
    note = CaseContext.gap_note
    monkeypatch.setattr(CaseContext, "gap_note", lambda self, conv: note(self, conv).replace(
        "første ledige dag", "den første ledige dagen"))
    workspace.run(TODAY + timedelta(days=1))
    assert {name: (folder / name).read_bytes() for name in before} == before


CANCELLED_TIME = "{% if samtale_avlyst %} (kl. {{ samtale.klokkeslett }}){% endif %}"
"""A field the invitation never read before, in a part only a cancelled conversation's
letter shows (the release day's `samtale.klokkeslett`)."""


def _short_notice_the_next_day(monkeypatch) -> list:
    """Every invitation proposing a time is at short notice from the day after TODAY (its
    meeting near): made that day as of its issue (innkalling.short_notice, Document.as_of).
    The meetings of those so made, filled in as they are made."""
    found = []

    def short_notice(ctx, shown, meeting):
        proposed = not (shown.get("samtale") or {}).get("avtalt")
        if proposed and ctx.today > TODAY:
            found.append(meeting)
        return lambda day: {innkalling.SHORT_NOTICE_KEY: proposed and day > TODAY}
    monkeypatch.setattr(innkalling, "short_notice", short_notice)
    return found


def test_a_field_read_only_where_the_letter_says_nothing_keeps_letter_dates_and_marks(
        workspace, monkeypatch):
    """The new template reads a field in a part these letters do not show, and words its
    letterhead anew: no letter reads word for word as before, yet none shows another fact,
    so each keeps its issue, its date and its mark as sent. The short-notice invitations,
    made as of their issue, were dated anew on the release day (six in the demo)."""
    as_of = _short_notice_the_next_day(monkeypatch)
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch, LETTERHEAD[1] + CANCELLED_TIME)
    assert as_of  # (made as of their issue: Document.as_of)
    assert dates == dict.fromkeys(invitations, TODAY)
    for name, path in invitations.items():
        text = docx_text(path)
        assert "Sentralbord" in text and "22. november 2026" in text, name
        assert "(kl. " not in text, name
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def test_a_letter_reading_a_field_only_now_is_made_once_on_the_release_day(
        workspace, monkeypatch):
    """Release day: each invitation whose new template reads a field only where it says
    nothing is made once to be read without that field and once as it is, and the one made
    so is the letter written; it was made again to be written (twice as it is)."""
    from omsorgspakke_docs.rendering.renderer import Renderer

    made: dict[str, list] = {}
    render = Renderer.render

    def counted(self, doc):
        samtale = doc.context.get("samtale")
        if prepare.__version__ == "99.0.0" and isinstance(samtale, dict) \
                and "klokkeslett" in samtale:  # (the release day: as it is, the field read)
            made.setdefault(str(doc.path), []).append((self, doc))
        return render(self, doc)
    monkeypatch.setattr(Renderer, "render", counted)
    invitations, dates, _ = _letters_marked_then_made_with(
        workspace, monkeypatch, LETTERHEAD[1] + CANCELLED_TIME)
    kept = [name for name, day in dates.items() if day == TODAY]
    assert len(kept) >= 4
    for name in kept:
        assert len(made[name]) == 1, name
        assert "Vår dato:\t22. november 2026" in docx_text(invitations[name])
        assert invitations[name].read_bytes() == render(*made[name][0]).data, name


def test_a_field_newly_shown_in_the_letter_issues_it_anew(workspace, monkeypatch):
    """The same field shown in every letter: a fact the letters issued before did not
    show, so each is issued anew, dated the day of the release, short-notice ones too."""
    as_of = _short_notice_the_next_day(monkeypatch)
    invitations, dates, marked = _letters_marked_then_made_with(
        workspace, monkeypatch, LETTERHEAD[1] + " (kl. {{ samtale.klokkeslett }})")
    assert as_of
    assert dates == dict.fromkeys(invitations, TODAY + timedelta(days=1))
    for name, path in invitations.items():
        text = docx_text(path)
        assert "(kl. " in text and "23. november 2026" in text, name
    assert marked == {}


def test_only_a_field_read_only_now_may_say_nothing_in_the_letter():
    """A letter whose kept fields lack one its template reads now keeps its issue when it
    reads the same without it (Showing.silent); a field whose value changed issues it anew
    whatever: the letter made now is not asked about it. Asked with the day of the issue it
    would keep, the letter is made dated so."""
    asked = []

    def silent(keys, issued=None):
        asked.append((keys, issued))
        return True
    showing = Showing("s", facts={"samtale.tid": "1", "samtale.klokkeslett": "2"},
                      silent=silent)
    assert showing.keeps_facts({"samtale.tid": "1"}, TODAY)
    assert asked == [(frozenset({"samtale.klokkeslett"}), TODAY)]
    assert not showing.keeps_facts({"samtale.tid": "0"}, TODAY)
    assert len(asked) == 1
    shown = Showing("s", facts={"samtale.tid": "1", "samtale.klokkeslett": "2"},
                    silent=lambda keys, issued=None: False)
    assert not shown.keeps_facts({"samtale.tid": "1"})
    assert not Showing("s", facts={"samtale.tid": "1", "samtale.klokkeslett": "2"}
                       ).keeps_facts({"samtale.tid": "1"})


SILENT_SENTENCE = "{% if erstatter and barn.fodselsdato == '1900-01-01' %} Ikke her.{% endif %}"
"""A sentence a new release adds to a letter template, which this case's letters never show."""
DURATION = "Hver samtale varer inntil halvannen time."


def _edited_mothers_letter_then_new_release(workspace, monkeypatch, new_text: str):
    """The example case made on the first day, the mother's information letter edited by a
    caseworker (a word added, saved as Word saves it), then a new release whose information
    letter template says new_text for DURATION: (the case folder, the edited letter's name
    and bytes, the run's summary)."""
    from docx import Document as open_docx

    own = workspace.own_templates()
    folder, _ = _information_letters_made(workspace)
    name = "02 Informasjonsbrev til foreldre - mor.docx"
    document = open_docx(str(folder / name))
    document.add_paragraph("Ring meg gjerne om noe er uklart.")
    document.save(str(folder / name))
    edited = (folder / name).read_bytes()
    _reworded(own / "nb" / "informasjonsbrev.docx", DURATION, new_text)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0
    return folder, name, edited, summary


def test_an_edited_letter_made_again_with_the_same_words_gets_no_copy_beside_it(
        workspace, monkeypatch):
    """Release day (helper 905): the information letter's template gained a sentence this
    letter does not show, so the letter came out word for word as before, dated as before;
    the mother's, edited by a caseworker, got a copy «(ny versjon)» beside it that said
    exactly what it said before her edit, on every release touching the template. Now the
    edited letter is the letter, on that day and the days after."""
    folder, name, edited, summary = _edited_mothers_letter_then_new_release(
        workspace, monkeypatch, DURATION + SILENT_SENTENCE)
    assert summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert (folder / name).read_bytes() == edited
    assert "Ring meg gjerne om noe er uklart." in docx_text(folder / name)
    # The father's letter, nobody's edit, is made again in place, dated as issued.
    assert "Vår dato:\t22. november 2026" in docx_text(
        folder / "02 Informasjonsbrev til foreldre - far.docx")
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    assert kept_dates(workspace.state, pseudonym)[name][0] == TODAY
    summary = workspace.run(TODAY + timedelta(days=2))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert (folder / name).read_bytes() == edited


def test_an_edited_letter_whose_words_change_in_a_new_release_gets_its_copy(
        workspace, monkeypatch):
    """The new release rewords what the letter shows: the caseworker's edited letter stays as
    she left it, and the letter in the new words goes beside it, «(ny versjon)», as before."""
    folder, name, edited, summary = _edited_mothers_letter_then_new_release(
        workspace, monkeypatch, "Hver samtale varer opptil halvannen time." + SILENT_SENTENCE)
    copy = name.replace(".docx", " (ny versjon).docx")
    assert [v["dokument"] for v in summary.new_versions] == [copy]
    assert (folder / name).read_bytes() == edited
    text = docx_text(folder / copy)
    assert "Hver samtale varer opptil halvannen time." in text
    assert "Vår dato:\t22. november 2026" in text


AGREED_ON_THE_PHONE = ("{% if part.neste_avtalt %}Som avtalt på telefon er den første "
                       "samtalen{% elif ")
"""The information letter's template as it says a first conversation at short notice: taken
out («{% if »), it is the template of the release before, which asked «Vil du være med, …»."""


def test_an_information_letter_at_short_notice_keeps_its_issue_in_the_new_words(
        workspace, monkeypatch):
    """The release before asked «Vil du være med, er den første samtalen …» in an
    information letter issued the day before a first conversation at short notice, whose
    invitation confirmed it («Som avtalt …»). The release that says it was agreed on the
    phone makes the letter again in those words, dated as issued and still marked as sent:
    its facts are as they were."""
    own = workspace.own_templates()
    _reworded(own / "nb" / "informasjonsbrev.docx", AGREED_ON_THE_PHONE, "{% if ")
    case = _not_answered_late_case()
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    names = sorted(name for name in letters(folder) if name.startswith("02 Informasjonsbrev"))
    assert len(names) == 2
    for name in names:
        assert "Vil du være med, er den første samtalen " in \
            docx_text(folder / name), name
    listed = [f"{case['journalnummer']}/{name}" for name in names]
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))
    _reworded(own / "nb" / "informasjonsbrev.docx", "{% if mottaker.takket_ja %}Den første",
              AGREED_ON_THE_PHONE + "mottaker.takket_ja %}Den første")
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    for name in names:
        text = docx_text(folder / name)
        assert "Som avtalt på telefon er den første samtalen " in text, (name, text)
        assert "Vil du være med," not in text and "Vår dato:\t22. november 2026" in text, name
        assert dates[name][0] == TODAY, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert all(marked.get(key) == "x" for key in listed), marked


AGREED_IN_THE_JOURNAL = ("{% elif part.neste_avtalt_i_fagsystemet %}Som avtalt er den "
                         "første samtalen")
"""The information letter's template as it says a first conversation agreed in the journal:
taken out, with AGREED_ON_THE_PHONE, it is the template of the release before."""


def test_an_information_letter_agreed_in_the_journal_keeps_its_issue_in_the_new_words(
        workspace, monkeypatch):
    """Helper 943: each parent's first contact is in the journal with its day and time, so
    its invitation confirms it («Som avtalt møtes vi …»); the release before asked «Vil du
    være med, er den første samtalen …» in the information letter beside it. The release
    that says the time is agreed makes the letter again in those words, dated as issued and
    still marked as sent: its facts (the rows, their times) are as they were. The father
    reads nynorsk (helper 951: his letter, from the nynorsk template, the same)."""
    templates = workspace.own_templates()
    owns = [templates / folder / "informasjonsbrev.docx" for folder in ("nb", "nn")]
    news = [own.read_bytes() for own in owns]
    for own in owns:
        _reworded(own, AGREED_IN_THE_JOURNAL, "")
        _reworded(own, AGREED_ON_THE_PHONE, "{% if ")
    case = _not_answered_late_case()
    case["foreldre"][1]["malform"] = "nynorsk"
    case["samtaler"] = [{"part": "foreldre", "tema": 0, "nummer": 1, "forelder": forelder,
                         "dato": "2026-11-26", "klokkeslett": "10:00", "status": "planlagt"}
                        for forelder in (0, 1)]
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    names = sorted(name for name in letters(folder) if name.startswith("02 Informasjonsbrev"))
    assert len(names) == 2
    asked = {"far": "Vil du vere med,", "mor": "Vil du være med,"}
    for name in names:
        assert asked[name.removesuffix(".docx").rsplit(" ", 1)[-1]] + (
            " er den første samtalen torsdag 26. november 2026.") in docx_text(folder / name)
    listed = [f"{case['journalnummer']}/{name}" for name in names]
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))
    for own, new in zip(owns, news, strict=True):
        own.write_bytes(new)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    for name in names:
        text = docx_text(folder / name)
        assert "Som avtalt er den første samtalen torsdag 26. november 2026." in text, name
        assert "Vil du v" not in text and "på telefon" not in text, (name, text)
        assert "Vår dato:\t22. november 2026" in text, name
        assert dates[name][0] == TODAY, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert all(marked.get(key) == "x" for key in listed), marked


def test_a_first_conversation_no_longer_agreed_is_not_said_agreed_in_the_letter_after(
        workspace):
    """Helper 951: each parent's first contact is agreed in the journal, and the information
    letters, marked as sent, say «Som avtalt er den første samtalen …» (the father's in
    nynorsk). A later export has the mother's cancelled and the father's moved to another
    agreed time. Each letter is issued anew, saying it replaces the one sent: the mother's
    asks again, about the time planned in its place, the father's says his new time is
    agreed; neither says «Som avtalt» about a time no longer agreed."""
    case = _not_answered_late_case()
    case["foreldre"][1]["malform"] = "nynorsk"
    case["samtaler"] = [{"part": "foreldre", "tema": 0, "nummer": 1, "forelder": forelder,
                         "dato": "2026-11-26", "klokkeslett": "10:00", "status": "planlagt"}
                        for forelder in (0, 1)]
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    names = {name.removesuffix(".docx").rsplit(" ", 1)[-1]: name for name in letters(folder)
             if name.startswith("02 Informasjonsbrev")}
    assert sorted(names) == ["far", "mor"]
    for name in names.values():
        assert "Som avtalt er den første samtalen torsdag 26. november 2026." in " ".join(
            docx_text(folder / name).split()), name
    _mark(workspace.outbox / LIST, {f"{case['journalnummer']}/{name}": "x"
                                    for name in names.values()})
    case["samtaler"][0]["status"] = "avlyst"
    case["samtaler"][1].update(dato="2026-11-27", klokkeslett="09:00")
    workspace.drop("sak.json", case)
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0
    mother, father = (" ".join(docx_text(folder / names[who]).split()) for who in ("mor", "far"))
    assert "Vår dato: 23. november 2026" in mother and "Vår dato: 23. november 2026" in father
    assert "Dette brevet erstatter det, og det er datoene i dette brevet som gjelder nå." \
        in mother
    assert "Vil du være med, er den første samtalen fredag 27. november 2026." in mother
    assert "Som avtalt" not in mother, mother
    assert "Dette brevet erstattar det, og det er datoane i dette brevet som gjeld no." \
        in father
    assert "Som avtalt er den første samtalen fredag 27. november 2026." in father
    assert "torsdag 26. november" not in father, father
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST)}
    assert all(marked[f"{case['journalnummer']}/{name}"] is None for name in names.values())


THEIR_REFERENCE = ("<w:p><w:r><w:t>{%p if mottaker.referanse %}</w:t></w:r></w:p>",
                   "<w:t>{{ mottaker.referanse }}</w:t>",
                   "<w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>")
"""The invitation's «Deres ref.» line as this release has it: shown only with the reader's
own reference (mottaker.referanse). The release before had the line always, empty."""


def _as_before(template) -> None:
    """The template with its «Deres ref.» line as the release before had it (THEIR_REFERENCE)."""
    start, value, end = (part.encode() for part in THEIR_REFERENCE)
    with zipfile.ZipFile(template) as old:
        parts = {info: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                at = data.index(start)
                until = data.index(end, at) + len(end)
                line = data[at + len(start):until - len(end)]
                assert value in line and b"Deres ref.:" in line
                data = data[:at] + line.replace(value, b"<w:t></w:t>") + data[until:]
            new.writestr(info, data)


def test_letters_issued_with_an_empty_deres_ref_line_keep_their_dates_and_marks(
        workspace, monkeypatch):
    """Release day: the letters lose the empty «Deres ref.» line and their template reads
    the reader's reference, which these readers did not give: no letter shows another fact,
    so each is made again without the line and keeps its issue, its date and its mark as
    sent. Before, every letter in the demo was dated anew and listed to send again."""
    own = workspace.own_templates() / "nb" / "innkalling.docx"
    new = own.read_bytes()
    _as_before(own)
    case = canonical_case()
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    invitations = {name: path for name, path in letters(folder).items()
                   if name.startswith("Innkallinger/")}
    assert invitations and all("Deres ref.:" in docx_text(p) for p in invitations.values())
    _mark(workspace.outbox / LIST, dict.fromkeys(LISTED_FOR_DAYS, "x"))
    own.write_bytes(new)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    for name, path in invitations.items():
        text = docx_text(path)
        assert "Deres ref." not in text and "Vår dato:\t22. november 2026" in text, name
        assert dates[name][0] == TODAY, name
    marked = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST) if row[-1]}
    assert marked == dict.fromkeys(LISTED_FOR_DAYS, "x")


def _information_letters_marked(workspace) -> tuple[dict, dict[str, Path], dict[str, str]]:
    """The case's first run: the mother's and the father's information letters, marked as
    sent («x») in Til utsending. The case, the letters by name, and the marks."""
    case = canonical_case()
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    informed = {name: path for name, path in letters(folder).items()
                if name.startswith("02 Informasjonsbrev")}
    assert len(informed) == 2  # the mother's and the father's
    marks = {f"{case['journalnummer']}/{name}": "x" for name in informed}
    _mark(workspace.outbox / LIST, marks)
    return case, informed, marks


def _new_release_reading_a_field_that_says_nothing(workspace, monkeypatch) -> None:
    """A new release whose information letter reads a field that says nothing here."""
    _reworded(workspace.own_templates() / "nb" / "informasjonsbrev.docx", LETTERHEAD[0],
              LETTERHEAD[0] + "{% if barn.fodselsdato == '1900-01-01' %} (aldri){% endif %}")
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
