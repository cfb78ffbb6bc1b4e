import datetime

from homeward.episodes import rules

UTC = datetime.UTC


def at(day, hour=12):
    return datetime.datetime(2022, 3, day, hour, tzinfo=UTC)


def test_return_before_going_missing_is_refused():
    assert rules.return_after_going_missing(at(2), at(1)) is not None


def test_episode_on_eighteenth_birthday_is_refused():
    dob = datetime.date(2004, 3, 2)
    assert rules.before_eighteenth_birthday(dob, at(2)) is not None


def test_episode_the_day_before_eighteenth_birthday_is_allowed():
    dob = datetime.date(2004, 3, 3)
    assert rules.before_eighteenth_birthday(dob, at(2)) is None


def test_episode_starting_when_previous_ended_does_not_overlap():
    earlier = rules.Interval("A", at(1), at(2))
    later = rules.Interval("B", at(2), at(3))
    assert rules.overlaps(later, [earlier]) is None


def test_open_episode_overlaps_any_later_one():
    open_episode = rules.Interval("A", at(1), None)
    later = rules.Interval("B", at(5), at(6))
    assert rules.overlaps(later, [open_episode]) == open_episode


def test_overlapping_pairs_finds_nested_episode():
    long = rules.Interval("A", at(1), at(10))
    short = rules.Interval("B", at(2), at(3))
    after = rules.Interval("C", at(4), at(5))
    assert rules.overlapping_pairs([after, short, long]) == [(short, long), (after, long)]


def test_care_periods_may_meet_on_the_changeover_day():
    d = datetime.date
    periods = [(d(2020, 1, 1), d(2020, 6, 30)), (d(2020, 6, 30), None)]
    assert rules.care_period_clashes(periods) == []


def test_a_care_period_after_an_open_one_clashes():
    d = datetime.date
    periods = [(d(2021, 1, 1), d(2021, 2, 1)), (d(2020, 1, 1), None)]
    assert rules.care_period_clashes(periods) == [(0, 1)]
