"""The staff PIN: stored only as a hash, checked in constant time, guessing locked out."""

import base64
import re

import pytest

from kiosk.services.staff_access import (
    AttemptResult,
    Outcome,
    PinLock,
    hash_pin,
    is_pin_hash,
    valid_pin,
    verify_pin,
)

# One hash for the whole module: each costs some tens of milliseconds, on purpose.
STORED = hash_pin("2468")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_valid_pins_are_four_to_eight_digits() -> None:
    assert valid_pin("0000")
    assert valid_pin("12345678")
    for pin in ("123", "123456789", "12a4", " 1234", "1234\n", "١٢٣٤", "12.4", ""):
        assert not valid_pin(pin), pin


def test_the_hash_describes_itself_and_is_salted() -> None:
    match = re.fullmatch(r"scrypt\$n=16384,r=8,p=1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)", STORED)
    assert match is not None
    assert len(base64.b64decode(match[1])) == 16
    assert len(base64.b64decode(match[2])) == 32
    assert "2468" not in STORED
    assert hash_pin("2468") != STORED
    assert is_pin_hash(STORED)


def test_only_the_right_pin_verifies() -> None:
    assert verify_pin("2468", STORED)
    assert not verify_pin("2469", STORED)
    assert not verify_pin("24680", STORED)
    assert verify_pin("2468", f"  {STORED}\n")


def test_hashing_refuses_an_invalid_pin() -> None:
    with pytest.raises(ValueError, match="a PIN is 4 to 8 digits"):
        hash_pin("12")


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "2468",
        "scrypt$",
        STORED.replace("scrypt", "bcrypt"),
        STORED.replace("n=16384", "n=16000"),  # not a power of two
        STORED.replace("n=16384", "n=1"),
        STORED.replace("n=16384,r=8", "n=1048576,r=8"),  # would take 1 GB
        STORED.replace("p=1", "p=0"),
        STORED.replace("r=8", "r=0"),
        STORED.rsplit("$", 1)[0] + "$not*base64",
        STORED.rsplit("$", 1)[0] + "$QUJD",  # a hash of 3 bytes
        STORED[:-8],  # cut short, yet still base64
        STORED + "$extra",
    ],
)
def test_a_malformed_stored_value_never_verifies_nor_raises(stored: str) -> None:
    assert not is_pin_hash(stored)
    assert not verify_pin("2468", stored)


def test_verify_takes_anything_without_raising() -> None:
    assert not verify_pin(None, STORED)  # type: ignore[arg-type]
    assert not verify_pin("2468", None)  # type: ignore[arg-type]


def test_wrong_pins_count_down_then_lock() -> None:
    clock = Clock()
    lock = PinLock(STORED, clock=clock)
    results = [lock.attempt("1111") for _ in range(5)]
    assert results == [
        AttemptResult(Outcome.WRONG, attempts_left=4),
        AttemptResult(Outcome.WRONG, attempts_left=3),
        AttemptResult(Outcome.WRONG, attempts_left=2),
        AttemptResult(Outcome.WRONG, attempts_left=1),
        AttemptResult(Outcome.LOCKED, seconds_remaining=60.0),
    ]
    clock.now += 45
    assert lock.locked_for() == 15.0
    # While locked even the right PIN is not taken, and it costs no attempt.
    assert lock.attempt("2468") == AttemptResult(Outcome.LOCKED, seconds_remaining=15.0)
    clock.now += 15
    assert lock.locked_for() == 0.0
    assert lock.attempt("2468").accepted
    assert lock.attempts_left == 5


def test_the_right_pin_clears_the_count() -> None:
    lock = PinLock(STORED, clock=Clock())
    lock.attempt("1111")
    lock.attempt("1111")
    assert lock.attempt("2468") == AttemptResult(Outcome.ACCEPTED)
    assert lock.attempt("1111") == AttemptResult(Outcome.WRONG, attempts_left=4)


def test_each_further_lockout_doubles_up_to_the_cap() -> None:
    clock = Clock()
    lock = PinLock(STORED, max_attempts=1, lockout_s=60, max_lockout_s=200, clock=clock)
    lockouts = []
    for _ in range(4):
        result = lock.attempt("1111")
        assert result.outcome is Outcome.LOCKED
        lockouts.append(result.seconds_remaining)
        clock.now += result.seconds_remaining
    assert lockouts == [60, 120, 200, 200]
    # The right PIN starts the doubling again.
    assert lock.attempt("2468").accepted
    assert lock.attempt("1111") == AttemptResult(Outcome.LOCKED, seconds_remaining=60)


def test_months_of_lockouts_stay_at_the_cap() -> None:
    clock = Clock()
    lock = PinLock(STORED, max_attempts=1, clock=clock)
    lock._lockouts = 5000  # as after months of guessing
    assert lock.attempt("1111") == AttemptResult(Outcome.LOCKED, seconds_remaining=900)


def test_without_a_pin_staff_access_is_refused() -> None:
    for stored in (None, "", "not a hash"):
        lock = PinLock(stored, clock=Clock())
        assert not lock.has_pin
        for pin in ("", "0000", "2468"):
            assert lock.attempt(pin) == AttemptResult(Outcome.NO_PIN)
        assert lock.locked_for() == 0.0


def test_a_lock_needs_sensible_limits() -> None:
    with pytest.raises(ValueError, match="attempt"):
        PinLock(STORED, max_attempts=0)
    with pytest.raises(ValueError, match="lockout"):
        PinLock(STORED, lockout_s=100, max_lockout_s=10)
