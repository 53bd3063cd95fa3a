"""The film's frames: each shot's drawing, drawn by Qt's SVG renderer as the kiosk draws it, under
a moving camera, cross-faded into the next and faded to black at the end."""

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from tools.film.script import Framing, Shot
from tools.film.timeline import CROSSFADE_S, END_S, FRAMES_PER_SECOND, Timeline


class DrawingError(Exception):
    pass


@dataclass(frozen=True)
class Camera:
    """Where the picture is looking at a moment: a framing between the shot's two."""

    zoom: float
    x: float
    y: float


def eased(fraction: float) -> float:
    """Starts and ends gently, as a camera operator would."""
    fraction = min(1.0, max(0.0, fraction))
    return 0.5 - 0.5 * math.cos(math.pi * fraction)


def between(start: Framing, end: Framing, fraction: float) -> Camera:
    step = eased(fraction)
    return Camera(
        zoom=start.zoom * (end.zoom / start.zoom) ** step,
        x=start.x + (end.x - start.x) * step,
        y=start.y + (end.y - start.y) * step,
    )


class Drawing:
    def __init__(self, path: Path) -> None:
        self.renderer = QSvgRenderer(str(path))
        if not self.renderer.isValid():
            raise DrawingError(f"{path} is not a drawing Qt can render")
        self.box = self.renderer.viewBoxF()
        # Large enough that the corner pixel is the paper alone, clear of any frame drawn near it.
        small = QImage(
            math.ceil(512 * self.box.width() / self.box.height()), 512, QImage.Format.Format_RGB888
        )
        small.fill(QColor("white"))
        painter = QPainter(small)
        self.renderer.render(painter, QRectF(0, 0, small.width(), small.height()))
        painter.end()
        #: The paper the drawing is on (its top left corner), continued beyond its edges.
        self.paper = small.pixelColor(1, 1)

    def draw(self, painter: QPainter, width: int, height: int, camera: Camera) -> None:
        painter.fillRect(0, 0, width, height, self.paper)
        scale = camera.zoom * height / self.box.height()
        drawn_width, drawn_height = self.box.width() * scale, self.box.height() * scale
        left = width / 2 - camera.x * drawn_width
        top = height / 2 - camera.y * drawn_height
        self.renderer.render(painter, QRectF(left, top, drawn_width, drawn_height))


class Frames:
    """Draws frame n of the film at the given size; the same frame is the same pixels every time."""

    def __init__(self, shots: list[Shot], timeline: Timeline, exhibit: Path, width: int, height: int) -> None:
        self.shots = shots
        self.timeline = timeline
        self.width, self.height = width, height
        self.drawings = {shot.drawing: Drawing(exhibit / shot.drawing) for shot in shots}
        self.layers = [QImage(width, height, QImage.Format.Format_RGB888) for _ in range(2)]
        self.frame = QImage(width, height, QImage.Format.Format_RGB888)

    def _draw_shot(self, index: int, seconds: float, image: QImage) -> None:
        shot, time = self.shots[index], self.timeline.shots[index]
        # The camera moves over all the time the shot is seen, cross-fades included.
        seen_from = max(0.0, time.start - CROSSFADE_S / 2)
        seen_until = min(self.timeline.seconds, time.end + CROSSFADE_S / 2)
        camera = between(shot.camera.start, shot.camera.end, (seconds - seen_from) / (seen_until - seen_from))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.drawings[shot.drawing].draw(painter, self.width, self.height, camera)
        painter.end()

    def draw(self, number: int) -> QImage:
        seconds = number / FRAMES_PER_SECOND
        times = self.timeline.shots
        current = next(
            index for index, time in enumerate(times) if seconds < time.end or index == len(times) - 1
        )
        self._draw_shot(current, seconds, self.frame)
        painter = QPainter(self.frame)
        # Mid-way through a cross-fade, the shot on either side of the cut shows half.
        if current + 1 < len(times) and seconds > times[current].end - CROSSFADE_S / 2:
            self._draw_shot(current + 1, seconds, self.layers[0])
            painter.setOpacity((seconds - (times[current].end - CROSSFADE_S / 2)) / CROSSFADE_S)
            painter.drawImage(0, 0, self.layers[0])
        elif current > 0 and seconds < times[current].start + CROSSFADE_S / 2:
            self._draw_shot(current - 1, seconds, self.layers[0])
            painter.setOpacity(1.0 - (seconds - (times[current].start - CROSSFADE_S / 2)) / CROSSFADE_S)
            painter.drawImage(0, 0, self.layers[0])
        fade_from = self.timeline.seconds - END_S
        if seconds > fade_from:
            painter.setOpacity(min(1.0, (seconds - fade_from) / END_S))
            painter.fillRect(0, 0, self.width, self.height, Qt.GlobalColor.black)
        painter.end()
        return self.frame

    def rgb(self, number: int) -> bytes:
        """Frame n as packed RGB rows, as FFmpeg's rawvideo rgb24 reads them."""
        image = self.draw(number)
        row = self.width * 3
        bits = bytes(image.constBits())
        if image.bytesPerLine() == row:
            return bits
        stride = image.bytesPerLine()
        return b"".join(bits[line * stride : line * stride + row] for line in range(self.height))
