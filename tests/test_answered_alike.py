"""watched_day.answered_alike: the days that answer a record's questions as its day did, so a
proof kept with that range (store/incremental.py) stands without asking them again."""

from __future__ import annotations

import random
from datetime import date, timedelta

from omsorgspakke_docs.rendering.watched_day import WatchedDay, answered_alike, same_answers

ASK = {"<": lambda w, d: w < d, "<=": lambda w, d: w <= d, ">": lambda w, d: w > d,
       ">=": lambda w, d: w >= d, "==": lambda w, d: w == d, "!=": lambda w, d: w != d}


def test_every_day_in_the_range_answers_alike_and_the_days_around_it_do_not():
    rng = random.Random(7)
    for _ in range(500):
        today = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 900))
        watched = WatchedDay(today)
        for _ in range(rng.randrange(0, 12)):
            ASK[rng.choice(list(ASK))](watched, today + timedelta(days=rng.randrange(-40, 40)))
        if rng.random() < 0.5:  # an age, some of them born on 29 February
            watched.age(date(2012, 2, 29) if rng.random() < 0.3
                        else date(2010, rng.randrange(1, 13), rng.randrange(1, 29)))
        answers = watched.answers()
        low, high = answered_alike(answers, today)
        assert low <= today.toordinal() < high
        for offset in range(-120, 420):
            day = today + timedelta(days=offset)
            if low <= day.toordinal() < high:
                assert same_answers(answers, day)
        if low > date.min.toordinal():
            assert not same_answers(answers, date.fromordinal(low - 1))
        if high < date.max.toordinal():
            assert not same_answers(answers, date.fromordinal(high))


def test_a_raw_use_of_the_day_gives_no_range():
    watched = WatchedDay(date(2026, 12, 1))
    watched.isoformat()
    assert answered_alike(watched.answers(), date(2026, 12, 1)) is None
