"""The pure computation of a campaign's figures."""

from datetime import date

from strom.prevention.figures import ActivityFacts, figures_of


def test_no_activities():
    figures = figures_of([])
    assert (figures.activities, figures.people_reached, figures.by_channel, figures.by_month) == (0, 0, [], [])
    assert figures.first_day is None and figures.last_day is None


def test_sums_by_channel_and_month():
    figures = figures_of([
        ActivityFacts(date(2026, 3, 5), "school_sessions", 40),
        ActivityFacts(date(2026, 3, 20), "school_sessions", 25),
        ActivityFacts(date(2026, 4, 1), "posters", 300),
        ActivityFacts(date(2026, 2, 28), "events", 0),
    ])
    assert figures.activities == 4
    assert figures.people_reached == 365
    assert figures.by_channel == [("posters", 1, 300), ("school_sessions", 2, 65), ("events", 1, 0)]
    assert figures.by_month == [(date(2026, 2, 1), 0), (date(2026, 3, 1), 65), (date(2026, 4, 1), 300)]
    assert (figures.first_day, figures.last_day) == (date(2026, 2, 28), date(2026, 4, 1))


def test_equal_reach_is_ordered_by_channel_code():
    figures = figures_of([ActivityFacts(date(2026, 1, 1), "radio_tv", 10),
                          ActivityFacts(date(2026, 1, 2), "events", 10)])
    assert [row[0] for row in figures.by_channel] == ["events", "radio_tv"]
