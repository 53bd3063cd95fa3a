"""The staff PIN pad's lockout outlives a restart, and its file is never trusted.

Someone guessing the PIN must not get a fresh count by making the kiosk restart (pulling the plug,
or waiting for the daily restart). The count lives in a small file in the data folder; a damaged
or tampered file is discarded or brought within range, logged, and never stops the kiosk.
"""

import base64
import hashlib
import json
import logging
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.services.staff_access import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_LOCKOUT_S,
    AttemptResult,
    Outcome,
    PinLock,
)

PIN = "2468"
WRONG = "135790"
CAP = DEFAULT_MAX_LOCKOUT_S


def quick_hash(pin: str) -> str:
    """A stored PIN in the kiosk's format, with the cheapest work factor it accepts: the lockout
    is under test here, not the hash, and hypothesis tries hundreds of files."""
    salt = bytes(range(16))
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2, r=1, p=1, dklen=32)
    return f"scrypt$n=2,r=1,p=1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


STORED = quick_hash(PIN)


class Clocks:
    """The monotonic clock of one run of the kiosk, and the wall clock that outlives it."""

    def __init__(self) -> None:
        self.monotonic = 500.0
        self.wall = 1_900_000_000.0

    def advance(self, seconds: float) -> None:
        self.monotonic += seconds
        self.wall += seconds

    def restart(self) -> None:
        # A new process: its monotonic clock has nothing to do with the last one's.
        self.monotonic = 7.0


def lock_at(path: Path, clocks: Clocks, **limits: float) -> PinLock:
    return PinLock(
        STORED, state_file=path, clock=lambda: clocks.monotonic, wall_clock=lambda: clocks.wall, **limits
    )


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "staff-pin-lockout.json"


def test_a_lockout_outlives_a_restart(state_file: Path, clocks: Clocks) -> None:
    lock = lock_at(state_file, clocks)
    for _ in range(DEFAULT_MAX_ATTEMPTS):
        result = lock.attempt(WRONG)
    assert result == AttemptResult(Outcome.LOCKED, seconds_remaining=60.0)
    clocks.advance(20)
    clocks.restart()
    again = lock_at(state_file, clocks)
    # Still locked after the restart, for the rest of the minute, even to the right PIN.
    assert again.attempt(PIN) == AttemptResult(Outcome.LOCKED, seconds_remaining=40.0)
    clocks.advance(40)
    assert again.attempt(PIN).accepted


def test_the_count_of_wrong_pins_and_the_doubling_outlive_a_restart(state_file: Path, clocks: Clocks) -> None:
    lock = lock_at(state_file, clocks)
    for _ in range(DEFAULT_MAX_ATTEMPTS):
        lock.attempt(WRONG)
    clocks.advance(60)
    for _ in range(3):
        lock.attempt(WRONG)
    clocks.restart()
    again = lock_at(state_file, clocks)
    assert again.attempts_left == 2
    again.attempt(WRONG)
    # The second lockout in a row: twice as long.
    assert again.attempt(WRONG) == AttemptResult(Outcome.LOCKED, seconds_remaining=120.0)


def test_the_right_pin_clears_the_stored_count(state_file: Path, clocks: Clocks) -> None:
    lock = lock_at(state_file, clocks)
    lock.attempt(WRONG)
    lock.attempt(WRONG)
    assert lock.attempt(PIN).accepted
    assert lock_at(state_file, clocks).attempts_left == DEFAULT_MAX_ATTEMPTS


def test_tries_and_lockouts_are_logged_without_the_digits(
    state_file: Path, clocks: Clocks, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.services.staff_access")
    lock = lock_at(state_file, clocks)
    for _ in range(DEFAULT_MAX_ATTEMPTS):
        lock.attempt(WRONG)
    lock.attempt(PIN)
    clocks.advance(60)
    for _ in range(DEFAULT_MAX_ATTEMPTS):
        lock.attempt(WRONG)
    clocks.advance(120)
    lock.attempt(PIN)
    said = [record.getMessage() for record in caplog.records]
    assert said[:6] == [
        "wrong staff PIN (1 of 5 before the pad locks)",
        "wrong staff PIN (2 of 5 before the pad locks)",
        "wrong staff PIN (3 of 5 before the pad locks)",
        "wrong staff PIN (4 of 5 before the pad locks)",
        "staff PIN pad locked for 60 s after 5 wrong PINs in a row (lockout 1)",
        "staff PIN refused: the pad is locked for another 60 s",
    ]
    assert "staff PIN pad locked for 120 s after 5 wrong PINs in a row (lockout 2)" in said
    assert said[-1] == "staff PIN accepted"
    assert [record.levelname for record in caplog.records[:5]] == ["WARNING"] * 5
    for pin in (PIN, WRONG):
        assert pin not in caplog.text
    assert not re.search(r"\d{4,}", caplog.text.replace(str(state_file), ""))


def test_a_clock_set_back_never_makes_a_lockout_longer_than_its_cap(state_file: Path, clocks: Clocks) -> None:
    lock = lock_at(state_file, clocks, max_attempts=1)
    assert lock.attempt(WRONG).outcome is Outcome.LOCKED
    clocks.restart()
    clocks.wall -= 10 * 86400  # the clock was set back ten days
    again = lock_at(state_file, clocks, max_attempts=1)
    assert 0 < again.locked_for() <= CAP


def test_a_lockout_file_that_cannot_be_written_leaves_the_lock_working(
    tmp_path: Path, clocks: Clocks, caplog: pytest.LogCaptureFixture
) -> None:
    in_the_way = tmp_path / "data"
    in_the_way.write_text("a file where the data folder should be", encoding="utf-8")
    lock = lock_at(in_the_way / "staff-pin-lockout.json", clocks)
    for _ in range(DEFAULT_MAX_ATTEMPTS):
        result = lock.attempt(WRONG)
    assert result.outcome is Outcome.LOCKED
    complaints = [
        record for record in caplog.records if "could not keep the staff PIN lockout" in record.getMessage()
    ]
    assert len(complaints) == 1


def test_damage_is_logged_and_the_count_starts_afresh(
    state_file: Path, clocks: Clocks, caplog: pytest.LogCaptureFixture
) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b'{"format": 1, "wrong_pins_in_a_row": ')
    lock = lock_at(state_file, clocks)
    assert lock.attempts_left == DEFAULT_MAX_ATTEMPTS
    assert lock.locked_for() == 0
    assert f"the staff PIN lockout file {state_file} is damaged" in caplog.text
    assert "starting with a fresh count" in caplog.text


def test_a_lockout_file_nested_too_deep_to_read_is_damage_too(
    state_file: Path, clocks: Clocks, caplog: pytest.LogCaptureFixture
) -> None:
    """What a chaos soak found: every start of the kiosk, safe mode too, ended on a RecursionError."""
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    assert_sound(lock_at(state_file, clocks), clocks)
    assert f"the staff PIN lockout file {state_file} is damaged" in caplog.text


def test_values_only_tampering_could_give_are_brought_within_range(
    state_file: Path, clocks: Clocks, caplog: pytest.LogCaptureFixture
) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_text(
        json.dumps(
            {
                "format": 1,
                "wrong_pins_in_a_row": 10**12,
                "lockouts_in_a_row": -4,
                "locked_until": clocks.wall + 10**9,
            }
        ),
        encoding="utf-8",
    )
    lock = lock_at(state_file, clocks)
    assert lock.locked_for() == CAP
    clocks.advance(CAP)
    assert lock.attempts_left == 1
    # The doubling starts from the first lockout again.
    assert lock.attempt(WRONG) == AttemptResult(Outcome.LOCKED, seconds_remaining=60.0)
    assert "out of range" in caplog.text


def assert_sound(lock: PinLock, clocks: Clocks) -> None:
    """Whatever the file held, the lock works and its numbers are within its limits."""
    assert 0 <= lock.locked_for() <= CAP
    assert 1 <= lock.attempts_left <= DEFAULT_MAX_ATTEMPTS
    clocks.advance(CAP)
    result = lock.attempt(WRONG)
    assert result.outcome in (Outcome.WRONG, Outcome.LOCKED)
    assert 0 <= result.seconds_remaining <= CAP


_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(content=st.binary(max_size=300))
def test_any_bytes_in_the_lockout_file_never_raise(tmp_path: Path, content: bytes) -> None:
    clocks = Clocks()
    path = tmp_path / "staff-pin-lockout.json"
    path.write_bytes(content)
    assert_sound(lock_at(path, clocks), clocks)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=8,
)
FIELDS = ("format", "wrong_pins_in_a_row", "lockouts_in_a_row", "locked_until")


@_SETTINGS
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "format": st.just(1) | JSON_VALUES,
            "wrong_pins_in_a_row": st.integers(min_value=-3, max_value=12) | JSON_VALUES,
            "lockouts_in_a_row": st.integers(min_value=-3, max_value=80) | JSON_VALUES,
            "locked_until": st.floats(min_value=1.8e9, max_value=2.1e9) | JSON_VALUES,
            "other": JSON_VALUES,
        },
    )
)
def test_any_values_in_the_lockout_files_fields_never_raise(
    tmp_path: Path, fields: dict[str, object]
) -> None:
    clocks = Clocks()
    path = tmp_path / "staff-pin-lockout.json"
    path.write_text(json.dumps(fields), encoding="utf-8")
    assert_sound(lock_at(path, clocks), clocks)


@_SETTINGS
@given(document=JSON_VALUES)
def test_any_json_document_in_the_lockout_file_never_raises(tmp_path: Path, document: object) -> None:
    clocks = Clocks()
    path = tmp_path / "staff-pin-lockout.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert_sound(lock_at(path, clocks), clocks)


def test_the_lockout_file_written_is_one_a_new_lock_reads_back(state_file: Path, clocks: Clocks) -> None:
    lock = lock_at(state_file, clocks)
    lock.attempt(WRONG)
    stored = json.loads(state_file.read_text(encoding="utf-8"))
    assert stored["wrong_pins_in_a_row"] == 1
    assert stored["lockouts_in_a_row"] == 0
    assert stored["locked_until"] is None or math.isfinite(stored["locked_until"])
    assert not list(state_file.parent.glob("*.tmp"))
