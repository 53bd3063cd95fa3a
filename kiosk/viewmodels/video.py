"""The film of the panel in view: played on request, captioned, described on request, stopped when left.

One view model owns the film's player, as KioskNarration owns the narration's (docs/adr/0010-narration.md,
docs/adr/0037-films-in-the-software-renderer.md): a film plays only on the panel in view, never
in a delegate cached beside it; leaving the panel, changing the language or ending the visit stops
it and shows the poster again. The panel on screen lends the player its picture (`showOn`): a
VideoOutput where Qt Quick draws through a graphics card, a KioskVideoSurface in its software
renderer.

The player is made when a film is first played (or an ambient loop first shown): a visit that
watches nothing loads no multimedia. It is the view model's child `videoPlayer` (a QMediaPlayer),
with `videoSound` (its QAudioOutput) and, for a described sound file, `videoDescriptionPlayer`.
"""

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.services.clock import SYSTEM_CLOCK, Clock
from kiosk.services.navigation import NavigationService
from kiosk.services.video import (
    DEFAULT_VOLUME,
    IdleHoldCap,
    TimedCaption,
    TimedCaptions,
    VolumeLimits,
    out_of_step,
)
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.session import KioskSession

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskVideo"]

log = logging.getLogger(__name__)

#: The reason the idle timer is held while a film plays (see KioskSession.holdIdle).
IDLE_HOLD = "video"
#: Default for the longest a playing film holds the idle timer (the installation's video_idle_cap_s).
DEFAULT_IDLE_CAP_S = 900.0


@QmlElement
@QmlUncreatable("Created by the application")
class KioskVideo(QObject):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """Plays the open panel's film; what the panel's controls show and do.

    `state` is what the visitor sees: "poster" (not played yet, or reset), "playing", "paused",
    "ended" (the last picture held, replay offered) or "failed" (the film cannot play: its poster
    and words stay). Captions are on at the start of every visit; the visitor may hide them.
    The sound level starts at the installation's `video_volume` and moves within its limits.
    Where a description is chosen (the Access sheet's Audio description), the described sound
    plays instead of the film's own: another track of the file, or a sound file kept in step
    with the film while the film's own sound is muted.
    """

    filmChanged = Signal()
    stateChanged = Signal()
    positionChanged = Signal()
    durationChanged = Signal()
    captionChanged = Signal()
    captionsOnChanged = Signal()
    volumeChanged = Signal()
    describedChanged = Signal()
    #: For the visitor events: a film began to play: "start", "resume" or "replay", from `position` ms.
    played = Signal(str, int)
    #: It began to play with its description: "track" (of the film) or "file" (played beside it).
    describedPlay = Signal(str)
    #: It was paused at `position` ms.
    paused = Signal(int)
    #: The visitor moved it from one position to another (ms).
    sought = Signal(int, int)
    #: It played to its end (its length, ms).
    finished = Signal(int)
    #: The captions were shown (True) or hidden by the visitor.
    captionsToggled = Signal(bool)
    #: A film cannot be played: its file, and what the player said. Said once per file.
    failed = Signal(str, str)

    def __init__(
        self,
        exhibit: KioskExhibit,
        service: NavigationService,
        session: KioskSession,
        access: KioskAccess,
        *,
        volume: VolumeLimits = DEFAULT_VOLUME,
        idle_cap_s: float = DEFAULT_IDLE_CAP_S,
        clock: Clock = SYSTEM_CLOCK,
        use_sound: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._exhibit = exhibit
        self._service = service
        self._session = session
        self._access = access
        self._limits = volume
        self._volume = volume.default
        #: None: look for a sound device at each play; False: never (tests, a kiosk without sound).
        self._use_sound = use_sound
        self._record: dict[str, Any] | None = None
        self._shown_at: tuple[int, int] | None = None
        self._captions = TimedCaptions()
        self._state = "poster"
        self._position = 0
        self._caption = ""
        self._captions_on = True
        self._player: Any = None
        self._audio: Any = None
        self._describer: Any = None
        self._describer_audio: Any = None
        self._output: QObject | None = None
        #: Films that could not be played, by file: their posters stay, said once.
        self._unplayable: set[str] = set()
        self._told_no_device = False
        self._cap = IdleHoldCap(idle_cap_s, clock=clock, parent=self)
        self._cap.expired.connect(self._release_idle)
        service.changed.connect(self._follow)
        exhibit.attached.connect(self._follow)
        exhibit.contentChanged.connect(self._follow)
        exhibit.attached.connect(self._offer_description)
        exhibit.contentChanged.connect(self._offer_description)
        exhibit.languageChanged.connect(self._on_language)
        session.visitEnded.connect(self.reset)
        access.audioDescriptionChanged.connect(self._follow_description)
        access.reducedMotionChanged.connect(self._follow_motion)

    # --- Which film -----------------------------------------------------------------------------

    @Slot()
    def _follow(self) -> None:
        """The panel in view has changed, or the exhibit: another film, or none."""
        on_show = self._exhibit.panel_on_show(self._service)
        place, panel = on_show if on_show is not None else (None, None)
        # By its kind: the models (pydantic) are not imported before the first frame.
        video = getattr(panel, "kind", None) == "video"
        record = self._exhibit.presenter.film(panel) if video else None  # type: ignore[arg-type]
        if place == self._shown_at and record == self._record:
            return
        self._shown_at = place
        self._load(record)

    @Slot()
    def _offer_description(self) -> None:
        """The Access sheet offers audio description where a film of the exhibit has one."""
        exhibit = self._exhibit.model
        self._access.offer_audio_description(
            exhibit is not None
            and any(
                panel.kind == "video" and bool(getattr(panel, "description", None))
                for section in exhibit.sections
                for panel in section.panels
            )
        )

    @Slot()
    def _on_language(self) -> None:
        """Another language: the film starts again from its poster, in that language's sound and words."""
        self._shown_at = None
        self._follow()

    def _load(self, record: dict[str, Any] | None) -> None:
        self.stop()
        self._record = record
        self._captions = TimedCaptions(
            [TimedCaption(cue["start"], cue["end"], cue["text"]) for cue in (record or {}).get("cues", ())]
        )
        if self._player is not None:
            self._player.setSource(QUrl())
        if self._describer is not None:
            self._describer.setSource(QUrl())
        self._set_state("failed" if record is not None and record["video"] in self._unplayable else "poster")
        self.filmChanged.emit()
        self.durationChanged.emit()
        self._follow_motion()

    @Slot(QObject)
    def showOn(self, output: QObject | None) -> None:
        """The panel in view lends its picture: a VideoOutput, or a KioskVideoSurface."""
        if output is self._output:
            return
        self._output = output
        if self._player is not None:
            self._player.setVideoOutput(self._sink_of(output))

    @staticmethod
    def _sink_of(output: QObject | None) -> QObject | None:
        """The sink a picture is drawn from: a VideoOutput's, or a KioskVideoSurface's."""
        sink = None if output is None else output.property("videoSink")
        return sink if isinstance(sink, QObject) else None

    @Slot(QObject)
    def release(self, output: QObject | None) -> None:
        """A panel's picture goes away (its delegate is destroyed): the player stops drawing on it."""
        if output is not None and output is self._output:
            self._output = None
            if self._player is not None:
                self._player.setVideoOutput(None)

    # --- Playing --------------------------------------------------------------------------------

    @Slot()
    def play(self) -> None:
        record = self._record
        if record is None or self._state in ("playing", "failed"):
            return
        if not self._ensure_player():
            return
        how = {"poster": "start", "ended": "replay"}.get(self._state, "resume")
        if self._player.source().isEmpty():
            self._open(record)
        if self._state == "ended":
            self._player.setPosition(0)
            self._set_position(0)
        self._player.play()
        self._sync_describer(play=True)
        self._set_state("playing")
        self.played.emit(how, self._position)
        if self._described():
            self.describedPlay.emit("track" if record["descriptionTrack"] >= 0 else "file")

    @Slot()
    def pause(self) -> None:
        if self._state != "playing":
            return
        self._player.pause()
        self._sync_describer(play=False)
        self._set_state("paused")
        self.paused.emit(self._position)

    @Slot()
    def toggle(self) -> None:
        if self._state == "playing":
            self.pause()
        else:
            self.play()

    @Slot(int)
    def seek(self, position: int) -> None:
        """The visitor moved the scrubber to `position` ms."""
        if self._record is None or self._state == "failed":
            return
        position = max(0, min(position, self._duration()))
        before = self._position
        if self._state == "poster":
            # A film moved before it was played starts there when played; its poster gives way.
            if not self._ensure_player():
                return
            self._open(self._record)
            self._set_state("paused")
        elif self._state == "ended":
            self._set_state("paused")
        self._player.setPosition(position)
        self._set_position(position)
        self._sync_describer(play=self._state == "playing", position=position)
        self.sought.emit(before, position)

    @Slot()
    def stop(self) -> None:
        """Back to the poster, silent, and the idle timer free to count again."""
        if self._player is not None:
            self._player.stop()
        if self._describer is not None:
            self._describer.stop()
        if self._state != "failed":
            self._set_state("poster")
        self._set_position(0)
        self._set_caption("")

    @Slot()
    def reset(self) -> None:
        """The visit is over: every film back to its poster, and the next visitor's captions on and
        sound at the installation's level."""
        self.stop()
        self.setCaptionsOn(True, by_visitor=False)
        self.setVolume(self._limits.default)

    @Slot(bool)
    def setCaptionsOn(self, on: bool, by_visitor: bool = True) -> None:
        if on == self._captions_on:
            return
        self._captions_on = on
        self.captionsOnChanged.emit()
        if by_visitor:
            self.captionsToggled.emit(on)

    @Slot()
    def toggleCaptions(self) -> None:
        self.setCaptionsOn(not self._captions_on)

    @Slot(float)
    def setVolume(self, level: float) -> None:
        level = self._limits.clamp(level)
        if level == self._volume:
            return
        self._volume = level
        for output in (self._audio, self._describer_audio):
            if output is not None:
                output.setVolume(level)
        self.volumeChanged.emit()

    def _set_state(self, state: str) -> None:
        if state == self._state:
            return
        was_playing = self._state == "playing"
        self._state = state
        playing = state == "playing"
        # Someone watching stands still: the kiosk must not ask whether they are there, for a while.
        if playing and not was_playing and not self._looping():
            self._session.holdIdle(IDLE_HOLD)
            self._cap.start()
        elif was_playing and not playing:
            self._release_idle()
        self.stateChanged.emit()

    @Slot()
    def _release_idle(self) -> None:
        self._cap.stop()
        self._session.releaseIdle(IDLE_HOLD)

    def _set_position(self, position: int) -> None:
        if position != self._position:
            self._position = position
            self.positionChanged.emit()
        self._set_caption(self._captions.at(position))

    def _set_caption(self, caption: str) -> None:
        if caption != self._caption:
            self._caption = caption
            self.captionChanged.emit()

    def _duration(self) -> int:
        if self._record is None:
            return 0
        player_ms = (
            self._player.duration() if self._player is not None and not self._player.source().isEmpty() else 0
        )
        return int(player_ms or self._record["duration"])

    def _looping(self) -> bool:
        return bool(self._record and self._record["loop"])

    # --- Ambient loops -----------------------------------------------------------------------------

    @Slot()
    def _follow_motion(self) -> None:
        """An ambient loop starts by itself, unless the visitor asked for less motion."""
        if not self._looping():
            return
        if self._access.reducedMotion:
            self.stop()
        elif self._state == "poster":
            self.play()

    # --- The player -------------------------------------------------------------------------------

    def _sound_device(self) -> bool:
        """Whether there is a sound device to play to. Without one the film plays silently, with its
        captions: no audio output is attached, as Qt 6.11's player playing to no device has been seen
        to hang in stop() (docs/adr/0010-narration.md)."""
        if self._use_sound is False:
            return False
        from PySide6.QtMultimedia import QMediaDevices

        if QMediaDevices.audioOutputs():
            return True
        if not self._told_no_device:
            self._told_no_device = True
            log.warning("video: no sound output device; films play silently, with their captions")
        return False

    def _ensure_player(self) -> bool:
        if self._player is not None:
            self._attach_sound()
            return True
        try:
            from PySide6.QtMultimedia import QMediaPlayer
        except ImportError as error:
            self._fail(
                self._record["video"] if self._record else "", f"Qt Multimedia cannot be loaded ({error})"
            )
            return False
        self._player = QMediaPlayer(self)
        self._player.setObjectName("videoPlayer")
        # Through lambdas: slots typed with Qt Multimedia's enums would load it with this module.
        self._player.positionChanged.connect(lambda position: self._on_player_position(position))
        self._player.durationChanged.connect(self.durationChanged)
        self._player.mediaStatusChanged.connect(lambda status: self._on_media_status(status))
        self._player.errorOccurred.connect(lambda error, message: self._on_player_error(error, message))
        # Tracks can be chosen once the file is open and its tracks known.
        self._player.tracksChanged.connect(self._choose_tracks)
        self._player.setVideoOutput(self._sink_of(self._output))
        self._attach_sound()
        return True

    def _attach_sound(self) -> None:
        """Sound goes to the device when there is one, and is looked for at every play: a speaker
        plugged in later is used."""
        if self._audio is not None or not self._sound_device():
            return
        from PySide6.QtMultimedia import QAudioOutput

        self._audio = QAudioOutput(self)
        self._audio.setObjectName("videoSound")
        self._audio.setVolume(self._volume)
        self._player.setAudioOutput(self._audio)
        self._follow_description()

    def _open(self, record: dict[str, Any]) -> None:
        self._player.setLoops(-1 if record["loop"] else 1)  # QMediaPlayer.Loops.Infinite is -1
        self._player.setSource(QUrl(record["video"]))

    @Slot()
    def _choose_tracks(self) -> None:
        """The sound in the visitor's language (or its description). No subtitle track: the film's own
        subtitles were read when it was probed and are shown as its captions (a VideoOutput would
        otherwise draw them a second time, in its own style, under the kiosk's)."""
        record = self._record
        if record is None or self._player is None or self._player.source().isEmpty():
            return
        self._follow_description()
        if self._player.activeSubtitleTrack() != -1:
            self._player.setActiveSubtitleTrack(-1)

    @Slot()
    def _follow_description(self) -> None:
        """Audio description on or off: the described track, or the described file beside a muted film."""
        record = self._record
        described = self._described()
        self.describedChanged.emit()
        if record is None or self._player is None or record["loop"]:
            return
        track = record["audioTrack"]
        if described and record["descriptionTrack"] >= 0:
            track = record["descriptionTrack"]
        if 0 <= track < len(self._player.audioTracks()) and track != self._player.activeAudioTrack():
            self._player.setActiveAudioTrack(track)
        alongside = described and bool(record["descriptionFile"])
        if self._audio is not None:
            self._audio.setMuted(alongside)
        if alongside:
            self._ensure_describer()
        elif self._describer is not None:
            self._describer.stop()
            self._describer.setSource(QUrl())
        if self._state == "playing":
            self._sync_describer(play=True)

    def _described(self) -> bool:
        record = self._record
        chosen = bool(self._access.audioDescription)
        return (
            chosen
            and record is not None
            and (record["descriptionTrack"] >= 0 or bool(record["descriptionFile"]))
        )

    def _ensure_describer(self) -> None:
        """The description's own player, played in step with the film, to the sound device only."""
        if self._record is None or not self._sound_device():
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        if self._describer is None:
            self._describer = QMediaPlayer(self)
            self._describer.setObjectName("videoDescriptionPlayer")
            self._describer_audio = QAudioOutput(self)
            self._describer_audio.setVolume(self._volume)
            self._describer.setAudioOutput(self._describer_audio)
        url = QUrl(self._record["descriptionFile"])
        if self._describer.source() != url:
            self._describer.setSource(url)

    def _sync_describer(self, *, play: bool, position: int | None = None) -> None:
        describer = self._describer
        if describer is None or describer.source().isEmpty():
            return
        where = self._position if position is None else position
        if position is not None or out_of_step(where, describer.position()):
            describer.setPosition(where)
        if play:
            describer.play()
        else:
            describer.pause()

    def _on_player_position(self, position: int) -> None:
        if self._state not in ("playing", "paused"):
            return
        self._set_position(position)
        describer = self._describer
        if (
            self._state == "playing"
            and describer is not None
            and not describer.source().isEmpty()
            and out_of_step(position, describer.position())
        ):
            describer.setPosition(position)

    def _on_media_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.EndOfMedia and self._state == "playing":
            self._end()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self._record is not None:
            self._fail(self._record["video"], "the file cannot be decoded")

    def _end(self) -> None:
        """Played to the end: its last picture stays, with Replay."""
        if self._describer is not None:
            self._describer.pause()
        self._set_position(self._duration())
        self._set_state("ended")
        self.finished.emit(self._duration())

    def _on_player_error(self, error: Any, message: str) -> None:
        if self._record is not None:
            self._fail(self._record["video"], message or str(error))

    def _fail(self, source: str, message: str) -> None:
        """The film cannot play: its poster and words stay, and the kiosk goes on; said once per file."""
        if source and source not in self._unplayable:
            self._unplayable.add(source)
            log.warning("video: %s cannot be played (%s); its poster is shown instead", source, message)
            self.failed.emit(source, message)
        if self._player is not None:
            self._player.stop()
        if self._describer is not None:
            self._describer.stop()
        self._set_caption("")
        self._set_state("failed")

    # --- For the views ------------------------------------------------------------------------------

    available = Property(bool, lambda self: self._record is not None, notify=filmChanged)
    looping = Property(bool, _looping, notify=filmChanged)
    hasCaptions = Property(
        bool,
        lambda self: bool(self._captions),
        notify=filmChanged,
    )
    hasSound = Property(
        bool, lambda self: bool(self._record and self._record["hasSound"]), notify=filmChanged
    )
    source = Property(str, lambda self: self._record["video"] if self._record else "", notify=filmChanged)
    state = Property(str, lambda self: self._state, notify=stateChanged)
    playing = Property(bool, lambda self: self._state == "playing", notify=stateChanged)
    position = Property(int, lambda self: self._position, notify=positionChanged)
    duration = Property(int, _duration, notify=durationChanged)
    caption = Property(str, lambda self: self._caption, notify=captionChanged)
    captionsOn = Property(bool, lambda self: self._captions_on, notify=captionsOnChanged)
    volume = Property(float, lambda self: self._volume, notify=volumeChanged)
    volumeMin = Property(float, lambda self: self._limits.lowest, constant=True)
    volumeMax = Property(float, lambda self: self._limits.highest, constant=True)
    described = Property(bool, _described, notify=describedChanged)
