"""tools/bench_video.py: its arguments and the arithmetic of its figures, without playing anything."""

import pytest

from tools.bench_video import (
    DEFAULT_LOOPS,
    DEFAULT_TAPS,
    BenchError,
    dropped_fraction,
    expected_frames,
    format_table,
    loop_row,
    memory_over_loops,
    parse_arguments,
    play_rows,
    tap_row,
)


def test_the_defaults_are_ten_taps_and_a_thousand_loops_on_both_platforms() -> None:
    arguments = parse_arguments([])
    assert (arguments.taps, arguments.loops, arguments.platform) == (DEFAULT_TAPS, DEFAULT_LOOPS, "all")
    assert DEFAULT_TAPS == 10
    assert DEFAULT_LOOPS == 1000


@pytest.mark.parametrize(
    "arguments",
    [
        ["--taps", "0"],
        ["--play-seconds", "0.5"],
        ["--loops", "-1"],
        ["--loops", "20", "--warm-up-loops", "50"],
    ],
)
def test_arguments_that_cannot_measure_anything_are_refused(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_arguments(arguments)
    assert exit_info.value.code == 2


def test_no_loops_at_all_is_allowed() -> None:
    assert parse_arguments(["--loops", "0"]).loops == 0


def test_dropped_frames_are_counted_against_the_stretch_of_film_played() -> None:
    # 20 s of a 30 fps film: 600 frames. 594 reached the sink: 1% dropped.
    assert expected_frames(20_000, 30.0) == 600
    assert dropped_fraction(594, 20_000, 30.0) == pytest.approx(0.01)
    # A frame more than expected (the window's edges cut a frame's interval) is none dropped, not
    # a negative share.
    assert dropped_fraction(601, 20_000, 30.0) == 0.0
    with pytest.raises(BenchError):
        dropped_fraction(0, 0, 30.0)


def test_memory_is_compared_from_the_first_reading_after_the_warm_up() -> None:
    samples = [(0, 150.0), (25, 200.0), (50, 204.0), (75, 209.0), (100, 206.5)]
    memory = memory_over_loops(samples, warm_up_loops=50)
    assert (memory.first_mb, memory.last_mb, memory.peak_mb, memory.loops) == (204.0, 206.5, 209.0, 100)
    assert memory.growth_mb == pytest.approx(2.5)
    with pytest.raises(BenchError):
        memory_over_loops(samples, warm_up_loops=200)


def test_the_rows_give_the_kiosk_as_a_ratio_to_the_bare_player_and_judge_the_targets() -> None:
    taps = {"bare": {"tap_ms": [100.0, 120.0, 110.0]}, "kiosk": {"tap_ms": [250.0, 260.0, 400.0]}}
    row = tap_row("xcb", taps)
    assert (row.kiosk, row.bare, row.versus, row.passed) == (
        "260 / 400 ms (first 250)",
        "110 / 120 ms (first 100)",
        "2.36x",
        True,
    )
    slow = tap_row("xcb", {"bare": taps["bare"], "kiosk": {"tap_ms": [310.0, 320.0]}})
    assert slow.passed is False
    plays = {
        "bare": {
            "video_frames": 600,
            "played_ms": 20_000,
            "frame_rate": 30.0,
            "window_intervals_ms": [33.0] * 9,
        },
        "kiosk": {
            "drawn_frames": 588,
            "video_frames": 600,
            "played_ms": 20_000,
            "frame_rate": 30.0,
            "window_intervals_ms": [16.0, 66.0],
        },
    }
    dropped, intervals = play_rows("offscreen", plays)
    # Where the window draws the film, a frame received but never drawn is a frame dropped.
    assert dropped.kiosk == "2.0% (drawn 588 of 600)"
    assert dropped.bare == "0.0% (received 600 of 600)"
    assert dropped.passed is False
    assert intervals.kiosk == "41.0 / 66.0 ms"
    assert intervals.passed is None
    looped = loop_row(
        "xcb",
        {
            "bare": {"rss_mb": [[0, 100.0], [50, 120.0], [1000, 121.0]]},
            "kiosk": {"rss_mb": [[0, 150.0], [50, 200.0], [1000, 204.0]]},
        },
        50,
    )
    assert looped.passed is True
    assert "200.0 → 204.0 MB, peak 204.0" in looped.kiosk
    assert looped.versus == "+3.0 MB growth"
    leaking = loop_row("xcb", {"kiosk": {"rss_mb": [[50, 200.0], [1000, 294.0]]}}, 50)
    assert leaking.passed is False
    assert leaking.bare == "not measured"
    table = format_table([row, dropped, intervals, looped])
    assert table.count("\n") == 5
    assert "FAIL" in table


def test_without_the_kiosk_side_the_bare_player_is_judged_alone() -> None:
    row = tap_row("offscreen", {"bare": {"tap_ms": [90.0]}})
    assert (row.kiosk, row.versus, row.passed) == ("not measured", "—", True)
