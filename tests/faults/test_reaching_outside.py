"""Nothing a visitor sees comes from outside the exhibit, whatever the content or the cache holds.

Validation refuses markup in text and pictures from elsewhere; these tests go round it, as a
damaged cache or a defect would, and check what the screen itself does: text is shown as written,
pictures outside the exhibit's folders are not drawn, and nothing is fetched from a network.
"""

import dataclasses
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtNetwork import QNetworkReply, QNetworkRequest
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi, SessionOptions, create_ui
from kiosk.content.loader import load_exhibit
from kiosk.content.localized import Localized
from kiosk.content.summary import summarize
from tests.conftest import MINI_EXHIBIT
from tests.gui.conftest import search_item, wait_until_settled

SECRET_RED = QColor("#FF0000")


class CountingServer(http.server.ThreadingHTTPServer):
    """A real web server on this machine that counts what it is asked for."""

    def __init__(self, picture: bytes) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(picture)

            def log_message(self, *_: Any) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A picture outside every exhibit, all red: if any of it is drawn, it shows."""
    image = QImage(400, 400, QImage.Format.Format_RGB32)
    image.fill(SECRET_RED)
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    assert image.save(str(path))
    return path


@pytest.fixture
def server(secret: Path) -> Iterator[CountingServer]:
    running = CountingServer(secret.read_bytes())
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def hostile(text: str, secret: Path, server: CountingServer) -> str:
    return (
        f'{text} <img src="{QUrl.fromLocalFile(str(secret)).toString()}" width="400" height="400">'
        f'<img src="{server.url}/from-a-text.png" width="400" height="400">'
        f'<a href="{server.url}/a-link">a link</a>'
    )


def with_hostile_text(node: Any, secret: Path, server: CountingServer) -> Any:
    """The node with markup added to every text of it, in every language: what validation refuses."""
    if isinstance(node, Localized):
        return Localized(tuple((code, hostile(text, secret, server)) for code, text in node.by_language))
    if isinstance(node, BaseModel):
        changes = {
            name: with_hostile_text(getattr(node, name), secret, server) for name in type(node).model_fields
        }
        return node.model_copy(update=changes)
    if isinstance(node, tuple):
        return tuple(with_hostile_text(item, secret, server) for item in node)
    if isinstance(node, dict):
        return {key: with_hostile_text(value, secret, server) for key, value in node.items()}
    return node


def shows_red(ui: KioskUi) -> bool:
    image = ui.window.grabWindow()
    step = 4
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            if image.pixelColor(x, y) == SECRET_RED:
                return True
    return False


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Any]:
    opened: list[KioskUi] = []

    def open_(exhibit: Any, options: SessionOptions | None = None) -> KioskUi:
        ui = create_ui(exhibit, options or SessionOptions())
        opened.append(ui)
        ui.window.resize(1920, 1080)
        with qtbot.waitSignal(ui.window.frameSwapped):
            ui.window.show()
        qtbot.waitUntil(lambda: search_item(ui.window.contentItem(), "sectionTile0") is not None)
        return ui

    yield open_
    for ui in opened:
        ui.dispose()


def test_markup_in_any_text_is_shown_as_written_on_every_screen(
    qtbot: QtBot, open_window: Any, secret: Path, server: CountingServer
) -> None:
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    ui = open_window(with_hostile_text(exhibit, secret, server))
    screens = 0
    wait_until_settled(qtbot, ui)
    assert not shows_red(ui), "the home screen drew a picture named in a text"
    for section, count in enumerate(ui.exhibit.panel_counts()):
        for panel in range(count):
            ui.navigation_service.open_section(section, panel)
            wait_until_settled(qtbot, ui)
            with qtbot.waitSignal(ui.window.frameSwapped):
                ui.window.update()
            assert not shows_red(ui), (
                f"panel {panel + 1} of section {section + 1} drew a picture named in a text"
            )
            screens += 1
    assert screens == sum(ui.exhibit.panel_counts())
    assert server.requests == []


def test_a_picture_from_outside_the_exhibit_is_not_drawn(
    qtbot: QtBot, open_window: Any, secret: Path
) -> None:
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    summary = summarize(exhibit)
    # As a damaged cache might name it: the first tile's picture is the outside one.
    sections = (dataclasses.replace(summary.sections[0], tile_image=(("*", secret),)), *summary.sections[1:])
    ui = open_window(
        dataclasses.replace(summary, sections=sections), SessionOptions(content_folders=(MINI_EXHIBIT,))
    )
    tile = search_item(ui.window.contentItem(), "sectionTile0")
    assert tile is not None
    qtbot.waitUntil(lambda: ui.url_policy is not None and ui.url_policy.refusals() >= 1)
    assert not shows_red(ui)


def test_an_svg_naming_a_file_outside_itself_is_not_drawn(
    qtbot: QtBot, open_window: Any, secret: Path, tmp_path: Path
) -> None:
    import shutil

    exhibit_dir = Path(shutil.copytree(MINI_EXHIBIT, tmp_path / "exhibit"))
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    tile = exhibit_dir / "media" / "tile-outside.svg"
    tile.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="800" height="600" viewBox="0 0 800 600">'
        f'<image x="0" y="0" width="800" height="600" xlink:href="{secret}"/></svg>',
        encoding="utf-8",
    )
    summary = summarize(exhibit)
    sections = (dataclasses.replace(summary.sections[0], tile_image=(("*", tile),)), *summary.sections[1:])
    ui = open_window(
        dataclasses.replace(summary, sections=sections), SessionOptions(content_folders=(exhibit_dir,))
    )
    qtbot.waitUntil(lambda: ui.url_policy is not None and ui.url_policy.refusals() >= 1)
    assert not shows_red(ui)


def test_the_views_network_access_fetches_nothing(
    qtbot: QtBot, open_window: Any, server: CountingServer
) -> None:
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    ui = open_window(exhibit)
    assert ui.engine is not None
    reply = ui.engine.networkAccessManager().get(QNetworkRequest(QUrl(f"{server.url}/direct.png")))
    with qtbot.waitSignal(reply.finished):
        pass
    assert reply.error() != QNetworkReply.NetworkError.NoError
    assert server.requests == []
