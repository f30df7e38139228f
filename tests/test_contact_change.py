"""A new contact person: the letters on the list to send name them, those marked as sent
too, issued anew and saying so (a reader's finding: the invitations sent said «Ring meg på …»
with the old contact person's number); those to check, or whose time on the list is over,
stay as the family got them (not made again, not dated anew); the plan shows the new contact
person at once, and every letter issued from then on carries them (store/issued.py
Issued.issue)."""

from __future__ import annotations

from datetime import date, timedelta

from docx import Document as open_docx

from omsorgspakke_docs.documents import sending

from .conftest import TODAY, canonical_case, docx_text
from .test_sending import _to_send
from .test_sent_marks import _mark

OLD, NEW = "Ingrid Bakke", "Kari Nyland"
NEW_PERSON = {"fornavn": "Kari", "etternavn": "Nyland", "tittel": "Barnevernspedagog",
              "telefon": "41 23 45 67", "epost": "kari.nyland@fjordvik.kommune.example"}


def letters(folder):
    """The letters in the case folder: invitations, the information letter and the like."""
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*.docx")
            if p.relative_to(folder).parts[0] == "Innkallinger" or p.name.startswith("02 ")}


def test_letters_issued_keep_their_contact_person_and_later_ones_carry_the_new(workspace):
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    issued = letters(folder)
    assert issued, "the case has letters issued on its first day"
    before = {name: (p.stat().st_mtime_ns, docx_text(p)) for name, p in issued.items()}
    assert all(OLD in text and "22. november 2026" in text for _, text in before.values())
    # Staff send them and mark them so in Til utsending (not yet read: the next run does).
    _mark(workspace.outbox / sending.FILE_NAME,
          {f"{case['journalnummer']}/{name}": "x" for name in issued})

    later = TODAY + timedelta(days=2)
    case = {**case, "eksportert": later.isoformat(), "kontaktperson": NEW_PERSON}
    workspace.drop("b.json", case)
    summary = workspace.run(later)
    assert summary.files_failed == 0 and summary.new_versions == []

    # The letters the family has: those still on the list to send name the new contact
    # person, issued anew, saying so; those to check («Kan være sendt før») are as they
    # were: same file, same date, same sender.
    rows = {r[2]: r for r in _to_send(workspace)}
    renewed = 0
    for name, (stamp, text) in before.items():
        path = folder / name
        if not path.exists():  # an invitation whose conversation has passed leaves the folder
            continue
        row = rows.get(f"{case['journalnummer']}/{name}")
        now = docx_text(path)
        if row is not None and name.startswith("Innkallinger/"):
            assert NEW in now and "41 23 45 67" in now and OLD not in now, name
            assert "24. november 2026" in now and "har fått ny kontaktperson" in now, name
            assert row[7] is None, row  # to send: the old mark was on the letter replaced
            renewed += 1
        elif now != text:  # an information letter still to send: issued anew so too
            assert NEW in now and OLD not in now and "Dette brevet erstatter" in now, name
            assert row is not None and row[7] is None, row
        else:  # to check, or its time on the list over: as sent
            assert path.stat().st_mtime_ns == stamp, name
    assert renewed
    # The plan shows the new contact person at once.
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert NEW in plan and "41 23 45 67" in plan and OLD not in plan

    # A letter issued from now on (a daily run a few weeks on) carries the new contact person.
    new_ones = made_after(workspace, lambda: letters(folder), before, later)
    assert new_ones, "an invitation fell due in the weeks after the change"
    for name, path in new_ones.items():
        text = docx_text(path)
        assert NEW in text and "41 23 45 67" in text and OLD not in text, name


def test_a_letter_not_yet_sent_names_the_new_contact_person(workspace):
    """Letters still waiting in Til utsending (not marked as sent) were kept with the old
    contact person's name, phone and e-mail, and went out so: nobody had them yet (helper
    114). They are issued anew, naming the new one; those marked as sent stay as sent."""
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    issued = {n: p for n, p in letters(folder).items() if n.startswith("Innkallinger/")}
    # (The information letters are to check, «Kan være sendt før»: test_a_letter_to_check_.)
    sent = [n for n in sorted(issued) if n.startswith("Innkallinger/Fosterfamilien/")][:1]
    waiting = [n for n in sorted(issued) if n not in sent]
    assert sent and waiting
    _mark(workspace.outbox / sending.FILE_NAME, {f"{case['journalnummer']}/{sent[0]}": "x"})
    before = {name: docx_text(p) for name, p in issued.items()}
    later = TODAY + timedelta(days=1)
    workspace.drop("b.json", {**case, "eksportert": later.isoformat(), "kontaktperson": NEW_PERSON})
    assert workspace.run(later).files_failed == 0
    # The one marked as sent is issued anew too, saying so: its reader is to get it.
    renewed = docx_text(folder / sent[0])
    assert NEW in renewed and OLD not in renewed and "har fått ny kontaktperson" in renewed
    rows = {r[2]: r for r in _to_send(workspace)}
    assert rows[f"{case['journalnummer']}/{sent[0]}"][7] is None
    listed = [name for name in waiting if f"{case['journalnummer']}/{name}" in rows]
    assert listed
    for name in waiting:
        if not (folder / name).exists():
            continue  # its conversation has passed
        text = docx_text(folder / name)
        # Still to send: nobody has it. (Not one for today nobody marked as sent, listed
        # once more not to send, to check whether it was: helper 312.)
        note = str(rows[f"{case['journalnummer']}/{name}"][6] or "") if name in listed else ""
        if name in listed and not note.startswith("Ikke send:"):
            assert NEW in text and "41 23 45 67" in text and OLD not in text, name
            assert "23. november 2026" in text, name
            row = rows[f"{case['journalnummer']}/{name}"]
            assert row[7] is None and row[3].date() == later, row
        else:  # its time on the list is over: most likely sent, as it was
            assert text == before[name], name


def test_a_letter_made_again_for_its_own_facts_carries_the_new_contact_person(workspace):
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    (info,) = [p for n, p in letters(folder).items() if n.startswith("02 Informasjonsbrev")][:1]
    later = TODAY + timedelta(days=1)
    parents = [{**p, "adresse": "Nyveien 3"} for p in case["foreldre"]]
    case = {**case, "eksportert": later.isoformat(), "kontaktperson": NEW_PERSON,
            "foreldre": parents}
    workspace.drop("b.json", case)
    assert workspace.run(later).files_failed == 0
    text = docx_text(info)
    assert "Nyveien 3" in text and "23. november 2026" in text
    assert NEW in text and OLD not in text


def test_a_letter_issued_without_a_contact_person_is_made_again_with_them(workspace):
    case = canonical_case()
    without = {k: v for k, v in case.items() if k != "kontaktperson"}
    workspace.drop("a.json", without)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    issued = letters(folder)
    assert issued and all("[mangler: navn på kontaktpersonen]" in docx_text(p)
                          for p in issued.values())

    later = TODAY + timedelta(days=1)
    workspace.drop("b.json", {**case, "eksportert": later.isoformat()})
    assert workspace.run(later).files_failed == 0
    for name in issued:
        path = folder / name
        if path.exists():
            text = docx_text(path)
            assert OLD in text and "[mangler: navn på kontaktpersonen]" not in text, name


def minutes(folder):
    """The pre-filled minutes in the case folder, by their place in it."""
    return {p.relative_to(folder).as_posix(): p for p in folder.glob("Referater/**/*.docx")}


def test_minutes_being_written_in_stay_the_one_copy_when_the_contact_person_changes(workspace):
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    made = minutes(folder)
    assert made, "the case has minutes for its first conversations"
    # The caseworker starts writing in the first minutes.
    first = sorted(made)[0]
    written_in = open_docx(made[first])
    written_in.add_paragraph("Moren fortalte om den første tiden i fosterhjemmet.")
    written_in.save(made[first])
    before = {name: (p.stat().st_mtime_ns, docx_text(p)) for name, p in made.items()}
    assert all(OLD in text for _, text in before.values())

    later = TODAY + timedelta(days=2)
    workspace.drop("b.json", {**case, "eksportert": later.isoformat(),
                              "kontaktperson": NEW_PERSON})
    summary = workspace.run(later)
    assert summary.files_failed == 0 and summary.new_versions == []

    # One file per conversation: the one written in as it was; the others, which nobody
    # has written in, made again in place naming the new contact person (helper 149).
    assert not [n for n in minutes(folder) if "ny versjon" in n]
    for name, (stamp, text) in before.items():
        if name == first:
            assert (folder / name).stat().st_mtime_ns == stamp, name
            assert docx_text(folder / name) == text
        else:
            assert NEW in docx_text(folder / name) and OLD not in docx_text(folder / name), name
    assert "den første tiden i fosterhjemmet" in docx_text(folder / first)

    # Minutes made after the change (as their conversations come near) name the new person.
    new_ones = made_after(workspace, lambda: minutes(folder), before, later)
    assert new_ones, "minutes fell due in the weeks after the change"
    for name, path in new_ones.items():
        text = docx_text(path)
        assert NEW in text and OLD not in text, name
    assert not [n for n in minutes(folder) if "ny versjon" in n]


def made_after(workspace, documents, before, day: date) -> dict:
    """The documents (documents(): name -> path) not among before, from the first daily
    run after day that makes any, within two months of TODAY."""
    new_ones = {n: p for n, p in documents().items() if n not in before}
    while not new_ones and day < TODAY + timedelta(days=60):
        day += timedelta(days=1)
        assert workspace.run(day).files_failed == 0
        new_ones = {n: p for n, p in documents().items() if n not in before}
    return new_ones


def test_a_new_foster_parent_does_not_issue_the_parents_letters_anew(workspace):
    """One foster parent leaves the foster home: the parents' invitations (one template
    with the foster parents' branch) were issued anew with only «Vår dato» new, and Til
    utsending said «send det nye brevet» beside their mark (helper 114). A letter that reads
    as it did keeps its issue, its date and its mark."""
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    parents = {name: p for name, p in letters(folder).items()
               if name.startswith("Innkallinger/Foreldre/")}
    assert parents
    _mark(workspace.outbox / sending.FILE_NAME,
          {f"{case['journalnummer']}/{name}": "x" for name in parents})
    before = {name: (p.stat().st_mtime_ns, docx_text(p)) for name, p in parents.items()}
    later = TODAY + timedelta(days=1)
    family = dict(case["fosterfamilie"])
    family["fosterforeldre"] = family["fosterforeldre"][:1]
    workspace.drop("b.json", {**case, "eksportert": later.isoformat(), "fosterfamilie": family})
    assert workspace.run(later).files_failed == 0
    for name, (_, text) in before.items():  # (written again: its template's fields changed)
        assert docx_text(folder / name) == text, name
    rows = {r[2]: r for r in _to_send(workspace)}
    listed = [rows[f"{case['journalnummer']}/{name}"] for name in parents
              if f"{case['journalnummer']}/{name}" in rows]
    assert listed
    for row in listed:
        assert row[7] == "x" and not (row[6] or "").startswith("Merket som sendt"), row


def test_a_letter_to_check_is_kept_through_a_new_contact_person(workspace):
    """On the service's first day the information letters are «Kan være sendt før»: staff
    check the journal and mark none if it was sent by hand. A new contact person issued
    them anew as plain letters to send, and the parents got them twice (helper 116)."""
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    info = {n: docx_text(p) for n, p in letters(folder).items() if n.startswith("02 ")}
    assert info
    later = TODAY + timedelta(days=1)
    workspace.drop("b.json", {**case, "eksportert": later.isoformat(), "kontaktperson": NEW_PERSON})
    assert workspace.run(later).files_failed == 0
    rows = {r[2]: r for r in _to_send(workspace)}
    for name, text in info.items():
        assert docx_text(folder / name) == text, name
        row = rows[f"{case['journalnummer']}/{name}"]
        assert row[6].startswith("Kan være sendt før") and row[3].date() == TODAY, row
