"""Layer rules that import-linter cannot state: it sees PySide6 only as a whole."""

import ast
import re
from pathlib import Path

from tests.conftest import REPOSITORY


def qt_modules_imported(package: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith("PySide6"):
                    found.setdefault(str(path.relative_to(REPOSITORY)), set()).add(name)
    return found


def test_services_use_qtcore_only() -> None:
    imports = qt_modules_imported(REPOSITORY / "kiosk" / "services")
    assert imports, "services are expected to use QtCore"
    assert {module for modules in imports.values() for module in modules} == {"PySide6.QtCore"}


def test_content_uses_no_qt() -> None:
    assert qt_modules_imported(REPOSITORY / "kiosk" / "content") == {}


#: The views that show the kiosk's own markup, built from escaped text: a Markdown body's styled
#: text (bold, italic), a glossary term's definition (the same), and a letter's paragraphs with
#: their noted phrases as links.
MARKUP_VIEWS = {
    "RichText.qml": "Text.StyledText",
    "TermCard.qml": "Text.StyledText",
    "LetterText.qml": "Text.RichText",
}
#: Qt's `Text` guesses the format of what it shows unless told; a guess may render HTML.
TEXT_ELEMENT = re.compile(r"^\s*(Text|TitleText)\s*\{\s*$")


def text_elements(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every Text element of a view: its line, its type, and the lines of its own properties."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for start, line in enumerate(lines):
        match = TEXT_ELEMENT.match(line)
        if match is None:
            continue
        depth, own = 0, []
        for line_in in lines[start:]:
            if depth == 1:
                own.append(line_in.strip())
            depth += line_in.count("{") - line_in.count("}")
            if depth == 0:
                break
        found.append((start + 1, match[1], own))
    return found


def test_every_text_in_the_views_is_plain_unless_it_shows_the_kiosks_own_markup() -> None:
    views = sorted((REPOSITORY / "kiosk" / "qml").rglob("*.qml"))
    unstated, rich = [], []
    for view in views:
        root_format = MARKUP_VIEWS.get(view.name, "Text.PlainText")
        for line, kind, own in text_elements(view):
            formats = [entry.split(":", 1)[1].strip() for entry in own if entry.startswith("textFormat:")]
            if kind == "TitleText":
                continue  # plain: TitleText.qml states it, and is checked as a view itself
            if not formats:
                unstated.append(f"{view.name}:{line}")
            elif formats != ["Text.PlainText"] and formats != [root_format]:
                rich.append(f"{view.name}:{line}: {formats[0]}")
    assert unstated == [], "Text elements that leave Qt to guess their format"
    assert rich == [], "Text elements that render markup outside the views made for it"
