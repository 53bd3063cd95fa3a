"""What a film's playback decides, apart from the player: the caption of a moment, the sound level
within the installation's limits, when a separately played description has drifted, and how long
a playing film may keep the kiosk from going idle.

Times are whole milliseconds, as Qt Multimedia counts them.
"""

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services.clock import SYSTEM_CLOCK, Clock

#: A description played from its own file is moved back in step with the film when it is this far
#: out: lip-sync research puts the threshold at which people notice sound late at about 100 ms
#: (ITU-R BT.1359), and a description runs between the film's words, not over its lips.
DRIFT_LIMIT_MS = 80


@dataclass(frozen=True, slots=True)
class TimedCaption:
    start_ms: int
    end_ms: int
    text: str


class TimedCaptions:
    """The captions of one film in one language, in order and not overlapping (as the content checks)."""

    def __init__(self, cues: Sequence[TimedCaption] = ()) -> None:
        self._cues = tuple(cues)
        self._starts = [cue.start_ms for cue in self._cues]

    def __bool__(self) -> bool:
        return bool(self._cues)

    def __len__(self) -> int:
        return len(self._cues)

    def at(self, position_ms: int) -> str:
        """The words on screen at `position_ms`; "" between captions."""
        index = bisect_right(self._starts, position_ms) - 1
        if index < 0:
            return ""
        cue = self._cues[index]
        return cue.text if position_ms < cue.end_ms else ""


@dataclass(frozen=True, slots=True)
class VolumeLimits:
    """The sound level a film starts at, and the range the visitor's control moves in (0–1)."""

    default: float = 0.7
    lowest: float = 0.2
    highest: float = 1.0

    def clamp(self, level: float) -> float:
        return min(self.highest, max(self.lowest, level))


#: The levels of an installation that does not set them.
DEFAULT_VOLUME = VolumeLimits()


def out_of_step(film_ms: int, description_ms: int, limit_ms: int = DRIFT_LIMIT_MS) -> bool:
    """Whether a description played beside the film must be moved to the film's position."""
    return abs(film_ms - description_ms) > limit_ms


class IdleHoldCap(QObject):
    """How long one playing film may keep the kiosk from going idle.

    A film holds the idle timer while it plays; someone may have walked away from a long film, so
    after `cap_s` of playing without the visitor starting it again the hold is let go (`expired`)
    and the kiosk's usual question, "still there?", comes in its time. The film plays on meanwhile.
    """

    expired = Signal()

    def __init__(self, cap_s: float, *, clock: Clock = SYSTEM_CLOCK, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer: QTimer = clock.timer("videoIdleCap", self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(cap_s * 1000)))
        self._timer.timeout.connect(self.expired)

    def start(self) -> None:
        """The visitor (re)started the film: the cap counts from now."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()
