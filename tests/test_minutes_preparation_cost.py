"""What preparing a case's minutes costs on a day they are due (issue 19): the case folder
is found once for all its minutes (its owner marker read), not twice for each, and the
theme as the release before asked it is built only where the programme worded its questions
otherwise then (Seksjon.sporsmal_for, Programme.ordlyd_for in the bundled programme); each
minutes file is read once a case for whether anyone wrote in it (CaseContext.ours), while it
is unchanged; each question naming the child is worded once a case for each of the minutes'
wordings, and minutes nobody has written in keep the case's shared values where nothing is
left out of them. The minutes themselves are the same: tests/test_minutes_*.py, and
bench/same_output.py across two checkouts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import PurePosixPath

from omsorgspakke_docs.documents import referat
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.rendering.context import CaseContext
from omsorgspakke_docs.run import case_step

from .conftest import canonical_case, make_workspace


def test_a_cases_minutes_find_its_folder_once_and_the_former_theme_only_where_reworded(
        tmp_path, monkeypatch):
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    found: list[object] = []
    former: list[tuple[str, int]] = []
    minutes: list[str] = []
    folder_of, theme_of, documents_of = (referat._case_folder, CaseContext.tema_context,
                                         referat.Referat.documents)

    def case_folder(ctx):
        found.append(ctx)
        return folder_of(ctx)

    def tema_context(self, part, tema, *args, **kwargs):
        if kwargs.get("former"):
            former.append((part.id, tema.nummer))
        return theme_of(self, part, tema, *args, **kwargs)

    def documents(self, ctx):
        for doc in documents_of(self, ctx):
            minutes.append(doc.path)
            yield doc

    monkeypatch.setattr(referat, "_case_folder", case_folder)
    monkeypatch.setattr(CaseContext, "tema_context", tema_context)
    monkeypatch.setattr(referat.Referat, "documents", documents)
    summary = ws.run()
    assert summary.files_failed == 0 and len(minutes) > 3
    # One case: its minutes kind asked once, and the overview's note on minutes kept in the
    # child's former sex once (referat.kept_in_the_other_sex: the example child is a girl);
    # the joint meeting's minutes (fellesmote.py) find the folder for themselves, two looks
    # each, and there are none before theme 2.
    assert len(found) == 2
    bundled = programme.load()
    reworded = {(part.id, tema.nummer) for part in bundled.parter
                for tema in part.temaer if bundled.reworded(tema)}
    assert former and set(former) <= reworded, (former, reworded)


def test_the_overview_asks_each_minutes_only_what_tells_it_says_the_childs_former_sex(
        tmp_path, monkeypatch):
    """The overview's note on minutes kept in the child's former sex (kept_in_the_other_sex)
    reads each minutes' path and whether anyone has written in them, not the whole of each
    minutes' context: what the places to write show (_written_for) is worked out once a
    minutes document, by the minutes kind, on the first run and on the next day."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    assert case["barn"]["kjonn"] in ("jente", "gutt")  # the overview looks (a run, a sex)
    written: list[object] = []
    minutes: list[str] = []
    written_for, documents_of = referat._written_for, referat.Referat.documents

    def counted(ctx, conv):
        written.append(conv.key)
        return written_for(ctx, conv)

    def documents(self, ctx):
        for doc in documents_of(self, ctx):
            minutes.append(doc.path)
            yield doc

    monkeypatch.setattr(referat, "_written_for", counted)
    monkeypatch.setattr(referat.Referat, "documents", documents)
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0 and len(minutes) > 3
    assert len(written) == len(minutes)
    written.clear()
    minutes.clear()
    ws.drop("sak.json", {**case, "eksportert": "2026-11-23"})
    assert ws.run(date(2026, 11, 23)).files_failed == 0 and minutes
    assert len(written) == len(minutes)


def test_on_a_next_day_each_minutes_file_is_read_once_for_whether_anyone_wrote_in_it(
        tmp_path, monkeypatch):
    """Whether a minutes document in the case folder is as a run wrote it (CaseContext.ours:
    the file's SHA-256 looked up in the ledger) is asked by the minutes kind and again by
    the overview (referat.kept_in_the_other_sex: the example child is a girl): the file is
    read once a case's preparation, and the case folder's place under the outbox
    (case_step._root: two paths resolved) worked out once, not for each file asked of."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    hashed: list[str] = []
    roots: list[object] = []
    minutes: list[str] = []  # their paths in the case folder
    sha256_of, root_of, documents_of = (case_step.sha256_file, case_step._root,
                                        referat.Referat.documents)

    def sha256_file(path):
        hashed.append(path.as_posix())
        return sha256_of(path)

    def root(ws_, folder):
        roots.append(folder)
        return root_of(ws_, folder)

    def documents(self, ctx):
        for doc in documents_of(self, ctx):
            minutes.append(str(doc.path))
            yield doc

    monkeypatch.setattr(case_step, "sha256_file", sha256_file)
    monkeypatch.setattr(case_step, "_root", root)
    monkeypatch.setattr(referat.Referat, "documents", documents)
    ws.drop("sak.json", {**case, "eksportert": "2026-11-23"})
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    read = {path: sum(file.endswith(f"/{path}") for file in hashed) for path in minutes}
    assert len([path for path, times in read.items() if times]) > 3  # made before, there
    assert all(times <= 1 for times in read.values()), {p: t for p, t in read.items() if t > 1}
    assert len(roots) == 1


def test_a_file_changed_while_the_case_is_prepared_is_asked_of_again(tmp_path, monkeypatch):
    """CaseContext.ours keeps a file's answer only while the file is unchanged: minutes
    someone writes in between two askings are no longer ours at the second."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    answers: list[tuple[bool, bool]] = []
    documents_of = referat.Referat.documents

    def documents(self, ctx):
        folder = referat._case_folder(ctx)
        for doc in documents_of(self, ctx):
            file = folder.joinpath(*PurePosixPath(doc.path).parts)
            if file.exists() and not answers:
                before = ctx.ours(file)
                file.write_bytes(file.read_bytes() + b"\0")  # someone's edit
                answers.append((before, ctx.ours(file)))
            yield doc

    monkeypatch.setattr(referat.Referat, "documents", documents)
    ws.drop("sak.json", {**case, "eksportert": "2026-11-23"})
    ws.run(date(2026, 11, 23))
    assert answers == [(True, False)]


def test_a_case_names_the_child_in_each_text_once_for_each_wording(tmp_path, monkeypatch):
    """The minutes name the child in their theme's questions three ways (as now; as made
    without the child's sex, Document.kept_through; as the release before) and the same
    theme is in several minutes (the move follow-up's contacts, one parent's own and the
    parents' together): each question saying «barnet» is worked out once a case for each
    way (referat._child_named), not again for every minutes document. Here on a next day
    with minutes someone is writing in, so all the ways are asked."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    folder = next(p for p in ws.outbox.iterdir() if p.is_dir())
    written_in = sorted(p for p in folder.rglob("*.docx")  # the parents' or the family's
                        if "Referater" in p.parts and p.parent.name != "Barnet")[0]
    written_in.write_bytes(written_in.read_bytes() + b"\0")  # someone's edit
    looked_at: Counter = Counter()
    agrees_with_it = referat._agrees_with_it

    def agrees(t, text, start, end):
        looked_at[text, start] += 1
        return agrees_with_it(t, text, start, end)

    monkeypatch.setattr(referat, "_agrees_with_it", agrees)
    ws.drop("sak.json", {**case, "eksportert": "2026-11-23"})
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    assert looked_at  # the example child has a first name, the questions say «barnet»
    # The ways: as now, without the sex, as the release before; the other sex's for the
    # overview (referat.kept_in_the_other_sex) and its own again there.
    assert max(looked_at.values()) <= 4, looked_at.most_common(3)


def test_untouched_minutes_keep_the_cases_own_objects_where_nothing_former_is_left_out():
    """referat._said_now leaves out what minutes nobody has written in said before
    (FORMER_TITLE); a value with nothing to leave out is given as it is, the object the
    case's other documents share (rendering/prepare.py cleans and digests it once, by
    identity), and a value with something is copied without it, the shared one unchanged."""
    from omsorgspakke_docs.rendering.former_releases import FORMER_TITLE

    section = {"tittel": "Om barnet", "sporsmal": ["Hva trenger Sofie?"]}
    plain = {"tittel": "Tema 1", "seksjoner": [section, {"tittel": "Mer", "sporsmal": []}]}
    said = referat._said_now({"tema": plain, "samtale": {"dato": "1. desember 2026"}},
                             ("tema", "samtale"))
    assert said["tema"] is plain
    former = {**section, "sporsmal" + FORMER_TITLE: ["Hva trenger barnet?"]}
    worded = {"tittel": "Tema 1", "formal" + FORMER_TITLE: "Før", "seksjoner": [section, former]}
    now = referat._said_now({"tema": worded}, ("tema",))["tema"]
    assert now == {"tittel": "Tema 1", "seksjoner": [section, section]}
    assert list(now) == ["tittel", "seksjoner"] and now["seksjoner"][0] is section
    assert "sporsmal" + FORMER_TITLE in former and "formal" + FORMER_TITLE in worded
