"""The narration of the panel in view: played on request, captioned in time, stopped when left."""

import logging
from bisect import bisect_right
from typing import Any

from PySide6.QtCore import Property, QElapsedTimer, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.services.navigation import NavigationService
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.session import KioskSession

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskNarration"]

log = logging.getLogger(__name__)

#: The reason the idle timer is held while a narration plays (see KioskSession.holdIdle).
IDLE_HOLD = "narration"
#: How often the captions follow the clock when there is no player to follow.
CLOCK_TICK_MS = 100


@QmlElement
@QmlUncreatable("Created by the application")
class KioskNarration(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """Plays the open panel's narration, with its captions, and holds the idle timer while it plays.

    Leaving the panel, the section or the visit stops it. The media player is made at the first
    Listen: a visit that never listens loads no multimedia at all. If Qt Multimedia is missing or
    the sound cannot be played, the captions still run, timed by a clock, and the trouble is
    logged: a visitor who reads rather than hears loses nothing, and nobody sees an error.
    Without a sound device Qt's player still keeps time, so the captions follow it as usual.
    """

    narrationChanged = Signal()
    playingChanged = Signal()
    positionChanged = Signal()
    captionChanged = Signal()
    #: A narration began from its start (for the visitor events).
    narrationStarted = Signal()
    #: The narration begun ended: played to its end (True) or stopped; how much was heard, in ms.
    narrationEnded = Signal(bool, int)

    def __init__(
        self,
        exhibit: KioskExhibit,
        service: NavigationService,
        session: KioskSession,
        *,
        use_player: bool = True,
        tick_ms: int = CLOCK_TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._exhibit = exhibit
        self._service = service
        self._session = session
        self._record: dict[str, Any] | None = None
        self._shown_at: tuple[int, int] | None = None
        self._starts: list[int] = []
        self._playing = False
        self._position = 0
        self._caption = ""
        self._begun = False
        self._player: Any = None
        self._player_unusable = not use_player
        #: Sounds the player could not play: their captions run on the clock instead.
        self._unplayable: set[str] = set()
        self._audio_output: Any = None
        self._told_no_device = False
        # Without a player, the captions run on this clock from where the sound stopped.
        self._clock = QElapsedTimer()
        self._clock_from = 0
        self._tick = QTimer(self)
        self._tick.setObjectName("narrationClock")
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._on_clock)
        service.changed.connect(self._follow)
        exhibit.attached.connect(self._follow)
        exhibit.contentChanged.connect(self._follow)
        session.visitEnded.connect(self.stop)

    # --- What is shown ---------------------------------------------------------------------

    @Slot()
    def _follow(self) -> None:
        """The panel in view has changed, or its content: another narration, or none."""
        on_show = self._exhibit.panel_on_show(self._service)
        place, panel = on_show if on_show is not None else (None, None)
        record = self._exhibit.presenter.narration(panel.narration) if panel is not None else None
        if place == self._shown_at and record == self._record:
            return  # the same panel, the same narration: it plays on
        if place == self._shown_at and record and self._record and record["audio"] == self._record["audio"]:
            # The same sound captioned in another language: it plays on, its captions in the new words.
            self._record = record
            self._starts = [cue["start"] for cue in self._cues()]
            self.narrationChanged.emit()
            if self._playing or self._position:
                self._set_position(self._position)
            return
        self._shown_at = place
        self.load(record)

    @Slot("QVariant")
    def load(self, record: Any) -> None:
        """Stops what plays and shows `record` (Presenter.narration's), or nothing for None."""
        self.stop()
        self._record = record if isinstance(record, dict) and record.get("cues") else None
        self._starts = [cue["start"] for cue in self._cues()]
        if self._player is not None:
            self._player.setSource(QUrl())
        self.narrationChanged.emit()

    def _cues(self) -> list[dict[str, Any]]:
        return [] if self._record is None else self._record["cues"]

    def _duration(self) -> int:
        cues = self._cues()
        player_ms = self._player.duration() if self._player is not None and self._has_source() else 0
        return max(player_ms, cues[-1]["end"] if cues else 0)

    # --- Playing -----------------------------------------------------------------------------

    @Slot()
    def play(self) -> None:
        if self._record is None or self._playing:
            return
        if self._position >= self._duration():
            self._set_position(0)
        if not self._begun:
            self._begun = True
            self.narrationStarted.emit()
        self._set_playing(True)
        self._set_position(self._position)  # the caption of this moment, at once
        if self._record["audio"] not in self._unplayable and self._ensure_player():
            if not self._has_source():
                self._player.setSource(QUrl(self._record["audio"]))
                self._player.setPosition(self._position)
            self._player.play()
        else:
            self._start_clock()

    @Slot()
    def pause(self) -> None:
        if not self._playing:
            return
        if self._player is not None and self._has_source():
            self._player.pause()
        self._tick.stop()
        self._set_playing(False)

    @Slot()
    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    @Slot()
    def stop(self) -> None:
        """Back to the start, silent, and the idle timer free to count again."""
        self._end(finished=False)
        if self._player is not None:
            self._player.stop()
        self._tick.stop()
        self._set_playing(False)
        self._set_position(0)
        # Stopped, nothing is being said: the first caption waits for the next Listen.
        self._set_caption("")

    def _set_playing(self, playing: bool) -> None:
        if playing == self._playing:
            return
        self._playing = playing
        # Someone listening stands still: the kiosk must not ask whether they are there.
        if playing:
            self._session.holdIdle(IDLE_HOLD)
        else:
            self._session.releaseIdle(IDLE_HOLD)
        self.playingChanged.emit()

    def _set_position(self, position: int) -> None:
        if position != self._position:
            self._position = position
            self.positionChanged.emit()
        index = bisect_right(self._starts, position) - 1
        cues = self._cues()
        self._set_caption(cues[index]["text"] if index >= 0 and position < cues[index]["end"] else "")

    def _set_caption(self, caption: str) -> None:
        if caption != self._caption:
            self._caption = caption
            self.captionChanged.emit()

    # --- The player, and the clock when there is none ----------------------------------------

    def _has_source(self) -> bool:
        return self._player is not None and not self._player.source().isEmpty()

    def _ensure_player(self) -> bool:
        """A player, when there is a sound device to play to; else the captions run on the clock.

        Without a device (a headless machine, a speaker unplugged) nothing would be heard, and Qt
        6.11's FFmpeg player, playing to no device, has been seen to hang the UI thread in stop().
        Devices are looked for at every Listen: a speaker plugged in later is used.
        """
        if self._player_unusable:
            return False
        try:
            # Loaded at the first Listen only.
            from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
        except ImportError as error:
            log.warning("narration: Qt Multimedia cannot be loaded (%s); captions run without sound", error)
            self._player_unusable = True
            return False
        if not QMediaDevices.audioOutputs():
            if not self._told_no_device:
                self._told_no_device = True
                log.warning("narration: no sound output device; narrations show their captions only")
            return False
        if self._player is None:
            self._player = QMediaPlayer(self)
            self._player.setObjectName("narrationPlayer")
            self._player.positionChanged.connect(self._on_player_position)
            self._player.durationChanged.connect(self.narrationChanged)
            self._player.mediaStatusChanged.connect(self._on_media_status)
            self._player.errorOccurred.connect(self._on_player_error)
            # Qt's player keeps time without an output but never reports the end of the sound.
            self._audio_output = QAudioOutput(self)
            self._player.setAudioOutput(self._audio_output)
        return True

    def _on_player_position(self, position: int) -> None:
        if not self._playing or self._tick.isActive():
            return
        if 0 < self._player.duration() <= position:
            self._finish()  # the end, should the player not say so itself
            return
        self._set_position(position)

    def _on_media_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._playing:
            self._finish()

    def _on_player_error(self, error: Any, message: str) -> None:
        if self._record is None:
            return
        log.warning(
            "narration: %s cannot be played (%s); its captions run without sound",
            self._record["audio"],
            message or error,
        )
        self._unplayable.add(self._record["audio"])
        if self._playing:
            self._start_clock()

    def _start_clock(self) -> None:
        self._clock_from = self._position
        self._clock.start()
        self._tick.start()

    @Slot()
    def _on_clock(self) -> None:
        position = self._clock_from + self._clock.elapsed()
        if position >= self._duration():
            self._finish()
            return
        self._set_position(position)

    def _end(self, *, finished: bool) -> None:
        if self._begun:
            self._begun = False
            self.narrationEnded.emit(finished, self._duration() if finished else self._position)

    def _finish(self) -> None:
        """The end: ready to listen again from the start."""
        self._end(finished=True)
        self.stop()

    # --- For the views -------------------------------------------------------------------------

    available = Property(bool, lambda self: self._record is not None, notify=narrationChanged)
    credit = Property(
        str, lambda self: self._record["credit"] if self._record else "", notify=narrationChanged
    )
    duration = Property(int, _duration, notify=narrationChanged)
    playing = Property(bool, lambda self: self._playing, notify=playingChanged)
    position = Property(int, lambda self: self._position, notify=positionChanged)
    caption = Property(str, lambda self: self._caption, notify=captionChanged)
