"""`kiosk check-install`: whether this installation has all the kiosk needs, checked by using it.

For IT after installing (docs/operations.md), and for the test of the frozen folder in CI
(tests/deploy/test_frozen.py): a folder built without a Qt plugin or QML module starts, and then
shows a blank screen or a view that never loads. This finds that before a visitor does. It loads
every view of kiosk/qml, the fonts and the interface's translations; opens a narration with Qt
Multimedia's backend; shows the exhibit's home screen and checks that something was drawn; and
plays a narration, checking that its captions advance (by the sound, or by the clock when there is
no sound device). Any warning Qt gives on the way fails the check, as it fails a test. Each check
prints one line, `ok` or `FAILED` with the reason; the status is 0 only if all passed.
"""

import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDeadlineTimer,
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    QTranslator,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem

from kiosk.app.fonts import FONTS_DIR
from kiosk.app.window import QML_DIR, KioskUi, SessionOptions, WindowError, create_ui
from kiosk.content.models import narrations
from kiosk.content.paths import DEFAULT_EXHIBIT
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.interface_language import TRANSLATIONS_DIR

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

logger = logging.getLogger(__name__)
EXIT_OK, EXIT_FAILED = 0, 1
#: What Qt says on a machine without sound hardware, which the kiosk is built to run on (its
#: narrations then keep time by a clock): not a fault of the installation.
NO_SOUND_HARDWARE = re.compile(
    r"Couldn't (load|resolve) .* (library|symbols)|PulseAudioService: pa_context_connect\(\) failed|"
    r"No audio device detected"
)
#: The home screen's window, as a 1920x1080 landscape screen shows it.
WINDOW_SIZE = (1920, 1080)
#: A drawn home screen has text, tiles and pictures: many colours. A blank one has one or two.
MIN_COLOURS_DRAWN = 16
#: How long each step may take on a slow machine, cold from the disk.
STEP_TIMEOUT_S = 60.0
POLL_MS = 20
#: The views' errors shown, the first cause first.
MAX_ERRORS_SHOWN = 5


@dataclass
class QtWarnings:
    """The warnings Qt gives while the check runs, apart from those of a machine without sound."""

    seen: list[str] = field(default_factory=list)

    def handle(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or NO_SOUND_HARDWARE.search(message):
            return
        # QML's warnings name their file and line in the message already.
        where = f"{context.file}:{context.line}: " if context.file and context.file not in message else ""
        self.seen.append(f"{where}{message}")
        logger.warning("qt: %s%s", where, message)

    def since(self, count: int) -> list[str]:
        return self.seen[count:]


def wait_until(condition: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> bool:
    """Runs the event loop until `condition` holds, or `timeout_s` has passed; whether it holds."""
    if condition():
        return True
    loop = QEventLoop()
    deadline = QDeadlineTimer(int(timeout_s * 1000))
    poll = QTimer()
    poll.setObjectName("installCheckPoll")
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if condition() or deadline.hasExpired() else None)
    poll.start()
    loop.exec()
    poll.stop()
    return condition()


class InstallCheck:
    """The checks, run in order; each prints its line."""

    def __init__(self, exhibit_dir: Path) -> None:
        self.exhibit_dir = exhibit_dir
        self.warnings = QtWarnings()
        self.failed: list[str] = []

    def report(self, name: str, problem: str | None, done: str) -> bool:
        if problem is None:
            print(f"ok      {name}: {done}", flush=True)
            return True
        print(f"FAILED  {name}: {problem}", flush=True)
        self.failed.append(name)
        return False

    def step(self, name: str, run: Callable[[], str]) -> bool:
        """Runs one check: `run` returns what it found, or raises CheckError; Qt's warnings fail it too."""
        before = len(self.warnings.seen)
        try:
            done = run()
        except CheckError as failure:
            return self.report(name, str(failure), "")
        warned = self.warnings.since(before)
        problem = f"Qt warned: {'; '.join(warned)}" if warned else None
        return self.report(name, problem, done)

    # --- The checks ----------------------------------------------------------------------------

    def views(self) -> str:
        """Every QML file of the kiosk compiles, with every module it imports."""
        register_qml_types()
        engine = QQmlEngine()
        engine.addImportPath(str(QML_DIR))
        files = sorted(QML_DIR.rglob("*.qml"))
        if not files:
            raise CheckError(f"no views in {QML_DIR}")
        errors = []
        for path in files:
            component = QQmlComponent(engine, QUrl.fromLocalFile(str(path)))
            errors += [error.toString() for error in component.errors()]
        del component
        engine.deleteLater()
        if errors:
            # One missing module fails every view that uses it, and those that use them: the
            # module's own message, once, says what to put back.
            unique = list(dict.fromkeys(errors))
            unique.sort(key=lambda error: "is not installed" not in error and "cannot load" not in error)
            more = f"; and {len(unique) - MAX_ERRORS_SHOWN} more" if len(unique) > MAX_ERRORS_SHOWN else ""
            raise CheckError("; ".join(unique[:MAX_ERRORS_SHOWN]) + more)
        return f"{len(files)} QML files of {QML_DIR} load"

    def fonts(self) -> str:
        files = sorted(FONTS_DIR.glob("*.[ot]tf"))
        refused = [path.name for path in files if QFontDatabase.addApplicationFont(str(path)) < 0]
        if not files or refused:
            raise CheckError(f"fonts that do not load from {FONTS_DIR}: {', '.join(refused) or 'none there'}")
        return f"{len(files)} fonts of {FONTS_DIR} load"

    def translations(self) -> str:
        files = sorted(TRANSLATIONS_DIR.glob("*.qm"))
        refused = [path.name for path in files if not QTranslator().load(str(path))]
        if not files or refused:
            raise CheckError(
                f"translations that do not load: {', '.join(refused) or 'none in ' + str(TRANSLATIONS_DIR)}"
            )
        return f"{len(files)} interface translations load"

    def multimedia(self, exhibit: "Exhibit") -> str:
        """Qt Multimedia's backend opens the exhibit's first narration (played to no device)."""
        from PySide6.QtMultimedia import QMediaPlayer

        sound = first_narration_sound(exhibit)
        if sound is None:
            return "the exhibit has no narration; Qt Multimedia not checked"
        player = QMediaPlayer()
        player.setObjectName("installCheckPlayer")
        try:
            if not player.isAvailable():
                raise CheckError("Qt Multimedia has no backend (the FFmpeg media plugin is missing)")
            player.setSource(QUrl.fromLocalFile(str(sound)))
            settled = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.InvalidMedia)
            if not wait_until(
                lambda: player.mediaStatus() in settled or player.error() != QMediaPlayer.Error.NoError
            ):
                raise CheckError(f"{sound.name} did not open within {STEP_TIMEOUT_S:g} s")
            if player.error() != QMediaPlayer.Error.NoError or player.duration() <= 0:
                raise CheckError(f"{sound.name} cannot be played: {player.errorString() or 'no duration'}")
            return f"{sound.name} opens, {player.duration() / 1000:.1f} s"
        finally:
            player.setSource(QUrl())
            player.deleteLater()

    def home_screen(self, ui: KioskUi) -> str:
        ui.window.resize(*WINDOW_SIZE)
        ui.window.show()
        # Set once the window's first frame has been drawn (kiosk.app.window).
        if not wait_until(lambda: bool(ui.window.property("firstFrameShown"))):
            raise CheckError(f"the window drew no frame within {STEP_TIMEOUT_S:g} s")
        if not ui.navigation_service.at_home:
            raise CheckError("the kiosk did not open on its home screen")
        # The tiles' pictures are asked for after the first frame (ADR 41): the check waits for
        # them, so that a picture that cannot be decoded (a missing image plugin) is this step's.
        if not wait_until(lambda: pictures_settled(ui.window.contentItem())):
            raise CheckError(f"the home screen's pictures did not load within {STEP_TIMEOUT_S:g} s")
        colours = count_colours(ui.window.grabWindow())
        if colours < MIN_COLOURS_DRAWN:
            raise CheckError(f"the home screen is blank ({colours} colours drawn)")
        return f"drawn, {colours} colours at {WINDOW_SIZE[0]}x{WINDOW_SIZE[1]}"

    def narration(self, ui: KioskUi, exhibit: "Exhibit") -> str:
        place = first_narration_place(exhibit)
        narration = ui.narration
        if place is None or narration is None:
            return "the exhibit has no narration"
        ui.navigation_service.open_section(*place)
        if not wait_until(lambda: bool(narration.property("available"))):
            raise CheckError("the narration's panel did not offer it")
        captions: list[str] = []
        narration.captionChanged.connect(lambda: captions.append(narration.property("caption")))
        narration.play()
        try:
            if not wait_until(lambda: len({caption for caption in captions if caption}) >= 2):
                shown = [caption for caption in captions if caption]
                raise CheckError(f"the captions did not advance (shown: {shown or 'none'})")
        finally:
            narration.stop()
        section = exhibit.sections[place[0]]
        return f"captions advance in section '{section.id}', panel {place[1] + 1}"

    def run(self) -> int:
        previous = qInstallMessageHandler(self.warnings.handle)
        try:
            self.run_checks()
        finally:
            qInstallMessageHandler(previous)
        if self.failed:
            print(
                f"kiosk check-install: {len(self.failed)} failed: {', '.join(self.failed)}", file=sys.stderr
            )
            return EXIT_FAILED
        print(f"kiosk check-install: all passed for {self.exhibit_dir}", file=sys.stderr)
        return EXIT_OK

    def run_checks(self) -> None:
        from kiosk.content.loader import load_exhibit

        self.step("views", self.views)
        self.step("fonts", self.fonts)
        self.step("translations", self.translations)
        result = load_exhibit(self.exhibit_dir)
        if result.exhibit is None:
            self.report("exhibit", f"{self.exhibit_dir} is not valid; `kiosk validate` says why", "")
            return
        exhibit = result.exhibit
        self.step("multimedia", lambda: self.multimedia(exhibit))
        try:
            ui = create_ui(exhibit, SessionOptions())
        except WindowError as error:
            self.report("home screen", str(error), "")
            return
        try:
            if self.step("home screen", lambda: self.home_screen(ui)):
                self.step("narration", lambda: self.narration(ui, exhibit))
        finally:
            ui.dispose()


class CheckError(Exception):
    """One check failed, for the reason given."""


def pictures_settled(root: QQuickItem) -> bool:
    """Whether the home screen has asked for its pictures and none of them is still loading."""
    home = next((item for item in _items(root) if item.objectName() == "homeScreen"), None)
    if home is None or not home.property("picturesShown"):
        return False
    # Each tile's picture is a Figure (Figure.qml), which says whether its picture is on its way.
    return not any(item.property("loading") is True for item in _items(home))


def _items(root: QQuickItem) -> list[QQuickItem]:
    found: list[QQuickItem] = []
    pending = [root]
    while pending:
        item = pending.pop()
        found.append(item)
        pending.extend(item.childItems())
    return found


def count_colours(image: QImage, samples: int = 64) -> int:
    """How many colours a grid of samples×samples points of `image` has: one for a blank window."""
    if image.isNull():
        return 0
    return len(
        {
            image.pixel(image.width() * column // samples, image.height() * row // samples)
            for row in range(samples)
            for column in range(samples)
        }
    )


def first_narration_place(exhibit: "Exhibit") -> tuple[int, int] | None:
    for section_index, section in enumerate(exhibit.sections):
        for panel_index, panel in enumerate(section.panels):
            if panel.narration is not None:
                return section_index, panel_index
    return None


def first_narration_sound(exhibit: "Exhibit") -> Path | None:
    place = first_narration_place(exhibit)
    if place is None:
        return None
    panel = exhibit.sections[place[0]].panels[place[1]]
    return next((narration.audio.path for _, narration in narrations(panel.narration)), None)


def check_install(exhibit_dir: Path | None) -> int:
    """Runs every check on `exhibit_dir` (default: the shipped exhibit); 0 if all passed."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _application = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    return InstallCheck(exhibit_dir or DEFAULT_EXHIBIT).run()
