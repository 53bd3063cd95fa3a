"""What the QML engine may load: the kiosk's own views, and pictures from inside the exhibit.

Content reaches the views as data, and data can name things. Validation refuses what a curator
should not write, but the kiosk also shows what was read back from disk (snapshots, published
versions) and whatever a defect might let through, so the engine itself keeps to a policy:

- every URL passes the interceptor: a picture or other file named by a view (an `Image`'s source,
  an image in styled text) loads only from the exhibit's folders, the shared assets and the tile
  cache, and an SVG only if it names no file or address outside itself; other schemes than the
  kiosk's own (file, qrc, its image providers) are refused, so nothing is fetched from a network;
- the engine's network access manager refuses every request, should a URL ever get past.

A refused picture shows as nothing (an empty, transparent image) and is logged once; the visitor
sees no error.
"""

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtQml import (
    QQmlAbstractUrlInterceptor,
    QQmlEngine,
    QQmlImageProviderBase,
    QQmlNetworkAccessManagerFactory,
)
from PySide6.QtQuick import QQuickImageProvider

logger = logging.getLogger(__name__)

#: The image provider that stands in for a refused picture.
REFUSED_PROVIDER = "refused"
REFUSED = QUrl(f"image://{REFUSED_PROVIDER}/picture")
#: Schemes that never leave the machine and never name a file of the exhibit.
_OWN_SCHEMES = frozenset({"qrc", "image"})

#: Why an SVG must not be loaded, or None (kiosk.content.svg.svg_refusal).
SvgCheck = Callable[[Path], "str | None"]


class ContentUrlPolicy(QQmlAbstractUrlInterceptor):
    """Intercepts every URL the engine resolves, and refuses what leads outside the exhibit.

    `folders` are where pictures may come from (the exhibit's published versions, the shared
    assets, the tile cache); `set_folders` changes them, for a new version in another place.
    `svg_refusal` says why an SVG must not be loaded (a reference to anything outside itself, a
    picture inside it over the size limits), or None.
    """

    def __init__(self, folders: Iterable[Path], svg_refusal: SvgCheck) -> None:
        super().__init__()
        self._svg_refusal = svg_refusal
        self._lock = threading.Lock()
        self._folders: tuple[Path, ...] = ()
        self._refused: set[str] = set()
        #: Each SVG's verdict, by its path, size and time of change: a view asks for its picture
        #: several times as it lays itself out (a home screen's tile, about ten), and reading the
        #: file each time was most of the policy's share of the start-up. A file changed is read again.
        self._svg_verdicts: dict[tuple[Path, int, int], bool] = {}
        #: The engine's network access, kept here: the engine does not own its factory.
        self.network = NoNetwork()
        self.set_folders(folders)

    @property
    def folders(self) -> tuple[Path, ...]:
        return self._folders

    def set_folders(self, folders: Iterable[Path]) -> None:
        resolved = []
        for folder in folders:
            try:
                resolved.append(Path(folder).resolve())
            except OSError:
                continue
        self._folders = tuple(dict.fromkeys(resolved))

    # PySide6 stubs: Qt always passes a QUrl; the str they allow is only for calls from Python.
    def intercept(self, url: QUrl, kind: QQmlAbstractUrlInterceptor.DataType) -> QUrl:  # type: ignore[override]
        scheme = url.scheme().lower()
        if url.isEmpty() or scheme in _OWN_SCHEMES:
            return url
        if kind != QQmlAbstractUrlInterceptor.DataType.UrlString:
            # The views themselves, their scripts and QML modules: local files only, never fetched.
            return url if scheme == "file" else self._refuse(url, "the views load only from this machine")
        if scheme != "file":
            return self._refuse(url, "pictures come from the exhibit's files, never from elsewhere")
        return self._picture(url)

    def refusals(self) -> int:
        """How many different URLs have been refused so far."""
        with self._lock:
            return len(self._refused)

    def allows_file(self, path: Path) -> bool:
        """Whether a picture at this path may be shown: inside the folders, and a safe SVG if one."""
        try:
            resolved = path.resolve()
        except (OSError, ValueError):
            return False
        if not any(resolved.is_relative_to(folder) for folder in self._folders):
            return False
        if resolved.suffix.lower() != ".svg":
            return True
        return self._svg_is_safe(resolved)

    def _picture(self, url: QUrl) -> QUrl:
        path = Path(url.toLocalFile())
        if not url.toLocalFile() or not self.allows_file(path):
            return self._refuse(url, "it is not a picture of the exhibit, or it names files outside itself")
        return url

    def _svg_is_safe(self, path: Path) -> bool:
        try:
            status = path.stat()
        except OSError:
            return False  # nothing there to draw
        key = (path, status.st_size, status.st_mtime_ns)
        with self._lock:
            verdict = self._svg_verdicts.get(key)
        if verdict is None:
            verdict = self._check_svg(path)
            with self._lock:
                self._svg_verdicts[key] = verdict
        return verdict

    def _check_svg(self, path: Path) -> bool:
        try:
            refusal = self._svg_refusal(path)
        except Exception as error:  # a file no check can read is no file to show
            refusal = f"it cannot be checked ({type(error).__name__})"
        if refusal is None:
            return True
        with self._lock:
            first = str(path) not in self._refused
            self._refused.add(str(path))
        if first:
            logger.warning("refused the picture %s: %s", path, refusal)
        return False

    def _refuse(self, url: QUrl, why: str) -> QUrl:
        shown = url.toString()[:300]
        with self._lock:
            first = shown not in self._refused
            self._refused.add(shown)
        if first:
            logger.warning("refused to load %s: %s", shown, why)
        return REFUSED


class _RefusedPictures(QQuickImageProvider):
    """What a refused picture shows: nothing, in the size asked for."""

    def __init__(self) -> None:
        super().__init__(QQmlImageProviderBase.ImageType.Image)

    def requestImage(self, _id: str, size: object, requested: object) -> QImage:
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(0, 0, 0, 0))
        return image


class _RefusingNetworkAccessManager(QNetworkAccessManager):
    """Answers every request with an error, and fetches nothing."""

    def createRequest(
        self, operation: QNetworkAccessManager.Operation, request: QNetworkRequest, data: object = None
    ) -> QNetworkReply:
        logger.warning("refused a network request from the views: %s", request.url().toString()[:300])
        # A scheme nobody serves: Qt answers with an error reply at once, and opens no connection.
        return super().createRequest(operation, QNetworkRequest(QUrl("refused:")), None)


class NoNetwork(QQmlNetworkAccessManagerFactory):
    """The QML engine's network access: none at all."""

    def create(self, parent: QObject) -> QNetworkAccessManager:
        return _RefusingNetworkAccessManager(parent)


def apply_url_policy(engine: QQmlEngine, policy: ContentUrlPolicy) -> None:
    """Puts the policy in force on the engine; call before anything is loaded."""
    engine.addUrlInterceptor(policy)
    engine.addImageProvider(REFUSED_PROVIDER, _RefusedPictures())
    engine.setNetworkAccessManagerFactory(policy.network)


def default_picture_folders() -> list[Path]:
    """The folders every kiosk may load from, whatever its exhibit: the shared assets, and the
    views themselves (a `Loader`'s source is a URL like a picture's)."""
    from kiosk.content.paths import DEFAULT_ASSETS_DIR

    return [DEFAULT_ASSETS_DIR, Path(__file__).resolve().parents[1] / "qml"]


def picture_folders_of(paths: Iterable[Path]) -> list[Path]:
    """The folders holding these pictures: for an exhibit whose own folder is not known."""
    return sorted({Path(path).parent for path in paths})
