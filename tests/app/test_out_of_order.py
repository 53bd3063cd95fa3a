"""The out-of-order screen: the exhibit's look read value by value, the words, the layout, lockdown,
and the watch on the exhibit that sends the supervisor back to the kiosk."""

import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.out_of_order import (
    DEFAULT_ACCENTS,
    DEFAULT_INK,
    DEFAULT_INK_SOFT,
    DEFAULT_PAPER,
    ExhibitWatch,
    Look,
    Message,
    OutOfOrderScreen,
    exhibit_file,
    exhibit_state,
    lay_out,
    look_from,
    messages_for,
    paint,
    read_look,
)
from kiosk.app.supervisor import EXIT_RESTART
from kiosk.content.contrast import TEXT_CONTRAST, contrast_ratio
from kiosk.content.versions import VersionStore
from kiosk.viewmodels.interface_language import InterfaceTranslations
from tests.conftest import MINI_EXHIBIT, REPOSITORY

MOON_PHASES = REPOSITORY / "exhibits" / "moon-phases"
RECOGNITION = REPOSITORY / "exhibits" / "recognition-1933"
COLOUR = r"^#[0-9A-Fa-f]{6}$"


def test_the_defaults_are_the_engine_s_default_theme() -> None:
    from kiosk.content.models import Theme

    theme = Theme()
    assert (theme.paper, theme.ink, theme.ink_soft) == (DEFAULT_PAPER, DEFAULT_INK, DEFAULT_INK_SOFT)
    assert tuple(theme.accents.values()) == DEFAULT_ACCENTS
    assert (Look().display_font, Look().body_font) == (theme.fonts.display, theme.fonts.body)


def test_the_exhibit_s_palette_type_languages_and_title_are_read() -> None:
    look = read_look(RECOGNITION / "exhibit.yaml")
    assert (look.paper, look.ink) == (DEFAULT_PAPER, DEFAULT_INK), "the 1933 exhibit keeps the default paper"
    assert look.accents == ("#1F3A66", "#9E2B25")
    assert look.languages == ("en", "ru")
    assert look.titles == {"en": "Recognition, 1933", "ru": "Признание, 1933"}
    moon = read_look(MOON_PHASES / "exhibit.yaml")
    assert (moon.paper, moon.ink, moon.ink_soft) == ("#0E1526", "#F1EEE4", "#B9C0D4")


@pytest.mark.parametrize(
    "text",
    [
        "title: [\n",  # a YAML mistake
        "\x00\x01binary",
        "- a list\n- not a mapping\n",
        "theme: {paper: red, ink: 12, accents: [1, 2]}\nlanguages: English\ntitle: {en: [1]}\n",
    ],
)
def test_a_damaged_exhibit_file_gives_the_default_look(tmp_path: Path, text: str) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    look = read_look(path)
    assert (look.paper, look.ink, look.ink_soft, look.accents) == (
        DEFAULT_PAPER,
        DEFAULT_INK,
        DEFAULT_INK_SOFT,
        DEFAULT_ACCENTS,
    )
    assert look.languages == ("en",)


def test_a_missing_exhibit_file_gives_the_default_look(tmp_path: Path) -> None:
    assert read_look(tmp_path / "nowhere" / "exhibit.yaml") == Look()


def test_text_that_cannot_be_read_on_its_paper_gives_the_default_pair() -> None:
    look = look_from({"theme": {"paper": "#777777", "ink": "#787878", "ink_soft": "#767676"}})
    assert (look.paper, look.ink, look.ink_soft) == (DEFAULT_PAPER, DEFAULT_INK, DEFAULT_INK_SOFT)
    faint_soft = look_from({"theme": {"paper": "#000000", "ink": "#FFFFFF", "ink_soft": "#101010"}})
    assert faint_soft.ink_soft == "#FFFFFF", "a faint second colour gives way to the ink"


def test_titles_are_kept_only_when_they_can_be_shown() -> None:
    look = look_from(
        {
            "languages": ["en", "ru", "de"],
            "title": {"en": "  Moon\n phases ", "ru": "x" * 500, "de": "\x07bell"},
        }
    )
    assert look.titles == {"en": "Moon phases"}
    assert look_from({"title": "Plain title"}).title == "Plain title"


# Anything at all that YAML can hold, where exhibit.yaml's keys are.
_plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_colourish = st.from_regex(COLOUR, fullmatch=True) | _plain
_exhibit_like = st.fixed_dictionaries(
    {},
    optional={
        "theme": st.fixed_dictionaries(
            {},
            optional={
                "paper": _colourish,
                "ink": _colourish,
                "ink_soft": _colourish,
                "accents": st.dictionaries(st.text(max_size=6), _colourish, max_size=3) | _plain,
                "fonts": st.dictionaries(st.sampled_from(["display", "body"]), _plain | st.text()),
            },
        )
        | _plain,
        "languages": st.lists(st.sampled_from(["en", "ru", "fr", "xx-YY"]) | _plain, max_size=6) | _plain,
        "title": st.dictionaries(st.sampled_from(["en", "ru"]), st.text(max_size=140) | _plain) | _plain,
    },
)


@settings(deadline=None, max_examples=200)
@given(document=_exhibit_like | _plain)
def test_whatever_the_file_holds_the_look_is_usable(document: Any) -> None:
    look = look_from(document)
    for colour in (look.paper, look.ink, look.ink_soft, *look.accents):
        assert re.match(COLOUR, colour)
    assert contrast_ratio(look.ink, look.paper) >= TEXT_CONTRAST
    assert contrast_ratio(look.ink_soft, look.paper) >= TEXT_CONTRAST
    assert 1 <= len(look.accents) <= 2
    assert 1 <= len(look.languages) <= 4
    assert all(text.isprintable() and 0 < len(text) <= 120 for text in look.titles.values())


def test_the_look_is_the_version_on_show_s_else_the_folder_s(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    folder = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, folder)
    assert exhibit_file(folder, data_dir) == folder / "exhibit.yaml"
    store = VersionStore.for_exhibit(data_dir, folder)
    version = store.publish().version
    assert version is not None
    assert exhibit_file(folder, data_dir) == version.folder / "exhibit.yaml"


def test_the_message_is_said_in_each_language_the_interface_speaks(qtbot: QtBot) -> None:
    translations = InterfaceTranslations()
    messages = messages_for(("ru", "en", "xx"), translations)
    assert [message.language for message in messages] == ["ru", "en"], "no words for xx: it is left out"
    assert messages[0].headline == "Эта выставка ненадолго отдыхает."
    assert messages[1] == Message("en", "This exhibit is taking a short rest.", "It will be back soon.")
    assert [m.language for m in messages_for(("xx",), translations)] == ["en"], "English at least"


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920), QSize(1280, 720), QSize(800, 600)])
def test_everything_fits_on_the_screen_in_four_languages(qtbot: QtBot, size: QSize) -> None:
    look = Look(
        languages=("en", "ru", "en-GB", "ru-RU"),
        titles={"en": "A long exhibit title that goes on and on " * 2},
    )
    long = "Эта выставка ненадолго отдыхает, и вернётся, как только сможет."
    messages = [Message(code, long, long) for code in look.languages]
    placed = lay_out(size, look, messages)
    screen = QRect(QPoint(0, 0), size)
    for piece in placed:
        assert screen.contains(piece.rect), (size, piece.rect)
    texts = [piece for piece in placed if piece.text is not None]
    assert all(one.rect.bottom() < other.rect.top() for one, other in itertools.pairwise(texts)), "no overlap"


def render(size: QSize, look: Look, messages: list[Message]) -> QImage:
    image = QImage(size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint(painter, size, look, messages)
    painter.end()
    return image


def test_the_screen_is_drawn_in_the_exhibit_s_colours(qtbot: QtBot) -> None:
    look = read_look(MOON_PHASES / "exhibit.yaml")
    messages = messages_for(look.languages, InterfaceTranslations())
    size = QSize(1920, 1080)
    image = render(size, look, messages)
    for x, y in ((0, 0), (1919, 1079), (1919, 0), (0, 1079)):
        assert image.pixelColor(x, y).name().upper() == look.paper.upper()
    colours = {image.pixelColor(x, y).name().upper() for x in range(0, 1920, 3) for y in range(0, 1080, 3)}
    assert look.ink.upper() in colours, "the message is written in the exhibit's ink"
    bars = [piece for piece in lay_out(size, look, messages) if piece.text is None]
    for bar, accent in zip(bars, look.accents, strict=True):
        assert image.pixelColor(bar.rect.center()).name().upper() == accent.upper()


def test_the_screen_is_locked_down(qtbot: QtBot) -> None:
    screen = OutOfOrderScreen(Look(), [Message("en", "Resting.", "Back soon.")], lockdown=True)
    screen.show_on_screen(windowed=True, size=(800, 600))
    qtbot.waitExposed(screen)
    for key, modifiers in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ):
        QTest.keyClick(screen, key, modifiers)
    assert screen.isVisible()
    assert not screen.close(), "closing is refused"
    assert screen.isVisible()
    screen.allow_close()
    assert screen.close()


def test_a_full_screen_screen_covers_the_whole_screen(qtbot: QtBot) -> None:
    screen = OutOfOrderScreen(Look(), [Message("en", "Resting.", "Back soon.")], lockdown=True)
    screen.show_on_screen(windowed=False)
    qtbot.waitExposed(screen)
    qtbot.waitUntil(screen.isActive)
    assert screen.geometry() == screen.screen().geometry()
    assert screen.flags() & Qt.WindowType.FramelessWindowHint
    assert screen.flags() & Qt.WindowType.WindowStaysOnTopHint
    screen.allow_close()
    screen.close()


def test_the_watch_reports_a_folder_that_appears(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "share" / "mini"
    store = VersionStore.for_exhibit(tmp_path / "data", folder)
    watch = ExhibitWatch(store, interval_ms=20)
    assert watch.timer.objectName() == "outOfOrderLook"
    watch.start(exhibit_state(store))
    with qtbot.waitSignal(watch.changed, timeout=5000) as seen:
        shutil.copytree(MINI_EXHIBIT, folder)
    assert seen.args == ["the exhibit folder appeared"]
    watch.stop()


def test_the_watch_reports_a_changed_folder_and_new_versions(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI_EXHIBIT, folder)
    store = VersionStore.for_exhibit(tmp_path / "data", folder)
    watch = ExhibitWatch(store, interval_ms=20)
    watch.start(exhibit_state(store))
    with qtbot.waitSignal(watch.changed, timeout=5000) as seen:
        (folder / "exhibit.yaml").write_text(
            (folder / "exhibit.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
        )
    assert seen.args == ["the exhibit folder changed"]
    watch.stop()

    versions = ExhibitWatch(store, interval_ms=20)
    versions.start(exhibit_state(store))
    with qtbot.waitSignal(versions.changed, timeout=5000) as seen:
        store.root.mkdir(parents=True, exist_ok=True)
        (store.root / "current").write_text("20260101-000000-00000000\n", encoding="utf-8")
    assert seen.args == ["the published versions changed"]
    versions.stop()


def test_kiosk_out_of_order_asks_for_the_kiosk_again_after_its_retry_period(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HEARTBEAT": str(tmp_path / "beat")}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "out-of-order",
            str(tmp_path / "no-such-exhibit"),
            "--retry-after",
            "1",
            "--log-dir",
            str(tmp_path / "logs"),
            "--settings",
            str(tmp_path / "settings.yaml"),
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == EXIT_RESTART, completed.stderr
    assert (tmp_path / "beat").exists(), "it beats the supervisor's heartbeat"
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "out-of-order screen for" in log
    assert "has been up for 1 s; asking the supervisor to try the kiosk again" in log
