"""Builds the kiosk's QML window over its view models; used by the app, the tests and the benchmark."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.input_guard import InputGuard
from kiosk.app.memory import release_freed_memory
from kiosk.app.notices import notify
from kiosk.app.url_policy import (
    ContentUrlPolicy,
    apply_url_policy,
    default_picture_folders,
    picture_folders_of,
)
from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.summary import ExhibitSummary, media_paths, summarize
from kiosk.services.analytics import AnalyticsRecorder
from kiosk.services.clock import SYSTEM_CLOCK, Clock
from kiosk.services.idle import IdleService
from kiosk.services.navigation import NavigationService
from kiosk.services.screen import ScreenPlacement
from kiosk.services.video import DEFAULT_VOLUME, VolumeLimits
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.geometry import KioskGeometry, attach_geometry
from kiosk.viewmodels.interface_language import InterfaceTranslations
from kiosk.viewmodels.narration import KioskNarration
from kiosk.viewmodels.navigation import KioskNavigation
from kiosk.viewmodels.preview import KioskPreview
from kiosk.viewmodels.session import STAFF_HOLD_S, KioskSession
from kiosk.viewmodels.staff import KioskStaff
from kiosk.viewmodels.video import DEFAULT_IDLE_CAP_S, KioskVideo
from kiosk.viewmodels.visits import KioskVisits

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

QML_DIR = Path(__file__).resolve().parents[1] / "qml"
TIDY_DELAY_MS = 2000


class WindowError(RuntimeError):
    """The QML window could not be created: a defect in the views, not in the content."""


@dataclass(frozen=True)
class SessionOptions:
    """How the kiosk treats its visitors; the tests shrink the timings."""

    #: Seconds of quiet before the kiosk asks, and the countdown's length; None: the exhibit's own.
    idle_timeout_s: float | None = None
    countdown_s: float | None = None
    countdown_tick_ms: int = 250
    staff_hold_s: float = STAFF_HOLD_S
    #: What the visit's timeouts count on: the system's clock, or one a test moves.
    clock: Clock = SYSTEM_CLOCK
    #: Full lockdown: keys that would leave do nothing, the window refuses to close or shrink.
    lockdown: bool = False
    #: The screen's picture as mounted: touch targets are 20 mm on it, and the reach mode knows
    #: which part of it a seated visitor can touch.
    screen: ScreenPlacement = field(default_factory=ScreenPlacement)
    #: Where the exhibit's pictures may come from (its published versions, or the folder the
    #: preview follows), besides the shared assets and the tile cache; empty: the folders of the
    #: pictures of the exhibit the window is made for.
    content_folders: tuple[Path, ...] = ()
    #: The installation's limits on pictures' sizes: SVGs are checked against them before they
    #: load, and document pages before their tiles are cut.
    limits: SizeLimits = DEFAULT_LIMITS
    #: Where what visitors do is recorded; None: nowhere.
    analytics: AnalyticsRecorder | None = None
    #: Films' sound level and the visitor's range (the installation's video_volume settings).
    video_volume: VolumeLimits = DEFAULT_VOLUME
    #: The longest a playing film holds the idle timer (the installation's video_idle_cap_s).
    video_idle_cap_s: float = DEFAULT_IDLE_CAP_S


@dataclass
class KioskUi:
    """The window and the objects behind it, kept alive together."""

    engine: QQmlApplicationEngine | None
    window: QQuickWindow
    exhibit: KioskExhibit
    navigation: KioskNavigation
    navigation_service: NavigationService
    idle: IdleService
    session: KioskSession
    staff: KioskStaff
    #: The visitor's options (larger text, reduced motion, reach) and the controls' size.
    access: KioskAccess
    guard: InputGuard = field(repr=False)
    tidy_timer: QTimer = field(repr=False)
    narration: KioskNarration | None = None
    #: What the views may load (kiosk/app/url_policy.py).
    url_policy: ContentUrlPolicy | None = field(default=None, repr=False)
    #: The screen's geometry as the views lay themselves out by it.
    geometry: KioskGeometry | None = field(default=None, repr=False)
    #: What visitors do, for the analytics recorder (kiosk.viewmodels.visits).
    visits: KioskVisits | None = field(default=None, repr=False)
    #: The film of the panel in view (kiosk/viewmodels/video.py).
    video: KioskVideo | None = None

    def tidy(self) -> None:
        """Frees what the last visit left for collection: its screens, scripts and textures."""
        if self.engine is None:
            return
        self.engine.collectGarbage()
        self.engine.trimComponentCache()
        self.window.releaseResources()
        release_freed_memory()

    def attach(self, exhibit: "Exhibit") -> None:
        """Gives the window the validated exhibit behind the summary it was built from."""
        self.exhibit.attach(exhibit)

    def replace_exhibit(self, exhibit: "Exhibit") -> None:
        """Shows another version of the exhibit in this window, at once and in place.

        Whoever is looking stays in the same section (found by its id, wherever it has moved)
        and on the same panel, or as near to it as the new version allows.
        """
        service = self.navigation_service
        section_id = self.exhibit.section_id(service.section)
        panel = service.panel
        self.exhibit.replace(summarize(exhibit), exhibit)
        service.relocate(self.exhibit.panel_counts(), self.exhibit.section_index(section_id), panel)
        self.navigation.refresh()

    def follow_language(self) -> None:
        """Every `qsTr` in the views says its words again, in the language just installed."""
        if self.engine is None:
            return
        self.engine.setUiLanguage(self.exhibit.language)  # type: ignore[arg-type]  # PySide6 stubs: a Property read on an instance is its value
        self.engine.retranslate()

    def dispose(self) -> None:
        """Destroys the QML engine now, while the view models its bindings read are still alive."""
        if self.engine is None:
            return
        if self.visits is not None:
            self.visits.close()
        self.exhibit.stop_background_work()
        self.idle.stop()
        self.guard.allow_close()
        self.guard.release_pointer()
        self.window.close()
        engine, self.engine = self.engine, None
        # Items the views let go of (a screen rebuilt at a visit's end, a delegate) wait for the
        # event loop to delete them; they go now, while what their bindings read is still there,
        # not in whatever runs next.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Deleted now, not whenever Python's collector gets round to the cycles it is part of:
        # the collector may free a view model first, and the engine's bindings would read it.
        shiboken6.delete(engine)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def after_first_frame(window: QQuickWindow, name: str, work: Callable[[], None]) -> QTimer:
    """Does `work` once, on the GUI thread, right after the window's first frame; the timer that
    does it is named `name`."""
    # frameSwapped may come from the render thread; a timer of the GUI thread takes the work back
    # there, once. Not a clock's timer (kiosk.services.clock): it waits for the event loop's next
    # turn, not for any time to pass.
    timer = QTimer(window)
    timer.setObjectName(name)
    timer.setSingleShot(True)
    timer.setInterval(0)

    def once() -> None:
        window.frameSwapped.disconnect(timer.start)
        work()

    timer.timeout.connect(once)
    window.frameSwapped.connect(timer.start)
    return timer


def note_first_frame_shown(window: QQuickWindow) -> None:
    """The screens the home screen does not show are made now (kiosk/qml/Kiosk/Main.qml)."""
    window.setProperty("firstFrameShown", True)


def follow_window_size(window: QQuickWindow, access: KioskAccess) -> None:
    """The controls' size and the layout follow the window's size from now on."""
    access.set_window_size(window.width(), window.height())
    window.widthChanged.connect(lambda: access.set_window_size(window.width(), window.height()))
    window.heightChanged.connect(lambda: access.set_window_size(window.width(), window.height()))


def _svg_refusal(path: Path, limits: SizeLimits) -> str | None:
    """Why the URL policy must not let this SVG load (kiosk.content.svg), or None."""
    # Imported at the first SVG shown, with the XML parser under it: the first frame shows none.
    from kiosk.content.svg import svg_refusal

    return svg_refusal(path, limits=limits)


def _pictures(exhibit: "Exhibit | ExhibitSummary", summary: ExhibitSummary) -> list[Path]:
    if isinstance(exhibit, ExhibitSummary):
        return [
            *(path for section in summary.sections for _, path in section.tile_image or ()),
            *(path for slide in summary.slides for _, path in slide.image),
            *(path for slide in summary.slides for _, path in slide.video or ()),
        ]
    return media_paths(exhibit)


def create_ui(
    exhibit: "Exhibit | ExhibitSummary",
    options: SessionOptions = SessionOptions(),
    staff: KioskStaff | None = None,
    preview: KioskPreview | None = None,
    *,
    cache_dir: Path | None = None,
) -> KioskUi:
    """The window for a validated exhibit, or for a summary of one, to be attached later; page
    tiles are kept in `cache_dir` (the user's cache folder by default)."""
    summary = exhibit if isinstance(exhibit, ExhibitSummary) else summarize(exhibit)
    register_bundled_fonts()
    register_qml_types()
    service = NavigationService([section.panel_count for section in summary.sections])
    engine = QQmlApplicationEngine()
    # The interface's translations go with the window; the default language is installed at once,
    # before the views load.
    exhibit_vm = KioskExhibit(
        summary,
        translations=InterfaceTranslations(parent=engine),
        cache_dir=cache_dir,
        limits=options.limits,
    )
    engine.setUiLanguage(exhibit_vm.language)  # type: ignore[arg-type]  # PySide6 stubs: a Property read on an instance is its value
    navigation = KioskNavigation(exhibit_vm, service)
    idle = IdleService(
        options.idle_timeout_s or summary.idle_timeout,
        options.countdown_s or summary.countdown,
        tick_ms=options.countdown_tick_ms,
        clock=options.clock,
    )
    session = KioskSession(idle, staff_hold_s=options.staff_hold_s)
    staff = staff or KioskStaff()
    service.changed.connect(lambda: idle.set_at_home(service.at_home))
    # The visit is over: the next visitor starts at home, with the staff screens closed.
    idle.sessionEnded.connect(service.go_home)
    idle.sessionEnded.connect(staff.close)
    idle.sessionEnded.connect(exhibit_vm.reset_language)
    access = KioskAccess(options.screen, theme=exhibit_vm.theme)  # type: ignore[arg-type]  # PySide6 stubs: a Property read on an instance is its value
    idle.sessionEnded.connect(access.reset)
    geometry = KioskGeometry(access, parent=engine)

    # Plays the open panel's narration and stops it when the visitor leaves the panel or the visit
    # ends. Owned by the engine: its player goes with the window, on this thread.
    narration = KioskNarration(exhibit_vm, service, session, parent=engine)
    # The same for the film of the panel in view; a film that cannot play is for staff to know.
    video = KioskVideo(
        exhibit_vm,
        service,
        session,
        access,
        volume=options.video_volume,
        idle_cap_s=options.video_idle_cap_s,
        clock=options.clock,
        parent=engine,
    )
    video.failed.connect(
        lambda source, message: notify(f"video:{source}", f"a film cannot be played: {source} ({message})")
    )
    url_policy = ContentUrlPolicy(
        [
            *(options.content_folders or picture_folders_of(_pictures(exhibit, summary))),
            *default_picture_folders(),
            exhibit_vm.documents.cache_dir,
        ],
        functools.partial(_svg_refusal, limits=options.limits),
    )
    engine.addImportPath(str(QML_DIR))
    attach_geometry(engine, geometry)
    apply_url_policy(engine, url_policy)
    errors: list[QQmlError] = []
    engine.warnings.connect(errors.extend)
    properties: dict[str, object] = {
        "exhibit": exhibit_vm,
        "navigation": navigation,
        "session": session,
        "staff": staff,
        "narration": narration,
        "video": video,
        "access": access,
        "geometry": geometry,
    }
    if preview is not None:
        properties["preview"] = preview
    engine.setInitialProperties(properties)
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        details = "; ".join(error.toString() for error in errors) or "no window was created"
        raise WindowError(f"the kiosk window could not be created: {details}")
    window = roots[0]
    # What the home screen does not show is made once it is on show (Main.qml), or sooner on demand.
    after_first_frame(window, "buildAfterFirstFrame", functools.partial(note_first_frame_shown, window))
    follow_window_size(window, access)
    guard = InputGuard(window, idle, lockdown=options.lockdown)
    if options.lockdown:
        # Once the window is on show: hiding it names a cursor shape, of the Qt namespace, whose
        # enums cost Python about 18 ms to make (ADR 41: the first frame waits only for what it shows).
        after_first_frame(window, "hidePointer", guard.hide_pointer)
    visits = engine.singletonInstance("Kiosk.Backend", "KioskVisits")
    if not isinstance(visits, KioskVisits):
        raise WindowError("the visitor events' view model (KioskVisits) could not be made")
    if options.analytics is not None:
        visits.attach(
            options.analytics,
            exhibit=exhibit_vm,
            service=service,
            navigation=navigation,
            idle=idle,
            session=session,
            access=access,
            narration=narration,
            video=video,
        )
        # Before the guard's own handling of the touch: the touch that wakes the loop starts a visit.
        guard.touched.connect(visits.touched)
        guard.keyPressed.connect(visits.touched)
    # Once the old screens are gone and the attract loop has faded in, nobody sees the pause.
    tidy_timer = options.clock.timer("tidyAfterVisit", window)
    tidy_timer.setSingleShot(True)
    tidy_timer.setInterval(TIDY_DELAY_MS)
    ui = KioskUi(
        engine,
        window,
        exhibit_vm,
        navigation,
        service,
        idle,
        session,
        staff,
        access,
        guard,
        tidy_timer,
        narration,
        url_policy,
        geometry,
        visits,
        video,
    )
    tidy_timer.timeout.connect(ui.tidy)
    exhibit_vm.languageChanged.connect(ui.follow_language)
    idle.sessionEnded.connect(tidy_timer.start)
    if not isinstance(exhibit, ExhibitSummary):
        ui.attach(exhibit)
    return ui
