"""Opening hours, daily times, and the service whose timers follow them."""

import logging
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer

from kiosk.services.schedule import (
    WEEKDAYS,
    OpeningHours,
    Period,
    next_daily_time,
    parse_periods,
    parse_time,
)
from kiosk.services.schedule_service import (
    DEFAULT_LONGEST_WAIT_MS,
    DEFAULT_MEMORY_CHECK_MS,
    ScheduleService,
    _peak_rss_mb,
    resident_memory_mb,
)
from tests.clock import ManualClock

# 1 January 2024 was a Monday.
MONDAY = datetime(2024, 1, 1)


def at(day: str, clock: str, week: int = 0) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return MONDAY + timedelta(days=WEEKDAYS.index(day) + 7 * week, hours=hour, minutes=minute)


def hours(**by_day: str) -> OpeningHours:
    return OpeningHours.from_text(by_day)


# Reading hours


def test_periods_are_read_in_minutes_after_midnight() -> None:
    assert parse_periods("10:00-18:00") == (Period(600, 1080),)
    assert parse_periods(" 9:30 – 13:00 ,14:00—17:45 ") == (Period(570, 780), Period(840, 1065))
    assert parse_periods("Closed") == ()
    assert parse_periods("00:00-24:00") == (Period(0, 1440),)


def test_a_period_that_ends_before_it_starts_runs_past_midnight() -> None:
    assert parse_periods("18:00-02:00") == (Period(1080, 1560),)
    assert parse_periods("18:00-00:00") == (Period(1080, 1440),)
    assert str(Period(1080, 1560)) == "18:00-02:00"
    assert str(Period(1080, 1440)) == "18:00-24:00"


def test_overlapping_periods_become_one() -> None:
    assert parse_periods("10:00-14:00, 13:00-18:00") == (Period(600, 1080),)
    assert parse_periods("14:00-18:00, 10:00-14:00") == (Period(600, 1080),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10-18", 'expected a time like "09:30" (24-hour clock), found "10"'),
        ("10:00", 'expected hours like "10:00-18:00" (opening-closing), or closed; found "10:00"'),
        ("10:00-", 'expected hours like "10:00-18:00" (opening-closing), or closed; found "10:00-"'),
        ("25:00-26:00", '"25:00" is not a time of day (00:00 to 23:59)'),
        ("10:60-18:00", '"10:60" is not a time of day (00:00 to 23:59)'),
        ("24:00-02:00", '"24:00" is not a time of day (00:00 to 23:59)'),
        (
            "10:00-10:00",
            '"10:00-10:00" opens and closes at the same time; for the whole day write "00:00-24:00"',
        ),
        (
            "00:00-00:00",
            '"00:00-00:00" opens and closes at the same time; for the whole day write "00:00-24:00"',
        ),
        ("", 'no hours given; write them like "10:00-18:00", or closed'),
        ("shut", 'expected hours like "10:00-18:00" (opening-closing), or closed; found "shut"'),
    ],
)
def test_unreadable_hours_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        parse_periods(text)


def test_times_of_day() -> None:
    assert parse_time("4:30") == time(4, 30)
    assert parse_time("04:30") == time(4, 30)
    assert parse_time("23:59") == time(23, 59)
    for text in ("24:00", "4.30", "430", "04:30:00", "-1:00"):
        with pytest.raises(ValueError, match="time"):
            parse_time(text)


def test_everyday_is_the_default_that_named_days_override() -> None:
    opening = hours(everyday="10:00-18:00", monday="closed", friday="10:00-21:00")
    assert opening.days[0] == ()
    assert opening.days[1] == (Period(600, 1080),)
    assert opening.days[4] == (Period(600, 1260),)
    assert opening.as_text() == {
        "monday": "closed",
        "tuesday": "10:00-18:00",
        "wednesday": "10:00-18:00",
        "thursday": "10:00-18:00",
        "friday": "10:00-21:00",
        "saturday": "10:00-18:00",
        "sunday": "10:00-18:00",
    }
    assert OpeningHours.from_text(opening.as_text()) == opening


def test_days_not_named_are_closed() -> None:
    opening = hours(tuesday="10:00-18:00")
    assert [bool(periods) for periods in opening.days] == [False, True, False, False, False, False, False]
    assert hours(everyday="09:00-17:00").as_text() == {"everyday": "09:00-17:00"}


def test_unknown_day_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown day names: tusday"):
        hours(tusday="10:00-18:00")


# Open or closed, and when that changes


def test_open_from_the_opening_minute_until_the_closing_one() -> None:
    opening = hours(monday="10:00-18:00")
    assert not opening.is_open(at("monday", "09:59"))
    assert opening.is_open(at("monday", "10:00"))
    assert opening.is_open(at("monday", "17:59") + timedelta(seconds=59.999))
    assert not opening.is_open(at("monday", "18:00"))
    assert not opening.is_open(at("tuesday", "12:00"))


def test_next_change_is_strictly_after_the_moment_given() -> None:
    opening = hours(monday="10:00-18:00", wednesday="12:00-14:00")
    assert opening.next_change(at("monday", "09:00")) == at("monday", "10:00")
    assert opening.next_change(at("monday", "10:00")) == at("monday", "18:00")
    assert opening.next_change(at("monday", "18:00")) == at("wednesday", "12:00")
    # After the last closing of the week comes the first opening of the next.
    assert opening.next_change(at("wednesday", "15:00")) == at("monday", "10:00", week=1)


def test_hours_past_midnight_belong_to_the_day_they_start() -> None:
    opening = hours(friday="18:00-02:00", saturday="closed")
    assert opening.is_open(at("friday", "23:00"))
    assert opening.is_open(at("saturday", "01:59"))
    assert not opening.is_open(at("saturday", "02:00"))
    assert opening.next_change(at("friday", "19:00")) == at("saturday", "02:00")


def test_sunday_night_runs_into_monday_morning() -> None:
    opening = hours(sunday="22:00-02:00")
    assert opening.is_open(at("monday", "01:00"))
    assert not opening.is_open(at("monday", "02:00"))
    assert opening.next_change(at("sunday", "23:00")) == at("monday", "02:00", week=1)
    assert opening.next_change(at("monday", "01:00")) == at("monday", "02:00")


def test_openings_that_meet_at_midnight_are_one() -> None:
    opening = hours(monday="18:00-24:00", tuesday="00:00-02:00")
    assert opening.next_change(at("monday", "19:00")) == at("tuesday", "02:00")


def test_always_open_and_never_open_never_change() -> None:
    always = hours(everyday="00:00-24:00")
    assert always.always_open
    assert always.is_open(at("thursday", "03:00"))
    assert always.next_change(at("thursday", "03:00")) is None
    never = hours()
    assert never.never_open
    assert not never.is_open(at("thursday", "03:00"))
    assert never.next_change(at("thursday", "03:00")) is None


def test_wall_clock_times_keep_their_time_zone_across_daylight_saving() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    opening = hours(everyday="10:00-18:00")
    # Clocks in Berlin went forward at 02:00 on Sunday 31 March 2024.
    saturday_evening = datetime(2024, 3, 30, 19, 0, tzinfo=berlin)
    opens = opening.next_change(saturday_evening)
    assert opens == datetime(2024, 3, 31, 10, 0, tzinfo=berlin)
    assert opens is not None
    assert opens.timestamp() - saturday_evening.timestamp() == 14 * 3600


def test_next_daily_time() -> None:
    restart = time(4, 30)
    assert next_daily_time(restart, datetime(2024, 1, 31, 3, 0)) == datetime(2024, 1, 31, 4, 30)
    assert next_daily_time(restart, datetime(2024, 1, 31, 4, 30)) == datetime(2024, 2, 1, 4, 30)
    assert next_daily_time(restart, datetime(2024, 12, 31, 23, 0)) == datetime(2025, 1, 1, 4, 30)
    berlin = ZoneInfo("Europe/Berlin")
    assert next_daily_time(restart, datetime(2024, 3, 30, 5, 0, tzinfo=berlin)) == datetime(
        2024, 3, 31, 4, 30, tzinfo=berlin
    )


PERIODS = st.lists(
    st.just(Period(0, 1440))
    | st.tuples(st.integers(0, 1439), st.integers(1, 1439)).map(lambda pair: Period(pair[0], sum(pair))),
    max_size=3,
)
WEEKS = st.lists(PERIODS, min_size=7, max_size=7).map(lambda days: OpeningHours(tuple(map(tuple, days))))
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1))


@settings(deadline=None)
@given(opening=WEEKS, moment=MOMENTS)
def test_the_state_holds_until_the_next_change_and_flips_there(
    opening: OpeningHours, moment: datetime
) -> None:
    change = opening.next_change(moment)
    if change is None:
        assert opening.always_open or opening.never_open
        assert opening.is_open(moment + timedelta(days=3, minutes=17)) == opening.is_open(moment)
        return
    assert moment < change <= moment + timedelta(days=7)
    assert opening.is_open(change - timedelta(microseconds=1)) == opening.is_open(moment)
    assert opening.is_open(change) != opening.is_open(moment)


@settings(deadline=None)
@given(opening=WEEKS)
def test_hours_written_out_read_back_the_same(opening: OpeningHours) -> None:
    assert OpeningHours.from_text(opening.as_text()) == opening


# The service


def timer(service: ScheduleService, name: str) -> QTimer:
    found = service.findChild(QTimer, name)
    assert found is not None, name
    return found


def test_without_opening_hours_the_kiosk_is_always_open(qtbot) -> None:
    service = ScheduleService(clock=ManualClock(at("sunday", "03:00")))
    service.start()
    assert service.is_open
    assert service.next_change is None
    assert not any(
        timer(service, name).isActive() for name in ("openingHours", "dailyRestart", "memoryCheck")
    )


def test_the_service_knows_the_state_before_it_starts(qtbot) -> None:
    service = ScheduleService(hours(monday="10:00-18:00"), clock=ManualClock(at("monday", "12:00")))
    assert service.is_open
    assert service.next_change == at("monday", "18:00")
    assert not timer(service, "openingHours").isActive()


def test_opens_on_time_then_sets_its_timer_for_closing(qtbot) -> None:
    clock = ManualClock(at("monday", "10:00") - timedelta(milliseconds=150))
    service = ScheduleService(hours(monday="10:00-18:00"), clock=clock)
    opened: list[bool] = []
    service.openChanged.connect(opened.append)
    service.start()
    assert timer(service, "openingHours").interval() == 150
    clock.advance(ms=149)
    assert (opened, service.is_open) == ([], False)
    clock.advance(ms=1)
    assert (opened, service.is_open) == ([True], True)
    # Eight hours to closing: waited out an hour at a time.
    assert timer(service, "openingHours").isActive()
    assert timer(service, "openingHours").interval() == DEFAULT_LONGEST_WAIT_MS
    clock.advance(8 * 3600, ms=-1)
    assert opened == [True]
    clock.advance(ms=1)
    assert (opened, service.is_open) == ([True, False], False)


def test_closes_on_time(qtbot) -> None:
    clock = ManualClock(at("monday", "18:00") - timedelta(milliseconds=100))
    service = ScheduleService(hours(monday="10:00-18:00"), clock=clock)
    opened: list[bool] = []
    service.openChanged.connect(opened.append)
    service.start()
    clock.advance(ms=99)
    assert (opened, service.is_open) == ([], True)
    clock.advance(ms=1)
    assert (opened, service.is_open) == ([False], False)


def test_the_wait_follows_real_time_and_fits_a_qtimer(qtbot) -> None:
    # Open on Mondays only: the next opening is six days off, in milliseconds of real time.
    clock = ManualClock(at("tuesday", "10:00"))
    service = ScheduleService(hours(monday="10:00-18:00"), clock=clock, longest_wait_ms=2**31 - 1)
    service.start()
    assert timer(service, "openingHours").interval() == 6 * 24 * 3600 * 1000


def test_a_clock_set_forward_is_noticed_at_the_next_step(qtbot) -> None:
    clock = ManualClock(at("monday", "08:00"))
    service = ScheduleService(hours(monday="10:00-18:00"), clock=clock)
    opened: list[bool] = []
    service.openChanged.connect(opened.append)
    service.start()
    assert timer(service, "openingHours").interval() == DEFAULT_LONGEST_WAIT_MS
    clock.set(at("monday", "10:30"))
    clock.advance(DEFAULT_LONGEST_WAIT_MS / 1000, ms=-1)
    assert opened == []
    clock.advance(ms=1)
    assert opened == [True]


def test_daily_restart_is_due_at_its_time_and_then_the_next_day(qtbot) -> None:
    clock = ManualClock(datetime(2024, 1, 31, 4, 30) - timedelta(milliseconds=100))
    service = ScheduleService(daily_restart=time(4, 30), clock=clock)
    reasons: list[str] = []
    service.restartDue.connect(reasons.append)
    service.start()
    assert service.next_restart == datetime(2024, 1, 31, 4, 30)
    clock.advance(ms=99)
    assert reasons == []
    clock.advance(ms=1)
    assert reasons == ["daily restart"]
    assert service.next_restart == datetime(2024, 2, 1, 4, 30)
    assert timer(service, "dailyRestart").isActive()
    clock.advance(24 * 3600)
    assert reasons == ["daily restart", "daily restart"]


def test_a_restart_found_long_overdue_waits_for_the_next_day(qtbot, caplog) -> None:
    clock = ManualClock(datetime(2024, 1, 31, 4, 0))
    service = ScheduleService(daily_restart=time(4, 30), clock=clock)
    reasons: list[str] = []
    service.restartDue.connect(reasons.append)
    service.start()
    # The machine slept, or its clock was put right, and it is now the middle of the day.
    clock.set(datetime(2024, 1, 31, 12, 0))
    clock.advance(30 * 60)
    assert service.next_restart == datetime(2024, 2, 1, 4, 30)
    assert reasons == []
    assert "daily restart of 2024-01-31T04:30 skipped: 480 minutes late" in caplog.text


def test_a_clock_set_back_by_days_moves_the_restart(qtbot) -> None:
    clock = ManualClock(datetime(2024, 1, 31, 4, 0))
    service = ScheduleService(daily_restart=time(4, 30), clock=clock)
    reasons: list[str] = []
    service.restartDue.connect(reasons.append)
    service.start()
    clock.set(datetime(2024, 1, 20, 12, 0))
    clock.advance(30 * 60)
    assert service.next_restart == datetime(2024, 1, 21, 4, 30)
    assert reasons == []


def test_memory_over_the_ceiling_asks_for_a_restart_once(qtbot) -> None:
    readings: list[float] = []

    def memory() -> float:
        readings.append(950.0)
        return 950.0

    clock = ManualClock()
    service = ScheduleService(memory_ceiling_mb=900, resident_memory_mb=memory, clock=clock)
    reasons: list[str] = []
    service.restartDue.connect(reasons.append)
    service.start()
    clock.advance(DEFAULT_MEMORY_CHECK_MS / 1000, ms=-1)
    assert readings == []
    clock.advance(ms=1)
    assert reasons == ["memory ceiling 900 MB exceeded: 950 MB"]
    clock.advance(3600)
    assert readings == [950.0]
    assert not timer(service, "memoryCheck").isActive()


def test_memory_under_the_ceiling_is_checked_again_and_again(qtbot) -> None:
    readings: list[float] = []

    def memory() -> float:
        readings.append(400.0)
        return 400.0

    clock = ManualClock()
    service = ScheduleService(memory_ceiling_mb=900, resident_memory_mb=memory, clock=clock)
    reasons: list[str] = []
    service.restartDue.connect(reasons.append)
    service.start()
    clock.advance(3 * DEFAULT_MEMORY_CHECK_MS / 1000)
    assert len(readings) == 3
    assert reasons == []
    assert timer(service, "memoryCheck").isActive()
    service.stop()
    assert not timer(service, "memoryCheck").isActive()


def test_memory_that_cannot_be_read_stops_the_checks(qtbot, caplog) -> None:
    def memory() -> float:
        raise OSError("no /proc")

    clock = ManualClock()
    service = ScheduleService(memory_ceiling_mb=900, resident_memory_mb=memory, clock=clock)
    with caplog.at_level(logging.WARNING):
        service.start()
        clock.advance(DEFAULT_MEMORY_CHECK_MS / 1000)
    assert not timer(service, "memoryCheck").isActive()
    assert "memory ceiling not checked: cannot read the resident memory (no /proc)" in caplog.text


def test_the_real_clock_drives_the_timers_too(qtbot) -> None:
    """Without a clock of the test's, the waits are Qt's timers on the event loop."""
    service = ScheduleService(memory_ceiling_mb=1, memory_check_ms=10)
    with qtbot.waitSignal(service.restartDue, timeout=5000):
        service.start()
    service.stop()


def test_resident_memory_is_read_from_the_system() -> None:
    current = resident_memory_mb()
    assert 10 < current < 100_000
    # The peak that other systems give is never below the current figure.
    assert _peak_rss_mb() >= current - 1
