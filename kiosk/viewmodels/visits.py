"""What visitors do, as the analytics recorder keeps it (kiosk.services.analytics, docs/privacy.md).

`KioskVisits` follows the visit (its start at a touch, its end and why), the visitor's place (the
sections opened, each panel shown, for how long and how it was reached), the countdown, the
language, the access options and the narration from the view models' own signals. What only the
views see (a pinch, a page turned, a note, a timeline event, a picture or a term opened) they tell
it through its slots: it is a QML singleton, `KioskVisits.noteOpened(2)`, reachable from any view.
Until the app attaches a recorder, every slot does nothing.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from kiosk.analytics.schema import (
    AccessOption,
    Description,
    End,
    Kind,
    Navigation,
    Seek,
    Start,
    Switch,
    VideoStart,
    Zoom,
)
from kiosk.content.bounds import IDENTIFIER
from kiosk.services.analytics import AnalyticsRecorder
from kiosk.services.idle import IdleEnd, IdleService, IdleState
from kiosk.services.navigation import NavigationService
from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

if TYPE_CHECKING:
    from kiosk.viewmodels.access import KioskAccess
    from kiosk.viewmodels.exhibit import KioskExhibit
    from kiosk.viewmodels.narration import KioskNarration
    from kiosk.viewmodels.navigation import KioskNavigation
    from kiosk.viewmodels.session import KioskSession
    from kiosk.viewmodels.video import KioskVideo

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskVisits"]

_ENDS = {
    IdleEnd.IDLE_TIMEOUT: End.IDLE_TIMEOUT,
    IdleEnd.COUNTDOWN: End.COUNTDOWN,
    IdleEnd.CLOSING: End.CLOSING_HOURS,
    IdleEnd.ASKED: End.HOME,
    IdleEnd.ERROR: End.ERROR,
}
#: What a visitor met when the kiosk started over after an unexpected error.
STARTED_OVER = "unexpected error: the kiosk started over"


@QmlElement
@QmlSingleton
class KioskVisits(QObject):
    """The visitor events of one window, handed to its recorder."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._recorder: AnalyticsRecorder | None = None
        self._exhibit: KioskExhibit | None = None
        self._service: NavigationService | None = None
        self._navigation: KioskNavigation | None = None
        self._idle: IdleService | None = None
        self._session: KioskSession | None = None
        #: The panel on screen: (section index, panel index, how it was reached, shown since (s)).
        self._place: tuple[int, int, Navigation, float] | None = None
        # Whether the visitor has gone back to the home screen from a section (Home, Back from a
        # first panel, All sections): a visit that then times out there ended at home.
        self._back_home = False
        self._idle_state = IdleState.VISITING
        self._countdown_since = 0.0
        self._narration_place: tuple[str | None, int | None] = (None, None)
        self._attract_slide = 0

    @property
    def recorder(self) -> AnalyticsRecorder | None:
        return self._recorder

    def attach(
        self,
        recorder: AnalyticsRecorder,
        *,
        exhibit: "KioskExhibit",
        service: NavigationService,
        navigation: "KioskNavigation",
        idle: IdleService,
        session: "KioskSession",
        access: "KioskAccess",
        narration: "KioskNarration | None",
        video: "KioskVideo | None" = None,
    ) -> None:
        """Follows the window's view models from now on, recording into `recorder`."""
        self._recorder = recorder
        self._exhibit = exhibit
        self._service = service
        self._navigation = navigation
        self._idle = idle
        self._session = session
        self._idle_state = idle.state
        recorder.set_language(exhibit.language)  # type: ignore[arg-type]  # PySide6 stubs: a Property read on an instance is its value
        service.changed.connect(self._on_moved)
        idle.stateChanged.connect(self._on_idle_state)
        idle.sessionEnded.connect(self._on_visit_over)
        exhibit.languageChanged.connect(self._on_language)
        options = (
            (access.largeTextChanged, lambda: access.large_text, AccessOption.LARGER_TEXT),
            (
                access.reducedMotionChanged,
                lambda: bool(access.property("reducedMotion")),
                AccessOption.REDUCED_MOTION,
            ),
            (access.reachModeChanged, lambda: access.reach_mode, AccessOption.REACH),
            (
                access.audioDescriptionChanged,
                lambda: bool(access.property("audioDescription")),
                AccessOption.AUDIO_DESCRIPTION,
            ),
        )
        for changed, is_on, option in options:
            changed.connect(lambda is_on=is_on, option=option: self._on_option(is_on(), option))
        if narration is not None:
            narration.narrationStarted.connect(self._on_narration_started)
            narration.narrationEnded.connect(self._on_narration_ended)
        if video is not None:
            self._follow_video(video)

    # --- The visit ---------------------------------------------------------------------------

    @Slot()
    def touched(self) -> None:
        """A finger or key on the window: the first of a visit starts it."""
        recorder, idle, session = self._recorder, self._idle, self._session
        if recorder is None or idle is None or session is None or recorder.visit is not None:
            return
        if session.property("mode") == "closed":
            return
        self._back_home = False
        if idle.state is IdleState.ATTRACT:
            recorder.start_visit(Start.ATTRACT)
            recorder.record(
                Kind.ATTRACT_INTERRUPTED, detail=str(self._attract_slide) if self._attract_slide else None
            )
        else:
            recorder.start_visit(Start.HOME)

    def close(self) -> None:
        """The window is going (staff chose Exit, or a restart): the visit ends here."""
        if self._recorder is not None and self._recorder.visit is not None:
            self._leave_panel()
            self._recorder.end_visit(End.RESTART)

    @Slot()
    def _on_visit_over(self) -> None:
        recorder, idle = self._recorder, self._idle
        if recorder is None or idle is None:
            return
        self._leave_panel()
        if idle.end_reason is IdleEnd.ERROR:
            recorder.record(Kind.ERROR_SHOWN, detail=STARTED_OVER)
        end = _ENDS[idle.end_reason]
        recorder.end_visit(End.HOME if end is End.IDLE_TIMEOUT and self._back_home else end)

    @Slot()
    def _on_idle_state(self) -> None:
        recorder, idle = self._recorder, self._idle
        if recorder is None or idle is None:
            return
        before, self._idle_state = self._idle_state, idle.state
        now = idle.clock.monotonic()
        if idle.state is IdleState.COUNTDOWN:
            self._countdown_since = now
            recorder.record(Kind.COUNTDOWN_SHOWN)
        elif before is IdleState.COUNTDOWN and idle.state is IdleState.VISITING:
            recorder.record(Kind.COUNTDOWN_ANSWERED, duration_ms=round((now - self._countdown_since) * 1000))

    # --- The visitor's place -----------------------------------------------------------------

    @Slot()
    def _on_moved(self) -> None:
        service, navigation = self._service, self._navigation
        if self._recorder is None or service is None or navigation is None:
            return
        how = navigation.take_move()
        section_before = self._place[0] if self._place is not None else NavigationService.HOME
        self._leave_panel()
        self._back_home = service.at_home and section_before != NavigationService.HOME
        if service.at_home:
            return
        if service.section != section_before:
            self._recorder.record(Kind.SECTION_OPENED, section=self._section_id(service.section))
            how = Navigation.OPENED
        self._place = (service.section, service.panel, how, self._now())

    def _leave_panel(self) -> None:
        if self._recorder is None or self._place is None:
            return
        section, panel, how, since = self._place
        self._place = None
        self._recorder.record(
            Kind.PANEL_SHOWN,
            section=self._section_id(section),
            panel=panel + 1,
            panel_title=self._panel_title(section, panel),
            detail=how.value,
            duration_ms=round((self._now() - since) * 1000),
        )

    def _on_panel(self, kind: Kind, detail: str | None = None, duration_ms: int | None = None) -> None:
        """An event of the panel on screen."""
        if self._recorder is None:
            return
        section, panel = self._where()
        self._recorder.record(kind, section=section, panel=panel, detail=detail, duration_ms=duration_ms)

    def _on_numbered(self, kind: Kind, number: int) -> None:
        if number >= 1:
            self._on_panel(kind, str(number))

    def _where(self) -> tuple[str | None, int | None]:
        if self._place is None:
            return None, None
        return self._section_id(self._place[0]), self._place[1] + 1

    def _section_id(self, section: int) -> str | None:
        return None if self._exhibit is None else self._exhibit.section_id(section)

    def _panel_title(self, section: int, panel: int) -> str | None:
        """The panel's title in the exhibit's first language, the same whatever the visitor reads."""
        exhibit = self._exhibit
        model = None if exhibit is None else exhibit.model
        if exhibit is None or model is None or not 0 <= section < len(model.sections):
            return None
        panels = model.sections[section].panels
        if not 0 <= panel < len(panels) or panels[panel].title is None:
            return None
        return exhibit.presenter_for(exhibit.default_language).text(panels[panel].title) or None

    def _now(self) -> float:
        return 0.0 if self._idle is None else self._idle.clock.monotonic()

    # --- Choices -----------------------------------------------------------------------------

    @Slot()
    def _on_language(self) -> None:
        recorder, exhibit = self._recorder, self._exhibit
        if recorder is None or exhibit is None:
            return
        language: str = exhibit.language  # type: ignore[assignment]  # PySide6 stubs: a Property read on an instance is its value
        recorder.set_language(language)
        # Put back at the end of a visit by the kiosk, not chosen by anyone.
        if recorder.visit is not None:
            recorder.record(Kind.LANGUAGE_SWITCHED, detail=language)

    def _on_option(self, on: bool, option: AccessOption) -> None:
        if on and self._recorder is not None and self._recorder.visit is not None:
            self._recorder.record(Kind.ACCESS_OPTION_ON, detail=option.value)

    @Slot()
    def _on_narration_started(self) -> None:
        self._narration_place = self._where()
        self._on_narration(Kind.NARRATION_STARTED)

    @Slot(bool, int)
    def _on_narration_ended(self, finished: bool, heard_ms: int) -> None:
        self._on_narration(Kind.NARRATION_FINISHED if finished else Kind.NARRATION_STOPPED, heard_ms)

    def _on_narration(self, kind: Kind, duration_ms: int | None = None) -> None:
        # A narration belongs to the panel it began on, even when leaving that panel stopped it.
        if self._recorder is not None:
            section, panel = self._narration_place
            self._recorder.record(kind, section=section, panel=panel, duration_ms=duration_ms)

    def _follow_video(self, video: "KioskVideo") -> None:
        """A film's events belong to the panel on show: a film plays only there."""
        video.played.connect(
            lambda how, position: self._on_panel(Kind.VIDEO_PLAYED, VideoStart(how).value, position)
        )
        video.paused.connect(lambda position: self._on_panel(Kind.VIDEO_PAUSED, duration_ms=position))
        video.sought.connect(
            lambda before, after: self._on_panel(
                Kind.VIDEO_SOUGHT, (Seek.FORWARD if after >= before else Seek.BACK).value, after
            )
        )
        video.finished.connect(lambda length: self._on_panel(Kind.VIDEO_FINISHED, duration_ms=length))
        video.captionsToggled.connect(
            lambda on: self._on_panel(Kind.VIDEO_CAPTIONS_TOGGLED, (Switch.ON if on else Switch.OFF).value)
        )
        video.describedPlay.connect(
            lambda how: self._on_panel(Kind.VIDEO_DESCRIPTION_CHOSEN, Description(how).value)
        )

    # --- What the views tell -----------------------------------------------------------------

    @Slot(int)
    def attractSlideShown(self, number: int) -> None:
        """The attract loop shows its slide `number` (1-based): a touch now interrupts it."""
        self._attract_slide = max(0, number)

    @Slot(str)
    def documentZoomed(self, how: str) -> None:
        """A document was zoomed in: how is "pinch", "button", "double_tap" or "wheel"."""
        if how in {zoom.value for zoom in Zoom}:
            self._on_panel(Kind.DOCUMENT_ZOOMED, how)

    @Slot(int)
    def pageTurned(self, page: int) -> None:
        """A document's page was turned to `page` (1-based)."""
        self._on_numbered(Kind.DOCUMENT_PAGE_TURNED, page)

    @Slot(int)
    def noteOpened(self, number: int) -> None:
        """A letter's note was opened: its number in the letter (1-based)."""
        self._on_numbered(Kind.NOTE_OPENED, number)

    @Slot(int)
    def timelineEventOpened(self, number: int) -> None:
        """A timeline event was opened: its number (1-based)."""
        self._on_numbered(Kind.TIMELINE_EVENT_OPENED, number)

    @Slot(int)
    def pictureOpened(self, number: int) -> None:
        """A gallery picture was opened full size: its number (1-based)."""
        self._on_numbered(Kind.GALLERY_PICTURE_OPENED, number)

    @Slot(str)
    def termOpened(self, termId: str) -> None:  # noqa: N803  # QML's name for it
        """A glossary term was opened in a panel's text: its id in the exhibit's glossary."""
        # Only an id is kept, never words a view might pass by mistake.
        if IDENTIFIER.fullmatch(termId):
            self._on_panel(Kind.TERM_OPENED, termId)

    def error_shown(self, what: str) -> None:
        """Something went wrong in front of a visitor: `what` is the kiosk's own fixed words."""
        self._on_panel(Kind.ERROR_SHOWN, what)
