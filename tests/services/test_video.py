"""What a film's playback decides apart from the player: captions of a moment, the sound level's
limits, a description's drift, and how long a film may hold the kiosk from going idle."""

import pytest
from pytestqt.qtbot import QtBot

from kiosk.services.settings import InstallationSettings
from kiosk.services.video import (
    DRIFT_LIMIT_MS,
    IdleHoldCap,
    TimedCaption,
    TimedCaptions,
    VolumeLimits,
    out_of_step,
)
from tests.clock import ManualClock

CUES = TimedCaptions([TimedCaption(0, 1400, "First"), TimedCaption(1500, 3000, "Second")])


@pytest.mark.parametrize(
    ("position", "words"),
    [(0, "First"), (1399, "First"), (1400, ""), (1499, ""), (1500, "Second"), (2999, "Second"), (3000, "")],
)
def test_the_caption_of_a_moment_and_none_between_captions(position: int, words: str) -> None:
    assert CUES.at(position) == words


def test_no_captions_say_nothing() -> None:
    assert TimedCaptions().at(500) == ""
    assert not TimedCaptions()


def test_the_sound_level_stays_within_the_installations_limits() -> None:
    limits = VolumeLimits(default=0.5, lowest=0.3, highest=0.8)
    assert [limits.clamp(level) for level in (0.0, 0.3, 0.55, 0.8, 1.0)] == [0.3, 0.3, 0.55, 0.8, 0.8]


def test_a_description_is_moved_only_when_it_has_drifted_past_the_limit() -> None:
    assert not out_of_step(10_000, 10_000 + DRIFT_LIMIT_MS)
    assert out_of_step(10_000, 10_000 + DRIFT_LIMIT_MS + 1)
    assert out_of_step(10_000, 10_000 - DRIFT_LIMIT_MS - 1)


def test_the_idle_cap_expires_after_its_time_and_counts_again_from_each_start(qtbot: QtBot) -> None:
    clock = ManualClock()
    cap = IdleHoldCap(60, clock=clock)
    expired = []
    cap.expired.connect(lambda: expired.append(clock.monotonic()))
    cap.start()
    clock.advance(40)
    cap.start()  # played again: the cap counts from here
    clock.advance(59)
    assert expired == []
    clock.advance(1)
    assert expired == [100.0]
    assert not cap.running
    cap.start()
    cap.stop()
    clock.advance(120)
    assert expired == [100.0]


def test_the_video_settings_default_and_refuse_a_level_out_of_range() -> None:
    settings = InstallationSettings()
    assert settings.video_volume_limits() == (0.7, 0.2, 1.0)
    assert settings.video_idle_cap_s == 900
    with pytest.raises(ValueError, match=r"must be from 0 \(silent\) to 1"):
        InstallationSettings(video_volume=1.5)
    with pytest.raises(ValueError, match="must be 30 to 14400 seconds"):
        InstallationSettings(video_idle_cap_s=5)


def test_limits_written_the_wrong_way_round_are_taken_in_order_and_hold_the_starting_level() -> None:
    settings = InstallationSettings(video_volume=0.95, video_volume_min=0.9, video_volume_max=0.4)
    assert settings.video_volume_limits() == (0.9, 0.4, 0.9)
