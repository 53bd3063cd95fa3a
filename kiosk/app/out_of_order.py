"""The out-of-order screen: what visitors see while the kiosk cannot start, instead of a desktop.

The supervisor shows it when the kiosk has failed again and again, in safe mode too, or has
nothing valid to show (kiosk/app/supervisor.py). It must not fail for the reasons the kiosk did,
so it needs as little as possible: no QML and no scene graph (a raster window that Qt's painter
draws, which no graphics driver can stop), no pydantic, no snapshot, no cache. It reads the
exhibit's palette, type and languages from `exhibit.yaml` (of the version on show, else of the
folder) with the plain YAML reader, and checks every value: anything unusable, or a file that
cannot be read at all, gives the engine's default palette. What it says is the interface's own
words, in each of the exhibit's languages that the interface speaks.

It is locked down as the kiosk is (full-screen, frameless and on top; no key does anything; it
refuses to close), it beats the supervisor's heartbeat, and it is never the end: it exits with
`EXIT_RESTART`, so that the supervisor tries the kiosk again, as soon as the exhibit folder or
its published versions change (a share mounted, a curator's fix, a rollback), and after its retry
period in any case.
"""

import dataclasses
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import Property, QEvent, QObject, QPointF, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QRasterWindow,
    QTextLayout,
    QTextOption,
)

from kiosk import __version__
from kiosk.app.display import show_window
from kiosk.app.fonts import register_bundled_fonts
from kiosk.app.heartbeat import Heartbeat
from kiosk.app.logs import close_logging, configure_logging
from kiosk.app.qt_messages import route_qt_messages_to_logging
from kiosk.app.supervision import EXIT_RESTART, EXIT_SOFTWARE, REASON_ENV
from kiosk.app.termination import stop_on_signals
from kiosk.content.contrast import TEXT_CONTRAST, contrast_ratio
from kiosk.content.layout.geometry import REFERENCE_SIDE_PX, TYPE_SCALE
from kiosk.content.paths import DEFAULT_EXHIBIT, EXHIBIT_FILE
from kiosk.content.versions import VersionStore, folder_fingerprint
from kiosk.content.yaml_source import read_yaml
from kiosk.services.background import BackgroundJob
from kiosk.viewmodels.interface_language import QT_TRANSLATE_NOOP, SOURCE_LANGUAGE, InterfaceTranslations

logger = logging.getLogger(__name__)

#: Said to visitors while the kiosk cannot start: calm and short, never an error.
HEADLINE = QT_TRANSLATE_NOOP("OutOfOrder", "This exhibit is taking a short rest.")
SUBLINE = QT_TRANSLATE_NOOP("OutOfOrder", "It will be back soon.")

DEFAULT_RETRY_AFTER_S = 300.0
#: How often the exhibit folder and its versions are looked at; a change counts once two looks
#: this far apart agree, so that a folder still being copied is not taken for a fix.
LOOK_INTERVAL_MS = 2000

#: The engine's default theme (kiosk.content.models.Theme), repeated so that this screen needs
#: no pydantic; a test keeps the two the same.
DEFAULT_PAPER = "#F3ECDF"
DEFAULT_INK = "#1E1A17"
DEFAULT_INK_SOFT = "#4F463E"
DEFAULT_ACCENTS = ("#1F3A66", "#9E2B25")
DEFAULT_DISPLAY_FONT = "Noto Serif"
DEFAULT_BODY_FONT = "Noto Serif"

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
_FONT_FAMILY = re.compile(r"^[\w][\w .'-]{0,63}$")
#: Languages shown at most: each says the same, and the type must stay large.
MOST_LANGUAGES = 4
LONGEST_TITLE = 120

#: Sizes in pixels on the kiosk's reference screen (kiosk/content/layout/geometry.py): the
#: exhibit's title at the title size, the message at about the display size, which reads from
#: well beyond two metres.
TITLE_PX = TYPE_SCALE["title"]
HEADLINE_PX = 84
SUBLINE_PX = 40
MARGIN_PX = 96
BAR_PX = (120, 8)
#: Lines are kept to at most this many ems of the headline's size (about 40 characters).
MEASURE_EM = 20
SMALLEST_SCALE = 0.4


@dataclass(frozen=True)
class Look:
    """The exhibit as this screen shows it: palette, type, languages and title, all checked."""

    paper: str = DEFAULT_PAPER
    ink: str = DEFAULT_INK
    ink_soft: str = DEFAULT_INK_SOFT
    accents: tuple[str, ...] = DEFAULT_ACCENTS
    display_font: str = DEFAULT_DISPLAY_FONT
    body_font: str = DEFAULT_BODY_FONT
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    #: The exhibit's title in each language it gives one; empty when it has none that can be shown.
    titles: Mapping[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The title in the exhibit's first language that has one."""
        return next((self.titles[code] for code in self.languages if code in self.titles), "")


def exhibit_file(exhibit_dir: Path, data_dir: Path) -> Path:
    """The `exhibit.yaml` of the version on show, else of the folder."""
    try:
        current = VersionStore.for_exhibit(data_dir, exhibit_dir).current()
    except (OSError, ValueError):
        current = None
    if current is not None and (current.folder / EXHIBIT_FILE).is_file():
        return current.folder / EXHIBIT_FILE
    return exhibit_dir / EXHIBIT_FILE


def read_look(path: Path) -> Look:
    """The look of the exhibit in `path`, value by value; what cannot be used is the default's."""
    try:
        document = read_yaml(path).data
    except Exception as error:  # whatever the file holds, this screen shows
        logger.info("out-of-order screen: the exhibit's own look is not used (%s: %s)", path, error)
        return Look()
    return look_from(document)


def look_from(document: Any) -> Look:
    """A `Look` from exhibit.yaml's plain data, which may be anything at all."""
    document = document if isinstance(document, Mapping) else {}
    theme = _mapping(document.get("theme"))
    fonts = _mapping(theme.get("fonts"))
    paper = _colour(theme.get("paper"), DEFAULT_PAPER)
    ink = _colour(theme.get("ink"), DEFAULT_INK)
    ink_soft = _colour(theme.get("ink_soft"), DEFAULT_INK_SOFT)
    if contrast_ratio(ink, paper) < TEXT_CONTRAST:  # a palette that cannot be read is not the exhibit's
        paper, ink, ink_soft = DEFAULT_PAPER, DEFAULT_INK, DEFAULT_INK_SOFT
    if contrast_ratio(ink_soft, paper) < TEXT_CONTRAST:
        ink_soft = ink
    accents = tuple(value for value in _mapping(theme.get("accents")).values() if _is_colour(value))[:2]
    languages = tuple(
        dict.fromkeys(
            code
            for code in _sequence(document.get("languages"))
            if isinstance(code, str) and _LANGUAGE.match(code)
        )
    )[:MOST_LANGUAGES]
    languages = languages or (SOURCE_LANGUAGE,)
    return Look(
        paper=paper,
        ink=ink,
        ink_soft=ink_soft,
        accents=accents or DEFAULT_ACCENTS,
        display_font=_family(fonts.get("display"), DEFAULT_DISPLAY_FONT),
        body_font=_family(fonts.get("body"), DEFAULT_BODY_FONT),
        languages=languages,
        titles=_titles(document.get("title"), languages),
    )


def _mapping(value: Any) -> Mapping[Any, Any]:
    return value if isinstance(value, Mapping) else {}


def _sequence(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


def _is_colour(value: Any) -> bool:
    return isinstance(value, str) and bool(_COLOUR.match(value))


def _colour(value: Any, default: str) -> str:
    return value if _is_colour(value) else default


def _family(value: Any, default: str) -> str:
    return value.strip() if isinstance(value, str) and _FONT_FAMILY.match(value.strip()) else default


def _titles(value: Any, languages: tuple[str, ...]) -> dict[str, str]:
    given = value if isinstance(value, Mapping) else {languages[0]: value}
    titles = {}
    for code in languages:
        text = given.get(code)
        if isinstance(text, str):
            text = " ".join(text.split())  # no line breaks, tabs or runs of spaces
            if 0 < len(text) <= LONGEST_TITLE and text.isprintable():
                titles[code] = text
    return titles


@dataclass(frozen=True)
class Message:
    """What the screen says in one language."""

    language: str
    headline: str
    subline: str


def messages_for(languages: Sequence[str], translations: InterfaceTranslations) -> list[Message]:
    """The message in each of `languages` the interface speaks, in their order; English at least."""
    messages: list[Message] = []
    for code in languages:
        if not translations.has(code):
            continue
        message = Message(
            code,
            translations.translate(code, "OutOfOrder", HEADLINE),
            translations.translate(code, "OutOfOrder", SUBLINE),
        )
        if all((message.headline, message.subline) != (m.headline, m.subline) for m in messages):
            messages.append(message)
    return messages or [Message(SOURCE_LANGUAGE, HEADLINE, SUBLINE)]


@dataclass(frozen=True)
class Placed:
    """A paragraph set in its lines, or a bar of colour when `text` is None, and where it goes."""

    rect: QRect
    colour: str
    text: QTextLayout | None = None


def lay_out(size: QSize, look: Look, messages: Sequence[Message]) -> list[Placed]:
    """Where everything goes on a screen of `size`: the title and its bars at the top left, as on the
    exhibit's home screen, and the message in each language below, set as large as fits."""
    unit = min(size.width(), size.height()) / REFERENCE_SIDE_PX
    scale = 1.0
    while True:
        placed, bottom = _placed(size, look, messages, unit * scale)
        if bottom <= size.height() - MARGIN_PX * unit or scale <= SMALLEST_SCALE:
            return placed
        scale = max(SMALLEST_SCALE, scale * 0.9)


def _placed(size: QSize, look: Look, messages: Sequence[Message], unit: float) -> tuple[list[Placed], int]:
    margin = round(MARGIN_PX * unit)
    width = min(size.width() - 2 * margin, round(MEASURE_EM * HEADLINE_PX * unit))
    placed: list[Placed] = []
    top = margin
    if look.title:
        title = _paragraph(
            look.title, look.display_font, TITLE_PX * unit, size.width() - 2 * margin, bold=True
        )
        placed.append(Placed(_at(title, margin, top), look.ink, title))
        top += _height(title) + round(18 * unit)
    bar_width, bar_height = (round(side * unit) for side in BAR_PX)
    for index, accent in enumerate(look.accents):
        placed.append(Placed(QRect(margin + index * bar_width, top, bar_width, bar_height), accent))
    room_top = top + bar_height + margin
    between_lines = round(18 * unit)
    between_languages = round(64 * unit)
    paragraphs = [
        (
            _paragraph(message.headline, look.display_font, HEADLINE_PX * unit, width),
            _paragraph(message.subline, look.body_font, SUBLINE_PX * unit, width, leading=1.3),
        )
        for message in messages
    ]
    height = sum(_height(headline) + between_lines + _height(subline) for headline, subline in paragraphs)
    height += between_languages * (len(paragraphs) - 1)
    # The message sits a little above the middle of what is left, where the eye rests.
    top = room_top + max(0, round((size.height() - margin - room_top - height) * 0.4))
    for headline, subline in paragraphs:
        placed.append(Placed(_at(headline, margin, top), look.ink, headline))
        top += _height(headline) + between_lines
        placed.append(Placed(_at(subline, margin, top), look.ink_soft, subline))
        top += _height(subline) + between_languages
    return placed, top - between_languages


def _paragraph(
    text: str, family: str, pixels: float, width: int, *, leading: float = 1.12, bold: bool = False
) -> QTextLayout:
    """`text` set as plain text (no markup is ever read) in lines at most `width` pixels long, each
    `leading` ems below the last: display type is set close, as on a poster."""
    font = QFont(family)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    step = pixels * leading
    layout.beginLayout()
    y = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += step
    layout.endLayout()
    return layout


def _height(layout: QTextLayout) -> int:
    lines = layout.lineCount()
    if not lines:
        return 0
    last = layout.lineAt(lines - 1)
    return ceil(last.y() + last.height())


def _at(layout: QTextLayout, left: int, top: int) -> QRect:
    return QRect(left, top, ceil(layout.boundingRect().width()), _height(layout))


def paint(painter: QPainter, size: QSize, look: Look, messages: Sequence[Message]) -> None:
    """Draws the screen: the exhibit's paper, its title and accents, and the message."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRect(0, 0, size.width(), size.height()), QColor(look.paper))
    for piece in lay_out(size, look, messages):
        if piece.text is None:
            painter.fillRect(piece.rect, QColor(piece.colour))
        else:
            painter.setPen(QColor(piece.colour))
            piece.text.draw(painter, QPointF(piece.rect.topLeft()))


class OutOfOrderScreen(QRasterWindow):
    """Draws the look and the messages; locked down with `lockdown`, as the kiosk's window is."""

    def __init__(self, look: Look, messages: Sequence[Message], *, lockdown: bool) -> None:
        super().__init__()
        self.setObjectName("outOfOrderScreen")
        self.setTitle("kiosk")
        self._look = look
        self._messages = list(messages)
        self._lockdown = lockdown
        self._may_close = False
        if lockdown:
            self.setCursor(Qt.CursorShape.BlankCursor)

    @property
    def look(self) -> Look:
        return self._look

    def allow_close(self) -> None:
        self._may_close = True

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint(painter, self.size(), self._look, self._messages)
        painter.end()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if self._lockdown:
            if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
                return True  # nothing here answers a key, and no key may leave
            if kind == QEvent.Type.Close and not self._may_close:
                logger.info("refused to close the out-of-order screen")
                event.ignore()
                return True
        return super().event(event)

    def _locked_down(self) -> bool:
        return bool(self.flags() & Qt.WindowType.FramelessWindowHint)

    def _lock_down(self, on: bool) -> None:
        kept_in_front = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        self.setFlags(self.flags() | kept_in_front if on else self.flags() & ~kept_in_front)

    #: Without a frame and in front, as kiosk.app.display.show_window asks of the kiosk's windows
    #: (Main.qml has its own).
    lockedDown = Property(bool, _locked_down, _lock_down)

    def show_on_screen(self, *, windowed: bool, size: tuple[int, int] | None = None) -> None:
        """Full-screen on the primary screen and in front, as the kiosk's own window is, following
        the screen as it changes and coming back when a window manager takes it away."""
        show_window(self, windowed=windowed, size=size)


class ExhibitWatch(QObject):
    """Looks at the exhibit folder and its published versions every few seconds.

    The looks are taken off the UI thread, so that a share that hangs cannot freeze the screen or
    its heartbeat. `changed` reports, once, the first difference from the first look that two
    looks in a row agree on.
    """

    #: What changed, in words for the log.
    changed = Signal(str)

    def __init__(
        self,
        store: VersionStore,
        interval_ms: int = LOOK_INTERVAL_MS,
        parent: QObject | None = None,
        *,
        look: Callable[[VersionStore], tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._first: tuple[str, ...] | None = None
        self._last: tuple[str, ...] | None = None
        self._reported = False
        look_at = look or exhibit_state
        self._job = BackgroundJob(lambda: look_at(store), self)
        self._job.finished.connect(self._seen)
        self._job.failed.connect(lambda message: logger.warning("looking at the exhibit failed: %s", message))
        self._timer = QTimer(self)
        self._timer.setObjectName("outOfOrderLook")
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._job.request)

    @property
    def timer(self) -> QTimer:
        return self._timer

    def start(self, first: tuple[str, ...] | None = None) -> None:
        """Starts looking; `first`, when given, is the state to compare with (else the first look's)."""
        self._first = first
        self._timer.start()
        if first is None:
            self._job.request()

    def stop(self) -> None:
        self._timer.stop()
        self._job.wait()

    @Slot(object)
    def _seen(self, state: tuple[str, ...]) -> None:
        if self._first is None:
            self._first = state
            return
        settled = state == self._last
        self._last = state
        if settled and state != self._first and not self._reported:
            self._reported = True
            self.changed.emit(describe_change(self._first, state))


def exhibit_state(store: VersionStore) -> tuple[str, ...]:
    """What the folder and the versions look like now: (folder, versions, current version)."""
    source = store.source
    if not source.exists():
        folder = "missing"
    elif not (source / EXHIBIT_FILE).is_file():
        folder = "no exhibit.yaml"
    else:
        folder = folder_fingerprint(source)
    versions = " ".join(version.name for version in store.versions())
    return folder, versions, store.current_name()


def describe_change(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    if before[0] != after[0]:
        if before[0] in ("missing", "no exhibit.yaml"):
            return "the exhibit folder appeared"
        return "the exhibit folder is gone" if after[0] == "missing" else "the exhibit folder changed"
    return "the published versions changed"


@dataclass(frozen=True)
class OutOfOrderOptions:
    """`kiosk out-of-order`'s options: those of `kiosk run` that concern it, and the retry period."""

    windowed: bool = False
    size: tuple[int, int] | None = None
    settings_path: Path | None = None
    log_dir: Path | None = None
    data_dir: Path | None = None
    retry_after_s: float = DEFAULT_RETRY_AFTER_S
    look_interval_ms: int = LOOK_INTERVAL_MS
    #: Log the notes of the libraries the kiosk uses as well (kiosk.app.logs.QUIET_LIBRARIES).
    verbose: bool = False


def run_out_of_order(exhibit_dir: Path | None, options: OutOfOrderOptions = OutOfOrderOptions()) -> int:
    """Shows the out-of-order screen until the exhibit changes or the retry period has passed.

    Returns `EXIT_RESTART` then, for the supervisor to try the kiosk again; `EXIT_SOFTWARE` if the
    screen itself failed (logged with its traceback).
    """
    settings_exhibit, log_dir = _installation(options.settings_path)
    exhibit_dir = exhibit_dir or settings_exhibit or DEFAULT_EXHIBIT
    try:
        log_file = configure_logging(options.log_dir or log_dir, verbose=options.verbose)
    except Exception as error:  # the log folder cannot be used: standard error still reaches the journal
        logging.basicConfig(level=logging.INFO)
        logger.warning("out-of-order screen: logging to standard error only (%s)", error)
        log_file = None
    try:
        return _show(exhibit_dir, options, log_file)
    except Exception:
        logger.exception("the out-of-order screen failed")
        return EXIT_SOFTWARE
    finally:
        close_logging()


def _installation(settings_path: Path | None) -> tuple[Path | None, Path | None]:
    """The exhibit and the log folder of the installation settings, if they can be read at all."""
    try:
        from kiosk.services.settings import default_settings_path, load_settings

        settings, _ = load_settings(settings_path or default_settings_path())
    except Exception:
        return None, None
    return settings.exhibit, settings.log_dir


def _show(exhibit_dir: Path, options: OutOfOrderOptions, log_file: Path | None) -> int:
    data_dir = options.data_dir or Path(platformdirs.user_data_dir("kiosk", appauthor=False))
    store = VersionStore.for_exhibit(data_dir, exhibit_dir)
    first = exhibit_state(store)  # at once: a change from here on is one the kiosk has not seen
    route_qt_messages_to_logging()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    app.setApplicationName("kiosk")
    app.setApplicationVersion(__version__)
    source = exhibit_file(exhibit_dir, data_dir)
    logger.info(
        "kiosk %s: out-of-order screen for %s, in the look of %s; log %s",
        __version__,
        exhibit_dir,
        source,
        log_file,
    )
    if reason := os.environ.get(REASON_ENV):
        logger.info("out-of-order screen shown because %s", reason)
    register_bundled_fonts()
    look = read_look(source)
    families = set(QFontDatabase.families())
    look = dataclasses.replace(
        look,
        display_font=look.display_font if look.display_font in families else DEFAULT_DISPLAY_FONT,
        body_font=look.body_font if look.body_font in families else DEFAULT_BODY_FONT,
    )
    messages = messages_for(look.languages, InterfaceTranslations(parent=app))

    heartbeat = Heartbeat.from_environment(app)
    screen = OutOfOrderScreen(look, messages, lockdown=not options.windowed)
    watch = ExhibitWatch(store, options.look_interval_ms, app)
    retry = QTimer(app)
    retry.setObjectName("outOfOrderRetry")
    retry.setSingleShot(True)
    retry.setInterval(round(options.retry_after_s * 1000))

    def try_again(why: str) -> None:
        logger.info("%s; asking the supervisor to try the kiosk again", why)
        screen.allow_close()
        app.exit(EXIT_RESTART)

    watch.changed.connect(try_again)
    retry.timeout.connect(
        lambda: try_again(f"the out-of-order screen has been up for {options.retry_after_s:g} s")
    )
    screen.show_on_screen(windowed=options.windowed, size=options.size)
    watch.start(first)
    retry.start()
    try:
        with stop_on_signals(app.exit, parent=app):
            return app.exec()
    finally:
        retry.stop()
        watch.stop()
        if heartbeat is not None:
            heartbeat.stop()
        screen.destroy()
