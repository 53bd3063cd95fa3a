"""A film's pictures drawn by Qt Quick's software renderer, which Qt Multimedia's VideoOutput cannot do.

VideoOutput draws through Qt's graphics APIs (QRhi); the software renderer has none, and a
VideoOutput there stays blank while the film plays (docs/adr/0037-films-in-the-software-renderer.md).
A player draws into `KioskVideoSurface` through its `videoSink`, as into a VideoOutput's: it
draws the latest frame as an image node, scaled to
fit and centred. Only the frame about to be drawn is converted to an image: frames that come
faster than the window draws are skipped, not queued.
"""

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QRectF, QSizeF, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickItem, QQuickWindow, QSGImageNode, QSGNode, QSGTexture

from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

# Qt Multimedia is loaded when a film first plays, not with the view models: loading it costs time
# and says things about the machine's sound (kiosk/viewmodels/narration.py does the same).
if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrame, QVideoSink

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskVideoSurface"]


@QmlElement
class KioskVideoSurface(QQuickItem):
    """Draws the frames a MediaPlayer gives its sink, fitted into the item and centred.

    The last frame stays when the film ends or pauses (a stopped player sends an empty frame, which
    is not drawn); `clear()` takes it away. `framesShown` counts the frames drawn, for tests and the
    benchmark.
    """

    hasFrameChanged = Signal()
    cropChanged = Signal()

    def __init__(self, parent: QQuickItem | None = None) -> None:
        super().__init__(parent)
        self.setFlag(QQuickItem.Flag.ItemHasContents, True)
        # Made when a player asks for it: a sink starts Qt Multimedia's backend (FFmpeg, sound).
        self._sink: QVideoSink | None = None
        self._frame: QVideoFrame | None = None
        self._image = QImage()
        self._texture: QSGTexture | None = None
        self._new_frame = False
        self._cleared = False
        self._frames_shown = 0
        self._crop = False
        # The window, as windowChanged gives it: asking for it with window() while Qt draws made
        # PySide take a second wrapper of the QML-made window, and the application's own wrapper
        # of it was invalid once the film's panel had gone.
        self._window: QQuickWindow | None = None
        self.windowChanged.connect(self._on_window)

    def video_sink(self) -> "QVideoSink":
        """The sink a player draws into (`videoSink`, as a VideoOutput has), made when first asked."""
        if self._sink is None:
            from PySide6.QtCore import QCoreApplication, Qt
            from PySide6.QtMultimedia import QVideoSink

            # Frames are to be made into pictures on the processor: without this, Qt Multimedia
            # converts each through an OpenGL context of its own, which without a graphics card is
            # llvmpipe, at ten times the cost (docs/adr/0037-films-in-the-software-renderer.md). It is
            # Qt Multimedia's sign to stay off OpenGL, read at its first conversion; the kiosk has no
            # widgets it would change. Set here, by the first film, rather than with the renderer:
            # naming Qt's namespace makes its enums, which cost the first frame about 13 ms.
            QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ForceRasterWidgets)
            self._sink = QVideoSink(self)
            self._sink.setObjectName("videoSurfaceSink")
            self._sink.videoFrameChanged.connect(self._on_frame)
        return self._sink

    @Slot()
    def clear(self) -> None:
        """Nothing drawn until the next frame: the poster shows through again."""
        self._frame = None
        self._image = QImage()
        self._new_frame = False
        self._cleared = True
        self.hasFrameChanged.emit()
        self.update()

    @Slot("QVideoFrame")
    def _on_frame(self, frame: "QVideoFrame") -> None:
        if not frame.isValid():
            return  # a player stopped or at its end: its last picture stays
        first = self._frame is None and self._image.isNull()
        self._frame = frame
        self._new_frame = True
        self.update()
        if first:
            self.hasFrameChanged.emit()

    @Slot(QQuickWindow)
    def _on_window(self, window: QQuickWindow | None) -> None:
        self._window = window

    # Returning None deletes the node, as in C++; PySide6's stubs say a node must be returned.
    def updatePaintNode(self, node: QSGNode | None, _data: Any) -> QSGNode | None:  # type: ignore[override]
        window = self._window
        if window is None:
            return node
        if self._cleared:
            self._cleared = False
            if node is not None and self._image.isNull():
                self._texture = None  # nor is the last frame's texture kept while the poster shows
                return None  # Qt deletes the node it was given and draws nothing
        if self._new_frame and self._frame is not None:
            # Converted here, once per drawn frame: on the render thread where there is one.
            self._image = self._frame.toImage()
            self._frame = None
            self._new_frame = False
            if not self._image.isNull():
                # Counted, not signalled: this may be the render thread.
                self._frames_shown += 1
            texture = window.createTextureFromImage(self._image)
            # PySide makes the wrapper of a returned object the window's child, kept as long as the
            # window: one per frame drawn, even once its texture is deleted. Taken off the window,
            # the wrapper owns its texture; the surface keeps the one on show, the one before it is
            # deleted with its wrapper.
            texture.setParent(None)
            if node is None:
                node = window.createImageNode()
                node.setFiltering(QSGTexture.Filtering.Linear)
            assert isinstance(node, QSGImageNode)
            node.setTexture(texture)
            self._texture = texture
        if isinstance(node, QSGImageNode) and not self._image.isNull():
            node.setRect(self._fitted(QSizeF(self._image.size())))
        return node

    def _set_crop(self, crop: bool) -> None:
        if crop != self._crop:
            self._crop = crop
            self.cropChanged.emit()
            self.update()

    def _fitted(self, picture: QSizeF) -> QRectF:
        """The picture fitted into the item, or covering it when cropped (the item's parent clips)."""
        scales = (self.width() / picture.width(), self.height() / picture.height())
        scale = max(scales) if self._crop else min(scales)
        width, height = picture.width() * scale, picture.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _has_frame(self) -> bool:
        return self._frame is not None or not self._image.isNull()

    videoSink = Property(QObject, video_sink, constant=True)
    #: Whether the picture covers the item, cut at its edges, rather than fitting inside it.
    crop = Property(bool, lambda self: self._crop, _set_crop, notify=cropChanged)
    #: Frames drawn so far (read by tests and the benchmark, not bound by views).
    framesShown = Property(int, lambda self: self._frames_shown)
    hasFrame = Property(bool, _has_frame, notify=hasFrameChanged)
