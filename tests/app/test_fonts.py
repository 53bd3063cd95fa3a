"""Russian text is set in the kiosk's own fonts: no letter falls to a system font or a box."""

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QRawFont, QTextLayout
from pytestqt.qtbot import QtBot

from kiosk.app.fonts import FONTS_DIR, register_bundled_fonts
from kiosk.content.loader import load_exhibit
from kiosk.content.localized import Localized
from tests.conftest import SHIPPED_EXHIBITS

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
TYPED = "Дорогой господин Президент: «Я рад сообщить…» — № 1"


def families_setting(text: str, family: str) -> list[tuple[str, str]]:
    """Which font sets each run of `text` written in `family`, as Qt lays it out."""
    layout = QTextLayout(text, QFont(family, 24))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        glyphs = run.glyphIndexes()
        runs.append((raw.familyName(), "".join(str(glyph) for glyph in glyphs)))
        # A glyph index of 0 is the font's box for a letter it does not have.
        assert 0 not in glyphs, (raw.familyName(), text)
    return runs


def test_cyrillic_in_the_typewriter_face_is_set_in_the_bundled_pt_mono(qtbot: QtBot) -> None:
    register_bundled_fonts()
    runs = families_setting(TYPED, "Courier Prime")
    assert {family for family, _ in runs} <= {"Courier Prime", "PT Mono"}
    assert "PT Mono" in {family for family, _ in runs}
    # Latin stays in the typewriter face itself.
    assert {family for family, _ in families_setting("My dear Mr. Litvinov", "Courier Prime")} == {
        "Courier Prime"
    }


@pytest.mark.parametrize("family", ["Noto Serif", "Noto Sans"])
def test_noto_sets_cyrillic_itself(qtbot: QtBot, family: str) -> None:
    register_bundled_fonts()
    assert {name for name, _ in families_setting(TYPED, family)} == {family}


def russian_texts(exhibit_dir: Path) -> list[str]:
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, Localized):
            texts.extend(text for code, text in node.by_language if code == "ru" or CYRILLIC.search(text))
        elif hasattr(type(node), "model_fields"):
            for name in type(node).model_fields:
                walk(getattr(node, name))
        elif isinstance(node, tuple | list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)

    walk(result.exhibit)
    return texts


@pytest.mark.parametrize("exhibit_dir", SHIPPED_EXHIBITS, ids=lambda path: path.name)
def test_the_bundled_fonts_have_every_letter_of_the_shipped_russian_texts(
    qtbot: QtBot, exhibit_dir: Path
) -> None:
    letters = {letter for text in russian_texts(exhibit_dir) for letter in text if not letter.isspace()}
    # Each face of the body and display families on its own; the typewriter face with its stand-in.
    faces = {
        file: [file]
        for file in (
            "NotoSerif-Regular.ttf",
            "NotoSerif-Italic.ttf",
            "NotoSerif-Bold.ttf",
            "NotoSans-Regular.ttf",
        )
    } | {"Courier Prime": ["CourierPrime-Regular.otf", "PTMono-Regular.ttf"]}
    missing = {}
    for name, files in faces.items():
        fonts = [QRawFont(str(FONTS_DIR / file), 24) for file in files]
        assert all(font.isValid() for font in fonts), name
        lacking = [
            letter for letter in letters if not any(font.supportsCharacter(ord(letter)) for font in fonts)
        ]
        if lacking:
            missing[name] = "".join(sorted(lacking))
    assert missing == {}
