"""The staff PIN: how it is stored, how it is checked, and how guessing it is slowed down.

Only a salted scrypt hash of the PIN is ever stored, as one self-describing line:
``scrypt$n=16384,r=8,p=1$<salt, base64>$<hash, base64>``. A short PIN has few possibilities, so
the hash alone would not keep out someone holding the settings file for long; the settings file
is written readable by its owner only. At the kiosk, `PinLock` stops guessing: after five wrong
PINs in a row it refuses every PIN for a minute, twice as long after each further lockout, up to
fifteen minutes. Without a PIN set, staff access is refused: it is never open by default.

The count outlives a restart (a guesser could otherwise pull the plug for a fresh one): it is kept
in a small file in the data folder, rewritten whole at every change. That file is not trusted: a
damaged one is discarded (a fresh count, logged), values out of range are brought within it, and a
lockout read from it never lasts longer than the cap from now, whatever the clock did meanwhile.
Wrong PINs, lockouts and entries are logged; the digits never are.

Checking a PIN costs about 16 MB and some tens of milliseconds, on purpose.
"""

import base64
import binascii
import enum
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

logger = logging.getLogger(__name__)

PIN_DIGITS = (4, 8)
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_LOCKOUT_S = 60.0
DEFAULT_MAX_LOCKOUT_S = 15 * 60.0
#: The lockout's file, in the data folder.
LOCKOUT_FILE = "staff-pin-lockout.json"
_LOCKOUT_FORMAT = 1
#: Lockouts in a row past this no longer lengthen the lock (the cap is reached long before).
_MAX_LOCKOUTS_COUNTED = 32

_PIN = re.compile(f"[0-9]{{{PIN_DIGITS[0]},{PIN_DIGITS[1]}}}")
_STORED = re.compile(
    r"scrypt\$n=([0-9]{1,8}),r=([0-9]{1,3}),p=([0-9]{1,3})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)"
)
# What a stored hash may ask of the machine, so that a damaged or hostile value cannot exhaust it.
_MAX_SCRYPT_MEMORY = 64 * 1024 * 1024
_MAX_SCRYPT_P = 16


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 8 digits, 0 to 9."""
    return _PIN.fullmatch(pin) is not None


def hash_pin(pin: str) -> str:
    """The line to store for `pin`, with a fresh random salt. Raises ValueError for an invalid PIN."""
    if not valid_pin(pin):
        raise ValueError(f"a PIN is {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits")
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    return f"scrypt$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def is_pin_hash(stored: str) -> bool:
    """Whether `stored` is a PIN hash `verify_pin` can check (without checking any PIN)."""
    return _parse(stored) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the PIN `stored` was made from; False for anything malformed, never an error."""
    parsed = _parse(stored)
    if parsed is None or not isinstance(pin, str) or not valid_pin(pin):
        return False
    n, r, p, salt, expected = parsed
    try:
        digest = _scrypt(pin, salt, n, r, p, len(expected))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    memory = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=length)


def _parse(stored: object) -> tuple[int, int, int, bytes, bytes] | None:
    if not isinstance(stored, str):
        return None
    match = _STORED.fullmatch(stored.strip())
    if match is None:
        return None
    n, r, p = int(match[1]), int(match[2]), int(match[3])
    if n < 2 or n & (n - 1) or r < 1 or not 1 <= p <= _MAX_SCRYPT_P or 128 * r * n > _MAX_SCRYPT_MEMORY:
        return None
    try:
        salt = base64.b64decode(match[4], validate=True)
        expected = base64.b64decode(match[5], validate=True)
    except (binascii.Error, ValueError):
        return None
    # A hash of another length is a damaged one (a truncated copy would still verify a prefix).
    if not SALT_BYTES <= len(salt) <= 64 or len(expected) != HASH_BYTES:
        return None
    return n, r, p, salt, expected


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no PIN set"


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """What became of one PIN entry, for the staff screen to say."""

    outcome: Outcome
    #: After a wrong PIN: how many more may be tried before the lock.
    attempts_left: int = 0
    #: While locked: how long until PINs are taken again.
    seconds_remaining: float = 0.0

    @property
    def accepted(self) -> bool:
        return self.outcome is Outcome.ACCEPTED


class PinLock:
    """Checks PINs at the kiosk and locks out guessing.

    After `max_attempts` wrong PINs in a row no PIN is checked, not even the right one, for
    `lockout_s`; each further lockout doubles that, up to `max_lockout_s`. The right PIN clears
    both the count and the doubling. `clock` gives seconds and never goes back (time.monotonic);
    `wall_clock` (time.time) dates a lockout in `state_file`, which keeps the count across restarts.
    """

    def __init__(
        self,
        pin_hash: str | None,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        lockout_s: float = DEFAULT_LOCKOUT_S,
        max_lockout_s: float = DEFAULT_MAX_LOCKOUT_S,
        clock: Callable[[], float] = time.monotonic,
        state_file: Path | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        if max_attempts < 1 or lockout_s <= 0 or max_lockout_s < lockout_s:
            raise ValueError("need at least one attempt and a positive lockout no longer than its cap")
        # A hash that cannot be read is no PIN: staff access stays shut rather than counting lockouts.
        self._pin_hash = pin_hash if pin_hash is not None and is_pin_hash(pin_hash) else None
        self._max_attempts = max_attempts
        self._lockout_s = lockout_s
        self._max_lockout_s = max_lockout_s
        self._clock = clock
        self._wall_clock = wall_clock
        self._state_file = state_file
        self._write_failed = False
        self._wrong = 0
        self._lockouts = 0
        self._locked_until: float | None = None
        if state_file is not None:
            self._restore(state_file)

    @property
    def has_pin(self) -> bool:
        return self._pin_hash is not None

    @property
    def attempts_left(self) -> int:
        return self._max_attempts - self._wrong

    def locked_for(self) -> float:
        """Seconds until PINs are taken again; 0 when not locked."""
        if self._locked_until is None:
            return 0.0
        remaining = self._locked_until - self._clock()
        if remaining <= 0:
            self._locked_until = None
            return 0.0
        return remaining

    def attempt(self, pin: str) -> AttemptResult:
        if self._pin_hash is None:
            logger.info("a staff PIN was entered, but none is set for this installation (kiosk set-pin)")
            return AttemptResult(Outcome.NO_PIN)
        if remaining := self.locked_for():
            logger.info("staff PIN refused: the pad is locked for another %.0f s", math.ceil(remaining))
            return AttemptResult(Outcome.LOCKED, seconds_remaining=remaining)
        if verify_pin(pin, self._pin_hash):
            logger.info("staff PIN accepted")
            if self._wrong or self._lockouts:
                self._wrong = 0
                self._lockouts = 0
                self._save()
            return AttemptResult(Outcome.ACCEPTED)
        self._wrong += 1
        if self._wrong < self._max_attempts:
            logger.warning("wrong staff PIN (%d of %d before the pad locks)", self._wrong, self._max_attempts)
            self._save()
            return AttemptResult(Outcome.WRONG, attempts_left=self.attempts_left)
        # The exponent is bounded: months of guessing must not overflow the float.
        duration = min(self._lockout_s * 2 ** min(self._lockouts, _MAX_LOCKOUTS_COUNTED), self._max_lockout_s)
        wrong, self._wrong = self._wrong, 0
        self._lockouts += 1
        self._locked_until = self._clock() + duration
        logger.warning(
            "staff PIN pad locked for %.0f s after %d wrong PINs in a row (lockout %d)",
            duration,
            wrong,
            self._lockouts,
        )
        self._save()
        return AttemptResult(Outcome.LOCKED, seconds_remaining=duration)

    def _save(self) -> None:
        if self._state_file is None:
            return
        remaining = self.locked_for()
        state = {
            "format": _LOCKOUT_FORMAT,
            "wrong_pins_in_a_row": self._wrong,
            "lockouts_in_a_row": min(self._lockouts, _MAX_LOCKOUTS_COUNTED),
            "locked_until": self._wall_clock() + remaining if remaining else None,
        }
        try:
            _write_atomically(self._state_file, json.dumps(state))
        except OSError as error:
            if not self._write_failed:
                self._write_failed = True
                logger.warning(
                    "could not keep the staff PIN lockout in %s (%s); it lasts until the kiosk restarts",
                    self._state_file,
                    error.strerror or error,
                )
        else:
            self._write_failed = False

    def _restore(self, path: Path) -> None:
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            self._discard(path, str(error))
            return
        try:
            state = json.loads(text)
        except ValueError as error:
            self._discard(path, f"not JSON: {error}")
            return
        except RecursionError:
            self._discard(path, "nested too deep to be a lockout file")
            return
        if not isinstance(state, dict) or state.get("format") != _LOCKOUT_FORMAT:
            self._discard(path, "not a lockout file of this version of the kiosk")
            return
        wrong, lockouts, until = (
            state.get("wrong_pins_in_a_row"),
            state.get("lockouts_in_a_row"),
            state.get("locked_until"),
        )
        if not (_is_count(wrong) and _is_count(lockouts)):
            self._discard(path, "the counts are not whole numbers")
            return
        if until is not None:
            until = _as_time(until)
            if until is None:
                self._discard(path, "the end of the lockout is not a time")
                return
        # In range from here on: what is out of it could only have been written by hand.
        clamped = []
        if not 0 <= wrong < self._max_attempts:
            clamped.append(f"{wrong} wrong PINs in a row")
            wrong = min(max(wrong, 0), self._max_attempts - 1)
        if not 0 <= lockouts <= _MAX_LOCKOUTS_COUNTED:
            clamped.append(f"{lockouts} lockouts in a row")
            lockouts = min(max(lockouts, 0), _MAX_LOCKOUTS_COUNTED)
        remaining = 0.0 if until is None else until - self._wall_clock()
        if remaining > self._max_lockout_s:
            # Also what a clock set back after the lock looks like: never longer than the cap from now.
            clamped.append(f"a lockout {remaining:.0f} s long")
            remaining = self._max_lockout_s
        if clamped:
            logger.warning(
                "the staff PIN lockout file %s held values out of range (%s); they were brought within range",
                path,
                ", ".join(clamped),
            )
        self._wrong = wrong
        self._lockouts = lockouts
        self._locked_until = self._clock() + remaining if remaining > 0 else None

    def _discard(self, path: Path, reason: str) -> None:
        logger.warning(
            "the staff PIN lockout file %s is damaged (%s); starting with a fresh count", path, reason
        )
        self._save()


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_time(value: object) -> float | None:
    """Seconds since the epoch, or None for anything else (a text, infinity, a number beyond floats)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) else None


def _write_atomically(path: Path, text: str) -> None:
    """Replaces the file in one step, its content on the disk first: a power cut leaves the old or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    temporary.replace(path)
