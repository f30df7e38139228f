"""The marks as sent on Til utsending.xlsx are read from the list once a day: the workers and
the day's later runs take what the first reading found from the state
(documents/sent_marks.py FoundToday), and find the same marks as reading the list again."""

from __future__ import annotations

import json
import os
from datetime import timedelta

from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending, sent_marks
from omsorgspakke_docs.store import incremental

from .conftest import TODAY, canonical_case
from .test_sending import LIST_HEADER
from .test_sent_marks import LISTED_FOR_DAYS, _mark

ISSUED = LIST_HEADER.index("Brevdato")


def _brevdato(path, document: str) -> str:
    sheet = load_workbook(path)["Til utsending"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[2] == document)
    return row[ISSUED].date().isoformat()


def _asker(workspace, today):
    """As a new process asks (case_step._marked_sent): (document, issue) -> marked as sent."""
    settings = workspace.settings()
    sent_marks._ON_LIST.clear()  # what this process read before: none in a new one
    return sent_marks.marked_as_sent(
        settings.paths.state, workspace.outbox / sending.FILE_NAME, today,
        code=lambda: incremental.code_version(settings.paths.plugins))


def _listed(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / sending.FILE_NAME
    one, other = LISTED_FOR_DAYS
    return path, one, other, _brevdato(path, one), _brevdato(path, other)


def test_a_second_process_the_same_day_finds_the_marks_without_reading_the_list(
        workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    first = _asker(workspace, TODAY)
    assert first(one, f"{one_day}/a") and not first(other, f"{other_day}/b")
    assert reads == [sending.FILE_NAME]

    second = _asker(workspace, TODAY)  # a worker, or the day's next run
    assert second(one, f"{one_day}/a") and not second(other, f"{other_day}/b")
    assert reads == [sending.FILE_NAME]  # not read again


def test_a_date_typed_ahead_is_a_mark_on_its_day_though_read_before_it(workspace, reads):
    path, one, _, one_day, _ = _listed(workspace)
    ahead = TODAY + timedelta(days=2)
    _mark(path, {one: f"{ahead.day}.{ahead.month}"})  # «24.11» typed on the 22nd
    assert not _asker(workspace, TODAY)(one, f"{one_day}/a")
    assert _asker(workspace, ahead)(one, f"{one_day}/a")  # read again on another day
    assert reads == [sending.FILE_NAME, sending.FILE_NAME]


def test_a_list_staff_saved_again_is_read_again(workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    _mark(path, {one: None, other: "ja"})  # cleared on one, set on the other
    again = _asker(workspace, TODAY)
    assert not again(one, f"{one_day}/a") and again(other, f"{other_day}/b")
    assert len(reads) == 2


def test_what_staff_wrote_is_not_kept_and_a_changed_file_is_not_used(workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "sendt 22.11 LH"})
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    kept = workspace.settings().paths.state / sent_marks.FOLDER / sent_marks.FOUND_TODAY
    text = kept.read_text(encoding="utf-8")
    assert "LH" not in text and "sendt" not in text
    data = json.loads(text)
    for rows in data["lists"].values():  # someone adds a mark by hand: the file is not used
        rows.append([other, other_day])
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert not _asker(workspace, TODAY)(other, f"{other_day}/b")
    assert len(reads) == 2


def test_a_list_whose_dokument_staff_wrote_over_is_read_by_each_process(workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    book = load_workbook(path)
    sheet = book["Til utsending"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 3).value == one)
    sheet.cell(row, 3).value = "Tema 1 til fosterforeldre Tormod Testesen"
    sheet.cell(row, LIST_HEADER.index("Sendt") + 1).value = "x"
    book.save(path)
    _mark(path, {other: "x"})
    assert _asker(workspace, TODAY)(other, f"{other_day}/b")
    kept = workspace.settings().paths.state / sent_marks.FOLDER / sent_marks.FOUND_TODAY
    assert not kept.exists()  # a name staff wrote is not kept in the state
    assert _asker(workspace, TODAY)(other, f"{other_day}/b")
    assert len(reads) == 2


# -- real processes at once ---------------------------------------------------------------
# Forked (as the workers are separate processes: the lock is between processes, and a
# thread would share this one's open files and caches). The windows where a read and a
# write of the state could cross are widened by waiting in them, so two processes without
# the lock would cross there every time; no figure of time is asserted.

WIDENED_S = 0.4
"""Seconds a process stays in reading a list, and in writing what it found."""


def _slowed(monkeypatch, reads=None, reading=None):
    """Reading a list, and writing what it found to the state, take WIDENED_S each; each
    list read is put on reads (a queue); reading (an event) is set as one is read."""
    import time
    real_read, real_write = sent_marks.read_list, sent_marks.write_atomic

    def read_list(path, today=None):
        if reads is not None:
            reads.put(path.name)
        if reading is not None:
            reading.set()
        time.sleep(WIDENED_S)
        return real_read(path, today)

    def write_atomic(path, data, *args, **kwargs):
        time.sleep(WIDENED_S)
        return real_write(path, data, *args, **kwargs)
    monkeypatch.setattr(sent_marks, "read_list", read_list)
    monkeypatch.setattr(sent_marks, "write_atomic", write_atomic)


def _ask_in_a_process(workspace, target, asked, answers, start=None):
    """In this (forked) process, a worker's question: whether each (document, issue) asked
    is marked as sent on the list at target; the answers on the queue."""
    if start is not None:
        start.wait()
    settings = workspace.settings()
    sent_marks._ON_LIST.clear()
    sent = sent_marks.marked_as_sent(
        settings.paths.state, target, TODAY,
        code=lambda: incremental.code_version(settings.paths.plugins))
    answers.put([sent(document, issue) for document, issue in asked])


def _ended(process) -> int | None:
    process.join(120)  # (a bound, not a measure: a process left waiting fails the test)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return process.exitcode


def test_two_processes_asking_at_once_read_the_list_once_and_both_find_the_mark(
        workspace, monkeypatch):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    import multiprocessing
    context = multiprocessing.get_context("fork")
    reads, answers, start = context.Queue(), context.Queue(), context.Barrier(2)
    _slowed(monkeypatch, reads)
    asked = [(one, f"{one_day}/a"), (other, f"{other_day}/b")]
    workers = [context.Process(target=_ask_in_a_process,
                               args=(workspace, path, asked, answers, start))
               for _ in range(2)]
    for process in workers:
        process.start()
    assert [_ended(process) for process in workers] == [0, 0]
    assert [answers.get(timeout=10) for _ in workers] == [[True, False], [True, False]]
    assert reads.get(timeout=10) == sending.FILE_NAME
    assert reads.empty()  # the second waited for the first and took what it found


def test_two_processes_keeping_two_lists_at_once_keep_both(workspace, monkeypatch, reads):
    """Two versions of the list read the same day, each by its own process at the same
    time: what each found is kept, and a third process finds both lists' marks in the
    state without reading either."""
    import multiprocessing
    import shutil
    path, one, other, one_day, other_day = _listed(workspace)
    copy = path.with_name("Til utsending kopi.xlsx")
    shutil.copyfile(path, copy)
    _mark(path, {one: "x"})
    _mark(copy, {other: "ja"})
    context = multiprocessing.get_context("fork")
    answers, start = context.Queue(), context.Barrier(2)
    asked = [(one, f"{one_day}/a"), (other, f"{other_day}/b")]
    with monkeypatch.context() as slowed:
        _slowed(slowed)
        workers = [context.Process(target=_ask_in_a_process,
                                   args=(workspace, target, asked, answers, start))
                   for target in (path, copy)]
        for process in workers:
            process.start()
        assert [_ended(process) for process in workers] == [0, 0]
    assert sorted(answers.get(timeout=10) for _ in workers) == [[False, True], [True, False]]
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    sent_marks._ON_LIST.clear()
    settings = workspace.settings()
    on_copy = sent_marks.marked_as_sent(
        settings.paths.state, copy, TODAY,
        code=lambda: incremental.code_version(settings.paths.plugins))
    assert on_copy(other, f"{other_day}/b") and not on_copy(one, f"{one_day}/a")
    assert reads == []  # both found in the state: neither list read here


def test_a_process_killed_while_reading_the_list_does_not_hold_up_the_next(
        workspace, monkeypatch):
    """A worker killed (the run stopped hard) while it holds the lock and reads the list:
    the next process takes the lock, reads the list and finds the mark."""
    import multiprocessing
    import signal
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    context = multiprocessing.get_context("fork")
    answers, reading = context.Queue(), context.Event()
    asked = [(one, f"{one_day}/a"), (other, f"{other_day}/b")]
    with monkeypatch.context() as stuck:
        import time
        stuck.setattr(sent_marks, "read_list",
                      lambda p, today=None: reading.set() or time.sleep(600))
        killed = context.Process(target=_ask_in_a_process,
                                 args=(workspace, path, asked, answers))
        killed.start()
        assert reading.wait(60)
    os.kill(killed.pid, signal.SIGKILL)
    killed.join()
    assert killed.exitcode == -signal.SIGKILL
    nxt = context.Process(target=_ask_in_a_process, args=(workspace, path, asked, answers))
    nxt.start()
    assert _ended(nxt) == 0
    assert answers.get(timeout=10) == [True, False]
    assert answers.empty()


def test_a_process_killed_while_keeping_what_it_found_leaves_no_damaged_state(
        workspace, monkeypatch, reads):
    """A worker killed while it writes what it found to the state (half of it written, not
    yet in place): the next process finds the mark, keeps it whole, and a process after
    that takes it from the state without reading the list."""
    import multiprocessing
    import signal
    import time
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    context = multiprocessing.get_context("fork")
    answers, writing = context.Queue(), context.Event()
    asked = [(one, f"{one_day}/a"), (other, f"{other_day}/b")]
    write_atomic = sent_marks.write_atomic

    def killed_while_writing(target, data, *args, **kwargs):
        import tempfile
        fd, _ = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
        os.write(fd, data[:len(data) // 2])
        writing.set()
        time.sleep(600)
    with monkeypatch.context() as stuck:
        stuck.setattr(sent_marks, "write_atomic", killed_while_writing)
        killed = context.Process(target=_ask_in_a_process,
                                 args=(workspace, path, asked, answers))
        killed.start()
        assert writing.wait(60)
    os.kill(killed.pid, signal.SIGKILL)
    killed.join()
    assert sent_marks.write_atomic is write_atomic
    nxt = context.Process(target=_ask_in_a_process, args=(workspace, path, asked, answers))
    nxt.start()
    assert _ended(nxt) == 0
    assert answers.get(timeout=10) == [True, False]
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    assert reads == []  # kept whole by the process after the one killed
